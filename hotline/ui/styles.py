"""Stylesheet font sizes that follow the font-size setting.

Qt stylesheets only take absolute font sizes (pt, px), so a heading written as "14pt" stays
14 pt when a user with poor sight sets the window to 18 pt — the heading ends up smaller
than the text under it. Here a stylesheet size is written relative to the application
font: `set_scaled_style(label, "font-size: +5pt; font-weight: 700;")` is the window's text
size plus 5 points (14 pt at the usual 9 pt, 23 pt at 18 pt). The template is kept on the
widget (a dynamic property), so `restyle_all()` — called by `i18n.apply_font_size` whenever
the size changes — sets every such style again from the new size.

Why added points and not a factor (CSS's em): a heading only has to stand out from the text
around it, and it does so by the same margin at any size; multiplied, the call form's
header (title, timer, four buttons) no longer fits beside the search panel on a 1366-px
screen at 18 pt. The margins are the ones the window was designed with at 9 pt (Windows'
Segoe UI 9, Linux's Sans 9), so at that size nothing changes.

Rich text needs none of this: a QLabel's document takes the label's font, so HTML written
with relative sizes (`font-size: large`, <big>, <h3>) already follows the setting.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QApplication, QGridLayout, QHBoxLayout, QLabel, QWidget

REFERENCE_POINTS = 9.0  # the fallback when the application font is sized in pixels
MIN_POINTS = 6.0  # "-4pt" on a small font still leaves something readable
STYLE_PROPERTY = "hotline_scaled_style"  # the template, kept on the widget for restyle_all
_RELATIVE_SIZE = re.compile(r"(font-size\s*:\s*)([+-]\d+(?:\.\d+)?)pt\b", re.IGNORECASE)


def base_points(qt_app: QGuiApplication | None = None) -> float:
    """The application font's size in points (what the font-size setting sets)."""
    instance = qt_app or QGuiApplication.instance()
    if not isinstance(instance, QGuiApplication):
        return REFERENCE_POINTS
    size = instance.font().pointSizeF()
    return size if size > 0 else REFERENCE_POINTS


def points(delta: float, base: float | None = None) -> float:
    """The application font's size plus `delta` points (one decimal: stable stylesheets)."""
    size = base_points() if base is None else base
    return round(max(MIN_POINTS, size + delta), 1)


def scaled(template: str, base: float | None = None) -> str:
    """The stylesheet `template` with every `font-size: +Npt` / `-Npt` made absolute."""
    size = base_points() if base is None else base
    return _RELATIVE_SIZE.sub(lambda m: f"{m.group(1)}{points(float(m.group(2)), size):g}pt",
                              template)


def set_scaled_style(widget: QWidget, template: str) -> None:
    """Set `template` (font sizes relative: `font-size: +5pt`) as the widget's stylesheet,
    now and after every change of the font size."""
    widget.setProperty(STYLE_PROPERTY, template)
    widget.setStyleSheet(scaled(template))


def scaled_font(font: QFont, delta: float) -> QFont:
    """A copy of `font` at the application font's size plus `delta` points (for a widget
    with a font of its own, e.g. the monospaced recovery key)."""
    result = QFont(font)
    result.setPointSizeF(points(delta))
    return result


def restyle_all(qt_app: QGuiApplication | None = None) -> int:
    """Set every scaled stylesheet again from the current application font; returns how
    many widgets were restyled.

    Widgets with another stylesheet that touches the font get theirs set again too: Qt
    resolves such a widget's font once, so a button styled only "font-weight: 700" would
    otherwise keep the old size after the application font changes. (A stylesheet without
    a font property leaves the font alone; setting those again would only cost time.)"""
    instance = qt_app or QGuiApplication.instance()
    if not isinstance(instance, QApplication):
        return 0
    base = base_points(instance)
    count = 0
    for widget in instance.allWidgets():
        template = widget.property(STYLE_PROPERTY)
        if isinstance(template, str) and template:
            widget.setStyleSheet(scaled(template, base))
            count += 1
        elif "font" in widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())
    return count


class HeaderBar(QWidget):
    """A title with its controls (timer, buttons) on one line, or the controls on a line of
    their own under the title when the line is too short for both — at a large font the
    title would otherwise be squeezed into a column of single words, or the page pushed
    wider than a 1366-px screen. The minimum width is that of the stacked form."""

    def __init__(self, title: QLabel, controls: list[QWidget],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        title.setParent(self)
        self.controls = QWidget(self)
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in controls:
            row.addWidget(widget)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self._stacked: bool | None = None
        self._arrange(False)

    @property
    def stacked(self) -> bool:
        return bool(self._stacked)

    def _one_line_width(self) -> int:
        """The width that shows the title unwrapped beside the controls."""
        text = self.title.text() or " "
        title = self.title.fontMetrics().horizontalAdvance(text) + 2 * self.title.margin() + 8
        return title + self._grid.horizontalSpacing() + self.controls.sizeHint().width()

    def _arrange(self, stacked: bool) -> None:
        if stacked == self._stacked:
            return
        self._stacked = stacked
        self._grid.removeWidget(self.title)
        self._grid.removeWidget(self.controls)
        self._grid.addWidget(self.title, 0, 0)
        if stacked:
            self._grid.addWidget(self.controls, 1, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            self._grid.addWidget(self.controls, 0, 1)

    def minimumSizeHint(self) -> QSize:
        title, controls = self.title.minimumSizeHint(), self.controls.minimumSizeHint()
        return QSize(max(title.width(), controls.width()),
                     title.height() + self._grid.verticalSpacing() + controls.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width() < self._one_line_width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # A new title text or font asks the layout for room: it may no longer fit beside.
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:
            self._arrange(self.width() < self._one_line_width())
        return super().event(event)
