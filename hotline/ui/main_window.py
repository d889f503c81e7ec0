"""The main window: a sidebar of pages, the call form with search panels beside it, and a
status bar (who is at the desk, the running call timer, the state of the last sync).

Layout (DESIGN §2 "The window")::

    ┌ sidebar ─┬ page ──────────────────────────────────────────────┐
    │ Ghi cuộc │ ┌ CallForm ───────────────┬ search panels (tabs) ──┐│
    │ gọi      │ │ stays visible while the │ library, directory … — ││
    │ Danh sách│ │ operator searches       │ cite / refer into form ││
    │ Theo dõi │ └─────────────────────────┴────────────────────────┘│
    │ …        │                                                    │
    └──────────┴────────────────────────────────────────────────────┘
    status: Người trực · ⏱ 03:12 · sync state

Extension points for other engineers' pages — nothing here needs editing to plug in:

- `add_page(key, title, widget)`: a full page in the sidebar (library, directory, reports);
  `remove_page(key)` takes one out again (the admin page follows the logged-in user's role).
- `add_search_panel(title, widget)`: a tab beside the call form, so a search result can be
  cited or referred while the form stays on screen. The panel talks to the form through
  `window.call_form`: `add_citation(Citation)`, `add_referral(Referral)`,
  `current_province()`, `current_ward()`, and the signals `location_changed(str, str)` and
  `urgency_changed(str)`.
- `set_sync_state(text, ok)`: the sync engine reports the last sync in the status bar.
- `window.events` (CallEvents): `call_saved(Call)` for views that show calls (reports).
- `window.reader` (DbReader): a read-only connection on a worker thread for long queries.

Keys: Ctrl+N new call, Ctrl+S save, Alt+1…5 non-counselling calls (from any page), Esc
discard (in the form), Ctrl+1…9 pages, Ctrl+F the search panel beside the form,
F1 the list of every key (hotline.ui.help_overlay).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from hotline.ui.events import CallEvents
from hotline.ui.fitting import ElidedLabel, FittingStatusBar
from hotline.ui.styles import set_scaled_style

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.call_form import CallForm
    from hotline.ui.call_list import CallListView
    from hotline.ui.followups_view import FollowUpsView
    from hotline.ui.tasks import DbReader

# Qt.ItemDataRole.UserRole. The frame painted at start-up does not even import `Qt`: that
# builds all of the namespace's enum types, ~35 ms that can wait until after the paint.
PAGE_KEY_ROLE = 256


class MainWindow(QMainWindow):
    """`MainWindow(app)` builds everything. `MainWindow(title=…)` is only the frame, cheap
    enough to paint before the data is opened; `attach(app)` then fills it (start-up)."""

    app: App
    events: CallEvents
    reader: DbReader
    call_form: CallForm
    call_list: CallListView
    followups: FollowUpsView

    def __init__(self, app: App | None = None, parent: QWidget | None = None, *,
                 title: str = "") -> None:
        super().__init__(parent)
        self._pages: dict[str, QWidget] = {}
        self._titles: dict[str, str] = {}
        self._started = False
        self._attached = False
        self._close_hooks: list[Callable[[], None]] = []
        self._position_shortcuts: dict[int, QShortcut] = {}
        self.setWindowTitle(f"Hotline — {title}" if title else "Hotline")
        self.resize(1366, 820)
        # The frame painted first is only this: no child widget at all. The first child to be
        # polished sets up fonts and style (~30 ms), which can come right after the paint.
        self._stack: QStackedWidget | None = None
        self.opening: QLabel | None = None
        if app is not None:
            self.attach(app)

    @property
    def stack(self) -> QStackedWidget:
        """The pages (created on first use, after the frame's first paint)."""
        if self._stack is None:
            self._stack = QStackedWidget(self)
            self.setCentralWidget(self._stack)
        return self._stack

    def show_opening(self) -> None:
        """"Opening the data…" while the core loads (the frame is already on screen)."""
        if self.opening is None and not self._attached:
            self.opening = QLabel(self.tr("Đang mở dữ liệu…"), self.stack)
            self.opening.setIndent(40)
            set_scaled_style(self.opening, "font-size: +5pt; color: #333;")
            self.stack.addWidget(self.opening)

    def attach(self, app: App) -> None:
        """Build the sidebar, pages and status bar over an opened App (the heavy imports
        happen only now)."""
        from hotline.ui.call_form import CallForm
        from hotline.ui.call_list import CallListView
        from hotline.ui.followups_view import FollowUpsView
        from hotline.ui.tasks import DbReader

        if self._attached:
            raise RuntimeError("MainWindow.attach called twice")
        self._attached = True
        self.app = app
        self.events = CallEvents(self)
        self.reader = DbReader.for_store(app.store, readonly=True)
        self.setWindowTitle(f"Hotline — {app.settings.center_name}")

        stack = self.stack
        self.takeCentralWidget()  # the stack moves into the splitter beside the sidebar
        splitter = QSplitter(self)  # horizontal
        self.sidebar = QListWidget(splitter)
        self.sidebar.setAccessibleName(self.tr("Các trang"))
        self.sidebar.setMinimumWidth(170)
        self.sidebar.setMaximumWidth(220)
        # The side margin on the list, not on the items: a wrapped name is measured without
        # an item's padding, and would be cut short by it.
        set_scaled_style(self.sidebar, "QListWidget { font-size: +2pt; padding: 0 6px; }"
                                       " QListWidget::item { padding: 8px 0; }")
        self.sidebar.setWordWrap(True)  # a long page name at a large font: two lines
        self.sidebar.setResizeMode(QListWidget.ResizeMode.Adjust)  # wrapped again on resize
        from PySide6.QtCore import Qt  # not at import: the first frame paints without it

        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.installEventFilter(self)  # its width follows its words (font changes)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([180, max(600, self.width() - 180)])
        self.setCentralWidget(splitter)

        status = FittingStatusBar(self)  # on two lines when one is too short (large font)
        self.setStatusBar(status)
        # Status texts give up width rather than widen the window past the screen (a long
        # sync error at a large font): what does not fit ends in "…", whole in the tooltip.
        self.operator_label = ElidedLabel(self)
        self.operator_label.setText(self.tr("Người trực: %1").replace(
            "%1", app.operator or self.tr("(chưa đặt tên)")))
        self.timer_label = QLabel(self)
        self.timer_label.setStyleSheet("font-weight: 700; color: #0b3d91;")
        self.timer_label.setAccessibleName(self.tr("Thời gian cuộc gọi đang ghi"))
        self.sync_label = ElidedLabel(self)
        self.sync_label.setAccessibleName(self.tr("Đồng bộ lần cuối"))
        self.sync_label.hide()
        status.addWidget(self.operator_label)
        status.addWidget(self.timer_label)
        status.addPermanentWidget(self.sync_label)

        self.call_page = QSplitter(self.stack)  # horizontal
        self.call_form = CallForm(app, self.events, self.call_page, own_shortcuts=False)
        self.search_tabs = QTabWidget(self.call_page)
        self.search_tabs.setAccessibleName(self.tr("Tra cứu bên cạnh cuộc gọi"))
        self.search_tabs.setDocumentMode(True)
        self.search_tabs.hide()
        self.call_page.addWidget(self.call_form)
        self.call_page.addWidget(self.search_tabs)
        self.call_page.setStretchFactor(0, 3)
        self.call_page.setStretchFactor(1, 2)
        self.call_page.setCollapsible(0, False)
        self.call_list = CallListView(app, self.reader, self.events, self.stack)
        self.followups = FollowUpsView(app, self.reader, self.events, self.stack)
        self.add_page("call", self.tr("Ghi cuộc gọi"), self.call_page)
        self.add_page("calls", self.tr("Danh sách cuộc gọi"), self.call_list)
        self.add_page("followups", self.tr("Theo dõi"), self.followups)

        self._connect_signals()
        self.show_page("call")
        if self.opening is not None:
            self.stack.removeWidget(self.opening)
            self.opening.deleteLater()
            self.opening = None
        if self.isVisible() and not self._started:
            self._started = True
            QTimer.singleShot(0, self._after_show)

    @property
    def attached(self) -> bool:
        return self._attached

    # ------------------------------------------------------- extension API
    def add_page(self, key: str, title: str, widget: QWidget) -> None:
        """A page in the sidebar; Ctrl+<its position> opens it."""
        if key in self._pages:
            raise ValueError(f"page {key!r} already exists")
        self._pages[key] = widget
        self._titles[key] = title
        self.stack.addWidget(widget)
        item = QListWidgetItem(title)
        item.setData(PAGE_KEY_ROLE, key)
        self.sidebar.addItem(item)
        self._fit_sidebar()
        position = self.sidebar.count()
        if position <= 9:
            item.setToolTip(f"Ctrl+{position}")
            if position not in self._position_shortcuts:
                # By position, not by key: a page removed (e.g. the admin page when another
                # user logs in) shifts the ones after it.
                shortcut = QShortcut(QKeySequence(f"Ctrl+{position}"), self)
                shortcut.setWhatsThis(self.tr("Mở trang thứ %1 bên trái").replace(
                    "%1", str(position)))
                shortcut.activated.connect(lambda p=position: self._show_position(p))
                self._position_shortcuts[position] = shortcut

    def remove_page(self, key: str) -> QWidget:
        """Take a page out of the sidebar and the stack (the caller owns the widget)."""
        widget = self._pages.pop(key)
        self._titles.pop(key, None)
        current = self.stack.currentWidget() is widget
        self.stack.removeWidget(widget)
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(PAGE_KEY_ROLE) == key:
                self.sidebar.blockSignals(True)
                self.sidebar.takeItem(row)
                self.sidebar.blockSignals(False)
                break
        for row in range(self.sidebar.count()):
            self.sidebar.item(row).setToolTip(f"Ctrl+{row + 1}" if row < 9 else "")
        if current and "call" in self._pages:
            self.show_page("call")
        return widget

    def _show_position(self, position: int) -> None:
        item = self.sidebar.item(position - 1)
        if item is not None:
            self.show_page(item.data(PAGE_KEY_ROLE))

    def add_search_panel(self, title: str, widget: QWidget) -> int:
        """A tab beside the call form (the form stays visible); returns its index."""
        index = self.search_tabs.addTab(widget, title)
        self.search_tabs.show()
        if self.search_tabs.count() == 1:
            width = max(self.call_page.width(), 900)
            # The form's natural width (its rows unwrapped) when there is room; the panel
            # keeps at least its minimum (the splitter shrinks the form first at big fonts).
            form = max(width * 3 // 5, self.call_form.sizeHint().width())
            self.call_page.setSizes([form, max(width - form, width * 2 // 5)])
        return index

    def show_page(self, key: str) -> None:
        widget = self._pages[key]
        self.stack.setCurrentWidget(widget)
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            if item.data(PAGE_KEY_ROLE) == key:
                self.sidebar.blockSignals(True)
                self.sidebar.setCurrentRow(row)
                self.sidebar.blockSignals(False)

    def current_page(self) -> str:
        widget = self.stack.currentWidget()
        return next((k for k, w in self._pages.items() if w is widget), "")

    def page(self, key: str) -> QWidget:
        return self._pages[key]

    def set_sync_state(self, text: str, ok: bool | None = None) -> None:
        """The last sync, as the sync engine describes it (ok False shows it as a problem)."""
        colour = "#333" if ok is None else ("#0a5a2a" if ok else "#a0101e")
        self.sync_label.setStyleSheet(f"color: {colour};")
        self.sync_label.setText(text)
        self.sync_label.setVisible(bool(text))

    def set_page_title(self, key: str, title: str) -> None:
        for row in range(self.sidebar.count()):
            item = self.sidebar.item(row)
            if item.data(PAGE_KEY_ROLE) == key:
                item.setText(title)
        self._fit_sidebar()

    def _fit_sidebar(self) -> None:
        """At least as wide as the longest word of a page name: a name wraps between words
        but is never cut ("Administration" at 18 pt), and no wider than that needs."""
        bar = self.sidebar
        metrics = bar.fontMetrics()
        words = [word for row in range(bar.count()) for word in bar.item(row).text().split()]
        longest = max((metrics.horizontalAdvance(word) for word in words), default=0)
        # The list's frame and side padding, and the scroll bar a long list shows.
        extra = 2 * bar.frameWidth() + bar.verticalScrollBar().sizeHint().width()
        least = max(170, longest + extra + 4)
        bar.setMinimumWidth(least)
        bar.setMaximumWidth(max(220, least))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if watched is getattr(self, "sidebar", None) and \
                event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self._fit_sidebar)  # not once the window is gone
        return super().eventFilter(watched, event)

    # ----------------------------------------------------------- behaviour
    def _connect_signals(self) -> None:
        self.sidebar.currentRowChanged.connect(self._on_sidebar)
        form = self.call_form
        for keys, action in form.global_shortcuts():
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setWhatsThis(form.shortcut_description(keys))
            shortcut.activated.connect(lambda a=action: self._on_call_page(a))
        search = QShortcut(QKeySequence("Ctrl+F"), self)
        search.setWhatsThis(self.tr("Đến khung tra cứu bên cạnh phiếu gọi"))
        search.activated.connect(self.focus_search_panel)
        from hotline.ui.help_overlay import install_help_overlay

        self.help_overlay = install_help_overlay(self)  # F1: every key of the window
        form.timer_changed.connect(self._on_timer)
        self.call_list.open_call.connect(self.open_call)
        self.followups.open_call.connect(self.open_call)
        self.followups.count_changed.connect(self._on_followup_count)
        self.events.open_call_requested.connect(self.open_call)

    def _on_sidebar(self, row: int) -> None:
        item = self.sidebar.item(row)
        if item is not None:
            self.stack.setCurrentWidget(self._pages[item.data(PAGE_KEY_ROLE)])

    def _on_call_page(self, action: Any) -> None:
        self.show_page("call")
        action()

    def new_call(self) -> None:
        self._on_call_page(self.call_form.start_call)

    def open_call(self, call_id: int) -> None:
        """Open a saved call in the form (what was being typed stays as a draft)."""
        self.show_page("call")
        self.call_form.open_call(call_id)

    def focus_search_panel(self) -> None:
        if self.search_tabs.count():
            self.show_page("call")
            widget = self.search_tabs.currentWidget()
            widget.setFocus()
            focus = widget.focusProxy() or widget.nextInFocusChain()
            from PySide6.QtCore import Qt

            if focus is not None and widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                focus.setFocus()

    def _on_timer(self, text: str) -> None:
        self.timer_label.setText(self.tr("Đang ghi cuộc gọi: %1").replace("%1", text)
                                 if text else "")

    def _on_followup_count(self, count: int) -> None:
        title = self._titles["followups"]
        self.set_page_title("followups", f"{title} ({count})" if count else title)

    # ------------------------------------------------------------ lifetime
    painted = False

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        self.painted = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._attached and not self._started:
            self._started = True
            QTimer.singleShot(0, self._after_show)

    def _after_show(self) -> None:
        """Work that need not delay the first paint: drafts, lists, place names."""
        from hotline.ui.tasks import alive, run_task

        if not alive(self):
            return
        self.call_form.refresh_drafts()
        self.call_list.load()
        self.followups.reload()

        def load_units() -> None:
            from hotline import admin_units

            admin_units.provinces()
            admin_units.wards("01")  # builds the ward index for every province

        run_task(load_units, on_done=lambda _r: self._units_ready())

    def _units_ready(self) -> None:
        from hotline.ui.tasks import alive

        if alive(self):
            self.call_form.ensure_lists()

    def add_close_hook(self, hook: Callable[[], None]) -> None:
        """Run `hook` when the window closes (e.g. the sync at exit)."""
        self._close_hooks.append(hook)

    def closeEvent(self, event: Any) -> None:
        for hook in self._close_hooks:
            hook()
        self._close_hooks.clear()
        if self._attached:
            self.call_form.shutdown()
            self.reader.close()
        super().closeEvent(event)

