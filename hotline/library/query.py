"""Reading what an operator types into the library search box.

A query mixes free words ("cấm tiếp xúc"), quoted phrases, document references ("13/2022",
"nđ 76", "luật pcblgđ", "Bộ luật Hình sự") and article references ("Điều 25", "đ.25",
"đ25"). `parse_query` separates them; `resolve_documents` decides which words name a
document; the `fts_*` helpers write FTS5 expressions over the folded index (DESIGN §6:
every word is folded the same way the index is, đ included).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from hotline.resources_access import load_json
from hotline.text import fold, nfc

# Words too common to carry meaning in a question ("em bị chồng đánh thì báo ở đâu"): they
# are not required to match. Typed with accents they are compared exactly; typed without
# accents only those whose bare form is not also a meaningful legal word (toi/tội, de/đe dọa,
# tu/tự tử, tai/tài sản, the/thể chất …) are dropped.
_STOPWORDS_TEXT = """
    và với của cho các những một là thì mà có không được bị ở tại trong ra vào này đó kia
    ai gì nào sao thế như nếu khi để theo về từ đến hay hoặc cũng đã đang sẽ rất phải
    tôi em anh chị ạ nhé ơi vậy nhỉ làm
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
_AMBIGUOUS_BARE = frozenset(
    ["thi", "tai", "the", "de", "tu", "cung", "toi", "chi", "vay", "co", "ma", "do", "o"])
STOPWORDS_BARE = frozenset(fold(w) for w in STOPWORDS) - _AMBIGUOUS_BARE
# Kept when they belong to a compound: "trẻ em".
_KEEP_AFTER = {"em": "tre"}
# "… là gì", "thế nào là …", "định nghĩa …": the operator wants a definition article.
_DEFINITION = re.compile(r"(?<!\w)(?:nghia la gi|la gi|dinh nghia|khai niem|the nao la|"
                         r"hieu the nao)(?!\w)")

# Words that name a kind of document: an anchor for reading the words around them as a
# document's name ("luật trẻ em"), and, followed by a number, a reference ("nđ 76").
DOC_TYPE_WORDS = {
    "bo luat": "bộ luật", "luat": "luật", "nghi dinh": "nghị định", "nd": "nghị định",
    "thong tu": "thông tư", "tt": "thông tư", "quyet dinh": "quyết định", "qd": "quyết định",
    "nghi quyet": "nghị quyết", "nq": "nghị quyết", "cong van": "công văn", "cv": "công văn",
    "chi thi": "chỉ thị", "ct": "chỉ thị",
}
_TYPE_ALTERNATION = "|".join(sorted((re.escape(k) for k in DOC_TYPE_WORDS),
                                    key=len, reverse=True))

# All patterns run on the folded query (lower case, no accents, đ→d).
_SYMBOL_FULL = re.compile(
    r"(?<![\w/])(\d{1,5})\s*/\s*((?:19|20)\d\d)(?:\s*/\s*([a-z0-9]+(?:\s*-\s*[a-z0-9]+)*))?"
    r"(?![\w/])")
_SYMBOL_SHORT = re.compile(r"(?<![\w/])(\d{1,5})\s*/\s*([a-z]+(?:-[a-z]+)+)(?![\w/])")
_ARTICLE = re.compile(
    r"(?<!\w)(?:dieu|d)\s*\.?\s*(\d{1,4})([a-z]?)(?:\s*(?:-|–|den)\s*(?:dieu\s*|d\.?\s*)?"
    r"(\d{1,4}))?(?!\w)")
_TYPE_REF = re.compile(
    rf"(?<!\w)({_TYPE_ALTERNATION})\s*\.?\s*(?:so\s+)?(\d{{1,5}})(?![\w/])")
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})  # Icelandic eth, common in old Vietnamese files
_AMP = re.compile(r"(?<=\w)\s*&\s*(?=\w)")
MAX_RANGE = 20


def normalize(text: str) -> str:
    """NFC, the eth look-alike mapped to đ: what both the index and the queries see."""
    return nfc(text).translate(_ETH)


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    expansion: str
    upper_only: bool = False
    document: bool = False  # alone, it names a document (BLHS, PCBLGĐ …)

    @property
    def key(self) -> str:
        return "".join(_WORD.findall(fold(self.abbr)))

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(_WORD.findall(fold(self.expansion)))


class Abbreviations:
    """The abbreviations operators type, from resources/library/abbreviations.json."""

    def __init__(self, entries: Iterable[Abbreviation] | None = None) -> None:
        if entries is None:
            data = load_json("library", "abbreviations.json")
            entries = [Abbreviation(e["abbr"], e["expansion"], bool(e.get("upper_only")),
                                    bool(e.get("document"))) for e in data["abbreviations"]]
        self._by_key: dict[str, Abbreviation] = {}
        for entry in entries:
            self._by_key.setdefault(entry.key, entry)

    def lookup(self, original: str) -> Abbreviation | None:
        """The abbreviation `original` (a word as typed) stands for, if any."""
        entry = self._by_key.get(fold(original))
        if entry is None:
            return None
        if entry.upper_only and original != original.upper():
            return None
        return entry

    def expand_words(self, text: str) -> list[str]:
        """Folded words of `text` with every abbreviation replaced by its words."""
        out: list[str] = []
        for word in _WORD.findall(normalize(text)):
            entry = self.lookup(word)
            out.extend(entry.words if entry else [fold(word)])
        return out

    def __len__(self) -> int:
        return len(self._by_key)


@dataclass(frozen=True)
class Term:
    """One word of the query: as typed (for exact-accent ranking) and folded (for the index)."""

    original: str
    folded: str
    prefix: bool = False
    expansion: tuple[str, ...] = ()  # folded words, when the word is an abbreviation
    names_document: bool = False

    @property
    def accented(self) -> bool:
        """True when the operator typed accents (or đ): exact matches should rank first."""
        return self.original.lower() != self.folded

    @property
    def words(self) -> tuple[str, ...]:
        return self.expansion or (self.folded,)

    @property
    def is_number(self) -> bool:
        return self.folded.isdigit()


@dataclass(frozen=True)
class SymbolRef:
    number: str
    year: str = ""
    suffix: str = ""  # folded, without spaces or hyphens: 'qh15', 'ndcp'
    text: str = field(default="", compare=False)  # as typed, searched as words if unknown

    def matches(self, symbol: str) -> bool:
        other = parse_symbol(symbol)
        if other is None or other.number.lstrip("0") != self.number.lstrip("0"):
            return False
        if self.year and other.year != self.year:
            return False
        return not self.suffix or other.suffix.startswith(self.suffix)


def parse_symbol(symbol: str) -> SymbolRef | None:
    folded = fold(normalize(symbol)).strip()
    match = _SYMBOL_FULL.fullmatch(folded)
    if match:
        suffix = re.sub(r"[\s-]", "", match.group(3) or "")
        return SymbolRef(match.group(1), match.group(2), suffix)
    match = _SYMBOL_SHORT.fullmatch(folded)
    if match:
        return SymbolRef(match.group(1), "", match.group(2).replace("-", ""))
    return None


@dataclass(frozen=True)
class TypeRef:
    """A document named by its type and number: 'nđ 76', 'quyết định 2232'."""

    doc_type: str  # 'nghị định'
    number: str
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple[Term, ...] = ()
    phrases: tuple[tuple[Term, ...], ...] = ()
    articles: tuple[str, ...] = ()  # article numbers: '25', '3a'
    symbols: tuple[SymbolRef, ...] = ()
    type_refs: tuple[TypeRef, ...] = ()
    definition: bool = False  # "… là gì": definition articles first

    @property
    def empty(self) -> bool:
        return not (self.terms or self.phrases or self.articles or self.symbols
                    or self.type_refs)

    @property
    def has_references(self) -> bool:
        return bool(self.articles or self.symbols or self.type_refs)

    @cached_property
    def accented_words(self) -> tuple[tuple[str, bool], ...]:
        """(lower-case word, is prefix) for the words typed with accents: the exact-accent
        ranking looks for them in the original text."""
        terms = [t for t in self.terms if t.accented and not t.expansion]
        terms += [t for phrase in self.phrases for t in phrase if t.accented]
        return tuple(dict.fromkeys((t.original.lower(), t.prefix) for t in terms))


def parse_query(text: str, abbreviations: Abbreviations) -> ParsedQuery:
    """Split what was typed into words, phrases, and document and article references."""
    raw = _AMP.sub("", normalize(text).translate(_QUOTES))
    ends_open = bool(raw) and not raw[-1].isspace() and not raw.endswith('"')
    # Quoted phrases first; an unclosed quote (still typing) runs to the end.
    phrases: list[tuple[Term, ...]] = []
    rest_parts: list[str] = []
    pos = 0
    for match in re.finditer(r'"([^"]*)("|$)', raw):
        rest_parts.append(raw[pos:match.start()])
        pos = match.end()
        words = _terms(match.group(1), prefix_last=not match.group(2) and ends_open)
        if words:
            phrases.append(tuple(words))
    rest_parts.append(raw[pos:])
    rest = " ".join(rest_parts)
    folded = fold(rest)
    if len(folded) != len(rest):  # an exotic letter changed length: lose accents, not refs
        rest = folded
    symbols: list[SymbolRef] = []
    articles: list[str] = []
    type_refs: list[TypeRef] = []
    spans: list[tuple[int, int]] = []
    for match in _SYMBOL_FULL.finditer(folded):
        suffix = re.sub(r"[\s-]", "", match.group(3) or "")
        symbols.append(SymbolRef(match.group(1), match.group(2), suffix,
                                 rest[match.start():match.end()]))
        spans.append(match.span())
    for match in _SYMBOL_SHORT.finditer(folded):
        if not _overlaps(match.span(), spans):
            symbols.append(SymbolRef(match.group(1), "", match.group(2).replace("-", ""),
                                     rest[match.start():match.end()]))
            spans.append(match.span())
    for match in _ARTICLE.finditer(folded):
        if _overlaps(match.span(), spans):
            continue
        first = int(match.group(1))
        last = int(match.group(3)) if match.group(3) else first
        if match.group(2) or last <= first or last - first > MAX_RANGE:
            articles.append(f"{first}{match.group(2)}")
        else:
            articles.extend(str(n) for n in range(first, last + 1))
        spans.append(match.span())
    for match in _TYPE_REF.finditer(folded):
        if not _overlaps(match.span(), spans):
            type_refs.append(TypeRef(DOC_TYPE_WORDS[match.group(1)], match.group(2),
                                     rest[match.start():match.end()]))
            spans.append(match.span())
    definition = False
    for match in _DEFINITION.finditer(folded):
        if not _overlaps(match.span(), spans):
            definition = True
            spans.append(match.span())
    consumed_end = any(end >= len(folded.rstrip()) for _, end in spans)
    kept = []
    last = 0
    for start, end in sorted(spans):
        kept.append(rest[last:start])
        last = end
    kept.append(rest[last:])
    outside_quotes = raw.count('"') % 2 == 0
    words = _terms(" ".join(kept), prefix_last=ends_open and not consumed_end and outside_quotes)
    if articles:
        words = _drop_subdivisions(words)
    terms = []
    for term in words:
        entry = abbreviations.lookup(term.original)
        if entry is not None:
            term = Term(term.original, term.folded, False, entry.words, entry.document)
        terms.append(term)
    return ParsedQuery(text=text, terms=tuple(terms), phrases=tuple(phrases),
                       articles=tuple(dict.fromkeys(articles)), symbols=tuple(symbols),
                       type_refs=tuple(dict.fromkeys(type_refs)), definition=definition)


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _terms(text: str, *, prefix_last: bool) -> list[Term]:
    """Words of `text`; with `prefix_last` the last one is still being typed and matches as
    a prefix — from two letters on (a one-letter prefix would match half the index; a
    single letter is a word of its own: "dâm ô", "ở"). A single consonant still being typed
    after other words is left out until the word is finished: no Vietnamese word is one
    consonant, and as a word it would match only list markers ("c)") and push the article
    being looked for away."""
    originals = _WORD.findall(text)
    terms = [Term(w, fold(w)) for w in originals]
    terms = [t for t in terms if t.folded.strip("_")]
    if (prefix_last and len(terms) > 1 and len(terms[-1].folded) == 1
            and terms[-1].folded.isalpha() and terms[-1].folded not in "aeiouy"):
        terms.pop()
    if prefix_last and terms and len(terms[-1].folded) >= 2:
        last = terms[-1]
        terms[-1] = Term(last.original, last.folded, True)
    return terms


def words_of(text: str) -> list[Term]:
    """The words of a reference that turned out to name nothing, to search as text."""
    return _terms(normalize(text), prefix_last=False)


def _drop_subdivisions(terms: list[Term]) -> list[Term]:
    """'khoản 9', 'k.9' and 'điểm d' narrow an article; the article itself is what we find."""
    out: list[Term] = []
    skip = False
    for i, term in enumerate(terms):
        if skip:
            skip = False
            continue
        nxt = terms[i + 1] if i + 1 < len(terms) else None
        if term.folded in ("khoan", "k") and nxt is not None and nxt.is_number:
            skip = True
            continue
        if term.folded == "diem" and nxt is not None and len(nxt.folded) == 1:
            skip = True
            continue
        out.append(term)
    return out


# ---------------------------------------------------------------- document names
@dataclass(frozen=True)
class DocumentName:
    """The names a document answers to, as sets of folded words."""

    doc_id: str
    names: tuple[frozenset[str], ...]
    bag: frozenset[str] = field(default=frozenset())
    title: frozenset[str] = field(default=frozenset())


def document_names(doc_id: str, names: Sequence[str],
                   abbreviations: Abbreviations) -> DocumentName:
    """`names[0]` is the title; the rest are the citation name and aliases."""
    sets = tuple(frozenset(abbreviations.expand_words(n)) for n in names if n.strip())
    sets = tuple(s for s in sets if s)
    bag = frozenset().union(*sets) if sets else frozenset()
    title = frozenset(abbreviations.expand_words(names[0])) if names else frozenset()
    return DocumentName(doc_id, sets, bag, title)


ANCHOR_WORDS = frozenset({"luat", "nghi", "thong", "quyet", "chi", "cong"})
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Resolution:
    doc_ids: tuple[str, ...]
    consumed: frozenset[int]  # indexes into ParsedQuery.terms


class NameIndex:
    """Which documents' names hold a word: a search then looks at the few documents a word
    could name instead of every document of a large library (in the library's order)."""

    def __init__(self, names: Sequence[DocumentName]) -> None:
        self.names = tuple(names)
        self._bag: dict[str, set[int]] = {}
        self._title: dict[str, set[int]] = {}
        for i, doc in enumerate(self.names):
            for word in doc.bag:
                self._bag.setdefault(word, set()).add(i)
            for word in doc.title:
                self._title.setdefault(word, set()).add(i)

    def _all(self, index: dict[str, set[int]], words: Iterable[str]) -> set[int]:
        """Positions of the documents holding every word (all of them for no word, as
        `set() <= bag` holds for every document)."""
        found: set[int] | None = None
        for word in words:
            hits = index.get(word)
            if not hits:
                return set()
            found = set(hits) if found is None else found & hits
            if not found:
                return set()
        return set(range(len(self.names))) if found is None else found

    def with_bag(self, word_sets: Iterable[Iterable[str]]) -> list[DocumentName]:
        """The documents whose names hold every word of one of the sets, in order."""
        found: set[int] = set()
        for words in word_sets:
            found |= self._all(self._bag, words)
        return [self.names[i] for i in sorted(found)]

    def with_title(self, words: Iterable[str]) -> list[DocumentName]:
        return [self.names[i] for i in sorted(self._all(self._title, words))]


def topic_documents(terms: Sequence[Term], names: Sequence[DocumentName] | NameIndex
                    ) -> frozenset[str]:
    """Documents whose subject the query is: every meaningful word is in the title and the
    words cover at least half of it ("mua bán người" is what Luật Phòng, chống mua bán người
    is about; "hiếp dâm trẻ em" is not the subject of Luật Trẻ em)."""
    words: set[str] = set()
    for term in content_terms(terms):
        words.update(term.words)
    if len(words) < 2:
        return frozenset()
    if isinstance(names, NameIndex):
        names = names.with_title(words)
    return frozenset(d.doc_id for d in names if d.title and words <= d.title
                     and len(words) / len(d.title) >= MIN_COVERAGE)


def resolve_documents(terms: Sequence[Term], names: Sequence[DocumentName] | NameIndex, *,
                      anchored: bool = True) -> Resolution:
    """Which documents the words name ("luật phòng chống bạo lực gia đình", "blhs").

    A name needs an anchor — a document-type word (luật, nghị định …) or an abbreviation that
    alone names a law (BLHS, PCBLGĐ) — and the run of words around it must all belong to the
    document's names and cover at least half of one name. The longest, best-covering run
    wins; ties (the 2022 law and the 2007 law it replaced) all stay. With `anchored` False
    any word may start the run.
    """
    if anchored:
        anchors = [i for i, t in enumerate(terms)
                   if t.names_document or (not t.expansion and t.folded in ANCHOR_WORDS)]
    else:
        anchors = list(range(len(terms)))
    if not anchors:
        return Resolution((), frozenset())
    if isinstance(names, NameIndex):
        # Only documents that hold an anchor's words can match (skipped below otherwise).
        names = names.with_bag(terms[a].words for a in anchors)
    best: tuple[int, float] = (0, 0.0)
    found: dict[str, tuple[int, int]] = {}
    for doc in names:
        for anchor in anchors:
            if not set(terms[anchor].words) <= doc.bag:
                continue
            lo = hi = anchor
            while lo - 1 >= 0 and set(terms[lo - 1].words) <= doc.bag:
                lo -= 1
            while hi + 1 < len(terms) and set(terms[hi + 1].words) <= doc.bag:
                hi += 1
            words = set().union(*(terms[i].words for i in range(lo, hi + 1)))
            coverage = max(len(words & n) / len(n) for n in doc.names)
            if coverage < MIN_COVERAGE or len(words) < 2:
                continue
            key = (len(words), round(coverage, 3))
            if key > best:
                best = key
                found = {}
            if key == best:
                found[doc.doc_id] = (lo, hi)
    if not found:
        return Resolution((), frozenset())
    consumed = frozenset(i for lo, hi in found.values() for i in range(lo, hi + 1))
    return Resolution(tuple(found), consumed)


# ---------------------------------------------------------------- FTS5 expressions
SEARCH_COLUMNS = "{title heading chapter body}"


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def fts_term(term: Term) -> str:
    if term.expansion:
        alternatives = [_quote(term.folded), _quote(" ".join(term.expansion))]
        return "(" + " OR ".join(alternatives) + ")"
    return _quote(term.folded) + ("*" if term.prefix else "")


def fts_phrase(phrase: Sequence[Term]) -> str:
    words = " ".join(w for t in phrase for w in t.words)
    return _quote(words) + ("*" if phrase and phrase[-1].prefix else "")


def fts_all(terms: Sequence[Term], phrases: Sequence[Sequence[Term]]) -> str:
    """Every meaningful word and every phrase must occur (in the searchable columns)."""
    parts = [fts_term(t) for t in required_terms(terms)] + [fts_phrase(p) for p in phrases]
    if not parts:
        return ""
    return f"{SEARCH_COLUMNS} : (" + " AND ".join(parts) + ")"


def is_stopword(term: Term, previous: Term | None = None) -> bool:
    if term.expansion or term.prefix:
        return False
    keep_after = _KEEP_AFTER.get(term.folded)
    if keep_after is not None and previous is not None and previous.folded == keep_after:
        return False
    if term.accented:
        return term.original.lower() in STOPWORDS
    return term.folded in STOPWORDS_BARE


def content_terms(terms: Sequence[Term]) -> list[Term]:
    """The words that carry meaning (stopwords dropped)."""
    return [t for i, t in enumerate(terms)
            if not is_stopword(t, terms[i - 1] if i > 0 else None)]


def required_terms(terms: Sequence[Term]) -> list[Term]:
    """The words every hit must hold: the meaningful ones, or all when none is."""
    return content_terms(terms) or list(terms)


def fts_any(terms: Sequence[Term], phrases: Sequence[Sequence[Term]]) -> str:
    """Any meaningful word; adjacent word pairs as phrases too, so that articles holding the
    operator's two-syllable words ("gia đình", "tiếp xúc") rank above scattered syllables."""
    useful = content_terms(terms)
    parts = [fts_term(t) for t in useful]
    for a, b in itertools.pairwise(terms):
        if a in useful and b in useful and not a.expansion and not b.expansion:
            parts.append(_quote(f"{a.folded} {b.folded}"))
    parts += [fts_phrase(p) for p in phrases]
    if not parts:
        return ""
    return f"{SEARCH_COLUMNS} : (" + " OR ".join(dict.fromkeys(parts)) + ")"


def fts_all_but_one(terms: Sequence[Term], phrases: Sequence[Sequence[Term]]) -> str:
    """Every meaningful word but (any) one: the first relaxation when few articles hold them
    all. Cheap for FTS5 — each group is an AND driven by its rarest word."""
    parts = [fts_term(t) for t in required_terms(terms)] + [fts_phrase(p) for p in phrases]
    if len(parts) < 3:
        return ""
    groups = ["(" + " AND ".join(parts[:i] + parts[i + 1:]) + ")" for i in range(len(parts))]
    return f"{SEARCH_COLUMNS} : (" + " OR ".join(groups) + ")"


def meta_token(kind: str, value: str) -> str:
    """A filter token in the index's `meta` column: document id, folded type, origin."""
    return "zz" + kind + value.encode("utf-8").hex()


OLD_TOKEN = "zzold"  # replaced or expired documents


def fts_filter(expr: str, *, old: bool | None = None, doc_ids: Sequence[str] = (),
               doc_types: Sequence[str] = ()) -> str:
    """`expr` restricted with the meta tokens (cheap inside FTS5, no join per match)."""
    out = f"({expr})"
    if doc_ids:
        tokens = " OR ".join(_quote(meta_token("d", d)) for d in doc_ids)
        out += f" AND meta : ({tokens})"
    if doc_types:
        tokens = " OR ".join(_quote(meta_token("t", fold(t))) for t in doc_types)
        out += f" AND meta : ({tokens})"
    if old is True:
        out += f" AND meta : {_quote(OLD_TOKEN)}"
    elif old is False:
        out += f" NOT meta : {_quote(OLD_TOKEN)}"
    return out


# ---------------------------------------------------------------- top-k expressions
# The same expressions as the fts_* strings above, as data for `hotline.library.topk`, which
# scores them from the postings with FTS5's bm25 (same phrases, same IDF, same weights).
_TOKEN = re.compile(r"[^\W_]+")  # what unicode61 keeps of a folded word ('_' separates)


@dataclass(frozen=True)
class Phrase:
    """An FTS5 phrase: folded words in a row, the last one a prefix when `prefix`."""

    words: tuple[str, ...]
    prefix: bool = False

    @cached_property
    def tokens(self) -> tuple[str, ...]:
        return tuple(t for w in self.words for t in _TOKEN.findall(w))


@dataclass(frozen=True)
class Part:
    """What one word (or quoted phrase) of the query contributes: a hit holds any of the
    alternatives (an abbreviation or its expansion); each is scored as its own phrase."""

    alternatives: tuple[Phrase, ...]


ALL, MOST, ANY = "all", "all_but_one", "any"


@dataclass(frozen=True)
class Expr:
    parts: tuple[Part, ...]
    mode: str = ALL  # every part, all parts but one, or any part


def part_of_term(term: Term) -> Part:
    if term.expansion:
        return Part((Phrase((term.folded,)), Phrase(term.expansion)))
    return Part((Phrase((term.folded,), term.prefix),))


def part_of_phrase(phrase: Sequence[Term]) -> Part:
    words = tuple(w for t in phrase for w in t.words)
    return Part((Phrase(words, bool(phrase) and phrase[-1].prefix),))


def expr_all(terms: Sequence[Term], phrases: Sequence[Sequence[Term]]) -> Expr | None:
    """`fts_all` as data."""
    parts = [part_of_term(t) for t in required_terms(terms)]
    parts += [part_of_phrase(p) for p in phrases]
    return Expr(tuple(parts), ALL) if parts else None


def expr_all_but_one(terms: Sequence[Term],
                     phrases: Sequence[Sequence[Term]]) -> Expr | None:
    """`fts_all_but_one` as data."""
    expr = expr_all(terms, phrases)
    return Expr(expr.parts, MOST) if expr is not None and len(expr.parts) >= 3 else None


def expr_any(terms: Sequence[Term], phrases: Sequence[Sequence[Term]]) -> Expr | None:
    """`fts_any` as data: the same parts, duplicates dropped the same way."""
    useful = content_terms(terms)
    parts = [part_of_term(t) for t in useful]
    for a, b in itertools.pairwise(terms):
        if a in useful and b in useful and not a.expansion and not b.expansion:
            parts.append(Part((Phrase((a.folded, b.folded)),)))
    parts += [part_of_phrase(p) for p in phrases]
    return Expr(tuple(dict.fromkeys(parts)), ANY) if parts else None


@dataclass(frozen=True)
class RowFilter:
    """`fts_filter`'s restrictions: replaced/expired or not, documents, folded types."""

    old: bool | None = None
    doc_ids: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()
