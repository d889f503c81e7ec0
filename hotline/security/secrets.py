"""A tiny interface over `keyring`: the OS credential store, and nothing else.

Windows Credential Manager, macOS Keychain or the Secret Service on Linux. When the only
backend available stores secrets in plain text or nowhere at all, callers are told so
(`InsecureKeyring`) and must ask the user for a passphrase instead — never a silent fallback.
"""

from __future__ import annotations

import contextlib

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

from hotline.translation import translate

SERVICE = "Hotline"

# Backends that must never hold the database key: they keep nothing, refuse everything,
# or keep secrets in a readable file.
_INSECURE = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt",
             "keyring_insecure_backend", "keyring.backends.chainer")


class InsecureKeyring(RuntimeError):
    """No secure OS credential store is available on this machine."""


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_secure() -> bool:
    backend = keyring.get_keyring()
    module = type(backend).__module__
    if module.startswith("keyring.backends.chainer"):
        inner = getattr(backend, "backends", [])
        return bool(inner) and all(not type(b).__module__.startswith(_INSECURE) for b in inner)
    try:
        priority = float(backend.priority)
    except Exception:
        priority = 1.0
    return not module.startswith(_INSECURE) and priority > 0


def get(name: str) -> str | None:
    if not is_secure():
        raise InsecureKeyring(translate(
            "core.security", "không có kho khóa an toàn của hệ điều hành ({backend})").format(
                backend=backend_name()))
    try:
        return keyring.get_password(SERVICE, name)
    except KeyringError as exc:
        raise InsecureKeyring(translate(
            "core.security", "kho khóa của hệ điều hành không trả lời: {problem}").format(
                problem=exc)) from exc


def put(name: str, value: str) -> None:
    if not is_secure():
        raise InsecureKeyring(translate(
            "core.security", "không có kho khóa an toàn của hệ điều hành ({backend})").format(
                backend=backend_name()))
    try:
        keyring.set_password(SERVICE, name, value)
    except KeyringError as exc:
        raise InsecureKeyring(translate("core.security", "không lưu được vào kho khóa: {problem}"
                                        ).format(problem=exc)) from exc


def delete(name: str) -> None:
    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(SERVICE, name)
