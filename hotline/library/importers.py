"""Reading the text out of the center's own files: .txt, .md, .docx, .pdf, .html.

Each reader returns plain text (NFC, one paragraph per line) or raises LibraryImportError
with a message an operator can act on: the file is damaged, a scan without a text layer,
protected by a password, empty, or of a type we do not read.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hotline import textfile
from hotline.library.query import normalize
from hotline.translation import translate

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
Progress = Callable[[int, int], None]
Reader = Callable[[Path, "Progress | None", list[str]], str]
MAX_BYTES = 200 * 1024 * 1024


class LibraryImportError(Exception):
    """A file cannot be imported; the message names the file and says why."""


def _fail(path: Path, reason: str) -> LibraryImportError:
    return LibraryImportError(f"{path.name}: {reason}")


def read_text(path: Path, progress: Progress | None = None) -> str:
    """The text of `path`, ready to split into articles."""
    return read_document(path, progress)[0]


def read_document(path: Path, progress: Progress | None = None) -> tuple[str, tuple[str, ...]]:
    """The text of `path`, ready to split into articles, and what the user should be told
    about reading it (a legacy TCVN3/VNI encoding or font converted to Unicode)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise _fail(path, translate(
            "core.library", "không đọc được loại tệp '{suffix}' — chỉ nhập được {supported}"
        ).format(suffix=suffix or translate("core.library", "(không có đuôi)"),
                 supported=", ".join(SUPPORTED)))
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _fail(path, translate("core.library", "không tìm thấy tệp")) from None
    except OSError as exc:
        raise _fail(path, translate("core.library", "không mở được tệp ({problem})").format(
            problem=exc.strerror or exc)) from None
    if path.is_dir():
        raise _fail(path, translate("core.library", "là một thư mục, không phải tệp"))
    if size == 0:
        raise _fail(path, translate("core.library", "tệp rỗng"))
    if size > MAX_BYTES:
        raise _fail(path, translate("core.library", "tệp quá lớn ({size} MB)").format(
            size=size // (1024 * 1024)))
    readers: dict[str, Reader] = {
        ".txt": _read_plain, ".md": _read_markdown, ".docx": _read_docx, ".pdf": _read_pdf,
        ".html": _read_html, ".htm": _read_html}
    notes: list[str] = []
    try:
        text = readers[suffix](path, progress, notes)
    except LibraryImportError:
        raise
    except OSError as exc:
        raise _fail(path, translate("core.library", "không đọc được tệp ({problem})").format(
            problem=exc.strerror or exc)) from None
    text = tidy(text)
    if not re.search(r"\w", text):
        raise _fail(path, translate("core.library", "không có nội dung chữ"))
    return text, tuple(dict.fromkeys(notes))


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def tidy(text: str) -> str:
    """NFC, one space between words, no invisible characters, at most one blank line."""
    text = normalize(text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decode(path: Path, raw: bytes, notes: list[str]) -> str:
    """UTF-8/16/32 or a legacy Vietnamese encoding (Windows-1258, TCVN3, VNI: told in
    `notes`); binary or undecidable text is refused with the line."""
    try:
        decoded = textfile.decode(raw)
    except textfile.TextFileError as exc:
        raise _fail(path, str(exc)) from None
    notes.extend(decoded.warnings)
    return decoded.text


def _read_plain(path: Path, progress: Progress | None, notes: list[str]) -> str:
    # Text exported from Markdown-ish editors keeps **bold** marks around headings.
    return _decode(path, path.read_bytes(), notes).replace("**", "")


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Marks a heading line for the splitter (a private-use character no document contains).
HEADING_MARK = "\ue000"
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _read_markdown(path: Path, progress: Progress | None, notes: list[str]) -> str:
    lines = []
    for line in _decode(path, path.read_bytes(), notes).splitlines():
        if _MD_HEADING.match(line):
            line = HEADING_MARK + _MD_HEADING.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub("", line)
        if re.fullmatch(r"\s*([-*_]\s*){3,}", line):  # horizontal rule
            line = ""
        lines.append(line)
    return "\n".join(lines)


def _read_docx(path: Path, progress: Progress | None, notes: list[str]) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _fail(path, translate(
            "core.library", "tệp .docx bị hỏng hoặc không phải .docx ({problem})").format(
                problem=exc)) from None
    except Exception as exc:  # lxml errors inside a damaged package
        raise _fail(path, translate("core.library", "tệp .docx bị hỏng ({problem})").format(
            problem=f"{type(exc).__name__}: {exc}")) from None
    lines: list[str] = []
    body = document.element.body
    # Paragraphs and tables in document order (laws often put the header in a table).
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    fonts = _DocxFonts(document)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            heading = style.lower().startswith(("heading", "title"))
            lines.append((HEADING_MARK if heading else "") + fonts.text(child))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = "\n".join(fonts.text(p) for p in cell._tc.iter(_W + "p")).strip()
                    if text and text not in cells:  # merged cells repeat their text
                        cells.append(text)
                lines.extend(cells)
    for encoding, names in fonts.legacy.items():
        notes.append(textfile.msg_fonts_converted(encoding, ", ".join(sorted(names))))
    return "\n".join(lines)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _DocxFonts:
    """The font of each run of a .docx, as Word resolves it (the run's own, its character
    style, the paragraph style and its bases, the document defaults), so that runs set in a
    TCVN3 (".VnTime") or VNI ("VNI-Times") font — whose characters are legacy byte codes —
    are converted to Unicode."""

    def __init__(self, document: Any) -> None:
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.default_paragraph: str | None = None
        self.default_font: str | None = None
        self.legacy: dict[str, set[str]] = {}
        try:
            root = document.styles.element
        except Exception:  # a package without styles.xml: no inherited fonts
            return
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.default_font = _rpr_font(defaults)
        for style in root.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId") or ""
            based = style.find(f"{_W}basedOn")
            self.styles[style_id] = (_rpr_font(style.find(f"{_W}rPr")),
                                     based.get(f"{_W}val") if based is not None else None,
                                     style.get(f"{_W}type"))
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in (
                    "1", "true", "on"):
                self.default_paragraph = style_id

    def _style_font(self, style_id: str | None) -> str | None:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            font, based, _kind = self.styles.get(style_id, (None, None, None))
            if font:
                return font
            style_id = based
        return None

    def text(self, paragraph: Any) -> str:
        """The paragraph's text, its legacy-font runs converted."""
        ppr_style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        para_style = ppr_style.get(f"{_W}val") if ppr_style is not None else \
            self.default_paragraph
        para_font = self._style_font(para_style) or self.default_font
        parts: list[str] = []
        for run in _runs(paragraph):
            text = "".join(_run_text(run))
            if not text:
                continue
            rpr = run.find(f"{_W}rPr")
            font = _rpr_font(rpr)
            if font is None and rpr is not None:
                char_style = rpr.find(f"{_W}rStyle")
                if char_style is not None:
                    font = self._style_font(char_style.get(f"{_W}val"))
            font = font or para_font
            encoding = textfile.font_encoding(font)
            if encoding is not None and font is not None:
                self.legacy.setdefault(encoding, set()).add(font)
                text = textfile.legacy_to_unicode(text, encoding)
                if textfile.font_is_capitals(font):
                    text = text.upper()
            parts.append(text)
        return "".join(parts)


_RUN_HOLDERS = {"hyperlink", "ins", "smartTag", "fldSimple", "customXml", "sdt", "sdtContent",
                "moveTo"}


def _runs(element: Any) -> Any:
    """The runs of a paragraph in order, inside links, insertions and content controls too
    (not deleted text, not text boxes: python-docx's Paragraph.text reads the same)."""
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "r":
            yield child
        elif tag in _RUN_HOLDERS:
            yield from _runs(child)


def _rpr_font(rpr: Any) -> str | None:
    """The font a run-properties element names for Latin text beyond ASCII (hAnsi, which
    Word uses for the legacy codes 0x80–0xFF), else its ASCII font."""
    if rpr is None:
        return None
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")


def _run_text(run: Any) -> list[str]:
    """A run's text as python-docx reads it: text, tabs, breaks."""
    out: list[str] = []
    for child in run:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            out.append(child.text or "")
        elif tag == "tab":
            out.append("\t")
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "noBreakHyphen":
            out.append("-")
    return out


def _read_pdf(path: Path, progress: Progress | None, notes: list[str]) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise _fail(path, translate(
                    "core.library", "PDF được bảo vệ bằng mật khẩu — hãy bỏ mật khẩu rồi "
                    "nhập lại")) from None
        pages = reader.pages
        total = len(pages)
    except LibraryImportError:
        raise
    except FileNotDecryptedError:
        raise _fail(path, translate(
            "core.library", "PDF được bảo vệ bằng mật khẩu — hãy bỏ mật khẩu rồi nhập lại"
        )) from None
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise _fail(path, translate(
            "core.library", "tệp PDF bị hỏng hoặc không phải PDF ({problem})").format(
                problem=exc)) from None
    texts = []
    for number, page in enumerate(pages, start=1):
        try:
            texts.append(page.extract_text() or "")
        except FileNotDecryptedError:
            raise _fail(path, translate(
                "core.library", "PDF được bảo vệ bằng mật khẩu — hãy bỏ mật khẩu rồi "
                "nhập lại")) from None
        except Exception as exc:
            raise _fail(path, translate(
                "core.library", "không đọc được trang {page} của PDF ({problem})").format(
                    page=number, problem=exc)) from None
        if progress:
            progress(number, total)
    if total == 0:
        raise _fail(path, translate("core.library", "PDF không có trang nào"))
    if not any(re.search(r"\w", t) for t in texts):
        raise _fail(path, translate(
            "core.library", "PDF không có lớp chữ ({pages} trang chỉ có hình ảnh — bản scan). "
            "Cần nhận dạng chữ (OCR) trước khi nhập").format(pages=total))
    text = "\n".join(texts)
    if _LEGACY_LOOKING.search(text):
        # A PDF printed from a TCVN3/VNI document: its text layer holds the legacy codes.
        text, encoding = textfile.repair_legacy_text(text)
        if encoding is not None:
            notes.append(textfile.msg_converted(encoding))
    return text


# Latin-1 letters and signs Vietnamese never uses, but TCVN3/VNI text shows as ("µ", "Ö").
_LEGACY_LOOKING = re.compile("[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d1"
                             "\u00d6-\u00d8\u00db\u00dc\u00de\u00df\u00e4-\u00e7"
                             "\u00eb\u00ee\u00ef\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe"
                             "\u00ff]")


_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=", re.IGNORECASE)


def _read_html(path: Path, progress: Progress | None, notes: list[str]) -> str:
    from bs4 import BeautifulSoup

    raw = path.read_bytes()
    if b"\0" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(path, translate("core.library", "không phải tệp HTML (có byte nhị phân)"))
    markup: str | bytes = raw
    if not _DECLARED_CHARSET.search(raw[:4096]):
        # No declared charset: read the bytes as any other text file (TCVN3, VNI, 1258…).
        markup = _decode(path, raw, notes)
    soup = BeautifulSoup(markup, "html.parser")
    _convert_html_fonts(soup, notes)
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = ("p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
              "section", "article", "table", "blockquote", "pre", "dd", "dt")
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        tag.insert(0, HEADING_MARK)
    for tag in soup.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text()


_CSS_FONT = re.compile(r"font-family\s*:\s*['\"]?([^;'\",]+)", re.IGNORECASE)


def _convert_html_fonts(soup: Any, notes: list[str]) -> None:
    """Text inside <font face=".VnTime"> or style="font-family: VNI-Times" (Word's "Save as
    Web Page" of a legacy document) holds legacy codes: convert it to Unicode."""
    from bs4 import NavigableString

    found: dict[str, set[str]] = {}
    for string in list(soup.find_all(string=True)):
        if not isinstance(string, NavigableString) or not string.strip():
            continue
        font = None
        for parent in string.parents:
            attrs = getattr(parent, "attrs", None) or {}
            face = attrs.get("face")
            match = _CSS_FONT.search(attrs.get("style") or "")
            font = (face.split(",")[0] if isinstance(face, str) else None) or \
                (match.group(1) if match else None)
            if font:
                break
        encoding = textfile.font_encoding(font)
        if encoding is None or font is None:
            continue
        found.setdefault(encoding, set()).add(font.strip())
        text = textfile.legacy_to_unicode(str(string), encoding)
        if textfile.font_is_capitals(font.strip()):
            text = text.upper()
        string.replace_with(text)
    for encoding, names in found.items():
        notes.append(textfile.msg_fonts_converted(encoding, ", ".join(sorted(names))))
