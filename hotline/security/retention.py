"""Retention: after a configured number of years, calls lose what identifies the caller.

Names, numbers, summaries, outcomes and call-back notes are removed; the codes that the
statistics count (date, categories, level, sex, age group, province …) stay, and the number is
replaced by its keyed hash so repeat callers are still counted. Earlier versions and drafts of
those calls go too: they are copies of the same personal data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hotline.calls.service import CallService
from hotline.clock import iso
from hotline.security.audit import AuditLog
from hotline.translation import translate


@dataclass(frozen=True)
class RetentionResult:
    cutoff: str
    calls: int


def cutoff_for(now: datetime, years: int) -> datetime:
    if years < 1:
        raise ValueError(translate("core.security", "thời hạn lưu trữ phải từ 1 năm trở lên"))
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def apply(calls: CallService, audit: AuditLog, *, years: int, actor: str,
          now: datetime | None = None) -> RetentionResult:
    """De-identify calls received before `now - years`; audited; one transaction."""
    now = now or calls.clock.now()
    cutoff = cutoff_for(now, years)
    cutoff_ts = int(cutoff.timestamp())
    store = calls.store
    rows = store.conn.execute(
        "SELECT id, phone FROM calls WHERE received_ts < ? AND (caller_name <> '' OR "
        "summary <> '' OR outcome <> '' OR callback_note <> '' OR "
        "(phone <> '' AND phone NOT LIKE 'h:%'))", (cutoff_ts,)).fetchall()
    hashes = {r["phone"]: calls.phone_hash(r["phone"]) for r in rows
              if r["phone"] and not r["phone"].startswith("h:")}
    with store.transaction() as tx:
        for r in rows:
            tx.execute("UPDATE calls SET caller_name = '', summary = '', outcome = '', "
                       "callback_note = '', phone = ? WHERE id = ?",
                       (hashes.get(r["phone"], r["phone"]), r["id"]))
            tx.execute("DELETE FROM call_versions WHERE call_id = ?", (r["id"],))
            tx.execute("DELETE FROM drafts WHERE call_id = ?", (r["id"],))
            tx.execute("UPDATE referrals SET note = '' WHERE call_id = ?", (r["id"],))
            tx.execute("UPDATE followups SET note = '' WHERE call_id = ?", (r["id"],))
        audit.record(actor, "retention.apply", "", ("caller_name", "phone", "summary",
                                                    "outcome", "callback_note"),
                     f"{len(rows)} calls before {iso(cutoff)}")
    # Free the pages that held the removed text so it cannot be read from the file.
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return RetentionResult(iso(cutoff), len(rows))
