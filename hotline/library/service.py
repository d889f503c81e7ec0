"""The library service: the bundled documents, the center's imports, and search.

Search order (DESIGN §3–§6, issue 3):
1. references go straight to the article: a symbol ("13/2022"), a type and number ("nđ 76"),
   a law's name ("luật pcblgđ", "Bộ luật Hình sự"), an article ("Điều 25", "đ.25");
2. then full-text hits where every word occurs (folded, so accents and đ do not matter),
   bm25-ranked with titles and headings boosted;
3. when those are few, hits with all the words but one ("most"); when there are none at
   all, hits with any of the words ("partial").
Within each group documents in force come before replaced or expired ones, and when the
operator typed accents, articles with exactly those accents come first. The full-text
ranking is FTS5's weighted bm25, computed from compact postings by hotline.library.topk
instead of by FTS5 for every match (README.md in this folder).

Reads accept an optional `conn` so a window can run them on its own reader thread.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hotline.calls.models import Citation
from hotline.clock import Clock, iso
from hotline.library import index, snippets
from hotline.library.bundled import BundledLibrary, load_bundled
from hotline.library.importers import LibraryImportError, Progress, read_document
from hotline.library.models import (
    BUNDLED,
    IMPORTED,
    STATUSES,
    Article,
    Document,
    ImportOutcome,
    Metadata,
    ParsedDocument,
    SearchHit,
    Snippet,
    is_current,
)
from hotline.library.parse import guess_metadata, split_sections
from hotline.library.query import (
    Abbreviations,
    DocumentName,
    Expr,
    NameIndex,
    ParsedQuery,
    RowFilter,
    Term,
    content_terms,
    document_names,
    expr_all,
    expr_all_but_one,
    expr_any,
    parse_query,
    required_terms,
    resolve_documents,
    topic_documents,
    words_of,
)
from hotline.store.db import Store
from hotline.text import fold
from hotline.translation import translate

if TYPE_CHECKING:
    import numpy as np

    from hotline.library.postings import Stats
    from hotline.library.topk import Engine
    from hotline.security.audit import AuditLog

BUNDLED_VERSION_KEY = "library.bundled_version"
FEW_RESULTS = 3  # fewer hits with all the words: relax (all but one word, then any word)
DEFAULT_LIMIT = 20
POOL = 60  # rows re-ranked for exact accents, topics and definitions
# In the order of Article's fields.
ARTICLE_COLUMNS = "id, doc_id, position, label, number, heading, chapter, text, note, citation"

# Score bands: the order of the result list is the order of the scores.
DIRECT, NAMED_DOC, ALL_WORDS, MOST_WORDS, SOME_WORDS = 400.0, 300.0, 200.0, 150.0, 100.0
CURRENT_BONUS, EXACT_BONUS, TEXT_IN_DIRECT_BONUS = 40.0, 10.0, 20.0
DEFINITION_BONUS = 5.0
TOPIC_BONUS = 5.0
DEFINITIONS_HEADING = "giai thich tu ngu"


class LibraryError(Exception):
    """A library operation cannot be done; the message says why."""


class DocumentNotFound(LibraryError, LookupError):
    pass


@dataclass
class _Cache:
    generation: str
    documents: dict[str, Document]
    names: list[DocumentName]
    name_index: NameIndex
    stats: Stats
    current: np.ndarray  # by the postings' document index: in force
    types: list[str]  # by the postings' document index: folded type


class LibraryService:
    def __init__(self, store: Store, clock: Clock | None = None, *,
                 audit: AuditLog | None = None,
                 bundled: Callable[[], BundledLibrary] = load_bundled,
                 abbreviations: Abbreviations | None = None) -> None:
        self.store = store
        self.clock = clock or Clock()
        self.audit = audit
        self._load_bundled = bundled
        self._bundled: BundledLibrary | None = None
        self._bundled_checked = False
        self._abbreviations = abbreviations
        self._cache: _Cache | None = None
        # A document's names by what they are made of: reloading the cache after an import
        # recomputes only the new document's (not all of a large library's).
        self._names: dict[tuple[str, str, str, tuple[str, ...]], DocumentName] = {}
        self._lock = threading.Lock()

    # ----------------------------------------------------------------- bundled library
    @property
    def abbreviations(self) -> Abbreviations:
        if self._abbreviations is None:
            self._abbreviations = Abbreviations()
        return self._abbreviations

    @property
    def bundled(self) -> BundledLibrary:
        if self._bundled is None:
            self._bundled = self._load_bundled()
        return self._bundled

    def ensure_bundled(self) -> bool:
        """Index the bundled documents if this database has not seen this version of them.

        Runs once per process on first use (not at start-up, so a CLI call that never touches
        the library pays nothing); True when it (re)indexed.
        """
        if self._bundled_checked:
            return False
        with self._lock:
            if self._bundled_checked:
                return False
            bundled = self.bundled
            version = f"{bundled.version}:{index.INDEX_VERSION}"
            conn = self.store.conn
            row = conn.execute("SELECT value FROM meta WHERE key = ?",
                               (BUNDLED_VERSION_KEY,)).fetchone()
            changed = row is None or row[0] != version
            if index.rank_outdated(conn):
                with self.store.transaction() as tx:
                    index.configure_rank(tx)
            if changed:
                with self.store.transaction() as tx:
                    row = tx.execute("SELECT value FROM meta WHERE key = ?",
                                     (BUNDLED_VERSION_KEY,)).fetchone()
                    changed = row is None or row[0] != version
                    if changed:
                        self._reindex_bundled(tx, bundled, old=row[0] if row else "")
                        tx.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                                   (BUNDLED_VERSION_KEY, version))
            self._bundled_checked = True
            return changed

    def _reindex_bundled(self, tx: sqlite3.Connection, bundled: BundledLibrary,
                         old: str) -> None:
        if old and not old.endswith(f":{index.INDEX_VERSION}"):
            index.reindex_all(tx)  # what goes into the index changed: imports too
        for (doc_id,) in tx.execute("SELECT id FROM library_documents WHERE origin = ?",
                                    (BUNDLED,)).fetchall():
            index.delete_document(tx, doc_id)
        now = iso(self.clock.now())
        for position, item in enumerate(bundled.documents, start=1):
            index.write_document(tx, item.document, item.sections, now=now, sort_key=position)
        index.bump_generation(tx)

    @property
    def as_of(self) -> str:
        """The date the bundled library's legal status was last checked (YYYY-MM-DD)."""
        return self.bundled.as_of

    # ----------------------------------------------------------------- documents
    def _conn(self, conn: sqlite3.Connection | None) -> sqlite3.Connection:
        self.ensure_bundled()
        return conn if conn is not None else self.store.conn

    def _state(self, conn: sqlite3.Connection) -> _Cache:
        generation = index.generation(conn)
        cache = self._cache
        if cache is not None and cache.generation == generation:
            return cache
        documents = {}
        rows = conn.execute(
            "SELECT d.*, (SELECT count(*) FROM library_articles a WHERE a.doc_id = d.id) AS n "
            "FROM library_documents d ORDER BY d.origin = 'imported', "
            "d.status IN ('replaced', 'expired'), d.sort_key, d.issued DESC, d.title")
        for row in rows:
            doc = _document(row)
            documents[doc.id] = doc
        earlier, self._names = self._names, {}
        names = [self._document_names(d, earlier) for d in documents.values()]
        # numpy and the postings load with the library's first use, not at start-up.
        import numpy as np

        from hotline.library import postings

        stats = postings.load_stats(conn)
        known = [documents.get(d) for d in stats.doc_ids]
        current = np.array([d is not None and d.current for d in known], dtype=bool)
        types = [fold(d.doc_type) if d is not None else "" for d in known]
        cache = _Cache(generation, documents, names, NameIndex(names), stats, current, types)
        self._cache = cache
        return cache

    def _document_names(self, doc: Document,
                        known: dict[tuple[str, str, str, tuple[str, ...]], DocumentName]
                        ) -> DocumentName:
        key = (doc.id, doc.title, doc.cite_as, doc.aliases)
        found = known.get(key)
        if found is None:
            found = document_names(doc.id, (doc.title, doc.cite_as, *doc.aliases),
                                   self.abbreviations)
        self._names[key] = found
        return found

    def documents(self, *, conn: sqlite3.Connection | None = None) -> list[Document]:
        """Bundled documents first (in force before replaced), then the center's imports."""
        return list(self._state(self._conn(conn)).documents.values())

    def document(self, doc_id: str, *, conn: sqlite3.Connection | None = None) -> Document:
        doc = self._state(self._conn(conn)).documents.get(doc_id)
        if doc is None:
            raise DocumentNotFound(translate(
                "core.library", "không có văn bản '{id}' trong thư viện").format(id=doc_id))
        return doc

    def doc_types(self, *, conn: sqlite3.Connection | None = None) -> list[str]:
        return list(dict.fromkeys(d.doc_type for d in self.documents(conn=conn) if d.doc_type))

    def articles(self, doc_id: str, *, conn: sqlite3.Connection | None = None) -> list[Article]:
        c = self._conn(conn)
        return [_article(r) for r in c.execute(
            "SELECT * FROM library_articles WHERE doc_id = ? ORDER BY position", (doc_id,))]

    def article(self, article_id: int, *, conn: sqlite3.Connection | None = None) -> Article:
        c = self._conn(conn)
        row = c.execute("SELECT * FROM library_articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise DocumentNotFound(translate(
                "core.library", "không có điều/mục #{id} trong thư viện").format(id=article_id))
        return _article(row)

    def find_article(self, doc_id: str, label: str, *,
                     conn: sqlite3.Connection | None = None) -> Article | None:
        """The article of a document by its label ('Điều 25'), e.g. to reopen a citation."""
        c = self._conn(conn)
        row = c.execute("SELECT * FROM library_articles WHERE doc_id = ? AND label = ? "
                        "ORDER BY position LIMIT 1", (doc_id, label)).fetchone()
        return _article(row) if row else None

    def neighbours(self, article: Article, *, conn: sqlite3.Connection | None = None
                   ) -> tuple[Article | None, Article | None]:
        """The previous and next article of the same document."""
        c = self._conn(conn)
        prev = c.execute("SELECT * FROM library_articles WHERE doc_id = ? AND position < ? "
                         "ORDER BY position DESC LIMIT 1",
                         (article.doc_id, article.position)).fetchone()
        nxt = c.execute("SELECT * FROM library_articles WHERE doc_id = ? AND position > ? "
                        "ORDER BY position LIMIT 1",
                        (article.doc_id, article.position)).fetchone()
        return (_article(prev) if prev else None, _article(nxt) if nxt else None)

    def citation(self, article: Article) -> Citation:
        """What the call form records when an article is cited to the caller."""
        return Citation(doc_id=article.doc_id, citation=article.citation, article=article.label)

    # ----------------------------------------------------------------- search
    def search(self, query: str, *, limit: int = DEFAULT_LIMIT, in_force: bool = False,
               doc_type: str | None = None, doc_id: str | None = None,
               conn: sqlite3.Connection | None = None) -> list[SearchHit]:
        """Articles for what the operator typed; `limit` 0 means no limit."""
        c = self._conn(conn)
        # One read transaction: the statistics, postings and articles of one snapshot even
        # while another window or process imports.
        own = not c.in_transaction
        if own:
            c.execute("BEGIN")
        try:
            state = self._state(c)
            cap = limit if limit > 0 else 1_000_000
            allowed = self._allowed(state, in_force=in_force, doc_type=doc_type,
                                    doc_id=doc_id)
            parsed = parse_query(query, self.abbreviations)
            if parsed.empty:
                return self._list(c, state, allowed, cap)
            return _Search(self, c, state, parsed, allowed, cap, in_force=in_force,
                           doc_type=doc_type, doc_id=doc_id).run()
        finally:
            if own:
                c.execute("COMMIT")

    def _allowed(self, state: _Cache, *, in_force: bool, doc_type: str | None,
                 doc_id: str | None) -> dict[str, Document]:
        docs = state.documents
        if doc_id:
            if doc_id not in docs:
                raise DocumentNotFound(translate(
                    "core.library", "không có văn bản '{id}' trong thư viện").format(id=doc_id))
            docs = {doc_id: docs[doc_id]}
        if doc_type:
            wanted = self.type_key(doc_type)
            docs = {k: d for k, d in docs.items() if fold(d.doc_type) == wanted}
        if in_force:
            docs = {k: d for k, d in docs.items() if d.current}
        return docs

    def type_key(self, doc_type: str) -> str:
        """The folded type for a filter: 'Nghị định', 'nghi dinh' and 'NĐ' are the same."""
        entry = self.abbreviations.lookup(doc_type.strip())
        return fold(entry.expansion if entry else doc_type).strip()

    def _list(self, c: sqlite3.Connection, state: _Cache, allowed: dict[str, Document],
              cap: int) -> list[SearchHit]:
        """An empty query: every article of the allowed documents, in document order."""
        hits: list[SearchHit] = []
        order = sorted(allowed.values(), key=lambda d: not d.current)
        for doc in order:
            if len(hits) >= cap:
                break
            rows = c.execute("SELECT * FROM library_articles WHERE doc_id = ? "
                             "ORDER BY position LIMIT ?", (doc.id, cap - len(hits)))
            for row in rows:
                art = _article(row)
                hits.append(SearchHit(art, doc, 0.0, "list", _lead(art),
                                      Snippet(((art.heading, False),))))
        return hits

    # ----------------------------------------------------------------- imports
    def preview(self, path: str | Path, progress: Progress | None = None) -> ParsedDocument:
        """Read and split a file and guess its metadata, without storing anything."""
        path = Path(path)
        text, notes = read_document(path, progress)
        raw = path.read_bytes()
        sections = split_sections(text)
        if not sections:
            raise LibraryImportError(translate(
                "core.library", "{file}: không có nội dung chữ").format(file=path.name))
        metadata = guess_metadata(text, path.name)
        warnings = list(notes)  # a legacy encoding or font converted to Unicode
        if not any(s.number for s in sections):
            warnings.append(translate(
                "core.library", "không thấy 'Điều N.': văn bản được chia theo đề mục/đoạn"))
        return ParsedDocument(metadata, tuple(sections), str(path.resolve()),
                              hashlib.sha256(raw).hexdigest(), tuple(warnings))

    def import_file(self, path: str | Path, metadata: Metadata | None = None, *,
                    progress: Progress | None = None, actor: str = "") -> ImportOutcome:
        """Import (or update) one file; nothing is stored if anything fails."""
        return self.import_parsed(self.preview(path, progress), metadata, actor=actor)

    def import_parsed(self, parsed: ParsedDocument, metadata: Metadata | None = None, *,
                      actor: str = "") -> ImportOutcome:
        """Store a previewed document in one transaction. The same file (same path or same
        content) updates the earlier import instead of adding a second copy; without
        `metadata`, an update keeps the metadata stored before (it may have been corrected)."""
        self.ensure_bundled()
        meta = metadata or parsed.metadata
        now = iso(self.clock.now())
        with self.store.transaction() as tx:
            row = tx.execute(
                "SELECT * FROM library_documents WHERE origin = ? AND (source_path = ? OR "
                "content_hash = ?) ORDER BY source_path = ? DESC LIMIT 1",
                (IMPORTED, parsed.source_path, parsed.content_hash,
                 parsed.source_path)).fetchone()
            existing = _document(row) if row else None
            if existing is not None and metadata is None:
                meta = _metadata_of(existing)
            _validate(meta)
            doc_id = existing.id if existing else self._new_id(tx, parsed.content_hash)
            doc = Document(id=doc_id, title=meta.title.strip(), symbol=meta.symbol.strip(),
                           doc_type=meta.doc_type.strip(), issuer=meta.issuer.strip(),
                           issued=meta.issued, effective=meta.effective, status=meta.status,
                           replaced_by=meta.replaced_by.strip(), tags=meta.tags,
                           origin=IMPORTED, source_path=parsed.source_path,
                           content_hash=parsed.content_hash)
            sections = [replace(s, citation=s.citation or f"{s.label} {doc.citation_name}")
                        for s in parsed.sections]
            created_at = row["created_at"] if row else None
            if existing is not None:
                index.delete_document(tx, doc_id)
            index.write_document(tx, doc, sections, now=now, created_at=created_at)
            index.bump_generation(tx)
            if self.audit is not None:
                self.audit.record(actor or "system", "library.import", doc_id, (),
                                  f"{'updated' if existing else 'created'}; "
                                  f"{len(sections)} sections")
        stored = self.document(doc_id)
        return ImportOutcome(stored, existing is None, parsed.warnings)

    def update_metadata(self, doc_id: str, metadata: Metadata, *, actor: str = "") -> Document:
        """Correct an imported document's metadata (re-indexed in the same transaction)."""
        doc = self.document(doc_id)
        if doc.origin != IMPORTED:
            raise LibraryError(translate(
                "core.library", "văn bản đóng gói không sửa được ở đây; hãy sửa tệp trong "
                "resources/library/"))
        _validate(metadata)
        articles = self.articles(doc_id)
        updated = replace(doc, title=metadata.title.strip(), symbol=metadata.symbol.strip(),
                          doc_type=metadata.doc_type.strip(), issuer=metadata.issuer.strip(),
                          issued=metadata.issued, effective=metadata.effective,
                          status=metadata.status, replaced_by=metadata.replaced_by.strip(),
                          tags=metadata.tags)
        sections = [_section_of(a, doc, updated) for a in articles]
        with self.store.transaction() as tx:
            created = tx.execute("SELECT created_at FROM library_documents WHERE id = ?",
                                 (doc_id,)).fetchone()[0]
            index.delete_document(tx, doc_id)
            index.write_document(tx, updated, sections, now=iso(self.clock.now()),
                                 created_at=created)
            index.bump_generation(tx)
            if self.audit is not None:
                self.audit.record(actor or "system", "library.update", doc_id,
                                  ("title", "symbol", "doc_type", "status"), "")
        return self.document(doc_id)

    def remove(self, doc_id: str, *, actor: str = "") -> Document:
        """Remove an imported document and everything indexed from it."""
        doc = self.document(doc_id)
        if doc.origin == BUNDLED:
            raise LibraryError(translate(
                "core.library", "'{name}' là văn bản có sẵn của thư viện, không xóa được (chỉ "
                "xóa được tài liệu trung tâm đã nhập)").format(name=doc.symbol or doc.title))
        with self.store.transaction() as tx:
            index.delete_document(tx, doc_id)
            index.bump_generation(tx)
            if self.audit is not None:
                self.audit.record(actor or "system", "library.remove", doc_id, (), doc.title)
        return doc

    def compact(self) -> bool:
        """Merge the search postings into one segment, e.g. after a batch of imports
        (imports merge as they go; this makes every term one read). False: nothing to do."""
        self.ensure_bundled()
        with self.store.transaction() as tx:
            done = index.compact(tx)
            if done:
                index.bump_generation(tx)
        return done

    def _new_id(self, tx: sqlite3.Connection, content_hash: str) -> str:
        candidate = "c-" + (content_hash[:12] or uuid.uuid4().hex[:12])
        while tx.execute("SELECT 1 FROM library_documents WHERE id = ?",
                         (candidate,)).fetchone():
            candidate = "c-" + uuid.uuid4().hex[:12]
        return candidate


# --------------------------------------------------------------------- search engine
@dataclass
class _Row:
    article_id: int
    rank: float  # position in FTS5's bm25 order (0 = best)
    bonus: float = 0.0  # exact accents, topic, definition article
    doc_id: str = ""
    current: bool = True
    record: tuple[Any, ...] | None = None  # the article's ARTICLE_COLUMNS


class _Search:
    """One search, in the order described in the module docstring."""

    def __init__(self, service: LibraryService, conn: sqlite3.Connection, state: _Cache,
                 parsed: ParsedQuery, allowed: dict[str, Document], cap: int, *,
                 in_force: bool, doc_type: str | None, doc_id: str | None) -> None:
        self.service = service
        self.conn = conn
        self.state = state
        self.parsed = parsed
        self.allowed = allowed
        self.cap = cap
        self.in_force = in_force
        self.doc_types = [service.type_key(doc_type)] if doc_type else []
        self.doc_id = doc_id
        self.hits: list[SearchHit] = []
        self.seen: set[int] = set()
        self._accent_patterns = [
            (word, re.compile(r"(?<!\w)" + re.escape(word) + ("" if prefix else r"(?!\w)")))
            for word, prefix in parsed.accented_words]
        self._doc_haystacks: dict[str, str] = {}
        self._keep = accent_filter(parsed)
        self._topic: frozenset[str] = frozenset()
        self._rerank_pool = bool(self._accent_patterns) or parsed.definition
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from hotline.library.topk import Engine

            self._engine = Engine(self.conn, self.state.stats)
        return self._engine

    # The restriction to the allowed documents (what the meta tokens filter in FTS5).
    def _filter(self, *, old: bool | None, doc_ids: Sequence[str] = ()) -> RowFilter:
        ids = tuple(doc_ids) or ((self.doc_id,) if self.doc_id else ())
        types = () if doc_ids else tuple(self.doc_types)
        return RowFilter(old, ids, types)

    def _allow(self, flt: RowFilter) -> Callable[[np.ndarray], np.ndarray] | None:
        import numpy as np

        if flt.old is None and not flt.doc_ids and not flt.doc_types:
            return None
        state = self.state
        ok = np.ones(len(state.stats.doc_ids) + 1, dtype=bool)
        ok[-1] = False  # articles without a document (rowdoc -1)
        if flt.doc_ids:
            wanted = set(flt.doc_ids)
            ok[:-1] &= np.array([d in wanted for d in state.stats.doc_ids], dtype=bool)
        if flt.doc_types:
            types = {fold(t) for t in flt.doc_types}
            ok[:-1] &= np.array([t in types for t in state.types], dtype=bool)
        if flt.old is True:
            ok[:-1] &= ~state.current
        elif flt.old is False:
            ok[:-1] &= state.current
        rowdoc = state.stats.rowdoc
        return lambda rows: ok[rowdoc[rows]]

    def run(self) -> list[SearchHit]:
        parsed = self.parsed
        terms = list(parsed.terms)
        docs: list[str] = []
        unresolved: list[Term] = []
        symbol_phrases: list[list[Term]] = []
        for symbol in parsed.symbols:
            found = [d.id for d in self.state.documents.values() if d.symbol
                     and symbol.matches(d.symbol)]
            docs += found
            if not found and words_of(symbol.text):
                symbol_phrases.append(words_of(symbol.text))  # a symbol quoted in a text
        for ref in parsed.type_refs:
            found = [d.id for d in self.state.documents.values()
                     if _type_matches(ref.doc_type, d.doc_type) and d.symbol
                     and re.match(rf"0*{ref.number}(?!\d)", d.symbol)]
            docs += found
            if not found:
                unresolved += words_of(ref.text)
        resolution = resolve_documents(terms, self.state.name_index)
        docs += resolution.doc_ids
        text_terms = [t for i, t in enumerate(terms) if i not in resolution.consumed]
        text_terms += unresolved
        docs = list(dict.fromkeys(docs))
        articles = list(parsed.articles)
        if docs and not articles:
            # "blhs 183": a bare number that is an article of the named document.
            numbers = {r[0] for r in self.conn.execute(
                "SELECT number FROM library_articles WHERE number <> '' AND doc_id IN "
                f"({_marks(docs)})", docs)}
            articles = [t.folded for t in text_terms if t.is_number and t.folded in numbers]
            text_terms = [t for t in text_terms if not (t.is_number and t.folded in articles)]

        phrases = list(parsed.phrases) + symbol_phrases
        # Documents whose subject the words are: their articles first among the text hits.
        self._topic = topic_documents(text_terms, self.state.name_index)
        self._rerank_pool = self._rerank_pool or bool(self._topic)
        if articles or (docs and not text_terms and not phrases):
            self._direct([d for d in docs if d in self.allowed], articles, text_terms, phrases)
        if text_terms or phrases:
            if docs:
                named = [d for d in docs if d in self.allowed]
                if named:
                    self._text(text_terms, phrases, doc_ids=named, band=NAMED_DOC)
            self._text(text_terms, phrases, band=ALL_WORDS)
            all_words = sum(1 for h in self.hits if h.match == "text")
            words = len(required_terms(text_terms)) + len(phrases)
            if all_words < FEW_RESULTS and words >= 3:
                self._text(text_terms, phrases, band=MOST_WORDS, relax="all_but_one")
            # "Any word" ranks every article holding any of them (costly with common
            # words): only when nothing holds all the words, or all but one.
            if not any(h.match in ("text", "most") for h in self.hits) and words >= 2:
                self._text(text_terms, phrases, band=SOME_WORDS, relax="any")
            if not self.hits and docs and (text_terms or parsed.phrases):
                # The words that named a document may have been meant as text after all.
                self._text(terms + unresolved, phrases, band=ALL_WORDS)
        self.hits.sort(key=lambda h: -h.score)
        return self.hits[:self.cap]

    # ------------------------------------------------------------- direct references
    def _direct(self, docs: list[str], articles: list[str], text_terms: list[Term],
                phrases: list[Any]) -> None:
        if not docs and not articles:
            return
        clauses, params = [], []
        if docs:
            clauses.append(f"doc_id IN ({_marks(docs)})")
            params += docs
        if articles:
            clauses.append(f"number IN ({_marks(articles)})")
            params += articles
        rows = self.conn.execute(
            "SELECT * FROM library_articles WHERE " + " AND ".join(clauses)
            + " ORDER BY position", params).fetchall()
        # The order the operator named documents in, else the library's own order.
        doc_order = {d: i for i, d in enumerate(docs or self.state.documents)}
        rows = [r for r in rows if r["doc_id"] in self.allowed]
        article_order = {a: i for i, a in enumerate(articles)}
        matching: set[int] = set()
        expr = expr_all(text_terms, phrases) if (text_terms or phrases) else None
        if expr is not None and rows:
            import numpy as np

            found = self.engine.match(expr).rows
            ids = np.array([r["id"] for r in rows], dtype=np.int64)
            matching = {int(i) for i in ids[np.isin(ids, found)]}
        scored = []
        for r in rows:
            doc = self.allowed[r["doc_id"]]
            score = DIRECT + (CURRENT_BONUS if doc.current else 0.0)
            if r["id"] in matching:
                score += TEXT_IN_DIRECT_BONUS
            # Keep the order the operator named things in, then the document's own order.
            order = (doc_order.get(r["doc_id"], len(doc_order)) * 10_000
                     + article_order.get(r["number"], 0) * 1_000 + min(r["position"], 999))
            scored.append((score - order * 1e-6, r, doc))
        scored.sort(key=lambda x: -x[0])
        for score, r, doc in scored[:self.cap]:
            art = _article(r)
            self._add(SearchHit(art, doc, score, "article", _lead(art),
                                Snippet(((art.heading, False),))))

    # ------------------------------------------------------------- full text
    def _text(self, terms: list[Term], phrases: list[Any], *, band: float,
              doc_ids: Sequence[str] = (), relax: str = "") -> None:
        """Full-text hits: all words (`relax` ''), all but one ('all_but_one'), any ('any')."""
        if relax == "any":
            expr, match = expr_any(terms, phrases), "partial"
        elif relax == "all_but_one":
            expr, match = expr_all_but_one(terms, phrases), "most"
        else:
            expr, match = expr_all(terms, phrases), "text"
        if expr is None:
            return
        keep = self._keep
        shown = content_terms(terms) if relax else required_terms(terms)
        matcher = snippets.Matcher(shown, phrases)
        wanted = self.cap - len(self.hits)
        if wanted <= 0:
            return
        k = wanted + len(self.seen)
        # Exact accents, topics and definitions can lift rows from further down: rank a
        # wider pool for them; otherwise a small margin for replaced documents.
        fetch = max(k * 3, POOL) if self._rerank_pool else k + max(k // 2, 10)
        rows = [r for r in self._candidates(expr, doc_ids, fetch, wanted)
                if r.article_id not in self.seen]
        if self._rerank_pool:
            self._rerank(rows)
        # Documents in force first, then replaced or expired ones (each marked).
        rows.sort(key=lambda r: (not r.current, -r.bonus, r.rank))
        rows = rows[:wanted]
        for r in rows:
            if r.record is None:
                continue
            art = Article(*r.record)
            doc = self.state.documents.get(art.doc_id)
            if doc is None:  # imported meanwhile by another process: next search
                continue
            score = (band + (CURRENT_BONUS if doc.current else 0.0) + r.bonus
                     + 1.0 / (2.0 + r.rank))  # r.rank: 0 for FTS5's best match, 1, 2 …
            body = f"{art.note}\n{art.text}"
            self._add(SearchHit(art, doc, score, match, snippets.snippet(body, matcher, keep),
                                snippets.highlight(art.heading, matcher, keep)))

    def _candidates(self, expr: Expr, doc_ids: Sequence[str], fetch: int,
                    wanted: int) -> list[_Row]:
        """The best `fetch` rows, each tagged with its document's status. The best overall
        when the rows in force among them suffice (the usual case); else the best of each
        tier (the expression is scored once either way)."""
        if self.in_force:
            rows = self._query(expr, self._filter(old=False, doc_ids=doc_ids), fetch)
            self._tag(rows)
            return rows
        rows = self._query(expr, self._filter(old=None, doc_ids=doc_ids), fetch)
        self._tag(rows)
        fresh = sum(1 for r in rows if r.current and r.article_id not in self.seen)
        if len(rows) < fetch or fresh >= wanted:
            return rows
        # Replaced documents crowd the top: rank the documents in force on their own.
        current = self._query(expr, self._filter(old=False, doc_ids=doc_ids), fetch)
        old = self._query(expr, self._filter(old=True, doc_ids=doc_ids), fetch)
        self._tag(current)
        self._tag(old)
        return current + old

    def _tag(self, rows: list[_Row]) -> None:
        """Fetch each row's article (one query) and note its document's status."""
        documents = self.state.documents
        for chunk in _chunked(rows, 500):
            found = {rec[0]: rec for rec in self.conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM library_articles "
                f"WHERE id IN ({_marks(chunk)})", [r.article_id for r in chunk])}
            for r in chunk:
                rec = found.get(r.article_id)
                r.record = tuple(rec) if rec is not None else None
                doc = documents.get(rec[1]) if rec is not None else None
                r.doc_id = doc.id if doc else ""
                r.current = doc.current if doc else False

    def _query(self, expr: Expr, flt: RowFilter, k: int) -> list[_Row]:
        """Top `k` article ids by weighted bm25 (title and heading boosted): the order of
        FTS5's `… MATCH ? ORDER BY rank LIMIT k`, from the postings (hotline.library.topk)."""
        engine = self.engine
        ids = engine.top(engine.match(expr), k, self._allow(flt))
        # The order is the ranking (0 = best), as the band scores below expect.
        return [_Row(article_id, float(i)) for i, article_id in enumerate(ids)]

    def _rerank(self, rows: list[_Row]) -> None:
        """Articles holding the words with exactly the accents typed come first; for "… là
        gì", definition articles ("Giải thích từ ngữ") too."""
        patterns = self._accent_patterns
        documents = self.state.documents
        for r in rows:
            rec, doc = r.record, documents.get(r.doc_id)
            if rec is None or doc is None:
                continue
            _id, _doc, position, label, _number, heading, chapter, text, note, _cite = rec
            if patterns:
                # The same strings the index holds (library_fts_content), in lower case; the
                # document's part once per search. The words have no spaces, so searching
                # the two parts is searching them joined by a space.
                names = self._doc_haystacks.get(doc.id)
                if names is None:
                    names = " ".join((doc.title, doc.symbol, ";".join(doc.aliases))).lower()
                    self._doc_haystacks[doc.id] = names
                own = " ".join((label, heading, chapter, note, text)).lower()
                found = sum(1 for word, p in patterns
                            if (word in names and p.search(names))
                            or (word in own and p.search(own)))
                r.bonus += EXACT_BONUS * found / len(patterns)
            if self.parsed.definition and fold(heading).endswith(DEFINITIONS_HEADING):
                r.bonus += DEFINITION_BONUS
            if r.doc_id in self._topic:
                # The document's general articles (definitions) come before the specific ones.
                r.bonus += TOPIC_BONUS - min(position, 100) * 1e-3

    def _add(self, hit: SearchHit) -> None:
        if hit.article.id in self.seen:
            return
        self.seen.add(hit.article.id)
        self.hits.append(hit)


# --------------------------------------------------------------------- helpers
def _type_matches(ref_type: str, doc_type: str) -> bool:
    ref, doc = fold(ref_type), fold(doc_type)
    return doc == ref or (ref == "luat" and doc == "bo luat")


def _marks(items: Sequence[Any]) -> str:
    return ",".join("?" * len(items))


def _chunked(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(";") if v)


def _document(row: Any) -> Document:
    keys = row.keys()
    return Document(
        id=row["id"], title=row["title"], symbol=row["symbol"], doc_type=row["doc_type"],
        issuer=row["issuer"], issued=row["issued"], effective=row["effective"],
        status=row["status"], replaced_by=row["replaced_by"], replaces=row["replaces"],
        cite_as=row["cite_as"], aliases=_split_list(row["aliases"]),
        tags=_split_list(row["tags"]), summary=row["summary"], origin=row["origin"],
        source_path=row["source_path"], content_hash=row["content_hash"], as_of=row["as_of"],
        article_count=row["n"] if "n" in keys else 0, updated_at=row["updated_at"])


def _article(row: Any) -> Article:
    return Article(id=row["id"], doc_id=row["doc_id"], position=row["position"],
                   label=row["label"], number=row["number"], heading=row["heading"],
                   chapter=row["chapter"], text=row["text"], note=row["note"],
                   citation=row["citation"])


def _metadata_of(doc: Document) -> Metadata:
    return Metadata(title=doc.title, symbol=doc.symbol, doc_type=doc.doc_type,
                    issuer=doc.issuer, issued=doc.issued, effective=doc.effective,
                    status=doc.status, replaced_by=doc.replaced_by, tags=doc.tags)


def _section_of(article: Article, old: Document, new: Document) -> Any:
    from hotline.library.models import Section

    citation = article.citation
    if citation == f"{article.label} {old.citation_name}":
        citation = f"{article.label} {new.citation_name}"
    return Section(label=article.label, number=article.number, heading=article.heading,
                   chapter=article.chapter, text=article.text, note=article.note,
                   citation=citation)


def _validate(meta: Metadata) -> None:
    if not meta.title.strip():
        raise LibraryError(translate("core.library", "cần tên văn bản (tiêu đề)"))
    if meta.status not in STATUSES:
        raise LibraryError(translate(
            "core.library", "trạng thái '{status}' không hợp lệ (dùng: {allowed})").format(
                status=meta.status, allowed=", ".join(STATUSES)))
    for name, value in ((translate("core.library", "ngày ban hành"), meta.issued),
                        (translate("core.library", "ngày hiệu lực"), meta.effective)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise LibraryError(translate(
                    "core.library", "{field} phải có dạng YYYY-MM-DD, gặp {value}").format(
                        field=name, value=repr(value))) from None
    if not is_current(meta.status) and meta.status == "replaced" and not meta.replaced_by:
        raise LibraryError(translate(
            "core.library", "văn bản đã bị thay thế: ghi số ký hiệu văn bản thay thế"))


Keep = Callable[[str], bool]


def accent_filter(parsed: ParsedQuery) -> Keep | None:
    """When the operator typed accents, a word that only matches once folded ("định" for
    "đình") is not highlighted: the highlight shows what was actually asked for."""
    typed: dict[str, list[tuple[str, bool]]] = {}
    for word, prefix in parsed.accented_words:
        typed.setdefault(fold(word), []).append((word, prefix))
    if not typed:
        return None
    prefixes = [(fold(w), w, p) for ws in typed.values() for w, p in ws if p]

    def keep(text: str) -> bool:
        word = text.lower()
        folded = _fold_word(word)
        wanted = typed.get(folded)
        if wanted is not None:
            return any(word == w or (p and word.startswith(w)) for w, p in wanted)
        for f, w, _ in prefixes:
            if folded.startswith(f):
                return word.startswith(w)
        return True

    return keep


@functools.lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """fold() of one word, remembered: the highlights of a search fold the same words over
    and over."""
    return fold(word)


def _lead(article: Article, words: int = snippets.WINDOW) -> Snippet:
    """The start of the note (or text), for hits that were named rather than matched."""
    body = (article.note or article.text).replace("\n", " ").split()
    text = " ".join(body[:words]) + ("…" if len(body) > words else "")
    return Snippet(((text, False),)) if text else Snippet()
