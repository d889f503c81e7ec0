"""Keyring backends for tests: never the real user keyring.

`FileKeyring` keeps secrets in a JSON file named by HOTLINE_TEST_KEYRING, so a subprocess
(the CLI started by a test) sees what the test stored. It claims to be secure on purpose:
it stands in for the OS credential store.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ.get("HOTLINE_TEST_KEYRING", "/tmp/hotline-test-keyring.json"))

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\x00{username}"] = password
        self._path().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\x00{username}", None) is None:
            raise PasswordDeleteError(username)
        self._path().write_text(json.dumps(data))
