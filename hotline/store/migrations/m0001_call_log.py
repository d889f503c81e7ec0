"""The call log: calls, their categories, earlier versions, drafts, cases, follow-ups,
referrals and library citations."""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE cases (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,          -- HS-2026-0042
    status        TEXT NOT NULL DEFAULT 'open',  -- open, closed
    opened_at     TEXT NOT NULL,
    closed_at     TEXT,
    consent_share INTEGER NOT NULL DEFAULT 0,
    note          TEXT NOT NULL DEFAULT ''
);

CREATE TABLE calls (
    id                INTEGER PRIMARY KEY,
    received_at       TEXT NOT NULL,     -- local time with UTC offset, ISO 8601
    received_ts       INTEGER NOT NULL,  -- the same instant in Unix seconds (ordering)
    day               TEXT NOT NULL,     -- local date YYYY-MM-DD (daily reports, filters)
    ended_at          TEXT,
    duration_s        INTEGER,
    channel           TEXT NOT NULL,
    operator          TEXT NOT NULL DEFAULT '',
    phone             TEXT NOT NULL DEFAULT '',  -- E.164, short number, or '' (withheld)
    caller_name       TEXT NOT NULL DEFAULT '',
    caller_sex        TEXT NOT NULL DEFAULT 'unknown',
    caller_age_group  TEXT NOT NULL DEFAULT 'unknown',
    caller_relation   TEXT NOT NULL DEFAULT '',
    province_code     TEXT NOT NULL DEFAULT '',
    ward_code         TEXT NOT NULL DEFAULT '',
    victim_sex        TEXT NOT NULL DEFAULT '',
    victim_age_group  TEXT NOT NULL DEFAULT '',
    vulnerable        TEXT NOT NULL DEFAULT '',  -- codes separated by ';'
    categories        TEXT NOT NULL DEFAULT '',  -- codes separated by ';'
    counselling       INTEGER NOT NULL DEFAULT 1, -- 0 when every category is nc.*
    level             TEXT NOT NULL,
    urgency           TEXT NOT NULL DEFAULT 'routine',
    summary           TEXT NOT NULL DEFAULT '',
    outcome           TEXT NOT NULL DEFAULT '',
    safe_to_call_back INTEGER,                    -- NULL: not asked
    callback_note     TEXT NOT NULL DEFAULT '',   -- when it is safe to call back
    consent_share     INTEGER NOT NULL DEFAULT 0,
    follow_up_at      TEXT,
    case_id           INTEGER REFERENCES cases(id),
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX calls_by_time ON calls(received_ts);
CREATE INDEX calls_by_day ON calls(day, received_ts);
CREATE INDEX calls_by_phone ON calls(phone, received_ts) WHERE phone <> '';
CREATE INDEX calls_by_case ON calls(case_id) WHERE case_id IS NOT NULL;
CREATE INDEX calls_by_level ON calls(level, received_ts);
CREATE INDEX calls_by_urgency ON calls(urgency, received_ts);

CREATE TABLE call_categories (
    code    TEXT NOT NULL,
    call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    PRIMARY KEY (code, call_id)
) WITHOUT ROWID;
CREATE INDEX call_categories_by_call ON call_categories(call_id);

-- Earlier versions of a call, as JSON: every edit keeps what was there before.
CREATE TABLE call_versions (
    id       INTEGER PRIMARY KEY,
    call_id  INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    version  INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    operator TEXT NOT NULL DEFAULT '',
    data     TEXT NOT NULL,
    UNIQUE (call_id, version)
);

-- Folded (accent-free, đ→d) caller name, summary and outcome for free-text filtering.
CREATE VIRTUAL TABLE calls_fts USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2'
);

-- What is being typed, saved continuously; removed when the call is saved.
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    call_id    INTEGER,               -- set when the draft edits a saved call
    operator   TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    data       TEXT NOT NULL
);

CREATE TABLE followups (
    id         INTEGER PRIMARY KEY,
    call_id    INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    due_at     TEXT NOT NULL,
    due_ts     INTEGER NOT NULL,
    assignee   TEXT NOT NULL DEFAULT '',
    done       INTEGER NOT NULL DEFAULT 0,
    done_at    TEXT,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX followups_open ON followups(done, due_ts);
CREATE INDEX followups_by_call ON followups(call_id);

CREATE TABLE referrals (
    id         INTEGER PRIMARY KEY,
    call_id    INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    entry_id   TEXT,                   -- directory entry, when referred from the directory
    name       TEXT NOT NULL,          -- snapshot of the entry's name
    phone      TEXT NOT NULL DEFAULT '',  -- snapshot of the number given to the caller
    category   TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'suggested',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referrals_by_call ON referrals(call_id);
CREATE INDEX referrals_by_status ON referrals(status);

-- Library articles cited to the caller.
CREATE TABLE citations (
    id         INTEGER PRIMARY KEY,
    call_id    INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    doc_id     TEXT NOT NULL,
    article    TEXT NOT NULL DEFAULT '',
    citation   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX citations_by_call ON citations(call_id);
"""


def up(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
