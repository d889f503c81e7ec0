"""Does the window fit a 1366×768 screen (less a 40-px taskbar) at every font size, in both
languages — and what does the reflowing cost when the window is resized?

    .venv/bin/python bench/bench_fit.py [--sizes 9 13 16 18 20] [--runs 15]

1. For each language and font size: the whole window (every page, an administrator logged
   in, a call being typed) asks for `minimumSizeHint()`; then at 1366×728 each page and
   each tab inside it is shown and what is cut is counted: a one-line label or a button
   narrower than its text, a wrapped label shorter than its lines, a form scrolling
   sideways, a page name cut in the sidebar. (The same checks as tests/test_ui_font_size.)
2. Resizing the window (call page) between 1366 and 1000 px wide, and between 1366 and
   1300 px, at `--resize-pt` (the call form's groups may switch between two pairs and one
   pair of fields a line, the button rows wrap): median and p95 of one resize up to the
   next processed event-loop turn.

Runs against whatever `hotline` is first on PYTHONPATH (so the same command measures the
code before a change). Offscreen Qt, fresh data directory, passphrase-encrypted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from benchstats import ms_summary  # bench/ is on sys.path: the scripts run from it

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"

SCREEN = (1366, 728)


def _settle(qt) -> None:
    for _ in range(4):
        qt.processEvents()


def _cut(root) -> list[str]:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QScrollArea, QWidget

    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0 or widget.visibleRegion().isEmpty():
            continue
        if isinstance(widget, QLabel) and widget.text() and "<" not in widget.text():
            text = widget.text()
            if widget.wordWrap():
                if widget.heightForWidth(widget.width()) > widget.height() + 1:
                    found.append(f"wrapped label {text[:30]!r}")
            elif widget.fontMetrics().horizontalAdvance(text.replace("&", "")) > \
                    widget.contentsRect().width() + 1:
                found.append(f"label {text[:30]!r}")
        elif isinstance(widget, QAbstractButton) and widget.text() and \
                widget.width() + 1 < widget.minimumSizeHint().width():
            found.append(f"button {widget.text()[:30]!r}")
        elif isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            found.append("a form scrolls sideways")
        elif isinstance(widget, QListWidget) and widget.objectName() == "" and \
                widget.accessibleName() and widget.wordWrap():  # the sidebar
            width = widget.viewport().width()
            for row in range(widget.count()):
                item = widget.item(row)
                need = widget.fontMetrics().boundingRect(
                    QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), item.text())
                if need.width() > width or need.height() > widget.visualItemRect(item).height():
                    found.append(f"page name {item.text()!r}")
    return found


def _window(qt, lang: str, size: int):
    from hotline.app import open_app
    from hotline.ui import i18n
    from hotline.ui.lock import install_security
    from hotline.ui.main_window import MainWindow
    from hotline.ui.pages import install_pages

    data = Path(tempfile.mkdtemp(prefix="hotline-bench-fit-"))
    (data / "settings.json").write_text(json.dumps({"language": lang}), encoding="utf-8")
    i18n.install_translators(qt, lang)
    i18n.apply_font_size(qt, size)
    app = open_app(data, passphrase="bench-fit passphrase")
    from argon2 import PasswordHasher

    app.accounts.hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    app.session.user = app.accounts.create_first_admin("admin", "Nguyễn Văn An",
                                                       "bench-mật-khẩu")
    window = MainWindow(app)
    install_pages(window, app)
    install_security(window, app)
    window.resize(*SCREEN)
    window.show()
    window.call_form.start_call()
    _settle(qt)
    return app, window


def _views(qt, window):
    from PySide6.QtWidgets import QTabWidget

    for row in range(window.sidebar.count()):
        key = window.sidebar.item(row).data(256)
        window.show_page(key)
        page = window.page(key)
        _settle(qt)
        yield key
        tabs = ([page] if isinstance(page, QTabWidget) else []) + page.findChildren(QTabWidget)
        for tab in tabs:
            for index in range(tab.count()):
                tab.setCurrentIndex(index)
                _settle(qt)
                yield f"{key} › {tab.tabText(index)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[9, 13, 16, 18, 20])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--resize-pt", type=int, nargs="*", default=[9, 18])
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    import hotline
    from hotline.ui import i18n

    qt = QApplication(sys.argv[:1])
    print(f"hotline from {Path(hotline.__file__).parent}")
    print("| language | pt | minimum size | fits 1366×728 | views | cut at 1366×728 |")
    print("|---|---|---|---|---|---|")
    for lang in ("vi", "en"):
        for size in args.sizes:
            app, window = _window(qt, lang, size)
            least = window.minimumSizeHint()
            fits = least.width() <= SCREEN[0] and least.height() <= SCREEN[1]
            window.resize(*SCREEN)
            _settle(qt)
            cut: list[str] = []
            views = 0
            for view in _views(qt, window):
                views += 1
                cut += [f"{view}: {c}" for c in _cut(window)]
            example = f" (e.g. {cut[0]})" if cut else ""
            print(f"| {lang} | {size} | {least.width()}×{least.height()} | "
                  f"{'yes' if fits else '**no**'} | {views} | {len(cut)}{example} |")
            window.close()
            window.reader.close()
            app.close()
            window.deleteLater()
            _settle(qt)
            i18n.remove_translators(qt)

    for size in args.resize_pt:
        app, window = _window(qt, "vi", size)
        window.show_page("call")
        for narrow in (1000, 1300):
            times: list[float] = []
            for run in range(args.runs * 2):
                width = (narrow, SCREEN[0])[run % 2]
                start = time.perf_counter()
                window.resize(width, SCREEN[1])
                qt.processEvents()
                times.append(time.perf_counter() - start)
            print(f"resize 1366 ↔ {narrow} px at {size} pt (vi, call page; the window is "
                  f"{window.minimumSizeHint().width()} px at the least): "
                  f"{ms_summary(times)} ({len(times)} resizes)")
        window.close()
        window.reader.close()
        app.close()
        window.deleteLater()
        _settle(qt)
        i18n.remove_translators(qt)


if __name__ == "__main__":
    main()
