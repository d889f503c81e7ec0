"""The support directory service: entries (never deleted, every change logged), search with
"near the caller" ordering, the bundled national hotlines, and referrals made from calls.

The window, the command line and the importers all go through it. Worker threads pass their
own connection (`conn=`), as sqlite3 connections must not cross threads.
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from hotline import admin_units, phones
from hotline.calls.models import Referral
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import Clock, iso
from hotline.directory import hours as hours_mod
from hotline.directory.models import (
    CONTENT_FIELDS,
    ELSEWHERE,
    NATIONAL,
    NEAR_PROVINCE,
    NEAR_WARD,
    ORIGIN_BUNDLED,
    ORIGIN_LOCAL,
    Change,
    DirectoryQuery,
    Entry,
    EntryPhone,
    Hit,
    ReferralItem,
)
from hotline.resources_access import load_json
from hotline.store.db import Store
from hotline.text import fold, nfc, words
from hotline.translation import translate

BUNDLE_META_KEY = "directory_bundle_version"
BUNDLE_FILE = ("directory", "national.json")
OPEN_REFERRAL_STATUSES = ("suggested", "contacted", "accepted")
# The open referrals, written exactly as the partial index `referrals_open` (m0008) says it:
# SQLite uses a partial index only for a query whose WHERE repeats the index's condition, and
# not with bound parameters in its place. That index walks the open referrals oldest first,
# so the follow-up page reads one page of them instead of sorting every referral. The query
# names it (INDEXED BY): without statistics (a new database) the planner would rather look
# the statuses up in `referrals_by_status` and sort them all, and if the index or its
# condition ever drifted from this text, the query fails in the tests instead of slowing
# down unnoticed.
OPEN_REFERRALS_WHERE = "r.status IN ({})".format(
    ", ".join(f"'{code}'" for code in OPEN_REFERRAL_STATUSES))
EMERGENCY_NUMBERS = ("113", "115", "111")
OPTIMIZE_AFTER = 1000  # entries written at once before the search index is compacted
_ID = re.compile(r"^[\w.:@\-]{1,120}$")
_DIGITS_QUERY = re.compile(r"^[\d\s.\-+()]{3,}$")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class EntryInvalid(ValueError):
    """An entry that cannot be saved; `errors` names each field and why."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class NotFound(LookupError):
    pass


@dataclass(frozen=True)
class Bundle:
    """The national entries shipped with Hotline and the date they were true on."""

    version: str
    as_of: str
    source: str
    entries: tuple[Entry, ...]


@dataclass
class WriteResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def load_bundle() -> Bundle:
    data = load_json(*BUNDLE_FILE)
    version, as_of = data["version"], data["as_of"]
    entries = []
    for raw in data["entries"]:
        entries.append(Entry(
            id=raw["id"], name=raw["name"], organisation=raw.get("organisation", ""),
            categories=tuple(raw.get("categories", ())),
            province_code=raw.get("province_code", ""), ward_code=raw.get("ward_code", ""),
            address=raw.get("address", ""),
            phones=tuple(EntryPhone(p["number"], p.get("label", "")) for p in raw["phones"]),
            hours=raw.get("hours", ""), services=raw.get("services", ""),
            eligibility=raw.get("eligibility", ""),
            languages=tuple(raw.get("languages", ())), notes=raw.get("notes", ""),
            verified_on=as_of, verified_by=f"Hotline {version}",
            source=f"Dữ liệu đi kèm Hotline {version}, cập nhật đến {as_of} "
                   f"({raw.get('source', '')})",
            origin=ORIGIN_BUNDLED))
    return Bundle(version, as_of, data.get("source", ""), tuple(entries))


def phone_search_digits(number: str) -> str:
    """The digits an operator would type for a stored number: "0243825…", "111"."""
    if number.startswith("+84"):
        return "0" + number[3:]
    return number.lstrip("+")


def fts_query(text: str) -> str:
    """A safe FTS5 query: folded words as prefixes, all required; a typed number as one term."""
    if _DIGITS_QUERY.match(text.strip()):
        digits = re.sub(r"\D", "", text)
        if text.strip().startswith("+84") or (digits.startswith("84") and len(digits) > 9):
            digits = "0" + digits[2:]
        return f'"{digits}"*' if digits else ""
    return " ".join(f'"{t}"*' for t in words(text))


class DirectoryService:
    def __init__(self, store: Store, taxonomy: Taxonomy, clock: Clock | None = None) -> None:
        self.store = store
        self.taxonomy = taxonomy
        self.clock = clock or Clock()

    # ---------------------------------------------------------------- bundle
    def bundle(self) -> Bundle:
        return load_bundle()

    def bundled_version(self, conn: sqlite3.Connection | None = None) -> str:
        row = (conn or self.store.conn).execute(
            "SELECT value FROM meta WHERE key = ?", (BUNDLE_META_KEY,)).fetchone()
        return row[0] if row else ""

    def ensure_bundled(self) -> bool:
        """Load the bundled national entries once per bundled version; True when it did.

        Bundled entries are refreshed from the new bundle (the change is logged); one that a
        center deactivated stays deactivated; one dropped from the bundle is deactivated.
        """
        bundle = load_bundle()
        if self.bundled_version() == bundle.version:
            return False
        with self.store.transaction() as tx:
            if self.bundled_version(tx) == bundle.version:  # another process was quicker
                return False
            now = self.clock.now()
            keep = {e.id for e in bundle.entries}
            for entry in bundle.entries:
                entry = self.normalise(entry)
                old = self._get(tx, entry.id)
                if old is not None:
                    entry = entry.with_changes(active=old.active)
                self._upsert(tx, entry, now, by=entry.verified_by, action="bundle", old=old)
            gone = tx.execute("SELECT id FROM directory_entries WHERE origin = ? AND active = 1",
                              (ORIGIN_BUNDLED,)).fetchall()
            for (entry_id,) in gone:
                if entry_id not in keep:
                    self._set_active(tx, entry_id, False, by=f"Hotline {bundle.version}",
                                     note="không còn trong danh bạ đi kèm", now=now)
            tx.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                       "SET value = excluded.value", (BUNDLE_META_KEY, bundle.version))
        return True

    # ------------------------------------------------------------ validation
    def normalise(self, entry: Entry) -> Entry:
        """Trimmed NFC text, stored phone forms, canonical hours, zero-padded codes.

        Raises EntryInvalid for what cannot be normalised (a bad number or bad hours).
        """
        errors: list[FieldError] = []
        numbers: list[EntryPhone] = []
        for i, phone in enumerate(entry.phones, 1):
            try:
                stored = phones.normalize(phone.number)
            except phones.PhoneError as exc:
                errors.append(FieldError("phones", translate(
                    "core.directory", "số thứ {index} '{number}': {problem}").format(
                        index=i, number=phone.number, problem=exc)))
                continue
            if stored and stored not in {n.number for n in numbers}:
                numbers.append(EntryPhone(stored, _clean(phone.label)))
        try:
            hours_text = hours_mod.normalise(entry.hours)
        except hours_mod.HoursError as exc:
            errors.append(FieldError("hours", str(exc)))
            hours_text = entry.hours
        province = entry.province_code.strip()
        ward = entry.ward_code.strip()
        if province.isdigit():
            province = admin_units.province_code(province)
        if ward.isdigit():
            ward = admin_units.ward_code(ward)
            unit = admin_units.ward(ward)
            if unit is not None and not province:
                province = unit.province_code
        if errors:
            raise EntryInvalid(errors)
        categories = tuple(dict.fromkeys(c.strip() for c in entry.categories if c.strip()))
        languages = tuple(dict.fromkeys(_clean(x) for x in entry.languages if _clean(x)))
        return entry.with_changes(
            id=entry.id.strip(), name=_clean(entry.name), organisation=_clean(entry.organisation),
            categories=categories, province_code=province, ward_code=ward,
            address=_clean(entry.address), phones=tuple(numbers), hours=hours_text,
            services=_text(entry.services), eligibility=_text(entry.eligibility),
            languages=languages, notes=_text(entry.notes), verified_on=entry.verified_on.strip(),
            verified_by=_clean(entry.verified_by), source=_clean(entry.source))

    def validate(self, entry: Entry) -> list[FieldError]:
        """What is wrong with a normalised entry (empty when it can be saved)."""
        errors: list[FieldError] = []
        if not entry.name:
            errors.append(FieldError("name", translate("core.directory", "cần có tên")))
        if entry.id and not _ID.match(entry.id):
            errors.append(FieldError("id", translate(
                "core.directory", "mã '{id}' chỉ gồm chữ, số và . : @ - _").format(id=entry.id)))
        known = self.taxonomy.codes("directory_categories")
        for code in entry.categories:
            if code not in known:
                errors.append(FieldError("categories", translate(
                    "core.directory", "nhóm dịch vụ không có trong danh mục: '{code}' "
                    "(dùng: {allowed})").format(code=code, allowed=", ".join(sorted(known)))))
        if entry.province_code and admin_units.province(entry.province_code) is None:
            errors.append(FieldError("province_code", translate(
                "core.directory", "mã tỉnh/thành phố '{code}' không có trong danh mục 34 tỉnh, "
                "thành phố từ 01/07/2025").format(code=entry.province_code)))
        if entry.ward_code:
            unit = admin_units.ward(entry.ward_code)
            if unit is None:
                errors.append(FieldError("ward_code", translate(
                    "core.directory", "mã xã/phường '{code}' không có trong danh mục 3.321 xã, "
                    "phường từ 01/07/2025").format(code=entry.ward_code)))
            elif entry.province_code and unit.province_code != entry.province_code:
                errors.append(FieldError("ward_code", translate(
                    "core.directory", "{ward} ({code}) thuộc {province}, không thuộc {chosen}"
                ).format(ward=unit.name, code=unit.code,
                         province=admin_units.province_name(unit.province_code),
                         chosen=admin_units.province_name(entry.province_code))))
        try:
            hours_mod.parse(entry.hours)
        except hours_mod.HoursError as exc:
            errors.append(FieldError("hours", str(exc)))
        if entry.verified_on:
            try:
                verified = date.fromisoformat(entry.verified_on)
            except ValueError:
                errors.append(FieldError("verified_on", translate(
                    "core.directory", "ngày không hợp lệ '{value}' (dùng YYYY-MM-DD)").format(
                        value=entry.verified_on)))
            else:
                if verified > self.clock.today():
                    errors.append(FieldError("verified_on", translate(
                        "core.directory", "ngày xác minh ở tương lai")))
        return errors

    def check(self, entry: Entry) -> Entry:
        """Normalise and validate; raise EntryInvalid with every problem found."""
        entry = self.normalise(entry)
        errors = self.validate(entry)
        if errors:
            raise EntryInvalid(errors)
        return entry

    # ---------------------------------------------------------------- writing
    def new_id(self) -> str:
        return f"loc-{uuid.uuid4().hex[:12]}"

    def save(self, entry: Entry, *, by: str = "") -> Entry:
        """Create or edit one entry (the window's form); the previous state is logged.

        A new entry without an id gets one. Editing checks the version the form was opened
        with, so two people editing the same entry do not silently overwrite each other.
        """
        entry = self.check(entry)
        if not entry.id:
            entry = entry.with_changes(id=self.new_id())
        if not entry.source:
            who = f" ({by})" if by else ""
            entry = entry.with_changes(source=f"Trung tâm nhập trong Hotline{who}")
        with self.store.transaction() as tx:
            old = self._get(tx, entry.id)
            if old is not None and old.version != entry.version:
                raise EntryInvalid([FieldError("version", translate(
                    "core.directory", "mục này vừa được sửa ở nơi khác; "
                    "hãy mở lại để xem bản mới nhất"))])
            self._upsert(tx, entry, self.clock.now(), by=by,
                         action="update" if old else "create", old=old)
        return self.get(entry.id)

    def deactivate(self, entry_id: str, *, by: str = "", note: str = "") -> Entry:
        """Hide an entry from searches; it stays in the database and its log."""
        with self.store.transaction() as tx:
            self._set_active(tx, entry_id, False, by=by, note=note, now=self.clock.now())
        return self.get(entry_id)

    def reactivate(self, entry_id: str, *, by: str = "", note: str = "") -> Entry:
        with self.store.transaction() as tx:
            self._set_active(tx, entry_id, True, by=by, note=note, now=self.clock.now())
        return self.get(entry_id)

    def mark_verified(self, entry_id: str, *, by: str, on: date | None = None) -> Entry:
        """Someone called the service and confirmed the entry."""
        entry = self.get(entry_id)
        day = (on or self.clock.today()).isoformat()
        return self.save(entry.with_changes(verified_on=day, verified_by=by), by=by)

    def write_many(self, entries: Iterable[Entry], *, by: str = "", action: str = "import",
                   conn: sqlite3.Connection | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   total: int = 0) -> WriteResult:
        """Write already-checked entries in one transaction: all of them or none.

        An entry whose id exists is updated when its content changed (logged), else counted
        as unchanged.
        """
        result = WriteResult()
        now = self.clock.now()
        with self._transaction(conn) as tx:
            for i, entry in enumerate(entries, 1):
                old = self._get(tx, entry.id)
                if old is not None and old.content() == entry.content():
                    result.unchanged += 1
                else:
                    self._upsert(tx, entry, now, by=by, action=action, old=old)
                    if old is None:
                        result.created += 1
                    else:
                        result.updated += 1
                if progress is not None and (i % 500 == 0 or i == total):
                    progress(i, total)
            if result.created + result.updated >= OPTIMIZE_AFTER:
                # merge the index segments a bulk load leaves behind: searches read one
                tx.execute("INSERT INTO directory_fts(directory_fts) VALUES ('optimize')")
        return result

    @contextmanager
    def _transaction(self, conn: sqlite3.Connection | None) -> Iterator[sqlite3.Connection]:
        if conn is None:
            with self.store.transaction() as tx:
                yield tx
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def _upsert(self, tx: sqlite3.Connection, entry: Entry, now: datetime, *, by: str,
                action: str, old: Entry | None) -> None:
        values = {
            "id": entry.id, "name": entry.name, "name_key": fold(entry.name),
            "organisation": entry.organisation, "categories": ";".join(entry.categories),
            "province_code": entry.province_code, "ward_code": entry.ward_code,
            "address": entry.address,
            "phones": json.dumps([{"number": p.number, "label": p.label} for p in entry.phones],
                                 ensure_ascii=False),
            "hours": entry.hours, "services": entry.services, "eligibility": entry.eligibility,
            "languages": ";".join(entry.languages), "notes": entry.notes,
            "verified_on": entry.verified_on, "verified_by": entry.verified_by,
            "active": int(entry.active), "source": entry.source, "origin": entry.origin,
            "updated_at": iso(now),
        }
        if old is None:
            values["created_at"] = entry.created_at or iso(now)
            values["version"] = 1
            cols = ", ".join(values)
            marks = ", ".join(f":{k}" for k in values)
            rid = int(tx.execute(f"INSERT INTO directory_entries({cols}) VALUES ({marks})",
                                 values).lastrowid or 0)
            changed: tuple[str, ...] = ()
        else:
            values["version"] = old.version + 1
            values["origin"] = old.origin if entry.origin == ORIGIN_LOCAL else entry.origin
            sets = ", ".join(f"{k} = :{k}" for k in values)
            tx.execute(f"UPDATE directory_entries SET {sets} WHERE id = :id", values)
            rid = int(tx.execute("SELECT rid FROM directory_entries WHERE id = ?",
                                 (entry.id,)).fetchone()[0])
            tx.execute("DELETE FROM directory_entry_categories WHERE rid = ?", (rid,))
            tx.execute("DELETE FROM directory_phones WHERE rid = ?", (rid,))
            tx.execute("DELETE FROM directory_fts WHERE rowid = ?", (rid,))
            changed = tuple(f for f in CONTENT_FIELDS
                            if getattr(old, f) != getattr(entry, f))
        tx.executemany("INSERT OR IGNORE INTO directory_entry_categories(code, rid) VALUES (?, ?)",
                       [(c, rid) for c in entry.categories])
        tx.executemany("INSERT OR IGNORE INTO directory_phones(number, rid) VALUES (?, ?)",
                       [(p.number, rid) for p in entry.phones])
        tx.execute("INSERT INTO directory_fts(rowid, body, tags) VALUES (?, ?, ?)",
                   (rid, self._search_body(entry), search_tags(entry)))
        tx.execute("INSERT INTO directory_changes(entry_id, action, at, by, fields, before, note)"
                   " VALUES (?,?,?,?,?,?,?)",
                   (entry.id, action, iso(now), by, ";".join(changed),
                    None if old is None else json.dumps(_entry_json(old), ensure_ascii=False),
                    ""))

    def _search_body(self, entry: Entry) -> str:
        labels = [self.taxonomy.label("directory_categories", c) for c in entry.categories]
        places = [admin_units.ward_name(entry.ward_code) if entry.ward_code else "",
                  admin_units.province_name(entry.province_code) if entry.province_code else ""]
        numbers = [phone_search_digits(p.number) for p in entry.phones]
        text = " ".join((entry.name, entry.organisation, entry.services, entry.notes,
                         entry.eligibility, entry.address, *labels, *places, *numbers))
        return fold(text)

    def _set_active(self, tx: sqlite3.Connection, entry_id: str, active: bool, *, by: str,
                    note: str, now: datetime) -> None:
        old = self._get(tx, entry_id)
        if old is None:
            raise NotFound(translate("core.directory", "Không có mục danh bạ '{id}'").format(
                id=entry_id))
        if old.active == active:
            return
        tx.execute("UPDATE directory_entries SET active = ?, version = version + 1, "
                   "updated_at = ? WHERE id = ?", (int(active), iso(now), entry_id))
        tx.execute("INSERT INTO directory_changes(entry_id, action, at, by, fields, before, note)"
                   " VALUES (?,?,?,?,?,?,?)",
                   (entry_id, "reactivate" if active else "deactivate", iso(now), by, "active",
                    json.dumps(_entry_json(old), ensure_ascii=False), note))

    # ---------------------------------------------------------------- reading
    def _get(self, conn: sqlite3.Connection, entry_id: str) -> Entry | None:
        row = conn.execute("SELECT * FROM directory_entries WHERE id = ?",
                           (entry_id,)).fetchone()
        return _entry(row) if row is not None else None

    def find(self, entry_id: str, conn: sqlite3.Connection | None = None) -> Entry | None:
        return self._get(conn or self.store.conn, entry_id)

    def get(self, entry_id: str, conn: sqlite3.Connection | None = None) -> Entry:
        entry = self.find(entry_id, conn)
        if entry is None:
            raise NotFound(translate("core.directory", "Không có mục danh bạ '{id}'").format(
                id=entry_id))
        return entry

    def count(self, *, include_inactive: bool = False,
              conn: sqlite3.Connection | None = None) -> int:
        sql = "SELECT count(*) FROM directory_entries"
        if not include_inactive:
            sql += " WHERE active = 1"
        return int((conn or self.store.conn).execute(sql).fetchone()[0])

    def iter_entries(self, *, include_inactive: bool = True,
                     conn: sqlite3.Connection | None = None) -> Iterator[Entry]:
        """Every entry, by name (exports)."""
        sql = "SELECT * FROM directory_entries"
        if not include_inactive:
            sql += " WHERE active = 1"
        for row in (conn or self.store.conn).execute(sql + " ORDER BY name_key, rid"):
            yield _entry(row)

    def history(self, entry_id: str) -> list[Change]:
        """The entry's change log, newest first."""
        rows = self.store.conn.execute(
            "SELECT * FROM directory_changes WHERE entry_id = ? ORDER BY id DESC",
            (entry_id,)).fetchall()
        return [Change(r["id"], r["entry_id"], r["action"], r["at"], r["by"],
                       tuple(f for f in r["fields"].split(";") if f),
                       json.loads(r["before"]) if r["before"] else None, r["note"])
                for r in rows]

    def duplicates(self, entry: Entry, conn: sqlite3.Connection | None = None) -> list[Entry]:
        """Other entries with the same name (accents and case aside) and a shared number."""
        numbers = [p.number for p in entry.phones]
        if not numbers:
            return []
        marks = ",".join("?" * len(numbers))
        rows = (conn or self.store.conn).execute(
            "SELECT * FROM directory_entries WHERE rid IN (SELECT rid FROM directory_phones "
            f"WHERE number IN ({marks})) AND name_key = ? AND id <> ?",
            [*numbers, fold(entry.name), entry.id]).fetchall()
        return [_entry(r) for r in rows]

    # ----------------------------------------------------------------- search
    def search(self, query: DirectoryQuery, *, now: datetime | None = None,
               conn: sqlite3.Connection | None = None) -> list[Hit]:
        """Entries matching `query`, nearest to the caller first, then by name.

        Accents do not matter (đ included); every word is a prefix; a typed number finds the
        entry that has it. `open_now` keeps only entries known to be open now (unknown hours
        are left out: the operator cannot count on them at night).
        """
        conn = conn or self.store.conn
        now = now or self.clock.now()
        today = now.date()
        near_ward = query.near_ward or ""
        near_province = query.near_province or query.province or ""
        if near_ward:  # a ward code is unique nationwide: it names its province
            unit = admin_units.ward(near_ward)
            near_province = unit.province_code if unit else near_province
        params: dict[str, Any] = {"ward": near_ward or None, "prov": near_province or None}
        hits: list[Hit] = []
        page = query.limit if not query.open_now else max(query.limit * 4, 200)
        for row in self._rows(conn, query, params, page):
            entry = _entry(row)
            open_now = entry.open_at(now)
            if query.open_now and not open_now:
                continue
            hits.append(Hit(entry, int(row["proximity"]), open_now, entry.is_stale(today)))
            if len(hits) >= query.limit:
                break
        return hits

    def _rows(self, conn: sqlite3.Connection, query: DirectoryQuery, params: dict[str, Any],
              page: int) -> Iterator[sqlite3.Row]:
        """Matching rows in display order, fetched a page at a time.

        With text or a filter, the full-text index intersects the words with the filter
        tokens and only the matches are sorted. Without either (browsing everything), each
        proximity bucket is read in name order from its own index, so the first page of
        50,000 entries costs no more than the first page of fifty.
        """
        match = self.match_expression(query)
        active = "" if query.include_inactive else "e.active = 1 AND "
        if match:
            # sort only the keys of the matches, then read the page's full rows
            sql = (f"SELECT e.*, s.proximity FROM (SELECT e.rid, {_PROXIMITY} AS proximity, "
                   f"e.name_key FROM directory_entries e WHERE {active}e.rid IN "
                   "(SELECT rowid FROM directory_fts WHERE directory_fts MATCH :match) "
                   "ORDER BY proximity, e.name_key, e.rid LIMIT :limit OFFSET :offset) s "
                   "JOIN directory_entries e ON e.rid = s.rid "
                   "ORDER BY s.proximity, s.name_key, s.rid")
            yield from _paged(conn, sql, {**params, "match": match}, page)
            return
        buckets: list[tuple[str, int]] = []
        if params["ward"]:
            buckets.append((f"{active}e.ward_code = :ward", NEAR_WARD))
        if params["prov"]:
            buckets.append((f"{active}e.province_code = :prov AND e.ward_code IS NOT :ward",
                            NEAR_PROVINCE))
        buckets.append((f"{active}e.province_code = ''", NATIONAL))
        buckets.append((f"{active}e.province_code NOT IN (coalesce(:prov, ''), '')", ELSEWHERE))
        for where, proximity in buckets:
            sql = (f"SELECT e.*, {proximity} AS proximity FROM directory_entries e "
                   f"WHERE {where} ORDER BY e.name_key, e.rid LIMIT :limit OFFSET :offset")
            yield from _paged(conn, sql, params, page)

    def match_expression(self, query: DirectoryQuery) -> str:
        """The FTS5 query for the text and the filters ("" when there is neither)."""
        parts = []
        text = fts_query(query.text)
        if text:
            parts.append(f"body : ({text})")
        if query.category:
            parts.append(f"tags : {_tag('zc', query.category)}")
        if query.province:
            province = (admin_units.province_code(query.province)
                        if query.province.isdigit() else query.province)
            parts.append(f"tags : {_tag('zp', province)}")
        return " AND ".join(parts)

    def emergency(self, province_code: str = "", ward_code: str = "", *,
                  now: datetime | None = None, local_limit: int = 6) -> list[Hit]:
        """What an emergency call needs at once: 113, 115, 111, then the local police and
        health services of the caller's province (same ward first)."""
        conn = self.store.conn
        now = now or self.clock.now()
        hits: list[Hit] = []
        seen: set[str] = set()
        for number in EMERGENCY_NUMBERS:
            row = conn.execute(
                "SELECT e.*, 2 AS proximity FROM directory_entries e JOIN directory_phones p "
                "ON p.rid = e.rid WHERE p.number = ? AND e.active = 1 "
                "ORDER BY e.origin = 'bundled' DESC, e.province_code = '' DESC, e.rid LIMIT 1",
                (number,)).fetchone()
            if row is not None and row["id"] not in seen:
                entry = _entry(row)
                seen.add(entry.id)
                hits.append(Hit(entry, NATIONAL, entry.open_at(now),
                                entry.is_stale(now.date())))
        if province_code:
            for category in ("police", "health"):
                found = self.search(DirectoryQuery(category=category, province=province_code,
                                                   near_ward=ward_code,
                                                   limit=local_limit), now=now)
                for hit in found[: max(1, local_limit // 2)]:
                    if hit.entry.id not in seen:
                        seen.add(hit.entry.id)
                        hits.append(hit)
        return hits

    def proximity(self, entry: Entry, province_code: str = "", ward_code: str = "") -> int:
        if ward_code and entry.ward_code == ward_code:
            return NEAR_WARD
        if province_code and entry.province_code == province_code:
            return NEAR_PROVINCE
        if not entry.province_code:
            return NATIONAL
        return ELSEWHERE

    # -------------------------------------------------------------- referrals
    def referral_from_entry(self, entry: Entry, phone: str | None = None, *,
                            note: str = "") -> Referral:
        """A referral to `entry` with a snapshot of its name and the number given."""
        return Referral(name=entry.name, phone=phone if phone is not None else entry.first_phone,
                        entry_id=entry.id,
                        category=entry.categories[0] if entry.categories else "",
                        status="suggested", note=note)

    def referrals(self, *, statuses: Iterable[str] | None = OPEN_REFERRAL_STATUSES,
                  entry_id: str | None = None, call_id: int | None = None,
                  limit: int = 500, after: tuple[str, int] | None = None,
                  conn: sqlite3.Connection | None = None) -> list[ReferralItem]:
        """Referrals for follow-up (open ones by default), oldest first.

        `after` is (created_at, id) of the last referral of the previous page (keyset
        paging: a page deep in the list costs what the first does). The open referrals come
        from the partial index `referrals_open` in that order, without a sort, however many
        referrals the calls of past years made.
        """
        clauses: list[str] = []
        params: list[Any] = []
        index = ""
        if statuses is not None:
            codes = tuple(statuses)
            if codes == OPEN_REFERRAL_STATUSES:
                clauses.append(OPEN_REFERRALS_WHERE)  # literal: see OPEN_REFERRALS_WHERE
                if call_id is None:  # one call's few referrals: referrals_by_call
                    index = "INDEXED BY referrals_open "
            else:
                clauses.append(f"r.status IN ({','.join('?' * len(codes))})")
                params.extend(codes)
        if entry_id is not None:
            clauses.append("r.entry_id = ?")
            params.append(entry_id)
        if call_id is not None:
            clauses.append("r.call_id = ?")
            params.append(call_id)
        if after is not None:
            clauses.append("(r.created_at, r.id) > (?, ?)")
            params.extend(after)
        where = " AND ".join(clauses) or "1"
        rows = (conn or self.store.conn).execute(
            "SELECT r.*, c.received_at AS call_received_at, c.urgency AS call_urgency, "
            f"k.number AS case_number FROM referrals r {index}JOIN calls c ON c.id = r.call_id "
            f"LEFT JOIN cases k ON k.id = c.case_id WHERE {where} "
            "ORDER BY r.created_at, r.id LIMIT ?", [*params, limit]).fetchall()
        return [ReferralItem(
            id=r["id"], call_id=r["call_id"], call_received_at=r["call_received_at"],
            call_urgency=r["call_urgency"], case_number=r["case_number"] or "",
            entry_id=r["entry_id"], name=r["name"], phone=r["phone"], category=r["category"],
            status=r["status"], note=r["note"], created_at=r["created_at"],
            created_by=r["created_by"], updated_at=r["updated_at"]) for r in rows]

    def open_referral_count(self, conn: sqlite3.Connection | None = None) -> int:
        """How many referrals are still open (counted on an index, no row is read)."""
        row = (conn or self.store.conn).execute(
            f"SELECT count(*) FROM referrals r WHERE {OPEN_REFERRALS_WHERE}").fetchone()
        return int(row[0])

    def referral_counts(self, *, date_from: str | None = None,
                        date_to: str | None = None) -> dict[tuple[str, str], int]:
        """(category, status) → number of referrals made from calls of those days."""
        clauses, params = [], []
        if date_from:
            clauses.append("c.day >= ?")
            params.append(date_from)
        if date_to:
            clauses.append("c.day <= ?")
            params.append(date_to)
        where = " AND ".join(clauses) or "1"
        rows = self.store.conn.execute(
            "SELECT r.category, r.status, count(*) FROM referrals r JOIN calls c "
            f"ON c.id = r.call_id WHERE {where} GROUP BY r.category, r.status",
            params).fetchall()
        return {(r[0], r[1]): int(r[2]) for r in rows}


_PROXIMITY = ("CASE WHEN e.ward_code = :ward THEN 0 WHEN e.province_code = :prov THEN 1 "
              "WHEN e.province_code = '' THEN 2 ELSE 3 END")


def _paged(conn: sqlite3.Connection, sql: str, params: dict[str, Any],
           page: int) -> Iterator[sqlite3.Row]:
    offset = 0
    while True:
        rows = conn.execute(sql, {**params, "limit": page, "offset": offset}).fetchall()
        yield from rows
        if len(rows) < page:
            return
        offset += page


def _tag(prefix: str, value: str) -> str:
    """A filter token the tokenizer keeps whole: letters and digits only."""
    return prefix + re.sub(r"[^0-9A-Za-z]", "", value).lower()


def search_tags(entry: Entry) -> str:
    tags = [_tag("zp", entry.province_code or "vn")]
    if entry.ward_code:
        tags.append(_tag("zw", entry.ward_code))
    tags.extend(_tag("zc", c) for c in entry.categories)
    return " ".join(tags)


def _clean(text: str) -> str:
    """One line of text: NFC, single spaces."""
    return " ".join(nfc(text or "").split())


def _text(text: str) -> str:
    """Multi-line text: NFC, trimmed lines, no trailing blank lines."""
    lines = [" ".join(line.split()) for line in nfc(text or "").strip().splitlines()]
    return "\n".join(lines).strip()


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(
        id=row["id"], name=row["name"], organisation=row["organisation"],
        categories=tuple(c for c in row["categories"].split(";") if c),
        province_code=row["province_code"], ward_code=row["ward_code"], address=row["address"],
        phones=tuple(EntryPhone(p["number"], p.get("label", ""))
                     for p in json.loads(row["phones"])),
        hours=row["hours"], services=row["services"], eligibility=row["eligibility"],
        languages=tuple(x for x in row["languages"].split(";") if x), notes=row["notes"],
        verified_on=row["verified_on"], verified_by=row["verified_by"],
        active=bool(row["active"]), source=row["source"], origin=row["origin"],
        created_at=row["created_at"], updated_at=row["updated_at"], version=row["version"])


def _entry_json(entry: Entry) -> dict[str, Any]:
    data = entry.content()
    data["phones"] = [{"number": p.number, "label": p.label} for p in entry.phones]
    data["categories"] = list(entry.categories)
    data["languages"] = list(entry.languages)
    return data


def entry_to_json(entry: Entry, *, hit: Hit | None = None) -> dict[str, Any]:
    """The JSON shape of `directory search --json` (DESIGN §4: id, name, categories,
    province, phones at least)."""
    data: dict[str, Any] = {
        "id": entry.id, "name": entry.name, "organisation": entry.organisation,
        "categories": list(entry.categories), "province": entry.province_code,
        "province_name": admin_units.province_name(entry.province_code)
        if entry.province_code else "",
        "ward": entry.ward_code,
        "ward_name": admin_units.ward_name(entry.ward_code) if entry.ward_code else "",
        "address": entry.address,
        "phones": [{"number": p.number, "display": p.display, "label": p.label}
                   for p in entry.phones],
        "hours": entry.hours, "hours_text": hours_mod.describe(entry.parsed_hours),
        "services": entry.services, "eligibility": entry.eligibility,
        "languages": list(entry.languages), "notes": entry.notes,
        "verified_on": entry.verified_on, "verified_by": entry.verified_by,
        "as_of": entry.verified_on, "active": entry.active, "source": entry.source,
        "origin": entry.origin,
    }
    if hit is not None:
        data["open_now"] = hit.open_now
        data["stale"] = hit.stale
        data["proximity"] = ("ward", "province", "national", "other")[hit.proximity]
    return data
