"""The call form: logging a call while the caller is on the line.

Keyboard first (DESIGN §1: a routine call in under a minute of typing):
- Ctrl+N starts a call (received_at = now) and a running timer; typing into an idle form
  starts one too, so nothing typed is ever outside a call.
- Ctrl+S saves (CallService.save with the draft id, in one commit) and stops the timer.
- Esc offers to discard in an inline bar; nothing modal ever blocks typing.
- Alt+1…5 log a non-counselling call (silent, hang-up, wrong number, prank, test) at once.
- Labels carry Alt mnemonics; the tab order follows the form top to bottom.

Nothing lost: every change is saved as a draft (debounced `settings.draft_interval_ms`, and
at least every 2 s while typing goes on). Drafts left by a crash, a kill or a power cut are
offered in a banner at the top to be resumed, with every field and the timer's start.

For other panels (library, directory): `add_citation()`, `add_referral()`,
`current_province()`, `current_ward()`, and the signals `location_changed(province, ward)`
and `urgency_changed(code)`.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QDateTime, Qt, QThreadPool, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hotline import admin_units, phones
from hotline.calls.models import Call, CallFilter, Citation, Draft, Referral
from hotline.calls.service import ConflictError, NotFoundError, stored_phone
from hotline.calls.validation import FieldError, ValidationError, validate
from hotline.clock import iso, parse_iso
from hotline.ui.fitting import ReflowGroup, WrapCheckBox
from hotline.ui.history_view import HistoryView
from hotline.ui.prior_calls import PriorCallsPanel
from hotline.ui.styles import HeaderBar, set_scaled_style
from hotline.ui.tasks import alive, run_task
from hotline.ui.widgets import (
    CODE_ROLE,
    CategoryPicker,
    DateTimeField,
    ErrorLabel,
    FlowLayout,
    InlineBar,
    SearchCombo,
)

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.ui.events import CallEvents

DRAFT_FORMAT = 1
DRAFT_MAX_WAIT_MS = 2000
PARK_WAIT_MS = 5000  # the draft write before a lock (and the hand-over after it) waits this long
CHILD_AGE_GROUPS = frozenset({"0-5", "6-11", "12-15"})
CHILD_EMERGENCY_HOURS = 12  # NĐ 56/2017 Đ.26: emergency measures for a child within 12 hours
EMERGENCY_HOURS = 24
NON_COUNSELLING = ("nc.silent", "nc.hangup", "nc.wrong_number", "nc.prank", "nc.test")
PRIOR_LINK_LIMIT = 1000
# Which widget shows a ValidationError for each field of Call.
FIELD_WIDGETS = {
    "channel": "channel", "phone": "phone", "caller_name": "caller_name",
    "caller_sex": "caller_sex", "caller_age_group": "caller_age_group",
    "caller_relation": "caller_relation", "province_code": "province", "ward_code": "ward",
    "victim_sex": "victim_sex", "victim_age_group": "victim_age_group",
    "vulnerable": "vulnerable", "categories": "categories", "level": "level",
    "urgency": "urgency", "summary": "summary", "outcome": "outcome",
    "follow_up_at": "follow_up", "case_number": "case", "received_at": "header",
    "duration_s": "header",
}


class CallForm(QWidget):
    """Every field of a call (DESIGN §3), drafts, repeat callers, versions."""

    call_saved = Signal(object)  # Call
    location_changed = Signal(str, str)  # province code, ward code ("" when not chosen)
    urgency_changed = Signal(str)
    timer_changed = Signal(str)  # "12:34" while a call runs, "" when idle
    state_changed = Signal()  # started, loaded, saved or discarded
    draft_saved = Signal(str)  # draft id, after each durable draft write

    def __init__(self, app: App, events: CallEvents | None = None,
                 parent: QWidget | None = None, *, own_shortcuts: bool = True) -> None:
        """`own_shortcuts=False` when a window owns Ctrl+N/Ctrl+S/Alt+1…5 (so they also work
        from its other pages); Esc always belongs to the form."""
        super().__init__(parent)
        self._own_shortcuts = own_shortcuts
        self.app = app
        self.calls = app.calls
        self.tax = app.taxonomy
        self.clock = app.clock
        self.events = events
        self.lang = app.settings.language
        self._active = False
        self._loading = False
        self._dirty = False
        self._received_at: datetime | None = None
        self._call_id: int | None = None
        self._version = 1
        self._orig_ended_at: datetime | None = None
        self._orig_duration: int | None = None
        self._orig_operator = ""  # who took a saved call: an edit does not change it
        self._draft_id: str | None = None
        self._referrals: list[Referral] = []
        self._citations: list[Citation] = []
        self._case_number = ""
        self._case_mode = ""  # "", "new", "with_prior"
        self._prior_ids: list[int] = []
        self._follow_up_auto = False
        self._phone_e164: str | None = None
        self._location = ("", "")
        self._urgency = "routine"
        self._history_windows: list[HistoryView] = []
        self._wards_province: str | None = None
        self.errors: dict[str, ErrorLabel] = {}
        self.pending_drafts: list[Draft] = []  # unfinished calls offered in the banner

        self._build()
        self._connect_signals()
        self._set_idle()

    # ================================================================= layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)

        self.title = QLabel(self)
        set_scaled_style(self.title, "font-size: +5pt; font-weight: 700;")
        self.title.setWordWrap(True)
        self.timer_label = QLabel(self)
        set_scaled_style(self.timer_label, "font-size: +9pt; font-weight: 700; color: #0b3d91;"
                                           " font-family: monospace;")
        self.timer_label.setAccessibleName(self.tr("Thời gian cuộc gọi"))
        self.new_button = QPushButton(self.tr("Cuộc gọi mới"), self)
        self.new_button.setToolTip("Ctrl+N")
        self.save_button = QPushButton(self.tr("Lưu"), self)
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.setDefault(False)
        self.save_button.setStyleSheet("font-weight: 700;")
        self.discard_button = QPushButton(self.tr("Bỏ"), self)
        self.discard_button.setToolTip("Esc")
        self.history_button = QPushButton(self.tr("Lịch sử sửa"), self)
        # The buttons go under the title when both do not fit on one line (a large font).
        self.header = HeaderBar(self.title, [self.timer_label, self.new_button,
                                             self.save_button, self.discard_button,
                                             self.history_button], self)
        outer.addWidget(self.header)
        self.header_error = ErrorLabel(self)
        outer.addWidget(self.header_error)
        self.errors["header"] = self.header_error

        self.drafts_box = QFrame(self)
        self.drafts_box.setObjectName("DraftsBox")
        self.drafts_box.setStyleSheet("#DraftsBox { background: #fff4d6; border: 1px solid "
                                      "#e3c268; border-radius: 4px; }")
        self.drafts_layout = QVBoxLayout(self.drafts_box)
        self.drafts_layout.setContentsMargins(8, 6, 8, 6)
        self.drafts_box.hide()
        outer.addWidget(self.drafts_box)

        self.bar = InlineBar(self)
        outer.addWidget(self.bar)

        self.emergency = QLabel(self)
        self.emergency.setObjectName("EmergencyBanner")
        self.emergency.setWordWrap(True)
        set_scaled_style(self.emergency,
                         "#EmergencyBanner { background: #b00020; color: white;"
                         " font-size: +2pt; padding: 6px 10px; border-radius: 4px; }")
        self.emergency.setTextFormat(Qt.TextFormat.RichText)
        self.emergency.hide()
        outer.addWidget(self.emergency)

        nc_row = FlowLayout()  # wraps at a large font rather than widen the window
        nc_label = QLabel(self.tr("Không tư vấn (lưu ngay):"), self)
        nc_row.addWidget(nc_label)
        self.nc_buttons: dict[str, QPushButton] = {}
        for number, code in enumerate(NON_COUNSELLING, start=1):
            label = self.tax.label("categories", code, self.lang).split(":")[-1].strip()
            label = label[:1].upper() + label[1:]
            button = QPushButton(f"{label} (Alt+{number})", self)
            button.setAccessibleName(self.tr("Lưu ngay cuộc gọi không tư vấn: %1")
                                     .replace("%1", label))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            nc_row.addWidget(button)
            self.nc_buttons[code] = button
        outer.addLayout(nc_row)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        self.body = body
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 0, 4, 0)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.scroll_area = scroll

        self._build_caller()
        self._build_place()
        self._build_victim()
        self._build_issue()
        self._build_content()
        self._build_after()
        self._build_links()
        self.body_layout.addStretch(1)
        self._set_tab_order()

    def _group(self, title: str) -> QGridLayout:
        box = ReflowGroup(title, self.body)  # one pair of fields a line when narrow
        box.setStyleSheet("QGroupBox { font-weight: 700; } QGroupBox * { font-weight: normal; }")
        grid = box.grid
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.body_layout.addWidget(box)
        return grid

    def _field(self, grid: QGridLayout, row: int, col: int, label: str, widget: QWidget,
               key: str, *, span: int = 1) -> None:
        """A label (with its Alt mnemonic) and the widget with its inline error under it."""
        caption = QLabel(label, widget.parentWidget())
        caption.setBuddy(widget)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        caption.setWordWrap(False)
        widget.setAccessibleName(label.replace("&", ""))
        holder = QWidget(widget.parentWidget())
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        error = ErrorLabel(holder)
        box.addWidget(error)
        self.errors[key] = error
        grid.addWidget(caption, row, col * 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(holder, row, col * 2 + 1, 1, span * 2 - 1)
        caption.setContentsMargins(0, 4, 0, 0)

    def _combo(self, list_name: str, empty: str | None = None) -> QComboBox:
        combo = QComboBox(self.body)
        if empty is not None:
            combo.addItem(empty, "")
        for term in self.tax.terms(list_name):
            combo.addItem(term.label(self.lang), term.code)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    def _build_caller(self) -> None:
        grid = self._group(self.tr("Người gọi"))
        self.channel = self._combo("channels")
        self.phone = QLineEdit(self.body)
        self.phone.setPlaceholderText(self.tr("để trống nếu ẩn số"))
        self.phone.setClearButtonEnabled(True)
        self.phone_hint = QLabel(self.body)
        self.phone_hint.setStyleSheet("color: #333;")
        phone_box = QWidget(self.body)
        phone_layout = QVBoxLayout(phone_box)
        phone_layout.setContentsMargins(0, 0, 0, 0)
        phone_layout.setSpacing(2)
        phone_layout.addWidget(self.phone)
        phone_layout.addWidget(self.phone_hint)
        self.caller_name = QLineEdit(self.body)
        self.caller_name.setPlaceholderText(self.tr("không bắt buộc — có thể ẩn danh"))
        self.caller_relation = self._combo("relations", self.tr("— chưa rõ —"))
        self.caller_sex = self._combo("sexes")
        self.caller_age_group = self._combo("age_groups")
        self._field(grid, 0, 0, self.tr("&Số điện thoại"), phone_box, "phone")
        self.phone.setAccessibleName(self.tr("Số điện thoại"))
        self._field(grid, 0, 1, self.tr("Kênh"), self.channel, "channel")
        self._field(grid, 1, 0, self.tr("Tên, bí danh"), self.caller_name, "caller_name")
        self._field(grid, 1, 1, self.tr("&Quan hệ"), self.caller_relation, "caller_relation")
        self._field(grid, 2, 0, self.tr("&Giới tính"), self.caller_sex, "caller_sex")
        self._field(grid, 2, 1, self.tr("Nhóm &tuổi"), self.caller_age_group,
                    "caller_age_group")
        self.prior_panel = PriorCallsPanel(self.tax, self.lang, self.body)
        grid.addWidget(self.prior_panel, 3, 0, 1, 4)

    def _build_place(self) -> None:
        grid = self._group(self.tr("Nơi ở của người được hỗ trợ"))
        self.province = SearchCombo(self.body, self.tr("gõ tên tỉnh, có dấu hay không"))
        self.ward = SearchCombo(self.body, self.tr("gõ tên xã/phường"))
        self._field(grid, 0, 0, self.tr("Tỉnh/thành &phố"), self.province, "province")
        self._field(grid, 0, 1, self.tr("&Xã/phường"), self.ward, "ward")

    def _build_victim(self) -> None:
        grid = self._group(self.tr("Người bị ảnh hưởng (khi người gọi không phải là họ)"))
        self.victim_sex = self._combo("sexes", self.tr("— không ghi —"))
        self.victim_age_group = self._combo("age_groups", self.tr("— không ghi —"))
        self._field(grid, 0, 0, self.tr("Giới tính"), self.victim_sex, "victim_sex")
        self._field(grid, 0, 1, self.tr("Nhóm tuổi"), self.victim_age_group, "victim_age_group")
        self.victim_note = QLabel(self.tr("Người gọi là người bị ảnh hưởng: dùng giới tính, "
                                          "tuổi của người gọi."), self.body)
        self.victim_note.setWordWrap(True)
        self.victim_note.setStyleSheet("color: #555;")
        grid.addWidget(self.victim_note, 1, 0, 1, 4)
        vul_box = QWidget(self.body)
        vul_layout = FlowLayout(vul_box)  # wraps at a large font
        self.vulnerable: dict[str, QCheckBox] = {}
        for term in self.tax.terms("vulnerable"):
            check = QCheckBox(term.label(self.lang), vul_box)
            check.setAccessibleName(term.label(self.lang))
            check.setProperty("code", term.code)
            vul_layout.addWidget(check)
            self.vulnerable[term.code] = check
        caption = QLabel(self.tr("Nhóm dễ bị tổn thương"), self.body)
        grid.addWidget(caption, 2, 0)
        holder = QWidget(self.body)
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(vul_box)
        self.errors["vulnerable"] = ErrorLabel(holder)
        holder_layout.addWidget(self.errors["vulnerable"])
        grid.addWidget(holder, 2, 1, 1, 3)

    def _build_issue(self) -> None:
        grid = self._group(self.tr("Vấn đề và mức hỗ trợ"))
        terms = [(t.code, t.label(self.lang)) for t in self.tax.terms("categories")]
        self.categories = CategoryPicker(terms, self.body)
        self.categories.filter.setPlaceholderText(
            self.tr("gõ để lọc (vd: the chat, tre em), Enter để chọn"))
        self.categories.list.setAccessibleName(self.tr("Danh sách vấn đề"))
        self.categories.setMinimumHeight(190)
        self._field(grid, 0, 0, self.tr("&Vấn đề"), self.categories, "categories", span=2)
        for caption in self.body.findChildren(QLabel):  # Alt+V: into the filter (QLabel
            if caption.buddy() is self.categories:  # ignores a buddy taking no focus)
                caption.setBuddy(self.categories.filter)
        self.categories.setAccessibleName(self.tr("Vấn đề"))
        self.categories.filter.setAccessibleName(self.tr("Lọc vấn đề"))
        self.level = self._combo("levels")
        self.urgency = self._combo("urgencies")
        self._field(grid, 1, 0, self.tr("&Mức hỗ trợ"), self.level, "level")
        self._field(grid, 1, 1, self.tr("Mức &khẩn cấp"), self.urgency, "urgency")

    def _build_content(self) -> None:
        grid = self._group(self.tr("Nội dung"))
        self.summary = QPlainTextEdit(self.body)
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(self.tr("Người gọi nói gì, điều gì đang xảy ra"))
        self.summary.setMinimumHeight(80)
        self.summary.setMaximumHeight(150)
        self.outcome = QPlainTextEdit(self.body)
        self.outcome.setTabChangesFocus(True)
        self.outcome.setPlaceholderText(self.tr("Đã tư vấn gì, kết nối với ai, việc tiếp theo"))
        self.outcome.setMinimumHeight(60)
        self.outcome.setMaximumHeight(110)
        self._field(grid, 0, 0, self.tr("Tóm tắt"), self.summary, "summary", span=2)
        # Alt+U: Alt+Q is the relation's
        self._field(grid, 1, 0, self.tr("Kết q&uả"), self.outcome, "outcome", span=2)

    def _build_after(self) -> None:
        grid = self._group(self.tr("Sau cuộc gọi"))
        self.safe_call_back = QComboBox(self.body)
        self.safe_call_back.addItem(self.tr("— chưa hỏi —"), None)
        self.safe_call_back.addItem(self.tr("An toàn, được gọi lại"), True)
        self.safe_call_back.addItem(self.tr("KHÔNG an toàn, không gọi lại"), False)
        self.callback_note = QLineEdit(self.body)
        self.callback_note.setPlaceholderText(self.tr("vd: chỉ gọi sau 18 giờ, khi chồng đi làm"))
        self._field(grid, 0, 0, self.tr("Gọi lại"), self.safe_call_back, "safe_to_call_back")
        self._field(grid, 0, 1, self.tr("Khi nào"), self.callback_note, "callback_note")
        self.consent_share = WrapCheckBox(self.tr("Đồng ý chia sẻ thông tin với dịch vụ hỗ trợ"),
                                          self.body)
        grid.addWidget(self.consent_share, 1, 1, 1, 3)
        follow_box = QWidget(self.body)
        follow_layout = QHBoxLayout(follow_box)
        follow_layout.setContentsMargins(0, 0, 0, 0)
        self.follow_up_check = QCheckBox(self.tr("Hẹn"), follow_box)
        self.follow_up_check.setAccessibleName(self.tr("Có hẹn theo dõi"))
        self.follow_up = DateTimeField(follow_box)
        self.follow_up.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.follow_up.setCalendarPopup(True)
        self.follow_up.setAccessibleName(self.tr("Thời gian theo dõi"))
        follow_layout.addWidget(self.follow_up_check)
        follow_layout.addWidget(self.follow_up, 1)
        self._field(grid, 2, 0, self.tr("Theo &dõi"), follow_box, "follow_up")
        self.follow_up_check.setAccessibleName(self.tr("Có hẹn theo dõi"))
        case_box = QWidget(self.body)
        case_layout = QHBoxLayout(case_box)
        case_layout.setContentsMargins(0, 0, 0, 0)
        self.case_label = QLabel(case_box)
        self.case_label.setWordWrap(True)
        self.case_label.setSizePolicy(QSizePolicy.Policy.Expanding,
                                      QSizePolicy.Policy.Preferred)
        self.case_new_button = QPushButton(self.tr("Mở hồ sơ mới"), case_box)
        self.case_clear_button = QPushButton(self.tr("Bỏ liên kết"), case_box)
        case_layout.addWidget(self.case_label, 1)
        case_layout.addWidget(self.case_new_button)
        case_layout.addWidget(self.case_clear_button)
        self._field(grid, 3, 0, self.tr("Hồ sơ"), case_box, "case", span=2)
        self.case_label.setAccessibleName(self.tr("Hồ sơ"))

    def _build_links(self) -> None:
        grid = self._group(self.tr("Chuyển tuyến và văn bản đã dẫn"))
        self.referral_list = QListWidget(self.body)
        self.referral_list.setMaximumHeight(90)
        self.referral_status = QComboBox(self.body)
        for term in self.tax.terms("referral_statuses"):
            self.referral_status.addItem(term.label(self.lang), term.code)
        self.referral_status.setAccessibleName(self.tr("Trạng thái chuyển tuyến đang chọn"))
        self.referral_remove = QPushButton(self.tr("Bỏ chuyển tuyến"), self.body)
        ref_box = QWidget(self.body)
        ref_layout = QVBoxLayout(ref_box)
        ref_layout.setContentsMargins(0, 0, 0, 0)
        ref_layout.addWidget(self.referral_list)
        ref_buttons = FlowLayout(fill=True)  # the button under the list when narrow
        self.referral_status.setSizePolicy(QSizePolicy.Policy.Expanding,
                                           QSizePolicy.Policy.Fixed)
        ref_buttons.addWidget(self.referral_status)
        ref_buttons.addWidget(self.referral_remove)
        ref_layout.addLayout(ref_buttons)
        self._field(grid, 0, 0, self.tr("Chuyển tuyến"), ref_box, "referrals", span=2)
        self.referral_list.setAccessibleName(self.tr("Các nơi đã chuyển tuyến"))
        self.citation_list = QListWidget(self.body)
        self.citation_list.setMaximumHeight(80)
        self.citation_remove = QPushButton(self.tr("Bỏ văn bản"), self.body)
        cit_box = QWidget(self.body)
        cit_layout = QHBoxLayout(cit_box)
        cit_layout.setContentsMargins(0, 0, 0, 0)
        cit_layout.addWidget(self.citation_list, 1)
        cit_layout.addWidget(self.citation_remove, 0, Qt.AlignmentFlag.AlignTop)
        self._field(grid, 1, 0, self.tr("Văn bản đã dẫn"), cit_box, "citations", span=2)
        self.citation_list.setAccessibleName(self.tr("Điều luật đã dẫn cho người gọi"))
        self.links_hint = QLabel(self.tr("Thêm từ khung tra cứu văn bản, danh bạ bên cạnh."),
                                 self.body)
        self.links_hint.setStyleSheet("color: #555;")
        self.links_hint.setWordWrap(True)
        grid.addWidget(self.links_hint, 2, 1, 1, 3)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.phone, self.channel, self.caller_name, self.caller_relation, self.caller_sex,
            self.caller_age_group, self.prior_panel.link_button, self.prior_panel.list,
            self.province, self.ward, self.victim_sex, self.victim_age_group,
            *self.vulnerable.values(), self.categories.filter, self.categories.list,
            self.level, self.urgency, self.summary, self.outcome, self.safe_call_back,
            self.callback_note, self.consent_share, self.follow_up_check, self.follow_up,
            self.case_new_button, self.case_clear_button, self.referral_list,
            self.referral_status, self.referral_remove, self.citation_list,
            self.citation_remove, self.save_button, self.new_button, self.discard_button,
            self.history_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for widget in chain:  # buttons and check boxes are named by their text
            text = getattr(widget, "text", None)
            if not widget.accessibleName() and callable(text):
                widget.setAccessibleName(str(text()).replace("&", ""))
        self.tab_chain = chain

    # ============================================================== behaviour
    def _connect_signals(self) -> None:
        self._draft_pool = QThreadPool(self)
        self._draft_pool.setMaxThreadCount(1)
        self._draft_pool.setExpiryTimeout(-1)  # one thread, one connection, kept
        self._finished_drafts: set[str] = set()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(max(50, self.app.settings.draft_interval_ms))
        self._draft_timer.timeout.connect(self.flush_draft)
        self._draft_deadline = QTimer(self)
        self._draft_deadline.setSingleShot(True)
        self._draft_deadline.setInterval(DRAFT_MAX_WAIT_MS)
        self._draft_deadline.timeout.connect(self.flush_draft)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._update_timer)
        self._phone_timer = QTimer(self)
        self._phone_timer.setSingleShot(True)
        self._phone_timer.setInterval(150)
        self._phone_timer.timeout.connect(self._lookup_phone)

        self.new_button.clicked.connect(self.start_call)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.request_discard)
        self.history_button.clicked.connect(self.show_history)
        for code, button in self.nc_buttons.items():
            button.clicked.connect(lambda _=False, c=code: self.log_non_counselling(c))

        shortcuts: list[tuple[str, Any]] = [("Esc", self.request_discard)]
        if self._own_shortcuts:
            shortcuts += self.global_shortcuts()
        self._shortcuts = []
        for keys, slot in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(self.shortcut_description(keys))
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

        changed = self._on_changed
        self.phone.textEdited.connect(self._on_phone_edited)
        self.phone.editingFinished.connect(self._check_phone)
        self.caller_name.textEdited.connect(changed)
        self.callback_note.textEdited.connect(changed)
        self.summary.textChanged.connect(changed)
        self.outcome.textChanged.connect(changed)
        for combo in (self.channel, self.caller_relation, self.caller_sex, self.caller_age_group,
                      self.victim_sex, self.victim_age_group, self.level, self.safe_call_back):
            combo.currentIndexChanged.connect(changed)
        self.caller_relation.currentIndexChanged.connect(self._update_victim_fields)
        self.caller_age_group.currentIndexChanged.connect(self._update_emergency)
        self.victim_age_group.currentIndexChanged.connect(self._update_emergency)
        self.urgency.currentIndexChanged.connect(self._on_urgency)
        for check in self.vulnerable.values():
            check.toggled.connect(changed)
        self.consent_share.toggled.connect(changed)
        self.categories.changed.connect(self._on_categories)
        self.province.code_changed.connect(self._on_province)
        self.ward.code_changed.connect(self._on_ward)
        self.province.edit().textEdited.connect(changed)
        self.ward.edit().textEdited.connect(changed)
        self.province.populate = self._ensure_provinces
        self.ward.populate = self._ensure_wards
        self.follow_up_check.toggled.connect(self._on_follow_up_edited)
        self.follow_up.dateTimeChanged.connect(self._on_follow_up_edited)
        self.prior_panel.link_requested.connect(self.link_same_case)
        self.case_new_button.clicked.connect(self.open_new_case)
        self.case_clear_button.clicked.connect(self.clear_case)
        self.referral_list.currentRowChanged.connect(self._on_referral_row)
        self.referral_status.activated.connect(self._on_referral_status)
        self.referral_remove.clicked.connect(self._remove_referral)
        self.citation_remove.clicked.connect(self._remove_citation)

    def global_shortcuts(self) -> list[tuple[str, Any]]:
        """The keys that should work wherever the operator is: (key sequence, action)."""
        keys: list[tuple[str, Any]] = [("Ctrl+N", self.start_call), ("Ctrl+S", self.save)]
        for number, code in enumerate(NON_COUNSELLING, start=1):
            keys.append((f"Alt+{number}", lambda c=code: self.log_non_counselling(c)))
        return keys

    def shortcut_description(self, keys: str) -> str:
        """What one of the form's keys does (QShortcut.whatsThis: the F1 overlay lists it)."""
        if keys == "Esc":
            return self.tr("Bỏ cuộc gọi đang ghi (hỏi lại trước khi bỏ)")
        if keys == "Ctrl+N":
            return self.tr("Cuộc gọi mới: bắt đầu tính giờ")
        if keys == "Ctrl+S":
            return self.tr("Lưu cuộc gọi")
        number = keys.removeprefix("Alt+")
        if number.isdigit() and 1 <= int(number) <= len(NON_COUNSELLING):
            code = NON_COUNSELLING[int(number) - 1]
            label = self.tax.label("categories", code, self.lang).split(":")[-1].strip()
            return self.tr("Lưu ngay cuộc gọi không tư vấn: %1").replace("%1", label)
        return ""

    # --------------------------------------------------------------- lists
    def _ensure_provinces(self) -> None:
        if self.province.count() == 0:
            self.province.set_items((u.code, u.name) for u in admin_units.provinces())

    def _ensure_wards(self) -> None:
        """Wards of the chosen province; all 3,321 (with their province) when none is chosen."""
        self._ensure_provinces()
        province = self.province.code()
        if self._wards_province == province and self.ward.count():
            return
        self._wards_province = province
        self.ward.blockSignals(True)
        if province:
            self.ward.set_items((u.code, u.name) for u in admin_units.wards(province))
        else:
            names = {p.code: p.name for p in admin_units.provinces()}
            items = [(w.code, f"{w.name} — {names.get(w.province_code, '')}")
                     for p in admin_units.provinces() for w in admin_units.wards(p.code)]
            self.ward.set_items(items)
        self.ward.blockSignals(False)

    def ensure_lists(self) -> None:
        """Fill the province picker (deferred after the window shows: start-up stays fast);
        the ward list follows the province, or is built when the ward field is entered."""
        self._ensure_provinces()

    # --------------------------------------------------------------- state
    @property
    def active(self) -> bool:
        """A call is being logged or edited."""
        return self._active

    @property
    def draft_id(self) -> str | None:
        return self._draft_id

    @property
    def call_id(self) -> int | None:
        return self._call_id

    def current_province(self) -> str:
        return self.province.code()

    def current_ward(self) -> str:
        return self.ward.code()

    def current_urgency(self) -> str:
        return str(self.urgency.currentData())

    def _reset_fields(self) -> None:
        self._loading = True
        try:
            self.channel.setCurrentIndex(0)
            self.phone.clear()
            self.phone_hint.clear()
            self.caller_name.clear()
            self.caller_relation.setCurrentIndex(0)
            self.caller_sex.setCurrentIndex(max(0, self.caller_sex.findData("unknown")))
            self.caller_age_group.setCurrentIndex(
                max(0, self.caller_age_group.findData("unknown")))
            self.province.set_code("")
            self.ward.set_code("")
            self.victim_sex.setCurrentIndex(0)
            self.victim_age_group.setCurrentIndex(0)
            for check in self.vulnerable.values():
                check.setChecked(False)
            self.categories.filter.clear()
            self.categories.set_codes(())
            self.level.setCurrentIndex(0)
            self.urgency.setCurrentIndex(0)
            self.summary.clear()
            self.outcome.clear()
            self.safe_call_back.setCurrentIndex(0)
            self.callback_note.clear()
            self.consent_share.setChecked(False)
            self.follow_up_check.setChecked(False)
            self.follow_up.setDateTime(self._qdatetime(self.clock.now() + timedelta(days=1)))
            self._referrals = []
            self._citations = []
            self._case_number = ""
            self._case_mode = ""
            self._prior_ids = []
            self._follow_up_auto = False
            self._phone_e164 = None
            self.prior_panel.show_calls(0, [])
            for error in self.errors.values():
                error.set_error("")
        finally:
            self._loading = False
        self._refresh_lists()
        self._refresh_case()
        self._update_victim_fields()
        self._update_emergency()
        self._emit_location()
        self._emit_urgency()

    def _set_idle(self) -> None:
        self._draft_timer.stop()
        self._draft_deadline.stop()
        self._tick.stop()
        self._active = False
        self._dirty = False
        self._received_at = None
        self._call_id = None
        self._version = 1
        self._orig_ended_at = None
        self._orig_duration = None
        self._orig_operator = ""
        self._draft_id = None
        self._reset_fields()
        self._update_header()
        self.state_changed.emit()

    def _update_header(self) -> None:
        if not self._active:
            self.title.setText(self.tr("Sẵn sàng — nhấn Ctrl+N khi có cuộc gọi"))
        elif self._call_id is not None:
            self.title.setText(self.tr("Sửa cuộc gọi #%1 (phiên bản %2)")
                               .replace("%1", str(self._call_id))
                               .replace("%2", str(self._version)))
        else:
            when = self._received_at.strftime("%H:%M %d/%m") if self._received_at else ""
            self.title.setText(self.tr("Cuộc gọi mới · %1").replace("%1", when))
        editing = self._active and self._call_id is not None
        self.history_button.setEnabled(editing and self._version > 1)
        self.discard_button.setEnabled(self._active)
        for button in self.nc_buttons.values():
            button.setEnabled(not editing)
        self._update_timer()

    def _update_timer(self) -> None:
        text = ""
        if self._active and self._call_id is None and self._received_at is not None:
            elapsed = max(0, int((self.clock.now() - self._received_at).total_seconds()))
            text = _clock_text(elapsed)
        elif self._active and self._orig_duration is not None:
            text = _clock_text(self._orig_duration)
        self.timer_label.setText(text)
        self.timer_changed.emit(text if self._tick.isActive() else "")

    def timer_text(self) -> str:
        return self.timer_label.text()

    def timer_running(self) -> bool:
        return self._tick.isActive()

    # ------------------------------------------------------------ starting
    def start_call(self) -> None:
        """Ctrl+N: a new call received now; what was being typed stays as a draft."""
        self._leave_current()
        self._reset_fields()
        self._active = True
        self._received_at = self.clock.now()
        self._draft_id = self.calls.new_draft_id()
        self._tick.start()
        self._update_header()
        self.bar.clear()
        self.refresh_drafts()
        self.phone.setFocus()
        self.state_changed.emit()

    def _ensure_active(self) -> None:
        """Typing into an idle form starts a call: nothing typed is outside a call."""
        if not self._active:
            self._active = True
            self._received_at = self.clock.now()
            self._draft_id = self.calls.new_draft_id()
            self._tick.start()
            self._update_header()
            self.state_changed.emit()

    def _leave_current(self) -> None:
        """Keep what is in the form as a draft before something else replaces it."""
        if self._active:
            self.flush_draft()
            if not self._dirty and self._draft_id and not self._has_content():
                self._finish_draft(self._draft_id)
                self.calls.discard_draft(self._draft_id)
        self._draft_timer.stop()
        self._draft_deadline.stop()
        self._tick.stop()

    # ------------------------------------------------------------ the lock
    def park(self) -> bool:
        """The window is about to lock: write the call on screen as its operator's draft now
        and wait for the write, so nothing typed is lost whoever unlocks. The form itself is
        left as it is. True when a call is in the form (the lock screen says it is kept)."""
        self.flush_draft()
        self.wait_drafts(PARK_WAIT_MS)
        return self._active

    def resume(self, same_operator: bool) -> None:
        """After the lock. The operator who typed the call finds the form as it was; anyone
        else gets an empty form, and the parked call waits in the drafts banner ("chưa lưu")
        for whoever continues it."""
        if same_operator:
            return
        self._leave_current()
        self._set_idle()
        self.wait_drafts(PARK_WAIT_MS)
        self.refresh_drafts()

    def _has_content(self) -> bool:
        return self._call_id is not None or any(
            (self.phone.text().strip(), self.caller_name.text().strip(),
             self.summary.toPlainText().strip(), self.outcome.toPlainText().strip(),
             self.categories.codes(), self._referrals, self._citations))

    def open_call(self, call_id: int) -> bool:
        """Load a saved call to edit it (saving makes a new version)."""
        try:
            call = self.calls.get(call_id)
        except NotFoundError as exc:
            self.bar.show_message(str(exc), "error")
            return False
        self._leave_current()
        self._load_call(call)
        self._active = True
        self._draft_id = self.calls.new_draft_id()
        self._dirty = False
        self._update_header()
        self.bar.clear()
        self.refresh_drafts()
        self.state_changed.emit()
        return True

    def _load_call(self, call: Call) -> None:
        self._reset_fields()
        self._call_id = call.id
        self._version = call.version
        self._received_at = call.received_at
        self._orig_ended_at = call.ended_at
        self._orig_duration = call.duration_s
        self._orig_operator = call.operator
        self._apply(self._call_state(call))

    def resume_draft(self, draft: Draft) -> None:
        """Restore every field of a draft and the timer's start."""
        self._leave_current()
        self._reset_fields()
        data = dict(draft.data)
        self._draft_id = draft.id
        self._call_id = data.get("call_id") or draft.call_id
        self._version = int(data.get("version") or 1)
        self._received_at = self._parse_time(data.get("received_at") or draft.started_at)
        self._orig_ended_at = self._parse_time(data.get("ended_at"))
        self._orig_duration = data.get("duration_s")
        self._orig_operator = data.get("operator") or ""
        self._apply(data)
        self._active = True
        self._dirty = False
        if self._call_id is None:
            self._tick.start()
        self._update_header()
        self.bar.show_message(self.tr("Đã mở lại cuộc gọi chưa lưu. Kiểm tra rồi nhấn Ctrl+S "
                                      "để lưu."), "info", timeout_ms=8000)
        self.refresh_drafts()
        self.state_changed.emit()

    def _parse_time(self, value: Any) -> datetime | None:
        if not value:
            return None
        try:
            return self.clock.localize(parse_iso(str(value)))
        except ValueError:
            return None

    # ------------------------------------------------ form <-> plain data
    def state(self) -> dict[str, Any]:
        """Everything in the form as JSON-able data (the draft)."""
        safe = self.safe_call_back.currentData()
        return {
            "draft_format": DRAFT_FORMAT,
            "call_id": self._call_id,
            "version": self._version,
            "received_at": iso(self._received_at) or None,
            "ended_at": iso(self._orig_ended_at) or None,
            "duration_s": self._orig_duration,
            "operator": self._orig_operator,
            "channel": self.channel.currentData(),
            "phone": self.phone.text(),
            "caller_name": self.caller_name.text(),
            "caller_sex": self.caller_sex.currentData(),
            "caller_age_group": self.caller_age_group.currentData(),
            "caller_relation": self.caller_relation.currentData(),
            "province_code": self.province.code(),
            "province_text": self.province.currentText(),
            "ward_code": self.ward.code(),
            "ward_text": self.ward.currentText(),
            "victim_sex": self.victim_sex.currentData(),
            "victim_age_group": self.victim_age_group.currentData(),
            "vulnerable": [c for c, check in self.vulnerable.items() if check.isChecked()],
            "categories": list(self.categories.codes()),
            "level": self.level.currentData(),
            "urgency": self.urgency.currentData(),
            "summary": self.summary.toPlainText(),
            "outcome": self.outcome.toPlainText(),
            "safe_to_call_back": safe,
            "callback_note": self.callback_note.text(),
            "consent_share": self.consent_share.isChecked(),
            "follow_up_at": iso(self._follow_up_value()) or None,
            "follow_up_auto": self._follow_up_auto,
            "case_number": self._case_number,
            "case_mode": self._case_mode,
            "prior_ids": list(self._prior_ids),
            "referrals": [asdict(r) for r in self._referrals],
            "citations": [asdict(c) for c in self._citations],
        }

    def _call_state(self, call: Call) -> dict[str, Any]:
        return {
            "channel": call.channel, "phone": phones.display(call.phone) if call.phone and
            not call.phone.startswith("h:") else call.phone,
            "caller_name": call.caller_name, "caller_sex": call.caller_sex,
            "caller_age_group": call.caller_age_group, "caller_relation": call.caller_relation,
            "province_code": call.province_code, "ward_code": call.ward_code,
            "victim_sex": call.victim_sex, "victim_age_group": call.victim_age_group,
            "vulnerable": list(call.vulnerable), "categories": list(call.categories),
            "level": call.level, "urgency": call.urgency, "summary": call.summary,
            "outcome": call.outcome, "safe_to_call_back": call.safe_to_call_back,
            "callback_note": call.callback_note, "consent_share": call.consent_share,
            "follow_up_at": iso(call.follow_up_at) or None, "case_number": call.case_number,
            "referrals": [asdict(r) for r in call.referrals],
            "citations": [asdict(c) for c in call.citations],
        }

    def _apply(self, data: dict[str, Any]) -> None:
        self._loading = True
        try:
            _set_combo(self.channel, data.get("channel"))
            self.phone.setText(data.get("phone") or "")
            self.caller_name.setText(data.get("caller_name") or "")
            _set_combo(self.caller_sex, data.get("caller_sex"))
            _set_combo(self.caller_age_group, data.get("caller_age_group"))
            _set_combo(self.caller_relation, data.get("caller_relation") or "")
            province = data.get("province_code") or ""
            ward = data.get("ward_code") or ""
            if province or ward:
                self._ensure_provinces()
            self.province.set_code(province)
            if not province and data.get("province_text"):
                self.province.setEditText(data["province_text"])
            if ward:
                self._ensure_wards()
            self.ward.set_code(ward)
            if not ward and data.get("ward_text"):
                self.ward.setEditText(data["ward_text"])
            _set_combo(self.victim_sex, data.get("victim_sex") or "")
            _set_combo(self.victim_age_group, data.get("victim_age_group") or "")
            chosen = set(data.get("vulnerable") or ())
            for code, check in self.vulnerable.items():
                check.setChecked(code in chosen)
            self.categories.set_codes(data.get("categories") or ())
            _set_combo(self.level, data.get("level"))
            _set_combo(self.urgency, data.get("urgency"))
            self.summary.setPlainText(data.get("summary") or "")
            self.outcome.setPlainText(data.get("outcome") or "")
            safe = data.get("safe_to_call_back")
            self.safe_call_back.setCurrentIndex(0 if safe is None else (1 if safe else 2))
            self.callback_note.setText(data.get("callback_note") or "")
            self.consent_share.setChecked(bool(data.get("consent_share")))
            follow = self._parse_time(data.get("follow_up_at"))
            self.follow_up_check.setChecked(follow is not None)
            if follow is not None:
                self.follow_up.setDateTime(self._qdatetime(follow))
            self._follow_up_auto = bool(data.get("follow_up_auto"))
            self._case_number = data.get("case_number") or ""
            self._case_mode = data.get("case_mode") or ""
            self._prior_ids = [int(i) for i in data.get("prior_ids") or ()]
            self._referrals = [Referral(**r) for r in data.get("referrals") or ()]
            self._citations = [Citation(**c) for c in data.get("citations") or ()]
        finally:
            self._loading = False
        self._refresh_lists()
        self._refresh_case()
        self._update_victim_fields()
        self._update_emergency()
        self._lookup_phone()
        self._emit_location()
        self._emit_urgency()

    def to_call(self) -> Call:
        """The call as it would be saved now (for a new call, ended now)."""
        data = self.state()
        received = self._received_at or self.clock.now()
        relation = data["caller_relation"] or ""
        victim_sex = "" if relation == "self" else (data["victim_sex"] or "")
        victim_age = "" if relation == "self" else (data["victim_age_group"] or "")
        if self._call_id is None:
            ended_at: datetime | None = self.clock.now()
            duration = None
        else:
            ended_at, duration = self._orig_ended_at, self._orig_duration
        return Call(
            id=self._call_id,
            received_at=received,
            ended_at=ended_at,
            duration_s=duration,
            channel=data["channel"],
            operator=self._orig_operator if self._call_id is not None else self.app.operator,
            phone=data["phone"].strip(),
            caller_name=data["caller_name"].strip(),
            caller_sex=data["caller_sex"],
            caller_age_group=data["caller_age_group"],
            caller_relation=relation,
            province_code=data["province_code"],
            ward_code=data["ward_code"],
            victim_sex=victim_sex,
            victim_age_group=victim_age,
            vulnerable=tuple(data["vulnerable"]),
            categories=tuple(data["categories"]),
            level=data["level"],
            urgency=data["urgency"],
            summary=data["summary"].strip(),
            outcome=data["outcome"].strip(),
            safe_to_call_back=data["safe_to_call_back"],
            callback_note=data["callback_note"].strip(),
            consent_share=data["consent_share"],
            follow_up_at=self._follow_up_value(),
            case_number=self._case_number,
            referrals=tuple(self._referrals),
            citations=tuple(self._citations),
            version=self._version,
        )

    # -------------------------------------------------------------- drafts
    def _on_changed(self, *_: Any) -> None:
        if self._loading:
            return
        self._ensure_active()
        self._dirty = True
        self._draft_timer.start()
        if not self._draft_deadline.isActive():
            self._draft_deadline.start()

    def flush_draft(self) -> None:
        """Write the draft now if anything changed since the last write.

        The write runs on a one-thread writer: writes are serialized store-wide, and a long
        import elsewhere must never freeze typing. A draft that was saved or discarded is
        `_finish_draft`ed first, so a late write cannot bring it back.
        """
        self._draft_timer.stop()
        self._draft_deadline.stop()
        if not (self._active and self._dirty and self._draft_id):
            return
        draft_id, data = self._draft_id, self.state()
        operator, call_id = self.app.operator, self._call_id
        started_at = iso(self._received_at) or None
        finished, calls = self._finished_drafts, self.calls

        def write() -> str:
            if draft_id not in finished:
                calls.save_draft(draft_id, data, operator=operator, call_id=call_id,
                                 started_at=started_at)
            return draft_id

        self._dirty = False
        run_task(write, on_done=self._on_draft_written, on_error=self._on_draft_failed,
                 pool=self._draft_pool)

    def _on_draft_written(self, draft_id: str) -> None:
        if alive(self) and draft_id not in self._finished_drafts:
            if self.bar.property("draft_error"):
                self.bar.setProperty("draft_error", False)
                self.bar.clear()
            if draft_id != self._draft_id:  # the call just left the form: list it now
                self.refresh_drafts()
            self.draft_saved.emit(draft_id)

    def _on_draft_failed(self, exc: Exception, _tb: str) -> None:
        if not alive(self):
            return
        self._dirty = True  # try again with the next change or the 2 s deadline
        if self._active:
            self._draft_deadline.start()
        self.bar.show_message(self.tr("Chưa lưu được bản nháp (%1); sẽ thử lại. Nội dung vẫn "
                                      "còn trên màn hình.").replace("%1", str(exc)), "warning")
        self.bar.setProperty("draft_error", True)

    def wait_drafts(self, msecs: int = -1) -> bool:
        """Block until queued draft writes are done (before deleting a draft, at exit)."""
        return self._draft_pool.waitForDone(msecs)

    def _finish_draft(self, draft_id: str | None) -> None:
        """No more writes for this draft: mark it, then let the queued ones drain."""
        if draft_id:
            self._finished_drafts.add(draft_id)
            self.wait_drafts()

    def refresh_drafts(self) -> None:
        """List unfinished calls other than the one in the form, each with Resume/Discard."""
        _clear_layout(self.drafts_layout)
        drafts = [d for d in self.calls.drafts() if d.id != self._draft_id]
        self.pending_drafts = drafts
        if not drafts:
            self.drafts_box.hide()
            return
        heading = QLabel(self.tr("Có %n cuộc gọi chưa lưu (có thể do máy tắt đột ngột):", "",
                                 len(drafts)), self.drafts_box)
        heading.setStyleSheet("font-weight: 700; color: #6b4500;")
        self.drafts_layout.addWidget(heading)
        for draft in drafts:
            row = QHBoxLayout()
            text = QLabel(self._draft_line(draft), self.drafts_box)
            text.setWordWrap(True)
            resume = QPushButton(self.tr("Tiếp tục ghi"), self.drafts_box)
            resume.setAccessibleName(self.tr("Tiếp tục ghi cuộc gọi: %1")
                                     .replace("%1", text.text()))
            resume.clicked.connect(lambda _=False, d=draft: self.resume_draft(d))
            drop = QPushButton(self.tr("Xoá"), self.drafts_box)
            drop.setAccessibleName(self.tr("Xoá cuộc gọi chưa lưu: %1").replace("%1", text.text()))
            drop.clicked.connect(lambda _=False, d=draft, b=drop: self._confirm_drop(d, b))
            row.addWidget(text, 1)
            row.addWidget(resume)
            row.addWidget(drop)
            self.drafts_layout.addLayout(row)
        self.drafts_box.show()

    def _draft_line(self, draft: Draft) -> str:
        data = draft.data
        when = self._parse_time(data.get("received_at") or draft.started_at)
        parts = [when.strftime("%H:%M %d/%m") if when else "?"]
        if data.get("call_id"):
            parts.append(self.tr("sửa cuộc gọi #%1").replace("%1", str(data["call_id"])))
        parts.append(data.get("phone") or self.tr("ẩn số"))
        if data.get("caller_name"):
            parts.append(data["caller_name"])
        summary = (data.get("summary") or "").strip().replace("\n", " ")
        if summary:
            parts.append("“" + (summary if len(summary) <= 70 else summary[:67] + "…") + "”")
        return " · ".join(parts)

    def _confirm_drop(self, draft: Draft, button: QPushButton) -> None:
        """Two clicks to delete an unfinished call: a slip of the hand must not lose it."""
        if button.property("armed"):
            self._finish_draft(draft.id)
            self.calls.discard_draft(draft.id)
            self.refresh_drafts()
            return
        button.setProperty("armed", True)
        button.setText(self.tr("Bấm lần nữa để xoá"))
        QTimer.singleShot(4000, lambda: _disarm(button, self.tr("Xoá")))

    # --------------------------------------------------------------- saving
    def save(self) -> Call | None:
        """Ctrl+S: validate, save durably with the draft, stop the timer, clear the form."""
        if not self._active:
            self.bar.show_message(self.tr("Chưa có cuộc gọi nào để lưu. Nhấn Ctrl+N để bắt "
                                          "đầu."), "warning", timeout_ms=5000)
            return None
        self._check_pickers()
        local = [key for key in ("province", "ward") if self.errors[key].text()]
        try:
            call = self.to_call()
            if local:  # the pickers' own errors, plus whatever else the service would say
                raise ValidationError(self._other_errors(call))
            self.wait_drafts()  # a queued draft write must not follow the commit
            saved = self.calls.save(call, operator=self.app.operator, draft_id=self._draft_id)
        except ValidationError as exc:
            self._show_errors(exc.errors, local)
            return None
        except ConflictError as exc:
            self.bar.show_message(str(exc), "error")
            return None
        self._finish_draft(self._draft_id)  # deleted in the save's commit; no write follows
        saved = self._after_save(saved)
        editing = self._call_id is not None
        self._set_idle()
        if editing:
            message = self.tr("Đã lưu cuộc gọi #%1 (phiên bản %2).").replace(
                "%1", str(saved.id)).replace("%2", str(saved.version))
        else:
            message = self.tr("Đã lưu cuộc gọi #%1 lúc %2, thời lượng %3.").replace(
                "%1", str(saved.id)).replace("%2", self.clock.now().strftime("%H:%M")).replace(
                "%3", _clock_text(saved.duration_s or 0))
        if saved.case_number:
            message += " " + self.tr("Hồ sơ %1.").replace("%1", saved.case_number)
        self.bar.show_message(message, "success", timeout_ms=8000)
        self.refresh_drafts()
        self.call_saved.emit(saved)
        if self.events is not None:
            self.events.call_saved.emit(saved)
        return saved

    def _other_errors(self, call: Call) -> list[FieldError]:
        errors: list[FieldError] = []
        try:
            call = call.with_changes(phone=stored_phone(call.phone))
        except phones.PhoneError as exc:
            errors.append(FieldError("phone", str(exc)))
            call = call.with_changes(phone="")
        new_follow_up = self._call_id is None
        errors += [e for e in validate(call, self.tax, now=self.clock.now(),
                                       new_follow_up=new_follow_up)
                   if e.field not in ("province_code", "ward_code")]
        return errors

    def _after_save(self, saved: Call) -> Call:
        """Open or join the case the operator asked for, now that the call has an id."""
        if self._case_mode and saved.id is not None:
            ids = [saved.id]
            if self._case_mode == "with_prior":
                ids += [i for i in self._prior_ids if i != saved.id]
            self.calls.link_to_case(ids)
            saved = self.calls.get(saved.id)
        return saved

    def _show_errors(self, errors: list[FieldError], local: list[str]) -> None:
        for key, label in self.errors.items():
            if key not in local:
                label.set_error("")
        unplaced: list[str] = []
        first: str | None = local[0] if local else None
        for error in errors:
            widget_key = FIELD_WIDGETS.get(error.field)
            error_label = self.errors.get(widget_key) if widget_key else None
            if widget_key is None or error_label is None:
                unplaced.append(str(error))
                continue
            existing = error_label.text()
            error_label.set_error(f"{existing}\n{error.message}" if existing else error.message)
            first = first or widget_key
        count = len(errors) + len(local)
        message = self.tr("Chưa lưu: %n chỗ cần sửa (chữ đỏ bên dưới ô).", "", count)
        if unplaced:
            message += " " + "; ".join(unplaced)
        self.bar.show_message(message, "error")
        if first:
            self._focus_field(first)

    def _focus_field(self, key: str) -> None:
        widget = {
            "phone": self.phone, "province": self.province, "ward": self.ward,
            "categories": self.categories.filter, "follow_up": self.follow_up,
            "level": self.level, "urgency": self.urgency, "channel": self.channel,
        }.get(key)
        if widget is not None:
            self.scroll_area.ensureWidgetVisible(widget)
            widget.setFocus()

    def log_non_counselling(self, code: str) -> Call | None:
        """Alt+1…5: save a silent/hang-up/wrong-number/prank/test call at once."""
        if self._active and self._call_id is not None:
            self.bar.show_message(self.tr("Đang sửa một cuộc gọi đã lưu: dùng ô Vấn đề."),
                                  "warning", timeout_ms=5000)
            return None
        self._ensure_active()
        self._loading = True
        self.categories.set_codes([code])
        self.level.setCurrentIndex(max(0, self.level.findData("info")))
        self._loading = False
        return self.save()

    def request_discard(self) -> None:
        """Esc: ask in an inline bar (typing continues meanwhile); a second Esc keeps the call."""
        if not self._active:
            return
        if self.bar.isVisible() and self.bar.property("discard"):
            self.bar.clear()
            self.bar.setProperty("discard", False)
            return
        text = (self.tr("Bỏ các thay đổi chưa lưu của cuộc gọi #%1?").replace(
            "%1", str(self._call_id)) if self._call_id is not None
            else self.tr("Bỏ cuộc gọi đang ghi? Nội dung chưa lưu sẽ bị xoá."))
        self.bar.show_message(text, "warning", [
            (self.tr("Bỏ cuộc gọi"), self.confirm_discard),
            (self.tr("Tiếp tục ghi (Esc)"), self._cancel_discard),
        ])
        self.bar.setProperty("discard", True)

    def _cancel_discard(self) -> None:
        self.bar.clear()
        self.bar.setProperty("discard", False)

    def confirm_discard(self) -> None:
        if self._draft_id:
            self._finish_draft(self._draft_id)
            self.calls.discard_draft(self._draft_id)
        self.bar.setProperty("discard", False)
        self._set_idle()
        self.bar.show_message(self.tr("Đã bỏ cuộc gọi."), "info", timeout_ms=4000)
        self.refresh_drafts()

    # --------------------------------------------------------- other panels
    def add_citation(self, citation: Citation) -> None:
        """A library article cited to the caller (saved with the call)."""
        if any(c.doc_id == citation.doc_id and c.article == citation.article
               for c in self._citations):
            return
        self._ensure_active()
        self._citations.append(citation)
        self._refresh_lists()
        self._on_changed()
        self.bar.show_message(self.tr("Đã thêm văn bản: %1").replace("%1", citation.citation),
                              "info", timeout_ms=4000)

    def add_referral(self, referral: Referral) -> None:
        """A referral to a directory entry (saved with the call); the level rises to it."""
        if any(r.entry_id and r.entry_id == referral.entry_id and r.id is None
               for r in self._referrals):
            return
        self._ensure_active()
        if not referral.created_by:
            referral = Referral(**{**asdict(referral), "created_by": self.app.operator})
        self._referrals.append(referral)
        if self.tax.level_rank(str(self.level.currentData())) < self.tax.level_rank("referral"):
            self.level.setCurrentIndex(max(0, self.level.findData("referral")))
        self._refresh_lists()
        self._on_changed()
        self.bar.show_message(self.tr("Đã thêm chuyển tuyến: %1").replace("%1", referral.name),
                              "info", timeout_ms=4000)

    def citations(self) -> tuple[Citation, ...]:
        return tuple(self._citations)

    def referrals(self) -> tuple[Referral, ...]:
        return tuple(self._referrals)

    def _refresh_lists(self) -> None:
        self.referral_list.clear()
        for ref in self._referrals:
            phone = phones.display(ref.phone) if ref.phone else ""
            status = self.tax.label("referral_statuses", ref.status, self.lang)
            text = " · ".join(p for p in (ref.name, phone, status) if p)
            self.referral_list.addItem(QListWidgetItem(text))
        self.citation_list.clear()
        for cit in self._citations:
            self.citation_list.addItem(QListWidgetItem(cit.citation))
        has_refs = bool(self._referrals)
        self.referral_status.setEnabled(has_refs)
        self.referral_remove.setEnabled(has_refs)
        self.citation_remove.setEnabled(bool(self._citations))
        if has_refs:
            self.referral_list.setCurrentRow(len(self._referrals) - 1)

    def _on_referral_row(self, row: int) -> None:
        if 0 <= row < len(self._referrals):
            _set_combo(self.referral_status, self._referrals[row].status)
            self.referral_remove.setEnabled(self._referrals[row].id is None)

    def _on_referral_status(self, _index: int) -> None:
        row = self.referral_list.currentRow()
        if 0 <= row < len(self._referrals):
            ref = self._referrals[row]
            self._referrals[row] = Referral(**{**asdict(ref),
                                               "status": self.referral_status.currentData()})
            self._refresh_lists()
            self.referral_list.setCurrentRow(row)
            self._on_changed()

    def _remove_referral(self) -> None:
        row = self.referral_list.currentRow()
        if 0 <= row < len(self._referrals) and self._referrals[row].id is None:
            del self._referrals[row]
            self._refresh_lists()
            self._on_changed()

    def _remove_citation(self) -> None:
        row = self.citation_list.currentRow()
        if 0 <= row < len(self._citations) and self._citations[row].id is None:
            del self._citations[row]
            self._refresh_lists()
            self._on_changed()

    # ------------------------------------------------------ phone, callers
    def _on_phone_edited(self, _text: str) -> None:
        self.errors["phone"].set_error("")
        self._on_changed()
        self._phone_timer.start()

    def _lookup_phone(self) -> None:
        """Normalise what is typed and show earlier calls from the same number."""
        self._phone_timer.stop()
        raw = self.phone.text()
        try:
            parsed = phones.parse(raw) if not raw.startswith("h:") else None
        except phones.PhoneError:
            self.phone_hint.clear()
            self._show_prior("")
            return
        if parsed is None:
            self.phone_hint.setText(self.tr("số đã được ẩn danh"))
            self._show_prior(raw)
            return
        self.phone_hint.setText(self._phone_hint(parsed))
        self._show_prior(parsed.e164)

    def _phone_hint(self, parsed: phones.Phone) -> str:
        if parsed.withheld:
            return self.tr("ẩn số (không hiện số gọi đến)")
        kinds = {
            "mobile": self.tr("di động"), "landline": self.tr("cố định"),
            "toll_free": self.tr("miễn phí"), "short": self.tr("số ngắn"),
        }
        text = f"{parsed.display} · {kinds.get(parsed.kind, parsed.kind)}"
        if parsed.kind == "short" and parsed.e164 in phones.SHORT_NUMBERS:
            text += " — " + phones.short_number_name(parsed.e164)
        if parsed.renumbered_from:
            text += " · " + self.tr("số cũ %1 đã đổi thành số mới").replace(
                "%1", parsed.renumbered_from)
        return text

    def _show_prior(self, stored: str) -> None:
        if stored == self._phone_e164:
            return
        self._phone_e164 = stored
        total, prior = self.calls.prior_calls(stored, exclude_id=self._call_id, limit=10)
        case = self.calls.case_for_phone(stored) if total else ""
        self.prior_panel.show_calls(total, prior, case)
        if total:
            same = case and case == self._case_number
            self.prior_panel.link_button.setEnabled(not same)
            self.prior_panel.link_button.setText(
                self.tr("Đã cùng hồ sơ %1").replace("%1", case) if same else
                self.tr("Cùng hồ sơ %1").replace("%1", case) if case else
                self.tr("Mở hồ sơ chung với %n lần gọi trước", "", total))

    def _check_phone(self) -> None:
        """Leaving the phone field: say clearly what is wrong with the number."""
        raw = self.phone.text()
        if raw.startswith("h:"):
            return
        try:
            phones.parse(raw)
        except phones.PhoneError as exc:
            self.errors["phone"].set_error(str(exc))
        else:
            self.errors["phone"].set_error("")
        self._lookup_phone()

    def link_same_case(self) -> None:
        """One action: this call joins the case of the earlier calls from the number."""
        stored = self._phone_e164 or ""
        if not stored:
            return
        self._ensure_active()
        case = self.calls.case_for_phone(stored)
        if case:
            self._case_number, self._case_mode, self._prior_ids = case, "", []
        else:
            prior = self.calls.list(CallFilter(phone=stored), limit=PRIOR_LINK_LIMIT)
            self._case_number = ""
            self._case_mode = "with_prior"
            self._prior_ids = [p.id for p in prior if p.id != self._call_id]
        self._refresh_case()
        self._phone_e164 = None
        self._lookup_phone()
        self._on_changed()

    def open_new_case(self) -> None:
        self._ensure_active()
        self._case_number, self._case_mode, self._prior_ids = "", "new", []
        self._refresh_case()
        self._on_changed()

    def clear_case(self) -> None:
        self._case_number, self._case_mode, self._prior_ids = "", "", []
        self._refresh_case()
        self._phone_e164 = None
        self._lookup_phone()
        self._on_changed()

    def case_text(self) -> str:
        return self.case_label.text()

    def _refresh_case(self) -> None:
        if self._case_number:
            text = self.tr("Thuộc hồ sơ %1").replace("%1", self._case_number)
        elif self._case_mode == "with_prior":
            text = self.tr("Hồ sơ mới chung với %n cuộc gọi trước (cấp số khi lưu)", "",
                           len(self._prior_ids))
        elif self._case_mode == "new":
            text = self.tr("Hồ sơ mới (cấp số khi lưu)")
        else:
            text = self.tr("Chưa thuộc hồ sơ nào")
        self.case_label.setText(text)
        self.case_clear_button.setEnabled(bool(self._case_number or self._case_mode))

    # ------------------------------------------------------- place pickers
    def _on_province(self, code: str) -> None:
        self.errors["province"].set_error("")
        if not self._loading:
            self._ensure_wards()
            self._on_changed()
        elif self._wards_province is not None:
            self._ensure_wards()
        self._emit_location()

    def _on_ward(self, code: str) -> None:
        self.errors["ward"].set_error("")
        if code:
            unit = admin_units.ward(code)
            if unit is not None and unit.province_code != self.province.code():
                loading = self._loading
                self._loading = True
                self.province.set_code(unit.province_code)
                self._loading = loading
                self._ensure_wards()
                self.ward.set_code(code, emit=False)
        if not self._loading:
            self._on_changed()
        self._emit_location()

    def _check_pickers(self) -> None:
        for key, combo, message in (
                ("province", self.province, self.tr("Không có tỉnh/thành này trong 34 tỉnh, "
                                                    "thành phố; chọn trong danh sách.")),
                ("ward", self.ward, self.tr("Không tìm thấy xã/phường này; chọn trong danh "
                                            "sách."))):
            combo.commit_text()
            self.errors[key].set_error(message if combo.has_unmatched_text() else "")

    def _emit_location(self) -> None:
        location = (self.province.code(), self.ward.code())
        if location != self._location:
            self._location = location
            self.location_changed.emit(*location)

    # ------------------------------------------------- victim, emergency
    def _update_victim_fields(self, *_: Any) -> None:
        is_self = self.caller_relation.currentData() == "self"
        self.victim_sex.setEnabled(not is_self)
        self.victim_age_group.setEnabled(not is_self)
        self.victim_note.setVisible(is_self)
        self._update_emergency()

    def _on_categories(self) -> None:
        self.errors["categories"].set_error("")
        self._on_changed()
        self._update_emergency()

    def _on_urgency(self, *_: Any) -> None:
        self._on_changed()
        self._update_emergency()
        self._emit_urgency()

    def _emit_urgency(self) -> None:
        code = self.current_urgency()
        if code != self._urgency:
            self._urgency = code
            self.urgency_changed.emit(code)

    def involves_child(self) -> bool:
        codes = self.categories.codes()
        if any(c.startswith("child.") or c == "mar.child" for c in codes):
            return True
        if self.victim_age_group.isEnabled() and \
                self.victim_age_group.currentData() in CHILD_AGE_GROUPS:
            return True
        relation = self.caller_relation.currentData()
        return relation in ("self", "") and self.caller_age_group.currentData() in CHILD_AGE_GROUPS

    def _update_emergency(self, *_: Any) -> None:
        emergency = self.urgency.currentData() == "emergency"
        if not emergency:
            self.emergency.hide()
            if self._follow_up_auto and not self._loading:
                self._set_follow_up(None)
            return
        child = self.involves_child()
        hours = CHILD_EMERGENCY_HOURS if child else EMERGENCY_HOURS
        numbers = self.tr("KHẨN CẤP — Công an 113 · Cấp cứu 115 · Bảo vệ trẻ em 111 · "
                          "Cứu hỏa 114")
        notes = []
        if child:
            notes.append(self.tr("Trẻ em: phải có biện pháp can thiệp trong vòng 12 giờ "
                                 "(NĐ 56/2017, Điều 26)."))
        if not self._loading and (self._follow_up_auto or not self.follow_up_check.isChecked()):
            self._set_follow_up(self.clock.now() + timedelta(hours=hours))
        if self._follow_up_auto and self.follow_up_check.isChecked():
            notes.append(self.tr("Đã hẹn theo dõi trong vòng %1 giờ.").replace("%1", str(hours)))
        self.emergency.setText(f"<span style='font-size:large; font-weight:700'>{numbers}</span>"
                               + (f"<br>{' '.join(notes)}" if notes else ""))
        self.emergency.setAccessibleName(" ".join([numbers, *notes]))
        self.emergency_text = "\n".join([numbers, *notes])
        self.emergency.show()

    def _set_follow_up(self, when: datetime | None) -> None:
        loading = self._loading
        self._loading = True
        try:
            if when is None:
                self.follow_up_check.setChecked(False)
                self._follow_up_auto = False
            else:
                self.follow_up.setDateTime(self._qdatetime(when))
                self.follow_up_check.setChecked(True)
                self._follow_up_auto = True
        finally:
            self._loading = loading
        self.errors["follow_up"].set_error("")

    def _on_follow_up_edited(self, *_: Any) -> None:
        if self._loading:
            return
        self._follow_up_auto = False
        when = self._follow_up_value()
        if when is not None and when < self.clock.now() and self._call_id is None:
            self.errors["follow_up"].set_error(self.tr("Thời gian theo dõi đã ở trong quá khứ."))
        else:
            self.errors["follow_up"].set_error("")
        self._on_changed()

    def _follow_up_value(self) -> datetime | None:
        if not self.follow_up_check.isChecked():
            return None
        qt_value = self.follow_up.dateTime()
        day, clock_time = qt_value.date(), qt_value.time()
        value = datetime(day.year(), day.month(), day.day(), clock_time.hour(),
                         clock_time.minute())
        return self.clock.localize(value)

    def _qdatetime(self, when: datetime) -> QDateTime:
        local = self.clock.localize(when)
        return QDateTime(QDate(local.year, local.month, local.day),
                         QTime(local.hour, local.minute, local.second))

    def set_follow_up(self, when: datetime | None) -> None:
        """Set the follow-up as the operator would (tests, other panels)."""
        if when is None:
            self.follow_up_check.setChecked(False)
        else:
            self.follow_up.setDateTime(self._qdatetime(when))
            self.follow_up_check.setChecked(True)
        self._on_follow_up_edited()

    # -------------------------------------------------------------- history
    def show_history(self) -> HistoryView | None:
        if self._call_id is None:
            return None
        view = HistoryView(self.calls, self._call_id, self.lang, self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._history_windows = [w for w in self._history_windows if _alive(w)]
        self._history_windows.append(view)
        view.show()
        return view

    def shutdown(self) -> None:
        """Before the window closes: keep what is typed as a draft for the next start."""
        self.flush_draft()
        self.wait_drafts()
        self._tick.stop()


def _clock_text(seconds: int) -> str:
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _set_combo(combo: QComboBox, code: Any) -> None:
    index = combo.findData(code, CODE_ROLE)
    if index < 0 and code is not None:
        index = combo.findData(code)
    if index >= 0:
        combo.setCurrentIndex(index)


def _clear_layout(layout: Any) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            widget.deleteLater()
        elif inner is not None:
            _clear_layout(inner)


def _disarm(button: QPushButton, text: str) -> None:
    if _alive(button):
        button.setProperty("armed", False)
        button.setText(text)


def _alive(obj: Any) -> bool:
    return alive(obj)
