"""The settings dialog, and the groups of fields it shares with the first-run wizard.

One dialog (Ctrl+,) holds everything a center configures: the center (name, parent body,
province, the place name on reports), sync and e-mail, security (idle lock, backup folder,
retention) and display (language, font size). It is not modal: an operator on a call can
leave it open and keep typing in the call form.

Saving writes `settings.json` atomically, hands the new settings to the services that hold
them (reports, sync), audits `settings.change` with the NAMES of the changed fields (never
their values) and applies what can be applied live (window title, font size, idle lock).
The SMTP password goes to the OS keyring only (hotline.reports.mailer), never to the file.
Operators may change the display tab only; the rest needs MANAGE_SETTINGS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hotline import admin_units, config
from hotline.reports import mailer
from hotline.security.roles import Permission
from hotline.ui.fitting import resize_within_screen
from hotline.ui.widgets import ErrorLabel, InlineBar, SearchCombo

if TYPE_CHECKING:
    from hotline.app import App

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
DISPLAY_FIELDS = frozenset({"language", "font_size"})  # what an operator may change


# ----------------------------------------------------------------- applying settings


def _is_loopback(host: str) -> bool:
    return host.strip().lower() in LOOPBACK_HOSTS


def _folder_row(parent: QWidget, edit: QLineEdit, title: str) -> QWidget:
    """A folder field with a "Chọn…" button (the folder dialog opens without blocking)."""
    row = QWidget(parent)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    button = QPushButton(QCoreApplication.translate("Settings", "Chọn…"), row)
    button.setAccessibleName(QCoreApplication.translate("Settings", "Chọn thư mục: %1")
                             .replace("%1", title))

    def choose() -> None:
        dialog = QFileDialog(row, title, edit.text().strip())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(edit.setText)
        dialog.open()

    button.clicked.connect(choose)
    layout.addWidget(button)
    row.setFocusProxy(edit)
    return row


# ---------------------------------------------------------------------- field groups
class CenterFields(QWidget):
    """Who the center is: the report header and the place name on reports (DESIGN §5)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.center_name = QLineEdit(self)
        self.center_name.setAccessibleName(self.tr("Tên trung tâm"))
        self.center_name.setPlaceholderText(self.tr("VD: TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH …"))
        self.abbreviation = QLineEdit(self)
        self.abbreviation.setAccessibleName(self.tr("Tên viết tắt trên số văn bản"))
        self.abbreviation.setPlaceholderText(self.tr("VD: TTCTXH (Số: …/BC-TTCTXH)"))
        self.parent_body = QLineEdit(self)
        self.parent_body.setAccessibleName(self.tr("Cơ quan chủ quản"))
        self.parent_body.setPlaceholderText(self.tr("VD: SỞ Y TẾ TỈNH …"))
        self.province = SearchCombo(self, self.tr("gõ tên tỉnh, có dấu hay không"))
        self.province.setAccessibleName(self.tr("Tỉnh/thành phố của trung tâm"))
        self.province.set_items((u.code, u.name) for u in admin_units.provinces())
        self.place_name = QLineEdit(self)
        self.place_name.setAccessibleName(self.tr("Địa danh ghi trên báo cáo"))
        self.error = ErrorLabel(self)
        form.addRow(self.tr("&Tên trung tâm *"), self.center_name)
        form.addRow(self.tr("Cơ quan &chủ quản"), self.parent_body)
        form.addRow(self.tr("Tên &viết tắt"), self.abbreviation)
        form.addRow(self.tr("Tỉnh/thành &phố *"), self.province)
        form.addRow(self.tr("Địa &danh trên báo cáo"), self.place_name)
        form.addRow(self.error)
        QWidget.setTabOrder(self.center_name, self.parent_body)  # Tab follows the rows
        QWidget.setTabOrder(self.parent_body, self.abbreviation)
        self.province.code_changed.connect(self._suggest_place)
        self._suggest_place(self.province.code())

    def _suggest_place(self, code: str) -> None:
        name = admin_units.province_name(code) if code else ""
        for prefix in ("Thành phố ", "Tỉnh "):
            if name.startswith(prefix):
                name = name[len(prefix):]
        self.place_name.setPlaceholderText(
            self.tr("để trống: %1").replace("%1", name) if name
            else self.tr("VD: Hà Nội (dòng \"Hà Nội, ngày … tháng … năm …\")"))

    def load(self, s: config.Settings) -> None:
        self.center_name.setText(s.center_name)
        self.abbreviation.setText(s.center_abbreviation)
        self.parent_body.setText(s.parent_body)
        self.province.set_code(s.province_code)
        self.place_name.setText(s.place_name)

    def values(self) -> dict[str, Any]:
        self.province.commit_text()
        return {"center_name": self.center_name.text().strip(),
                "center_abbreviation": self.abbreviation.text().strip(),
                "parent_body": self.parent_body.text().strip(),
                "province_code": self.province.code(),
                "place_name": self.place_name.text().strip()}

    def validate(self) -> str:
        values = self.values()
        message = ""
        if not values["center_name"]:
            message = self.tr("Nhập tên trung tâm (in trên đầu báo cáo).")
            self.center_name.setFocus()
        elif not values["province_code"]:
            message = (self.tr("Chọn tỉnh/thành phố trong danh sách.")
                       if self.province.has_unmatched_text()
                       else self.tr("Chọn tỉnh/thành phố của trung tâm."))
            self.province.setFocus()
        self.error.set_error(message)
        return message


class SyncMailFields(QWidget):
    """Where the daily report goes: a folder (a network share) and optionally e-mail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.sync_folder = QLineEdit(self)
        self.sync_folder.setAccessibleName(self.tr("Thư mục đồng bộ báo cáo"))
        self.sync_folder.setPlaceholderText(self.tr("không bắt buộc: thư mục chung, ổ mạng…"))
        self.sync_time = QTimeEdit(self)
        self.sync_time.setDisplayFormat("HH:mm")
        self.sync_time.setAccessibleName(self.tr("Giờ gửi báo cáo trong ngày"))
        form.addRow(self.tr("Thư mục đồng &bộ"),
                    _folder_row(self, self.sync_folder, self.tr("Thư mục đồng bộ báo cáo")))
        form.addRow(self.tr("&Giờ gửi báo cáo ngày"), self.sync_time)
        layout.addLayout(form)

        self.mail = QGroupBox(self.tr("Gửi báo cáo qua &e-mail"), self)
        self.mail.setCheckable(True)
        self.mail.setChecked(False)
        mail_form = QFormLayout(self.mail)
        self.smtp_host = QLineEdit(self.mail)
        self.smtp_host.setAccessibleName(self.tr("Máy chủ thư (SMTP)"))
        self.smtp_host.setPlaceholderText("smtp.gmail.com")
        self.smtp_port = QSpinBox(self.mail)
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setAccessibleName(self.tr("Cổng SMTP"))
        self.smtp_security = QComboBox(self.mail)
        self.smtp_security.setAccessibleName(self.tr("Bảo mật kết nối"))
        for code, label in (("starttls", self.tr("STARTTLS (cổng 587)")),
                            ("ssl", self.tr("SSL/TLS (cổng 465)")),
                            ("none", self.tr("Không mã hóa (chỉ máy chủ trên máy này)"))):
            self.smtp_security.addItem(label, code)
        self.smtp_user = QLineEdit(self.mail)
        self.smtp_user.setAccessibleName(self.tr("Tài khoản e-mail"))
        self.smtp_password = QLineEdit(self.mail)
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password.setAccessibleName(self.tr("Mật khẩu e-mail"))
        self.smtp_password.setPlaceholderText(
            self.tr("lưu trong kho khóa của hệ điều hành; để trống: giữ mật khẩu đã lưu"))
        self.smtp_from = QLineEdit(self.mail)
        self.smtp_from.setAccessibleName(self.tr("Địa chỉ người gửi"))
        self.smtp_from.setPlaceholderText(self.tr("để trống: như tài khoản"))
        self.smtp_to = QLineEdit(self.mail)
        self.smtp_to.setAccessibleName(self.tr("Gửi tới các địa chỉ"))
        self.smtp_to.setPlaceholderText(self.tr("các địa chỉ cách nhau bởi dấu phẩy"))
        mail_form.addRow(self.tr("Máy &chủ SMTP"), self.smtp_host)
        mail_form.addRow(self.tr("Cổ&ng"), self.smtp_port)
        mail_form.addRow(self.tr("Bả&o mật"), self.smtp_security)  # Alt letters unique here
        mail_form.addRow(self.tr("Tài &khoản"), self.smtp_user)
        mail_form.addRow(self.tr("&Mật khẩu"), self.smtp_password)
        mail_form.addRow(self.tr("Ngườ&i gửi"), self.smtp_from)
        mail_form.addRow(self.tr("Gửi &tới"), self.smtp_to)
        layout.addWidget(self.mail)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.smtp_security.currentIndexChanged.connect(self._default_port)

    def _default_port(self) -> None:
        port = {"starttls": 587, "ssl": 465, "none": 25}[str(self.smtp_security.currentData())]
        if self.smtp_port.value() in (25, 465, 587):
            self.smtp_port.setValue(port)

    def load(self, s: config.Settings) -> None:
        self.sync_folder.setText(s.sync_folder)
        time = QTime.fromString(s.sync_time, "HH:mm")
        self.sync_time.setTime(time if time.isValid() else QTime(17, 30))
        self.mail.setChecked(bool(s.smtp_host))
        self.smtp_host.setText(s.smtp_host)
        self.smtp_port.setValue(int(s.smtp_port))
        index = self.smtp_security.findData(s.smtp_security)
        self.smtp_security.blockSignals(True)
        self.smtp_security.setCurrentIndex(max(0, index))
        self.smtp_security.blockSignals(False)
        self.smtp_user.setText(s.smtp_user)
        self.smtp_from.setText(s.smtp_from)
        self.smtp_to.setText(s.smtp_to)
        self.smtp_password.clear()

    def values(self) -> dict[str, Any]:
        mail = self.mail.isChecked()
        return {"sync_folder": self.sync_folder.text().strip(),
                "sync_time": self.sync_time.time().toString("HH:mm"),
                "smtp_host": self.smtp_host.text().strip() if mail else "",
                "smtp_port": self.smtp_port.value(),
                "smtp_security": str(self.smtp_security.currentData()),
                "smtp_user": self.smtp_user.text().strip(),
                "smtp_from": self.smtp_from.text().strip(),
                "smtp_to": self.smtp_to.text().strip()}

    def password(self) -> str:
        return self.smtp_password.text() if self.mail.isChecked() else ""

    def validate(self) -> str:
        message = ""
        if self.mail.isChecked():
            values = self.values()
            if not values["smtp_host"]:
                message = self.tr("Nhập máy chủ thư (SMTP), hoặc bỏ chọn gửi e-mail.")
                self.smtp_host.setFocus()
            elif not values["smtp_to"]:
                message = self.tr("Nhập ít nhất một địa chỉ nhận báo cáo.")
                self.smtp_to.setFocus()
            elif values["smtp_security"] == "none" and not _is_loopback(values["smtp_host"]):
                message = self.tr("Không mã hóa chỉ dùng được với máy chủ thư trên chính máy "
                                  "này (localhost): mật khẩu không được gửi qua mạng không "
                                  "mã hóa.")
                self.smtp_security.setFocus()
            elif self.smtp_password.text() and not values["smtp_user"]:
                message = self.tr("Nhập tài khoản e-mail đi kèm mật khẩu.")
                self.smtp_user.setFocus()
        self.error.set_error(message)
        return message

    def store_password(self, settings: config.Settings) -> None:
        """Keep a typed SMTP password in the OS keyring (raises mailer.MailError)."""
        password = self.password()
        smtp = mailer.smtp_config(settings)
        if password and smtp is not None:
            mailer.store_password(smtp, password)


class SecurityFields(QWidget):
    """The idle lock, where backups go, and how long calls keep what identifies a caller."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.idle_lock = QSpinBox(self)
        self.idle_lock.setRange(1, 120)
        self.idle_lock.setSuffix(self.tr(" phút"))
        self.idle_lock.setAccessibleName(self.tr("Tự khóa màn hình sau bao nhiêu phút không "
                                                 "dùng"))
        self.backup_folder = QLineEdit(self)
        self.backup_folder.setAccessibleName(self.tr("Thư mục sao lưu"))
        self.backup_folder.setPlaceholderText(
            self.tr("để trống: thư mục backups trong thư mục dữ liệu"))
        self.retention = QSpinBox(self)
        self.retention.setRange(0, 100)
        self.retention.setSpecialValueText(self.tr("không tự xóa"))
        self.retention.setSuffix(self.tr(" năm"))
        self.retention.setAccessibleName(self.tr("Giữ thông tin định danh người gọi bao nhiêu "
                                                 "năm"))
        form.addRow(self.tr("Tự &khóa sau"), self.idle_lock)
        form.addRow(self.tr("Thư mục &sao lưu"),
                    _folder_row(self, self.backup_folder, self.tr("Thư mục sao lưu")))
        hint = QLabel(self.tr("Nên chọn ổ đĩa khác hoặc ổ mạng: bản sao lưu trên cùng ổ đĩa "
                              "không cứu được dữ liệu khi ổ hỏng. Bản sao lưu được mã hóa như "
                              "dữ liệu."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #444;")
        form.addRow(hint)
        form.addRow(self.tr("&Giữ tên, số, nội dung"), self.retention)
        hint2 = QLabel(self.tr("Sau thời hạn này, tên, số điện thoại và nội dung của cuộc gọi "
                               "cũ được xóa; số liệu thống kê vẫn giữ."), self)
        hint2.setWordWrap(True)
        hint2.setStyleSheet("color: #444;")
        form.addRow(hint2)

    def load(self, s: config.Settings) -> None:
        self.idle_lock.setValue(max(1, int(s.idle_lock_minutes)))
        self.backup_folder.setText(s.backup_folder)
        self.retention.setValue(max(0, int(s.retention_years)))

    def values(self) -> dict[str, Any]:
        return {"idle_lock_minutes": self.idle_lock.value(),
                "backup_folder": self.backup_folder.text().strip(),
                "retention_years": self.retention.value()}


class DisplayFields(QWidget):
    """Language and font size: what any user may change on this PC."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        from hotline.ui import i18n

        self.language = QComboBox(self)
        self.language.setAccessibleName(self.tr("Ngôn ngữ giao diện"))
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.font_size = QSpinBox(self)
        # i18n's one range; the step below FONT_SIZE_MIN is the special value "the system's
        # size" (saved as 0), so every value the box offers is one clamp_font_size keeps.
        self.font_size.setRange(i18n.FONT_SIZE_MIN - 1, i18n.FONT_SIZE_MAX)
        self.font_size.setSpecialValueText(self.tr("mặc định của hệ thống"))
        self.font_size.setSuffix(" pt")
        self.font_size.setAccessibleName(self.tr("Cỡ chữ"))
        form.addRow(self.tr("&Ngôn ngữ"), self.language)
        note = QLabel(self.tr("Ngôn ngữ mới áp dụng khi mở lại Hotline."), self)
        note.setStyleSheet("color: #444;")
        form.addRow(note)
        form.addRow(self.tr("&Cỡ chữ"), self.font_size)

    def load(self, s: config.Settings) -> None:
        from hotline.ui import i18n

        self.language.setCurrentIndex(max(0, self.language.findData(
            i18n.normalize_language(s.language))))
        size = i18n.clamp_font_size(s.font_size)
        self.font_size.setValue(size if size else self.font_size.minimum())

    def values(self) -> dict[str, Any]:
        from hotline.ui import i18n

        return {"language": str(self.language.currentData()),
                "font_size": i18n.clamp_font_size(
                    0 if self.font_size.value() == self.font_size.minimum()
                    else self.font_size.value())}


# -------------------------------------------------------------------------- dialog
class SettingsDialog(QDialog):
    """Every setting in one non-modal dialog; `saved(field names)` after a save."""

    saved = Signal(tuple)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("Cài đặt — Hotline"))
        self.setModal(False)
        resize_within_screen(self, 640, 560)  # wider at a large font, within the screen
        layout = QVBoxLayout(self)
        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Các nhóm cài đặt"))
        self.center = CenterFields(self.tabs)
        self.sync = SyncMailFields(self.tabs)
        self.security = SecurityFields(self.tabs)
        self.display = DisplayFields(self.tabs)
        self.tabs.addTab(self.center, self.tr("Trung tâm"))
        self.tabs.addTab(self.sync, self.tr("Đồng bộ và e-mail"))
        self.tabs.addTab(self.security, self.tr("Bảo mật"))
        self.tabs.addTab(self.display, self.tr("Hiển thị"))
        layout.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("&Lưu"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Đóng"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self).activated.connect(self.save)
        self.load()

    @property
    def can_manage(self) -> bool:
        return self.app.can(Permission.MANAGE_SETTINGS)

    def load(self) -> None:
        s = self.app.settings
        for group in (self.center, self.sync, self.security, self.display):
            group.load(s)
        manage = self.can_manage
        for group in (self.center, self.sync, self.security):
            group.setEnabled(manage)
        if not manage:
            self.bar.show_message(self.tr("Chỉ lãnh đạo trung tâm thay đổi được thông tin "
                                          "trung tâm, đồng bộ và bảo mật; bạn có thể đổi "
                                          "phần Hiển thị."), "info")
            self.tabs.setCurrentWidget(self.display)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for group in (self.center, self.sync, self.security, self.display):
            values.update(group.values())
        return values

    def save(self) -> bool:
        """Validate, save, audit and apply; False (with the reason inline) when refused."""
        manage = self.can_manage
        if manage:
            for tab, group in ((0, self.center), (1, self.sync)):
                if group.validate():
                    self.tabs.setCurrentIndex(tab)
                    self.bar.show_message(self.tr("Chưa lưu: kiểm tra ô được đánh dấu."),
                                          "error")
                    return False
        new = self.app.settings.with_changes(**self.values())
        names = config.changed_fields(self.app.settings, new)
        try:
            if set(names) - DISPLAY_FIELDS:
                self.app.require(Permission.MANAGE_SETTINGS)
            if manage:
                self.sync.store_password(new)
            names = self.app.apply_settings(new)
        except PermissionError as exc:
            self.bar.show_message(self.tr("Không được phép: %1").replace("%1", str(exc)),
                                  "error")
            return False
        except (OSError, mailer.MailError) as exc:
            self.bar.show_message(self.tr("Chưa lưu được: %1").replace(
                "%1", getattr(exc, "strerror", None) or str(exc)), "error")
            return False
        password_changed = bool(manage and self.sync.password())
        if password_changed:
            names = (*names, "smtp_password")
        if names:
            self.app.audit.record(self.app.actor, "settings.change", "settings", names)
        self.sync.smtp_password.clear()
        self.bar.show_message(self.tr("Đã lưu cài đặt.") if names
                              else self.tr("Không có thay đổi."), "success", timeout_ms=5000)
        self.saved.emit(names)
        return True
