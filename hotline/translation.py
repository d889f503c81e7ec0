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
labels) are marked with `QT_TRANSLATE_NOOP` and translated with `translate_marked` where
they are used, since the translator is installed after the modules are imported.

Official outputs are never translated: report PDFs and CSVs, e-mailed reports (and the
revision reasons printed in them), HSDS exports, data stored with an entry (its source,
notes) and audit-log entries stay Vietnamese whatever the window's language. A line of the
sync log keeps the message as it was shown when it was written.

The CLI installs no translator: it speaks Vietnamese, like its help and its own output.
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
    except Exception:  # a broken translator must not hide the message
        log.exception("translating %r failed", text)
        return text
    return result or text


def set_translator(translator: Translator | None) -> None:
    """Install (or with None remove) the function that `translate` asks."""
    global _translator
    _translator = translator


def current_translator() -> Translator | None:
    return _translator


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Mark `text` for extraction without translating it now (tables built at import time);
    pass it through `translate_marked(context, text)` where it is shown."""
    return text


def translate_marked(context: str, text: str) -> str:
    """`translate` for a text that is not a literal here but was marked with
    QT_TRANSLATE_NOOP(context, …) where it is defined. A separate name because `translate`
    itself must only ever be given literals (lupdate cannot extract anything else, and
    tests/test_core_messages.py checks it)."""
    return translate(context, text)

