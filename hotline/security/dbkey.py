"""The database key: random, kept in the OS keyring, or derived from a passphrase.

- First run: a random 256-bit key is created and stored in the OS keyring under a name tied
  to the data directory. Where no secure keyring exists, the key is derived from a passphrase
  with Argon2id (memory-hard); the salt and parameters sit in `key.json` (not secret).
- The recovery key is the raw key written in groups of letters and digits (base32 with a
  checksum). It is shown once to the center head; with it a reinstalled PC or a lost keyring
  still opens the data.
- SQLCipher takes the raw key (`PRAGMA key = "x'…'"`), so no second key derivation runs on
  every open.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets as pysecrets
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

from hotline.atomic import atomic_write
from hotline.security import secrets
from hotline.translation import translate

KEY_FILE = "key.json"
KEY_BYTES = 32


class KeyError_(RuntimeError):
    """The key is missing or wrong; the message says what the user can do."""


class PassphraseNeeded(KeyError_):
    """No secure keyring: the caller must ask for the passphrase."""


@dataclass(frozen=True)
class KeyInfo:
    """What `key.json` holds: how to find or derive the key. Never the key itself."""

    mode: str  # "keyring" or "passphrase"
    keyring_name: str = ""
    salt: str = ""  # hex, passphrase mode
    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 2
    version: int = 1


def keyring_name(data_dir: Path) -> str:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return f"db-key-{digest}"


def load_info(data_dir: Path) -> KeyInfo | None:
    path = data_dir / KEY_FILE
    if not path.exists():
        return None
    return KeyInfo(**json.loads(path.read_text(encoding="utf-8")))


def save_info(data_dir: Path, info: KeyInfo) -> None:
    with atomic_write(data_dir / KEY_FILE) as fh:
        json.dump(asdict(info), fh, indent=2)


def derive(passphrase: str, info: KeyInfo) -> bytes:
    if len(passphrase) < 10:
        raise KeyError_(translate("core.security", "cụm mật khẩu phải có ít nhất 10 ký tự"))
    return hash_secret_raw(passphrase.encode("utf-8"), bytes.fromhex(info.salt),
                           time_cost=info.time_cost, memory_cost=info.memory_kib,
                           parallelism=info.parallelism, hash_len=KEY_BYTES, type=Type.ID)


def new_key(data_dir: Path, passphrase: str | None = None) -> bytes:
    """Create the key for a new database (keyring if secure, else from the passphrase)."""
    if secrets.is_secure() and passphrase is None:
        key = pysecrets.token_bytes(KEY_BYTES)
        info = KeyInfo(mode="keyring", keyring_name=keyring_name(data_dir))
        try:
            secrets.put(info.keyring_name, key.hex())
        except secrets.InsecureKeyring as exc:  # e.g. a locked keyring nobody can unlock
            raise PassphraseNeeded(translate(
                "core.security", "Kho khóa của hệ điều hành không dùng được ({problem}); hãy "
                "đặt một cụm mật khẩu để mã hóa dữ liệu.").format(problem=exc)) from exc
        save_info(data_dir, info)
        return key
    if passphrase is None:
        raise PassphraseNeeded(translate(
            "core.security", "Máy này không có kho khóa an toàn của hệ điều hành; hãy đặt một "
            "cụm mật khẩu để mã hóa dữ liệu."))
    info = KeyInfo(mode="passphrase", salt=pysecrets.token_hex(16))
    key = derive(passphrase, info)
    save_info(data_dir, info)
    return key


def existing_key(data_dir: Path, passphrase: str | None = None) -> bytes:
    """The key of an existing database, from the keyring or the passphrase."""
    info = load_info(data_dir)
    if info is None:
        raise KeyError_(translate("core.security",
                                  "thiếu tệp key.json: dùng khóa khôi phục để mở dữ liệu"))
    if info.mode == "passphrase":
        if passphrase is None:
            raise PassphraseNeeded(translate("core.security", "Nhập cụm mật khẩu để mở dữ liệu."))
        return derive(passphrase, info)
    try:
        stored = secrets.get(info.keyring_name)
    except secrets.InsecureKeyring as exc:
        raise KeyError_(translate("core.security", "{problem}. Dùng khóa khôi phục để mở dữ liệu."
                                  ).format(problem=exc)) from exc
    if not stored:
        raise KeyError_(translate(
            "core.security", "không tìm thấy khóa trong kho khóa của hệ điều hành (máy mới hoặc "
            "cài lại?). Dùng khóa khôi phục: hotline key recover"))
    return bytes.fromhex(stored)


def store_recovered(data_dir: Path, key: bytes, passphrase: str | None = None) -> None:
    """Keep a key recovered from the recovery code (keyring, or re-wrapped by a passphrase
    cannot be: a passphrase-derived key is fixed, so passphrase mode needs the passphrase)."""
    if secrets.is_secure():
        info = KeyInfo(mode="keyring", keyring_name=keyring_name(data_dir))
        secrets.put(info.keyring_name, key.hex())
        save_info(data_dir, info)
        return
    raise PassphraseNeeded(translate(
        "core.security", "Máy này không có kho khóa an toàn; mở dữ liệu bằng khóa khôi phục "
        "mỗi lần, hoặc đổi sang cụm mật khẩu."))


def forget(data_dir: Path) -> None:
    info = load_info(data_dir)
    if info and info.mode == "keyring":
        secrets.delete(info.keyring_name)


# ------------------------------------------------------------------- recovery key
def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(b"hotline-recovery" + key).digest()[:2]


def recovery_code(key: bytes) -> str:
    """The key for people: 56 letters/digits in groups of four, with a checksum."""
    text = base64.b32encode(key + _checksum(key)).decode().rstrip("=")
    return "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def parse_recovery_code(code: str) -> bytes:
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(padded)
    except ValueError as exc:
        raise KeyError_(translate("core.security", "khóa khôi phục không đúng định dạng")) from exc
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if len(key) != KEY_BYTES or _checksum(key) != check:
        raise KeyError_(translate("core.security",
                                  "khóa khôi phục sai (kiểm tra lại từng nhóm ký tự)"))
    return key


def key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def rekey_pragma(key: bytes) -> str:
    return f"PRAGMA rekey = \"x'{key.hex()}'\""


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)
