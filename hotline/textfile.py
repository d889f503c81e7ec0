"""Reading the text and CSV files other systems and old office PCs really produce.

Files reach the center in many encodings: Excel's "CSV UTF-8" (BOM), "Unicode Text" (UTF-16
LE with BOM, TAB-delimited), "CSV (Comma delimited)" in the ANSI code page of a Vietnamese
Windows (Windows-1258, which writes tone marks as combining characters), Google Sheets and
LibreOffice (UTF-8 without BOM), and old documents typed with the legacy 8-bit Vietnamese
encodings TCVN3 (ABC, fonts ".VnTime"…) and VNI (fonts "VNI-Times"…). The legacy ones decode
"successfully" as any 8-bit code page, into mojibake ("ViÖt Nam" for "Việt Nam"), so the
choice between Windows-1258, TCVN3 and VNI is made by how much of the decoded text reads as
Vietnamese syllables. Everything returned is NFC. A binary file, or one that reads as
Vietnamese in no encoding, is refused with a message naming the line.

`read_csv` then finds the delimiter (`,` `;` TAB), a title line above the header, blank lines
and trailing empty columns that spreadsheets add.

Qt-free: the calls, directory and library importers all use it.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hotline.translation import QT_TRANSLATE_NOOP, translate, translate_marked

# ------------------------------------------------------------------ encodings' names
UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
UTF16_LE = "utf-16-le"
UTF16_BE = "utf-16-be"
UTF32_LE = "utf-32-le"
UTF32_BE = "utf-32-be"
CP1258 = "cp1258"
TCVN3 = "tcvn3"
VNI = "vni"
LEGACY = (CP1258, TCVN3, VNI)  # tried in this order; the first wins a tie

_LABELS = {
    UTF8: "UTF-8", UTF8_BOM: "UTF-8", UTF16_LE: "UTF-16", UTF16_BE: "UTF-16",
    UTF32_LE: "UTF-32", UTF32_BE: "UTF-32", CP1258: "Windows-1258", TCVN3: "TCVN3",
    VNI: "VNI",
}


def label(encoding: str) -> str:
    """The name people know an encoding by ("TCVN3", "Windows-1258")."""
    return _LABELS.get(encoding, encoding)


# ------------------------------------------------------------------ messages
def msg_converted(encoding: str) -> str:
    return translate("core.files", "Tệp dùng bảng mã {encoding} — đã chuyển sang Unicode"
                     ).format(encoding=label(encoding))


def msg_fonts_converted(encoding: str, fonts: str) -> str:
    return translate("core.files", "Văn bản dùng phông {encoding} ({fonts}) — đã chuyển sang "
                     "Unicode").format(encoding=label(encoding), fonts=fonts)


def msg_binary() -> str:
    return translate("core.files", "không phải tệp văn bản (có byte nhị phân)")


def msg_office_file(kind: str) -> str:
    """`kind` is one of the texts marked with QT_TRANSLATE_NOOP("core.files", …) below."""
    return translate("core.files", "đây là tệp {kind}, không phải tệp văn bản/CSV — hãy mở "
                     "bằng chương trình của nó và lưu lại dạng 'CSV UTF-8'").format(
                         kind=translate_marked("core.files", kind))


def msg_broken_unicode(encoding: str) -> str:
    return translate("core.files", "tệp {encoding} bị hỏng hoặc trộn lẫn bảng mã khác (có "
                     "byte không hợp lệ) — hãy lưu lại tệp dạng UTF-8").format(
                         encoding=label(encoding))


def msg_undecidable() -> str:
    return translate("core.files", "không nhận ra bảng mã của tệp: dòng này không đọc thành "
                     "chữ tiếng Việt ở bảng mã nào (UTF-8, Windows-1258, TCVN3, VNI) — hãy lưu "
                     "lại tệp dạng UTF-8")


def msg_line(line: int, reason: str) -> str:
    if not line:
        return reason
    return translate("core.files", "dòng {line}: {reason}").format(line=line, reason=reason)


# ------------------------------------------------------------------ results
class TextFileError(ValueError):
    """The file cannot be read as text; `line` (1-based, 0 = the whole file) says where."""

    def __init__(self, reason: str, line: int = 0) -> None:
        super().__init__(msg_line(line, reason))
        self.reason = reason
        self.line = line


@dataclass(frozen=True)
class Decoded:
    """A file's text (NFC), the encoding it was in, and what the user should be told."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()

    @property
    def converted(self) -> bool:
        """True when the file was in a legacy 8-bit encoding, not Unicode."""
        return self.encoding in LEGACY


# ------------------------------------------------------------------ legacy tables
# TCVN3 (TCVN 5712:1993 VN3, the "ABC" fonts .VnTime, .VnArial…): one byte per letter.
# Taken from UniKey's VnConv tables (unikey/data.cpp, `SingleByteTables` — TCVN3, GPL-2.0+;
# fcitx/fcitx5-unikey) and checked byte by byte against glibc's TCVN5712-1 converter (iconv),
# which agrees on every position below (tests/test_textfile.py repeats the check).
# VN3 has no precomposed capitals with a tone: headings are typed with these lowercase codes
# in the capital fonts (.VnTimeH…), hence `fonts_case` and `_tcvn3_caps`.
_TCVN3_LETTERS: dict[str, bytes] = {
    "ĂÂÊÔƠƯĐ": b"\xa1\xa2\xa3\xa4\xa5\xa6\xa7",
    "ăâêôơưđ": b"\xa8\xa9\xaa\xab\xac\xad\xae",
    "àảãáạ": b"\xb5\xb6\xb7\xb8\xb9",
    "ằẳẵắặ": b"\xbb\xbc\xbd\xbe\xc6",
    "ầẩẫấậ": b"\xc7\xc8\xc9\xca\xcb",
    "èẻẽéẹ": b"\xcc\xce\xcf\xd0\xd1",
    "ềểễếệ": b"\xd2\xd3\xd4\xd5\xd6",
    "ìỉĩíị": b"\xd7\xd8\xdc\xdd\xde",
    "òỏõóọ": b"\xdf\xe1\xe2\xe3\xe4",
    "ồổỗốộ": b"\xe5\xe6\xe7\xe8\xe9",
    "ờởỡớợ": b"\xea\xeb\xec\xed\xee",
    "ùủũúụ": b"\xef\xf1\xf2\xf3\xf4",
    "ừửữứự": b"\xf5\xf6\xf7\xf8\xf9",
    "ỳỷỹýỵ": b"\xfa\xfb\xfc\xfd\xfe",
}
TCVN3_TABLE: dict[int, str] = {
    byte: letter for letters, codes in _TCVN3_LETTERS.items()
    for letter, byte in zip(letters, codes, strict=True)
}

# VNI-Windows (fonts VNI-Times, VNI-Helve…): an ASCII base letter followed by a mark byte,
# except a few letters that have one byte of their own. From UniKey's VnConv table
# (unikey/data.cpp, `DoubleByteTables` — VNI-WIN: low byte = base letter, high byte = mark).
# Each mark byte (lower and upper case alike: a letter's case is its base letter's) becomes
# the combining marks it stands for, and NFC joins them to the base letter before them.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
# Circumflex with a tone (â ấ ầ ẩ ẫ ậ), after a, e, o.
_VNI_HATS = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
# Breve with a tone (ă ắ ằ ẳ ẵ ặ), after a.
_VNI_BREVES = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
VNI_MARKS: dict[str, str] = {
    **_VNI_TONES,
    **{mark: _CIRCUMFLEX + tone for mark, tone in _VNI_HATS.items()},
    **{mark: _BREVE + tone for mark, tone in _VNI_BREVES.items()},
}
VNI_MARKS.update({mark.upper(): combining for mark, combining in list(VNI_MARKS.items())})
# Letters with a byte of their own (ơ and ư still take a tone mark after them).
VNI_SINGLES = {"Ñ": "Đ", "ñ": "đ", "Ô": "Ơ", "ô": "ơ", "Ö": "Ư", "ö": "ư",
               "Í": "Í", "í": "í", "Ì": "Ì", "ì": "ì", "Æ": "Ỉ", "æ": "ỉ", "Ó": "Ĩ",
               "ó": "ĩ", "Ò": "Ị", "ò": "ị", "Î": "Ỵ", "î": "ỵ"}
_VNI_TRANSLATE = str.maketrans({**VNI_SINGLES, **VNI_MARKS})

# The "surface" of a legacy byte — the character Windows (and Word, in a run set in a legacy
# font) shows for it — is its Windows-1252 character, Latin-1 where 1252 has none (the
# legacy fonts leave 0x80–0x9F, curly quotes and dashes, to Windows-1252).
_SURFACE = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
_TCVN3_DECODE = "".join(TCVN3_TABLE.get(b, _SURFACE[b]) for b in range(256))
_VNI_DECODE = {b: VNI_SINGLES.get(_SURFACE[b]) or VNI_MARKS.get(_SURFACE[b]) or _SURFACE[b]
               for b in range(256)}


def tcvn3_to_unicode(surface: str) -> str:
    """Text typed in TCVN3, shown as its bytes' Windows-1252 characters, in Unicode (NFC)."""
    return _tcvn3_caps(unicodedata.normalize("NFC", surface.translate(TCVN3_TABLE)))


# Words of capital ASCII letters and non-ASCII letters only (no lowercase ASCII letter).
_CAPS_CANDIDATE = re.compile(r"(?<!\w)[A-Z\u00c0-\u024f\u1e00-\u1eff]*[A-Z]"
                             r"[A-Z\u00c0-\u024f\u1e00-\u1eff]*(?!\w)")


_LOWER_ASCII = re.compile(r"[a-z]")
_UPPER_ASCII = re.compile(r"[A-Z]")


def _tcvn3_caps(text: str) -> str:
    """Capitals typed in a capital font (.VnTimeH) come back lowercase from TCVN3: a line
    whose ASCII letters are all capitals ("CéNG HOµ X· HéI") is all capitals, and so is a word
    whose ASCII letters are ("CéNG"). A word needs two ASCII letters: "Vµ" (Và) stays."""
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if sum(1 for c in word if "A" <= c <= "Z") >= 2 and not word.isupper():
            return word.upper()
        return word

    def line(text: str) -> str:
        if (not _LOWER_ASCII.search(text) and len(_UPPER_ASCII.findall(text)) >= 2
                and not text.isupper()):
            return text.upper()
        return _CAPS_CANDIDATE.sub(fix, text)
    return "\n".join(line(part) for part in text.split("\n"))


def vni_to_unicode(surface: str) -> str:
    """Text typed in VNI-Windows, shown as its bytes' Windows-1252 characters, in Unicode
    (NFC)."""
    return unicodedata.normalize("NFC", surface.translate(_VNI_TRANSLATE))


def legacy_to_unicode(surface: str, encoding: str) -> str:
    """Convert text shown in a legacy encoding's characters (a .docx run, a PDF's text)."""
    if encoding == TCVN3:
        return tcvn3_to_unicode(surface)
    if encoding == VNI:
        return vni_to_unicode(surface)
    raise ValueError(encoding)


def _decode_legacy(raw: bytes, encoding: str) -> str | None:
    """Bytes in one legacy encoding as NFC text; None when they cannot be in it."""
    if encoding == CP1258:
        try:
            text = raw.decode("cp1258")
        except UnicodeDecodeError:
            return None
        return unicodedata.normalize("NFC", text)
    if encoding == TCVN3:
        text = codecs.charmap_decode(raw, "strict", _TCVN3_DECODE)[0]
        return _tcvn3_caps(unicodedata.normalize("NFC", text))
    return unicodedata.normalize("NFC", codecs.charmap_decode(raw, "strict", _VNI_DECODE)[0])


# ------------------------------------------------------------------ fonts
_TCVN3_FONT = re.compile(r"^\.?vn[a-z]", re.IGNORECASE)  # .VnTime, .VnArial, .VnTimeH
_VNI_FONT = re.compile(r"^vni[-_ ]", re.IGNORECASE)       # VNI-Times, VNI-Helve


def font_encoding(font: str | None) -> str | None:
    """TCVN3 for the ABC fonts (".VnTime"), VNI for "VNI-Times" & co., else None."""
    name = (font or "").strip()
    if name.startswith(".") and _TCVN3_FONT.match(name):
        return TCVN3
    if _VNI_FONT.match(name):
        return VNI
    return None


def font_is_capitals(font: str | None) -> bool:
    """The ABC capital fonts (".VnTimeH", ".VnArialH"): lowercase codes drawn as capitals."""
    name = (font or "").strip()
    return font_encoding(name) == TCVN3 and name.endswith("H")


# ------------------------------------------------------------------ how Vietnamese
_INITIAL = "(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
_NUCLEUS = ("(?:oai|oay|oao|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|iêu|yêu|uêu"
            "|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy"
            "|ưa|ưi|ươ|ưu|ya|yê|[aăâeêioôơuưy])")
_FINAL = "(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_INITIAL}{_NUCLEUS}{_FINAL}$")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Words: runs between spaces and ASCII punctuation; a legacy mojibake symbol ("·", "¸")
# stays inside its word and spoils it, as it should.
_TOKEN = re.compile(r"[^\s!-/:-@\[-`{-~]+")
_DIGIT = re.compile(r"[0-9]")
_EDGE_PUNCTUATION = "\u00a0\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201b" \
                    "\u201c\u201d\u201e\u201f\u2020\u2021\u2022\u2026\u2030\u2039\u203a"


@functools.lru_cache(maxsize=65536)  # words repeat: a file's vocabulary is small
def is_syllable(word: str) -> bool:
    """True for one written Vietnamese syllable ("nghiêng", "Việt", "khuya")."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    return bool(_SYLLABLE.match(bare))


@dataclass
class Score:
    """How many non-ASCII words of a text are Vietnamese syllables, and the first that
    is not (its line)."""

    words: int = 0
    syllables: int = 0
    first_bad_line: int = 0

    @property
    def ratio(self) -> float:
        return self.syllables / self.words if self.words else 0.0


def score_text(text: str, line: int = 1, into: Score | None = None) -> Score:
    """Score `text` (whose first line is `line`) as Vietnamese."""
    score = into or Score()
    for n, part in enumerate(text.split("\n"), start=line):
        for token in _TOKEN.findall(part):
            token = token.strip(_EDGE_PUNCTUATION)
            if not token or token.isascii() or _DIGIT.search(token):
                continue  # no syllable has a digit: "37°C", "m²" are not words to judge
            score.words += 1
            if is_syllable(token):
                score.syllables += 1
            elif not score.first_bad_line:
                score.first_bad_line = n
    return score


ACCEPT_RATIO = 0.6  # below this share of Vietnamese words, no legacy encoding is trusted
_SAMPLE_LINES = 1000
_SAMPLE_WORDS = 5000


# ------------------------------------------------------------------ decoding
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", QT_TRANSLATE_NOOP("core.files", "Office cũ (.xls/.doc)")),
    (b"%PDF-", QT_TRANSLATE_NOOP("core.files", "tài liệu PDF")),
    (b"\x89PNG", QT_TRANSLATE_NOOP("core.files", "ảnh PNG")),
    (b"\xff\xd8\xff", QT_TRANSLATE_NOOP("core.files", "ảnh JPEG")),
    (b"GIF8", QT_TRANSLATE_NOOP("core.files", "ảnh GIF")),
    (b"{\\rtf", QT_TRANSLATE_NOOP("core.files", "văn bản RTF")),
)


def _zip_kind(raw: bytes) -> str:
    head = raw[:4096]
    if b"xl/" in head:
        return QT_TRANSLATE_NOOP("core.files", "bảng tính Excel (.xlsx)")
    if b"word/" in head:
        return QT_TRANSLATE_NOOP("core.files", "văn bản Word (.docx)")
    return QT_TRANSLATE_NOOP("core.files", "nén (.zip)")


def _unicode_without_bom(raw: bytes) -> str | None:
    """UTF-32 or UTF-16 recognised by where the zero bytes of ASCII characters fall."""
    sample = raw[:8192]
    if len(sample) >= 8 and len(raw) % 4 == 0:
        quads = [sample[i:i + 4] for i in range(0, len(sample) - 3, 4)]
        if sum(q[2:] == b"\0\0" for q in quads) > 0.9 * len(quads):
            return UTF32_LE
        if sum(q[:2] == b"\0\0" for q in quads) > 0.9 * len(quads):
            return UTF32_BE
    if len(sample) >= 2 and len(raw) % 2 == 0:
        pairs = len(sample) // 2
        even = sum(1 for i in range(0, pairs * 2, 2) if sample[i] == 0)
        odd = sum(1 for i in range(1, pairs * 2, 2) if sample[i] == 0)
        if odd >= 0.2 * pairs and even <= odd / 20:
            return UTF16_LE
        if even >= 0.2 * pairs and odd <= even / 20:
            return UTF16_BE
    return None


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _check_text(text: str) -> None:
    """Control characters (other than tab, newlines, form feed, Ctrl-Z) mean binary data."""
    found = _CONTROL.findall(text[:65536])
    if found and (len(found) > 8 or "\x00" in found):
        raise TextFileError(msg_binary())


_PLAUSIBLE = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u024f\u0300-\u0323\u1e00-\u1eff"
                        r"\u2000-\u206f\u20ab\u20ac]")


def _plausible(text: str) -> bool:
    """Latin letters, Vietnamese, punctuation: what a UTF-16 file without a byte-order mark
    must mostly hold before we believe it is one (and not binary data)."""
    sample = text[:20000]
    return bool(sample) and len(_PLAUSIBLE.findall(sample)) >= 0.9 * len(sample)


def _decode_unicode(raw: bytes, encoding: str, skip: int) -> Decoded:
    try:
        text = raw[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        before = raw[skip:skip + exc.start].decode(encoding, errors="replace")
        raise TextFileError(msg_broken_unicode(encoding), before.count("\n") + 1) from None
    text = unicodedata.normalize("NFC", text.replace("\x1a", ""))
    _check_text(text)
    return Decoded(text, encoding)


_BOMS = (
    (codecs.BOM_UTF32_LE, UTF32_LE), (codecs.BOM_UTF32_BE, UTF32_BE),
    (codecs.BOM_UTF8, UTF8_BOM), (codecs.BOM_UTF16_LE, UTF16_LE),
    (codecs.BOM_UTF16_BE, UTF16_BE),
)
_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                            rb"|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(raw: bytes) -> Decoded:
    """The text of a file's bytes, whatever Vietnamese office software wrote it with.

    Order: a byte-order mark (UTF-8/16/32); UTF-16/32 without one; strict UTF-8; else the
    legacy 8-bit encoding (Windows-1258, TCVN3 or VNI) in which the most words read as
    Vietnamese syllables. Raises TextFileError for binary data and undecidable text.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_unicode(raw, encoding, len(bom))
    if raw.startswith(b"PK\x03\x04"):
        raise TextFileError(msg_office_file(_zip_kind(raw)))
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            raise TextFileError(msg_office_file(kind))
    if b"\0" in raw[:8192]:
        wide = _unicode_without_bom(raw)
        if wide is None:
            raise TextFileError(msg_binary())
        try:
            decoded = _decode_unicode(raw, wide, 0)
        except TextFileError:
            raise TextFileError(msg_binary()) from None
        if not _plausible(decoded.text):
            raise TextFileError(msg_binary())
        return decoded
    try:
        text = raw.decode(UTF8)
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    else:
        text = unicodedata.normalize("NFC", text.replace("\x1a", ""))
        _check_text(text)
        return Decoded(text, UTF8)
    _check_text(raw[:65536].decode("latin-1"))
    # Valid UTF-8 sequences among the bad bytes: a damaged UTF-8 file, or one mixing UTF-8
    # with another encoding; a legacy file has (next to) none.
    sample = raw[:1 << 20]
    sequences = _UTF8_SEQUENCE.findall(sample)
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    in_sequences = sum(len(s) for s in sequences)
    if len(sequences) >= 2 and 4 * in_sequences >= high:
        raise TextFileError(msg_broken_unicode(UTF8), _line_of(raw, bad_at))
    return _decode_legacy_file(raw)


def _decode_legacy_file(raw: bytes) -> Decoded:
    lines = [(n, line) for n, line in enumerate(raw.split(b"\n"), start=1)
             if _HIGH.search(line)][:_SAMPLE_LINES]
    scores: dict[str, Score] = {}
    for encoding in LEGACY:
        score = Score()
        for n, line in lines:
            text = _decode_legacy(line, encoding)
            if text is None:
                break
            if score.words < _SAMPLE_WORDS:  # enough to judge; decoding must still succeed
                score_text(text, n, score)
        else:
            scores[encoding] = score
    if not scores:  # not even Windows-1258 (undefined bytes) and nothing else read
        raise TextFileError(msg_undecidable(), lines[0][0] if lines else 0)
    best = max(scores, key=lambda e: (scores[e].ratio, scores[e].syllables,
                                      -LEGACY.index(e)))
    score = scores[best]
    if score.words == 0:
        # No word with a non-ASCII letter (only symbols such as "°"): the Windows code page.
        best = CP1258 if CP1258 in scores else best
    elif score.ratio < ACCEPT_RATIO:
        raise TextFileError(msg_undecidable(), score.first_bad_line)
    text = _decode_legacy(raw, best)
    assert text is not None  # the sample decoded; the rest of the bytes decode the same way
    text = text.replace("\x1a", "")
    return Decoded(text, best, (msg_converted(best),))


def read(path: Path) -> Decoded:
    """`decode` of a file's bytes (OSError propagates: the caller words it)."""
    return decode(Path(path).read_bytes())


def repair_legacy_text(text: str) -> tuple[str, str | None]:
    """Text extracted from a document (a PDF page) still in a legacy font's characters:
    converted when TCVN3 or VNI reads clearly better than the text as it is."""
    if text.isascii():
        return text, None
    sample = text[:_REPAIR_SAMPLE]
    best_ratio, best = score_text(sample).ratio, None
    for encoding in (TCVN3, VNI):
        score = score_text(legacy_to_unicode(sample, encoding))
        if score.words and score.ratio >= ACCEPT_RATIO and score.ratio > best_ratio + 0.2:
            best_ratio, best = score.ratio, encoding
    return (text, None) if best is None else (legacy_to_unicode(text, best), best)


_REPAIR_SAMPLE = 200_000  # characters scored to decide; the whole text is converted


# ------------------------------------------------------------------ CSV
DELIMITERS = (",", ";", "\t")
MAX_TITLE_LINES = 5  # a title (and blank lines) above the header: at most this many records


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> str:
    """`,` `;` or TAB: csv.Sniffer on the likely header line (the line among the first few
    with the most delimiters — a title line has fewer), checked against a plain count."""
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()][:MAX_TITLE_LINES + 1]
    if not lines:
        return ","
    counts = [{d: _count_outside_quotes(ln, d) for d in DELIMITERS} for ln in lines]
    index = max(range(len(lines)), key=lambda i: max(counts[i].values()))
    header, count = lines[index], counts[index]
    most = max(DELIMITERS, key=lambda d: (count[d], -DELIMITERS.index(d)))
    try:
        sniffed = csv.Sniffer().sniff(header, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        sniffed = most
    if sniffed not in DELIMITERS or count[sniffed] < count[most]:
        sniffed = most
    return sniffed if count[sniffed] else ","


@dataclass
class CsvRow:
    record: int  # record number in the file, counting blank and title lines (header ≥ 1)
    line: int    # physical line where the record starts
    cells: list[str]


@dataclass
class CsvSheet:
    """A CSV file's header and rows, with where each came from."""

    delimiter: str
    header: list[str]
    header_record: int = 1
    header_line: int = 1
    rows: list[CsvRow] = field(default_factory=list)
    skipped: list[CsvRow] = field(default_factory=list)  # title and blank lines above


class CsvError(ValueError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(msg_line(line, reason))
        self.line = line
        self.reason = reason


def msg_csv_broken(detail: str) -> str:
    return translate("core.files", "CSV hỏng: {problem}").format(problem=detail)


def clean_header(cells: list[str]) -> list[str]:
    """Header cells stripped, BOM removed, trailing empty columns dropped."""
    header = [c.strip().lstrip("\ufeff").strip() for c in cells]
    while header and not header[-1]:
        header.pop()
    return header


def read_csv(text: str, *, is_header: Callable[[list[str]], bool] | None = None,
             delimiter: str | None = None) -> CsvSheet:
    """Split CSV text into a header and rows.

    The header is the first non-blank record for which `is_header(cleaned cells)` holds,
    looked for among the first MAX_TITLE_LINES + 1 non-blank records (a title line above the
    header is skipped); without a match, or without `is_header`, it is the first of them
    with more than one cell filled (else the first). Trailing empty header columns are
    dropped, and so are a row's empty cells beyond the header. Blank rows are left out.
    Raises CsvError (with the line) on broken quoting.
    """
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[CsvRow] = []
    line = 0
    try:
        for number, cells in enumerate(reader, start=1):
            start = line + 1
            line = reader.line_num
            records.append(CsvRow(number, start, cells))
    except csv.Error as exc:
        raise CsvError(reader.line_num, msg_csv_broken(str(exc))) from exc
    return sheet_from_records(records, delimiter, is_header)


def sheet_from_records(records: list[CsvRow], delimiter: str = ",",
                       is_header: Callable[[list[str]], bool] | None = None) -> CsvSheet:
    """The header and rows of a file's records (CSV records, or a spreadsheet's rows): see
    `read_csv`."""
    nonblank = [r for r in records if any(c.strip() for c in r.cells)]
    if not nonblank:
        return CsvSheet(delimiter, [])
    candidates = nonblank[:MAX_TITLE_LINES + 1]
    # Without a record the caller recognises, the first with more than one cell filled
    # (a title fills one).
    header_row = next((r for r in candidates if sum(1 for c in r.cells if c.strip()) > 1),
                      nonblank[0])
    if is_header is not None:
        header_row = next((r for r in candidates if is_header(clean_header(r.cells))),
                          header_row)
    header = clean_header(header_row.cells)
    sheet = CsvSheet(delimiter, header, header_row.record, header_row.line)
    for row in records:
        if row.record < header_row.record:
            sheet.skipped.append(row)
        elif row.record > header_row.record and any(c.strip() for c in row.cells):
            cells = row.cells
            if len(cells) > len(header) and not any(c.strip() for c in cells[len(header):]):
                cells = cells[:len(header)]
            sheet.rows.append(CsvRow(row.record, row.line, cells))
    return sheet
