"""The admin page's tabs: users, the audit log, backups (and the daily one), the key,
retention and exports with personal data; each refuses what the user may not do."""

from __future__ import annotations

import csv
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QDate
from typing_helpers import type_text

from hotline import config
from hotline.calls.models import Call
from hotline.clock import FixedClock
from hotline.security import backup, dbkey
from hotline.security.accounts import AuthError
from hotline.security.audit import AuditLog
from hotline.ui.audit_view import AuditView
from hotline.ui.backup_view import (
    BackupView,
    CallExportView,
    KeyView,
    MaintenanceScheduler,
    RetentionView,
)
from hotline.ui.users_view import AdminPage, ChangePasswordDialog, UsersView

pytestmark = pytest.mark.gui

FAST = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


@pytest.fixture
def people(app):
    app.accounts.hasher = FAST
    admin = app.accounts.create_first_admin("admin", "Nguyễn Văn An", "admin-mật-khẩu")
    head = app.accounts.create_user(admin, "hoa", "Lê Thị Hoa", "head", "hoa-mật-khẩu")
    op = app.accounts.create_user(admin, "lan", "Trần Thị Lan", "operator", "lan-mật-khẩu")
    return {"admin": admin, "head": head, "operator": op}


def widget(qtbot, view):
    qtbot.addWidget(view)
    view.show()
    return view


def select(view: UsersView, username: str) -> None:
    view.select(username)
    assert view.selected_username() == username


# ----------------------------------------------------------------------------- users
def test_users_list_add_reset_role_disable(qtbot, app, people):
    app.session.user = people["head"]
    view = widget(qtbot, UsersView(app))
    assert [u.username for u in view.model.rows] == ["admin", "hoa", "lan"]
    assert view.model.data(view.model.index(2, view.model.ROLE)) == "Điện thoại viên"
    # A head cannot make admins: the role lists offer operator and head only.
    assert [view.new_role.itemData(i) for i in range(view.new_role.count())] == [
        "operator", "head"]

    type_text(view.new_username, "mai")
    type_text(view.new_name, "Phạm Thị Mai")
    type_text(view.new_password, "mai-mật-khẩu")
    type_text(view.new_password2, "mai-mật-khẩu-khác")
    assert not view.add_user()
    assert "không khớp" in view.bar.text()
    type_text(view.new_password2, "mai-mật-khẩu")
    assert view.add_user()
    assert app.accounts.get("mai").display_name == "Phạm Thị Mai"
    assert app.accounts.authenticate("mai", "mai-mật-khẩu").role.value == "operator"
    assert view.selected_username() == "mai"

    type_text(view.reset_password, "mật-khẩu-mới-1")
    type_text(view.reset_password2, "mật-khẩu-mới-1")
    assert view.reset_selected_password()
    assert app.accounts.authenticate("mai", "mật-khẩu-mới-1")

    view.role_combo.setCurrentIndex(view.role_combo.findData("head"))
    assert view.change_selected_role()
    assert app.accounts.get("mai").role.value == "head"

    assert view.active_button.text().replace("&", "") == "Khóa tài khoản"
    assert view.toggle_selected_active()
    assert not app.accounts.get("mai").active
    with pytest.raises(AuthError, match="đã bị khóa"):
        app.accounts.authenticate("mai", "mật-khẩu-mới-1")
    assert view.model.data(view.model.index(view.model.rows.index(
        app.accounts.get("mai")), view.model.STATE)) == "đã khóa"
    assert view.toggle_selected_active()
    assert app.accounts.get("mai").active
    audited = [e.action for e in app.audit.entries(actor="hoa")]
    assert {"user.create", "user.password", "user.role", "user.deactivate",
            "user.activate"} <= set(audited)


def test_a_head_cannot_touch_the_admin_account(qtbot, app, people):
    app.session.user = people["head"]
    view = widget(qtbot, UsersView(app))
    select(view, "admin")
    assert not view.reset_button.isEnabled() and not view.active_button.isEnabled()
    assert view.role_combo.currentText() == "Quản trị"
    # Even called directly, the service refuses.
    for call in (lambda: app.accounts.set_password(people["head"], "admin", "chiếm-quyền-123"),
                 lambda: app.accounts.set_role(people["head"], "admin", "operator"),
                 lambda: app.accounts.set_active(people["head"], "admin", False)):
        with pytest.raises(AuthError, match="quản trị"):
            call()
    assert app.accounts.authenticate("admin", "admin-mật-khẩu")


def test_users_view_actions_are_guarded_when_the_user_is_an_operator(qtbot, app, people):
    app.session.user = people["head"]
    view = widget(qtbot, UsersView(app))
    app.session.user = people["operator"]  # e.g. an operator logged in meanwhile
    type_text(view.new_username, "x")
    type_text(view.new_password, "mật-khẩu-dài")
    type_text(view.new_password2, "mật-khẩu-dài")
    assert not view.add_user()
    assert "không được phép" in view.bar.text()
    assert app.accounts.get("x") is None


def test_own_password_change_needs_the_current_one(qtbot, app, people):
    dialog = widget(qtbot, ChangePasswordDialog(app, people["operator"]))
    type_text(dialog.old, "sai")
    type_text(dialog.new, "lan-mới-12345")
    type_text(dialog.new2, "lan-mới-12345")
    assert not dialog.save()
    assert "sai" in dialog.error.text().lower()
    type_text(dialog.old, "lan-mật-khẩu")
    type_text(dialog.new2, "")
    assert dialog.save()
    assert app.accounts.authenticate("lan", "lan-mới-12345")


def test_admin_page_tabs_follow_the_role(qtbot, app, people):
    app.session.user = people["operator"]
    assert not AdminPage.visible_for(app)
    app.session.user = people["head"]
    page = widget(qtbot, AdminPage(app))
    assert [page.tabText(i) for i in range(page.count())] == [
        "Tài khoản", "Nhật ký truy cập", "Sao lưu", "Xuất dữ liệu cuộc gọi",
        "Thời hạn lưu trữ"]
    assert not page.view("backup").restore_button.isVisibleTo(page.view("backup"))
    app.session.user = people["admin"]
    page = widget(qtbot, AdminPage(app))
    assert "key" in page.views
    assert page.view("backup").restore_button.isVisibleTo(page.view("backup"))


# ----------------------------------------------------------------------------- audit
def test_audit_view_filters_and_verifies_the_chain(qtbot, app, people):
    app.session.user = people["head"]
    old = AuditLog(app.store, FixedClock(fixed=app.clock.now() - timedelta(days=60)))
    old.record("lan", "call.open", "call:1")
    app.audit.record("lan", "call.open", "call:2", ("summary",))
    app.audit.record("hoa", "calls.export_pii", "2026-01-01..2026-01-31", (), "3 calls")
    view = widget(qtbot, AuditView(app))
    targets = [e.target for e in view.model.rows]
    assert "call:2" in targets and "call:1" not in targets  # last 30 days by default
    view.set_filter(actor="lan", action="call.")
    assert [e.target for e in view.model.rows] == ["call:2"]
    assert view.model.data(view.model.index(0, view.model.ACTION)) == "Mở chi tiết cuộc gọi"
    assert view.model.data(view.model.index(0, view.model.FIELDS)) == "summary"
    today = app.clock.today()
    view.set_filter(since=today - timedelta(days=90), until=today)
    assert [e.target for e in view.model.rows] == ["call:2", "call:1"]
    view.set_filter(actor="", action="calls.")
    assert [e.action for e in view.model.rows] == ["calls.export_pii"]

    with qtbot.waitSignal(view.verified, timeout=10000) as blocker:
        assert view.verify()
    assert blocker.args[0].ok
    assert "Toàn vẹn" in view.verify_label.text()

    conn = app.store.new_connection()  # someone with the key edits the log
    conn.execute("DROP TRIGGER audit_no_update")
    bad = app.audit.entries(action="call.open", actor="lan")[0].id
    conn.execute("UPDATE audit SET target = 'call:99' WHERE id = ?", (bad,))
    conn.close()
    view.set_filter(actor="", action="")
    with qtbot.waitSignal(view.verified, timeout=10000) as blocker:
        view.verify()
    assert not blocker.args[0].ok
    assert f"#{bad}" in view.verify_label.text() and "BỊ THAY ĐỔI" in view.verify_label.text()
    assert view.model.rows[view.table.currentIndex().row()].id == bad


def test_audit_view_refuses_an_operator(qtbot, app, people):
    app.session.user = people["operator"]
    view = widget(qtbot, AuditView(app))
    assert view.model.rowCount() == 0 and "Không được phép" in view.bar.text()
    assert not view.verify()


# ---------------------------------------------------------------------------- backups
def test_backup_now_verify_and_restore_request(qtbot, app, people, tmp_path, now):
    app.calls.save(Call(received_at=now, summary="Nội dung", categories=("other",),
                        level="info"), operator="Lan")
    app.session.user = people["admin"]
    view = widget(qtbot, BackupView(app))
    assert view.model.rowCount() == 0
    with qtbot.waitSignal(view.backup_done, timeout=30000) as blocker:
        assert view.create_now()
    made = blocker.args[0].path
    assert made.parent == app.data_dir / "backups" and made.is_file()
    assert view.model.rowCount() == 1 and "Đã sao lưu" in view.bar.text()
    assert [e.target for e in app.audit.entries(action="backup.create")] == [made.name]
    backup.verify(made, app.store.key)  # encrypted with the data's key
    with pytest.raises(backup.BackupError):
        backup.verify(made, None)

    view.table.selectRow(0)
    with qtbot.waitSignal(view.verified, timeout=30000) as blocker:
        assert view.verify_selected()
    assert blocker.args == [made.name, True]

    view.show_restore()
    assert "hotline backup restore" in view.restore_text.text()
    assert view.request_restore()
    assert backup.pending_restore(app.data_dir) == made.resolve()
    assert "mở lại" in view.restore_text.text()
    view.cancel_restore()
    assert backup.pending_restore(app.data_dir) is None
    assert {"backup.restore_request", "backup.restore_cancel"} <= {
        e.action for e in app.audit.entries()}


def test_a_corrupt_backup_is_reported_and_cannot_be_scheduled_for_restore(
        qtbot, app, people):
    app.session.user = people["admin"]
    folder = app.data_dir / "backups"
    folder.mkdir()
    broken = folder / backup.backup_name(app.clock.now().replace(tzinfo=None))
    broken.write_bytes(b"\0" * 8192)
    view = widget(qtbot, BackupView(app))
    view.table.selectRow(0)
    with qtbot.waitSignal(view.verified, timeout=30000) as blocker:
        view.verify_selected()
    assert blocker.args == [broken.name, False]
    assert "KHÔNG dùng được" in view.bar.text()
    view.show_restore()
    assert not view.request_restore()
    assert backup.pending_restore(app.data_dir) is None


def test_head_cannot_restore(qtbot, app, people):
    app.session.user = people["admin"]
    view = widget(qtbot, BackupView(app))
    with qtbot.waitSignal(view.backup_done, timeout=30000):
        view.create_now()
    app.session.user = people["head"]
    view.table.selectRow(0)
    assert not view.request_restore()
    assert "không được phép" in view.bar.text()


def test_restore_requested_in_the_window_runs_at_the_next_start(qtbot, app, people, now):
    from hotline.app import open_app
    from hotline.ui.login import Startup
    from hotline.ui.main_window import MainWindow

    app.calls.save(Call(received_at=now, summary="Trước sao lưu", categories=("other",),
                        level="info"), operator="Lan")
    made = backup.create(app.store, app.data_dir / "backups", app.clock)
    app.calls.save(Call(received_at=now, summary="Sau sao lưu", categories=("other",),
                        level="info"), operator="Lan")
    backup.request_restore(app.data_dir, made)
    data_dir = app.data_dir
    app.close()
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    startup.begin()
    assert startup.login_dialog is not None
    assert made.name in startup.login_dialog.notice.text()
    startup.login_dialog.reject()
    assert backup.pending_restore(data_dir) is None
    reopened = open_app(data_dir)
    try:
        from hotline.calls.models import CallFilter

        summaries = [c.summary for c in reopened.calls.iter_calls(CallFilter())]
        assert summaries == ["Trước sao lưu"]
        assert "backup.restore" in [e.action for e in reopened.audit.entries()]
        assert list(data_dir.glob("hotline.sqlite.before-restore-*"))
    finally:
        reopened.close()


def test_a_restore_that_fails_at_start_changes_nothing_and_says_so(qtbot, app, people, now):
    from hotline.calls.models import CallFilter
    from hotline.ui.lock import install_security
    from hotline.ui.login import Startup
    from hotline.ui.main_window import MainWindow

    app.calls.save(Call(received_at=now, summary="Còn nguyên", categories=("other",),
                        level="info"), operator="Lan")
    broken = app.data_dir / "backups" / "hotline-backup-20260101-000000.sqlite"
    broken.parent.mkdir()
    broken.write_bytes(b"\0" * 8192)
    backup.request_restore(app.data_dir, broken)
    data_dir = app.data_dir
    app.close()
    window = MainWindow()
    qtbot.addWidget(window)
    startup = Startup(window, data_dir)
    startup.begin()
    assert "Không khôi phục được" in startup.warning and broken.name in startup.warning
    assert backup.pending_restore(data_dir) is None  # not retried at every start
    dialog = startup.login_dialog
    assert dialog is not None
    dialog.form.username.setText("admin")
    dialog.form.password.setText("admin-mật-khẩu")
    with qtbot.waitSignal(startup.finished) as blocker:
        dialog.form.submit()
    opened = blocker.args[0]
    try:
        window.attach(opened)
        install_security(window, opened, warning=startup.warning)
        assert "Không khôi phục được" in window.call_form.bar.text()
        assert [c.summary for c in opened.calls.iter_calls(CallFilter())] == ["Còn nguyên"]
        assert "backup.restore_failed" in [e.action for e in opened.audit.entries()]
    finally:
        window.close()
        opened.close()


def test_daily_backup_runs_once_a_day_and_failures_show(qtbot, app, people, tmp_path):
    scheduler = MaintenanceScheduler(app)
    states = []
    scheduler.state_changed.connect(lambda text, ok: states.append((text, ok)))
    with qtbot.waitSignal(scheduler.backup_done, timeout=30000):
        assert scheduler.run()
    assert len(backup.list_backups(app.data_dir / "backups")) == 1
    assert states[-1][1] and "Sao lưu lúc" in states[-1][0]
    entry = app.audit.entries(action="backup.create")[0]
    assert entry.actor == "system" and "verified" in entry.detail
    assert not scheduler.run()  # today has its backup
    scheduler.wait()

    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    app.settings = app.settings.with_changes(backup_folder=str(blocked))
    with qtbot.waitSignal(scheduler.backup_failed, timeout=30000) as blocker:
        scheduler.run()
    assert "Sao lưu tự động lỗi" in blocker.args[0]
    assert states[-1][1] is False
    scheduler.shutdown()


def test_daily_maintenance_applies_retention_once_a_day(qtbot, app, people, now):
    old = now.replace(year=now.year - 3)
    app.calls.save(Call(received_at=old, summary="Chuyện cũ", caller_name="Bà Tư",
                        phone="0912345678", categories=("other",), level="info"),
                   operator="Lan")
    backup.create(app.store, app.data_dir / "backups", app.clock)  # today's is done
    app.settings = app.settings.with_changes(retention_years=2)
    scheduler = MaintenanceScheduler(app)
    with qtbot.waitSignal(scheduler.retention_done, timeout=30000) as blocker:
        assert scheduler.run()
    assert blocker.args[0].calls == 1
    from hotline.calls.models import CallFilter

    call = next(iter(app.calls.iter_calls(CallFilter())))
    assert call.summary == "" and call.caller_name == "" and call.phone.startswith("h:")
    assert not scheduler.run()  # once a day
    scheduler.shutdown()


def test_backup_finishes_while_another_connection_keeps_writing(app):
    """Regression: a backup in small steps restarted on every draft write and never ended
    (a 30 MB database, an operator typing: minutes without a backup)."""
    import os

    with app.store.transaction() as tx:  # 30 MB quickly (demo calls would take seconds)
        tx.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                       [(f"filler-{i}", os.urandom(50_000).hex()) for i in range(300)])
    stop = threading.Event()
    writes = []

    def typing() -> None:
        conn_calls = app.calls
        while not stop.is_set():
            conn_calls.save_draft(conn_calls.new_draft_id(), {"summary": "đang gõ"},
                                  operator="Lan")
            writes.append(1)
            time.sleep(0.02)  # a draft write every keystroke or so

    writer = threading.Thread(target=typing)
    writer.start()
    try:
        while len(writes) < 3:  # the operator is typing
            time.sleep(0.01)
        started = time.monotonic()
        done: list[Path] = []
        worker = threading.Thread(
            target=lambda: done.append(backup.create(app.store, app.data_dir / "b", app.clock)))
        worker.start()
        worker.join(timeout=15)
        assert done, "the backup did not finish while drafts were being written"
        assert time.monotonic() - started < 15
    finally:
        stop.set()
        writer.join()
    backup.verify(done[0], app.store.key)


# -------------------------------------------------------------------------------- key
def test_recovery_key_is_shown_again_only_after_the_password(qtbot, app, people):
    app.session.user = people["admin"]
    view = widget(qtbot, KeyView(app))
    type_text(view.show_password, "sai mật khẩu")
    assert not view.show_code()
    assert not view.panel.isVisible() and "sai" in view.show_error.text().lower()
    type_text(view.show_password, "admin-mật-khẩu")
    assert view.show_code()
    assert view.panel.isVisible() and view.panel.code == dbkey.recovery_code(app.store.key)
    assert [e.action for e in app.audit.entries(actor="admin")][:2] == [
        "key.show_recovery", "reauth"]
    view.hide_code()
    assert view.panel.code == "" and not view.panel.isVisible()


def _library_labels(library) -> list[str]:
    return [f"{h.document.symbol} {h.article.label}" for h in library.model.hits]


def _idle(window) -> bool:
    from hotline.ui.reports_view import SyncScheduler

    return not any(s.running for s in window.findChildren(MaintenanceScheduler)) and \
        not any(s.running for s in window.findChildren(SyncScheduler))


def test_changing_the_key_keeps_hotline_running_under_the_new_key(qtbot, app, people,
                                                                   data_dir):
    from hotline.app import open_app
    from hotline.calls.models import CallFilter
    from hotline.store.db import WrongKey, open_store
    from hotline.ui.lock import session_of
    from hotline.ui.main import build_window
    from hotline.ui.main_window import MainWindow
    from hotline.ui.tasks import wait_for_background

    app.session.user = people["admin"]
    window = build_window(MainWindow(), app)
    qtbot.addWidget(window)
    window.show()
    session = session_of(window)
    form, library, calls = window.call_form, window.page("library"), window.call_list
    qtbot.waitUntil(lambda: _idle(window), timeout=30_000)  # the day's first backup, sync
    # Every kind of connection is open under the old key: the window's own, the call
    # list's and the library's readers, the draft writer's.
    type_text(library.search_box, "bạo lực gia đình")
    qtbot.waitUntil(lambda: library.model.rowCount() > 0, timeout=10_000)
    window.show_page("calls")
    qtbot.waitUntil(lambda: calls.model.total == 0 and not calls.model.loading, timeout=10_000)
    window.new_call()
    type_text(form.summary, "Chị Hạnh gọi trước khi đổi khóa")
    form.flush_draft()
    form.wait_drafts()
    old_key, old_code = app.store.key, dbkey.recovery_code(app.store.key)

    view = session.admin_page().view("key")
    type_text(view.change_password, "admin-mật-khẩu")
    assert not view.change_key()  # first click arms the button
    assert view.change_key()
    dialog = view.new_key_dialog
    assert dialog is not None and dialog.isVisible()
    new_code = dialog.panel.code
    assert new_code and new_code != old_code
    assert not dialog.continue_button.isEnabled()  # the new key is acknowledged first
    dialog.panel.acknowledge.setChecked(True)
    dialog.continue_button.click()
    assert window.isVisible() and not session.locked  # Hotline goes on

    # The call being typed goes on (its draft writer reopens under the new key) and saves.
    with qtbot.waitSignal(form.draft_saved, timeout=5000):
        type_text(form.summary, "; đã lưu sau khi đổi khóa")
    assert not form.bar.property("draft_error")
    form.categories.set_codes(["dv.physical"])
    saved = form.save()
    assert saved is not None, form.bar.label.text()
    # The call list's reader and the library's reader read under the new key.
    window.show_page("calls")
    qtbot.waitUntil(lambda: any(calls.model.call_at(r).id == saved.id
                                for r in range(calls.model.rowCount())), timeout=10_000)
    window.show_page("library")
    library.search_box.clear()
    type_text(library.search_box, "cấm tiếp xúc")
    qtbot.waitUntil(lambda: "13/2022/QH15 Điều 25" in _library_labels(library),
                    timeout=10_000)
    assert "kết quả" in library.search.status.text()
    window.close()
    assert wait_for_background()  # as hotline.ui.main.run does before closing the store
    app.close()

    database = data_dir / config.DATABASE_FILE
    with pytest.raises(WrongKey):  # the old key opens nothing any more
        open_store(database, key=old_key)
    reopened = open_app(data_dir)  # the new key, from the keyring
    try:
        assert dbkey.recovery_code(reopened.store.key) == new_code
        assert [c.summary for c in reopened.calls.iter_calls(CallFilter())] == [
            "Chị Hạnh gọi trước khi đổi khóa; đã lưu sau khi đổi khóa"]
        assert "key.change" in [e.action for e in reopened.audit.entries()]
    finally:
        reopened.close()


def test_key_change_waits_for_background_work(qtbot, app, people):
    from hotline.ui.backup_view import _background_busy

    app.session.user = people["admin"]
    view = widget(qtbot, KeyView(app))
    scheduler = MaintenanceScheduler(app, view)
    scheduler.running = True  # the daily backup is being written
    assert _background_busy(view)
    old_key = app.store.key
    type_text(view.change_password, "admin-mật-khẩu")
    assert not view.change_key()  # armed
    assert not view.change_key()
    assert "làm việc nền" in view.change_error.text()
    assert app.store.key == old_key and view.new_key_dialog is None
    scheduler.running = False
    type_text(view.change_password, "admin-mật-khẩu")
    assert not view.change_key()
    assert view.change_key() and app.store.key != old_key


def test_a_failed_rekey_leaves_the_key_where_it_was(app, people, monkeypatch):
    from hotline.security import keys
    from hotline.store.db import StoreError

    app.session.user = people["admin"]
    before = dbkey.existing_key(app.data_dir)

    def broken(_key: bytes) -> None:
        raise StoreError("đĩa đầy")

    monkeypatch.setattr(app.store, "rekey", broken)
    with pytest.raises(StoreError):
        keys.change_key(app)
    assert dbkey.existing_key(app.data_dir) == before == app.store.key


# -------------------------------------------------------------------------- retention
def test_retention_years_saved_and_applied_after_two_clicks(qtbot, app, people, now):
    old = now.replace(year=now.year - 6)
    app.calls.save(Call(received_at=old, summary="Chuyện cũ", caller_name="Bà Tư",
                        categories=("other",), level="info"), operator="Lan")
    app.session.user = people["head"]
    view = widget(qtbot, RetentionView(app))
    assert not view.apply_button.isEnabled()
    view.years.setValue(5)
    assert "sẽ mất tên" in view.cutoff_label.text()
    assert view.save_years()
    assert config.load_settings(app.data_dir).retention_years == 5
    assert not view.apply_now()  # armed
    assert "lần nữa" in view.apply_button.text()
    with qtbot.waitSignal(view.applied, timeout=30000) as blocker:
        assert view.apply_now()
    assert blocker.args[0].calls == 1
    entry = app.audit.entries(action="retention.apply")[0]
    assert entry.actor == "hoa" and "Bà Tư" not in entry.detail


def test_retention_refused_for_an_operator(qtbot, app, people):
    app.session.user = people["head"]
    view = widget(qtbot, RetentionView(app))
    view.years.setValue(5)
    app.session.user = people["operator"]
    assert not view.save_years()
    view.apply_now()
    assert not view.apply_now()
    assert "không được phép" in view.bar.text()


# ----------------------------------------------------------------------------- export
def test_export_with_and_without_personal_data(qtbot, app, people, now, tmp_path):
    app.calls.save(Call(received_at=now, phone="0912345678", caller_name="Chị Hà",
                        summary="Bị đánh", categories=("dv.physical",), level="counsel"),
                   operator="Lan")
    app.session.user = people["head"]
    view = widget(qtbot, CallExportView(app))
    today = app.clock.today()
    view.date_from.setDate(QDate(today.year, today.month, today.day))
    out = tmp_path / "cuộc gọi.csv"
    view.out.setText(str(out))
    with qtbot.waitSignal(view.exported, timeout=30000):
        assert view.export()
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert rows[0]["caller_name"] == "" and rows[0]["phone"].startswith("h:")
    view.with_pii.setChecked(True)
    with qtbot.waitSignal(view.exported, timeout=30000):
        assert view.export()
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert rows[0]["caller_name"] == "Chị Hà" and rows[0]["summary"] == "Bị đánh"
    assert [e.action for e in app.audit.entries(action="calls.")] == [
        "calls.export_pii", "calls.export"]
    # An operator (who never sees this page) is refused personal data all the same.
    app.session.user = people["operator"]
    assert not view.export()
    assert "không được phép" in view.bar.text()
