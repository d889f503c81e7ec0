"""The `hotline` command: the window when given no sub-command, otherwise the sub-commands of
DESIGN section 4. Each domain registers its own sub-commands (hotline/<domain>/commands.py).

Exit codes: 0 success, 1 the operation failed (message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from hotline import __version__

if TYPE_CHECKING:
    from hotline.app import App

# Domain command modules, each with `register(subparsers)`; their handlers take (app, args).
COMMAND_MODULES = (
    "hotline.calls.commands",
    "hotline.library.commands",
    "hotline.directory.commands",
    "hotline.reports.commands",
    "hotline.security.commands",
)


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
    parser.add_argument("--user", metavar="NAME",
                        help="đăng nhập bằng tài khoản này (hoặc HOTLINE_USER); mật khẩu hỏi "
                             "khi chạy hoặc lấy từ HOTLINE_PASSWORD")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        if importlib.util.find_spec(name) is None:  # TODO(integration): drop once all exist
            continue
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is None:
        return _run_gui(args)
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
        return int(run() or 0)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
