"""The session in the window: who is logged in, the idle lock, logging out, roles.

- **Idle lock**: an application-wide event filter notes the time of the last key press,
  click, wheel or mouse move; after `settings.idle_lock_minutes` without input the window
  shows a lock screen instead of its pages. Every page and side panel is out of sight (the
  lock screen replaces them in a stacked widget and they are disabled), other windows that
  may show caller data (history, settings…) are hidden, and the window's shortcuts are off,
  so Alt+1…5 or Ctrl+N cannot act on a form nobody sees.
- **The call being typed is kept**: its draft is written before the lock (owned by the
  operator who typed it). The same user unlocking finds the form as it was; another user
  logging in gets an empty form, and the call waits in the drafts banner.
- **Logout** ("Đăng xuất") is the lock screen with nobody logged in.
- **Roles**: the "Quản trị" page (users, audit log, backups, key, retention, exports with
  personal data) exists only while a user who may see one of its tabs is logged in.

Audited: `session.lock`, `session.unlock` (AccountService), `logout`, `call.open` (a saved
call loaded into the form), `report.generate` and `sync` (reports page).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hotline.security.accounts import User
from hotline.security.roles import ROLE_LABELS
from hotline.ui.login import LoginForm
from hotline.ui.styles import set_scaled_style

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.main_window import MainWindow

ADMIN_PAGE = "admin"
LOCK_SHORTCUT = "Ctrl+Shift+L"  # Ctrl+L focuses the directory search
SETTINGS_SHORTCUT = "Ctrl+,"
# Input that counts as "someone is at the desk". Input comes from the window system, so
# the filter first asks the cheap `spontaneous()` (most events are Qt's own: timers, child
# paints, posted calls) and only then the type (PySide builds an enum object for it).
_INPUT_EVENTS = frozenset((
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
    QEvent.Type.TabletPress))


def _tr(text: str) -> str:
    return QCoreApplication.translate("Session", text)


def role_label(user: User, lang: str = "vi") -> str:
    vi, en = ROLE_LABELS[user.role]
    return en if lang == "en" else vi


class LockScreen(QWidget):
    """What the window shows while locked: the center's name and a login, nothing else."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setObjectName("LockScreen")
        self.setAutoFillBackground(True)
        self.setStyleSheet("#LockScreen { background: #eef2f7; }")
        outer = QGridLayout(self)
        outer.setRowStretch(0, 1)
        outer.setRowStretch(2, 2)
        outer.setColumnStretch(0, 1)
        outer.setColumnStretch(2, 1)
        box = QWidget(self)
        box.setObjectName("LockBox")
        box.setStyleSheet("#LockBox { background: white; border: 1px solid #b9c4d4; "
                          "border-radius: 8px; }")
        box.setFixedWidth(460)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(28, 24, 28, 24)
        self.center = QLabel(app.settings.center_name, box)
        self.center.setWordWrap(True)
        set_scaled_style(self.center, "font-size: +3pt; font-weight: 700; color: #0b3d91;")
        layout.addWidget(self.center)
        self.title = QLabel(self.tr("Hotline đã khóa"), box)
        set_scaled_style(self.title, "font-size: +7pt; font-weight: 700;")
        layout.addWidget(self.title)
        self.reason = QLabel(box)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: #333;")
        layout.addWidget(self.reason)
        self.form = LoginForm(app, box, action="session.unlock")
        layout.addWidget(self.form)
        self.draft_note = QLabel(box)
        self.draft_note.setWordWrap(True)
        self.draft_note.setStyleSheet("color: #555;")
        layout.addWidget(self.draft_note)
        outer.addWidget(box, 1, 1)
        self.setAccessibleName(self.tr("Màn hình khóa"))

    def prepare(self, username: str, reason: str, draft_kept: bool) -> None:
        self.center.setText(self.app.settings.center_name)
        self.title.setText(self.tr("Hotline đã khóa") if username
                           else self.tr("Đã đăng xuất"))
        self.reason.setText(reason)
        self.draft_note.setText(self.tr(
            "Cuộc gọi đang ghi được giữ nguyên. Nếu người khác đăng nhập, cuộc gọi này nằm "
            "trong danh sách \"chưa lưu\" để người ghi tiếp tục.") if draft_kept else "")
        self.form.set_username(username)


class SessionController(QObject):
    """Login state of the window: idle lock, lock/unlock, logout, user switch, admin page."""

    locked_changed = Signal(bool)
    user_changed = Signal(object)  # User: a different user is logged in now

    def __init__(self, window: MainWindow, app: App) -> None:
        super().__init__(window)
        self.window = window
        self.app = app
        self.locked = False
        self._last_input = time.monotonic()
        self._hidden: list[QWidget] = []
        self._disabled: list[Any] = []
        self._focus: QWidget | None = None
        self._settings_dialog: QWidget | None = None
        self._password_dialog: QWidget | None = None
        self.idle_ms = 0

        # The pages and the lock screen share one stacked widget: while locked, the pages
        # are not merely covered but out of the widget tree that is painted.
        content = window.takeCentralWidget()
        assert content is not None, "install_security needs an attached window"
        self.content: QWidget = content
        self.outer = QStackedWidget(window)
        self.outer.addWidget(self.content)
        self.lock_screen = LockScreen(app, self.outer)
        self.outer.addWidget(self.lock_screen)
        window.setCentralWidget(self.outer)
        self.outer.setCurrentWidget(self.content)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._check_idle)

        self._build_actions()
        self._connect_signals()
        self.set_idle_minutes(app.settings.idle_lock_minutes)
        self._show_user()
        self.sync_admin_page()
        app_instance = QApplication.instance()
        if app_instance is not None:
            app_instance.installEventFilter(self)

    # ---------------------------------------------------------------- building
    def _build_actions(self) -> None:
        w = self.window
        self.settings_action = QAction(self.tr("Cài đặt…"), w)
        self.settings_action.setShortcut(QKeySequence(SETTINGS_SHORTCUT))
        self.lock_action = QAction(self.tr("Khóa màn hình"), w)
        self.lock_action.setShortcut(QKeySequence(LOCK_SHORTCUT))
        self.logout_action = QAction(self.tr("Đăng xuất"), w)
        self.password_action = QAction(self.tr("Đổi mật khẩu của tôi…"), w)
        for action in (self.settings_action, self.lock_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            w.addAction(action)
        self.menu = QMenu(w)
        self.menu.addAction(self.password_action)
        self.menu.addAction(self.settings_action)
        self.menu.addSeparator()
        self.menu.addAction(self.lock_action)
        self.menu.addAction(self.logout_action)
        self.user_button = QToolButton(w)
        self.user_button.setText(self.tr("Đăng xuất / khóa"))
        self.user_button.setToolTip(self.tr("Tài khoản, cài đặt (%1), khóa màn hình (%2), "
                                            "đăng xuất").replace("%1", SETTINGS_SHORTCUT)
                                    .replace("%2", LOCK_SHORTCUT))
        self.user_button.setAccessibleName(self.tr("Tài khoản: đổi mật khẩu, cài đặt, khóa "
                                                   "màn hình, đăng xuất"))
        self.user_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Room for the menu arrow, which Qt draws over the last letter otherwise.
        self.user_button.setStyleSheet("QToolButton { padding-right: 10px; }")
        self.user_button.setMenu(self.menu)
        w.statusBar().addPermanentWidget(self.user_button)
        from hotline.ui.fitting import ElidedLabel

        self.backup_label = ElidedLabel(w)  # a long error gives up width, whole in its tooltip
        self.backup_label.setAccessibleName(self.tr("Sao lưu tự động"))
        self.backup_label.hide()
        w.statusBar().addPermanentWidget(self.backup_label)

    def _connect_signals(self) -> None:
        self.settings_action.triggered.connect(self.open_settings)
        self.lock_action.triggered.connect(lambda: self.lock("manual"))
        self.logout_action.triggered.connect(self.logout)
        self.password_action.triggered.connect(self.change_password)
        self.lock_screen.form.logged_in.connect(self.unlock)

    # ----------------------------------------------------------------- idle
    def set_idle_minutes(self, minutes: int) -> None:
        self.set_idle_timeout_ms(max(1, int(minutes)) * 60_000)

    def set_idle_timeout_ms(self, ms: int) -> None:
        """How long without input before the lock (settings change it live)."""
        self.idle_ms = max(1, int(ms))
        self._arm()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.spontaneous() and event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def touch(self) -> None:
        """Count now as input (e.g. the window just opened)."""
        self._last_input = time.monotonic()
        self._arm()

    def _arm(self) -> None:
        if self.locked:
            self._idle.stop()
            return
        elapsed_ms = (time.monotonic() - self._last_input) * 1000
        self._idle.start(max(10, int(self.idle_ms - elapsed_ms)))

    def _check_idle(self) -> None:
        if self.locked:
            return
        if (time.monotonic() - self._last_input) * 1000 >= self.idle_ms:
            self.lock("idle")
        else:
            self._arm()

    # ------------------------------------------------------------ lock/unlock
    def lock(self, reason: str = "manual", *, audit: bool = True) -> bool:
        """Hide every page and window with caller data; False when already locked."""
        if self.locked:
            return False
        # The draft is written as its operator's, before anything else.
        draft_kept = self.window.call_form.park()
        self._focus = QApplication.focusWidget()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        self._hidden = [w for w in QApplication.topLevelWidgets()
                        if w is not self.window and w.isVisible() and w.isWindow()]
        for widget in self._hidden:
            widget.hide()
        self._disabled = [s for s in self.window.findChildren(QShortcut) if s.isEnabled()]
        self._disabled += [a for a in self.window.findChildren(QAction)
                           if a.isEnabled() and not a.shortcut().isEmpty()]
        for item in self._disabled:
            item.setEnabled(False)
        self.content.setEnabled(False)
        self.outer.setCurrentWidget(self.lock_screen)
        self.locked = True
        self._idle.stop()
        user = self.app.session.user
        if audit and user is not None:
            self.app.audit.record(user.username, "session.lock", "", (), reason)
        minutes = max(1, round(self.idle_ms / 60_000))
        text = {
            "idle": self.tr("Tự khóa sau %n phút không dùng để giữ bí mật thông tin người "
                            "gọi. Đăng nhập để tiếp tục.", "", minutes),
            "manual": self.tr("Đã khóa. Đăng nhập để tiếp tục."),
            "logout": self.tr("Đăng nhập để ghi và xem cuộc gọi."),
        }.get(reason, "")
        self.lock_screen.prepare(user.username if user else "", text, draft_kept)
        self.window.operator_label.setText(self.tr("Đã khóa"))
        self.locked_changed.emit(True)
        return True

    def unlock(self, user: User) -> None:
        """After a login on the lock screen: the same user resumes; another starts fresh."""
        previous = self.app.session.user
        same = previous is not None and previous.id == user.id
        form = self.window.call_form
        form.resume(same)  # someone else: the call waits as its operator's draft
        self.app.session.user = user
        for widget in self._hidden:
            if same:
                widget.show()
            else:
                widget.close()
        self._hidden = []
        for item in self._disabled:
            item.setEnabled(True)
        self._disabled = []
        self.content.setEnabled(True)
        self.outer.setCurrentWidget(self.content)
        self.locked = False
        self._show_user()
        if not same:
            self.sync_admin_page()
            self.user_changed.emit(user)
        focus = self._focus if same else None
        self._focus = None
        if focus is not None and focus.isVisible():
            focus.setFocus()
        else:
            self.window.show_page("call")
            form.phone.setFocus()
        self.touch()
        self.locked_changed.emit(False)

    def logout(self) -> None:
        user = self.app.session.user
        if self.locked and user is None:
            return
        if not self.locked:
            self.lock("logout", audit=False)
        if user is not None:
            self.app.accounts.logout(user, "manual")
        self.app.session.user = None
        self.lock_screen.prepare("", self.tr("Đăng nhập để ghi và xem cuộc gọi."),
                                 self.window.call_form.active)

    # -------------------------------------------------------------- the user
    def _show_user(self) -> None:
        user = self.app.session.user
        if user is None:
            self.window.operator_label.setText(self.tr("Chưa đăng nhập"))
            return
        self.window.operator_label.setText(
            self.tr("Người trực: %1 (%2)").replace("%1", user.display_name)
            .replace("%2", role_label(user, self.app.settings.language)))
        self.user_button.setText(self.tr("%1 · Khóa / Đăng xuất").replace("%1", user.username))

    def sync_admin_page(self) -> None:
        """The admin page for the logged-in user's role (rebuilt when the user changes)."""
        from hotline.ui.users_view import AdminPage

        window = self.window
        try:
            old = window.page(ADMIN_PAGE)
        except KeyError:
            old = None
        if old is not None:
            window.remove_page(ADMIN_PAGE)
            old.setParent(None)
            old.deleteLater()
        if AdminPage.visible_for(self.app):
            page = AdminPage(self.app, self, window)
            window.add_page(ADMIN_PAGE, self.tr("Quản trị"), page)

    def admin_page(self) -> Any:
        try:
            return self.window.page(ADMIN_PAGE)
        except KeyError:
            return None

    # ------------------------------------------------------------- dialogs
    def open_settings(self) -> Any:
        from hotline.ui.settings_dialog import SettingsDialog

        if self.locked:
            return None
        dialog = self._settings_dialog
        if dialog is None or not _alive(dialog):
            dialog = SettingsDialog(self.app, self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.saved.connect(self.settings_saved)
            self._settings_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def settings_saved(self, names: tuple[str, ...]) -> None:
        """Apply what can change live: title, font size, idle lock."""
        from hotline.ui import i18n

        s = self.app.settings
        if "center_name" in names:
            self.window.setWindowTitle(f"Hotline — {s.center_name}")
        qt = QApplication.instance()
        if "font_size" in names and isinstance(qt, QApplication):
            i18n.apply_font_size(qt, s.font_size)
        if "idle_lock_minutes" in names:
            self.set_idle_minutes(s.idle_lock_minutes)

    def change_password(self) -> Any:
        from hotline.ui.users_view import ChangePasswordDialog

        user = self.app.session.user
        if self.locked or user is None:
            return None
        dialog = ChangePasswordDialog(self.app, user, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._password_dialog = dialog
        dialog.show()
        return dialog

    def set_backup_state(self, text: str, ok: bool) -> None:
        self.backup_label.setStyleSheet(f"color: {'#555' if ok else '#a0101e'};")
        self.backup_label.setText(text)
        self.backup_label.setVisible(bool(text))


def _alive(obj: Any) -> bool:
    from hotline.ui.tasks import alive

    return alive(obj)


def session_of(window: QWidget) -> SessionController | None:
    """The window's session controller (installed by `install_security`)."""
    return window.findChild(SessionController)


# ------------------------------------------------------------------------ install
def install_security(window: MainWindow, app: App, *, warning: str = "") -> SessionController:
    """Session, idle lock, admin page, daily backup and the audit hooks of the window.

    Call after `install_pages` (it hooks the reports page) with `app.session.user` set.
    """
    from hotline.ui.backup_view import MaintenanceScheduler

    session = SessionController(window, app)
    _follow_rights(window, session)
    _audit_call_opens(window, app)
    _audit_reports(window, app)
    scheduler = MaintenanceScheduler(app, session)
    scheduler.state_changed.connect(session.set_backup_state)
    scheduler.start()
    window.add_close_hook(scheduler.shutdown)
    if warning:  # e.g. a restore asked for last time that could not be done
        window.call_form.bar.show_message(warning, "warning")
    session.touch()
    return session


def _follow_rights(window: MainWindow, session: SessionController) -> None:
    """Pages that show actions by role (`apply_permissions()`: library, directory) ask again
    when another user logs in at the lock screen; the admin page is rebuilt instead."""
    from hotline.ui.main_window import PAGE_KEY_ROLE

    for row in range(window.sidebar.count()):
        page = window.page(window.sidebar.item(row).data(PAGE_KEY_ROLE))
        refresh = getattr(page, "apply_permissions", None)
        if callable(refresh):
            session.user_changed.connect(lambda _user, refresh=refresh: refresh())


def _audit_call_opens(window: MainWindow, app: App) -> None:
    """`call.open` whenever a saved call is loaded into the form (from any list or view)."""
    form = window.call_form
    last: list[int | None] = [form.call_id]

    def on_state() -> None:
        call_id = form.call_id
        if call_id is not None and call_id != last[0]:
            app.audit.record(app.actor, "call.open", f"call:{call_id}")
        last[0] = call_id

    form.state_changed.connect(on_state)


def _audit_reports(window: MainWindow, app: App) -> None:
    """Report generation and sync, as the reports page performs them."""
    try:
        reports: Any = window.page("reports")
    except KeyError:
        return

    def generated(files: Any) -> None:
        period = files.period
        app.audit.record(app.actor, "report.generate", f"{period.start}..{period.end}", (),
                         f"{files.calls} calls")

    def synced(result: Any) -> None:
        delivered = getattr(result, "delivered", ())
        if delivered:
            targets = sorted({d.target for d in delivered})
            app.audit.record(app.actor, "sync", ",".join(targets), (),
                             f"{len(delivered)} reports")

    reports.report_ready.connect(generated)
    scheduler = getattr(reports, "scheduler", None)
    if scheduler is not None:
        scheduler.finished.connect(synced)
