"""Start-up and memory of the window with a 1,000,000-call database.

    .venv/bin/python bench/bench_gui.py --db-dir bench/out/1m [--runs 9] [--pages 50]

where the directory was filled by
`.venv/bin/hotline --data-dir DIR demo --calls 1000000 --days 365`.

1. Start to first window shown: a fresh process (offscreen Qt) from launch until the main
   window's first paint, against an empty PySide6 window started the same way (a process
   that imports PySide6, creates the QApplication and paints a QMainWindow). Runs
   alternate; medians, the ratio of medians and p95 are reported. Target: ratio <= 1.5.
2. Peak memory: a process opens the window on the database, shows every call (the "Tất
   cả" range: 1,000,000 rows match), scrolls the list down `--pages` pages of 200 rows,
   opens the follow-ups page and a call in the form, then reports ru_maxrss, plus the time
   to the first rows and the page fetch latencies. Target: <= 250 MB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve()


# ------------------------------------------------------------------ children
def _watch_paint(qt, on_paint) -> None:  # type: ignore[no-untyped-def]
    """Call on_paint(widget) for every paint of a widget (same watcher in every child)."""
    from PySide6.QtCore import QEvent, QObject

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and obj.isWidgetType():
                on_paint(obj)
            return False

    qt._paint_watcher = Watcher()
    qt.installEventFilter(qt._paint_watcher)


def child_empty() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    qt = QApplication(sys.argv[:1])

    def painted(widget):  # type: ignore[no-untyped-def]
        if widget.isWindow():
            print(f"SHOWN {time.process_time()}", flush=True)
            os._exit(0)

    _watch_paint(qt, painted)
    window = QMainWindow()
    window.setWindowTitle("Hotline")
    window.resize(1366, 820)
    window.show()
    qt.exec()


def child_hotline(data_dir: str, via_cli: bool = False) -> None:
    """SHOWN at the main window's first paint; READY when the call form has painted.

    `via_cli`: through `hotline --data-dir DIR` (hotline.cli.main), as the user starts it."""
    from hotline.ui import main as ui_main
    from hotline.ui.main import qt_application, start

    qt = qt_application()
    state = {"shown": False, "form": None}

    def painted(widget):  # type: ignore[no-untyped-def]
        if widget.isWindow() and not state["shown"]:
            state["shown"] = True
            print(f"SHOWN {time.process_time()}", flush=True)
        if state["form"] is not None and widget is state["form"]:
            print(f"READY {time.process_time()}", flush=True)
            os._exit(0)

    _watch_paint(qt, painted)
    if via_cli:
        from hotline.cli import main as cli_main

        def start_and_watch(directory):  # type: ignore[no-untyped-def]
            result = start(directory)
            if result is not None:
                state["form"] = result[2].call_form
                result[2].call_form.update()
            return result

        ui_main.start = start_and_watch  # run() looks it up at call time
        cli_main(["--data-dir", data_dir])
        os._exit(1)
    started = start(data_dir)
    if started is None:
        print("FAILED", flush=True)
        os._exit(1)
    state["form"] = started[2].call_form
    started[2].call_form.update()
    qt.exec()


def child_memory(data_dir: str, pages: int) -> None:
    import resource

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from hotline.ui.main import start

    started = start(data_dir)
    assert started is not None
    _qt, app, window = started
    view = window.call_list
    model = view.model

    def wait(predicate, timeout_s=120.0):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                raise SystemExit("timed out")
            QApplication.processEvents()
            time.sleep(0.001)

    wait(lambda: window._started and model.total >= 0 and not model.loading)  # today's list
    # Heartbeat: a 2 ms timer on the UI thread; a long gap between beats is a UI stall.
    beats: list[float] = []
    heart = QTimer()
    heart.setInterval(2)
    heart.timeout.connect(lambda: beats.append(time.perf_counter()))
    heart.start()
    window.show_page("calls")
    timer = QElapsedTimer()
    timer.start()
    view.set_range(None)  # every date: all 1,000,000 calls match
    wait(lambda: model.rowCount() > 0 and not model.loading)
    first_rows_ms = timer.nsecsElapsed() / 1e6
    fetch_ms: list[float] = []
    ui_cpu_ms: list[float] = []  # the UI thread's own CPU per page: scroll, insert, repaint
    for _ in range(pages):
        before = model.rowCount()
        timer.restart()
        cpu = time.thread_time()
        view.table.scrollToBottom()
        wait(lambda b=before: model.rowCount() > b and not model.loading)
        QApplication.processEvents()  # the repaint with the new rows
        ui_cpu_ms.append((time.thread_time() - cpu) * 1000)
        fetch_ms.append(timer.nsecsElapsed() / 1e6)
    heart.stop()
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(beats)]
    wait(lambda: model.total >= 0)
    total = model.total
    window.show_page("followups")
    wait(lambda: not window.followups.loading)
    window.open_call(model.call_at(model.rowCount() - 1).id)
    QApplication.processEvents()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("RESULT " + json.dumps({
        "rows_loaded": model.rowCount(), "total": total, "first_rows_ms": first_rows_ms,
        "fetch_ms": fetch_ms, "gaps_ms": gaps, "ui_cpu_ms": ui_cpu_ms,
        "peak_mb": peak_kb / 1024,
    }), flush=True)
    window.close()
    app.close()
    os._exit(0)


# -------------------------------------------------------------------- parent
def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("HOTLINE_DATA_DIR", None)
    return env


@dataclass
class Start:
    shown_s: float  # wall time from launch to the window's first paint
    ready_s: float  # … to the call form painted (= shown for the empty window)
    shown_cpu_s: float  # the child's own CPU time (all threads) at those points: the work
    ready_cpu_s: float  # done, much less sensitive to other processes on a busy machine


def time_start(kind: str, data_dir: str) -> Start:
    """Launch a child and time its first paint and its readiness."""
    args = [sys.executable, str(HERE), "--child", kind]
    if kind in ("hotline", "cli"):
        args += ["--db-dir", data_dir]
    begin = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env())
    assert proc.stdout is not None
    first = proc.stdout.readline().split()
    shown = time.perf_counter() - begin
    if not first or first[0] != "SHOWN":
        proc.wait(60)
        raise SystemExit(f"{kind} start failed: {first} "
                         f"{proc.stderr.read() if proc.stderr else ''}")
    result = Start(shown, shown, float(first[1]), float(first[1]))
    if kind in ("hotline", "cli"):
        second = proc.stdout.readline().split()
        if not second or second[0] != "READY":
            proc.wait(60)
            raise SystemExit(f"{kind} not ready: {second} "
                             f"{proc.stderr.read() if proc.stderr else ''}")
        result.ready_s = time.perf_counter() - begin
        result.ready_cpu_s = float(second[1])
    proc.wait(60)
    return result


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db-dir", default="bench/out/1m")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--child", choices=["empty", "hotline", "cli", "memory"])
    args = parser.parse_args()
    if args.child == "empty":
        child_empty()
        return 0
    if args.child in ("hotline", "cli"):
        child_hotline(args.db_dir, via_cli=args.child == "cli")
        return 0
    if args.child == "memory":
        child_memory(args.db_dir, args.pages)
        return 0

    db = Path(args.db_dir) / "hotline.sqlite"
    if not db.exists():
        raise SystemExit(f"{db} not found: fill it with `hotline --data-dir {args.db_dir} demo "
                         "--calls 1000000 --days 365`")
    print(f"database: {db} ({db.stat().st_size / 1e6:.0f} MB)")
    # warm-up (page cache, any pending migration), not counted
    time_start("empty", args.db_dir)
    time_start("hotline", args.db_dir)
    runs: dict[str, list[Start]] = {"empty": [], "hotline": [], "cli": []}
    for _ in range(args.runs):
        for kind in runs:
            runs[kind].append(time_start(kind, args.db_dir))

    def med(kind: str, field: str) -> float:
        return statistics.median(getattr(r, field) for r in runs[kind])

    def line(label: str, kind: str, field: str) -> None:
        values = [getattr(r, field) for r in runs[kind]]
        print(f"  {label:<31}: median {statistics.median(values) * 1000:5.0f} ms, p95 "
              f"{pct(values, .95) * 1000:5.0f} ms, min {min(values) * 1000:5.0f} ms")

    print(f"start-up, {args.runs} runs of each, interleaved (process launch to paint):")
    line("empty PySide6 window", "empty", "shown_s")
    line("Hotline window, 1M calls", "hotline", "shown_s")
    line("Hotline ready (form painted)", "hotline", "ready_s")
    line("`hotline` command: window", "cli", "shown_s")
    line("`hotline` command: ready", "cli", "ready_s")
    print("  the same, in CPU time of the child (less sensitive to a busy machine):")
    line("empty PySide6 window", "empty", "shown_cpu_s")
    line("Hotline window, 1M calls", "hotline", "shown_cpu_s")
    line("Hotline ready (form painted)", "hotline", "ready_cpu_s")
    line("`hotline` command: ready", "cli", "ready_cpu_s")
    e_wall, e_cpu = med("empty", "shown_s"), med("empty", "shown_cpu_s")
    print(f"  ratio of medians, window       : {med('hotline', 'shown_s') / e_wall:.2f}x wall, "
          f"{med('hotline', 'shown_cpu_s') / e_cpu:.2f}x CPU (target <= 1.5x)")
    print(f"  ratio of medians, ready        : {med('hotline', 'ready_s') / e_wall:.2f}x wall, "
          f"{med('hotline', 'ready_cpu_s') / e_cpu:.2f}x CPU")
    print(f"  ratio, `hotline` command       : window {med('cli', 'shown_s') / e_wall:.2f}x, "
          f"ready {med('cli', 'ready_s') / e_wall:.2f}x wall")

    proc = subprocess.run([sys.executable, str(HERE), "--child", "memory", "--db-dir",
                           args.db_dir, "--pages", str(args.pages)],
                          capture_output=True, text=True, env=_env(), timeout=600)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"memory run failed: {proc.stdout}\n{proc.stderr}")
    result = json.loads(line[len("RESULT "):])
    fetch, gaps = result["fetch_ms"], result["gaps_ms"]
    print(f"call list over every date ({result['total']:,} calls):")
    print(f"  first rows           : {result['first_rows_ms']:.0f} ms")
    print(f"  next page (200 rows) : median {statistics.median(fetch):.1f} ms, p95 "
          f"{pct(fetch, .95):.1f} ms over {len(fetch)} pages (off the UI thread)")
    ui_cpu = result["ui_cpu_ms"]
    print(f"  UI thread CPU / page : median {statistics.median(ui_cpu):.1f} ms, p95 "
          f"{pct(ui_cpu, .95):.1f} ms (scroll, 200 rows inserted, repaint)")
    print(f"  UI event loop gaps   : p99 {pct(gaps, .99):.1f} ms, max {max(gaps):.1f} ms, "
          f"{sum(g > 50 for g in gaps)} over 50 ms ({len(gaps)} beats of a 2 ms timer, "
          "while the list loads and scrolls)")
    print(f"  peak memory          : {result['peak_mb']:.0f} MB with {result['rows_loaded']:,} "
          f"rows loaded (target <= 250 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
