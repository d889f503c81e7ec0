"""Numbered schema migrations.

Each migration is a module `hotline/store/migrations/mNNNN_name.py` with `def up(conn)`.
The schema version is SQLite's `user_version`. Before any migration runs on an existing
database, the file is copied with SQLite's online backup API; each migration then runs in
its own transaction together with the version bump, so a crash leaves the old or the new
schema, never a mix.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hotline.store.db import Store

_NAME = re.compile(r"^m(\d{4})_\w+$")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    up: Callable[[sqlite3.Connection], None]


def available() -> list[Migration]:
    from hotline.store import migrations as package

    found = []
    for info in pkgutil.iter_modules(package.__path__):
        match = _NAME.match(info.name)
        if not match:
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.append(Migration(int(match.group(1)), info.name, module.up))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two migrations share a number: {numbers}")
    return found


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_copy(store: Store, target: Path) -> None:
    """A consistent copy of a live database (online backup API, same encryption key),
    written beside the target and renamed when complete."""
    from hotline.store.db import connect

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(target.suffix + ".part")
    # Own connections with small page caches, as the daily backup's (hotline.security.backup
    # COPY_CACHE_KIB): every page is copied once, and the house cache of 64 MB per
    # connection would otherwise fill on both sides with a large database.
    source = store.new_connection(readonly=True)
    try:
        source.execute("PRAGMA cache_size=-2048")
        dest = connect(tmp, key=store.key, journal="DELETE")
        try:
            dest.execute("PRAGMA cache_size=-2048")
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    tmp.replace(target)


def applied_numbers(conn: sqlite3.Connection) -> set[int]:
    """Migrations already applied. Tracked by number in `schema_migrations`, so a migration
    added later with a lower number than one already applied still runs."""
    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                             "name = 'schema_migrations'").fetchone()
    if has_table is None:
        # Databases from before the table existed: user_version was the highest applied.
        return set(range(1, current_version(conn) + 1))
    return {int(r[0]) for r in conn.execute("SELECT number FROM schema_migrations")}


def upgrade(store: Store, backup_dir: Path) -> list[str]:
    """Bring the schema up to date; return the names of the migrations applied."""
    conn = store.conn
    done = applied_numbers(conn)
    pending = [m for m in available() if m.number not in done]
    if not pending:
        return []
    if done:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_copy(store, backup_dir / f"pre-migration-v{max(done)}-{stamp}.sqlite")
    applied = []
    for migration in pending:
        with store.transaction() as tx:
            if migration.number in applied_numbers(tx):
                # Another process (a second window, a scheduled task) applied it while this
                # one waited for the write lock.
                done.add(migration.number)
                continue
            tx.execute("CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY "
                       "KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            tx.executemany("INSERT OR IGNORE INTO schema_migrations VALUES (?, '', '')",
                           [(n,) for n in done])
            migration.up(tx)
            tx.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                       (migration.number, migration.name,
                        datetime.now().isoformat(timespec="seconds")))
            version = max(current_version(tx), migration.number)
            tx.execute(f"PRAGMA user_version={version}")
        done.add(migration.number)
        applied.append(migration.name)
    return applied


def latest_version() -> int:
    migrations = available()
    return migrations[-1].number if migrations else 0


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run a multi-statement script inside the current transaction.

    `executescript` would COMMIT first and break the migration's atomicity, so statements
    are split with `sqlite3.complete_statement` (which understands triggers) and run one by one.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                conn.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer[:80]}")
