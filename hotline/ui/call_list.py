"""The call list page: today's calls by default, filters, sorting, open a call to edit it.

Smooth with 1,000,000 calls: `CallTableModel` holds only the rows fetched so far and asks for
the next page (`canFetchMore`/`fetchMore`) when the view scrolls near the end. Pages come from
`CallService.list(..., after=(received_ts, id), conn=…)` — keyset paging, as fast deep in the
list as at the top — on the `DbReader` thread, so the UI thread never waits on a query.
Sorting by time runs in the database (newest or oldest first); sorting by another column
sorts every matching row in memory, which the model does only up to `SORT_ALL_LIMIT` rows
(and otherwise says to narrow the filter).
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline import phones
from hotline.calls.models import CallFilter, CallSummary
from hotline.calls.service import CallService
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import parse_iso
from hotline.text import fold
from hotline.ui.fitting import fit_columns, scaled_px
from hotline.ui.styles import set_scaled_style
from hotline.ui.table_model import ModelIndex, ReadOnlyTableModel, row_table
from hotline.ui.tasks import DbReader, alive

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.events import CallEvents

PAGE_SIZE = 200
SORT_ALL_LIMIT = 20_000
CALL_ID_ROLE = Qt.ItemDataRole.UserRole
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
HANDLED_ROLES = frozenset({DISPLAY, TOOLTIP, FOREGROUND, ALIGNMENT, int(CALL_ID_ROLE),
                           int(SUMMARY_ROLE), int(SORT_ROLE)})
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Row:
    """One fetched call; its display texts are made on first paint and kept.

    Formatting (phone numbers above all) is Python work: done on the reader thread it would
    hold the GIL while the UI thread paints, so it is done lazily, for painted rows only.
    """

    __slots__ = ("call", "cells")

    def __init__(self, call: CallSummary) -> None:
        self.call = call
        self.cells: tuple[str, ...] | None = None


class CallTableModel(ReadOnlyTableModel[Row]):
    """Lazily fetched calls; columns are named constants, rows are plain data."""

    TIME, DURATION, PHONE, CALLER, CATEGORIES, LEVEL, URGENCY, CASE, SUMMARY = range(9)

    loading_changed = Signal(bool)
    sort_reset = Signal(int, object)  # column, Qt.SortOrder: a reload is in database order
    total_changed = Signal(int)  # -1 while unknown
    failed = Signal(str)
    message = Signal(str)

    def __init__(self, calls: CallService, reader: DbReader, taxonomy: Taxonomy,
                 lang: str = "vi", page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.calls = calls
        self.reader = reader
        self.tax = taxonomy
        self.lang = lang
        self.page_size = page_size
        self._filter = CallFilter()
        self._ascending = False  # database order of the pages (time)
        self._sort_ascending = False  # in-memory order, when sorted by another column
        self._exhausted = True
        self._loading = False
        self._generation = 0
        self._total = -1
        self._sort_column = self.TIME
        self._sort_pending = False
        self.headers = (self.tr("Thời gian"), self.tr("Thời lượng"), self.tr("Số điện thoại"),
                        self.tr("Người gọi"), self.tr("Vấn đề"), self.tr("Mức hỗ trợ"),
                        self.tr("Khẩn cấp"), self.tr("Hồ sơ"), self.tr("Tóm tắt"))
        self._emergency_brush = QBrush(QColor("#a0101e"))
        self._level_rank = {t.code: i for i, t in enumerate(taxonomy.terms("levels"))}
        self._urgency_rank = {t.code: i for i, t in enumerate(taxonomy.terms("urgencies"))}

    # ------------------------------------------------------------- Qt API
    def data(self, index: ModelIndex, role: int = DISPLAY) -> Any:
        # Called ~1,500 times per repaint: plain int roles, unhandled roles leave first.
        if role not in HANDLED_ROLES:
            return None
        r = index.row()
        if not 0 <= r < len(self.rows):
            return None
        row = self.rows[r]
        col = index.column()
        if role == DISPLAY:
            return self._cells(row)[col]
        if role == FOREGROUND:
            return self._emergency_brush if row.call.urgency == "emergency" else None
        if role == ALIGNMENT:
            return RIGHT_ALIGNED if col == self.DURATION else None
        if role == TOOLTIP:
            return self._cells(row)[col] if col in (self.SUMMARY, self.CATEGORIES) else None
        if role == CALL_ID_ROLE:
            return row.call.id
        if role == SUMMARY_ROLE:
            return row.call
        return self._sort_key(row, col)  # SORT_ROLE

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._fetch_page()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Time: in the database (keyset, both ways). Other columns: in memory, if not huge."""
        ascending = order == Qt.SortOrder.AscendingOrder
        if column == self.TIME:
            if self._sort_column == self.TIME and ascending == self._ascending:
                return
            self._sort_column = self.TIME
            self._ascending = ascending
            self.reload()
            return
        self._sort_column = column
        self._sort_ascending = ascending
        if self._loading:  # a page is on its way: sort once it is in
            self._sort_pending = True
            return
        if self._exhausted:
            self._sort_in_memory()
        elif self._total < 0:  # still counting: decide when the count is in
            self._sort_pending = True
        elif self._total <= SORT_ALL_LIMIT:
            self._fetch_all_then_sort()
        else:
            self.message.emit(self.tr(
                "Quá nhiều cuộc gọi để sắp xếp theo cột này; hãy thu hẹp khoảng ngày hoặc lọc "
                "bớt (tối đa %1).").replace("%1", f"{SORT_ALL_LIMIT:,}".replace(",", ".")))

    # ------------------------------------------------------------ loading
    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def total(self) -> int:
        return self._total

    @property
    def call_filter(self) -> CallFilter:
        return self._filter

    def call_at(self, row: int) -> CallSummary | None:
        return self.rows[row].call if 0 <= row < len(self.rows) else None

    def set_filter(self, flt: CallFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Drop the rows and start again from the first page (a new filter, a saved call)."""
        self._generation += 1
        self._sort_pending = False
        if self._loading:
            self.reader.interrupt()
        if self._sort_column != self.TIME:
            self._sort_column = self.TIME
            self.sort_reset.emit(self.TIME, Qt.SortOrder.AscendingOrder if self._ascending
                                 else Qt.SortOrder.DescendingOrder)
        self.beginResetModel()
        self.rows = []
        self._exhausted = False
        self._loading = False
        self._total = -1
        self.endResetModel()
        self.total_changed.emit(-1)
        if not self._loading:  # a view may already have asked (fetchMore) during the reset
            self._fetch_page()
        self._count()

    def _after(self) -> tuple[int, int] | None:
        if not self.rows:
            return None
        last = self.rows[-1].call
        return (last.received_ts, last.id)

    def _fetch_page(self) -> None:
        generation = self._generation
        flt, after, ascending, limit = self._filter, self._after(), self._ascending, \
            self.page_size
        calls = self.calls
        self._set_loading(True)

        def work(conn: sqlite3.Connection) -> list[CallSummary]:
            return calls.list(flt, limit=limit, after=after, conn=conn, ascending=ascending)

        self.reader.submit(work, on_done=lambda page: self._on_page(generation, page),
                           on_error=lambda exc, tb: self._on_error(generation, exc))

    def _on_page(self, generation: int, page: list[CallSummary]) -> None:
        if not alive(self) or generation != self._generation:
            return
        self._set_loading(False)
        rows = [Row(call) for call in page]
        if len(rows) < self.page_size:
            self._exhausted = True
        if rows:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        if self._exhausted and self._total < 0:
            self._total = len(self.rows)
            self.total_changed.emit(self._total)
        self._run_pending_sort()

    def _run_pending_sort(self) -> None:
        if self._sort_pending and self._sort_column != self.TIME:
            self._sort_pending = False
            self.sort(self._sort_column, Qt.SortOrder.AscendingOrder if self._sort_ascending
                      else Qt.SortOrder.DescendingOrder)

    def _on_error(self, generation: int, exc: Exception) -> None:
        if not alive(self) or generation != self._generation:
            return  # an interrupted, outdated query
        self._set_loading(False)
        self._exhausted = True
        self.failed.emit(self.tr("Không tải được danh sách cuộc gọi: %1").replace("%1",
                                                                                  str(exc)))

    def _count(self) -> None:
        generation = self._generation
        flt, calls = self._filter, self.calls

        def work(conn: sqlite3.Connection) -> int:
            return calls.count(flt, conn=conn)

        def done(total: int) -> None:
            if alive(self) and generation == self._generation:
                self._total = total
                self.total_changed.emit(total)
                if not self._loading:
                    self._run_pending_sort()

        self.reader.submit(work, on_done=done, on_error=lambda exc, tb: None)

    def _fetch_all_then_sort(self) -> None:
        generation = self._generation
        flt, after, calls = self._filter, self._after(), self.calls
        ascending = self._ascending
        self._set_loading(True)

        def work(conn: sqlite3.Connection) -> list[CallSummary]:
            found: list[CallSummary] = []
            cursor = after
            while True:
                page = calls.list(flt, limit=2000, after=cursor, conn=conn, ascending=ascending)
                found.extend(page)
                if len(page) < 2000 or len(found) > SORT_ALL_LIMIT:
                    return found
                cursor = (page[-1].received_ts, page[-1].id)

        def done(found: list[CallSummary]) -> None:
            if not alive(self) or generation != self._generation:
                return
            self._exhausted = True
            self._sort_in_memory(generation, [*self.rows, *(Row(call) for call in found)])

        self.reader.submit(work, on_done=done,
                           on_error=lambda exc, tb: self._on_error(generation, exc))

    def _sort_in_memory(self, generation: int | None = None,
                        rows: list[Row] | None = None) -> None:
        """Sort every fetched row (plus `rows` just fetched) by a column, on the reader thread
        (folding thousands of summaries is Python work), then show the new order."""
        if generation is None:
            generation = self._generation
        announce_rows = rows is not None
        column, reverse = self._sort_column, not self._sort_ascending
        rows, key = list(self.rows if rows is None else rows), self._sort_key
        self._set_loading(True)

        def work(_conn: sqlite3.Connection) -> list[Row]:
            return sorted(rows, key=lambda r: (key(r, column), r.call.received_ts),
                          reverse=reverse)

        def done(ordered: list[Row]) -> None:
            if not alive(self) or generation != self._generation:
                return
            self._set_loading(False)
            self.beginResetModel()  # a new order: selections and scrolling start afresh
            self.rows = ordered
            self.endResetModel()
            if announce_rows:
                self.total_changed.emit(self._total)
            self._run_pending_sort()

        self.reader.submit(work, on_done=done,
                           on_error=lambda exc, tb: self._on_error(generation, exc))

    def _sort_key(self, row: Row, column: int) -> Any:
        """A key from the raw fields (thread-safe: no display formatting)."""
        call, tax, lang = row.call, self.tax, self.lang
        if column == self.TIME:
            return call.received_ts
        if column == self.DURATION:
            return call.duration_s or 0
        if column == self.LEVEL:
            return self._level_rank.get(call.level, -1)
        if column == self.URGENCY:
            return self._urgency_rank.get(call.urgency, -1)
        if column == self.PHONE:
            return call.phone
        if column == self.CALLER:
            return fold(call.caller_name)
        if column == self.CATEGORIES:
            return fold(", ".join(tax.label("categories", c, lang) for c in call.categories))
        if column == self.CASE:
            return call.case_number
        return fold(call.summary)

    def _cells(self, row: Row) -> tuple[str, ...]:
        if row.cells is None:
            row.cells = self._make_cells(row.call)
        return row.cells

    def _set_loading(self, loading: bool) -> None:
        if loading != self._loading:
            self._loading = loading
            self.loading_changed.emit(loading)

    def _make_cells(self, call: CallSummary) -> tuple[str, ...]:
        """Display texts of a row (on the UI thread, for rows that are painted)."""
        tax, lang = self.tax, self.lang
        try:
            when = parse_iso(call.received_at).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            when = call.received_at
        duration = ""
        if call.duration_s is not None:
            minutes, seconds = divmod(call.duration_s, 60)
            duration = f"{minutes}:{seconds:02d}"
        phone = phones.display(call.phone) if call.phone and not call.phone.startswith("h:") \
            else call.phone
        caller_bits = [call.caller_name] if call.caller_name else []
        if call.caller_sex != "unknown":
            caller_bits.append(tax.label("sexes", call.caller_sex, lang))
        if call.caller_age_group != "unknown":
            caller_bits.append(tax.label("age_groups", call.caller_age_group, lang))
        categories = ", ".join(tax.label("categories", c, lang) for c in call.categories)
        summary = call.summary.replace("\n", " ")
        return (when, duration, phone, ", ".join(caller_bits), categories,
                tax.label("levels", call.level, lang), tax.label("urgencies", call.urgency, lang),
                call.case_number, summary)


class CallListView(QWidget):
    """Filters above the table; Enter or double-click opens the call in the form."""

    open_call = Signal(int)

    def __init__(self, app: App, reader: DbReader, events: CallEvents | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.events = events
        self.tax = app.taxonomy
        self.lang = app.settings.language
        self.model = CallTableModel(app.calls, reader, app.taxonomy, self.lang)
        self.model.setParent(self)
        self._stale = False
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        title = QLabel(self.tr("Danh sách cuộc gọi"), self)
        set_scaled_style(title, "font-size: +6pt; font-weight: 700;")
        layout.addWidget(title)

        row1 = QHBoxLayout()
        today = self.app.clock.today()
        self.date_from = QDateEdit(_qdate(today), self)
        self.date_to = QDateEdit(_qdate(today), self)
        for edit, name in ((self.date_from, self.tr("Từ ngày")),
                           (self.date_to, self.tr("Đến ngày"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
            label = QLabel(name, self)
            label.setBuddy(edit)
            row1.addWidget(label)
            row1.addWidget(edit)
        self.range_buttons: dict[str, QPushButton] = {}
        for key, text in (("today", self.tr("Hôm nay")), ("7", self.tr("7 ngày")),
                          ("30", self.tr("30 ngày")), ("all", self.tr("Tất cả"))):
            button = QPushButton(text, self)
            button.setAccessibleName(self.tr("Khoảng ngày: %1").replace("%1", text))
            self.range_buttons[key] = button
            row1.addWidget(button)
        row1.addStretch(1)
        layout.addLayout(row1)

        row2 = QHBoxLayout()
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("Tìm trong tên, tóm tắt, kết quả (có dấu hay "
                                             "không)"))
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName(self.tr("Tìm cuộc gọi"))
        row2.addWidget(self.text, 2)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("Mọi vấn đề"), None)
        for group in self.tax.terms("category_groups"):
            members = [t for t in self.tax.terms("categories")
                       if t.code == group.code or t.code.startswith(group.code + ".")]
            if len(members) > 1:
                self.category.addItem(self.tr("Nhóm: %1").replace("%1", group.label(self.lang)),
                                      group.code)
            for term in members:
                self.category.addItem("   " + term.label(self.lang), term.code)
        self.category.setAccessibleName(self.tr("Lọc theo vấn đề"))
        self.level = QComboBox(self)
        self.level.addItem(self.tr("Mọi mức hỗ trợ"), None)
        for term in self.tax.terms("levels"):
            self.level.addItem(term.label(self.lang), term.code)
        self.level.setAccessibleName(self.tr("Lọc theo mức hỗ trợ"))
        self.urgency = QComboBox(self)
        self.urgency.addItem(self.tr("Mọi mức khẩn cấp"), None)
        for term in self.tax.terms("urgencies"):
            self.urgency.addItem(term.label(self.lang), term.code)
        self.urgency.setAccessibleName(self.tr("Lọc theo mức khẩn cấp"))
        for combo in (self.category, self.level, self.urgency):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            row2.addWidget(combo, 1)
        layout.addLayout(row2)

        self.table = row_table(self.model, self)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSortIndicator(CallTableModel.TIME, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # One-line values (time, duration, number, case) whole at any font size.
        fit_columns(self.table, {0: "00/00/0000 00:00", 1: "00:00", 2: "0000 000 000",
                                 3: 150, 4: 190, 5: 130, 6: 92, 7: "HS-0000-0000"},
                    stretch=(CallTableModel.SUMMARY, scaled_px(120)))  # the rest, or it scrolls
        self.table.setSortingEnabled(True)
        self.table.setAccessibleName(self.tr("Bảng cuộc gọi"))
        layout.addWidget(self.table, 1)

        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Trạng thái danh sách"))
        layout.addWidget(self.status)

        QWidget.setTabOrder(self.date_from, self.date_to)
        QWidget.setTabOrder(self.date_to, self.text)
        QWidget.setTabOrder(self.text, self.category)
        QWidget.setTabOrder(self.category, self.level)
        QWidget.setTabOrder(self.level, self.urgency)
        QWidget.setTabOrder(self.urgency, self.table)

    def _connect_signals(self) -> None:
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(300)
        self._text_timer.timeout.connect(self.apply_filter)
        self.text.textChanged.connect(lambda _t: self._text_timer.start())
        self.text.returnPressed.connect(self.apply_filter)
        self.date_from.dateChanged.connect(self.apply_filter)
        self.date_to.dateChanged.connect(self.apply_filter)
        for combo in (self.category, self.level, self.urgency):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.range_buttons["today"].clicked.connect(lambda: self.set_range(0))
        self.range_buttons["7"].clicked.connect(lambda: self.set_range(6))
        self.range_buttons["30"].clicked.connect(lambda: self.set_range(29))
        self.range_buttons["all"].clicked.connect(lambda: self.set_range(None))
        self.table.activated.connect(self._open_index)  # Enter, and double-click
        self.model.loading_changed.connect(lambda _l: self._update_status())
        self.model.total_changed.connect(lambda _t: self._update_status())
        self.model.rowsInserted.connect(lambda *_: self._update_status())
        self.model.failed.connect(self._show_problem)
        self.model.sort_reset.connect(self._on_sort_reset)
        self.model.message.connect(self._show_problem)
        if self.events is not None:
            self.events.call_saved.connect(self._on_call_saved)
        self._all_dates = False

    # ---------------------------------------------------------------- filter
    def current_filter(self) -> CallFilter:
        if self._all_dates:
            date_from = date_to = None
        else:
            date_from = self.date_from.date().toString("yyyy-MM-dd")
            date_to = self.date_to.date().toString("yyyy-MM-dd")
            if date_from > date_to:
                date_from, date_to = date_to, date_from
        return CallFilter(date_from=date_from, date_to=date_to, text=self.text.text().strip(),
                          category=self.category.currentData(), level=self.level.currentData(),
                          urgency=self.urgency.currentData())

    def apply_filter(self, *_: Any) -> None:
        self._text_timer.stop()
        if self.sender() in (self.date_from, self.date_to):
            self._all_dates = False
        self._problem = ""
        self.model.set_filter(self.current_filter())
        self._stale = False

    def set_range(self, days: int | None) -> None:
        """Today, the last N days, or every date (None)."""
        today = self.app.clock.today()
        self._all_dates = days is None
        for edit, value in ((self.date_from, today - timedelta(days=days or 0)),
                            (self.date_to, today)):
            edit.blockSignals(True)
            edit.setDate(_qdate(value))
            edit.blockSignals(False)
        self.date_from.setEnabled(days is not None)
        self.date_to.setEnabled(days is not None)
        self.apply_filter()

    def load(self) -> None:
        """First load (deferred until the window is up)."""
        self.apply_filter()

    _problem = ""

    def _show_problem(self, text: str) -> None:
        self._problem = text
        self._update_status()

    def _update_status(self) -> None:
        model = self.model
        shown = model.rowCount()
        if model.loading and shown == 0:
            text = self.tr("Đang tải…")
        elif model.total >= 0:
            text = self.tr("%1 cuộc gọi").replace("%1", _grouped(model.total))
            if shown < model.total:
                text += " · " + self.tr("đang hiện %1, cuộn xuống để xem thêm").replace(
                    "%1", _grouped(shown))
        else:
            text = self.tr("Đang hiện %1 cuộc gọi, đang đếm…").replace("%1", _grouped(shown))
        if self._problem:
            text += " — " + self._problem
        self.status.setText(text)

    def _on_sort_reset(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            call_id = self.model.data(index, CALL_ID_ROLE)
            if call_id is not None:
                self.open_call.emit(int(call_id))

    def _on_call_saved(self, _call: Any) -> None:
        if self.isVisible():
            self.model.reload()
        else:
            self._stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.model.reload()


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _grouped(number: int) -> str:
    """1.234.567, the Vietnamese way."""
    return f"{number:,}".replace(",", ".")
