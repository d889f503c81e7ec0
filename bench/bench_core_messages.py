"""What translating the core's messages costs (hotline/translation.py).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_core_messages.py [--rows 10000]

Measures, without a translator (Vietnamese, the CLI) and with the English window's
(`QCoreApplication.translate` over hotline_en.qm):
1. one `translate()` call (a hit), in microseconds;
2. validating an incomplete call (three messages), in microseconds;
3. reading a call CSV of --rows rows, every row with two errors (the worst import: every
   message is built), in seconds.
Figures go to bench/results/core_messages.md by hand.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _median_us(fn: Callable[[], object], repeat: int = 7, number: int = 20000) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from hotline.app import open_app
    from hotline.calls import csvio
    from hotline.calls.models import Call
    from hotline.calls.validation import validate
    from hotline.translation import translate
    from hotline.ui import i18n

    qt = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="hotline-bench-") as tmp:
        # No OS keyring on these machines: a throw-away passphrase (never real data here).
        app = open_app(Path(tmp), passphrase="bench-core-messages")
        try:
            bad_call = Call(received_at=datetime(2026, 3, 5, 9, 0),  # no time zone
                            channel="phone_in", caller_sex="female", caller_age_group="x",
                            level="counsel", urgency="routine")
            row = (",2026-03-05T09:15:00+07:00,abc,phone_in,,0912abc,,female,30-44,,,,,,"
                   "dv.physical,counsel,,,,,,\n")
            text = ",".join(csvio.COLUMNS) + "\n" + row * args.rows
            results = {}
            csvio.parse_rows(text, app.calls)  # warm-up: caches, taxonomy, admin units
            validate(bad_call, app.calls.taxonomy)
            for language in ("vi", "en"):
                i18n.install_translators(qt, language)
                one = _median_us(lambda: translate("core.calls", "thời lượng không thể âm"))
                check = _median_us(lambda: validate(bad_call, app.calls.taxonomy), number=2000)
                times = []
                for _ in range(3):
                    start = time.perf_counter()
                    _, errors, _ = csvio.parse_rows(text, app.calls)
                    str(csvio.ImportFailed(errors))
                    times.append(time.perf_counter() - start)
                results[language] = (one, check, statistics.median(times), len(errors))
            i18n.remove_translators(qt)
        finally:
            app.close()
    print(f"{'':28}{'vi (none)':>14}{'en (Qt)':>14}")
    labels = ("translate() one hit, µs", "validate() 3 messages, µs",
              f"CSV {args.rows} bad rows, s")
    for index, label in enumerate(labels):
        vi, en = results["vi"][index], results["en"][index]
        print(f"{label:28}{vi:14.3f}{en:14.3f}")
    print(f"errors per run: {results['vi'][3]} (vi), {results['en'][3]} (en)")


if __name__ == "__main__":
    main()
