"""Shared fixtures: a fresh data directory per test, offscreen Qt, no real keyring."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HOTLINE_DATA_DIR", None)
# The database key lives in the OS keyring; tests use a file-backed stand-in (never the real
# user keyring), visible to the CLI subprocesses that tests start (PYTHONPATH has tests/).
_TESTS = str(Path(__file__).resolve().parent)
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring_backends.FileKeyring"
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (_TESTS, os.environ.get("PYTHONPATH", "")) if p)
os.environ.setdefault("HOTLINE_TEST_KEYRING",
                      str(Path(tempfile.mkdtemp(prefix="hotline-keyring-")) / "keyring.json"))

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    monkeypatch.setenv("HOTLINE_DATA_DIR", str(directory))
    monkeypatch.setenv("HOTLINE_TEST_KEYRING", str(tmp_path / "keyring.json"))
    return directory


@pytest.fixture
def app(data_dir: Path) -> Iterator:
    from hotline.app import open_app

    application = open_app(data_dir)
    yield application
    if "PySide6.QtCore" in sys.modules:  # a window's background task may still be reading
        from hotline.ui.tasks import wait_for_background

        wait_for_background()
    application.close()


@pytest.fixture
def now() -> datetime:
    return datetime.now(TZ).replace(microsecond=0)
