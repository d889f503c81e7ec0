"""The center's local time. Services take a Clock so tests can fix "now"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class Clock:
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TZ))

    def now(self) -> datetime:
        """Now, in the center's time zone, to the second."""
        return datetime.now(self.tz).replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def start_of(self, day: date) -> datetime:
        return datetime.combine(day, time(0, 0), self.tz)

    def end_of(self, day: date) -> datetime:
        return self.start_of(day + timedelta(days=1))

    def localize(self, value: datetime) -> datetime:
        """Attach the center's zone to a naive time; convert an aware one."""
        if value.tzinfo is None:
            return value.replace(tzinfo=self.tz)
        return value.astimezone(self.tz)


@dataclass(frozen=True)
class FixedClock(Clock):
    """A clock stopped at one instant (tests, demo data)."""

    fixed: datetime = field(
        default_factory=lambda: datetime(2026, 1, 1, tzinfo=ZoneInfo(DEFAULT_TZ)))

    def now(self) -> datetime:
        return self.fixed.astimezone(self.tz)


def parse_iso(value: str) -> datetime:
    """Parse ISO 8601 (with `Z` accepted) — raises ValueError with the offending text."""
    return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))


def iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value is not None else ""
