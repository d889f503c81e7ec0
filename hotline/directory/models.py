"""Plain data of the support directory, passed between the store, the services, the CLI and
the window. Close to Open Referral HSDS (organization, service, location, phone, schedule),
flattened to one entry per service at a place, which is what an operator refers a caller to.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any

from hotline import phones as phone_numbers
from hotline.directory import hours as hours_mod

ORIGIN_BUNDLED = "bundled"  # shipped with Hotline (national hotlines); updated with the app
ORIGIN_LOCAL = "local"  # typed in by the center
ORIGIN_IMPORTED = "imported"  # came from a CSV or HSDS file

STALE_AFTER_MONTHS = 12

# Proximity of an entry to the caller, in the order results are shown.
NEAR_WARD, NEAR_PROVINCE, NATIONAL, ELSEWHERE = 0, 1, 2, 3


@dataclass(frozen=True)
class EntryPhone:
    """One number of a service with what it is for ("Trực ban", "Zalo", "Cấp cứu")."""

    number: str  # stored form: E.164, or a short number such as "111"
    label: str = ""

    @property
    def display(self) -> str:
        """National format for people: "024 3825 1234", "111", "1800 1233"."""
        return phone_numbers.display(self.number)


@dataclass(frozen=True)
class Entry:
    """A support service: who, what, where, how to reach it and how sure we are of it."""

    name: str
    id: str = ""
    organisation: str = ""
    categories: tuple[str, ...] = ()  # taxonomy `directory_categories` codes
    province_code: str = ""  # official two-digit code; "" for a national service
    ward_code: str = ""  # official five-digit code, or ""
    address: str = ""
    phones: tuple[EntryPhone, ...] = ()
    hours: str = ""  # canonical hours (hours.py): "24/7", "Mo-Fr 07:30-17:00", "" unknown
    services: str = ""
    eligibility: str = ""
    languages: tuple[str, ...] = ()  # ISO 639-1 codes ("vi") or names ("Tiếng H'Mông")
    notes: str = ""
    verified_on: str = ""  # YYYY-MM-DD: when someone last checked the entry
    verified_by: str = ""
    active: bool = True
    source: str = ""  # where the data came from (bundle, file, person)
    origin: str = ORIGIN_LOCAL
    created_at: str = ""
    updated_at: str = ""
    version: int = 1

    def with_changes(self, **changes: Any) -> Entry:
        return replace(self, **changes)

    @property
    def national(self) -> bool:
        return not self.province_code

    @property
    def parsed_hours(self) -> hours_mod.Hours:
        try:
            return hours_mod.parse(self.hours)
        except hours_mod.HoursError:
            return hours_mod.UNKNOWN

    def open_at(self, when: datetime) -> bool | None:
        """Open at `when`? None when the hours are not known."""
        return self.parsed_hours.is_open(when)

    def is_stale(self, today: date) -> bool:
        """Not verified within the last 12 months (or never): check before relying on it."""
        if not self.verified_on:
            return True
        try:
            verified = date.fromisoformat(self.verified_on)
        except ValueError:
            return True
        return verified < months_before(today, STALE_AFTER_MONTHS)

    @property
    def first_phone(self) -> str:
        return self.phones[0].number if self.phones else ""

    def content(self) -> dict[str, Any]:
        """The fields that describe the service (not its bookkeeping): what round-trips
        through CSV and HSDS and what decides whether an import changed anything."""
        return {f: getattr(self, f) for f in CONTENT_FIELDS}


CONTENT_FIELDS = (
    "id", "name", "organisation", "categories", "province_code", "ward_code", "address",
    "phones", "hours", "services", "eligibility", "languages", "notes", "verified_on",
    "verified_by", "active", "source",
)
ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the 29th of February becomes the 28th)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


@dataclass(frozen=True)
class DirectoryQuery:
    """What the operator is looking for, and where the caller is.

    `province` and `category` filter; `near_ward`/`near_province` only order the results:
    the same ward first, then the same province, then national services, then the rest.
    """

    text: str = ""
    category: str | None = None
    province: str | None = None
    near_province: str = ""
    near_ward: str = ""
    open_now: bool = False
    include_inactive: bool = False
    limit: int = 50


@dataclass(frozen=True)
class Hit:
    """One search result with what the operator needs to judge it at a glance."""

    entry: Entry
    proximity: int  # NEAR_WARD … ELSEWHERE
    open_now: bool | None
    stale: bool


@dataclass(frozen=True)
class Change:
    """One line of an entry's change log: nothing is removed without a trace."""

    id: int
    entry_id: str
    action: str  # create, update, deactivate, reactivate, import, bundle
    at: str
    by: str
    fields: tuple[str, ...]
    before: dict[str, Any] | None  # the entry as it was (public service data, not personal)
    note: str = ""


@dataclass(frozen=True)
class ReferralItem:
    """A referral with the call it belongs to, for the follow-up list."""

    id: int
    call_id: int
    call_received_at: str
    call_urgency: str
    case_number: str
    entry_id: str | None
    name: str
    phone: str
    category: str
    status: str
    note: str
    created_at: str
    created_by: str
    updated_at: str
