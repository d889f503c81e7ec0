"""Call search index ordered by time, with categories, maintained by triggers.

m0001's `calls_fts` was keyed by call id, so a free-text or category filter had to collect
every match and sort it by time: 0.6–0.9 s for a common word among 1,000,000 calls. Keyed by
received_ts * 2**31 + id, FTS5 returns matches newest first and the list stops after one
page; a date range becomes a rowid range; categories, the level and the urgency are tokens
of a second column, so "a month + a category" or "text + category + level" is one index walk
too. An index on (level, urgency, received_ts) serves "level + urgency" alone.

Triggers on `calls` keep the index right for every writer (call service, retention, imports).
They call hotline_fold()/hotline_tags(), which `db.connect` registers on every connection.
"""

from __future__ import annotations

import sqlite3

from hotline.store import functions
from hotline.store.migrate import run_script

BODY = ("hotline_fold({t}.caller_name || ' ' || {t}.summary || ' ' || {t}.outcome || ' ' || "
        "{t}.callback_note)")
KEY = f"{{t}}.received_ts * {functions.KEY_FACTOR} + {{t}}.id"
TAGS = "hotline_tags({t}.categories, {t}.level, {t}.urgency)"
GUARD = (f"SELECT RAISE(ABORT, 'call id must be between 1 and {functions.KEY_FACTOR - 1}') "
         f"WHERE new.id < 1 OR new.id >= {functions.KEY_FACTOR};")

SCHEMA = f"""
DROP TABLE calls_fts;

CREATE VIRTUAL TABLE calls_fts USING fts5(
    body, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

INSERT INTO calls_fts(rowid, body, tags)
SELECT {KEY.format(t='calls')}, {BODY.format(t='calls')},
       {TAGS.format(t='calls')}
FROM calls;

-- Level and urgency together (the list's "level + urgency" filter), newest first.
CREATE INDEX calls_by_level_urgency ON calls(level, urgency, received_ts);

CREATE TRIGGER calls_search_insert AFTER INSERT ON calls
BEGIN
    {GUARD}
    INSERT INTO calls_fts(rowid, body, tags)
    VALUES ({KEY.format(t='new')}, {BODY.format(t='new')},
            {TAGS.format(t='new')});
END;

CREATE TRIGGER calls_search_update
AFTER UPDATE OF id, received_ts, caller_name, summary, outcome, callback_note, categories,
    level, urgency
ON calls
BEGIN
    {GUARD}
    DELETE FROM calls_fts WHERE rowid = {KEY.format(t='old')};
    INSERT INTO calls_fts(rowid, body, tags)
    VALUES ({KEY.format(t='new')}, {BODY.format(t='new')},
            {TAGS.format(t='new')});
END;

CREATE TRIGGER calls_search_delete AFTER DELETE ON calls
BEGIN
    DELETE FROM calls_fts WHERE rowid = {KEY.format(t='old')};
END;
"""


def up(conn: sqlite3.Connection) -> None:
    functions.register(conn)  # already there on store connections; harmless again
    run_script(conn, SCHEMA)
