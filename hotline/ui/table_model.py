"""The part every read-only table of the window shares: rows of one kind under fixed column
headers, and the table view they are shown in.

A subclass sets `headers` (translated in its own `tr` context, so lupdate finds the texts
under the subclass's name) and answers `data`; counting, the header row and replacing the
rows live here once, and `row_table` builds the view the way every such page shows it.
Models that fetch rows in pages (the call list) fill `rows` themselves and use only the
counting and the headers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

T = TypeVar("T")
ModelIndex = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


class ReadOnlyTableModel(QAbstractTableModel, Generic[T]):
    """`rows` shown under `headers`; nothing is editable (Qt's default flags)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[T] = []
        self.headers: tuple[str, ...] = ()

    def set_rows(self, rows: Iterable[T]) -> None:
        """Replace every row (selections and scrolling start afresh)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = DISPLAY) -> Any:
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return None


def row_table(model: QAbstractItemModel, parent: QWidget, *, name: str = "",
              single: bool = True) -> QTableView:
    """A table whose rows are picked whole (one at a time unless `single` is off), without
    row numbers; `name` is what a screen reader says for it."""
    table = QTableView(parent)
    table.setModel(model)
    if name:
        table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    return table
