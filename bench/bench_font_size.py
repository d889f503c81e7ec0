"""What a change of the font size costs, now that headings follow it.

    .venv/bin/python bench/bench_font_size.py [--runs 15]

1. Saving a new font size in Settings applies it live (`hotline.ui.i18n.apply_font_size`):
   Qt re-fonts every widget, then `hotline.ui.styles.restyle_all` sets every relative
   stylesheet again (and re-resolves the other styled widgets). Timed on the whole window
   (MainWindow + every page), alternating 10 pt and 18 pt, up to the next processed event
   loop turn (the re-layout). Also: how many widgets were restyled, and the same change
   with restyle_all switched off (Qt's own re-fonting alone).
2. Building the whole window at 9 pt and at 18 pt (the relative stylesheets are computed
   at build time): medians and the 18/9 ratio.

Offscreen Qt, a fresh data directory, passphrase-encrypted (no keyring offscreen).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchstats import ms_summary  # bench/ is on sys.path: the scripts run from it

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from hotline.app import open_app
    from hotline.ui import i18n, styles
    from hotline.ui.main_window import MainWindow
    from hotline.ui.pages import install_pages

    qt = QApplication(sys.argv[:1])
    data = Path(tempfile.mkdtemp(prefix="hotline-bench-font-"))
    app = open_app(data, passphrase="bench-font passphrase")

    # 2. building at 9 and at 18 pt (first of each warms imports)
    build: dict[int, list[float]] = {9: [], 18: []}
    for run in range(args.runs * 2 + 2):
        size = (9, 18)[run % 2]
        i18n.apply_font_size(qt, size)
        start = time.perf_counter()
        window = MainWindow(app)
        install_pages(window, app)
        elapsed = time.perf_counter() - start
        if run >= 2:
            build[size].append(elapsed)
        window.close()
        window.deleteLater()
        qt.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # gone, not just hidden
        qt.processEvents()

    # 1. live changes on one shown window
    i18n.apply_font_size(qt, 10)
    window = MainWindow(app)
    install_pages(window, app)
    window.resize(1366, 768)
    window.show()
    qt.processEvents()
    widgets = len(qt.allWidgets())
    restyled = styles.restyle_all(qt)
    change: list[float] = []
    for run in range(args.runs * 2):
        size = (18, 10)[run % 2]
        start = time.perf_counter()
        i18n.apply_font_size(qt, size)
        qt.processEvents()
        change.append(time.perf_counter() - start)
    # The same without restyle_all: Qt's own re-fonting, for the share of the restyling.
    real_restyle = styles.restyle_all
    styles.restyle_all = lambda qt_app=None: 0  # type: ignore[assignment]
    bare: list[float] = []
    for run in range(args.runs * 2):
        size = (18, 10)[run % 2]
        start = time.perf_counter()
        i18n.apply_font_size(qt, size)
        qt.processEvents()
        bare.append(time.perf_counter() - start)
    styles.restyle_all = real_restyle
    window.close()
    app.close()

    nine, eighteen = statistics.median(build[9]), statistics.median(build[18])
    print(f"date: {time.strftime('%Y-%m-%d')}  runs: {args.runs}  "
          f"Python {sys.version.split()[0]}")
    print(f"live font-size change, whole window ({widgets} widgets, {restyled} with relative "
          f"sizes): {ms_summary(change)}")
    print(f"  the same without restyle_all (Qt's own re-fonting only): {ms_summary(bare)}")
    print(f"window + pages at 9 pt:  {ms_summary(build[9])}")
    print(f"window + pages at 18 pt: {ms_summary(build[18])}  (ratio 18/9 {eighteen / nine:.2f})")


if __name__ == "__main__":
    main()
