"""The main window: pages, search panels beside the form, status bar, repeat callers, start-up."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from typing_helpers import type_text

from hotline import config
from hotline.calls.models import Call, CallFilter
from hotline.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, app):
    win = MainWindow(app)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    yield win
    win.close()


def test_title_keeps_vietnamese_and_status_bar_shows_operator(window, app):
    assert window.windowTitle() == f"Hotline — {app.settings.center_name}"
    assert "TRUNG TÂM CÔNG TÁC XÃ HỘI" in window.windowTitle()
    assert window.operator_label.text().startswith("Người trực:")
    window.set_sync_state("Đồng bộ lúc 17:00 ✓", ok=True)
    assert window.sync_label.isVisible() and "17:00" in window.sync_label.text()


def test_ctrl_n_from_another_page_starts_a_call_with_timer_in_status_bar(qtbot, window):
    window.show_page("calls")
    qtbot.keyClick(window.call_list.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "call"
    assert window.call_form.active
    qtbot.waitUntil(lambda: window.timer_label.text().startswith("Đang ghi cuộc gọi"),
                    timeout=3000)
    qtbot.keyClick(window.call_form.phone, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert not window.call_form.active  # Alt+3: a wrong number, saved at once
    qtbot.waitUntil(lambda: window.timer_label.text() == "", timeout=3000)


def test_pages_switch_with_ctrl_digits(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "calls"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "followups"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "call"


def test_other_pages_and_search_panels_plug_in(qtbot, window):
    library = QWidget()
    search = QLineEdit(library)
    library.setFocusProxy(search)
    window.add_page("library", "Văn bản pháp luật", QLabel("trang thư viện"))
    index = window.add_search_panel("Tra cứu văn bản", library)
    assert index == 0 and window.search_tabs.isVisible()
    window.show_page("library")
    assert window.current_page() == "library"
    with pytest.raises(ValueError):
        window.add_page("library", "again", QWidget())
    window.new_call()
    type_text(window.call_form.summary, "Hỏi về lệnh cấm tiếp xúc")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is search
    assert window.call_form.isVisible(), "the form stays on screen beside the panel"
    assert window.call_form.summary.toPlainText() == "Hỏi về lệnh cấm tiếp xúc"


def test_open_a_call_from_the_list(qtbot, window, app):
    saved = app.calls.save(Call(received_at=app.clock.now() - timedelta(minutes=10),
                                categories=("mar.divorce",), summary="Hỏi quyền nuôi con"))
    window.show_page("calls")
    window.call_list.apply_filter()
    qtbot.waitUntil(lambda: window.call_list.model.rowCount() == 1, timeout=5000)
    table = window.call_list.table
    table.setFocus()
    table.setCurrentIndex(window.call_list.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.current_page() == "call"
    assert window.call_form.call_id == saved.id
    assert window.call_form.summary.toPlainText() == "Hỏi quyền nuôi con"


def test_saved_call_appears_in_the_list_page(qtbot, window, app):
    window.call_list.apply_filter()
    qtbot.waitUntil(lambda: not window.call_list.model.loading, timeout=5000)
    window.new_call()
    window.call_form.categories.set_codes(["info.services"])
    type_text(window.call_form.summary, "Hỏi địa chỉ nhà tạm lánh")
    qtbot.keyClick(window.call_form.summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    window.show_page("calls")
    qtbot.waitUntil(lambda: window.call_list.model.rowCount() == 1, timeout=5000)
    assert window.call_list.model.call_at(0).summary == "Hỏi địa chỉ nhà tạm lánh"


@pytest.mark.parametrize("stored, typed", [
    ("+84323456789", "0162 345 6789"),   # old 11-digit mobile matches its successor
    ("+84323456789", "0323456789"),
    ("+842437917118", "024 3791 7118"),  # Hà Nội landline
    ("111", "111"),                       # short number from the allow-list
])
def test_repeat_caller_panel_as_the_number_is_typed(qtbot, window, app, stored, typed):
    now = app.clock.now()
    app.calls.write_many([
        Call(received_at=now - timedelta(days=9), phone=stored, categories=("dv.physical",),
             level="counsel", summary="Lần đầu gọi: bị chồng đánh"),
        Call(received_at=now - timedelta(days=2), phone=stored, categories=("dv.physical",),
             level="referral", urgency="emergency", summary="Lần hai: được đưa tới nhà tạm lánh"),
        Call(received_at=now - timedelta(days=1), phone="+84912000111",
             categories=("info.law",), summary="Người khác"),
    ])
    form = window.call_form
    window.new_call()
    type_text(form.phone, typed)
    panel = form.prior_panel
    qtbot.waitUntil(lambda: panel.isVisible(), timeout=3000)
    assert panel.count == 2
    assert "đã gọi 2 lần" in panel.title.text()
    lines = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert "Lần hai" in lines[0] and "Kết nối, chuyển tuyến dịch vụ" in lines[0]
    assert (now - timedelta(days=2)).strftime("%d/%m/%Y") in lines[0]
    assert "Lần đầu gọi" in lines[1]
    if typed.startswith("0162"):
        assert "số cũ" in form.phone_hint.text()


def test_withheld_number_shows_no_prior_calls(qtbot, window, app):
    app.calls.write_many([Call(received_at=app.clock.now() - timedelta(days=1), phone="",
                               categories=("nc.silent",))])
    window.new_call()
    form = window.call_form
    type_text(form.phone, "   ")
    form._lookup_phone()
    assert not form.prior_panel.isVisible()
    assert "ẩn số" in form.phone_hint.text()


def test_one_action_links_the_call_to_the_same_case(qtbot, window, app):
    now = app.clock.now()
    app.calls.write_many([
        Call(received_at=now - timedelta(days=5), phone="+84912345678",
             categories=("dv.physical",), summary="Lần 1"),
        Call(received_at=now - timedelta(days=3), phone="+84912345678",
             categories=("dv.physical",), summary="Lần 2"),
    ])
    form = window.call_form
    window.new_call()
    type_text(form.phone, "0912345678")
    qtbot.waitUntil(lambda: form.prior_panel.isVisible(), timeout=3000)
    qtbot.mouseClick(form.prior_panel.link_button, Qt.MouseButton.LeftButton)
    assert "2 cuộc gọi trước" in form.case_text()
    form.categories.set_codes(["dv.physical"])
    saved = form.save()
    assert saved is not None and saved.case_number.startswith("HS-")
    same_case = app.calls.list(CallFilter(case_number=saved.case_number))
    assert len(same_case) == 3
    # the next call from the number joins that case directly
    window.new_call()
    type_text(form.phone, "091 234 5678")
    qtbot.waitUntil(lambda: form.prior_panel.isVisible(), timeout=3000)
    assert saved.case_number in form.prior_panel.link_button.text()
    qtbot.mouseClick(form.prior_panel.link_button, Qt.MouseButton.LeftButton)
    assert form.case_text() == f"Thuộc hồ sơ {saved.case_number}"
    form.categories.set_codes(["dv.physical"])
    assert form.save().case_number == saved.case_number


def test_followups_page_counts_in_the_sidebar(qtbot, app, data_dir):
    now = app.clock.now()
    app.calls.write_many([Call(received_at=now - timedelta(days=1), categories=("dv.physical",),
                               follow_up_at=now - timedelta(hours=1))])
    win = MainWindow(app)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.sidebar.item(2).text() == "Theo dõi (1)", timeout=5000)
    win.close()


def test_start_shows_a_clear_message_when_the_database_is_damaged(qtbot, data_dir,
                                                                  monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hotline.app import open_app
    from hotline.ui import main as ui_main

    open_app(data_dir).close()  # an installed Hotline (its key in the keyring) …
    (data_dir / config.DATABASE_FILE).write_bytes(b"this is not a database" * 100)  # … damaged
    for side in ("-wal", "-shm"):
        (data_dir / (config.DATABASE_FILE + side)).unlink(missing_ok=True)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))
    assert ui_main.run(str(data_dir)) == 1
    assert shown and "Không mở được cơ sở dữ liệu" in shown[0][1]


def test_pyside_does_not_drop_references_to_none(qtbot):
    """PySide6 6.12.0 on Python 3.11 aborted the process after a few thousand void calls."""
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setEnabled(True)
    assert sys.getrefcount(None) >= before - 50
