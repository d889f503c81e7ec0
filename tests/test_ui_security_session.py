"""The session in the window: start-up (passphrase, recovery key, login), the idle lock, user
switching and logout, and what each role sees and may do, with the audit entries."""

from __future__ import annotations

import keyring
import keyring.backends.null
import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from typing_helpers import type_text

from hotline.calls.models import Call
from hotline.security import dbkey
from hotline.security.accounts import MAX_FAILURES
from hotline.ui.lock import ADMIN_PAGE, install_security, session_of
from hotline.ui.login import LoginDialog, Startup
from hotline.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

FAST = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


@pytest.fixture
def people(app):
    app.accounts.hasher = FAST
    admin = app.accounts.create_first_admin("admin", "Nguyễn Văn An", "admin-mật-khẩu")
    head = app.accounts.create_user(admin, "hoa", "Lê Thị Hoa", "head", "hoa-mật-khẩu")
    op = app.accounts.create_user(admin, "lan", "Trần Thị Lan", "operator", "lan-mật-khẩu")
    return {"admin": admin, "head": head, "operator": op}


@pytest.fixture
def open_window(qtbot, app):
    windows = []

    def make(user, *, pages: bool = False) -> MainWindow:
        app.session.user = user
        window = MainWindow(app)
        qtbot.addWidget(window)
        if pages:
            from hotline.ui.pages import install_pages

            install_pages(window, app)
        install_security(window, app)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # for its shortcuts
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.null.Keyring())  # headless Linux: nothing secure
    yield
    keyring.set_keyring(previous)


def actions(app, **filters) -> list[str]:
    return [e.action for e in app.audit.entries(**filters)]


# ----------------------------------------------------------------------------- login
def test_login_refuses_a_wrong_password_then_locks_out(qtbot, app, people):
    dialog = LoginDialog(app)
    qtbot.addWidget(dialog)
    dialog.show()
    logged = []
    dialog.logged_in.connect(logged.append)
    form = dialog.form
    for _ in range(MAX_FAILURES):
        form.username.setText("lan")
        type_text(form.password, "sai mật khẩu")
        qtbot.keyClick(form.password, Qt.Key.Key_Return)
        assert form.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
        assert form.password.text() == "" and form.password.hasFocus()
    type_text(form.password, "lan-mật-khẩu")  # right, but too late
    form.submit()
    assert "thử lại sau" in form.error.text()
    assert logged == [] and dialog.isVisible()
    assert actions(app, action="login").count("login.failed") == MAX_FAILURES + 1
    assert "login" not in actions(app, action="login")


def test_startup_with_accounts_asks_for_a_login_before_building_anything(qtbot, data_dir):
    from hotline.app import open_app

    first = open_app(data_dir)
    first.accounts.create_first_admin("admin", "Quản trị", "admin-mật-khẩu")
    first.close()
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    startup.begin()
    dialog = startup.login_dialog
    assert dialog is not None and dialog.isVisible() and startup.wizard is None
    assert not window.attached  # no call form, no list: nothing of the call data yet
    dialog.form.username.setText("admin")
    type_text(dialog.form.password, "admin-mật-khẩu")
    with qtbot.waitSignal(startup.finished) as blocker:
        dialog.form.submit()
    app = blocker.args[0]
    try:
        assert app.user.username == "admin"
        assert "login" in actions(app)
    finally:
        app.close()


def test_quitting_the_login_ends_the_startup(qtbot, app, people, data_dir):
    app.close()
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    results = []
    startup.finished.connect(results.append)
    startup.begin()
    assert startup.login_dialog is not None
    startup.login_dialog.reject()
    assert results == [None]


# ------------------------------------------------------------------------ passphrase
def test_no_keyring_asks_for_a_passphrase_and_a_wrong_one_can_be_retried(
        qtbot, data_dir, no_keyring):
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    startup.begin()
    dialog = startup.passphrase_dialog
    assert dialog is not None and dialog.mode == "create" and dialog.isVisible()
    type_text(dialog.passphrase, "cụm mật khẩu dài")
    type_text(dialog.passphrase2, "cụm mật khẩu khác")
    dialog.open_button.click()
    assert "không khớp" in dialog.error.text()
    type_text(dialog.passphrase2, "cụm mật khẩu dài")
    dialog.open_button.click()
    assert startup.wizard is not None  # the data opened (a new database: first run)
    key = startup.app.store.key
    startup.wizard.reject()

    # Next start: the passphrase; a wrong one says so and the dialog stays for a retry.
    startup = Startup(window, data_dir)
    startup.begin()
    dialog = startup.passphrase_dialog
    assert dialog is not None and dialog.mode == "enter"
    type_text(dialog.passphrase, "cụm mật khẩu sai rồi")
    dialog.open_button.click()
    assert "không đúng" in dialog.error.text() and dialog.isVisible()
    assert startup.app is None
    dialog.passphrase.clear()
    type_text(dialog.passphrase, "cụm mật khẩu dài")
    dialog.open_button.click()
    assert startup.app is not None and startup.app.store.key == key
    assert not dialog.isVisible()
    startup.wizard.reject()


def test_forgotten_passphrase_recovery_key_sets_a_new_one_and_shows_a_new_key(
        qtbot, data_dir, no_keyring):
    from hotline.app import open_app

    first = open_app(data_dir, passphrase="cụm mật khẩu cũ")
    old_code = dbkey.recovery_code(first.store.key)
    first.accounts.create_first_admin("admin", "Quản trị", "admin-mật-khẩu")
    first.close()
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    startup.begin()
    dialog = startup.passphrase_dialog
    assert dialog is not None and dialog.mode == "enter"
    dialog.recovery_toggle.click()
    assert dialog.using_recovery and dialog.recovery_code.isVisible()
    dialog.recovery_code.setText("AAAA-BBBB-CCCC")
    type_text(dialog.new_passphrase, "cụm mật khẩu mới")
    type_text(dialog.new_passphrase2, "cụm mật khẩu mới")
    dialog.open_button.click()
    assert "khóa khôi phục" in dialog.error.text().lower() and dialog.isVisible()
    dialog.recovery_code.setText(old_code.lower().replace("-", " "))  # as typed from paper
    type_text(dialog.new_passphrase2, "")
    dialog.open_button.click()
    shown = startup.recovery_dialog
    assert shown is not None and shown.isVisible()
    new_code = shown.panel.code
    assert new_code and new_code != old_code
    assert not shown.continue_button.isEnabled()
    shown.reject()  # Esc does not skip the new key
    assert shown.isVisible()
    shown.panel.acknowledge.setChecked(True)
    shown.continue_button.click()
    assert startup.login_dialog is not None and startup.login_dialog.isVisible()
    assert "key.recover" in actions(startup.app)
    startup.login_dialog.reject()
    reopened = open_app(data_dir, passphrase="cụm mật khẩu mới")
    try:
        assert dbkey.recovery_code(reopened.store.key) == new_code
    finally:
        reopened.close()
    with pytest.raises(Exception):  # noqa: B017 — the old passphrase opens nothing now
        open_app(data_dir, passphrase="cụm mật khẩu cũ")


def test_lost_keyring_entry_is_recovered_with_the_recovery_key(qtbot, data_dir):
    from hotline.app import open_app

    first = open_app(data_dir)
    code = dbkey.recovery_code(first.store.key)
    first.close()
    dbkey.forget(data_dir)  # a reinstalled PC: the keyring no longer has the key
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    startup.begin()
    dialog = startup.passphrase_dialog
    assert dialog is not None and dialog.mode == "recover"
    assert "khóa khôi phục" in dialog.message.text()
    assert not dialog.new_passphrase.isVisible()  # the keyring is secure: the key goes back
    other = dbkey.recovery_code(b"\x01" * 32)  # well-formed, but another center's key
    dialog.recovery_code.setText(other)
    dialog.open_button.click()
    assert "không mở được" in dialog.error.text()
    dialog.recovery_code.setText(code)
    dialog.open_button.click()
    assert startup.app is not None
    startup.wizard.reject()
    again = open_app(data_dir)  # the key is back in the keyring
    again.close()


# -------------------------------------------------------------------------- idle lock
def test_idle_lock_hides_caller_data_and_keeps_the_typed_call(qtbot, app, people,
                                                              open_window):
    window = open_window(people["operator"])
    session = session_of(window)
    form = window.call_form
    window.new_call()
    type_text(form.summary, "Chị Hà bị chồng đánh, đang ở nhà mẹ đẻ")
    type_text(form.caller_name, "Hà")
    settings = session.open_settings()
    assert settings.isVisible()
    session.set_idle_timeout_ms(300)
    qtbot.waitUntil(lambda: session.locked, timeout=5000)

    assert window.centralWidget().currentWidget() is session.lock_screen
    assert session.lock_screen.isVisible()
    for widget in (form, form.summary, form.caller_name, window.sidebar, window.call_list,
                   window.search_tabs):
        assert not widget.isVisible()
    assert not session.content.isEnabled()
    assert not settings.isVisible()  # other windows go too
    assert window.operator_label.text() == "Đã khóa"
    # The window's shortcuts are off: Alt+1 must not log a call nobody can see.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for keys in ((Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier),
                 (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier),
                 (Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(session.lock_screen.form.password, *keys)
    assert window.current_page() == "call"
    QApplication.processEvents()
    assert app.calls.count(_all()) == 0
    # The draft was written before the lock, as the operator's.
    drafts = app.calls.drafts()
    assert [d.operator for d in drafts] == ["Trần Thị Lan"]
    assert drafts[0].data["summary"] == "Chị Hà bị chồng đánh, đang ở nhà mẹ đẻ"
    assert "idle" in [e.detail for e in app.audit.entries(action="session.lock")]

    lock_form = session.lock_screen.form
    assert lock_form.username.text() == "lan"
    lock_form.password.clear()  # the Alt+1 above typed a "1" there
    type_text(lock_form.password, "lan-mật-khẩu")
    qtbot.keyClick(lock_form.password, Qt.Key.Key_Return)
    assert not session.locked and form.isVisible()
    assert form.summary.toPlainText() == "Chị Hà bị chồng đánh, đang ở nhà mẹ đẻ"
    assert form.caller_name.text() == "Hà" and form.active
    assert settings.isVisible()
    assert "session.unlock" in actions(app)


def _all():
    from hotline.calls.models import CallFilter

    return CallFilter()


def test_input_keeps_the_window_unlocked(qtbot, app, people, open_window):
    window = open_window(people["operator"])
    session = session_of(window)
    # Typing for longer than the idle time keeps it open; the margin (a key every 150 ms
    # against 2 s) absorbs a loaded CI machine's event-loop stalls.
    session.set_idle_timeout_ms(2000)
    for _ in range(16):
        qtbot.wait(150)
        qtbot.keyClick(window.call_form.phone, Qt.Key.Key_0)
        assert not session.locked
    qtbot.waitUntil(lambda: session.locked, timeout=8000)


def test_another_user_unlocking_leaves_the_call_as_the_first_operators_draft(
        qtbot, app, people, open_window):
    window = open_window(people["operator"])
    session = session_of(window)
    form = window.call_form
    window.new_call()
    type_text(form.summary, "Em bé bị bỏ đói")
    assert session.lock("manual")
    assert not session.lock("manual")  # already locked
    lock_form = session.lock_screen.form
    lock_form.username.setText("hoa")
    type_text(lock_form.password, "hoa-mật-khẩu")
    lock_form.submit()
    assert not session.locked
    assert app.user.username == "hoa"
    assert form.summary.toPlainText() == "" and not form.active
    assert [(d.operator, d.data["summary"]) for d in form.pending_drafts] == [
        ("Trần Thị Lan", "Em bé bị bỏ đói")]
    assert window.operator_label.text() == "Người trực: Lê Thị Hoa (Lãnh đạo trung tâm)"
    assert session.admin_page() is not None  # a head now: the admin page appears


def test_logout_then_someone_else_logs_in(qtbot, app, people, open_window):
    window = open_window(people["head"])
    session = session_of(window)
    assert session.admin_page() is not None
    session.logout_action.trigger()
    assert session.locked and app.user is None
    assert session.lock_screen.form.username.text() == ""
    assert session.lock_screen.title.text() == "Đã đăng xuất"
    assert actions(app, action="logout") == ["logout"]
    assert session.admin_page() is not None  # still built, but out of sight
    assert not session.admin_page().isVisible()
    lock_form = session.lock_screen.form
    lock_form.username.setText("lan")
    type_text(lock_form.password, "lan-mật-khẩu")
    lock_form.submit()
    assert app.user.username == "lan" and session.admin_page() is None


def test_lock_shortcut_and_menu(qtbot, app, people, open_window):
    window = open_window(people["operator"])
    session = session_of(window)
    qtbot.keyClick(window.call_form.phone, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert session.locked
    assert session.user_button.menu() is session.menu
    texts = [a.text() for a in session.menu.actions() if a.text()]
    assert texts == ["Đổi mật khẩu của tôi…", "Cài đặt…", "Khóa màn hình", "Đăng xuất"]


# ----------------------------------------------------------------------------- roles
def _switch_user(session, username: str, password: str) -> None:
    session.lock("manual")
    lock_form = session.lock_screen.form
    lock_form.username.setText(username)
    type_text(lock_form.password, password)
    assert lock_form.submit() is not None


def test_library_and_directory_rights_follow_a_user_switch_at_the_lock_screen(
        qtbot, app, people, open_window):
    window = open_window(people["head"], pages=True)
    session = session_of(window)
    library, directory = window.page("library"), window.page("directory")
    importing = library.import_page
    assert importing.choose_button.isEnabled() and importing.batch_button.isEnabled()
    assert directory.add_button.isVisibleTo(directory)
    assert directory.import_button.isVisibleTo(directory)

    _switch_user(session, "lan", "lan-mật-khẩu")  # a head hands the desk to an operator
    assert app.user.username == "lan"
    assert not importing.choose_button.isEnabled() and not importing.batch_button.isEnabled()
    assert not importing.import_button.isEnabled() and not importing.remove_button.isEnabled()
    assert "chỉ được tra cứu" in importing.message.text()
    assert not directory.add_button.isVisibleTo(directory)
    assert not directory.import_button.isVisibleTo(directory)

    _switch_user(session, "hoa", "hoa-mật-khẩu")  # and back to a head
    assert importing.choose_button.isEnabled() and importing.message.text() == ""
    assert directory.add_button.isVisibleTo(directory)


def test_operator_sees_no_admin_page_and_cannot_change_center_settings(
        qtbot, app, people, open_window):
    window = open_window(people["operator"], pages=True)
    session = session_of(window)
    assert session.admin_page() is None
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert "Quản trị" not in titles
    count = window.sidebar.count()
    qtbot.keyClick(window.call_form.phone, getattr(Qt.Key, f"Key_{count + 1}"),
                   Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "call"
    dialog = session.open_settings()
    assert not dialog.center.isEnabled() and not dialog.security.isEnabled()
    assert dialog.display.isEnabled()
    assert "lãnh đạo" in dialog.bar.text()


def test_head_sees_users_audit_backups_and_export_with_personal_data(
        qtbot, app, people, open_window):
    window = open_window(people["head"], pages=True)
    page = session_of(window).admin_page()
    assert page is not None
    assert list(page.views) == ["users", "audit", "backup", "export", "retention"]
    assert page.view("export").with_pii.isVisibleTo(page.view("export"))
    window.show_page(ADMIN_PAGE)
    assert window.current_page() == ADMIN_PAGE
    admin_window = window  # the admin (not the head) also manages the key
    app.session.user = people["admin"]
    session_of(admin_window).sync_admin_page()
    assert "key" in session_of(admin_window).admin_page().views


def test_opening_a_call_is_audited(qtbot, app, people, open_window, now):
    saved = app.calls.save(Call(received_at=now, summary="Bí mật", categories=("dv.physical",),
                                level="counsel"), operator="Trần Thị Lan")
    window = open_window(people["operator"])
    window.open_call(saved.id)
    entries = app.audit.entries(action="call.open")
    assert [(e.actor, e.target) for e in entries] == [("lan", f"call:{saved.id}")]
    assert "Bí mật" not in str(entries)  # the log names records, never their content
    window.open_call(saved.id)  # the same call again, nothing new
    assert len(app.audit.entries(action="call.open")) == 1


def test_report_generation_from_the_window_is_audited(qtbot, app, people, open_window):
    window = open_window(people["operator"], pages=True)
    reports = window.page("reports")
    with qtbot.waitSignal(reports.report_ready, timeout=60000):
        assert reports.generate()
    entries = app.audit.entries(action="report.generate")
    assert len(entries) == 1 and entries[0].actor == "lan"


# --------------------------------------------------------------------------- start()
def test_start_logs_in_then_builds_the_window_with_the_session(qtbot, app, people, data_dir):
    from PySide6.QtCore import QTimer

    from hotline.ui.main import start

    app.close()
    tries = [0]

    def log_in() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, LoginDialog) and w.isVisible()]
        if not dialogs:
            tries[0] += 1
            if tries[0] < 500:
                QTimer.singleShot(20, log_in)
            else:  # no login dialog in 10 s: close the frame so start() returns (and fails)
                for widget in QApplication.topLevelWidgets():
                    if isinstance(widget, MainWindow):
                        widget.close()
            return
        dialogs[0].form.username.setText("hoa")
        dialogs[0].form.password.setText("hoa-mật-khẩu")
        dialogs[0].form.submit()

    QTimer.singleShot(0, log_in)
    started = start(str(data_dir))
    assert started is not None
    _qt, opened, window = started
    try:
        assert opened.user.username == "hoa"
        session = session_of(window)
        assert session is not None and not session.locked
        assert window.operator_label.text() == "Người trực: Lê Thị Hoa (Lãnh đạo trung tâm)"
        assert session.admin_page() is not None
        assert window.page("reports") is not None
    finally:
        window.close()
        opened.close()


def test_closing_the_window_during_the_login_ends_the_startup(qtbot, app, people, data_dir):
    app.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    startup = Startup(window, data_dir)
    results = []
    startup.finished.connect(results.append)
    startup.begin()
    assert startup.login_dialog is not None
    window.close()
    assert results == [None] and startup.app is None


def test_a_damaged_database_is_reported_and_start_returns_none(qtbot, data_dir, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hotline import config
    from hotline.app import open_app
    from hotline.ui import main as ui_main

    open_app(data_dir).close()  # key.json and the key in the keyring exist
    (data_dir / config.DATABASE_FILE).write_bytes(b"this is not a database" * 100)
    for side in ("-wal", "-shm"):
        (data_dir / (config.DATABASE_FILE + side)).unlink(missing_ok=True)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))
    assert ui_main.run(str(data_dir)) == 1
    assert shown and "Không mở được cơ sở dữ liệu" in shown[0][1]


def test_a_database_without_its_key_file_offers_the_recovery_key(qtbot, data_dir):
    from hotline import config
    from hotline.app import open_app

    open_app(data_dir).close()
    (data_dir / dbkey.KEY_FILE).unlink()  # e.g. only hotline.sqlite was copied to a new PC
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    startup.begin()
    dialog = startup.passphrase_dialog
    assert dialog is not None and dialog.mode == "recover"
    assert "key.json" in dialog.message.text()
    assert (data_dir / config.DATABASE_FILE).exists()
    dialog.reject()
