"""Accessibility: every input a screen reader reaches has a name (an accessible name or a
buddy label), on every page of the window and in its dialogs, in both languages."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from hotline.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

INPUTS = (QLineEdit, QComboBox, QTextEdit, QPlainTextEdit, QCheckBox, QAbstractSpinBox,
          QAbstractItemView)


def _is_part_of_another_input(widget: QWidget) -> bool:
    """Qt's own pieces: the line edit inside a combo box or spin box, a combo's popup list,
    the views inside a calendar, a table's headers; they are announced through their
    owner."""
    if widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)):
            return True
        if type(parent).__name__ in ("QComboBoxPrivateContainer", "QCalendarWidget"):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_inputs(root: QWidget) -> list[str]:
    """Input widgets under `root` with neither an accessible name nor a buddy label."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel)
               if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or _is_part_of_another_input(widget):
            continue
        if widget.accessibleName().strip() or id(widget) in buddies:
            continue
        hint = ""
        if isinstance(widget, QLineEdit):
            hint = widget.placeholderText()
        elif isinstance(widget, QCheckBox):
            hint = widget.text()
        where = widget.parentWidget()
        path = []
        while where is not None and where is not root and len(path) < 3:
            path.append(where.accessibleName() or type(where).__name__)
            where = where.parentWidget()
        missing.append(f"{type(widget).__name__} {hint!r} in {' < '.join(path)}")
    return missing


@pytest.fixture(params=["vi", "en"])
def window(request, qtbot, data_dir):
    """The whole window, every page installed, in one language."""
    from hotline.app import open_app
    from hotline.ui import i18n
    from hotline.ui.pages import install_pages

    lang = request.param
    (data_dir / "settings.json").write_text(json.dumps({"language": lang}), encoding="utf-8")
    qt = QApplication.instance()
    before = QLocale()
    i18n.install_translators(qt, lang)
    app = open_app(data_dir)
    win = MainWindow(app)
    qtbot.addWidget(win)
    install_pages(win, app)
    win.show()
    yield win
    win.close()
    app.close()
    i18n.remove_translators(qt)
    QLocale.setDefault(before)


def test_every_input_of_every_page_has_a_name(window):
    for row in range(window.sidebar.count()):
        window.show_page(window.sidebar.item(row).data(256))
    missing = unnamed_inputs(window)
    assert not missing, "inputs without an accessible name or a buddy label:\n" + "\n".join(
        missing)


def test_inputs_of_the_call_form_are_named_in_the_window_language(window):
    form = window.call_form
    english = window.sidebar.item(0).text() == "Log a call"
    assert form.phone.accessibleName() == ("Phone number" if english else "Số điện thoại")
    assert form.categories.filter.accessibleName() == ("Filter issues" if english
                                                       else "Lọc vấn đề")


def test_dialogs_have_named_inputs(qtbot, app):
    """The settings dialog and the edit history, opened the way people open them."""
    from hotline.calls.models import Call
    from hotline.ui.history_view import HistoryView
    from hotline.ui.settings_dialog import SettingsDialog

    dialogs: list[QWidget] = [SettingsDialog(app)]

    saved = app.calls.save(Call(received_at=app.clock.now(), categories=("info.law",),
                                level="info", urgency="routine"))
    dialogs.append(HistoryView(app.calls, saved.id))
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems += [f"{type(dialog).__name__}: {m}" for m in unnamed_inputs(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def admin(app):
    from argon2 import PasswordHasher

    app.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    user = app.accounts.create_first_admin("admin", "Nguyễn Văn An", "admin-mật-khẩu")
    app.session.user = user
    return user


def test_admin_page_and_account_menu_have_named_inputs(qtbot, app, admin):
    """Logged in as the administrator: the admin page (users, log, backups, export, key,
    retention) and the lock screen."""
    from hotline.ui.lock import install_security
    from hotline.ui.pages import install_pages

    window = MainWindow(app)
    qtbot.addWidget(window)
    install_pages(window, app)
    install_security(window, app)
    window.show()
    for row in range(window.sidebar.count()):
        window.show_page(window.sidebar.item(row).data(256))
    missing = unnamed_inputs(window)
    window.close()
    assert not missing, "\n".join(missing)


def test_start_up_dialogs_have_named_inputs(qtbot, app, admin):
    from hotline.ui.login import LoginDialog, PassphraseDialog
    from hotline.ui.setup_wizard import SetupWizard
    from hotline.ui.users_view import ChangePasswordDialog

    dialogs: list[QWidget] = [LoginDialog(app), ChangePasswordDialog(app, admin),
                              SetupWizard(app)]
    dialogs += [PassphraseDialog(mode) for mode in ("create", "enter", "recover")]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems += [f"{type(dialog).__name__}: {m}" for m in unnamed_inputs(dialog)]
        dialog.close()
    assert not problems, "\n".join(problems)


def test_the_check_finds_an_unnamed_field(qtbot):
    root = QWidget()
    qtbot.addWidget(root)
    named = QLineEdit(root)
    named.setAccessibleName("Tên")
    labelled = QComboBox(root)
    QLabel("&Kênh", root).setBuddy(labelled)
    QLineEdit(root).setPlaceholderText("không tên")
    editable = QComboBox(root)
    editable.setEditable(True)
    editable.setAccessibleName("Tỉnh")
    assert unnamed_inputs(root) == ["QLineEdit 'không tên' in "]
