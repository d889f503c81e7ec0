"""Snippets with the matched words highlighted, in the original accents.

FTS5's own snippet() would have to re-run the MATCH for every row shown; here the query's
words are found directly in the article's original text (already fetched to build the
result): the text is folded letter for letter with one `str.translate` ("Đình" → "dinh",
same length, so positions are those of the original text) and searched for the folded
words with a plain pattern — cheap to compile for every search, unlike one whose every
letter is a class of all its accented forms.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from hotline.library.models import Snippet
from hotline.library.query import Term
from hotline.text import fold

_WORD = re.compile(r"\w+")
WINDOW = 28  # words shown around the best cluster of matches
CHARS_PER_WORD = 7

Keep = Callable[[str], bool]


def _fold_table() -> dict[int, str]:
    """Every accented Latin letter (đ included) to its base letter: one letter for one, so
    the folded text keeps the original's positions."""
    table: dict[int, str] = {}
    for lo, hi in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(lo, hi):
            ch = chr(code)
            base = fold(ch)
            if len(base) == 1 and base.isascii() and base.isalpha() and base != ch.lower():
                table[code] = base
    return table


_FOLD = str.maketrans(_fold_table())


def _loose(word: str) -> str:
    """A pattern for a folded word; it meets the word in any accents once the text is
    folded with `_FOLD` (case-insensitive)."""
    return re.escape(word)


_WORD_TAIL = re.compile(r"\w*")


def _span_end(span: tuple[int, int, int]) -> int:
    return span[1]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `\w` means in `re`


class Matcher:
    """Finds the query's words and phrases in the original text, ignoring accents."""

    def __init__(self, terms: Sequence[Term], phrases: Sequence[Sequence[Term]]) -> None:
        alternatives: list[str] = []
        for term in terms:
            options = [_loose(term.folded)]
            if term.expansion:
                options.append(r"\W+".join(_loose(w) for w in term.expansion))
            tail = r"\w*" if term.prefix else r"(?!\w)"
            alternatives.append(r"(?<!\w)(?:" + "|".join(options) + ")" + tail)
        for phrase in phrases:
            words = [_loose(w) for t in phrase for w in t.words]
            if words:
                tail = r"\w*" if phrase[-1].prefix else r"(?!\w)"
                alternatives.append(r"(?<!\w)" + r"\W+".join(words) + tail)
        self.count = len(alternatives)
        self.pattern = re.compile("|".join(f"({a})" for a in alternatives),
                                  re.IGNORECASE) if alternatives else None
        # Plain lower-case ASCII words (the usual query): found with str.find instead of the
        # pattern (which tries every position of the text); same matches, see `_find`.
        self._words: list[tuple[str, bool]] | None = None
        if not phrases and all(not t.expansion and t.folded.isascii() and t.folded.isalnum()
                               and t.folded == t.folded.lower() for t in terms):
            self._words = [(t.folded, t.prefix) for t in terms]

    def spans(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, which) for every match in `text`."""
        if self.pattern is None:
            return []
        folded = text.translate(_FOLD)
        if self._words is not None:
            lowered = folded.casefold()  # as IGNORECASE compares ('K' kelvin, 'ſ' …)
            if len(lowered) == len(folded):  # else ('ß' → 'ss') positions would shift
                return self._find(lowered)
        return [(m.start(), m.end(), m.lastindex or 0) for m in self.pattern.finditer(folded)]

    def _find(self, text: str) -> list[tuple[int, int, int]]:
        """The pattern's matches, found word by word: a match starts where a word starts
        (after a non-word character), so each word of the text yields at most one, and the
        first alternative matching at a place wins, as in the pattern's alternation."""
        assert self._words is not None
        found: dict[int, tuple[int, int]] = {}
        size = len(text)
        for which, (word, prefix) in enumerate(self._words, start=1):
            at = text.find(word)
            while at >= 0:
                end = at + len(word)
                if at == 0 or not _is_word_char(text[at - 1]):
                    if prefix:
                        tail = _WORD_TAIL.match(text, end)
                        end = tail.end() if tail else end
                        found.setdefault(at, (end, which))
                    elif end == size or not _is_word_char(text[end]):
                        found.setdefault(at, (end, which))
                at = text.find(word, at + 1)
        return [(at, end, which) for at, (end, which) in sorted(found.items())]


def _parts(text: str, spans: Sequence[tuple[int, int, int]], start: int, end: int,
           keep: Keep | None) -> list[tuple[str, bool]]:
    """`text[start:end]` cut into plain and highlighted pieces; `spans` are (start, end,
    which) in text order and do not overlap, so those inside are found by bisection."""
    parts: list[tuple[str, bool]] = []
    pos = start
    for s, e, _ in spans[bisect.bisect_right(spans, start, key=_span_end):]:
        if s >= end:
            break
        s, e = max(s, start), min(e, end)
        if s > pos:
            parts.append((text[pos:s], False))
        piece = text[s:e]
        parts.append((piece, keep is None or all(keep(w) for w in _WORD.findall(piece))))
        pos = e
    if pos < end:
        parts.append((text[pos:end], False))
    return _merge(parts)


def _merge(parts: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Neighbouring highlights separated only by spaces become one: 'bạo lực gia đình'."""
    out: list[tuple[str, bool]] = []
    for text, hit in parts:
        if not text:
            continue
        if out and out[-1][1] == hit:
            out[-1] = (out[-1][0] + text, hit)
        elif (hit and len(out) >= 2 and out[-2][1] and not out[-1][1]
              and not out[-1][0].strip()):
            gap = out.pop()[0]
            out[-1] = (out[-1][0] + gap + text, True)
        else:
            out.append((text, hit))
    return out


def highlight(text: str, matcher: Matcher, keep: Keep | None = None) -> Snippet:
    """All of `text` with the matches highlighted (for headings)."""
    if not text:
        return Snippet()
    return Snippet(tuple(_parts(text, matcher.spans(text), 0, len(text), keep)))


def snippet(text: str, matcher: Matcher, keep: Keep | None = None,
            window: int = WINDOW) -> Snippet:
    """About `window` words of `text` around its best cluster of matches, highlighted.

    Works on character positions (about seven characters a Vietnamese word) so that only
    the matches are visited, not every word of a long article."""
    text = " ".join(text.split())
    if not text:
        return Snippet()
    matches = matcher.spans(text)
    span = window * CHARS_PER_WORD
    if not matches:
        end = _word_end(text, span)
        return Snippet(((text[:end] + ("…" if end < len(text) else ""), False),))
    # Two pointers over the matches (in text order): the window starting at each match,
    # scored by how many different query words it holds, then how many matches.
    best = (-1, -1, 0)
    seen = [0] * (matcher.count + 1)  # matches in the window, by query word
    different = 0
    j, total = 0, len(matches)
    for i, (first, _, which_first) in enumerate(matches):
        limit = first + span
        while j < total and matches[j][0] < limit:
            which = matches[j][2]
            if not seen[which]:
                different += 1
            seen[which] += 1
            j += 1
        key = (different, j - i, -first)
        if key > best:
            best = key
        seen[which_first] -= 1
        if not seen[which_first]:
            different -= 1
    first = -best[2]
    start = _word_start(text, max(first - span // 5, 0))
    end = _word_end(text, start + span)
    parts = _parts(text, matches, start, end, keep)
    if start > 0:
        parts.insert(0, ("…", False))
    if end < len(text):
        parts.append(("…", False))
    return Snippet(tuple(_merge(parts)))


def _word_start(text: str, pos: int) -> int:
    """`pos` moved back to the start of its word."""
    if pos <= 0:
        return 0
    space = text.rfind(" ", 0, pos + 1)
    return space + 1 if space >= 0 else 0


def _word_end(text: str, pos: int) -> int:
    """`pos` moved on to the end of its word."""
    if pos >= len(text):
        return len(text)
    space = text.find(" ", pos)
    return len(text) if space < 0 else space
