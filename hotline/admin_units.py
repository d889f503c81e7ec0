"""Vietnam's administrative units since 01/07/2025: 34 provinces and 3,321 communes/wards.

Backed by the `vietnam-provinces` package (official codes). Codes are kept as the official
zero-padded strings: province "01", ward "00070".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from hotline.text import fold


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    province_code: str  # the unit's own code for a province
    folded: str


def province_code(value: str | int) -> str:
    """Normalise a province code ("1", 1, "01") to the official two digits."""
    return f"{int(value):02d}"


def ward_code(value: str | int) -> str:
    """Normalise a ward code to the official five digits."""
    return f"{int(value):05d}"


@lru_cache(maxsize=1)
def provinces() -> tuple[Unit, ...]:
    from vietnam_provinces.lookup import PROVINCE_MAPPING

    units = [
        Unit(province_code(p.code.value if hasattr(p.code, "value") else p.code), p.name,
             province_code(p.code.value if hasattr(p.code, "value") else p.code), fold(p.name))
        for p in PROVINCE_MAPPING.values()
    ]
    return tuple(sorted(units, key=lambda u: u.code))


@lru_cache(maxsize=1)
def _wards_by_province() -> dict[str, tuple[Unit, ...]]:
    from vietnam_provinces.lookup import WARD_MAPPING

    grouped: dict[str, list[Unit]] = {}
    for w in WARD_MAPPING.values():
        code = w.code.value if hasattr(w.code, "value") else w.code
        prov = w.province_code.value if hasattr(w.province_code, "value") else w.province_code
        unit = Unit(ward_code(code), w.name, province_code(prov), fold(w.name))
        grouped.setdefault(unit.province_code, []).append(unit)
    return {k: tuple(sorted(v, key=lambda u: u.folded)) for k, v in grouped.items()}


def wards(province: str) -> tuple[Unit, ...]:
    """The communes and wards of one province, sorted by name."""
    return _wards_by_province().get(province_code(province), ())


@lru_cache(maxsize=1)
def _ward_index() -> dict[str, Unit]:
    return {w.code: w for ws in _wards_by_province().values() for w in ws}


@lru_cache(maxsize=1)
def _province_index() -> dict[str, Unit]:
    return {p.code: p for p in provinces()}


def province(code: str) -> Unit | None:
    try:
        return _province_index().get(province_code(code))
    except ValueError:
        return None


def ward(code: str) -> Unit | None:
    try:
        return _ward_index().get(ward_code(code))
    except ValueError:
        return None


def province_name(code: str) -> str:
    unit = province(code) if code else None
    return unit.name if unit else code


def ward_name(code: str) -> str:
    unit = ward(code) if code else None
    return unit.name if unit else code


def find_province(text: str) -> Unit | None:
    """A province named in free text ("TP Hồ Chí Minh", "ha noi", "Tỉnh Gia Lai")."""
    folded = fold(text)
    for prefix in ("thanh pho ", "tp. ", "tp ", "tinh "):
        if folded.startswith(prefix):
            folded = folded[len(prefix):]
    folded = folded.strip()
    for unit in provinces():
        name = unit.folded.removeprefix("thanh pho ")
        if folded == name or folded == unit.folded:
            return unit
    return None
