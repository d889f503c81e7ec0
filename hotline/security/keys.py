"""Deciding and changing the database key when the app opens, restores or re-keys.

- No database yet: a new key (OS keyring, or a passphrase where no secure keyring exists).
- A plain (unencrypted) database from an earlier version: a new key, then the file and any
  plain pre-migration copies are encrypted in place (copy, verify, swap).
- Otherwise: the key from the keyring or the passphrase; a wrong one fails clearly.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hotline import config
from hotline.security import backup, dbkey, encryption
from hotline.translation import translate

if TYPE_CHECKING:
    import sqlite3

    from hotline.app import App


def resolve_key(data_dir: Path, passphrase: str | None = None) -> bytes:
    database = data_dir / config.DATABASE_FILE
    if not database.exists():
        return dbkey.new_key(data_dir, passphrase)
    if encryption.is_plain_sqlite(database):
        key = dbkey.new_key(data_dir, passphrase)
        encryption.encrypt_in_place(database, key)
        encryption.encrypt_plain_backups(data_dir / "backups", key)
        return key
    return dbkey.existing_key(data_dir, passphrase)


def change_key(app: App, new_passphrase: str | None = None) -> str:
    """Re-encrypt the database with a new key; return the new recovery code."""
    info = dbkey.load_info(app.data_dir)
    if info is None or app.store.key is None:
        raise dbkey.KeyError_(translate("core.security", "cơ sở dữ liệu chưa được mã hóa"))
    if info.mode == "passphrase":
        if not new_passphrase:
            raise dbkey.PassphraseNeeded(translate("core.security", "cần cụm mật khẩu mới"))
        new_info = dbkey.KeyInfo(mode="passphrase", salt=dbkey.random_key().hex()[:32])
        key = dbkey.derive(new_passphrase, new_info)
    else:
        new_info = info
        key = dbkey.random_key()
    with app.store.transaction() as tx:
        tx.execute(dbkey.rekey_pragma(key))
    app.store.close()
    app.store.key = key
    if info.mode == "passphrase":
        dbkey.save_info(app.data_dir, new_info)
    else:
        dbkey.store_recovered(app.data_dir, key)
    app.audit.record(app.actor, "key.change")
    return dbkey.recovery_code(key)


def restore_backup(data_dir: Path, file: Path, recovery_code: str | None = None,
                   passphrase: str | None = None) -> Path | None:
    """Put a verified backup in place as the data directory's database.

    With a recovery code (another PC, a lost keyring) the key is taken from it and kept in
    this PC's keyring. Returns where the previous database was moved, if there was one.
    """
    if recovery_code:
        key = dbkey.parse_recovery_code(recovery_code)
    else:
        key = dbkey.existing_key(data_dir, passphrase)
    backup.verify(file, key)
    database = data_dir / config.DATABASE_FILE
    from hotline.clock import Clock

    aside = backup.restore(file, database, key, Clock())
    if recovery_code:
        dbkey.store_recovered(data_dir, key)
    return aside if aside.exists() else None


def reset_passphrase(data_dir: Path, recovered_key: bytes, new_passphrase: str) -> str:
    """A forgotten passphrase: open the data with the recovery key and re-encrypt it under a
    key derived from a new passphrase. The old recovery key stops working (the key changed);
    the new recovery code is returned, to be shown once.
    """
    new_info = dbkey.KeyInfo(mode="passphrase", salt=dbkey.random_key().hex()[:32])
    new_key = dbkey.derive(new_passphrase, new_info)  # refuses a short passphrase first
    conn = _open_with(data_dir, recovered_key, translate(
        "core.security", "khóa khôi phục không mở được dữ liệu này"))
    try:
        # The new salt first, then the re-key: a crash in between leaves the data under the
        # old key, which the recovery code still opens (the reset can simply be repeated).
        dbkey.save_info(data_dir, new_info)
        conn.execute(dbkey.rekey_pragma(new_key))
    finally:
        conn.close()
    return dbkey.recovery_code(new_key)


def check_key(data_dir: Path, key: bytes, message: str | None = None) -> None:
    """Raise KeyError_(message) unless `key` opens the data directory's database (checked
    before a recovered key is kept in the keyring, or a restore replaces anything)."""
    if message is None:
        message = translate("core.security", "khóa không mở được dữ liệu này")
    _open_with(data_dir, key, message).close()


def _open_with(data_dir: Path, key: bytes, message: str) -> sqlite3.Connection:
    from hotline.store import db as storedb

    database = data_dir / config.DATABASE_FILE
    if not database.exists():
        raise dbkey.KeyError_(translate("core.security", "không có cơ sở dữ liệu {path}").format(
            path=database))
    conn = None
    try:
        conn = storedb.connect(database, key=key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except storedb.DB_ERRORS as exc:
        if conn is not None:
            conn.close()
        raise dbkey.KeyError_(message) from exc
    return conn
