"""The font-size setting reaches every text: headings, the call timer, the sidebar and the
emergency numbers grow with it (live, when the setting is saved), the window still fits a
1366-px screen at 18 pt, and the settings dialog offers exactly the range that is applied."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

import hotline
from hotline.ui import i18n, styles
from hotline.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

UI = Path(hotline.__file__).resolve().parent / "ui"


@pytest.fixture
def qt_font(qapp):
    """Give the application font back (and the styles computed from it) after the test."""
    before = QFont(qapp.font())
    yield qapp
    qapp.setFont(before)
    qapp.setProperty(i18n.DEFAULT_FONT_PROPERTY, None)
    styles.restyle_all(qapp)


def _window(qtbot, app, *, pages: bool = False) -> MainWindow:
    win = MainWindow(app)
    qtbot.addWidget(win)
    if pages:
        from hotline.ui.pages import install_pages

        install_pages(win, app)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win


def _sizes(win: MainWindow) -> dict[str, float]:
    """Point sizes of what the setting must reach."""
    form = win.call_form
    list_title = next(label for label in win.call_list.findChildren(QLabel)
                      if label.property(styles.STYLE_PROPERTY))
    return {"body": form.save_button.font().pointSizeF(),
            "form title": form.title.font().pointSizeF(),
            "timer": form.timer_label.font().pointSizeF(),
            "sidebar": win.sidebar.font().pointSizeF(),
            "list title": list_title.font().pointSizeF()}


# --------------------------------------------------------------------------- the helper
def test_relative_sizes_become_points_from_the_window_font():
    template = "QLabel { font-size: +5pt; font-weight: 700; } QLabel:hover { font-size: -1.5pt }"
    assert styles.scaled(template, 9) == ("QLabel { font-size: 14pt; font-weight: 700; } "
                                          "QLabel:hover { font-size: 7.5pt }")
    assert styles.scaled(template, 18).startswith("QLabel { font-size: 23pt;")
    # Absolute sizes and other properties are left alone; tiny results stay readable.
    assert styles.scaled("font-size: 12pt; padding: +5pt;", 18) == \
        "font-size: 12pt; padding: +5pt;"
    assert styles.scaled("font-size: -10pt", 9) == f"font-size: {styles.MIN_POINTS:g}pt"


ABSOLUTE_SIZE = re.compile(r"font-size\s*:\s*\d+(\.\d+)?\s*(pt|px)", re.IGNORECASE)


def _fixed_sizes(source: str, name: str) -> list[str]:
    """Font sizes in points or pixels written in `source`: stylesheet/HTML strings and
    setPointSize(literal) calls."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and ABSOLUTE_SIZE.search(node.value):
            found.append(f"{name}: {node.value.strip()[:60]}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("setPointSize", "setPointSizeF", "setPixelSize")
              and node.args and isinstance(node.args[0], ast.Constant)):
            found.append(f"{name}: {node.func.attr}({node.args[0].value})")
    return found


def test_no_hard_coded_font_size_left_in_the_window():
    """A size written in points in hotline/ui ignores the setting; only the printed recovery
    sheet (paper, not the screen) has one."""
    sample = 'label.setStyleSheet("font-size: 14pt")\nfont.setPointSize(20)\nx = "+5pt"\n'
    assert sorted(_fixed_sizes(sample, "probe")) == ["probe: font-size: 14pt",
                                                     "probe: setPointSize(20)"]
    found = [hit for path in sorted(UI.glob("*.py"))
             for hit in _fixed_sizes(path.read_text(encoding="utf-8"), path.name)]
    assert found == ["setup_wizard.py: setPointSize(12)"], found


# ------------------------------------------------------------------ the window, live
def test_headings_and_timer_follow_the_font_size_live(qtbot, app, qt_font):
    i18n.apply_font_size(qt_font, 10)
    win = _window(qtbot, app)
    win.call_form.start_call()
    small = _sizes(win)
    assert small["form title"] > small["body"] and small["timer"] > small["form title"]

    i18n.apply_font_size(qt_font, 18)  # what saving the setting does (lock.settings_saved)
    QApplication.processEvents()
    large = _sizes(win)
    for name, size in small.items():
        assert large[name] > size, (name, size, large[name])
    assert large["form title"] > large["body"]  # a heading still stands out

    fresh = _window(qtbot, app)  # built at 18 pt: the same sizes as re-applied live
    fresh.call_form.start_call()
    assert _sizes(fresh) == large

    i18n.apply_font_size(qt_font, 10)
    QApplication.processEvents()
    assert _sizes(win) == small


def test_saving_the_font_size_in_settings_restyles_the_open_window(qtbot, app, qt_font):
    from argon2 import PasswordHasher

    from hotline.ui.lock import install_security, session_of

    app.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    admin = app.accounts.create_first_admin("admin", "Nguyễn Văn An", "admin-mật-khẩu")
    # An operator may change the display (and nothing else) in the settings.
    app.session.user = app.accounts.create_user(admin, "lan", "Trần Thị Lan", "operator",
                                                "lan-mật-khẩu")
    i18n.apply_font_size(qt_font, 10)
    win = _window(qtbot, app)
    install_security(win, app)
    before = win.call_form.timer_label.font().pointSizeF()
    dialog = session_of(win).open_settings()
    qtbot.addWidget(dialog)
    dialog.display.font_size.setValue(16)
    assert dialog.save(), dialog.bar.findChild(QLabel).text()
    assert qt_font.font().pointSize() == 16
    assert win.call_form.timer_label.font().pointSizeF() == before + 6
    assert json.loads((app.data_dir / "settings.json").read_text("utf-8"))["font_size"] == 16


def test_emergency_banner_numbers_grow_with_the_font(qtbot, app, qt_font):
    """The banner's numbers are rich text sized relative to the banner ('large')."""
    def numbers_points(form) -> float:
        doc = QTextDocument()
        doc.setDefaultFont(form.emergency.font())
        doc.setHtml(form.emergency.text())
        return doc.begin().begin().fragment().charFormat().font().pointSizeF()

    i18n.apply_font_size(qt_font, 10)
    win = _window(qtbot, app)
    form = win.call_form
    form.start_call()
    form.urgency.setCurrentIndex(form.urgency.findData("emergency"))
    assert form.emergency.isVisible()
    small = numbers_points(form)
    assert small > form.emergency.font().pointSizeF() > 10
    i18n.apply_font_size(qt_font, 18)
    QApplication.processEvents()
    assert numbers_points(form) > small


# ---------------------------------------------------------------- fitting the screen
def _sidebar_cut(win: MainWindow) -> list[str]:
    """Page names the sidebar shows cut short (an item lower than its wrapped text)."""
    bar = win.sidebar
    width = bar.viewport().width()
    cut = []
    for row in range(bar.count()):
        item = bar.item(row)
        needed = bar.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), item.text())
        rect = bar.visualItemRect(item)
        if needed.width() > width or needed.height() > rect.height():
            cut.append(f"{item.text()!r}: {needed.width()}×{needed.height()} in "
                       f"{width}×{rect.height()}")
    return cut


SCREEN = QSize(1366, 728)  # a 1366×768 screen less a 40-px taskbar


def _clipped(root: QWidget) -> list[str]:
    """What the user sees cut in `root`: a one-line label or a button narrower than its
    text, a wrapped label or check box shorter than its lines, a form that scrolls sideways,
    a table header narrower than its title, a status text shortened with "…"."""
    from PySide6.QtWidgets import QAbstractButton, QScrollArea, QTableView

    from hotline.ui.fitting import ElidedLabel

    cut = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0 or \
                widget.visibleRegion().isEmpty():
            continue
        name = f"{type(widget).__name__} {_text(widget)[:50]!r}"
        if isinstance(widget, ElidedLabel) and widget.elided():
            cut.append(f"{name}: shortened to {QLabel.text(widget)!r}")
        elif isinstance(widget, QLabel) and widget.text() and "<" not in widget.text():
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 1:
                    cut.append(f"{name}: {widget.height()} px high, its lines need "
                               f"{widget.heightForWidth(widget.width())}")
            elif widget.fontMetrics().horizontalAdvance(widget.text().replace("&", "")) > \
                    widget.contentsRect().width() + 1:
                cut.append(f"{name}: {widget.width()} px wide")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() + 1 < widget.minimumSizeHint().width():
                cut.append(f"{name}: {widget.width()} < {widget.minimumSizeHint().width()} px")
            elif widget.hasHeightForWidth() and \
                    widget.heightForWidth(widget.width()) > widget.height() + 1:
                cut.append(f"{name}: its wrapped lines are cut")
        elif isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            cut.append(f"{name}: scrolls sideways")
        elif isinstance(widget, QTableView) and widget.model() is not None:
            header = widget.horizontalHeader()
            bold = QFont(header.font())
            bold.setBold(True)
            for col in range(header.count()):
                title = str(widget.model().headerData(col, Qt.Orientation.Horizontal) or "")
                if title and not header.isSectionHidden(col) and \
                        QFontMetrics(bold).horizontalAdvance(title) > header.sectionSize(col):
                    cut.append(f"{name}: column {title!r} is {header.sectionSize(col)} px")
    return cut


def _text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return str(text()) if callable(text) else widget.accessibleName()


def _settle() -> None:
    """Layout requests travel up one parent per turn of the event loop (a status text that
    just changed reaches the status bar a few turns later)."""
    for _ in range(4):
        QApplication.processEvents()


def _every_view(win: MainWindow):
    """Show each page of the sidebar and each tab inside it in turn; yields its name."""
    from PySide6.QtWidgets import QTabWidget

    for row in range(win.sidebar.count()):
        key = win.sidebar.item(row).data(256)
        win.show_page(key)
        page = win.page(key)
        tabs = [page] if isinstance(page, QTabWidget) else []
        tabs += page.findChildren(QTabWidget)
        _settle()
        yield key
        for tab in tabs:
            for index in range(tab.count()):
                tab.setCurrentIndex(index)
                _settle()
                yield f"{key} › {tab.tabText(index)}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_fits_a_1366_by_768_screen_at_18_points(qtbot, data_dir, qt_font, lang):
    """At 18 pt, with an administrator logged in (every page in the sidebar): the window
    asks for no more than 1366×728 (768 less a taskbar), and at that size no page or tab
    shows a text cut, a form scrolling sideways or a page name cut in the sidebar; the
    call form's buttons go under its title, and each emergency service beside the form
    shows its whole number, button and name."""
    from argon2 import PasswordHasher

    from hotline.app import open_app
    from hotline.directory.models import Entry, EntryPhone
    from hotline.ui.lock import install_security

    (data_dir / "settings.json").write_text(json.dumps({"language": lang}), encoding="utf-8")
    i18n.install_translators(qt_font, lang)
    try:
        i18n.apply_font_size(qt_font, 18)
        app = open_app(data_dir)
        try:
            app.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
            app.session.user = app.accounts.create_first_admin("admin", "Nguyễn Văn An",
                                                               "admin-mật-khẩu")
            app.directory.save(Entry(
                name="Công an phường Ba Đình", categories=("police",), province_code="01",
                ward_code="00004", phones=(EntryPhone("024 3942 1234", "Trực ban"),),
                hours="24/7"), by="test")
            win = _window(qtbot, app, pages=True)
            install_security(win, app)
            assert win.page("admin") is not None
            form = win.call_form
            form.start_call()
            form.ensure_lists()  # the province list fills on first use
            form.province.set_code("01")
            form.ward.set_code("00004")
            form.urgency.setCurrentIndex(form.urgency.findData("emergency"))
            panel = win.search_tabs.widget(1)
            win.search_tabs.setCurrentWidget(panel)
            qtbot.waitUntil(lambda: len(panel.emergency_hits()) > 3, timeout=5000)
            win.resize(SCREEN)
            QApplication.processEvents()

            least = win.minimumSizeHint()
            assert least.width() <= SCREEN.width(), f"{least.width()} px: wider than the screen"
            assert least.height() <= SCREEN.height(), f"{least.height()} px: taller"
            assert win.size() == SCREEN

            header = form.header
            assert header.stacked, "at 18 pt the buttons belong under the title"
            assert header.controls.width() >= header.controls.minimumSizeHint().width()
            assert form.title.height() <= 2 * form.title.fontMetrics().height() + 4, \
                "the title is squeezed into a column"

            assert panel.emergency_box.isVisible()
            viewport = panel.emergency_scroll.viewport()
            holder = panel.emergency_scroll.widget()
            numbers = [w for w in holder.findChildren(QLabel)
                       if w.property(styles.STYLE_PROPERTY)]
            assert [n.text() for n in numbers][:3] == ["113", "115", "111"]
            assert "024 3942 1234" in [n.text() for n in numbers]
            for number in numbers:
                assert number.width() >= number.sizeHint().width(), number.text()
            for button in holder.findChildren(QPushButton):
                assert button.geometry().right() <= viewport.width(), button.text()
                assert button.width() >= button.minimumSizeHint().width(), button.text()
            names = [w for w in holder.findChildren(QLabel) if w not in numbers]
            assert names and all(n.width() > holder.width() * 0.8 for n in names)

            problems, seen = [], []
            for view in _every_view(win):
                seen.append(view)
                assert win.size() == SCREEN, f"{view}: the window grew to {win.size()}"
                problems += [f"{view}: {p}" for p in _clipped(win)]
            problems += [f"sidebar: {p}" for p in _sidebar_cut(win)]
            assert len(seen) >= 16, seen  # 8 pages, the library's and the admin's tabs
            assert not problems, "\n".join(problems)
            win.close()
        finally:
            app.close()
    finally:
        i18n.remove_translators(qt_font)


def test_at_the_usual_size_the_header_is_one_line(qtbot, app, qt_font):
    i18n.apply_font_size(qt_font, 9)
    win = _window(qtbot, app, pages=True)
    win.call_form.start_call()
    QApplication.processEvents()
    header = win.call_form.header
    assert not header.stacked
    qtbot.waitUntil(lambda: header.controls.y() == header.title.y() == 0, timeout=2000)
    assert header.controls.geometry().right() <= header.width()
    assert not _sidebar_cut(win)


# ---------------------------------------------------------------- one range, one function
def test_settings_dialog_offers_exactly_the_applied_range(qtbot, app, qt_font):
    from hotline.ui import settings_dialog
    from hotline.ui.settings_dialog import DisplayFields

    assert not hasattr(settings_dialog, "apply_font_size"), "one function: i18n's"
    fields = DisplayFields()
    qtbot.addWidget(fields)
    box = fields.font_size
    assert (box.minimum(), box.maximum()) == (i18n.FONT_SIZE_MIN - 1, i18n.FONT_SIZE_MAX)
    assert box.specialValueText()  # the step below the minimum is "the system's size"
    for value in range(box.minimum(), box.maximum() + 1):
        box.setValue(value)
        saved = fields.values()["font_size"]
        assert saved == (0 if value == box.minimum() else value)
        assert i18n.clamp_font_size(saved) == saved  # nothing the dialog saves is changed
        assert i18n.apply_font_size(qt_font, saved) == saved
    # A hand-edited settings file shows what is really applied.
    for stored, shown in ((40, i18n.FONT_SIZE_MAX), (3, i18n.FONT_SIZE_MIN), (0, box.minimum())):
        fields.load(app.settings.with_changes(font_size=stored))
        assert box.value() == shown, stored
        assert i18n.clamp_font_size(stored) == fields.values()["font_size"]
