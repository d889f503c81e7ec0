"""The top-k engine (hotline.library.postings/topk) against FTS5 itself: on a generated
corpus, every article an expression matches and its score are those of
`library_fts MATCH ? ORDER BY rank` — after imports, re-imports, removals, merges and
compaction, in a plain and in an encrypted (SQLCipher) database."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from hotline.clock import Clock
from hotline.library import postings
from hotline.library.models import Metadata, ParsedDocument, Section
from hotline.library.query import (
    expr_all,
    expr_all_but_one,
    expr_any,
    fts_all,
    fts_all_but_one,
    fts_any,
    fts_filter,
    parse_query,
)
from hotline.library.service import LibraryService
from hotline.library.topk import Engine
from hotline.store.db import open_store
from hotline.text import fold

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph",
          "qu", "t", "th", "tr", "v", "x"]
RHYMES = ["a", "ai", "an", "ang", "anh", "ao", "âm", "ân", "e", "ên", "i", "inh", "o", "oa",
          "ôi", "ông", "ơ", "u", "ung", "ư", "ương", "iêt", "uôc", "ac", "ơt"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: list[str] = []
    while len(words) < size:
        rhyme = rng.choice(RHYMES)
        vowel = max(i for i, ch in enumerate(rhyme) if ch in "aâeêioôơuư")
        word = unicodedata.normalize(
            "NFC", rng.choice(ONSETS) + rhyme[:vowel + 1] + rng.choice(TONES)
            + rhyme[vowel + 1:])
        if word not in words:
            words.append(word)
    return words


class Corpus:
    """Small documents of Zipf-distributed accented words (đ too), some replaced."""

    def __init__(self, seed: int = 5, size: int = 160) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng, size)
        self.weights = [1.0 / (i + 1) for i in range(size)]

    def text(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, weights=self.weights, k=n))

    def document(self, number: int, articles: int = 8, *, status: str = "in_force"
                 ) -> ParsedDocument:
        sections = tuple(
            Section(label=f"Điều {k}", number=str(k), heading=self.text(3).capitalize(),
                    chapter=f"Chương {k // 4 + 1}. {self.text(2)}",
                    text=self.text(self.rng.randint(20, 60)) + ".")
            for k in range(1, articles + 1))
        meta = Metadata(title=f"Luật {self.text(4)}", symbol=f"{number}/2024/QH15",
                        doc_type=self.rng.choice(["Luật", "Nghị định"]), status=status,
                        replaced_by="1/2025/QH15" if status == "replaced" else "")
        return ParsedDocument(meta, sections, source_path=f"/corpus/{number}.docx",
                              content_hash=f"{number:064x}")

    def queries(self) -> list[str]:
        out = []
        for _ in range(30):
            out.append(self.text(1) + " ")
            out.append(self.text(2) + " ")
            out.append(self.text(4) + " ")
            out.append('"' + self.text(2) + '"')
            out.append(self.text(2))  # as you type: the last word is a prefix
            out.append(self.text(1) + " " + self.rng.choice(self.words)[:2])  # 2 letters
            out.append('"' + self.text(3))  # an unclosed phrase, prefix last
        out += ["BLGĐ " + self.text(1), "TGPL " + self.text(1), "bao luc gia dinh"]
        return out


def _service(tmp_path: Path, encrypted: bool) -> LibraryService:
    key = os.urandom(32) if encrypted else None
    return LibraryService(open_store(tmp_path / "h.sqlite", key=key), Clock())


@pytest.fixture(params=[False, True], ids=["plain", "encrypted"])
def lib(request, tmp_path) -> LibraryService:
    service = _service(tmp_path, request.param)
    yield service
    service.store.close()


def _import(lib: LibraryService, corpus: Corpus, numbers: range) -> None:
    for n in numbers:
        lib.import_parsed(corpus.document(n, status="replaced" if n % 7 == 0 else "in_force"))


def _engine(lib: LibraryService) -> Engine:
    conn = lib.store.conn
    return Engine(conn, postings.load_stats(conn))


def assert_same_as_fts5(lib: LibraryService, queries: list[str]) -> int:
    """Every expression of every query: the same matches with the same scores as FTS5's
    rank (which is minus bm25); returns how many expressions matched something."""
    conn = lib.store.conn
    engine = _engine(lib)
    nonempty = 0
    for query in queries:
        parsed = parse_query(query, lib.abbreviations)
        for text, data in ((fts_all, expr_all), (fts_any, expr_any),
                           (fts_all_but_one, expr_all_but_one)):
            expr = text(parsed.terms, parsed.phrases)
            structured = data(parsed.terms, parsed.phrases)
            assert (structured is None) == (not expr), query
            if not expr:
                continue
            expected = dict(conn.execute(
                "SELECT rowid, -rank FROM library_fts WHERE library_fts MATCH ?",
                (expr,)).fetchall())
            found = engine.match(structured)
            assert set(found.rows.tolist()) == set(expected), (query, expr)
            for row, score in zip(found.rows.tolist(), found.scores.tolist(), strict=True):
                assert score == pytest.approx(expected[row], rel=1e-9, abs=1e-12), (query,
                                                                                    expr)
            nonempty += bool(expected)
    return nonempty


def test_every_match_and_score_is_fts5s(lib):
    corpus = Corpus()
    _import(lib, corpus, range(1, 21))  # 20 documents: merged segments and fresh ones
    conn = lib.store.conn
    levels = {r[0] for r in conn.execute("SELECT level FROM library_segments")}
    assert levels >= {0, 1}
    assert assert_same_as_fts5(lib, corpus.queries()) > 150


def test_top_k_with_filters_is_fts5s_order(lib):
    corpus = Corpus(seed=8)
    _import(lib, corpus, range(1, 15))
    conn = lib.store.conn
    engine = _engine(lib)
    stats = engine.stats
    docs = {d.id: d for d in lib.documents()}
    some = sorted(docs)[:5]
    for query in corpus.queries()[:80]:
        parsed = parse_query(query, lib.abbreviations)
        expr, structured = fts_all(parsed.terms, parsed.phrases), expr_all(parsed.terms,
                                                                           parsed.phrases)
        if not expr:
            continue
        for old, ids in ((None, ()), (False, ()), (True, ()), (None, tuple(some))):
            ranked = conn.execute(
                "SELECT rowid, -rank FROM library_fts WHERE library_fts MATCH ? "
                "ORDER BY rank", (fts_filter(expr, old=old, doc_ids=ids),)).fetchall()
            ok = np.array([(not ids or d in ids) and (old is None or docs[d].current != old)
                           for d in stats.doc_ids] + [False])
            top = engine.top(engine.match(structured), 10,
                             lambda rows, ok=ok: ok[stats.rowdoc[rows]])
            # FTS5 leaves ties in no particular order: compare scores, then the sets.
            scores = dict(ranked)
            assert [round(scores[r], 9) for r in top] == [round(s, 9) for _, s in ranked[:10]]
            assert set(top) <= set(scores)


def test_reimport_remove_update_and_compact_keep_the_postings_exact(lib, tmp_path):
    corpus = Corpus(seed=11)
    _import(lib, corpus, range(1, 12))  # 11 documents: one merged segment of 8 + 3
    conn = lib.store.conn
    queries = corpus.queries()
    merged = [d.id for d in lib.documents() if d.origin == "imported"][:8]
    # Re-importing a document of the merged segment: its old articles turn dead.
    again = corpus.document(3, articles=5)
    lib.import_parsed(again)
    assert postings.dead_rows(conn) > 0
    assert len([d for d in lib.documents() if d.origin == "imported"]) == 11
    lib.remove(merged[0])
    lib.update_metadata(merged[1], Metadata(title="Quy trình trực đêm đặc biệt",
                                            symbol="07/HD", doc_type="Hướng dẫn",
                                            status="expired"))
    highest = conn.execute("SELECT max(id) FROM library_articles").fetchone()[0]
    assert_same_as_fts5(lib, queries)
    assert_same_as_fts5(lib, ["quy trình trực đêm", "trực đêm đặc biệt"])
    # Ids are never reused: a dead id cannot come back as a newer article.
    newest = lib.import_parsed(corpus.document(40, articles=3)).document
    new_ids = [r[0] for r in conn.execute(
        "SELECT id FROM library_articles WHERE doc_id = ?", (newest.id,))]
    assert len(new_ids) == 3 and min(new_ids) > highest
    assert lib.compact() is True
    assert conn.execute("SELECT count(*) FROM library_segments").fetchone()[0] == 1
    assert postings.dead_rows(conn) == 0
    assert lib.compact() is False
    assert_same_as_fts5(lib, queries)
    # The merged segment lists exactly the live articles.
    segment = postings.segments(conn)[0]
    live = sorted(r[0] for r in conn.execute("SELECT id FROM library_articles"))
    assert segment.rows.tolist() == live


def test_search_ranks_as_fts5_does(lib):
    """The service's order for words without accents is FTS5's rank order (in-force first)."""
    corpus = Corpus(seed=13)
    _import(lib, corpus, range(1, 10))
    conn = lib.store.conn
    checked = 0
    for query in map(fold, corpus.queries()[:60]):  # accents would re-rank (exact first)
        parsed = parse_query(query, lib.abbreviations)
        if parsed.phrases or any(t.expansion for t in parsed.terms):
            continue
        expr = fts_all(parsed.terms, parsed.phrases)
        if not expr:
            continue
        hits = [h for h in lib.search(query, limit=10) if h.match == "text"]
        ranked = conn.execute(
            "SELECT rowid, -rank FROM library_fts WHERE library_fts MATCH ? ORDER BY rank",
            (fts_filter(expr, old=False),)).fetchall()
        scores = dict(ranked)
        current = [h for h in hits if h.document.current]
        assert [round(scores[h.article.id], 9) for h in current] == \
            [round(s, 9) for _, s in ranked[:len(current)]], query
        checked += bool(current)
    assert checked > 10


def test_postings_are_rebuilt_for_a_database_indexed_before_them(tmp_path):
    """A database from before the postings (index version 2) gets them at first use."""
    lib = _service(tmp_path, encrypted=False)
    _import(lib, Corpus(), range(1, 4))
    conn = lib.store.conn
    before = [(h.document.id, h.article.label) for h in lib.search("luật", limit=8)]
    postings.clear(conn)
    conn.execute("UPDATE meta SET value = replace(value, ':3', ':2') "
                 "WHERE key = 'library.bundled_version'")
    lib.store.close()
    again = _service(tmp_path, encrypted=False)
    assert again.ensure_bundled() is True
    assert again.store.conn.execute("SELECT count(*) FROM library_postings").fetchone()[0]
    # (Re-indexing writes the bundled documents anew: new article ids, same articles.)
    assert [(h.document.id, h.article.label) for h in again.search("luật", limit=8)] == before
    assert_same_as_fts5(again, ["luật", "bao luc gia dinh", "trẻ em"])
    again.store.close()


def test_a_search_ignores_segments_newer_than_its_statistics(lib):
    corpus = Corpus(seed=17)
    _import(lib, corpus, range(1, 3))
    conn = lib.store.conn
    stale = postings.load_stats(conn)
    lib.import_parsed(corpus.document(9))  # another window imports meanwhile
    parsed = parse_query("luật ", lib.abbreviations)
    matches = Engine(conn, stale).match(expr_all(parsed.terms, parsed.phrases))
    assert matches.rows.size and int(matches.rows.max()) < stale.size


def test_blobs_round_trip_in_the_smallest_dtypes():
    rows = np.array([3, 9, 70_000, 70_001], dtype=np.int64)
    run = postings.Run(["a", "b"], np.array([0, 2, 4]), rows,
                       np.array([1.0, 12.0, 300.0, 2.5]), np.array([1, 2, 1, 1]),
                       np.array([5, 1 << 32 | 7, 3 << 32 | 2, 20_000, 9], dtype=np.int64))
    encoded = list(postings.encode(run))
    (term_a, n_a, fmt_a, *blobs_a), (term_b, n_b, fmt_b, *blobs_b) = encoded
    assert (term_a, n_a, fmt_a) == ("a", 2, "<u1,<u1,<u1,<u2,14")
    assert (term_b, n_b, fmt_b) == ("b", 2, "<u4,<f8,<u1,<u4,28")
    a, b = postings.decode(fmt_a, *blobs_a), postings.decode(fmt_b, *blobs_b)
    assert a.rows.tolist() == [3, 9] and b.rows.tolist() == [70_000, 70_001]
    assert b.weights.tolist() == [300.0, 2.5]
    assert a.positions(np.array([0, 1]))[1].tolist() == [5, 1 << 32 | 7, 3 << 32 | 2]
    assert b.positions(np.array([0, 1]))[1].tolist() == [20_000, 9]


def test_start_up_does_not_load_numpy(tmp_path):
    """numpy (60–180 ms to import) loads with the library's first use, not at start-up."""
    code = textwrap.dedent("""
        import sys
        import hotline.cli, hotline.app
        hotline.cli.build_parser()
        from hotline.app import open_app
        app = open_app(sys.argv[1])
        before = "numpy" in sys.modules
        app.library.search("bạo lực gia đình")
        print(before, "numpy" in sys.modules)
        app.close()
    """)
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_name_index_resolves_as_scanning_every_document(app):
    from hotline.library.query import NameIndex, resolve_documents, topic_documents

    lib = app.library
    lib.documents()
    names = lib._state(lib.store.conn).names
    index = NameIndex(names)
    queries = ["luật phòng chống bạo lực gia đình", "điều 25 luật pcblgđ", "blhs 183",
               "Bộ luật Hình sự điều 183", "luật trẻ em điều 1", "mua bán người",
               "luật hôn nhân và gia đình", "nghị định 56", "bình đẳng giới là gì",
               "luat binh dang gioi", "hiếp dâm trẻ em", "trợ giúp pháp lý miễn phí",
               "luật pcblgđ 2007", "luật", "gia đình luật", "luật lao động quấy rối"]
    for query in queries:
        terms = parse_query(query, lib.abbreviations).terms
        for anchored in (True, False):
            assert resolve_documents(terms, index, anchored=anchored) == \
                resolve_documents(terms, names, anchored=anchored), query
        assert topic_documents(terms, index) == topic_documents(terms, names), query
    assert resolve_documents(parse_query("luật pcblgđ", lib.abbreviations).terms,
                             index).doc_ids


def test_snippet_word_finder_matches_the_pattern(app):
    """Plain words are found with str.find; the spans must be the pattern's."""
    from hotline.library.query import Term
    from hotline.library.snippets import _FOLD, Matcher

    lib = app.library
    texts = [a.note for d in lib.documents() for a in lib.articles(d.id)][:120]
    texts += ["ĐIỀU 25. Cấm tiếp xúc; cam_tiep xuc-tiep XÚC đ.25 điều25 Kelvin K ſ ß Straße",
              "người người, ngườii ngUỜI (người) người_ta người2 nguoi"]
    rng = random.Random(3)
    words = [w for t in texts for w in t.split() if w.isalpha()]
    for _ in range(200):
        picked = rng.sample(words, rng.randint(1, 4))
        terms = [Term(w, fold(w), prefix=(i == len(picked) - 1 and rng.random() < 0.4))
                 for i, w in enumerate(picked)]
        terms.append(Term("s", "s"))
        matcher = Matcher(terms, [])
        assert matcher._words is not None
        for text in texts:
            folded = text.translate(_FOLD)
            expected = [(m.start(), m.end(), m.lastindex or 0)
                        for m in matcher.pattern.finditer(folded)]
            assert matcher.spans(text) == expected, (picked, text[:60])


def test_the_bundle_keeps_numpy():
    """The packaged app (PyInstaller) must carry numpy: the library search needs it."""
    spec = (Path(__file__).resolve().parents[1] / "packaging" / "hotline.spec").read_text(
        encoding="utf-8")
    start = spec.index("excludes = [")
    assert '"numpy"' not in spec[start:spec.index("]", start)]


def test_cached_posting_lists_follow_the_library(lib, monkeypatch):
    monkeypatch.setattr(postings, "CACHE_MIN", 0)  # keep even this corpus's small lists
    corpus = Corpus(seed=21)
    _import(lib, corpus, range(1, 6))
    word = corpus.words[0]
    before = {h.article.id for h in lib.search(word + " ", limit=0)}
    cache = lib._state(lib.store.conn).stats.cache
    assert cache.size > 0
    added = lib.import_parsed(corpus.document(30)).document
    after = lib.search(word + " ", limit=0)
    assert {h.article.id for h in after} > before
    assert added.id in {h.document.id for h in after}
    lib.remove(added.id)
    assert {h.article.id for h in lib.search(word + " ", limit=0)} == before
    assert_same_as_fts5(lib, [word + " ", f'"{word} {corpus.words[1]}"'])


def test_block_cache_keeps_to_its_budget():
    block = postings.Block(np.arange(10_000, dtype=np.int64), np.ones(10_000))  # 160 KB
    cache = postings.BlockCache(budget=400_000)
    for i in range(5):
        cache.put(("term", f"t{i}", False), [block])
    assert cache.size <= 400_000
    assert cache.get(("term", "t0", False)) is None  # the oldest went first
    assert cache.get(("term", "t4", False)) == [block]
    cache.put(("term", "small", False), [postings.Block(np.arange(3), np.ones(3))])
    assert cache.get(("term", "small", False)) is None  # cheap to read again: not kept
