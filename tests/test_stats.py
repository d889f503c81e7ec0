"""The statistics engine against a hand-computed fixture: a handful of calls with known values
on 2026-03-05, one the day before (a returning caller) and one the day after (outside)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hotline.app import App
from hotline.calls.models import Call, Referral
from hotline.reports.periods import Period, classify, period_of
from hotline.reports.stats import StatsEngine

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

D = date(2026, 3, 5)
A, B, C = "0912345678", "0987654321", "0901234567"


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 3, day, hh, mm, tzinfo=TZ)


def fixture_calls() -> list[Call]:
    return [
        Call(received_at=at(4, 20), phone=C, caller_sex="male", caller_age_group="30-44",
             caller_relation="self", categories=("psy.distress",), level="counsel",
             duration_s=100, province_code="01"),
        Call(received_at=at(5, 8, 15), phone=A, caller_sex="female",
             caller_age_group="30-44", caller_relation="self", province_code="01",
             categories=("dv.physical", "dv.psychological"), level="counsel",
             duration_s=300, summary="Chồng đánh, chị Lan bị thương"),
        Call(received_at=at(5, 9, 40), phone=B, caller_sex="male", caller_age_group="45-59",
             caller_relation="family", victim_sex="female", victim_age_group="12-15",
             province_code="79", categories=("child.violence",), level="referral",
             urgency="priority", duration_s=600, follow_up_at=at(5, 15),
             referrals=(Referral(name="Công an phường", category="police", status="contacted"),
                        Referral(name="Nhà tạm lánh", category="shelter"))),
        Call(received_at=at(5, 10, 5), phone=A, caller_sex="female", caller_age_group="18-29",
             caller_relation="self", province_code="01", categories=("sv.harassment_work",),
             level="info", duration_s=200, vulnerable=("pregnant",)),
        Call(received_at=at(5, 14, 30), categories=("nc.silent",), level="info",
             duration_s=10),
        Call(received_at=at(5, 22, 10), phone=C, caller_sex="male", caller_age_group="30-44",
             caller_relation="self", categories=("psy.suicide_risk",), level="intervention",
             urgency="emergency", channel="message", follow_up_at=at(6, 9),
             referrals=(Referral(name="Trạm y tế", category="health", status="completed"),)),
        Call(received_at=at(6, 9), phone=B, caller_sex="male", caller_relation="family",
             categories=("info.law",), level="info", duration_s=50),
    ]


@pytest.fixture
def filled(app: App) -> App:
    app.calls.write_many(fixture_calls(), operator="Lê Thu Trang")
    return app


def stats_for(app: App, start: date, end: date, as_of: datetime):
    return StatsEngine(app.taxonomy, app.clock).compute(app.store.conn, classify(start, end),
                                                       as_of=as_of)


def test_key_figures_match_hand_count(filled: App) -> None:
    s = stats_for(filled, D, D, at(5, 12))
    k = s.key
    assert s.sexes == ("female", "male", "other", "unknown")
    assert (k.calls, k.counselling, k.non_counselling) == (5, 4, 1)
    assert k.counselling_by_sex == (3, 1, 0, 0)  # call 2 counts its victim (female)
    assert (k.emergencies, k.priority, k.referrals) == (1, 1, 3)
    assert (k.distinct_callers, k.repeat_callers, k.returning_callers, k.withheld) == (3, 1, 1, 1)
    assert k.avg_duration_s == pytest.approx((300 + 600 + 200 + 10) / 4)
    assert k.avg_duration_counselling_s == pytest.approx(1100 / 3)
    assert (k.followups_due, k.followups_done, k.followups_overdue, k.followups_pending) == \
        (1, 0, 0, 1)


def test_tables_disaggregated_by_sex(filled: App) -> None:
    s = stats_for(filled, D, D, at(5, 12))
    cat = s.by_category
    assert cat.count("dv.physical", "female") == 1
    assert cat.count("dv.psychological", "female") == 1
    assert cat.count("child.violence", "female") == 1  # the victim, not the male caller
    assert cat.count("child.violence", "male") == 0
    assert cat.count("nc.silent", "unknown") == 1
    assert cat.count("psy.suicide_risk", "male") == 1
    assert not cat.summable  # a call with two categories counts twice
    grp = s.by_category_group
    assert grp.count("dv") == 1  # one call, two dv categories: once in the group
    assert (grp.count("child", "female"), grp.count("nc", "unknown")) == (1, 1)
    age = s.by_age_group
    assert (age.count("30-44", "female"), age.count("30-44", "male")) == (1, 1)
    assert (age.count("12-15", "female"), age.count("18-29", "female")) == (1, 1)
    assert age.total == 4  # counselling calls only
    rel = s.by_relation  # the caller's own sex
    assert (rel.count("self", "female"), rel.count("self", "male")) == (2, 1)
    assert rel.count("family", "male") == 1
    assert s.by_level.count("counsel", "female") == 1
    assert s.by_level.count("intervention", "male") == 1
    assert s.by_urgency.count("routine", "female") == 2
    assert s.by_urgency.count("emergency", "male") == 1
    assert s.by_channel.count("phone_in", "female") == 3
    assert s.by_channel.count("phone_in", "unknown") == 1
    assert s.by_channel.count("message", "male") == 1
    assert s.by_province.count("01", "female") == 2
    assert s.by_province.count("79", "female") == 1
    assert s.by_province.count("", "male") == 1
    assert s.by_vulnerable.count("pregnant", "female") == 1
    hours = {r.key: r.total for r in s.by_hour.rows if r.total}
    assert hours == {"08": 1, "09": 1, "10": 1, "14": 1, "22": 1}
    assert len(s.by_hour.rows) == 24


def test_referrals_followups_and_callers(filled: App) -> None:
    s = stats_for(filled, D, D, at(5, 16))
    ref = s.referrals_by_category
    assert ref.columns == ("suggested", "contacted", "accepted", "completed", "declined")
    assert ref.count("police", "contacted") == 1
    assert ref.count("shelter", "suggested") == 1
    assert ref.count("health", "completed") == 1
    assert s.referrals_by_sex.count("police", "female") == 1
    assert s.referrals_by_sex.count("health", "male") == 1
    # as of 16:00 the 15:00 follow-up is overdue; the one due tomorrow is not in the period
    assert s.followups.count("due") == 1 and s.followups.count("overdue") == 1
    callers = s.callers
    assert callers.count("distinct", "female") == 1 and callers.count("distinct", "male") == 2
    assert callers.count("repeat", "female") == 1  # A called twice
    assert callers.count("returning", "male") == 1  # C had called on 4 March


def test_done_followup_is_counted_done(filled: App) -> None:
    fu = filled.calls.followups(until=at(5, 23))
    filled.calls.complete_followup(fu[0].id, "đã gọi lại")
    s = stats_for(filled, D, D, at(5, 23))
    assert (s.key.followups_done, s.key.followups_overdue) == (1, 0)


def test_no_number_leaves_the_engine(filled: App) -> None:
    s = stats_for(filled, D, D, at(5, 12))
    text = repr(s)
    for number in (A, B, C, "+84912345678", "912345678"):
        assert number not in text
    assert "Lan" not in text


def test_empty_period(app: App) -> None:
    s = stats_for(app, D, D, at(5, 12))
    assert s.key.calls == 0 and s.key.avg_duration_s is None
    assert s.by_category.non_empty().rows == ()


def test_month_by_month_for_long_periods(filled: App) -> None:
    s = stats_for(filled, date(2026, 2, 1), date(2026, 4, 30), at(30, 12))
    assert s.by_month is not None and s.by_day is None
    months = {r.key: r for r in s.by_month.rows}
    assert list(months) == ["2026-02", "2026-03", "2026-04"]
    march = months["2026-03"]
    col = s.by_month.columns.index
    assert march.counts[col("calls")] == 7
    assert march.counts[col("counselling")] == 6
    assert march.counts[col("non_counselling")] == 1
    assert march.counts[col("counselling_female")] == 3
    assert march.counts[col("counselling_male")] == 3
    assert march.counts[col("emergency")] == 1
    assert march.counts[col("referrals")] == 3
    assert months["2026-02"].counts[col("calls")] == 0


def test_week_has_day_by_day(filled: App) -> None:
    week = period_of("week", D)
    assert (week.start, week.end) == (date(2026, 3, 2), date(2026, 3, 8))
    s = StatsEngine(filled.taxonomy, filled.clock).compute(filled.store.conn, week,
                                                          as_of=at(9, 0))
    assert s.by_day is not None
    days = {r.key: r.counts[0] for r in s.by_day.rows}
    assert len(days) == 7 and days["2026-03-05"] == 5 and days["2026-03-04"] == 1


def test_periods() -> None:
    assert period_of("month", D).label == "tháng 03/2026"
    assert period_of("quarter", D).label == "quý I/2026"
    assert period_of("quarter", date(2026, 11, 2)).end == date(2026, 12, 31)
    assert period_of("year", D).slug == "2026"
    assert classify(date(2026, 3, 1), date(2026, 3, 31)).kind == "month"
    assert classify(date(2026, 3, 1), date(2026, 3, 30)).kind == "range"
    assert Period(D, D).label == "ngày 05/03/2026"
    with pytest.raises(ValueError):
        Period(D, date(2026, 3, 4))
