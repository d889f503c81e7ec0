"""The 63 provinces before 01/07/2025 and the province each one belongs to since then.

Nghị quyết 202/2025/QH15 merged 63 provinces and centrally-run cities into 34. Directory
lists, call logs and spreadsheets written before that date still say "Tỉnh Hà Giang" or carry
the old two-digit code "02"; importers map them to the new province (Tuyên Quang, "08") and
tell the user they did. The table lives in resources/old_provinces.json.

Old and new codes never contradict each other: whenever an old code is also a current code,
the old province with that code was merged into the new province with the same code, so a
code can be mapped without knowing which list it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hotline import admin_units
from hotline.resources_access import load_json
from hotline.text import fold


@dataclass(frozen=True)
class OldProvince:
    """A province or centrally-run city as it was before 01/07/2025."""

    code: str  # the old two-digit code
    name: str  # without "Tỉnh"/"Thành phố"
    kind: str  # "tỉnh" or "thành phố"
    new_code: str  # the province it is part of since 01/07/2025
    aliases: tuple[str, ...] = ()

    @property
    def new_name(self) -> str:
        return admin_units.province_name(self.new_code)

    @property
    def is_current_name(self) -> bool:
        """True when the name still names a province (it was not merged or renamed)."""
        unit = admin_units.province(self.new_code)
        return unit is not None and _bare(unit.folded) == _bare(fold(self.name))


@dataclass(frozen=True)
class ProvinceMatch:
    """A province found in some text, mapped to the current list."""

    code: str  # current two-digit code
    text: str  # what was matched, as written
    old: OldProvince | None = None  # set when the text named a province that no longer exists

    @property
    def name(self) -> str:
        return admin_units.province_name(self.code)

    @property
    def warning(self) -> str:
        """What to tell the user when an old province was mapped (empty otherwise)."""
        if self.old is None:
            return ""
        return (f"'{self.text}' là tỉnh/thành phố cũ ({self.old.kind} {self.old.name}); từ "
                f"01/07/2025 thuộc {self.name} (mã {self.code}, {source()})")


@lru_cache(maxsize=1)
def _data() -> dict:
    data: dict = load_json("old_provinces.json")
    return data


def source() -> str:
    """The legal basis, for messages."""
    return "Nghị quyết 202/2025/QH15"


@lru_cache(maxsize=1)
def old_provinces() -> tuple[OldProvince, ...]:
    """All 63 old provinces, by old code."""
    return tuple(
        OldProvince(p["code"], p["name"], p["kind"], p["new_code"], tuple(p.get("aliases", ())))
        for p in sorted(_data()["provinces"], key=lambda p: p["code"]))


@lru_cache(maxsize=1)
def _by_code() -> dict[str, OldProvince]:
    return {p.code: p for p in old_provinces()}


def by_code(code: str) -> OldProvince | None:
    """The old province with this old code ("2", "02")."""
    try:
        return _by_code().get(admin_units.province_code(code))
    except ValueError:
        return None


def new_code(old_code: str) -> str | None:
    """The current code of the province an old code now belongs to."""
    old = by_code(old_code)
    return old.new_code if old else None


_PREFIXES = ("thanh pho truc thuoc trung uong ", "thanh pho ", "tp. ", "tp.", "tp ", "tinh ")


def _bare(folded: str) -> str:
    """A folded province name without "tỉnh"/"thành phố" and with uniform separators."""
    text = folded.strip()
    for prefix in _PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    return re.sub(r"[\s\-–.]+", " ", text).strip()


@lru_cache(maxsize=1)
def _old_names() -> dict[str, OldProvince]:
    names: dict[str, OldProvince] = {}
    for p in old_provinces():
        for name in (p.name, *p.aliases):
            names[_bare(fold(name))] = p
            names[_bare(fold(name)).replace(" ", "")] = p
    return names


@lru_cache(maxsize=1)
def _new_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for unit in admin_units.provinces():
        bare = _bare(unit.folded)
        names[bare] = unit.code
        names[bare.replace(" ", "")] = unit.code
    return names


def find_old(text: str) -> OldProvince | None:
    """The old province named by `text` ("Tỉnh Hà Giang", "ba ria vung tau"), if any."""
    bare = _bare(fold(text))
    return _old_names().get(bare) or _old_names().get(bare.replace(" ", ""))


def resolve(text: str) -> ProvinceMatch | None:
    """A province given as a current or old code, or a current or old name.

    A current name or code wins; an old name that is no longer a province is mapped and the
    match carries the old province (its `warning` says so). None when nothing matches.
    """
    value = text.strip()
    if not value:
        return None
    if value.isdigit():
        if admin_units.province(value) is not None:
            return ProvinceMatch(admin_units.province_code(value), value)
        old = by_code(value)
        return ProvinceMatch(old.new_code, value, old) if old else None
    bare = _bare(fold(value))
    code = _new_names().get(bare) or _new_names().get(bare.replace(" ", ""))
    if code:
        return ProvinceMatch(code, value)
    old = find_old(value)
    if old is None:
        return None
    return ProvinceMatch(old.new_code, value, None if old.is_current_name else old)


# Address parts that name something below a province: never read as a province name.
_LOWER_UNITS = ("xa ", "phuong ", "thi tran ", "thi xa ", "huyen ", "quan ", "thon ", "ap ",
                "to dan pho ", "khu pho ", "duong ", "so ", "ngo ", "hem ", "kiet ")


def in_address(address: str) -> ProvinceMatch | None:
    """The province an address names, reading its comma-separated parts from the end.

    "Số 5, xã Minh Tân, huyện Vị Xuyên, tỉnh Hà Giang" → Tuyên Quang (with the old province).
    Parts naming a commune, district or street are skipped, so "Phường Hà Giang 1" is not
    mistaken for the old province.
    """
    parts = [p.strip() for p in re.split(r"[,;\n]", address) if p.strip()]
    for part in reversed(parts):
        folded = fold(part)
        if folded.startswith(_LOWER_UNITS):
            continue
        match = resolve(part) if not part.strip().isdigit() else None
        if match is not None:
            return match
    if parts:  # "… Điện Bàn Quảng Nam": a province name ending the last part
        last = fold(parts[-1])
        if not last.startswith(_LOWER_UNITS):
            best: ProvinceMatch | None = None
            for bare, code in _new_names().items():
                if " " in bare and last.endswith(" " + bare):
                    return ProvinceMatch(code, parts[-1])
            for bare, old in _old_names().items():
                if " " in bare and last.endswith(" " + bare):
                    best = ProvinceMatch(old.new_code, parts[-1],
                                         None if old.is_current_name else old)
                    break
            return best
    return None
