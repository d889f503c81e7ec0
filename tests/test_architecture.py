"""House rules that keep the core usable without Qt (DESIGN §2)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import hotline

PACKAGE = Path(hotline.__file__).resolve().parent
UI = PACKAGE / "ui"


def _qt_imports(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """`file:line module` for every import of PySide6 (or shiboken6) in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute | ast.Name)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) in
              ("import_module", "__import__") and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            names = [node.args[0].value]
        for name in names:
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                found.append(f"{path.relative_to(root)}:{node.lineno} {name}")
    return found


def test_scanner_finds_qt_imports(tmp_path: Path) -> None:
    """The check itself must be able to fail."""
    sample = tmp_path / "probe.py"
    source = textwrap.dedent("""
        import os
        import PySide6.QtCore
        from PySide6.QtWidgets import QWidget
        from PySide6 import QtGui
        importlib.import_module("PySide6.QtSql")
        def later():
            import shiboken6
    """)
    sample.write_text(source, encoding="utf-8")
    hits = _qt_imports(sample, tmp_path)
    assert len(hits) == 5, hits


def test_no_pyside6_outside_ui() -> None:
    files = [p for p in PACKAGE.rglob("*.py") if UI not in p.parents]
    assert len(files) > 20  # the whole core is scanned, not an empty glob
    offenders = [hit for p in files for hit in _qt_imports(p)]
    assert offenders == [], "PySide6 imported outside hotline/ui/:\n" + "\n".join(offenders)


def test_importing_cli_and_app_does_not_load_qt(tmp_path: Path) -> None:
    """Run in a fresh interpreter: this test process has Qt loaded by pytest-qt already."""
    code = textwrap.dedent("""
        import sys
        import hotline.cli, hotline.app
        hotline.cli.build_parser()
        from hotline.app import open_app
        app = open_app(sys.argv[1])
        app.close()
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
        print(",".join(loaded))
    """)
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt modules loaded by the core: {result.stdout}"


def test_cli_command_runs_without_qt(tmp_path: Path) -> None:
    """A CLI sub-command (the path scheduled tasks use) never imports Qt either."""
    code = textwrap.dedent("""
        import sys
        from hotline.cli import main
        rc = main(["--data-dir", sys.argv[1], "calls", "list", "--json"])
        loaded = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")]
        sys.stderr.write("QT:" + ",".join(loaded) + "\\n")
        sys.exit(rc)
    """)
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "QT:\n" in result.stderr, result.stderr
    assert result.stdout.strip() == "[]"
