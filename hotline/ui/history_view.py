"""Earlier versions of a call and what changed between them (every edit keeps the previous
state; DESIGN §3). Opened beside the form as its own non-modal window."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from hotline import admin_units, phones
from hotline.calls.models import Call
from hotline.calls.service import CallService
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import parse_iso
from hotline.ui.fitting import resize_within_screen


def _t(text: str) -> str:
    """A text marked QT_TRANSLATE_NOOP("CallHistory", …) where it is written (lupdate only
    extracts literals)."""
    return QCoreApplication.translate("CallHistory", text)


# Field → (label, taxonomy list or a formatter name). Order is the order changes are listed.
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("received_at", QT_TRANSLATE_NOOP("CallHistory", "Thời gian nhận"), "time"),
    ("duration_s", QT_TRANSLATE_NOOP("CallHistory", "Thời lượng (giây)"), ""),
    ("channel", QT_TRANSLATE_NOOP("CallHistory", "Kênh"), "channels"),
    ("phone", QT_TRANSLATE_NOOP("CallHistory", "Số điện thoại"), "phone"),
    ("caller_name", QT_TRANSLATE_NOOP("CallHistory", "Tên người gọi"), ""),
    ("caller_sex", QT_TRANSLATE_NOOP("CallHistory", "Giới tính người gọi"), "sexes"),
    ("caller_age_group", QT_TRANSLATE_NOOP("CallHistory", "Nhóm tuổi người gọi"), "age_groups"),
    ("caller_relation", QT_TRANSLATE_NOOP("CallHistory", "Quan hệ"), "relations"),
    ("province_code", QT_TRANSLATE_NOOP("CallHistory", "Tỉnh/thành phố"), "province"),
    ("ward_code", QT_TRANSLATE_NOOP("CallHistory", "Xã/phường"), "ward"),
    ("victim_sex", QT_TRANSLATE_NOOP("CallHistory", "Giới tính người bị ảnh hưởng"), "sexes"),
    ("victim_age_group", QT_TRANSLATE_NOOP("CallHistory", "Nhóm tuổi người bị ảnh hưởng"),
     "age_groups"),
    ("vulnerable", QT_TRANSLATE_NOOP("CallHistory", "Nhóm dễ bị tổn thương"), "vulnerable"),
    ("categories", QT_TRANSLATE_NOOP("CallHistory", "Vấn đề"), "categories"),
    ("level", QT_TRANSLATE_NOOP("CallHistory", "Mức hỗ trợ"), "levels"),
    ("urgency", QT_TRANSLATE_NOOP("CallHistory", "Mức khẩn cấp"), "urgencies"),
    ("summary", QT_TRANSLATE_NOOP("CallHistory", "Tóm tắt"), ""),
    ("outcome", QT_TRANSLATE_NOOP("CallHistory", "Kết quả, hướng xử lý"), ""),
    ("safe_to_call_back", QT_TRANSLATE_NOOP("CallHistory", "An toàn để gọi lại"), "bool"),
    ("callback_note", QT_TRANSLATE_NOOP("CallHistory", "Khi nào có thể gọi lại"), ""),
    ("consent_share", QT_TRANSLATE_NOOP("CallHistory", "Đồng ý chia sẻ với dịch vụ"), "bool"),
    ("follow_up_at", QT_TRANSLATE_NOOP("CallHistory", "Hẹn theo dõi"), "time"),
    ("case_number", QT_TRANSLATE_NOOP("CallHistory", "Hồ sơ"), ""),
    ("referrals", QT_TRANSLATE_NOOP("CallHistory", "Chuyển tuyến"), "referrals"),
    ("citations", QT_TRANSLATE_NOOP("CallHistory", "Văn bản đã dẫn"), "citations"),
)


def _format(call: Call, name: str, kind: str, tax: Taxonomy, lang: str) -> str:
    value = getattr(call, name)
    if value is None or value == "" or value == ():
        return "—"
    if kind == "time":
        return value.strftime("%d/%m/%Y %H:%M")
    if kind == "phone":
        return phones.display(value)
    if kind == "province":
        return admin_units.province_name(value)
    if kind == "ward":
        return admin_units.ward_name(value)
    if kind == "bool":
        return (QCoreApplication.translate("CallHistory", "Có") if value
                else QCoreApplication.translate("CallHistory", "Không"))
    if kind == "referrals":
        return "; ".join(f"{r.name} ({tax.label('referral_statuses', r.status, lang)})"
                         for r in value)
    if kind == "citations":
        return "; ".join(c.citation for c in value)
    if kind:
        if isinstance(value, tuple):
            return ", ".join(tax.label(kind, c, lang) for c in value)
        return tax.label(kind, value, lang)
    return str(value)


def diff_calls(old: Call, new: Call, tax: Taxonomy, lang: str = "vi") -> list[tuple[str, str, str]]:
    """(field label, before, after) for every field that differs, in form order."""
    changes = []
    for name, label, kind in FIELDS:
        before = _format(old, name, kind, tax, lang)
        after = _format(new, name, kind, tax, lang)
        if before != after:
            changes.append((_t(label), before, after))
    return changes


class HistoryView(QWidget):
    """Versions newest first; under each, what the next save changed."""

    def __init__(self, calls: CallService, call_id: int, lang: str = "vi",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.calls = calls
        self.call_id = call_id
        self.lang = lang
        self.setWindowTitle(self.tr("Lịch sử sửa cuộc gọi #%1").replace("%1", str(call_id)))
        resize_within_screen(self, 760, 520)  # wider at a large font, within the screen
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Mục"), self.tr("Trước"), self.tr("Sau")])
        self.tree.setAccessibleName(self.tr("Các phiên bản của cuộc gọi"))
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 220)
        self.tree.setColumnWidth(1, 250)
        layout.addWidget(self.tree)
        self.reload()

    def reload(self) -> None:
        current = self.calls.get(self.call_id)
        versions = self.calls.history(self.call_id)
        self.tree.clear()
        self.heading.setText(self.tr("Cuộc gọi #%1 — phiên bản hiện tại %2; %3 phiên bản trước.")
                             .replace("%1", str(self.call_id))
                             .replace("%2", str(current.version))
                             .replace("%3", str(len(versions))))
        newer = current
        newer_label = self.tr("phiên bản %1 (hiện tại), lưu %2").replace(
            "%1", str(current.version)).replace("%2", _when(current.updated_at))
        for version in versions:
            title = self.tr("Phiên bản %1 → %2: lưu %3 bởi %4").replace(
                "%1", str(version.version)).replace("%2", newer_label).replace(
                "%3", _when(version.saved_at)).replace("%4", version.operator or "—")
            top = QTreeWidgetItem([title])
            top.setFirstColumnSpanned(True)
            changes = diff_calls(version.call, newer, self.calls.taxonomy, self.lang)
            if not changes:
                top.addChild(QTreeWidgetItem([self.tr("(không có thay đổi nội dung)")]))
            for label, before, after in changes:
                child = QTreeWidgetItem([label, before, after])
                for col, text in ((1, before), (2, after)):
                    child.setToolTip(col, text)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            top.setExpanded(True)
            newer = version.call
            newer_label = self.tr("phiên bản %1").replace("%1", str(version.version))

    def change_rows(self) -> list[tuple[str, str, str]]:
        """Every listed change (field, before, after), for tests and screen readers."""
        rows = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None:
                    rows.append((child.text(0), child.text(1), child.text(2)))
        return rows


def _when(value: str) -> str:
    if not value:
        return "—"
    try:
        return parse_iso(value).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return value

