"""Report benchmarks over a database of 1,000,000 calls (issue 5).

Targets: the daily PDF of a 500-call day in at most 1.5 s; a yearly report over 200,000
calls in at most 5 s.

The database is built once under bench/out/reports/ (about 10 minutes on 2 cores) with the
demo generator, shaped so both targets have their own data:
  * 799,500 calls over 2022-01-01 … 2024-12-31,
  * 200,000 calls over the year 2025 (the yearly report),
  * 500 calls on 2026-01-15 (the daily report).

Run: .venv/bin/python bench/bench_reports.py [--runs 7] [--data-dir bench/out/reports]
(HOTLINE_PASSPHRASE overrides the benchmark database's passphrase.)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2026, 1, 15)
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
# The store is encrypted at rest (SQLCipher), as in the app; a machine without a secure
# keyring needs a passphrase. The first open of a plain database encrypts it in place.
PASSPHRASE = os.environ.get("HOTLINE_PASSPHRASE", "bench-reports-passphrase")
SHAPE = (  # (calls, days, end, seed)
    (799_500, 1096, datetime(2025, 1, 1, tzinfo=TZ), 11),
    (200_000, 365, datetime(2026, 1, 1, tzinfo=TZ), 12),
    (500, 1, datetime(2026, 1, 16, tzinfo=TZ), 13),
)


def build(data_dir: Path) -> None:
    from hotline.app import open_app
    from hotline.calls import demo

    app = open_app(data_dir, passphrase=PASSPHRASE)
    try:
        have = app.calls.store.conn.execute("SELECT count(*) FROM calls").fetchone()[0]
        if have == sum(s[0] for s in SHAPE):
            return
        if have:
            raise SystemExit(f"{data_dir} holds {have} calls, not the benchmark's shape; "
                             "remove it first")
        for count, days, end, seed in SHAPE:
            started = time.perf_counter()
            buffer = []
            written = 0
            for call in demo.generate(count, days=days, seed=seed, end=end):
                buffer.append(call)
                if len(buffer) >= 10_000:
                    written += app.calls.write_many(buffer)
                    buffer.clear()
                    print(f"\r  {written}/{count}", end="", file=sys.stderr, flush=True)
            written += app.calls.write_many(buffer)
            print(f"\r  {written} calls up to {end:%Y-%m-%d} in "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        app.close()


def _timed(fn, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of each run (CPU time shows the work itself when other
    processes share the two cores)."""
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return times, cpu


def _fmt(name: str, measured: tuple[list[float], list[float]],
         budget: float | None = None) -> str:
    times, cpu = measured
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(times)
    verdict = " | —"
    if budget is not None:
        verdict = f" | budget {budget:.1f} s | {'OK' if p95 <= budget else 'OVER'}" \
                  f" ({median / budget:.0%} of budget)"
    return (f"| {name} | {median:.3f} s | {p95:.3f} s | {min(times):.3f} s | "
            f"{statistics.median(cpu):.3f} s | {len(times)}{verdict} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "out" / "reports")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    build(args.data_dir)
    if args.build_only:
        return 0

    from hotline.app import open_app

    app = open_app(args.data_dir, passphrase=PASSPHRASE)
    out = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    try:
        reports = app.reports
        total = app.store.conn.execute("SELECT count(*) FROM calls").fetchone()[0]
        day_calls = app.store.conn.execute("SELECT count(*) FROM calls WHERE day = ?",
                                           (DAY.isoformat(),)).fetchone()[0]
        year_calls = app.store.conn.execute(
            "SELECT count(*) FROM calls WHERE day BETWEEN ? AND ?",
            (YEAR[0].isoformat(), YEAR[1].isoformat())).fetchone()[0]
        print(f"database: {total} calls; {DAY}: {day_calls} calls; "
              f"{YEAR[0]}…{YEAR[1]}: {year_calls} calls")
        print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores)")
        print("| measurement | median | p95 | min | CPU median | runs | budget |")
        print("|---|---|---|---|---|---|---|")
        rows = [
            ("daily PDF, 500-call day (stats + PDF)",
             lambda: reports.daily_pdf(DAY, out / "daily.pdf"), 1.5),
            ("daily report, 500-call day (PDF + calls CSV + summary CSV)",
             lambda: reports.daily(DAY, out / "daily"), None),
            ("statistics only, year 2025",
             lambda: reports.statistics(*YEAR), None),
            ("yearly report, 200,000 calls (stats + PDF + summary CSV)",
             lambda: reports.period(*YEAR, out / "year"), 5.0),
        ]
        for name, fn, budget in rows:
            fn()  # warm the page cache once, as a second click would find it
            print(_fmt(name, _timed(fn, args.runs), budget), flush=True)
        print(f"load average after: {os.getloadavg()[0]:.2f}")
    finally:
        app.close()
        shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
