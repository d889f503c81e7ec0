"""Open referrals, oldest first, as an index: the follow-up page reads a page, not a sort.

`DirectoryService.referrals()` lists the referrals still open (suggested, contacted,
accepted) by (created_at, id). Only `referrals_by_status` served it, so with 1,000,000 calls
(~160,000 referrals) every open referral was joined to its call and sorted to show the first
500: 2.3 s and ~70 MB on the window's UI thread at start-up. This partial index holds only
the open referrals, in that order: a page is an index walk that stops after the page, and
the index shrinks as referrals are completed.

SQLite uses a partial index only when the query's WHERE repeats the index's condition
literally (`hotline.directory.service.OPEN_REFERRALS_WHERE`); a test checks the plan.
The index depends on nothing but the `referrals` table of m0001, so it applies in any order
with the migrations numbered around it.
"""

from __future__ import annotations

import sqlite3

from hotline.store.migrate import run_script

SCHEMA = """
CREATE INDEX IF NOT EXISTS referrals_open ON referrals(created_at, id)
WHERE status IN ('suggested', 'contacted', 'accepted');
"""


def up(conn: sqlite3.Connection) -> None:
    run_script(conn, SCHEMA)
