"""The report font: Liberation Serif (SIL OFL), bundled under resources/fonts/.

reportlab's built-in Times cannot draw Vietnamese (ạ, ơ, ư, đ … come out as black boxes),
and NĐ 30/2020 asks for a Times New Roman-like Unicode font. Liberation Serif has Times New
Roman's metrics and every Vietnamese letter; it is embedded (subset) in every PDF, so the
report prints the same on a PC without the font. Registration is global in reportlab, so it
happens once, on first use, not at import.
"""

from __future__ import annotations

import io
import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hotline.resources_access import resource

FAMILY = "HotlineSerif"
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"
FILES = {
    FAMILY: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}
_lock = threading.Lock()


def register() -> str:
    """Register the four styles (once) and return the family name for paragraph styles."""
    with _lock:
        if set(FILES) <= set(pdfmetrics.getRegisteredFontNames()):
            return FAMILY
        for name, filename in FILES.items():
            data = resource("fonts", filename).read_bytes()
            pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
        addMapping(FAMILY, 0, 0, FAMILY)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, ITALIC)
        addMapping(FAMILY, 1, 1, BOLD_ITALIC)
        return FAMILY
