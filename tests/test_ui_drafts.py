"""Nothing lost: drafts are written while typing and offered again after a kill."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from typing_helpers import type_text

from hotline.app import open_app
from hotline.calls.models import CallFilter
from hotline.clock import parse_iso
from hotline.ui.call_form import CallForm
from hotline.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

TESTS_DIR = Path(__file__).parent

CHILD = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {tests!r})
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    qt = QApplication([])
    from typing_helpers import type_text
    from hotline.app import open_app
    from hotline.ui.main_window import MainWindow
    app = open_app({data!r})
    window = MainWindow(app)
    window.show()
    form = window.call_form
    saved = []
    form.draft_saved.connect(saved.append)
    window.new_call()
    print("STARTED", form.to_call().received_at.isoformat(), flush=True)
    type_text(form.phone, "0988 123 456")
    type_text(form.caller_name, "Chị Thảo")
    form.categories.set_codes(["dv.physical", "dv.psychological"])
    form.urgency.setCurrentIndex(form.urgency.findData("priority"))
    type_text(form.summary, "Bị chồng đánh, đang trốn ở nhà hàng xóm")
    deadline = time.monotonic() + 20
    while not saved and time.monotonic() < deadline:
        qt.processEvents()
        time.sleep(0.01)
    print("DRAFT" if saved else "NO-DRAFT", flush=True)
    type_text(form.outcome, "Đang nói dở")  # typed after the last draft write: may be lost
    while True:  # mid-call, until killed
        qt.processEvents()
        time.sleep(0.01)
""")


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.2)
        if ready:
            line = proc.stdout.readline()
            if line:
                return line.strip()
        if proc.poll() is not None:
            raise AssertionError(f"child exited: {proc.stderr.read() if proc.stderr else ''}")
    raise AssertionError("child did not answer in time")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_draft_is_offered_after_the_process_is_killed_mid_typing(qtbot, data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOTLINE_DATA_DIR=str(data_dir))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(tests=str(TESTS_DIR), data=str(data_dir))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        started = _read_line(proc, 60)
        assert started.startswith("STARTED")
        received_at = parse_iso(started.split()[1])
        assert _read_line(proc, 60) == "DRAFT"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    app = open_app(data_dir)
    try:
        window = MainWindow(app)
        qtbot.addWidget(window)
        window.show()
        form = window.call_form
        qtbot.waitUntil(lambda: form.drafts_box.isVisible(), timeout=5000)
        (draft,) = form.pending_drafts
        banner = " ".join(w.text() for w in form.drafts_box.findChildren(type(form.title)))
        assert "Chị Thảo" in banner and "Bị chồng đánh" in banner
        resume = next(b for b in form.drafts_box.findChildren(type(form.save_button))
                      if b.text() == "Tiếp tục ghi")
        qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
        assert form.active and form.draft_id == draft.id
        assert form.phone.text() == "0988 123 456"
        assert form.caller_name.text() == "Chị Thảo"
        assert form.summary.toPlainText() == "Bị chồng đánh, đang trốn ở nhà hàng xóm"
        assert form.categories.codes() == ("dv.physical", "dv.psychological")
        assert form.current_urgency() == "priority"
        assert form.to_call().received_at == received_at  # the timer's start is restored
        assert form.timer_running()
        assert not form.drafts_box.isVisible()
        form.save()
        (row,) = app.calls.list(CallFilter())
        assert row.caller_name == "Chị Thảo" and row.phone == "+84988123456"
        assert app.calls.drafts() == []
        window.close()
    finally:
        app.close()


def test_draft_written_while_typing_and_at_least_every_two_seconds(qtbot, app):
    form = CallForm(app)
    qtbot.addWidget(form)
    form.show()
    form.start_call()
    with qtbot.waitSignal(form.draft_saved, timeout=2000):
        type_text(form.summary, "Chị gọi từ nhà mẹ đẻ")
    assert QThread.currentThread() is form.thread()  # the write itself ran on the writer
    (draft,) = app.calls.drafts()
    assert draft.data["summary"] == "Chị gọi từ nhà mẹ đẻ"
    # continuous typing keeps restarting the debounce; the 2 s deadline still writes
    start = time.monotonic()
    written = []
    form.draft_saved.connect(written.append)
    while not written and time.monotonic() - start < 4:
        type_text(form.summary, "a")
        qtbot.wait(100)
    assert written and time.monotonic() - start < 3
    form.shutdown()


def test_new_call_keeps_the_unsaved_one_as_a_draft(qtbot, app):
    form = CallForm(app)
    qtbot.addWidget(form)
    form.show()
    form.start_call()
    type_text(form.caller_name, "Anh Minh")
    form.start_call()  # the phone rings again before the first is saved
    assert form.caller_name.text() == ""
    qtbot.waitUntil(lambda: len(form.pending_drafts) == 1, timeout=3000)
    assert [d.data["caller_name"] for d in form.pending_drafts] == ["Anh Minh"]
    assert form.drafts_box.isVisible()
    form.resume_draft(form.pending_drafts[0])
    assert form.caller_name.text() == "Anh Minh"
    assert form.pending_drafts == []  # the empty second call left no draft behind
    form.shutdown()


def test_parking_for_a_lock_writes_the_draft_and_resuming_hands_over(qtbot, app):
    form = CallForm(app)
    qtbot.addWidget(form)
    form.show()
    assert not form.park()  # nothing on screen: nothing kept
    assert app.calls.drafts() == []
    form.start_call()
    type_text(form.summary, "Chị Mai gọi lúc nửa đêm")
    assert form.park()  # written now, not after the typing debounce
    (draft,) = app.calls.drafts()
    assert draft.data["summary"] == "Chị Mai gọi lúc nửa đêm"
    form.resume(same_operator=True)  # the same operator: the form as it was
    assert form.active and form.summary.toPlainText() == "Chị Mai gọi lúc nửa đêm"
    assert form.pending_drafts == []
    assert form.park()
    form.resume(same_operator=False)  # someone else: an empty form, the call in the banner
    assert not form.active and form.summary.toPlainText() == ""
    assert [d.data["summary"] for d in form.pending_drafts] == ["Chị Mai gọi lúc nửa đêm"]
    assert form.drafts_box.isVisible()
    form.shutdown()


def test_discarding_a_draft_from_the_banner_needs_two_clicks(qtbot, app):
    app.calls.save_draft("d1", {"caller_name": "Chị Lan", "summary": "Nội dung"},
                         started_at=app.clock.now().isoformat())
    form = CallForm(app)
    qtbot.addWidget(form)
    form.show()
    form.refresh_drafts()
    drop = next(b for b in form.drafts_box.findChildren(type(form.save_button))
                if b.text() == "Xoá")
    qtbot.mouseClick(drop, Qt.MouseButton.LeftButton)
    assert len(app.calls.drafts()) == 1
    qtbot.mouseClick(drop, Qt.MouseButton.LeftButton)
    assert app.calls.drafts() == []
    qtbot.waitUntil(lambda: not form.drafts_box.isVisible())


def test_resumed_edit_of_a_saved_call_saves_a_new_version(qtbot, app):
    form = CallForm(app)
    qtbot.addWidget(form)
    form.show()
    form.start_call()
    form.categories.set_codes(["info.law"])
    saved = form.save()
    form.open_call(saved.id)
    type_text(form.summary, "Bổ sung sau")
    form.flush_draft()
    form.wait_drafts()
    form2 = CallForm(app)  # as after a restart
    qtbot.addWidget(form2)
    form2.refresh_drafts()
    (draft,) = form2.pending_drafts
    assert draft.call_id == saved.id
    form2.resume_draft(draft)
    assert form2.call_id == saved.id and not form2.timer_running()
    assert form2.save() is not None
    assert app.calls.get(saved.id).version == 2
    assert app.calls.get(saved.id).summary == "Bổ sung sau"


def test_typing_goes_on_while_another_writer_holds_the_database(qtbot, app):
    """A long write elsewhere (an import) must not freeze the form: drafts wait, not typing."""
    import threading

    form = CallForm(app)
    qtbot.addWidget(form)
    form.show()
    form.start_call()
    holding = threading.Event()
    release = threading.Event()

    def long_import() -> None:
        with app.store.transaction():
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=long_import)
    thread.start()
    try:
        assert holding.wait(5)
        start = time.monotonic()
        type_text(form.summary, "Vẫn gõ được")
        form.flush_draft()  # queued behind the import, returns at once
        type_text(form.summary, " trong lúc chờ")
        assert time.monotonic() - start < 1.0
        assert app.calls.drafts() == []  # not written yet: the import holds the store
    finally:
        release.set()
        thread.join(10)
    form.wait_drafts()
    (draft,) = app.calls.drafts()
    assert draft.data["summary"].startswith("Vẫn gõ được")
    form.shutdown()
    assert app.calls.drafts()[0].data["summary"] == "Vẫn gõ được trong lúc chờ"
