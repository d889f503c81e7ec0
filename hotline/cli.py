"""The `hotline` command: the window when given no sub-command, otherwise the sub-commands of
DESIGN section 4. Each domain registers its own sub-commands (hotline/<domain>/commands.py).

Exit codes: 0 success, 1 the operation failed (message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from collections.abc import Sequence

from hotline import __version__

# Domain command modules, each with `register(subparsers)`; their handlers take (app, args).
COMMAND_MODULES = (
    "hotline.calls.commands",
    "hotline.library.commands",
    "hotline.directory.commands",
    "hotline.reports.commands",
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
    from hotline.app import open_app
    from hotline.store.db import StoreError

    try:
        app = open_app(args.data_dir)
    except StoreError as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        return 1
    try:
        return int(args.handler(app, args) or 0)
    except CommandError as exc:
        print(f"hotline: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("hotline: đã dừng", file=sys.stderr)
        return 130
    finally:
        app.close()


def _run_gui(args: argparse.Namespace) -> int:
    try:
        from hotline.ui.main import run
    except ImportError as exc:  # pragma: no cover - depends on the system's Qt libraries
        print(f"hotline: không khởi động được giao diện Qt: {exc}", file=sys.stderr)
        return 1
    return run(args.data_dir)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
