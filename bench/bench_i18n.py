"""What the language and the F1 overlay cost.

    .venv/bin/python bench/bench_i18n.py [--runs 15]

1. Installing a language at start-up (`hotline.ui.i18n.apply_settings`, which start() runs
   before the first frame): reading settings.json, loading the .qm files and setting the
   locale. Vietnamese loads Qt's dialog texts (qt_vi.qm); English loads hotline_en.qm and
   Qt's qtbase_en.qm. Median and p95 over `--runs` fresh installs.
2. Building the whole window (MainWindow + every page) in Vietnamese (no app translator:
   the source texts) and in English (every tr() looked up in hotline_en.qm): medians,
   p95 and the English/Vietnamese ratio. Runs alternate languages.
3. Opening the F1 overlay (collecting every QShortcut/QAction of the window and filling the
   list): median and p95.

Offscreen Qt, a fresh data directory (the bundled library and directory are loaded once,
before timing).
"""

from __future__ import annotations

import argparse
import json
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

    from PySide6.QtWidgets import QApplication

    from hotline.ui import i18n

    qt = QApplication(sys.argv[:1])
    data = Path(tempfile.mkdtemp(prefix="hotline-bench-i18n-"))
    os.environ["HOTLINE_DATA_DIR"] = str(data)

    # 1. installing a language
    install: dict[str, list[float]] = {"vi": [], "en": []}
    for run in range(args.runs * 2):
        lang = ("vi", "en")[run % 2]
        (data / "settings.json").write_text(json.dumps({"language": lang}), encoding="utf-8")
        start = time.perf_counter()
        missing = i18n.apply_settings(qt, i18n.startup_settings(str(data)))
        install[lang].append(time.perf_counter() - start)
        assert not missing, missing

    # 2. the whole window, both languages
    from hotline.app import open_app
    from hotline.ui.main_window import MainWindow
    from hotline.ui.pages import install_pages

    # No keyring offscreen: the data is encrypted with a passphrase instead.
    app = open_app(data, passphrase="bench-i18n passphrase")
    build: dict[str, list[float]] = {"vi": [], "en": []}
    overlay: list[float] = []
    entries = 0
    for run in range(args.runs * 2 + 2):
        lang = ("vi", "en")[run % 2]
        i18n.install_translators(qt, lang)
        app.settings = app.settings.with_changes(language=lang)
        start = time.perf_counter()
        window = MainWindow(app)
        install_pages(window, app)
        elapsed = time.perf_counter() - start
        if run >= 2:  # the first of each language warms imports and caches
            build[lang].append(elapsed)
            start = time.perf_counter()
            window.help_overlay.open_overlay()
            overlay.append(time.perf_counter() - start)
            entries = len(window.help_overlay.entries())
            window.help_overlay.close_overlay()
        window.close()
        window.deleteLater()
        qt.processEvents()
    app.close()

    vi, en = statistics.median(build["vi"]), statistics.median(build["en"])
    print(f"date: {time.strftime('%Y-%m-%d')}  runs: {args.runs}  "
          f"Python {sys.version.split()[0]}")
    print(f"install Vietnamese (qt_vi.qm): {ms_summary(install['vi'])}")
    print(f"install English (hotline_en.qm + qtbase_en.qm): {ms_summary(install['en'])}")
    print(f"window + pages, Vietnamese: {ms_summary(build['vi'])}")
    print(f"window + pages, English:    {ms_summary(build['en'])}  (ratio en/vi {en / vi:.2f})")
    print(f"F1 overlay open ({entries} rows): {ms_summary(overlay)}")


if __name__ == "__main__":
    main()
