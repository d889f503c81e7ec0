"""The Qt-free core's messages in the window's language (hotline/translation.py): English in
the English window, Vietnamese everywhere else (the CLI, the official reports), and every
message written so that lupdate can extract it."""

from __future__ import annotations

import ast
import csv
import json
import re
from datetime import timedelta
from pathlib import Path

import pytest

from hotline import translation
from hotline.translation import set_translator, translate

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "hotline"
FIELD = re.compile(r"\{(\w*)\}")


@pytest.fixture(autouse=True)
def _no_translator_left_behind():
    """A test that installs a translator must not leak it into the next test."""
    before = translation.current_translator()
    yield
    set_translator(before)


@pytest.fixture
def english(qapp):
    """The English window's translators (ours, Qt's, and the core's), removed afterwards."""
    from PySide6.QtCore import QLocale

    from hotline.ui import i18n

    locale = QLocale()
    assert i18n.install_translators(qapp, "en") == []
    yield
    i18n.remove_translators(qapp)
    QLocale.setDefault(locale)


# ---------------------------------------------------------------- the mechanism
def test_translate_falls_back_to_the_source_text():
    set_translator(None)
    assert translate("core.calls", "thời lượng không thể âm") == "thời lượng không thể âm"

    def broken(context: str, text: str) -> str:
        raise RuntimeError("catalogue unreadable")

    set_translator(broken)
    assert translate("core.calls", "thiếu múi giờ") == "thiếu múi giờ"
    set_translator(lambda context, text: "")  # no translation found: never an empty message
    assert translate("core.calls", "thiếu múi giờ") == "thiếu múi giờ"
    set_translator(lambda context, text: f"{context}:{text.upper()}")
    assert translate("core.calls", "thiếu múi giờ") == "core.calls:THIẾU MÚI GIỜ"


def test_the_window_installs_and_removes_the_core_translator(qapp):
    from hotline.ui import i18n

    try:
        i18n.install_translators(qapp, "en")
        assert translate("core.calls", "thời lượng không thể âm") == \
            "the duration cannot be negative"
        i18n.install_translators(qapp, "vi")
        assert translation.current_translator() is None
        assert translate("core.calls", "thời lượng không thể âm") == "thời lượng không thể âm"
        i18n.install_translators(qapp, "en")
        i18n.remove_translators(qapp)
        assert translation.current_translator() is None
    finally:
        i18n.remove_translators(qapp)


# ------------------------------------------------------------ static check of the core
def _core_files() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py")
                  if "ui" not in p.relative_to(CORE).parts[:1]
                  and "resources" not in p.relative_to(CORE).parts[:1])


def _is_core_translate(node: ast.Call, names: set[str]) -> str | None:
    """'translate' / 'QT_TRANSLATE_NOOP' / 'translate_marked' when `node` calls one of
    hotline.translation's functions (str.translate(table) and the like are not)."""
    func = node.func
    if isinstance(func, ast.Name) and func.id in names:
        return func.id
    if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id == "translation" and func.attr in names):
        return func.attr
    return None


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def untranslatable_core_calls(source: str, filename: str = "<core>") -> list[str]:
    """Calls lupdate cannot extract, or whose .format() cannot fill the template."""
    tree = ast.parse(source, filename)
    names = {"translate", "QT_TRANSLATE_NOOP", "translate_marked"}
    problems: list[str] = []
    formatted: dict[int, set[str] | None] = {}  # translate call → keywords given to .format
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format" and isinstance(node.func.value, ast.Call)):
            keywords = None if node.args or any(k.arg is None for k in node.keywords) else \
                {k.arg for k in node.keywords if k.arg}
            formatted[id(node.func.value)] = keywords
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _is_core_translate(node, names)
        if name is None:
            continue
        where = f"{filename}:{node.lineno}"
        if len(node.args) != 2 or node.keywords:
            problems.append(f"{where}: {name}() takes exactly (context, text)")
            continue
        context, text = node.args
        if not (_is_literal(context) and str(context.value).startswith("core.")):  # type: ignore[attr-defined]
            problems.append(f"{where}: {name}() needs a literal context \"core.<area>\"")
        if name == "translate_marked":
            continue  # its text was marked with QT_TRANSLATE_NOOP where it is defined
        if not _is_literal(text):
            problems.append(f"{where}: {name}() of a built text ({ast.unparse(text)[:60]}): "
                            "lupdate extracts only literals; translate the template, then "
                            ".format() it")
            continue
        fields = set(FIELD.findall(text.value))  # type: ignore[attr-defined]
        if name == "QT_TRANSLATE_NOOP":
            continue
        if fields and id(node) not in formatted:
            problems.append(f"{where}: translate() of a template with {sorted(fields)} that is "
                            "never .format()ted")
        keywords = formatted.get(id(node))
        if id(node) in formatted and keywords is not None and not fields <= keywords:
            problems.append(f"{where}: .format() lacks {sorted(fields - keywords)}")
        if id(node) in formatted and keywords is None:
            problems.append(f"{where}: .format() with positional arguments: name each field "
                            "so the English may reorder them")
    return problems


def test_every_core_translate_call_is_extractable():
    problems = []
    for path in _core_files():
        if path.name == "translation.py" and path.parent == CORE:
            continue  # the mechanism itself, not a message
        source = path.read_text(encoding="utf-8")
        problems += untranslatable_core_calls(source, str(path.relative_to(ROOT)))
    assert not problems, "\n".join(problems)


def test_the_core_check_catches_what_lupdate_would_miss():
    code = '''
from hotline.translation import QT_TRANSLATE_NOOP, translate, translate_marked
LABEL = QT_TRANSLATE_NOOP("core.x", "Nhãn")
def f(value, ctx, label):
    translate("core.x", f"sai {value}")
    translate("core.x", "sai " + value)
    translate(ctx, "Ngữ cảnh không cố định")
    translate("core.x", "thiếu {value}")
    translate("core.x", "thiếu {value} và {other}").format(value=value)
    translate("core.x", "vị trí {0}").format(value)
    translate("core.x", "đúng {value}").format(value=value)
    translate_marked("core.x", label)
    "abc".translate({})
    return translate("core.x", "Đúng")
'''
    problems = "\n".join(untranslatable_core_calls(code, "x.py"))
    assert "x.py:5: translate() of a built text (f'sai {value}')" in problems
    assert "x.py:6: translate() of a built text ('sai ' + value)" in problems
    assert "x.py:7: translate() needs a literal context" in problems
    assert "x.py:8: translate() of a template with ['value'] that is never" in problems
    assert "x.py:9: .format() lacks ['other']" in problems
    assert "x.py:10: .format() with positional arguments" in problems
    for line in (3, 11, 12, 13, 14):
        assert f"x.py:{line}:" not in problems


def test_the_core_stays_free_of_qt():
    """The core may only reach Qt through the translator the window installs."""
    for path in _core_files():
        assert "PySide6" not in path.read_text(encoding="utf-8"), path


# ------------------------------------------------------------ the English window
def test_incomplete_call_shows_english_messages_on_the_form(qtbot, app, english):
    from PySide6.QtCore import Qt
    from typing_helpers import type_text

    from hotline.ui.call_form import CallForm

    form = CallForm(app)
    qtbot.addWidget(form)
    form.resize(1000, 1100)
    form.show()
    try:
        qtbot.keyClick(form, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        type_text(form.phone, "0912abc")
        form.phone.editingFinished.emit()  # leaving the field
        assert form.errors["phone"].text() == "A phone number cannot contain letters"
        form.phone.clear()
        type_text(form.phone, "0912 34")
        form.phone.editingFinished.emit()
        assert "too short (mobiles have 10 digits" in form.errors["phone"].text()
        form.phone.clear()
        type_text(form.summary, "Hỏi thông tin")
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert form.active, "an incomplete call must not be saved"
        assert form.errors["categories"].text() == "choose at least one issue for the call"
        assert form.errors["categories"].isVisible()
        assert form.bar.label.text().startswith("Not saved: 1 field needs correcting")
        type_text(form.phone, "113")
        form._lookup_phone()  # what the typing pause does
        assert "Police" in form.phone_hint.text()
    finally:
        form.shutdown()


def test_call_import_rows_are_english(app, english):
    from hotline.calls import csvio

    header = ",".join(csvio.COLUMNS)
    text = (f"{header}\n"
            ",2026-03-05T09:15:00+07:00,,phone_in,,,,female,30-44,,,,,,,counsel,,,,,,\n"
            ",hôm qua,abc,phone_in,,0912abc,,female,30-44,,Xyz,,,,dv.physical,counsel,"
            ",,,,,\n")
    calls, errors, _ = csvio.parse_rows(text, app.calls)
    assert calls == []
    lines = str(csvio.ImportFailed(errors)).splitlines()
    assert "row 2, column categories: the call's issues are missing" in lines
    assert any(line.startswith("row 3, column received_at: invalid date and time 'hôm qua' "
                               "(use 2026-03-05T09:15:00+07:00") for line in lines)
    assert "row 3, column duration_s: the duration must be a number of seconds, e.g. 240 " \
        "(found 'abc')" in lines
    assert "row 3, column phone: '0912abc': A phone number cannot contain letters" in lines
    assert "row 3, column province_code: there is no province or city 'Xyz'" in lines


def test_directory_import_errors_are_english_and_nothing_is_imported(app, english,
                                                                     tmp_path):
    from hotline.directory import exchange
    from hotline.directory.transfer import ImportFailed

    before = app.directory.count()
    path = tmp_path / "danh-ba.csv"
    path.write_text("name,categories,phones,province_code,active,verified_on\n"
                    "Nhà tạm lánh Bình Minh,shelter,0912 345 678,99,có,2026-01-01\n"
                    "Công an phường,police,0912abc,01,maybe,05/13/2026\n",
                    encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        exchange.import_path(app.directory, path)
    message = str(caught.value)
    assert "danh-ba.csv, row 2, column province_code: there is no province or city '99' " \
        "(use the 2-digit code or the name, e.g. 01 or Hà Nội)" in message
    assert "danh-ba.csv, row 3, column active: 'maybe' is not 1/0 (yes/no)" in message
    assert "row 3, column verified_on: invalid date '05/13/2026' (use YYYY-MM-DD)" in message
    assert app.directory.count() == before

    missing = tmp_path / "thieu-cot.csv"
    missing.write_text("name,phones\nA,0912 345 678\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        exchange.import_path(app.directory, missing)
    assert "row 1, column categories: required columns missing: categories" in \
        str(caught.value)


def test_library_import_errors_and_accounts_in_english(app, english, tmp_path):
    from hotline.library.importers import LibraryImportError, read_text
    from hotline.security.accounts import AuthError

    empty = tmp_path / "trong.pdf"
    empty.write_bytes(b"")
    with pytest.raises(LibraryImportError, match=r"^trong\.pdf: the file is empty$"):
        read_text(empty)
    odd = tmp_path / "bang.xlsx"
    odd.write_bytes(b"PK")
    with pytest.raises(LibraryImportError, match=r"files of type '\.xlsx' cannot be read"):
        read_text(odd)
    admin = app.accounts.create_first_admin("admin", "Quản trị", "mat-khau-dai-1")
    with pytest.raises(AuthError, match=r"^the password must have at least"):
        app.accounts.create_user(admin, "lan", "Lan", "operator", "ngan")
    with pytest.raises(AuthError, match=r"^wrong user name or password$"):
        app.accounts.authenticate("admin", "sai-mat-khau")


def test_sync_messages_are_english(english):
    from hotline.reports.sync import EMAIL, FOLDER, SyncResult

    assert SyncResult().summary() == ("Sync is not set up: set a sync folder (sync_folder) or "
                                      "a mail server (smtp_host, smtp_to).")
    result = SyncResult(configured=(FOLDER, EMAIL),
                        failures=((FOLDER, "the sync folder is full"),),
                        waiting=((EMAIL, "08:30 06/03/2026"),))
    assert result.summary() == ("Sync folder: ERROR — the sync folder is full; "
                                "E-mail: waiting to retry at 08:30 06/03/2026.")


def test_reports_made_in_the_english_window_stay_vietnamese(app, english, tmp_path):
    """What goes to the province is Vietnamese whatever the window's language."""
    from pypdf import PdfReader

    from hotline.calls.models import Call

    now = app.clock.now().replace(microsecond=0)
    received = (now - timedelta(days=1)).replace(hour=9, minute=0, second=0)
    app.calls.save(Call(received_at=received, channel="phone_in", caller_sex="female",
                        caller_age_group="30-44", categories=("dv.physical",),
                        level="counsel", urgency="routine", summary="Bị chồng đánh"),
                   operator="Lan")
    day = received.date()
    files = app.reports.daily(day, tmp_path)
    text = " ".join("\n".join(p.extract_text() or "" for p in PdfReader(str(files.pdf)).pages)
                    .split())
    assert "BÁO CÁO TỔNG HỢP CUỘC GỌI ĐƯỜNG DÂY NÓNG" in text
    assert "Bạo lực gia đình: thể chất" in text
    assert "Calls by" not in text and "Sync" not in text
    with files.summary_csv.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    flat = json.dumps(rows, ensure_ascii=False)
    assert "Tổng số cuộc gọi" in flat and "Total" not in flat
    header = files.calls_csv.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("id,received_at,duration_s,channel")


def test_reports_stay_vietnamese_when_the_saved_language_is_english(data_dir, tmp_path):
    """A center whose window is English (settings.json) still sends Vietnamese reports:
    the statistics' labels (sex, age group, category) are the Vietnamese ones."""
    from pypdf import PdfReader

    from hotline.app import open_app
    from hotline.calls.models import Call

    (data_dir / "settings.json").write_text(json.dumps({"language": "en"}), encoding="utf-8")
    app = open_app(data_dir)
    try:
        assert app.settings.language == "en"
        now = app.clock.now().replace(microsecond=0)
        received = (now - timedelta(days=1)).replace(hour=9, minute=0, second=0)
        app.calls.save(Call(received_at=received, channel="phone_in", caller_sex="female",
                            caller_age_group="30-44", categories=("dv.physical",),
                            level="counsel", urgency="routine", summary="Bị chồng đánh"),
                       operator="Lan")
        files = app.reports.daily(received.date(), tmp_path)
    finally:
        app.close()
    text = " ".join("\n".join(p.extract_text() or "" for p in PdfReader(str(files.pdf)).pages)
                    .split())
    assert "Nữ" in text and "female" not in text and "Domestic violence" not in text
    flat = files.summary_csv.read_text(encoding="utf-8-sig")
    assert ",female,Nữ," in flat  # the code column, then the Vietnamese label
    assert "Female" not in flat and "Domestic violence" not in flat


# ------------------------------------------------------------------------- the CLI
def test_cli_speaks_vietnamese_even_when_the_window_is_english(data_dir, tmp_path, capsys):
    """The CLI installs no translator (its help and output are Vietnamese); a bad import
    still names the row, the column and the reason."""
    from hotline.calls import csvio
    from hotline.cli import main as cli_main

    (data_dir / "settings.json").write_text(json.dumps({"language": "en"}), encoding="utf-8")
    set_translator(None)
    bad = tmp_path / "cuoc-goi.csv"
    bad.write_text(",".join(csvio.COLUMNS) + "\n"
                   ",2026-03-05T09:15:00+07:00,,phone_in,,,,female,30-44,,,,,,,"
                   "counsel,,,,,,\n", encoding="utf-8")
    code = cli_main(["--data-dir", str(data_dir), "calls", "import", str(bad)])
    err = capsys.readouterr().err
    assert code == 1
    assert "dòng 2, cột categories: thiếu vấn đề của cuộc gọi" in err
    assert "issues are missing" not in err


def test_translated_catalogue_covers_every_core_message():
    """Every core.* text the code holds has an English translation in the .ts (the i18n
    tests check it is finished and not left Vietnamese)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(ROOT / "resources" / "translations" / "hotline_en.ts").getroot()
    catalogue = {(c.findtext("name"), m.findtext("source"))
                 for c in root.iter("context") if (c.findtext("name") or "").startswith("core.")
                 for m in c.iter("message")}
    found = set()
    for path in _core_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call)
                    and _is_core_translate(node, {"translate", "QT_TRANSLATE_NOOP"})
                    and len(node.args) == 2 and all(_is_literal(a) for a in node.args)):
                found.add((node.args[0].value, node.args[1].value))  # type: ignore[attr-defined]
    assert len(found) > 200
    assert found == catalogue

