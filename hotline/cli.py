"""The `hotline` command: the window when given no sub-command, otherwise the sub-commands of
DESIGN section 4. Each domain registers its own sub-commands (hotline/<domain>/commands.py).

Exit codes: 0 success, 1 the operation failed (message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from hotline import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from hotline.app import App


class CommandError(Exception):
    """A failure to report on stderr with exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotline",
        description="Hotline — phần mềm quản lý cuộc gọi đường dây nóng. "
                    "Không có lệnh con: mở cửa sổ ứng dụng.",
    )
    parser.add_argument("--version", action="version", version=f"hotline {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="thư mục dữ liệu (mặc định: HOTLINE_DATA_DIR hoặc thư mục "
                             "dữ liệu của người dùng)")
    parser.add_argument("--smoke-test", action="store_true",
                        help="tự kiểm tra sau khi cài đặt: mở cửa sổ trên thư mục dữ liệu, chạy "
                             "khoảng 2 giây rồi đóng; mã thoát 0 khi cửa sổ mở được (không cần "
                             "màn hình với QT_QPA_PLATFORM=offscreen)")
    parser.add_argument("--user", metavar="NAME",
                        help="đăng nhập bằng tài khoản này (hoặc HOTLINE_USER); mật khẩu hỏi "
                             "khi chạy hoặc lấy từ HOTLINE_PASSWORD")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each domain registers its sub-commands; their handlers take (app, args). Imported here,
    # not at the top: the window (no sub-command) never builds the parser.
    from hotline.calls import commands as calls_commands
    from hotline.directory import commands as directory_commands
    from hotline.library import commands as library_commands
    from hotline.reports import commands as reports_commands
    from hotline.security import commands as security_commands

    for module in (calls_commands, library_commands, directory_commands, reports_commands,
                   security_commands):
        module.register(sub)
    return parser


def _gui_request(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The window, when the arguments name no sub-command: decided before the full parser is
    built, since building it imports every domain's commands (~0.4 s before the first paint).
    """
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    pre.add_argument("--user")
    known, rest = pre.parse_known_args(argv)
    if rest:
        return None
    known.smoke_test = False
    return known


def main(argv: Sequence[str] | None = None) -> int:
    gui = _gui_request(argv)
    if gui is not None:
        return _run_gui(gui)
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        return _smoke_test(args) if args.smoke_test else _run_gui(args)
    if args.smoke_test:
        parser.error("--smoke-test chỉ dùng khi không có lệnh con")
    if getattr(args, "without_app", False):  # e.g. restoring a backup: no database open
        return _guarded(lambda: args.handler(args))
    from hotline.app import open_app
    from hotline.security.dbkey import KeyError_, PassphraseNeeded
    from hotline.store.db import StoreError

    passphrase = os.environ.get("HOTLINE_PASSPHRASE")
    try:
        try:
            app = open_app(args.data_dir, passphrase=passphrase)
        except PassphraseNeeded as exc:
            if passphrase is not None or not sys.stdin.isatty():
                raise KeyError_(f"{exc} (đặt HOTLINE_PASSPHRASE hoặc chạy trong cửa sổ dòng "
                                "lệnh)") from exc
            import getpass

            print(f"hotline: {exc}", file=sys.stderr)
            app = open_app(args.data_dir, passphrase=getpass.getpass("Cụm mật khẩu: "))
    except (StoreError, KeyError_) as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        return 1
    try:
        return _guarded(lambda: _login_and_run(app, args))
    finally:
        app.close()


def _login_and_run(app: App, args: argparse.Namespace) -> int:
    from hotline.security.accounts import AuthError

    username = args.user or os.environ.get("HOTLINE_USER")
    if username:
        from hotline.security.commands import ask_secret

        password = ask_secret(f"Mật khẩu của {username}: ", "HOTLINE_PASSWORD")
        try:
            app.session.user = app.accounts.authenticate(username, password)
        except AuthError as exc:
            raise CommandError(f"đăng nhập thất bại: {exc}") from exc
    return int(args.handler(app, args) or 0)


def _guarded(run: Callable[[], int]) -> int:
    try:
        code = int(run() or 0)
        sys.stdout.flush()  # inside the guard: a closed pipe is reported here, not at exit
        return code
    except BrokenPipeError:
        # The reader went away (`hotline calls list | head`): stop quietly like other
        # command-line tools, with no traceback (Python's documented way).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except CommandError as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(f"hotline: không được phép: {exc}. Đăng nhập bằng --user TÊN (mật khẩu hỏi khi "
              "chạy hoặc lấy từ HOTLINE_PASSWORD) với tài khoản có quyền.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("hotline: đã dừng", file=sys.stderr)
        return 130


def _run_gui(args: argparse.Namespace) -> int:
    try:
        from hotline.ui.main import run
    except ImportError as exc:  # pragma: no cover - depends on the system's Qt libraries
        print(f"hotline: không khởi động được giao diện Qt: {exc}", file=sys.stderr)
        return 1
    return run(args.data_dir)


SMOKE_RUN_S = 2.0
SMOKE_TIMEOUT_S = 180.0
SMOKE_CALLS = 50


def _smoke_test(args: argparse.Namespace) -> int:
    """`hotline --smoke-test`: the installer's self-check (packaging/README.md).

    Works in a fresh temporary data directory — never the center's data — removed afterwards
    together with its key in the OS keyring:
    1. the real start-up (`hotline.ui.main.start`) until its first step is on screen (the
       first-run wizard, or the passphrase dialog on a PC without a secure keyring), closed;
    2. the whole window over synthetic calls, a throw-away admin logged in: every page built,
       the event loop run for about two seconds, the window closed.
    Exit 0 when both worked, 1 when not; a watchdog ends a hung check with exit code 3.
    """
    import shutil
    import tempfile
    import threading
    import time
    from pathlib import Path

    if args.data_dir:
        print("hotline: --smoke-test luôn dùng một thư mục dữ liệu tạm (không đụng tới dữ liệu "
              "thật); bỏ --data-dir", file=sys.stderr)
        return 2

    def give_up() -> None:
        print(f"hotline: tự kiểm tra: quá {SMOKE_TIMEOUT_S:.0f} giây (cửa sổ hoặc hộp thoại "
              "không phản hồi)", file=sys.stderr, flush=True)
        os._exit(3)

    watchdog = threading.Timer(SMOKE_TIMEOUT_S, give_up)
    watchdog.daemon = True
    watchdog.start()
    try:
        from hotline.ui.main import qt_application, start
        from hotline.ui.tasks import run_task, wait_for_background
    except ImportError as exc:  # pragma: no cover - depends on the system's Qt libraries
        print(f"hotline: không khởi động được giao diện Qt: {exc}", file=sys.stderr)
        return 1
    from hotline.security import dbkey

    directory = Path(tempfile.mkdtemp(prefix="hotline-smoke-"))
    try:
        # 1. The start-up the operator sees, until its first dialog is on screen.
        qt = qt_application()
        began = time.monotonic()
        shown: list[str] = []
        settled = [False]

        def look(_result: object = None) -> None:
            if settled[0]:
                return
            visible = [w for w in qt.topLevelWidgets() if w.isVisible()]
            if not any(w.inherits("QDialog") for w in visible):  # still starting
                run_task(lambda: time.sleep(0.25), on_done=look)
                return
            settled[0] = True
            shown.extend("QMessageBox" if w.inherits("QMessageBox") else type(w).__name__
                         for w in visible)
            qt.closeAllWindows()  # a closed start-up dialog ends start() with None

        run_task(lambda: time.sleep(SMOKE_RUN_S), on_done=look)
        started = start(str(directory))
        settled[0] = True
        if started is not None:  # no dialog at all: the window opened directly
            _, app, window = started
            window.close()
            window.reader.close()
            wait_for_background()
            app.close()
            shown.append("MainWindow")
        print(f"hotline: tự kiểm tra 1/2: khởi động sau {time.monotonic() - began:.1f} s, "
              f"trên màn hình: {', '.join(shown) or '(không có gì)'}")
        if "QMessageBox" in shown or "MainWindow" not in shown:
            print("hotline: tự kiểm tra thất bại: cửa sổ không khởi động được", file=sys.stderr)
            return 1
        if len(qt.windowIcon().availableSizes()) < 6:  # resources/icons made it into the build
            print("hotline: tự kiểm tra thất bại: thiếu biểu tượng ứng dụng", file=sys.stderr)
            return 1

        # 2. The whole window, logged in, over synthetic calls. Any failure (a library
        # missing from a bundle, a page that cannot be built) is reported, not raised.
        try:
            pages, ok, where = _smoke_window(qt, directory)
        except Exception:
            import traceback

            traceback.print_exc()
            print("hotline: tự kiểm tra thất bại: không dựng được cửa sổ đầy đủ",
                  file=sys.stderr)
            return 1
        print(f"hotline: tự kiểm tra 2/2: cửa sổ đủ {pages} trang với {SMOKE_CALLS} cuộc gọi "
              f"mẫu, khóa dữ liệu {where}")
        if not ok:
            print("hotline: tự kiểm tra thất bại: cửa sổ không hiện đủ các trang",
                  file=sys.stderr)
            return 1
        print("hotline: tự kiểm tra xong")
        return 0
    finally:
        watchdog.cancel()
        dbkey.forget(directory)
        shutil.rmtree(directory, ignore_errors=True)


def _smoke_window(qt: Any, directory: Path) -> tuple[int, bool, str]:
    """Step 2 of the self-check: (pages in the sidebar, shown and whole, where the key is)."""
    import secrets as pysecrets
    import time

    from hotline.app import open_app
    from hotline.calls import demo
    from hotline.security.dbkey import PassphraseNeeded
    from hotline.ui.main import build_window
    from hotline.ui.main_window import MainWindow
    from hotline.ui.tasks import wait_for_background

    try:
        app = open_app(directory)
        where = "trong kho khóa"
    except PassphraseNeeded:  # no secure keyring: what the operator's passphrase would do
        app = open_app(directory, passphrase=pysecrets.token_urlsafe(24))
        where = "từ cụm mật khẩu"
    try:
        app.session.user = app.accounts.create_first_admin(
            "smoke", "Tự kiểm tra", pysecrets.token_urlsafe(24))
        demo.fill(app.calls, SMOKE_CALLS, days=7, seed=7)
        window = build_window(MainWindow(), app)
        window.show()
        deadline = time.monotonic() + SMOKE_RUN_S
        while time.monotonic() < deadline:
            qt.processEvents()
            time.sleep(0.01)
        pages = window.sidebar.count()
        ok = window.isVisible() and pages >= 3
        window.close()
        qt.processEvents()
    finally:
        wait_for_background()  # no task may still read when the store closes
        app.close()
    return pages, ok, where


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
