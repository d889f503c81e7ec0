"""The support directory in the window.

- `DirectoryView`: the page — search (accents optional), filters, results, the detail of an
  entry with its numbers large and copyable, the form to add/edit/deactivate local entries,
  and import/export (flat CSV, HSDS) off the UI thread with progress.
- `DirectorySearchPanel`: the compact panel beside the call form. It orders results "near
  the caller" (`set_location`), shows 113/115/111 and the local police and health at once
  for an emergency (`show_emergency`), and emits `refer_requested(Referral)` for the form.
- `ReferralStatusWidget` / `OpenReferralsView`: update a referral's status (suggested →
  contacted → accepted → completed / declined) from a call's detail or the follow-up list.

Views call services only (`app.directory`, `app.calls`); nothing here runs SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hotline import admin_units, phones
from hotline.calls.models import Referral
from hotline.directory import exchange
from hotline.directory import hours as hours_mod
from hotline.directory.flatcsv import parse_phones
from hotline.directory.models import (
    NATIONAL,
    NEAR_PROVINCE,
    NEAR_WARD,
    ORIGIN_BUNDLED,
    DirectoryQuery,
    Entry,
    Hit,
    ReferralItem,
)
from hotline.directory.service import EntryInvalid, NotFound
from hotline.directory.transfer import ImportFailed, ImportReport
from hotline.security.roles import Permission
from hotline.ui.fitting import fit_columns, keep_rows_visible, scaled_px
from hotline.ui.i18n import display_date, display_datetime, parse_display_date
from hotline.ui.styles import set_scaled_style
from hotline.ui.tasks import DbReader, alive, run_task
from hotline.ui.widgets import CategoryPicker, ErrorLabel, FlowLayout, InlineBar, SearchCombo

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.calls.service import CallService
    from hotline.calls.taxonomy import Taxonomy
    from hotline.ui.events import CallEvents

ModelIndex = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 20
PAGE = 50
REFERRAL_PAGE = 200  # open referrals per page of the follow-up list
SEARCH_DELAY_MS = 120  # results follow typing without a query per keystroke
MAX_MESSAGES = 200

BIG_NUMBER_CSS = "font-size: +11pt; font-weight: 700; color: #0b3d91;"  # via set_scaled_style
STALE_CSS = "color: #6b4500; background: #fff4d6; border: 1px solid #e3c268; padding: 4px;"
EMERGENCY_CSS = ("#Emergency { border: 2px solid #a0101e; border-radius: 6px; "
                 "background: #fdecee; }")
# In the panel beside the form: smaller than a detail's number so that the service's name
# fits under it, still the largest text of the panel.
EMERGENCY_NUMBER_CSS = "font-size: +7pt; font-weight: 700; color: #8a1020;"


# lupdate extracts `translate("Context", "literal")`; texts kept in variables are marked
# with QT_TRANSLATE_NOOP where they are written.
translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("Directory", text)


def place_text(entry: Entry) -> str:
    if not entry.province_code:
        if entry.address:
            return translate("Directory", "Chưa rõ tỉnh")
        return translate("Directory", "Toàn quốc")
    province = admin_units.province_name(entry.province_code)
    if entry.ward_code:
        return f"{admin_units.ward_name(entry.ward_code)}, {province}"
    return province


def open_text(hit: Hit) -> str:
    if hit.open_now is None:
        return translate("Directory", "Chưa rõ giờ")
    if hit.open_now:
        return translate("Directory", "Đang làm việc")
    return translate("Directory", "Ngoài giờ")


def verified_text(entry: Entry, stale: bool) -> str:
    if not entry.verified_on:
        return translate("Directory", "Chưa xác minh")
    day = _vn_date(entry.verified_on)
    return translate("Directory", "Cần xác minh lại (%1)").replace("%1", day) if stale else day


def _vn_date(iso_day: str) -> str:
    try:
        return date.fromisoformat(iso_day).strftime("%d/%m/%Y")
    except ValueError:
        return iso_day


def categories_text(entry: Entry, taxonomy: Taxonomy, lang: str) -> str:
    return ", ".join(taxonomy.label("directory_categories", c, lang) for c in entry.categories)


# =============================================================================== model
class DirectoryTableModel(QAbstractTableModel):
    """Search results (plain `Hit`s) with lazy fetching: more rows load as the view
    scrolls, each page through the service."""

    NAME, CATEGORIES, PLACE, PHONE, HOURS, VERIFIED = range(6)
    HEADERS = (QT_TRANSLATE_NOOP("Directory", "Tên"), QT_TRANSLATE_NOOP("Directory", "Nhóm"),
               QT_TRANSLATE_NOOP("Directory", "Nơi"),
               QT_TRANSLATE_NOOP("Directory", "Số điện thoại"),
               QT_TRANSLATE_NOOP("Directory", "Giờ làm việc"),
               QT_TRANSLATE_NOOP("Directory", "Xác minh"))

    def __init__(self, taxonomy: Taxonomy, lang: str = "vi", parent: Any = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.lang = lang
        self._hits: list[Hit] = []
        self._fetch: Callable[[int], list[Hit]] | None = None
        self._limit = 0

    # -- data in
    def set_source(self, fetch: Callable[[int], list[Hit]], first: int = PAGE) -> None:
        """`fetch(limit)` returns the first `limit` hits in display order."""
        self.beginResetModel()
        self._fetch = fetch
        self._limit = first
        self._hits = fetch(first)
        self.endResetModel()

    def set_hits(self, hits: Sequence[Hit]) -> None:
        self.beginResetModel()
        self._fetch = None
        self._hits = list(hits)
        self._limit = len(self._hits)
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def row_of(self, entry_id: str) -> int:
        return next((i for i, h in enumerate(self._hits) if h.entry.id == entry_id), -1)

    # -- Qt
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        entry = hit.entry
        col = index.column()
        if role == HIT_ROLE:
            return hit
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == self.NAME:
                if entry.active:
                    return entry.name
                return translate("Directory", "%1 (ngừng hoạt động)").replace("%1", entry.name)
            if col == self.CATEGORIES:
                return categories_text(entry, self.taxonomy, self.lang)
            if col == self.PLACE:
                return place_text(entry)
            if col == self.PHONE:
                if not entry.phones:
                    return ""
                more = f"  (+{len(entry.phones) - 1})" if len(entry.phones) > 1 else ""
                return entry.phones[0].display + more
            if col == self.HOURS:
                return open_text(hit)
            if col == self.VERIFIED:
                return verified_text(entry, hit.stale)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.HOURS:
                return hours_mod.describe(entry.parsed_hours)
            if col == self.NAME:
                return "\n".join(x for x in (entry.name, entry.organisation) if x)
            if col == self.PHONE:
                return "\n".join(f"{p.display} {p.label}".strip() for p in entry.phones)
        if role == Qt.ItemDataRole.ForegroundRole:
            from PySide6.QtGui import QColor

            if col == self.VERIFIED and hit.stale:
                return QColor("#8a4b00")
            if col == self.HOURS and hit.open_now is True:
                return QColor("#0a5a2a")
            if not entry.active:
                return QColor("#666666")
        if role == Qt.ItemDataRole.FontRole and col == self.PHONE:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return (not parent.isValid() and self._fetch is not None
                and len(self._hits) >= self._limit > 0)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        self._limit += PAGE
        more = self._fetch(self._limit)[len(self._hits):]
        if not more:
            self._limit = len(self._hits) - 1  # nothing left: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self._hits), len(self._hits) + len(more) - 1)
        self._hits.extend(more)
        self.endInsertRows()


# ============================================================================ widgets
class PhoneBlock(QFrame):
    """A number in large type, selectable, with a copy button: read it out or paste it."""

    copied = Signal(str)

    def __init__(self, number: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.display = phones.display(number) or number
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        text = QVBoxLayout()
        self.number_label = QLabel(self.display, self)
        set_scaled_style(self.number_label, BIG_NUMBER_CSS)
        self.number_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.number_label.setAccessibleName(self.tr("Số điện thoại %1").replace(
            "%1", self.display))
        text.addWidget(self.number_label)
        if label:
            caption = QLabel(label, self)
            caption.setWordWrap(True)
            text.addWidget(caption)
        layout.addLayout(text, 1)
        self.copy_button = QPushButton(self.tr("Sao chép"), self)
        self.copy_button.setAccessibleName(self.tr("Sao chép số %1").replace("%1", self.display))
        self.copy_button.clicked.connect(self.copy)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.display)
        self.copied.emit(self.display)


class FitScrollArea(QScrollArea):
    """A scroll area that asks for the whole height of its contents (the emergency list is
    shown whole when there is room; the results table gives way first) and scrolls only
    when the panel is shorter. (AdjustToContents keeps a stale size when the list is filled
    while its tab is in the background.)"""

    def sizeHint(self) -> QSize:
        widget = self.widget()
        if widget is None:
            return super().sizeHint()
        hint = widget.sizeHint()
        frame = 2 * self.frameWidth()
        return QSize(hint.width() + frame + self.verticalScrollBar().sizeHint().width(),
                     hint.height() + frame)


def _clear_layout(layout: QVBoxLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)  # off screen now, not when the event loop deletes it
            widget.deleteLater()


VIETNAMESE_LANGUAGE_NAMES = {
    "vi": "Tiếng Việt", "en": "Tiếng Anh", "fr": "Tiếng Pháp", "zh": "Tiếng Trung",
    "km": "Tiếng Khmer", "lo": "Tiếng Lào", "ko": "Tiếng Hàn", "ja": "Tiếng Nhật",
}


def language_name(code: str, lang: str = "vi") -> str:
    """"vi" → "Tiếng Việt" / "Vietnamese" in the window's language; free text ("Tiếng
    H'Mông") as typed."""
    if 2 <= len(code) <= 3 and code.isascii() and code.isalpha():
        if lang == "vi" and code.lower() in VIETNAMESE_LANGUAGE_NAMES:
            return VIETNAMESE_LANGUAGE_NAMES[code.lower()]
        language = QLocale(code.lower()).language()
        if language != QLocale.Language.C:
            return QLocale.languageToString(language)
    return code


class EntryDetail(QWidget):
    """One entry, read-only, with what the operator needs first: the numbers."""

    edit_requested = Signal(object)  # Entry
    active_toggle_requested = Signal(object)  # Entry
    verify_requested = Signal(object)  # Entry
    copied = Signal(str)

    def __init__(self, taxonomy: Taxonomy, lang: str = "vi",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.lang = lang
        self.hit: Hit | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        self.title = QLabel(body)
        self.title.setWordWrap(True)
        set_scaled_style(self.title, "font-size: +6pt; font-weight: 700;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.meta = QLabel(body)
        self.meta.setWordWrap(True)
        layout.addWidget(self.meta)
        self.stale = QLabel(body)
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet(STALE_CSS)
        self.stale.hide()
        layout.addWidget(self.stale)
        self.phone_box = QVBoxLayout()
        layout.addLayout(self.phone_box)
        self.fields = QLabel(body)
        self.fields.setWordWrap(True)
        self.fields.setTextFormat(Qt.TextFormat.RichText)
        self.fields.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.fields)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Sửa"), body)
        self.verify_button = QPushButton(self.tr("Đã xác minh hôm nay"), body)
        self.active_button = QPushButton(self.tr("Ngừng hoạt động"), body)
        for button in (self.edit_button, self.verify_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.history = QLabel(body)
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color: #444;")
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        self.verify_button.clicked.connect(lambda: self._emit(self.verify_requested))
        self.active_button.clicked.connect(lambda: self._emit(self.active_toggle_requested))
        self.set_hit(None)

    def _emit(self, signal: Any) -> None:
        if self.hit is not None:
            signal.emit(self.hit.entry)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._update_buttons()

    def _update_buttons(self) -> None:
        editable = getattr(self, "_editable", True)
        entry = self.hit.entry if self.hit else None
        for button in (self.edit_button, self.verify_button, self.active_button):
            button.setVisible(entry is not None and editable)
        if entry is not None:
            # bundled national lines are updated with Hotline; a center may only switch them off
            self.edit_button.setVisible(editable and entry.origin != ORIGIN_BUNDLED)
            self.verify_button.setVisible(editable and entry.origin != ORIGIN_BUNDLED)
            self.active_button.setText(self.tr("Ngừng hoạt động") if entry.active
                                       else self.tr("Cho hoạt động lại"))

    def set_hit(self, hit: Hit | None, history: Sequence[str] = ()) -> None:
        self.hit = hit
        _clear_layout(self.phone_box)
        if hit is None:
            self.title.setText(self.tr("Chọn một địa chỉ để xem số điện thoại và chi tiết."))
            self.meta.clear()
            self.fields.clear()
            self.stale.hide()
            self.history.clear()
            self._update_buttons()
            return
        entry = hit.entry
        self.title.setText(entry.name)
        bits = [categories_text(entry, self.taxonomy, self.lang), place_text(entry),
                open_text(hit)]
        if not entry.active:
            bits.append(self.tr("NGỪNG HOẠT ĐỘNG"))
        self.meta.setText(" · ".join(b for b in bits if b))
        if hit.stale:
            self.stale.setText(
                self.tr("Chưa được xác minh trong 12 tháng qua (lần cuối: %1). Hãy gọi kiểm "
                        "tra trước khi giới thiệu.").replace(
                    "%1", _vn_date(entry.verified_on) if entry.verified_on
                    else self.tr("chưa bao giờ")))
            self.stale.show()
        else:
            self.stale.hide()
        for phone in entry.phones:
            block = PhoneBlock(phone.number, phone.label, self)
            block.copied.connect(self.copied)
            self.phone_box.addWidget(block)
        if not entry.phones:
            self.phone_box.addWidget(QLabel(self.tr("(chưa có số điện thoại)"), self))
        rows = [
            (self.tr("Tổ chức"), entry.organisation),
            (self.tr("Địa chỉ"), entry.address),
            (self.tr("Giờ làm việc"), hours_mod.describe(entry.parsed_hours, self.lang)),
            (self.tr("Dịch vụ"), entry.services),
            (self.tr("Đối tượng"), entry.eligibility),
            (self.tr("Ngôn ngữ"), ", ".join(language_name(code, self.lang)
                                            for code in entry.languages)),
            (self.tr("Ghi chú"), entry.notes),
            (self.tr("Xác minh"), " — ".join(x for x in (
                verified_text(entry, hit.stale), entry.verified_by) if x)),
            (self.tr("Nguồn"), entry.source),
        ]
        html = "".join(f"<p><b>{_esc(label)}:</b> {_esc(value).replace(chr(10), '<br>')}</p>"
                       for label, value in rows if value)
        self.fields.setText(html)
        self.history.setText("<br>".join(_esc(h) for h in history))
        self._update_buttons()


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


class EntryForm(QWidget):
    """Add or edit a local entry, inline (never a modal dialog); errors under each field."""

    saved = Signal(object)  # Entry, as saved
    cancelled = Signal()

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.lang = app.settings.language
        self.entry: Entry | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        set_scaled_style(self.heading, "font-size: +4pt; font-weight: 700;")
        outer.addWidget(self.heading)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll, 1)
        body = QWidget(scroll)
        scroll.setWidget(body)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors: dict[str, ErrorLabel] = {}

        def add(key: str, label: str, widget: QWidget) -> None:
            widget.setAccessibleName(label)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            error = ErrorLabel(body)
            box.addWidget(error)
            self.errors[key] = error
            form.addRow(label, box)

        self.name = QLineEdit(body)
        add("name", self.tr("Tên *"), self.name)
        self.organisation = QLineEdit(body)
        add("organisation", self.tr("Tổ chức"), self.organisation)
        terms = [(t.code, t.label(self.lang))
                 for t in app.taxonomy.terms("directory_categories")]
        self.categories = CategoryPicker(terms, body)
        self.categories.filter.setPlaceholderText(self.tr("Gõ để lọc nhóm, Enter để chọn"))
        self.categories.setMinimumHeight(170)
        self.categories.filter.setAccessibleName(self.tr("Lọc nhóm dịch vụ"))
        self.categories.list.setAccessibleName(self.tr("Các nhóm dịch vụ (dấu cách để chọn)"))
        add("categories", self.tr("Nhóm dịch vụ *"), self.categories)
        self.province = SearchCombo(body, self.tr("Để trống: toàn quốc"))
        self.province.set_items([(p.code, p.name) for p in admin_units.provinces()])
        add("province_code", self.tr("Tỉnh/thành phố"), self.province)
        self.ward = SearchCombo(body, self.tr("Xã/phường"))
        add("ward_code", self.tr("Xã/phường"), self.ward)
        self.address = QLineEdit(body)
        add("address", self.tr("Địa chỉ"), self.address)
        self.phones = QPlainTextEdit(body)
        self.phones.setPlaceholderText(self.tr("Mỗi dòng một số, ví dụ:\nTrực ban: 024 3825 1234"
                                               "\nZalo: 0912 345 678"))
        self.phones.setTabChangesFocus(True)
        self.phones.setFixedHeight(80)
        add("phones", self.tr("Số điện thoại"), self.phones)
        self.hours = QLineEdit(body)
        self.hours.setPlaceholderText(self.tr("24/7 hoặc T2-T6 07:30-11:30,13:30-17:00; T7 "
                                              "07:30-11:30"))
        add("hours", self.tr("Giờ làm việc"), self.hours)
        self.services = QPlainTextEdit(body)
        self.services.setTabChangesFocus(True)
        self.services.setFixedHeight(64)
        add("services", self.tr("Dịch vụ"), self.services)
        self.eligibility = QLineEdit(body)
        add("eligibility", self.tr("Đối tượng"), self.eligibility)
        self.languages = QLineEdit(body)
        self.languages.setPlaceholderText(self.tr("vi; en; Tiếng H'Mông"))
        add("languages", self.tr("Ngôn ngữ"), self.languages)
        self.notes = QPlainTextEdit(body)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        add("notes", self.tr("Ghi chú"), self.notes)
        self.verified_on = QLineEdit(body)
        self.verified_on.setPlaceholderText(self.tr("ngày/tháng/năm, VD: 05/03/2026"))
        add("verified_on", self.tr("Ngày xác minh"), self.verified_on)
        self.verified_by = QLineEdit(body)
        add("verified_by", self.tr("Người xác minh"), self.verified_by)
        self.bar = InlineBar(self)
        outer.addWidget(self.bar)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Lưu (Ctrl+Enter)"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Hủy (Esc)"), self)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancelled)
        self.province.code_changed.connect(self._fill_wards)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(self.tr("Lưu địa chỉ đang sửa"))
            shortcut.activated.connect(self.save)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.setWhatsThis(self.tr("Hủy sửa địa chỉ"))
        escape.activated.connect(self.cancelled)

    def _fill_wards(self, province: str) -> None:
        self.ward.set_items([(w.code, w.name) for w in admin_units.wards(province)]
                            if province else [])

    def load(self, entry: Entry | None) -> None:
        """Start adding (None) or editing `entry`."""
        self.entry = entry
        self.bar.clear()
        for error in self.errors.values():
            error.set_error("")
        e = entry or Entry(name="", verified_on=self.app.clock.today().isoformat(),
                           verified_by=self.app.operator)
        self.heading.setText(self.tr("Sửa địa chỉ") if entry else self.tr("Thêm địa chỉ"))
        self.name.setText(e.name)
        self.organisation.setText(e.organisation)
        self.categories.set_codes(e.categories)
        self.province.set_code(e.province_code)
        self._fill_wards(e.province_code)
        self.ward.set_code(e.ward_code)
        self.address.setText(e.address)
        self.phones.setPlainText("\n".join(
            f"{p.label}: {p.display}" if p.label else p.display for p in e.phones))
        self.hours.setText(e.hours)
        self.services.setPlainText(e.services)
        self.eligibility.setText(e.eligibility)
        self.languages.setText("; ".join(e.languages))
        self.notes.setPlainText(e.notes)
        self.verified_on.setText(display_date(e.verified_on))
        self.verified_by.setText(e.verified_by)
        self.name.setFocus()

    def to_entry(self) -> Entry:
        base = self.entry or Entry(name="")
        languages = tuple(x.strip() for x in self.languages.text().replace(",", ";").split(";")
                          if x.strip())
        return base.with_changes(
            name=self.name.text(), organisation=self.organisation.text(),
            categories=self.categories.codes(), province_code=self.province.code(),
            ward_code=self.ward.code(), address=self.address.text(),
            phones=tuple(parse_phones(self.phones.toPlainText())), hours=self.hours.text(),
            services=self.services.toPlainText(), eligibility=self.eligibility.text(),
            languages=languages, notes=self.notes.toPlainText(),
            verified_on=parse_display_date(self.verified_on.text()),
            verified_by=self.verified_by.text())

    def save(self) -> Entry | None:
        for error in self.errors.values():
            error.set_error("")
        local: list[tuple[str, str]] = []
        if not self.categories.codes():
            local.append(("categories", self.tr("Chọn ít nhất một nhóm dịch vụ")))
        if self.province.has_unmatched_text():
            local.append(("province_code", self.tr("Chọn tỉnh/thành phố trong danh sách")))
        if self.ward.has_unmatched_text():
            local.append(("ward_code", self.tr("Chọn xã/phường trong danh sách")))
        entry = self.to_entry()
        problems: list[tuple[str, str]] = list(local)
        try:
            self.app.directory.check(entry)
        except EntryInvalid as exc:
            problems += [(e.field, e.message) for e in exc.errors]
        if not problems:
            try:
                saved = self.app.directory.save(entry, by=self.app.actor)
            except EntryInvalid as exc:
                problems += [(e.field, e.message) for e in exc.errors]
        if problems:
            for key, message in problems:
                if key == "version":
                    self.bar.show_message(message, "error")
                    return None
                self.errors.get(key, self.errors["name"]).set_error(message)
            self.bar.show_message(self.tr("Chưa lưu: %1 lỗi, xem dưới từng ô.").replace(
                "%1", str(len(problems))), "error")
            first = next(iter(problems))[0]
            widget = {"name": self.name, "categories": self.categories.filter,
                      "province_code": self.province, "ward_code": self.ward,
                      "phones": self.phones, "hours": self.hours,
                      "verified_on": self.verified_on}.get(first)
            if widget is not None:
                widget.setFocus()
            return None
        self.app.audit.record(self.app.actor, "directory.save", saved.id,
                              ("entry",), "")
        self.entry = saved
        self.saved.emit(saved)
        return saved


# ======================================================================= the page
class DirectoryView(QWidget):
    """The directory page: search, filters, results, detail, local entries, import/export."""

    entry_saved = Signal(object)  # Entry
    import_finished = Signal(object)  # ImportReport, or the exception that stopped it
    export_finished = Signal(object)  # number of entries, or the exception

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.directory = app.directory
        self.lang = app.settings.language
        self._busy = False
        self._build()
        self._connect_signals()
        self.apply_permissions()
        self.refresh()

    # -- layout
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = FlowLayout(fill=True)  # the filters go under the search at a large font
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Tìm nơi hỗ trợ: tên, dịch vụ, ghi chú, số điện "
                                               "thoại (không dấu được)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Tìm trong danh bạ"))
        self.search.setMinimumWidth(scaled_px(240))
        top.addWidget(self.search)
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Lọc theo nhóm dịch vụ"))
        self.category.addItem(self.tr("Mọi nhóm"), "")
        for term in self.app.taxonomy.terms("directory_categories"):
            self.category.addItem(term.label(self.lang), term.code)
        top.addWidget(self.category)
        self.province = QComboBox(self)
        self.province.setAccessibleName(self.tr("Lọc theo tỉnh/thành phố"))
        self.province.addItem(self.tr("Mọi tỉnh/thành phố"), "")
        for unit in admin_units.provinces():
            self.province.addItem(unit.name, unit.code)
        top.addWidget(self.province)
        self.open_now = QCheckBox(self.tr("Đang làm việc"), self)
        self.open_now.setAccessibleName(self.tr("Chỉ nơi đang làm việc lúc này"))
        top.addWidget(self.open_now)
        self.inactive = QCheckBox(self.tr("Kể cả ngừng hoạt động"), self)
        self.inactive.setAccessibleName(self.tr("Kể cả nơi đã ngừng hoạt động"))
        top.addWidget(self.inactive)
        layout.addLayout(top)

        info = QHBoxLayout()
        self.as_of = QLabel(self)
        self.as_of.setStyleSheet("color: #333;")
        self.as_of.setWordWrap(True)
        info.addWidget(self.as_of, 1)
        self.count_label = QLabel(self)
        info.addWidget(self.count_label)
        layout.addLayout(info)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableView(splitter)
        self.model = DirectoryTableModel(self.app.taxonomy, self.lang, self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)  # Vietnamese names are long: wrap, never cut
        header = self.table.horizontalHeader()
        for col in (DirectoryTableModel.CATEGORIES, DirectoryTableModel.PLACE,
                    DirectoryTableModel.PHONE, DirectoryTableModel.HOURS,
                    DirectoryTableModel.VERIFIED):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        # Text columns wrap; the number and the date are shown whole at any font size.
        fit_columns(self.table, {DirectoryTableModel.CATEGORIES: 130,
                                 DirectoryTableModel.PLACE: 140,
                                 DirectoryTableModel.PHONE: "024 3000 0000",
                                 DirectoryTableModel.HOURS: 100,
                                 DirectoryTableModel.VERIFIED: "00/00/0000"},
                    stretch=(DirectoryTableModel.NAME, scaled_px(100)))
        self.table.setAccessibleName(self.tr("Kết quả tìm trong danh bạ"))
        self.side = QStackedWidget(splitter)
        self.detail = EntryDetail(self.app.taxonomy, self.lang, self.side)
        self.form = EntryForm(self.app, self.side)
        self.side.addWidget(self.detail)
        self.side.addWidget(self.form)
        splitter.addWidget(self.table)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 480])
        layout.addWidget(splitter, 1)

        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        self.messages = QPlainTextEdit(self)
        self.messages.setReadOnly(True)
        self.messages.setMaximumHeight(140)
        self.messages.setAccessibleName(self.tr("Lỗi và cảnh báo khi nhập"))
        self.messages.hide()
        layout.addWidget(self.messages)

        bottom = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Thêm địa chỉ"), self)
        bottom.addWidget(self.add_button)
        self.import_button = QPushButton(self.tr("Nhập…"), self)
        import_menu = QMenu(self.import_button)
        self.import_file_action = import_menu.addAction(self.tr("Tệp CSV hoặc zip HSDS…"))
        self.import_dir_action = import_menu.addAction(self.tr("Thư mục HSDS…"))
        self.import_button.setMenu(import_menu)
        bottom.addWidget(self.import_button)
        self.export_button = QPushButton(self.tr("Xuất…"), self)
        export_menu = QMenu(self.export_button)
        self.export_flat_action = export_menu.addAction(self.tr("CSV phẳng (Excel)…"))
        self.export_hsds_action = export_menu.addAction(self.tr("Open Referral HSDS (zip)…"))
        self.export_button.setMenu(export_menu)
        bottom.addWidget(self.export_button)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(260)
        self.progress.setAccessibleName(self.tr("Tiến độ nhập/xuất"))
        self.progress.hide()
        bottom.addWidget(self.progress)
        bottom.addStretch(1)
        layout.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.refresh)
        self._timer.timeout.connect(self.refresh)
        for combo in (self.category, self.province):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_now.toggled.connect(lambda _c: self.refresh())
        self.inactive.toggled.connect(lambda _c: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_row(current.row()))
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(lambda *_: self.table.resizeRowsToContents())
        self.add_button.clicked.connect(lambda: self.start_edit(None))
        self.detail.edit_requested.connect(self.start_edit)
        self.detail.active_toggle_requested.connect(self.toggle_active)
        self.detail.verify_requested.connect(self.mark_verified)
        self.detail.copied.connect(lambda number: self.bar.show_message(
            self.tr("Đã sao chép %1").replace("%1", number), "info", timeout_ms=2500))
        self.form.saved.connect(self._on_saved)
        self.form.cancelled.connect(lambda: self.side.setCurrentWidget(self.detail))
        self.import_file_action.triggered.connect(self._choose_import_file)
        self.import_dir_action.triggered.connect(self._choose_import_dir)
        self.export_flat_action.triggered.connect(lambda: self._choose_export("flat"))
        self.export_hsds_action.triggered.connect(lambda: self._choose_export("hsds"))
        shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setWhatsThis(self.tr("Đến ô tìm trong danh bạ"))
        shortcut.activated.connect(self.search.setFocus)

    def apply_permissions(self) -> None:
        """Add, import, edit and export for whoever is logged in (asked again on a switch)."""
        manage = self.app.can(Permission.MANAGE_DIRECTORY)
        self.add_button.setVisible(manage)
        self.import_button.setVisible(manage)
        self.detail.set_editable(manage)
        self.export_button.setVisible(self.app.can(Permission.EXPORT))

    # -- searching
    def query(self, limit: int = PAGE) -> DirectoryQuery:
        return DirectoryQuery(text=self.search.text(),
                              category=self.category.currentData() or None,
                              province=self.province.currentData() or None,
                              open_now=self.open_now.isChecked(),
                              include_inactive=self.inactive.isChecked(), limit=limit)

    def refresh(self, select_id: str | None = None) -> None:
        """Run the search again (typing, a filter, a save or an import)."""
        self._timer.stop()
        current = select_id or (self.detail.hit.entry.id if self.detail.hit else None)
        base = self.query()

        def fetch(limit: int) -> list[Hit]:
            return self.directory.search(replace(base, limit=limit))

        self.model.set_source(fetch)
        bundle = self.directory.bundle()
        self.as_of.setText(self.tr("Danh bạ quốc gia đi kèm (phiên bản %1): cập nhật đến %2")
                           .replace("%1", bundle.version).replace("%2", _vn_date(bundle.as_of)))
        shown = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        self.count_label.setText(self.tr("%1 kết quả").replace("%1", f"{shown}{more}"))
        row = self.model.row_of(current) if current else -1
        self._select(row if row >= 0 else 0)

    def _after_reset(self) -> None:
        self.table.resizeRowsToContents()
        if self.model.rowCount() == 0:
            self.detail.set_hit(None)

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self._show_row(row)
        else:
            self.detail.set_hit(None)

    def _show_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is None:
            return
        history = []
        if self.app.can(Permission.MANAGE_DIRECTORY):
            labels = {"create": self.tr("tạo"), "update": self.tr("sửa"),
                      "deactivate": self.tr("ngừng hoạt động"),
                      "reactivate": self.tr("hoạt động lại"), "import": self.tr("nhập"),
                      "bundle": self.tr("cập nhật bản đi kèm")}
            for change in self.directory.history(hit.entry.id)[:5]:
                fields = f" ({', '.join(change.fields)})" if change.fields else ""
                history.append(f"{display_datetime(change.at)} · "
                               f"{labels.get(change.action, change.action)}{fields} · "
                               f"{change.by}")
        self.detail.set_hit(hit, history)
        if self.side.currentWidget() is not self.form:
            self.side.setCurrentWidget(self.detail)

    def current_entry(self) -> Entry | None:
        return self.detail.hit.entry if self.detail.hit else None

    # -- local entries
    def start_edit(self, entry: Entry | None) -> None:
        self.form.load(entry)
        self.side.setCurrentWidget(self.form)

    def _on_saved(self, entry: Entry) -> None:
        self.side.setCurrentWidget(self.detail)
        self.bar.show_message(self.tr("Đã lưu: %1").replace("%1", entry.name), "success",
                              timeout_ms=4000)
        self.refresh(select_id=entry.id)
        if self.model.row_of(entry.id) < 0:  # hidden by the filters: show it anyway
            now = self.app.clock.now()
            self.detail.set_hit(Hit(entry, self.directory.proximity(entry),
                                    entry.open_at(now), entry.is_stale(now.date())))
        self.entry_saved.emit(entry)

    def toggle_active(self, entry: Entry) -> None:
        try:
            if entry.active:
                changed = self.directory.deactivate(entry.id, by=self.app.actor)
                message = self.tr("Đã ngừng hoạt động: %1 (vẫn lưu trong danh bạ và nhật ký)")
            else:
                changed = self.directory.reactivate(entry.id, by=self.app.actor)
                message = self.tr("Đã cho hoạt động lại: %1")
        except NotFound as exc:
            self.bar.show_message(str(exc), "error")
            return
        self.app.audit.record(self.app.actor, "directory.deactivate" if entry.active
                              else "directory.reactivate", entry.id, ("active",), "")
        self.bar.show_message(message.replace("%1", changed.name), "success", timeout_ms=5000)
        self.refresh(select_id=changed.id)

    def mark_verified(self, entry: Entry) -> None:
        try:
            changed = self.directory.mark_verified(entry.id, by=self.app.operator)
        except EntryInvalid as exc:
            self.bar.show_message(str(exc), "error")
            return
        self.bar.show_message(self.tr("Đã ghi xác minh hôm nay: %1").replace("%1", changed.name),
                              "success", timeout_ms=4000)
        self.refresh(select_id=changed.id)

    # -- import / export (off the UI thread, own connection)
    def _choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Nhập danh bạ"), "", self.tr("Danh bạ (*.csv *.txt *.xlsx *.zip)"))
        if path:
            self.import_from(Path(path))

    def _choose_import_dir(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Thư mục HSDS"))
        if path:
            self.import_from(Path(path))

    def _choose_export(self, fmt: str) -> None:
        suggested = "danh-ba.csv" if fmt == "flat" else "danh-ba-hsds.zip"
        filters = self.tr("CSV (*.csv)") if fmt == "flat" else self.tr("Zip (*.zip)")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất danh bạ"), suggested, filters)
        if path:
            self.export_to(Path(path), fmt)

    def _start_busy(self, text: str) -> bool:
        if self._busy:
            self.bar.show_message(self.tr("Đang nhập/xuất, hãy đợi xong."), "warning",
                                  timeout_ms=3000)
            return False
        self._busy = True
        self.import_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.messages.hide()
        self.bar.show_message(text, "info")
        return True

    def _end_busy(self) -> None:
        self._busy = False
        self.import_button.setEnabled(True)
        self.export_button.setEnabled(True)
        self.progress.hide()

    def _on_progress(self, done: int, total: int) -> None:
        if alive(self) and total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def import_from(self, path: Path) -> None:
        """Import a flat CSV, an HSDS folder or zip in a worker; all or nothing."""
        if not self._start_busy(self.tr("Đang nhập %1…").replace("%1", path.name)):
            return
        store, service, actor = self.app.store, self.directory, self.app.actor

        def work(progress: Callable[[int, int], None]) -> ImportReport:
            conn = store.new_connection()
            try:
                return exchange.import_path(service, path, by=actor, conn=conn,
                                            progress=progress)
            finally:
                conn.close()

        def done(report: ImportReport) -> None:
            if not alive(self):
                return
            self._end_busy()
            self.app.audit.record(self.app.actor, "directory.import", path.name, (),
                                  f"{report.format}: {report.created} created, "
                                  f"{report.updated} updated")
            kind = "warning" if report.warnings or report.duplicates else "success"
            self.bar.show_message(self.tr("Đã nhập %1: %2").replace("%1", path.name)
                                  .replace("%2", report.summary()), kind)
            lines = [self.tr("Trùng (bỏ qua): %1").replace("%1", str(d))
                     for d in report.duplicates]
            lines += [self.tr("Cảnh báo: %1").replace("%1", str(w)) for w in report.warnings]
            self._show_messages(lines)
            self.refresh()
            self.import_finished.emit(report)

        def failed(exc: Exception, _trace: str) -> None:
            if not alive(self):
                return
            self._end_busy()
            if isinstance(exc, ImportFailed):
                self.bar.show_message(
                    self.tr("Không nhập mục nào từ %1: %2 lỗi (danh bạ không thay đổi).")
                    .replace("%1", path.name).replace("%2", str(len(exc.errors))), "error")
                self._show_messages([str(e) for e in exc.errors]
                                    + [self.tr("Cảnh báo: %1").replace("%1", str(w))
                                       for w in exc.warnings])
            else:
                self.bar.show_message(self.tr("Không nhập được %1: %2").replace(
                    "%1", path.name).replace("%2", str(exc)), "error")
            self.import_finished.emit(exc)

        run_task(work, on_done=done, on_error=failed, on_progress=self._on_progress)

    def export_to(self, path: Path, fmt: str | None = None) -> None:
        """Write every entry (deactivated ones too) as flat CSV or HSDS, in a worker."""
        if not self._start_busy(self.tr("Đang xuất %1…").replace("%1", path.name)):
            return
        store, service = self.app.store, self.directory

        def work(progress: Callable[[int, int], None]) -> int:
            conn = store.new_connection(readonly=True)
            try:
                return exchange.export_path(service, path, fmt=fmt, conn=conn,
                                            progress=progress)
            finally:
                conn.close()

        def done(count: int) -> None:
            if not alive(self):
                return
            self._end_busy()
            self.app.audit.record(self.app.actor, "directory.export", path.name, (),
                                  f"{fmt or exchange.guess_format(path)}: {count}")
            self.bar.show_message(self.tr("Đã xuất %1 mục vào %2").replace("%1", str(count))
                                  .replace("%2", str(path)), "success")
            self.export_finished.emit(count)

        def failed(exc: Exception, _trace: str) -> None:
            if not alive(self):
                return
            self._end_busy()
            self.bar.show_message(self.tr("Không xuất được %1: %2").replace("%1", str(path))
                                  .replace("%2", str(exc)), "error")
            self.export_finished.emit(exc)

        run_task(work, on_done=done, on_error=failed, on_progress=self._on_progress)

    def _show_messages(self, lines: list[str]) -> None:
        if not lines:
            self.messages.hide()
            return
        shown = lines[:MAX_MESSAGES]
        if len(lines) > MAX_MESSAGES:
            shown.append(self.tr("… và %1 dòng khác").replace("%1", str(len(lines) -
                                                                         MAX_MESSAGES)))
        self.messages.setPlainText("\n".join(shown))
        self.messages.show()


# ================================================================ beside the call form
class DirectorySearchPanel(QWidget):
    """The directory beside the call form: find a service near the caller and refer.

    `refer_requested(Referral)` carries a snapshot (name, number, entry id, category) with
    status "suggested"; the window hands it to `CallForm.add_referral`. `set_location` and
    `show_emergency` are driven by the form's `location_changed` / `urgency_changed`.
    """

    refer_requested = Signal(object)  # hotline.calls.models.Referral

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.directory = app.directory
        self.lang = app.settings.language
        self._province = ""
        self._ward = ""
        self._emergency: list[Hit] = []
        self._build()
        self._connect_signals()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Tìm nơi hỗ trợ (Enter: giới thiệu)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Tìm nơi hỗ trợ để giới thiệu"))
        layout.addWidget(self.search)
        row = QHBoxLayout()
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Nhóm dịch vụ"))
        self.category.addItem(self.tr("Mọi nhóm"), "")
        for term in self.app.taxonomy.terms("directory_categories"):
            self.category.addItem(term.label(self.lang), term.code)
        # Not as wide as the longest category: at a large font the panel would push the
        # window past a 1366-px screen (the open list still shows whole names).
        self.category.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.category.setMinimumContentsLength(10)
        row.addWidget(self.category, 1)
        self.open_now = QCheckBox(self.tr("Đang làm việc"), self)
        self.open_now.setAccessibleName(self.tr("Chỉ nơi đang làm việc lúc này"))
        row.addWidget(self.open_now)
        layout.addLayout(row)
        self.location = QLabel(self)
        self.location.setWordWrap(True)
        self.location.setStyleSheet("color: #333;")
        layout.addWidget(self.location)

        # Each service on two lines — its number and "refer" button, then its whole name —
        # so that at 1366×768 (and at a large font) neither the number nor the name is
        # squeezed into a narrow column; the list scrolls when the panel is short (the
        # national numbers come first, so they are always in view).
        self.emergency_box = QFrame(self)
        self.emergency_box.setObjectName("Emergency")
        self.emergency_box.setStyleSheet(EMERGENCY_CSS)
        self.emergency_box.setAccessibleName(self.tr("Số khẩn cấp"))
        emergency_layout = QVBoxLayout(self.emergency_box)
        emergency_layout.setContentsMargins(8, 6, 4, 6)
        title = QLabel(self.tr("KHẨN CẤP — gọi ngay"), self.emergency_box)
        title.setWordWrap(True)
        set_scaled_style(title, "color: #8a1020; font-weight: 800; font-size: +3pt;")
        emergency_layout.addWidget(title)
        self.emergency_scroll = FitScrollArea(self.emergency_box)
        self.emergency_scroll.setWidgetResizable(True)
        self.emergency_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.emergency_scroll.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.emergency_scroll.setStyleSheet("QScrollArea, #EmergencyList "
                                            "{ background: transparent; }")
        emergency_list = QWidget(self.emergency_scroll)
        emergency_list.setObjectName("EmergencyList")
        self.emergency_grid = QGridLayout(emergency_list)
        self.emergency_grid.setContentsMargins(0, 0, 4, 0)
        self.emergency_grid.setHorizontalSpacing(8)
        self.emergency_grid.setVerticalSpacing(0)
        self.emergency_scroll.setWidget(emergency_list)
        emergency_layout.addWidget(self.emergency_scroll, 1)
        self.emergency_box.hide()
        layout.addWidget(self.emergency_box)

        self.table = QTableView(self)
        self.model = DirectoryTableModel(self.app.taxonomy, self.lang, self)
        self.table.setModel(self.model)
        for col in range(self.model.columnCount()):
            if col not in (DirectoryTableModel.NAME, DirectoryTableModel.PHONE):
                self.table.setColumnHidden(col, True)
        self.table.horizontalHeader().setSectionResizeMode(
            DirectoryTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            DirectoryTableModel.PHONE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName(self.tr("Nơi hỗ trợ tìm được"))
        self.table.setWordWrap(True)
        self.model.modelReset.connect(self.table.resizeRowsToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.table, 1)  # gives way first: the emergency list, the detail
        keep_rows_visible(self.table, 3)  # but keeps a row (a name on 3 lines) in view

        self.detail = QFrame(self)
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel(self.detail)
        self.detail_title.setWordWrap(True)
        set_scaled_style(self.detail_title, "font-weight: 700; font-size: +2pt;")
        detail_layout.addWidget(self.detail_title)
        self.detail_meta = QLabel(self.detail)
        self.detail_meta.setWordWrap(True)
        detail_layout.addWidget(self.detail_meta)
        self.detail_stale = QLabel(self.detail)
        self.detail_stale.setWordWrap(True)
        self.detail_stale.setStyleSheet(STALE_CSS)
        detail_layout.addWidget(self.detail_stale)
        self.phone_box = QVBoxLayout()
        detail_layout.addLayout(self.phone_box)
        detail_layout.addStretch(1)  # the lines stay together at the top
        # Scrolls when the panel is short, so that an emergency list keeps its room.
        self.detail_scroll = FitScrollArea(self)
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(self.detail)
        layout.addWidget(self.detail_scroll)
        self.refer_button = QPushButton(self.tr("Giới thiệu cho người gọi (Enter)"), self)
        self.refer_button.setAccessibleName(self.tr("Thêm chuyển tuyến vào cuộc gọi"))
        layout.addWidget(self.refer_button)
        self.bar = InlineBar(self)
        layout.addWidget(self.bar)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self._timer.timeout.connect(self.refresh)
        self.search.returnPressed.connect(self._on_search_enter)
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_now.toggled.connect(lambda _c: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_row(current.row()))
        self.table.activated.connect(lambda _index: self.refer_current())
        self.refer_button.clicked.connect(self.refer_current)
        self.search.installEventFilter(self)

    def eventFilter(self, obj: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if (obj is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.model.rowCount()):
            self.table.setFocus()
            self.table.selectRow(max(0, self.table.currentIndex().row()))
            return True
        return super().eventFilter(obj, event)

    # -- state from the call form
    def set_location(self, province_code: str, ward_code: str = "") -> None:
        """Order results near the caller: same ward, same province, national, the rest."""
        if (province_code, ward_code) == (self._province, self._ward):
            return
        self._province, self._ward = province_code or "", ward_code or ""
        self.refresh()
        if self.emergency_box.isVisible():
            self.show_emergency(self._province, self._ward)

    def set_urgency(self, code: str) -> None:
        """Connect to `CallForm.urgency_changed`: emergencies show the numbers at once."""
        if code == "emergency":
            self.show_emergency(self._province, self._ward)
        else:
            self.hide_emergency()

    def show_emergency(self, province_code: str = "", ward_code: str = "") -> None:
        """113, 115, 111 and the local police and health entries, each referable."""
        if province_code and province_code != self._province:
            self._province, self._ward = province_code, ward_code or ""
            self.refresh()
        self._emergency = self.directory.emergency(province_code or self._province,
                                                   ward_code or self._ward)
        while self.emergency_grid.count():
            item = self.emergency_grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        holder = self.emergency_scroll.widget()
        for index, hit in enumerate(self._emergency):
            number = QLabel(hit.entry.phones[0].display if hit.entry.phones else "", holder)
            set_scaled_style(number, EMERGENCY_NUMBER_CSS)
            number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = QPushButton(self.tr("Giới thiệu"), holder)
            button.setAccessibleName(self.tr("Giới thiệu %1").replace("%1", hit.entry.name))
            button.clicked.connect(lambda _c=False, h=hit: self.refer(h.entry))
            name = QLabel(hit.entry.name, holder)
            name.setWordWrap(True)
            name.setContentsMargins(0, 0, 0, 6)
            self.emergency_grid.addWidget(number, 2 * index, 0)
            self.emergency_grid.addWidget(button, 2 * index, 1,
                                          Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
            self.emergency_grid.addWidget(name, 2 * index + 1, 0, 1, 2)
        self.emergency_grid.setColumnStretch(0, 1)
        # Never narrower than a number beside its button (the list scrolls only downwards).
        self.emergency_scroll.setMinimumWidth(
            holder.minimumSizeHint().width()
            + self.emergency_scroll.verticalScrollBar().sizeHint().width())
        # The panel's layout keeps the height it last asked for; ask again (the list may
        # have been filled while another tab was in front).
        self.emergency_scroll.updateGeometry()
        self.emergency_box.show()

    def hide_emergency(self) -> None:
        self.emergency_box.hide()

    def emergency_hits(self) -> list[Hit]:
        return list(self._emergency)

    # -- searching
    def refresh(self) -> None:
        self._timer.stop()
        base = DirectoryQuery(text=self.search.text(),
                              category=self.category.currentData() or None,
                              near_province=self._province, near_ward=self._ward,
                              open_now=self.open_now.isChecked(), limit=PAGE)

        def fetch(limit: int) -> list[Hit]:
            return self.directory.search(replace(base, limit=limit))

        self.model.set_source(fetch)
        if self._province:
            where = (f"{admin_units.ward_name(self._ward)}, " if self._ward else "") + \
                admin_units.province_name(self._province)
            self.location.setText(self.tr("Gần người gọi: %1").replace("%1", where))
        else:
            self.location.setText(self.tr("Chưa biết nơi người gọi: chọn tỉnh/xã trong phiếu "
                                          "để xếp nơi gần trước."))
        if self.model.rowCount():
            self.table.selectRow(0)
            self._show_row(0)
        else:
            self._show_row(-1)

    def _show_row(self, row: int) -> None:
        hit = self.model.hit(row)
        _clear_layout(self.phone_box)
        self.refer_button.setEnabled(hit is not None)
        if hit is None:
            self.detail_title.setText(self.tr("Không tìm thấy nơi nào.") if
                                      self.search.text() else "")
            self.detail_meta.clear()
            self.detail_stale.hide()
            return
        entry = hit.entry
        self.detail_title.setText(entry.name)
        near = {NEAR_WARD: self.tr("cùng xã/phường"), NEAR_PROVINCE: self.tr("cùng tỉnh"),
                NATIONAL: self.tr("toàn quốc")}.get(hit.proximity, "")
        bits = [categories_text(entry, self.app.taxonomy, self.lang), place_text(entry), near,
                open_text(hit), hours_mod.describe(entry.parsed_hours, self.lang)]
        self.detail_meta.setText(" · ".join(b for b in bits if b))
        self.detail_stale.setText(self.tr("Chưa xác minh trong 12 tháng: gọi kiểm tra trước."))
        self.detail_stale.setVisible(hit.stale)
        for phone in entry.phones:
            block = PhoneBlock(phone.number, phone.label, self.detail)
            block.copied.connect(lambda number: self.bar.show_message(
                self.tr("Đã sao chép %1").replace("%1", number), "info", timeout_ms=2500))
            self.phone_box.addWidget(block)

    def _on_search_enter(self) -> None:
        self.refresh()
        self.refer_current()

    def current_hit(self) -> Hit | None:
        return self.model.hit(self.table.currentIndex().row())

    def refer_current(self) -> Referral | None:
        hit = self.current_hit()
        return self.refer(hit.entry) if hit is not None else None

    def refer(self, entry: Entry) -> Referral:
        referral = self.directory.referral_from_entry(entry)
        if not referral.created_by:
            referral = replace(referral, created_by=self.app.operator)
        self.refer_requested.emit(referral)
        self.bar.show_message(self.tr("Đã giới thiệu: %1").replace("%1", entry.name), "success",
                              timeout_ms=3000)
        return referral


# ================================================================== referral status
class ReferralStatusWidget(QWidget):
    """Update the status of saved referrals (a call's detail, the follow-up list)."""

    referral_updated = Signal(int, str)  # referral id, new status
    open_call_requested = Signal(int)

    def __init__(self, calls: CallService, taxonomy: Taxonomy, lang: str = "vi",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calls = calls
        self.taxonomy = taxonomy
        self.lang = lang
        self._items: list[Referral | ReferralItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Các chuyển tuyến"))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Trạng thái chuyển tuyến"))
        for term in taxonomy.terms("referral_statuses"):
            self.status.addItem(term.label(lang), term.code)
        row.addWidget(self.status)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Ghi chú (ví dụ: đã gọi, hẹn ngày mai)"))
        self.note.setAccessibleName(self.tr("Ghi chú chuyển tuyến"))
        row.addWidget(self.note, 1)
        self.update_button = QPushButton(self.tr("Cập nhật"), self)
        row.addWidget(self.update_button)
        self.open_button = QPushButton(self.tr("Mở cuộc gọi"), self)
        self.open_button.hide()
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.list.currentRowChanged.connect(self._on_row)
        self.update_button.clicked.connect(self.apply)
        self.note.returnPressed.connect(self.apply)
        self.open_button.clicked.connect(self._open_call)
        self._on_row(-1)

    def set_referrals(self, items: Sequence[Referral | ReferralItem]) -> None:
        self._items = []
        self.list.clear()
        self.add_referrals(items)
        self.list.setCurrentRow(0 if self._items else -1)
        self._on_row(self.list.currentRow())

    def add_referrals(self, items: Sequence[Referral | ReferralItem]) -> None:
        """Append the next page (the selection and the scroll position stay)."""
        new = [i for i in items if i.id is not None]
        self._items.extend(new)
        for item in new:
            self.list.addItem(QListWidgetItem(self._line(item)))
        self.open_button.setVisible(any(isinstance(i, ReferralItem) for i in self._items))

    def items(self) -> list[Referral | ReferralItem]:
        return list(self._items)

    def _line(self, item: Referral | ReferralItem) -> str:
        phone = phones.display(item.phone) if item.phone else ""
        status = self.taxonomy.label("referral_statuses", item.status, self.lang)
        parts = [item.name, phone, status, item.note]
        if isinstance(item, ReferralItem):
            parts.insert(0, self.tr("Cuộc gọi #%1 (%2)").replace("%1", str(item.call_id))
                         .replace("%2", display_datetime(item.call_received_at)))
        return " · ".join(p for p in parts if p)

    def _on_row(self, row: int) -> None:
        ok = 0 <= row < len(self._items)
        for widget in (self.status, self.note, self.update_button, self.open_button):
            widget.setEnabled(ok)
        if ok:
            item = self._items[row]
            self.status.setCurrentIndex(max(0, self.status.findData(item.status)))
            self.note.setText(item.note)
        self.error.set_error("")

    def select(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def apply(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._items):
            return
        item = self._items[row]
        status = str(self.status.currentData())
        note = self.note.text().strip()
        assert item.id is not None
        try:
            self.calls.update_referral(item.id, status, note)
        except ValueError as exc:
            self.error.set_error(str(exc))
            return
        self._items[row] = replace(item, status=status, note=note)
        self.list.item(row).setText(self._line(self._items[row]))
        self.referral_updated.emit(item.id, status)

    def _open_call(self) -> None:
        row = self.list.currentRow()
        item = self._items[row] if 0 <= row < len(self._items) else None
        if isinstance(item, ReferralItem):
            self.open_call_requested.emit(item.call_id)


class OpenReferralsView(QWidget):
    """Referrals still in progress (suggested, contacted, accepted), oldest first: the
    referral part of the follow-up list.

    Nothing is read while the window is built: the list loads on the reader thread when the
    page is first shown, a page at a time (the next one when the list is scrolled to its
    end: keyset paging on the `referrals_open` index, as fast deep in the list as at the
    top). A saved call marks the list stale; it reloads the next time it is shown.
    """

    open_call_requested = Signal(int)

    def __init__(self, app: App, reader: DbReader, events: CallEvents | None = None,
                 parent: QWidget | None = None, *, page_size: int = REFERRAL_PAGE) -> None:
        super().__init__(parent)
        self.app = app
        self.reader = reader
        self.page_size = page_size
        self.loading = False
        self._stale = True  # never loaded yet
        self._exhausted = True
        self._total = 0
        self._generation = 0
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Chuyển tuyến cần theo dõi"), self)
        set_scaled_style(title, "font-weight: 700; font-size: +3pt;")
        layout.addWidget(title)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.editor = ReferralStatusWidget(app.calls, app.taxonomy, app.settings.language,
                                           self)
        layout.addWidget(self.editor, 1)
        self.editor.open_call_requested.connect(self.open_call_requested)
        self.editor.list.verticalScrollBar().valueChanged.connect(self._on_scroll)
        if events is not None:
            events.call_saved.connect(lambda _call: self.mark_stale())

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def mark_stale(self) -> None:
        """The referrals changed elsewhere: reload now if on screen, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Load the first page and the count of open referrals on the reader thread."""
        self._generation += 1
        generation = self._generation
        self._stale = False
        self._exhausted = False
        self.loading = True
        self.status.setText(self.tr("Đang tải…"))
        directory, limit = self.app.directory, self.page_size

        def work(conn: Any) -> tuple[int, list[ReferralItem]]:
            return (directory.open_referral_count(conn=conn),
                    directory.referrals(limit=limit, conn=conn))

        def done(result: tuple[int, list[ReferralItem]]) -> None:
            if not alive(self) or generation != self._generation:
                return
            self._total, page = result
            self._exhausted = len(page) < limit
            self.editor.set_referrals(page)  # still `loading`: the reset's scrolling asks nothing
            self.loading = False
            self._show_status()
            self._fetch_if_at_end()

        self.reader.submit(work, on_done=done,
                           on_error=lambda exc, _tb: self._failed(generation, exc))

    def fetch_more(self) -> None:
        """The next page after the last referral shown (keyset: created_at, id)."""
        if self.loading or self._exhausted:
            return
        items = self.editor.items()
        if not items:
            return
        last = items[-1]
        assert last.id is not None
        after = (last.created_at, last.id)
        generation = self._generation
        self.loading = True
        directory, limit = self.app.directory, self.page_size

        def work(conn: Any) -> list[ReferralItem]:
            return directory.referrals(limit=limit, after=after, conn=conn)

        def done(page: list[ReferralItem]) -> None:
            if not alive(self) or generation != self._generation:
                return
            self._exhausted = len(page) < limit
            self.editor.add_referrals(page)
            self.loading = False
            self._show_status()
            self._fetch_if_at_end()

        self.reader.submit(work, on_done=done,
                           on_error=lambda exc, _tb: self._failed(generation, exc))

    def _on_scroll(self, value: int) -> None:
        bar = self.editor.list.verticalScrollBar()
        if value >= bar.maximum() - bar.pageStep() // 2:
            self.fetch_more()

    def _fetch_if_at_end(self) -> None:
        """Rows that do not fill the list (a tall window) leave no scroll bar to move: ask
        for the next page at once. (The list lays its rows out later, on a timer; its scroll
        range is only right once they are laid out.)"""
        if self._exhausted or not self.isVisible():
            return
        self.editor.list.doItemsLayout()
        if self.editor.list.verticalScrollBar().maximum() == 0:
            self.fetch_more()

    def _show_status(self) -> None:
        shown = len(self.editor.items())
        if not shown:
            self.status.setText(self.tr("Không có chuyển tuyến nào đang theo dõi."))
            return
        text = self.tr("%1 chuyển tuyến đang theo dõi, cũ nhất trước.").replace(
            "%1", f"{self._total:,}".replace(",", "."))
        if not self._exhausted:
            text += " " + self.tr("Đang hiện %1; kéo xuống cuối danh sách để xem thêm.").replace(
                "%1", f"{shown:,}".replace(",", "."))
        self.status.setText(text)

    def _failed(self, generation: int, exc: Exception) -> None:
        if not alive(self) or generation != self._generation:
            return
        self.loading = False
        self._exhausted = True
        self._stale = True  # try again when next shown
        self.status.setText(self.tr("Không tải được danh sách chuyển tuyến: %1").replace(
            "%1", str(exc)))
