"""F1: every keyboard shortcut of the window, listed over it.

The list is built each time it opens from the window's actual QShortcut and QAction objects
(their key, their `whatsThis()` or action text, and the page they belong to), plus the
sidebar's Ctrl+digit keys, so it cannot go stale when a page adds or changes a key. Keys
handled inside widgets (Tab, arrows, Enter in a list) are not objects; they are the short
"general" section.

It is an overlay inside the window, not a dialog: nothing modal, Esc or F1 closes it and
the focus goes back to where the operator was typing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hotline.ui.styles import set_scaled_style

HELP_KEY = "F1"


@dataclass(frozen=True)
class ShortcutEntry:
    keys: str  # as shown to people ("Ctrl+N", "Ctrl+Return / Ctrl+Enter")
    description: str
    scope: str  # where it works: the whole window, a page, a panel


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


# lupdate extracts `translate("Context", "literal")`; a one-argument helper would hide them.
translate = QCoreApplication.translate


def _scope_of(obj: QObject, window: QWidget) -> str | None:
    """The page or panel a shortcut's parent lies in; "" for the whole window; None when it
    belongs to another window (a dialog has its own keys)."""
    parent = obj.parent()
    if not isinstance(parent, QWidget):
        return ""
    if parent.window() is not window:
        return None
    context = obj.shortcutContext() if isinstance(obj, QAction) else obj.context()
    if parent is window or context == Qt.ShortcutContext.ApplicationShortcut:
        return ""
    tabs = getattr(window, "search_tabs", None)
    if isinstance(tabs, QTabWidget):
        for index in range(tabs.count()):
            panel = tabs.widget(index)
            if panel is parent or panel.isAncestorOf(parent):
                return translate("HelpOverlay", "Khung “%1” bên cạnh phiếu gọi").replace(
                    "%1", tabs.tabText(index).replace("&", ""))
    for key, title in _pages(window):
        page = window.page(key)  # type: ignore[attr-defined]
        if page is parent or page.isAncestorOf(parent):
            return translate("HelpOverlay", "Trang “%1”").replace("%1", title)
    return ""


def _pages(window: QWidget) -> list[tuple[str, str]]:
    """(key, title) of the sidebar's pages, in their order."""
    sidebar = getattr(window, "sidebar", None)
    if not isinstance(sidebar, QListWidget):
        return []
    from hotline.ui.main_window import PAGE_KEY_ROLE

    rows = []
    for row in range(sidebar.count()):
        item = sidebar.item(row)
        rows.append((str(item.data(PAGE_KEY_ROLE)), item.text()))
    return rows


def page_keys(window: QWidget) -> list[ShortcutEntry]:
    """Ctrl+1…9 for the sidebar's pages, from the sidebar itself (the keys follow the
    position, so a page added or removed renumbers the ones after it)."""
    entries = []
    for row, (_key, title) in enumerate(_pages(window)[:9], start=1):
        text = translate("HelpOverlay", "Mở trang “%1”").replace("%1", title)
        entries.append(ShortcutEntry(_native(QKeySequence(f"Ctrl+{row}")), text, ""))
    return entries


def collect_shortcuts(window: QWidget) -> list[ShortcutEntry]:
    """Every enabled QShortcut and QAction with a key in `window`, as people read them:
    window-wide keys first, then each page's; keys doing the same thing are merged."""
    rows: list[tuple[str, str, str]] = []  # (keys, description, scope)
    seen_pages = {e.keys for e in page_keys(window)}
    for shortcut in window.findChildren(QShortcut):
        if not shortcut.isEnabled() or shortcut.key().isEmpty():
            continue
        scope = _scope_of(shortcut, window)
        keys = _native(shortcut.key())
        if scope is None or (scope == "" and keys in seen_pages):
            continue
        rows.append((keys, shortcut.whatsThis().strip(), scope))
    actions = list(window.actions()) + [a for a in window.findChildren(QAction)
                                        if a not in window.actions()]
    for action in actions:
        if not action.isEnabled() or not action.shortcuts():
            continue
        scope = _scope_of(action, window)
        if scope is None:
            continue
        text = action.whatsThis().strip() or action.text().replace("&", "").rstrip("…. ")
        for sequence in action.shortcuts():
            rows.append((_native(sequence), text, scope))
    merged: dict[tuple[str, str], list[str]] = {}
    for keys, description, scope in rows:
        bucket = merged.setdefault((scope, description or keys), [])
        if keys not in bucket:
            bucket.append(keys)
    entries = [ShortcutEntry(" / ".join(keys), description, scope)
               for (scope, description), keys in merged.items()]
    page_scope = translate("HelpOverlay", "Trang “%1”")
    order = {scope: i for i, scope in enumerate(
        ["", *(page_scope.replace("%1", t) for _k, t in _pages(window))])}
    entries.sort(key=lambda e: (order.get(e.scope, len(order)), e.scope))
    return [*page_keys(window), *entries]


def general_keys() -> list[ShortcutEntry]:
    """Keys that Qt's widgets handle themselves (no QShortcut object to read them from)."""
    rows = [
        ("Tab / Shift+Tab", translate("HelpOverlay", "Sang ô sau / ô trước")),
        (translate("HelpOverlay", "Alt + chữ gạch chân"),
         translate("HelpOverlay", "Đến ô hoặc nút có chữ đó")),
        ("Enter / Space", translate("HelpOverlay", "Bấm nút đang chọn; đánh dấu ô chọn")),
        ("↑ ↓ PgUp PgDn", translate("HelpOverlay", "Chọn trong danh sách, bảng")),
        ("Ctrl+Z / Ctrl+Y", translate("HelpOverlay", "Hoàn tác / làm lại khi gõ")),
    ]
    return [ShortcutEntry(keys, text, "") for keys, text in rows]


class HelpOverlay(QFrame):
    """A dimmed layer over the window with the list of shortcuts in a panel."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._return_focus: QWidget | None = None
        self.setObjectName("HelpOverlay")
        self.setStyleSheet("#HelpOverlay { background: rgba(0, 0, 0, 110); }"
                           "#HelpPanel { background: white; border: 1px solid #0b3d91;"
                           " border-radius: 6px; }")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        self.panel = QFrame(self)
        self.panel.setObjectName("HelpPanel")
        outer.addWidget(self.panel)
        layout = QVBoxLayout(self.panel)
        self.title = QLabel(self.tr("Phím tắt"), self.panel)
        set_scaled_style(self.title, "font-size: +5pt; font-weight: 700;")
        layout.addWidget(self.title)
        self.hint = QLabel(self.tr("Esc hoặc F1 để đóng. Danh sách lấy từ chính các phím của "
                                   "cửa sổ này."), self.panel)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.tree = QTreeWidget(self.panel)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Phím"), self.tr("Việc")])
        self.tree.setAccessibleName(self.tr("Danh sách phím tắt"))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        layout.addWidget(self.tree, 1)
        self.close_button = QPushButton(self.tr("Đóng (Esc)"), self.panel)
        self.close_button.clicked.connect(self.close_overlay)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        self._entries: list[ShortcutEntry] = []
        window.installEventFilter(self)
        self.hide()

    # ------------------------------------------------------------------ API
    def entries(self) -> list[ShortcutEntry]:
        """What the overlay lists now (window keys, then general keys)."""
        return list(self._entries)

    def toggle(self) -> None:
        if self.isVisible():
            self.close_overlay()
        else:
            self.open_overlay()

    def open_overlay(self) -> None:
        focus = self._window.focusWidget()
        self._return_focus = focus if focus is not None and not self.isAncestorOf(focus) \
            else self._return_focus
        self.refresh()
        self.setGeometry(self._window.rect())
        self.raise_()
        self.show()
        self.tree.setFocus()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def close_overlay(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        target = self._return_focus
        self._return_focus = None
        if target is not None:
            from hotline.ui.tasks import alive

            if alive(target):
                target.setFocus()

    def refresh(self) -> None:
        """Read the window's shortcuts again (pages may have been added since)."""
        window_keys, general = collect_shortcuts(self._window), general_keys()
        self._entries = [*window_keys, *general]
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        rows = [(e.scope or self.tr("Mọi nơi trong cửa sổ"), e) for e in window_keys]
        rows += [(self.tr("Khi gõ, trong danh sách"), e) for e in general]
        for heading, entry in rows:
            group = groups.get(heading)
            if group is None:
                group = QTreeWidgetItem([heading])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)
                groups[heading] = group
            item = QTreeWidgetItem([entry.keys, entry.description])
            item.setToolTip(1, entry.description)
            group.addChild(item)
        self.tree.expandAll()

    # ------------------------------------------------------------- events
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._window.rect())
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.close_overlay()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on the dimmed area (outside the panel) closes."""
        if not self.panel.geometry().contains(event.position().toPoint()):
            self.close_overlay()
            event.accept()
            return
        super().mousePressEvent(event)


def install_help_overlay(window: QWidget) -> HelpOverlay:
    """F1 anywhere in `window` opens (and closes) the list of its shortcuts."""
    overlay = HelpOverlay(window)
    shortcut = QShortcut(QKeySequence(HELP_KEY), window)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.setWhatsThis(translate("HelpOverlay", "Hiện hoặc ẩn danh sách phím tắt"))
    shortcut.activated.connect(overlay.toggle)
    return overlay
