"""The repeat-caller panel: as the number is typed, how many earlier calls came from it, with
their dates, levels and summaries, and one action to put this call in the same case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hotline.calls.models import PriorCall
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import parse_iso

CALL_ID_ROLE = Qt.ItemDataRole.UserRole


class PriorCallsPanel(QFrame):
    """Shown under the phone field while the number has called before; hidden otherwise."""

    link_requested = Signal()
    open_requested = Signal(int)  # a prior call's id (double-click / Enter)

    def __init__(self, taxonomy: Taxonomy, lang: str = "vi",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tax = taxonomy
        self.lang = lang
        self.setObjectName("PriorCallsPanel")
        self.setStyleSheet("#PriorCallsPanel { background: #fff8e1; border: 1px solid #e0c36a;"
                           " border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 700; color: #5a3d00;")
        top.addWidget(self.title, 1)
        self.link_button = QPushButton(self.tr("Cùng hồ sơ với các lần gọi trước"), self)
        self.link_button.setAccessibleName(self.tr("Liên kết cuộc gọi này vào cùng hồ sơ"))
        self.link_button.clicked.connect(self.link_requested)
        top.addWidget(self.link_button)
        layout.addLayout(top)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Các cuộc gọi trước từ số này"))
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(150)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(
            lambda item: self.open_requested.emit(int(item.data(CALL_ID_ROLE))))
        layout.addWidget(self.list)
        self.count = 0
        self.hide()

    def show_calls(self, total: int, calls: list[PriorCall], case_number: str = "") -> None:
        self.count = total
        self.list.clear()
        if total == 0:
            self.hide()
            return
        title = self.tr("Số này đã gọi %n lần trước", "", total)
        if case_number:
            title += " · " + self.tr("hồ sơ %1").replace("%1", case_number)
        self.title.setText(title)
        self.setAccessibleName(title)
        for prior in calls:
            item = QListWidgetItem(self._line(prior))
            item.setData(CALL_ID_ROLE, prior.id)
            item.setToolTip(prior.summary)
            if prior.urgency == "emergency":
                item.setForeground(Qt.GlobalColor.darkRed)
            self.list.addItem(item)
        if total > len(calls):
            more = QListWidgetItem(self.tr("… và %1 cuộc gọi cũ hơn").replace(
                "%1", str(total - len(calls))))
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(more)
        rows = sum(self.list.sizeHintForRow(i) for i in range(min(4, self.list.count())))
        self.list.setFixedHeight(max(90, min(150, rows + 2 * self.list.frameWidth() + 4)))
        self.show()

    def _line(self, prior: PriorCall) -> str:
        try:
            when = parse_iso(prior.received_at).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            when = prior.received_at
        parts = [when, self.tax.label("levels", prior.level, self.lang)]
        if prior.urgency != "routine":
            parts.append(self.tax.label("urgencies", prior.urgency, self.lang))
        cats = ", ".join(self.tax.label("categories", c, self.lang) for c in prior.categories)
        if cats:
            parts.append(cats)
        if prior.case_number:
            parts.append(prior.case_number)
        line = " · ".join(parts)
        summary = prior.summary.strip()
        if summary:
            line += "\n" + (summary if len(summary) <= 160 else summary[:157] + "…")
        return line
