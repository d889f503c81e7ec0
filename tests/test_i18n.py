"""Languages: every UI text translated into English, nothing left identical to the Vietnamese
by oversight, the committed .ts/.qm up to date with the code, no text hidden from lupdate,
Qt's own dialogs in Vietnamese, and the window really switching language."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "hotline" / "ui"
PACKAGE = ROOT / "hotline"  # the window's texts and the core's messages (contexts core.*)
TRANSLATIONS = ROOT / "resources" / "translations"
EN_TS = TRANSLATIONS / "hotline_en.ts"
BIN = Path(sys.executable).parent

# Texts whose English is rightly the same as the Vietnamese: names, codes, file filters.
# Anything else left identical is an oversight (DESIGN §8: a key check alone passes while
# whole screens stay in the source language).
ALLOWED_IDENTICAL = {
    "CSV (*.csv)",
    "Zip (*.zip)",
    "Open Referral HSDS (zip)…",
    "Hotline",
}
VIETNAMESE_LETTERS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
# Vietnamese that may stay in an English text: proper names, the official document
# headers the center prints, search examples in Vietnamese (the library is Vietnamese).
VIETNAMESE_ALLOWED_IN_ENGLISH = re.compile(
    r"TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH|SỞ Y TẾ TỈNH|Số: …|Hà Nội|ngày … tháng … năm|"
    r"cấm tiếp xúc|điều 25 luật pcblgđ|Điều N\.|"
    r"=== Điều 25\. Cấm tiếp xúc")  # the bundled library's file syntax (core.library)
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
# The core's messages are str.format templates (hotline/translation.py): the English must
# keep exactly the same {names}, or .format() raises or drops a value.
FORMAT_FIELD = re.compile(r"\{(\w*)\}")


def _messages(path: Path) -> list[dict]:
    root = ET.parse(path).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            out.append({
                "context": name,
                "source": message.findtext("source") or "",
                "comment": message.findtext("comment") or "",
                "numerus": message.get("numerus") == "yes",
                "type": translation.get("type") or "",
                "forms": forms if message.get("numerus") == "yes" else [translation.text or ""],
            })
    return out


def _key(m: dict) -> tuple[str, str, str, bool]:
    return (m["context"], m["source"], m["comment"], m["numerus"])


def _lupdate(sources: list[Path], out: Path) -> None:
    lupdate = BIN / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed next to the interpreter")
    subprocess.run([str(lupdate), "-silent", "-extensions", "py", "-locations", "none",
                    "-source-language", "vi", "-target-language", "en",
                    *map(str, sources), "-ts", str(out)],
                   check=True, capture_output=True, timeout=120)


# ------------------------------------------------------------------ the .ts file
def test_every_text_has_a_real_english_translation():
    problems = []
    messages = _messages(EN_TS)
    assert len(messages) > 400, "the .ts lost most of its texts"
    for m in messages:
        where = f"[{m['context']}] {m['source']!r}"
        if m["type"] in ("unfinished", "vanished", "obsolete"):
            problems.append(f"{where}: {m['type'] or 'unfinished'}")
            continue
        if m["numerus"] and len(m["forms"]) != 2:
            problems.append(f"{where}: English needs singular and plural forms")
        for form in m["forms"]:
            if not form.strip():
                problems.append(f"{where}: empty translation")
            elif (form == m["source"] and m["source"] not in ALLOWED_IDENTICAL
                  and re.search(r"[^\W\d_]{2,}", m["source"])):
                problems.append(f"{where}: left identical to the Vietnamese")
            elif (VIETNAMESE_LETTERS.search(VIETNAMESE_ALLOWED_IN_ENGLISH.sub("", form))):
                problems.append(f"{where}: English still contains Vietnamese: {form!r}")
            if set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(m["source"])) and not (
                    m["numerus"] and "%n" not in form and form is m["forms"][0]):
                problems.append(f"{where}: placeholders differ in {form!r}")
            if m["context"].startswith("core.") and (
                    set(FORMAT_FIELD.findall(form)) != set(FORMAT_FIELD.findall(m["source"]))):
                problems.append(f"{where}: {{fields}} differ in {form!r}")
            if "&" in m["source"].replace("&&", "") and "&" not in form.replace("&&", ""):
                problems.append(f"{where}: the Alt mnemonic (&) is lost in {form!r}")
    assert not problems, "\n".join(problems)


def test_allow_list_only_holds_texts_that_exist():
    sources = {m["source"] for m in _messages(EN_TS)}
    assert ALLOWED_IDENTICAL - {"Hotline"} <= sources


def test_committed_translations_follow_the_code(tmp_path):
    """lupdate over hotline/ (window and core) finds exactly the texts of the committed .ts: a
    new or changed text in the code fails here until scripts/update-translations is run and
    translated."""
    fresh = tmp_path / "fresh.ts"
    _lupdate([PACKAGE], fresh)
    extracted = {_key(m) for m in _messages(fresh)}
    committed = {_key(m) for m in _messages(EN_TS)}
    new = sorted(extracted - committed)
    gone = sorted(committed - extracted)
    assert not new and not gone, (
        "resources/translations/hotline_en.ts is stale; run scripts/update-translations and "
        f"translate.\nNew in the code: {new[:30]}\nNo longer in the code: {gone[:30]}")


def test_compiled_qm_files_are_up_to_date(tmp_path):
    lrelease = BIN / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed next to the interpreter")
    for name in ("hotline_en", "qt_vi"):
        out = tmp_path / f"{name}.qm"
        subprocess.run([str(lrelease), "-silent", str(TRANSLATIONS / f"{name}.ts"), "-qm",
                        str(out)], check=True, capture_output=True, timeout=60)
        assert out.read_bytes() == (TRANSLATIONS / f"{name}.qm").read_bytes(), (
            f"{name}.qm is older than {name}.ts: run scripts/update-translations")


def test_the_check_catches_a_new_untranslated_text(tmp_path):
    """The staleness check is real: a module with a new text is reported as new."""
    module = tmp_path / "extra.py"
    module.write_text('class Extra:\n    def f(self):\n'
                      '        return self.tr("Chữ mới chưa dịch")\n', encoding="utf-8")
    before, after = tmp_path / "before.ts", tmp_path / "after.ts"
    _lupdate([UI], before)
    _lupdate([UI, module], after)
    new = {_key(m) for m in _messages(after)} - {_key(m) for m in _messages(before)}
    assert new == {("Extra", "Chữ mới chưa dịch", "", False)}


# ---------------------------------------------------------- static check of the code
SETTERS = {  # method name → index of the argument people read
    "setText": 0, "setWindowTitle": 0, "setToolTip": 0, "setPlaceholderText": 0,
    "setAccessibleName": 0, "setAccessibleDescription": 0, "setStatusTip": 0,
    "setWhatsThis": 0, "setTitle": 0, "setSubTitle": 0, "setLabelText": 0, "addAction": 0,
    "addTab": 1, "insertTab": 2, "setTabText": 1, "setTabToolTip": 1, "setItemText": 1,
    "setHeaderLabels": 0, "addItem": 0, "addItems": 0, "showMessage": 0,
    "show_message": 0, "set_error": 0, "setSpecialValueText": 0, "setSuffix": 0,
    "setPrefix": 0, "setButtonText": 1, "addRow": 0, "add_page": 1, "add_search_panel": 0,
}
CONSTRUCTORS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
                "QToolButton", "QMenu", "QListWidgetItem", "QTableWidgetItem",
                "QTreeWidgetItem", "QStandardItem", "QCommandLinkButton"}
TR_NAMES = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}
# Not words for people: key sequences, units, markup around translated parts.
KEYS = re.compile(r"^\s*\(?((Ctrl|Alt|Shift|Meta)\+)*(F\d+|Esc|Return|Enter|[A-Z0-9,]|Left|"
                  r"Right|Up|Down)?\)?\s*$")
# Literals that are examples or units, the same in every language.
NOT_WORDS = {"XXXX-XXXX-XXXX-…", "smtp.gmail.com", " pt"}


def _literal_text(node: ast.AST) -> str | None:
    """The literal part of a string expression (f-strings and + count), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [_literal_text(node.left), _literal_text(node.right)]
        return "".join(p for p in parts if p) if any(p is not None for p in parts) else None
    return None


def _words(text: str) -> str:
    """Letters people would read, once markup, %1 placeholders and key names are gone."""
    text = re.sub(r"<[^>]*>|&\w+;|%\d|\{[^}]*\}", " ", text)
    text = re.sub(r"\b((Ctrl|Alt|Shift)\+)+\S+|\bEsc\b|\bF\d+\b", " ", text)
    return " ".join(re.findall(r"[^\W\d_]{2,}", text))


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def untranslatable_texts(source: str, filename: str = "<ui>") -> list[str]:
    """Problems lupdate cannot see or a user would see untranslated, with line numbers."""
    tree = ast.parse(source, filename)
    problems: list[str] = []
    wrapped: set[int] = set()
    wrappers: set[str] = set()  # one-argument helpers that call translate(ctx, param)
    subclassed = {b.id for n in ast.walk(tree) if isinstance(n, ast.ClassDef)
                  for b in n.bases if isinstance(b, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            params = {a.arg for a in node.args.args}
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and _call_name(call) in ("translate", "tr")
                        and call.args and isinstance(call.args[-1], ast.Name)
                        and call.args[-1].id in params):
                    wrappers.add(node.name)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in TR_NAMES:
            index = 1 if name in ("translate", "QT_TRANSLATE_NOOP") else 0
            for sub in ast.walk(node):
                wrapped.add(id(sub))
            if len(node.args) > index:
                text = node.args[index]
                if isinstance(text, (ast.JoinedStr, ast.BinOp, ast.Call)) and not (
                        isinstance(text, ast.BinOp)
                        and all(isinstance(x, ast.Constant) for x in (text.left, text.right))):
                    problems.append(f"{filename}:{node.lineno}: {name}() of a built string "
                                    f"({ast.unparse(text)[:50]}): lupdate extracts only "
                                    "literals; use %1 and .replace()")
            func = node.func
            if name == "tr" and isinstance(func, ast.Name):
                problems.append(f"{filename}:{node.lineno}: tr() called as a bare function: "
                                "lupdate files it under an empty context; use "
                                "translate(\"Context\", \"…\")")
            elif (name == "tr" and isinstance(func, ast.Attribute)
                  and not (isinstance(func.value, ast.Name) and func.value.id in ("self", "cls"))):
                problems.append(f"{filename}:{node.lineno}: {ast.unparse(func)}(): lupdate "
                                "takes the variable's name as the context; use self.tr() or "
                                "translate(\"Context\", \"…\")")
            if name == "translate" and len(node.args) > 3:
                problems.append(f"{filename}:{node.lineno}: translate() with a count: lupdate "
                                "marks no plural there; use self.tr(…, n) or no plural")
        if name in wrappers and node.args and _literal_text(node.args[0]) is not None:
            problems.append(f"{filename}:{node.lineno}: {name}({_literal_text(node.args[0])!r})"
                            ": lupdate does not see texts passed to a helper; write "
                            "translate(\"Context\", \"…\") or mark it QT_TRANSLATE_NOOP")
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        if cls.name not in subclassed:
            continue
        for call in ast.walk(cls):
            if (isinstance(call, ast.Call) and _call_name(call) == "tr"
                    and len(call.args) >= 3):
                problems.append(f"{filename}:{call.lineno}: self.tr(…, n) in {cls.name}, "
                                "which is subclassed: PySide finds the plural only in the "
                                "subclass's context")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or id(node) in wrapped:
            continue
        name = _call_name(node)
        index = SETTERS.get(name or "") if name not in CONSTRUCTORS else 0
        if index is None or len(node.args) <= index:
            continue
        argument = node.args[index]
        candidates = argument.elts if isinstance(argument, (ast.List, ast.Tuple)) else [argument]
        for candidate in candidates:
            if id(candidate) in wrapped:
                continue
            text = _literal_text(candidate)
            if text is None or KEYS.match(text) or not _words(text):
                continue
            if (text.strip() in ALLOWED_IDENTICAL or text in NOT_WORDS
                    or text.startswith("Hotline — ")):
                continue
            problems.append(f"{filename}:{node.lineno}: {name}({text!r}) is not translatable "
                            "(wrap it in self.tr() or translate())")
    return problems


def test_no_user_visible_literal_escapes_translation():
    problems = []
    for path in sorted(UI.glob("*.py")):
        problems += untranslatable_texts(path.read_text(encoding="utf-8"),
                                         str(path.relative_to(ROOT)))
    assert not problems, "\n".join(problems)


def test_the_static_check_catches_what_lupdate_would_miss():
    code = '''
from PySide6.QtCore import QCoreApplication
def _tr(text):
    return QCoreApplication.translate("Ctx", text)
class Base(QWidget):
    def build(self, n, name):
        QLabel("Người gọi", self)
        self.button.setText("Lưu")
        self.button.setToolTip("Ctrl+S")
        self.setWindowTitle(self.tr("Đã dịch"))
        self.tr(f"Xin chào {name}")
        self.tr("Có " + name)
        _tr("Ẩn khỏi lupdate")
        self.tr("%n cuộc gọi", "", n)
        QCoreApplication.translate("Ctx", "%n việc", "", n)
        self.combo.addItems(["Một", "Hai"])
        overlay.tr("Ngữ cảnh sai")
        tr("Không ngữ cảnh")
class Child(Base):
    pass
'''
    problems = "\n".join(untranslatable_texts(code, "x.py"))
    assert "QLabel('Người gọi')" in problems
    assert "setText('Lưu')" in problems
    assert "Ctrl+S" not in problems and "Đã dịch" not in problems
    assert "tr() of a built string (f'Xin chào" in problems
    assert "tr() of a built string ('Có ' + name" in problems
    assert "_tr('Ẩn khỏi lupdate')" in problems
    assert "self.tr(…, n) in Base" in problems
    assert "translate() with a count" in problems
    assert "addItems('Một')" in problems and "addItems('Hai')" in problems
    assert "overlay.tr(): lupdate takes the variable's name" in problems
    assert "tr() called as a bare function" in problems


# ------------------------------------------------------------------ at run time
@pytest.fixture
def language(qapp):
    """Install a language for one test, and put Vietnamese (no translators) back after."""
    from PySide6.QtCore import QLocale

    from hotline.ui import i18n

    before = QLocale()

    def install(code: str) -> list[str]:
        return i18n.install_translators(qapp, code)

    yield install
    i18n.remove_translators(qapp)
    QLocale.setDefault(before)


def test_qt_dialogs_speak_vietnamese(qtbot, language):
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    assert language("vi") == []
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    texts = {b.text().replace("&", "") for b in buttons.buttons()}
    assert {"Hủy", "Lưu", "Đóng"} <= texts
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.setText("Nguyễn")
    menu = edit.createStandardContextMenu()
    entries = [a.text().replace("&", "").split("\t")[0] for a in menu.actions() if a.text()]
    menu.deleteLater()
    assert {"Hoàn tác", "Cắt", "Sao chép", "Dán", "Xóa", "Chọn tất cả"} <= set(entries)


def test_english_loads_ours_and_qts_translations(qtbot, language):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from hotline.ui import i18n

    assert language("en") == []
    assert i18n.ui_language() == "en"
    assert QCoreApplication.translate("CallForm", "Lưu") == "Save"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.buttons()[0].text().replace("&", "") == "Cancel"
    language("vi")
    assert i18n.ui_language() == "vi"
    assert QCoreApplication.translate("CallForm", "Lưu") == "Lưu"


def test_a_missing_translation_file_is_reported_not_fatal(qapp, language, monkeypatch,
                                                          tmp_path):
    from PySide6.QtCore import QCoreApplication

    from hotline.ui import i18n

    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    missing = language("en")
    assert any(m.endswith("hotline_en.qm") for m in missing)
    assert QCoreApplication.translate("CallForm", "Lưu") == "Lưu"  # still usable


@pytest.mark.parametrize(("value", "expected"), [
    ("en", "en"), ("vi", "vi"), ("EN", "en"), ("en_GB", "en"), ("vi-VN", "vi"), ("fr", "vi"),
    ("", "vi"), (None, "vi")])
def test_language_setting_is_normalised(value, expected):
    from hotline.ui.i18n import normalize_language

    assert normalize_language(value) == expected


def _write_settings(data_dir: Path, **values) -> None:
    (data_dir / "settings.json").write_text(json.dumps(values, ensure_ascii=False),
                                            encoding="utf-8")


# Views that show directory entries as they are (names, services, phone labels).
DATA_VIEWS = ("EntryDetail", "PhoneBlock")


def _inside(widget, class_names: tuple[str, ...]) -> bool:
    while widget is not None:
        if type(widget).__name__ in class_names:
            return True
        widget = widget.parentWidget()
    return False


def _chrome_texts(root) -> list[tuple[str, str]]:
    """Texts of the window's own furniture: labels, buttons, tabs, headers, placeholders,
    tooltips, accessible names (not data such as library articles or place names)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QTabWidget,
        QWidget,
    )

    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = type(widget).__name__
        if _inside(widget, DATA_VIEWS):
            continue
        values = [widget.toolTip(), widget.accessibleName(), widget.windowTitle()]
        if isinstance(widget, QLabel):
            values.append(widget.text())
        elif isinstance(widget, (QAbstractButton, QGroupBox)):
            values.append(widget.text() if isinstance(widget, QAbstractButton)
                          else widget.title())
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            values.append(widget.placeholderText())
        if isinstance(widget, QTabWidget):
            values += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget) and widget.objectName() == "" and \
                widget is getattr(root, "sidebar", None):
            values += [widget.item(i).text() for i in range(widget.count())]
        header = getattr(widget, "horizontalHeader", None)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and header:
            model = widget.model()
            values += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                       for c in range(header().count())]
        if isinstance(widget, QComboBox) and not widget.isEditable():
            values += [widget.itemText(i) for i in range(min(widget.count(), 40))]
        out += [(name, v) for v in values if v]
    return out


# Data, not furniture: names of provinces and documents, the settings' center name, the
# library's and directory's contents (Vietnamese by nature).
DATA_NAMES = re.compile(r"Luật|Nghị định|Bộ luật|Thông tư|Quyết định|Nghị quyết|Điều \d|"
                        r"Tiếng Việt|TRUNG TÂM CÔNG TÁC XÃ HỘI|Hà Nội|Hồ Chí Minh")


def test_window_in_english_shows_english_everywhere(qtbot, language, data_dir):
    """The whole window with every page, in English: no furniture left in Vietnamese."""
    _write_settings(data_dir, language="en", center_name="Hanoi Social Work Center")
    language("en")
    from hotline.app import open_app
    from hotline.ui.main_window import MainWindow
    from hotline.ui.pages import install_pages

    app = open_app(data_dir)
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)
        install_pages(window, app)
        window.show()
        sidebar = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
        assert sidebar[:3] == ["Log a call", "Call list", "Follow-ups"]
        assert "Reports" in sidebar and "Legal library" in sidebar
        form = window.call_form
        assert form.save_button.text() == "Save"
        assert form.title.text().startswith("Ready")
        assert form.caller_sex.itemText(0) == "Female"  # the taxonomy's English labels
        assert window.operator_label.text().startswith("On duty:")
        from hotline import admin_units

        places = {p.name for p in admin_units.provinces()}
        entries = {e.name for e in app.directory.iter_entries()}
        leftovers = []
        for kind, text in _chrome_texts(window):
            if text in places or text in entries:
                continue
            rest = DATA_NAMES.sub("", VIETNAMESE_ALLOWED_IN_ENGLISH.sub("", text))
            if VIETNAMESE_LETTERS.search(rest):
                leftovers.append(f"{kind}: {text!r}")
        assert not leftovers, "Vietnamese left in the English window:\n" + "\n".join(
            sorted(set(leftovers)))
        window.close()
    finally:
        app.close()


def test_window_in_vietnamese_keeps_its_diacritics(qtbot, language, app):
    language("vi")
    from hotline.ui.main_window import MainWindow

    window = MainWindow(app)
    qtbot.addWidget(window)
    assert window.windowTitle() == "Hotline — TRUNG TÂM CÔNG TÁC XÃ HỘI"
    assert window.sidebar.item(0).text() == "Ghi cuộc gọi"
    assert window.call_form.save_button.text() == "Lưu"
    assert window.call_form.caller_sex.itemText(0) == "Nữ"
    window.close()


def test_dates_are_day_first(qtbot, language, app):
    """dd/mm/yyyy in the call list's date range and the follow-up time, in both languages."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateTimeEdit

    from hotline.ui.i18n import format_date
    from hotline.ui.main_window import MainWindow

    for code in ("vi", "en"):
        language(code)
        window = MainWindow(app)
        qtbot.addWidget(window)
        edits = window.findChildren(QDateTimeEdit)
        assert edits
        for edit in edits:
            assert edit.displayFormat().startswith("dd/MM/yyyy"), edit.displayFormat()
        edit = window.call_list.date_from
        edit.setDate(QDate(2026, 3, 5))
        assert edit.text() == "05/03/2026"
        window.close()
    from datetime import date

    assert format_date(date(2026, 3, 5)) == "05/03/2026"


def test_settings_file_gives_language_and_font_size_before_the_window(qtbot, data_dir,
                                                                    language):
    """settings.json saying English and 14 pt: what start() applies before the first frame
    gives an English window at 14 pt."""
    import inspect

    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from hotline.app import open_app
    from hotline.ui import i18n, main
    from hotline.ui.main_window import MainWindow

    _write_settings(data_dir, language="en", font_size=14)
    qt = QApplication.instance()
    before = QFont(qt.font())
    try:
        assert i18n.apply_settings(qt, i18n.startup_settings(str(data_dir))) == []
        assert qt.font().pointSize() == 14
        assert i18n.ui_language() == "en"
        app = open_app(data_dir)
        try:
            window = MainWindow(app)
            qtbot.addWidget(window)
            assert window.sidebar.item(0).text() == "Log a call"
            assert window.call_form.save_button.font().pointSize() == 14
            window.close()
        finally:
            app.close()
    finally:
        qt.setFont(before)
        qt.setProperty(i18n.DEFAULT_FONT_PROPERTY, None)
    source = inspect.getsource(main.start)
    assert 0 < source.index("apply_settings(") < source.index("MainWindow()")


def test_a_damaged_settings_file_starts_in_vietnamese(data_dir):
    from hotline.ui.i18n import startup_settings

    (data_dir / "settings.json").write_text("{ not json", encoding="utf-8")
    settings = startup_settings(str(data_dir))
    assert settings.language == "vi"


@pytest.mark.parametrize(("value", "expected"), [
    (0, 0), (-3, 0), ("", 0), ("abc", 0), (5, 9), (9, 9), (12, 12), ("13", 13), (20, 20),
    (40, 20)])
def test_font_size_is_clamped(value, expected):
    from hotline.ui.i18n import clamp_font_size

    assert clamp_font_size(value) == expected


def test_font_size_applies_and_zero_restores_the_system_font(qapp):
    from PySide6.QtGui import QFont

    from hotline.ui import i18n

    before = QFont(qapp.font())
    try:
        assert i18n.apply_font_size(qapp, 30) == 20
        assert qapp.font().pointSize() == 20
        assert i18n.apply_font_size(qapp, 0) == 0
        assert qapp.font().pointSize() == before.pointSize()
    finally:
        qapp.setFont(before)
        qapp.setProperty(i18n.DEFAULT_FONT_PROPERTY, None)


def test_update_script_documents_itself():
    script = ROOT / "scripts" / "update-translations"
    text = script.read_text(encoding="utf-8")
    assert script.stat().st_mode & 0o111, "scripts/update-translations is not executable"
    assert "pyside6-lupdate" in text and "pyside6-lrelease" in text and "qt_vi.ts" in text
    assert shutil.which("bash") is not None


@pytest.mark.parametrize(("typed", "stored"), [
    ("05/03/2026", "2026-03-05"), ("5/3/2026", "2026-03-05"), ("05-03-2026", "2026-03-05"),
    ("05.03.26", "2026-03-05"), ("2026-03-05", "2026-03-05"), ("", ""),
    ("31/02/2026", "31/02/2026"), ("hôm qua", "hôm qua")])
def test_date_fields_take_day_first_dates(typed, stored):
    """Date fields show dd/mm/yyyy and store ISO; what cannot be read is passed on as typed
    so that validation names it."""
    from hotline.ui.i18n import display_date, parse_display_date

    assert parse_display_date(typed) == stored
    if stored and stored[:4].isdigit():
        assert parse_display_date(display_date(stored)) == stored
    assert display_date("2026-03-05") == "05/03/2026"
    assert display_date("không rõ") == "không rõ"


def test_times_from_the_store_are_shown_day_first():
    from hotline.ui.i18n import display_datetime

    assert display_datetime("2026-03-05T14:07:09+07:00") == "05/03/2026 14:07"
    assert display_datetime("2026-03-05 09:30") == "05/03/2026 09:30"
    assert display_datetime("2026-03-05") == "05/03/2026"
    assert display_datetime("") == ""
    assert display_datetime("chưa có") == "chưa có"
