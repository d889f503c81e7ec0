"""The audit log: append-only and tamper-evident.

Each entry records who did what to which record and which fields — never the values, so the
log is not a second copy of the sensitive data (DESIGN §8). Entries are chained: each hash
covers every field of the entry in one fixed order plus the previous entry's hash, so a
changed, removed or inserted entry breaks the chain, and `verify()` finds where. Purging old
entries keeps a checkpoint entry carrying the last purged hash, so the chain still verifies.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from hotline.clock import Clock, iso
from hotline.store.db import Store
from hotline.translation import translate

GENESIS = "0" * 64
CHECKPOINT = "audit.checkpoint"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    fields: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    reason: str = ""


def entry_hash(prev_hash: str, entry_id: int, at: str, actor: str, action: str, target: str,
               fields: str, detail: str) -> str:
    payload = json.dumps([prev_hash, entry_id, at, actor, action, target, fields, detail],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class AuditLog:
    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def record(self, actor: str, action: str, target: str = "",
               fields: tuple[str, ...] | list[str] = (), detail: str = "") -> None:
        """Append an entry (joins the caller's transaction if one is open)."""
        with self.store.transaction() as tx:
            self._append(tx, actor, action, target, ";".join(fields), detail)

    def _append(self, tx: sqlite3.Connection, actor: str, action: str, target: str,
                fields: str, detail: str) -> None:
        last = tx.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        prev = last["hash"] if last else GENESIS
        entry_id = (last["id"] if last else 0) + 1
        at = iso(self.clock.now())
        digest = entry_hash(prev, entry_id, at, actor, action, target, fields, detail)
        tx.execute("INSERT INTO audit(id, at, actor, action, target, fields, detail, prev_hash, "
                   "hash) VALUES (?,?,?,?,?,?,?,?,?)",
                   (entry_id, at, actor, action, target, fields, detail, prev, digest))

    def entries(self, *, actor: str | None = None, action: str | None = None,
                since: str | None = None, until: str | None = None,
                limit: int = 500) -> list[AuditEntry]:
        clauses, params = [], []
        if actor:
            clauses.append("actor = ?")
            params.append(actor)
        if action:
            clauses.append("action LIKE ?")
            params.append(action + "%")
        if since:
            clauses.append("at >= ?")
            params.append(since)
        if until:
            clauses.append("at < ?")
            params.append(until)
        where = " AND ".join(clauses) or "1"
        rows = self.store.conn.execute(
            f"SELECT * FROM audit WHERE {where} ORDER BY id DESC LIMIT ?",
            [*params, limit]).fetchall()
        return [AuditEntry(r["id"], r["at"], r["actor"], r["action"], r["target"],
                           tuple(f for f in r["fields"].split(";") if f), r["detail"])
                for r in rows]

    def verify(self) -> VerifyResult:
        """Recompute the chain from the first entry kept; report the first break."""
        prev = GENESIS
        checked = 0
        expected_id = 1
        for index, r in enumerate(self.store.conn.execute("SELECT * FROM audit ORDER BY id")):
            if r["action"] == CHECKPOINT:
                if index != 0:
                    return VerifyResult(False, checked, r["id"], translate(
                        "core.security", "điểm kiểm tra giữa chuỗi"))
                # The anchor left by a purge: it carries the last purged entry's hash.
                prev, expected_id = r["hash"], r["id"] + 1
                checked += 1
                continue
            if r["id"] != expected_id:
                return VerifyResult(False, checked, expected_id, translate(
                    "core.security", "thiếu mục (bị xóa)"))
            if r["prev_hash"] != prev:
                return VerifyResult(False, checked, r["id"], translate(
                    "core.security", "chuỗi băm bị đứt"))
            digest = entry_hash(r["prev_hash"], r["id"], r["at"], r["actor"], r["action"],
                                r["target"], r["fields"], r["detail"])
            if digest != r["hash"]:
                return VerifyResult(False, checked, r["id"], translate(
                    "core.security", "nội dung mục đã bị sửa"))
            prev = r["hash"]
            expected_id = r["id"] + 1
            checked += 1
        return VerifyResult(True, checked)

    def purge_before(self, cutoff: datetime, actor: str) -> int:
        """Remove entries older than `cutoff`, leaving a checkpoint so the chain verifies."""
        with self.store.transaction() as tx:
            rows = tx.execute("SELECT * FROM audit WHERE at < ? AND action <> ? ORDER BY id",
                              (iso(cutoff), CHECKPOINT)).fetchall()
            if not rows:
                return 0
            last = rows[-1]
            tx.execute("DELETE FROM audit WHERE id <= ?", (last["id"],))
            # The checkpoint takes the place of the last purged entry and keeps its hash, so
            # the next entry still chains to it.
            tx.execute("INSERT INTO audit(id, at, actor, action, target, fields, detail, "
                       "prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?)",
                       (last["id"], last["at"], actor, CHECKPOINT, "", "",
                        f"{len(rows)} mục trước {iso(cutoff)} đã xóa", last["prev_hash"],
                        last["hash"]))
            self._append(tx, actor, "audit.purge", "", "", f"{len(rows)}")
            return len(rows)
