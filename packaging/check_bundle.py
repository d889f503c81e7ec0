"""Check a Linux one-folder bundle: every shared library finds what it links to.

PyInstaller's bootloader puts the bundle's `_internal` folder on the library path, so the
check runs `ldd` the same way. A library that finds nothing here or on the system means the
trimming in packaging/hotline.spec removed too much (or the build machine lacks a system
library the bundle expects, e.g. libEGL). Also lists dangling symbolic links.

    .venv/bin/python packaging/check_bundle.py dist/hotline
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def is_elf(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def problems(bundle: Path) -> list[str]:
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    found: list[str] = []
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() and not path.exists():
            found.append(f"{path.relative_to(bundle)}: dangling link to {os.readlink(path)}")
            continue
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env,
                                check=False)
        for line in result.stdout.splitlines():
            if "not found" in line:
                found.append(f"{path.relative_to(bundle)}: {line.strip()}")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: check_bundle.py BUNDLE_DIR", file=sys.stderr)
        return 2
    bundle = Path(argv[1])
    if not (bundle / "_internal").is_dir():
        print(f"check_bundle: {bundle} is not a PyInstaller one-folder bundle", file=sys.stderr)
        return 1
    found = problems(bundle)
    for line in found:
        print(f"check_bundle: {line}", file=sys.stderr)
    if found:
        return 1
    elf = sum(1 for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))
    print(f"check_bundle: {elf} binaries, every library dependency resolved")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
