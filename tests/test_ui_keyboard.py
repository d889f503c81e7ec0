"""Keyboard: the F1 list of shortcuts, tab order of the call form and the main dialogs,
Alt mnemonics without clashes, every button reachable, text not cut at a large font."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from typing_helpers import type_text

from hotline.ui.help_overlay import collect_shortcuts
from hotline.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, app):
    from hotline.ui.pages import install_pages

    win = MainWindow(app)
    qtbot.addWidget(win)
    install_pages(win, app)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    win.close()


def _focus() -> QWidget | None:
    return QApplication.focusWidget()


def _tab_walk(qtbot, start: QWidget, steps: int, backwards: bool = False) -> list[QWidget]:
    """The widgets Tab (or Shift+Tab) actually visits from `start`."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: _focus() is start, timeout=2000)
    visited = [start]
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    modifier = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    for _ in range(steps):
        qtbot.keyClick(_focus(), key, modifier)
        widget = _focus()
        assert widget is not None
        visited.append(widget)
    return visited


# ------------------------------------------------------------------ F1 overlay
def test_f1_lists_the_windows_shortcuts_and_esc_closes(qtbot, window):
    form = window.call_form
    form.start_call()
    form.summary.setFocus()
    qtbot.waitUntil(lambda: _focus() is form.summary, timeout=2000)
    type_text(form.summary, "Chị Lan gọi")
    qtbot.keyClick(form.summary, Qt.Key.Key_F1)
    overlay = window.help_overlay
    assert overlay.isVisible()
    assert not overlay.isWindow(), "an overlay inside the window, not a modal dialog"
    assert QApplication.activeModalWidget() is None
    entries = {(e.keys, e.description) for e in overlay.entries()}
    keys = {k for k, _d in entries}
    for expected in ("Ctrl+N", "Ctrl+S", "Alt+1", "Alt+5", "Ctrl+F", "F1", "Ctrl+1", "Esc",
                     "Ctrl+L", "Alt+Left"):
        assert any(expected in k.split(" / ") for k in keys), expected
    assert ("Ctrl+N", "Cuộc gọi mới: bắt đầu tính giờ") in entries
    assert ("Ctrl+2", "Mở trang “Danh sách cuộc gọi”") in entries
    scopes = {e.scope for e in overlay.entries()}
    assert "Trang “Danh bạ dịch vụ”" in scopes  # Ctrl+L belongs to the directory page
    assert any("Pháp luật" in s for s in scopes)  # the law panel beside the form
    rows = [overlay.tree.topLevelItem(i).child(j).text(0)
            for i in range(overlay.tree.topLevelItemCount())
            for j in range(overlay.tree.topLevelItem(i).childCount())]
    assert "Ctrl+S" in rows
    qtbot.keyClick(_focus(), Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert _focus() is form.summary, "focus goes back to where the operator was typing"
    assert form.active, "Esc closed the list, it did not discard the call"
    assert form.summary.toPlainText() == "Chị Lan gọi"


def test_f1_twice_closes_and_the_list_follows_new_shortcuts(qtbot, window):
    extra = QShortcut("Ctrl+Shift+K", window.call_list)
    extra.setWhatsThis("Một phím mới của trang danh sách")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    overlay = window.help_overlay
    assert overlay.isVisible()
    assert any(e.keys == "Ctrl+Shift+K" and e.scope == "Trang “Danh sách cuộc gọi”"
               for e in overlay.entries())
    qtbot.keyClick(_focus(), Qt.Key.Key_F1)
    assert not overlay.isVisible()


def test_every_shortcut_says_what_it_does(window):
    """The overlay never shows a bare key: each QShortcut/QAction carries a description."""
    bare = [e.keys for e in collect_shortcuts(window) if not e.description.strip()]
    assert not bare, f"shortcuts without whatsThis: {bare}"
    assert not [s.key().toString() for s in window.findChildren(QShortcut)
                if s.isEnabled() and not s.whatsThis()
                and not re.fullmatch(r"Ctrl\+\d", s.key().toString())]


def test_the_same_key_is_not_bound_twice_in_one_place(window):
    """Two shortcuts with the same key and scope make Qt do nothing ("ambiguous")."""
    seen: dict[tuple[str, str], str] = {}
    clashes = []
    for entry in collect_shortcuts(window):
        for key in entry.keys.split(" / "):
            other = seen.setdefault((key, entry.scope), entry.description)
            if other != entry.description:
                clashes.append(f"{key} in {entry.scope or 'the window'}: {other!r} and "
                               f"{entry.description!r}")
    assert not clashes, "\n".join(clashes)


# ----------------------------------------------------------------- tab order
def test_tab_from_the_phone_visits_the_form_in_reading_order(qtbot, window):
    form = window.call_form
    form.start_call()
    expected = [
        form.phone, form.channel, form.caller_name, form.caller_relation, form.caller_sex,
        form.caller_age_group, form.province, form.ward,
        form.victim_sex, form.victim_age_group, *form.vulnerable.values(),
        form.categories.filter, form.categories.list, form.level, form.urgency, form.summary,
        form.outcome, form.safe_call_back, form.callback_note, form.consent_share,
        form.follow_up_check, form.follow_up, form.case_new_button,
    ]
    visited = _tab_walk(qtbot, form.phone, len(expected) - 1)
    names = [w.accessibleName() or type(w).__name__ for w in visited]
    expected_names = [w.accessibleName() or type(w).__name__ for w in expected]
    assert visited == expected, f"\nvisited:  {names}\nexpected: {expected_names}"


def test_shift_tab_walks_the_form_backwards(qtbot, window):
    form = window.call_form
    form.start_call()
    back = _tab_walk(qtbot, form.summary, 3, backwards=True)
    assert back == [form.summary, form.urgency, form.level, form.categories.list]


def _reading_order_problems(visited: list[QWidget], root: QWidget) -> list[str]:
    """Tab must go down the form: each stop is below the previous one, or on the same row
    to its right (a row is ±12 px), until the order wraps around to the top."""
    problems = []
    previous = None
    for widget in visited:
        point = widget.mapTo(root, widget.rect().topLeft())
        if previous is not None:
            (px, py), name = previous
            same_row = abs(point.y() - py) <= 12
            if (same_row and point.x() < px) or (not same_row and point.y() < py):
                problems.append(f"{name} → {widget.accessibleName() or type(widget).__name__}")
        previous = ((point.x(), point.y()), widget.accessibleName() or type(widget).__name__)
    return problems


def _inputs(root: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QCheckBox, QAbstractSpinBox)
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, kinds) and w.isVisibleTo(root) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(w.parentWidget(), (QComboBox, QAbstractSpinBox))]


def test_directory_entry_form_tabs_in_reading_order(qtbot, window):
    from hotline.ui.directory_view import DirectoryView

    view = window.page("directory")
    assert isinstance(view, DirectoryView)
    window.show_page("directory")
    view.start_edit(None)
    form = view.form
    qtbot.waitUntil(lambda: form.isVisible(), timeout=2000)
    fields = _inputs(form)
    visited = _tab_walk(qtbot, form.name, len(fields) - 1)
    assert set(fields) <= set(visited) | {w for w in fields if w.parentWidget() is not form}
    assert not _reading_order_problems([w for w in visited if w in fields], form)


def test_settings_dialog_tabs_in_reading_order(qtbot, app):
    pytest.importorskip("hotline.ui.settings_dialog")
    from hotline.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    first = next(iter(_inputs(dialog)), None)
    assert first is not None
    page_inputs = [w for w in _inputs(dialog) if w.isVisible()]
    visited = _tab_walk(qtbot, page_inputs[0], len(page_inputs) + 4)
    on_page = [w for w in visited if w in page_inputs]
    assert set(page_inputs) <= set(visited), "Tab does not reach every field"
    seen_once = list(dict.fromkeys(on_page))
    assert not _reading_order_problems(seen_once, dialog)
    dialog.close()


# -------------------------------------------------------------- reachability
def test_every_button_is_reachable_from_the_keyboard(window):
    """A button either takes Tab focus or has a key of its own (shortcut or mnemonic)."""
    shortcut_keys = {s.key().toString() for s in window.findChildren(QShortcut)}
    unreachable = []
    for button in window.findChildren(QAbstractButton):
        if button.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if not button.text() and not button.accessibleName():
            continue  # Qt's own parts (clear button, tab scrollers, table corner)
        if not button.shortcut().isEmpty() or "&" in button.text().replace("&&", ""):
            continue
        named = re.findall(r"\(((?:Ctrl|Alt|Shift)\+[^)]+)\)", button.text())
        if named and all(k in shortcut_keys for k in named):
            continue
        unreachable.append(f"{type(button).__name__} {button.text()!r} "
                           f"({button.accessibleName()!r})")
    assert not unreachable, "\n".join(unreachable)


def _mnemonic(text: str) -> str | None:
    match = re.search(r"&([^&\s])", text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _mnemonic_clashes(root: QWidget) -> list[str]:
    """Alt+letter keys shown on one screen (labels with a buddy, buttons, check boxes,
    group boxes) that more than one widget claims."""
    claims: dict[str, list[str]] = {}
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or isinstance(
                widget, QAbstractButton):
            text = widget.text()
        else:
            continue
        letter = _mnemonic(text)
        if letter:
            claims.setdefault(letter, []).append(text.replace("&", ""))
    return [f"Alt+{k.upper()}: {v}" for k, v in claims.items() if len(v) > 1]


def _clashes_on_every_tab(root: QWidget) -> list[str]:
    """Mnemonic clashes of `root` with each tab of each of its tab widgets shown in turn
    (a hidden tab's keys do not count)."""
    from PySide6.QtWidgets import QTabWidget

    clashes = set(_mnemonic_clashes(root))
    for tabs in root.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            clashes |= {f"{tabs.tabText(index)}: {c}" for c in _mnemonic_clashes(root)}
    return sorted(clashes)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_alt_mnemonics_do_not_clash_on_any_page(qtbot, data_dir, lang):
    import json

    from PySide6.QtCore import QLocale

    from hotline.app import open_app
    from hotline.ui import i18n
    from hotline.ui.pages import install_pages

    (data_dir / "settings.json").write_text(json.dumps({"language": lang}), encoding="utf-8")
    qt = QApplication.instance()
    before = QLocale()
    i18n.install_translators(qt, lang)
    app = open_app(data_dir)
    try:
        from argon2 import PasswordHasher

        from hotline.ui.lock import install_security
        from hotline.ui.login import LoginDialog, PassphraseDialog
        from hotline.ui.settings_dialog import SettingsDialog
        from hotline.ui.setup_wizard import SetupWizard

        app.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
        app.session.user = app.accounts.create_first_admin("admin", "An", "admin-mật-khẩu")
        win = MainWindow(app)
        qtbot.addWidget(win)
        install_pages(win, app)
        install_security(win, app)
        win.show()
        clashes = []
        for row in range(win.sidebar.count()):
            key = win.sidebar.item(row).data(256)
            win.show_page(key)
            clashes += [f"{key}: {c}" for c in _clashes_on_every_tab(win.page(key))]
        dialogs = [SettingsDialog(app), LoginDialog(app), PassphraseDialog("create"),
                   PassphraseDialog("enter")]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.show()
            clashes += [f"{type(dialog).__name__}: {c}" for c in _clashes_on_every_tab(dialog)]
            dialog.close()
        wizard = SetupWizard(app)
        qtbot.addWidget(wizard)
        wizard.show()
        for page_id in wizard.pageIds():
            page = wizard.page(page_id)
            clashes += [f"wizard {type(page).__name__}: {c}"
                        for c in _mnemonic_clashes(page)]
        wizard.close()
        assert not clashes, "\n".join(clashes)
        win.close()
    finally:
        app.close()
        i18n.remove_translators(qt)
        QLocale.setDefault(before)


def test_call_form_mnemonics_reach_their_fields(qtbot, window):
    form = window.call_form
    form.start_call()
    for key, target in ((Qt.Key.Key_S, form.phone), (Qt.Key.Key_M, form.level),
                        (Qt.Key.Key_V, form.categories)):
        qtbot.keyClick(form.summary, key, Qt.KeyboardModifier.AltModifier)
        focus = _focus()
        assert focus is target or target.isAncestorOf(focus), (key, focus)


# ------------------------------------------------------------- large fonts, DPI
def _cut_texts(root: QWidget) -> list[str]:
    """Visible one-line labels and buttons narrower than their text."""
    cut = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() \
                and widget.textFormat() != Qt.TextFormat.RichText and "<" not in widget.text():
            needed = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
            if needed > widget.contentsRect().width() + 1:
                cut.append(f"label {widget.text()!r}: {needed} > {widget.width()}")
        elif (isinstance(widget, QAbstractButton) and widget.text()
              and widget.width() + 1 < widget.minimumSizeHint().width()):
            cut.append(f"button {widget.text()!r}: {widget.width()} < "
                       f"{widget.minimumSizeHint().width()}")
    return cut


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_text_is_cut_at_a_large_font(qtbot, data_dir, lang):
    """At 13 pt (about 150 % of the usual 9 pt) the window still fits a 1366×768 screen less
    a taskbar (the row of no-counselling buttons wraps) and the call page, the list and the
    reports page show every label and button whole, in both languages."""
    import json

    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QFont

    from hotline.app import open_app
    from hotline.ui import i18n
    from hotline.ui.pages import install_pages

    (data_dir / "settings.json").write_text(json.dumps({"language": lang}), encoding="utf-8")
    qt = QApplication.instance()
    before_font, before_locale = QFont(qt.font()), QLocale()
    i18n.install_translators(qt, lang)
    i18n.apply_font_size(qt, 13)
    app = open_app(data_dir)
    try:
        win = MainWindow(app)
        qtbot.addWidget(win)
        install_pages(win, app)
        win.resize(1366, 768)
        win.show()
        qtbot.waitExposed(win)
        win.call_form.start_call()
        assert win.minimumSizeHint().width() <= 1366, "the window no longer fits the screen"
        assert win.minimumSizeHint().height() <= 728, "taller than 768 less a taskbar"
        problems = []
        for page in ("call", "calls", "followups", "reports"):
            win.show_page(page)
            QApplication.processEvents()
            problems += [f"{page}: {p}" for p in _cut_texts(win.page(page))]
        assert not problems, "\n".join(problems)
        win.close()
    finally:
        app.close()
        i18n.remove_translators(qt)
        QLocale.setDefault(before_locale)
        qt.setFont(before_font)
        qt.setProperty(i18n.DEFAULT_FONT_PROPERTY, None)
