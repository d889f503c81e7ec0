"""Encrypted (SQLCipher) against plain SQLite for the operations an operator waits on.

Builds two databases of the same synthetic calls — one plain, one encrypted — and times,
on each: saving a call (durable commit), the call list's first page with filters, the
repeat-caller lookup, and library search when the library is available. Reports medians and
the encrypted/plain ratio (target ≤ 1.3×).

    .venv/bin/python bench/bench_encryption.py [--calls 200000] [--runs 200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotline.calls import demo
from hotline.calls.models import Call, CallFilter
from hotline.calls.service import CallService
from hotline.calls.taxonomy import Taxonomy
from hotline.store.db import open_store

OUT = Path(__file__).resolve().parent / "out" / "encryption"


def build(path: Path, key: bytes | None, calls: int) -> CallService:
    if path.exists():
        store = open_store(path, key=key)
        return CallService(store, Taxonomy())
    store = open_store(path, key=key)
    service = CallService(store, Taxonomy())
    demo.fill(service, calls, days=365, seed=7)
    return service


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    if args.fresh:
        shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    key = bytes.fromhex((OUT / "key.hex").read_text()) if (OUT / "key.hex").exists() \
        else os.urandom(32)
    (OUT / "key.hex").write_text(key.hex())
    t0 = time.perf_counter()
    services = {"plain": build(OUT / "plain.sqlite", None, args.calls),
                "encrypted": build(OUT / "encrypted.sqlite", key, args.calls)}
    print(f"built/opened in {time.perf_counter() - t0:.1f} s ({args.calls} calls each)")
    ops: dict[str, dict[str, Callable[[], object]]] = {}
    for name, service in services.items():
        now = service.clock.now()
        phone = service.store.conn.execute(
            "SELECT phone FROM calls WHERE phone <> '' GROUP BY phone ORDER BY count(*) DESC "
            "LIMIT 1").fetchone()[0]
        month_ago = (now - timedelta(days=30)).date().isoformat()
        today = now.date().isoformat()
        for op, fn in {
            "save call": lambda s=service, n=now: s.save(Call(
                received_at=n, phone="0912345678", caller_name="Nguyễn Thị Lan",
                summary="Chồng đánh vợ", categories=("dv.physical",), level="counsel")),
            "list: today": lambda s=service, d=today: s.list(
                CallFilter(date_from=d, date_to=d), limit=100),
            "list: month + category": lambda s=service, m=month_ago: s.list(
                CallFilter(date_from=m, category="dv"), limit=100),
            "list: free text": lambda s=service: s.list(CallFilter(text="chong danh"),
                                                        limit=100),
            "repeat-caller lookup": lambda s=service, p=phone: s.prior_calls(p),
        }.items():
            ops.setdefault(op, {})[name] = fn
    # Interleaved: each round times the plain then the encrypted database, so load from
    # other processes hits both alike; the ratio is the median of the per-round ratios.
    print(f"\n{'operation':<26}{'plain ms':>10}{'encrypted ms':>14}{'ratio':>8}")
    for op, fns in ops.items():
        runs = args.runs if op != "save call" else max(50, args.runs // 2)
        for fn in fns.values():
            fn()
        plain, enc, ratios = [], [], []
        for _ in range(runs):
            p = timed(fns["plain"], 1)[0]
            e = timed(fns["encrypted"], 1)[0]
            plain.append(p)
            enc.append(e)
            ratios.append(e / p)
        print(f"{op:<26}{statistics.median(plain):>10.3f}{statistics.median(enc):>14.3f}"
              f"{statistics.median(ratios):>8.2f}")


if __name__ == "__main__":
    main()
