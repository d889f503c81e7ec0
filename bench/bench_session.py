"""What the session machinery costs the window: the application-wide idle filter on every
event, locking (draft written first), unlocking (an Argon2id password check), and the
password check at login.

With `--backup-calls N`: the daily backup of a database of N demo calls, idle and while
another connection writes a draft every 300 ms (an operator typing), in one step (what
hotline.security.backup does) and in 256-page steps (what it did before), the latter given
up after `--backup-cap` seconds.

Run: .venv/bin/python bench/bench_session.py [--events N] [--repeats R]
     .venv/bin/python bench/bench_session.py --backup-calls 100000
Offscreen Qt, a fresh data directory in a temporary folder, a file-backed test keyring.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT / "tests"))  # keyring_backends.FileKeyring, typing_helpers
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring_backends.FileKeyring"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--backup-calls", type=int, default=0)
    parser.add_argument("--backup-cap", type=float, default=60.0)
    args = parser.parse_args()
    if args.backup_calls:
        return bench_backup(args.backup_calls, args.backup_cap)
    tmp = Path(tempfile.mkdtemp(prefix="hotline-bench-session-"))
    os.environ["HOTLINE_TEST_KEYRING"] = str(tmp / "keyring.json")

    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget
    from typing_helpers import type_text

    from hotline.app import open_app
    from hotline.ui.lock import install_security, session_of
    from hotline.ui.main import qt_application
    from hotline.ui.main_window import MainWindow

    qt = qt_application()
    app = open_app(tmp / "data")
    admin = app.accounts.create_first_admin("admin", "Quản trị", "mật-khẩu-dài-1")
    app.session.user = admin
    window = MainWindow(app)
    window.show()
    qt.processEvents()

    target = QWidget()
    target.resize(200, 200)
    target.show()
    qt.processEvents()
    other = QEvent(QEvent.Type.User)  # Qt's own events (timers, child paints…)

    def per_event(event: QEvent) -> float:
        started = time.perf_counter()
        for _ in range(args.events):
            QApplication.sendEvent(target, event)
        return (time.perf_counter() - started) / args.events * 1e9

    def per_move() -> float:
        """Mouse moves as the window system delivers them (spontaneous), through QTest."""
        count = max(1, args.events // 10)
        started = time.perf_counter()
        for i in range(count):
            QTest.mouseMove(target, QPoint(10 + i % 100, 10 + i % 50))
        return (time.perf_counter() - started) / count * 1e9

    def sample() -> tuple[list[float], list[float]]:
        moves, others = [], []
        for _ in range(args.repeats):
            moves.append(per_move())
            others.append(per_event(other))
        return moves, others

    base_move, base_other = sample()
    install_security(window, app)
    session = session_of(window)
    assert session is not None
    with_move, with_other = sample()

    # Locking with a call being typed (its draft is written before the pages go away),
    # then unlocking with the default Argon2id parameters.
    lock_ms, unlock_ms = [], []
    form = window.call_form
    window.new_call()
    for i in range(args.repeats):
        type_text(form.summary, f" lần {i}")
        started = time.perf_counter()
        session.lock("manual")
        lock_ms.append((time.perf_counter() - started) * 1000)
        login = session.lock_screen.form
        login.password.setText("mật-khẩu-dài-1")
        started = time.perf_counter()
        login.submit()
        unlock_ms.append((time.perf_counter() - started) * 1000)
        assert not session.locked
    auth_ms = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        app.accounts.authenticate("admin", "mật-khẩu-dài-1")
        auth_ms.append((time.perf_counter() - started) * 1000)

    window.close()
    app.close()

    def line(name: str, base: list[float], withf: list[float], count: int) -> str:
        b, w = statistics.median(base), statistics.median(withf)
        return (f"{name}: {b:.0f} ns → {w:.0f} ns (median of {args.repeats} × {count:,}; "
                f"+{w - b:.0f} ns, {w / b:.2f}×)")

    print(line("QTest.mouseMove (one move = several spontaneous events), idle filter",
               base_move, with_move, max(1, args.events // 10)))
    print(line("Qt's own event (not spontaneous), idle filter", base_other, with_other,
               args.events))
    print(f"lock (draft written first): median {statistics.median(lock_ms):.1f} ms, "
          f"p95 {pct(lock_ms, 95):.1f} ms")
    print(f"unlock (Argon2id check + pages back): median {statistics.median(unlock_ms):.1f} ms,"
          f" p95 {pct(unlock_ms, 95):.1f} ms")
    print(f"password check alone: median {statistics.median(auth_ms):.1f} ms, "
          f"p95 {pct(auth_ms, 95):.1f} ms")
    return 0


def bench_backup(calls: int, cap_s: float) -> int:
    import threading

    tmp = Path(tempfile.mkdtemp(prefix="hotline-bench-backup-"))
    os.environ["HOTLINE_TEST_KEYRING"] = str(tmp / "keyring.json")
    from hotline.app import open_app
    from hotline.calls import demo
    from hotline.security import backup
    from hotline.store import db as storedb

    app = open_app(tmp / "data")
    started = time.perf_counter()
    demo.fill(app.calls, calls, days=365, seed=1)
    size = (tmp / "data" / "hotline.sqlite").stat().st_size / 1e6
    print(f"{calls:,} demo calls, {size:.0f} MB encrypted "
          f"(built in {time.perf_counter() - started:.0f} s)")

    def one_step(folder: str) -> float:
        started = time.perf_counter()
        backup.create(app.store, tmp / folder, app.clock)
        return time.perf_counter() - started

    def small_steps() -> str:
        """The former way: 256 pages a step; any other connection's write restarts it."""
        target = tmp / "steps.sqlite"
        dest = storedb.connect(target, key=app.store.key, journal="DELETE")
        started = time.perf_counter()
        steps = [0]

        def progress(_status: int, _remaining: int, _total: int) -> None:
            steps[0] += 1
            if time.perf_counter() - started > cap_s:
                raise TimeoutError

        try:
            app.store.conn.backup(dest, pages=256, progress=progress)
        except TimeoutError:
            return f"not finished after {cap_s:.0f} s ({steps[0]:,} steps)"
        finally:
            dest.close()
        return f"{time.perf_counter() - started:.2f} s ({steps[0]:,} steps)"

    print(f"one step, idle: {one_step('idle'):.2f} s")
    stop = threading.Event()
    writes = [0]

    def typing() -> None:
        while not stop.is_set():
            app.calls.save_draft(app.calls.new_draft_id(), {"summary": "đang gõ"},
                                 operator="bench")
            writes[0] += 1
            time.sleep(0.3)

    writer = threading.Thread(target=typing)
    writer.start()
    try:
        print(f"one step, a draft written every 300 ms: {one_step('typing'):.2f} s")
        print(f"256-page steps, a draft written every 300 ms: {small_steps()}")
    finally:
        stop.set()
        writer.join()
    app.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
