"""Accounts in the window: the list of users, adding one, resetting a password, changing a
role, disabling and enabling; a user's own password change; and the admin page that holds
the users, audit, backup, export, key and retention tabs.

Every action checks the permission twice: the tab exists only for a user who may use it,
and each handler asks `app.require` again (AccountService checks a third time). Refusals
and mistakes show inline; nothing modal interrupts a colleague on a call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hotline.security.accounts import MIN_PASSWORD, AuthError, User
from hotline.security.roles import ROLE_LABELS, Permission, Role
from hotline.ui.fitting import VerticalScrollArea, fit_columns
from hotline.ui.table_model import ModelIndex, ReadOnlyTableModel, row_table
from hotline.ui.widgets import ErrorLabel, InlineBar

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.lock import SessionController

DISPLAY = Qt.ItemDataRole.DisplayRole
USER_ROLE = Qt.ItemDataRole.UserRole


def _password_error(first: QLineEdit, second: QLineEdit) -> str:
    if len(first.text()) < MIN_PASSWORD:
        first.setFocus()
        return QCoreApplication.translate("UsersView", "Mật khẩu phải có ít nhất %1 ký tự."
                                          ).replace("%1", str(MIN_PASSWORD))
    if first.text() != second.text():
        second.clear()
        second.setFocus()
        return QCoreApplication.translate("UsersView", "Hai lần nhập mật khẩu không khớp.")
    return ""


def _role_text(role: Role, lang: str) -> str:
    vi, en = ROLE_LABELS[role]
    return en if lang == "en" else vi


class UserTableModel(ReadOnlyTableModel[User]):
    USERNAME, NAME, ROLE, STATE = range(4)

    def __init__(self, lang: str = "vi", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.headers = (self.tr("Tên đăng nhập"), self.tr("Họ tên"), self.tr("Vai trò"),
                        self.tr("Trạng thái"))

    def data(self, index: ModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        user = self.rows[index.row()]
        if role == DISPLAY:
            return (user.username, user.display_name, _role_text(user.role, self.lang),
                    self.tr("đang dùng") if user.active else self.tr("đã khóa"))[index.column()]
        if role == USER_ROLE:
            return user.username
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return Qt.GlobalColor.darkGray
        return None


class UsersView(QWidget):
    """List, add, reset a password, change a role, disable/enable."""

    changed = Signal()

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.lang = app.settings.language
        layout = QVBoxLayout(self)
        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        body = QHBoxLayout()
        layout.addLayout(body, 1)

        self.model = UserTableModel(self.lang, self)
        self.table = row_table(self.model, self, name=self.tr("Danh sách tài khoản"))
        # Titles whole at any font size; the name takes the room left.
        fit_columns(self.table, {UserTableModel.USERNAME: 110, UserTableModel.ROLE: 130,
                                 UserTableModel.STATE: 90},
                    stretch=(UserTableModel.NAME, 150))
        body.addWidget(self.table, 3)

        # The two forms scroll when the window is shorter than they are (a large font).
        side_area = VerticalScrollArea(self)
        side_widget = QWidget(side_area)
        side = QVBoxLayout(side_widget)
        side.setContentsMargins(0, 0, 0, 0)
        side_area.setWidget(side_widget)
        body.addWidget(side_area, 2)
        # The selected account.
        self.selected_box = QGroupBox(self.tr("Tài khoản đã chọn"), self)
        sform = QFormLayout(self.selected_box)
        self.selected_label = QLabel(self.selected_box)
        self.selected_label.setStyleSheet("font-weight: 700;")
        sform.addRow(self.selected_label)
        self.role_combo = QComboBox(self.selected_box)
        self.role_combo.setAccessibleName(self.tr("Vai trò mới"))
        self.role_button = QPushButton(self.tr("Đổi &vai trò"), self.selected_box)
        role_row = QHBoxLayout()
        role_row.addWidget(self.role_combo, 1)
        role_row.addWidget(self.role_button)
        sform.addRow(self.tr("Vai trò"), role_row)
        self.reset_password = QLineEdit(self.selected_box)
        self.reset_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_password.setAccessibleName(self.tr("Mật khẩu mới cho tài khoản đã chọn"))
        self.reset_password2 = QLineEdit(self.selected_box)
        self.reset_password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.reset_password2.setAccessibleName(self.tr("Nhập lại mật khẩu mới"))
        self.reset_button = QPushButton(self.tr("Đặt lại &mật khẩu"), self.selected_box)
        sform.addRow(self.tr("Mật khẩu mới"), self.reset_password)
        sform.addRow(self.tr("Nhập lại"), self.reset_password2)
        sform.addRow(self.reset_button)
        self.active_button = QPushButton(self.selected_box)
        sform.addRow(self.active_button)
        side.addWidget(self.selected_box)

        # A new account.
        self.add_box = QGroupBox(self.tr("Thêm tài khoản"), self)
        aform = QFormLayout(self.add_box)
        self.new_username = QLineEdit(self.add_box)
        self.new_username.setAccessibleName(self.tr("Tên đăng nhập mới"))
        self.new_name = QLineEdit(self.add_box)
        self.new_name.setAccessibleName(self.tr("Họ tên"))
        self.new_role = QComboBox(self.add_box)
        self.new_role.setAccessibleName(self.tr("Vai trò"))
        self.new_password = QLineEdit(self.add_box)
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setAccessibleName(self.tr("Mật khẩu"))
        self.new_password2 = QLineEdit(self.add_box)
        self.new_password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password2.setAccessibleName(self.tr("Nhập lại mật khẩu"))
        self.add_button = QPushButton(self.tr("&Tạo tài khoản"), self.add_box)
        aform.addRow(self.tr("Tên đăng &nhập"), self.new_username)
        aform.addRow(self.tr("&Họ tên"), self.new_name)
        aform.addRow(self.tr("Vai t&rò"), self.new_role)  # Alt+T/K: the buttons
        aform.addRow(self.tr("Mật khẩ&u"), self.new_password)
        aform.addRow(self.tr("Nhập &lại"), self.new_password2)
        aform.addRow(self.add_button)
        side.addWidget(self.add_box)
        side.addStretch(1)

        self._fill_roles()
        self._connect_signals()
        self.reload()

    def _fill_roles(self, *combos: QComboBox) -> None:
        me = self.app.user
        roles = [Role.OPERATOR, Role.HEAD]
        if me is None or me.role is Role.ADMIN:
            roles.append(Role.ADMIN)  # only an admin makes admins (AccountService agrees)
        for combo in combos or (self.role_combo, self.new_role):
            combo.clear()
            for role in roles:
                combo.addItem(_role_text(role, self.lang), role.value)

    def _connect_signals(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.add_button.clicked.connect(self.add_user)
        self.new_password2.returnPressed.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_selected_password)
        self.reset_password2.returnPressed.connect(self.reset_selected_password)
        self.role_button.clicked.connect(self.change_selected_role)
        self.active_button.clicked.connect(self.toggle_selected_active)

    # --------------------------------------------------------------- data
    def reload(self) -> None:
        keep = self.selected_username()
        self.model.set_rows(self.app.accounts.users())
        self.select(keep)
        self._show_selected()

    def select(self, username: str | None) -> None:
        for row, user in enumerate(self.model.rows):
            if user.username == username:
                self.table.selectRow(row)
                return
        if self.model.rows and username is None:
            self.table.selectRow(0)

    def selected_user(self) -> User | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[index.row()]

    def selected_username(self) -> str | None:
        user = self.selected_user()
        return user.username if user else None

    def _show_selected(self) -> None:
        user = self.selected_user()
        self.selected_box.setEnabled(user is not None)
        if user is None:
            self.selected_label.setText(self.tr("(chưa chọn)"))
            self.active_button.setText(self.tr("Khóa tài khoản"))
            return
        self.selected_label.setText(f"{user.display_name} ({user.username})")
        self._fill_roles(self.role_combo)
        me = self.app.user
        # Only an admin changes an admin's account (AccountService refuses it too).
        mine = me is not None and me.username.lower() == user.username.lower()
        allowed = not (user.role is Role.ADMIN and (me is None or me.role is not Role.ADMIN))
        for widget in (self.role_combo, self.role_button, self.reset_password,
                       self.reset_password2, self.reset_button, self.active_button):
            widget.setEnabled(allowed and not mine)
        index = self.role_combo.findData(user.role.value)
        if index < 0:
            self.role_combo.addItem(_role_text(user.role, self.lang), user.role.value)
            index = self.role_combo.count() - 1
        self.role_combo.setCurrentIndex(index)
        self.active_button.setText(self.tr("&Khóa tài khoản") if user.active
                                   else self.tr("&Mở khóa tài khoản"))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.reload()

    # ------------------------------------------------------------ actions
    def _me(self) -> User:
        self.app.require(Permission.MANAGE_USERS)
        me = self.app.user
        if me is None:
            raise PermissionError(self.tr("cần đăng nhập"))
        return me

    def _fail(self, exc: Exception) -> None:
        text = str(exc)
        self.bar.show_message(text[:1].upper() + text[1:], "error")

    def _done(self, message: str) -> None:
        self.bar.show_message(message, "success", timeout_ms=6000)
        self.reload()
        self.changed.emit()

    def add_user(self) -> bool:
        username = self.new_username.text().strip()
        if not username:
            self.bar.show_message(self.tr("Nhập tên đăng nhập cho tài khoản mới."), "error")
            self.new_username.setFocus()
            return False
        problem = _password_error(self.new_password, self.new_password2)
        if problem:
            self.bar.show_message(problem, "error")
            return False
        try:
            me = self._me()
            user = self.app.accounts.create_user(
                me, username, self.new_name.text().strip() or username,
                str(self.new_role.currentData()), self.new_password.text())
        except (AuthError, PermissionError) as exc:
            self._fail(exc)
            return False
        for edit in (self.new_username, self.new_name, self.new_password,
                     self.new_password2):
            edit.clear()
        self._done(self.tr("Đã tạo tài khoản %1 (%2).").replace("%1", user.username)
                   .replace("%2", _role_text(user.role, self.lang)))
        self.select(user.username)
        return True

    def reset_selected_password(self) -> bool:
        user = self.selected_user()
        if user is None:
            return False
        problem = _password_error(self.reset_password, self.reset_password2)
        if problem:
            self.bar.show_message(problem, "error")
            return False
        try:
            me = self._me()
            if me.username.lower() == user.username.lower():
                raise AuthError(self.tr("đổi mật khẩu của chính mình trong menu tài khoản "
                                        "(cần mật khẩu hiện tại)"))
            self.app.accounts.set_password(me, user.username, self.reset_password.text())
        except (AuthError, PermissionError) as exc:
            self._fail(exc)
            return False
        self.reset_password.clear()
        self.reset_password2.clear()
        self._done(self.tr("Đã đặt lại mật khẩu cho %1; báo cho người đó đổi lại khi đăng "
                           "nhập.").replace("%1", user.username))
        return True

    def change_selected_role(self) -> bool:
        user = self.selected_user()
        if user is None:
            return False
        role = str(self.role_combo.currentData())
        if role == user.role.value:
            return False
        try:
            me = self._me()
            if me.username.lower() == user.username.lower():
                raise AuthError(self.tr("không tự đổi vai trò của chính mình"))
            self.app.accounts.set_role(me, user.username, role)
        except (AuthError, PermissionError) as exc:
            self._fail(exc)
            return False
        self._done(self.tr("%1 giờ là %2.").replace("%1", user.username)
                   .replace("%2", _role_text(Role(role), self.lang)))
        return True

    def toggle_selected_active(self) -> bool:
        user = self.selected_user()
        if user is None:
            return False
        try:
            me = self._me()
            self.app.accounts.set_active(me, user.username, not user.active)
        except (AuthError, PermissionError) as exc:
            self._fail(exc)
            return False
        self._done((self.tr("Đã khóa tài khoản %1.") if user.active
                    else self.tr("Đã mở khóa tài khoản %1.")).replace("%1", user.username))
        return True


class ChangePasswordDialog(QDialog):
    """A user's own password: the current one, then the new one twice. Not modal."""

    def __init__(self, app: App, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.user = user
        self.setWindowTitle(self.tr("Đổi mật khẩu — %1").replace("%1", user.username))
        form = QFormLayout(self)
        self.old = QLineEdit(self)
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.old.setAccessibleName(self.tr("Mật khẩu hiện tại"))
        self.new = QLineEdit(self)
        self.new.setEchoMode(QLineEdit.EchoMode.Password)
        self.new.setAccessibleName(self.tr("Mật khẩu mới"))
        self.new2 = QLineEdit(self)
        self.new2.setEchoMode(QLineEdit.EchoMode.Password)
        self.new2.setAccessibleName(self.tr("Nhập lại mật khẩu mới"))
        self.error = ErrorLabel(self)
        form.addRow(self.tr("Mật khẩu &hiện tại"), self.old)
        form.addRow(self.tr("Mật khẩu &mới"), self.new)
        form.addRow(self.tr("&Nhập lại"), self.new2)
        form.addRow(self.error)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Đổi mật khẩu"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        form.addRow(buttons)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)

    def save(self) -> bool:
        problem = _password_error(self.new, self.new2)
        if problem:
            self.error.set_error(problem)
            return False
        try:
            self.app.accounts.set_password(self.user, self.user.username, self.new.text(),
                                           self.old.text())
        except AuthError as exc:
            text = str(exc)
            self.error.set_error(text[:1].upper() + text[1:] + ".")
            self.old.clear()
            self.old.setFocus()
            return False
        self.accept()
        return True


# ----------------------------------------------------------------------- admin page
class AdminPage(QTabWidget):
    """The "Quản trị" page: one tab per thing the logged-in user may administer."""

    TABS = (
        (Permission.MANAGE_USERS, "users"),
        (Permission.VIEW_AUDIT, "audit"),
        (Permission.BACKUP, "backup"),
        (Permission.EXPORT_PII, "export"),
        (Permission.MANAGE_KEY, "key"),
        (Permission.RETENTION, "retention"),
    )

    def __init__(self, app: App, session: SessionController | None = None,
                 parent: QWidget | None = None) -> None:
        from hotline.ui.audit_view import AuditView
        from hotline.ui.backup_view import BackupView, CallExportView, KeyView, RetentionView

        super().__init__(parent)
        self.app = app
        self.setAccessibleName(self.tr("Quản trị"))
        self.setDocumentMode(True)
        self.views: dict[str, QWidget] = {}
        builders = {
            "users": (lambda: UsersView(app, self), self.tr("Tài khoản")),
            "audit": (lambda: AuditView(app, self), self.tr("Nhật ký truy cập")),
            "backup": (lambda: BackupView(app, self), self.tr("Sao lưu")),
            "export": (lambda: CallExportView(app, self), self.tr("Xuất dữ liệu cuộc gọi")),
            "key": (lambda: KeyView(app, session, self), self.tr("Khóa mã hóa")),
            "retention": (lambda: RetentionView(app, self), self.tr("Thời hạn lưu trữ")),
        }
        for permission, key in self.TABS:
            if app.can(permission):
                build, title = builders[key]
                view = build()
                self.views[key] = view
                self.addTab(view, title)

    @classmethod
    def visible_for(cls, app: App) -> bool:
        """Whether the logged-in user may see any tab (operators: none)."""
        return app.user is not None and any(app.can(p) for p, _key in cls.TABS)

    def view(self, key: str) -> Any:
        return self.views.get(key)
