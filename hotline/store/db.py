"""One SQLite file in the data directory, opened the same way everywhere.

WAL lets the window read while a save commits; `synchronous=FULL` makes each commit durable
(a power cut after "saved" keeps the call); foreign keys are on. Each thread gets its own
connection from `Store.connect()` — sqlite3 connections must not cross threads.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from hotline.store import migrate

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA cache_size=-65536",
    "PRAGMA temp_store=MEMORY",
)


class StoreError(RuntimeError):
    """The database cannot be opened or is damaged; the message says what to do."""


def connect(path: Path | str, *, readonly: bool = False) -> sqlite3.Connection:
    """A new connection with the house pragmas, in autocommit mode (explicit transactions)."""
    if readonly:
        uri = f"file:{Path(path).as_posix()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    for pragma in PRAGMAS:
        if readonly and "journal_mode" in pragma:
            continue
        conn.execute(pragma)
    return conn


class Store:
    """The database file plus a per-thread connection and a write transaction helper."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._write_lock = threading.RLock()

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
        return conn

    def new_connection(self, *, readonly: bool = False) -> sqlite3.Connection:
        """A connection for a worker thread that manages its own lifetime."""
        return connect(self.path, readonly=readonly)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception. Writes are serialized."""
        conn = self.conn
        with self._write_lock:
            if conn.in_transaction:  # nested: join the outer transaction
                yield conn
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with suppress(sqlite3.Error):
                conn.execute("PRAGMA optimize")
            conn.close()
            self._local.conn = None


def open_store(path: Path, *, backup_dir: Path | None = None) -> Store:
    """Open (creating if needed) and migrate the database; a backup precedes any migration."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        store = Store(path)
        migrate.upgrade(store, backup_dir or path.parent / "backups")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"Không mở được cơ sở dữ liệu {path}: {exc}. "
            "Tệp có thể bị hỏng; hãy khôi phục từ bản sao lưu."
        ) from exc
    return store
