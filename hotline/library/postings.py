"""Compact postings beside the FTS5 index, so that a search can score its matches with numpy.

Why: FTS5's `ORDER BY rank` computes bm25 for every article that matches (a lookup of the
article's size per match, plus a whole-doclist scan per term for its IDF); at 100,000
articles a query of common words costs 17–130 ms. Here each folded term has, per segment, the
ids of the articles holding it, their weighted frequency (title ×6, heading ×5, chapter and
body ×1: the weights of the table's rank) and the positions a phrase needs, as blobs numpy
reads without copying. `hotline.library.topk` scores from them.

The tokens are FTS5's own: each batch of articles is tokenized by a temporary FTS5 table with
the same tokenizer and read back through `fts5vocab` (instance), so terms, positions and
article lengths are exactly those of `library_fts`.

Segments: every document written makes one segment (an import stays cheap); when FANOUT
segments of a level exist they are merged into one of the next level (each posting is
rewritten about log_FANOUT(documents) times), and `compact()` merges everything. Removing a
document drops its segment, or, once merged, lists its article ids in `library_dead_rows`
until the next merge. Article ids are never reused (`index.allocate_ids`), so a dead id can
never stand for a newer article.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

COLUMNS = ("title", "heading", "chapter", "body", "meta")
COLUMN_INDEX = {name: i for i, name in enumerate(COLUMNS)}
# bm25 column weights (the FTS5 table's rank is built from them): title, heading, chapter,
# body, meta (filter tokens, never scored).
WEIGHTS = (6.0, 5.0, 1.0, 1.0, 0.0)
SEARCHABLE = 4  # the first four columns are searched; meta only filters
TOKENIZER = "unicode61 remove_diacritics 2"  # as library_fts (m0002)
FANOUT = 8
COL_SHIFT = 32  # in memory a position is column << 32 | offset
_WEIGHT_ARRAY = np.array(WEIGHTS, dtype=np.float64)
_TEMP = "library_tokens"
_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0, dtype=np.float64)


# ----------------------------------------------------------------- encoding
def _uint_dtype(maximum: int) -> str:
    for dtype, limit in (("<u1", 0xFF), ("<u2", 0xFFFF), ("<u4", 0xFFFFFFFF)):
        if maximum <= limit:
            return dtype
    return "<u8"


def _value_dtype(values: np.ndarray) -> str:
    """The smallest dtype that holds `values` exactly (weighted frequencies are integers
    while the weights are)."""
    if values.size == 0:
        return "<u1"
    if values.min() >= 0 and np.array_equal(values, np.floor(values)):
        return _uint_dtype(int(values.max()))
    return "<f8"


@dataclass
class Block:
    """One term's postings (one segment, or several merged), decoded.

    `positions` holds column << 32 | offset for each posting in turn (`counts` of them,
    starting at `starts`); None when the positions were not read."""

    rows: np.ndarray  # int64 article ids, ascending
    weights: np.ndarray  # float64 weighted frequency in the searchable columns
    counts: np.ndarray | None = None  # int64 positions per posting
    starts: np.ndarray | None = None  # int64 index of each posting's first position
    positions: np.ndarray | None = None  # int64

    def __len__(self) -> int:
        return int(self.rows.size)


def encode(block: Block) -> tuple[str, bytes, bytes, bytes, bytes]:
    """(fmt, rows, weights, counts, positions) blobs: rows as deltas, every array in the
    smallest exact dtype, positions in 16 bits when every offset is below 2**14."""
    assert block.counts is not None and block.positions is not None
    rows = block.rows
    deltas = np.diff(rows, prepend=np.int64(0))
    rows_t = _uint_dtype(int(deltas.max()) if rows.size else 0)
    weights_t = _value_dtype(block.weights)
    counts_t = _uint_dtype(int(block.counts.max()) if block.counts.size else 0)
    positions = _positions_in_order(block)
    offsets = positions & 0xFFFFFFFF
    columns = positions >> COL_SHIFT
    biggest = int(offsets.max()) if offsets.size else 0
    if biggest >= 1 << 28:
        raise ValueError("an article longer than 2**28 tokens cannot be indexed")
    shift = 14 if biggest < 1 << 14 else 28
    packed = (columns << shift) | offsets
    positions_t = "<u2" if shift == 14 else "<u4"
    fmt = f"{rows_t},{weights_t},{counts_t},{positions_t},{shift}"
    return (fmt, deltas.astype(rows_t).tobytes(), block.weights.astype(weights_t).tobytes(),
            block.counts.astype(counts_t).tobytes(), packed.astype(positions_t).tobytes())


def decode(fmt: str, rows: bytes, weights: bytes, counts: bytes | None = None,
           positions: bytes | None = None) -> Block:
    rows_t, weights_t, counts_t, positions_t, shift_s = fmt.split(",")
    ids = np.cumsum(np.frombuffer(rows, dtype=rows_t), dtype=np.int64)
    block = Block(ids, np.frombuffer(weights, dtype=weights_t).astype(np.float64))
    if counts is not None and positions is not None:
        n = np.frombuffer(counts, dtype=counts_t).astype(np.int64)
        packed = np.frombuffer(positions, dtype=positions_t).astype(np.int64)
        shift = int(shift_s)
        block.counts = n
        block.starts = np.cumsum(n) - n
        block.positions = ((packed >> shift) << COL_SHIFT) | (packed & ((1 << shift) - 1))
    return block


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indexes starts[i] … starts[i] + lengths[i] - 1 for every i, concatenated."""
    total = int(lengths.sum())
    if total == 0:
        return _EMPTY_I
    ends = np.cumsum(lengths)
    offsets = np.repeat(starts - (ends - lengths), lengths)
    return np.arange(total, dtype=np.int64) + offsets


def _positions_in_order(block: Block) -> np.ndarray:
    """The positions of `block` laid out posting after posting (as stored)."""
    assert block.counts is not None and block.starts is not None
    assert block.positions is not None
    expected = np.cumsum(block.counts) - block.counts
    if np.array_equal(block.starts, expected) and block.positions.size == block.counts.sum():
        return block.positions
    return block.positions[_ranges(block.starts, block.counts)]


def select(block: Block, keep: np.ndarray) -> Block:
    """The postings of `block` at `keep` (a boolean mask or an index array)."""
    out = Block(block.rows[keep], block.weights[keep])
    if block.counts is not None:
        assert block.starts is not None
        out.counts = block.counts[keep]
        out.starts = block.starts[keep]
        out.positions = block.positions
    return out


def concat(blocks: Sequence[Block]) -> Block:
    """Postings of disjoint article sets (segments) as one block, ids ascending."""
    if len(blocks) == 1:
        return blocks[0]
    rows = np.concatenate([b.rows for b in blocks])
    weights = np.concatenate([b.weights for b in blocks])
    out = Block(rows, weights)
    if all(b.counts is not None for b in blocks):
        counts = [b.counts for b in blocks if b.counts is not None]
        starts, positions, base = [], [], 0
        for b in blocks:
            assert b.starts is not None and b.positions is not None
            starts.append(b.starts + base)
            positions.append(b.positions)
            base += b.positions.size
        out.counts = np.concatenate(counts)
        out.starts = np.concatenate(starts)
        out.positions = np.concatenate(positions)
    if rows.size > 1 and not bool(np.all(rows[1:] > rows[:-1])):
        out = select(out, np.argsort(rows, kind="stable"))
    return out


# ----------------------------------------------------------------- tokenizing
@dataclass
class Batch:
    """The postings of a batch of articles, as FTS5 tokenized them."""

    rows: np.ndarray  # int64 article ids, ascending
    lengths: np.ndarray  # int64 tokens per article, all columns (FTS5's document size)
    terms: list[str]
    blocks: list[Block]

    @property
    def postings(self) -> int:
        return sum(len(b) for b in self.blocks)


def _ensure_tokenizer(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TEMP} USING fts5("
                 f"{', '.join(COLUMNS)}, content='', tokenize='{TOKENIZER}')")
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TEMP}_instances "
                 f"USING fts5vocab(temp, {_TEMP}, instance)")


def tokenize(conn: sqlite3.Connection, rows: Sequence[Sequence[object]]) -> Batch:
    """Postings of `rows` = (id, title, heading, chapter, body, meta), the values exactly as
    inserted into library_fts."""
    _ensure_tokenizer(conn)
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(f"INSERT INTO temp.{_TEMP}({_TEMP}) VALUES ('delete-all')")
    cur.executemany(f"INSERT INTO temp.{_TEMP}(rowid, {', '.join(COLUMNS)}) "
                    "VALUES (?, ?, ?, ?, ?, ?)", rows)
    # Ordered by term, then article, column and offset.
    instances = cur.execute(
        f"SELECT term, doc, col, offset FROM temp.{_TEMP}_instances").fetchall()
    cur.execute(f"INSERT INTO temp.{_TEMP}({_TEMP}) VALUES ('delete-all')")
    ids = np.array(sorted(int(r[0]) for r in rows), dtype=np.int64)  # type: ignore[call-overload]
    n = len(instances)
    if n == 0:
        return Batch(ids, np.zeros(ids.size, dtype=np.int64), [], [])
    docs = np.fromiter((r[1] for r in instances), dtype=np.int64, count=n)
    cols = np.fromiter((COLUMN_INDEX[r[2]] for r in instances), dtype=np.int64, count=n)
    offs = np.fromiter((r[3] for r in instances), dtype=np.int64, count=n)
    lengths = np.bincount(np.searchsorted(ids, docs), minlength=ids.size).astype(np.int64)
    # Term of each instance, as a number (instances come grouped by term).
    term_names: list[str] = []
    term_ids = np.empty(n, dtype=np.int64)
    previous = None
    for i, (term, _d, _c, _o) in enumerate(instances):
        if term != previous:
            term_names.append(term)
            previous = term
        term_ids[i] = len(term_names) - 1
    searchable = cols < SEARCHABLE
    term_ids, docs, cols, offs = (term_ids[searchable], docs[searchable], cols[searchable],
                                  offs[searchable])
    if term_ids.size == 0:
        return Batch(ids, lengths, [], [])
    # One posting per (term, article): where either changes.
    change = np.ones(term_ids.size, dtype=bool)
    change[1:] = (term_ids[1:] != term_ids[:-1]) | (docs[1:] != docs[:-1])
    first = np.flatnonzero(change)
    counts = np.diff(np.append(first, term_ids.size))
    weights = np.add.reduceat(_WEIGHT_ARRAY[cols], first)
    p_terms, p_rows = term_ids[first], docs[first]
    positions = (cols << COL_SHIFT) | offs
    starts = first
    # Split the postings by term.
    term_change = np.flatnonzero(np.diff(p_terms)) + 1
    bounds = [int(x) for x in np.concatenate(([0], term_change, [p_terms.size]))]
    names, blocks = [], []
    for a, b in itertools.pairwise(bounds):
        lo, hi = int(starts[a]), int(starts[b - 1] + counts[b - 1])
        block = Block(p_rows[a:b], weights[a:b], counts[a:b], starts[a:b] - lo,
                      positions[lo:hi])
        names.append(term_names[int(p_terms[a])])
        blocks.append(block)
    return Batch(ids, lengths, names, blocks)


# ----------------------------------------------------------------- segments
def _segment_blobs(rows: np.ndarray, lengths: np.ndarray, rowdocs: np.ndarray
                   ) -> tuple[str, bytes, bytes, bytes]:
    rows_t = _uint_dtype(int(rows.max()) if rows.size else 0)
    lengths_t = _uint_dtype(int(lengths.max()) if lengths.size else 0)
    rowdocs_t = _uint_dtype(int(rowdocs.max()) if rowdocs.size else 0)
    return (f"{rows_t},{lengths_t},{rowdocs_t}", rows.astype(rows_t).tobytes(),
            lengths.astype(lengths_t).tobytes(), rowdocs.astype(rowdocs_t).tobytes())


@dataclass
class Segment:
    id: int
    level: int
    rows: np.ndarray
    lengths: np.ndarray
    docs: list[str]
    rowdocs: np.ndarray


def _segment(row: Sequence[object]) -> Segment:
    seg_id, level, fmt, rows, lengths, docs, rowdocs = row
    rows_t, lengths_t, rowdocs_t = str(fmt).split(",")
    return Segment(int(seg_id), int(level),  # type: ignore[call-overload]
                   np.frombuffer(rows, dtype=rows_t).astype(np.int64),  # type: ignore[call-overload]
                   np.frombuffer(lengths, dtype=lengths_t).astype(np.int64),  # type: ignore[call-overload]
                   list(json.loads(str(docs))),
                   np.frombuffer(rowdocs, dtype=rowdocs_t).astype(np.int64))  # type: ignore[call-overload]


_SEGMENT_COLUMNS = "id, level, fmt, rows, lengths, docs, rowdocs"


def segments(conn: sqlite3.Connection, where: str = "", params: Sequence[object] = ()
             ) -> list[Segment]:
    cur = conn.cursor()
    cur.row_factory = None
    return [_segment(r) for r in cur.execute(
        f"SELECT {_SEGMENT_COLUMNS} FROM library_segments {where} ORDER BY id", params)]


def _write_segment(conn: sqlite3.Connection, level: int, rows: np.ndarray, lengths: np.ndarray,
                   docs: list[str], rowdocs: np.ndarray,
                   terms: Iterable[tuple[str, Block]]) -> int:
    fmt, rows_b, lengths_b, rowdocs_b = _segment_blobs(rows, lengths, rowdocs)
    cur = conn.execute(
        "INSERT INTO library_segments(level, fmt, rows, lengths, docs, rowdocs, postings) "
        "VALUES (?, ?, ?, ?, ?, ?, 0)",
        (level, fmt, rows_b, lengths_b, json.dumps(docs, ensure_ascii=False), rowdocs_b))
    seg_id = int(cur.lastrowid or 0)
    total = 0

    def encoded() -> Iterator[tuple[object, ...]]:
        nonlocal total
        for term, block in terms:
            if len(block):
                total += len(block)
                yield (term, seg_id, *encode(block))

    conn.executemany(
        "INSERT INTO library_postings(term, segment, fmt, rows, weights, counts, positions) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", encoded())
    conn.execute("UPDATE library_segments SET postings = ? WHERE id = ?", (total, seg_id))
    return seg_id


def add_document(conn: sqlite3.Connection, doc_id: str, rows: Sequence[Sequence[object]],
                 *, merge: bool = True) -> None:
    """Index one document's articles (the values given to library_fts) as a new segment."""
    batch = tokenize(conn, rows)
    _write_segment(conn, 0, batch.rows, batch.lengths, [doc_id],
                   np.zeros(batch.rows.size, dtype=np.int64),
                   zip(batch.terms, batch.blocks, strict=True))
    if merge:
        merge_levels(conn)


def remove_document(conn: sqlite3.Connection, doc_id: str) -> None:
    """Forget a document's articles: its own segment goes; in a merged one they turn dead."""
    for seg in segments(conn):
        if doc_id not in seg.docs:
            continue
        if seg.docs == [doc_id]:
            conn.execute("DELETE FROM library_postings WHERE segment = ?", (seg.id,))
            conn.execute("DELETE FROM library_segments WHERE id = ?", (seg.id,))
            continue
        mine = seg.rows[seg.rowdocs == seg.docs.index(doc_id)]
        conn.executemany("INSERT OR IGNORE INTO library_dead_rows(rowid) VALUES (?)",
                         ((int(r),) for r in mine))


def clear(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM library_postings")
    conn.execute("DELETE FROM library_segments")
    conn.execute("DELETE FROM library_dead_rows")


def merge_levels(conn: sqlite3.Connection) -> None:
    """Merge FANOUT segments of a level into one of the next, as long as a level is full."""
    level = 0
    while True:
        ids = [r[0] for r in conn.execute(
            "SELECT id FROM library_segments WHERE level = ? ORDER BY id", (level,))]
        if len(ids) >= FANOUT:
            merge(conn, ids, level + 1)
        elif not conn.execute("SELECT 1 FROM library_segments WHERE level > ? LIMIT 1",
                              (level,)).fetchone():
            return
        level += 1


def compact(conn: sqlite3.Connection) -> bool:
    """Merge every segment into one (and drop every dead article); False if nothing to do."""
    ids = [r[0] for r in conn.execute("SELECT id FROM library_segments ORDER BY id")]
    dead = conn.execute("SELECT 1 FROM library_dead_rows LIMIT 1").fetchone()
    if len(ids) <= 1 and dead is None:
        return False
    if not ids:
        conn.execute("DELETE FROM library_dead_rows")
        return True
    level = conn.execute("SELECT max(level) FROM library_segments").fetchone()[0]
    merge(conn, ids, int(level) + 1)
    return True


def merge(conn: sqlite3.Connection, ids: Sequence[int], level: int) -> int:
    """Replace the segments `ids` by one, without their dead articles."""
    marks = ",".join("?" * len(ids))
    segs = segments(conn, f"WHERE id IN ({marks})", ids)
    rows = np.concatenate([s.rows for s in segs])
    dead_all = np.array([r[0] for r in conn.execute("SELECT rowid FROM library_dead_rows")],
                        dtype=np.int64)
    dead = dead_all[np.isin(dead_all, rows)] if dead_all.size else _EMPTY_I
    docs: list[str] = []
    index: dict[str, int] = {}
    rowdocs_parts = []
    for s in segs:
        local = np.array([index.setdefault(d, len(index)) for d in s.docs], dtype=np.int64)
        rowdocs_parts.append(local[s.rowdocs] if s.rowdocs.size else _EMPTY_I)
    docs = list(index)
    rowdocs = np.concatenate(rowdocs_parts)
    lengths = np.concatenate([s.lengths for s in segs])
    keep = ~np.isin(rows, dead) if dead.size else np.ones(rows.size, dtype=bool)
    order = np.argsort(rows[keep], kind="stable")
    rows, lengths, rowdocs = rows[keep][order], lengths[keep][order], rowdocs[keep][order]
    # Documents with no live article left drop out of the list.
    used = np.unique(rowdocs)
    renumber = np.full(len(docs), -1, dtype=np.int64)
    renumber[used] = np.arange(used.size)
    docs = [docs[i] for i in used]
    rowdocs = renumber[rowdocs] if rowdocs.size else rowdocs

    terms = [r[0] for r in conn.execute(
        f"SELECT DISTINCT term FROM library_postings WHERE segment IN ({marks}) ORDER BY term",
        ids)]
    cur = conn.cursor()
    cur.row_factory = None

    def merged() -> Iterator[tuple[str, Block]]:
        for term in terms:
            parts = [decode(*r) for r in cur.execute(
                "SELECT fmt, rows, weights, counts, positions FROM library_postings "
                f"WHERE term = ? AND segment IN ({marks}) ORDER BY segment",
                (term, *ids)).fetchall()]
            block = concat(parts)
            if dead.size:
                block = select(block, ~np.isin(block.rows, dead))
            if len(block):
                yield term, _compacted(block)

    # Term by term: each term's old postings are read in full (fetchall) before its merged
    # posting list is written, so no cursor is open on the table while it changes.
    new_id = _write_segment(conn, level, rows, lengths, docs, rowdocs, merged())
    conn.execute(f"DELETE FROM library_postings WHERE segment IN ({marks})", ids)
    conn.execute(f"DELETE FROM library_segments WHERE id IN ({marks})", ids)
    if dead.size:
        conn.executemany("DELETE FROM library_dead_rows WHERE rowid = ?",
                         ((int(r),) for r in dead))
    return new_id


def _compacted(block: Block) -> Block:
    """`block` with its positions laid out in posting order (as `encode` writes them)."""
    positions = _positions_in_order(block)
    assert block.counts is not None
    return Block(block.rows, block.weights, block.counts,
                 np.cumsum(block.counts) - block.counts, positions)


# ----------------------------------------------------------------- reading
@dataclass
class Stats:
    """What every search needs about the whole index (rebuilt when the library changes)."""

    segments: frozenset[int]
    size: int  # 1 + the highest article id
    live: np.ndarray  # bool, by article id
    lengths: np.ndarray  # float64 tokens by article id (all columns)
    rowdoc: np.ndarray  # int64 index into doc_ids by article id, -1 for none
    doc_ids: tuple[str, ...]
    rows: int  # live articles (FTS5's row count)
    avgdl: float  # average tokens per article (FTS5's)
    has_dead: bool

    @property
    def empty(self) -> bool:
        return self.rows == 0


def load_stats(conn: sqlite3.Connection) -> Stats:
    segs = segments(conn)
    dead = np.array([r[0] for r in conn.execute("SELECT rowid FROM library_dead_rows")],
                    dtype=np.int64)
    rows = np.concatenate([s.rows for s in segs]) if segs else _EMPTY_I
    size = int(rows.max()) + 1 if rows.size else 1
    live = np.zeros(size, dtype=bool)
    lengths = np.zeros(size, dtype=np.float64)
    rowdoc = np.full(size, -1, dtype=np.int64)
    doc_index: dict[str, int] = {}
    for s in segs:
        live[s.rows] = True
        lengths[s.rows] = s.lengths
        local = np.array([doc_index.setdefault(d, len(doc_index)) for d in s.docs],
                         dtype=np.int64)
        if s.rows.size:
            rowdoc[s.rows] = local[s.rowdocs]
    dead = dead[dead < size]
    live[dead] = False
    n = int(live.sum())
    total = float(lengths[live].sum())
    return Stats(frozenset(s.id for s in segs), size, live, lengths, rowdoc, tuple(doc_index),
                 n, total / n if n else 0.0, bool(dead.size))


class Reader:
    """Posting lists for one search, merged across segments, dead articles dropped."""

    def __init__(self, conn: sqlite3.Connection, stats: Stats) -> None:
        self.conn = conn
        self.stats = stats
        self._cur = conn.cursor()
        self._cur.row_factory = None
        self._terms: dict[tuple[str, bool], Block | None] = {}
        self._prefixes: dict[tuple[str, bool], list[Block]] = {}

    def _blocks(self, sql: str, params: Sequence[object], positions: bool
                ) -> dict[str, list[Block]]:
        known = self.stats.segments
        found: dict[str, list[Block]] = {}
        for term, segment, *blobs in self._cur.execute(sql, params):
            if segment not in known:  # written after this search's statistics were read
                continue
            found.setdefault(term, []).append(decode(*blobs) if positions else
                                               decode(blobs[0], blobs[1], blobs[2]))
        return found

    def _columns(self, positions: bool) -> str:
        return ("term, segment, fmt, rows, weights"
                + (", counts, positions" if positions else ""))

    def _finish(self, parts: list[Block]) -> Block | None:
        block = concat(parts)
        if self.stats.has_dead:
            block = select(block, self.stats.live[block.rows])
        return block if len(block) else None

    def term(self, term: str, positions: bool = False) -> Block | None:
        key = (term, positions)
        if key not in self._terms:
            cached = self._terms.get((term, True)) if not positions else None
            if cached is not None:
                self._terms[key] = cached
            else:
                found = self._blocks(
                    f"SELECT {self._columns(positions)} FROM library_postings WHERE term = ? "
                    "ORDER BY segment", (term,), positions)
                parts = found.get(term)
                self._terms[key] = self._finish(parts) if parts else None
        return self._terms[key]

    def prefix(self, prefix: str, positions: bool = False) -> list[Block]:
        """One block per indexed term that starts with `prefix` (FTS5's "prefix"*)."""
        key = (prefix, positions)
        if key not in self._prefixes:
            found = self._blocks(
                f"SELECT {self._columns(positions)} FROM library_postings "
                "WHERE term >= ? AND term < ? ORDER BY term, segment",
                (prefix, _successor(prefix)), positions)
            blocks = [self._finish(parts) for parts in found.values()]
            self._prefixes[key] = [b for b in blocks if b is not None]
        return self._prefixes[key]


def _successor(prefix: str) -> str:
    """The smallest string above every string that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\U0010ffff"


def dead_rows(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM library_dead_rows").fetchone()[0])
