"""Opening hours of a service, structured enough to answer "is it open now?".

The stored (canonical) form is a small subset of OpenStreetMap's `opening_hours`, chosen
because it is compact in a CSV cell and already known to data people:

    24/7
    Mo-Fr 07:30-11:30,13:30-17:00; Sa 07:30-11:30
    Mo-Su 18:00-06:00          (a night service: a range may cross midnight)

Vietnamese day names are accepted when typing or importing (T2–T7, CN, "Thứ 2") and are what
the window shows. An empty text means "hours not known": open-now is then unknown, not false.
Public holidays are not modelled; the notes say so where it matters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from hotline.text import fold
from hotline.translation import translate

DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_LABELS_VI = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
DAY_NAMES_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
MINUTES_PER_DAY = 24 * 60

_DAY_ALIASES: dict[str, int] = {}
for _i, _code in enumerate(DAY_CODES):
    _DAY_ALIASES[_code.lower()] = _i
for _i, _label in enumerate(("t2", "t3", "t4", "t5", "t6", "t7")):
    _DAY_ALIASES[_label] = _i
    _DAY_ALIASES[f"thu {_i + 2}"] = _i
    _DAY_ALIASES[f"thu{_i + 2}"] = _i
_DAY_ALIASES.update({
    "cn": 6, "chu nhat": 6, "chunhat": 6, "thu hai": 0, "thu ba": 1, "thu tu": 2,
    "thu nam": 3, "thu sau": 4, "thu bay": 5,
    # iCalendar BYDAY codes, as used by HSDS schedules
    "mo.": 0, "tu.": 1, "we.": 2, "th.": 3, "fr.": 4, "sa.": 5, "su.": 6,
})

Range = tuple[int, int]  # minutes since midnight; end <= start means "until the next day"


class HoursError(ValueError):
    """Hours that cannot be read; the message says what was expected."""


@dataclass(frozen=True)
class Hours:
    """Per-weekday opening ranges (Monday = 0), or always open."""

    always: bool = False
    days: tuple[tuple[Range, ...], ...] = ((),) * 7

    @property
    def known(self) -> bool:
        return self.always or any(self.days)

    def is_open(self, when: datetime) -> bool | None:
        """Open at `when` (local time of the service)? None when the hours are not known."""
        if self.always:
            return True
        if not self.known:
            return None
        day = when.weekday()
        minute = when.hour * 60 + when.minute
        for start, end in self.days[day]:
            if start < end and start <= minute < end:
                return True
            if end <= start and minute >= start:
                return True
        return any(end <= start and minute < end for start, end in self.days[(day - 1) % 7])


ALWAYS = Hours(always=True)
UNKNOWN = Hours()

_ALWAYS_WORDS = {"24/7", "24 7", "24/24", "24h/7", "24/24h", "ca ngay", "suot ngay dem",
                 "24/24 ca tuan", "24/24 tat ca cac ngay"}
_TIME = re.compile(r"^(\d{1,2})(?:[:h.](\d{2}))?h?$")


def _minute(text: str, *, end: bool = False) -> int:
    match = _TIME.match(text.strip().lower())
    if not match:
        raise HoursError(translate("core.directory", "giờ không hợp lệ '{value}' (dùng HH:MM, "
                                   "ví dụ 07:30)").format(value=text))
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour == 24 and minute == 0 and end:
        return MINUTES_PER_DAY
    if hour > 23 or minute > 59:
        raise HoursError(translate("core.directory", "giờ không hợp lệ '{value}'").format(
            value=text))
    return hour * 60 + minute


def _day(text: str) -> int:
    key = fold(text).strip().replace("  ", " ")
    if key in _DAY_ALIASES:
        return _DAY_ALIASES[key]
    raise HoursError(translate("core.directory", "không hiểu ngày '{value}' (dùng Mo…Su hoặc "
                               "T2…T7, CN)").format(value=text))


def _days(spec: str) -> list[int]:
    found: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 1:
            found.append(_day(bounds[0]))
        elif len(bounds) == 2:
            first, last = _day(bounds[0]), _day(bounds[1])
            day = first
            while True:
                found.append(day)
                if day == last:
                    break
                day = (day + 1) % 7
        else:
            raise HoursError(translate(
                "core.directory", "khoảng ngày không hợp lệ '{value}'").format(value=part))
    return found


def _ranges(spec: str) -> list[Range]:
    spec = spec.strip()
    if fold(spec) in ("off", "closed", "nghi", "dong cua"):
        return []
    ranges: list[Range] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) != 2:
            raise HoursError(translate("core.directory", "khoảng giờ không hợp lệ '{value}' (dùng "
                                       "07:30-17:00)").format(value=part))
        start, end = _minute(bounds[0]), _minute(bounds[1], end=True)
        if end == 0:
            end = MINUTES_PER_DAY
        if start == end:
            raise HoursError(translate("core.directory", "khoảng giờ '{value}' bắt đầu và kết thúc "
                                       "cùng lúc").format(value=part))
        ranges.append((start, end))
    return ranges


# Where the times of a rule begin: "T2-T6 07:30-17:00" → at "07:30" (the 2 of T2 is no time).
_TIMES_START = re.compile(
    r"(?<!\w)(?:\d{1,2}(?:[:h.]\d{2})?h?\s*[-–]\s*\d{1,2}|off\b|closed\b|nghỉ\b|đóng cửa\b)",
    re.IGNORECASE)


@lru_cache(maxsize=4096)
def parse(text: str) -> Hours:
    """Read hours typed by a person or stored canonically; raise HoursError when unreadable."""
    text = (text or "").strip()
    if not text:
        return UNKNOWN
    if fold(text).replace(" ", "") in {w.replace(" ", "") for w in _ALWAYS_WORDS}:
        return ALWAYS
    days: list[list[Range]] = [[] for _ in range(7)]
    for rule in re.split(r"\s*;\s*", text):
        if not rule:
            continue
        match = _TIMES_START.search(rule)
        if not match:
            raise HoursError(translate("core.directory", "không hiểu '{value}' (ví dụ: Mo-Fr "
                                       "07:30-17:00; Sa 07:30-11:30)").format(value=rule))
        day_spec = rule[:match.start()].strip().rstrip(":").strip()
        which = _days(day_spec) if day_spec else list(range(7))
        ranges = _ranges(rule[match.start():])
        for day in which:
            days[day] = list(ranges)  # a later rule for the same day replaces an earlier one
    hours = Hours(days=tuple(tuple(sorted(d)) for d in days))
    if all(d == ((0, MINUTES_PER_DAY),) for d in hours.days):
        return ALWAYS
    return hours


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _range_text(r: Range) -> str:
    return f"{_hhmm(r[0])}-{_hhmm(r[1])}"


def _groups(hours: Hours) -> list[tuple[list[int], tuple[Range, ...]]]:
    """Consecutive weekdays sharing the same ranges, Monday first."""
    groups: list[tuple[list[int], tuple[Range, ...]]] = []
    for day, ranges in enumerate(hours.days):
        if not ranges:
            continue
        if groups and groups[-1][1] == ranges and groups[-1][0][-1] == day - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], ranges))
    return groups


def canonical(hours: Hours) -> str:
    """The stored form: "24/7", "Mo-Fr 07:30-17:00; Sa 07:30-11:30", or "" when unknown."""
    if hours.always:
        return "24/7"
    parts = []
    for days, ranges in _groups(hours):
        first, last = DAY_CODES[days[0]], DAY_CODES[days[-1]]
        span = first if len(days) == 1 else f"{first}-{last}"
        parts.append(f"{span} {','.join(_range_text(r) for r in ranges)}")
    return "; ".join(parts)


def normalise(text: str) -> str:
    """Canonical form of typed hours (raises HoursError)."""
    return canonical(parse(text))


def describe(hours: Hours, lang: str = "vi") -> str:
    """For people: "T2–T6 07:30–11:30, 13:30–17:00; T7 07:30–11:30" or "24/7"."""
    if hours.always:
        return "24/7" if lang != "vi" else "24/7 (cả ngày, mọi ngày)"
    if not hours.known:
        return "" if lang != "vi" else "chưa rõ giờ làm việc"
    labels = DAY_CODES if lang != "vi" else DAY_LABELS_VI
    parts = []
    for days, ranges in _groups(hours):
        span = labels[days[0]] if len(days) == 1 else f"{labels[days[0]]}–{labels[days[-1]]}"
        times = ", ".join(f"{_hhmm(a)}–{_hhmm(b)}" for a, b in ranges)
        parts.append(f"{span} {times}")
    return "; ".join(parts)


def weekly_rules(hours: Hours) -> list[tuple[tuple[int, ...], Range]]:
    """One (weekdays, range) rule per distinct range: what an HSDS schedule row holds."""
    if hours.always:
        return [(tuple(range(7)), (0, MINUTES_PER_DAY))]
    rules: dict[Range, list[int]] = {}
    for day, ranges in enumerate(hours.days):
        for r in ranges:
            rules.setdefault(r, []).append(day)
    return [(tuple(days), r) for r, days in sorted(rules.items(), key=lambda kv: (kv[1], kv[0]))]


def from_rules(rules: list[tuple[list[int], Range]]) -> Hours:
    """The inverse of `weekly_rules` (HSDS import)."""
    days: list[list[Range]] = [[] for _ in range(7)]
    for which, r in rules:
        for day in which:
            if r not in days[day]:
                days[day].append(r)
    hours = Hours(days=tuple(tuple(sorted(d)) for d in days))
    if all(d == ((0, MINUTES_PER_DAY),) for d in hours.days):
        return ALWAYS
    return hours


def hhmm(minute: int) -> str:
    """"07:30" for 450; 24:00 for the end of the day."""
    return _hhmm(minute)
