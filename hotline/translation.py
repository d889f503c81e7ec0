"""Messages of the core in the window's language, without Qt in the core.

The core (everything outside hotline/ui) writes its user-facing messages in Vietnamese, the
source language, as `translate("core.<area>", "literal template").format(...)`. By default
`translate` returns the text unchanged, so the core, its tests and the CLI speak Vietnamese.
The window installs `QCoreApplication.translate` with `set_translator` right after loading
its .qm files (hotline/ui/i18n.py), so the same messages come out in English there, from
the one catalogue resources/translations/hotline_en.ts.

Why literals and `.format` after translating: pyside6-lupdate extracts `translate("ctx",
"text")` and `QT_TRANSLATE_NOOP("ctx", "text")` from any .py file, but only literal
arguments (tests/test_core_messages.py checks that). Texts built at import time (tables of
labels) are marked with `QT_TRANSLATE_NOOP` and translated where they are used, since the
translator is installed after the modules are imported.

Official outputs are never translated: report PDFs and CSVs, e-mailed reports, HSDS
exports and audit-log entries stay Vietnamese whatever the window's language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

Translator = Callable[[str, str], str]

log = logging.getLogger(__name__)

_translator: Translator | None = None


def translate(context: str, text: str) -> str:
    """`text` in the installed language; the text itself when none is installed, when the
    catalogue has no translation, or when the translator fails (a message must never be
    lost because its translation is)."""
    translator = _translator
    if translator is None:
        return text
    try:
        result = translator(context, text)
    except Exception:  # noqa: BLE001 - a broken translator must not hide the message
        log.exception("translating %r failed", text)
        return text
    return result or text


def set_translator(translator: Translator | None) -> None:
    """Install (or with None remove) the function that `translate` asks."""
    global _translator
    _translator = translator


def current_translator() -> Translator | None:
    return _translator


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark `text` for extraction without translating it now (tables built at import time);
    pass it through `translate(context, text)` where it is shown."""
    return text

