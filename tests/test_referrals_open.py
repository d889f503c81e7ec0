"""Open referrals for follow-up: read a page at a time through the partial index of m0008,
oldest first, never by sorting every referral (2.3 s with 1,000,000 demo calls)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hotline.calls.models import Call, Referral
from hotline.directory.service import OPEN_REFERRAL_STATUSES, OPEN_REFERRALS_WHERE
from hotline.store import migrate


def make_referrals(app, count: int, *, statuses=("suggested", "contacted", "accepted",
                                                 "completed", "declined")) -> None:
    """`count` calls with one referral each, in one transaction: every referral gets the same
    created_at, so only the id tells their order apart (the keyset's tie-break)."""
    start = app.clock.now().replace(microsecond=0) - timedelta(days=1)
    calls = [Call(received_at=start + timedelta(seconds=i), categories=("dv.physical",),
                  level="referral",
                  referrals=(Referral(name=f"Nơi tiếp nhận số {i}", category="shelter",
                                      status=statuses[i % len(statuses)]),))
             for i in range(count)]
    app.calls.write_many(calls, operator="lan")


def plan(conn, sql: str, params) -> str:
    return " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_the_migration_adds_the_partial_index(app) -> None:
    conn = app.store.conn
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'referrals_open'").fetchone()
    assert row is not None
    assert "WHERE status IN ('suggested', 'contacted', 'accepted')" in row[0]
    assert 8 in migrate.applied_numbers(conn)
    # The service's literal condition is the index's, status for status.
    assert OPEN_REFERRALS_WHERE == "r.status IN ('suggested', 'contacted', 'accepted')"
    assert OPEN_REFERRAL_STATUSES == ("suggested", "contacted", "accepted")


class Recording:
    """A connection that notes every statement and its parameters (the plans are checked
    with the very parameters the service bound)."""

    def __init__(self, conn) -> None:
        self.conn = conn
        self.statements: list[tuple[str, tuple]] = []

    def execute(self, sql: str, params=()):
        self.statements.append((sql, tuple(params)))
        return self.conn.execute(sql, params)


@pytest.mark.parametrize("analyzed", [False, True])
def test_open_referrals_are_read_from_the_index_without_a_sort(app, analyzed) -> None:
    make_referrals(app, 60)
    conn = app.store.conn
    if analyzed:  # as after `PRAGMA optimize` has gathered statistics on a real database
        conn.execute("ANALYZE")
    recording = Recording(conn)
    first = app.directory.referrals(limit=10, conn=recording)
    app.directory.referrals(limit=10, after=(first[-1].created_at, first[-1].id),
                            conn=recording)
    app.directory.open_referral_count(conn=recording)
    (first_sql, first_params), (paged_sql, paged_params), (count_sql, _) = \
        recording.statements
    assert "COVERING INDEX" in plan(conn, count_sql, ())  # counted without reading rows
    for sql, params in ((first_sql, first_params), (paged_sql, paged_params)):
        used = plan(conn, sql, params)
        assert "referrals_open" in used, used
        assert "TEMP B-TREE" not in used, used  # no sort of every open referral


def test_pages_follow_each_other_without_gaps_or_repeats(app) -> None:
    make_referrals(app, 47)
    directory = app.directory
    everything = directory.referrals(limit=1000)
    open_ids = [r.id for r in everything]
    assert len(open_ids) == sum(1 for i in range(47) if i % 5 < 3)  # 3 statuses of 5 open
    assert all(r.status in OPEN_REFERRAL_STATUSES for r in everything)
    assert open_ids == sorted(open_ids)  # same created_at: the id orders them
    assert len({r.created_at for r in everything}) == 1
    pages, after = [], None
    while True:
        page = directory.referrals(limit=7, after=after)
        pages.append([r.id for r in page])
        if len(page) < 7:
            break
        after = (page[-1].created_at, page[-1].id)
    assert [i for p in pages for i in p] == open_ids
    assert directory.open_referral_count() == len(open_ids)
    # a referral completed meanwhile leaves the list and the count
    app.calls.update_referral(open_ids[3], "completed")
    assert open_ids[3] not in [r.id for r in directory.referrals(limit=1000)]
    assert directory.open_referral_count() == len(open_ids) - 1


def test_other_statuses_and_filters_still_work(app) -> None:
    make_referrals(app, 10)
    directory = app.directory
    done = directory.referrals(statuses=("completed",))
    assert [r.status for r in done] == ["completed", "completed"]
    assert len(directory.referrals(statuses=None)) == 10
    first_call = directory.referrals(statuses=None)[0].call_id
    assert [r.call_id for r in directory.referrals(statuses=None, call_id=first_call)] == [
        first_call]


def test_one_calls_open_referrals_use_the_call_index(app) -> None:
    make_referrals(app, 10)
    first = app.directory.referrals(statuses=None)[0]
    assert first.status == "suggested"
    recording = Recording(app.store.conn)
    found = app.directory.referrals(call_id=first.call_id, conn=recording)
    assert [r.id for r in found] == [first.id]
    (sql, params), = recording.statements
    assert "referrals_by_call" in plan(app.store.conn, sql, params)
