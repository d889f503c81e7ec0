"""`hotline users …`, `hotline audit …`, `hotline backup …`, `hotline key …`,
`hotline retention …`: accounts, the audit chain, backups, the database key, retention."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from hotline.cli import CommandError
from hotline.security import backup, dbkey, retention
from hotline.security.accounts import AuthError
from hotline.security.roles import ROLE_LABELS, Permission, Role

if TYPE_CHECKING:
    from hotline.app import App
    from hotline.security.accounts import User


def ask_secret(prompt: str, env: str) -> str:
    """A password from the environment (scripts) or typed without echo (people)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CommandError(f"cần mật khẩu: đặt biến môi trường {env} hoặc chạy trong cửa sổ "
                           "dòng lệnh")
    return getpass.getpass(prompt)


def register(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="tài khoản: điện thoại viên, lãnh đạo, quản trị")
    ua = users.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ua.add_parser("init", help="tạo tài khoản quản trị đầu tiên (lần chạy đầu)")
    p.add_argument("username")
    p.add_argument("--name", default="")
    p.set_defaults(handler=cmd_users_init, needs_login=False)
    p = ua.add_parser("add", help="thêm tài khoản (mật khẩu hỏi khi chạy hoặc "
                                  "HOTLINE_NEW_PASSWORD)")
    p.add_argument("username")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.OPERATOR.value)
    p.add_argument("--name", default="")
    p.set_defaults(handler=cmd_users_add)
    p = ua.add_parser("list", help="liệt kê tài khoản")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_users_list)
    p = ua.add_parser("passwd", help="đổi mật khẩu")
    p.add_argument("username")
    p.set_defaults(handler=cmd_users_passwd)
    for name, active in (("disable", False), ("enable", True)):
        p = ua.add_parser(name, help="khóa tài khoản" if not active else "mở khóa tài khoản")
        p.add_argument("username")
        p.set_defaults(handler=cmd_users_active, active=active)
    p = ua.add_parser("role", help="đổi vai trò")
    p.add_argument("username")
    p.add_argument("role", choices=[r.value for r in Role])
    p.set_defaults(handler=cmd_users_role)

    audit = sub.add_parser("audit", help="nhật ký truy cập (chỉ lãnh đạo, quản trị)")
    aa = audit.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = aa.add_parser("verify", help="kiểm tra chuỗi băm của nhật ký")
    p.set_defaults(handler=cmd_audit_verify)
    p = aa.add_parser("list", help="xem nhật ký")
    p.add_argument("--actor")
    p.add_argument("--action", dest="what")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit_list)

    bk = sub.add_parser("backup", help="sao lưu mã hóa, kiểm tra, khôi phục")
    ba = bk.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ba.add_parser("create", help="tạo bản sao lưu ngay")
    p.add_argument("--out", type=Path, help="thư mục (mặc định: thư mục sao lưu trong cài đặt)")
    p.set_defaults(handler=cmd_backup_create)
    p = ba.add_parser("verify", help="kiểm tra một bản sao lưu")
    p.add_argument("file", type=Path)
    p.add_argument("--recovery-key", help="khóa khôi phục (khi khác máy)")
    p.set_defaults(handler=cmd_backup_verify)
    p = ba.add_parser("restore", help="khôi phục từ bản sao lưu (kiểm tra trước; cơ sở dữ "
                                      "liệu hiện tại được giữ lại bên cạnh)")
    p.add_argument("file", type=Path)
    p.add_argument("--recovery-key", help="khóa khôi phục (máy khác hoặc mất kho khóa)")
    p.set_defaults(handler=cmd_backup_restore, without_app=True)
    p = ba.add_parser("list", help="liệt kê bản sao lưu")
    p.set_defaults(handler=cmd_backup_list)

    key = sub.add_parser("key", help="khóa mã hóa cơ sở dữ liệu")
    ka = key.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ka.add_parser("recovery", help="hiện khóa khôi phục (quản trị)")
    p.set_defaults(handler=cmd_key_recovery)
    p = ka.add_parser("change", help="đổi khóa mã hóa (in khóa khôi phục mới)")
    p.set_defaults(handler=cmd_key_change)

    ret = sub.add_parser("retention", help="xóa thông tin định danh của cuộc gọi cũ")
    ra = ret.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ra.add_parser("apply", help="áp dụng ngay")
    p.add_argument("--years", type=int, help="giữ thông tin định danh bao nhiêu năm "
                                             "(mặc định: theo cài đặt)")
    p.set_defaults(handler=cmd_retention_apply)


# ----------------------------------------------------------------------------- users
def cmd_users_init(app: App, args: argparse.Namespace) -> int:
    password = ask_secret("Mật khẩu quản trị: ", "HOTLINE_NEW_PASSWORD")
    try:
        user = app.accounts.create_first_admin(args.username, args.name or args.username,
                                               password)
    except AuthError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Đã tạo tài khoản quản trị {user.username}.", file=sys.stderr)
    return 0


def _me(app: App) -> User:
    app.require(Permission.MANAGE_USERS)
    if app.user is None:
        raise CommandError("chưa có tài khoản nào: tạo quản trị viên bằng 'hotline users init'")
    return app.user


def cmd_users_add(app: App, args: argparse.Namespace) -> int:
    me = _me(app)
    password = ask_secret(f"Mật khẩu cho {args.username}: ", "HOTLINE_NEW_PASSWORD")
    try:
        app.accounts.create_user(me, args.username, args.name or args.username, args.role,
                                 password)
    except AuthError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Đã tạo tài khoản {args.username} ({args.role}).", file=sys.stderr)
    return 0


def cmd_users_list(app: App, args: argparse.Namespace) -> int:
    _me(app)
    users = app.accounts.users()
    if args.json:
        json.dump([{**asdict(u), "role": u.role.value} for u in users], sys.stdout,
                  ensure_ascii=False, indent=1)
        print()
        return 0
    for u in users:
        state = "" if u.active else " (đã khóa)"
        print(f"{u.username:<16} {ROLE_LABELS[u.role][0]:<20} {u.display_name}{state}")
    return 0


def cmd_users_passwd(app: App, args: argparse.Namespace) -> int:
    if app.user is None:
        raise CommandError("cần đăng nhập: --user TÊN")
    old = None
    if app.user.username.lower() == args.username.lower():
        old = ask_secret("Mật khẩu hiện tại: ", "HOTLINE_PASSWORD")
    new = ask_secret("Mật khẩu mới: ", "HOTLINE_NEW_PASSWORD")
    try:
        app.accounts.set_password(app.user, args.username, new, old)
    except AuthError as exc:
        raise CommandError(str(exc)) from exc
    print("Đã đổi mật khẩu.", file=sys.stderr)
    return 0


def cmd_users_active(app: App, args: argparse.Namespace) -> int:
    me = _me(app)
    try:
        app.accounts.set_active(me, args.username, args.active)
    except AuthError as exc:
        raise CommandError(str(exc)) from exc
    return 0


def cmd_users_role(app: App, args: argparse.Namespace) -> int:
    me = _me(app)
    try:
        app.accounts.set_role(me, args.username, args.role)
    except AuthError as exc:
        raise CommandError(str(exc)) from exc
    return 0


# ----------------------------------------------------------------------------- audit
def cmd_audit_verify(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.VIEW_AUDIT)
    result = app.audit.verify()
    if result.ok:
        print(f"Nhật ký toàn vẹn: {result.checked} mục, chuỗi băm khớp.")
        return 0
    print(f"hotline: NHẬT KÝ BỊ THAY ĐỔI tại mục #{result.first_bad_id}: {result.reason} "
          f"({result.checked} mục đầu khớp)", file=sys.stderr)
    return 1


def cmd_audit_list(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.VIEW_AUDIT)
    entries = app.audit.entries(actor=args.actor, action=args.what, limit=args.limit)
    if args.json:
        json.dump([asdict(e) for e in entries], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for e in entries:
        fields = f" [{', '.join(e.fields)}]" if e.fields else ""
        print(f"#{e.id:<6} {e.at}  {e.actor:<14} {e.action:<18} {e.target}{fields} {e.detail}")
    return 0


# ---------------------------------------------------------------------------- backup
def backup_dir(app: App) -> Path:
    return backup.folder_for(app.data_dir, app.settings.backup_folder)


def cmd_backup_create(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.BACKUP)
    folder = args.out or backup_dir(app)
    try:
        path = backup.create(app.store, folder, app.clock)
        backup.verify(path, app.store.key)
        removed = backup.rotate(folder)
    except (OSError, backup.BackupError) as exc:
        raise CommandError(f"sao lưu thất bại: {exc}") from exc
    app.audit.record(app.actor, "backup.create", path.name)
    print(f"Đã sao lưu và kiểm tra: {path}" + (f" (xóa {len(removed)} bản cũ theo lịch "
                                               "luân phiên)" if removed else ""))
    return 0


def cmd_backup_verify(app: App, args: argparse.Namespace) -> int:
    key = app.store.key
    if args.recovery_key:
        try:
            key = dbkey.parse_recovery_code(args.recovery_key)
        except dbkey.KeyError_ as exc:
            raise CommandError(str(exc)) from exc
    try:
        backup.verify(args.file, key)
    except backup.BackupError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Bản sao lưu {args.file} toàn vẹn và mở được.")
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    """Runs without opening the database: it may be missing, damaged or on another PC.
    Possessing the key (keyring of this PC, or the recovery key) is the authority."""
    from hotline import config
    from hotline.security.keys import restore_backup

    data_dir = config.data_dir(args.data_dir)
    code = args.recovery_key
    passphrase = os.environ.get("HOTLINE_PASSPHRASE")
    try:
        aside = restore_backup(data_dir, args.file, code, passphrase)
    except (dbkey.KeyError_, backup.BackupError, OSError) as exc:
        raise CommandError(f"không khôi phục: {exc}") from exc
    print(f"Đã khôi phục {args.file.name} vào {data_dir}.")
    if aside:
        print(f"Cơ sở dữ liệu trước đó được giữ tại {aside}.")
    return 0


def cmd_backup_list(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.BACKUP)
    for info in backup.list_backups(backup_dir(app)):
        print(f"{info.taken:%d/%m/%Y %H:%M}  {info.size / 1e6:8.1f} MB  {info.path}")
    return 0


# ------------------------------------------------------------------------------- key
def cmd_key_recovery(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.MANAGE_KEY)
    if app.store.key is None:
        raise CommandError("cơ sở dữ liệu chưa được mã hóa")
    app.audit.record(app.actor, "key.show_recovery")
    print(dbkey.recovery_code(app.store.key))
    return 0


def cmd_key_change(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.MANAGE_KEY)
    from hotline.security.keys import change_key

    try:
        code = change_key(app)
    except (dbkey.KeyError_, OSError) as exc:
        raise CommandError(str(exc)) from exc
    print("Đã đổi khóa. Khóa khôi phục MỚI (in ra và cất giữ an toàn; khóa cũ hết hiệu lực):")
    print(code)
    return 0


# ------------------------------------------------------------------------- retention
def cmd_retention_apply(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.RETENTION)
    years = args.years or app.settings.retention_years
    if not years:
        raise CommandError("chưa đặt thời hạn: dùng --years N")
    try:
        result = retention.apply(app.calls, app.audit, years=years, actor=app.actor)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Đã xóa thông tin định danh của {result.calls} cuộc gọi trước {result.cutoff[:10]}.")
    return 0
