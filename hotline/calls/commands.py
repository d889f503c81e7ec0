"""`hotline calls …` and `hotline demo`."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from hotline import phones
from hotline.calls import csvio, demo
from hotline.calls.models import CallFilter
from hotline.calls.service import parse_day
from hotline.cli import CommandError
from hotline.security.roles import Permission

if TYPE_CHECKING:
    from hotline.app import App


def _day(value: str) -> str:
    try:
        return parse_day(value).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def register(sub: argparse._SubParsersAction) -> None:
    calls = sub.add_parser("calls", help="nhập, xuất và liệt kê cuộc gọi")
    actions = calls.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("import", help="nhập cuộc gọi từ CSV v1 hoặc tệp Excel .xlsx cùng "
                                          "các cột (tất cả hoặc không dòng nào)")
    p.add_argument("file", type=Path, metavar="FILE.csv|FILE.xlsx")
    p.add_argument("--new-ids", action="store_true",
                   help="cấp mã mới cho mọi dòng (tệp từ hệ thống khác)")
    p.set_defaults(handler=cmd_import)

    p = actions.add_parser("export", help="xuất cuộc gọi ra CSV v1 (mặc định không có "
                                          "thông tin cá nhân)")
    p.add_argument("--from", dest="date_from", type=_day, metavar="D", required=True)
    p.add_argument("--to", dest="date_to", type=_day, metavar="D", required=True)
    p.add_argument("--out", type=Path, metavar="FILE.csv", required=True)
    p.add_argument("--with-pii", action="store_true",
                   help="kèm tên, số điện thoại và tóm tắt (dữ liệu cá nhân, cần bảo mật)")
    p.set_defaults(handler=cmd_export)

    p = actions.add_parser("list", help="liệt kê cuộc gọi (mặc định: hôm nay)")
    p.add_argument("--date", type=_day, metavar="D")
    p.add_argument("--from", dest="date_from", type=_day, metavar="D")
    p.add_argument("--to", dest="date_to", type=_day, metavar="D")
    p.add_argument("--phone", metavar="P")
    p.add_argument("--text", default="", help="tìm trong tên, tóm tắt, kết quả (không dấu được)")
    p.add_argument("--category", help="mã vấn đề (dv.physical) hoặc nhóm (dv)")
    p.add_argument("--level")
    p.add_argument("--urgency")
    p.add_argument("--limit", type=int, default=0, help="tối đa N dòng (0: tất cả)")
    p.add_argument("--json", action="store_true", help="in mảng JSON")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("demo", help="tạo dữ liệu cuộc gọi mẫu (giả lập) để trình diễn, đo đạc")
    p.add_argument("--calls", type=int, required=True, metavar="N")
    p.add_argument("--days", type=int, default=30, metavar="D")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.set_defaults(handler=cmd_demo)


def cmd_import(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.LOG_CALLS)
    try:
        result = csvio.import_calls(app.calls, args.file, new_ids=args.new_ids,
                                    operator=app.operator)
    except csvio.ImportFailed as exc:
        for notice in exc.notices:
            print(f"cảnh báo: {notice}", file=sys.stderr)
        print(f"hotline: không nhập dòng nào từ {args.file} ({len(exc.errors)} lỗi):",
              file=sys.stderr)
        for error in exc.errors[:200]:
            print(f"  {error}", file=sys.stderr)
        if len(exc.errors) > 200:
            print(f"  … và {len(exc.errors) - 200} lỗi khác", file=sys.stderr)
        return 1
    app.audit.record(app.actor, "calls.import", str(args.file.name), (),
                     f"{result.imported} imported")
    for notice in result.notices:
        print(f"cảnh báo: {notice}", file=sys.stderr)
    for warning in result.warnings:
        print(f"cảnh báo: {warning}", file=sys.stderr)
    print(f"Đã nhập {result.imported} cuộc gọi"
          + (f", {result.unchanged} đã có sẵn không đổi" if result.unchanged else "") + ".")
    return 0


def cmd_export(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.EXPORT_PII if args.with_pii else Permission.EXPORT)
    if args.date_from > args.date_to:
        raise CommandError("--from phải trước hoặc bằng --to")
    flt = CallFilter(date_from=args.date_from, date_to=args.date_to)
    try:
        count = csvio.export_calls(app.calls, flt, args.out, with_pii=args.with_pii)
    except OSError as exc:
        raise CommandError(f"không ghi được {args.out}: {exc.strerror or exc}") from exc
    app.audit.record(app.actor, "calls.export_pii" if args.with_pii else "calls.export",
                     f"{args.date_from}..{args.date_to}", (), f"{count} calls")
    kind = "có dữ liệu cá nhân" if args.with_pii else "không có dữ liệu cá nhân"
    print(f"Đã xuất {count} cuộc gọi ({kind}) vào {args.out}", file=sys.stderr)
    return 0


def cmd_list(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.VIEW_CALLS)
    if args.date and (args.date_from or args.date_to):
        raise CommandError("dùng --date hoặc --from/--to, không dùng cả hai")
    date_from, date_to = args.date_from, args.date_to
    if args.date:
        date_from = date_to = args.date
    if not (date_from or date_to or args.phone or args.text):
        date_from = date_to = app.clock.today().isoformat()
    phone = None
    if args.phone:
        try:
            phone = phones.normalize(args.phone) or None
        except phones.PhoneError as exc:
            raise CommandError(f"--phone: {exc}") from exc
    for name, lst in (("category", None), ("level", "levels"), ("urgency", "urgencies")):
        value = getattr(args, name)
        if value and lst and not app.taxonomy.is_valid(lst, value):
            raise CommandError(f"--{name}: mã không hợp lệ '{value}' (dùng: "
                               f"{', '.join(sorted(app.taxonomy.codes(lst)))})")
    if args.category:  # a code ("dv.physical") or a group of codes ("dv")
        codes = app.taxonomy.codes("categories")
        if not any(c == args.category or c.startswith(args.category + ".") for c in codes):
            groups = sorted({c.split(".")[0] for c in codes})
            raise CommandError(f"--category: mã không hợp lệ '{args.category}' (dùng một mã "
                               f"vấn đề hoặc một nhóm: {', '.join(groups)})")
    flt = CallFilter(date_from=date_from, date_to=date_to, text=args.text,
                     category=args.category, level=args.level, urgency=args.urgency,
                     phone=phone)
    rows = []
    after = None
    remaining = args.limit or None
    while True:
        page = app.calls.list(flt, limit=min(1000, remaining or 1000), after=after)
        rows.extend(page)
        if remaining is not None:
            remaining -= len(page)
        if len(page) < 1000 or remaining == 0 or not page:
            break
        after = (page[-1].received_ts, page[-1].id)
    if args.json:
        out = []
        for r in rows:
            item = asdict(r)
            item.pop("received_ts")
            item["categories"] = list(r.categories)
            out.append(item)
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    tax = app.taxonomy
    for r in rows:
        cats = ", ".join(tax.label("categories", c) for c in r.categories)
        print(f"#{r.id:<7} {r.received_at[:16].replace('T', ' ')}  "
              f"{phones.display(r.phone) or '(ẩn số)':<14} {tax.label('levels', r.level):<28} "
              f"{cats}")
    print(f"{len(rows)} cuộc gọi", file=sys.stderr)
    return 0


def cmd_demo(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.MANAGE_SETTINGS)
    if args.calls < 0 or args.days < 1:
        raise CommandError("--calls phải ≥ 0 và --days ≥ 1")

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    count = demo.fill(app.calls, args.calls, days=args.days, seed=args.seed, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Đã tạo {count} cuộc gọi mẫu trong {args.days} ngày.", file=sys.stderr)
    return 0
