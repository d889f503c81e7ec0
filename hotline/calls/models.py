"""Plain data of the call log, passed between the store, the services, the CLI and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Referral:
    """A service the caller was referred to, with a snapshot of its name and phone."""

    name: str
    phone: str = ""
    entry_id: str | None = None
    category: str = ""
    status: str = "suggested"
    note: str = ""
    id: int | None = None
    created_at: str = ""
    created_by: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class Citation:
    """A library article cited to the caller."""

    doc_id: str
    citation: str
    article: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Call:
    """One hotline call (DESIGN section 3). Codes are the stable English identifiers."""

    received_at: datetime
    id: int | None = None
    ended_at: datetime | None = None
    duration_s: int | None = None
    channel: str = "phone_in"
    operator: str = ""
    phone: str = ""  # E.164, a short number such as "111", or "" when withheld
    caller_name: str = ""
    caller_sex: str = "unknown"
    caller_age_group: str = "unknown"
    caller_relation: str = ""
    province_code: str = ""
    ward_code: str = ""
    victim_sex: str = ""
    victim_age_group: str = ""
    vulnerable: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    level: str = "info"
    urgency: str = "routine"
    summary: str = ""
    outcome: str = ""
    safe_to_call_back: bool | None = None
    callback_note: str = ""
    consent_share: bool = False
    follow_up_at: datetime | None = None
    case_number: str = ""
    referrals: tuple[Referral, ...] = ()
    citations: tuple[Citation, ...] = ()
    version: int = 1
    updated_at: str = ""

    def with_changes(self, **changes: Any) -> Call:
        return replace(self, **changes)

    @property
    def day(self) -> str:
        return self.received_at.date().isoformat()


CALL_FIELDS = tuple(f.name for f in fields(Call))


@dataclass(frozen=True)
class CallSummary:
    """One line of the call list: enough to show and open, nothing more."""

    id: int
    received_at: str
    duration_s: int | None
    channel: str
    operator: str
    phone: str
    caller_name: str
    caller_sex: str
    caller_age_group: str
    categories: tuple[str, ...]
    level: str
    urgency: str
    summary: str
    follow_up_at: str | None
    case_number: str
    received_ts: int = 0


@dataclass(frozen=True)
class PriorCall:
    """An earlier call from the same number, shown while the operator types it."""

    id: int
    received_at: str
    level: str
    urgency: str
    categories: tuple[str, ...]
    summary: str
    case_number: str


@dataclass(frozen=True)
class CallVersion:
    """An earlier state of a call, kept when it was edited."""

    version: int
    saved_at: str
    operator: str
    call: Call


@dataclass(frozen=True)
class Draft:
    """What an operator was typing, saved continuously, to resume after a crash."""

    id: str
    started_at: str
    updated_at: str
    operator: str
    data: dict[str, Any] = field(default_factory=dict)
    call_id: int | None = None


@dataclass(frozen=True)
class FollowUp:
    id: int
    call_id: int
    due_at: str
    assignee: str
    done: bool
    note: str
    call_summary: str = ""
    phone: str = ""
    safe_to_call_back: bool | None = None
    callback_note: str = ""


@dataclass(frozen=True)
class CallFilter:
    """Filters of the call list and `calls list`. Dates are local YYYY-MM-DD, inclusive."""

    date_from: str | None = None
    date_to: str | None = None
    text: str = ""
    category: str | None = None  # a code, or a group prefix such as "dv"
    level: str | None = None
    urgency: str | None = None
    phone: str | None = None  # stored (E.164) form
    case_number: str | None = None
