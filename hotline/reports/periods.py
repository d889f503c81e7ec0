"""Report periods: a day, a week, a month, a quarter, a year or any range of local dates.

Dates are the center's local calendar days (the `calls.day` column), both ends inclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from hotline.translation import translate

KINDS = ("day", "week", "month", "quarter", "year", "range")
ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: str = "range"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(translate(
                "core.reports", "kỳ báo cáo không hợp lệ: {start} sau {end}").format(
                    start=self.start, end=self.end))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    def months(self) -> list[str]:
        """The months the period touches, as YYYY-MM."""
        out = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    @property
    def label(self) -> str:
        """How the period is named in a Vietnamese report title."""
        s, e = self.start, self.end
        if self.kind == "day" or s == e:
            return f"ngày {vn_date(s)}"
        if self.kind == "month":
            return f"tháng {s.month:02d}/{s.year}"
        if self.kind == "quarter":
            return f"quý {ROMAN[(s.month - 1) // 3]}/{s.year}"
        if self.kind == "year":
            return f"năm {s.year}"
        if self.kind == "week":
            return f"tuần từ ngày {vn_date(s)} đến ngày {vn_date(e)}"
        return f"từ ngày {vn_date(s)} đến ngày {vn_date(e)}"

    @property
    def slug(self) -> str:
        """The period in file names: 2026-03-05, 2026-03, 2026-q1, 2026, 2026-03-02_2026-03-08."""
        s, e = self.start, self.end
        if s == e:
            return s.isoformat()
        if self.kind == "month":
            return f"{s.year:04d}-{s.month:02d}"
        if self.kind == "quarter":
            return f"{s.year:04d}-q{(s.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"{s.year:04d}"
        return f"{s.isoformat()}_{e.isoformat()}"


def vn_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def period_of(kind: str, day: date) -> Period:
    """The day, week (Monday–Sunday), month, quarter or year containing `day`."""
    if kind == "day":
        return Period(day, day, "day")
    if kind == "week":
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=6), "week")
    if kind == "month":
        return Period(day.replace(day=1), _month_end(day.year, day.month), "month")
    if kind == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return Period(date(day.year, first, 1), _month_end(day.year, first + 2), "quarter")
    if kind == "year":
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), "year")
    raise ValueError(translate("core.reports", "loại kỳ không hợp lệ: {kind} (dùng: {allowed})"
                               ).format(kind=kind, allowed=", ".join(KINDS[:-1])))


def classify(start: date, end: date) -> Period:
    """A range named as what it is: exactly a month, a quarter, a year, a week or a day."""
    for kind in ("day", "week", "month", "quarter", "year"):
        candidate = period_of(kind, start)
        if candidate.start == start and candidate.end == end:
            return candidate
    return Period(start, end, "range")


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)
