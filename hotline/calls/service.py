"""The call log service: saving (with versions), drafts, listing, repeat callers, cases and
follow-ups. The window, the command line and the reports all go through it."""

from __future__ import annotations

import builtins
import hashlib
import hmac
import json
import secrets
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from hotline import phones
from hotline.calls.codec import (
    call_from_json,
    call_from_row,
    call_to_json,
    dumps,
    join_codes,
    timestamp,
)
from hotline.calls.models import (
    Call,
    CallFilter,
    CallSummary,
    CallVersion,
    Citation,
    Draft,
    FollowUp,
    PriorCall,
    Referral,
)
from hotline.calls.taxonomy import Taxonomy, is_non_counselling
from hotline.calls.validation import FieldError, ValidationError, validate
from hotline.clock import Clock, iso, parse_iso
from hotline.store.db import Store
from hotline.store.functions import (
    KEY_FACTOR,
    category_token,
    level_token,
    search_key,
    urgency_token,
)
from hotline.text import words
from hotline.translation import translate


class ConflictError(RuntimeError):
    """The call was changed elsewhere since it was opened."""


class NotFoundError(LookupError):
    pass


PHONE_HASH_KEY = "phone_hash_key"


class CallService:
    def __init__(self, store: Store, taxonomy: Taxonomy, clock: Clock | None = None) -> None:
        self.store = store
        self.taxonomy = taxonomy
        self.clock = clock or Clock()

    # ----------------------------------------------------------------- saving
    def save(self, call: Call, *, operator: str = "", draft_id: str | None = None,
             validate_follow_up: bool = True) -> Call:
        """Validate and save a new or edited call durably; the draft goes in the same commit.

        Editing keeps the previous state in `call_versions`. Raises ValidationError or
        ConflictError (the call was edited elsewhere since it was loaded).
        """
        try:
            call = self._normalise(call, operator)
        except phones.PhoneError as exc:
            raise ValidationError([FieldError("phone", str(exc))]) from exc
        now = self.clock.now()
        previous = self.get(call.id) if call.id is not None and self.exists(call.id) else None
        new_follow_up = validate_follow_up and (
            previous is None or previous.follow_up_at != call.follow_up_at)
        errors = validate(call, self.taxonomy, now=now, new_follow_up=new_follow_up)
        if errors:
            raise ValidationError(errors)
        with self.store.transaction() as tx:
            if previous is not None:
                # Read again under the write lock: another process may have saved this call
                # since it was read above, and its version must not be overwritten.
                previous = self.get(previous.id)  # type: ignore[arg-type]
                if previous.version != call.version:
                    raise ConflictError(translate(
                        "core.calls", "Cuộc gọi #{id} đã được sửa ở nơi khác (phiên bản "
                        "{version}); hãy mở lại để xem bản mới nhất.").format(
                            id=call.id, version=previous.version))
                tx.execute(
                    "INSERT INTO call_versions(call_id, version, saved_at, operator, data) "
                    "VALUES (?,?,?,?,?)",
                    (previous.id, previous.version, previous.updated_at, previous.operator,
                     dumps(call_to_json(previous))))
                call = call.with_changes(version=previous.version + 1)
            saved_id = self._write(tx, call, now, operator)
            if draft_id:
                tx.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
        return self.get(saved_id)

    def write_many(self, calls: Iterable[Call], *, operator: str = "") -> int:
        """Write already-validated calls in one transaction: all of them or none."""
        now = self.clock.now()
        count = 0
        with self.store.transaction() as tx:
            for call in calls:
                self._write(tx, self._normalise(call, operator), now, operator)
                count += 1
        return count

    def _normalise(self, call: Call, operator: str) -> Call:
        changes: dict[str, Any] = {
            "received_at": self.clock.localize(call.received_at),
            "phone": stored_phone(call.phone),
        }
        if call.ended_at is not None:
            changes["ended_at"] = self.clock.localize(call.ended_at)
            if call.duration_s is None:
                changes["duration_s"] = max(0, int((changes["ended_at"] -
                                                    changes["received_at"]).total_seconds()))
        if call.follow_up_at is not None:
            changes["follow_up_at"] = self.clock.localize(call.follow_up_at)
        if not call.operator and operator:
            changes["operator"] = operator
        return call.with_changes(**changes)

    def _write(self, tx: sqlite3.Connection, call: Call, now: datetime, operator: str) -> int:
        case_id = self._case_id(tx, call.case_number) if call.case_number else None
        values = {
            "received_at": iso(call.received_at),
            "received_ts": timestamp(call.received_at),
            "day": call.received_at.date().isoformat(),
            "ended_at": iso(call.ended_at) or None,
            "duration_s": call.duration_s,
            "channel": call.channel,
            "operator": call.operator,
            "phone": call.phone,
            "caller_name": call.caller_name,
            "caller_sex": call.caller_sex,
            "caller_age_group": call.caller_age_group,
            "caller_relation": call.caller_relation,
            "province_code": call.province_code,
            "ward_code": call.ward_code,
            "victim_sex": call.victim_sex,
            "victim_age_group": call.victim_age_group,
            "vulnerable": join_codes(call.vulnerable),
            "categories": join_codes(call.categories),
            "counselling": 0 if is_non_counselling(call.categories) else 1,
            "level": call.level,
            "urgency": call.urgency,
            "summary": call.summary,
            "outcome": call.outcome,
            "safe_to_call_back": None if call.safe_to_call_back is None
            else int(call.safe_to_call_back),
            "callback_note": call.callback_note,
            "consent_share": int(call.consent_share),
            "follow_up_at": iso(call.follow_up_at) or None,
            "case_id": case_id,
            "version": call.version,
            "updated_at": iso(now),
        }
        if call.id is not None and self._exists(tx, call.id):
            assignments = ", ".join(f"{k} = :{k}" for k in values)
            tx.execute(f"UPDATE calls SET {assignments} WHERE id = :id", {**values, "id": call.id})
            call_id = call.id
            tx.execute("DELETE FROM call_categories WHERE call_id = ?", (call_id,))
        else:
            values["created_at"] = iso(now)
            if call.id is not None:
                values["id"] = call.id
            cols = ", ".join(values)
            params = ", ".join(f":{k}" for k in values)
            cur = tx.execute(f"INSERT INTO calls({cols}) VALUES ({params})", values)
            call_id = int(cur.lastrowid or 0)
        tx.executemany("INSERT OR IGNORE INTO call_categories(code, call_id) VALUES (?, ?)",
                       [(code, call_id) for code in call.categories])
        # calls_fts (text and categories) follows by trigger (migration m0006).
        self._sync_follow_up(tx, call_id, call, now, operator)
        for referral in call.referrals:
            self._write_referral(tx, call_id, referral, now, operator or call.operator)
        for citation in call.citations:
            if citation.id is None:
                tx.execute("INSERT INTO citations(call_id, doc_id, article, citation, created_at)"
                           " VALUES (?,?,?,?,?)",
                           (call_id, citation.doc_id, citation.article, citation.citation,
                            iso(now)))
        return call_id

    def _sync_follow_up(self, tx: sqlite3.Connection, call_id: int, call: Call, now: datetime,
                        operator: str) -> None:
        # `+done` keeps the planner on followups_by_call: with a bound parameter it would
        # otherwise walk followups_open (every open follow-up) to avoid sorting.
        open_row = tx.execute("SELECT id, due_at FROM followups WHERE call_id = ? AND +done = 0 "
                              "ORDER BY due_ts LIMIT 1", (call_id,)).fetchone()
        if call.follow_up_at is None:
            if open_row is not None:
                tx.execute("DELETE FROM followups WHERE call_id = ? AND done = 0", (call_id,))
            return
        due = iso(call.follow_up_at)
        if open_row is None:
            done_same = tx.execute("SELECT 1 FROM followups WHERE call_id = ? AND due_at = ?",
                                   (call_id, due)).fetchone()
            if done_same is None:
                tx.execute("INSERT INTO followups(call_id, due_at, due_ts, assignee, created_at) "
                           "VALUES (?,?,?,?,?)",
                           (call_id, due, timestamp(call.follow_up_at),
                            operator or call.operator, iso(now)))
        elif open_row["due_at"] != due:
            tx.execute("UPDATE followups SET due_at = ?, due_ts = ? WHERE id = ?",
                       (due, timestamp(call.follow_up_at), open_row["id"]))

    def _write_referral(self, tx: sqlite3.Connection, call_id: int, referral: Referral,
                        now: datetime, operator: str) -> None:
        if referral.status not in self.taxonomy.codes("referral_statuses"):
            # validate() rejects these before any write; write_many's callers validate too.
            raise ValidationError([FieldError(
                "referrals", translate("core.calls", "trạng thái chuyển tuyến không hợp lệ "
                                       "'{status}'").format(status=referral.status))])
        if referral.id is None:
            tx.execute(
                "INSERT INTO referrals(call_id, entry_id, name, phone, category, status, "
                "created_at, created_by, updated_at, note) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (call_id, referral.entry_id, referral.name, referral.phone, referral.category,
                 referral.status, iso(now), referral.created_by or operator, iso(now),
                 referral.note))
        else:
            tx.execute("UPDATE referrals SET status = ?, note = ?, updated_at = ? "
                       "WHERE id = ? AND (status <> ? OR note <> ?)",
                       (referral.status, referral.note, iso(now), referral.id,
                        referral.status, referral.note))

    def _exists(self, conn: sqlite3.Connection, call_id: int) -> bool:
        return conn.execute("SELECT 1 FROM calls WHERE id = ?", (call_id,)).fetchone() is not None

    def exists(self, call_id: int) -> bool:
        return self._exists(self.store.conn, call_id)

    # ---------------------------------------------------------------- reading
    def get(self, call_id: int) -> Call:
        conn = self.store.conn
        row = conn.execute("SELECT * FROM calls WHERE id = ?", (call_id,)).fetchone()
        if row is None:
            raise NotFoundError(translate("core.calls", "Không có cuộc gọi #{id}").format(
                id=call_id))
        case_number = ""
        if row["case_id"] is not None:
            case_number = conn.execute("SELECT number FROM cases WHERE id = ?",
                                       (row["case_id"],)).fetchone()[0]
        return call_from_row(row, case_number, self.referrals(call_id), self.citations(call_id))

    def referrals(self, call_id: int) -> tuple[Referral, ...]:
        rows = self.store.conn.execute(
            "SELECT * FROM referrals WHERE call_id = ? ORDER BY id", (call_id,)).fetchall()
        return tuple(Referral(name=r["name"], phone=r["phone"], entry_id=r["entry_id"],
                              category=r["category"], status=r["status"], note=r["note"],
                              id=r["id"], created_at=r["created_at"],
                              created_by=r["created_by"], updated_at=r["updated_at"])
                     for r in rows)

    def citations(self, call_id: int) -> tuple[Citation, ...]:
        rows = self.store.conn.execute(
            "SELECT * FROM citations WHERE call_id = ? ORDER BY id", (call_id,)).fetchall()
        return tuple(Citation(doc_id=r["doc_id"], citation=r["citation"], article=r["article"],
                              id=r["id"]) for r in rows)

    def history(self, call_id: int) -> list[CallVersion]:
        """Earlier versions, newest first (the current state is `get`)."""
        rows = self.store.conn.execute(
            "SELECT version, saved_at, operator, data FROM call_versions WHERE call_id = ? "
            "ORDER BY version DESC", (call_id,)).fetchall()
        return [CallVersion(r["version"], r["saved_at"], r["operator"],
                            call_from_json(json.loads(r["data"]))) for r in rows]

    def _plan(self, flt: CallFilter, *, after: tuple[int, int] | None = None,
              ascending: bool = False) -> tuple[str, str, builtins.list[Any], str, bool]:
        """FROM, WHERE, parameters and ORDER BY for the calls matching `flt`, newest first
        (oldest first if `ascending`), after the keyset `after` = (received_ts, id); and
        whether the WHERE needs the `calls` table at all (counting can skip it).

        Free text and categories walk `calls_fts`, whose rowid is received_ts * 2**31 + id
        (m0006): matches come out in list order, a date range is a rowid range, and a page
        stops after `limit` rows. A number or a case selects few calls: those are walked by
        their own index and checked against the search index. Everything else walks the
        calls' indexes (time, level, urgency).
        """
        lo = hi = None
        if flt.date_from:
            lo = timestamp(self.clock.start_of(date.fromisoformat(flt.date_from)))
        if flt.date_to:
            hi = timestamp(self.clock.end_of(date.fromisoformat(flt.date_to)))
        by_index = bool(flt.phone or flt.case_number)
        match = search_match(flt.text, flt.category)
        index_leads = bool(match) and not by_index
        if index_leads:  # the search index checks level and urgency too
            match = search_match(flt.text, flt.category, flt.level, flt.urgency)
        direction = "ASC" if ascending else "DESC"
        beyond = ">" if ascending else "<"
        clauses: builtins.list[str] = []
        params: builtins.list[Any] = []
        row_clauses: builtins.list[str] = []  # conditions on the calls row itself
        row_params: builtins.list[Any] = []
        if flt.level and not index_leads:
            row_clauses.append("c.level = ?")
            row_params.append(flt.level)
        if flt.urgency and not index_leads:
            row_clauses.append("c.urgency = ?")
            row_params.append(flt.urgency)
        if flt.phone:
            row_clauses.append("c.phone = ? AND c.phone <> ''")
            row_params.append(flt.phone)
        if flt.case_number:
            row_clauses.append("c.case_id = (SELECT id FROM cases WHERE number = ?)")
            row_params.append(flt.case_number)
        if index_leads:
            source = f"calls_fts f JOIN calls c ON c.id = (f.rowid & {KEY_FACTOR - 1})"
            clauses.append("f.calls_fts MATCH ?")
            params.append(match)
            if lo is not None:
                clauses.append("f.rowid >= ?")
                params.append(lo * KEY_FACTOR)
            if hi is not None:
                clauses.append("f.rowid < ?")
                params.append(hi * KEY_FACTOR)
            if after is not None:
                clauses.append(f"f.rowid {beyond} ?")
                params.append(search_key(*after))
            order = f"f.rowid {direction}"
        else:
            source = "calls c"
            if lo is not None:
                row_clauses.append("c.received_ts >= ?")
                row_params.append(lo)
            if hi is not None:
                row_clauses.append("c.received_ts < ?")
                row_params.append(hi)
            if match and all(len(w) <= 3 for w in words(flt.text)):
                # Exact tokens and the 2–3 letter prefix index: a probe per call is cheap.
                row_clauses.append(
                    "EXISTS (SELECT 1 FROM calls_fts WHERE calls_fts MATCH ? AND "
                    f"calls_fts.rowid = c.received_ts * {KEY_FACTOR} + c.id)")
                row_params.append(match)
            elif match:
                # A longer prefix ("chong"*) re-reads its whole posting list on every probe:
                # collect the matches once instead. `+c.id` keeps the walk on the number's
                # or the case's own index.
                row_clauses.append(
                    f"+c.id IN (SELECT rowid & {KEY_FACTOR - 1} FROM calls_fts "
                    "WHERE calls_fts MATCH ?)")
                row_params.append(match)
            if after is not None:
                row_clauses.append(f"(c.received_ts, c.id) {beyond} (?, ?)")
                row_params.extend(after)
            order = f"c.received_ts {direction}, c.id {direction}"
        where = " AND ".join(clauses + row_clauses) or "1"
        return source, where, params + row_params, order, bool(row_clauses)

    def list(self, flt: CallFilter, *, limit: int = 200,
             after: tuple[int, int] | None = None,
             conn: sqlite3.Connection | None = None,
             ascending: bool = False) -> builtins.list[CallSummary]:
        """Calls matching `flt`, newest first (oldest first if `ascending`), `limit` at a time.

        `after` is the (received_ts, id) of the last row already shown (keyset paging keeps
        every page as fast as the first, even deep in a million calls).
        """
        conn = conn or self.store.conn
        source, where, params, order, _ = self._plan(flt, after=after, ascending=ascending)
        rows = conn.execute(
            "SELECT c.id, c.received_at, c.received_ts, c.duration_s, c.channel, c.operator, "
            "c.phone, c.caller_name, c.caller_sex, c.caller_age_group, c.categories, c.level, "
            "c.urgency, c.summary, c.follow_up_at, k.number AS case_number "
            f"FROM {source} LEFT JOIN cases k ON k.id = c.case_id "
            f"WHERE {where} ORDER BY {order} LIMIT ?",
            [*params, limit]).fetchall()
        return [_summary(r) for r in rows]

    def iter_calls(self, flt: CallFilter, *, batch: int = 2000) -> Iterator[Call]:
        """Every matching call in full, oldest first (exports, reports)."""
        source, where, params, order, _ = self._plan(flt, ascending=True)
        ids = [r[0] for r in self.store.conn.execute(
            f"SELECT c.id FROM {source} WHERE {where} ORDER BY {order}", params)]
        for start in range(0, len(ids), batch):
            for call_id in ids[start:start + batch]:
                yield self.get(call_id)

    def count(self, flt: CallFilter, conn: sqlite3.Connection | None = None) -> int:
        conn = conn or self.store.conn
        source, where, params, _, needs_row = self._plan(flt)
        if source.startswith("calls_fts") and not needs_row:
            source = "calls_fts f"  # the index alone answers; no row lookups
        return int(conn.execute(f"SELECT count(*) FROM {source} WHERE {where}",
                                params).fetchone()[0])

    # ---------------------------------------------------------- repeat callers
    def prior_calls(self, phone: str, *, exclude_id: int | None = None,
                    limit: int = 20) -> tuple[int, builtins.list[PriorCall]]:
        """How many earlier calls came from `phone` (stored form), and the latest of them."""
        if not phone:
            return 0, []
        conn = self.store.conn
        total = conn.execute(
            "SELECT count(*) FROM calls WHERE phone = ? AND phone <> '' AND id IS NOT ?",
            (phone, exclude_id)).fetchone()[0]
        rows = conn.execute(
            "SELECT c.id, c.received_at, c.level, c.urgency, c.categories, c.summary, "
            "k.number AS case_number FROM calls c LEFT JOIN cases k ON k.id = c.case_id "
            "WHERE c.phone = ? AND c.phone <> '' AND c.id IS NOT ? "
            "ORDER BY c.received_ts DESC LIMIT ?", (phone, exclude_id, limit)).fetchall()
        return int(total), [
            PriorCall(r["id"], r["received_at"], r["level"], r["urgency"],
                      tuple(c for c in r["categories"].split(";") if c), r["summary"],
                      r["case_number"] or "") for r in rows]

    def phone_hash(self, phone: str) -> str:
        """A keyed hash of a number: the same caller is countable, the number never leaves."""
        if not phone:
            return ""
        key = self._hash_key()
        return "h:" + hmac.new(key, phone.encode(), hashlib.sha256).hexdigest()[:20]

    def _hash_key(self) -> bytes:
        row = self.store.conn.execute("SELECT value FROM meta WHERE key = ?",
                                      (PHONE_HASH_KEY,)).fetchone()
        if row is None:
            with self.store.transaction() as tx:
                tx.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)",
                           (PHONE_HASH_KEY, secrets.token_hex(32)))
            row = self.store.conn.execute("SELECT value FROM meta WHERE key = ?",
                                          (PHONE_HASH_KEY,)).fetchone()
        return bytes.fromhex(row[0])

    # ------------------------------------------------------------------ cases
    def open_case(self, *, when: datetime | None = None) -> str:
        """Open a new case and return its number, HS-YYYY-NNNN."""
        when = when or self.clock.now()
        with self.store.transaction() as tx:
            return self._new_case(tx, when)

    def _new_case(self, tx: sqlite3.Connection, when: datetime) -> str:
        prefix = f"HS-{when.year}-"
        # The highest numeric sequence, not the last string: "HS-2026-10000" sorts before
        # "HS-2026-9999", and imported numbers may carry suffixes ("HS-2026-0042A").
        last = tx.execute(
            "SELECT max(CAST(substr(number, :n) AS INTEGER)) FROM cases "
            "WHERE number >= :lo AND number < :hi AND substr(number, :n) <> '' "
            "AND substr(number, :n) NOT GLOB '*[^0-9]*'",
            {"n": len(prefix) + 1, "lo": prefix, "hi": prefix[:-1] + "."}).fetchone()[0]
        number = f"{prefix}{(last or 0) + 1:04d}"
        tx.execute("INSERT INTO cases(number, opened_at) VALUES (?, ?)", (number, iso(when)))
        return number

    def _case_id(self, tx: sqlite3.Connection, number: str) -> int:
        row = tx.execute("SELECT id FROM cases WHERE number = ?", (number,)).fetchone()
        if row is not None:
            return int(row[0])
        cur = tx.execute("INSERT INTO cases(number, opened_at) VALUES (?, ?)",
                         (number, iso(self.clock.now())))
        return int(cur.lastrowid or 0)

    def case_for_phone(self, phone: str) -> str:
        """The case of the latest earlier call from this number, if it has one."""
        if not phone:
            return ""
        row = self.store.conn.execute(
            "SELECT k.number FROM calls c JOIN cases k ON k.id = c.case_id "
            "WHERE c.phone = ? AND c.phone <> '' ORDER BY c.received_ts DESC LIMIT 1",
            (phone,)).fetchone()
        return row[0] if row else ""

    def link_to_case(self, call_ids: Iterable[int], case_number: str = "") -> str:
        """Put calls in one case (a new one when no number is given); returns the number."""
        with self.store.transaction() as tx:
            number = case_number or self._new_case(tx, self.clock.now())
            case_id = self._case_id(tx, number)
            tx.executemany("UPDATE calls SET case_id = ? WHERE id = ?",
                           [(case_id, i) for i in call_ids])
        return number

    # -------------------------------------------------------------- follow-ups
    def followups(self, *, until: datetime | None = None,
                  include_done: bool = False, limit: int = -1,
                  conn: sqlite3.Connection | None = None) -> builtins.list[FollowUp]:
        """Open follow-ups due before `until` (default: end of today), oldest first.

        `limit` (-1: all) and `conn` let the window load them on a worker thread.
        """
        until = until or self.clock.end_of(self.clock.today())
        # Two spellings so the open list walks followups_open (done, due_ts) instead of
        # scanning every follow-up ever made ("done = 0 OR ?" defeats the index).
        which = "" if include_done else "f.done = 0 AND "
        rows = (conn or self.store.conn).execute(
            "SELECT f.*, c.summary, c.phone, c.safe_to_call_back, c.callback_note "
            "FROM followups f JOIN calls c ON c.id = f.call_id "
            f"WHERE {which}f.due_ts < ? ORDER BY f.due_ts LIMIT ?",
            (timestamp(until), limit)).fetchall()
        return [FollowUp(r["id"], r["call_id"], r["due_at"], r["assignee"], bool(r["done"]),
                         r["note"], r["summary"], r["phone"],
                         None if r["safe_to_call_back"] is None else bool(r["safe_to_call_back"]),
                         r["callback_note"]) for r in rows]

    def complete_followup(self, followup_id: int, note: str = "") -> None:
        with self.store.transaction() as tx:
            tx.execute("UPDATE followups SET done = 1, done_at = ?, note = ? WHERE id = ?",
                       (iso(self.clock.now()), note, followup_id))

    def update_referral(self, referral_id: int, status: str, note: str | None = None) -> None:
        if status not in self.taxonomy.codes("referral_statuses"):
            raise ValueError(translate("core.calls", "trạng thái chuyển tuyến không hợp lệ: "
                                       "{status}").format(status=status))
        with self.store.transaction() as tx:
            tx.execute("UPDATE referrals SET status = ?, note = coalesce(?, note), "
                       "updated_at = ? WHERE id = ?",
                       (status, note, iso(self.clock.now()), referral_id))

    # ----------------------------------------------------------------- drafts
    def new_draft_id(self) -> str:
        return uuid.uuid4().hex

    def save_draft(self, draft_id: str, data: dict[str, Any], *, operator: str = "",
                   call_id: int | None = None, started_at: str | None = None) -> None:
        """Keep what is being typed; one small durable write, fast enough for every keystroke."""
        now = iso(self.clock.now())
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO drafts(id, call_id, operator, started_at, updated_at, data) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "data = excluded.data, updated_at = excluded.updated_at",
                (draft_id, call_id, operator, started_at or now, now, dumps(data)))

    def drafts(self) -> builtins.list[Draft]:
        rows = self.store.conn.execute("SELECT * FROM drafts ORDER BY started_at").fetchall()
        return [Draft(r["id"], r["started_at"], r["updated_at"], r["operator"],
                      json.loads(r["data"]), r["call_id"]) for r in rows]

    def discard_draft(self, draft_id: str) -> None:
        with self.store.transaction() as tx:
            tx.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))


def stored_phone(raw: str) -> str:
    """E.164 for a typed number; a pseudonym (`h:…`, from a de-identified file) stays as is."""
    if not raw or raw.startswith("h:"):
        return raw
    return phones.normalize(raw)


def fts_query(text: str) -> str:
    """A safe FTS5 query from free text: folded words, all required, each a prefix once it
    has two letters (a one-letter prefix would match nearly every call, slowly)."""
    terms = words(text)
    return " ".join(f'"{t}"*' if len(t) > 1 else f'"{t}"' for t in terms)


def search_match(text: str, category: str | None, level: str | None = None,
                 urgency: str | None = None) -> str:
    """The calls_fts MATCH expression for free text (column `body`) and a category code or
    group, a level, an urgency (column `tags`); "" when none is given."""
    parts = []
    body = fts_query(text)
    if body:
        parts.append(f"body : ({body})")
    for value, token in ((category, category_token), (level, level_token),
                         (urgency, urgency_token)):
        if value:  # a code without letters or digits gives "", which matches nothing
            parts.append(f'tags : "{token(value)}"')
    return " AND ".join(parts)


def _summary(r: sqlite3.Row) -> CallSummary:
    return CallSummary(
        id=r["id"], received_at=r["received_at"], duration_s=r["duration_s"],
        channel=r["channel"], operator=r["operator"], phone=r["phone"],
        caller_name=r["caller_name"], caller_sex=r["caller_sex"],
        caller_age_group=r["caller_age_group"],
        categories=tuple(c for c in r["categories"].split(";") if c), level=r["level"],
        urgency=r["urgency"], summary=r["summary"], follow_up_at=r["follow_up_at"],
        case_number=r["case_number"] or "", received_ts=r["received_ts"])


def parse_day(value: str) -> date:
    """A YYYY-MM-DD date, or ValueError naming the format."""
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(translate("core.calls", "ngày không hợp lệ '{value}' (dùng YYYY-MM-DD)"
                                   ).format(value=value)) from exc


__all__ = ["CallService", "ConflictError", "NotFoundError", "fts_query", "parse_day",
           "parse_iso", "timedelta"]
