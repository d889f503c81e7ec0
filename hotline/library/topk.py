"""Top-k library search: FTS5's weighted bm25, computed with numpy from the postings.

`Engine.match(expr)` returns every article matching a query expression (hotline.library.query
`Expr`) with the score `ORDER BY rank` would give it on library_fts; `Engine.top` keeps the
best k among the documents a filter allows. Scoring every match is cheap here (a few vector
operations over the posting lists) where FTS5 pays a table lookup per match; see README.md
in this folder for the design and the measurements. The scores are FTS5's to 1e-9
(tests/test_library_topk.py compares every match of generated queries).

bm25 exactly as FTS5's fts5Bm25Function (sqlite/ext/fts5/fts5_aux.c), per phrase i:

    idf_i   = log((N - n_i + 0.5) / (n_i + 0.5)), at least 1e-6
    score  += idf_i * f_i * (k1 + 1) / (f_i + k1 * (1 - b + b * D / avgdl))

with N the articles indexed, n_i those holding phrase i in the searched columns, f_i the
phrase's weighted count in the article (title ×6, heading ×5, chapter and body ×1), D the
article's tokens in all columns and avgdl their average; k1 = 1.2, b = 0.75.
"""

from __future__ import annotations

import ctypes
import math
import sqlite3
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from hotline.library.postings import COL_SHIFT, K1, SEARCHABLE, WEIGHTS, Block, Reader, Stats
from hotline.library.query import ALL, MOST, Expr, Phrase

_WEIGHT_ARRAY = np.array(WEIGHTS, dtype=np.float64)
_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0, dtype=np.float64)
_ROW_SHIFT = 36  # phrase keys: candidate index << 36 | column << 32 | offset


def _keep_freed_memory() -> None:
    """A search allocates and frees arrays of a few hundred KB (posting lists of common
    words, scores). glibc's defaults hand such memory back to the OS as soon as a couple of
    them are free and fault it in again on the next search: about 1 ms per array on the
    shared build machine, more than the arithmetic. Up to 16 MB of freed memory is kept
    for reuse instead (Linux/glibc only; a no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl …)
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 8 << 20)
    mallopt(m_trim_threshold, 16 << 20)


_keep_freed_memory()
_LOW_BITS = (1 << _ROW_SHIFT) - 1


@dataclass
class Matches:
    """Articles matching an expression, ids ascending, with their bm25 scores (higher is
    better: FTS5's rank is minus this)."""

    rows: np.ndarray
    scores: np.ndarray

    def __len__(self) -> int:
        return int(self.rows.size)


def idf(rows: int, hits: int) -> float:
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0.0 else 1e-6


class Engine:
    """Scores expressions for one search (one snapshot of the index)."""

    def __init__(self, conn: sqlite3.Connection, stats: Stats) -> None:
        self.stats = stats
        self.reader = Reader(conn, stats)
        self._phrases: dict[Phrase, tuple[np.ndarray, np.ndarray]] = {}
        self._matches: dict[Expr, Matches] = {}

    # ------------------------------------------------------------- phrases
    def hits(self, phrase: Phrase) -> tuple[np.ndarray, np.ndarray]:
        """(article ids ascending, weighted count of the phrase in each)."""
        found = self._phrases.get(phrase)
        if found is None:
            found = self._hits(phrase)
            self._phrases[phrase] = found
        return found

    def _hits(self, phrase: Phrase) -> tuple[np.ndarray, np.ndarray]:
        tokens = phrase.tokens
        if not tokens:
            return _EMPTY_I, _EMPTY_F
        if len(tokens) == 1:
            if not phrase.prefix:
                block = self.reader.term(tokens[0])
                return (block.rows, block.weights) if block is not None else (_EMPTY_I,
                                                                               _EMPTY_F)
            return self._union(self.reader.prefix(tokens[0]))
        lists: list[list[Block]] = []
        for i, token in enumerate(tokens):
            if phrase.prefix and i == len(tokens) - 1:
                blocks = self.reader.prefix_parts(token)
            else:
                blocks = self.reader.term_parts(token)
            if not blocks:
                return _EMPTY_I, _EMPTY_F
            lists.append(blocks)
        # Articles holding every token, then the positions where they follow each other.
        candidates: np.ndarray | None = None
        for blocks in sorted(lists, key=lambda bs: sum(len(b) for b in bs)):
            rows = self._union_rows([b.rows for b in blocks])
            candidates = rows if candidates is None else self._intersect(candidates, rows)
            if not candidates.size:
                return _EMPTY_I, _EMPTY_F
        assert candidates is not None
        return _phrase(lists, candidates)

    def _union(self, blocks: Sequence[Block]) -> tuple[np.ndarray, np.ndarray]:
        """A prefix: the articles holding any of the terms, their counts summed."""
        if not blocks:
            return _EMPTY_I, _EMPTY_F
        if len(blocks) == 1:
            return blocks[0].rows, blocks[0].weights
        rows = np.concatenate([b.rows for b in blocks])
        weights = np.concatenate([b.weights for b in blocks])
        size = self.stats.size
        held = np.bincount(rows, minlength=size) > 0
        total = np.bincount(rows, weights=weights, minlength=size)
        ids = np.flatnonzero(held)
        return ids, total[ids]

    def _union_rows(self, arrays: Sequence[np.ndarray]) -> np.ndarray:
        """The ids in any of the arrays, ascending (a dense mask: no sort, no hashing)."""
        if len(arrays) == 1:
            return arrays[0]
        mask = np.zeros(self.stats.size, dtype=bool)
        for rows in arrays:
            mask[rows] = True
        return np.flatnonzero(mask)

    def _intersect(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.stats.size, dtype=bool)
        mask[b] = True
        return a[mask[a]]

    # ------------------------------------------------------------- expressions
    def match(self, expr: Expr) -> Matches:
        found = self._matches.get(expr)
        if found is None:
            found = self._match(expr)
            self._matches[expr] = found
        return found

    def _match(self, expr: Expr) -> Matches:
        """Which articles match (every part, all parts but one, or any), then their scores
        — computed only for those."""
        stats = self.stats
        if stats.empty or not expr.parts:
            return Matches(_EMPTY_I, _EMPTY_F)
        parts = [[self.hits(p) for p in part.alternatives] for part in expr.parts]
        held_by = [self._union_rows([rows for rows, _ in alts]) for alts in parts]
        count: np.ndarray | None = None
        if expr.mode == ALL:
            # Intersect from the rarest part on.
            matched = min(held_by, key=len)
            for rows in sorted(held_by, key=len):
                if rows is not matched:
                    matched = self._intersect(matched, rows)
                if not matched.size:
                    return Matches(_EMPTY_I, _EMPTY_F)
        else:
            # How many parts each article holds: one counting pass over them all.
            count = np.bincount(np.concatenate(held_by), minlength=stats.size)
            matched = np.flatnonzero(count >= (len(parts) - 1 if expr.mode == MOST else 1))
            if not matched.size:
                return Matches(_EMPTY_I, _EMPTY_F)
        scores = self._score(parts, matched)
        if expr.mode == MOST:
            assert count is not None
            # FTS5's "all but one" is an OR of AND groups, each leaving out one part, and a
            # part is scored once in every group that matches the article: all m parts there
            # match all m groups, each part in m - 1 of them; with m - 1 parts one group does.
            scores *= np.where(count[matched] == len(parts), len(parts) - 1, 1)
        return Matches(matched, scores)

    def _score(self, parts: list[list[tuple[np.ndarray, np.ndarray]]],
               matched: np.ndarray) -> np.ndarray:
        """bm25 of the matched articles: phrase after phrase in the expression's order (the
        order FTS5 sums in), a phrase an article lacks adding 0.0 as in FTS5."""
        stats = self.stats
        norm = stats.norm[matched]
        scratch: np.ndarray | None = None
        score = np.zeros(matched.size, dtype=np.float64)
        term = np.empty(matched.size, dtype=np.float64)
        for alts in parts:
            for rows, freq in alts:
                if not rows.size:
                    continue
                if rows.size == matched.size and np.array_equal(rows, matched):
                    f = freq  # the phrase's articles are the matched ones (a broad prefix …)
                else:
                    if scratch is None:
                        scratch = np.zeros(stats.size, dtype=np.float64)
                    scratch[rows] = freq
                    f = scratch[matched]
                    scratch[rows] = 0.0
                # weight * ((f * (k1 + 1)) / (f + norm)), in place, in FTS5's order.
                np.multiply(f, K1 + 1.0, out=term)
                term /= f + norm
                term *= idf(stats.rows, int(rows.size))
                score += term
        return score

    # ------------------------------------------------------------- top k
    def top(self, matches: Matches, k: int,
            allow: Callable[[np.ndarray], np.ndarray] | None = None) -> list[int]:
        """The best `k` article ids (score, then id), among those `allow` keeps."""
        rows, scores = matches.rows, matches.scores
        if allow is not None and rows.size:
            keep = allow(rows)
            rows, scores = rows[keep], scores[keep]
        if rows.size > k > 0:
            # Everything scoring at least the k-th best (ties at the edge decided by id).
            kth = np.partition(scores, rows.size - k)[rows.size - k]
            keep = scores >= kth
            rows, scores = rows[keep], scores[keep]
        order = np.lexsort((rows, -scores))
        return [int(r) for r in rows[order[:k] if k > 0 else order]]


def _keys(blocks: Sequence[Block], candidates: np.ndarray) -> np.ndarray:
    """Sorted keys candidate index << 36 | column << 32 | offset of every position of the
    blocks' terms in the candidate articles (only those positions are decoded)."""
    parts = []
    for block in blocks:
        if not block.rows.size:
            continue
        # Only the candidates within this block's ids (segments cover id ranges).
        lo, hi = np.searchsorted(candidates, (block.rows[0], block.rows[-1] + 1))
        if lo == hi:
            continue
        inside = candidates[lo:hi]
        at = np.minimum(np.searchsorted(block.rows, inside), block.rows.size - 1)
        present = block.rows[at] == inside
        lengths, positions = block.positions(at[present])
        which = np.repeat(np.flatnonzero(present).astype(np.int64) + lo, lengths)
        parts.append((which << _ROW_SHIFT) | positions)
    if not parts:
        return _EMPTY_I
    keys = parts[0] if len(parts) == 1 else np.concatenate(parts)
    if len(parts) > 1 and keys.size > 1 and not bool(np.all(keys[1:] > keys[:-1])):
        keys = np.sort(keys)  # several terms (a prefix) or segments out of id order
    return keys


def _phrase(lists: Sequence[Sequence[Block]], candidates: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """The candidates where the tokens follow each other (in one column), with the weighted
    count of such places. The positions of the token with the fewest are decoded (the
    anchors); each other token, rarest first, is looked up at anchor + distance by a binary
    search within the article's own positions (sorted, packed as stored), so a very common
    word ("người", 20 times an article) is never decoded in full."""
    sizes = [sum(int(b.counts.sum()) for b in blocks if b.counts is not None)
             for blocks in lists]
    anchor_at = int(np.argmin(sizes))
    keys = _keys(lists[anchor_at], candidates)
    which = keys >> _ROW_SHIFT  # candidate index, ascending
    places = keys & _LOW_BITS  # column << 32 | offset
    for i in sorted((i for i in range(len(lists)) if i != anchor_at), key=lambda i: sizes[i]):
        if not which.size:
            return _EMPTY_I, _EMPTY_F
        # Token i stands i - anchor_at places after the anchor (before it when negative;
        # an offset borrowing below 0 lands on a column no position has: no false match).
        target = places + (i - anchor_at)
        found = np.zeros(which.size, dtype=bool)
        for block in lists[i]:
            found |= _has_position(block, candidates, which, target)
        which, places = which[found], places[found]
    if not which.size:
        return _EMPTY_I, _EMPTY_F
    new_row = np.ones(which.size, dtype=bool)
    new_row[1:] = which[1:] != which[:-1]
    columns = places >> COL_SHIFT
    freq = np.bincount(np.cumsum(new_row) - 1, weights=_WEIGHT_ARRAY[columns])
    return candidates[which[new_row]], freq


def _has_position(block: Block, candidates: np.ndarray, which: np.ndarray,
                  target: np.ndarray) -> np.ndarray:
    """For each (candidate `which`, column << 32 | offset `target`), whether the block's
    term stands there."""
    found = np.zeros(which.size, dtype=bool)
    if not block.rows.size:
        return found
    assert block.counts is not None and block.starts is not None
    assert block.packed is not None
    # Where each candidate within the block's ids is in the block (-1: not there).
    lo, hi = np.searchsorted(candidates, (block.rows[0], block.rows[-1] + 1))
    if lo == hi:
        return found
    inside = candidates[lo:hi]
    at_inside = np.minimum(np.searchsorted(block.rows, inside), block.rows.size - 1)
    located = np.full(candidates.size, -1, dtype=np.int64)
    located[lo:hi] = np.where(block.rows[at_inside] == inside, at_inside, -1)
    at = located[which]
    columns, offsets = target >> COL_SHIFT, target & 0xFFFFFFFF
    shift = block.shift
    usable = np.flatnonzero((at >= 0) & (target >= 0) & (offsets < (1 << shift))
                            & (columns < SEARCHABLE))
    if not usable.size:
        return found
    at = at[usable]
    packed_target = (columns[usable] << shift) | offsets[usable]
    # Branchless lower bound: the first position >= target lies in [base, base + n].
    base = block.starts[at]
    n = block.counts[at]
    end = base + n
    packed = block.packed
    last = packed.size - 1
    for _ in range(int(n.max()).bit_length()):
        half = n >> 1
        probe = base + half
        base = np.where(packed[probe] < packed_target, probe, base)
        n -= half
    first = base + (packed[base] < packed_target)
    hit = first < end
    hit &= packed[np.minimum(first, last)] == packed_target
    found[usable[hit]] = True
    return found


