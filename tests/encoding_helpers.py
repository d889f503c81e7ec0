"""Vietnamese text as office software writes it — Windows-1258, TCVN3, VNI, UTF-16 — and
CSV files as Excel, Google Sheets and old systems save them, for the import tests.

The encoders are written here from their own tables (not from hotline.textfile's), so a
wrong entry in either shows up as a failed import; tests/test_textfile.py also checks the
decoder against literal byte strings known from old documents and against glibc's iconv.
"""

from __future__ import annotations

import csv
import io
import unicodedata

TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng — the order below


def cp1258(text: str) -> bytes:
    """As Windows writes Vietnamese in code page 1258: a precomposed letter where the code
    page has one, else the base letter (with its circumflex, breve or horn) and a combining
    tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        tone = "".join(c for c in decomposed if c in TONES)
        out += (base + tone).encode("cp1258")
    return bytes(out)


# TCVN3 (ABC): each toneless vowel, then its bytes for sắc, huyền, hỏi, ngã, nặng.
_TCVN3_VOWELS = {
    "a": (0xB8, 0xB5, 0xB6, 0xB7, 0xB9), "ă": (0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "â": (0xCA, 0xC7, 0xC8, 0xC9, 0xCB), "e": (0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xD5, 0xD2, 0xD3, 0xD4, 0xD6), "i": (0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "o": (0xE3, 0xDF, 0xE1, 0xE2, 0xE4), "ô": (0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xED, 0xEA, 0xEB, 0xEC, 0xEE), "u": (0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xF8, 0xF5, 0xF6, 0xF7, 0xF9), "y": (0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TCVN3_PLAIN = {"ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
                "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}


def tcvn3(text: str) -> bytes:
    """As the ABC keyboard driver types into a .VnTime document. TCVN3 has no capital with a
    tone: such a letter is written with the lowercase code (the capital font draws it)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_PLAIN:
            out.append(_TCVN3_PLAIN[ch])
            continue
        decomposed = unicodedata.normalize("NFD", ch.lower())
        tone = [c for c in decomposed if c in TONES]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        if tone and base in _TCVN3_VOWELS:
            out.append(_TCVN3_VOWELS[base][TONES.index(tone[0])])
        else:
            out += ch.encode("cp1252")
    return bytes(out)


# VNI-Windows: ASCII base letter + mark byte(s); the marks' lowercase forms.
_VNI_TONE = dict(zip(TONES, "ùøûõï", strict=True))
_VNI_HAT = {"": "â", **dict(zip(TONES, "áàåãä", strict=True))}
_VNI_BREVE = {"": "ê", **dict(zip(TONES, "éèúüë", strict=True))}
_VNI_OWN = {"đ": "ñ", "Đ": "Ñ", "ơ": "ô", "Ơ": "Ô", "ư": "ö", "Ư": "Ö",
            "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î",
            "Í": "Í", "Ì": "Ì", "Ỉ": "Æ", "Ĩ": "Ó", "Ị": "Ò", "Ỵ": "Î"}


def vni(text: str) -> bytes:
    """As the VNI keyboard driver types into a VNI-Times document (marks upper case after an
    upper case letter, as VNI's own converter writes them)."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _VNI_OWN:
            out.append(_VNI_OWN[ch])
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        if not marks or base.lower() not in "aeiouy":
            out.append(ch)
            continue
        tone = "".join(m for m in marks if m in TONES)
        if "\u031b" in marks:  # horn: ơ, ư have a byte of their own
            out.append(_VNI_OWN[unicodedata.normalize("NFC", base + "\u031b")])
            mark = _VNI_TONE.get(tone, "")
        elif "\u0302" in marks:
            out.append(base)
            mark = _VNI_HAT[tone]
        elif "\u0306" in marks:
            out.append(base)
            mark = _VNI_BREVE[tone]
        elif base.lower() in "iy" and tone:  # í ì ỉ ĩ ị ỵ are single bytes; ý ỳ ỷ ỹ are not
            single = unicodedata.normalize("NFC", base + tone)
            if single in _VNI_OWN:
                out.append(_VNI_OWN[single])
                continue
            out.append(base)
            mark = _VNI_TONE[tone]
        else:
            out.append(base)
            mark = _VNI_TONE[tone]
        out.append(mark.upper() if base.isupper() else mark)
    return "".join(out).encode("cp1252")


ENCODERS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: text.encode("utf-8-sig"),
    "utf-16": lambda text: text.encode("utf-16"),  # with BOM, as Excel's "Unicode Text"
    "cp1258": cp1258,
    "tcvn3": tcvn3,
    "vni": vni,
}


def csv_text(rows: list[list[str]], *, delimiter: str = ",", newline: str = "\r\n",
             title: str = "", blank_lines: int = 0, trailing: int = 0) -> str:
    """CSV as a spreadsheet saves it: optionally a title line above the header (padded with
    delimiters like the rest of the used range), blank lines, trailing empty columns."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    width = max(len(r) for r in rows) + trailing
    if title:
        writer.writerow([title] + [""] * (width - 1))
    for _ in range(blank_lines):
        writer.writerow([""] * width)
    for row in rows:
        writer.writerow(row + [""] * (width - len(row)))
    return buf.getvalue()


# How real programs save a table (name → encoder, delimiter, line ending, extras).
VARIANTS: dict[str, dict] = {
    "google-sheets (UTF-8, LF)": {"encoding": "utf-8", "delimiter": ",", "newline": "\n"},
    "excel csv utf-8 (BOM, CRLF)": {"encoding": "utf-8-sig", "delimiter": ",",
                                    "newline": "\r\n"},
    "excel csv windows-1258 (;)": {"encoding": "cp1258", "delimiter": ";", "newline": "\r\n"},
    "excel csv windows-1258 (,)": {"encoding": "cp1258", "delimiter": ",", "newline": "\r\n"},
    "excel unicode text (UTF-16, TAB)": {"encoding": "utf-16", "delimiter": "\t",
                                         "newline": "\r\n"},
    "tcvn3 (,)": {"encoding": "tcvn3", "delimiter": ",", "newline": "\r\n"},
    "vni (;)": {"encoding": "vni", "delimiter": ";", "newline": "\r\n"},
    "title line, blank line, trailing columns": {
        "encoding": "utf-8", "delimiter": ",", "newline": "\r\n",
        "title": "Danh sách tháng 3/2026", "blank_lines": 1, "trailing": 2},
}


def variant_bytes(rows: list[list[str]], variant: str) -> bytes:
    spec = dict(VARIANTS[variant])
    encoding = spec.pop("encoding")
    return ENCODERS[encoding](csv_text(rows, **spec))


def header_offset(variant: str) -> int:
    """How many lines stand above the header in a variant (title and blank lines)."""
    spec = VARIANTS[variant]
    return (1 if spec.get("title") else 0) + spec.get("blank_lines", 0)


def xlsx_bytes(rows: list[list[object]], *, title: str = "", other_sheet: bool = False) -> bytes:
    """An Excel workbook holding `rows` on its first sheet (cells keep their Python types:
    numbers, datetimes), optionally a title row above and a second sheet."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cuộc gọi"
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    if other_sheet:
        workbook.create_sheet("Ghi chú").append(["Không phải dữ liệu"])
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()
