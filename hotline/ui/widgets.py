"""Small widgets shared by the call window: inline message bars, field error labels,
type-to-filter pickers that ignore Vietnamese accents, and a multi-select category picker.

Everything here is keyboard-first: an operator on a live call never reaches for the mouse,
and nothing pops up modally over what they are typing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from hotline.text import fold

CODE_ROLE = Qt.ItemDataRole.UserRole
FOLD_ROLE = Qt.ItemDataRole.UserRole + 1

# Calm, high-contrast colours (WCAG AA on white) for message kinds.
BAR_STYLES = {
    "info": ("#0b3d91", "#e8f0fe", "#9bb7e8"),
    "success": ("#0a5a2a", "#e6f4ea", "#8cc9a0"),
    "warning": ("#6b4500", "#fff4d6", "#e3c268"),
    "error": ("#8a1020", "#fdecee", "#e59aa4"),
}


class InlineBar(QFrame):
    """A message strip inside the window (never a modal dialog), with optional actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InlineBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self._buttons: list[QPushButton] = []
        self._layout = layout
        self.kind = "info"
        self._auto_hide = QTimer(self)
        self._auto_hide.setSingleShot(True)
        self._auto_hide.timeout.connect(self.hide)
        self.hide()

    def show_message(self, text: str, kind: str = "info",
                     actions: Sequence[tuple[str, Callable[[], None]]] = (),
                     timeout_ms: int = 0) -> None:
        """Show `text`; each action is a (label, callback) button. `timeout_ms` hides it."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        fg, bg, border = BAR_STYLES.get(kind, BAR_STYLES["info"])
        self.kind = kind
        self.setStyleSheet(
            f"#InlineBar {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}"
            f"#InlineBar QLabel {{ color: {fg}; }}")
        self.label.setText(text)
        self.setAccessibleName(text)
        for label, callback in actions:
            button = QPushButton(label, self)
            button.clicked.connect(callback)
            self._layout.addWidget(button)
            self._buttons.append(button)
        self._auto_hide.stop()
        if timeout_ms:
            self._auto_hide.start(timeout_ms)
        self.show()

    @property
    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""

    def clear(self) -> None:
        self._auto_hide.stop()
        self.hide()


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto the next line when the row is too narrow: a row
    of buttons never makes the window wider than the screen at a large font or at 150 %."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, *,
                 fill: bool = False) -> None:
        """`fill`: what a line leaves over goes to its horizontally expanding items (a search
        box, a stretch added with `addStretch`), as in a QHBoxLayout; otherwise every item
        keeps its preferred width."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._fill = fill
        self.setContentsMargins(0, 0, 0, 0)

    def addStretch(self) -> None:
        """Room that takes what a line leaves over (with `fill`), like QBoxLayout's."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding,
                                 QSizePolicy.Policy.Minimum))

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """`widget` at position `index` (as QBoxLayout.insertWidget)."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        width = sum(i.sizeHint().width() for i in self._items) + self._spacing * max(
            0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in `rect` (each line's items centred on the line); returns the
        height used."""
        def width_of(item: QLayoutItem) -> int:
            # Never wider than the line: an item wider than it is squeezed to its minimum.
            return max(min(item.sizeHint().width(), rect.width()), item.minimumSize().width())

        lines: list[list[QLayoutItem]] = [[]]
        x = rect.x()
        for item in self._items:
            if item.isEmpty() and item.spacerItem() is None:
                continue  # a hidden widget takes no room
            width = width_of(item)
            if lines[-1] and x + width > rect.right() + 1:
                lines.append([])
                x = rect.x()
            lines[-1].append(item)
            x += width + self._spacing
        y = rect.y()
        for line in lines:
            while line and line[-1].spacerItem() is not None:
                line.pop()  # a stretch at the end of a line only pushes the next one down
            height = max((i.sizeHint().height() for i in line), default=0)
            widths = [width_of(i) for i in line]
            growing = [n for n, i in enumerate(line)
                       if self._fill and i.expandingDirections() & Qt.Orientation.Horizontal]
            spare = rect.width() - sum(widths) - self._spacing * max(0, len(line) - 1)
            for rank, n in enumerate(growing):
                share = spare // len(growing) + (1 if rank < spare % len(growing) else 0)
                widths[n] += max(0, share)
            x = rect.x()
            for item, width in zip(line, widths, strict=True):
                hint = item.sizeHint()
                if move:
                    item.setGeometry(QRect(x, y + (height - hint.height()) // 2, width,
                                           hint.height()))
                x += width + self._spacing
            y += height + self._spacing
        return max(0, y - self._spacing - rect.y())


class ErrorLabel(QLabel):
    """The inline reason under a field; empty and hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #a0101e; font-weight: 600;")
        self.hide()

    def set_error(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class DateTimeField(QDateTimeEdit):
    """A date-time edit that Tab leaves (Left/Right move between day, month, hour …), so the
    form's tab order has one stop per field instead of five."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class FoldingCompleter(QCompleter):
    """Matches what is typed against the folded (accent-free) names: "ha noi" finds Hà Nội."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path).strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def item_model(items: Iterable[tuple[str, str]], parent: QObject | None = None,
               extra_fold: Callable[[str, str], str] | None = None) -> QStandardItemModel:
    """A model of (code, label) items with the folded label kept for matching."""
    model = QStandardItemModel(parent)
    root = model.invisibleRootItem()
    rows = []
    for code, label in items:
        item = QStandardItem(label)
        item.setData(code, CODE_ROLE)
        item.setData(fold(label) + (" " + extra_fold(code, label) if extra_fold else ""),
                     FOLD_ROLE)
        item.setEditable(False)
        rows.append(item)
    if rows:
        root.appendRows(rows)
    return model


class SearchCombo(QComboBox):
    """A type-to-filter picker over a fixed list (provinces, wards).

    Typing filters the list by folded substring; Down/Enter picks; leaving the field with
    text that matches exactly one entry picks it. `code()` is "" when nothing (valid) is
    chosen, and `has_unmatched_text()` tells the form to say "choose from the list".
    """

    code_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, placeholder: str = "") -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(14)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self._completer = FoldingCompleter(self)
        self._completer.setCompletionRole(FOLD_ROLE)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self.edit().setPlaceholderText(placeholder)
        self._code = ""
        self.populate: Callable[[], None] | None = None  # fills the list on first use
        self.set_items([])
        self.currentIndexChanged.connect(self._on_index_changed)
        self.edit().editingFinished.connect(self.commit_text)
        self.edit().textEdited.connect(lambda _t: self._populate())
        self._completer.activated[QModelIndex].connect(  # type: ignore[index]
            self._on_completer_activated)

    def edit(self) -> QLineEdit:
        """The line edit (always there: the combo is editable)."""
        line = self.lineEdit()
        assert line is not None
        return line

    def set_items(self, items: Iterable[tuple[str, str]],
                  extra_fold: Callable[[str, str], str] | None = None) -> None:
        """Replace the entries, keeping the chosen code when it is still there (or else the
        text being typed)."""
        keep = self._code
        typed = self.currentText() if not keep else ""
        cursor = self.edit().cursorPosition()
        self.blockSignals(True)
        model = item_model(items, self, extra_fold)
        self.setModel(model)  # QComboBox deletes the previous model it owned
        self._completer.setModel(model)
        self.setCompleter(self._completer)
        self.setCurrentIndex(-1)
        self.setEditText("")
        self.blockSignals(False)
        self._code = ""
        if keep:
            self.set_code(keep, emit=False)
            if self._code != keep:
                self.code_changed.emit(self._code)
        elif typed:
            self.setEditText(typed)
            self.edit().setCursorPosition(cursor)

    def code(self) -> str:
        return self._code

    def set_code(self, code: str, *, emit: bool = True) -> None:
        index = self.findData(code, CODE_ROLE) if code else -1
        self.blockSignals(True)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self.blockSignals(False)
        self._set(self.itemData(index, CODE_ROLE) if index >= 0 else "", emit)

    def has_unmatched_text(self) -> bool:
        text = self.currentText().strip()
        return bool(text) and not self._code

    def _populate(self) -> None:
        if self.populate is not None:
            self.populate()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._populate()
        super().focusInEvent(event)

    def commit_text(self) -> None:
        """Resolve typed text to an entry: exact (folded) name, else the only match."""
        self._populate()
        text = self.currentText().strip()
        if not text:
            self._set("", True)
            return
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == text:
            self._set(self.itemData(index, CODE_ROLE), True)
            return
        folded = fold(text)
        model = self.model()
        matches = []
        for row in range(model.rowCount()):
            idx = model.index(row, 0)
            name = fold(str(idx.data(Qt.ItemDataRole.DisplayRole)))
            if name == folded:
                matches = [row]
                break
            if folded in str(idx.data(FOLD_ROLE)):
                matches.append(row)
                if len(matches) > 1:
                    break
        if len(matches) == 1:
            self.blockSignals(True)
            self.setCurrentIndex(matches[0])
            self.blockSignals(False)
            self._set(self.itemData(matches[0], CODE_ROLE), True)
        else:
            self._set("", True)

    def _on_completer_activated(self, index: QModelIndex) -> None:
        code = index.data(CODE_ROLE)
        if code:
            self.set_code(str(code))

    def _on_index_changed(self, index: int) -> None:
        self._set(self.itemData(index, CODE_ROLE) if index >= 0 else "", True)

    def _set(self, code: str | None, emit: bool) -> None:
        code = code or ""
        if code != self._code:
            self._code = code
            if emit:
                self.code_changed.emit(code)


class _FoldFilter(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not self._words:
            return True
        haystack = str(self.sourceModel().index(row, 0, parent).data(FOLD_ROLE))
        return all(w in haystack for w in self._words)


class CategoryPicker(QWidget):
    """Pick one or more issue categories from the keyboard.

    Type in the filter (accents optional), Enter ticks the first match and clears the
    filter, Down moves into the list where Space/Enter tick; the chosen ones are listed below.
    """

    changed = Signal()

    def __init__(self, terms: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        layout.addWidget(self.filter)
        self._model = item_model(terms, self, extra_fold=lambda code, _l: code)
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Unchecked)
        self._proxy = _FoldFilter(self)
        self._proxy.setSourceModel(self._model)
        self.list = QListView(self)
        self.list.setModel(self._proxy)
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setMinimumHeight(120)
        layout.addWidget(self.list, 1)
        self.chosen_label = QLabel(self)
        self.chosen_label.setWordWrap(True)
        layout.addWidget(self.chosen_label)
        self._order = [code for code, _label in terms]
        self._labels = dict(terms)
        self.filter.textChanged.connect(self._on_filter)
        self._model.itemChanged.connect(lambda _item: self._emit_changed())
        self.filter.installEventFilter(self)
        self.list.installEventFilter(self)
        self._update_label()

    # -- public
    def codes(self) -> tuple[str, ...]:
        chosen = set()
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.add(item.data(CODE_ROLE))
        return tuple(c for c in self._order if c in chosen)

    def set_codes(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        self._model.blockSignals(True)
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in wanted
                               else Qt.CheckState.Unchecked)
        self._model.blockSignals(False)
        self.list.viewport().update()
        self._emit_changed()

    def toggle(self, code: str) -> None:
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            if item.data(CODE_ROLE) == code:
                checked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if checked
                                   else Qt.CheckState.Checked)
                return

    def visible_codes(self) -> list[str]:
        return [str(self._proxy.index(r, 0).data(CODE_ROLE))
                for r in range(self._proxy.rowCount())]

    # -- behaviour
    def _on_filter(self, text: str) -> None:
        self._proxy.set_text(text)
        if self._proxy.rowCount():
            self.list.setCurrentIndex(self._proxy.index(0, 0))

    def _toggle_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.toggle(str(index.data(CODE_ROLE)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if obj is self.filter:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.filter.text().strip():
                    if self._proxy.rowCount():
                        current = self.list.currentIndex()
                        self._toggle_index(current if current.isValid()
                                           else self._proxy.index(0, 0))
                        self.filter.clear()
                    return True
                if key == Qt.Key.Key_Down and self._proxy.rowCount():
                    self.list.setFocus()
                    if not self.list.currentIndex().isValid():
                        self.list.setCurrentIndex(self._proxy.index(0, 0))
                    return True
            elif obj is self.list:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
                    self._toggle_index(self.list.currentIndex())
                    return True
                if key == Qt.Key.Key_Up and self.list.currentIndex().row() <= 0:
                    self.filter.setFocus()
                    return True
        return super().eventFilter(obj, event)

    def _emit_changed(self) -> None:
        self._update_label()
        self.changed.emit()

    def _update_label(self) -> None:
        codes = self.codes()
        if codes:
            names = "; ".join(self._labels.get(c, c) for c in codes)
            self.chosen_label.setText(self.tr("Đã chọn: %1").replace("%1", names))
            self.chosen_label.setStyleSheet("font-weight: 600;")
        else:
            self.chosen_label.setText(self.tr("Chưa chọn vấn đề nào"))
            self.chosen_label.setStyleSheet("color: #555;")
        self.chosen_label.setAccessibleName(self.chosen_label.text())
