"""Splitting a document's text into articles, and guessing its metadata from the text.

Vietnamese legal texts are built from `Điều N.` articles grouped under `Chương` (chapter),
`Mục` (section) and, in codes, `Phần` (part). Articles become the searchable units and keep
their chapter as context. A text without articles (a plan, a guideline, a letter) is cut at
its headings, and long stretches into pieces of readable size.

The metadata form is pre-filled from the text: the symbol (`Số: 13/2022/QH15`), the type and
title (the capitalised lines `LUẬT` / `PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH`), the issue date
("ngày 14 tháng 11 năm 2022") and the effective date ("có hiệu lực thi hành từ ngày …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from hotline.library.importers import HEADING_MARK
from hotline.library.models import DOC_TYPES, Metadata, Section

_ARTICLE = re.compile(r"^điều\s+(\d{1,4}[a-zđ]?)\s*(?:[.:]\s*(.*)|$)", re.IGNORECASE)
_CHAPTER = re.compile(r"^chương\s+([IVXLCDM]+|\d+)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_SUBSECTION = re.compile(r"^mục\s+(\d+|[IVXLCDM]+)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_PART = re.compile(r"^phần\s+(thứ\s+\w+|[IVXLCDM]+|\d+)\b\s*[.:\-–]?\s*(.*)$", re.IGNORECASE)
_ROMAN_HEADING = re.compile(r"^([IVXLC]{1,6})\s*[.:\-–]\s+(\S.*)$")
CHUNK_CHARS = 2500  # a section without headings is cut into pieces about this long
MIN_ARTICLES = 2  # fewer "Điều" lines than this and they are probably cross-references
PREAMBLE = "Phần mở đầu"
MAX_HEADING = 160  # longer than this, the words after "Điều N." are the article's text


@dataclass
class _Open:
    label: str
    number: str = ""
    heading: str = ""
    chapter: str = ""
    lines: list[str] = field(default_factory=list)

    def close(self) -> Section:
        return Section(label=self.label, number=self.number, heading=self.heading,
                       chapter=self.chapter, text="\n".join(self.lines).strip())


def sentence_case(text: str) -> str:
    """'PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH' → 'Phòng, chống bạo lực gia đình' (only for text
    written all in capitals; anything else is left as it is)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return text
    lower = text.lower()
    lower = re.sub(r"\b(luật|bộ luật)\s+(\w)", lambda m: m.group(1).capitalize() + " "
                   + m.group(2).upper(), lower)
    return lower[:1].upper() + lower[1:]


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


def split_sections(text: str) -> list[Section]:
    """Articles (with chapter context) when the text has them, else headed sections."""
    lines = text.split("\n")
    article_lines = [i for i, line in enumerate(lines) if _ARTICLE.match(line.strip())]
    if len(article_lines) >= MIN_ARTICLES:
        return _split_articles(lines)
    return _split_headed(lines)


def _context(part: str, chapter: str, subsection: str) -> str:
    return " › ".join(p for p in (part, chapter, subsection) if p)


def _take_title(lines: list[str], i: int, rest: str) -> tuple[str, int]:
    """The title of a chapter/part: on its own line, or on the next line in capitals."""
    if rest:
        return sentence_case(rest), i
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j < len(lines):
        candidate = lines[j].strip().lstrip(HEADING_MARK)
        if (candidate and len(candidate) <= 200 and not _ARTICLE.match(candidate)
                and not _CHAPTER.match(candidate) and not _SUBSECTION.match(candidate)
                and (_is_caps(candidate) or lines[j].startswith(HEADING_MARK))):
            return sentence_case(candidate), j
    return "", i


# A decision often carries its attachment (a plan, a regulation) after its last article.
ATTACHMENTS = ("KẾ HOẠCH", "QUY CHẾ", "QUY ĐỊNH", "HƯỚNG DẪN", "ĐIỀU LỆ", "PHỤ LỤC",
               "CHƯƠNG TRÌNH", "ĐỀ ÁN", "CHIẾN LƯỢC", "QUY TRÌNH")


def _attachment_title(lines: list[str], i: int) -> str:
    """'Kế hoạch thực hiện …' when line i opens an attachment, else ''."""
    line = lines[i].strip().lstrip(HEADING_MARK).strip()
    if not _is_caps(line) or line.upper().strip(" .:") not in ATTACHMENTS:
        return ""
    parts = [line.capitalize()]
    for nxt in lines[i + 1:i + 5]:
        nxt = nxt.strip()
        if not nxt:
            if len(parts) > 1:
                break
            continue
        if nxt.startswith("(") or _ARTICLE.match(nxt) or _CHAPTER.match(nxt):
            break
        parts.append(sentence_case(nxt) if _is_caps(nxt) else nxt)
    if len(parts) == 1:
        return parts[0]
    rest = " ".join(parts[1:])
    return f"{parts[0]} {rest[:1].lower()}{rest[1:]}"


def _split_articles(lines: list[str]) -> list[Section]:
    sections: list[Section] = []
    preamble: list[str] = []
    current: _Open | None = None
    part = chapter = subsection = ""
    last_number = -1
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip().lstrip(HEADING_MARK).strip()
        attachment = _attachment_title(lines, i) if current is not None else ""
        if attachment:
            sections.append(current.close())  # type: ignore[union-attr]
            current = None
            for section in split_sections("\n".join(lines[i:])):
                if section.label == PREAMBLE:
                    section = replace(section, label="Phần 1")
                context = " › ".join(p for p in (attachment, section.chapter) if p)
                sections.append(replace(section, chapter=context))
            break
        article = _ARTICLE.match(line)
        if article:
            number = article.group(1).lower()
            value = int(re.match(r"\d+", number).group())  # type: ignore[union-attr]
            if value > last_number or (value == last_number and number[-1:].isalpha()):
                if current is not None:
                    sections.append(current.close())
                last_number = value
                heading = (article.group(2) or "").strip()
                body: list[str] = []
                if len(heading) > MAX_HEADING or heading.endswith((".", ";", ":", ",")):
                    heading, body = "", [heading]  # a decision's article: text, no heading
                current = _Open(label=f"Điều {number}", number=number, heading=heading,
                                chapter=_context(part, chapter, subsection), lines=body)
                i += 1
                continue
        for pattern, kind in ((_PART, "part"), (_CHAPTER, "chapter"),
                              (_SUBSECTION, "subsection")):
            match = pattern.match(line)
            if match:
                word = line.split()[0].capitalize()
                title, i = _take_title(lines, i, match.group(2).strip())
                name = f"{word} {match.group(1)}" + (f". {title}" if title else "")
                if kind == "part":
                    part, chapter, subsection = name, "", ""
                elif kind == "chapter":
                    chapter, subsection = name, ""
                else:
                    subsection = name
                break
        else:
            if current is None:
                preamble.append(line)
            else:
                current.lines.append(line)
        i += 1
    if current is not None:
        sections.append(current.close())
    intro = "\n".join(preamble).strip()
    if intro:
        sections.insert(0, Section(label=PREAMBLE, text=intro))
    return sections


def _split_headed(lines: list[str]) -> list[Section]:
    pieces: list[tuple[str, list[str]]] = [("", [])]
    for raw in lines:
        line = raw.strip()
        heading = ""
        if line.startswith(HEADING_MARK):
            heading = line.lstrip(HEADING_MARK).strip()
        else:
            for pattern in (_PART, _CHAPTER, _SUBSECTION):
                if pattern.match(line):
                    heading = sentence_case(line)
                    break
            else:
                roman = _ROMAN_HEADING.match(line)
                if roman and len(line) <= 200:
                    rest = sentence_case(roman.group(2))
                    heading = f"{roman.group(1)}. {rest[:1].upper()}{rest[1:]}"
        if heading:
            pieces.append((heading, []))
        else:
            pieces[-1][1].append(line)
    sections: list[Section] = []
    for heading, body in pieces:
        text = "\n".join(body).strip()
        if not text and not heading:
            continue
        chunks = _chunks(text) or [""]
        for k, chunk in enumerate(chunks):
            label = f"Phần {len(sections) + 1}"
            head = heading if k == 0 else (f"{heading} (tiếp)" if heading else "")
            sections.append(Section(label=label, heading=head, text=chunk))
    return sections


def _chunks(text: str) -> list[str]:
    """Cut at paragraph (or line) boundaries into pieces of about CHUNK_CHARS."""
    if len(text) <= CHUNK_CHARS * 1.5:
        return [text] if text else []
    paragraphs = re.split(r"\n\s*\n", text)
    if len(paragraphs) == 1:
        paragraphs = text.split("\n")
    chunks: list[str] = []
    buf: list[str] = []
    size = 0
    for para in paragraphs:
        if buf and size + len(para) > CHUNK_CHARS:
            chunks.append("\n\n".join(buf))
            buf, size = [], 0
        buf.append(para)
        size += len(para)
    if buf:
        chunks.append("\n\n".join(buf))
    return chunks


# ---------------------------------------------------------------- metadata
_SYMBOL_CHARS = r"[A-ZĐa-zđ0-9&]"
_SYMBOL_LABELLED = re.compile(
    r"^(?:luật |bộ luật |pháp lệnh )?số(?: hiệu)?\s*[:.]?\s*"
    rf"(\d{{1,5}}\s*/\s*(?:\d{{4}}\s*/\s*)?[A-ZĐ]{_SYMBOL_CHARS}*(?:\s*-\s*{_SYMBOL_CHARS}+)*)",
    re.IGNORECASE)
_SYMBOL_ANY = re.compile(
    r"(?<![\w/])(\d{1,5}/(?:\d{4}/)?(?:QH\d{1,2}|[A-ZĐ]{1,12}(?:-[A-ZĐ&][A-ZĐa-z&]{0,11})*))"
    r"(?![\w/])")
_PLACE_DATE = re.compile(r"^[^,\n]{2,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
                         re.IGNORECASE)
_DATE_NUMERIC = re.compile(r"^[^,\n]{2,40},\s*ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})\b",
                           re.IGNORECASE)
_EFFECTIVE = re.compile(
    r"(?:có\s+hiệu\s+lực|hiệu\s+lực\s+thi\s+hành)(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+"
    r"(?:ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})|ngày\s+ký)", re.IGNORECASE)
_PASSED = re.compile(r"thông\s+qua\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
                     re.IGNORECASE)
_REFERENCE_LINE = re.compile(r"^(căn cứ|theo|thực hiện|kính gửi|xét|trên cơ sở)\b",
                             re.IGNORECASE)
_SUBJECT_LINE = re.compile(r"^(v/v|về việc|về)\b\s*", re.IGNORECASE)
TYPE_LINES = {t.upper(): t for t in DOC_TYPES if t != "Hướng dẫn nội bộ"}
TYPE_LINES["HƯỚNG DẪN"] = "Hướng dẫn"
TYPE_LINES["PHÁP LỆNH"] = "Pháp lệnh"
SUFFIX_TYPES = (("QH", "Luật"), ("NĐ", "Nghị định"), ("NQ", "Nghị quyết"),
                ("QĐ", "Quyết định"), ("TT", "Thông tư"), ("CT", "Chỉ thị"),
                ("KH", "Kế hoạch"), ("HD", "Hướng dẫn"))
ISSUERS = (("QH", "Quốc hội"), ("-CP", "Chính phủ"), ("-TTG", "Thủ tướng Chính phủ"),
           ("-UBND", "Ủy ban nhân dân"), ("-BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
           ("-BYT", "Bộ Y tế"), ("-BNV", "Bộ Nội vụ"), ("-BTP", "Bộ Tư pháp"),
           ("-BCA", "Bộ Công an"))
_CONTINUATION = re.compile(r"^(VÀ|TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG|ĐẶC KHU)\b")
INTERNAL = "Hướng dẫn nội bộ"
HEAD_LINES = 60
SYMBOL_LINES = 15
SHORT_LINE = 80  # header lines are short; longer lines are sentences
TYPE_LINE_WINDOW = 30  # the type line (LUẬT, QUYẾT ĐỊNH …) comes early


def _date(day: str, month: str, year: str) -> str:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""


def _clean_symbol(symbol: str) -> str:
    return re.sub(r"\s+", "", symbol).rstrip(".,;")


def _national_motto(line: str) -> bool:
    upper = line.upper().replace("HOÀ", "HÒA")
    return upper.startswith(("CỘNG HÒA XÃ HỘI", "ĐỘC LẬP - TỰ DO", "ĐỘC LẬP – TỰ DO"))


def guess_metadata(text: str, filename: str = "") -> Metadata:
    """Pre-fill the metadata form from the text (the operator checks and corrects it).

    Only the document's own header is read: symbols and dates quoted in "Căn cứ …" lines
    belong to other documents.
    """
    raw = [ln.replace("**", "").replace("__", "").strip().lstrip(HEADING_MARK).strip()
           for ln in text.split("\n")[:HEAD_LINES * 3]]
    head_lines = [ln for ln in raw if ln][:HEAD_LINES]
    own = [ln for ln in head_lines if not _REFERENCE_LINE.match(ln)]

    symbol = ""
    for line in own[:SYMBOL_LINES]:
        match = _SYMBOL_LABELLED.match(line)
        if match:
            symbol = _clean_symbol(match.group(1))
            break
    if not symbol:
        for line in own[:SYMBOL_LINES]:
            if len(line) > SHORT_LINE:  # a sentence quoting another document
                continue
            match = _SYMBOL_ANY.search(line)
            if match:
                symbol = _clean_symbol(match.group(1))
                break

    doc_type, title = _type_and_title(raw)
    if not doc_type and symbol:
        upper = symbol.upper()
        for suffix, kind in SUFFIX_TYPES:
            if re.search(rf"(?:/|-|\d){suffix}", upper):
                doc_type = kind
                break
    if not title:
        title = _fallback_title(own, filename)

    issuer = _issuer_from_header(head_lines)
    if not issuer and symbol:
        upper = symbol.upper()
        for marker, name in ISSUERS:
            if marker in upper:
                issuer = name
                break

    issued = ""
    for line in head_lines[:HEAD_LINES]:
        match = _PLACE_DATE.match(line) or _DATE_NUMERIC.match(line)
        if match:
            issued = _date(*match.groups())
            if issued:
                break
    if not issued:
        match = _PASSED.search(text)
        if match:
            issued = _date(*match.groups())
    effective = ""
    match = _EFFECTIVE.search(text)
    if match:
        effective = _date(*match.groups()) if match.group(1) else issued
    return Metadata(title=title[:300], symbol=symbol, doc_type=doc_type or INTERNAL,
                    issuer=issuer, issued=issued, effective=effective)


def _type_and_title(raw: list[str]) -> tuple[str, str]:
    """`LUẬT` / `PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH`, `QUYẾT ĐỊNH` / `Về việc …`, `V/v …`."""
    seen = 0
    for k, line in enumerate(raw):
        if line:
            seen += 1
        if seen > TYPE_LINE_WINDOW:
            break
        kind = TYPE_LINES.get(line.upper().strip(" .:")) if _is_caps(line) else None
        if kind is None:
            continue
        parts: list[str] = []
        for nxt in raw[k + 1:k + 6]:
            if not nxt:
                if parts:
                    break
                continue
            caps = _is_caps(nxt)
            if (_REFERENCE_LINE.match(nxt) or _ARTICLE.match(nxt) or _CHAPTER.match(nxt)
                    or (parts and caps != _is_caps(parts[-1]))
                    or (caps and nxt.upper().startswith(("QUỐC HỘI", "CHÍNH PHỦ", "ỦY BAN",
                                                         "UỶ BAN", "BỘ TRƯỞNG")))):
                break
            parts.append(nxt)
        if not parts:
            return kind, ""
        subject = sentence_case(" ".join(parts))
        if kind in ("Luật", "Bộ luật", "Pháp lệnh"):
            return kind, f"{kind} {subject}"
        return kind, f"{kind} {subject[:1].lower()}{subject[1:]}"
    for k, line in enumerate(raw):
        match = _SUBJECT_LINE.match(line)
        if match and line.lower().startswith("v/v"):
            parts = [line[match.end():]]
            for nxt in raw[k + 1:k + 4]:
                if not nxt or _is_caps(nxt) or _PLACE_DATE.match(nxt) or ":" in nxt:
                    break
                parts.append(nxt)
            return "Công văn", "Công văn về việc " + " ".join(parts).strip()
    return "", ""


def _issuer_from_header(head_lines: list[str]) -> str:
    """The capitalised lines above the national motto: the last one is the issuing body."""
    motto = next((i for i, line in enumerate(head_lines[:12]) if _national_motto(line)), None)
    if motto is None:
        return ""
    block: list[str] = []
    for line in head_lines[:motto]:
        if not _is_caps(line) or line.upper().startswith("SỐ") or _ROMAN_HEADING.match(line):
            block = []
            continue
        if block and (_CONTINUATION.match(line.upper()) or block[-1].endswith(("–", "-"))):
            block[-1] = f"{block[-1]} {line}"
        else:
            block.append(line)
    return block[-1] if block else ""


def _fallback_title(head_lines: list[str], filename: str) -> str:
    skip = ("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP", "SỐ:", "SỐ ")
    for line in head_lines:
        if len(line) < 8 or line.upper().startswith(skip) or re.match(r"^[-_=*.… ]+$", line):
            continue
        if _ARTICLE.match(line) or _CHAPTER.match(line) or _ROMAN_HEADING.match(line):
            break
        if _is_caps(line) and len(line) < 60:
            continue  # an issuing body, not a title
        return sentence_case(line)[:200]
    stem = re.sub(r"[_]+", " ", filename.rsplit(".", 1)[0]).strip()
    return stem or "Tài liệu không tên"
