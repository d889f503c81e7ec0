"""Plain data of the library: documents, articles, search hits, parsed imports."""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from typing import Any

# Status codes of a document (DESIGN §3).
IN_FORCE = "in_force"
AMENDED = "amended"  # in force, with amendments
REPLACED = "replaced"
EXPIRED = "expired"
STATUSES = (IN_FORCE, AMENDED, REPLACED, EXPIRED)
STATUS_LABELS = {
    IN_FORCE: ("Còn hiệu lực", "In force"),
    AMENDED: ("Còn hiệu lực (đã sửa đổi, bổ sung)", "In force (amended)"),
    REPLACED: ("Đã bị thay thế", "Replaced"),
    EXPIRED: ("Hết hiệu lực", "Expired"),
}

BUNDLED = "bundled"
IMPORTED = "imported"

# The types a document can have; imported documents may carry any other text as well.
DOC_TYPES = ("Luật", "Bộ luật", "Nghị định", "Nghị quyết", "Quyết định", "Thông tư",
             "Chỉ thị", "Công văn", "Kế hoạch", "Hướng dẫn nội bộ")


def status_label(status: str, lang: str = "vi") -> str:
    labels = STATUS_LABELS.get(status)
    if labels is None:
        return status
    return labels[1] if lang == "en" else labels[0]


def is_current(status: str) -> bool:
    """In force (possibly amended): ranks above replaced and expired documents."""
    return status in (IN_FORCE, AMENDED)


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    symbol: str = ""
    doc_type: str = ""
    issuer: str = ""
    issued: str = ""  # YYYY-MM-DD or ""
    effective: str = ""
    status: str = IN_FORCE
    replaced_by: str = ""
    replaces: str = ""
    cite_as: str = ""
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str = ""
    origin: str = IMPORTED
    source_path: str = ""
    content_hash: str = ""
    as_of: str = ""
    article_count: int = 0
    updated_at: str = ""

    @property
    def current(self) -> bool:
        return is_current(self.status)

    @property
    def citation_name(self) -> str:
        """How the document is named in a citation, e.g. 'Luật Phòng, chống bạo lực gia đình
        2022 (13/2022/QH15)'."""
        name = self.cite_as or self.title
        if self.symbol and self.symbol not in name:
            return f"{name} ({self.symbol})"
        return name

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.id, "symbol": self.symbol, "title": self.title,
            "type": self.doc_type, "issuer": self.issuer, "issued": self.issued,
            "effective": self.effective, "status": self.status,
            "replaced_by": self.replaced_by, "origin": self.origin,
            "articles": self.article_count, "as_of": self.as_of,
            "source_path": self.source_path, "tags": list(self.tags),
        }


@dataclass(frozen=True)
class Article:
    id: int
    doc_id: str
    position: int
    label: str  # 'Điều 25', 'Phần 1'
    number: str = ""  # '25' when the entry is an article
    heading: str = ""
    chapter: str = ""
    text: str = ""
    note: str = ""
    citation: str = ""

    @property
    def title_line(self) -> str:
        return f"{self.label}. {self.heading}" if self.heading else self.label


@dataclass(frozen=True)
class Snippet:
    """A piece of text with the matched words marked, in the original accents."""

    parts: tuple[tuple[str, bool], ...] = ()  # (text, highlighted)

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.parts)

    def marked(self, start: str = "**", end: str = "**") -> str:
        return "".join(f"{start}{t}{end}" if hit else t for t, hit in self.parts)

    def html(self, start: str = "<b>", end: str = "</b>") -> str:
        return "".join(f"{start}{html.escape(t)}{end}" if hit else html.escape(t)
                       for t, hit in self.parts)

    @property
    def has_highlight(self) -> bool:
        return any(hit for _, hit in self.parts)


@dataclass(frozen=True)
class SearchHit:
    """One article found; `match` says why: 'article' (symbol/article lookup), 'text' (all
    words), 'most' (all words but one), 'partial' (some words) or 'list' (empty query)."""

    article: Article
    document: Document
    score: float
    match: str
    snippet: Snippet = field(default_factory=Snippet)
    heading: Snippet = field(default_factory=Snippet)

    @property
    def citation(self) -> str:
        return self.article.citation

    def to_json(self) -> dict[str, Any]:
        doc, art = self.document, self.article
        return {
            "doc_id": doc.id, "symbol": doc.symbol, "title": doc.title,
            "type": doc.doc_type, "status": doc.status, "replaced_by": doc.replaced_by,
            "article_id": art.id, "article": art.label, "number": art.number,
            "heading": art.heading, "chapter": art.chapter,
            "snippet": self.snippet.marked(), "citation": art.citation,
            "score": round(self.score, 4), "match": self.match,
        }


@dataclass(frozen=True)
class Section:
    """An article or a section of a document before it is stored."""

    label: str
    number: str = ""
    heading: str = ""
    chapter: str = ""
    text: str = ""
    note: str = ""
    citation: str = ""


@dataclass(frozen=True)
class Metadata:
    """The editable metadata of a document (the import form)."""

    title: str = ""
    symbol: str = ""
    doc_type: str = ""
    issuer: str = ""
    issued: str = ""
    effective: str = ""
    status: str = IN_FORCE
    replaced_by: str = ""
    tags: tuple[str, ...] = ()

    def with_changes(self, **changes: Any) -> Metadata:
        return replace(self, **changes)


@dataclass(frozen=True)
class ParsedDocument:
    """What an import read from a file: guessed metadata plus its sections."""

    metadata: Metadata
    sections: tuple[Section, ...]
    source_path: str = ""
    content_hash: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def article_count(self) -> int:
        return sum(1 for s in self.sections if s.number)


@dataclass(frozen=True)
class ImportOutcome:
    document: Document
    created: bool  # False: an earlier import of the same file was updated
    warnings: tuple[str, ...] = ()
