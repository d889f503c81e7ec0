"""The Windows installer script (packaging/windows/hotline.iss), read the way Inno Setup's
compiler reads it: its preprocessor defines expanded, every local file it names present, the
folder it packs the one PyInstaller's spec writes, its version the project's, a Start-menu
shortcut to an executable the spec builds, and Vietnamese and English offered (the bundled
Vietnamese.isl). Inno Setup itself runs only on Windows, so it is not run here."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path, PureWindowsPath

import pytest

import hotline

ROOT = Path(__file__).resolve().parent.parent
ISS = ROOT / "packaging" / "windows" / "hotline.iss"
ISL = ROOT / "packaging" / "windows" / "Vietnamese.isl"
SPEC = ROOT / "packaging" / "hotline.spec"
# [Setup] directives and [Languages] parameters that name a file on the build machine.
FILE_DIRECTIVES = ("SetupIconFile", "LicenseFile", "InfoBeforeFile", "InfoAfterFile",
                   "WizardImageFile", "WizardSmallImageFile", "MessagesFile")


class InnoScript:
    """The parts of an .iss this test needs: `#define`s (string expressions only) and the
    sections with `{#Name}` expanded."""

    def __init__(self, path: Path) -> None:
        self.path = path
        raw = path.read_bytes()
        self.has_bom = raw.startswith(b"\xef\xbb\xbf")
        self.defines: dict[str, str] = {}
        self.sections: dict[str, list[str]] = {}
        section = ""
        for line in raw.decode("utf-8-sig").splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith(";"):
                continue
            match = re.match(r"#\s*define\s+(\w+)\s+(.+)$", stripped)
            if match:
                self.defines[match.group(1)] = self.evaluate(match.group(2))
                continue
            if stripped.startswith("#"):
                continue  # #if/#error/#endif: conditions this test checks on its own
            header = re.match(r"\[(\w+)\]$", stripped)
            if header:
                section = header.group(1)
                self.sections.setdefault(section, [])
            else:
                self.sections.setdefault(section, []).append(self.expand(stripped))

    def evaluate(self, expression: str) -> str:
        """`"text"`, `AddBackslash(SourcePath)` and earlier defines joined by `+`."""
        parts = []
        for term in (t.strip() for t in expression.split("+")):
            if re.fullmatch(r'"[^"]*"', term):
                parts.append(term[1:-1])
            elif term == "AddBackslash(SourcePath)":
                parts.append(self.path.parent.as_posix() + "\\")  # the script's folder
            elif term in self.defines:
                parts.append(self.defines[term])
            else:
                raise ValueError(f"{self.path.name}: cannot evaluate {term!r} in {expression!r}")
        return "".join(parts)

    def expand(self, text: str) -> str:
        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.defines:
                raise ValueError(f"{self.path.name}: {{#{name}}} is not defined")
            return self.defines[name]
        return re.sub(r"\{#(\w+)\}", value, text)

    def directives(self, section: str = "Setup") -> dict[str, str]:
        return dict(line.split("=", 1) for line in self.sections.get(section, []) if "=" in line)

    def entries(self, section: str) -> list[dict[str, str]]:
        """`Name: "x"; Filename: "y"` lines as dictionaries."""
        return [{k.strip(): v.strip().strip('"') for k, v in
                 (part.split(":", 1) for part in line.split(";") if ":" in part)}
                for line in self.sections.get(section, [])]

    def local_files(self) -> list[str]:
        """Every build-machine file the script names (compiler: files come with Inno)."""
        names = [v for k, v in self.directives().items() if k in FILE_DIRECTIVES]
        for entry in self.entries("Languages"):
            names += [v for k, v in entry.items() if k in FILE_DIRECTIVES]
        return [n for n in names if not n.startswith("compiler:")]


def to_posix(windows_path: str) -> Path:
    """A path built by the preprocessor (backslashes, `..`) as a file here."""
    return Path(windows_path.replace("\\", "/")).resolve()


def spec_calls(name: str) -> list[dict[str, object]]:
    """The keyword arguments of every EXE(…)/COLLECT(…) call of the PyInstaller spec."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    return [{k.arg: ast.literal_eval(k.value) for k in node.keywords
             if k.arg and isinstance(k.value, ast.Constant)}
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == name]


@pytest.fixture(scope="module")
def iss() -> InnoScript:
    return InnoScript(ISS)


def test_the_reader_finds_a_missing_file_and_an_unknown_define(tmp_path: Path) -> None:
    """The checks below can fail."""
    script = tmp_path / "probe.iss"
    script.write_text('#define Root AddBackslash(SourcePath) + ".."\n[Setup]\n'
                      'SetupIconFile={#Root}\\nothing.ico\n[Languages]\n'
                      'Name: "x"; MessagesFile: "compiler:Default.isl"\n', encoding="utf-8")
    probe = InnoScript(script)
    assert [str(to_posix(f)) for f in probe.local_files()] == [
        str((tmp_path / ".." / "nothing.ico").resolve())]
    assert not to_posix(probe.local_files()[0]).exists()
    script.write_text("[Setup]\nAppVersion={#Missing}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Missing"):
        InnoScript(script)


def test_every_file_the_installer_names_exists(iss: InnoScript) -> None:
    files = iss.local_files()
    assert any(f.endswith("hotline.ico") for f in files)
    assert any(f.endswith("Vietnamese.isl") for f in files)
    missing = [f for f in files if not to_posix(f).is_file()]
    assert missing == [], missing
    assert iss.has_bom, "Inno Setup reads Vietnamese only from UTF-8 with a BOM before 6.3"


def test_it_packs_the_folder_pyinstaller_writes_and_starts_an_executable_it_builds(
        iss: InnoScript) -> None:
    (collect,) = spec_calls("COLLECT")
    bundle = PureWindowsPath(iss.defines["Bundle"])
    assert bundle.name == collect["name"] and bundle.parent.name == "dist"
    assert to_posix(iss.defines["Bundle"]) == (ROOT / "dist" / str(collect["name"])).resolve()
    assert any(e.get("Source") == f"{iss.defines['Bundle']}\\*"
               and "recursesubdirs" in e.get("Flags", "") for e in iss.entries("Files"))
    built = {f"{call['name']}.exe" for call in spec_calls("EXE")}
    assert built == {"hotline.exe", "hotlinew.exe"}
    started = re.findall(r"\{app\}\\([\w.-]+\.exe)", "\n".join(
        line for lines in iss.sections.values() for line in lines))
    assert started and set(started) <= built, started


def test_a_start_menu_shortcut_starts_hotline_without_a_console(iss: InnoScript) -> None:
    shortcuts = [e for e in iss.entries("Icons")
                 if e["Name"].startswith(("{autoprograms}\\", "{group}\\", "{commonprograms}\\",
                                          "{userprograms}\\"))]
    assert [(s["Name"], s["Filename"]) for s in shortcuts] == [
        ("{autoprograms}\\Hotline", "{app}\\hotlinew.exe")]
    assert "Tasks" not in shortcuts[0], "the Start-menu shortcut is always made"


def test_the_version_is_the_projects(iss: InnoScript) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    version = project["project"]["version"]
    assert iss.defines["AppVersion"] == version == hotline.__version__
    setup = iss.directives()
    assert setup["AppVersion"] == version
    assert setup["OutputBaseFilename"] == f"Hotline-Setup-{version}"
    for doc in (ROOT / "README.md", ROOT / "packaging" / "README.md"):
        named = set(re.findall(r"Hotline-Setup-(\d+\.\d+\.\d+)\.exe", doc.read_text("utf-8")))
        assert named <= {version}, f"{doc.name} names installer versions {named}"


def test_vietnamese_and_english_are_offered(iss: InnoScript) -> None:
    languages = {e["Name"]: e["MessagesFile"] for e in iss.entries("Languages")}
    assert list(languages) == ["vietnamese", "english"]  # Vietnamese where neither matches
    assert languages["english"] == "compiler:Default.isl"
    assert to_posix(languages["vietnamese"]) == ISL.resolve()
    assert iss.directives()["ShowLanguageDialog"] == "auto"
    # Every {cm:…} the script uses exists in both languages.
    isl_text = ISL.read_bytes().decode("utf-8-sig")
    custom = isl_text.split("[CustomMessages]", 1)[1]
    own = iss.directives("CustomMessages")
    used = set(re.findall(r"\{cm:(\w+)", "\n".join(
        line for lines in iss.sections.values() for line in lines)))
    assert used
    for name in used:
        if name in {k.split(".", 1)[1] for k in own}:
            assert f"english.{name}" in own and f"vietnamese.{name}" in own, name
        else:  # Inno's standard custom messages: Default.isl has them in English
            assert re.search(rf"^{name}=.+", custom, re.M), f"{name} is not in Vietnamese.isl"


def test_the_vietnamese_messages_are_inno_setups_own_translation() -> None:
    raw = ISL.read_bytes()
    text = raw.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "; *** Inno Setup version 6.5.0+ Vietnamese messages ***"
    assert any("Vietnamese translation by" in line for line in lines[:5]), "credits kept"
    options = dict(line.split("=", 1) for line in
                   text.split("[LangOptions]", 1)[1].split("[Messages]", 1)[0].splitlines()
                   if "=" in line and not line.startswith(";"))
    assert options["LanguageName"] == "Tiếng Việt" and options["LanguageID"] == "$042A"
    messages = dict(line.split("=", 1) for line in
                    text.split("[Messages]", 1)[1].split("[CustomMessages]", 1)[0].splitlines()
                    if "=" in line and not line.startswith(";"))
    assert len(messages) > 250
    for name in ("ButtonNext", "ButtonInstall", "WizardSelectDir", "FinishedHeadingLabel",
                 "PrivilegesRequiredOverrideTitle", "ConfirmUninstall"):
        assert messages[name].strip(), name
    assert messages["ButtonInstall"] == "&Cài đặt"  # diacritics survived
    script = ISS.read_bytes().decode("utf-8-sig")
    assert "#if VER < EncodeVer(6,5,0)" in script, "the .isl is written for Inno Setup 6.5"
