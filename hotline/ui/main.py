"""`hotline` with no sub-command: the window.

`start()` paints the main window's frame at once, then opens the data and builds the pages
(the core's imports and the database take longer than Qt itself; the operator sees the
window meanwhile). Between the two, `hotline.ui.login.Startup` asks for the passphrase if the
PC has no secure keyring, then shows the first-run wizard or the login; the pages are built
only for a logged-in user. The start-up benchmark times exactly this. `run()` adds the event
loop and a clean shutdown.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

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
    from PySide6.QtGui import QIcon

    from hotline.resources_access import resource

    icon = QIcon()  # the app icon (resources/icons), every size the desktop may ask for
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resource("icons", f"hotline-{size}.png")))
    qt.setWindowIcon(icon)
    return qt


def start(data_dir: str | None) -> tuple[QApplication, App, MainWindow] | None:
    """Show the main window, open the data into it; None (after telling the user) on failure."""
    qt = qt_application()
    from hotline.ui.i18n import apply_settings, startup_settings

    apply_settings(qt, startup_settings(data_dir))  # language and font size, before any text
    window = MainWindow()  # the center's name joins the title once the settings are read
    screen = window.screen()
    free = screen.availableGeometry() if screen is not None else None
    if free is not None and (window.width() > free.width() or window.height() > free.height()):
        window.showMaximized()  # a 1366×768 screen: all of its free area, nothing off-screen
    else:
        window.show()
    deadline = time.monotonic() + FIRST_PAINT_WAIT_S
    while True:
        qt.processEvents()
        if window.painted or time.monotonic() > deadline:
            break
        time.sleep(0.005)
    window.show_opening()
    qt.processEvents()
    # The passphrase (where the PC has no secure keyring) or the recovery key, a restore
    # asked for last time, then the first-run wizard or the login: nothing of the call data
    # is built before someone has logged in (hotline.ui.login).
    from hotline.ui.login import Startup

    startup = Startup(window, data_dir)
    app = startup.run()
    if app is None:
        window.close()
        return None
    build_window(window, app, warning=startup.warning)
    return qt, app, window


def build_window(window: MainWindow, app: App, *, warning: str = "") -> MainWindow:
    """Fill `window` over an opened App with someone logged in: every page, then the session
    (idle lock, admin page, backups, audit hooks). The one way the whole window is built:
    `start()` fills the frame it painted first, the installer's self-check a new one."""
    from hotline.ui.lock import install_security
    from hotline.ui.pages import install_pages

    window.attach(app)
    install_pages(window, app)
    install_security(window, app, warning=warning)
    return window


def run(data_dir: str | None) -> int:
    started = start(data_dir)
    if started is None:
        return 1
    qt, app, window = started
    try:
        return int(qt.exec())
    finally:
        from hotline.ui.tasks import wait_for_background

        window.reader.close()
        wait_for_background()  # no task may still read when the store closes
        app.close()
