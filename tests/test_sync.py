"""Report sync to a folder: catch-up of missed days, revised reports for changed days, never
overwriting, a folder that disappears mid-run, retry backoff, and a process killed mid-write
leaving no partial file under a final name."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from hotline.app import App
from hotline.calls.models import Call
from hotline.calls.service import CallService
from hotline.clock import FixedClock
from hotline.config import save_settings
from hotline.reports.service import ReportService
from hotline.reports.sync import FOLDER, SyncBusy, SyncService, _file_lock

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2026, 3, 5, 6, 0, tzinfo=TZ)  # when the calls were logged
T1 = datetime(2026, 3, 7, 18, 0, tzinfo=TZ)  # first sync, after the 17:30 sync time
DAYS = (date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 7))


def calls_service(app: App, when: datetime) -> CallService:
    return CallService(app.store, app.taxonomy, FixedClock(tz=TZ, fixed=when))


def syncer(app: App, share: Path, now: datetime, **changes) -> SyncService:
    settings = app.settings.with_changes(**{"sync_folder": str(share), **changes})
    clock = FixedClock(tz=TZ, fixed=now)
    reports = ReportService(app.store, app.calls, app.taxonomy, clock, settings,
                            preparer=lambda: "Lê Thu Trang")
    return SyncService(reports, app.store, clock, settings, app.data_dir)


def fill(app: App, when: datetime = T0) -> None:
    calls = []
    for day in DAYS:
        for hour in (8, 14):
            calls.append(Call(received_at=datetime(day.year, day.month, day.day, hour,
                                                   tzinfo=TZ),
                              categories=("dv.physical",), level="counsel",
                              caller_sex="female", phone="0912345678"))
    calls_service(app, when).write_many(calls)


def names(day: date, rev: int = 0) -> list[str]:
    tail = day.isoformat() + (f"-ban-sua-{rev}" if rev else "")
    return [f"bao-cao-{tail}.pdf", f"cuoc-goi-{tail}.csv", f"thong-ke-{tail}.csv"]


@pytest.fixture
def share(tmp_path: Path) -> Path:
    path = tmp_path / "share"
    path.mkdir()
    return path


def test_catch_up_delivers_every_missed_day(app: App, share: Path) -> None:
    fill(app)
    result = syncer(app, share, T1).catch_up()
    assert result.ok and not result.failures
    assert [(d.target, d.day) for d in result.delivered] == [(FOLDER, d) for d in DAYS]
    month = share / "2026-03"
    assert sorted(p.name for p in month.iterdir()) == sorted(n for d in DAYS for n in names(d))
    archive = app.data_dir / "reports" / "daily" / "2026-03"
    for name in names(DAYS[0]):
        assert (month / name).read_bytes() == (archive / name).read_bytes()
    log = app.sync.log()
    assert [e.status for e in log].count("ok") == 3
    assert all("share" in e.message for e in log)
    # nothing new: nothing sent again
    again = syncer(app, share, T1 + timedelta(minutes=5)).catch_up()
    assert again.delivered == () and again.ok
    status = syncer(app, share, T1).status()
    assert status.targets[0].last_day == "2026-03-07" and status.last_success_at


def test_today_waits_for_the_sync_time(app: App, share: Path) -> None:
    fill(app)
    morning = datetime(2026, 3, 7, 10, tzinfo=TZ)
    result = syncer(app, share, morning).catch_up()
    assert [d.day for d in result.delivered] == list(DAYS[:2])
    result = syncer(app, share, morning).catch_up(include_today=True)
    assert [d.day for d in result.delivered] == [DAYS[2]]


def test_changed_day_gets_a_revised_report(app: App, share: Path) -> None:
    fill(app)
    syncer(app, share, T1).catch_up()
    month = share / "2026-03"
    before = {p.name: p.read_bytes() for p in month.iterdir()}
    t2 = T1 + timedelta(hours=1)
    service = calls_service(app, t2)
    target = service.get(3)  # the 08:00 call of 6 March
    assert target.received_at.date() == DAYS[1]
    service.save(target.with_changes(level="in_depth"), validate_follow_up=False)
    service.write_many([Call(received_at=datetime(2026, 3, 5, 20, tzinfo=TZ),
                             categories=("info.law",), level="info")])
    result = syncer(app, share, t2 + timedelta(hours=1)).catch_up()
    assert sorted((d.day, d.revision) for d in result.delivered) == [(DAYS[0], 1), (DAYS[1], 1)]
    for name, data in before.items():  # nothing overwritten
        assert (month / name).read_bytes() == data
    for day in DAYS[:2]:
        for name in names(day, 1):
            assert (month / name).is_file()
    revised = [e for e in app.sync.log() if e.status == "revised"]
    reasons = " | ".join(e.message for e in revised)
    assert "1 cuộc gọi được sửa" in reasons and "1 cuộc gọi được thêm" in reasons
    text = " ".join((PdfReader(str(month / names(DAYS[0], 1)[0])).pages[0].extract_text()
                     or "").split())
    assert "Bản sửa đổi lần 1" in text and "1 cuộc gọi được thêm" in text
    assert "Tổng số cuộc gọi tiếp nhận: 3." in text
    assert syncer(app, share, t2 + timedelta(hours=2)).catch_up().delivered == ()


def test_a_file_already_there_is_never_overwritten(app: App, share: Path) -> None:
    fill(app)
    month = share / "2026-03"
    month.mkdir()
    foreign = month / names(DAYS[1])[0]
    foreign.write_bytes(b"a file someone else put here")
    result = syncer(app, share, T1).catch_up()
    assert result.ok
    assert foreign.read_bytes() == b"a file someone else put here"
    assert (DAYS[1], 1) in [(d.day, d.revision) for d in result.delivered]
    assert (month / names(DAYS[1], 1)[0]).read_bytes().startswith(b"%PDF")
    assert any("không ghi đè" in e.message for e in app.sync.log())


def test_folder_disappearing_mid_run_keeps_state_consistent(app: App, share: Path) -> None:
    import shutil

    fill(app)
    sync = syncer(app, share, T1)

    def vanish(done: int, total: int) -> None:
        if done == 1:
            shutil.rmtree(share)

    result = sync.catch_up(progress=vanish)
    assert [d.day for d in result.delivered] == [DAYS[0]]
    assert result.failures and result.failures[0][0] == FOLDER
    assert str(share) in result.failures[0][1]
    state = sync.status().targets[0]
    assert state.failures == 1 and state.last_day == "2026-03-05"
    assert state.next_attempt_at is not None and state.next_attempt_at > T1
    failed = [e for e in app.sync.log() if e.status == "failed"]
    assert failed and failed[0].day == "2026-03-06"
    # within the backoff a scheduled run waits; "sync now" (force) does not
    waiting = syncer(app, share, T1 + timedelta(minutes=1)).catch_up()
    assert waiting.waiting and waiting.delivered == ()
    share.mkdir()
    later = syncer(app, share, T1 + timedelta(minutes=2)).catch_up(force=True)
    assert [d.day for d in later.delivered] == list(DAYS[1:]) and later.ok
    state = syncer(app, share, T1).status().targets[0]
    assert state.failures == 0 and state.last_day == "2026-03-07"


def test_settings_applied_through_the_app_reach_sync_and_reports_at_once(
        app: App, share: Path, data_dir: Path) -> None:
    """App.apply_settings (the settings dialog, the wizard, retention use it): saved, and
    the running sync and report services see the new folder and header without a restart."""
    from hotline import config

    new = app.settings.with_changes(sync_folder=str(share), center_name="Trung tâm Hà Nam")
    assert app.apply_settings(new) == ("center_name", "sync_folder")
    assert config.load_settings(data_dir) == new
    assert app.sync.settings is new and app.reports.settings is new
    assert app.reports.header().center_name == "Trung tâm Hà Nam"
    stamp = (data_dir / config.SETTINGS_FILE).stat().st_mtime_ns
    assert app.apply_settings(config.load_settings(data_dir)) == ()  # nothing changed
    assert (data_dir / config.SETTINGS_FILE).stat().st_mtime_ns == stamp  # nothing written


def test_backoff_grows(app: App, tmp_path: Path) -> None:
    fill(app)
    missing = tmp_path / "not-mounted"
    waits = []
    now = T1
    for _ in range(3):
        sync = syncer(app, missing, now)
        result = sync.catch_up()
        assert result.failures and "không truy cập được" in result.failures[0][1]
        state = sync.status().targets[0]
        assert state.next_attempt_at is not None
        waits.append((state.next_attempt_at - now).total_seconds())
        now = state.next_attempt_at
    assert waits == [300, 600, 1200]
    assert not missing.exists()  # a missing share is never created locally
    assert app.store.conn.execute("SELECT count(*) FROM sync_deliveries").fetchone()[0] == 0


def test_first_run_goes_back_at_most_backfill_days(app: App, share: Path) -> None:
    old = [Call(received_at=T1 - timedelta(days=40), categories=("other",), level="info"),
           Call(received_at=T1 - timedelta(days=1), categories=("other",), level="info")]
    calls_service(app, T0).write_many(old)
    result = syncer(app, share, T1, sync_backfill_days=5).catch_up()
    assert [d.day for d in result.delivered] == [T1.date() - timedelta(days=i)
                                                 for i in range(4, -1, -1)]


def test_not_configured_and_busy(app: App, share: Path) -> None:
    fill(app)
    assert syncer(app, share, T1, sync_folder=" ").targets_configured() == ()
    sync = SyncService(app.reports, app.store, app.clock, app.settings, app.data_dir)
    assert sync.catch_up().configured == ()
    with _file_lock(app.data_dir / "sync.lock"), pytest.raises(SyncBusy):
        syncer(app, share, T1).catch_up()


def test_seconds_until_due(app: App, share: Path) -> None:
    fill(app)
    sync = syncer(app, share, T1)
    assert sync.seconds_until_due() == 0
    sync.catch_up()
    # everything up to today is delivered: next at tomorrow's 17:30
    assert sync.seconds_until_due() == pytest.approx(23.5 * 3600)
    morning = syncer(app, share, datetime(2026, 3, 8, 9, tzinfo=TZ))
    assert morning.seconds_until_due() == pytest.approx(8.5 * 3600)


def test_cli_sync(app: App, share: Path, data_dir: Path, capsys) -> None:
    from hotline import cli

    fill(app, datetime.now(TZ) - timedelta(days=3))
    save_settings(data_dir, app.settings.with_changes(sync_folder=str(share),
                                                      sync_backfill_days=2))
    yesterday = (datetime.now(TZ) - timedelta(days=1)).date()
    calls_service(app, datetime.now(TZ)).write_many(
        [Call(received_at=datetime.combine(yesterday, datetime.min.time(), TZ),
              categories=("other",), level="info")])
    assert cli.main(["sync", "--catch-up"]) == 0
    out = capsys.readouterr()
    assert yesterday.isoformat() in out.out
    assert (share / f"{yesterday:%Y-%m}" / f"bao-cao-{yesterday.isoformat()}.pdf").is_file()
    assert cli.main(["sync", "--status"]) == 0
    assert "Thư mục đồng bộ" in capsys.readouterr().out


KILLED_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    import hotline.reports.sync as sync

    marker = Path(sys.argv[2])

    def slow_copy(src, out):  # half a file, then hang until killed
        data = src.read()
        out.write(data[: len(data) // 2])
        out.flush()
        os.fsync(out.fileno())
        marker.write_text("writing")
        time.sleep(120)
        out.write(data[len(data) // 2:])

    sync._copy = slow_copy
    from hotline.app import open_app
    app = open_app(sys.argv[1])
    app.sync.catch_up(force=True, include_today=True)
""")


def test_killed_mid_write_leaves_no_partial_file(app: App, share: Path, data_dir: Path,
                                                  tmp_path: Path) -> None:
    fill(app)
    save_settings(data_dir, app.settings.with_changes(sync_folder=str(share),
                                                      sync_backfill_days=400))
    marker = tmp_path / "marker"
    script = tmp_path / "killed.py"
    script.write_text(KILLED_SCRIPT)
    proc = subprocess.Popen([sys.executable, str(script), str(data_dir), str(marker)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert proc.poll() is None, proc.communicate()[1].decode()
            assert time.monotonic() < deadline, "the sync never started writing"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    month = share / "2026-03"
    archive = data_dir / "reports" / "daily" / "2026-03"
    entries = list(month.iterdir())
    parts = [p for p in entries if p.name.endswith(".part")]
    finals = [p for p in entries if not p.name.startswith(".")]
    assert parts, "the process was killed before it wrote anything"
    assert finals == []  # the file being written never appeared under its final name
    # the next run cleans up and delivers complete files
    result = syncer(app, share, T1).catch_up()
    assert result.ok and [d.day for d in result.delivered] == list(DAYS)
    entries = list(month.iterdir())
    assert not [p for p in entries if p.name.startswith(".")]
    for path in entries:
        assert path.read_bytes() == (archive / path.name).read_bytes()
