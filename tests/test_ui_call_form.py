"""The call form, driven from the keyboard as an operator would (offscreen Qt)."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from typing_helpers import type_text

from hotline.calls.models import Call, CallFilter, Citation, Referral
from hotline.cli import main as cli_main
from hotline.ui.call_form import CallForm

pytestmark = pytest.mark.gui


@pytest.fixture
def form(qtbot, app):
    widget = CallForm(app)
    qtbot.addWidget(widget)
    widget.resize(1000, 1100)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    yield widget
    widget.shutdown()


def today_calls(app):
    day = app.clock.today().isoformat()
    return app.calls.list(CallFilter(date_from=day, date_to=day))


def ctrl(qtbot, widget, key):
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def test_type_vietnamese_save_and_list_everywhere(qtbot, form, app, data_dir, capsys):
    ctrl(qtbot, form, Qt.Key.Key_N)
    assert form.active and form.timer_running()
    assert QApplication.focusWidget() is form.phone
    type_text(form.phone, "0912 345 678")
    type_text(form.caller_name, "Chị Hương")
    type_text(form.categories.filter, "the chat")  # no accents: finds "thể chất"
    qtbot.keyClick(form.categories.filter, Qt.Key.Key_Return)
    assert form.categories.codes() == ("dv.physical",)
    type_text(form.province, "ha noi")
    form.province.commit_text()
    assert form.current_province() == "01"
    type_text(form.summary, "Chồng say rượu đánh đập, đe dọa đuổi ra khỏi nhà")
    type_text(form.outcome, "Đã tư vấn quyền được bảo vệ, hẹn gọi lại")
    ctrl(qtbot, form, Qt.Key.Key_S)

    assert not form.active and not form.timer_running()
    assert "Đã lưu cuộc gọi" in form.bar.label.text()
    rows = today_calls(app)
    assert len(rows) == 1
    saved = app.calls.get(rows[0].id)
    assert saved.phone == "+84912345678"
    assert saved.caller_name == "Chị Hương"
    assert saved.summary == "Chồng say rượu đánh đập, đe dọa đuổi ra khỏi nhà"
    assert saved.province_code == "01"
    assert saved.categories == ("dv.physical",)
    assert saved.ended_at is not None and saved.duration_s is not None
    assert app.calls.drafts() == []  # the draft went away in the same commit

    capsys.readouterr()
    assert cli_main(["--data-dir", str(data_dir), "calls", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["caller_name"] for c in listed] == ["Chị Hương"]
    assert listed[0]["summary"].startswith("Chồng say rượu")
    assert listed[0]["categories"] == ["dv.physical"]


def test_typing_into_an_idle_form_starts_a_call(qtbot, form):
    assert not form.active
    type_text(form.summary, "Người gọi im lặng rồi nói")
    assert form.active and form.timer_running()
    assert form.title.text().startswith("Cuộc gọi mới")


@pytest.mark.parametrize("number, code", [(1, "nc.silent"), (3, "nc.wrong_number"),
                                          (5, "nc.test")])
def test_non_counselling_call_in_one_keystroke(qtbot, form, app, number, code):
    qtbot.keyClick(form, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
    rows = today_calls(app)
    assert len(rows) == 1
    assert rows[0].categories == (code,)
    assert rows[0].level == "info"
    assert not form.active


def test_non_counselling_keeps_the_number_typed(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_N)
    type_text(form.phone, "0987654321")
    qtbot.keyClick(form, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    (row,) = today_calls(app)
    assert row.categories == ("nc.hangup",)
    assert row.phone == "+84987654321"


@pytest.mark.parametrize("typed, reason", [
    ("0912abc", "chữ cái"),
    ("12345", "quá ngắn"),
    ("0912 345 678 999 12", "quá dài"),
])
def test_bad_phone_gets_an_inline_error(qtbot, form, app, typed, reason):
    ctrl(qtbot, form, Qt.Key.Key_N)
    type_text(form.phone, typed)
    form.phone.editingFinished.emit()  # leaving the field
    assert reason in form.errors["phone"].text()
    assert form.errors["phone"].isVisible()
    form.categories.set_codes(["info.law"])
    ctrl(qtbot, form, Qt.Key.Key_S)
    assert form.active, "a bad number must not be saved"
    assert reason in form.errors["phone"].text()
    assert form.bar.kind == "error"
    assert today_calls(app) == []


def test_missing_category_is_named_next_to_the_field(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_N)
    type_text(form.summary, "Hỏi thông tin")
    ctrl(qtbot, form, Qt.Key.Key_S)
    assert "ít nhất một vấn đề" in form.errors["categories"].text()
    assert today_calls(app) == []
    form.categories.toggle("info.services")
    assert form.errors["categories"].text() == ""
    ctrl(qtbot, form, Qt.Key.Key_S)
    assert len(today_calls(app)) == 1


def test_follow_up_in_the_past_is_refused_inline(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_N)
    form.categories.set_codes(["dv.psychological"])
    form.set_follow_up(app.clock.now() - timedelta(hours=2))
    assert "quá khứ" in form.errors["follow_up"].text()
    ctrl(qtbot, form, Qt.Key.Key_S)
    assert form.active
    assert "quá khứ" in form.errors["follow_up"].text()
    assert today_calls(app) == []
    form.set_follow_up(app.clock.now() + timedelta(days=1))
    assert form.errors["follow_up"].text() == ""
    ctrl(qtbot, form, Qt.Key.Key_S)
    (row,) = today_calls(app)
    assert app.calls.get(row.id).follow_up_at is not None


def test_unknown_province_text_is_an_inline_error(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_N)
    form.categories.set_codes(["other"])
    type_text(form.province, "Tỉnh Hà Tây")  # merged away long ago
    ctrl(qtbot, form, Qt.Key.Key_S)
    assert "chọn trong danh sách" in form.errors["province"].text()
    assert today_calls(app) == []


def test_ward_list_follows_the_province_and_a_ward_sets_its_province(qtbot, form):
    ctrl(qtbot, form, Qt.Key.Key_N)
    form.ensure_lists()
    assert form.province.count() == 34
    type_text(form.ward, "phuong hoan kiem")  # no province yet: every ward is offered
    form.ward.commit_text()
    assert form.current_ward() == "00070"
    assert form.current_province() == "01"
    names = [form.ward.itemText(i) for i in range(form.ward.count())]
    assert 50 < len(names) < 200 and "Phường Hoàn Kiếm" in names


def test_location_and_urgency_signals(qtbot, form):
    ctrl(qtbot, form, Qt.Key.Key_N)
    with qtbot.waitSignal(form.location_changed) as blocker:
        type_text(form.province, "Hồ Chí Minh")
        form.province.commit_text()
    assert blocker.args == ["79", ""]
    with qtbot.waitSignal(form.urgency_changed) as blocker:
        form.urgency.setCurrentIndex(form.urgency.findData("priority"))
    assert blocker.args == ["priority"]


def test_child_emergency_shows_numbers_and_follow_up_within_12_hours(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_N)
    form.categories.set_codes(["child.sexual"])
    form.urgency.setCurrentIndex(form.urgency.findData("emergency"))
    assert form.emergency.isVisible()
    for number in ("113", "115", "111"):
        assert number in form.emergency_text
    due = form.to_call().follow_up_at
    assert due is not None
    assert timedelta(hours=11) < due - app.clock.now() <= timedelta(hours=12)
    form.urgency.setCurrentIndex(form.urgency.findData("routine"))
    assert not form.emergency.isVisible()
    assert form.to_call().follow_up_at is None  # the automatic follow-up goes with it
    # the operator's own follow-up is never replaced
    form.set_follow_up(app.clock.now() + timedelta(hours=3))
    form.urgency.setCurrentIndex(form.urgency.findData("emergency"))
    assert form.to_call().follow_up_at == (app.clock.now() + timedelta(hours=3)).replace(
        second=0)


def test_victim_fields_only_when_the_caller_is_not_the_victim(qtbot, form):
    ctrl(qtbot, form, Qt.Key.Key_N)
    form.caller_relation.setCurrentIndex(form.caller_relation.findData("family"))
    assert form.victim_sex.isEnabled()
    form.victim_sex.setCurrentIndex(form.victim_sex.findData("female"))
    form.victim_age_group.setCurrentIndex(form.victim_age_group.findData("6-11"))
    assert form.involves_child()
    call = form.to_call()
    assert (call.victim_sex, call.victim_age_group) == ("female", "6-11")
    form.caller_relation.setCurrentIndex(form.caller_relation.findData("self"))
    assert not form.victim_sex.isEnabled()
    assert (form.to_call().victim_sex, form.to_call().victim_age_group) == ("", "")


def test_citation_and_referral_from_other_panels_are_saved(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_N)
    form.categories.set_codes(["dv.physical"])
    form.add_citation(Citation(doc_id="13/2022/QH15", article="Điều 22",
                               citation="Luật PCBLGĐ 2022, Điều 22"))
    form.add_citation(Citation(doc_id="13/2022/QH15", article="Điều 22",
                               citation="Luật PCBLGĐ 2022, Điều 22"))  # twice: kept once
    form.add_referral(Referral(name="Công an phường Ba Đình", phone="113", entry_id="e1",
                               category="police"))
    assert form.citation_list.count() == 1 and form.referral_list.count() == 1
    assert form.level.currentData() == "referral"  # the level rises to what was done
    saved = form.save()
    assert saved is not None
    stored = app.calls.get(saved.id)
    assert [c.citation for c in stored.citations] == ["Luật PCBLGĐ 2022, Điều 22"]
    assert [(r.name, r.entry_id, r.status) for r in stored.referrals] == [
        ("Công an phường Ba Đình", "e1", "suggested")]


def test_escape_asks_inline_then_discards(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_N)
    type_text(form.summary, "Nội dung sẽ bỏ")
    form.flush_draft()
    form.wait_drafts()
    assert len(app.calls.drafts()) == 1
    qtbot.keyClick(form.summary, Qt.Key.Key_Escape)
    assert form.active and form.bar.isVisible() and form.bar.kind == "warning"
    type_text(form.summary, " tiếp")  # typing goes on while the question is shown
    assert form.summary.toPlainText().endswith("tiếp")
    qtbot.keyClick(form.summary, Qt.Key.Key_Escape)  # second Esc: keep the call
    assert form.active and not form.bar.isVisible()
    qtbot.keyClick(form.summary, Qt.Key.Key_Escape)
    discard = next(b for b in form.bar.buttons if b.text() == "Bỏ cuộc gọi")
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert not form.active
    assert app.calls.drafts() == []
    assert today_calls(app) == []


def test_editing_a_saved_call_keeps_its_history(qtbot, form, app):
    app.settings = app.settings.with_changes(operator_name="Chị Hà (ca sáng)")
    ctrl(qtbot, form, Qt.Key.Key_N)
    form.categories.set_codes(["dv.psychological"])
    type_text(form.summary, "Bị chồng chửi bới")
    first = form.save()
    assert first is not None and first.version == 1
    app.settings = app.settings.with_changes(operator_name="Chị Lan (ca chiều)")
    assert form.open_call(first.id)
    assert form.timer_text() != "" and not form.timer_running()
    assert form.summary.toPlainText() == "Bị chồng chửi bới"
    form.summary.clear()
    type_text(form.summary, "Bị chồng chửi bới, đe dọa")
    form.level.setCurrentIndex(form.level.findData("counsel"))
    ctrl(qtbot, form, Qt.Key.Key_S)
    current = app.calls.get(first.id)
    assert current.version == 2 and current.summary == "Bị chồng chửi bới, đe dọa"
    assert current.received_at == first.received_at
    assert current.duration_s == first.duration_s
    assert current.operator == first.operator == "Chị Hà (ca sáng)"  # who took the call
    history = app.calls.history(first.id)
    assert [v.version for v in history] == [1]
    assert history[0].call.summary == "Bị chồng chửi bới"

    assert form.open_call(first.id)
    assert form.history_button.isEnabled()
    view = form.show_history()
    qtbot.addWidget(view)
    rows = view.change_rows()
    assert ("Tóm tắt", "Bị chồng chửi bới", "Bị chồng chửi bới, đe dọa") in rows
    assert ("Mức hỗ trợ", "Cung cấp thông tin", "Tư vấn") in rows


def test_tab_order_follows_the_form(qtbot, form):
    ctrl(qtbot, form, Qt.Key.Key_N)
    expected = [w for w in form.tab_chain if w.isVisible() and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    visited = []
    for _ in range(len(expected)):
        widget = QApplication.focusWidget()
        visited.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    names = [w.accessibleName() for w in visited]
    assert names[:8] == ["Số điện thoại", "Kênh", "Tên, bí danh", "Quan hệ", "Giới tính",
                         "Nhóm tuổi", "Tỉnh/thành phố", "Xã/phường"]
    assert visited == expected
    assert "Lọc vấn đề" in names and names.index("Lọc vấn đề") < names.index("Tóm tắt")
    for widget in visited:
        assert widget.accessibleName(), f"{widget!r} has no accessible name"


def test_category_picker_keyboard(qtbot, form):
    picker = form.categories
    type_text(picker.filter, "tre em")
    assert all(code.startswith("child.") for code in picker.visible_codes())
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is picker.list
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.codes() == ("child.sexual",)
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.codes() == ()
    picker.filter.setFocus()
    picker.filter.clear()
    type_text(picker.filter, "tự tử")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.codes() == ("psy.suicide_risk",)
    assert picker.filter.text() == ""
    assert "nguy cơ tự tử" in picker.chosen_label.text()


def test_save_without_a_call_says_so(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_S)
    assert "Ctrl+N" in form.bar.label.text()
    assert today_calls(app) == []


def test_conflicting_edit_is_reported_not_lost(qtbot, form, app):
    saved = app.calls.save(Call(received_at=app.clock.now() - timedelta(minutes=5),
                                categories=("info.law",), summary="Bản gốc"))
    assert form.open_call(saved.id)
    app.calls.save(app.calls.get(saved.id).with_changes(summary="Sửa ở máy khác"))
    form.summary.clear()
    type_text(form.summary, "Sửa ở đây")
    assert form.save() is None
    assert form.bar.kind == "error" and "sửa ở nơi khác" in form.bar.label.text()
    assert form.active and form.summary.toPlainText() == "Sửa ở đây"


def test_timer_runs_from_received_at(qtbot, form, app):
    ctrl(qtbot, form, Qt.Key.Key_N)
    began = time.monotonic()
    form._received_at = app.clock.now() - timedelta(minutes=3, seconds=7)
    with qtbot.waitSignal(form.timer_changed, timeout=3000):
        pass
    # 3:07 plus the time that really went by (a loaded machine may deliver the tick late).
    late = int(time.monotonic() - began) + 1
    allowed = {f"{(187 + s) // 60:02d}:{(187 + s) % 60:02d}" for s in range(late + 1)}
    assert form.timer_text() in allowed
    assert isinstance(form.to_call().received_at, datetime)
