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

from hotline.library.query import normalize
from hotline.translation import translate

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
Progress = Callable[[int, int], None]
MAX_BYTES = 200 * 1024 * 1024


class LibraryImportError(Exception):
    """A file cannot be imported; the message names the file and says why."""


def _fail(path: Path, reason: str) -> LibraryImportError:
    return LibraryImportError(f"{path.name}: {reason}")


def read_text(path: Path, progress: Progress | None = None) -> str:
    """The text of `path`, ready to split into articles."""
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
    readers = {".txt": _read_plain, ".md": _read_markdown, ".docx": _read_docx,
               ".pdf": _read_pdf, ".html": _read_html, ".htm": _read_html}
    try:
        text = readers[suffix](path, progress)
    except LibraryImportError:
        raise
    except OSError as exc:
        raise _fail(path, translate("core.library", "không đọc được tệp ({problem})").format(
            problem=exc.strerror or exc)) from None
    text = tidy(text)
    if not re.search(r"\w", text):
        raise _fail(path, translate("core.library", "không có nội dung chữ"))
    return text


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def tidy(text: str) -> str:
    """NFC, one space between words, no invisible characters, at most one blank line."""
    text = normalize(text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\0" in raw[:4096]:
        raise _fail(path, "không phải tệp văn bản (có byte nhị phân)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1258")  # Windows Vietnamese, from older editors
    except UnicodeDecodeError:
        raise _fail(path, "không đọc được bảng mã (hãy lưu lại dưới dạng UTF-8)") from None


def _read_plain(path: Path, progress: Progress | None) -> str:
    # Text exported from Markdown-ish editors keeps **bold** marks around headings.
    return _decode(path, path.read_bytes()).replace("**", "")


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Marks a heading line for the splitter (a private-use character no document contains).
HEADING_MARK = "\ue000"
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _read_markdown(path: Path, progress: Progress | None) -> str:
    lines = []
    for line in _decode(path, path.read_bytes()).splitlines():
        if _MD_HEADING.match(line):
            line = HEADING_MARK + _MD_HEADING.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub("", line)
        if re.fullmatch(r"\s*([-*_]\s*){3,}", line):  # horizontal rule
            line = ""
        lines.append(line)
    return "\n".join(lines)


def _read_docx(path: Path, progress: Progress | None) -> str:
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

    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            heading = style.lower().startswith(("heading", "title"))
            lines.append((HEADING_MARK if heading else "") + paragraph.text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if text and text not in cells:  # merged cells repeat their text
                        cells.append(text)
                lines.extend(cells)
    return "\n".join(lines)


def _read_pdf(path: Path, progress: Progress | None) -> str:
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
    return "\n".join(texts)


def _read_html(path: Path, progress: Progress | None) -> str:
    from bs4 import BeautifulSoup

    raw = path.read_bytes()
    if b"\0" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(path, translate("core.library", "không phải tệp HTML (có byte nhị phân)"))
    soup = BeautifulSoup(raw, "html.parser")
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
