"""The first-run wizard, and the recovery key panel it shares with the key page.

First run (no account yet): the center (name, parent body, province, the place name on
reports), where reports go (a sync folder, optionally e-mail), the administrator's account,
and finally the **recovery key**: the database key written for people, shown once in large
type, printable, with a mandatory "I have written/printed it" checkbox. Without it a
reinstalled PC or a lost keyring loses the data, so the wizard cannot finish until the box
is ticked.

Nothing is written before the last page is accepted: closing the wizard half-way leaves no
admin and no settings, and the next start asks again (and shows the key again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QMarginsF, Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hotline.reports import mailer
from hotline.security import dbkey
from hotline.security.accounts import MIN_PASSWORD, AuthError, User
from hotline.ui.fitting import resize_within_screen
from hotline.ui.settings_dialog import CenterFields, SyncMailFields
from hotline.ui.styles import scaled_font
from hotline.ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from hotline.app import App


# ------------------------------------------------------------------ the recovery key
class RecoveryKeyPanel(QWidget):
    """The recovery key in large type, a Print button and the acknowledgement checkbox."""

    acknowledged_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, center_name: str = "") -> None:
        super().__init__(parent)
        self.center_name = center_name
        self.code = ""
        self._print_dialog: QPrintDialog | None = None
        layout = QVBoxLayout(self)
        self.intro = QLabel(self.tr(
            "Đây là <b>khóa khôi phục</b> của dữ liệu. Khi cài lại máy, đổi máy hoặc mất kho "
            "khóa của hệ điều hành, chỉ khóa này mở được dữ liệu và các bản sao lưu. Hãy chép "
            "tay hoặc in ra và cất ở nơi an toàn (tủ có khóa của lãnh đạo trung tâm). Khóa "
            "chỉ hiện <b>một lần</b>."), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.code_label = QLabel(self)
        mono = scaled_font(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont), +11)
        mono.setBold(True)
        self.code_label.setFont(mono)
        self.code_label.setWordWrap(True)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setStyleSheet("background: #fffbe6; border: 2px solid #b58a00; "
                                      "border-radius: 6px; padding: 14px; color: #111;")
        self.code_label.setAccessibleName(self.tr("Khóa khôi phục"))
        layout.addWidget(self.code_label)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&In khóa khôi phục…"), self)
        self.print_button.setAccessibleName(self.tr("In khóa khôi phục"))
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.acknowledge = QCheckBox(self.tr("Tôi đã &chép hoặc in khóa khôi phục và cất ở "
                                             "nơi an toàn"), self)
        self.acknowledge.setAccessibleName(self.tr("Xác nhận đã chép hoặc in khóa khôi phục"))
        layout.addWidget(self.acknowledge)
        layout.addStretch(1)
        self.print_button.clicked.connect(self.print_sheet)
        self.acknowledge.toggled.connect(self.acknowledged_changed)

    def set_code(self, code: str) -> None:
        """Show `code`; an empty code means the data is not encrypted (nothing to keep)."""
        self.code = code
        self.acknowledge.setChecked(False)
        if code:
            groups = code.split("-")
            lines = ["  ".join(groups[i:i + 4]) for i in range(0, len(groups), 4)]
            self.code_label.setText("\n".join(lines))
        else:
            self.code_label.setText(self.tr("Dữ liệu chưa được mã hóa: không có khóa khôi "
                                            "phục."))
        self.print_button.setEnabled(bool(code))
        self.acknowledge.setEnabled(bool(code))

    def clear(self) -> None:
        """Forget the code (it must not stay on screen or in memory longer than needed)."""
        self.code = ""
        self.code_label.clear()
        self.acknowledge.setChecked(False)

    @property
    def acknowledged(self) -> bool:
        return not self.code or self.acknowledge.isChecked()

    def print_sheet(self) -> None:
        """The print dialog opens without blocking; printing follows its acceptance."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("In khóa khôi phục"))
        dialog.accepted.connect(lambda: self.print_on(printer))
        self._print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # QPrintDialog.open() wants a receiver in PySide6; show() is the same

    def sheet_html(self) -> str:
        from html import escape

        from hotline.clock import Clock

        today = Clock().now().strftime("%d/%m/%Y")
        groups = self.code.split("-")
        lines = "<br>".join("&nbsp;&nbsp;".join(groups[i:i + 4])
                            for i in range(0, len(groups), 4))
        title = self.tr("KHÓA KHÔI PHỤC DỮ LIỆU HOTLINE")
        made = self.tr("Ngày lập: %1").replace("%1", today)
        keep = self.tr("Khóa này mở được dữ liệu cuộc gọi và mọi bản sao lưu. Cất trong tủ có "
                       "khóa; không chụp ảnh, không gửi qua mạng. Khi đổi khóa, bản này hết "
                       "hiệu lực: hủy bỏ nó.")
        use = self.tr("Dùng khi cài lại máy: mở Hotline và chọn “Dùng khóa khôi phục”; hoặc "
                      "dòng lệnh: hotline backup restore TỆP --recovery-key KHÓA")
        return (f"<h2>{escape(self.center_name)}</h2><h1>{escape(title)}</h1>"
                f"<p>{escape(made)}</p>"
                "<p style='font-family: monospace; font-size: xx-large; font-weight: bold;'>"
                f"{lines}</p><p>{escape(keep)}</p><p>{escape(use)}</p>")

    def print_on(self, printer: QPrinter) -> None:
        """Print the sheet on `printer` (a real printer, or a PDF printer in tests)."""
        printer.setPageMargins(QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter)
        doc = QTextDocument()
        font = QFont()
        font.setPointSize(12)
        doc.setDefaultFont(font)
        doc.setHtml(self.sheet_html())
        doc.print_(printer)


# ----------------------------------------------------------------------- wizard pages
class CenterPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Trung tâm"))
        self.setSubTitle(self.tr("Thông tin in trên đầu các báo cáo gửi cơ quan cấp trên. "
                                 "Đổi được sau trong Cài đặt (Ctrl+,)."))
        layout = QVBoxLayout(self)
        self.fields = CenterFields(self)
        layout.addWidget(self.fields)

    def validatePage(self) -> bool:
        return not self.fields.validate()


class SyncPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Gửi báo cáo"))
        self.setSubTitle(self.tr("Báo cáo ngày được chép vào một thư mục (ổ mạng chung) và, "
                                 "nếu muốn, gửi qua e-mail. Có thể bỏ trống và đặt sau."))
        layout = QVBoxLayout(self)
        self.fields = SyncMailFields(self)
        layout.addWidget(self.fields)

    def validatePage(self) -> bool:
        return not self.fields.validate()


class AdminPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Tài khoản quản trị"))
        self.setSubTitle(self.tr("Người quản trị tạo tài khoản cho điện thoại viên và lãnh "
                                 "đạo trung tâm. Mật khẩu ít nhất %1 ký tự.")
                         .replace("%1", str(MIN_PASSWORD)))
        form = QFormLayout(self)
        self.username = QLineEdit("admin", self)
        self.username.setAccessibleName(self.tr("Tên đăng nhập của quản trị viên"))
        self.display_name = QLineEdit(self)
        self.display_name.setAccessibleName(self.tr("Họ tên quản trị viên"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Mật khẩu"))
        self.password2 = QLineEdit(self)
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2.setAccessibleName(self.tr("Nhập lại mật khẩu"))
        self.error = ErrorLabel(self)
        form.addRow(self.tr("&Tên đăng nhập"), self.username)
        form.addRow(self.tr("&Họ tên"), self.display_name)
        form.addRow(self.tr("&Mật khẩu"), self.password)
        form.addRow(self.tr("&Nhập lại mật khẩu"), self.password2)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        message = ""
        if not self.username.text().strip():
            message = self.tr("Nhập tên đăng nhập.")
            self.username.setFocus()
        elif len(self.password.text()) < MIN_PASSWORD:
            message = self.tr("Mật khẩu phải có ít nhất %1 ký tự.").replace(
                "%1", str(MIN_PASSWORD))
            self.password.setFocus()
        elif self.password.text() != self.password2.text():
            message = self.tr("Hai lần nhập mật khẩu không khớp.")
            self.password2.clear()
            self.password2.setFocus()
        self.error.set_error(message)
        return not message


class RecoveryPage(QWizardPage):
    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("Khóa khôi phục"))
        layout = QVBoxLayout(self)
        self.panel = RecoveryKeyPanel(self, center_name=wizard.app.settings.center_name)
        layout.addWidget(self.panel)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.panel.acknowledged_changed.connect(lambda _on: self.completeChanged.emit())

    def initializePage(self) -> None:
        key = self.wizard_.app.store.key
        self.panel.center_name = self.wizard_.center_page.fields.values()["center_name"]
        self.panel.set_code(dbkey.recovery_code(key) if key else "")

    def isComplete(self) -> bool:
        return self.panel.acknowledged

    def validatePage(self) -> bool:
        message = self.wizard_.commit()
        self.error.set_error(message)
        return not message


class SetupWizard(QWizard):
    """The first run: `completed(User)` once the admin exists (and is logged in)."""

    completed = Signal(object)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.admin: User | None = None
        self.warning = ""  # something to tell once the window opens (e.g. SMTP password)
        self.setWindowTitle(self.tr("Thiết lập Hotline lần đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Tiếp →"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("← &Quay lại"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Hoàn tất"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Thoát"))
        resize_within_screen(self, 720, 600)  # wider at a large font, within the screen
        self.center_page = CenterPage(self)
        self.sync_page = SyncPage(self)
        self.admin_page = AdminPage(self)
        self.recovery_page = RecoveryPage(self)
        for page in (self.center_page, self.sync_page, self.admin_page, self.recovery_page):
            self.addPage(page)
        self.center_page.fields.load(app.settings)
        self.sync_page.fields.load(app.settings)

    def settings_values(self) -> dict[str, Any]:
        return {**self.center_page.fields.values(), **self.sync_page.fields.values()}

    def commit(self) -> str:
        """Create the admin, save the settings, keep the SMTP password, log the admin in.

        Returns "" on success, else the reason (shown on the last page; nothing half-done is
        left that a second attempt would trip over).
        """
        page = self.admin_page
        username = page.username.text().strip()
        password = page.password.text()
        try:
            if self.admin is None:
                self.admin = self.app.accounts.create_first_admin(
                    username, page.display_name.text().strip() or username, password)
            self.app.session.user = self.app.accounts.authenticate(username, password)
        except AuthError as exc:
            return str(exc)
        new = self.app.settings.with_changes(**self.settings_values())
        try:
            names = self.app.apply_settings(new)
        except OSError as exc:
            return QCoreApplication.translate("Setup", "Không lưu được cài đặt: %1").replace(
                "%1", exc.strerror or str(exc))
        if names:
            self.app.audit.record(self.app.actor, "settings.change", "settings", names)
        try:
            self.sync_page.fields.store_password(new)
        except mailer.MailError as exc:
            # Not fatal: e-mail can be set up later; the window shows this once it opens.
            self.warning = str(exc)
        else:
            if self.sync_page.fields.password():
                self.app.audit.record(self.app.actor, "settings.change", "settings",
                                      ("smtp_password",))
        page.password.clear()
        page.password2.clear()
        return ""

    def accept(self) -> None:
        super().accept()
        if self.admin is not None and self.app.session.user is not None:
            self.completed.emit(self.app.session.user)

    def done(self, result: int) -> None:
        self.recovery_page.panel.clear()
        super().done(result)
