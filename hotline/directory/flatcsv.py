"""The flat directory CSV: one row per entry, UTF-8 with BOM so Excel shows Vietnamese.

Columns are documented in resources/directory/README.md. Phones are written
"label: number | label: number", categories and languages are separated by ";". The same
columns export and import, so an exported file comes back as the same entries.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hotline import admin_units, old_provinces
from hotline.atomic import atomic_write
from hotline.directory.models import ORIGIN_IMPORTED, Entry, EntryPhone
from hotline.directory.transfer import (
    Candidate,
    ImportFailed,
    ImportReport,
    Issue,
    Progress,
    Table,
    find_ward,
    finish,
    resolve_province,
)
from hotline.text import fold
from hotline.translation import translate

if TYPE_CHECKING:
    import sqlite3

    from hotline.directory.service import DirectoryService

COLUMNS = (
    "id", "name", "organisation", "categories", "province_code", "province_name", "ward_code",
    "ward_name", "address", "phones", "hours", "services", "eligibility", "languages", "notes",
    "verified_on", "verified_by", "active", "source",
)
REQUIRED = ("name", "categories", "phones")
INFORMATIVE = ("province_name", "ward_name")  # written for people; read only as a fallback
# Columns another system or a person may add; read as the documented column.
ALIASES = {"organization": "organisation", "province": "province_code",
           "ward": "ward_code", "phone": "phones", "category": "categories"}

_TRUE = {"1", "true", "yes", "y", "x", "co", "active", "hoat dong", "dang hoat dong"}
_FALSE = {"0", "false", "no", "n", "khong", "inactive", "ngung", "ngung hoat dong"}


# --------------------------------------------------------------------------- export
def phones_cell(phones: Iterable[EntryPhone]) -> str:
    """"Trực ban: 024 3825 1234 | Zalo: 0912 345 678" (display form; any form imports)."""
    parts = []
    for p in phones:
        number = p.display or p.number
        label = p.label.replace("|", "/")  # a label may hold ":"; the number never does
        parts.append(f"{label}: {number}" if label else number)
    return " | ".join(parts)


def entry_row(entry: Entry) -> list[str]:
    return [
        entry.id, entry.name, entry.organisation, ";".join(entry.categories),
        entry.province_code,
        admin_units.province_name(entry.province_code) if entry.province_code else "",
        entry.ward_code, admin_units.ward_name(entry.ward_code) if entry.ward_code else "",
        entry.address, phones_cell(entry.phones), entry.hours, entry.services,
        entry.eligibility, ";".join(entry.languages), entry.notes, entry.verified_on,
        entry.verified_by, "1" if entry.active else "0", entry.source,
    ]


def export_flat(entries: Iterable[Entry], out: Path, *, progress: Progress | None = None,
                total: int = 0) -> int:
    """Write entries to `out` atomically; return how many."""
    count = 0
    with atomic_write(out, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for entry in entries:
            writer.writerow(entry_row(entry))
            count += 1
            if progress is not None and count % 1000 == 0:
                progress(count, total)
    return count


# --------------------------------------------------------------------------- import
def parse_phones(cell: str) -> list[EntryPhone]:
    """"label: number | number" → phones (numbers still as typed; the service normalises)."""
    phones = []
    for part in re.split(r"\s*\|\s*|\n", cell):
        part = part.strip()
        if not part:
            continue
        if ":" in part:
            label, number = part.rsplit(":", 1)
        else:
            label, number = "", part
        phones.append(EntryPhone(number.strip(), label.strip()))
    return phones


def category_labels(service: DirectoryService) -> dict[str, str]:
    """Folded Vietnamese and English labels → code, so "Công an" imports as police."""
    by_label = {}
    for term in service.taxonomy.terms("directory_categories"):
        by_label[fold(term.vi)] = term.code
        by_label[fold(term.en)] = term.code
    return by_label


def parse_categories(cell: str, by_label: dict[str, str]) -> list[str]:
    """Codes (police;health) — labels are accepted too; unknown ones are kept for the
    validator to name."""
    codes = []
    for part in re.split(r"[;,]", cell):
        part = part.strip()
        if part:
            codes.append(by_label.get(fold(part), part))
    return codes


def parse_bool(cell: str) -> bool | None:
    value = fold(cell.strip())
    if not value:
        return True
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


def parse_date(cell: str) -> str | None:
    """YYYY-MM-DD, or DD/MM/YYYY as Vietnamese Excel writes it; "" stays ""."""
    value = cell.strip()
    if not value:
        return ""
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    if match:
        try:
            return date(int(match.group(3)), int(match.group(2)),
                        int(match.group(1))).isoformat()
        except ValueError:
            return None
    return None


def is_header(cells: list[str]) -> bool:
    """The record naming the required columns is the header (a title may stand above it)."""
    names = {ALIASES.get(c.lower(), c.lower()) for c in cells}
    return all(c in names for c in REQUIRED)


def read_flat(table: Table, service: DirectoryService, report: ImportReport,
              errors: list[Issue], *, source_label: str) -> list[Candidate]:
    name = table.name
    report.warnings.extend(table.warnings)  # the encoding the file was converted from
    header = [ALIASES.get(h.lower(), h.lower()) for h in table.header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        errors.append(Issue(name, table.header_line, ", ".join(missing), translate(
            "core.directory", "thiếu cột bắt buộc: {missing} (các cột: {columns})").format(
                missing=", ".join(missing), columns=", ".join(COLUMNS))))
        return []
    unknown = [h for h in table.header if ALIASES.get(h.lower(), h.lower()) not in COLUMNS]
    if unknown:
        report.warnings.append(Issue(name, table.header_line, ", ".join(unknown), translate(
            "core.directory", "cột không dùng, bỏ qua")))
    rename = dict(zip(table.header, header, strict=True))
    today = service.clock.today().isoformat()
    by_label = category_labels(service)
    candidates = []
    for line, raw in table.rows:
        row = {rename[k]: (v or "").strip() for k, v in raw.items()}
        columns = {f: f for f in COLUMNS}
        cand_errors: list[Issue] = []

        def err(column: str, message: str, line: int = line,
                sink: list[Issue] = cand_errors) -> None:
            sink.append(Issue(name, line, column, message))

        def warn(column: str, message: str, line: int = line) -> None:
            report.warnings.append(Issue(name, line, column, message))

        province = ""
        if row.get("province_code"):
            found = resolve_province(row["province_code"])
            if found is None:
                err("province_code", translate(
                    "core.directory", "không có tỉnh/thành phố '{value}' (dùng mã 2 chữ số hoặc "
                    "tên, ví dụ 01 hoặc Hà Nội)").format(value=row["province_code"]))
            else:
                province, warning = found
                if warning:
                    warn("province_code", warning)
        elif row.get("province_name"):
            found = resolve_province(row["province_name"])
            if found is None:
                err("province_name", translate(
                    "core.directory", "không có tỉnh/thành phố '{value}'").format(
                        value=row["province_name"]))
            else:
                province, warning = found
                if warning:
                    warn("province_name", warning)
        address = row.get("address", "")
        in_address = old_provinces.in_address(address) if address else None
        if in_address is not None:
            if in_address.old is not None:
                warn("address", in_address.warning)
            if not province and not row.get("province_code") and not row.get("province_name"):
                province = in_address.code
        ward = ""
        ward_text = row.get("ward_code") or row.get("ward_name", "")
        if ward_text:
            column = "ward_code" if row.get("ward_code") else "ward_name"
            code = find_ward(province, ward_text)
            if code is None:
                if province:
                    err(column, translate(
                        "core.directory", "không có xã/phường '{value}' thuộc {province} trong "
                        "danh mục từ 01/07/2025").format(
                            value=ward_text, province=admin_units.province_name(province)))
                else:
                    err(column, translate(
                        "core.directory", "không có xã/phường '{value}' trong danh mục từ "
                        "01/07/2025").format(value=ward_text))
            else:
                ward = code
        active = parse_bool(row.get("active", ""))
        if active is None:
            err("active", translate("core.directory", "'{value}' không phải 1/0 (có/không)"
                                    ).format(value=row["active"]))
        verified = parse_date(row.get("verified_on", ""))
        if verified is None:
            err("verified_on", translate(
                "core.directory", "ngày không hợp lệ '{value}' (dùng YYYY-MM-DD)").format(
                    value=row["verified_on"]))
        if not row.get("categories"):
            warn("categories", translate("core.directory", "chưa có nhóm dịch vụ"))
        if cand_errors:
            errors.extend(cand_errors)
            continue
        entry = Entry(
            id=row.get("id", ""), name=row.get("name", ""),
            organisation=row.get("organisation", ""),
            categories=tuple(parse_categories(row.get("categories", ""), by_label)),
            province_code=province, ward_code=ward, address=address,
            phones=tuple(parse_phones(row.get("phones", ""))), hours=row.get("hours", ""),
            services=row.get("services", ""), eligibility=row.get("eligibility", ""),
            languages=tuple(x.strip() for x in re.split(r"[;,]", row.get("languages", ""))
                            if x.strip()),
            notes=row.get("notes", ""), verified_on=verified or "",
            verified_by=row.get("verified_by", ""), active=bool(active),
            source=row.get("source", "") or f"Nhập từ {source_label} ngày {today}",
            origin=ORIGIN_IMPORTED)
        candidates.append(Candidate(entry, name, line, columns))
    return candidates


def import_flat(service: DirectoryService, table: Table, *, by: str = "",
                source_label: str = "", conn: sqlite3.Connection | None = None,
                progress: Progress | None = None, dry_run: bool = False) -> ImportReport:
    report = ImportReport(format="flat")
    errors: list[Issue] = []
    candidates = read_flat(table, service, report, errors,
                           source_label=source_label or table.name)
    if errors and not candidates and any(e.row <= 1 for e in errors):
        raise ImportFailed(errors, report.warnings)
    return finish(service, candidates, report, errors, by=by, conn=conn, progress=progress,
                  dry_run=dry_run)
