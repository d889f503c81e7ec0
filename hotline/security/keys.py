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

if TYPE_CHECKING:
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
        raise dbkey.KeyError_("cơ sở dữ liệu chưa được mã hóa")
    if info.mode == "passphrase":
        if not new_passphrase:
            raise dbkey.PassphraseNeeded("cần cụm mật khẩu mới")
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
