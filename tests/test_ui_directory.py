"""The directory in the window: the page, the panel beside the call form, referrals."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from typing_helpers import type_text

from hotline.calls.models import Call, Referral
from hotline.directory.models import Entry, EntryPhone
from hotline.ui.call_form import CallForm
from hotline.ui.directory_view import (
    DirectorySearchPanel,
    DirectoryTableModel,
    DirectoryView,
    OpenReferralsView,
    PhoneBlock,
    ReferralStatusWidget,
)
from hotline.ui.events import CallEvents
from hotline.ui.tasks import DbReader

pytestmark = pytest.mark.gui

HANOI, BA_DINH = "01", "00004"


def seed(app) -> dict[str, Entry]:
    d = app.directory
    return {
        "shelter": d.save(Entry(
            name="Nhà tạm lánh Hoa Sen", organisation="Hội LHPN thành phố",
            categories=("shelter",), province_code=HANOI, ward_code=BA_DINH,
            phones=(EntryPhone("024 3825 1234", "Trực ban"), EntryPhone("0912 345 678", "Zalo")),
            hours="24/7", verified_on="2026-06-01"), by="lan"),
        "police": d.save(Entry(
            name="Công an phường Ba Đình", categories=("police",), province_code=HANOI,
            ward_code=BA_DINH, phones=(EntryPhone("024 3942 1234", "Trực ban"),),
            hours="24/7", verified_on="2024-01-01"), by="lan"),
        "danang": d.save(Entry(
            name="Công an phường Hải Châu", categories=("police",), province_code="48",
            phones=(EntryPhone("0236 382 1111"),), hours="24/7", verified_on="2026-01-01"),
            by="lan"),
    }


@pytest.fixture
def reader(app):
    r = DbReader.for_store(app.store, readonly=True)
    yield r
    r.close()


@pytest.fixture
def view(qtbot, app):
    seed(app)
    widget = DirectoryView(app)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    return widget


@pytest.fixture
def panel(qtbot, app):
    seed(app)
    widget = DirectorySearchPanel(app)
    qtbot.addWidget(widget)
    widget.resize(480, 820)
    widget.show()
    return widget


def shown_names(model: DirectoryTableModel) -> list[str]:
    return [model.hit(r).entry.name for r in range(model.rowCount())]


def test_model_passes_the_qt_model_tester(qtmodeltester, app) -> None:
    seed(app)
    from hotline.directory.models import DirectoryQuery

    model = DirectoryTableModel(app.taxonomy)
    model.set_source(lambda limit: app.directory.search(DirectoryQuery(limit=limit)), first=3)
    qtmodeltester.check(model)
    lazy = DirectoryTableModel(app.taxonomy)
    lazy.set_source(lambda limit: app.directory.search(DirectoryQuery(limit=limit)), first=3)
    assert lazy.rowCount() == 3 and lazy.canFetchMore()
    while lazy.canFetchMore():
        lazy.fetchMore()
    assert lazy.rowCount() == app.directory.count()


def test_typing_vietnamese_or_not_finds_the_shelter(qtbot, view) -> None:
    type_text(view.search, "hoa sen")
    qtbot.waitUntil(lambda: shown_names(view.model) == ["Nhà tạm lánh Hoa Sen"], timeout=2000)
    view.search.clear()
    type_text(view.search, "Nhà tạm lánh Hoa")
    qtbot.waitUntil(lambda: "Nhà tạm lánh Hoa Sen" in shown_names(view.model), timeout=2000)
    assert view.detail.hit is not None and view.detail.hit.entry.name == "Nhà tạm lánh Hoa Sen"
    blocks = view.detail.findChildren(PhoneBlock)
    assert [b.display for b in blocks] == ["024 3825 1234", "0912 345 678"]
    assert "20pt" in blocks[0].number_label.styleSheet()  # shown large
    blocks[0].copy_button.click()
    assert QGuiApplication.clipboard().text() == "024 3825 1234"
    assert "Đã sao chép" in view.bar.label.text()
    assert "26/11/2026" in view.as_of.text()  # the bundle's "as of" date


def test_filters_and_stale_marking(qtbot, view, app) -> None:
    view.category.setCurrentIndex(view.category.findData("police"))
    view.province.setCurrentIndex(view.province.findData(HANOI))
    assert shown_names(view.model) == ["Công an phường Ba Đình"]
    hit = view.model.hit(0)
    assert hit is not None and hit.stale
    column = DirectoryTableModel.VERIFIED
    assert "Cần xác minh lại" in view.model.index(0, column).data()
    assert view.detail.stale.isVisibleTo(view.detail)
    view.open_now.setChecked(True)
    assert shown_names(view.model) == ["Công an phường Ba Đình"]  # 24/7


def test_add_edit_deactivate_a_local_entry(qtbot, view, app) -> None:
    view.add_button.click()
    assert view.side.currentWidget() is view.form
    form = view.form
    type_text(form.name, "Địa chỉ tin cậy bà Lan")
    form.categories.set_codes(["trusted_address"])
    form.province.set_code(HANOI)
    type_text(form.phones, "Nhà riêng: 12ab")
    type_text(form.hours, "T2-T6 07:30-17:00")
    assert form.save() is None  # bad number: nothing saved, reason under the field
    assert "12ab" in form.errors["phones"].text()
    assert form.errors["phones"].isVisibleTo(form)
    form.phones.clear()
    type_text(form.phones, "Nhà riêng: 0912 000 111")
    saved = form.save()
    assert saved is not None and saved.phones[0].number == "+84912000111"
    assert saved.hours == "Mo-Fr 07:30-17:00"
    assert view.side.currentWidget() is view.detail
    assert view.detail.hit is not None and view.detail.hit.entry.id == saved.id

    view.detail.edit_button.click()
    assert view.form.name.text() == "Địa chỉ tin cậy bà Lan"
    view.form.notes.setPlainText("Chỉ nhận phụ nữ")
    edited = view.form.save()
    assert edited is not None and edited.version == 2

    view.detail.active_button.click()
    assert not app.directory.get(saved.id).active
    assert "vẫn lưu" in view.bar.label.text()
    view.search.setText("tin cay ba lan")
    view.refresh()
    assert shown_names(view.model) == []
    view.inactive.setChecked(True)
    assert shown_names(view.model) == ["Địa chỉ tin cậy bà Lan"]
    actions = [c.action for c in app.directory.history(saved.id)]
    assert actions == ["deactivate", "update", "create"]


def test_bundled_lines_cannot_be_edited_only_switched_off(qtbot, view) -> None:
    view.search.setText("111")
    view.refresh()
    assert view.detail.hit is not None and view.detail.hit.entry.id == "vn.111"
    assert not view.detail.edit_button.isVisibleTo(view.detail)
    assert view.detail.active_button.isVisibleTo(view.detail)


def test_import_and_export_run_off_the_ui_thread(qtbot, view, app, tmp_path: Path) -> None:
    good = tmp_path / "moi.csv"
    good.write_text("name,categories,province_code,phones\n"
                    "Trạm y tế xã Minh Tân,health,Tỉnh Hà Giang,0219 386 1234\n",
                    encoding="utf-8-sig")
    with qtbot.waitSignal(view.import_finished, timeout=10000) as blocker:
        view.import_from(good)
    report = blocker.args[0]
    assert report.created == 1
    assert "Tuyên Quang" in view.messages.toPlainText()  # the old province, mapped
    assert "Trạm y tế xã Minh Tân" in shown_names(view.model)

    before = app.directory.count(include_inactive=True)
    bad = tmp_path / "hong.csv"
    bad.write_text("name,categories,phones\nA,spa,0912345678\n", encoding="utf-8")
    with qtbot.waitSignal(view.import_finished, timeout=10000):
        view.import_from(bad)
    assert view.bar.kind == "error" and "không thay đổi" in view.bar.label.text()
    assert "hong.csv, dòng 2, cột categories" in view.messages.toPlainText()
    assert app.directory.count(include_inactive=True) == before

    out = tmp_path / "hsds.zip"
    with qtbot.waitSignal(view.export_finished, timeout=10000) as blocker:
        view.export_to(out, "hsds")
    assert blocker.args[0] == before and out.exists()
    assert not view.progress.isVisible()


# ----------------------------------------------------------------- panel and referrals
def test_panel_orders_near_the_caller_and_refers_with_enter(qtbot, panel, app) -> None:
    panel.category.setCurrentIndex(panel.category.findData("police"))
    panel.set_location("48", "")
    assert shown_names(panel.model)[0] == "Công an phường Hải Châu"
    panel.set_location(HANOI, BA_DINH)
    assert shown_names(panel.model)[:2] == ["Công an phường Ba Đình", "Công an — cảnh sát 113"]
    assert "Ba Đình" in panel.location.text()
    with qtbot.waitSignal(panel.refer_requested) as blocker:
        type_text(panel.search, "cong an")
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    referral = blocker.args[0]
    police_id = next(e.id for e in app.directory.iter_entries()
                     if e.name == "Công an phường Ba Đình")
    assert (referral.name, referral.phone, referral.entry_id, referral.category,
            referral.status) == ("Công an phường Ba Đình", "+842439421234", police_id,
                                 "police", "suggested")


def test_emergency_shows_the_numbers_at_once(qtbot, panel) -> None:
    panel.set_location(HANOI, BA_DINH)
    panel.set_urgency("emergency")
    assert panel.emergency_box.isVisible()
    numbers = [h.entry.phones[0].display for h in panel.emergency_hits()]
    assert numbers[:3] == ["113", "115", "111"]
    assert "024 3942 1234" in numbers  # the local police
    with qtbot.waitSignal(panel.refer_requested) as blocker:
        from PySide6.QtWidgets import QPushButton

        buttons = panel.emergency_box.findChildren(QPushButton)
        buttons[0].click()
    assert blocker.args[0].phone == "113"
    panel.set_urgency("routine")
    assert not panel.emergency_box.isVisible()


def test_referral_from_the_panel_is_saved_with_the_call(qtbot, panel, app) -> None:
    form = CallForm(app)
    qtbot.addWidget(form)
    form.show()
    panel.refer_requested.connect(form.add_referral)  # what the window wires
    form.location_changed.connect(panel.set_location)
    form.urgency_changed.connect(panel.set_urgency)
    form.start_call()
    form.categories.set_codes(["dv.physical"])
    form.ensure_lists()  # the province list fills on first use
    form.province.set_code(HANOI)
    qtbot.waitUntil(lambda: panel.location.text().endswith("Hà Nội"), timeout=2000)
    type_text(panel.search, "hoa sen")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert [r.name for r in form.referrals()] == ["Nhà tạm lánh Hoa Sen"]
    saved = form.save()
    assert saved is not None
    stored = app.calls.get(saved.id).referrals
    assert [(r.name, r.phone, r.category, r.status) for r in stored] == [
        ("Nhà tạm lánh Hoa Sen", "+842438251234", "shelter", "suggested")]
    assert stored[0].entry_id is not None and stored[0].created_by == app.operator
    form.shutdown()


def test_referral_status_updates_from_the_follow_up_list(qtbot, app, reader) -> None:
    entries = seed(app)
    from datetime import datetime
    from zoneinfo import ZoneInfo

    referral = app.directory.referral_from_entry(entries["shelter"])
    call = app.calls.save(Call(received_at=datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")),
                               categories=("dv.physical",), level="referral",
                               referrals=(referral,)), operator="lan")
    view = OpenReferralsView(app, reader)
    qtbot.addWidget(view)
    view.show()  # the list loads when the page is first shown, on the reader thread
    qtbot.waitUntil(lambda: not view.loading and view.editor.list.count() == 1, timeout=5000)
    assert view.status.text() == "1 chuyển tuyến đang theo dõi, cũ nhất trước."
    assert "Nhà tạm lánh Hoa Sen" in view.editor.list.item(0).text()
    editor = view.editor
    editor.status.setCurrentIndex(editor.status.findData("contacted"))
    editor.note.setText("đã gọi, hẹn mai")
    with qtbot.waitSignal(editor.referral_updated) as blocker:
        editor.update_button.click()
    assert blocker.args[1] == "contacted"
    stored = app.calls.get(call.id).referrals[0]
    assert (stored.status, stored.note) == ("contacted", "đã gọi, hẹn mai")
    with qtbot.waitSignal(view.open_call_requested) as opened:
        editor.open_button.click()
    assert opened.args == [call.id]
    editor.status.setCurrentIndex(editor.status.findData("completed"))
    editor.update_button.click()
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert view.editor.list.count() == 0  # done: no longer followed up
    assert view.status.text() == "Không có chuyển tuyến nào đang theo dõi."

    # the same widget on a call's detail
    detail = ReferralStatusWidget(app.calls, app.taxonomy)
    qtbot.addWidget(detail)
    detail.set_referrals(app.calls.get(call.id).referrals)
    assert "Hoàn thành" in detail.list.item(0).text()
    assert not detail.open_button.isVisible()


def test_an_operator_searches_but_cannot_change_the_directory(qtbot, app) -> None:
    admin = app.accounts.create_first_admin("admin", "Quản trị", "mat-khau-dai-1")
    operator = app.accounts.create_user(admin, "lan", "Lan", "operator", "mat-khau-dai-2")
    app.session.user = operator
    seed(app)
    view = DirectoryView(app)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() > 0  # searching is allowed
    assert not view.add_button.isVisible() and not view.import_button.isVisible()
    assert view.export_button.isVisible()
    assert not view.detail.active_button.isVisible()


def test_import_of_a_windows_1258_file_says_so(qtbot, view, app, tmp_path: Path) -> None:
    from encoding_helpers import cp1258, csv_text

    path = tmp_path / "excel.csv"
    path.write_bytes(cp1258(csv_text([["name", "categories", "province_code", "phones"],
                                      ["Trạm y tế xã Minh Tân", "health", "Hà Nội",
                                       "0219 386 1234"]], delimiter=";")))
    with qtbot.waitSignal(view.import_finished, timeout=10000) as blocker:
        view.import_from(path)
    assert blocker.args[0].created == 1
    assert view.bar.kind == "warning"
    assert "excel.csv: Tệp dùng bảng mã Windows-1258 — đã chuyển sang Unicode" in \
        view.messages.toPlainText()
    assert "Trạm y tế xã Minh Tân" in shown_names(view.model)


def _open_referrals(app, count: int) -> None:
    """`count` calls with one open referral each, saved in one transaction (one created_at:
    only the id orders them, as the list's paging must)."""
    from datetime import timedelta

    start = app.clock.now().replace(microsecond=0) - timedelta(hours=count)
    app.calls.write_many([
        Call(received_at=start + timedelta(minutes=i), categories=("dv.physical",),
             level="referral", referrals=(Referral(name=f"Nơi tiếp nhận {i:03d}",
                                                   category="shelter"),))
        for i in range(count)], operator="lan")


def test_open_referrals_load_off_the_ui_thread_a_page_at_a_time(qtbot, app, reader,
                                                                 monkeypatch) -> None:
    import threading

    from hotline.directory.service import DirectoryService

    _open_referrals(app, 45)
    threads: list[int] = []
    original = DirectoryService.referrals

    def recording(self, *args, **kwargs):
        threads.append(threading.get_ident())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DirectoryService, "referrals", recording)
    events = CallEvents()
    view = OpenReferralsView(app, reader, events, page_size=20)
    qtbot.addWidget(view)
    assert threads == [] and view.editor.list.count() == 0  # building the page reads nothing
    view.resize(600, 300)  # 20 rows overflow it: a scroll bar to reach the end with
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.editor.list.count() == 20, timeout=5000)
    assert threads and threading.get_ident() not in threads  # read on the reader thread
    assert view.status.text() == ("45 chuyển tuyến đang theo dõi, cũ nhất trước. Đang hiện "
                                  "20; kéo xuống cuối danh sách để xem thêm.")
    names = lambda: [view.editor.list.item(i).text().split(" · ")[1]  # noqa: E731
                     for i in range(view.editor.list.count())]
    assert names()[:2] == ["Nơi tiếp nhận 000", "Nơi tiếp nhận 001"]
    view.editor.list.setCurrentRow(3)
    bar = view.editor.list.verticalScrollBar()
    bar.setValue(bar.maximum())  # scrolled to the end: the next page
    qtbot.waitUntil(lambda: not view.loading and view.editor.list.count() == 40, timeout=5000)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: not view.loading and view.editor.list.count() == 45, timeout=5000)
    assert names() == [f"Nơi tiếp nhận {i:03d}" for i in range(45)]  # no gap, no repeat
    assert view.editor.list.currentRow() == 3  # the selection stayed while pages came in
    assert view.status.text() == "45 chuyển tuyến đang theo dõi, cũ nhất trước."
    calls_so_far = len(threads)
    bar.setValue(bar.maximum())  # everything is shown: nothing more is asked for
    qtbot.wait(50)
    assert len(threads) == calls_so_far

    # A call saved elsewhere while the page is hidden: reloaded when it is shown again.
    view.hide()
    _open_referrals(app, 1)
    events.call_saved.emit(None)
    qtbot.wait(50)
    assert view.editor.list.count() == 45 and len(threads) == calls_so_far
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.status.text().startswith("46 "),
                    timeout=5000)
    assert view.editor.list.count() == 20  # back at the first page


def test_open_referrals_say_when_they_cannot_be_loaded(qtbot, app, reader,
                                                       monkeypatch) -> None:
    from hotline.directory.service import DirectoryService

    def broken(self, *args, **kwargs):
        raise RuntimeError("đĩa hỏng")

    monkeypatch.setattr(DirectoryService, "open_referral_count", broken)
    view = OpenReferralsView(app, reader)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert view.status.text() == "Không tải được danh sách chuyển tuyến: đĩa hỏng"
    assert view.editor.list.count() == 0
    monkeypatch.undo()
    view.hide()
    view.show()  # tried again when shown again
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert view.status.text() == "Không có chuyển tuyến nào đang theo dõi."


def test_open_referrals_fill_a_tall_page_without_scrolling(qtbot, app, reader) -> None:
    _open_referrals(app, 12)
    view = OpenReferralsView(app, reader, page_size=5)
    qtbot.addWidget(view)
    view.resize(600, 900)  # 5 rows leave the list half empty: no scroll bar to pull
    view.show()
    qtbot.waitUntil(lambda: not view.loading and view.editor.list.count() == 12, timeout=5000)
    assert view.status.text() == "12 chuyển tuyến đang theo dõi, cũ nhất trước."


def test_the_windows_referrals_page_loads_when_shown_and_follows_saved_calls(
        qtbot, app, monkeypatch) -> None:
    """The whole window: building its pages reads no referral; the page fills on the
    window's reader thread when shown; a call saved from the form with a referral appears
    the next time the page is shown."""
    import threading

    from hotline.directory.service import DirectoryService
    from hotline.ui.main_window import MainWindow
    from hotline.ui.pages import install_pages

    entries = seed(app)
    threads: list[int] = []
    original = DirectoryService.referrals

    def recording(self, *args, **kwargs):
        threads.append(threading.get_ident())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DirectoryService, "referrals", recording)
    window = MainWindow(app)
    qtbot.addWidget(window)
    install_pages(window, app)
    window.show()
    page = window.page("referrals")
    assert threads == []  # nothing read while the window was built
    window.show_page("referrals")
    qtbot.waitUntil(lambda: not page.loading and page.status.text() != "", timeout=5000)
    assert page.status.text() == "Không có chuyển tuyến nào đang theo dõi."
    assert threads and threading.get_ident() not in threads

    window.show_page("call")
    form = window.call_form
    form.start_call()
    form.categories.set_codes(["dv.physical"])
    form.add_referral(app.directory.referral_from_entry(entries["shelter"]))
    assert form.save() is not None
    window.show_page("referrals")
    qtbot.waitUntil(lambda: not page.loading and page.editor.list.count() == 1, timeout=5000)
    assert "Nhà tạm lánh Hoa Sen" in page.editor.list.item(0).text()
    assert page.status.text() == "1 chuyển tuyến đang theo dõi, cũ nhất trước."
    window.close()


def test_languages_are_shown_by_name_in_the_window_language(qtbot):
    """An entry's language codes read as names ("Tiếng Việt" / "Vietnamese"), free text
    as typed."""
    from hotline.ui.directory_view import language_name

    assert [language_name(c) for c in ("vi", "en", "Tiếng H'Mông")] == [
        "Tiếng Việt", "Tiếng Anh", "Tiếng H'Mông"]
    assert [language_name(c, "en") for c in ("vi", "km")] == ["Vietnamese", "Khmer"]
