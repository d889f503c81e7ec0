"""The support directory: entries, their categories and numbers, a folded search index and a
change log (entries are deactivated, never deleted; every change keeps what was there)."""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE directory_entries (
    rid           INTEGER PRIMARY KEY,       -- stable rowid for the search index
    id            TEXT NOT NULL UNIQUE,      -- stable string id ("vn.111", a UUID …)
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,             -- folded name: ordering, duplicate detection
    organisation  TEXT NOT NULL DEFAULT '',
    categories    TEXT NOT NULL DEFAULT '',  -- codes separated by ';'
    province_code TEXT NOT NULL DEFAULT '',  -- '' = national
    ward_code     TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    phones        TEXT NOT NULL DEFAULT '[]',  -- JSON [{"number": …, "label": …}]
    hours         TEXT NOT NULL DEFAULT '',    -- canonical hours ("24/7", "Mo-Fr 07:30-17:00")
    services      TEXT NOT NULL DEFAULT '',
    eligibility   TEXT NOT NULL DEFAULT '',
    languages     TEXT NOT NULL DEFAULT '',  -- separated by ';'
    notes         TEXT NOT NULL DEFAULT '',
    verified_on   TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD
    verified_by   TEXT NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 1,
    source        TEXT NOT NULL DEFAULT '',
    origin        TEXT NOT NULL DEFAULT 'local',  -- bundled, local, imported
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX directory_by_name ON directory_entries(active, name_key);
CREATE INDEX directory_by_province ON directory_entries(active, province_code, name_key);
CREATE INDEX directory_by_ward ON directory_entries(active, ward_code, name_key)
    WHERE ward_code <> '';

CREATE TABLE directory_entry_categories (
    code TEXT NOT NULL,
    rid  INTEGER NOT NULL REFERENCES directory_entries(rid) ON DELETE CASCADE,
    PRIMARY KEY (code, rid)
) WITHOUT ROWID;
CREATE INDEX directory_entry_categories_by_rid ON directory_entry_categories(rid);

-- Every number of every entry (stored form): duplicate detection, lookup by number.
CREATE TABLE directory_phones (
    number TEXT NOT NULL,
    rid    INTEGER NOT NULL REFERENCES directory_entries(rid) ON DELETE CASCADE,
    PRIMARY KEY (number, rid)
) WITHOUT ROWID;
CREATE INDEX directory_phones_by_rid ON directory_phones(rid);

-- rowid = directory_entries.rid. `body`: folded (accent-free, đ→d) name, organisation,
-- services, notes, address, category labels, place names and numbers — what the operator
-- types. `tags`: filter tokens (zp01 province, zw00004 ward, zcpolice category),
-- so text and filters intersect inside the index instead of row by row.
CREATE VIRTUAL TABLE directory_fts USING fts5(
    body, tags, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

-- Who changed what and when, with the entry as it was before (directory data describes
-- public services, not people, so keeping the values is what makes a change reversible).
CREATE TABLE directory_changes (
    id       INTEGER PRIMARY KEY,
    entry_id TEXT NOT NULL,
    action   TEXT NOT NULL,
    at       TEXT NOT NULL,
    by       TEXT NOT NULL DEFAULT '',
    fields   TEXT NOT NULL DEFAULT '',  -- names of the changed fields, ';'
    before   TEXT,                      -- JSON of the entry before the change
    note     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_changes_by_entry ON directory_changes(entry_id, id);
"""


def up(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)
