"""The call list (lazy keyset paging off the UI thread) and the follow-ups page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from typing_helpers import type_text

from hotline.calls.models import Call
from hotline.ui.call_list import CallListView, CallTableModel
from hotline.ui.followups_view import FollowUpsView
from hotline.ui.tasks import DbReader

pytestmark = pytest.mark.gui


@pytest.fixture
def reader(app):
    r = DbReader(lambda: app.store.new_connection(readonly=True))
    yield r
    r.close()


def seed(app, count, *, start=None, **fields):
    start = start or app.clock.now().replace(hour=0, minute=0, second=0) + timedelta(seconds=5)
    defaults = {"categories": ("dv.physical",), "level": "counsel"}
    defaults.update(fields)
    calls = [Call(received_at=start + timedelta(seconds=i), duration_s=i % 600,
                  **defaults) for i in range(count)]
    app.calls.write_many(calls)


def wait_rows(qtbot, model, n):
    qtbot.waitUntil(lambda: model.rowCount() == n and not model.loading, timeout=5000)


def test_model_fetches_pages_lazily(qtbot, qtmodeltester, app, reader):
    seed(app, 450)
    model = CallTableModel(app.calls, reader, app.taxonomy, page_size=200)
    day = app.clock.today().isoformat()
    from hotline.calls.models import CallFilter

    model.set_filter(CallFilter(date_from=day, date_to=day))
    assert model.rowCount() == 0  # nothing arrives synchronously: the UI never waits
    wait_rows(qtbot, model, 200)
    assert model.canFetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.total == 450, timeout=5000)
    model.fetchMore(QModelIndex())
    wait_rows(qtbot, model, 400)
    model.fetchMore(QModelIndex())
    wait_rows(qtbot, model, 450)
    assert not model.canFetchMore(QModelIndex())
    times = [model.call_at(r).received_ts for r in range(450)]
    assert times == sorted(times, reverse=True)  # newest first, no row twice
    assert len({model.call_at(r).id for r in range(450)}) == 450
    qtmodeltester.check(model, force_py=True)


def test_model_passes_qt_model_tester(qtbot, qtmodeltester, app, reader):
    seed(app, 30)
    model = CallTableModel(app.calls, reader, app.taxonomy, page_size=10)
    model.reload()
    wait_rows(qtbot, model, 10)
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)


def test_view_shows_today_and_scrolling_fetches_more(qtbot, app, reader):
    seed(app, 50, start=app.clock.now() - timedelta(days=3))  # not today
    seed(app, 450)
    view = CallListView(app, reader)
    qtbot.addWidget(view)
    view.resize(1100, 600)
    view.show()
    view.load()
    wait_rows(qtbot, view.model, 200)
    qtbot.waitUntil(lambda: "450 cuộc gọi" in view.status.text(), timeout=5000)
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() > 200, timeout=5000)
    view.set_range(6)  # the last 7 days include the older calls
    qtbot.waitUntil(lambda: view.model.total == 500, timeout=5000)
    # the view may go on fetching (it was scrolled to the bottom): wait for it to settle
    qtbot.waitUntil(lambda: view.model.rowCount() >= 200 and not view.model.loading,
                    timeout=5000)
    ids = [view.model.call_at(r).id for r in range(view.model.rowCount())]
    assert len(ids) == len(set(ids)), "a reload with a view attached fetched a page twice"


def test_filters_text_without_accents_category_level_urgency(qtbot, app, reader):
    now = app.clock.now().replace(hour=0, minute=1)
    app.calls.write_many([
        Call(received_at=now, categories=("dv.physical",), level="counsel",
             summary="Chồng đánh đập vợ"),
        Call(received_at=now + timedelta(minutes=1), categories=("child.neglect",),
             level="referral", urgency="emergency", summary="Trẻ bị bỏ đói"),
        Call(received_at=now + timedelta(minutes=2), categories=("mar.divorce",),
             level="info", summary="Hỏi thủ tục ly hôn"),
    ])
    view = CallListView(app, reader)
    qtbot.addWidget(view)
    view.show()
    view.load()
    wait_rows(qtbot, view.model, 3)
    type_text(view.text, "danh dap")  # no accents, đ folded
    view.apply_filter()
    wait_rows(qtbot, view.model, 1)
    assert view.model.call_at(0).summary == "Chồng đánh đập vợ"
    view.text.clear()
    view.category.setCurrentIndex(view.category.findData("child"))  # a whole group
    wait_rows(qtbot, view.model, 1)
    assert view.model.call_at(0).categories == ("child.neglect",)
    view.category.setCurrentIndex(0)
    view.urgency.setCurrentIndex(view.urgency.findData("emergency"))
    wait_rows(qtbot, view.model, 1)
    view.urgency.setCurrentIndex(0)
    view.level.setCurrentIndex(view.level.findData("info"))
    wait_rows(qtbot, view.model, 1)
    assert view.model.call_at(0).summary == "Hỏi thủ tục ly hôn"
    view.level.setCurrentIndex(0)
    wait_rows(qtbot, view.model, 3)
    assert view.model.index(1, CallTableModel.URGENCY).data() == "Khẩn cấp"
    assert view.model.index(1, CallTableModel.LEVEL).data() == "Kết nối, chuyển tuyến dịch vụ"


def test_sorting_by_time_and_by_other_columns(qtbot, app, reader):
    seed(app, 30)
    view = CallListView(app, reader)
    qtbot.addWidget(view)
    view.show()
    view.model.page_size = 10
    view.load()
    wait_rows(qtbot, view.model, 10)
    view.table.sortByColumn(CallTableModel.TIME, Qt.SortOrder.AscendingOrder)
    wait_rows(qtbot, view.model, 10)
    first = [view.model.call_at(r).received_ts for r in range(10)]
    assert first == sorted(first) and view.model.canFetchMore(QModelIndex())
    qtbot.waitUntil(lambda: view.model.total == 30, timeout=5000)
    view.table.sortByColumn(CallTableModel.DURATION, Qt.SortOrder.DescendingOrder)
    wait_rows(qtbot, view.model, 30)  # every matching row is fetched, then sorted
    durations = [view.model.call_at(r).duration_s for r in range(30)]
    assert durations == sorted(durations, reverse=True)
    view.apply_filter()  # a new filter starts again in time order
    wait_rows(qtbot, view.model, 10)
    assert view.table.horizontalHeader().sortIndicatorSection() == CallTableModel.TIME


def test_enter_opens_the_selected_call(qtbot, app, reader):
    seed(app, 3)
    view = CallListView(app, reader)
    qtbot.addWidget(view)
    view.show()
    view.load()
    wait_rows(qtbot, view.model, 3)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(1, 0))
    with qtbot.waitSignal(view.open_call) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [view.model.call_at(1).id]


def test_followups_due_and_overdue_then_done(qtbot, app, reader):
    now = app.clock.now()
    app.calls.write_many([
        Call(received_at=now - timedelta(days=2), categories=("dv.physical",),
             phone="+84912345678", summary="Hẹn gọi lại kiểm tra an toàn",
             follow_up_at=now - timedelta(days=1), safe_to_call_back=False,
             callback_note="chỉ sau 18 giờ"),
        Call(received_at=now - timedelta(hours=1), categories=("info.law",),
             summary="Gửi thêm thông tin", follow_up_at=now + timedelta(days=3)),
    ])
    view = FollowUpsView(app, reader)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.count_changed) as blocker:
        view.reload()
    assert blocker.args == [1]  # the one due in three days is not listed yet
    model = view.model
    assert model.index(0, model.STATE).data() == "QUÁ HẠN"
    assert model.index(0, model.SAFE).data() == "KHÔNG"
    assert model.index(0, model.WHEN_SAFE).data() == "chỉ sau 18 giờ"
    assert model.index(0, model.PHONE).data() == "0912 345 678"
    view.table.setCurrentIndex(model.index(0, 0))
    type_text(view.note, "Đã gọi, chị an toàn")
    with qtbot.waitSignal(view.count_changed) as blocker:
        qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [0]
    done = app.calls.followups(include_done=True)
    assert done[0].done and done[0].note == "Đã gọi, chị an toàn"
