"""Call CSV v1 (DESIGN section 4): export, and atomic import with row-level errors (from a
CSV file in any encoding offices produce, or from an Excel workbook with the same columns).

UTF-8 with BOM so Excel shows Vietnamese; the same columns go out and come back in.
Without personal data, `caller_name` and `summary` are left empty and the phone becomes a
keyed hash (`h:` + hex), which is kept as it is when such a file is imported again.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from hotline import admin_units, phones, spreadsheet, textfile
from hotline.atomic import atomic_write
from hotline.calls.codec import call_to_json
from hotline.calls.models import Call, CallFilter, Referral
from hotline.calls.service import CallService
from hotline.calls.validation import validate
from hotline.clock import iso
from hotline.store.functions import KEY_FACTOR
from hotline.text import fold
from hotline.translation import translate

COLUMNS = (
    "id", "received_at", "duration_s", "channel", "operator", "phone", "caller_name",
    "caller_sex", "caller_age_group", "caller_relation", "province_code", "ward_code",
    "victim_sex", "victim_age_group", "categories", "level", "urgency", "summary", "outcome",
    "referrals", "follow_up_at", "case_id",
)
REQUIRED = ("received_at", "categories", "level")
PSEUDONYM_PREFIX = "h:"

# Which taxonomy list each coded column draws from.
CODED = {
    "channel": "channels", "caller_sex": "sexes", "caller_age_group": "age_groups",
    "caller_relation": "relations", "victim_sex": "sexes", "victim_age_group": "age_groups",
    "level": "levels", "urgency": "urgencies",
}


@dataclass(frozen=True)
class RowError:
    row: int  # line number in the file, header = 1
    column: str
    message: str

    def __str__(self) -> str:
        where = (translate("core.calls", "dòng {row}").format(row=self.row) if self.row
                 else translate("core.calls", "tệp"))
        col = translate("core.calls", ", cột {column}").format(
            column=self.column) if self.column else ""
        return f"{where}{col}: {self.message}"


class ImportFailed(ValueError):
    """Nothing was imported; `errors` says where and why."""

    def __init__(self, errors: list[RowError], notices: list[str] | None = None) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
        self.notices = notices or []  # about the whole file: the encoding it was read in


@dataclass
class ImportResult:
    imported: int = 0
    unchanged: int = 0
    warnings: list[RowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # about the whole file (its encoding)


# ------------------------------------------------------------------------- export
def export_calls(service: CallService, flt: CallFilter, out: Path, *,
                 with_pii: bool = False) -> int:
    """Write matching calls to `out` atomically; return how many."""
    count = 0
    with atomic_write(out, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for call in service.iter_calls(flt):
            writer.writerow(call_row(service, call, with_pii=with_pii))
            count += 1
    return count


def call_row(service: CallService, call: Call, *, with_pii: bool) -> list[str]:
    phone = call.phone
    if not with_pii and phone and not phone.startswith(PSEUDONYM_PREFIX):
        phone = service.phone_hash(phone)
    return [
        str(call.id), iso(call.received_at),
        "" if call.duration_s is None else str(call.duration_s),
        call.channel, call.operator, phone, call.caller_name if with_pii else "",
        call.caller_sex, call.caller_age_group, call.caller_relation, call.province_code,
        call.ward_code, call.victim_sex, call.victim_age_group, ";".join(call.categories),
        call.level, call.urgency, call.summary if with_pii else "", call.outcome,
        ";".join(r.name.replace(";", ",") for r in call.referrals),
        iso(call.follow_up_at), call.case_number,
    ]


# ------------------------------------------------------------------------- import
def read_sheet(path: Path) -> tuple[textfile.CsvSheet, list[str]]:
    """The header and rows of a CSV file in whatever encoding Excel or another system saved
    it (UTF-8/16, Windows-1258, TCVN3, VNI), or of an Excel workbook (.xlsx); and what the
    user should be told about reading it. ImportFailed says why a file cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed([RowError(0, "", translate(
            "core.calls", "không đọc được tệp: {error}").format(error=exc.strerror))]) from exc
    try:
        if spreadsheet.is_workbook(raw, path.name):
            return spreadsheet.read_sheet(raw, _is_header)
        decoded = textfile.decode(raw)
    except textfile.TextFileError as exc:
        raise ImportFailed([RowError(exc.line, "", exc.reason)]) from exc
    if not decoded.text.strip():
        raise ImportFailed([RowError(0, "", translate("core.calls", "tệp rỗng"))])
    return _csv_sheet(decoded.text), list(decoded.warnings)


def _csv_sheet(text: str) -> textfile.CsvSheet:
    try:
        return textfile.read_csv(text, is_header=_is_header)
    except textfile.CsvError as exc:
        raise ImportFailed([RowError(exc.line, "", exc.reason)]) from exc


def _is_header(cells: list[str]) -> bool:
    """A record naming the required columns is the header (a title line may come first)."""
    names = {c.lower() for c in cells}
    return all(c in names for c in REQUIRED)


def _aliases(service: CallService) -> dict[str, dict[str, str]]:
    """Codes by folded code and label, so files using labels ("Nữ") import too."""
    table: dict[str, dict[str, str]] = {}
    for column, lst in {**CODED, "categories": "categories", "vulnerable": "vulnerable"}.items():
        names: dict[str, str] = {}
        for term in service.taxonomy.terms(lst):
            for key in (term.code, term.vi, term.en):
                names[_key(key)] = term.code
        table[column] = names
    return table


_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_when(value: str, service: CallService) -> datetime:
    """ISO 8601 (offset optional) or dd/mm/yyyy [HH:MM[:SS]]; naive times are center time."""
    text = value.strip()
    m = _DMY.match(text)
    if m:
        d, mo, y, h, mi, s = m.groups()
        dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    else:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return service.clock.localize(dt)


def _key(value: str) -> str:
    """How a code or label is looked up: folded, one kind of dash, single spaces."""
    return " ".join(fold(value).replace("–", "-").replace("—", "-").split())


def _resolve_list(value: str, names: dict[str, str]) -> tuple[list[str], list[str]]:
    """Codes of a `;`/`|`-separated list (`,` too); a label may itself hold a comma
    ("Ly hôn, nuôi con, cấp dưỡng"). Returns (codes, unknown parts)."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in (p.strip() for p in re.split(r"[;|]", value)):
        if not part:
            continue
        if _key(part) in names:
            codes.append(names[_key(part)])
            continue
        pieces = [p.strip() for p in part.split(",")]
        start = 0
        while start < len(pieces):
            # The longest run of comma-joined pieces that names a code.
            for end in range(len(pieces), start, -1):
                found = names.get(_key(", ".join(pieces[start:end])))
                if found is not None:
                    codes.append(found)
                    start = end
                    break
            else:
                if pieces[start]:
                    unknown.append(pieces[start])
                start += 1
    return codes, unknown


def parse_rows(text: str, service: CallService) -> tuple[list[tuple[int, Call]],
                                                         list[RowError], list[RowError]]:
    """Every row as a Call, or the errors; nothing touches the database here.

    The delimiter (`,` `;` TAB) is detected; a title line above the header, blank lines and
    trailing empty columns are skipped. Row numbers are records of the file (header = 1
    unless a title line comes first)."""
    return parse_sheet(_csv_sheet(text), service)


def parse_sheet(sheet: textfile.CsvSheet, service: CallService
                ) -> tuple[list[tuple[int, Call]], list[RowError], list[RowError]]:
    """`parse_rows` of a CSV file's or a workbook's header and rows."""
    if not sheet.header:
        raise ImportFailed([RowError(0, "", translate("core.calls", "tệp rỗng"))])
    header = [h.lower() for h in sheet.header]
    first = sheet.header_record
    errors: list[RowError] = []
    warnings: list[RowError] = []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFailed([RowError(first, c, translate(
            "core.calls", "thiếu cột bắt buộc. Dòng tiêu đề phải có các cột: {columns}").format(
                columns=", ".join(COLUMNS))) for c in missing])
    seen = set()
    for h in header:
        if h in seen:
            errors.append(RowError(first, h, translate("core.calls", "cột bị lặp")))
        seen.add(h)
        if h not in COLUMNS:
            warnings.append(RowError(first, h, translate("core.calls",
                                                          "cột không thuộc mẫu CSV v1, bỏ qua")))
    if errors:
        raise ImportFailed(errors)
    aliases = _aliases(service)
    calls: list[tuple[int, Call]] = []
    ids_seen: dict[int, int] = {}
    for row in sheet.rows:
        index, values = row.record, row.cells
        if len(values) != len(header):
            # Name the first column without a cell (or the first cell beyond the header).
            column = header[len(values)] if len(values) < len(header) else \
                translate("core.calls", "thứ {number}").format(number=len(header) + 1)
            errors.append(RowError(index, column, translate(
                "core.calls", "có {cells} ô, tiêu đề có {columns}").format(
                    cells=len(values), columns=len(header))))
            continue
        record = dict(zip(header, values, strict=True))
        call, row_errors, row_warnings = _parse_row(index, record, service, aliases)
        errors.extend(row_errors)
        warnings.extend(row_warnings)
        if call is not None and not row_errors:
            if call.id is not None:
                if call.id in ids_seen:
                    errors.append(RowError(index, "id", translate(
                        "core.calls", "id {id} đã có ở dòng {row}").format(
                            id=call.id, row=ids_seen[call.id])))
                    continue
                ids_seen[call.id] = index
            calls.append((index, call))
    if not calls and not errors:
        errors.append(RowError(0, "", translate("core.calls", "tệp không có dòng dữ liệu nào")))
    return calls, errors, warnings


def _parse_row(index: int, rec: dict[str, str], service: CallService,
               aliases: dict[str, dict[str, str]]
               ) -> tuple[Call | None, list[RowError], list[RowError]]:
    errors: list[RowError] = []
    warnings: list[RowError] = []

    def get(col: str) -> str:
        return rec.get(col, "").strip()

    def code(col: str, default: str = "") -> str:
        value = get(col)
        if not value:
            return default
        found = aliases[col].get(_key(value))
        if found is None:
            allowed = ", ".join(sorted(set(aliases[col].values())))
            errors.append(RowError(index, col, translate(
                "core.calls", "mã không hợp lệ '{value}' (dùng: {allowed})").format(
                    value=value, allowed=allowed)))
            return default
        return found

    call_id: int | None = None
    raw_id = get("id")
    if raw_id:
        if raw_id.isdigit() and 0 < int(raw_id) < KEY_FACTOR:  # Hotline's ids stay below
            call_id = int(raw_id)
        else:
            warnings.append(RowError(index, "id", translate(
                "core.calls", "'{id}' không phải mã Hotline; cuộc gọi được cấp mã mới").format(
                    id=raw_id)))
    received = None
    if not get("received_at"):
        errors.append(RowError(index, "received_at", translate(
            "core.calls", "thiếu thời điểm nhận cuộc gọi")))
    else:
        try:
            received = parse_when(get("received_at"), service)
        except ValueError:
            errors.append(RowError(index, "received_at", translate(
                "core.calls", "ngày giờ không hợp lệ '{value}' (dùng "
                "2026-03-05T09:15:00+07:00 hoặc 05/03/2026 09:15)").format(
                    value=get("received_at"))))
    follow_up = None
    if get("follow_up_at"):
        try:
            follow_up = parse_when(get("follow_up_at"), service)
        except ValueError:
            errors.append(RowError(index, "follow_up_at", translate(
                "core.calls", "ngày giờ không hợp lệ '{value}'").format(
                    value=get("follow_up_at"))))
    duration = None
    if get("duration_s"):
        raw = get("duration_s")
        m = re.fullmatch(r"(\d+):(\d{2})", raw)
        if m:
            duration = int(m.group(1)) * 60 + int(m.group(2))
        elif raw.isdigit():
            duration = int(raw)
        else:
            errors.append(RowError(index, "duration_s", translate(
                "core.calls", "thời lượng phải là số giây, ví dụ 240 (có '{value}')").format(
                    value=raw)))
    phone = get("phone")
    if phone and not phone.startswith(PSEUDONYM_PREFIX):
        try:
            phone = phones.normalize(phone)
        except phones.PhoneError as exc:
            errors.append(RowError(index, "phone", f"'{phone}': {exc}"))
    categories, unknown = _resolve_list(get("categories"), aliases["categories"])
    for value in unknown:
        errors.append(RowError(index, "categories", translate(
            "core.calls", "vấn đề không hợp lệ '{value}'").format(value=value)))
    if not get("categories"):
        errors.append(RowError(index, "categories", translate(
            "core.calls", "thiếu vấn đề của cuộc gọi")))
    province = get("province_code")
    if province:
        if province.isdigit():
            province = admin_units.province_code(province)
        else:
            unit = admin_units.find_province(province)
            if unit is None:
                errors.append(RowError(index, "province_code", translate(
                    "core.calls", "không có tỉnh/thành phố '{name}'").format(name=province)))
            province = unit.code if unit else ""
    ward = get("ward_code")
    if ward and ward.isdigit():
        ward = admin_units.ward_code(ward)
    referrals = tuple(Referral(name=n) for n in (p.strip() for p in get("referrals").split(";"))
                      if n)
    channel = code("channel", "phone_in")
    level = code("level")
    if not get("level"):
        errors.append(RowError(index, "level", translate(
            "core.calls", "thiếu mức độ tư vấn/can thiệp")))
    values = dict(
        id=call_id, duration_s=duration, channel=channel, operator=get("operator"),
        phone=phone, caller_name=get("caller_name"),
        caller_sex=code("caller_sex", "unknown"),
        caller_age_group=code("caller_age_group", "unknown"),
        caller_relation=code("caller_relation"), province_code=province, ward_code=ward,
        victim_sex=code("victim_sex"), victim_age_group=code("victim_age_group"),
        categories=tuple(dict.fromkeys(categories)), level=level,
        urgency=code("urgency", "routine"), summary=get("summary"), outcome=get("outcome"),
        follow_up_at=follow_up, case_number=get("case_id"), referrals=referrals,
    )
    if received is None or errors:
        return None, errors, warnings
    call = Call(received_at=received, **values)  # type: ignore[arg-type]
    checked = call.with_changes(phone="") if phone.startswith(PSEUDONYM_PREFIX) else call
    for problem in validate(checked, service.taxonomy, new_follow_up=False):
        errors.append(RowError(index, problem.field, problem.message))
    return call, errors, warnings


def import_calls(service: CallService, path: Path, *, new_ids: bool = False,
                 operator: str = "") -> ImportResult:
    """Import every row or none. Raises ImportFailed listing each bad row and column."""
    sheet, notices = read_sheet(path)
    try:
        calls, errors, warnings = parse_sheet(sheet, service)
    except ImportFailed as exc:
        exc.notices = notices
        raise
    result = ImportResult(warnings=warnings, notices=notices)
    to_write: list[Call] = []
    for index, call in calls:
        if new_ids:
            call = call.with_changes(id=None)
        if call.id is not None and service.exists(call.id):
            existing = service.get(call.id)
            if _same(existing, call):
                result.unchanged += 1
                continue
            errors.append(RowError(index, "id", translate(
                "core.calls", "cuộc gọi #{id} đã có với nội dung khác; "
                "dùng --new-ids để nhập thành cuộc gọi mới").format(id=call.id)))
            continue
        to_write.append(call)
    if errors:
        raise ImportFailed(errors, notices=result.notices)
    result.imported = service.write_many(to_write, operator=operator)
    return result


def _same(a: Call, b: Call) -> bool:
    """Equal in every CSV column (what a re-import of an export can know)."""
    ignore = {"id", "version", "updated_at", "referrals", "citations", "ended_at",
              "vulnerable", "safe_to_call_back", "callback_note", "consent_share"}
    ja, jb = call_to_json(a), call_to_json(b)
    for key in ja:
        if key in ignore:
            continue
        if key in ("caller_name", "summary") and not jb[key]:
            continue  # a de-identified file cannot restore them
        if key == "phone" and str(jb[key]).startswith(PSEUDONYM_PREFIX):
            continue
        if ja[key] != jb[key]:
            return False
    return [r.name for r in a.referrals] == [r.name for r in b.referrals]


def write_rows(rows: Iterable[list[str]], out: Path) -> None:
    with atomic_write(out, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
