"""Backups, the database key, retention and exports with personal data, in the window.

- **Backups** (heads): the list in the configured folder, "back up now" off the UI thread
  with progress (then verified and rotated), "verify" a chosen one, and restore guidance:
  a restore needs the database closed, so the window records a request that the next start
  carries out (verified first, the current database kept aside), or the command line does it.
- **Daily backup**: `MaintenanceScheduler` takes one at start and whenever a day has none
  yet, verifies and rotates it, and applies the retention policy once a day when one is set.
  Failures show in the status bar and never block anyone.
- **Key** (admins): the recovery key again after the password is typed again (audited);
  changing the key shows the new recovery key once, then closes Hotline (connections still
  open on other threads hold the old key).
- **Retention** (heads): the years setting and "apply now" (two clicks), audited.
- **Export** (heads): calls as CSV v1 for a date range, with personal data only by choice;
  audited like `hotline calls export`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDate,
    QObject,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hotline.calls import csvio
from hotline.calls.models import CallFilter
from hotline.security import backup, dbkey, retention
from hotline.security.accounts import AuthError
from hotline.security.roles import Permission
from hotline.ui.table_model import ModelIndex, ReadOnlyTableModel, row_table
from hotline.ui.tasks import alive, run_task
from hotline.ui.widgets import ErrorLabel, FlowLayout, InlineBar

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.lock import SessionController

DISPLAY = Qt.ItemDataRole.DisplayRole
SYSTEM_ACTOR = "system"
CHECK_EVERY_MS = 60 * 60 * 1000  # a new day is noticed within the hour
RECOVERY_SHOWN_MS = 2 * 60 * 1000  # the recovery key leaves the screen by itself
BACKGROUND_WAIT_MS = 3000  # a key change lets short background work finish first


def backup_folder(app: App) -> Path:
    return backup.folder_for(app.data_dir, app.settings.backup_folder)


@dataclass(frozen=True)
class BackupRun:
    path: Path
    removed: int


def make_backup(app: App, progress: Any = None) -> BackupRun:
    """Create, verify and rotate (runs on a worker thread: its own connection)."""
    folder = backup_folder(app)
    path = backup.create(app.store, folder, app.clock, progress)
    backup.verify(path, app.store.key)
    removed = backup.rotate(folder)
    return BackupRun(path, len(removed))


def _message(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc)
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------------ scheduler
class MaintenanceScheduler(QObject):
    """The automatic daily backup (and the retention policy) while the window runs."""

    state_changed = Signal(str, bool)  # for the status bar; ok False shows a problem
    backup_done = Signal(object)  # BackupRun
    backup_failed = Signal(str)
    retention_done = Signal(object)  # RetentionResult

    def __init__(self, app: App, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.running = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.run)
        self._stopped = False

    def start(self) -> None:
        QTimer.singleShot(0, self.run)
        self._timer.start()

    def run(self) -> bool:
        """Back up if today has no backup yet, then retention; False if nothing started."""
        if self.running or self._stopped:
            return False
        folder = backup_folder(self.app)
        today = self.app.clock.today()
        try:
            due = backup.due_today(folder, today)
        except OSError as exc:  # an unplugged drive, a share that went away
            self._fail(exc)
            return False
        if not due:
            return self._retention()
        self.running = True
        self.state_changed.emit(self.tr("Đang sao lưu…"), True)
        app = self.app
        run_task(lambda: make_backup(app), on_done=self._backed_up,
                 on_error=lambda exc, _tb: self._fail(exc), pool=self._pool)
        return True

    def _backed_up(self, result: BackupRun) -> None:
        self.running = False
        if self._stopped:
            return
        self.app.audit.record(SYSTEM_ACTOR, "backup.create", result.path.name, (),
                              f"automatic, verified, {result.removed} rotated out")
        self.state_changed.emit(self.tr("Sao lưu lúc %1 ✓").replace(
            "%1", self.app.clock.now().strftime("%H:%M")), True)
        self.backup_done.emit(result)
        self._retention()

    def _fail(self, exc: BaseException) -> None:
        self.running = False
        if self._stopped:
            return
        message = self.tr("Sao lưu tự động lỗi: %1").replace("%1", _message(exc))
        self.state_changed.emit(message, False)
        self.backup_failed.emit(message)

    def _retention(self) -> bool:
        years = int(self.app.settings.retention_years or 0)
        if years < 1 or self.running or self._stopped:
            return False
        today = self.app.clock.today().isoformat()
        last = self.app.audit.entries(action="retention.apply", limit=1)
        if last and last[0].at[:10] == today:
            return False
        self.running = True
        app = self.app

        def work() -> retention.RetentionResult:
            return retention.apply(app.calls, app.audit, years=years, actor=SYSTEM_ACTOR)

        def done(result: retention.RetentionResult) -> None:
            self.running = False
            self.retention_done.emit(result)

        run_task(work, on_done=done, on_error=lambda exc, _tb: self._fail(exc),
                 pool=self._pool)
        return True

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """At exit: no new work; a backup under way may finish (its .part file is renamed
        only when whole, so an interrupted one leaves nothing that looks like a backup)."""
        self._stopped = True
        self._timer.stop()
        self._pool.waitForDone(30_000)


# --------------------------------------------------------------------- backups page
class BackupTableModel(ReadOnlyTableModel[backup.BackupInfo]):
    TAKEN, SIZE, FILE = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = (self.tr("Thời điểm"), self.tr("Dung lượng"), self.tr("Tệp"))

    def set_rows(self, rows: Iterable[backup.BackupInfo]) -> None:
        super().set_rows(sorted(rows, key=lambda b: b.taken, reverse=True))  # newest first

    def data(self, index: ModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid() or role != DISPLAY:
            return None
        info = self.rows[index.row()]
        return (info.taken.strftime("%d/%m/%Y %H:%M:%S"),
                f"{info.size / 1e6:.1f} MB", info.path.name)[index.column()]


class BackupView(QWidget):
    backup_done = Signal(object)  # BackupRun
    verified = Signal(str, bool)  # file name, ok

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.running = False
        layout = QVBoxLayout(self)
        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        top = QHBoxLayout()
        self.folder_label = QLabel(self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)  # a long network path breaks after a "/" or "\\"
        top.addWidget(self.folder_label, 1)
        self.open_button = QPushButton(self.tr("Mở thư mục"), self)
        top.addWidget(self.open_button)
        layout.addLayout(top)
        hint = QLabel(self.tr("Mỗi ngày Hotline tự sao lưu một lần (mã hóa như dữ liệu), kiểm "
                              "tra bản sao lưu và giữ 7 bản theo ngày, 4 theo tuần, 12 theo "
                              "tháng. Đổi thư mục sao lưu trong Cài đặt (Ctrl+,)."), self)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #444;")
        layout.addWidget(hint)
        self.model = BackupTableModel(self)
        self.table = row_table(self.model, self, name=self.tr("Các bản sao lưu"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = FlowLayout()  # on two lines at a large font
        self.create_button = QPushButton(self.tr("&Sao lưu ngay"), self)
        self.verify_button = QPushButton(self.tr("&Kiểm tra bản đã chọn"), self)
        self.restore_button = QPushButton(self.tr("&Khôi phục bản đã chọn…"), self)
        for button in (self.create_button, self.verify_button, self.restore_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Tiến độ sao lưu"))
        self.progress.hide()
        layout.addWidget(self.progress)

        self.restore_box = QGroupBox(self.tr("Khôi phục"), self)
        rlayout = QVBoxLayout(self.restore_box)
        self.restore_text = QLabel(self.restore_box)
        self.restore_text.setWordWrap(True)
        self.restore_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rlayout.addWidget(self.restore_text)
        rbuttons = FlowLayout()
        self.request_button = QPushButton(self.tr("Khôi phục khi &mở lại Hotline"),
                                          self.restore_box)
        self.cancel_request_button = QPushButton(self.tr("&Hủy yêu cầu khôi phục"),
                                                 self.restore_box)
        rbuttons.addWidget(self.request_button)
        rbuttons.addWidget(self.cancel_request_button)
        rlayout.addLayout(rbuttons)
        layout.addWidget(self.restore_box)
        self.restore_box.hide()

        can_restore = app.can(Permission.RESTORE)
        self.restore_button.setVisible(can_restore)
        self.open_button.clicked.connect(self.open_folder)
        self.create_button.clicked.connect(self.create_now)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(self.show_restore)
        self.request_button.clicked.connect(self.request_restore)
        self.cancel_request_button.clicked.connect(self.cancel_restore)
        self.reload()

    # --------------------------------------------------------------- listing
    def folder(self) -> Path:
        return backup_folder(self.app)

    def reload(self) -> None:
        folder = self.folder()
        self.folder_label.setText(self.tr("Thư mục sao lưu: %1").replace("%1", str(folder)))
        try:
            self.model.set_rows(backup.list_backups(folder))
        except OSError as exc:
            self.model.set_rows([])
            self.bar.show_message(self.tr("Không đọc được thư mục sao lưu: %1").replace(
                "%1", _message(exc)), "error")
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        pending = backup.pending_restore(self.app.data_dir)
        if pending is not None:
            self._show_pending(pending)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.reload()

    def selected(self) -> backup.BackupInfo | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def open_folder(self) -> bool:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # ---------------------------------------------------------------- create
    def create_now(self) -> bool:
        if self.running:
            return False
        try:
            self.app.require(Permission.BACKUP)
        except PermissionError as exc:
            self.bar.show_message(_message(exc), "error")
            return False
        self.running = True
        self.create_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        app = self.app
        run_task(lambda progress: make_backup(app, progress), on_done=self._created,
                 on_error=self._create_failed, on_progress=self._progress)
        return True

    def _progress(self, done: int, total: int) -> None:
        if alive(self) and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _created(self, result: BackupRun) -> None:
        if not alive(self):
            return
        self.running = False
        self.create_button.setEnabled(True)
        self.progress.hide()
        self.app.audit.record(self.app.actor, "backup.create", result.path.name, (),
                              f"verified, {result.removed} rotated out")
        self.bar.show_message(self.tr("Đã sao lưu và kiểm tra: %1").replace(
            "%1", result.path.name), "success", timeout_ms=8000)
        self.reload()
        self.backup_done.emit(result)

    def _create_failed(self, exc: Exception, _trace: str) -> None:
        if not alive(self):
            return
        self.running = False
        self.create_button.setEnabled(True)
        self.progress.hide()
        self.bar.show_message(self.tr("Sao lưu thất bại: %1").replace("%1", _message(exc)),
                              "error")

    # ---------------------------------------------------------------- verify
    def verify_selected(self) -> bool:
        info = self.selected()
        if info is None:
            self.bar.show_message(self.tr("Chọn một bản sao lưu trong danh sách."), "warning")
            return False
        key = self.app.store.key
        self.verify_button.setEnabled(False)
        self.bar.show_message(self.tr("Đang kiểm tra %1…").replace("%1", info.path.name),
                              "info")
        name = info.path.name
        run_task(lambda: backup.verify(info.path, key),
                 on_done=lambda _r: self._verified(name, ""),
                 on_error=lambda exc, _tb: self._verified(name, _message(exc)))
        return True

    def _verified(self, name: str, problem: str) -> None:
        if not alive(self):
            return
        self.verify_button.setEnabled(True)
        self.app.audit.record(self.app.actor, "backup.verify", name, (),
                              "ok" if not problem else "failed")
        if problem:
            self.bar.show_message(self.tr("Bản sao lưu %1 KHÔNG dùng được: %2").replace(
                "%1", name).replace("%2", problem), "error")
        else:
            self.bar.show_message(self.tr("Bản sao lưu %1 toàn vẹn và mở được bằng khóa hiện "
                                          "tại.").replace("%1", name), "success",
                                  timeout_ms=8000)
        self.verified.emit(name, not problem)

    # --------------------------------------------------------------- restore
    def show_restore(self) -> None:
        info = self.selected()
        if info is None:
            self.bar.show_message(self.tr("Chọn một bản sao lưu trong danh sách."), "warning")
            return
        self.restore_text.setText(self.tr(
            "Khôi phục thay toàn bộ dữ liệu hiện tại bằng bản sao lưu %1 (lúc %2): các cuộc "
            "gọi ghi sau thời điểm đó sẽ không còn trong dữ liệu (dữ liệu hiện tại được giữ "
            "lại bên cạnh). Hotline phải đóng trong lúc khôi phục.\n\n"
            "Cách 1: bấm \"Khôi phục khi mở lại Hotline\", rồi đóng và mở lại Hotline. Bản "
            "sao lưu được kiểm tra trước khi thay.\n"
            "Cách 2 (khi Hotline không mở được): đóng Hotline rồi chạy lệnh\n"
            "    hotline backup restore \"%3\"\n"
            "(trên máy khác: thêm --recovery-key KHÓA-KHÔI-PHỤC).")
            .replace("%1", info.path.name).replace("%2", info.taken.strftime("%d/%m/%Y %H:%M"))
            .replace("%3", str(info.path)))
        self.request_button.setEnabled(True)
        self.cancel_request_button.setVisible(
            backup.pending_restore(self.app.data_dir) is not None)
        self.restore_box.show()

    def request_restore(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        try:
            self.app.require(Permission.RESTORE)
            backup.verify(info.path, self.app.store.key)
            backup.request_restore(self.app.data_dir, info.path)
        except (PermissionError, backup.BackupError, OSError) as exc:
            self.bar.show_message(self.tr("Không thể khôi phục: %1").replace(
                "%1", _message(exc)), "error")
            return False
        self.app.audit.record(self.app.actor, "backup.restore_request", info.path.name)
        self._show_pending(info.path)
        return True

    def _show_pending(self, path: Path) -> None:
        self.restore_box.show()
        self.restore_text.setText(self.tr(
            "Đã hẹn khôi phục từ %1 khi Hotline mở lại. Đóng Hotline (các cuộc gọi đang ghi "
            "được giữ làm bản nháp) rồi mở lại để khôi phục.").replace("%1", path.name))
        self.request_button.setEnabled(False)
        self.cancel_request_button.setVisible(True)

    def cancel_restore(self) -> None:
        try:
            self.app.require(Permission.RESTORE)
        except PermissionError as exc:
            self.bar.show_message(_message(exc), "error")
            return
        pending = backup.pending_restore(self.app.data_dir)
        backup.cancel_restore(self.app.data_dir)
        if pending is not None:
            self.app.audit.record(self.app.actor, "backup.restore_cancel", pending.name)
        self.restore_box.hide()
        self.bar.show_message(self.tr("Đã hủy yêu cầu khôi phục."), "info", timeout_ms=5000)


# ------------------------------------------------------------------------- the key
class KeyView(QWidget):
    """The recovery key again (password first, audited) and changing the key."""

    key_changed = Signal()  # the data is under the new key; Hotline goes on running

    def __init__(self, app: App, session: SessionController | None = None,
                 parent: QWidget | None = None) -> None:
        from hotline.ui.setup_wizard import RecoveryKeyPanel

        super().__init__(parent)
        self.app = app
        self.session = session
        self.new_key_dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        info = dbkey.load_info(app.data_dir)
        mode = info.mode if info else ""
        self.passphrase_mode = mode == "passphrase"
        text = {
            "keyring": self.tr("Dữ liệu được mã hóa (SQLCipher, AES-256); khóa nằm trong kho "
                               "khóa của hệ điều hành trên máy này."),
            "passphrase": self.tr("Dữ liệu được mã hóa (SQLCipher, AES-256); khóa được tạo "
                                  "từ cụm mật khẩu nhập mỗi lần mở Hotline."),
        }.get(mode, self.tr("Dữ liệu chưa được mã hóa."))
        self.mode_label = QLabel(text, self)
        self.mode_label.setWordWrap(True)
        layout.addWidget(self.mode_label)

        show_box = QGroupBox(self.tr("Xem lại khóa khôi phục"), self)
        sform = QFormLayout(show_box)
        self.show_password = QLineEdit(show_box)
        self.show_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password.setAccessibleName(self.tr("Mật khẩu của bạn, để xem khóa khôi "
                                                     "phục"))
        self.show_button = QPushButton(self.tr("&Hiện khóa khôi phục"), show_box)
        self.hide_button = QPushButton(self.tr("Ẩn"), show_box)
        self.hide_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.show_password, 1)
        row.addWidget(self.show_button)
        row.addWidget(self.hide_button)
        sform.addRow(self.tr("Mật khẩu của bạn"), row)
        self.show_error = ErrorLabel(show_box)
        sform.addRow(self.show_error)
        self.panel = RecoveryKeyPanel(show_box, center_name=app.settings.center_name)
        self.panel.intro.setText(self.tr(
            "Khóa khôi phục hiện tại (lần xem này được ghi vào nhật ký). Nó tự ẩn sau 2 phút; "
            "đừng để màn hình này mở khi rời bàn."))
        self.panel.acknowledge.hide()
        self.panel.hide()
        sform.addRow(self.panel)
        layout.addWidget(show_box)

        change_box = QGroupBox(self.tr("Đổi khóa mã hóa"), self)
        cform = QFormLayout(change_box)
        note = QLabel(self.tr("Đổi khóa khi nghi khóa khôi phục đã lộ. Dữ liệu được mã hóa "
                              "lại, một khóa khôi phục MỚI hiện một lần, khóa cũ hết hiệu "
                              "lực (các bản sao lưu cũ vẫn cần khóa cũ). Hotline vẫn chạy "
                              "tiếp, không cần mở lại."), change_box)
        note.setWordWrap(True)
        cform.addRow(note)
        self.change_password = QLineEdit(change_box)
        self.change_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.change_password.setAccessibleName(self.tr("Mật khẩu của bạn, để đổi khóa"))
        cform.addRow(self.tr("Mật khẩu của bạn"), self.change_password)
        self.new_passphrase = QLineEdit(change_box)
        self.new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_passphrase.setAccessibleName(self.tr("Cụm mật khẩu mới"))
        self.new_passphrase2 = QLineEdit(change_box)
        self.new_passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_passphrase2.setAccessibleName(self.tr("Nhập lại cụm mật khẩu mới"))
        if self.passphrase_mode:
            cform.addRow(self.tr("Cụm mật khẩu mới"), self.new_passphrase)
            cform.addRow(self.tr("Nhập lại"), self.new_passphrase2)
        else:
            self.new_passphrase.hide()
            self.new_passphrase2.hide()
        self.change_button = QPushButton(self.tr("Đổi &khóa…"), change_box)
        cform.addRow(self.change_button)
        self.change_error = ErrorLabel(change_box)
        cform.addRow(self.change_error)
        layout.addWidget(change_box)
        layout.addStretch(1)
        show_box.setEnabled(app.store.key is not None)
        change_box.setEnabled(app.store.key is not None)

        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.timeout.connect(self.hide_code)
        self.show_button.clicked.connect(self.show_code)
        self.show_password.returnPressed.connect(self.show_code)
        self.hide_button.clicked.connect(self.hide_code)
        self.change_button.clicked.connect(self.change_key)

    def _reauth(self, field: QLineEdit, error: ErrorLabel) -> bool:
        user = self.app.user
        try:
            self.app.require(Permission.MANAGE_KEY)
            if user is None:
                raise PermissionError(self.tr("cần đăng nhập"))
            self.app.accounts.authenticate(user.username, field.text(), action="reauth")
        except (AuthError, PermissionError) as exc:
            field.clear()
            error.set_error(_message(exc) + ".")
            field.setFocus()
            return False
        field.clear()
        error.set_error("")
        return True

    def show_code(self) -> bool:
        if not self._reauth(self.show_password, self.show_error):
            return False
        key = self.app.store.key
        if key is None:
            return False
        self.app.audit.record(self.app.actor, "key.show_recovery")
        self.panel.set_code(dbkey.recovery_code(key))
        self.panel.show()
        self.hide_button.show()
        self._hide_timer.start(RECOVERY_SHOWN_MS)
        return True

    def hide_code(self) -> None:
        self._hide_timer.stop()
        self.panel.clear()
        self.panel.hide()
        self.hide_button.hide()

    def change_key(self) -> bool:
        """Re-encrypt with a new key; the new recovery key is shown once and Hotline goes on
        (the store's connections, the window's readers included, follow the new key)."""
        from hotline.security.keys import change_key
        from hotline.store.db import DB_ERRORS
        from hotline.ui.login import MIN_PASSPHRASE, RecoveryKeyDialog

        passphrase = None
        if self.passphrase_mode:
            passphrase = self.new_passphrase.text()
            if len(passphrase) < MIN_PASSPHRASE:
                self.change_error.set_error(self.tr("Cụm mật khẩu mới phải có ít nhất %1 ký "
                                                    "tự.").replace("%1", str(MIN_PASSPHRASE)))
                return False
            if passphrase != self.new_passphrase2.text():
                self.change_error.set_error(self.tr("Hai lần nhập cụm mật khẩu không khớp."))
                return False
        if not self.change_button.property("armed"):
            self.change_button.setProperty("armed", True)
            self.change_button.setText(self.tr("Bấm lần nữa để đổi khóa"))
            QTimer.singleShot(6000, self._disarm)
            return False
        self._disarm()
        if not self._reauth(self.change_password, self.change_error):
            return False
        window = self.window()
        if _background_busy(window):
            self.change_error.set_error(self.tr(
                "Hotline đang làm việc nền (sao lưu, đồng bộ báo cáo, nhập hoặc xuất tệp). Đợi "
                "việc đó xong rồi bấm đổi khóa lại."))
            return False
        form = getattr(window, "call_form", None)
        if form is not None:  # what is typed is written under the old key first
            form.flush_draft()
            form.wait_drafts()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # every page is rewritten
        try:
            code = change_key(self.app, passphrase)
        except (dbkey.KeyError_, OSError, *DB_ERRORS) as exc:
            self.change_error.set_error(_message(exc))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.change_error.set_error("")
        self.new_passphrase.clear()
        self.new_passphrase2.clear()
        dialog = RecoveryKeyDialog(code, self.app.settings.center_name, window, intro=self.tr(
            "Đã đổi khóa mã hóa. Đây là khóa khôi phục MỚI (khóa cũ hết hiệu lực): chép hoặc "
            "in ra và cất giữ an toàn. Hotline vẫn chạy tiếp như bình thường."))
        self.new_key_dialog = dialog
        dialog.open()
        self.key_changed.emit()
        return True

    def _disarm(self) -> None:
        if alive(self):
            self.change_button.setProperty("armed", False)
            self.change_button.setText(self.tr("Đổi &khóa…"))


def _background_busy(window: QWidget) -> bool:
    """Whether work off the UI thread may be using the database now: the daily backup, the
    report sync, or a task on the shared pool (imports, exports, reports). A key change
    waits for it: such work would carry on under the old key (a backup made with it)."""
    from hotline.ui.reports_view import SyncScheduler

    if any(s.running for s in window.findChildren(MaintenanceScheduler)) or \
            any(s.running for s in window.findChildren(SyncScheduler)):
        return True
    return not QThreadPool.globalInstance().waitForDone(BACKGROUND_WAIT_MS)


# ----------------------------------------------------------------------- retention
class RetentionView(QWidget):
    applied = Signal(object)  # RetentionResult

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.running = False
        layout = QVBoxLayout(self)
        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        intro = QLabel(self.tr(
            "Sau một số năm, cuộc gọi cũ không cần giữ tên, số điện thoại, nội dung và kết quả "
            "tư vấn nữa. Chính sách này xóa các thông tin đó (cả các phiên bản cũ và bản "
            "nháp) nhưng giữ mã vấn đề, mức độ, giới tính, độ tuổi, địa bàn để thống kê; số "
            "điện thoại được thay bằng mã băm để vẫn đếm được người gọi lại. Hotline tự áp "
            "dụng mỗi ngày một lần khi đã đặt thời hạn. Mỗi lần áp dụng được ghi vào nhật "
            "ký."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.years = QSpinBox(self)
        self.years.setRange(0, 100)
        self.years.setSpecialValueText(self.tr("không tự xóa"))
        self.years.setSuffix(self.tr(" năm"))
        self.years.setValue(max(0, int(app.settings.retention_years)))
        self.years.setAccessibleName(self.tr("Giữ thông tin định danh bao nhiêu năm"))
        self.save_button = QPushButton(self.tr("&Lưu thời hạn"), self)
        row = QHBoxLayout()
        row.addWidget(self.years)
        row.addWidget(self.save_button)
        row.addStretch(1)
        form.addRow(self.tr("Giữ thông tin định danh"), row)
        self.cutoff_label = QLabel(self)
        form.addRow(self.cutoff_label)
        layout.addLayout(form)
        self.apply_button = QPushButton(self.tr("Áp &dụng ngay"), self)
        layout.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.years.valueChanged.connect(self._show_cutoff)
        self.save_button.clicked.connect(self.save_years)
        self.apply_button.clicked.connect(self.apply_now)
        self._show_cutoff()

    def _show_cutoff(self) -> None:
        years = self.years.value()
        if years < 1:
            self.cutoff_label.setText(self.tr("Không xóa thông tin định danh của cuộc gọi nào."))
            self.apply_button.setEnabled(False)
            return
        cutoff = retention.cutoff_for(self.app.clock.now(), years)
        self.cutoff_label.setText(self.tr("Cuộc gọi trước ngày %1 sẽ mất tên, số điện thoại "
                                          "và nội dung.").replace("%1",
                                                                  cutoff.strftime("%d/%m/%Y")))
        self.apply_button.setEnabled(not self.running)

    def save_years(self) -> bool:
        try:
            self.app.require(Permission.RETENTION)
            self.app.require(Permission.MANAGE_SETTINGS)
            names = self.app.apply_settings(self.app.settings.with_changes(
                retention_years=self.years.value()))
        except (PermissionError, OSError) as exc:
            self.bar.show_message(_message(exc), "error")
            return False
        if names:
            self.app.audit.record(self.app.actor, "settings.change", "settings", names)
        self.bar.show_message(self.tr("Đã lưu thời hạn lưu trữ."), "success", timeout_ms=5000)
        return True

    def apply_now(self) -> bool:
        """Two clicks (it cannot be undone), then off the UI thread."""
        years = self.years.value()
        if self.running or years < 1:
            return False
        if not self.apply_button.property("armed"):
            self.apply_button.setProperty("armed", True)
            self.apply_button.setText(self.tr("Bấm lần nữa để xóa (không hoàn tác được)"))
            QTimer.singleShot(6000, self._disarm)
            return False
        self._disarm()
        try:
            self.app.require(Permission.RETENTION)
        except PermissionError as exc:
            self.bar.show_message(_message(exc), "error")
            return False
        self.running = True
        self.apply_button.setEnabled(False)
        app, actor = self.app, self.app.actor
        run_task(lambda: retention.apply(app.calls, app.audit, years=years, actor=actor),
                 on_done=self._applied, on_error=self._failed)
        return True

    def _disarm(self) -> None:
        if alive(self):
            self.apply_button.setProperty("armed", False)
            self.apply_button.setText(self.tr("Áp &dụng ngay"))

    def _applied(self, result: retention.RetentionResult) -> None:
        if not alive(self):
            return
        self.running = False
        self._show_cutoff()
        self.bar.show_message(self.tr("Đã xóa thông tin định danh của %1 cuộc gọi trước %2.")
                              .replace("%1", str(result.calls))
                              .replace("%2", f"{result.cutoff[8:10]}/{result.cutoff[5:7]}/"
                                             f"{result.cutoff[:4]}"), "success")
        self.applied.emit(result)

    def _failed(self, exc: Exception, _trace: str) -> None:
        if not alive(self):
            return
        self.running = False
        self._show_cutoff()
        self.bar.show_message(self.tr("Không áp dụng được: %1").replace("%1", _message(exc)),
                              "error")


# -------------------------------------------------------------------------- export
class CallExportView(QWidget):
    """Calls as CSV v1 (UTF-8 with BOM) for a date range; personal data only by choice."""

    exported = Signal(object, int)  # Path, count

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.running = False
        self._file_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        form = QFormLayout()
        today = app.clock.today()
        first = today.replace(day=1)
        self.date_from = QDateEdit(QDate(first.year, first.month, first.day), self)
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day), self)
        for edit, name in ((self.date_from, self.tr("Từ ngày")),
                           (self.date_to, self.tr("Đến ngày"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
        form.addRow(self.tr("&Từ ngày"), self.date_from)
        form.addRow(self.tr("Đế&n ngày"), self.date_to)
        self.with_pii = QCheckBox(self.tr("Kèm &dữ liệu cá nhân (tên, số điện thoại, nội dung)"),
                                  self)
        self.with_pii.setAccessibleName(self.tr("Kèm dữ liệu cá nhân"))
        self.with_pii.setVisible(app.can(Permission.EXPORT_PII))
        form.addRow(self.with_pii)
        warning = QLabel(self.tr("Không kèm dữ liệu cá nhân: tên và nội dung để trống, số điện "
                                 "thoại thay bằng mã băm (vẫn đếm được người gọi lại). Tệp có "
                                 "dữ liệu cá nhân KHÔNG được mã hóa: chỉ lưu trên máy của "
                                 "trung tâm và xóa khi xong việc."), self)
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #6b4500;")
        form.addRow(warning)
        self.out = QLineEdit(self)
        self.out.setAccessibleName(self.tr("Tệp CSV sẽ ghi"))
        choose = QPushButton(self.tr("Chọn…"), self)
        row = QHBoxLayout()
        row.addWidget(self.out, 1)
        row.addWidget(choose)
        file_label = QLabel(self.tr("Tệ&p"), self)
        file_label.setBuddy(self.out)
        form.addRow(file_label, row)
        layout.addLayout(form)
        self.export_button = QPushButton(self.tr("&Xuất"), self)
        layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        choose.clicked.connect(self.choose_file)
        self.export_button.clicked.connect(self.export)

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Lưu tệp CSV"), self.out.text().strip(),
                             self.tr("CSV (*.csv)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(self.out.setText)
        self._file_dialog = dialog
        dialog.open()

    def export(self) -> bool:
        if self.running:
            return False
        with_pii = self.with_pii.isChecked()
        out_text = self.out.text().strip()
        if not out_text:
            self.bar.show_message(self.tr("Chọn tệp để ghi."), "error")
            return False
        start, end = _day(self.date_from.date()), _day(self.date_to.date())
        if start > end:
            start, end = end, start
        try:
            self.app.require(Permission.EXPORT_PII if with_pii else Permission.EXPORT)
        except PermissionError as exc:
            self.bar.show_message(_message(exc), "error")
            return False
        out = Path(out_text).expanduser()
        flt = CallFilter(date_from=start.isoformat(), date_to=end.isoformat())
        self.running = True
        self.export_button.setEnabled(False)
        calls = self.app.calls

        def work() -> int:
            return csvio.export_calls(calls, flt, out, with_pii=with_pii)

        def done(count: int) -> None:
            if not alive(self):
                return
            self.running = False
            self.export_button.setEnabled(True)
            self.app.audit.record(self.app.actor,
                                  "calls.export_pii" if with_pii else "calls.export",
                                  f"{start}..{end}", (), f"{count} calls")
            self.bar.show_message(self.tr("Đã xuất %1 cuộc gọi vào %2.").replace(
                "%1", str(count)).replace("%2", str(out)), "success")
            self.exported.emit(out, count)

        def failed(exc: Exception, _trace: str) -> None:
            if not alive(self):
                return
            self.running = False
            self.export_button.setEnabled(True)
            self.bar.show_message(self.tr("Không xuất được: %1").replace("%1", _message(exc)),
                                  "error")

        run_task(work, on_done=done, on_error=failed)
        return True


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
