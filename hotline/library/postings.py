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

Blobs: article ids as deltas, every array in the smallest exact unsigned dtype (weighted
frequencies are integers while the weights are), positions as column << 14 | offset in 16
bits when every offset of the list is below 2**14, else column << 28 | offset.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from hotline.library.index import WEIGHTS

COLUMNS = ("title", "heading", "chapter", "body", "meta")
COLUMN_INDEX = {name: i for i, name in enumerate(COLUMNS)}
SEARCHABLE = 4  # the first four columns are searched; meta only filters
TOKENIZER = "unicode61 remove_diacritics 2"  # as library_fts (m0002)
FANOUT = 8
K1, B = 1.2, 0.75  # bm25's parameters in FTS5
COL_SHIFT = 32  # in memory a position is column << 32 | offset
MERGE_CHUNK = 2_000_000  # postings decoded at a time while merging (bounds the memory)
# As FTS5's prefix='2 3': the articles holding any term that starts with each 2- and 3-letter
# prefix, under the key PREFIX_MARK + prefix (no token holds a control character). Typing
# "bạo lực gi" then reads one list instead of the 60-odd terms starting with "gi". No
# positions: a phrase ending in a prefix expands through the terms.
PREFIX_LENGTHS = (2, 3)
PREFIX_MARK = "\x00"
CACHE_BUDGET = 48 << 20  # bytes of decoded posting lists kept between searches
CACHE_MIN = 64 << 10  # smaller lists are cheap to read again
_WEIGHT_ARRAY = np.array(WEIGHTS, dtype=np.float64)
_TEMP = "library_tokens"
_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0, dtype=np.float64)
_UINTS = ("<u1", "<u2", "<u4", "<u8")
_LIMITS = np.array([0xFF, 0xFFFF, 0xFFFFFFFF], dtype=np.uint64)


# ----------------------------------------------------------------- encoding
def _uint_dtype(maximum: int) -> str:
    return _UINTS[int(np.searchsorted(_LIMITS, np.uint64(maximum)))]


def _uint_codes(maxima: np.ndarray) -> np.ndarray:
    """Index into _UINTS of the smallest dtype holding each maximum (vectorised)."""
    return np.searchsorted(_LIMITS, maxima.astype(np.uint64))


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indexes starts[i] … starts[i] + lengths[i] - 1 for every i, concatenated."""
    total = int(lengths.sum())
    if total == 0:
        return _EMPTY_I
    ends = np.cumsum(lengths)
    offsets = np.repeat(starts - (ends - lengths), lengths)
    return np.arange(total, dtype=np.int64) + offsets


@dataclass
class Block:
    """One term's postings, decoded for a search.

    With positions (one segment's list only): `counts` per posting, `starts` the index of
    each posting's first position in `packed`, the positions as stored (column << `shift` |
    offset, a view of the blob: only those a phrase needs are ever converted)."""

    rows: np.ndarray  # int64 article ids, ascending
    weights: np.ndarray  # float64 weighted frequency in the searchable columns
    counts: np.ndarray | None = None
    starts: np.ndarray | None = None
    packed: np.ndarray | None = None
    shift: int = 0

    def __len__(self) -> int:
        return int(self.rows.size)

    def positions(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(how many, column << 32 | offset) of the positions of the postings `at`."""
        assert self.counts is not None and self.starts is not None
        assert self.packed is not None
        lengths = self.counts[at]
        raw = self.packed[_ranges(self.starts[at], lengths)].astype(np.int64)
        mask = (1 << self.shift) - 1
        return lengths, ((raw >> self.shift) << COL_SHIFT) | (raw & mask)


def decode(fmt: str, rows: bytes, weights: bytes, counts: bytes | None = None,
           positions: bytes | None = None) -> Block:
    rows_t, weights_t, counts_t, positions_t, shift_s = fmt.split(",")
    ids = np.frombuffer(rows, dtype=rows_t).astype(np.int64)
    np.cumsum(ids, out=ids)
    block = Block(ids, np.frombuffer(weights, dtype=weights_t).astype(np.float64))
    if counts is not None and positions is not None:
        n = np.frombuffer(counts, dtype=counts_t).astype(np.int64)
        block.counts = n
        block.starts = np.cumsum(n) - n
        block.packed = np.frombuffer(positions, dtype=positions_t)
        block.shift = int(shift_s)
    return block


def select(block: Block, keep: np.ndarray) -> Block:
    """The postings of `block` at `keep` (a boolean mask or an index array)."""
    out = Block(block.rows[keep], block.weights[keep])
    if block.counts is not None:
        assert block.starts is not None
        out.counts, out.starts = block.counts[keep], block.starts[keep]
        out.packed, out.shift = block.packed, block.shift
    return out


def concat(blocks: Sequence[Block]) -> Block:
    """Ids and weights of disjoint article sets (segments) as one block, ids ascending
    (without positions: a phrase reads them segment by segment)."""
    if len(blocks) == 1:
        return Block(blocks[0].rows, blocks[0].weights)
    rows = np.concatenate([b.rows for b in blocks])
    weights = np.concatenate([b.weights for b in blocks])
    if rows.size > 1 and not bool(np.all(rows[1:] > rows[:-1])):
        order = np.argsort(rows, kind="stable")
        rows, weights = rows[order], weights[order]
    return Block(rows, weights)


@dataclass
class Run:
    """The postings of many terms, term after term (ids ascending within a term), with the
    positions laid out posting after posting: what a segment holds."""

    terms: list[str]
    bounds: np.ndarray  # postings of terms[i]: bounds[i] … bounds[i + 1] - 1
    rows: np.ndarray  # int64
    weights: np.ndarray  # float64
    counts: np.ndarray  # int64
    positions: np.ndarray  # int64 column << 32 | offset

    @property
    def postings(self) -> int:
        return int(self.rows.size)

    def select(self, keep: np.ndarray) -> Run:
        """The postings where `keep` (a boolean mask) holds; terms left empty drop out."""
        starts = np.cumsum(self.counts) - self.counts
        positions = self.positions[_ranges(starts[keep], self.counts[keep])]
        term_of = np.repeat(np.arange(len(self.terms)), np.diff(self.bounds))[keep]
        per_term = np.bincount(term_of, minlength=len(self.terms))
        kept = np.flatnonzero(per_term)
        return Run([self.terms[i] for i in kept],
                   np.concatenate(([0], np.cumsum(per_term[kept]))).astype(np.int64),
                   self.rows[keep], self.weights[keep], self.counts[keep], positions)


def encode(run: Run) -> Iterator[tuple[str, int, str, bytes, bytes, bytes, bytes]]:
    """(term, n, fmt, rows, weights, counts, positions) for each term of `run`: the dtypes
    are chosen and the arrays converted for all terms at once, then cut term by term."""
    if not run.terms:
        return
    starts = run.bounds[:-1]
    rows = run.rows
    deltas = np.empty_like(rows)
    deltas[0] = rows[0]
    deltas[1:] = rows[1:] - rows[:-1]
    deltas[starts] = rows[starts]  # each term's first id is absolute
    rows_c = _uint_codes(np.maximum.reduceat(deltas, starts))
    weights = run.weights
    integral = np.logical_and.reduceat((weights == np.floor(weights)) & (weights >= 0),
                                       starts)
    weights_c = np.where(integral, _uint_codes(np.maximum.reduceat(
        np.where(weights >= 0, weights, 0), starts).astype(np.int64)), len(_UINTS))
    counts_c = _uint_codes(np.maximum.reduceat(run.counts, starts))
    per_term = np.add.reduceat(run.counts, starts)
    pos_bounds = np.concatenate(([0], np.cumsum(per_term)))
    offsets = run.positions & 0xFFFFFFFF
    columns = run.positions >> COL_SHIFT
    biggest = np.zeros(len(run.terms), dtype=np.int64)
    with_positions = per_term > 0  # prefix postings have none
    if with_positions.any():
        biggest[with_positions] = np.maximum.reduceat(offsets,
                                                      pos_bounds[:-1][with_positions])
    if biggest.size and int(biggest.max()) >= 1 << 28:
        raise ValueError("an article longer than 2**28 tokens cannot be indexed")
    wide = biggest >= 1 << 14
    buffers: dict[tuple[str, str], bytes] = {}

    def buffer(name: str, dtype: str) -> bytes:
        key = (name, dtype)
        if key not in buffers:
            if name == "rows":
                values = deltas
            elif name == "weights":
                values = weights
            elif name == "counts":
                values = run.counts
            else:
                shift = 28 if dtype == "<u4" else 14
                values = (columns << shift) | offsets
            buffers[key] = values.astype(dtype).tobytes()
        return buffers[key]

    bounds = run.bounds.tolist()
    pbounds = pos_bounds.tolist()
    for i, term in enumerate(run.terms):
        a, b = bounds[i], bounds[i + 1]
        pa, pb = pbounds[i], pbounds[i + 1]
        rows_t = _UINTS[rows_c[i]]
        weights_t = _UINTS[weights_c[i]] if weights_c[i] < len(_UINTS) else "<f8"
        counts_t = _UINTS[counts_c[i]]
        positions_t, shift = ("<u4", 28) if wide[i] else ("<u2", 14)
        rs, ws, cs, ps = (int(rows_t[-1]), int(weights_t[-1]), int(counts_t[-1]),
                          int(positions_t[-1]))
        yield (term, b - a, f"{rows_t},{weights_t},{counts_t},{positions_t},{shift}",
               buffer("rows", rows_t)[a * rs:b * rs],
               buffer("weights", weights_t)[a * ws:b * ws],
               buffer("counts", counts_t)[a * cs:b * cs],
               buffer("positions", positions_t)[pa * ps:pb * ps])


def _decode_many(blobs: Sequence[bytes], dtypes: Sequence[str], *, float_values: bool = False
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The values of many blobs concatenated (int64, or float64), and each blob's length;
    one numpy conversion per distinct dtype."""
    sizes = np.array([int(d[-1]) for d in dtypes], dtype=np.int64)
    lengths = np.array([len(b) for b in blobs], dtype=np.int64) // np.maximum(sizes, 1)
    ends = np.cumsum(lengths)
    out = np.empty(int(ends[-1]) if ends.size else 0,
                   dtype=np.float64 if float_values else np.int64)
    by_dtype: dict[str, list[int]] = {}
    for i, dtype in enumerate(dtypes):
        by_dtype.setdefault(dtype, []).append(i)
    for dtype, which in by_dtype.items():
        values = np.frombuffer(b"".join(blobs[i] for i in which), dtype=dtype)
        index = np.array(which, dtype=np.int64)
        out[_ranges(ends[index] - lengths[index], lengths[index])] = values
    return out, lengths


def _read_run(cur: sqlite3.Cursor, segment_ids: Sequence[int], first: str, last: str
              ) -> Run:
    """Every posting list of the segments for the terms first … last, merged per term."""
    marks = ",".join("?" * len(segment_ids))
    fetched = cur.execute(
        "SELECT term, fmt, rows, weights, counts, positions FROM library_postings "
        f"WHERE segment IN ({marks}) AND term >= ? AND term <= ?",
        (*segment_ids, first, last)).fetchall()
    if not fetched:
        return Run([], np.zeros(1, dtype=np.int64), _EMPTY_I, _EMPTY_F, _EMPTY_I, _EMPTY_I)
    fmts = [r[1].split(",") for r in fetched]
    deltas, lengths = _decode_many([r[2] for r in fetched], [f[0] for f in fmts])
    weights, _ = _decode_many([r[3] for r in fetched], [f[1] for f in fmts],
                              float_values=True)
    counts, _ = _decode_many([r[4] for r in fetched], [f[2] for f in fmts])
    packed, pos_lengths = _decode_many([r[5] for r in fetched], [f[3] for f in fmts])
    # Ids: each blob's deltas restart from 0.
    total = np.cumsum(deltas)
    ends = np.cumsum(lengths)
    before = np.concatenate(([0], total[ends[:-1] - 1])) if ends.size else _EMPTY_I
    rows = total - np.repeat(before, lengths)
    shift = np.repeat(np.array([int(f[4]) for f in fmts], dtype=np.int64), pos_lengths)
    positions = ((packed >> shift) << COL_SHIFT) | (packed & ((1 << shift) - 1))
    # Terms in order; within a term, ids ascending (segments need not be in id order).
    names = sorted({r[0] for r in fetched})
    number = {name: i for i, name in enumerate(names)}
    blob_term = np.array([number[r[0]] for r in fetched], dtype=np.int64)
    term_of = np.repeat(blob_term, lengths)
    order = np.lexsort((rows, term_of))
    if not bool(np.all(order[1:] > order[:-1])):
        starts = np.cumsum(counts) - counts
        positions = positions[_ranges(starts[order], counts[order])]
        rows, weights, counts, term_of = rows[order], weights[order], counts[order], \
            term_of[order]
    per_term = np.bincount(term_of, minlength=len(names))
    return Run(names, np.concatenate(([0], np.cumsum(per_term))).astype(np.int64), rows,
               weights, counts, positions)


# ----------------------------------------------------------------- tokenizing
def _ensure_tokenizer(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TEMP} USING fts5("
                 f"{', '.join(COLUMNS)}, content='', tokenize='{TOKENIZER}')")
    conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{_TEMP}_instances "
                 f"USING fts5vocab(temp, {_TEMP}, instance)")


_COLUMN_CASE = ("CASE col " + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(COLUMNS))
                + f" ELSE {len(COLUMNS)} END")
# Each instance as one integer (article - first) << 35 | column << 32 | offset, a term's
# instances joined in one string: Python then handles a row per term, not per token.
_INSTANCES = (f"SELECT term, group_concat(((doc - ?) << 35) | (({_COLUMN_CASE}) << 32) | offset)"
              f" FROM temp.{_TEMP}_instances GROUP BY term")


def tokenize(conn: sqlite3.Connection, rows: Sequence[Sequence[object]]
             ) -> tuple[np.ndarray, np.ndarray, Run]:
    """(article ids ascending, tokens per article in all columns, postings) of `rows` =
    (id, title, heading, chapter, body, meta), the values exactly as given to library_fts."""
    _ensure_tokenizer(conn)
    ids = np.array(sorted(int(r[0]) for r in rows), dtype=np.int64)  # type: ignore[call-overload]
    empty = Run([], np.zeros(1, dtype=np.int64), _EMPTY_I, _EMPTY_F, _EMPTY_I, _EMPTY_I)
    if not ids.size:
        return ids, _EMPTY_I, empty
    base = int(ids[0])
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(f"INSERT INTO temp.{_TEMP}({_TEMP}) VALUES ('delete-all')")
    cur.executemany(f"INSERT INTO temp.{_TEMP}(rowid, {', '.join(COLUMNS)}) "
                    "VALUES (?, ?, ?, ?, ?, ?)", rows)
    grouped = cur.execute(_INSTANCES, (base,)).fetchall()
    cur.execute(f"INSERT INTO temp.{_TEMP}({_TEMP}) VALUES ('delete-all')")
    if not grouped:
        return ids, np.zeros(ids.size, dtype=np.int64), empty
    packed = np.fromstring(",".join(r[1] for r in grouped), dtype=np.int64, sep=",")
    per_term = np.array([r[1].count(",") + 1 for r in grouped], dtype=np.int64)
    names = [r[0] for r in grouped]
    term_ids = np.repeat(np.arange(len(names), dtype=np.int64), per_term)
    # Article, column, offset ascending within a term (the scan's order; made sure of).
    if packed.size > 1 and not bool(np.all((term_ids[1:] > term_ids[:-1])
                                           | (packed[1:] > packed[:-1]))):
        order = np.lexsort((packed, term_ids))
        packed, term_ids = packed[order], term_ids[order]
    docs = (packed >> 35) + base
    cols = (packed >> 32) & 7
    offs = packed & 0xFFFFFFFF
    lengths = np.bincount(np.searchsorted(ids, docs), minlength=ids.size).astype(np.int64)
    searchable = cols < SEARCHABLE
    term_ids, docs, cols, offs = (term_ids[searchable], docs[searchable], cols[searchable],
                                  offs[searchable])
    if term_ids.size == 0:
        return ids, lengths, empty
    # One posting per (term, article): where either changes.
    change = np.ones(term_ids.size, dtype=bool)
    change[1:] = (term_ids[1:] != term_ids[:-1]) | (docs[1:] != docs[:-1])
    first = np.flatnonzero(change)
    counts = np.diff(np.append(first, term_ids.size))
    weights = np.add.reduceat(_WEIGHT_ARRAY[cols], first)
    postings_per_term = np.bincount(term_ids[first], minlength=len(names))
    kept = np.flatnonzero(postings_per_term)  # terms seen only in the meta column drop out
    run = Run([names[i] for i in kept],
              np.concatenate(([0], np.cumsum(postings_per_term[kept]))).astype(np.int64),
              docs[first], weights, counts.astype(np.int64), (cols << COL_SHIFT) | offs)
    return ids, lengths, _with_prefixes(run)


def _with_prefixes(run: Run) -> Run:
    """`run` followed by its prefix postings (PREFIX_LENGTHS): per prefix and article, the
    weights of the terms starting with it, summed."""
    if not run.terms:
        return run
    keys: dict[str, int] = {}
    prefix_ids, rows, weights = [], [], []
    term_of = np.repeat(np.arange(len(run.terms)), np.diff(run.bounds))
    for length in PREFIX_LENGTHS:
        of_term = np.array([keys.setdefault(PREFIX_MARK + t[:length], len(keys))
                            if len(t) >= length else -1 for t in run.terms], dtype=np.int64)
        pid = of_term[term_of]
        has = pid >= 0
        prefix_ids.append(pid[has])
        rows.append(run.rows[has])
        weights.append(run.weights[has])
    if not keys:
        return run
    pid, row, weight = (np.concatenate(prefix_ids), np.concatenate(rows),
                        np.concatenate(weights))
    order = np.lexsort((row, pid))
    pid, row, weight = pid[order], row[order], weight[order]
    change = np.ones(pid.size, dtype=bool)
    change[1:] = (pid[1:] != pid[:-1]) | (row[1:] != row[:-1])
    first = np.flatnonzero(change)
    per_prefix = np.bincount(pid[first], minlength=len(keys))
    used = np.flatnonzero(per_prefix)
    names = list(keys)
    prefixes = Run([names[i] for i in used],
                   np.concatenate(([0], np.cumsum(per_prefix[used]))).astype(np.int64),
                   row[first], np.add.reduceat(weight, first),
                   np.zeros(first.size, dtype=np.int64), _EMPTY_I)
    return _joined(prefixes, run)


def _joined(a: Run, b: Run) -> Run:
    """The terms of `a`, then those of `b`."""
    return Run(a.terms + b.terms,
               np.concatenate((a.bounds, a.bounds[-1] + b.bounds[1:])),
               np.concatenate((a.rows, b.rows)), np.concatenate((a.weights, b.weights)),
               np.concatenate((a.counts, b.counts)),
               np.concatenate((a.positions, b.positions)))


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


def _new_segment(conn: sqlite3.Connection, level: int, rows: np.ndarray, lengths: np.ndarray,
                 docs: list[str], rowdocs: np.ndarray) -> int:
    fmt, rows_b, lengths_b, rowdocs_b = _segment_blobs(rows, lengths, rowdocs)
    cur = conn.execute(
        "INSERT INTO library_segments(level, fmt, rows, lengths, docs, rowdocs, postings) "
        "VALUES (?, ?, ?, ?, ?, ?, 0)",
        (level, fmt, rows_b, lengths_b, json.dumps(docs, ensure_ascii=False), rowdocs_b))
    return int(cur.lastrowid or 0)


def _write_run(conn: sqlite3.Connection, segment: int, run: Run) -> None:
    """Insert `run` (its terms in order: appends in key order) into `segment`."""
    conn.executemany(
        "INSERT INTO library_postings(segment, term, n, fmt, rows, weights, counts, positions)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((segment, term, *rest) for term, *rest in encode(run)))
    conn.execute("UPDATE library_segments SET postings = postings + ? WHERE id = ?",
                 (run.postings, segment))


def add_document(conn: sqlite3.Connection, doc_id: str, rows: Sequence[Sequence[object]],
                 *, merge: bool = True) -> None:
    """Index one document's articles (the values given to library_fts) as a new segment."""
    ids, lengths, run = tokenize(conn, rows)
    segment = _new_segment(conn, 0, ids, lengths, [doc_id], np.zeros(ids.size, dtype=np.int64))
    _write_run(conn, segment, run)
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
    index: dict[str, int] = {}
    rowdocs_parts = []
    for s in segs:
        local = np.array([index.setdefault(d, len(index)) for d in s.docs], dtype=np.int64)
        rowdocs_parts.append(local[s.rowdocs] if s.rowdocs.size else _EMPTY_I)
    all_docs = list(index)
    rowdocs = np.concatenate(rowdocs_parts)
    lengths = np.concatenate([s.lengths for s in segs])
    keep = ~np.isin(rows, dead) if dead.size else np.ones(rows.size, dtype=bool)
    order = np.argsort(rows[keep], kind="stable")
    rows, lengths, rowdocs = rows[keep][order], lengths[keep][order], rowdocs[keep][order]
    # Documents with no live article left drop out of the list.
    used = np.unique(rowdocs)
    renumber = np.full(len(all_docs), -1, dtype=np.int64)
    renumber[used] = np.arange(used.size)
    docs = [all_docs[i] for i in used]
    rowdocs = renumber[rowdocs] if rowdocs.size else rowdocs
    new_id = _new_segment(conn, level, rows, lengths, docs, rowdocs)
    # A chunk of terms at a time (memory stays bounded on a large library); every chunk's
    # old postings are read in full before its merged lists are written.
    cur = conn.cursor()
    cur.row_factory = None
    sizes = cur.execute(
        f"SELECT term, sum(n) FROM library_postings WHERE segment IN ({marks}) "
        "GROUP BY term ORDER BY term", ids).fetchall()
    chunk_first, chunk_size = None, 0
    for i, (term, n) in enumerate(sizes):
        if chunk_first is None:
            chunk_first = term
        chunk_size += int(n)
        if chunk_size >= MERGE_CHUNK or i == len(sizes) - 1:
            run = _read_run(cur, ids, chunk_first, term)
            if dead.size and run.postings:
                run = run.select(~np.isin(run.rows, dead))
            _write_run(conn, new_id, run)
            chunk_first, chunk_size = None, 0
    conn.execute(f"DELETE FROM library_postings WHERE segment IN ({marks})", ids)
    conn.execute(f"DELETE FROM library_segments WHERE id IN ({marks})", ids)
    if dead.size:
        conn.executemany("DELETE FROM library_dead_rows WHERE rowid = ?",
                         ((int(r),) for r in dead))
    return new_id


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
    norm: np.ndarray  # float64 k1 * (1 - b + b * D / avgdl) by article id (bm25's)
    cache: BlockCache = field(default_factory=lambda: BlockCache())

    @property
    def empty(self) -> bool:
        return self.rows == 0


class BlockCache:
    """Large posting lists as last decoded, for the searches of one library generation (the
    statistics, and so this cache, are replaced when the library changes).

    Why: a word in nearly every article ("người") has a 4 MB positions blob and a 100,000-id
    list; copying them out of SQLite and decoding them again costs 2–4 ms a search, and
    operators type the same words search after search. Lists under CACHE_MIN bytes are
    cheap to read and not kept; the least recently used go beyond CACHE_BUDGET."""

    def __init__(self, budget: int | None = None) -> None:
        self.budget = CACHE_BUDGET if budget is None else budget
        self._items: OrderedDict[tuple[str, str, bool], tuple[list[Block], int]] = \
            OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, bool]) -> list[Block] | None:
        with self._lock:
            found = self._items.get(key)
            if found is None:
                return None
            self._items.move_to_end(key)
            return found[0]

    def put(self, key: tuple[str, str, bool], blocks: list[Block]) -> None:
        size = sum(_nbytes(b) for b in blocks)
        if size < CACHE_MIN or size > self.budget:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (blocks, size)
            self._size += size
            while self._size > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self._size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._size = 0

    @property
    def size(self) -> int:
        return self._size


def _nbytes(block: Block) -> int:
    arrays = (block.rows, block.weights, block.counts, block.starts, block.packed)
    return sum(a.nbytes for a in arrays if a is not None)


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
    avgdl = total / n if n else 0.0
    # In FTS5's order of operations (fts5Bm25Function), so that scores agree to the bit.
    norm = K1 * (1 - B + B * lengths / (avgdl or 1.0))
    return Stats(frozenset(s.id for s in segs), size, live, lengths, rowdoc, tuple(doc_index),
                 n, avgdl, bool(dead.size), norm)


class Reader:
    """Posting lists for one search, dead articles dropped: a term's list merged across
    segments (to score), or segment by segment with positions (to find a phrase)."""

    def __init__(self, conn: sqlite3.Connection, stats: Stats) -> None:
        self.stats = stats
        # The segments of the statistics only (one written since is not read).
        self._segments = ",".join(str(s) for s in sorted(stats.segments))
        self._cur = conn.cursor()
        self._cur.row_factory = None
        self._terms: dict[str, Block | None] = {}
        self._term_parts: dict[str, list[Block]] = {}
        self._prefixes: dict[str, list[Block]] = {}
        self._prefix_parts: dict[str, list[Block]] = {}

    def _term(self, term: str, positions: bool) -> list[Block]:
        """One term's blocks (one per segment), from the cache when large and read before."""
        key = ("term", term, positions)
        cached = self.stats.cache.get(key)
        if cached is not None:
            return cached
        blocks = self._read("term = ?", (term,), positions).get(term, [])
        self.stats.cache.put(key, blocks)
        return blocks

    def _read(self, where: str, params: Sequence[object], positions: bool
              ) -> dict[str, list[Block]]:
        """Blocks by term, one per segment, in segment order."""
        live = self.stats.live
        columns = "term, fmt, rows, weights" + (", counts, positions" if positions else "")
        found: dict[str, list[Block]] = {}
        for term, *blobs in self._cur.execute(
                f"SELECT {columns} FROM library_postings "
                f"WHERE segment IN ({self._segments}) AND {where}", params):
            block = decode(*blobs)
            if self.stats.has_dead:
                block = select(block, live[block.rows])
            if len(block):
                found.setdefault(term, []).append(block)
        return found

    def term(self, term: str) -> Block | None:
        if term not in self._terms:
            parts = self._term_parts.get(term)
            if parts is None:
                parts = self._term(term, False)
            self._terms[term] = concat(parts) if parts else None
        return self._terms[term]

    def term_parts(self, term: str) -> list[Block]:
        """The term's list segment by segment, with positions."""
        if term not in self._term_parts:
            self._term_parts[term] = self._term(term, True)
        return self._term_parts[term]

    def prefix(self, prefix: str) -> list[Block]:
        """The articles holding a term that starts with `prefix` (FTS5's "prefix"*): one
        block of prefix postings for 2 and 3 letters, else one block per term."""
        if prefix not in self._prefixes:
            if len(prefix) in PREFIX_LENGTHS:
                parts = self._term(PREFIX_MARK + prefix, False)
                self._prefixes[prefix] = [concat(parts)] if parts else []
            else:
                found = self._read("term >= ? AND term < ?", (prefix, _successor(prefix)),
                                   False)
                self._prefixes[prefix] = [concat(parts) for parts in found.values()]
        return self._prefixes[prefix]

    def prefix_parts(self, prefix: str) -> list[Block]:
        """Every (term, segment) list of the terms starting with `prefix`, with positions."""
        if prefix not in self._prefix_parts:
            found = self._read("term >= ? AND term < ?", (prefix, _successor(prefix)), True)
            self._prefix_parts[prefix] = [b for parts in found.values() for b in parts]
        return self._prefix_parts[prefix]


def _successor(prefix: str) -> str:
    """The smallest string above every string that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\U0010ffff"


def dead_rows(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM library_dead_rows").fetchone()[0])
