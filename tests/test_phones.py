"""Phone normalisation: what operators type on a Vietnamese hotline."""

from __future__ import annotations

import pytest

from hotline import phones


@pytest.mark.parametrize("typed", [
    "0912345678", "091 234 5678", "0912.345.678", "0912-345-678", "+84912345678",
    "+84 912 345 678", "0084912345678", "0084 912 345 678", "84912345678",
])
def test_mobile_forms_share_one_e164(typed: str) -> None:
    phone = phones.parse(typed)
    assert phone.e164 == "+84912345678"
    assert phone.display == "0912 345 678"
    assert phone.kind == "mobile"
    assert not phone.withheld


@pytest.mark.parametrize(("typed", "e164", "display"), [
    ("02438253536", "+842438253536", "024 3825 3536"),     # Hà Nội
    ("(024) 3825-3536", "+842438253536", "024 3825 3536"),
    ("+84 24 3825 3536", "+842438253536", "024 3825 3536"),
    ("028 3822 1234", "+842838221234", "028 3822 1234"),   # TP Hồ Chí Minh
])
def test_landlines(typed: str, e164: str, display: str) -> None:
    phone = phones.parse(typed)
    assert (phone.e164, phone.display, phone.kind) == (e164, display, "landline")


@pytest.mark.parametrize(("typed", "stored", "display"), [
    ("111", "111", "111"), ("113", "113", "113"), ("115", "115", "115"), ("112", "112", "112"),
    ("1800 1233", "18001233", "1800 1233"), ("18001233", "18001233", "1800 1233"),
    ("+84 1800 1233", "18001233", "1800 1233"),
    ("1900 969 680", "1900969680", "1900 969 680"),
])
def test_short_numbers_are_allowed(typed: str, stored: str, display: str) -> None:
    """phonenumbers calls 111 invalid; the allow-list keeps hotline numbers usable."""
    phone = phones.parse(typed)
    assert (phone.e164, phone.display, phone.kind) == (stored, display, "short")
    assert phones.display(stored) == display


@pytest.mark.parametrize("typed", ["", "   ", "-", "()"])
def test_withheld_number_is_not_an_error(typed: str) -> None:
    phone = phones.parse(typed)
    assert phone.withheld and phone.e164 == "" and phone.kind == "withheld"
    assert phones.normalize(typed) == ""


@pytest.mark.parametrize(("old", "national", "new"), [
    ("01623456789", "01623456789", "0323456789"),
    ("0162 345 6789", "01623456789", "0323456789"),
    ("+841623456789", "01623456789", "0323456789"),
    ("00841623456789", "01623456789", "0323456789"),
    ("01234567890", "01234567890", "0834567890"),
    ("01203456789", "01203456789", "0703456789"),
    ("01863456789", "01863456789", "0563456789"),
    ("01993456789", "01993456789", "0593456789"),
])
def test_old_eleven_digit_mobiles_match_their_successor(old: str, national: str,
                                                        new: str) -> None:
    parsed = phones.parse(old)
    assert parsed.e164 == phones.normalize(new)
    assert parsed.kind == "mobile"
    assert parsed.renumbered_from == national
    assert phones.parse(new).renumbered_from == ""


def test_foreign_number_keeps_its_country() -> None:
    phone = phones.parse("+1 650 253 0000")
    assert phone.e164 == "+16502530000"
    assert phone.display.startswith("+1 ")


@pytest.mark.parametrize(("typed", "reason"), [
    ("abc", "chỉ gồm chữ số"),
    ("0912abc678", "chữ cái"),
    ("09l2345678", "chữ cái"),             # a lower-case L for a 1
    ("0912đ45678", "chữ cái"),
    ("12345", "quá ngắn"),
    ("091234567", "quá ngắn"),
    ("0-", "quá ngắn"),
    ("+84 123", "quá ngắn"),
    ("091234567890", "quá dài"),
    ("091234567890123", "quá dài"),
    ("0123456789", "không hợp lệ"),        # 012x is not a mobile prefix any more
])
def test_bad_numbers_say_why(typed: str, reason: str) -> None:
    with pytest.raises(phones.PhoneError, match=reason):
        phones.parse(typed)
    with pytest.raises(phones.PhoneError):
        phones.normalize(typed)


def test_display_of_stored_forms() -> None:
    assert phones.display("") == ""
    assert phones.display("+84912345678") == "0912 345 678"
    assert phones.display("h:abc123") == "h:abc123"  # a pseudonym is shown as it is


def test_search_key_only_for_complete_numbers() -> None:
    assert phones.search_key("0912") is None
    assert phones.search_key("0912 345 67") is None
    assert phones.search_key("0912 345 678") == "+84912345678"
    assert phones.search_key("0162 345 6789") == "+84323456789"
    assert phones.search_key("") is None
    assert phones.search_key("113") == "113"
