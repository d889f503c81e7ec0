"""The domain pages and side panels of the main window, wired together in one place.

The call form stays visible while the library and directory panels sit beside it: a cited
article lands in the form's citations, a referral in its referrals; the caller's location
orders the directory "near the caller", and an emergency shows 113/115/111 and the local
police and health entries at once. The reports page brings the sync scheduler, whose state
shows in the status bar and which runs once more when the window closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hotline.security.roles import Permission

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.main_window import MainWindow


def install_pages(window: MainWindow, app: App) -> None:
    from hotline.ui.directory_view import DirectorySearchPanel, DirectoryView, OpenReferralsView
    from hotline.ui.library_view import LibrarySearchPanel, LibraryView
    from hotline.ui.reports_view import ReportsView

    form = window.call_form

    library_panel = LibrarySearchPanel(app.library, window)
    window.add_search_panel(QCoreApplication.translate("Pages", "Pháp luật"), library_panel)
    library_panel.cite_requested.connect(form.add_citation)

    directory_panel = DirectorySearchPanel(app, window)
    window.add_search_panel(QCoreApplication.translate("Pages", "Danh bạ dịch vụ"), directory_panel)
    directory_panel.refer_requested.connect(form.add_referral)
    form.location_changed.connect(directory_panel.set_location)
    form.urgency_changed.connect(directory_panel.set_urgency)

    library = LibraryView(app.library, window,  # rights asked again when the user changes
                          can_manage=lambda: app.can(Permission.MANAGE_LIBRARY),
                          actor=lambda: app.actor)
    library.cite_requested.connect(form.add_citation)
    library.cite_requested.connect(lambda _citation: window.show_page("call"))
    window.add_page("library", QCoreApplication.translate("Pages", "Tra cứu pháp luật"), library)

    directory = DirectoryView(app, window)
    window.add_page("directory", QCoreApplication.translate("Pages", "Danh bạ dịch vụ"), directory)

    referrals = OpenReferralsView(app, window.reader, window.events, window)
    referrals.open_call_requested.connect(window.open_call)
    window.add_page("referrals", QCoreApplication.translate("Pages", "Chuyển tuyến"), referrals)

    reports = ReportsView(app, window)
    window.add_page("reports", QCoreApplication.translate("Pages", "Báo cáo"), reports)
    reports.scheduler.state_changed.connect(window.set_sync_state)
    reports.scheduler.start()
    window.add_close_hook(reports.scheduler.shutdown)
