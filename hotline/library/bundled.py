"""The bundled library: one plain-text file per document in resources/library/.

The format is specified in resources/library/README.md. In short: a header of `key: value`
lines (symbol, title, type, issuer, issued, effective, status, replaced_by, …, as_of, source),
then entries, each opened by a line `=== Điều 25. Heading`, followed by optional `chapter:` and
`citation:` lines and the counselor note. Errors name the file and line, so a center that
edits a file learns exactly what is wrong.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from hotline.library.models import BUNDLED, REPLACED, STATUSES, Document, Section
from hotline.library.query import normalize
from hotline.resources_access import resource
from hotline.text import fold
from hotline.translation import translate

FILE_SUFFIX = ".txt"
HEADER_KEYS = ("symbol", "title", "type", "issuer", "issued", "effective", "status",
               "replaced_by", "replaces", "cite_as", "aliases", "tags", "as_of", "summary",
               "source")
REQUIRED_KEYS = ("symbol", "title", "type", "issuer", "status", "as_of")
DATE_KEYS = ("issued", "effective", "as_of")
ENTRY_KEYS = ("chapter", "citation")
ENTRY_START = "==="
_KEY_LINE = re.compile(r"^([a-z_]+)\s*:\s?(.*)$")
_ARTICLE_LABEL = re.compile(r"^Điều\s+(\d+[a-zđ]?)$")


class BundledFormatError(ValueError):
    """A bundled library file does not follow the format; the message names file and line."""


@dataclass(frozen=True)
class BundledDocument:
    document: Document
    sections: tuple[Section, ...]
    # Where the facts were checked (the `source:` header): kept with the file, not indexed,
    # so a reviewer can re-verify each document against the same pages.
    sources: tuple[str, ...] = ()


def doc_id_for(symbol: str) -> str:
    """A stable id from the symbol: '13/2022/QH15' → '13-2022-qh15'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(symbol)).strip("-")


def _split_values(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(";") if v.strip())


def parse_bundled(text: str, name: str = "<text>") -> BundledDocument:
    """Read one bundled document; raises BundledFormatError naming `name` and the line."""
    text = normalize(text.lstrip("\ufeff"))
    lines = text.splitlines()
    header: dict[str, str] = {}
    current_key = ""
    i = 0

    def fail(line_no: int, message: str) -> BundledFormatError:
        return BundledFormatError(translate("core.library", "{file}, dòng {line}: {problem}"
                                            ).format(file=name, line=line_no, problem=message))

    while i < len(lines) and not lines[i].startswith(ENTRY_START):
        line = lines[i].rstrip()
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():
            if not current_key:
                raise fail(i, translate("core.library", "dòng thụt lề không thuộc trường nào"))
            header[current_key] += " " + line.strip()
            continue
        match = _KEY_LINE.match(line)
        if not match:
            raise fail(i, translate("core.library", "cần 'tên: giá trị', gặp {line}").format(
                line=repr(line)))
        key, value = match.group(1), match.group(2).strip()
        if key not in HEADER_KEYS:
            raise fail(i, translate("core.library", "trường không biết '{key}' (dùng: {allowed})"
                                   ).format(key=key, allowed=", ".join(HEADER_KEYS)))
        if key in header:
            raise fail(i, translate("core.library", "trường '{key}' lặp lại").format(key=key))
        header[key] = value
        current_key = key
    for key in REQUIRED_KEYS:
        if not header.get(key):
            raise BundledFormatError(translate(
                "core.library", "{file}: thiếu trường bắt buộc '{key}'").format(file=name, key=key))
    for key in DATE_KEYS:
        value = header.get(key, "")
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise BundledFormatError(translate(
                    "core.library", "{file}: trường '{key}' phải là ngày YYYY-MM-DD, gặp {value}"
                ).format(file=name, key=key, value=repr(value))) from None
    sources = _split_values(header.get("source", ""))
    for url in sources:
        if not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
            raise BundledFormatError(translate(
                "core.library",
                "{file}: source phải là địa chỉ http(s)://…, cách nhau bằng ';', gặp {value}"
            ).format(file=name, value=repr(url)))
    status = header["status"]
    if status not in STATUSES:
        raise BundledFormatError(translate(
            "core.library", "{file}: status '{status}' không hợp lệ (dùng: {allowed})").format(
                file=name, status=status, allowed=", ".join(STATUSES)))
    if status == REPLACED and not header.get("replaced_by"):
        raise BundledFormatError(translate(
            "core.library", "{file}: văn bản bị thay thế phải có replaced_by").format(file=name))
    document = Document(
        id=doc_id_for(header["symbol"]), title=header["title"], symbol=header["symbol"],
        doc_type=header["type"], issuer=header["issuer"], issued=header.get("issued", ""),
        effective=header.get("effective", ""), status=status,
        replaced_by=header.get("replaced_by", ""), replaces=header.get("replaces", ""),
        cite_as=header.get("cite_as", ""), aliases=_split_values(header.get("aliases", "")),
        tags=_split_values(header.get("tags", "")), summary=header.get("summary", ""),
        origin=BUNDLED, as_of=header["as_of"])

    sections: list[Section] = []
    labels: set[str] = set()
    while i < len(lines):
        start_line = i + 1
        title = lines[i][len(ENTRY_START):].strip()
        i += 1
        if not title:
            raise fail(start_line, translate(
                "core.library", "dòng '===' cần tên mục, ví dụ '=== Điều 25. Cấm tiếp xúc'"))
        label, _, heading = title.partition(". ")
        label, heading = label.strip().rstrip("."), heading.strip()
        if label in labels:
            raise fail(start_line, translate("core.library", "mục '{label}' lặp lại").format(
                label=label))
        labels.add(label)
        fields: dict[str, str] = {}
        while i < len(lines):
            match = _KEY_LINE.match(lines[i])
            if not match or match.group(1) not in ENTRY_KEYS:
                break
            fields[match.group(1)] = match.group(2).strip()
            i += 1
        body: list[str] = []
        while i < len(lines) and not lines[i].startswith(ENTRY_START):
            if not lines[i].lstrip().startswith("#"):
                body.append(lines[i].rstrip())
            i += 1
        note = re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip()
        if not note:
            raise fail(start_line, translate(
                "core.library", "mục '{label}' chưa có ghi chú tư vấn").format(label=label))
        number_match = _ARTICLE_LABEL.match(label)
        number = number_match.group(1) if number_match else ""
        citation = fields.get("citation") or f"{label} {document.citation_name}"
        sections.append(Section(label=label, number=number, heading=heading,
                                chapter=fields.get("chapter", ""), note=note,
                                citation=citation))
    if not sections:
        raise BundledFormatError(translate(
            "core.library", "{file}: không có mục nào (mỗi mục mở đầu bằng '===')").format(
                file=name))
    return BundledDocument(document, tuple(sections), sources)


@dataclass(frozen=True)
class BundledLibrary:
    documents: tuple[BundledDocument, ...]
    version: str  # a digest of the files: re-index when it changes

    @property
    def as_of(self) -> str:
        """The oldest 'as of' date among the documents: everything is current at least then."""
        dates = [d.document.as_of for d in self.documents if d.document.as_of]
        return min(dates) if dates else ""


def load_bundled() -> BundledLibrary:
    """Read every bundled document (sorted by file name, which sets the display order)."""
    folder = resource("library")
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(FILE_SUFFIX)),
                     key=lambda e: e.name)
    digest = hashlib.sha256()
    documents = []
    ids: dict[str, str] = {}
    for entry in entries:
        raw = entry.read_bytes()
        digest.update(entry.name.encode("utf-8") + b"\0" + raw + b"\0")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BundledFormatError(translate(
                "core.library", "{file}: không phải UTF-8 ({problem})").format(
                    file=entry.name, problem=exc)) from None
        bundled = parse_bundled(text, entry.name)
        if bundled.document.id in ids:
            raise BundledFormatError(translate(
                "core.library", "{file}: trùng số ký hiệu với {other}").format(
                    file=entry.name, other=ids[bundled.document.id]))
        ids[bundled.document.id] = entry.name
        documents.append(bundled)
    return BundledLibrary(tuple(documents), digest.hexdigest())
