"""The reports page: choose a day or a period, make the report off the UI thread, preview
it, print it, open its folder; and the sync: its state, its log, "sync now".

Preview: PySide6-Essentials has no QtPdf (QPdfDocument/QPdfView ship only in the 500 MB
PySide6-Addons), so pages are rendered to images with PDFium (`pypdfium2`, a 3 MB wheel)
in the worker thread, and shown as pictures. Printing renders the same pages at the
printer's resolution (at most 300 dpi) onto a QPrinter chosen in the print dialog.

Wiring for the main window (`MainWindow.add_page("reports", …)`):
    view = ReportsView(app, window)
    window.add_page("reports", view.tr("Báo cáo"), view)
    view.scheduler.state_changed.connect(window.set_sync_state)
    view.scheduler.start()          # sync at start, then at the daily time, retry backoff
    … and in closeEvent: view.scheduler.shutdown()   # the sync at exit (bounded wait)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotline.reports.periods import ROMAN, Period, classify, period_of
from hotline.reports.service import ReportFiles
from hotline.reports.sync import LogEntry, SyncBusy, SyncResult, SyncStatus
from hotline.ui.fitting import fit_columns, keep_wrapped_lines
from hotline.ui.i18n import display_datetime, ui_language
from hotline.ui.tasks import run_task
from hotline.ui.widgets import InlineBar

if TYPE_CHECKING:
    from hotline.app import App

Index = QModelIndex | QPersistentModelIndex
PREVIEW_DPI = 96
PRINT_DPI_MAX = 300
PREVIEW_PAGES_MAX = 80
KINDS = ("day", "week", "month", "quarter", "year", "range")


def render_pages(pdf: Path, dpi: float, first: int = 0, last: int | None = None) -> list[QImage]:
    """Pages of `pdf` as images (any thread: QImage is not a widget)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        count = len(document)
        last = count - 1 if last is None else min(last, count - 1)
        images = []
        for index in range(first, last + 1):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888).copy()
            images.append(image)
            page.close()
        return images
    finally:
        document.close()


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


@dataclass(frozen=True)
class Generated:
    files: ReportFiles
    pages: list[QImage]
    total_pages: int


# ---------------------------------------------------------------- sync log model
class SyncLogModel(QAbstractTableModel):
    """The sync log (newest first) for a QTableView."""

    TIME, TARGET, DAY, STATUS, MESSAGE = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LogEntry] = []
        self._headers = [self.tr("Thời gian"), self.tr("Đích"), self.tr("Ngày báo cáo"),
                         self.tr("Kết quả"), self.tr("Chi tiết")]
        self._status = {"ok": self.tr("Thành công"), "revised": self.tr("Bản sửa đổi"),
                        "failed": self.tr("Lỗi"), "info": self.tr("Thông tin")}
        self._targets = {"folder": self.tr("Thư mục đồng bộ"), "email": self.tr("Thư điện tử"),
                         "sync": self.tr("Đồng bộ")}

    def target_label(self, target: str) -> str:
        return self._targets.get(target, target)

    def set_entries(self, entries: list[LogEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> LogEntry:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.TIME:
                return display_datetime(e.at)
            if col == self.TARGET:
                return self._targets.get(e.target, e.target)
            if col == self.DAY:
                if not e.day:
                    return ""
                return e.day + (self.tr(" (sửa %1)").replace("%1", str(e.revision))
                                if e.revision else "")
            if col == self.STATUS:
                return self._status.get(e.status, e.status)
            return e.message
        if role == Qt.ItemDataRole.ForegroundRole and e.status == "failed":
            return QColor("#a0101e")
        return None


# ----------------------------------------------------------------- the scheduler
class SyncScheduler(QObject):
    """Runs `SyncService.catch_up()` off the UI thread: at start, at the daily sync time,
    when a failed target's retry is due, on "sync now", and at exit."""

    finished = Signal(object)  # SyncResult
    failed = Signal(str)
    state_changed = Signal(str, bool)  # for MainWindow.set_sync_state
    running_changed = Signal(bool)

    POLL_MAX_MS = 15 * 60 * 1000  # settings or the clock may change: look again this often

    def __init__(self, app: App, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.run(force=False))
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._stopped = False

    def start(self) -> None:
        """The sync at start (after the window is shown)."""
        QTimer.singleShot(0, lambda: self.run(force=False))

    def run(self, *, force: bool = False) -> bool:
        """Start a catch-up unless one runs already; False when not started."""
        if self.running or self._stopped:
            return False
        self.running = True
        self.running_changed.emit(True)
        sync = self.app.sync
        run_task(lambda: sync.catch_up(force=force), on_done=self._done, on_error=self._error,
                 pool=self._pool)
        return True

    def _done(self, result: SyncResult) -> None:
        self.running = False
        self.running_changed.emit(False)
        self.finished.emit(result)
        if result.configured:
            self.state_changed.emit(self._state_text(result), not result.failures)
        self._arm()

    def _error(self, exc: Exception, _trace: str) -> None:
        self.running = False
        self.running_changed.emit(False)
        message = str(exc) if isinstance(exc, SyncBusy) else self.tr(
            "Đồng bộ gặp lỗi: %1").replace("%1", str(exc))
        self.failed.emit(message)
        self.state_changed.emit(message, False)
        self._arm()

    def _state_text(self, result: SyncResult) -> str:
        if result.failures:
            return self.tr("Đồng bộ lỗi: %1").replace("%1", result.failures[0][1])
        return self.tr("Đồng bộ lúc %1").replace(
            "%1", self.app.clock.now().strftime("%H:%M %d/%m"))

    def _arm(self) -> None:
        if self._stopped:
            return
        try:
            wait = self.app.sync.seconds_until_due()
        except Exception:  # the database is closing: look again later
            wait = None
        ms = self.POLL_MAX_MS if wait is None else int(min(wait * 1000, self.POLL_MAX_MS))
        self._timer.start(max(ms, 1000))

    def shutdown(self, wait_ms: int = 20000) -> None:
        """The sync at exit: one last catch-up, waited for at most `wait_ms`."""
        self._timer.stop()
        if not self.running:
            self.run(force=False)
        self._stopped = True
        self._pool.waitForDone(wait_ms)


# --------------------------------------------------------------------- the view
class ReportsView(QWidget):
    report_ready = Signal(object)  # ReportFiles
    report_failed = Signal(str)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.files: ReportFiles | None = None
        self.page_labels: list[QLabel] = []
        self.generating = False
        self.out_dir = app.data_dir / "reports" / "exports"
        self.scheduler = SyncScheduler(app, self)
        self._build()
        self._connect_signals()
        self._on_kind()
        self.refresh_sync()

    # ----------------------------------------------------------------- layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.bar = InlineBar(self)
        outer.addWidget(self.bar)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(splitter, 1)

        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        controls = QHBoxLayout()
        form = QFormLayout()
        self.kind = QComboBox(top)
        for code, label in zip(KINDS, (self.tr("Ngày"), self.tr("Tuần"), self.tr("Tháng"),
                                       self.tr("Quý"), self.tr("Năm"),
                                       self.tr("Khoảng tùy chọn")), strict=True):
            self.kind.addItem(label, code)
        self.kind.setAccessibleName(self.tr("Kỳ báo cáo"))
        self.kind.setMaximumWidth(260)
        form.addRow(self.tr("&Kỳ báo cáo:"), self.kind)
        today = QDate.currentDate()
        self.day = self._date_edit(today, self.tr("Ngày trong kỳ"))
        form.addRow(self.tr("&Ngày:"), self.day)
        self.date_from = self._date_edit(today.addDays(-6), self.tr("Từ ngày"))
        self.date_to = self._date_edit(today, self.tr("Đến ngày"))
        range_row = QHBoxLayout()
        range_row.addWidget(self.date_from)
        self.range_to_label = QLabel(self.tr("đến"), top)
        range_row.addWidget(self.range_to_label)
        range_row.addStretch(1)
        range_row.addWidget(self.date_to)
        self.range_label = QLabel(self.tr("&Từ ngày:"), top)
        self.range_label.setBuddy(self.date_from)
        form.addRow(self.range_label, range_row)
        self.period_label = QLabel(top)
        self.period_label.setAccessibleName(self.tr("Kỳ đã chọn"))
        form.addRow(self.tr("Báo cáo:"), self.period_label)
        controls.addLayout(form, 1)

        buttons = QVBoxLayout()
        self.generate_button = QPushButton(self.tr("&Lập báo cáo"), top)
        self.generate_button.setDefault(True)
        self.print_button = QPushButton(self.tr("&In…"), top)
        self.open_button = QPushButton(self.tr("&Mở thư mục"), top)
        for b in (self.generate_button, self.print_button, self.open_button):
            b.setAccessibleName(b.text().replace("&", ""))
            buttons.addWidget(b)
        self.print_button.setEnabled(False)
        buttons.addStretch(1)
        controls.addLayout(buttons)
        top_layout.addLayout(controls)

        self.progress = QProgressBar(top)
        self.progress.setAccessibleName(self.tr("Tiến độ lập báo cáo"))
        self.progress.hide()
        top_layout.addWidget(self.progress)
        self.files_label = QLabel(top)
        self.files_label.setWordWrap(True)
        self.files_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top_layout.addWidget(self.files_label)

        self.preview_area = QScrollArea(top)
        self.preview_area.setAccessibleName(self.tr("Xem trước báo cáo"))
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview = QWidget()
        self.preview_layout = QVBoxLayout(self.preview)
        self.preview_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview.setStyleSheet("background: #808080;")
        self.preview_area.setWidget(self.preview)
        top_layout.addWidget(self.preview_area, 1)

        sync_box = QGroupBox(self.tr("Đồng bộ báo cáo hằng ngày"), splitter)
        sync_layout = QVBoxLayout(sync_box)
        keep_wrapped_lines(sync_box)  # the status keeps its second line at a large font
        row = QHBoxLayout()
        self.sync_status = QLabel(sync_box)
        self.sync_status.setWordWrap(True)
        self.sync_status.setAccessibleName(self.tr("Trạng thái đồng bộ"))
        row.addWidget(self.sync_status, 1)
        self.sync_button = QPushButton(self.tr("Đồng &bộ ngay"), sync_box)
        self.sync_button.setAccessibleName(self.tr("Đồng bộ ngay"))
        row.addWidget(self.sync_button)
        sync_layout.addLayout(row)
        self.log_model = SyncLogModel(self)
        self.log_view = QTableView(sync_box)
        self.log_view.setModel(self.log_model)
        self.log_view.setAccessibleName(self.tr("Nhật ký đồng bộ"))
        self.log_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.log_view.verticalHeader().hide()
        fit_columns(self.log_view, {SyncLogModel.TIME: "00:00 00/00/0000",  # titles whole
                                    SyncLogModel.TARGET: 100, SyncLogModel.DAY: "00/00/0000",
                                    SyncLogModel.STATUS: 100},
                    stretch=(SyncLogModel.MESSAGE, 200))
        self.log_view.setWordWrap(False)
        sync_layout.addWidget(self.log_view)
        splitter.addWidget(top)
        splitter.addWidget(sync_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.out_label = QLineEdit(str(self.out_dir), top)
        self.out_label.setReadOnly(True)
        self.out_label.setAccessibleName(self.tr("Thư mục lưu báo cáo"))
        form.addRow(self.tr("Lưu vào:"), self.out_label)

    def _date_edit(self, value: QDate, name: str) -> QDateEdit:
        edit = QDateEdit(value, self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setAccessibleName(name)
        edit.setMaximumWidth(180)
        return edit

    def _connect_signals(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind)
        for edit in (self.day, self.date_from, self.date_to):
            edit.dateChanged.connect(self._show_period)
        self.generate_button.clicked.connect(self.generate)
        self.print_button.clicked.connect(self.print_report)
        self.open_button.clicked.connect(self.open_folder)
        self.sync_button.clicked.connect(self.sync_now)
        self.scheduler.finished.connect(self._sync_finished)
        self.scheduler.failed.connect(lambda text: self.bar.show_message(text, "error"))
        self.scheduler.running_changed.connect(self._sync_running)

    # ---------------------------------------------------------------- period
    def _on_kind(self) -> None:
        custom = self.kind.currentData() == "range"
        for w in (self.date_from, self.date_to, self.range_label, self.range_to_label):
            w.setVisible(custom)
        self.day.setEnabled(not custom)
        self._show_period()

    def period(self) -> Period:
        kind = self.kind.currentData()
        if kind == "range":
            start = _py(self.date_from.date())
            end = _py(self.date_to.date())
            if end < start:
                start, end = end, start
            return classify(start, end)
        return period_of(kind, _py(self.day.date()))

    def set_period(self, kind: str, day: date, end: date | None = None) -> None:
        """Choose a period from code (tests, other pages)."""
        self.kind.setCurrentIndex(KINDS.index(kind))
        if kind == "range":
            self.date_from.setDate(QDate(day.year, day.month, day.day))
            last = end or day
            self.date_to.setDate(QDate(last.year, last.month, last.day))
        else:
            self.day.setDate(QDate(day.year, day.month, day.day))

    def _show_period(self) -> None:
        self.period_label.setText(self.period_text(self.period()))

    def period_text(self, p: Period) -> str:
        """The period for the window's language (Period.label is the Vietnamese of the
        report titles)."""
        start, end = p.start.strftime("%d/%m/%Y"), p.end.strftime("%d/%m/%Y")
        if p.kind == "day" or p.start == p.end:
            return self.tr("Ngày %1").replace("%1", start)
        if p.kind == "month":
            return self.tr("Tháng %1").replace("%1", p.start.strftime("%m/%Y"))
        if p.kind == "quarter":
            return self.tr("Quý %1/%2").replace(
                "%1", ROMAN[(p.start.month - 1) // 3]).replace("%2", str(p.start.year))
        if p.kind == "year":
            return self.tr("Năm %1").replace("%1", str(p.start.year))
        if p.kind == "week":
            return self.tr("Tuần từ ngày %1 đến ngày %2").replace("%1", start).replace(
                "%2", end)
        return self.tr("Từ ngày %1 đến ngày %2").replace("%1", start).replace("%2", end)

    # ------------------------------------------------------------ generating
    def generate(self) -> bool:
        """Make the report off the UI thread; False when one is already being made."""
        if self.generating:
            return False
        period = self.period()
        out_dir = self.out_dir
        reports = self.app.reports
        self.generating = True
        self.generate_button.setEnabled(False)
        self.progress.setRange(0, 4)
        self.progress.setValue(0)
        self.progress.show()
        self.bar.hide()

        def work(progress: Any) -> Generated:
            out_dir.mkdir(parents=True, exist_ok=True)
            if period.start == period.end:
                files = reports.daily(period.start, out_dir, progress=progress)
            else:
                files = reports.period(period.start, period.end, out_dir, progress=progress)
            total = page_count(files.pdf)
            pages = render_pages(files.pdf, PREVIEW_DPI, 0, PREVIEW_PAGES_MAX - 1)
            progress(4, 4)
            return Generated(files, pages, total)

        run_task(work, on_done=self._generated, on_error=self._generation_failed,
                 on_progress=self._progress)
        return True

    def _progress(self, done: int, total: int) -> None:
        self.progress.setValue(min(done, self.progress.maximum()))

    def _generated(self, result: Generated) -> None:
        self.generating = False
        self.generate_button.setEnabled(True)
        self.progress.hide()
        self.files = result.files
        self.print_button.setEnabled(True)
        self._show_pages(result.pages, result.total_pages)
        names = ", ".join(p.name for p in result.files.paths)
        self.files_label.setText(self.tr("Đã lưu %1 vào %2").replace("%1", names).replace(
            "%2", str(result.files.pdf.parent)))
        period = result.files.period  # its label is the Vietnamese of the PDF's title
        shown = period.label if ui_language() == "vi" else self.period_text(period)
        self.bar.show_message(self.tr("Báo cáo %1: %2 cuộc gọi.").replace(
            "%1", shown).replace("%2", str(result.files.calls)), "success", timeout_ms=8000)
        self.report_ready.emit(result.files)

    def _generation_failed(self, exc: Exception, _trace: str) -> None:
        self.generating = False
        self.generate_button.setEnabled(True)
        self.progress.hide()
        text = getattr(exc, "strerror", None) or str(exc)
        message = self.tr("Không lập được báo cáo: %1").replace("%1", text)
        self.bar.show_message(message, "error")
        self.report_failed.emit(message)

    def _show_pages(self, pages: list[QImage], total: int) -> None:
        while self.preview_layout.count():
            item = self.preview_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.page_labels = []
        for number, image in enumerate(pages, start=1):
            label = QLabel(self.preview)
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(self.tr("Trang %1").replace("%1", str(number)))
            label.setStyleSheet("background: white; margin: 6px;")
            self.preview_layout.addWidget(label)
            self.page_labels.append(label)
        if total > len(pages):
            more = QLabel(self.tr("… còn %1 trang nữa: mở tệp PDF để xem hết.").replace(
                "%1", str(total - len(pages))), self.preview)
            more.setStyleSheet("color: white;")
            self.preview_layout.addWidget(more)

    # ------------------------------------------------------- print, folder
    def print_report(self) -> None:
        """The print dialog (opened window-modal, not blocking the rest of the app)."""
        if self.files is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.files.pdf.name)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, page_count(self.files.pdf))
        dialog.setWindowTitle(self.tr("In báo cáo"))
        self._print_dialog = dialog
        dialog.accepted.connect(lambda: self.print_document(printer))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()  # not exec(): the rest of the application keeps running

    def print_document(self, printer: QPrinter) -> int:
        """Paint the PDF's pages on `printer` (page range honoured); returns pages printed."""
        if self.files is None:
            return 0
        total = page_count(self.files.pdf)
        first, last = printer.fromPage(), printer.toPage()
        first = first - 1 if first > 0 else 0
        last = last - 1 if last > 0 else total - 1
        dpi = min(printer.resolution(), PRINT_DPI_MAX)
        painter = QPainter()
        if not painter.begin(printer):
            self.bar.show_message(self.tr("Không mở được máy in."), "error")
            return 0
        printed = 0
        try:
            for index in range(first, last + 1):
                if printed:
                    printer.newPage()
                image = render_pages(self.files.pdf, dpi, index, index)[0]
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.x(), target.y(), size.width(), size.height()),
                                  image)
                printed += 1
        finally:
            painter.end()
        self.bar.show_message(self.tr("Đã gửi %1 trang tới máy in.").replace(
            "%1", str(printed)), "success", timeout_ms=6000)
        return printed

    def folder(self) -> Path:
        return self.files.pdf.parent if self.files is not None else self.out_dir

    def open_folder(self) -> bool:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not ok:
            self.bar.show_message(self.tr("Không mở được thư mục %1").replace(
                "%1", str(folder)), "warning")
        return bool(ok)

    # ----------------------------------------------------------------- sync
    def sync_now(self) -> bool:
        if not self.app.sync.targets_configured():
            self.bar.show_message(self.tr(
                "Chưa cấu hình đồng bộ: đặt thư mục đồng bộ (sync_folder) hoặc máy chủ thư "
                "(smtp_host, smtp_to) trong cài đặt."), "warning")
            return False
        return self.scheduler.run(force=True)

    def _sync_running(self, running: bool) -> None:
        self.sync_button.setEnabled(not running)
        self.sync_button.setText(self.tr("Đang đồng bộ…") if running
                                 else self.tr("Đồng &bộ ngay"))

    def _sync_finished(self, result: SyncResult) -> None:
        if result.configured:
            kind = "error" if result.failures else "success"
            self.bar.show_message(result.summary(), kind, timeout_ms=0 if result.failures
                                  else 8000)
        self.refresh_sync()

    def refresh_sync(self) -> None:
        """Reload the sync state and log (off the UI thread)."""
        sync = self.app.sync

        def load() -> tuple[SyncStatus, list[LogEntry]]:
            return sync.status(), sync.log(200)

        run_task(load, on_done=self._show_sync, on_error=lambda e, _t: self.sync_status.setText(
            self.tr("Không đọc được nhật ký đồng bộ: %1").replace("%1", str(e))))

    def _show_sync(self, loaded: tuple[SyncStatus, list[LogEntry]]) -> None:
        status, entries = loaded
        self.log_model.set_entries(entries)
        if not status.configured:
            self.sync_status.setText(self.tr(
                "Chưa cấu hình đồng bộ. Báo cáo hằng ngày sẽ được gửi tới thư mục đồng bộ "
                "(ổ mạng) và thư điện tử khi được cấu hình."))
            return
        lines = []
        for t in status.targets:
            name = self.log_model.target_label(t.target)
            line = self.tr("%1 → %2: đã gửi đến ngày %3; thành công gần nhất: %4").replace(
                "%1", name).replace("%2", t.destination).replace(
                "%3", display_datetime(t.last_day) or self.tr("chưa có")).replace(
                "%4", display_datetime(t.last_success_at) or self.tr("chưa có"))
            if t.failures:
                line += self.tr(" — LỖI (%1 lần): %2; thử lại lúc %3").replace(
                    "%1", str(t.failures)).replace("%2", t.last_error).replace(
                    "%3", t.next_attempt_at.strftime("%H:%M %d/%m") if t.next_attempt_at
                    else "")
            lines.append(line)
        self.sync_status.setText("\n".join(lines))


def _py(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())

