"""`hotline directory …`: search, import, export, show, history, deactivate/reactivate."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hotline import admin_units, old_provinces
from hotline.cli import CommandError
from hotline.directory import exchange
from hotline.directory import hours as hours_mod
from hotline.directory.models import DirectoryQuery, Entry, Hit
from hotline.directory.service import NotFound, entry_to_json
from hotline.directory.transfer import ImportFailed
from hotline.security.roles import Permission

if TYPE_CHECKING:
    from hotline.app import App

MAX_ERRORS_SHOWN = 200


def register(sub: argparse._SubParsersAction) -> None:
    directory = sub.add_parser("directory", help="danh bạ địa chỉ hỗ trợ, can thiệp")
    actions = directory.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser("search", help="tìm địa chỉ hỗ trợ (không dấu được; \"\" liệt kê "
                                          "tất cả theo bộ lọc)")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--province", metavar="CODE",
                   help="chỉ tỉnh/thành phố này (mã 2 chữ số hoặc tên, cả tên tỉnh cũ)")
    p.add_argument("--category", metavar="CODE", help="nhóm dịch vụ (police, shelter, …)")
    p.add_argument("--ward", metavar="CODE",
                   help="xã/phường của người gọi: xếp cùng xã trước, rồi cùng tỉnh, "
                        "rồi toàn quốc")
    p.add_argument("--open-now", action="store_true", help="chỉ nơi đang làm việc lúc này")
    p.add_argument("--all", dest="include_inactive", action="store_true",
                   help="kèm cả mục đã ngừng hoạt động")
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.add_argument("--json", action="store_true", help="in mảng JSON")
    p.set_defaults(handler=cmd_search)

    p = actions.add_parser("import", help="nhập CSV phẳng (hoặc tệp Excel .xlsx cùng các cột), "
                                          "hoặc thư mục/zip HSDS (tất cả hoặc không mục nào)")
    p.add_argument("path", type=Path, metavar="FILE|XLSX|DIR|ZIP")
    p.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    p.set_defaults(handler=cmd_import)

    p = actions.add_parser("export", help="xuất danh bạ: CSV phẳng hoặc HSDS (thư mục/zip)")
    p.add_argument("path", type=Path, metavar="FILE|DIR")
    p.add_argument("--format", choices=exchange.FORMATS,
                   help="flat hoặc hsds (mặc định: flat cho .csv, hsds cho thư mục/.zip)")
    p.add_argument("--active-only", action="store_true", help="bỏ các mục đã ngừng hoạt động")
    p.set_defaults(handler=cmd_export)

    p = actions.add_parser("show", help="xem một mục")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = actions.add_parser("history", help="nhật ký thay đổi của một mục")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_history)

    p = actions.add_parser("deactivate", help="ngừng hoạt động một mục (không xóa)")
    p.add_argument("id")
    p.add_argument("--note", default="", help="lý do")
    p.set_defaults(handler=cmd_deactivate, active=False)

    p = actions.add_parser("reactivate", help="cho một mục hoạt động lại")
    p.add_argument("id")
    p.add_argument("--note", default="")
    p.set_defaults(handler=cmd_deactivate, active=True)


def _province_arg(value: str | None) -> str | None:
    if not value:
        return None
    match = old_provinces.resolve(value)
    if match is None:
        raise CommandError(f"--province: không có tỉnh/thành phố '{value}' (dùng mã 2 chữ số, "
                           "ví dụ 01, hoặc tên)")
    if match.warning:
        print(f"lưu ý: {match.warning}", file=sys.stderr)
    return match.code


def _as_of_line(app: App) -> str:
    bundle = app.directory.bundle()
    day = date.fromisoformat(bundle.as_of).strftime("%d/%m/%Y")
    return f"Danh bạ quốc gia đi kèm: phiên bản {bundle.version}, cập nhật đến {day}"


def cmd_search(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.LOG_CALLS)
    province = _province_arg(args.province)
    if args.category and not app.taxonomy.is_valid("directory_categories", args.category):
        raise CommandError(f"--category: mã không hợp lệ '{args.category}' (dùng: "
                           f"{', '.join(sorted(app.taxonomy.codes('directory_categories')))})")
    ward = ""
    if args.ward:
        unit = admin_units.ward(args.ward)
        if unit is None:
            raise CommandError(f"--ward: không có xã/phường mã '{args.ward}' trong danh mục "
                               "từ 01/07/2025")
        ward = unit.code
    if args.limit <= 0:
        raise CommandError("--limit phải lớn hơn 0")
    query = DirectoryQuery(text=args.query, category=args.category, province=province,
                           near_ward=ward, open_now=args.open_now,
                           include_inactive=args.include_inactive, limit=args.limit)
    hits = app.directory.search(query)
    if args.json:
        json.dump([entry_to_json(h.entry, hit=h) for h in hits], sys.stdout,
                  ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(_as_of_line(app))
    if not hits:
        print("Không tìm thấy địa chỉ nào.")
        return 0
    for hit in hits:
        print(_hit_text(app, hit))
    return 0


def _hit_text(app: App, hit: Hit) -> str:
    entry = hit.entry
    categories = ", ".join(app.taxonomy.label("directory_categories", c)
                           for c in entry.categories)
    place = (admin_units.province_name(entry.province_code) if entry.province_code
             else "chưa rõ tỉnh" if entry.address else "toàn quốc")
    if entry.ward_code:
        place = f"{admin_units.ward_name(entry.ward_code)}, {place}"
    numbers = "  ".join(f"{p.display}" + (f" ({p.label})" if p.label else "")
                        for p in entry.phones) or "(chưa có số)"
    state = {True: "đang làm việc", False: "đã nghỉ", None: "chưa rõ giờ"}[hit.open_now]
    flags = []
    if hit.stale:
        flags.append("CẦN XÁC MINH LẠI" if entry.verified_on else "CHƯA XÁC MINH")
    if not entry.active:
        flags.append("NGỪNG HOẠT ĐỘNG")
    flag = f"  [{'; '.join(flags)}]" if flags else ""
    hours = hours_mod.describe(entry.parsed_hours)
    # Unknown hours say so once ("chưa rõ giờ làm việc"), not again as the open-now state.
    when = f"{hours} · {state}" if hit.open_now is not None else hours or state
    return (f"{entry.id}  {entry.name}  — {categories} — {place}{flag}\n"
            f"    {numbers}  · {when}")


def cmd_import(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.MANAGE_DIRECTORY)
    try:
        report = exchange.import_path(app.directory, args.path, by=app.actor,
                                      dry_run=args.dry_run)
    except ImportFailed as exc:
        print(f"hotline: không nhập mục nào từ {args.path} ({len(exc.errors)} lỗi):",
              file=sys.stderr)
        for error in exc.errors[:MAX_ERRORS_SHOWN]:
            print(f"  {error}", file=sys.stderr)
        if len(exc.errors) > MAX_ERRORS_SHOWN:
            print(f"  … và {len(exc.errors) - MAX_ERRORS_SHOWN} lỗi khác", file=sys.stderr)
        for warning in exc.warnings[:MAX_ERRORS_SHOWN]:
            print(f"  cảnh báo: {warning}", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"cảnh báo: {warning}", file=sys.stderr)
    for duplicate in report.duplicates:
        print(f"trùng: {duplicate}", file=sys.stderr)
    if args.dry_run:
        print(f"Kiểm tra xong, không ghi gì ({report.format}): {report.summary()}.")
        return 0
    app.audit.record(app.actor, "directory.import", args.path.name, (),
                     f"{report.format}: {report.created} created, {report.updated} updated, "
                     f"{len(report.duplicates)} duplicates")
    print(f"Đã nhập danh bạ ({report.format}): {report.summary()}.")
    return 0


def cmd_export(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.EXPORT)
    fmt = args.format or exchange.guess_format(args.path)
    try:
        count = exchange.export_path(app.directory, args.path, fmt=fmt,
                                     include_inactive=not args.active_only)
    except OSError as exc:
        raise CommandError(f"không ghi được {args.path}: {exc.strerror or exc}") from exc
    app.audit.record(app.actor, "directory.export", args.path.name, (), f"{fmt}: {count}")
    print(f"Đã xuất {count} mục danh bạ ({fmt}) vào {args.path}", file=sys.stderr)
    return 0


def _get(app: App, entry_id: str) -> Entry:
    try:
        return app.directory.get(entry_id)
    except NotFound as exc:
        raise CommandError(str(exc)) from exc


def cmd_show(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.LOG_CALLS)
    entry = _get(app, args.id)
    now = app.clock.now()
    hit = Hit(entry, app.directory.proximity(entry), entry.open_at(now),
              entry.is_stale(now.date()))
    if args.json:
        json.dump(entry_to_json(entry, hit=hit), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(_hit_text(app, hit))
    for label, value in (("Tổ chức", entry.organisation), ("Địa chỉ", entry.address),
                         ("Dịch vụ", entry.services), ("Đối tượng", entry.eligibility),
                         ("Ngôn ngữ", ", ".join(entry.languages)), ("Ghi chú", entry.notes),
                         ("Xác minh", f"{entry.verified_on} {entry.verified_by}".strip()),
                         ("Nguồn", entry.source)):
        if value:
            print(f"  {label}: {value}")
    return 0


def cmd_history(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.LOG_CALLS)
    _get(app, args.id)
    changes = app.directory.history(args.id)
    if args.json:
        json.dump([{"at": c.at, "by": c.by, "action": c.action, "fields": list(c.fields),
                    "note": c.note} for c in changes], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for c in changes:
        fields = f" ({', '.join(c.fields)})" if c.fields else ""
        note = f" — {c.note}" if c.note else ""
        print(f"{c.at}  {c.action}{fields}  {c.by}{note}")
    return 0


def cmd_deactivate(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.MANAGE_DIRECTORY)
    _get(app, args.id)
    if args.active:
        entry = app.directory.reactivate(args.id, by=app.actor, note=args.note)
    else:
        entry = app.directory.deactivate(args.id, by=app.actor, note=args.note)
    app.audit.record(app.actor, "directory.reactivate" if args.active
                     else "directory.deactivate", entry.id, ("active",), args.note)
    print(f"{entry.id}: {'đang hoạt động' if entry.active else 'đã ngừng hoạt động'}")
    return 0
