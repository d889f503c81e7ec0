"""The SQLite store: connections, schema migrations and file safety."""

from hotline.store.db import Store, open_store

__all__ = ["Store", "open_store"]
