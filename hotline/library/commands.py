"""`hotline library …`: search, list, show, import, edit and remove library documents."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hotline.cli import CommandError
from hotline.library.importers import SUPPORTED, LibraryImportError
from hotline.library.models import STATUSES, Metadata, SearchHit, status_label
from hotline.library.service import LibraryError
from hotline.security.roles import Permission

if TYPE_CHECKING:
    from hotline.app import App


def register(sub: argparse._SubParsersAction) -> None:
    library = sub.add_parser("library", help="tra cứu thư viện văn bản pháp luật, nhập tài liệu")
    actions = library.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = actions.add_parser(
        "search", help="tìm điều luật (có dấu hoặc không dấu; \"13/2022\", \"điều 25 luật "
                       "pcblgđ\", \"nđ 76\" đi thẳng tới điều)")
    p.add_argument("query", metavar="QUERY", help='câu tìm; "" liệt kê mọi điều theo bộ lọc')
    p.add_argument("--limit", type=int, default=20, metavar="N",
                   help="tối đa N kết quả (mặc định 20; 0: tất cả)")
    p.add_argument("--in-force", action="store_true", help="chỉ văn bản còn hiệu lực")
    p.add_argument("--type", dest="doc_type", metavar="T",
                   help="loại văn bản: Luật, Bộ luật, Nghị định (nđ), Quyết định (qđ), …")
    p.add_argument("--doc", dest="doc_id", metavar="ID", help="chỉ trong văn bản có mã ID "
                                                              "(xem library list)")
    p.add_argument("--json", action="store_true", help="in mảng JSON")
    p.set_defaults(handler=cmd_search)

    p = actions.add_parser("list", help="liệt kê văn bản trong thư viện")
    p.add_argument("--json", action="store_true", help="in mảng JSON")
    p.set_defaults(handler=cmd_list)

    p = actions.add_parser("show", help="in một điều (hoặc mọi điều) của một văn bản")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("article", nargs="?", metavar="ĐIỀU", help='ví dụ "Điều 25" hoặc 25')
    p.add_argument("--json", action="store_true", help="in mảng JSON")
    p.set_defaults(handler=cmd_show)

    p = actions.add_parser("import", help=f"nhập tài liệu của trung tâm ({' '.join(SUPPORTED)})"
                                          "; nhập lại cùng tệp thì cập nhật")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                   help="tệp, hoặc thư mục (nhập mọi tệp được hỗ trợ bên trong)")
    p.set_defaults(handler=cmd_import)

    p = actions.add_parser("edit", help="sửa thông tin một tài liệu đã nhập")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--title")
    p.add_argument("--symbol")
    p.add_argument("--type", dest="doc_type")
    p.add_argument("--issuer")
    p.add_argument("--issued", metavar="YYYY-MM-DD")
    p.add_argument("--effective", metavar="YYYY-MM-DD")
    p.add_argument("--status", choices=STATUSES)
    p.add_argument("--replaced-by", metavar="SYMBOL")
    p.set_defaults(handler=cmd_edit)

    p = actions.add_parser("remove", help="xóa một tài liệu đã nhập (văn bản có sẵn không xóa "
                                          "được)")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.set_defaults(handler=cmd_remove)


def _bold(text: str) -> str:
    return f"\x1b[1m{text}\x1b[0m"


def cmd_search(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.LOG_CALLS)
    if args.limit < 0:
        raise CommandError("--limit phải ≥ 0")
    try:
        hits = app.library.search(args.query, limit=args.limit, in_force=args.in_force,
                                  doc_type=args.doc_type, doc_id=args.doc_id)
    except LibraryError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        _dump([h.to_json() for h in hits])
        return 0
    tty = sys.stdout.isatty()
    for hit in hits:
        _print_hit(hit, tty)
    print(f"{len(hits)} kết quả", file=sys.stderr)
    return 0


def _print_hit(hit: SearchHit, tty: bool) -> None:
    doc, art = hit.document, hit.article
    status = "" if doc.current else f"  [{status_label(doc.status)}" + (
        f" bởi {doc.replaced_by}]" if doc.replaced_by else "]")
    heading = f". {art.heading}" if art.heading else ""
    title = f"{doc.symbol or doc.title} {art.label}{heading}"
    print((_bold(title) if tty else title) + status)
    snippet = hit.snippet.marked("\x1b[1m", "\x1b[0m") if tty else hit.snippet.marked("[", "]")
    if snippet:
        print(f"    {snippet}")
    print(f"    → {art.citation}")


def cmd_list(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.LOG_CALLS)
    docs = app.library.documents()
    if args.json:
        _dump([d.to_json() for d in docs])
        return 0
    as_of = app.library.as_of
    if as_of:
        print(f"Thư viện có sẵn: tình trạng hiệu lực cập nhật đến ngày {_vn_date(as_of)}.")
    for doc in docs:
        origin = "có sẵn" if doc.origin == "bundled" else "đã nhập"
        state = status_label(doc.status)
        if doc.replaced_by:
            state += f" bởi {doc.replaced_by}"
        print(f"{doc.id:<22} {doc.symbol or '—':<16} {doc.title[:70]}")
        print(f"{'':<22} {doc.doc_type}; {state}; {doc.article_count} mục; {origin}")
    print(f"{len(docs)} văn bản", file=sys.stderr)
    return 0


def _vn_date(iso_day: str) -> str:
    try:
        return date.fromisoformat(iso_day).strftime("%d/%m/%Y")
    except ValueError:
        return iso_day


def cmd_show(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.LOG_CALLS)
    try:
        doc = app.library.document(args.doc_id)
    except LibraryError as exc:
        raise CommandError(str(exc)) from exc
    articles = app.library.articles(doc.id)
    if args.article:
        wanted = args.article.strip()
        label = f"Điều {wanted}" if wanted.isdigit() else wanted
        articles = [a for a in articles if a.label.lower() == label.lower()]
        if not articles:
            raise CommandError(f"{doc.symbol or doc.title}: không có '{label}'")
    if args.json:
        _dump([{"doc_id": doc.id, "article_id": a.id, "article": a.label, "number": a.number,
                "heading": a.heading, "chapter": a.chapter, "note": a.note, "text": a.text,
                "citation": a.citation} for a in articles])
        return 0
    print(f"{doc.title} ({doc.symbol}) — {status_label(doc.status)}"
          + (f" bởi {doc.replaced_by}" if doc.replaced_by else ""))
    for art in articles:
        print()
        if art.chapter:
            print(art.chapter)
        print(art.title_line)
        for body in (art.note, art.text):
            if body:
                print(body)
        print(f"→ {art.citation}")
    return 0


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in SUPPORTED))
        else:
            out.append(path)
    return out


def cmd_import(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.MANAGE_LIBRARY)
    files = _files(args.paths)
    if not files:
        raise CommandError("không có tệp nào để nhập (" + ", ".join(SUPPORTED) + ")")
    failed = 0
    for path in files:
        try:
            outcome = app.library.import_file(path, actor=app.actor)
        except (LibraryImportError, LibraryError) as exc:
            failed += 1
            message = str(exc)
            if not message.startswith(path.name):
                message = f"{path.name}: {message}"
            print(f"hotline: lỗi: {message} — không nhập gì từ tệp này", file=sys.stderr)
            continue
        doc = outcome.document
        verb = "Đã nhập" if outcome.created else "Đã cập nhật"
        print(f"{verb} {path.name} → {doc.id}: {doc.title} "
              f"({doc.symbol or 'không số ký hiệu'}; {doc.article_count} mục)")
        for warning in outcome.warnings:
            print(f"  lưu ý: {warning}", file=sys.stderr)
    if failed:
        print(f"hotline: {failed}/{len(files)} tệp không nhập được", file=sys.stderr)
        return 1
    return 0


def cmd_edit(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.MANAGE_LIBRARY)
    try:
        doc = app.library.document(args.doc_id)
        changes: dict[str, Any] = {}
        for name in ("title", "symbol", "doc_type", "issuer", "issued", "effective",
                     "status", "replaced_by"):
            value = getattr(args, name)
            if value is not None:
                changes[name] = value
        if not changes:
            raise CommandError("không có gì để sửa (dùng --title, --symbol, --type, …)")
        current = Metadata(title=doc.title, symbol=doc.symbol, doc_type=doc.doc_type,
                           issuer=doc.issuer, issued=doc.issued, effective=doc.effective,
                           status=doc.status, replaced_by=doc.replaced_by, tags=doc.tags)
        updated = app.library.update_metadata(doc.id, current.with_changes(**changes),
                                              actor=app.actor)
    except LibraryError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Đã sửa {updated.id}: {updated.title} ({updated.symbol})")
    return 0


def cmd_remove(app: App, args: argparse.Namespace) -> int:
    app.require(Permission.MANAGE_LIBRARY)
    try:
        doc = app.library.remove(args.doc_id, actor=app.actor)
    except LibraryError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Đã xóa {doc.id}: {doc.title}")
    return 0


def _dump(items: list[dict[str, Any]]) -> None:
    json.dump(items, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
