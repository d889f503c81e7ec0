"""Code lists of the call domain (categories, levels, sexes …) with Vietnamese/English labels.

The lists live in resources/taxonomy.json with a version, so a center can extend them without
a code change. Codes are stable; labels are for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from hotline.resources_access import load_json


@dataclass(frozen=True)
class Term:
    code: str
    vi: str
    en: str

    def label(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


LISTS = (
    "channels", "sexes", "age_groups", "relations", "vulnerable", "category_groups",
    "categories", "levels", "urgencies", "referral_statuses", "directory_categories",
)

NON_COUNSELLING_PREFIX = "nc."


class Taxonomy:
    """All code lists, loaded once from the bundled JSON."""

    def __init__(self, data: dict | None = None) -> None:
        self._data = data if data is not None else load_json("taxonomy.json")
        self.version: str = self._data.get("version", "")

    def terms(self, name: str) -> list[Term]:
        return [Term(t["code"], t["vi"], t["en"]) for t in self._data[name]]

    @cached_property
    def _codes(self) -> dict[str, dict[str, Term]]:
        return {name: {t.code: t for t in self.terms(name)} for name in LISTS}

    def codes(self, name: str) -> set[str]:
        return set(self._codes[name])

    def is_valid(self, name: str, code: str) -> bool:
        return code in self._codes[name]

    def label(self, name: str, code: str, lang: str = "vi") -> str:
        term = self._codes[name].get(code)
        return term.label(lang) if term else code

    def level_rank(self, level: str) -> int:
        """Levels are ordered; the highest reached is recorded."""
        order = [t.code for t in self.terms("levels")]
        return order.index(level) if level in order else -1


def is_non_counselling(categories: tuple[str, ...] | list[str]) -> bool:
    """A call whose only categories are nc.* is counted apart from counselling calls."""
    return bool(categories) and all(c.startswith(NON_COUNSELLING_PREFIX) for c in categories)
