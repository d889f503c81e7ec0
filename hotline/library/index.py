"""Writing documents and their articles into the store and the folded full-text index.

Every function here runs inside the caller's transaction, so a document is stored and
indexed completely or not at all. The index gets `index_form()` of exactly the strings the
`library_fts_content` view shows (read back through the view), so the 'delete' command later
receives the same tokens that were inserted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from hotline.library.models import Document, Section, is_current
from hotline.library.query import OLD_TOKEN, meta_token, normalize
from hotline.text import fold

# The tokenizer (unicode61 remove_diacritics 2) already lower-cases and removes every
# Vietnamese accent except on đ/Đ (DESIGN §6), so the index receives the stored (NFC) text
# with only đ→d mapped: the same tokens as `hotline.text.fold()` gives (a test compares
# the two over the whole bundled library), at C speed instead of a Python loop per letter.

def index_form(text: str) -> str:
    """What the index tokenizes for `text`: its tokens equal those of `fold(text)`."""
    if "đ" in text or "Đ" in text:
        return text.replace("đ", "d").replace("Đ", "D")
    return text


# Bump when what goes into the index changes (folding, columns, meta tokens, postings): the
# bundled library is then re-indexed and `reindex_all` rebuilds everything else.
# 3: the top-k postings (hotline.library.postings) beside FTS5.
INDEX_VERSION = "3"
GENERATION_KEY = "library.generation"
NEXT_ID_KEY = "library.next_article_id"
# How `ORDER BY rank` ranks: bm25 with the title ×6 and the heading ×5 (columns: title,
# heading, chapter, body, meta — filter tokens, never scored). Stored in the FTS5 table's
# configuration, so the bare `… MATCH ? ORDER BY rank` ranks as the service, whose top-k
# postings (hotline.library.postings) carry the same weights.
WEIGHTS = (6.0, 5.0, 1.0, 1.0, 0.0)
RANK = "bm25(" + ", ".join(str(w) for w in WEIGHTS) + ")"
RANK_KEY = "library.rank"


def rank_outdated(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (RANK_KEY,)).fetchone()
    return row is None or row[0] != RANK


def configure_rank(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO library_fts(library_fts, rank) VALUES ('rank', ?)", (RANK,))
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (RANK_KEY, RANK))


def meta_for(doc_id: str, doc_type: str, status: str, origin: str) -> str:
    tokens = [meta_token("d", doc_id), meta_token("t", fold(doc_type)), meta_token("o", origin)]
    if not is_current(status):
        tokens.append(OLD_TOKEN)
    return " ".join(tokens)


def _clean(text: str) -> str:
    return normalize(text).strip()


def write_document(conn: sqlite3.Connection, doc: Document, sections: Sequence[Section], *,
                   now: str, sort_key: int = 0, created_at: str | None = None) -> None:
    """Insert the document row, its articles and their index entries."""
    conn.execute(
        "INSERT INTO library_documents(id, symbol, title, doc_type, issuer, issued, effective,"
        " status, replaced_by, replaces, cite_as, aliases, tags, summary, origin, source_path,"
        " content_hash, as_of, sort_key, created_at, updated_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (doc.id, _clean(doc.symbol), _clean(doc.title), _clean(doc.doc_type),
         _clean(doc.issuer), doc.issued, doc.effective, doc.status, _clean(doc.replaced_by),
         _clean(doc.replaces), _clean(doc.cite_as), ";".join(_clean(a) for a in doc.aliases),
         ";".join(_clean(t) for t in doc.tags), _clean(doc.summary), doc.origin,
         doc.source_path, doc.content_hash, doc.as_of, sort_key, created_at or now, now))
    first = allocate_ids(conn, len(sections))
    conn.executemany(
        "INSERT INTO library_articles(id, doc_id, position, number, label, heading, chapter,"
        " text, note, citation) VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(first + position - 1, doc.id, position, s.number, _clean(s.label),
          _clean(s.heading), _clean(s.chapter), _clean(s.text), _clean(s.note),
          _clean(s.citation))
         for position, s in enumerate(sections, start=1)])
    _index(conn, doc.id, delete=False)


def allocate_ids(conn: sqlite3.Connection, count: int) -> int:
    """The first of `count` fresh article ids. Ids are never reused (SQLite would reuse the
    highest after a delete): a removed article's id stays dead in the postings until the
    next merge, so it must never name a newer article."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (NEXT_ID_KEY,)).fetchone()
    highest = conn.execute("SELECT max(id) FROM library_articles").fetchone()[0] or 0
    dead = conn.execute("SELECT max(rowid) FROM library_dead_rows").fetchone()[0] or 0
    first = max(int(row[0]) if row else 1, highest + 1, dead + 1)
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                 (NEXT_ID_KEY, str(first + count)))
    return first


def delete_document(conn: sqlite3.Connection, doc_id: str) -> bool:
    """Remove a document, its articles and their index entries; False if it was not there."""
    if conn.execute("SELECT 1 FROM library_documents WHERE id = ?", (doc_id,)).fetchone() is None:
        return False
    _index(conn, doc_id, delete=True)
    from hotline.library import postings  # numpy: loaded on first library write

    postings.remove_document(conn, doc_id)
    conn.execute("DELETE FROM library_articles WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM library_documents WHERE id = ?", (doc_id,))
    return True


def _index(conn: sqlite3.Connection, doc_id: str, *, delete: bool,
           merge: bool = True) -> None:
    doc = conn.execute("SELECT doc_type, status, origin FROM library_documents WHERE id = ?",
                       (doc_id,)).fetchone()
    meta = meta_for(doc_id, doc[0], doc[1], doc[2])
    rows = conn.execute(
        "SELECT id, title, heading, chapter, body FROM library_fts_content WHERE id IN "
        "(SELECT id FROM library_articles WHERE doc_id = ?)", (doc_id,)).fetchall()
    values = [(r[0], index_form(r[1]), index_form(r[2]), index_form(r[3]), index_form(r[4]),
               meta) for r in rows]
    if delete:
        conn.executemany(
            "INSERT INTO library_fts(library_fts, rowid, title, heading, chapter, body, meta)"
            " VALUES ('delete', ?, ?, ?, ?, ?, ?)", values)
    else:
        conn.executemany(
            "INSERT INTO library_fts(rowid, title, heading, chapter, body, meta)"
            " VALUES (?, ?, ?, ?, ?, ?)", values)
        # The postings get the very values FTS5 tokenized.
        from hotline.library import postings  # numpy: loaded on first library write

        postings.add_document(conn, doc_id, values, merge=merge)


def bump_generation(conn: sqlite3.Connection) -> None:
    """Tell every process's document cache that the library changed."""
    conn.execute("INSERT INTO meta(key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE "
                 "SET value = CAST(value AS INTEGER) + 1", (GENERATION_KEY,))


def generation(conn: sqlite3.Connection) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (GENERATION_KEY,)).fetchone()
    return row[0] if row else "0"


def reindex_all(conn: sqlite3.Connection) -> int:
    """Rebuild the whole index from the stored articles (after INDEX_VERSION changes)."""
    from hotline.library import postings

    conn.execute("INSERT INTO library_fts(library_fts) VALUES ('delete-all')")
    postings.clear(conn)
    ids = [r[0] for r in conn.execute("SELECT id FROM library_documents")]
    for doc_id in ids:
        _index(conn, doc_id, delete=False, merge=False)
    postings.compact(conn)
    return len(ids)


def compact(conn: sqlite3.Connection) -> bool:
    """Merge the postings into one segment (after a batch of imports): searches then read
    one posting list per term."""
    from hotline.library import postings

    return postings.compact(conn)
