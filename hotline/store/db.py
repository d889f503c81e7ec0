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
from typing import Any

from hotline.store import functions, migrate
from hotline.translation import translate

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


class WrongKey(StoreError):
    """An encrypted database that this key (or passphrase) does not open."""


def _driver(key: bytes | None) -> Any:  # a DB-API module (sqlite3 or sqlcipher3)
    """sqlite3 for a plain database; SQLCipher's drop-in module for an encrypted one."""
    if key is None:
        return sqlite3
    import sqlcipher3

    return sqlcipher3


def _errors() -> tuple[type[Exception], ...]:
    try:
        import sqlcipher3
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, sqlcipher3.dbapi2.DatabaseError)


# Catch these, not sqlite3.DatabaseError alone: encrypted connections raise SQLCipher's own.
DB_ERRORS: tuple[type[Exception], ...] = _errors()


def connect(path: Path | str, *, readonly: bool = False, key: bytes | None = None,
            journal: str = "WAL") -> sqlite3.Connection:
    """A new connection with the house pragmas, in autocommit mode (explicit transactions).

    With `key`, the file is encrypted with SQLCipher (raw 256-bit key, no per-open key
    derivation); every page, the WAL and temporary data are unreadable without it.
    """
    driver = _driver(key)
    if readonly:
        uri = f"file:{Path(path).as_posix()}?mode=ro"
        conn = driver.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = driver.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = driver.Row
    functions.register(conn)  # the call search triggers need them (m0006)
    if key is not None:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error to report
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    for pragma in PRAGMAS:
        if "journal_mode" in pragma:
            if not readonly:
                conn.execute(f"PRAGMA journal_mode={journal}")
            continue
        conn.execute(pragma)
    return conn


class Store:
    """The database file plus a per-thread connection and a write transaction helper."""

    def __init__(self, path: Path, key: bytes | None = None) -> None:
        self.path = path
        self.key = key
        # One connection per thread, keyed by thread id rather than kept in threading.local:
        # SQLCipher's module aborts the process when a connection is freed while a Qt pool
        # thread's Python state is torn down, so connections live here until close().
        self._conns: dict[int, sqlite3.Connection] = {}
        self._conns_lock = threading.Lock()
        self._write_lock = threading.RLock()

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use)."""
        ident = threading.get_ident()
        conn = self._conns.get(ident)
        if conn is None:
            conn = connect(self.path, key=self.key)
            with self._conns_lock:
                self._conns[ident] = conn
        return conn

    def new_connection(self, *, readonly: bool = False) -> sqlite3.Connection:
        """A connection for a worker thread that manages its own lifetime."""
        return connect(self.path, readonly=readonly, key=self.key)

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
        """Close every thread's connection (the calling thread's is optimized first)."""
        with self._conns_lock:
            conns, self._conns = self._conns, {}
        mine = conns.pop(threading.get_ident(), None)
        if mine is not None:
            with suppress(*DB_ERRORS):
                mine.execute("PRAGMA optimize")
            mine.close()
        for conn in conns.values():
            with suppress(*DB_ERRORS):
                conn.close()


def open_store(path: Path, *, backup_dir: Path | None = None,
               key: bytes | None = None) -> Store:
    """Open (creating if needed) and migrate the database; a backup precedes any migration."""
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path, key)
    try:
        store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        migrate.upgrade(store, backup_dir or path.parent / "backups")
    except BaseException as exc:
        # Release the file (Windows keeps an open file locked): the user may need to
        # restore a backup over it.
        with suppress(*DB_ERRORS):
            store.close()
        if not isinstance(exc, DB_ERRORS):
            raise
        if key is not None and "not a database" in str(exc):
            raise WrongKey(translate(
                "core.store", "Sai cụm mật khẩu hoặc khóa mã hóa (hoặc tệp dữ liệu bị hỏng): "
                "không mở được {path}. Không có gì bị thay đổi.").format(path=path)) from exc
        raise StoreError(translate(
            "core.store", "Không mở được cơ sở dữ liệu {path}: {problem}. "
            "Tệp có thể bị hỏng; hãy khôi phục từ bản sao lưu.").format(path=path, problem=exc)
        ) from exc
    return store
