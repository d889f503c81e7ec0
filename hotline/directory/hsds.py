"""Open Referral HSDS 3.0 tabular CSV: import another system's export, export ours.

HSDS splits a directory into organizations, services, locations, service_at_location,
phones, addresses, schedules, languages, taxonomies/taxonomy_terms/attributes and metadata,
linked by UUIDs. Hotline's entry is one service at one place, so:

- import: one entry per service at a location (one per service when it has no location);
  phones, schedules and languages linked to the service, the service-at-location or the
  location are gathered; categories come from taxonomy terms whose code (or label) is one
  of ours; addresses are read for the province and ward (old provinces are mapped, with a
  warning; an address outside Vietnam has no province, which is a warning, not an error);
- export: every entry becomes an organization (shared by name), a service, a location with
  `external_identifier` = the Hotline entry id (so the same entries come back), its address,
  phones, weekly schedules, languages, category attributes, and metadata rows saying who
  verified it and where the data came from.

Ids are UUIDs, as the specification requires: an entry id that is a UUID is reused for its
service, any other id is turned into a stable UUID (uuid5), so exporting twice gives the same
files.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hotline import admin_units, old_provinces, phones
from hotline.atomic import atomic_write
from hotline.directory import hours as hours_mod
from hotline.directory.models import ORIGIN_IMPORTED, Entry, EntryPhone
from hotline.directory.transfer import (
    Candidate,
    ImportFailed,
    ImportReport,
    Issue,
    Progress,
    Source,
    Table,
    find_ward,
    finish,
)
from hotline.text import fold
from hotline.translation import translate

if TYPE_CHECKING:
    import sqlite3

    from hotline.directory.service import DirectoryService

NAMESPACE = uuid.UUID("6f1d3f0e-5b8a-4c33-9a4e-2d7c0b8e9a11")  # Hotline's uuid5 namespace
ENTRY_ID_TYPE = "hotline_entry_id"
TAXONOMY_NAME = "hotline_directory_categories"
COUNTRY = "VN"
UTC_OFFSET = 7  # Vietnam, no daylight saving

# Column order of each HSDS 3.0 table we write (as in the specification's example set).
HEADERS: dict[str, tuple[str, ...]] = {
    "organizations.csv": (
        "id", "name", "alternate_name", "description", "email", "website", "tax_status",
        "tax_id", "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id"),
    "services.csv": (
        "id", "organization_id", "program_id", "name", "alternate_name", "description", "url",
        "email", "status", "interpretation_services", "application_process",
        "fees_description", "wait_time", "fees", "accreditations", "eligibility_description",
        "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert",
        "last_modified"),
    "locations.csv": (
        "id", "location_type", "url", "organization_id", "name", "alternate_name",
        "description", "transportation", "latitude", "longitude", "external_identifier",
        "external_identifier_type"),
    "service_at_location.csv": ("id", "service_id", "location_id", "description"),
    "addresses.csv": (
        "id", "location_id", "attention", "address_1", "address_2", "city", "region",
        "state_province", "postal_code", "country", "address_type"),
    "phones.csv": (
        "id", "location_id", "service_id", "organization_id", "contact_id",
        "service_at_location_id", "number", "extension", "type", "description"),
    "schedules.csv": (
        "id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
        "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday",
        "byweekno", "bymonthday", "byyearday", "description", "opens_at", "closes_at",
        "schedule_link", "attending_type", "notes"),
    "languages.csv": ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
    "taxonomies.csv": ("id", "name", "description", "uri", "version"),
    "taxonomy_terms.csv": (
        "id", "code", "name", "description", "parent_id", "taxonomy", "language",
        "taxonomy_id", "term_uri"),
    "attributes.csv": ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity",
                       "value"),
    "metadata.csv": (
        "id", "resource_id", "resource_type", "last_action_date", "last_action_type",
        "field_name", "previous_value", "replacement_value", "updated_by"),
}
REQUIRED_COLUMNS = {"services.csv": ("id", "name")}
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English", "zh": "中文", "km": "Khmer",
                  "fr": "Français", "ko": "한국어", "ja": "日本語"}
PHONE_TYPES = {"cell": "Di động", "fax": "Fax", "text": "Tin nhắn",
               "video": "Gọi video", "pager": "Nhắn tin", "textphone": "Điện thoại văn bản"}
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                   r"[0-9a-fA-F]{12}$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:?\d{2})?$")


def stable_uuid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def service_id_for(entry_id: str) -> str:
    return entry_id if _UUID.match(entry_id) else stable_uuid("service", entry_id)


# ============================================================================ export
class _Writer:
    def __init__(self) -> None:
        self.buffers: dict[str, io.StringIO] = {}
        self.writers: dict[str, csv.DictWriter] = {}
        for name, header in HEADERS.items():
            buf = io.StringIO(newline="")
            writer = csv.DictWriter(buf, fieldnames=header, extrasaction="raise")
            writer.writeheader()
            self.buffers[name] = buf
            self.writers[name] = writer

    def row(self, table: str, **values: str) -> None:
        self.writers[table].writerow(values)

    def files(self) -> dict[str, bytes]:
        return {name: buf.getvalue().encode("utf-8") for name, buf in self.buffers.items()}


def _hhmm(minute: int) -> str:
    return "23:59" if minute >= hours_mod.MINUTES_PER_DAY else hours_mod.hhmm(minute)


def export_hsds(entries: Iterable[Entry], out: Path, *, taxonomy_version: str,
                category_labels: dict[str, tuple[str, str]],
                progress: Progress | None = None, total: int = 0) -> int:
    """Write HSDS CSV files to the folder `out` (or into a zip when it ends in .zip)."""
    w = _Writer()
    taxonomy_id = stable_uuid("taxonomy", TAXONOMY_NAME)
    w.row("taxonomies.csv", id=taxonomy_id, name=TAXONOMY_NAME,
          description="Nhóm dịch vụ của danh bạ Hotline (mã ổn định, nhãn tiếng Việt)",
          uri="", version=taxonomy_version)
    for code, (vi, en) in category_labels.items():
        w.row("taxonomy_terms.csv", id=stable_uuid("term", code), code=code, name=vi,
              description=en, parent_id="", taxonomy=TAXONOMY_NAME, language="vi",
              taxonomy_id=taxonomy_id, term_uri="")
    organisations: set[str] = set()
    count = 0
    for entry in entries:
        count += 1
        _export_entry(w, entry, organisations)
        if progress is not None and count % 1000 == 0:
            progress(count, total)
    files = w.files()
    if out.suffix.lower() == ".zip":
        with atomic_write(out, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files.items():
                zf.writestr(name, data)
    else:
        _write_folder(out, files)
    return count


def _write_folder(out: Path, files: dict[str, bytes]) -> None:
    """All files appear together: written in a temporary folder, then moved in place."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    try:
        for name, data in files.items():
            with open(tmp / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for name in files:
            os.replace(tmp / name, out / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _export_entry(w: _Writer, entry: Entry, organisations: set[str]) -> None:
    org_name = entry.organisation or entry.name
    org_id = stable_uuid("organization", fold(org_name))
    if org_id not in organisations:
        organisations.add(org_id)
        w.row("organizations.csv", id=org_id, name=org_name, alternate_name="",
              description="", email="", website="", tax_status="", tax_id="",
              year_incorporated="", legal_status="", logo="", uri="", parent_organization_id="")
    sid = service_id_for(entry.id)
    w.row("services.csv", id=sid, organization_id=org_id, program_id="", name=entry.name,
          alternate_name="", description=entry.services, url="", email="",
          status="active" if entry.active else "inactive", interpretation_services="",
          application_process=entry.notes, fees_description="", wait_time="", fees="",
          accreditations="", eligibility_description=entry.eligibility, minimum_age="",
          maximum_age="", assured_date=entry.verified_on, assurer_email="", licenses="",
          alert="", last_modified=entry.updated_at)
    physical = bool(entry.address or entry.province_code or entry.ward_code)
    lid = stable_uuid("location", entry.id)
    place = ", ".join(x for x in (admin_units.ward_name(entry.ward_code) if entry.ward_code
                                  else "", admin_units.province_name(entry.province_code)
                                  if entry.province_code else "") if x)
    w.row("locations.csv", id=lid, location_type="physical" if physical else "virtual", url="",
          organization_id=org_id, name=place or "Toàn quốc", alternate_name="",
          description="", transportation="", latitude="", longitude="",
          external_identifier=entry.id, external_identifier_type=ENTRY_ID_TYPE)
    sal_id = stable_uuid("service_at_location", entry.id)
    w.row("service_at_location.csv", id=sal_id, service_id=sid, location_id=lid,
          description="")
    if physical:
        w.row("addresses.csv", id=stable_uuid("address", entry.id), location_id=lid,
              attention="", address_1=entry.address, address_2="",
              city=admin_units.ward_name(entry.ward_code) if entry.ward_code else "",
              region="",
              state_province=admin_units.province_name(entry.province_code)
              if entry.province_code else "",
              postal_code="", country=COUNTRY, address_type="physical")
    for i, phone in enumerate(entry.phones):
        w.row("phones.csv", id=stable_uuid("phone", f"{entry.id}#{i}"), location_id="",
              service_id=sid, organization_id="", contact_id="", service_at_location_id="",
              number=phone.number, extension="", type="voice", description=phone.label)
    parsed = entry.parsed_hours
    if parsed.known:
        text = hours_mod.describe(parsed)
        for i, (days, (start, end)) in enumerate(hours_mod.weekly_rules(parsed)):
            w.row("schedules.csv", id=stable_uuid("schedule", f"{entry.id}#{i}"),
                  service_id=sid, location_id="", service_at_location_id="", valid_from="",
                  valid_to="", dtstart="", timezone=str(UTC_OFFSET), until="", count="",
                  wkst="MO", freq="WEEKLY", interval="1",
                  byday=",".join(BYDAY[d] for d in days), byweekno="", bymonthday="",
                  byyearday="", description=text, opens_at=_hhmm(start),
                  closes_at=_hhmm(end), schedule_link="", attending_type="", notes="")
    for i, language in enumerate(entry.languages):
        is_code = bool(re.fullmatch(r"[a-z]{2,3}", language))
        w.row("languages.csv", id=stable_uuid("language", f"{entry.id}#{i}"), service_id=sid,
              location_id="", phone_id="",
              name=LANGUAGE_NAMES.get(language, language) if is_code else language,
              code=language if is_code else "", note="")
    for code in entry.categories:
        w.row("attributes.csv", id=stable_uuid("attribute", f"{entry.id}#{code}"), link_id=sid,
              taxonomy_term_id=stable_uuid("term", code), link_type="service_category",
              link_entity="service", value="")
    day = entry.verified_on or entry.updated_at[:10]
    if entry.verified_on or entry.verified_by:
        w.row("metadata.csv", id=stable_uuid("metadata", f"{entry.id}#verified"),
              resource_id=sid, resource_type="service", last_action_date=day,
              last_action_type="verified", field_name="assured_date", previous_value="",
              replacement_value=entry.verified_on, updated_by=entry.verified_by)
    if entry.source:
        w.row("metadata.csv", id=stable_uuid("metadata", f"{entry.id}#source"),
              resource_id=sid, resource_type="service", last_action_date=day,
              last_action_type="source", field_name="source", previous_value="",
              replacement_value=entry.source, updated_by="")


# ============================================================================ import
@dataclass
class _Rows:
    """Rows of one table by id, and grouped by a link column."""

    table: Table | None

    def all(self) -> list[tuple[int, dict[str, str]]]:
        return self.table.rows if self.table else []

    def by(self, column: str) -> dict[str, list[tuple[int, dict[str, str]]]]:
        grouped: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
        for line, row in self.all():
            key = (row.get(column) or "").strip()
            if key:
                grouped[key].append((line, row))
        return grouped

    def index(self) -> dict[str, tuple[int, dict[str, str]]]:
        return {(row.get("id") or "").strip(): (line, row) for line, row in self.all()}


def _clean_number(raw: str) -> str:
    """Numbers from other systems arrive as '"+44 1234 234567"' or with 'ext.'."""
    return raw.strip().strip("\"'").strip()


def _minute(value: str) -> int | None:
    match = _TIME.match(value.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour == 24 or (hour == 23 and minute == 59):
        return hours_mod.MINUTES_PER_DAY
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def _has_columns(required: tuple[str, ...]) -> Callable[[list[str]], bool]:
    """Whether a record is a table's header (a title line may stand above it)."""
    return lambda cells: all(c in cells for c in required)


def import_hsds(service: DirectoryService, source: Source, *, by: str = "",
                conn: sqlite3.Connection | None = None, progress: Progress | None = None,
                dry_run: bool = False) -> ImportReport:
    report = ImportReport(format="hsds")
    errors: list[Issue] = []
    if not source.has("services.csv"):
        raise ImportFailed([Issue(source.label, 0, "", translate(
            "core.directory", "không thấy services.csv: đây không phải bộ dữ liệu HSDS"))])
    tables: dict[str, _Rows] = {}
    for name in HEADERS:
        required = REQUIRED_COLUMNS.get(name, ("id",))
        table = source.table(name, _has_columns(required)) if source.has(name) else None
        if table is not None:
            report.warnings.extend(table.warnings)  # the encoding it was converted from
            missing = [c for c in required if c not in table.header]
            if missing:
                errors.append(Issue(name, table.header_line, ", ".join(missing), translate(
                    "core.directory", "thiếu cột bắt buộc: {missing}").format(
                        missing=", ".join(missing))))
        tables[name] = _Rows(table)
    if errors:
        raise ImportFailed(errors)
    candidates = _read(service, tables, report, errors, source.label)
    return finish(service, candidates, report, errors, by=by, conn=conn, progress=progress,
                  dry_run=dry_run)


def _read(service: DirectoryService, t: dict[str, _Rows], report: ImportReport,
          errors: list[Issue], label: str) -> list[Candidate]:
    organizations = t["organizations.csv"].index()
    locations = t["locations.csv"].index()
    sal_by_service = t["service_at_location.csv"].by("service_id")
    addresses_by_location = t["addresses.csv"].by("location_id")
    phones_rows = t["phones.csv"]
    phones_by = {col: phones_rows.by(col) for col in
                 ("service_id", "service_at_location_id", "location_id", "organization_id")}
    schedules = t["schedules.csv"]
    schedules_by = {col: schedules.by(col) for col in
                    ("service_id", "service_at_location_id", "location_id")}
    languages_by = {col: t["languages.csv"].by(col) for col in ("service_id", "location_id")}
    terms = t["taxonomy_terms.csv"].index()
    attributes_by_link = t["attributes.csv"].by("link_id")
    metadata_by_resource = t["metadata.csv"].by("resource_id")
    known = service.taxonomy.codes("directory_categories")
    by_label = {}
    for known_term in service.taxonomy.terms("directory_categories"):
        by_label[fold(known_term.vi)] = known_term.code
        by_label[fold(known_term.en)] = known_term.code
    warned_terms: set[str] = set()
    today = service.clock.today().isoformat()
    candidates: list[Candidate] = []

    for line, srv in t["services.csv"].all():
        sid = srv.get("id", "").strip()
        name = (srv.get("name") or "").strip()
        if not sid:
            errors.append(Issue("services.csv", line, "id", translate(
                "core.directory", "thiếu mã dịch vụ")))
            continue
        org_line_row = organizations.get((srv.get("organization_id") or "").strip())
        org_name = (org_line_row[1].get("name") or "").strip() if org_line_row else ""
        sals = sal_by_service.get(sid, [])
        places: list[tuple[dict[str, str] | None, dict[str, str] | None, int]] = []
        for sal_line, sal_row in sals:
            found = locations.get((sal_row.get("location_id") or "").strip())
            if found is None:
                report.warnings.append(Issue(
                    "service_at_location.csv", sal_line, "location_id", translate(
                        "core.directory", "không có địa điểm '{id}'").format(
                            id=sal_row.get("location_id"))))
            places.append((sal_row, found[1] if found else None, found[0] if found else 0))
        if not places:
            places.append((None, None, 0))

        # categories (service level)
        categories: list[str] = []
        for _line, attr in attributes_by_link.get(sid, []):
            term_row = terms.get((attr.get("taxonomy_term_id") or "").strip())
            if term_row is None:
                continue
            term = term_row[1]
            code = (term.get("code") or "").strip()
            mapped = code if code in known else by_label.get(fold(term.get("name") or ""))
            if mapped:
                if mapped not in categories:
                    categories.append(mapped)
            elif term_row[1].get("id") not in warned_terms:
                warned_terms.add(term_row[1].get("id", ""))
                report.warnings.append(Issue(
                    "taxonomy_terms.csv", term_row[0], "code", translate(
                        "core.directory", "thuật ngữ '{term}' không thuộc nhóm dịch vụ của "
                        "Hotline: bỏ qua (hãy gán nhóm sau khi nhập)").format(
                            term=code or term.get("name"))))
        if not categories:
            report.warnings.append(Issue("services.csv", line, "", translate(
                "core.directory", "'{name}' chưa có nhóm dịch vụ").format(name=name)))
        meta = metadata_by_resource.get(sid, [])
        verified_by = next((m.get("updated_by", "") for _, m in meta
                            if m.get("last_action_type") == "verified"), "") \
            or (srv.get("assurer_email") or "").strip()
        source_text = next((m.get("replacement_value", "") for _, m in meta
                            if m.get("field_name") == "source"), "")
        verified_on = (srv.get("assured_date") or "").strip()[:10]
        status = fold(srv.get("status") or "active")
        notes_parts = [(srv.get(k) or "").strip()
                       for k in ("application_process", "alert", "fees_description",
                                 "interpretation_services")]

        for sal, loc, loc_line in places:
            lid = (loc.get("id") or "").strip() if loc else ""
            sal_id = (sal.get("id") or "").strip() if sal else ""
            entry_id = sid
            if loc and loc.get("external_identifier_type") == ENTRY_ID_TYPE \
                    and loc.get("external_identifier"):
                entry_id = loc["external_identifier"].strip()
            elif len(places) > 1 and lid:
                entry_id = f"{sid}@{lid}"
            entry_name = name
            if len(places) > 1 and loc and loc.get("name"):
                entry_name = f"{name} — {loc['name'].strip()}"
            notes = [p for p in notes_parts if p]
            cand_errors: list[Issue] = []

            # place
            province, ward, address = "", "", ""
            addr_rows = addresses_by_location.get(lid, []) if lid else []
            addr_rows = sorted(addr_rows, key=lambda r: r[1].get("address_type") != "physical")
            if addr_rows:
                addr_line, addr = addr_rows[0]
                province, ward, address = _place(addr, addr_line, report, cand_errors)
            elif loc is not None and loc.get("location_type") not in ("virtual",):
                report.warnings.append(Issue("locations.csv", loc_line, "", translate(
                    "core.directory", "'{name}' không có địa chỉ: coi là dịch vụ toàn quốc"
                ).format(name=loc.get("name"))))

            # phones
            numbers: list[EntryPhone] = []
            rows = [*phones_by["service_id"].get(sid, [])]
            if sal_id:
                rows += phones_by["service_at_location_id"].get(sal_id, [])
            if lid:
                rows += [r for r in phones_by["location_id"].get(lid, [])
                         if not (r[1].get("service_id") or "").strip()]
            if not rows and org_line_row:
                rows = [r for r in phones_by["organization_id"].get(
                    (srv.get("organization_id") or "").strip(), [])
                    if not (r[1].get("service_id") or r[1].get("location_id") or "").strip()]
            seen_rows: set[int] = set()
            for ph_line, ph in sorted(rows, key=lambda r: r[0]):
                if ph_line in seen_rows:
                    continue
                seen_rows.add(ph_line)
                number = _clean_number(ph.get("number") or "")
                try:
                    phones.normalize(number)
                except phones.PhoneError as exc:
                    cand_errors.append(Issue("phones.csv", ph_line, "number", translate(
                        "core.directory", "số '{number}': {problem}").format(
                            number=number, problem=exc)))
                    continue
                description = (ph.get("description") or "").strip()
                kind = (ph.get("type") or "").strip().lower()
                phone_label = (description if 0 < len(description) <= 60
                               else "" if kind in ("", "voice") else PHONE_TYPES.get(kind, kind))
                if len(description) > 60:
                    notes.append(description)
                extension = (ph.get("extension") or "").strip()
                if extension:
                    phone_label = (f"{phone_label}, máy lẻ {extension}" if phone_label
                                   else f"máy lẻ {extension}")
                numbers.append(EntryPhone(number, phone_label))

            # hours
            sched_rows = [*schedules_by["service_id"].get(sid, [])]
            if sal_id:
                sched_rows += schedules_by["service_at_location_id"].get(sal_id, [])
            if lid and not sched_rows:
                sched_rows += schedules_by["location_id"].get(lid, [])
            hours_text, hours_note = _hours(sched_rows, report)
            if hours_note:
                notes.append(hours_note)

            # languages
            languages: list[str] = []
            for _, lang in [*languages_by["service_id"].get(sid, []),
                            *(languages_by["location_id"].get(lid, []) if lid else [])]:
                value = (lang.get("code") or "").strip() or (lang.get("name") or "").strip()
                if value and value not in languages:
                    languages.append(value)

            if cand_errors:
                errors.extend(cand_errors)
                continue
            entry = Entry(
                id=entry_id, name=entry_name,
                organisation="" if fold(org_name) == fold(name) else org_name,
                categories=tuple(categories), province_code=province, ward_code=ward,
                address=address, phones=tuple(numbers), hours=hours_text,
                services=(srv.get("description") or "").strip(),
                eligibility=(srv.get("eligibility_description") or "").strip(),
                languages=tuple(languages), notes="\n".join(dict.fromkeys(notes)),
                verified_on=verified_on, verified_by=verified_by,
                active=status not in ("inactive", "defunct"),
                source=source_text or f"HSDS {label}" + (f" ({org_name})" if org_name else "")
                + f", nhập ngày {today}",
                origin=ORIGIN_IMPORTED)
            columns = {"name": "name", "id": "id", "verified_on": "assured_date",
                       "hours": "schedules.csv", "services": "description",
                       "eligibility": "eligibility_description"}
            candidates.append(Candidate(entry, "services.csv", line, columns))
    return candidates


def _place(addr: dict[str, str], line: int, report: ImportReport,
           errors: list[Issue]) -> tuple[str, str, str]:
    """(province, ward, address text) from an HSDS address row."""
    country = (addr.get("country") or "").strip().upper()
    street = ", ".join(x for x in ((addr.get("address_1") or "").strip(),
                                   (addr.get("address_2") or "").strip()) if x)
    state = (addr.get("state_province") or "").strip()
    city = (addr.get("city") or "").strip()
    province, ward = "", ""
    match = old_provinces.resolve(state) if state else None
    if match is None and country in ("", COUNTRY, "VNM", "VIET NAM", "VIETNAM"):
        match = old_provinces.in_address(", ".join(x for x in (street, city, state) if x))
    if match is not None and country in ("", COUNTRY, "VNM", "VIET NAM", "VIETNAM"):
        province = match.code
        if match.old is not None:
            report.warnings.append(Issue("addresses.csv", line, "state_province", match.warning))
        if city:
            ward = find_ward(province, city) or ""
            if not ward:
                report.warnings.append(Issue("addresses.csv", line, "city", translate(
                    "core.directory", "không có xã/phường '{ward}' thuộc {province} trong "
                    "danh mục từ 01/07/2025: giữ trong địa chỉ").format(
                        ward=city, province=admin_units.province_name(province))))
                street = ", ".join(x for x in (street, city) if x)
        in_street = old_provinces.in_address(street) if street else None
        if in_street is not None and in_street.old is not None:
            report.warnings.append(Issue("addresses.csv", line, "address_1", in_street.warning))
        return province, ward, street
    full = ", ".join(x for x in (street, city, (addr.get("region") or "").strip(), state,
                                 (addr.get("postal_code") or "").strip(), country) if x)
    if country and country != COUNTRY:
        problem = translate("core.directory", "địa chỉ ngoài Việt Nam ({country}): để trống "
                            "tỉnh, giữ nguyên địa chỉ").format(country=country)
    else:
        problem = translate("core.directory", "địa chỉ không xác định được tỉnh/thành phố: "
                            "để trống tỉnh, giữ nguyên địa chỉ")
    report.warnings.append(Issue("addresses.csv", line, "state_province", problem))
    return "", "", full


def _hours(rows: list[tuple[int, dict[str, str]]], report: ImportReport) -> tuple[str, str]:
    """Canonical hours from weekly schedule rows, and a note for what could not be read."""
    rules: list[tuple[list[int], tuple[int, int]]] = []
    unread: list[str] = []
    for line, row in sorted(rows, key=lambda r: r[0]):
        freq = (row.get("freq") or "WEEKLY").strip().upper()
        opens = _minute(row.get("opens_at") or "")
        closes = _minute(row.get("closes_at") or "")
        days_text = (row.get("byday") or "").strip()
        days = []
        ok = freq == "WEEKLY" and opens is not None and closes is not None
        for token in (d.strip().upper() for d in days_text.split(",") if d.strip()):
            if token in BYDAY:
                days.append(BYDAY.index(token))
            else:
                ok = False
        if ok and opens is not None and closes is not None and opens != closes:
            rules.append((days or list(range(7)), (opens, closes)))
        else:
            text = (row.get("description") or "").strip()
            if text:
                unread.append(text)
            report.warnings.append(Issue("schedules.csv", line, "", translate(
                "core.directory", "lịch không đọc được thành giờ theo tuần: ghi vào ghi chú")))
    hours_text = hours_mod.canonical(hours_mod.from_rules(rules)) if rules else ""
    note = f"Giờ làm việc: {'; '.join(dict.fromkeys(unread))}" if unread else ""
    return hours_text, note
