"""Start-up security: the passphrase (where the PC has no secure keyring), the recovery key,
a restore asked for at the last session, then the first-run wizard or the login.

`Startup` drives it without blocking: each step is a dialog opened with `open()` whose
signal leads to the next step, and `finished(App | None)` ends it. `hotline.ui.main.start`
waits for that signal in a local event loop; tests drive the dialogs directly.

Nothing of the call data is built before someone has logged in: the main window shows only
its empty frame until `finished` carries an App with `session.user` set.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline import config
from hotline.security import backup, dbkey, keys, secrets
from hotline.security.accounts import AuthError, User
from hotline.ui.styles import scaled_font, set_scaled_style
from hotline.ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.setup_wizard import RecoveryKeyPanel, SetupWizard

MIN_PASSPHRASE = 10  # dbkey.derive refuses shorter ones


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# ------------------------------------------------------------------------ passphrase
class PassphraseDialog(QDialog):
    """Asks for the passphrase that derives the database key, or for the recovery key.

    Modes: "create" (a new database on a PC without a secure keyring: the passphrase twice),
    "enter" (the passphrase; "use the recovery key" if it is forgotten), "recover" (the key
    is gone from this PC's keyring: only the recovery key opens the data). The dialog stays
    open until the controller says the data opened (`show_error` keeps it for a retry).
    """

    submitted = Signal()

    def __init__(self, mode: str, message: str = "", parent: QWidget | None = None, *,
                 new_passphrase_on_recovery: bool = True) -> None:
        super().__init__(parent)
        self.mode = mode
        self.new_passphrase_on_recovery = new_passphrase_on_recovery
        self.setWindowTitle(self.tr("Mở dữ liệu Hotline"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        heading = {
            "create": self.tr("Đặt cụm mật khẩu để mã hóa dữ liệu"),
            "enter": self.tr("Nhập cụm mật khẩu để mở dữ liệu"),
            "recover": self.tr("Mở dữ liệu bằng khóa khôi phục"),
        }[mode]
        self.heading = QLabel(heading, self)
        set_scaled_style(self.heading, "font-size: +5pt; font-weight: 700;")
        layout.addWidget(self.heading)
        self.message = QLabel(_first_upper(message), self)
        self.message.setWordWrap(True)
        self.message.setVisible(bool(message))
        layout.addWidget(self.message)

        self.passphrase_box = QWidget(self)
        form = QFormLayout(self.passphrase_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.passphrase = QLineEdit(self.passphrase_box)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Cụm mật khẩu"))
        self.passphrase2 = QLineEdit(self.passphrase_box)
        self.passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase2.setAccessibleName(self.tr("Nhập lại cụm mật khẩu"))
        form.addRow(self.tr("&Cụm mật khẩu"), self.passphrase)
        if mode == "create":
            form.addRow(self.tr("&Nhập lại"), self.passphrase2)
            hint = QLabel(self.tr("Ít nhất %1 ký tự, dễ nhớ với bạn, khó đoán với người khác "
                                  "(VD: một câu ngắn). Máy này không có kho khóa an toàn của "
                                  "hệ điều hành, nên mỗi lần mở Hotline cần cụm mật khẩu này.")
                          .replace("%1", str(MIN_PASSPHRASE)), self.passphrase_box)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #444;")
            form.addRow(hint)
        else:
            self.passphrase2.hide()
        layout.addWidget(self.passphrase_box)

        self.recovery_toggle = QPushButton(self.tr("Quên cụm mật khẩu? Dùng &khóa khôi phục"),
                                           self)
        self.recovery_toggle.setFlat(True)
        self.recovery_toggle.setStyleSheet("color: #0b3d91; text-decoration: underline;")
        self.recovery_toggle.setVisible(mode == "enter")
        layout.addWidget(self.recovery_toggle, 0, Qt.AlignmentFlag.AlignLeft)

        self.recovery_box = QWidget(self)
        rform = QFormLayout(self.recovery_box)
        rform.setContentsMargins(0, 0, 0, 0)
        self.recovery_code = QLineEdit(self.recovery_box)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.recovery_code.setFont(scaled_font(mono, +3))
        self.recovery_code.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.recovery_code.setAccessibleName(self.tr("Khóa khôi phục"))
        rform.addRow(self.tr("&Khóa khôi phục"), self.recovery_code)
        self.new_passphrase = QLineEdit(self.recovery_box)
        self.new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_passphrase.setAccessibleName(self.tr("Cụm mật khẩu mới"))
        self.new_passphrase2 = QLineEdit(self.recovery_box)
        self.new_passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_passphrase2.setAccessibleName(self.tr("Nhập lại cụm mật khẩu mới"))
        if new_passphrase_on_recovery:
            rform.addRow(self.tr("Cụm mật khẩu &mới"), self.new_passphrase)
            rform.addRow(self.tr("&Nhập lại"), self.new_passphrase2)
            note = QLabel(self.tr("Dữ liệu sẽ được mã hóa lại bằng cụm mật khẩu mới, và một "
                                  "khóa khôi phục MỚI được hiện một lần (khóa cũ hết hiệu "
                                  "lực)."), self.recovery_box)
            note.setWordWrap(True)
            note.setStyleSheet("color: #444;")
            rform.addRow(note)
        else:
            self.new_passphrase.hide()
            self.new_passphrase2.hide()
        layout.addWidget(self.recovery_box)

        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.busy = QLabel(self.tr("Đang mở dữ liệu…"), self)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(self.tr("&Mở"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(self.tr("Thoát"),
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.open_button.clicked.connect(self._submit)
        self.quit_button.clicked.connect(self.reject)
        self.recovery_toggle.clicked.connect(lambda: self.use_recovery(True))
        self.use_recovery(mode == "recover")

    def use_recovery(self, on: bool) -> None:
        self._recovery = on
        self.passphrase_box.setVisible(not on)
        self.recovery_box.setVisible(on)
        self.recovery_toggle.setVisible(self.mode == "enter" and not on)
        self.error.set_error("")
        (self.recovery_code if on else self.passphrase).setFocus()

    @property
    def using_recovery(self) -> bool:
        return self._recovery

    def validate(self) -> str:
        """Checks that need no key: lengths and the second typing."""
        if self._recovery:
            if not self.recovery_code.text().strip():
                return self.tr("Nhập khóa khôi phục (các nhóm chữ và số trên tờ đã in).")
            if self.new_passphrase_on_recovery:
                return self._check_pair(self.new_passphrase, self.new_passphrase2)
            return ""
        if self.mode == "create":
            return self._check_pair(self.passphrase, self.passphrase2)
        if not self.passphrase.text():
            return self.tr("Nhập cụm mật khẩu.")
        return ""

    def _check_pair(self, first: QLineEdit, second: QLineEdit) -> str:
        if len(first.text()) < MIN_PASSPHRASE:
            first.setFocus()
            return self.tr("Cụm mật khẩu phải có ít nhất %1 ký tự.").replace(
                "%1", str(MIN_PASSPHRASE))
        if first.text() != second.text():
            second.clear()
            second.setFocus()
            return self.tr("Hai lần nhập cụm mật khẩu không khớp.")
        return ""

    def _submit(self) -> None:
        message = self.validate()
        if message:
            self.show_error(message)
            return
        self.error.set_error("")
        self.submitted.emit()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.set_error(_first_upper(message))
        target = self.recovery_code if self._recovery else self.passphrase
        if not self._recovery and self.mode != "create":
            target.selectAll()
        target.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.open_button.setEnabled(not busy)
        if busy:
            QApplication.processEvents()  # show "opening…" before the key derivation runs


class RecoveryKeyDialog(QDialog):
    """A new recovery key, shown once; continuing needs the acknowledgement checkbox."""

    def __init__(self, code: str, center_name: str = "", parent: QWidget | None = None,
                 *, intro: str = "") -> None:
        from hotline.ui.setup_wizard import RecoveryKeyPanel

        super().__init__(parent)
        self.setWindowTitle(self.tr("Khóa khôi phục mới"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            label.setStyleSheet("font-weight: 700;")
            layout.addWidget(label)
        self.panel: RecoveryKeyPanel = RecoveryKeyPanel(self, center_name=center_name)
        self.panel.set_code(code)
        layout.addWidget(self.panel)
        self.buttons = QDialogButtonBox(self)
        self.continue_button = self.buttons.addButton(self.tr("&Tiếp tục"),
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setEnabled(self.panel.acknowledged)
        layout.addWidget(self.buttons)
        self.panel.acknowledged_changed.connect(
            lambda _on: self.continue_button.setEnabled(self.panel.acknowledged))
        self.continue_button.clicked.connect(self.accept)

    def reject(self) -> None:
        """Esc or the close button do not skip the key: it is never shown again."""
        if self.panel.acknowledged:
            self.accept()

    def done(self, result: int) -> None:
        self.panel.clear()
        super().done(result)


# ------------------------------------------------------------------------------ login
class LoginForm(QWidget):
    """Username and password; the reason of a refusal inline (lock-out included)."""

    logged_in = Signal(object)  # User

    def __init__(self, app: App, parent: QWidget | None = None, *,
                 action: str = "login") -> None:
        super().__init__(parent)
        self.app = app
        self.action = action
        form = QFormLayout(self)
        self.username = QLineEdit(self)
        self.username.setAccessibleName(self.tr("Tên đăng nhập"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Mật khẩu"))
        self.error = ErrorLabel(self)
        self.login_button = QPushButton(self.tr("Đăng &nhập"), self)
        # Enter in the fields submits (below); a default button would submit a second time
        # inside a dialog, counting one wrong password twice towards the lock-out.
        self.login_button.setAutoDefault(False)
        form.addRow(self.tr("&Tên đăng nhập"), self.username)
        form.addRow(self.tr("&Mật khẩu"), self.password)
        form.addRow(self.error)
        form.addRow(self.login_button)
        self.login_button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self._next)
        self.password.returnPressed.connect(self.submit)

    def _next(self) -> None:
        if self.username.text().strip():
            self.password.setFocus()

    def set_username(self, name: str) -> None:
        self.username.setText(name)
        self.password.clear()
        self.error.set_error("")
        (self.password if name else self.username).setFocus()

    def focus(self) -> None:
        (self.password if self.username.text().strip() else self.username).setFocus()

    def submit(self) -> User | None:
        username = self.username.text().strip()
        if not username:
            self.error.set_error(self.tr("Nhập tên đăng nhập."))
            self.username.setFocus()
            return None
        try:
            user = self.app.accounts.authenticate(username, self.password.text(),
                                                  action=self.action)
        except AuthError as exc:
            self.password.clear()
            self.error.set_error(_first_upper(str(exc)) + ".")
            self.password.setFocus()
            return None
        self.password.clear()
        self.error.set_error("")
        self.logged_in.emit(user)
        return user


class LoginDialog(QDialog):
    """The login at start-up (the lock screen embeds the same LoginForm)."""

    logged_in = Signal(object)  # User

    def __init__(self, app: App, parent: QWidget | None = None, notice: str = "") -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("Đăng nhập — Hotline"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        center = QLabel(app.settings.center_name, self)
        center.setWordWrap(True)
        set_scaled_style(center, "font-size: +4pt; font-weight: 700; color: #0b3d91;")
        layout.addWidget(center)
        title = QLabel(self.tr("Đăng nhập để ghi và xem cuộc gọi"), self)
        layout.addWidget(title)
        self.notice = QLabel(notice, self)
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notice))
        self.notice.setStyleSheet("color: #0a5a2a; font-weight: 600;")
        layout.addWidget(self.notice)
        self.form = LoginForm(app, self)
        layout.addWidget(self.form)
        quit_button = QPushButton(self.tr("Thoát"), self)
        quit_button.setAutoDefault(False)
        quit_button.clicked.connect(self.reject)
        layout.addWidget(quit_button, 0, Qt.AlignmentFlag.AlignRight)
        self.form.logged_in.connect(self._on_login)
        self.form.focus()

    def _on_login(self, user: User) -> None:
        self.logged_in.emit(user)
        self.accept()


# ---------------------------------------------------------------------------- startup
class Startup(QObject):
    """Open the data (passphrase, recovery key, pending restore), then wizard or login.

    `finished` carries the opened App with `session.user` set, or None when the user quit
    (or the data could not be opened; the reason was shown).
    """

    finished = Signal(object)  # App | None

    def __init__(self, window: QWidget, data_dir: str | Path | None) -> None:
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.directory: Path | None = None
        self.app: App | None = None
        self.done = False
        self.notice = ""  # what the login dialog says first (a restore that ran)
        self.warning = ""  # shown in the window once it opens
        self.passphrase_dialog: PassphraseDialog | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self.login_dialog: LoginDialog | None = None
        self.wizard: SetupWizard | None = None
        self._new_code = ""
        self._audit: list[tuple[str, str, str]] = []  # (action, target, detail) once open

    # ----------------------------------------------------------------- driving
    def begin(self) -> None:
        add_hook = getattr(self.window, "add_close_hook", None)
        if add_hook is not None:  # the window closed before anyone logged in: give up
            add_hook(lambda: self._finish(None))
        try:
            self.directory = config.data_dir(self.data_dir)
        except OSError as exc:
            self._fail(exc)
            return
        self._open(None)

    def run(self) -> App | None:
        """Block in a local event loop until `finished` (start-up only)."""
        loop = QEventLoop()
        self.finished.connect(lambda _result: loop.quit())
        QTimer.singleShot(0, self.begin)
        if not self.done:
            loop.exec()
        return self.app if self.done else None

    def _finish(self, app: App | None) -> None:
        if self.done:
            return
        self.done = True
        if app is None and self.app is not None:
            self.app.close()
        self.app = app
        for dialog in (self.passphrase_dialog, self.login_dialog, self.wizard,
                       self.recovery_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.blockSignals(True)
                dialog.close()
        self.finished.emit(app)

    # ------------------------------------------------------------- the data
    def _open(self, passphrase: str | None) -> None:
        from hotline.app import open_app
        from hotline.store.db import DB_ERRORS, StoreError

        assert self.directory is not None
        try:
            self._restore_if_requested(passphrase)
            app = open_app(self.directory, passphrase=passphrase)
        except dbkey.PassphraseNeeded as exc:
            self._ask(self._passphrase_mode(), str(exc))
            return
        except dbkey.KeyError_ as exc:
            if passphrase is not None and self.passphrase_dialog is not None:
                self.passphrase_dialog.show_error(str(exc))
            else:
                self._ask("recover", str(exc))
            return
        except (StoreError, sqlite3.Error, *DB_ERRORS) as exc:  # type: ignore[misc]
            if passphrase is not None and self.passphrase_dialog is not None:
                self.passphrase_dialog.show_error(QCoreApplication.translate(
                    "Login", "Cụm mật khẩu không đúng (hoặc tệp dữ liệu bị hỏng). Nhập lại, "
                    "hoặc dùng khóa khôi phục."))
                return
            self._fail(exc)
            return
        except (OSError, RuntimeError) as exc:
            self._fail(exc)
            return
        self._opened(app)

    def _passphrase_mode(self) -> str:
        assert self.directory is not None
        database = self.directory / config.DATABASE_FILE
        info = dbkey.load_info(self.directory)
        if not database.exists() or info is None or info.mode != "passphrase":
            return "create"  # a new database, or an old plain one to encrypt
        return "enter"

    def _ask(self, mode: str, message: str) -> None:
        dialog = self.passphrase_dialog
        if dialog is not None and dialog.mode == mode:
            dialog.show_error(message)
            return
        if dialog is not None:
            dialog.blockSignals(True)
            dialog.close()
        info = dbkey.load_info(self.directory) if self.directory else None
        new_passphrase = not secrets.is_secure() or (info is not None and
                                                     info.mode == "passphrase")
        dialog = PassphraseDialog(mode, message if mode == "recover" else "", self.window,
                                  new_passphrase_on_recovery=new_passphrase)
        self.passphrase_dialog = dialog
        dialog.submitted.connect(self._on_passphrase)
        dialog.rejected.connect(lambda: self._finish(None))
        dialog.open()

    def _on_passphrase(self) -> None:
        dialog = self.passphrase_dialog
        assert dialog is not None and self.directory is not None
        dialog.set_busy(True)
        if not dialog.using_recovery:
            self._open(dialog.passphrase.text())
            return
        try:
            key = dbkey.parse_recovery_code(dialog.recovery_code.text())
            if dialog.new_passphrase_on_recovery:
                passphrase = dialog.new_passphrase.text()
                self._new_code = keys.reset_passphrase(self.directory, key, passphrase)
                self._audit.append(("key.recover", "", "passphrase reset"))
            else:
                keys.check_key(self.directory, key, QCoreApplication.translate(
                    "Login", "khóa khôi phục không mở được dữ liệu này"))
                dbkey.store_recovered(self.directory, key)
                passphrase = None
                self._audit.append(("key.recover", "", "key back in the keyring"))
        except (dbkey.KeyError_, secrets.InsecureKeyring) as exc:
            dialog.show_error(str(exc))
            return
        self._open(passphrase)

    def _restore_if_requested(self, passphrase: str | None) -> None:
        """A restore asked for from the backups page runs now, before the data opens."""
        assert self.directory is not None
        file = backup.pending_restore(self.directory)
        if file is None:
            return
        key = dbkey.existing_key(self.directory, passphrase)  # may ask for the passphrase
        if (self.directory / config.DATABASE_FILE).exists():
            keys.check_key(self.directory, key, QCoreApplication.translate(
                "Login", "cụm mật khẩu không đúng (cần đúng cụm mật khẩu để khôi phục)"))
        try:
            aside = keys.restore_backup(self.directory, file, passphrase=passphrase)
        except (dbkey.KeyError_, backup.BackupError, OSError) as exc:
            backup.cancel_restore(self.directory)
            self.warning = QCoreApplication.translate(
                "Login", "Không khôi phục được từ %1: %2. Dữ liệu hiện tại giữ nguyên."
            ).replace("%1", file.name).replace("%2", str(exc))
            self._audit.append(("backup.restore_failed", file.name, type(exc).__name__))
            return
        backup.cancel_restore(self.directory)
        self.notice = QCoreApplication.translate(
            "Login", "Đã khôi phục dữ liệu từ bản sao lưu %1.").replace("%1", file.name)
        if aside is not None:
            self.notice += " " + QCoreApplication.translate(
                "Login", "Dữ liệu trước đó được giữ tại %1.").replace("%1", str(aside))
        self._audit.append(("backup.restore", file.name, ""))

    def _fail(self, exc: BaseException) -> None:
        """Could not open the data: say so and change nothing. (A modal box is right here:
        nothing else can happen, and Hotline closes when it is read.)"""
        QMessageBox.critical(
            self.window, QCoreApplication.translate("Login", "Hotline không mở được dữ liệu"),
            QCoreApplication.translate(
                "Login", "Không mở được cơ sở dữ liệu của Hotline.\n\n%1\n\nChưa có dữ liệu "
                "nào bị thay đổi. Hãy kiểm tra thư mục dữ liệu hoặc khôi phục từ bản sao lưu "
                "(thư mục backups).").replace("%1", str(exc)))
        self._finish(None)

    # ----------------------------------------------------------- then who
    def _opened(self, app: App) -> None:
        self.app = app
        for action, target, detail in self._audit:
            app.audit.record(app.actor, action, target, (), detail)
        self._audit.clear()
        if self.passphrase_dialog is not None:
            self.passphrase_dialog.blockSignals(True)
            self.passphrase_dialog.accept()
        if self._new_code:
            code, self._new_code = self._new_code, ""
            intro = QCoreApplication.translate(
                "Login", "Dữ liệu đã được mã hóa lại bằng cụm mật khẩu mới. Đây là khóa khôi "
                "phục MỚI; khóa cũ không còn dùng được.")
            dialog = RecoveryKeyDialog(code, app.settings.center_name, self.window, intro=intro)
            self.recovery_dialog = dialog
            dialog.accepted.connect(self._who)
            dialog.open()
            return
        self._who()

    def _who(self) -> None:
        app = self.app
        assert app is not None
        if not app.accounts.has_users():
            from hotline.ui.setup_wizard import SetupWizard

            wizard = SetupWizard(app, self.window)
            self.wizard = wizard
            wizard.completed.connect(self._wizard_done)
            wizard.rejected.connect(lambda: self._finish(None))
            wizard.open()
            return
        dialog = LoginDialog(app, self.window, self.notice)
        self.login_dialog = dialog
        dialog.logged_in.connect(self._logged_in)
        dialog.rejected.connect(lambda: self._finish(None))
        dialog.open()
        dialog.form.focus()

    def _wizard_done(self, user: Any) -> None:
        if self.wizard is not None and self.wizard.warning:
            self.warning = self.wizard.warning
        self._logged_in(user)

    def _logged_in(self, user: User) -> None:
        assert self.app is not None
        self.app.session.user = user
        self._finish(self.app)
