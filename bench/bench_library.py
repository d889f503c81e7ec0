"""Benchmark of the library search on a synthetic corpus of 100,000 articles.

    .venv/bin/python bench/bench_library.py [--articles 100000] [--queries 300] [--keep DIR]
                                            [--encrypted]

Builds the corpus through the real import path (`LibraryService.import_parsed`, one
transaction per document, folded index and top-k postings, bundled library included), then
merges the postings into one segment (`LibraryService.compact`, the step after a batch of
imports), then times:
- index build (documents/s, articles/s), compaction, and index size (FTS5 shadow tables, the
  top-k postings, the article table, the database file);
- `LibraryService.search(q, limit=20)` — the whole pipeline: query parsing, references,
  in-force tiers, accent re-ranking, snippets with highlights, result objects — for 1-, 2- and
  4-word queries and quoted phrases, with and without accents, and as-you-type (last word a
  prefix);
- the bare FTS5 query on the same index and the same folded words:
  `SELECT rowid FROM library_fts WHERE library_fts MATCH ? ORDER BY rank LIMIT 20`;
and reports p50/p95 in milliseconds and the ratio ours/bare (targets: p95 ≤ 10 ms, ratio ≤ 1.5).
Ours and bare run query by query, interleaved, so a load spike from another process on the
shared machine hits both; the load average is printed at the start and the end.

Queries are drawn from the corpus the way operators type: content words and consecutive
word runs taken from random articles (the 60 most frequent words, the "và/của/là" of the
corpus, are not drawn alone).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hotline.clock import Clock  # noqa: E402
from hotline.library.models import Metadata, ParsedDocument, Section  # noqa: E402
from hotline.library.query import Abbreviations, fts_all, parse_query  # noqa: E402
from hotline.library.service import LibraryService  # noqa: E402
from hotline.store.db import open_store  # noqa: E402
from hotline.text import fold  # noqa: E402

ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n",
          "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
RHYMES = ["a", "ai", "am", "an", "ang", "anh", "ao", "au", "ay", "ă", "ăm", "ăn", "ăng",
          "âm", "ân", "âng", "âu", "ây", "e", "em", "en", "eo", "ê", "êm", "ên", "ênh", "êu",
          "i", "ia", "im", "in", "inh", "iêm", "iên", "iêu", "o", "oa", "oai", "oan", "oang",
          "oanh", "oi", "om", "on", "ong", "ô", "ôi", "ôm", "ôn", "ông", "ơ", "ơi", "ơm",
          "ơn", "u", "ua", "ui", "um", "un", "ung", "uô", "uôi", "uôn", "uông", "uy", "uyên",
          "ư", "ưa", "ưi", "ưng", "ươi", "ươn", "ương", "ưu", "ac", "ach", "at", "ăc", "ăt",
          "âc", "ât", "ec", "et", "êt", "ich", "it", "iêt", "oc", "ot", "ôc", "ôt", "ơt",
          "uc", "ut", "uôc", "ưc", "ươc", "ươt"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # huyền sắc hỏi ngã nặng
VOWELS = set("aăâeêioôơuưy")
LIMIT = 20


def syllable(rng: random.Random) -> str:
    import unicodedata

    rhyme = rng.choice(RHYMES)
    stop = rhyme[-1] in "ct" or rhyme.endswith("ch")
    tone = rng.choice(["\u0301", "\u0323"]) if stop else rng.choice(TONES)
    # The tone goes on the main vowel: the last vowel letter, or the one before a final 'a'.
    positions = [i for i, ch in enumerate(rhyme) if ch in VOWELS]
    pos = positions[-1]
    if len(positions) > 1 and rhyme[-1] in "aiouy" and not rhyme.endswith(("ươ", "uô", "iê")):
        pos = positions[-2]
    word = rhyme[:pos + 1] + tone + rhyme[pos + 1:]
    return unicodedata.normalize("NFC", rng.choice(ONSETS) + word)


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Real words from the bundled notes first (the common ones), then made-up syllables."""
    from hotline.library.bundled import load_bundled

    counts: Counter[str] = Counter()
    for item in load_bundled().documents:
        for section in item.sections:
            counts.update(w.lower() for w in section.note.split() if w.isalpha())
    words = [w for w, _ in counts.most_common()]
    seen = set(words)
    while len(words) < size:
        word = syllable(rng)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words[:size]


class Corpus:
    def __init__(self, seed: int, vocab_size: int) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng, vocab_size)
        weights = [1.0 / (rank + 1) ** 1.07 for rank in range(len(self.words))]
        total = sum(weights)
        self.cum: list[float] = []
        acc = 0.0
        for w in weights:
            acc += w / total
            self.cum.append(acc)

    def text(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=n)

    def document(self, number: int, articles: int) -> ParsedDocument:
        rng = self.rng
        title = " ".join(self.text(rng.randint(5, 12))).capitalize()
        year = rng.randint(2000, 2026)
        symbol = f"{number}/{year}/{rng.choice(['NĐ-CP', 'QH15', 'TT-BLĐTBXH', 'QĐ-UBND'])}"
        sections = []
        chapter = ""
        for k in range(1, articles + 1):
            if k % 12 == 1:
                chapter = f"Chương {k // 12 + 1}. " + " ".join(self.text(4)).capitalize()
            body = self.text(rng.randint(60, 220))
            paragraphs = [" ".join(body[i:i + 40]) for i in range(0, len(body), 40)]
            sections.append(Section(label=f"Điều {k}", number=str(k),
                                    heading=" ".join(self.text(rng.randint(3, 9))).capitalize(),
                                    chapter=chapter, text=".\n".join(paragraphs) + "."))
        status = "replaced" if rng.random() < 0.05 else "in_force"
        meta = Metadata(title=f"{rng.choice(['Luật', 'Nghị định', 'Thông tư'])} {title}",
                        symbol=symbol, doc_type=rng.choice(["Luật", "Nghị định", "Thông tư"]),
                        issuer="Cơ quan thử", issued=f"{year}-01-01", status=status,
                        replaced_by="1/2026/QH15" if status == "replaced" else "")
        return ParsedDocument(meta, tuple(sections), source_path=f"/bench/{number}.docx",
                              content_hash=f"{number:064x}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def build(svc: LibraryService, corpus: Corpus, articles: int, per_doc: int) -> dict[str, float]:
    svc.ensure_bundled()
    docs = max(1, articles // per_doc)
    start = time.perf_counter()
    for number in range(1, docs + 1):
        svc.import_parsed(corpus.document(number, per_doc))
        if number % 100 == 0:
            rate = number * per_doc / (time.perf_counter() - start)
            print(f"\r  indexed {number * per_doc:,} articles ({rate:,.0f}/s)", end="",
                  file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - start
    print(file=sys.stderr)
    return {"documents": docs, "articles": docs * per_doc, "seconds": elapsed}


def draw_queries(svc: LibraryService, corpus: Corpus, n: int) -> dict[str, list[str]]:
    conn = svc.store.conn
    rng = random.Random(7)
    max_id = conn.execute("SELECT max(id) FROM library_articles").fetchone()[0]
    common = {w for w in corpus.words[:60]}

    def article_words() -> list[str]:
        while True:
            row = conn.execute("SELECT text, note FROM library_articles WHERE id = ?",
                               (rng.randint(1, max_id),)).fetchone()
            if row is None:
                continue
            words = [w.strip(".,;:()").lower() for w in (row[0] or row[1]).split()]
            words = [w for w in words if w.isalpha()]
            if len(words) >= 8:
                return words

    def run(length: int) -> str:
        while True:
            words = article_words()
            start = rng.randint(0, len(words) - length)
            chunk = words[start:start + length]
            if length == 1 and chunk[0] in common:
                continue
            if sum(w not in common for w in chunk) >= max(1, length // 2):
                return " ".join(chunk)

    queries: dict[str, list[str]] = {"1 word": [], "2 words": [], "4 words": [],
                                     "phrase (3 words)": []}
    for _ in range(n):
        queries["1 word"].append(run(1) + " ")
        queries["2 words"].append(run(2) + " ")
        queries["4 words"].append(run(4) + " ")
        queries["phrase (3 words)"].append('"' + run(3) + '"')
    queries["2 words, no accents"] = [fold(q) for q in queries["2 words"]]
    queries["2 words, as you type"] = [q.rstrip() for q in queries["2 words"]]
    # Typing the second word: its first two letters only (a prefix of hundreds of terms).
    queries["2 words, 2nd cut to 2 letters"] = [
        q.split()[0] + " " + q.split()[1][:2] for q in queries["2 words"]
        if len(fold(q.split()[1])) >= 2]
    return queries


def bare_expression(query: str, abbreviations: Abbreviations) -> str:
    parsed = parse_query(query, abbreviations)
    return fts_all(parsed.terms, parsed.phrases)


# CPU time (this thread's) of the last time_queries() call, ours and bare: what the code
# costs whatever else runs on the shared machine (wall time includes waiting for a core).
CPU: dict[str, list[float]] = {"ours": [], "bare": []}


def time_queries(svc: LibraryService, queries: list[str]) -> tuple[list[float], list[float],
                                                                    float]:
    conn = svc.store.conn
    abbreviations = svc.abbreviations
    ours, bare, found = [], [], 0
    CPU["ours"], CPU["bare"] = [], []
    for query in queries:  # warm the page cache and the statement cache
        svc.search(query, limit=LIMIT)
    for query in queries:
        expr = bare_expression(query, abbreviations)
        c0, t0 = time.thread_time(), time.perf_counter()
        rows = conn.execute("SELECT rowid FROM library_fts WHERE library_fts MATCH ? "
                            "ORDER BY rank LIMIT ?", (expr, LIMIT)).fetchall()
        c1, t1 = time.thread_time(), time.perf_counter()
        hits = svc.search(query, limit=LIMIT)
        c2, t2 = time.thread_time(), time.perf_counter()
        bare.append((t1 - t0) * 1000)
        ours.append((t2 - t1) * 1000)
        CPU["bare"].append((c1 - c0) * 1000)
        CPU["ours"].append((c2 - c1) * 1000)
        found += bool(hits) and bool(rows)
    return ours, bare, found / len(queries)


def time_cold(svc: LibraryService, queries: list[str]) -> tuple[list[float], list[float]]:
    """Ours with the cache of decoded posting lists emptied before every query (the first
    search of a word after start-up or after the library changed), wall and CPU ms."""
    conn = svc.store.conn
    cache = svc._state(conn).stats.cache  # the bench looks inside: what a cold search costs
    wall, cpu = [], []
    for query in queries:
        svc.search(query, limit=LIMIT)
    for query in queries:
        cache.clear()
        c0, t0 = time.thread_time(), time.perf_counter()
        svc.search(query, limit=LIMIT)
        cpu.append((time.thread_time() - c0) * 1000)
        wall.append((time.perf_counter() - t0) * 1000)
    return wall, cpu


def by_rarity(svc: LibraryService, queries: dict[str, list[str]], total: int) -> None:
    """The same queries grouped by how common their rarest word is: FTS5 scores every
    article that matches, so a query made only of very common words costs the most."""
    conn = svc.store.conn
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.library_vocab USING "
                 "fts5vocab(main, library_fts, row)")
    df = dict(conn.execute("SELECT term, doc FROM temp.library_vocab").fetchall())
    buckets: dict[str, list[str]] = {"≤ 1 %": [], "1–10 %": [], "> 10 %": []}
    for name in ("1 word", "2 words", "4 words"):
        for query in queries[name]:
            parsed = parse_query(query, svc.abbreviations)
            counts = [df.get(t.folded, 0) for t in parsed.terms]
            share = min(counts) / total if counts else 1.0
            key = "≤ 1 %" if share <= 0.01 else "1–10 %" if share <= 0.10 else "> 10 %"
            buckets[key].append(query)
    print("\n## The same 1-, 2- and 4-word queries by the share of articles holding their "
          "rarest word (ms)\n")
    print("| rarest word in | queries | ours p50 | ours p95 | bare p50 | bare p95 | ratio p50 "
          "| ratio p95 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for key, items in buckets.items():
        if len(items) < 5:
            continue
        ours, bare, _ = time_queries(svc, items)
        o50, o95 = statistics.median(ours), percentile(ours, 0.95)
        b50, b95 = statistics.median(bare), percentile(bare, 0.95)
        print(f"| {key} of articles | {len(items)} | {o50:.2f} | {o95:.2f} | {b50:.2f} | "
              f"{b95:.2f} | {o50 / b50:.2f} | {o95 / b95:.2f} |")


def without_relaxation(svc: LibraryService, queries: dict[str, list[str]]) -> None:
    """How much of the gap is the relaxation step (few hits with all the words: search again
    with all but one, then any)? The same queries with it switched off."""
    from hotline.library import service as module

    saved = module.FEW_RESULTS
    module.FEW_RESULTS = 0
    try:
        print("\n## Without the relaxation step (diagnostic; ms)\n")
        print("| queries | ours p50 | ours p95 | bare p50 | bare p95 | ratio p50 | ratio p95 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for name in ("2 words", "4 words"):
            ours, bare, _ = time_queries(svc, queries[name])
            o50, o95 = statistics.median(ours), percentile(ours, 0.95)
            b50, b95 = statistics.median(bare), percentile(bare, 0.95)
            print(f"| {name} | {o50:.2f} | {o95:.2f} | {b50:.2f} | {b95:.2f} | "
                  f"{o50 / b50:.2f} | {o95 / b95:.2f} |")
    finally:
        module.FEW_RESULTS = saved
    # The index ranks with column weights (title ×6, heading ×5); what do they cost FTS5?
    conn = svc.store.conn
    for label, rank in (("weighted (the index's rank)", ""),
                        ("unweighted bm25()", " AND rank MATCH 'bm25()'")):
        times = []
        for query in queries["2 words"]:
            expr = bare_expression(query, svc.abbreviations)
            t0 = time.perf_counter()
            conn.execute(f"SELECT rowid FROM library_fts WHERE library_fts MATCH ?{rank} "
                         "ORDER BY rank LIMIT ?", (expr, LIMIT)).fetchall()
            times.append((time.perf_counter() - t0) * 1000)
        print(f"\nbare 2-word queries, {label}: p50 {statistics.median(times):.2f} ms, "
              f"p95 {percentile(times, 0.95):.2f} ms", end="")
    print()


def index_size(svc: LibraryService) -> dict[str, int]:
    conn = svc.store.conn
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def pages(*patterns: str) -> int:
        where = " OR ".join("name LIKE ?" for _ in patterns)
        return conn.execute(f"SELECT sum(pgsize) FROM dbstat WHERE {where}",
                            patterns).fetchone()[0] or 0
    try:
        fts = pages("library_fts%")
        top = pages("library_postings%", "library_segments%", "library_dead_rows%",
                    "sqlite_autoindex_library_postings%")
        articles = pages("library_articles%")
    except Exception:  # a SQLite built without the dbstat table
        fts = top = articles = 0
    return {"fts": fts, "postings": top, "articles": articles,
            "file": os.path.getsize(svc.store.path)}


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--per-doc", type=int, default=100)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--vocabulary", type=int, default=12_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build in this directory and keep it")
    parser.add_argument("--encrypted", action="store_true",
                        help="SQLCipher with a random key, as the application stores data")
    args = parser.parse_args()

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-library-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "hotline.sqlite"
    existing = db.exists()
    key = None
    if args.encrypted:
        key_file = workdir / "bench.key"
        if not key_file.exists():
            key_file.write_text(os.urandom(32).hex())
        key = bytes.fromhex(key_file.read_text())
    store = open_store(db, key=key)
    svc = LibraryService(store, Clock())
    corpus = Corpus(args.seed, args.vocabulary)
    print(f"# Library search benchmark — {date.today().isoformat()}")
    version = store.conn.execute('select sqlite_version()').fetchone()[0]
    print(f"python {sys.version.split()[0]}, SQLite {version}"
          f"{' (SQLCipher, encrypted)' if key else ''}, {os.cpu_count()} CPUs; database {db}")
    print(f"load average at the start: {load()}")
    conn = store.conn
    if existing and svc.documents():
        print(f"reusing the corpus already in {db}")
    else:
        stats = build(svc, corpus, args.articles, args.per_doc)
        segments = conn.execute("SELECT count(*) FROM library_segments").fetchone()[0]
        print(f"\n## Index build\n{stats['articles']:,} articles in {stats['documents']:,} "
              f"documents (plus the bundled library), one transaction per document: "
              f"{stats['seconds']:.1f} s ({stats['articles'] / stats['seconds']:,.0f} "
              f"articles/s); the postings were then in {segments} segments.")
    segments = conn.execute("SELECT count(*) FROM library_segments").fetchone()[0]
    if segments > 1:
        # Diagnostic: the postings as the imports left them (tiered merges only).
        before = draw_queries(svc, corpus, min(args.queries, 100))
        print(f"\n## Before compaction ({segments} segments), 100 queries per row (ms)\n")
        print("| queries | ours p50 | ours p95 | bare p50 | bare p95 |")
        print("|---|---:|---:|---:|---:|")
        for name in ("1 word", "2 words", "phrase (3 words)", "2 words, 2nd cut to 2 letters"):
            ours, bare, _ = time_queries(svc, before[name])
            print(f"| {name} | {statistics.median(ours):.2f} | {percentile(ours, 0.95):.2f} "
                  f"| {statistics.median(bare):.2f} | {percentile(bare, 0.95):.2f} |")
    t0 = time.perf_counter()
    if svc.compact():
        print(f"Compaction into one segment (`LibraryService.compact()`): "
              f"{time.perf_counter() - t0:.1f} s.")
    sizes = index_size(svc)
    total = conn.execute("SELECT count(*) FROM library_articles").fetchone()[0]
    if sizes["fts"]:
        print(f"\n## Index size\n{total:,} articles; FTS5 index {sizes['fts'] / 2**20:.1f} MiB "
              f"({sizes['fts'] / total:,.0f} B/article), top-k postings "
              f"{sizes['postings'] / 2**20:.1f} MiB ({sizes['postings'] / total:,.0f} B/article), "
              f"article table {sizes['articles'] / 2**20:.1f} MiB, database file "
              f"{sizes['file'] / 2**20:.1f} MiB")
    else:
        print(f"\n## Index size\n{total:,} articles; database file "
              f"{sizes['file'] / 2**20:.1f} MiB (no dbstat in this SQLite build)")

    queries = draw_queries(svc, corpus, args.queries)
    print(f"\n## Search latency, limit {LIMIT}, {args.queries} queries per row (ms)\n")
    print("| queries | ours p50 | ours p95 | bare p50 | bare p95 | ratio p50 | ratio p95 "
          "| found |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    cpu_rows = []
    for name, items in queries.items():
        ours, bare, found = time_queries(svc, items)
        o50, o95 = statistics.median(ours), percentile(ours, 0.95)
        b50, b95 = statistics.median(bare), percentile(bare, 0.95)
        print(f"| {name} | {o50:.2f} | {o95:.2f} | {b50:.2f} | {b95:.2f} | {o50 / b50:.2f} "
              f"| {o95 / b95:.2f} | {found:.0%} |")
        cpu_rows.append((name, [statistics.median(CPU["ours"]), percentile(CPU["ours"], 0.95),
                                statistics.median(CPU["bare"]), percentile(CPU["bare"], 0.95)]))
    print("\nThe same runs in CPU time (this thread's, ms): what the code costs, without the "
          "waits for a core that the other processes on the machine cause.\n")
    print("| queries | ours p50 | ours p95 | bare p50 | bare p95 |")
    print("|---|---:|---:|---:|---:|")
    for name, values in cpu_rows:
        print(f"| {name} | " + " | ".join(f"{v:.2f}" for v in values) + " |")
    print("\nexample queries: " + "; ".join(q.strip() for q in
                                             [queries[k][0] for k in queries]))
    print("\n## Cold: the cache of decoded posting lists emptied before each query "
          "(diagnostic; ms)\n")
    print("| queries | wall p50 | wall p95 | CPU p50 | CPU p95 |")
    print("|---|---:|---:|---:|---:|")
    for name in ("1 word", "4 words", "phrase (3 words)", "2 words, 2nd cut to 2 letters"):
        wall, cpu = time_cold(svc, queries[name])
        print(f"| {name} | {statistics.median(wall):.2f} | {percentile(wall, 0.95):.2f} | "
              f"{statistics.median(cpu):.2f} | {percentile(cpu, 0.95):.2f} |")
    by_rarity(svc, queries, total)
    without_relaxation(svc, queries)
    print(f"\nload average at the end: {load()}")
    store.close()
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
