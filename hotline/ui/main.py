"""`hotline` with no sub-command: the window.

`start()` builds everything and shows the window (the start-up benchmark times exactly this);
`run()` adds the event loop and a clean shutdown.
"""

from __future__ import annotations

import sqlite3
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from hotline.app import App, open_app
from hotline.store.db import StoreError
from hotline.ui.main_window import MainWindow


def qt_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qt = QApplication(sys.argv[:1])
    qt.setApplicationName("Hotline")
    qt.setApplicationDisplayName("Hotline")
    qt.setOrganizationName("Hotline")
    return qt


def start(data_dir: str | None) -> tuple[QApplication, App, MainWindow] | None:
    """Open the data and show the main window; None (after telling the user) on failure."""
    qt = qt_application()
    try:
        app = open_app(data_dir)
    except (StoreError, sqlite3.Error, OSError) as exc:
        QMessageBox.critical(
            None, QCoreApplication.translate("Startup", "Hotline không mở được dữ liệu"),
            QCoreApplication.translate(
                "Startup", "Không mở được cơ sở dữ liệu của Hotline.\n\n%1\n\nChưa có dữ liệu "
                "nào bị thay đổi. Hãy kiểm tra thư mục dữ liệu hoặc khôi phục từ bản sao lưu "
                "(thư mục backups).").replace("%1", str(exc)))
        return None
    window = MainWindow(app)
    window.show()
    return qt, app, window


def run(data_dir: str | None) -> int:
    started = start(data_dir)
    if started is None:
        return 1
    qt, app, window = started
    try:
        return int(qt.exec())
    finally:
        window.reader.close()
        app.close()
