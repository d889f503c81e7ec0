"""Start-up and memory of the window with a 1,000,000-call database.

    .venv/bin/python bench/bench_gui.py [--source bench/out/1m] [--db-dir bench/out/gui-1m]
                                        [--runs 9] [--pages 50] [--backup-day]
                                        [--migration-copy] [--memory-only]

`--source` was filled by `.venv/bin/hotline --data-dir DIR demo --calls 1000000 --days 365`
(the shared benchmark database: only read here). The window opens `--db-dir`, a private
copy set up once as a center's PC has it (`prepare`): the copy encrypted under a key kept
in a keyring (tests/keyring_backends.FileKeyring standing in for the OS credential store,
since these machines have none; its file sits beside the copy), and an admin account made
through the core (`AccountService.create_first_admin`, what the first-run wizard calls).
Each window process then meets the login dialog and logs in the way a person pressing
Enter does (`LoginForm.submit`: the Argon2id check, the audit entry), so every run goes
through `hotline.ui.main.start` exactly as the operator's start does.

1. Start to first window shown: a fresh process (offscreen Qt) from launch until the main
   window's first paint, against an empty PySide6 window started the same way (a process
   that imports PySide6, creates the QApplication and paints a QMainWindow). Runs
   alternate; medians, the ratio of medians and p95 are reported. Target: ratio <= 1.5.
   Also: the login dialog on screen, the password check, and "ready" (the call form
   painted after the login, the pages built).
2. Peak memory: a process opens the window on the database (logging in), shows every call
   (the "Tất cả" range: 1,000,000 rows match), scrolls the list down `--pages` pages of 200
   rows, opens the follow-ups page, the referrals page and a call in the form, checks the
   password again as the idle lock's unlock does (Argon2id's buffer on top of the session),
   then reports ru_maxrss, the RSS by phase (sampled every 5 ms: `RssTrace`), the time to
   the first rows and the page fetch latencies. Target: <= 250 MB.

Before the runs, the day's backup is taken if there is none yet (`todays_backup`), so the
timed starts are the ordinary ones of a day: the day's first start also backs up the whole
database in the background. `--backup-day` measures that start too (memory run only, to
the end of the backup's check). `--migration-copy` measures the memory of the copy made
before migrations (the first start after an upgrade). `--memory-only` skips the timings.
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
from typing import Any

HERE = Path(__file__).resolve()
REPO = HERE.parent.parent
BENCH_USER = "dodac"
BENCH_PASSWORD = "mật-khẩu-đo-đạc-2026"  # a benchmark account on a benchmark copy only
KEYRING_FILE = "keyring.json"  # in --db-dir's parent: <db-dir>.keyring.json


def keyring_env(data_dir: str) -> dict[str, str]:
    """The file-backed keyring that holds the copy's key (children and parent alike)."""
    path = Path(data_dir).resolve()
    return {"PYTHON_KEYRING_BACKEND": "keyring_backends.FileKeyring",
            "HOTLINE_TEST_KEYRING": str(path.with_name(f"{path.name}.{KEYRING_FILE}"))}


# ------------------------------------------------------------------ memory trace
class RssTrace:
    """Resident memory sampled every few ms on a thread, with named marks: where a peak
    comes from. tracemalloc sees only Python's allocations, not SQLite's page caches, Qt or
    Argon2's buffer, so this reads the process's RSS (/proc/self/statm; Linux only —
    elsewhere only ru_maxrss is reported)."""

    def __init__(self, interval_s: float = 0.005) -> None:
        import threading

        self.samples: list[tuple[float, int]] = []  # (perf_counter, RSS bytes)
        self.marks: list[tuple[float, str]] = [(time.perf_counter(), "start")]
        self._page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if Path("/proc/self/statm").exists():
            self._thread = threading.Thread(target=self._run, args=(interval_s,), daemon=True)
            self._thread.start()

    def rss(self) -> int:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * self._page

    def _run(self, interval_s: float) -> None:
        while not self._stop.wait(interval_s):
            self.samples.append((time.perf_counter(), self.rss()))

    def mark(self, label: str) -> None:
        """The phase called `label` ends now (thread-safe: list.append)."""
        self.marks.append((time.perf_counter(), label))
        if self._thread is not None:
            self.samples.append((time.perf_counter(), self.rss()))

    def phases(self) -> list[dict[str, Any]]:
        """Per phase (between two marks, in time order): its length, the highest RSS sampled
        during it and the RSS at its end, in MB."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        marks = sorted(self.marks)
        out = []
        for (begin, _), (end, label) in itertools.pairwise(marks):
            inside = [rss for t, rss in self.samples if begin <= t <= end]
            at_end = [rss for t, rss in self.samples if t <= end]
            out.append({"phase": label, "s": end - begin,
                        "peak_mb": max(inside, default=0) / 2**20,
                        "end_mb": (at_end[-1] if at_end else 0) / 2**20})
        return out


# ------------------------------------------------------------------ children
def _watch_paint(qt, on_paint, name: str = "_paint_watcher") -> None:  # type: ignore[no-untyped-def]
    """Call on_paint(widget) for every paint of a widget (same watcher in every child)."""
    from PySide6.QtCore import QEvent, QObject

    class Watcher(QObject):
        def eventFilter(self, obj, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and obj.isWidgetType():
                on_paint(obj)
            return False

    setattr(qt, name, Watcher())
    qt.installEventFilter(getattr(qt, name))


def _log_in_when_asked(qt, mark=None) -> None:  # type: ignore[no-untyped-def]
    """Answer the start-up's login dialog as a person does (username, password, Enter).

    Watches paints by class name (importing hotline.ui.login here would land before the
    first paint being timed). LOGIN when the dialog is first painted, AUTH with the seconds
    the password check took; any other start-up dialog ends the child with its name.
    """
    from PySide6.QtCore import QTimer

    state = {"done": False}

    def painted(widget):  # type: ignore[no-untyped-def]
        name = type(widget).__name__
        if name in ("PassphraseDialog", "SetupWizard", "QMessageBox", "RecoveryKeyDialog"):
            print(f"UNEXPECTED {name}", flush=True)
            os._exit(1)
        if state["done"] or name != "LoginDialog":
            return
        state["done"] = True
        print(f"LOGIN {time.process_time()}", flush=True)
        if mark is not None:
            mark("login dialog painted")

        def submit() -> None:
            form = widget.form
            form.username.setText(BENCH_USER)
            form.password.setText(BENCH_PASSWORD)
            began = time.perf_counter()
            user = form.submit()  # what Enter in the password field does
            print(f"AUTH {time.perf_counter() - began}", flush=True)
            if mark is not None:
                mark("password checked")
            if user is None:
                print(f"FAILED login: {form.error.text()}", flush=True)
                os._exit(1)

        QTimer.singleShot(0, submit)

    _watch_paint(qt, painted, name="_login_watcher")


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
    _log_in_when_asked(qt)
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


def _watch_backup(trace: RssTrace) -> dict[str, bool]:
    """Mark the daily backup's copy and check in the trace (the window's scheduler runs
    them on a worker thread through these module functions)."""
    from hotline.security import backup

    state = {"started": False, "done": False}
    create, verify = backup.create, backup.verify

    def traced_create(*args, **kwargs):  # type: ignore[no-untyped-def]
        state["started"] = True
        trace.mark("(backup starts)")
        try:
            return create(*args, **kwargs)
        finally:
            trace.mark("backup: copy")

    def traced_verify(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return verify(*args, **kwargs)
        finally:
            trace.mark("backup: verify")
            state["done"] = True

    backup.create, backup.verify = traced_create, traced_verify  # type: ignore[assignment]
    return state


def child_memory(data_dir: str, pages: int) -> None:
    import resource

    trace = RssTrace()
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from hotline.ui.main import qt_application, start

    qt = qt_application()
    trace.mark("Qt up")
    _log_in_when_asked(qt, trace.mark)
    started = start(data_dir)
    assert started is not None
    trace.mark("window built (start() returned)")
    backup_state = _watch_backup(trace)
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
    trace.mark("today's list loaded")
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
    trace.mark("every date: first rows")
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
    trace.mark(f"{pages} pages scrolled")
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(beats)]
    wait(lambda: model.total >= 0)
    total = model.total
    window.show_page("followups")
    wait(lambda: not window.followups.loading)
    trace.mark("follow-ups page")
    window.show_page("referrals")
    referrals = window.page("referrals")
    wait(lambda: not getattr(referrals, "loading", False))
    trace.mark("referrals page")
    window.open_call(model.call_at(model.rowCount() - 1).id)
    QApplication.processEvents()
    trace.mark("a call opened in the form")
    # The idle lock's unlock checks the password again (LoginForm.submit → authenticate),
    # now on top of everything the session holds: Argon2id's buffer at its highest point.
    app.accounts.authenticate(BENCH_USER, BENCH_PASSWORD, action="session.unlock")
    trace.mark("password checked again (unlock)")
    if backup_state["started"]:  # the day's first start: its backup, to the end
        wait(lambda: backup_state["done"], timeout_s=900)
        QApplication.processEvents()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("RESULT " + json.dumps({
        "rows_loaded": model.rowCount(), "total": total, "first_rows_ms": first_rows_ms,
        "fetch_ms": fetch_ms, "gaps_ms": gaps, "ui_cpu_ms": ui_cpu_ms,
        "peak_mb": peak_kb / 1024, "phases": trace.phases(),
        "backup_ran": backup_state["done"],
    }), flush=True)
    window.close()
    app.close()
    os._exit(0)


def child_migration_copy(data_dir: str) -> None:
    """RSS while `migrate.backup_copy` copies the database, as the first start after an
    upgrade does before its migrations run (in the window's process, before the login)."""
    import tempfile

    trace = RssTrace()
    from hotline.security.keys import resolve_key
    from hotline.store import migrate
    from hotline.store.db import open_store

    directory = Path(data_dir)
    store = open_store(directory / "hotline.sqlite", key=resolve_key(directory, None))
    store.conn.execute("SELECT count(*) FROM calls WHERE day = '2026-01-01'").fetchone()
    trace.mark("store open")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(dir=directory.parent) as scratch:
        migrate.backup_copy(store, Path(scratch) / "copy.sqlite")
        trace.mark("pre-migration copy")
        seconds = time.perf_counter() - began
    store.close()
    print("RESULT " + json.dumps({"copy_s": seconds, "phases": trace.phases()}), flush=True)
    os._exit(0)


# -------------------------------------------------------------------- parent
def _env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("HOTLINE_DATA_DIR", None)
    # An installed Hotline starts from compiled bytecode (pip and PyInstaller compile it).
    # With PYTHONDONTWRITEBYTECODE set (as in some shells and CI), every child compiled
    # Hotline's ~100 modules from source again: ~0.45 s of CPU in each start measured. The
    # warm-up start writes the .pyc files; the timed ones use them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(keyring_env(data_dir))
    env["PYTHONPATH"] = os.pathsep.join(  # tests/ holds keyring_backends.FileKeyring
        p for p in (str(REPO), str(REPO / "tests"), env.get("PYTHONPATH", "")) if p)
    return env


def prepare(source: Path, data_dir: Path) -> str:
    """The private copy the window opens: encrypted under a keyring-held key, with an admin
    account made through the core. Made once; later runs reuse it."""
    import shutil
    import sqlite3

    os.environ.update(_env(str(data_dir)))
    sys.path[:0] = [str(REPO), str(REPO / "tests")]
    import keyring

    keyring.set_keyring(keyring.core.load_keyring("keyring_backends.FileKeyring"))
    from hotline.app import open_app

    if (data_dir / "hotline.sqlite").exists():
        app = open_app(data_dir)
        try:
            if app.accounts.has_users():
                return "reused"
        finally:
            app.close()
    else:
        plain = source / "hotline.sqlite"
        if not plain.exists():
            raise SystemExit(f"{plain} not found: fill it with `hotline --data-dir {source} "
                             "demo --calls 1000000 --days 365`")
        data_dir.mkdir(parents=True, exist_ok=True)
        print(f"copying {plain} …", file=sys.stderr, flush=True)
        conn = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
        try:  # a consistent copy of the plain file; opening it below encrypts it in place
            dest = sqlite3.connect(data_dir / "hotline.sqlite")
            conn.backup(dest)
            dest.close()
        except sqlite3.DatabaseError:  # the shared file was encrypted meanwhile
            conn.close()
            shutil.rmtree(data_dir)
            raise SystemExit(f"{plain} is not a plain SQLite file any more") from None
        conn.close()
    began = time.perf_counter()
    print("encrypting the copy, making the admin account …", file=sys.stderr, flush=True)
    app = open_app(data_dir)  # the key goes to the (file-backed) keyring
    try:
        app.accounts.create_first_admin(BENCH_USER, "Đo đạc hiệu năng", BENCH_PASSWORD)
    finally:
        app.close()
    return f"made in {time.perf_counter() - began:.0f} s"


def todays_backup(data_dir: Path) -> str:
    """Take the day's backup now unless there is one, as the window's scheduler would at the
    day's first start: the timed starts are then the ordinary ones of the day, without a
    1.3 GB backup running beside them (measured on its own: `--backup-day`)."""
    from hotline.app import open_app
    from hotline.security import backup
    from hotline.ui.backup_view import backup_folder

    app = open_app(data_dir)
    try:
        folder = backup_folder(app)
        for leftover in folder.glob(".hotline-backup-*.part*"):  # runs killed mid-backup
            leftover.unlink()
        if not backup.due_today(folder, app.clock.today()):
            return "already there"
        began = time.perf_counter()
        path = backup.create(app.store, folder, app.clock)
        backup.verify(path, app.store.key)
        return f"taken in {time.perf_counter() - began:.0f} s"
    finally:
        app.close()


def backup_day_memory(data_dir: Path, pages: int) -> dict[str, object]:
    """The memory run on the day's first start: today's backups are set aside (renamed out
    of the backup pattern), the window's scheduler backs up while the list is scrolled;
    afterwards its backup is removed and the others are put back."""
    from hotline.app import open_app
    from hotline.ui.backup_view import backup_folder

    app = open_app(data_dir)
    try:
        folder = backup_folder(app)
        today = app.clock.today().strftime("%Y%m%d")
    finally:
        app.close()
    aside = [(p, p.with_name("aside-" + p.name))
             for p in folder.glob(f"hotline-backup-{today}-*")]
    for path, moved in aside:
        path.rename(moved)
    try:
        return memory_run(str(data_dir), pages)
    finally:
        for made in folder.glob(f"hotline-backup-{today}-*"):
            made.unlink()
        for leftover in folder.glob(".hotline-backup-*.part*"):
            leftover.unlink()
        for path, moved in aside:
            moved.rename(path)


def memory_run(data_dir: str, pages: int) -> dict[str, object]:
    return child_run("memory", data_dir, "--pages", str(pages))


def child_run(kind: str, data_dir: str, *extra: str) -> dict[str, Any]:
    """Run a child to its end and return what it printed after RESULT."""
    proc = subprocess.run([sys.executable, str(HERE), "--child", kind, "--db-dir", data_dir,
                           *extra], capture_output=True, text=True, env=_env(data_dir),
                          timeout=900)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"{kind} run failed: {proc.stdout}\n{proc.stderr}")
    return dict(json.loads(line[len("RESULT "):]))


def print_phases(result: dict[str, Any]) -> None:
    """RSS by phase of one memory run (sampled every 5 ms: where the peak comes from)."""
    phases = result.get("phases") or []
    if not phases:
        return
    print("  resident memory by phase (RSS sampled every 5 ms; peak during / at the end):")
    for phase in phases:
        print(f"    {phase['phase']:<34} {phase['s'] * 1000:7.0f} ms  peak "
              f"{phase['peak_mb']:4.0f} MB  end {phase['end_mb']:4.0f} MB")


@dataclass
class Start:
    shown_s: float  # wall time from launch to the window's first paint
    ready_s: float  # … to the call form painted (= shown for the empty window)
    shown_cpu_s: float  # the child's own CPU time (all threads) at those points: the work
    ready_cpu_s: float  # done, much less sensitive to other processes on a busy machine
    login_s: float = 0.0  # wall time to the login dialog painted
    login_cpu_s: float = 0.0
    auth_s: float = 0.0  # the password check (Argon2id) inside the child


def time_start(kind: str, data_dir: str) -> Start:
    """Launch a child and time its first paint, its login and its readiness."""
    args = [sys.executable, str(HERE), "--child", kind]
    if kind in ("hotline", "cli"):
        args += ["--db-dir", data_dir]
    begin = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(data_dir))
    assert proc.stdout is not None
    marks: dict[str, tuple[float, float]] = {}  # marker -> (wall since launch, value)
    last = "READY" if kind in ("hotline", "cli") else "SHOWN"
    while last not in marks:
        words = proc.stdout.readline().split()
        if not words or words[0] not in ("SHOWN", "LOGIN", "AUTH", "READY"):
            proc.kill()
            proc.wait(60)
            raise SystemExit(f"{kind} start failed: {' '.join(words) or '(no output)'} "
                             f"{proc.stderr.read() if proc.stderr else ''}")
        marks[words[0]] = (time.perf_counter() - begin, float(words[1]))
    shown, shown_cpu = marks["SHOWN"]
    ready, ready_cpu = marks.get("READY", marks["SHOWN"])
    result = Start(shown, ready, shown_cpu, ready_cpu)
    if "LOGIN" in marks:
        result.login_s, result.login_cpu_s = marks["LOGIN"]
        result.auth_s = marks["AUTH"][1]
    proc.wait(60)
    return result


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report_starts(count: int, data_dir: str) -> None:
    """Time `count` interleaved starts of each kind and print the figures."""
    runs: dict[str, list[Start]] = {"empty": [], "hotline": [], "cli": []}
    for _ in range(count):
        for kind in runs:
            runs[kind].append(time_start(kind, data_dir))

    def med(kind: str, field: str) -> float:
        return statistics.median(getattr(r, field) for r in runs[kind])

    def line(label: str, kind: str, field: str) -> None:
        values = [getattr(r, field) for r in runs[kind]]
        print(f"  {label:<31}: median {statistics.median(values) * 1000:5.0f} ms, p95 "
              f"{pct(values, .95) * 1000:5.0f} ms, min {min(values) * 1000:5.0f} ms")

    print(f"start-up, {count} runs of each, interleaved (process launch to paint):")
    line("empty PySide6 window", "empty", "shown_s")
    line("Hotline window, 1M calls", "hotline", "shown_s")
    line("Hotline login dialog painted", "hotline", "login_s")
    line("password check (Argon2id)", "hotline", "auth_s")
    line("Hotline ready (form painted)", "hotline", "ready_s")
    line("`hotline` command: window", "cli", "shown_s")
    line("`hotline` command: login dialog", "cli", "login_s")
    line("`hotline` command: ready", "cli", "ready_s")
    print("  the same, in CPU time of the child (less sensitive to a busy machine):")
    line("empty PySide6 window", "empty", "shown_cpu_s")
    line("Hotline window, 1M calls", "hotline", "shown_cpu_s")
    line("Hotline login dialog painted", "hotline", "login_cpu_s")
    line("Hotline ready (form painted)", "hotline", "ready_cpu_s")
    line("`hotline` command: ready", "cli", "ready_cpu_s")
    ready_after_login = [r.ready_s - r.login_s - r.auth_s for r in runs["hotline"]]
    print(f"  ready - login dialog - password check (the pages built after the login): "
          f"median {statistics.median(ready_after_login) * 1000:.0f} ms")
    e_wall, e_cpu = med("empty", "shown_s"), med("empty", "shown_cpu_s")
    print(f"  ratio of medians, window       : {med('hotline', 'shown_s') / e_wall:.2f}x wall, "
          f"{med('hotline', 'shown_cpu_s') / e_cpu:.2f}x CPU (target <= 1.5x)")
    print(f"  ratio of medians, ready        : {med('hotline', 'ready_s') / e_wall:.2f}x wall, "
          f"{med('hotline', 'ready_cpu_s') / e_cpu:.2f}x CPU")
    print(f"  ratio, `hotline` command       : window {med('cli', 'shown_s') / e_wall:.2f}x, "
          f"ready {med('cli', 'ready_s') / e_wall:.2f}x wall")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default="bench/out/1m",
                        help="the shared 1,000,000-call database (read only)")
    parser.add_argument("--db-dir", default="bench/out/gui-1m",
                        help="the private copy the window opens (made once from --source)")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--backup-day", action="store_true",
                        help="also the memory run of a day's first start (its backup runs)")
    parser.add_argument("--memory-only", action="store_true",
                        help="skip the start-up timings: only the memory run(s)")
    parser.add_argument("--migration-copy", action="store_true",
                        help="also the memory of the copy made before migrations (an upgrade)")
    parser.add_argument("--child", choices=["empty", "hotline", "cli", "memory",
                                            "migration-copy"])
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
    if args.child == "migration-copy":
        child_migration_copy(args.db_dir)
        return 0

    note = prepare(Path(args.source), Path(args.db_dir))
    backed_up = todays_backup(Path(args.db_dir))
    db = Path(args.db_dir) / "hotline.sqlite"
    print(f"database: {db} ({db.stat().st_size / 1e6:.0f} MB, encrypted, key in the "
          f"file-backed keyring; copy {note}; today's backup {backed_up}), load average "
          f"{os.getloadavg()}")
    # warm-up (page cache, any pending migration), not counted
    time_start("empty", args.db_dir)
    time_start("hotline", args.db_dir)
    if not args.memory_only:
        report_starts(args.runs, args.db_dir)

    result: dict[str, Any] = memory_run(args.db_dir, args.pages)

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
    print_phases(result)
    if args.backup_day:
        day = backup_day_memory(Path(args.db_dir), args.pages)
        print(f"  the day's first start (the daily backup of the whole database runs in the "
              f"window's process meanwhile, measured to its end): peak memory "
              f"{day['peak_mb']:.0f} MB, next page median "
              f"{statistics.median(day['fetch_ms']):.1f} ms")  # type: ignore[arg-type]
        print_phases(day)
    if args.migration_copy:
        copy = child_run("migration-copy", args.db_dir)
        print(f"the copy made before migrations (first start after an upgrade): "
              f"{copy['copy_s']:.1f} s")
        print_phases(copy)
    print(f"load average at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
