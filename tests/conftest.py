"""Shared fixtures: a fresh data directory per test, offscreen Qt, no real keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ.pop("HOTLINE_DATA_DIR", None)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    monkeypatch.setenv("HOTLINE_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def app(data_dir: Path) -> Iterator:
    from hotline.app import open_app

    application = open_app(data_dir)
    yield application
    application.close()


@pytest.fixture
def now() -> datetime:
    return datetime.now(TZ).replace(microsecond=0)
