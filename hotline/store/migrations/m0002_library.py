"""The legal-policy library: documents, their articles, and a folded full-text index.

The index (`library_fts`) is an FTS5 table with *external content*: the tokens come from a
folded copy of each article (đ→d, no accents; DESIGN §6) that the service inserts itself,
while `snippet()`/`highlight()` read the original text through the `library_fts_content`
view, so highlights keep the original accents. Because the indexed text is not the content
text, rows are removed with FTS5's 'delete' command given the same folded values (never with
'rebuild', which would index the unfolded text).

Column roles in the index: `title` (document title, symbol, aliases — boosted), `heading`
(article label and heading — boosted), `chapter` (Chương/Mục context), `body` (counselor
note and text), `meta` (filter tokens: document, type, old/replaced; never user-matched).
"""

from __future__ import annotations

import sqlite3

STATEMENTS = (
    """
    CREATE TABLE library_documents (
        id           TEXT PRIMARY KEY,          -- '13-2022-qh15' (bundled) or 'c-…' (imported)
        symbol       TEXT NOT NULL DEFAULT '',  -- số ký hiệu: 13/2022/QH15
        title        TEXT NOT NULL,
        doc_type     TEXT NOT NULL DEFAULT '',  -- Luật, Nghị định, … or internal guidance
        issuer       TEXT NOT NULL DEFAULT '',
        issued       TEXT NOT NULL DEFAULT '',  -- YYYY-MM-DD or ''
        effective    TEXT NOT NULL DEFAULT '',
        status       TEXT NOT NULL DEFAULT 'in_force',  -- in_force amended replaced expired
        replaced_by  TEXT NOT NULL DEFAULT '',  -- symbol of the successor
        replaces     TEXT NOT NULL DEFAULT '',
        cite_as      TEXT NOT NULL DEFAULT '',  -- 'Luật Phòng, chống bạo lực gia đình 2022'
        aliases      TEXT NOT NULL DEFAULT '',  -- names operators use, separated by ';'
        tags         TEXT NOT NULL DEFAULT '',  -- separated by ';'
        summary      TEXT NOT NULL DEFAULT '',
        origin       TEXT NOT NULL,             -- bundled, imported
        source_path  TEXT NOT NULL DEFAULT '',  -- imported: the file it came from
        content_hash TEXT NOT NULL DEFAULT '',  -- imported: sha256 of the file
        as_of        TEXT NOT NULL DEFAULT '',  -- bundled: date the status was checked
        sort_key     INTEGER NOT NULL DEFAULT 0,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    )
    """,
    "CREATE INDEX library_documents_by_hash ON library_documents(content_hash) "
    "WHERE content_hash <> ''",
    "CREATE INDEX library_documents_by_path ON library_documents(source_path) "
    "WHERE source_path <> ''",
    """
    CREATE TABLE library_articles (
        id        INTEGER PRIMARY KEY,          -- rowid of the index
        doc_id    TEXT NOT NULL REFERENCES library_documents(id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,             -- order inside the document
        number    TEXT NOT NULL DEFAULT '',     -- '25' for Điều 25; '' for other sections
        label     TEXT NOT NULL,                -- 'Điều 25', 'Khoản 9 Điều 3', 'Phần 1'
        heading   TEXT NOT NULL DEFAULT '',
        chapter   TEXT NOT NULL DEFAULT '',     -- 'Chương IV. … › Mục 2. …'
        text      TEXT NOT NULL DEFAULT '',     -- the document's own words (imported)
        note      TEXT NOT NULL DEFAULT '',     -- the project's counselor note (bundled)
        citation  TEXT NOT NULL DEFAULT '',
        UNIQUE (doc_id, position)
    )
    """,
    "CREATE INDEX library_articles_by_number ON library_articles(number, doc_id) "
    "WHERE number <> ''",
    """
    CREATE VIEW library_fts_content AS
    SELECT a.id AS id,
           d.title || ' ' || d.symbol || ' ' || d.aliases AS title,
           a.label || ' ' || a.heading AS heading,
           a.chapter AS chapter,
           a.note || char(10) || a.text AS body,
           '' AS meta
    FROM library_articles a JOIN library_documents d ON d.id = a.doc_id
    """,
    """
    CREATE VIRTUAL TABLE library_fts USING fts5(
        title, heading, chapter, body, meta,
        content = 'library_fts_content', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    )
    """,
)


def up(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
