#!/usr/bin/env python3
"""Screenshots of Hotline's main screens for the README and the guides.

    .venv/bin/python scripts/screenshots.py [--lang vi|en] [--out DIR] [--only NAME ...]
                                            [--font-size PT]

`--lang vi` (the default) writes docs/screenshots/ (README, Vietnamese guides); `--lang en`
shows the English interface and writes docs/screenshots/en/ (English guides). The calls,
the center and the services stay Vietnamese in both: they are a Vietnamese center's data.
`--font-size` takes the pictures at that window font size (Settings › Display) — to check a
large font at 1366×768; it needs `--out` so that the guides' pictures are not replaced.

Without a display it starts itself again under Xvfb (`xvfb-run -a`), or falls back to Qt's
offscreen platform when Xvfb is not installed. Everything happens on synthetic data in a
temporary data directory: `hotline demo --calls 400 --days 14`, a few fictional local services
in the directory, and two fictional accounts. The OS keyring is never touched (the key comes
from a random passphrase). The window is 1366×768, the size of a typical front-desk screen.

Each PNG is reduced with Pillow (256-colour palette when that is what keeps it small), so a
screenshot stays well under 200 KB. Look at every image after running this.
"""

from __future__ import annotations

import argparse
import io
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1366, 768
MAX_BYTES = 200_000
CHILD_FLAG = "HOTLINE_SCREENSHOTS_UNDER_XVFB"

# Every shot, in README order: name -> what it shows.
SHOTS = {
    "call-form": "the call form with a call being typed and the library panel beside it",
    "repeat-caller": "a number that called before: the earlier calls beside the form",
    "emergency": "an emergency: 113/115/111 and the local police and health services",
    "call-list": "the call list with its filters",
    "followups": "follow-ups due today and overdue",
    "library": "the library page with an article open",
    "directory": "the directory page with a service selected",
    "reports": "the reports page with a day report previewed",
    "help": "the keyboard shortcuts (F1)",
    "lock-screen": "the lock screen (Ctrl+L or after idle minutes)",
    "login": "the login dialog",
    "setup-wizard": "the first-run wizard",
    "admin": "users, audit log and backups (administrators)",
}


# --------------------------------------------------------------------------- start-up
def relaunch_under_xvfb(argv: list[str]) -> int | None:
    """Run this script again under Xvfb when there is no display; None to go on here."""
    if os.environ.get(CHILD_FLAG) or os.environ.get("DISPLAY") or \
            os.environ.get("QT_QPA_PLATFORM"):
        return None
    if shutil.which("xvfb-run") is None:
        print("screenshots: Xvfb not found (apt-get install xvfb xauth); using Qt's offscreen "
              "platform", file=sys.stderr)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    env = dict(os.environ, **{CHILD_FLAG: "1"})
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH + 200}x{HEIGHT + 200}x24",
               sys.executable, str(Path(__file__).resolve()), *argv]
    return subprocess.call(command, env=env)


def wait_until(qt: Any, condition: Callable[[], Any], timeout: float = 15.0,
               what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: timed out waiting for {what or condition}")
        qt.processEvents()
        time.sleep(0.01)
    qt.processEvents()


def settle(qt: Any, seconds: float = 0.4) -> None:
    """Let layouts, timers and workers finish what they started."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        qt.processEvents()
        time.sleep(0.01)


def type_text(qt: Any, widget: Any, text: str) -> None:
    """Type like an input method does: one key event per character (any Vietnamese)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            qt.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                           Qt.KeyboardModifier.NoModifier, ch))
        qt.processEvents()


def key(qt: Any, widget: Any, name: str, modifiers: Any = None) -> None:
    """Press a key as the operator would (window shortcuts included)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    code = getattr(Qt.Key, f"Key_{name}")
    mods = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(widget, code, mods)
    qt.processEvents()


def save_png(widget: Any, path: Path) -> int:
    """Grab the widget and write a small PNG; returns its size in bytes."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().save(buffer, "PNG")
    buffer.close()
    image = Image.open(io.BytesIO(bytes(data.data()))).convert("RGB")
    full = io.BytesIO()
    image.save(full, "PNG", optimize=True)
    best = full.getvalue()
    if len(best) > MAX_BYTES // 2:  # a palette keeps UI text sharp at a third of the size
        palette = io.BytesIO()
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                       dither=Image.Dither.NONE).save(palette, "PNG", optimize=True)
        if len(palette.getvalue()) < len(best):
            best = palette.getvalue()
    path.write_bytes(best)
    return len(best)


# --------------------------------------------------------------------------- the data
LOCAL_SERVICES = [
    # Fictional services in Hà Nội for the pictures (names and numbers are made up).
    ("Nhà tạm lánh Bình An", "Hội Liên hiệp Phụ nữ thành phố", ("shelter", "trusted_address"),
     "00004", ("024 3000 0101", "Trực 24/7"), "24/7"),
    ("Công an phường Ba Đình", "", ("police",), "00004", ("024 3000 0102", "Trực ban"), "24/7"),
    ("Trạm y tế phường Ba Đình", "", ("health",), "00004", ("024 3000 0103", ""),
     "Mo-Fr 07:30-17:00"),
    ("Trung tâm trợ giúp pháp lý nhà nước (mẫu)", "Sở Tư pháp", ("legal_aid",), "",
     ("024 3000 0104", ""), "Mo-Fr 08:00-17:00"),
    ("Địa chỉ tin cậy thôn Đông (mẫu)", "Hội Phụ nữ xã", ("trusted_address",), "",
     ("0900 000 105", "Chị Hoa"), ""),
    ("Phòng tham vấn tâm lý Hướng Dương (mẫu)", "", ("psychosocial",), "",
     ("024 3000 0106", "Hẹn trước"), "Mo-Sa 08:00-20:00"),
    ("Bệnh viện Đa khoa Ánh Dương (mẫu)", "", ("health",), "", ("024 3000 0107", "Cấp cứu"),
     "24/7"),
    ("Hội Liên hiệp Phụ nữ phường Ba Đình", "", ("women_union",), "00004",
     ("024 3000 0108", ""), "Mo-Fr 08:00-17:00"),
]


def prepare_data(directory: Path, passphrase: str, language: str = "vi",
                 font_size: int = 0) -> None:
    """Demo calls through the real command, settings and local services through the core."""
    from hotline import config

    settings = config.load_settings(directory).with_changes(
        center_name="TRUNG TÂM CÔNG TÁC XÃ HỘI", parent_body="SỞ Y TẾ", province_code="01",
        place_name="Hà Nội", center_abbreviation="TTCTXH", signer_name="Trần Minh Quân",
        language=language, font_size=font_size)
    config.save_settings(directory, settings)
    env = dict(os.environ, HOTLINE_PASSPHRASE=passphrase)
    subprocess.run([sys.executable, "-m", "hotline", "--data-dir", str(directory), "demo",
                    "--calls", "400", "--days", "14", "--seed", "3"], check=True, env=env,
                   stderr=subprocess.DEVNULL)


def seed_services(app: Any) -> None:
    from hotline.directory.models import Entry, EntryPhone

    for name, org, categories, ward, (number, label), hours in LOCAL_SERVICES:
        app.directory.save(Entry(
            name=name, organisation=org, categories=categories, province_code="01",
            ward_code=ward, phones=(EntryPhone(number, label),), hours=hours,
            verified_on=app.clock.now().date().isoformat(), notes="Dữ liệu mẫu"), by="admin")


def frequent_caller(app: Any) -> str:
    """A number with several earlier calls (the demo has repeat callers)."""
    row = app.store.conn.execute(
        "SELECT phone FROM calls WHERE phone <> '' GROUP BY phone "
        "HAVING count(*) BETWEEN 3 AND 6 ORDER BY count(*) DESC, phone LIMIT 1").fetchone()
    if row is None:
        raise SystemExit("screenshots: the demo data has no repeat caller")
    return str(row[0])


# --------------------------------------------------------------------------- the shots
class Shooter:
    def __init__(self, qt: Any, out: Path, only: set[str]) -> None:
        self.qt = qt
        self.out = out
        self.only = only
        self.sizes: dict[str, int] = {}

    def wanted(self, name: str) -> bool:
        return not self.only or name in self.only

    def shoot(self, name: str, widget: Any) -> None:
        settle(self.qt)
        size = save_png(widget, self.out / f"{name}.png")
        self.sizes[name] = size
        print(f"screenshots: {name}.png  {size // 1024} KB  — {SHOTS[name]}")


def national(app: Any, phone: str) -> str:
    from hotline import phones

    return phones.display(phone) or phone


def run(out: Path, only: set[str], language: str = "vi", font_size: int = 0) -> int:
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the real one
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QWidget

    from hotline import config
    from hotline.app import open_app
    from hotline.ui.i18n import apply_settings
    from hotline.ui.lock import install_security
    from hotline.ui.main import qt_application
    from hotline.ui.main_window import PAGE_KEY_ROLE, MainWindow
    from hotline.ui.pages import install_pages

    qt = qt_application()
    shooter = Shooter(qt, out, only)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="hotline-screens-"))
    passphrase = secrets.token_urlsafe(24)
    try:
        data = work / "data"
        data.mkdir()
        prepare_data(data, passphrase, language, font_size)
        # What `hotline` does at start: the language and the font size before any window.
        missing = apply_settings(qt, config.load_settings(data))
        if missing:
            raise SystemExit(f"screenshots: translations not found: {missing}")
        app = open_app(data, passphrase=passphrase)
        admin = app.accounts.create_first_admin("admin", "Trần Minh Quân", secrets.token_hex(8))
        app.accounts.create_user(admin, "lan", "Nguyễn Thị Lan", "operator",
                                 secrets.token_hex(8))
        app.accounts.create_user(admin, "ha", "Phạm Thu Hà", "head", secrets.token_hex(8))
        seed_services(app)
        operator = app.accounts.get("lan")
        app.session.user = operator  # the operator's screens first, the head's after

        window = MainWindow(app)
        install_pages(window, app)
        session = install_security(window, app)
        window.resize(WIDTH, HEIGHT)
        window.show()
        window.activateWindow()
        wait_until(qt, lambda: window.call_list.model.rowCount() > 0, what="the call list")
        settle(qt, 1.0)
        form = window.call_form
        library_panel, directory_panel = (window.search_tabs.widget(i) for i in range(2))

        # -- the call form, a call being typed, the library panel beside it
        if shooter.wanted("call-form"):
            key(qt, window, "N", Qt.KeyboardModifier.ControlModifier)
            type_text(qt, form.phone, "0912 468 135")
            form.caller_sex.setCurrentIndex(form.caller_sex.findData("female"))
            form.caller_age_group.setCurrentIndex(form.caller_age_group.findData("30-44"))
            form.caller_relation.setCurrentIndex(form.caller_relation.findData("self"))
            form.province.set_code("01")
            form.categories.set_codes(["dv.physical", "dv.psychological"])
            form.level.setCurrentIndex(form.level.findData("counsel"))
            type_text(qt, form.summary, "Chị gọi từ nhà mẹ đẻ. Chồng say rượu đánh chị nhiều "
                      "lần, tối qua đe doạ đuổi ra khỏi nhà. Chị hỏi cách xin lệnh cấm tiếp xúc.")
            type_text(qt, form.outcome, "Hướng dẫn đề nghị Chủ tịch UBND phường ra quyết định "
                      "cấm tiếp xúc; giới thiệu nhà tạm lánh. Hẹn gọi lại sau 18 giờ.")
            form.safe_call_back.setCurrentIndex(1)
            type_text(qt, form.callback_note, "chỉ gọi sau 18 giờ, khi chồng đi làm")
            # A shelter from the directory panel, referred with Enter.
            window.search_tabs.setCurrentWidget(directory_panel)
            type_text(qt, directory_panel.search, "tam lanh")
            wait_until(qt, lambda: directory_panel.model.rowCount() > 0, what="a shelter")
            settle(qt, 0.6)
            key(qt, directory_panel.search, "Return")
            wait_until(qt, lambda: form.referral_list.count() > 0, what="the referral")
            window.search_tabs.setCurrentWidget(library_panel)
            type_text(qt, library_panel.search_box, "cấm tiếp xúc")
            wait_until(qt, lambda: any(h.article.label == "Điều 25" and
                                       h.document.symbol == "13/2022/QH15"
                                       for h in library_panel.model.hits),
                       what="library results")
            wait_until(qt, lambda: not library_panel.controller.busy, what="the search")
            settle(qt, 0.8)  # the last keystroke's search has landed
            row = next(i for i, h in enumerate(library_panel.model.hits)
                       if h.article.label == "Điều 25" and h.document.symbol == "13/2022/QH15")
            library_panel.results.setFocus()
            library_panel.results.setCurrentIndex(library_panel.model.index(row))
            key(qt, library_panel.results, "Return", Qt.KeyboardModifier.ControlModifier)
            wait_until(qt, lambda: form.citation_list.count() > 0, what="the citation")
            # Scroll the form to the summary just typed (the caller's part is in the next shot).
            from PySide6.QtWidgets import QGroupBox

            box = form.summary.parentWidget()
            while box is not None and not isinstance(box, QGroupBox):
                box = box.parentWidget()
            top = (box or form.summary).mapTo(form.body, QPoint(0, 0)).y()
            form.scroll_area.verticalScrollBar().setValue(top - 4)
            settle(qt, 0.8)
            shooter.shoot("call-form", window)
            form.confirm_discard()

        # -- a number that called before
        if shooter.wanted("repeat-caller"):
            phone = frequent_caller(app)
            key(qt, window, "N", Qt.KeyboardModifier.ControlModifier)
            type_text(qt, form.phone, national(app, phone))
            wait_until(qt, lambda: form.prior_panel.isVisible(), what="the earlier calls")
            form.scroll_area.ensureWidgetVisible(form.prior_panel)
            settle(qt, 0.8)
            shooter.shoot("repeat-caller", window)
            form.confirm_discard()

        # -- an emergency: numbers and local services at once
        if shooter.wanted("emergency"):
            key(qt, window, "N", Qt.KeyboardModifier.ControlModifier)
            form.caller_relation.setCurrentIndex(form.caller_relation.findData("family"))
            form.victim_sex.setCurrentIndex(form.victim_sex.findData("female"))
            form.victim_age_group.setCurrentIndex(form.victim_age_group.findData("6-11"))
            form.province.set_code("01")
            form.ward.set_code("00004")
            form.categories.set_codes(["child.violence"])
            form.urgency.setCurrentIndex(form.urgency.findData("emergency"))
            type_text(qt, form.summary, "Hàng xóm gọi: nghe tiếng bé gái khóc, bị đánh ngay lúc "
                      "này ở nhà bên cạnh.")
            window.search_tabs.setCurrentWidget(directory_panel)
            settle(qt, 1.0)
            shooter.shoot("emergency", window)
            form.confirm_discard()
            window.search_tabs.setCurrentWidget(library_panel)

        # -- the call list
        if shooter.wanted("call-list"):
            window.show_page("calls")
            view = window.call_list
            wait_until(qt, lambda: view.model.rowCount() > 0 and not view.model.loading,
                       what="the call list")
            view.table.selectRow(2)
            shooter.shoot("call-list", window)

        # -- follow-ups
        if shooter.wanted("followups"):
            window.show_page("followups")
            wait_until(qt, lambda: window.followups.model.rowCount() > 0, what="follow-ups")
            shooter.shoot("followups", window)

        # -- the library page
        if shooter.wanted("library"):
            window.show_page("library")
            library = window.page("library")
            type_text(qt, library.search_box, "tảo hôn")
            wait_until(qt, lambda: library.model.rowCount() > 0, what="library page results")
            key(qt, library.search_box, "Return")
            wait_until(qt, lambda: library.search.current_article is not None,
                       what="the article")
            shooter.shoot("library", window)

        # -- the directory page
        if shooter.wanted("directory"):
            window.show_page("directory")
            directory = window.page("directory")
            type_text(qt, directory.search, "tam lanh")
            directory.refresh()
            wait_until(qt, lambda: directory.detail.hit is not None, what="a directory entry")
            shooter.shoot("directory", window)

        # -- the lock screen (Ctrl+L, or idle): nothing of the calls stays on screen
        if shooter.wanted("lock-screen"):
            session.lock("manual", audit=False)
            settle(qt, 0.5)
            shooter.shoot("lock-screen", window)
        # The head (an administrator here) logs in for reports and administration.
        if not session.locked:
            session.lock("manual", audit=False)
        session.unlock(admin)
        settle(qt, 0.5)

        # -- the reports page, today's report made and previewed
        if shooter.wanted("reports"):
            window.show_page("reports")
            reports = window.page("reports")
            reports.set_period("day", (app.clock.now() - timedelta(days=1)).date())
            done: list[Any] = []
            reports.report_ready.connect(done.append)
            reports.generate()
            wait_until(qt, lambda: bool(done), timeout=60, what="the report")
            settle(qt, 0.8)
            shooter.shoot("reports", window)

        # -- the keyboard help (F1), where the build has it
        if shooter.wanted("help"):
            window.show_page("call")
            form.phone.setFocus()
            key(qt, form.phone, "F1")
            settle(qt, 0.5)
            overlays = [w for w in window.findChildren(QWidget)
                        if type(w).__name__ == "HelpOverlay" and w.isVisible()]
            if overlays:
                shooter.shoot("help", window)
                key(qt, overlays[0], "Escape")
            else:
                print("screenshots: F1 shows no help overlay in this build; help.png skipped")

        # -- the administrators' page, where the build has it
        if shooter.wanted("admin"):
            pages = [window.sidebar.item(i).data(PAGE_KEY_ROLE)
                     for i in range(window.sidebar.count())]
            key_name = next((k for k in ("admin", "security", "users") if k in pages), None)
            if key_name is not None:
                window.show_page(key_name)
                settle(qt, 1.0)
                shooter.shoot("admin", window)
            else:
                print("screenshots: no administrators' page in this build; admin.png skipped")

        # -- the login dialog
        if shooter.wanted("login"):
            from hotline.ui.login import LoginDialog

            dialog = LoginDialog(app, window)
            dialog.open()
            dialog.form.set_username("lan")
            settle(qt, 0.5)
            shooter.shoot("login", dialog)
            dialog.reject()

        window.close()
        settle(qt, 0.5)
        window.reader.close()
        app.close()

        # -- the first-run wizard, on a data directory of its own
        if shooter.wanted("setup-wizard"):
            from hotline.ui.setup_wizard import SetupWizard

            (work / "fresh").mkdir()
            config.save_settings(work / "fresh", config.Settings(language=language,
                                                                 font_size=font_size))
            fresh = open_app(work / "fresh", passphrase=passphrase)
            frame = MainWindow(title="")
            frame.resize(WIDTH, HEIGHT)
            frame.show()
            wizard = SetupWizard(fresh, frame)
            wizard.open()
            settle(qt, 0.8)
            shooter.shoot("setup-wizard", wizard)
            wizard.reject()
            frame.close()
            fresh.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    too_big = {name: size for name, size in shooter.sizes.items() if size > MAX_BYTES}
    if too_big:
        print(f"screenshots: over {MAX_BYTES // 1000} KB: {too_big}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="the interface language (default vi)")
    parser.add_argument("--out", type=Path, default=None,
                        help="default: docs/screenshots (vi), docs/screenshots/en (en)")
    parser.add_argument("--only", nargs="*", choices=sorted(SHOTS), default=[])
    parser.add_argument("--font-size", type=int, default=0,
                        help="window font size in points (default: the system's)")
    args = parser.parse_args(args_list)
    if args.font_size and args.out is None:
        parser.error("--font-size needs --out (the guides' pictures are at the usual size)")
    out = args.out or default_out(args.lang)
    relaunched = relaunch_under_xvfb(args_list)
    if relaunched is not None:
        return relaunched
    return run(out.resolve(), set(args.only), args.lang, args.font_size)


def default_out(language: str) -> Path:
    """Where the guides of `language` take their pictures from."""
    base = ROOT / "docs" / "screenshots"
    return base if language == "vi" else base / language


if __name__ == "__main__":
    sys.exit(main())
