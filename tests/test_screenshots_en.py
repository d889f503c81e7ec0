"""The guides' pictures: the Vietnamese guides and the README show docs/screenshots/, the
English guides the English interface in docs/screenshots/en/ — the same screens, each
used, each small — and scripts/screenshots.py makes both (`--lang`)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SHOTS = DOCS / "screenshots"


def images(markdown: Path) -> list[Path]:
    text = markdown.read_text(encoding="utf-8")
    return [(markdown.parent / target).resolve()
            for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+\.png)\)", text)]


def script():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" /
                                                  "screenshots.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_english_guides_show_the_english_screens_and_vietnamese_ones_the_vietnamese():
    english = {p for name in ("operator-guide.en.md", "head-guide.en.md")
               for p in images(DOCS / name)}
    vietnamese = {p for name in ("operator-guide.vi.md", "head-guide.vi.md", "../README.md")
                  for p in images(DOCS / name)}
    assert english and all(p.parent == (SHOTS / "en").resolve() for p in english), english
    assert vietnamese and all(p.parent == SHOTS.resolve() for p in vietnamese), vietnamese
    assert [p for p in english | vietnamese if not p.is_file()] == []
    # The English guides show the same screens as the Vietnamese ones.
    vi_guides = {p.name for name in ("operator-guide.vi.md", "head-guide.vi.md")
                 for p in images(DOCS / name)}
    assert {p.name for p in english} == vi_guides


def test_every_english_screenshot_is_used_small_and_one_of_the_scripts_shots():
    shots = sorted((SHOTS / "en").glob("*.png"))
    english = {p for name in ("operator-guide.en.md", "head-guide.en.md")
               for p in images(DOCS / name)}
    names = set(script().SHOTS)
    assert {p.stem for p in shots} == {p.stem for p in SHOTS.glob("*.png")}
    for png in shots:
        assert png.stem in names, png.name
        assert png.resolve() in english, f"{png.name} is shown in no English guide"
        assert png.stat().st_size <= 200_000, f"{png.name} is over 200 KB"
        width, height = Image.open(png).size
        assert width >= 400 and height >= 200


def test_the_script_writes_each_language_where_its_guides_look(capsys):
    module = script()
    assert module.default_out("vi") == SHOTS
    assert module.default_out("en") == SHOTS / "en"
    # A picture at a large font never replaces the guides' pictures.
    def must_not_run(*_args):
        raise AssertionError("screenshots taken into the guides' folder")

    module.relaunch_under_xvfb = module.run = must_not_run
    with pytest.raises(SystemExit) as stop:
        module.main(["--lang", "en", "--font-size", "18"])
    assert stop.value.code == 2
    assert "--font-size needs --out" in capsys.readouterr().err
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "scripts/screenshots.py --lang en" in readme
