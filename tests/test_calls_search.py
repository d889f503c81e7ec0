"""The call search index (m0006): every filter combination gives exactly what a plain
Python filter over the same calls gives, in list order, whichever query plan serves it;
and the index follows every writer through its triggers."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hotline.calls import demo
from hotline.calls.models import Call, CallFilter
from hotline.calls.service import CallService
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import FixedClock
from hotline.store.db import Store, open_store
from hotline.store.functions import KEY_FACTOR
from hotline.text import words

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
END = datetime(2026, 3, 31, 18, 0, tzinfo=TZ)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CallService, list[Call]]]:
    """400 demo calls over 20 days, with many sharing a second (ties in the order)."""
    path = tmp_path_factory.mktemp("search") / "hotline.sqlite"
    store = open_store(path)
    svc = CallService(store, Taxonomy(), FixedClock(fixed=END))
    calls = list(demo.generate(400, days=20, seed=7, end=END))
    rng = random.Random(3)
    calls = [c.with_changes(received_at=calls[max(0, i - 1)].received_at, follow_up_at=None)
             if rng.random() < 0.15 else c.with_changes(follow_up_at=None)
             for i, c in enumerate(calls)]
    svc.write_many(calls)
    stored = [svc.get(s.id) for s in svc.list(CallFilter(), limit=10_000)]
    yield svc, stored
    store.close()


def expected(calls: list[Call], flt: CallFilter, clock: FixedClock) -> list[int]:
    """The same filter, in plain Python, newest first."""
    def text_ok(call: Call) -> bool:
        tokens = words(" ".join((call.caller_name, call.summary, call.outcome,
                                 call.callback_note)))
        return all(any(t == w if len(w) == 1 else t.startswith(w) for t in tokens)
                   for w in words(flt.text))

    def category_ok(call: Call) -> bool:
        if not flt.category:
            return True
        return any(c == flt.category or c.split(".")[0] == flt.category
                   for c in call.categories)

    lo = clock.start_of(date.fromisoformat(flt.date_from)) if flt.date_from else None
    hi = clock.end_of(date.fromisoformat(flt.date_to)) if flt.date_to else None
    keep = [c for c in calls
            if (lo is None or c.received_at >= lo) and (hi is None or c.received_at < hi)
            and text_ok(c) and category_ok(c)
            and (not flt.level or c.level == flt.level)
            and (not flt.urgency or c.urgency == flt.urgency)
            and (not flt.phone or c.phone == flt.phone)
            and (not flt.case_number or c.case_number == flt.case_number)]
    keep.sort(key=lambda c: (int(c.received_at.timestamp()), c.id), reverse=True)
    return [c.id for c in keep]  # type: ignore[misc]


def filters(calls: list[Call]) -> list[CallFilter]:
    repeat = max({c.phone for c in calls if c.phone},
                 key=lambda p: sum(c.phone == p for c in calls))
    case = next(c.case_number for c in calls if c.case_number)
    out = [
        CallFilter(),
        CallFilter(date_from="2026-03-20", date_to="2026-03-20"),
        CallFilter(date_from="2026-03-15"),
        CallFilter(date_to="2026-03-14"),
        CallFilter(text="chồng"), CallFilter(text="chong danh"), CallFilter(text="CH"),
        CallFilter(text="đánh vợ"), CallFilter(text="ly hon con"), CallFilter(text="t"),
        CallFilter(text="tư vấn", date_from="2026-03-18", date_to="2026-03-25"),
        CallFilter(text="zzzz"),
        CallFilter(category="dv"), CallFilter(category="dv.physical"),
        CallFilter(category="child"), CallFilter(category="nc"), CallFilter(category="other"),
        CallFilter(category="tr.victim"), CallFilter(category="x.y"),
        CallFilter(category="dv", date_from="2026-03-20", date_to="2026-03-27"),
        CallFilter(category="dv", text="chong", level="counsel"),
        CallFilter(category="child", urgency="priority"),
        CallFilter(level="info"), CallFilter(urgency="emergency"),
        CallFilter(level="referral", urgency="priority"),
        CallFilter(level="info", urgency="emergency"),
        CallFilter(text="hen goi lai", level="counsel", urgency="routine"),
        CallFilter(phone=repeat), CallFilter(phone=repeat, text="chong"),
        CallFilter(phone=repeat, text="da"), CallFilter(phone=repeat, category="dv"),
        CallFilter(phone=repeat, level="counsel", date_from="2026-03-15"),
        CallFilter(case_number=case), CallFilter(case_number=case, text="tu van"),
    ]
    return out


def test_every_filter_matches_a_plain_python_filter(
        corpus: tuple[CallService, list[Call]]) -> None:
    svc, calls = corpus
    assert isinstance(svc.clock, FixedClock)
    checked_nonempty = 0
    for flt in filters(calls):
        want = expected(calls, flt, svc.clock)
        got = [c.id for c in svc.list(flt, limit=10_000)]
        assert got == want, flt
        assert svc.count(flt) == len(want), flt
        assert [c.id for c in svc.iter_calls(flt)] == want[::-1], flt
        checked_nonempty += bool(want)
    assert checked_nonempty >= 25  # the corpus exercises the filters, not empty results


@pytest.mark.parametrize("ascending", [False, True])
def test_keyset_pages_under_every_plan(corpus: tuple[CallService, list[Call]],
                                       ascending: bool) -> None:
    svc, calls = corpus
    for flt in filters(calls):
        full = [c.id for c in svc.list(flt, limit=10_000, ascending=ascending)]
        paged: list[int] = []
        after = None
        while True:
            page = svc.list(flt, limit=9, after=after, ascending=ascending)
            paged.extend(c.id for c in page)
            if len(page) < 9:
                break
            after = (page[-1].received_ts, page[-1].id)
        assert paged == full, flt


@pytest.fixture
def svc(data_dir: Path) -> Iterator[CallService]:
    store = open_store(data_dir / "hotline.sqlite")
    yield CallService(store, Taxonomy(), FixedClock(fixed=END))
    store.close()


def _call(**changes: object) -> Call:
    return Call(received_at=END - timedelta(hours=1), categories=("dv.physical",),
                level="counsel", summary="Chồng đánh vợ").with_changes(**changes)


def test_index_follows_direct_sql_writers(svc: CallService) -> None:
    """Retention and other bulk edits write SQL; the triggers keep the index right."""
    a = svc.save(_call())
    b = svc.save(_call(summary="Hỏi thủ tục ly hôn", categories=("mar.divorce",)))
    with svc.store.transaction() as tx:  # what retention does to old calls
        tx.execute("UPDATE calls SET summary = '', caller_name = '' WHERE id = ?", (a.id,))
    assert svc.count(CallFilter(text="danh")) == 0
    assert svc.count(CallFilter(category="dv")) == 1  # still counted by category
    with svc.store.transaction() as tx:
        tx.execute("UPDATE calls SET level = 'intervention', urgency = 'emergency' "
                   "WHERE id = ?", (b.id,))
    assert [c.id for c in svc.list(CallFilter(text="ly hon", level="intervention",
                                              urgency="emergency"))] == [b.id]
    assert svc.count(CallFilter(text="ly hon", level="info")) == 0
    with svc.store.transaction() as tx:
        tx.execute("UPDATE calls SET received_ts = received_ts - 86400, "
                   "received_at = '2026-03-30T17:00:00+07:00', day = '2026-03-30' "
                   "WHERE id = ?", (b.id,))
    assert svc.count(CallFilter(text="ly hon", date_from="2026-03-31")) == 0
    assert svc.count(CallFilter(text="ly hon", date_from="2026-03-30",
                                date_to="2026-03-30")) == 1
    with svc.store.transaction() as tx:
        tx.execute("DELETE FROM calls WHERE id = ?", (b.id,))
    assert svc.count(CallFilter(text="ly hon")) == 0
    rows = svc.store.conn.execute("SELECT count(*) FROM calls_fts").fetchone()[0]
    assert rows == svc.count(CallFilter()) == 1


def test_call_ids_stay_within_the_index_key(svc: CallService) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="call id"):
        svc.save(_call(id=KEY_FACTOR))
    assert svc.save(_call(id=KEY_FACTOR - 1)).id == KEY_FACTOR - 1
    assert svc.count(CallFilter(text="chong")) == 1


def test_every_connection_can_write_calls(svc: CallService) -> None:
    """Worker connections from the store have the functions the triggers call."""
    conn = svc.store.new_connection()
    try:
        conn.execute("INSERT INTO calls(received_at, received_ts, day, channel, level, "
                     "categories, summary, created_at, updated_at) VALUES "
                     "('2026-03-31T10:00:00+07:00', 1774926000, '2026-03-31', 'phone_in', "
                     "'info', 'info.law', 'Hỏi Luật Bình đẳng giới', 'x', 'x')")
    finally:
        conn.close()
    assert svc.count(CallFilter(text="binh dang", category="info")) == 1


def test_store_without_functions_cannot_corrupt_the_index(data_dir: Path) -> None:
    """A bare sqlite3 connection (a tool) fails loudly instead of skipping the index."""
    open_store(data_dir / "hotline.sqlite").close()
    bare = sqlite3.connect(data_dir / "hotline.sqlite")
    try:
        with pytest.raises(sqlite3.OperationalError, match=r"hotline_(fold|tags)"):
            bare.execute("INSERT INTO calls(received_at, received_ts, day, channel, level, "
                         "created_at, updated_at) VALUES ('x', 1, 'x', 'phone_in', 'info', "
                         "'x', 'x')")
    finally:
        bare.close()
    store = Store(data_dir / "hotline.sqlite")
    assert store.conn.execute("SELECT count(*) FROM calls").fetchone()[0] == 0
    store.close()
