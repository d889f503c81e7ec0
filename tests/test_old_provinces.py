"""The 63 old provinces map onto the 34 provinces since 01/07/2025 (NQ 202/2025/QH15)."""

from __future__ import annotations

from collections import Counter

import pytest

from hotline import admin_units, old_provinces


def test_every_old_province_maps_to_a_current_one() -> None:
    olds = old_provinces.old_provinces()
    assert len(olds) == 63
    current = {p.code for p in admin_units.provinces()}
    assert {p.new_code for p in olds} == current  # every new province has its old ones
    sizes = Counter(p.new_code for p in olds)
    assert sizes["79"] == 3  # TP HCM = HCM + Bình Dương + Bà Rịa–Vũng Tàu
    assert sizes["01"] == 1  # Hà Nội unchanged
    assert sum(1 for n in sizes.values() if n == 1) == 11  # 11 provinces kept as they were


def test_old_codes_never_contradict_new_codes() -> None:
    """An old code that is still a current code belongs to that same province."""
    current = {p.code for p in admin_units.provinces()}
    for old in old_provinces.old_provinces():
        if old.code in current:
            assert old.new_code == old.code, old


@pytest.mark.parametrize(("text", "code"), [
    ("Tỉnh Hà Giang", "08"), ("ha giang", "08"), ("Bình Dương", "79"),
    ("Quảng Nam", "48"), ("Tỉnh Quảng Bình", "44"), ("Bà Rịa - Vũng Tàu", "79"),
    ("BR-VT", "79"), ("Kon Tum", "51"), ("Đắk Nông", "68"), ("Thừa Thiên Huế", "46"),
    ("Bắc Kạn", "19"), ("Hậu Giang", "92"),
])
def test_old_names_resolve_with_a_warning(text: str, code: str) -> None:
    match = old_provinces.resolve(text)
    assert match is not None and match.code == code
    assert match.old is not None
    assert "01/07/2025" in match.warning and match.name in match.warning


@pytest.mark.parametrize(("text", "code"), [
    ("Thành phố Hà Nội", "01"), ("TP. Hồ Chí Minh", "79"), ("TP HCM", "79"),
    ("Tuyên Quang", "08"), ("tinh gia lai", "52"), ("Huế", "46"), ("01", "01"), ("1", "01"),
])
def test_current_names_and_codes_resolve_without_warning(text: str, code: str) -> None:
    match = old_provinces.resolve(text)
    assert match is not None and match.code == code
    assert match.warning == ""


def test_old_code_maps_to_new_code() -> None:
    assert old_provinces.new_code("02") == "08"  # Hà Giang
    assert old_provinces.new_code("74") == "79"  # Bình Dương
    match = old_provinces.resolve("49")  # Quảng Nam's old code
    assert match is not None and match.code == "48" and match.warning
    assert old_provinces.resolve("99") is None
    assert old_provinces.resolve("Gotham") is None
    assert old_provinces.resolve("") is None


def test_province_found_in_an_address() -> None:
    match = old_provinces.in_address("Số 5, xã Minh Tân, huyện Vị Xuyên, tỉnh Hà Giang")
    assert match is not None and match.code == "08" and match.old is not None
    match = old_provinces.in_address("12 Trần Hưng Đạo, Hội An, Quảng Nam")
    assert match is not None and match.code == "48"
    match = old_provinces.in_address("Thôn 3, Điện Bàn Quảng Nam")
    assert match is not None and match.code == "48"
    match = old_provinces.in_address("45 Lê Lợi, Phường Sài Gòn, TP. Hồ Chí Minh")
    assert match is not None and match.code == "79" and match.old is None
    # a ward named like an old province is not the province
    assert old_provinces.in_address("Tổ 1, Phường Hà Giang 1") is None
    assert old_provinces.in_address("1-30 Main Street, MyCity, MyState, US") is None
