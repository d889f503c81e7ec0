"""Packaging: the PyInstaller spec, the Windows installer script, the Linux menu entry and
install script, the icons, the bundle check, the screenshots and guides the README shows, and
`hotline --smoke-test`. No PyInstaller build here (scripts/build-bundle does that)."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from hotline.cli import main

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "hotline.spec"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


# ------------------------------------------------------------------------ the spec
def spec_namespace() -> dict:
    """The spec's trimming rules, executed alone (the spec itself needs PyInstaller)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    wanted = {"KEEP_PLUGINS", "DROP_LIBS", "KEEP_TRANSLATIONS"}
    nodes = [n for n in tree.body
             if (isinstance(n, ast.Assign) and any(getattr(t, "id", "") in wanted
                                                   for t in n.targets))
             or (isinstance(n, ast.FunctionDef) and n.name == "keep")]
    namespace: dict = {"Path": Path, "LINUX": True}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace


def test_spec_is_python_and_bundles_the_resources_and_every_hotline_module() -> None:
    text = SPEC.read_text(encoding="utf-8")
    ast.parse(text)
    assert '"hotline/resources"' in text  # resources/ shipped as the hotline.resources package
    assert 'ROOT / "resources"' in text and "hotline_modules()" in text
    assert (PACKAGING / "launcher.py").is_file() and "launcher.py" in text
    assert 'collect_data_files("vietnam_provinces")' in text
    assert 'copy_metadata("keyring")' in text
    for module in ("keyring.backends.SecretService", "keyring.backends.Windows",
                   "_argon2_cffi_bindings", "sqlcipher3", "_rl_accel"):
        assert f'"{module}"' in text, module
    for module in ("PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore",
                   "PySide6.QtWebEngineCore", "PySide6.QtMultimedia", "PySide6.QtNetwork"):
        assert f'"{module}"' in text, f"{module} is not excluded"
    assert (ICONS / "hotline.ico").is_file() and '"hotline.ico"' in text


def test_spec_trims_qt_plugins_libraries_and_translations() -> None:
    keep = spec_namespace()["keep"]
    kept = ["PySide6/Qt/plugins/platforms/libqxcb.so",
            "PySide6/Qt/plugins/platforms/libqoffscreen.so",
            "PySide6/Qt/plugins/platforms/qwindows.dll",
            "PySide6/Qt/plugins/imageformats/libqsvg.so",
            "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
            "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
            "PySide6/Qt/translations/qtbase_vi.qm",
            "PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt6Gui.dll", "libQt6Core.so.6",
            "hotline/resources/taxonomy.json", "libcups.so.2"]
    dropped = ["PySide6/Qt/plugins/platforms/libqvnc.so",
               "PySide6/Qt/plugins/platforms/libqeglfs.so",
               "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
               "PySide6/Qt/plugins/imageformats/libqpdf.so",
               "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
               "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
               "PySide6/Qt/translations/qtbase_de.qm",
               "PySide6/Qt/translations/qtdeclarative_vi.qm",
               "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6",
               "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
               "libQt6Network.so.6", "PySide6/opengl32sw.dll"]
    assert [p for p in kept if not keep(p)] == []
    assert [p for p in dropped if keep(p)] == []


# --------------------------------------------------------------- Windows installer
def test_inno_setup_script() -> None:
    raw = (PACKAGING / "windows" / "hotline.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads Vietnamese only from UTF-8 with BOM"
    text = raw.decode("utf-8-sig")
    assert "DefaultDirName={autopf}\\Hotline" in text
    assert "PrivilegesRequiredOverridesAllowed=dialog" in text  # per-user or per-machine
    assert 'Name: "{autoprograms}\\Hotline"; Filename: "{app}\\hotlinew.exe"' in text
    assert re.search(r'^Name: "english"; MessagesFile: "compiler:Default.isl"', text, re.M)
    assert re.search(r'^Name: "vietnamese"; MessagesFile: "\{#VietnameseIsl\}"', text, re.M)
    assert "vietnamese.AppComment=Ghi cuộc gọi" in text
    assert 'Source: "{#Bundle}\\*"' in text and "recursesubdirs" in text
    # Files the script reads, relative to the repository root.
    assert "{#Root}\\resources\\icons\\hotline.ico" in text and (ICONS / "hotline.ico").is_file()
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}", text, re.M)
    spec = SPEC.read_text(encoding="utf-8")
    assert 'name="hotlinew"' in spec and 'name="hotline"' in spec


# ------------------------------------------------------------------------- Linux
def test_desktop_entry_has_vietnamese_and_english() -> None:
    entry = (PACKAGING / "linux" / "hotline.desktop").read_text(encoding="utf-8")
    fields = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert fields["Name"] == "Hotline" and "Đường dây nóng" in fields["Name[vi]"]
    assert fields["Comment"] and "tra cứu pháp luật" in fields["Comment[vi]"]
    assert fields["Exec"] == "hotline" and fields["Icon"] == "hotline"
    assert "Office" in fields["Categories"].split(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate not installed (apt-get install "
                           "desktop-file-utils)")
def test_desktop_entry_validates(tmp_path: Path) -> None:
    good = subprocess.run(["desktop-file-validate", str(PACKAGING / "linux" / "hotline.desktop")],
                          capture_output=True, text=True, check=False)
    assert good.returncode == 0 and good.stdout.strip() == "", good.stdout + good.stderr
    broken = tmp_path / "broken.desktop"  # the validator does fail on a bad entry
    broken.write_text("[Desktop Entry]\nName=Hotline\nExec=hotline\n", encoding="utf-8")
    bad = subprocess.run(["desktop-file-validate", str(broken)], capture_output=True, text=True,
                         check=False)
    assert bad.returncode != 0


def fake_bundle(root: Path) -> Path:
    bundle = root / "dist" / "hotline"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "hotline"
    exe.write_text("#!/bin/sh\necho 'hotline 9.9'\n", encoding="utf-8")
    exe.chmod(0o755)
    return bundle


def test_install_script_puts_bundle_menu_entry_and_icons_in_place_and_removes_them(
        tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path / "build")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    script = PACKAGING / "linux" / "install.sh"
    done = subprocess.run([str(script), "--user", str(bundle)], env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    opt = home / ".local" / "opt" / "hotline"
    command = home / ".local" / "bin" / "hotline"
    assert subprocess.run([str(command)], capture_output=True, text=True,
                          check=True).stdout.strip() == "hotline 9.9"
    desktop = home / ".local" / "share" / "applications" / "hotline.desktop"
    assert f"Exec={opt}/hotline" in desktop.read_text(encoding="utf-8").splitlines()
    hicolor = home / ".local" / "share" / "icons" / "hicolor"
    for size in SIZES:
        assert Image.open(hicolor / f"{size}x{size}" / "apps" / "hotline.png").size == \
            (size, size)
    assert (hicolor / "scalable" / "apps" / "hotline.svg").is_file()

    missing = subprocess.run([str(script), "--user", str(tmp_path / "nothing")], env=env,
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 1 and "scripts/build-bundle" in missing.stderr

    gone = subprocess.run([str(script), "--user", "--uninstall"], env=env, capture_output=True,
                          text=True, check=False)
    assert gone.returncode == 0, gone.stderr
    assert not opt.exists() and not command.exists() and not desktop.exists()
    assert not (hicolor / "48x48" / "apps" / "hotline.png").exists()


def test_shell_scripts_parse() -> None:
    for script in (ROOT / "scripts" / "build-bundle", ROOT / "scripts" / "setup",
                   ROOT / "scripts" / "run-tests", PACKAGING / "linux" / "install.sh"):
        assert os.access(script, os.X_OK), f"{script} is not executable"
        subprocess.run(["bash", "-n", str(script)], check=True)


# --------------------------------------------------------------------- bundle check
def run_check(bundle: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(PACKAGING / "check_bundle.py"), str(bundle)],
                          capture_output=True, text=True, check=False)


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None,
                    reason="Linux bundles only")
def test_bundle_check_finds_unresolved_libraries_and_dangling_links(tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path)
    shutil.copy(sys.executable, bundle / "_internal" / "python-copy")  # an ELF that resolves
    ok = run_check(bundle)
    assert ok.returncode == 0 and "every library dependency resolved" in ok.stdout, ok.stderr
    (bundle / "_internal" / "libgone.so.1").symlink_to("PySide6/Qt/lib/libgone.so.1")
    broken = run_check(bundle)
    assert broken.returncode == 1 and "dangling link" in broken.stderr
    assert run_check(tmp_path).returncode == 1  # not a bundle at all


# ------------------------------------------------------------------------- icons
def test_icons_at_every_size_and_in_the_ico() -> None:
    svg = (ICONS / "hotline.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'viewBox="0 0 256 256"' in svg
    for size in SIZES:
        image = Image.open(ICONS / f"hotline-{size}.png")
        assert image.size == (size, size) and image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0, "corners are transparent"
        assert image.getpixel((size // 2, size // 2))[3] == 255
    ico = Image.open(ICONS / "hotline.ico")
    assert set(ico.info["sizes"]) == {(s, s) for s in SIZES}


# ------------------------------------------------------------ README, guides, screens
GUIDES = ("operator-guide.vi.md", "operator-guide.en.md", "head-guide.vi.md", "head-guide.en.md")


def images_in(markdown: Path) -> list[Path]:
    text = markdown.read_text(encoding="utf-8")
    return [(markdown.parent / target).resolve()
            for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+\.png)\)", text)]


def test_readme_shows_the_screens_and_links_the_guides() -> None:
    readme = ROOT / "README.md"
    shown = images_in(readme)
    assert len(shown) >= 8, "the README has a Screens section with the main screens"
    assert [str(p) for p in shown if not p.is_file()] == []
    text = readme.read_text(encoding="utf-8")
    for guide in GUIDES:
        assert f"docs/{guide}" in text, guide
    assert "scripts/build-bundle" in text and "scripts/screenshots.py" in text


def test_guides_exist_show_existing_screens_and_name_real_shortcuts() -> None:
    for name in GUIDES:
        guide = ROOT / "docs" / name
        missing = [str(p) for p in images_in(guide) if not p.is_file()]
        assert missing == [], f"{name}: {missing}"
    operator = {lang: (ROOT / "docs" / f"operator-guide.{lang}.md").read_text(encoding="utf-8")
                for lang in ("vi", "en")}
    for text in operator.values():
        for key in ("Ctrl+N", "Ctrl+S", "Alt+1", "Alt+5", "Ctrl+F", "Ctrl+Enter",
                    "Ctrl+Shift+C", "Ctrl+Shift+L", "F1", "Esc"):
            assert key in text, key
    heads = [(ROOT / "docs" / f"head-guide.{lang}.md").read_text(encoding="utf-8")
             for lang in ("vi", "en")]
    for text in heads:
        for needle in ("sync --catch-up", "schtasks /Create", "*/30 * * * *", "audit verify",
                       "--recovery-key", "retention apply", "report period"):
            assert needle in text, needle


def test_every_screenshot_is_used_and_small() -> None:
    screens = sorted((ROOT / "docs" / "screenshots").glob("*.png"))
    assert len(screens) >= 8
    used = {p for doc in [ROOT / "README.md", *(ROOT / "docs" / g for g in GUIDES)]
            for p in images_in(doc)}
    for png in screens:
        assert png.stat().st_size <= 200_000, f"{png.name} is over 200 KB"
        assert png.resolve() in used, f"{png.name} is shown nowhere"
        width, height = Image.open(png).size
        assert width >= 400 and height >= 200


# ----------------------------------------------------------------- the self-check
def test_smoke_test_refuses_real_data_and_sub_commands(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    assert main(["--data-dir", str(tmp_path), "--smoke-test"]) == 2
    assert "thư mục dữ liệu tạm" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(SystemExit) as stop:
        main(["--smoke-test", "calls", "list"])
    assert stop.value.code == 2
    assert "--smoke-test" in subprocess.run(
        [sys.executable, "-m", "hotline", "--help"], capture_output=True, text=True,
        check=True).stdout


def smoke(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env_extra)
    env.pop("HOTLINE_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "hotline", "--smoke-test"], env=env,
                          capture_output=True, text=True, timeout=240, check=False)


@pytest.mark.slow
def test_smoke_test_opens_the_window_and_leaves_nothing_behind(tmp_path: Path) -> None:
    keyring_file = tmp_path / "keyring.json"
    done = smoke({"HOTLINE_TEST_KEYRING": str(keyring_file), "TMPDIR": str(tmp_path)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1/2" in done.stdout and "SetupWizard" in done.stdout
    assert "2/2" in done.stdout and "trong kho khóa" in done.stdout
    assert list(tmp_path.glob("hotline-smoke-*")) == []  # the temporary data is gone
    assert keyring_file.read_text() == "{}"  # and so is its key


BROKEN_STORE = """
from hotline.store import db

def open_store(*args, **kwargs):
    raise db.StoreError("the database file is damaged (simulated)")

db.open_store = open_store
"""
BROKEN_PAGE = """
from hotline.ui import pages

def install_pages(window, app):
    raise ImportError("No module named 'pypdfium2' (simulated: left out of a bundle)")

pages.install_pages = install_pages
"""


@pytest.mark.parametrize(("sitecustomize", "stdout", "stderr"), [
    (BROKEN_STORE, "QMessageBox", "cửa sổ không khởi động được"),
    (BROKEN_PAGE, "1/2", "không dựng được cửa sổ đầy đủ"),
], ids=["error-box-at-start-up", "page-cannot-be-built"])
def test_smoke_test_fails_and_says_why(tmp_path: Path, sitecustomize: str, stdout: str,
                                       stderr: str) -> None:
    (tmp_path / "sitecustomize.py").write_text(sitecustomize, encoding="utf-8")
    done = smoke({"HOTLINE_TEST_KEYRING": str(tmp_path / "keyring.json"),
                  "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ["PYTHONPATH"]]),
                  "TMPDIR": str(tmp_path)})
    assert done.returncode == 1, done.stdout + done.stderr
    assert stdout in done.stdout and stderr in done.stderr, done.stdout + done.stderr
    assert "tự kiểm tra xong" not in done.stdout
    assert list(tmp_path.glob("hotline-smoke-*")) == []
