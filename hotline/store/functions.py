"""SQL functions registered on every connection.

The call search index (`calls_fts`, migration m0006) is kept up to date by triggers on
`calls`, so every writer — the call service, retention, an import, a future bulk edit —
keeps it right without knowing about it. The triggers fold Vietnamese text with these
functions, which is why every connection must have them (`db.connect` registers them).
"""

from __future__ import annotations

import re
import sqlite3

from hotline.text import fold

# The index's rowid is received_ts * 2**31 + call id: iterating it in rowid order is the
# call list's order (received_ts, id), so the newest matches come first without sorting.
# Call ids therefore stay below 2**31 (a trigger refuses others).
KEY_FACTOR = 2**31

_NOT_TOKEN = re.compile(r"[^0-9a-z]")


def search_key(received_ts: int, call_id: int) -> int:
    """The index rowid of a call."""
    return received_ts * KEY_FACTOR + call_id


def call_id_of(key: int) -> int:
    return key % KEY_FACTOR


def category_token(code: str) -> str:
    """One index token per category code or group ("dv.physical" → "dvphysical", "dv")."""
    return _NOT_TOKEN.sub("", code.lower())


def level_token(level: str) -> str:
    return "lv" + category_token(level)


def urgency_token(urgency: str) -> str:
    return "ug" + category_token(urgency)


def search_tags(categories: str | None, level: str | None = "",
                urgency: str | None = "") -> str:
    """The `tags` column: a token for each category and each category's group, and for the
    level and the urgency, so "text + category + level" is one index walk."""
    tokens: dict[str, None] = {}
    for code in (categories or "").split(";"):
        code = code.strip()
        if not code:
            continue
        tokens[category_token(code)] = None
        if "." in code:
            tokens[category_token(code.split(".", 1)[0])] = None
    if level:
        tokens[level_token(level)] = None
    if urgency:
        tokens[urgency_token(urgency)] = None
    return " ".join(tokens)


def search_body(text: str | None) -> str:
    return fold(text or "")


def register(conn: sqlite3.Connection) -> None:
    """Make the functions the triggers call available on `conn`."""
    conn.create_function("hotline_fold", 1, search_body, deterministic=True)
    conn.create_function("hotline_tags", 3, search_tags, deterministic=True)
