"""What a report says, as plain data: who issues it, the day's calls, the follow-ups due,
a revision.

Kept apart from `hotline.reports.pdf` so that the services building these (the report
service, the sync) load without reportlab: it costs ~0.2 s and ~20 MB at every start of the
window and the command line, and is imported only when a PDF is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Header:
    """Who issues the report, from settings (DESIGN §5: never hard-coded)."""

    center_name: str
    parent_body: str = ""
    abbreviation: str = ""
    place: str = ""
    issued: date | None = None
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str = ""
    prepared_by: str = ""
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class DayCall:
    """One line of the day's call list, without personal data."""

    id: int
    time: str  # HH:MM
    categories: tuple[str, ...]  # labels
    level: str  # label
    urgency: str  # code
    urgency_label: str
    operator: str
    referrals: tuple[str, ...] = ()  # "name (status)"
    counselling: bool = True


@dataclass(frozen=True)
class DueFollowUp:
    due: str  # dd/mm HH:MM
    call_id: int
    categories: tuple[str, ...]
    assignee: str
    status: str  # label: done / overdue / pending
    safe_to_call_back: str  # Có / Không / Chưa hỏi


@dataclass(frozen=True)
class Revision:
    number: int  # 1, 2 …
    reason: str
    replaces: str = ""  # e.g. "đã đồng bộ lúc 17:30 ngày 25/11/2026"
