"""Synthetic demo data: believable, reproducible, and valid."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hotline.app import App
from hotline.calls import demo
from hotline.calls.models import CallFilter
from hotline.calls.service import CallService
from hotline.calls.taxonomy import is_non_counselling
from hotline.calls.validation import validate
from hotline.clock import FixedClock

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
END = datetime(2026, 3, 31, 18, 0, tzinfo=TZ)


def test_generate_is_reproducible_valid_and_believable(app: App) -> None:
    calls = list(demo.generate(1500, days=30, seed=4, end=END))
    again = list(demo.generate(1500, days=30, seed=4, end=END))
    assert calls == again
    assert calls != list(demo.generate(1500, days=30, seed=5, end=END))
    assert all(END - timedelta(days=30) <= c.received_at <= END for c in calls)
    night = [c for c in calls if c.received_at.hour < 7]
    assert len(night) < 0.15 * len(calls)                   # calls cluster in the daytime
    for call in calls:  # every demo call passes the same checks as a typed one
        assert validate(call, app.taxonomy, new_follow_up=False) == [], call
    counselling = [c for c in calls if not is_non_counselling(c.categories)]
    sexes = Counter(c.caller_sex for c in counselling)
    assert sexes["female"] > 3 * sexes["male"] > 0          # mostly women call
    groups = Counter(c.categories[0].split(".")[0] for c in calls)
    assert groups.most_common(1)[0][0] == "dv"              # DV is the main issue
    assert 0.05 < groups["nc"] / len(calls) < 0.2           # a share of silent/hang-ups
    phones = Counter(c.phone for c in calls if c.phone)
    assert sum(1 for n in phones.values() if n > 1) > 20    # repeat callers
    assert 0.02 < sum(1 for c in calls if not c.phone) / len(calls) < 0.12  # withheld
    assert len({c.province_code for c in calls if c.province_code}) > 20
    assert any("Nguyễn" in c.caller_name for c in calls)
    assert any(c.referrals for c in calls) and any(c.case_number for c in calls)
    assert {c.level for c in calls} == set(app.taxonomy.codes("levels"))


def test_fill_settles_old_follow_ups(app: App) -> None:
    svc = CallService(app.store, app.taxonomy, FixedClock(fixed=END))
    written = demo.fill(svc, 600, days=20, seed=2)
    assert written == 600 == svc.count(CallFilter())
    open_items = svc.followups(until=END + timedelta(days=5))
    done = svc.followups(until=END + timedelta(days=5), include_done=True)
    assert 0 < len(open_items) < len(done) / 3
    overdue = [f for f in open_items if f.due_at < (END - timedelta(days=2)).isoformat()]
    assert 0 < len(overdue) < 0.1 * len(done)  # a few left overdue, as in a real center


def test_a_repeat_caller_keeps_their_sex():
    """A name comes back with the sex it was first given (a 'Thị' is not recorded male)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from hotline.calls import demo

    end = datetime(2026, 11, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    calls = list(demo.generate(3000, days=60, seed=3, end=end))
    sexes: dict[str, set[str]] = {}
    for call in calls:
        if call.caller_name:
            sexes.setdefault(call.caller_name, set()).add(call.caller_sex)
    repeated = [n for n in sexes if sum(c.caller_name == n for c in calls) > 1]
    assert repeated, "the demo has no repeat callers with a name"
    assert all(len(s) == 1 for s in sexes.values()), {n: s for n, s in sexes.items()
                                                       if len(s) > 1}
