"""Vietnamese text folding, so that searches match with or without accents.

SQLite's unicode61 tokenizer removes most diacritics but keeps đ/Đ, which is a separate
letter in Unicode. Everything that is searched is indexed through `fold()` and every query
goes through the same function, so "bao luc gia dinh" meets "bạo lực gia đình".
"""

from __future__ import annotations

import re
import unicodedata

_D_TABLE = str.maketrans({"đ": "d", "Đ": "D"})
_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case `text` and strip every Vietnamese diacritic, đ included."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped).lower()


def nfc(text: str) -> str:
    """Normalise to NFC: Windows input methods may send decomposed (NFD) Vietnamese."""
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


def contains_folded(haystack: str, needle: str) -> bool:
    """True when every folded word of `needle` occurs in folded `haystack`."""
    folded = fold(haystack)
    return all(word in folded for word in words(needle))
