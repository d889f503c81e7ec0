"""The audit log for heads: who did what to which record, filtered by person, kind of action
and dates, and a "verify the chain" button that says OK or names the first broken entry.

The log holds field names and record ids, never values (hotline.security.audit), so this
page shows no caller data itself. Verifying reads the whole chain, so it runs off the UI
thread.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hotline.clock import parse_iso
from hotline.security.audit import AuditEntry, VerifyResult
from hotline.security.roles import Permission
from hotline.ui.table_model import ModelIndex, ReadOnlyTableModel, row_table
from hotline.ui.tasks import alive, run_task
from hotline.ui.widgets import FlowLayout, InlineBar

if TYPE_CHECKING:
    from hotline.app import App

DISPLAY = Qt.ItemDataRole.DisplayRole
LIMIT = 2000


# What each recorded action means, for people (unknown actions show their code).
ACTION_LABELS = {
    "login": QT_TRANSLATE_NOOP("AuditView", "Đăng nhập"),
    "login.failed": QT_TRANSLATE_NOOP("AuditView", "Đăng nhập sai"),
    "logout": QT_TRANSLATE_NOOP("AuditView", "Đăng xuất"),
    "session.lock": QT_TRANSLATE_NOOP("AuditView", "Khóa màn hình"),
    "session.unlock": QT_TRANSLATE_NOOP("AuditView", "Mở khóa màn hình"),
    "reauth": QT_TRANSLATE_NOOP("AuditView", "Nhập lại mật khẩu"),
    "call.open": QT_TRANSLATE_NOOP("AuditView", "Mở chi tiết cuộc gọi"),
    "calls.import": QT_TRANSLATE_NOOP("AuditView", "Nhập cuộc gọi"),
    "calls.export": QT_TRANSLATE_NOOP("AuditView", "Xuất cuộc gọi (không dữ liệu cá nhân)"),
    "calls.export_pii": QT_TRANSLATE_NOOP("AuditView", "Xuất cuộc gọi CÓ dữ liệu cá nhân"),
    "report.generate": QT_TRANSLATE_NOOP("AuditView", "Lập báo cáo"),
    "sync": QT_TRANSLATE_NOOP("AuditView", "Đồng bộ báo cáo"),
    "settings.change": QT_TRANSLATE_NOOP("AuditView", "Đổi cài đặt"),
    "user.create": QT_TRANSLATE_NOOP("AuditView", "Tạo tài khoản"),
    "user.password": QT_TRANSLATE_NOOP("AuditView", "Đổi/đặt lại mật khẩu"),
    "user.role": QT_TRANSLATE_NOOP("AuditView", "Đổi vai trò"),
    "user.activate": QT_TRANSLATE_NOOP("AuditView", "Mở khóa tài khoản"),
    "user.deactivate": QT_TRANSLATE_NOOP("AuditView", "Khóa tài khoản"),
    "backup.create": QT_TRANSLATE_NOOP("AuditView", "Sao lưu"),
    "backup.verify": QT_TRANSLATE_NOOP("AuditView", "Kiểm tra bản sao lưu"),
    "backup.restore": QT_TRANSLATE_NOOP("AuditView", "Khôi phục từ bản sao lưu"),
    "backup.restore_request": QT_TRANSLATE_NOOP("AuditView", "Yêu cầu khôi phục khi mở lại"),
    "backup.restore_cancel": QT_TRANSLATE_NOOP("AuditView", "Hủy yêu cầu khôi phục"),
    "backup.restore_failed": QT_TRANSLATE_NOOP("AuditView", "Khôi phục thất bại"),
    "key.show_recovery": QT_TRANSLATE_NOOP("AuditView", "Xem khóa khôi phục"),
    "key.change": QT_TRANSLATE_NOOP("AuditView", "Đổi khóa mã hóa"),
    "key.recover": QT_TRANSLATE_NOOP("AuditView", "Mở dữ liệu bằng khóa khôi phục"),
    "retention.apply": QT_TRANSLATE_NOOP("AuditView", "Xóa thông tin định danh cuộc gọi cũ"),
    "audit.purge": QT_TRANSLATE_NOOP("AuditView", "Xóa nhật ký cũ"),
    "audit.checkpoint": QT_TRANSLATE_NOOP("AuditView", "Điểm nối nhật ký"),
    "directory.import": QT_TRANSLATE_NOOP("AuditView", "Nhập danh bạ"),
    "directory.export": QT_TRANSLATE_NOOP("AuditView", "Xuất danh bạ"),
    "directory.save": QT_TRANSLATE_NOOP("AuditView", "Sửa danh bạ"),
    "library.import": QT_TRANSLATE_NOOP("AuditView", "Nhập văn bản"),
    "library.update": QT_TRANSLATE_NOOP("AuditView", "Sửa văn bản"),
    "library.remove": QT_TRANSLATE_NOOP("AuditView", "Gỡ văn bản"),
}


def action_labels() -> dict[str, str]:
    return {code: QCoreApplication.translate("AuditView", text)  # type: ignore[arg-type]
            for code, text in ACTION_LABELS.items()}


class AuditTableModel(ReadOnlyTableModel[AuditEntry]):
    ID, AT, ACTOR, ACTION, TARGET, FIELDS, DETAIL = range(7)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = action_labels()
        self.broken_id: int | None = None
        self.headers = ("#", self.tr("Thời điểm"), self.tr("Người"), self.tr("Việc"),
                        self.tr("Đối tượng"), self.tr("Trường"), self.tr("Ghi chú"))

    def data(self, index: ModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        e = self.rows[index.row()]
        if role == DISPLAY:
            column = index.column()
            if column == self.ID:
                return str(e.id)
            if column == self.AT:
                try:
                    return parse_iso(e.at).strftime("%d/%m/%Y %H:%M:%S")
                except ValueError:
                    return e.at
            if column == self.ACTOR:
                return e.actor
            if column == self.ACTION:
                return self.labels.get(e.action, e.action)
            if column == self.TARGET:
                return e.target
            if column == self.FIELDS:
                return ", ".join(e.fields)
            return e.detail
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.ACTION:
            return e.action
        if role == Qt.ItemDataRole.ForegroundRole:
            if e.id == self.broken_id:
                return Qt.GlobalColor.red
            if e.action in ("login.failed", "calls.export_pii", "key.show_recovery"):
                return Qt.GlobalColor.darkRed
        return None

    def row_of(self, entry_id: int) -> int:
        return next((i for i, e in enumerate(self.rows) if e.id == entry_id), -1)


class AuditView(QWidget):
    """Filters (person, kind of action, dates), the entries, and the chain check."""

    verified = Signal(object)  # VerifyResult

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        layout = QVBoxLayout(self)
        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        filters = FlowLayout(fill=True)  # on two lines at a large font
        self.actor = QComboBox(self)
        self.actor.setAccessibleName(self.tr("Lọc theo người"))
        self.action = QComboBox(self)
        self.action.setAccessibleName(self.tr("Lọc theo việc"))
        for prefix, label in (
                ("", self.tr("Mọi việc")), ("login", self.tr("Đăng nhập (cả sai)")),
                ("login.failed", self.tr("Đăng nhập sai")), ("session", self.tr("Khóa/mở khóa")),
                ("logout", self.tr("Đăng xuất")), ("call.", self.tr("Mở cuộc gọi")),
                ("calls.", self.tr("Nhập/xuất cuộc gọi")),
                ("report", self.tr("Báo cáo")), ("sync", self.tr("Đồng bộ")),
                ("settings", self.tr("Cài đặt")), ("user", self.tr("Tài khoản")),
                ("backup", self.tr("Sao lưu, khôi phục")), ("key", self.tr("Khóa mã hóa")),
                ("retention", self.tr("Xóa định danh")), ("directory", self.tr("Danh bạ")),
                ("library", self.tr("Thư viện pháp luật")), ("audit", self.tr("Nhật ký"))):
            self.action.addItem(label, prefix)
        today = app.clock.today()
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        for edit, value, name in ((self.date_from, today - timedelta(days=30),
                                   self.tr("Từ ngày")),
                                  (self.date_to, today, self.tr("Đến ngày"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.setAccessibleName(name)
        for text, buddy in ((self.tr("&Người"), self.actor), (self.tr("&Việc"), self.action)):
            pair = QWidget(self)  # a caption stays with its list when the row wraps
            pair.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            caption = QLabel(text, pair)
            caption.setBuddy(buddy)
            row.addWidget(caption)
            row.addWidget(buddy, 1)
            filters.addWidget(pair)
        dates = QWidget(self)
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Từ"), dates))
        row.addWidget(self.date_from)
        row.addWidget(QLabel(self.tr("đến"), dates))
        row.addWidget(self.date_to)
        filters.addWidget(dates)
        layout.addLayout(filters)

        self.model = AuditTableModel(self)
        self.table = row_table(self.model, self, name=self.tr("Nhật ký truy cập"),
                               single=False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.count_label = QLabel(self)
        bottom.addWidget(self.count_label, 1)
        self.verify_button = QPushButton(self.tr("&Kiểm tra tính toàn vẹn"), self)
        self.verify_button.setToolTip(self.tr("Tính lại chuỗi băm của mọi mục: một mục bị sửa, "
                                              "xóa hay chèn thêm sẽ bị phát hiện"))
        bottom.addWidget(self.verify_button)
        layout.addLayout(bottom)
        self.verify_label = QLabel(self)
        self.verify_label.setWordWrap(True)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verify_label)
        self.verifying = False

        self._fill_actors()
        self.actor.currentIndexChanged.connect(self.reload)
        self.action.currentIndexChanged.connect(self.reload)
        self.date_from.dateChanged.connect(self.reload)
        self.date_to.dateChanged.connect(self.reload)
        self.verify_button.clicked.connect(self.verify)
        self.reload()

    def _fill_actors(self) -> None:
        self.actor.blockSignals(True)
        self.actor.clear()
        self.actor.addItem(self.tr("Mọi người"), "")
        for user in self.app.accounts.users():
            self.actor.addItem(f"{user.username} — {user.display_name}", user.username)
        self.actor.addItem(self.tr("hệ thống (tự động)"), "system")
        self.actor.blockSignals(False)

    def set_filter(self, *, actor: str | None = None, action: str | None = None,
                   since: date | None = None, until: date | None = None) -> None:
        """Set the filters in one go (one reload)."""
        widgets = (self.actor, self.action, self.date_from, self.date_to)
        for widget in widgets:
            widget.blockSignals(True)
        if actor is not None:
            index = self.actor.findData(actor)
            self.actor.setCurrentIndex(max(0, index))
        if action is not None:
            index = self.action.findData(action)
            self.action.setCurrentIndex(max(0, index))
        if since is not None:
            self.date_from.setDate(QDate(since.year, since.month, since.day))
        if until is not None:
            self.date_to.setDate(QDate(until.year, until.month, until.day))
        for widget in widgets:
            widget.blockSignals(False)
        self.reload()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        try:
            self.app.require(Permission.VIEW_AUDIT)
        except PermissionError as exc:
            self.model.set_rows([])
            self.bar.show_message(self.tr("Không được phép xem nhật ký: %1").replace(
                "%1", str(exc)), "error")
            return
        start, end = _day(self.date_from.date()), _day(self.date_to.date())
        if start > end:
            start, end = end, start
        entries = self.app.audit.entries(
            actor=str(self.actor.currentData() or "") or None,
            action=str(self.action.currentData() or "") or None,
            since=start.isoformat(), until=(end + timedelta(days=1)).isoformat(),
            limit=LIMIT)
        self.model.set_rows(entries)
        shown = len(entries)
        self.count_label.setText(
            self.tr("%1 mục (mới nhất trước)").replace("%1", str(shown)) if shown < LIMIT
            else self.tr("%1 mục mới nhất; thu hẹp bộ lọc để xem mục cũ hơn").replace(
                "%1", str(shown)))

    def verify(self) -> bool:
        """Check the whole chain off the UI thread; False if a check is already running."""
        if self.verifying:
            return False
        try:
            self.app.require(Permission.VIEW_AUDIT)
        except PermissionError as exc:
            self.bar.show_message(str(exc), "error")
            return False
        self.verifying = True
        self.verify_button.setEnabled(False)
        self.verify_label.setStyleSheet("color: #333;")
        self.verify_label.setText(self.tr("Đang kiểm tra chuỗi băm…"))
        audit = self.app.audit
        run_task(audit.verify, on_done=self._verified, on_error=self._verify_failed)
        return True

    def _verified(self, result: VerifyResult) -> None:
        if not alive(self):
            return
        self.verifying = False
        self.verify_button.setEnabled(True)
        if result.ok:
            self.model.broken_id = None
            self.verify_label.setStyleSheet("color: #0a5a2a; font-weight: 700;")
            self.verify_label.setText(self.tr("Toàn vẹn: %1 mục, chuỗi băm khớp từ đầu đến "
                                              "cuối.").replace("%1", str(result.checked)))
        else:
            self.model.broken_id = result.first_bad_id
            self.verify_label.setStyleSheet("color: #a0101e; font-weight: 700;")
            self.verify_label.setText(self.tr(
                "NHẬT KÝ ĐÃ BỊ THAY ĐỔI tại mục #%1: %2 (%3 mục trước đó khớp). Báo ngay cho "
                "lãnh đạo trung tâm; giữ nguyên máy và các bản sao lưu.")
                .replace("%1", str(result.first_bad_id)).replace("%2", result.reason)
                .replace("%3", str(result.checked)))
            row = self.model.row_of(result.first_bad_id or -1)
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        self.model.layoutChanged.emit()
        self.verified.emit(result)

    def _verify_failed(self, exc: Exception, _trace: str) -> None:
        if not alive(self):
            return
        self.verifying = False
        self.verify_button.setEnabled(True)
        self.verify_label.setStyleSheet("color: #a0101e;")
        self.verify_label.setText(self.tr("Không kiểm tra được: %1").replace("%1", str(exc)))


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
