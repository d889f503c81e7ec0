"""Follow-ups due today or overdue: whom to call back, whether it is safe, and marking done.

Loaded on the reader thread (a busy center can have thousands of open follow-ups); marking
one done is a single small write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline import phones
from hotline.calls.models import FollowUp
from hotline.calls.service import CallService
from hotline.clock import Clock, parse_iso
from hotline.ui.fitting import fit_columns
from hotline.ui.styles import set_scaled_style
from hotline.ui.table_model import ModelIndex, ReadOnlyTableModel, row_table
from hotline.ui.tasks import DbReader, alive

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.events import CallEvents

LOAD_LIMIT = 2000


class FollowUpModel(ReadOnlyTableModel[FollowUp]):
    DUE, STATE, PHONE, SAFE, WHEN_SAFE, SUMMARY, ASSIGNEE = range(7)

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock
        self._overdue: list[bool] = []
        self.headers = (self.tr("Hạn"), self.tr("Tình trạng"), self.tr("Số điện thoại"),
                        self.tr("Gọi lại an toàn?"), self.tr("Khi nào gọi được"),
                        self.tr("Tóm tắt cuộc gọi"), self.tr("Phụ trách"))

    def set_rows(self, rows: Iterable[FollowUp]) -> None:
        now = self.clock.now()
        self.beginResetModel()
        self.rows = list(rows)
        self._overdue = [_due(r) < now for r in self.rows]
        self.endResetModel()

    def overdue_count(self) -> int:
        return sum(self._overdue)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        item = self.rows[index.row()]
        overdue = self._overdue[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.DUE:
                return _due(item).strftime("%d/%m/%Y %H:%M")
            if col == self.STATE:
                return self.tr("QUÁ HẠN") if overdue else self.tr("Hôm nay")
            if col == self.PHONE:
                return phones.display(item.phone) or self.tr("ẩn số")
            if col == self.SAFE:
                if item.safe_to_call_back is None:
                    return self.tr("chưa hỏi")
                return self.tr("Có") if item.safe_to_call_back else self.tr("KHÔNG")
            if col == self.WHEN_SAFE:
                return item.callback_note
            if col == self.SUMMARY:
                return item.call_summary.replace("\n", " ")
            if col == self.ASSIGNEE:
                return item.assignee
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.STATE and overdue:
                return QBrush(QColor("#a0101e"))
            if col == self.SAFE and item.safe_to_call_back is False:
                return QBrush(QColor("#a0101e"))
        return None


class FollowUpsView(QWidget):
    """The list, with Open call and Done (with an optional note) for the selected one."""

    open_call = Signal(int)
    count_changed = Signal(int)  # open follow-ups due today or overdue

    def __init__(self, app: App, reader: DbReader, events: CallEvents | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls: CallService = app.calls
        self.clock = app.clock
        self.reader = reader
        self.events = events
        self.model = FollowUpModel(app.clock)
        self.model.setParent(self)
        self._generation = 0
        self.loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        title = QLabel(self.tr("Theo dõi: đến hạn hôm nay và quá hạn"), self)
        set_scaled_style(title, "font-size: +6pt; font-weight: 700;")
        layout.addWidget(title)
        self.table = row_table(self.model, self)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(False)
        # The due time, the state and the number whole at any font size; the summary takes
        # the room left, or the table scrolls sideways when little is left (a large font).
        fit_columns(self.table, {0: "00/00/0000 00:00", 1: "OVERDUE", 2: "0000 000 000", 3: 120,
                                 4: 170, 6: 150}, stretch=(FollowUpModel.SUMMARY, 260))
        self.table.setAccessibleName(self.tr("Bảng việc cần theo dõi"))
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Ghi chú khi hoàn thành (không bắt buộc)"))
        self.note.setAccessibleName(self.tr("Ghi chú hoàn thành"))
        self.done_button = QPushButton(self.tr("Đã xong"), self)
        self.open_button = QPushButton(self.tr("Mở cuộc gọi"), self)
        self.refresh_button = QPushButton(self.tr("Làm mới"), self)
        actions.addWidget(self.note, 1)
        actions.addWidget(self.done_button)
        actions.addWidget(self.open_button)
        actions.addWidget(self.refresh_button)
        layout.addLayout(actions)
        self.status = QLabel(self)
        layout.addWidget(self.status)
        self.done_button.clicked.connect(self.complete_selected)
        self.open_button.clicked.connect(self._open_selected)
        self.refresh_button.clicked.connect(self.reload)
        self.note.returnPressed.connect(self.complete_selected)
        self.table.activated.connect(lambda _i: self._open_selected())  # Enter, double-click
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        if events is not None:
            events.call_saved.connect(lambda _c: self.reload())
            events.followups_changed.connect(self.reload)
        self._update_buttons()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        calls = self.calls
        self.loading = True
        self.status.setText(self.tr("Đang tải…"))

        def work(conn: sqlite3.Connection) -> list[FollowUp]:
            return calls.followups(limit=LOAD_LIMIT, conn=conn)

        def done(rows: list[FollowUp]) -> None:
            if not alive(self) or generation != self._generation:
                return
            self.loading = False
            self.model.set_rows(rows)
            overdue = self.model.overdue_count()
            text = self.tr("%1 việc: %2 quá hạn, %3 đến hạn hôm nay.").replace(
                "%1", str(len(rows))).replace("%2", str(overdue)).replace(
                "%3", str(len(rows) - overdue))
            if len(rows) >= LOAD_LIMIT:
                text += " " + self.tr("(hiện %1 việc cũ nhất)").replace("%1", str(LOAD_LIMIT))
            self.status.setText(text)
            self._update_buttons()
            self.count_changed.emit(len(rows))

        def failed(exc: Exception, _tb: str) -> None:
            if alive(self) and generation == self._generation:
                self.loading = False
                self.status.setText(self.tr("Không tải được danh sách theo dõi: %1")
                                    .replace("%1", str(exc)))

        self.reader.submit(work, on_done=done, on_error=failed)

    def _selected(self) -> FollowUp | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        has = self._selected() is not None
        self.done_button.setEnabled(has)
        self.open_button.setEnabled(has)

    def complete_selected(self) -> None:
        item = self._selected()
        if item is None:
            return
        self.calls.complete_followup(item.id, self.note.text().strip())
        self.note.clear()
        self.status.setText(self.tr("Đã hoàn thành việc theo dõi cuộc gọi #%1.")
                            .replace("%1", str(item.call_id)))
        if self.events is not None:
            self.events.followups_changed.emit()
        else:
            self.reload()

    def _open_selected(self) -> None:
        item = self._selected()
        if item is not None:
            self.open_call.emit(item.call_id)


def _due(item: FollowUp) -> Any:
    return parse_iso(item.due_at)
