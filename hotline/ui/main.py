"""`hotline` with no sub-command: the window.

`start()` paints the main window's frame at once, then opens the data and builds the pages
(the core's imports and the database take longer than Qt itself; the operator sees the
window meanwhile). The start-up benchmark times exactly this. `run()` adds the event loop
and a clean shutdown.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from hotline.ui.main_window import MainWindow

if TYPE_CHECKING:
    from hotline.app import App

FIRST_PAINT_WAIT_S = 0.2


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
    """Show the main window, open the data into it; None (after telling the user) on failure."""
    qt = qt_application()
    from hotline.ui.i18n import apply_settings, startup_settings

    apply_settings(qt, startup_settings(data_dir))  # language and font size, before any text
    window = MainWindow()  # the center's name joins the title once the settings are read
    window.show()
    deadline = time.monotonic() + FIRST_PAINT_WAIT_S
    while True:
        qt.processEvents()
        if window.painted or time.monotonic() > deadline:
            break
        time.sleep(0.005)
    window.show_opening()
    qt.processEvents()
    import sqlite3

    from hotline.store.db import StoreError

    try:
        from hotline.app import open_app

        app = open_app(data_dir)
    except (StoreError, sqlite3.Error, OSError, RuntimeError) as exc:
        # StoreError (damaged file), a missing key or passphrase (RuntimeError subclasses in
        # hotline.security), a data directory that cannot be created: say so, change nothing.
        QMessageBox.critical(
            window, QCoreApplication.translate("Startup", "Hotline không mở được dữ liệu"),
            QCoreApplication.translate(
                "Startup", "Không mở được cơ sở dữ liệu của Hotline.\n\n%1\n\nChưa có dữ liệu "
                "nào bị thay đổi. Hãy kiểm tra thư mục dữ liệu hoặc khôi phục từ bản sao lưu "
                "(thư mục backups).").replace("%1", str(exc)))
        window.close()
        return None
    window.attach(app)
    from hotline.ui.pages import install_pages

    install_pages(window, app)
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
