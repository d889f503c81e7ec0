"""Widgets that give way at a large font, so that the window fits a 1366×768 screen (less a
taskbar) at every font size of the setting, in Vietnamese and in English.

A Qt layout is as wide as the widest of its rows and as tall as all of them: one row of
fields, a long check box or a status message sized for 9 pt pushes the window past the
screen at 18 pt, and the window manager then cuts it. What is here keeps the minimum size
small and lets the content take the room it is given:

- `ReflowGroup`: a group box of fields two pairs a line (caption, field, caption, field)
  that puts the second pair under the first, and wraps its title inside, when narrow;
- `WrapCheckBox`: a check box whose text wraps onto more lines instead of widening the row;
- `FittingStatusBar`: the status bar's texts and buttons on two lines when one is short;
- `ElidedLabel`: a status text that gives up width rather than widen the window (a long
  error; the whole text in its tooltip and accessible description);
- `VerticalScrollArea`: a column of forms that scrolls up and down, never sideways;
- `fit_columns`: table columns as wide as their titles and one-line values at any size,
  the stretching one scrolling sideways rather than squeezed to nothing;
- `keep_wrapped_lines`, `keep_rows_visible`: least heights that follow the font, where a
  splitter or a crowded panel would squeeze wrapped lines or a table's rows off;
- `resize_within_screen`, `scaled_px`: sizes chosen at 9 pt, for the current font.

Together with `widgets.FlowLayout` (rows of buttons and filters that wrap) and
`styles.HeaderBar` (a title's buttons under it). Measured by bench/bench_fit.py, checked
by tests/test_ui_font_size.py (every page at 18 pt in both languages).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStatusBar,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFocusRect,
    QStyleOptionGroupBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotline.ui.styles import REFERENCE_POINTS, base_points


def scaled_px(width: int) -> int:
    """`width` pixels chosen for the usual 9-pt font, grown with the font-size setting (a
    table column that shows a date at 9 pt still shows it at 18 pt)."""
    return round(width * max(1.0, base_points() / REFERENCE_POINTS))


# A placement in a grid: (row, column, row span, column span).
Placement = tuple[int, int, int, int]


def _narrow(placement: Placement) -> Placement:
    """Where an item of a four-column grid (caption, field, caption, field) goes when the
    second pair of each row moves under the first: two columns, twice the rows."""
    row, col, rows, cols = placement
    end = min(col + cols, 4)
    if col >= 2:
        return 2 * row + 1, col - 2, 2 * rows - 1, max(1, end - col)
    return 2 * row, col, 2 * rows - 1, max(1, min(end, 2) - col)


def _least_width(widget: QWidget) -> int:
    """The width a layout gives `widget` at the least (Qt's qSmartMinSize): its minimum
    size hint if its policy lets it shrink, else its size hint; an explicit minimum wins."""
    policy = widget.sizePolicy().horizontalPolicy()
    if policy == QSizePolicy.Policy.Ignored:
        width = 0
    elif policy.value & QSizePolicy.PolicyFlag.ShrinkFlag.value:
        width = widget.minimumSizeHint().width()
    else:
        width = max(widget.sizeHint().width(), widget.minimumSizeHint().width())
    if widget.minimumWidth() > 0:
        width = widget.minimumWidth()
    return min(max(width, 0), widget.maximumWidth())


class ReflowGroup(QGroupBox):
    """A group box holding a grid of fields, two pairs a line (caption, field, caption,
    field — columns 0 to 3, items may span), that moves the second pair of each line under
    the first when the box is narrower than the two pairs need, and whose title, when
    longer than the box is wide, wraps in a heading inside it. Its minimum width is that of
    the one-pair-a-line form, so the call form never scrolls sideways at a large font.

    Build the grid as usual through `grid`; the placements given are the wide ones."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._title = title
        self.setAccessibleName(title)  # also while the title is shown as the heading
        outer = QVBoxLayout(self)
        self.heading = QLabel(title, self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: 700;")
        self.heading.hide()
        outer.addWidget(self.heading)
        self.grid = QGridLayout()
        outer.addLayout(self.grid)
        self._wide: list[tuple[QWidget, Placement, Qt.AlignmentFlag]] = []
        self._narrowed = False
        self._stretch: dict[int, int] = {}

    @property
    def narrowed(self) -> bool:
        """True while the pairs are one a line."""
        return self._narrowed

    @property
    def title_wrapped(self) -> bool:
        """True while the title is the wrapped heading inside the box."""
        return not self.heading.isHidden()

    def group_title(self) -> str:
        """The title, wherever it is shown."""
        return self._title

    def _placements(self) -> list[tuple[QWidget, Placement, Qt.AlignmentFlag]]:
        """The wide placements, read from the grid as it was built (again if widgets were
        added since, which only happens while wide). Only widgets move: put a layout in a
        widget of its own."""
        grid = self.grid
        if not self._narrowed and len(self._wide) != grid.count():
            self._wide = []
            for index in range(grid.count()):
                item = grid.itemAt(index)
                widget = item.widget() if item is not None else None
                if widget is None:
                    raise TypeError("ReflowGroup moves widgets only; wrap the layout in one")
                row, col, rows, cols = grid.getItemPosition(index)
                self._wide.append((widget, (row, col, rows, cols), item.alignment()))
            self._stretch = {col: grid.columnStretch(col) for col in range(4)}
        return self._wide

    def _columns_width(self, narrow: bool) -> int:
        """The least width of the grid's columns (spacing included) in one arrangement, as
        QGridLayout works it out: each column as wide as its widest item, wider where an
        item spanning it needs more."""
        widths = [0, 0, 0, 0]
        spans: list[tuple[int, int, int]] = []
        for widget, placement, _align in self._placements():
            if widget.isHidden():
                continue
            _row, col, _rows, cols = _narrow(placement) if narrow else placement
            width = _least_width(widget)
            if cols == 1:
                widths[col] = max(widths[col], width)
            else:
                spans.append((col, cols, width))
        spacing = max(0, self.grid.horizontalSpacing())
        used = [c for c in range(4) if widths[c] or any(s <= c < s + n for s, n, _ in spans)]
        base = sum(widths) + spacing * max(0, len(used) - 1)
        return max([base] + [base - sum(widths[col:col + cols]) - spacing * (cols - 1) + width
                             for col, cols, width in spans])

    def _frame(self) -> int:
        """What the box adds around the grid, left and right."""
        margins = self.contentsMargins()
        layout = self.layout()
        inner = layout.contentsMargins() if layout is not None else margins
        return margins.left() + margins.right() + inner.left() + inner.right()

    def _grid_width(self, narrow: bool) -> int:
        """The group's least width in one arrangement, frame and margins included."""
        actual = self.grid.totalMinimumSize().width()  # the current arrangement, exactly
        if narrow != self._narrowed:
            actual += self._columns_width(narrow) - self._columns_width(self._narrowed)
        return actual + self._frame()

    def _title_width(self) -> int:
        """The width the title needs on the frame."""
        option = QStyleOptionGroupBox()
        self.initStyleOption(option)
        option.text = self._title
        metrics = self.fontMetrics()
        base = QSize(metrics.horizontalAdvance(self._title + " "), metrics.height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_GroupBox, option, base,
                                             self).width()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if not self._placements():
            return hint
        words = self._title.split() or [""]
        heading = max(self.heading.fontMetrics().horizontalAdvance(w) for w in words)
        return QSize(max(heading + self._frame(), self._grid_width(True)), hint.height())

    def _arrange(self, width: int) -> None:
        wrap_title = width < self._title_width()
        if wrap_title != self.title_wrapped:
            self.setTitle("" if wrap_title else self._title)
            self.heading.setVisible(wrap_title)
        if not self._placements():
            return
        narrow = width < self._grid_width(False)
        if narrow == self._narrowed:
            return
        grid = self.grid
        for widget, _placement, _align in self._wide:
            grid.removeWidget(widget)
        for widget, placement, align in self._wide:
            row, col, rows, cols = _narrow(placement) if narrow else placement
            grid.addWidget(widget, row, col, rows, cols, align)
        for col, stretch in self._stretch.items():
            grid.setColumnStretch(col, 0 if narrow and col >= 2 else stretch)
        if narrow:  # the field column takes the room the second pair had
            grid.setColumnStretch(1, max(1, self._stretch.get(1, 0)))
        self._narrowed = narrow
        grid.invalidate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # A new font or text asks for room: the two pairs may no longer fit side by side.
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:
            self._arrange(self.width())
        return super().event(event)


class WrapCheckBox(QCheckBox):
    """A check box whose text wraps onto more lines when its column is narrow (QCheckBox's
    never does: at a large font a long one widened the whole form). At its one-line width
    or wider it is drawn as any check box."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)  # may be narrower than its text
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)  # and taller: its lines
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _indent(self) -> int:
        """Where the text starts: the indicator and the space after it."""
        style = self.style()
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return (style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, self)
                + style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, option, self))

    def _flags(self) -> int:
        return int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextShowMnemonic
                   | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

    def _text_height(self, width: int) -> int:
        text_width = max(1, width - self._indent() - 2)
        return self.fontMetrics().boundingRect(QRect(0, 0, text_width, 100_000),
                                               self._flags(), self.text()).height()

    def minimumSizeHint(self) -> QSize:
        words = self.text().replace("&", "").split() or [""]
        widest = max(self.fontMetrics().horizontalAdvance(word) for word in words)
        return QSize(self._indent() + widest + 4, super().minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        one_line = super().sizeHint()
        if width >= one_line.width():
            return one_line.height()
        extra = one_line.height() - self.fontMetrics().height()
        return max(one_line.height(), self._text_height(width) + extra)

    def hitButton(self, pos: object) -> bool:
        return self.rect().contains(pos)  # type: ignore[call-overload]

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.width() >= super().sizeHint().width():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        style = self.style()
        option = QStyleOptionButton()
        self.initStyleOption(option)
        line = super().sizeHint().height()
        indicator = QStyleOptionButton(option)
        indicator.rect = QRect(0, 0, self._indent(), line)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                            self._indicator_option(indicator), painter, self)
        extra = line - self.fontMetrics().height()
        text_rect = QRect(self._indent(), extra // 2, self.width() - self._indent(),
                          self.height() - extra)
        style.drawItemText(painter, text_rect, self._flags(), self.palette(),
                           self.isEnabled(), self.text(), QPalette.ColorRole.WindowText)
        if self.hasFocus():
            focus = QStyleOptionFocusRect()
            focus.initFrom(self)
            focus.rect = style.itemTextRect(self.fontMetrics(), text_rect, self._flags(),
                                            self.isEnabled(), self.text()).adjusted(-1, 0, 1, 0)
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, self)
        painter.end()

    def _indicator_option(self, option: QStyleOptionButton) -> QStyleOptionButton:
        """The indicator alone, centred on the first line."""
        style = self.style()
        width = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, self)
        height = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorHeight, option, self)
        option.rect = QRect(0, (option.rect.height() - height) // 2, width, height)
        return option


class ElidedLabel(QLabel):
    """One line of status text that gives up width when its row is full: it shows what
    fits, ending in "…", with the whole text in its tooltip and accessible description —
    a long sync error no longer makes the window wider than the screen. `text()` is the
    whole text."""

    def __init__(self, parent: QWidget | None = None, *, least_chars: int = 10) -> None:
        super().__init__(parent)
        self._full = ""
        self._least_chars = least_chars

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._full = text
        self.updateGeometry()
        self._show()

    def text(self) -> str:  # type: ignore[override]
        return self._full

    def elided(self) -> bool:
        return super().text() != self._full

    def sizeHint(self) -> QSize:
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + 2 * self.margin() + \
            margins.left() + margins.right() + 2
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        shown = self._full[:self._least_chars] + "…" if len(self._full) > self._least_chars \
            else self._full
        return QSize(min(self.sizeHint().width(),
                         self.fontMetrics().horizontalAdvance(shown) + 2 * self.margin() + 2),
                     super().minimumSizeHint().height())

    def _show(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(0, width))
        if shown != self._full and self.width() >= self.sizeHint().width():
            shown = self._full  # rounding: there is room for the whole text
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")
        self.setAccessibleDescription(self._full if shown != self._full else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
            self._show()


class VerticalScrollArea(QScrollArea):
    """A column of groups that scrolls up and down when the window is shorter than it (a
    large font on a 768-px screen), never sideways: it is as wide as its contents need,
    and asks for a few lines of height only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, shown as reached

    def _extra(self) -> int:
        return 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:
        widget = self.widget()
        if widget is None:
            return super().sizeHint()
        hint = widget.sizeHint()
        return QSize(hint.width() + self._extra(), hint.height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        widget = self.widget()
        if widget is None:
            return super().minimumSizeHint()
        least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        return QSize(least.width() + self._extra(), 4 * self.fontMetrics().height())


class StatusLine(QWidget):
    """What the status bar shows — who is at the desk, the call timer, the sync and backup
    states, the account button — on one line, or on two when one line is too short for all
    of them (a large font): the texts stay whole instead of the window growing past the
    screen. Texts go left, permanent widgets right, as in QStatusBar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from hotline.ui.widgets import FlowLayout

        self.flow = FlowLayout(self, fill=True)
        self.flow.addStretch()  # between the texts and the permanent widgets
        self._texts = 0
        self._height = 0

    def add(self, widget: QWidget, *, permanent: bool) -> None:
        if permanent:
            self.flow.addWidget(widget)
        else:
            self.flow.insertWidget(self._texts, widget)
            self._texts += 1

    def remove(self, widget: QWidget) -> None:
        for index in range(self.flow.count()):
            item = self.flow.itemAt(index)
            if item is not None and item.widget() is widget:
                self.flow.takeAt(index)
                if index < self._texts:
                    self._texts -= 1
                widget.hide()
                break

    def _line_height(self) -> int:
        return self.flow.heightForWidth(self.width()) if self.width() > 0 else \
            self.flow.sizeHint().height()

    def sizeHint(self) -> QSize:
        return QSize(self.flow.sizeHint().width(), self._line_height())

    def minimumSizeHint(self) -> QSize:
        # The status bar sizes its height from this (not from height-for-width).
        return QSize(self.flow.minimumSize().width(), self._line_height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._relayout()
        return super().event(event)

    def _relayout(self) -> None:
        height = self._line_height()
        if height != self._height:
            self._height = height
            self.updateGeometry()  # the status bar grows or shrinks to the lines


class FittingStatusBar(QStatusBar):
    """A status bar whose widgets wrap onto a second line when the window is too narrow
    for them on one (see StatusLine); `addWidget`/`addPermanentWidget`/`removeWidget` as
    QStatusBar's, called from Python."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = StatusLine(self)
        super().addWidget(self.line, 1)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # type: ignore[override]
        self.line.add(widget, permanent=False)

    def addPermanentWidget(self, widget: QWidget,  # type: ignore[override]
                           stretch: int = 0) -> None:
        self.line.add(widget, permanent=True)

    def removeWidget(self, widget: QWidget) -> None:  # type: ignore[override]
        self.line.remove(widget)


class _HeightForWidth(QObject):
    """Keeps a widget's minimum height at what its layout needs at its current width."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and \
                isinstance(watched, QWidget) and watched.width() > 0:
            layout = watched.layout()
            if layout is not None and layout.hasHeightForWidth():
                need = layout.totalMinimumHeightForWidth(watched.width())
                if need > 0 and need != watched.minimumHeight():
                    watched.setMinimumHeight(need)
        return False


def keep_wrapped_lines(widget: QWidget) -> None:
    """For a widget in a splitter (which ignores height-for-width): its minimum height
    follows its wrapped labels, so a splitter never squeezes their last line off."""
    widget.installEventFilter(_HeightForWidth(widget))


class _StretchOrScroll(QObject):
    """The stretching column of a table takes the room left over while there is enough of
    it; when the other columns leave less than `least` pixels (a large font), the column
    keeps `least` and the table scrolls sideways instead of squeezing it to nothing."""

    def __init__(self, table: QTableView, column: int, least: int) -> None:
        super().__init__(table)
        self.table, self.column, self.least = table, column, least
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def apply(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != self.column and not header.isSectionHidden(c))
        room = self.table.viewport().width() - others
        stretch = room >= self.least
        mode = QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(self.column) != mode:
            header.setSectionResizeMode(self.column, mode)
            if not stretch:
                header.resizeSection(self.column, self.least)


def fit_columns(table: QTableView, widths: dict[int, int | str], *,
                stretch: tuple[int, int] | None = None) -> None:
    """Set the table's column widths so that no header is cut and one-line values are shown
    whole at any font size: a number of pixels is a text column's width (it wraps or ends
    in "…" as before), a string is a sample of a one-line value ("00/00/0000 00:00") whose
    width the column takes in the current font. A column is never narrower than its header
    text (bold, with room for the sort arrow). `stretch=(column, pixels)`: the column that
    takes the room left over, never narrower than its header or `pixels` (the table scrolls
    sideways instead)."""
    header = table.horizontalHeader()
    model = table.model()
    style = table.style()
    bold = QFont(header.font())
    bold.setBold(True)
    header_metrics = QFontMetrics(bold)
    padding = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + \
        style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize) + 8
    for col, width in widths.items():
        if isinstance(width, str):  # measured in bold: some values are shown bold
            width = header_metrics.horizontalAdvance(width) + 16
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "") if model else ""
        table.setColumnWidth(col, max(width, header_metrics.horizontalAdvance(title) + padding))
    if stretch is not None:
        col, least = stretch
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "") if model else ""
        least = max(least, header_metrics.horizontalAdvance(title) + padding)
        table.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        _StretchOrScroll(table, col, least)


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Resize a dialog to `width`×`height` pixels chosen at 9 pt, grown with the font but
    never past the screen's free area (a taskbar left out): at 18 pt a fixed 720×600 cut its
    wrapped texts, a doubled one would not fit a 1366×768 screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    free = screen.availableGeometry().size() if screen is not None else QSize(1366, 728)
    window.resize(min(scaled_px(width), free.width() - 40),
                  min(scaled_px(height), free.height() - 60))


class _RowsVisible(QObject):
    def __init__(self, table: QTableView, lines: int) -> None:
        super().__init__(table)
        self.table, self.lines = table, lines
        table.installEventFilter(self)
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.Show):
            self.apply()
        return False

    def apply(self) -> None:
        table = self.table
        header = table.horizontalHeader()
        height = (header.sizeHint().height() if header.isVisible() or not header.isHidden()
                  else 0)
        table.setMinimumHeight(height + self.lines * table.fontMetrics().lineSpacing()
                               + 2 * table.frameWidth() + 8)


def keep_rows_visible(table: QTableView, lines: int = 2) -> None:
    """A table that gives way first in a crowded panel keeps room for `lines` lines of text
    under its header at any font size (at 18 pt it was squeezed below one row)."""
    _RowsVisible(table, lines)
