"""Numbered migrations: mNNNN_name.py, each with `up(conn)`; run in order by migrate.upgrade."""
