"""`hotline report daily|period` and `hotline sync` (DESIGN section 4)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hotline.calls.service import parse_day
from hotline.cli import CommandError
from hotline.reports import mailer
from hotline.reports.service import ReportFiles
from hotline.reports.sync import TARGET_LABELS, SyncBusy
from hotline.security.roles import Permission

if TYPE_CHECKING:
    from hotline.app import App


def _day(value: str) -> str:
    try:
        return parse_day(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(sub: argparse._SubParsersAction) -> None:
    report = sub.add_parser("report", help="lập báo cáo (PDF và CSV)")
    actions = report.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("daily", help="báo cáo một ngày: PDF, danh sách cuộc gọi (CSV, "
                                         "không có thông tin cá nhân) và bảng thống kê (CSV)")
    p.add_argument("--date", type=_day, metavar="D", help="ngày YYYY-MM-DD (mặc định: hôm nay)")
    p.add_argument("--out", type=Path, metavar="DIR", required=True)
    p.add_argument("--json", action="store_true", help="in mảng JSON các tệp đã ghi")
    p.set_defaults(handler=cmd_daily)

    p = actions.add_parser("period", help="báo cáo một kỳ (tuần, tháng, quý, năm, khoảng bất "
                                          "kỳ): PDF và bảng thống kê (CSV)")
    p.add_argument("--from", dest="date_from", type=_day, metavar="D", required=True)
    p.add_argument("--to", dest="date_to", type=_day, metavar="D", required=True)
    p.add_argument("--out", type=Path, metavar="DIR", required=True)
    p.add_argument("--json", action="store_true", help="in mảng JSON các tệp đã ghi")
    p.set_defaults(handler=cmd_period)

    p = sub.add_parser(
        "sync", help="đồng bộ báo cáo hằng ngày tới thư mục đồng bộ và thư điện tử",
        description="Không có tùy chọn: đồng bộ ngay mọi ngày chưa đồng bộ (bỏ qua thời gian "
                    "chờ thử lại). --catch-up: dùng cho tác vụ định kỳ (cron, Task Scheduler): "
                    "như trên nhưng tôn trọng thời gian chờ thử lại sau lỗi. Mã thoát 1 khi "
                    "có đích đồng bộ bị lỗi.")
    p.add_argument("--catch-up", action="store_true",
                   help="chế độ tác vụ định kỳ: tôn trọng thời gian chờ thử lại sau lỗi")
    p.add_argument("--today", action="store_true",
                   help="gửi cả báo cáo hôm nay, kể cả trước giờ đồng bộ hằng ngày")
    p.add_argument("--status", action="store_true", help="xem trạng thái và nhật ký đồng bộ")
    p.add_argument("--set-smtp-password", action="store_true",
                   help="lưu mật khẩu SMTP vào kho khóa của hệ điều hành (hỏi khi chạy, "
                        "hoặc lấy từ HOTLINE_SMTP_PASSWORD)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.set_defaults(handler=cmd_sync)


def _print_files(files: ReportFiles, as_json: bool) -> None:
    kinds = {"pdf": files.pdf, "calls_csv": files.calls_csv, "summary_csv": files.summary_csv}
    if as_json:
        out = [{"kind": kind, "path": str(path), "calls": files.calls,
                "period_from": files.period.start.isoformat(),
                "period_to": files.period.end.isoformat()}
               for kind, path in kinds.items() if path is not None]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    for path in files.paths:
        print(path)
    print(f"Báo cáo {files.period.label}: {files.calls} cuộc gọi.", file=sys.stderr)


def _writable(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"không tạo được thư mục {out}: {exc.strerror or exc}") from exc


def cmd_daily(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.EXPORT)
    day = parse_day(args.date) if args.date else app.clock.today()
    _writable(args.out)
    try:
        files = app.reports.daily(day, args.out)
    except OSError as exc:
        raise CommandError(f"không ghi được báo cáo vào {args.out}: {exc.strerror or exc}"
                           ) from exc
    app.audit.record(app.actor, "report.daily", day.isoformat())
    _print_files(files, args.json)
    return 0


def cmd_period(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.EXPORT)
    if args.date_from > args.date_to:
        raise CommandError("--from phải trước hoặc bằng --to")
    _writable(args.out)
    try:
        files = app.reports.period(parse_day(args.date_from), parse_day(args.date_to), args.out)
    except OSError as exc:
        raise CommandError(f"không ghi được báo cáo vào {args.out}: {exc.strerror or exc}"
                           ) from exc
    app.audit.record(app.actor, "report.period", f"{args.date_from}..{args.date_to}")
    _print_files(files, args.json)
    return 0


def cmd_sync(app: App, args: argparse.Namespace) -> int:
    """Runs without a login on purpose: a scheduled task has nobody to type a password, and
    the sync only sends de-identified reports to destinations a head configured."""
    if args.set_smtp_password:
        return _set_password(app)
    if args.status:
        return _status(app, args.json)
    try:
        result = app.sync.catch_up(force=not args.catch_up,
                                   include_today=True if args.today else None)
    except SyncBusy as exc:
        print(f"hotline: bỏ qua: {exc}", file=sys.stderr)
        return 0
    if result.delivered or result.failures:
        app.audit.record(app.actor, "sync.run", "", (),
                         f"{len(result.delivered)} delivered, {len(result.failures)} failed")
    if args.json:
        json.dump({"configured": list(result.configured),
                   "delivered": [{"target": d.target, "day": d.day.isoformat(),
                                  "revision": d.revision, "files": list(d.files)}
                                 for d in result.delivered],
                   "failures": [{"target": t, "reason": r} for t, r in result.failures],
                   "waiting": [{"target": t, "next_attempt": w} for t, w in result.waiting]},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for d in result.delivered:
            print(f"{TARGET_LABELS[d.target]}: {d.day.isoformat()}"
                  + (f" (bản sửa đổi lần {d.revision})" if d.revision else "")
                  + f": {', '.join(d.files)}")
    print(result.summary(), file=sys.stderr)
    if not result.configured:
        return 1
    return 1 if result.failures else 0


def _set_password(app: App) -> int:
    from hotline.security.commands import ask_secret

    app.require(Permission.MANAGE_SETTINGS)
    config = mailer.smtp_config(app.settings)
    if config is None or not config.user:
        raise CommandError("chưa cấu hình thư điện tử: cần smtp_host, smtp_user và smtp_to "
                           "trong settings.json")
    password = ask_secret(f"Mật khẩu SMTP của {config.account}: ", "HOTLINE_SMTP_PASSWORD")
    try:
        mailer.store_password(config, password)
    except mailer.MailError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Đã lưu mật khẩu SMTP của {config.account} vào kho khóa của hệ điều hành.",
          file=sys.stderr)
    return 0


def _status(app: App, as_json: bool) -> int:
    status = app.sync.status()
    entries = app.sync.log(limit=20)
    if as_json:
        json.dump([{"id": e.id, "at": e.at, "target": e.target, "day": e.day,
                    "revision": e.revision, "status": e.status, "message": e.message}
                   for e in entries], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not status.configured:
        print("Chưa cấu hình đồng bộ (sync_folder hoặc smtp_host + smtp_to).")
    for t in status.targets:
        line = (f"{TARGET_LABELS[t.target]} → {t.destination}: ngày đã gửi gần nhất "
                f"{t.last_day or 'chưa có'}; thành công gần nhất {t.last_success_at or 'chưa có'}")
        if t.failures:
            line += (f"; LỖI {t.failures} lần liên tiếp: {t.last_error}; thử lại lúc "
                     f"{t.next_attempt_at:%H:%M %d/%m/%Y}" if t.next_attempt_at else "")
        print(line)
    for e in entries:
        where = TARGET_LABELS.get(e.target, e.target)
        print(f"{e.at[:16].replace('T', ' ')}  {e.status:<7} {where}  {e.day or ''}  "
              f"{e.message}")
    return 0
