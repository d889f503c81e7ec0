"""The library's top-k search structures: compact postings beside the FTS5 index.

FTS5 ranks by computing bm25 for every article that matches, which at 100,000 articles costs
17–130 ms for queries of common words. `hotline.library.postings` keeps, per folded term, the
articles holding it with their weighted term frequencies and positions as numpy-readable
blobs, so a search scores every match with a few vectorised operations instead (see
hotline/library/README.md). FTS5 stays the reference index (article references, tests, the
benchmark's bare query); these tables are derived from the same tokens.

- `library_segments`: one per indexed batch (a document import) until merged: the article
  ids it holds, each article's token count (bm25's document length) and document.
- `library_postings`: per (segment, term): article ids, weighted frequencies, and the
  positions a phrase needs (last, so reading the first three never touches them); also
  per 2- and 3-letter prefix (as FTS5's prefix indexes), without positions.
- `library_dead_rows`: articles removed from a merged segment; dropped at the next merge.

The tables start empty; the bump of `hotline.library.index.INDEX_VERSION` that ships with
them makes the first library use rebuild the index and fill them.
"""

from __future__ import annotations

import sqlite3

STATEMENTS = (
    """
    CREATE TABLE library_segments (
        id       INTEGER PRIMARY KEY,
        level    INTEGER NOT NULL,          -- 0: one import; n + 1: a merge of level-n ones
        fmt      TEXT NOT NULL,             -- numpy dtypes of rows, lengths, rowdocs
        rows     BLOB NOT NULL,             -- article ids, ascending
        lengths  BLOB NOT NULL,             -- tokens per article (all columns, as FTS5)
        docs     TEXT NOT NULL,             -- JSON list of the document ids held
        rowdocs  BLOB NOT NULL,             -- per article: index into docs
        postings INTEGER NOT NULL           -- number of (term, article) pairs: merge policy
    )
    """,
    # Keyed by segment first: an import appends its postings in key order, a merge or a
    # removal deletes a key range, and a search seeks (segment, term) in each segment it
    # knows (a handful once merged).
    """
    CREATE TABLE library_postings (
        segment   INTEGER NOT NULL,
        term      TEXT NOT NULL,            -- as FTS5 tokenized it (folded); prefixes too
        n         INTEGER NOT NULL,         -- articles in `rows`
        fmt       TEXT NOT NULL,            -- numpy dtypes of the four blobs
        rows      BLOB NOT NULL,            -- article ids as deltas from the previous one
        weights   BLOB NOT NULL,            -- weighted frequency (title ×6, heading ×5 …)
        counts    BLOB NOT NULL,            -- positions per article
        positions BLOB NOT NULL,            -- column << shift | offset, article by article
        PRIMARY KEY (segment, term)
    ) WITHOUT ROWID
    """,
    "CREATE TABLE library_dead_rows (rowid INTEGER PRIMARY KEY)",
)


def up(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
