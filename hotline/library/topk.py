"""Top-k library search: FTS5's weighted bm25, computed with numpy from the postings.

`Engine.match(expr)` returns every article matching a query expression (hotline.library.query
`Expr`) with the score `ORDER BY rank` would give it on library_fts; `Engine.top` keeps the
best k among the documents a filter allows. Scoring every match is cheap here (a few vector
operations over the posting lists) where FTS5 pays a table lookup per match; see README.md
in this folder for the design, the measurements and the one place the scores differ from FTS5.

bm25 exactly as FTS5's fts5Bm25Function (sqlite/ext/fts5/fts5_aux.c), per phrase i:

    idf_i   = log((N - n_i + 0.5) / (n_i + 0.5)), at least 1e-6
    score  += idf_i * f_i * (k1 + 1) / (f_i + k1 * (1 - b + b * D / avgdl))

with N the articles indexed, n_i those holding phrase i in the searched columns, f_i the
phrase's weighted count in the article (title ×6, heading ×5, chapter and body ×1), D the
article's tokens in all columns and avgdl their average; k1 = 1.2, b = 0.75.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from hotline.library.postings import COL_SHIFT, K1, WEIGHTS, Block, Reader, Stats
from hotline.library.query import ALL, ANY, MOST, Expr, Phrase

_WEIGHT_ARRAY = np.array(WEIGHTS, dtype=np.float64)
_EMPTY_I = np.zeros(0, dtype=np.int64)
_EMPTY_F = np.zeros(0, dtype=np.float64)
_ROW_SHIFT = 36  # phrase keys: candidate index << 36 | column << 32 | offset


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
        first = _keys(lists[0], candidates)
        ok = np.ones(first.size, dtype=bool)
        for i, blocks in enumerate(lists[1:], start=1):
            keys = _keys(blocks, candidates)
            if not keys.size:
                return _EMPTY_I, _EMPTY_F
            target = first + i
            at = np.minimum(np.searchsorted(keys, target), keys.size - 1)
            ok &= keys[at] == target
        starts = first[ok]
        which = starts >> _ROW_SHIFT
        columns = (starts >> COL_SHIFT) & 0xF
        count = np.bincount(which, minlength=candidates.size)
        freq = np.bincount(which, weights=_WEIGHT_ARRAY[columns], minlength=candidates.size)
        held = count > 0
        return candidates[held], freq[held]

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
        stats = self.stats
        if stats.empty or not expr.parts:
            return Matches(_EMPTY_I, _EMPTY_F)
        parts = [[self.hits(p) for p in part.alternatives] for part in expr.parts]
        needed = {ALL: len(parts), MOST: len(parts) - 1, ANY: 1}[expr.mode]
        held_by = [self._union_rows([rows for rows, _ in alts]) for alts in parts]
        if expr.mode == ALL and any(not h.size for h in held_by):
            return Matches(_EMPTY_I, _EMPTY_F)
        size, norm = stats.size, stats.norm
        count = np.zeros(size, dtype=np.int32)
        for rows in held_by:
            count[rows] += 1
        matched = np.flatnonzero(count >= needed)
        if not matched.size:
            return Matches(_EMPTY_I, _EMPTY_F)
        # Phrase by phrase in the expression's order (FTS5 sums in that order too).
        score = np.zeros(size, dtype=np.float64)
        for alts in parts:
            for rows, freq in alts:
                if rows.size:
                    weight = idf(stats.rows, int(rows.size))
                    score[rows] += weight * ((freq * (K1 + 1.0)) / (freq + norm[rows]))
        scores = score[matched]
        if expr.mode == MOST:
            # FTS5's "all but one" is an OR of AND groups, each leaving out one part, and a
            # part is scored once in every group that matches the article: all m parts there
            # match all m groups, each part in m - 1 of them; with m - 1 parts one group does.
            scores *= np.where(count[matched] == len(parts), len(parts) - 1, 1)
        return Matches(matched, scores)

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
        at = np.minimum(np.searchsorted(block.rows, candidates), block.rows.size - 1)
        present = block.rows[at] == candidates
        lengths, positions = block.positions(at[present])
        which = np.repeat(np.flatnonzero(present).astype(np.int64), lengths)
        parts.append((which << _ROW_SHIFT) | positions)
    if not parts:
        return _EMPTY_I
    keys = parts[0] if len(parts) == 1 else np.concatenate(parts)
    if len(parts) > 1 and keys.size > 1 and not bool(np.all(keys[1:] > keys[:-1])):
        keys = np.sort(keys)  # several terms (a prefix) or segments out of id order
    return keys
