"""The reports page: a day or a period made off the UI thread with its preview, printing
(to a PDF printer), the print dialog opened without blocking, the sync log and "sync now"."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from test_stats import D, fixture_calls

from hotline.app import App, open_app
from hotline.config import save_settings
from hotline.ui.reports_view import ReportsView, SyncLogModel, page_count

pytestmark = pytest.mark.gui


@pytest.fixture
def view(app: App, qtbot) -> ReportsView:
    app.calls.write_many(fixture_calls(), operator="Lê Thu Trang")
    widget = ReportsView(app)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def generate(view: ReportsView, qtbot) -> None:
    with qtbot.waitSignal(view.report_ready, timeout=60000):
        assert view.generate()


def test_day_report_preview_and_files(view: ReportsView, qtbot) -> None:
    view.set_period("day", D)
    assert view.period_label.text() == "Ngày 05/03/2026"
    generate(view, qtbot)
    files = view.files
    assert files is not None and files.calls == 5
    assert files.pdf.name == "bao-cao-2026-03-05.pdf" and files.pdf.is_file()
    assert files.calls_csv is not None and files.calls_csv.is_file()
    assert len(view.page_labels) == page_count(files.pdf) >= 2
    assert not view.page_labels[0].pixmap().isNull()
    assert view.page_labels[0].pixmap().width() > 700  # A4 at 96 dpi
    assert "5 cuộc gọi" in view.bar.label.text()
    assert view.print_button.isEnabled() and view.generate_button.isEnabled()
    assert view.folder() == files.pdf.parent


def test_month_report(view: ReportsView, qtbot) -> None:
    view.set_period("month", date(2026, 3, 20))
    assert view.period_label.text() == "Tháng 03/2026"
    generate(view, qtbot)
    assert view.files is not None and view.files.pdf.name == "bao-cao-2026-03.pdf"
    assert view.files.calls == 7


def test_custom_range(view: ReportsView, qtbot) -> None:
    view.set_period("range", date(2026, 3, 6), date(2026, 3, 4))  # reversed: swapped
    assert view.date_from.isVisible() and not view.day.isEnabled()
    period = view.period()
    assert (period.start, period.end) == (date(2026, 3, 4), date(2026, 3, 6))
    generate(view, qtbot)
    assert view.files is not None and view.files.calls == 7


def test_print_to_a_pdf_printer(view: ReportsView, qtbot, tmp_path: Path) -> None:
    view.set_period("day", D)
    generate(view, qtbot)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(150)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert view.files is not None
    assert view.print_document(printer) == page_count(view.files.pdf)
    assert len(PdfReader(str(out)).pages) == page_count(view.files.pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(100)
    printer.setOutputFileName(str(tmp_path / "page2.pdf"))
    printer.setFromTo(2, 2)
    assert view.print_document(printer) == 1


def test_print_dialog_does_not_block(view: ReportsView, qtbot) -> None:
    view.set_period("day", D)
    generate(view, qtbot)
    view.print_report()  # returns at once: the dialog is shown window-modal, not exec()'d
    dialog = view._print_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.reject()


def test_generation_failure_is_shown_inline(view: ReportsView, qtbot, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    view.out_dir = blocker / "reports"
    view.set_period("day", D)
    with qtbot.waitSignal(view.report_failed, timeout=30000) as signal:
        view.generate()
    assert "Không lập được báo cáo" in signal.args[0]
    assert view.bar.isVisible() and view.generate_button.isEnabled()


def test_sync_now_and_the_log(app: App, data_dir: Path, qtbot, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    save_settings(data_dir, app.settings.with_changes(sync_folder=str(share),
                                                      sync_backfill_days=1))
    configured = open_app(data_dir)
    try:
        view = ReportsView(configured)
        qtbot.addWidget(view)
        with qtbot.waitSignal(view.scheduler.finished, timeout=60000) as signal:
            assert view.sync_now()
        result = signal.args[0]
        assert result.ok and result.delivered
        qtbot.waitUntil(lambda: view.log_model.rowCount() >= 1, timeout=10000)
        assert view.log_model.entry(0).status == "ok"
        assert "Thư mục đồng bộ" in view.sync_status.text()
        assert any(share.rglob("bao-cao-*.pdf"))
        # the share goes away: the failure is shown, in red, with its reason
        share.rename(tmp_path / "gone")
        yesterday = configured.clock.now().replace(hour=9, minute=0) - timedelta(days=1)
        configured.calls.write_many([fixture_calls()[1].with_changes(received_at=yesterday)])
        with qtbot.waitSignal(view.scheduler.finished, timeout=60000) as signal:
            assert view.sync_now()
        assert signal.args[0].failures
        qtbot.waitUntil(lambda: view.log_model.entry(0).status == "failed", timeout=10000)
        index = view.log_model.index(0, SyncLogModel.STATUS)
        assert view.log_model.data(index, Qt.ItemDataRole.ForegroundRole) is not None
        assert "LỖI" in view.sync_status.text()
        view.scheduler.shutdown(wait_ms=30000)
    finally:
        configured.close()


def test_sync_not_configured(view: ReportsView, qtbot) -> None:
    assert not view.sync_now()
    assert view.bar.isVisible() and "Chưa cấu hình" in view.bar.label.text()
    qtbot.waitUntil(lambda: "Chưa cấu hình" in view.sync_status.text(), timeout=10000)


def test_log_model(app: App, qtmodeltester) -> None:
    from hotline.reports.sync import LogEntry

    model = SyncLogModel()
    model.set_entries([LogEntry(1, "2026-03-05T17:30:00+07:00", "folder", "2026-03-05", 0,
                                "ok", "đã gửi"),
                       LogEntry(2, "2026-03-05T17:31:00+07:00", "email", "2026-03-05", 1,
                                "failed", "máy chủ thư từ chối")])
    qtmodeltester.check(model)
    assert model.data(model.index(1, SyncLogModel.DAY)) == "2026-03-05 (sửa 1)"
    assert model.data(model.index(1, SyncLogModel.TARGET)) == "Thư điện tử"
