"""Integration with a real Secret Service: gnome-keyring under dbus-run-session.

The database key goes into the OS keyring on first run and is read back by the next
process; the database file is not plain SQLite. Skipped where gnome-keyring is not installed
(scripts/setup installs it for the test run on Debian/Ubuntu).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")),
    reason="gnome-keyring and dbus-run-session are not installed")

SCRIPT = r"""
set -e
export HOME="$1/home"; mkdir -p "$HOME"
export XDG_DATA_HOME="$HOME/.local/share"
echo -n "session-pass" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
export PYTHON_KEYRING_BACKEND=keyring.backends.SecretService.Keyring
unset HOTLINE_PASSPHRASE
"$2" -c "from hotline.security import secrets; assert secrets.is_secure(), secrets.backend_name()"
"$2" -m hotline --data-dir "$1/data" demo --calls 7 --days 2
"$2" -m hotline --data-dir "$1/data" calls list --from 2000-01-01 --to 2100-01-01 --json \
    > "$1/list.json"
"$2" -c "import keyring; print(len(keyring.get_password('Hotline', \
    __import__('hotline.security.dbkey', fromlist=['x']).keyring_name( \
    __import__('pathlib').Path('$1/data')))))" > "$1/keylen.txt"
"""


def test_key_in_a_real_secret_service(tmp_path: Path) -> None:
    script = tmp_path / "run.sh"
    script.write_text(SCRIPT)
    done = subprocess.run(["dbus-run-session", "--", "bash", str(script), str(tmp_path),
                           sys.executable], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    calls = json.loads((tmp_path / "list.json").read_text())
    assert len(calls) == 7
    assert (tmp_path / "keylen.txt").read_text().strip() == "64"  # 32 bytes, hex
    info = json.loads((tmp_path / "data" / "key.json").read_text())
    assert info["mode"] == "keyring"
    header = (tmp_path / "data" / "hotline.sqlite").read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
