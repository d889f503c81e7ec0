"""Encrypting an existing plain database safely: copy, verify, then swap.

The encrypted copy is written beside the original with `sqlcipher_export`, checked (integrity,
row counts of every table), and only then renamed over the original. The plain original and
any plain pre-migration copies are overwritten before removal, so no caller data stays
readable on the disk.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from hotline.store.db import connect


class EncryptionError(RuntimeError):
    pass


def is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (its header is readable text)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table (sqlite-utils introspection), to check an encrypted copy is whole."""
    # Imported here: sqlite_utils imports numpy when it is installed, and start-up (which
    # imports this module) should not pay for that.
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    return {name: db.table(name).count for name in db.table_names()
            if not name.startswith("sqlite_")}


def shred(path: Path) -> None:
    """Overwrite a file with zeros before removing it (best effort on SSDs; the file system
    may keep old blocks, which is why the database itself is encrypted from the start)."""
    if not path.exists():
        return
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        chunk = b"\0" * 65536
        written = 0
        while written < size:
            fh.write(chunk[: min(len(chunk), size - written)])
            written += len(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Turn the plain database at `path` into an encrypted one with `key`."""
    import sqlcipher3

    plain = connect(path)  # sqlite3: checkpoint the WAL into the main file first
    plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    expected = _counts(plain)
    version = plain.execute("PRAGMA user_version").fetchone()[0]
    plain.close()

    tmp = path.with_name("." + path.name + ".encrypting")
    tmp.unlink(missing_ok=True)
    src = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        src.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(tmp),))
        src.execute("SELECT sqlcipher_export('encrypted')")
        src.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        src.execute("DETACH DATABASE encrypted")
    finally:
        src.close()

    try:
        check = connect(tmp, key=key, journal="DELETE")
        try:
            if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise EncryptionError("bản mã hóa không toàn vẹn")
            if _counts(check) != expected:
                raise EncryptionError("bản mã hóa thiếu dữ liệu")
            check.execute("PRAGMA journal_mode=WAL")
        finally:
            check.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    plain_copy = path.with_name("." + path.name + ".plain")
    os.replace(path, plain_copy)
    os.replace(tmp, path)
    shred(plain_copy)
    for suffix in ("-wal", "-shm"):
        Path(str(plain_copy) + suffix).unlink(missing_ok=True)
        side = Path(str(path) + suffix)
        if side.exists() and suffix == "-wal":
            shred(side)
        side.unlink(missing_ok=True)


def encrypt_plain_backups(folder: Path, key: bytes) -> int:
    """Encrypt plain copies left in the backups folder (e.g. pre-migration copies)."""
    count = 0
    if not folder.is_dir():
        return 0
    for path in sorted(folder.iterdir()):
        if path.is_file() and is_plain_sqlite(path):
            encrypt_in_place(path, key)
            count += 1
    return count
