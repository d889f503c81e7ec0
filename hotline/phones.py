"""Phone number normalisation for Vietnam (phonenumbers, region VN).

Numbers are stored in E.164 and shown in national format. Three Vietnamese quirks are handled
here so the rest of the code never sees them:
- short service numbers (111, 113, 1800 1233 …) that phonenumbers calls invalid;
- the 11-digit mobile numbers renumbered to 10 digits in 2018 (0162 → 032 …), which must
  match their successors for repeat-caller recognition;
- withheld caller ID (an empty number), which is normal and never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from hotline.translation import QT_TRANSLATE_NOOP, translate, translate_marked

REGION = "VN"

# Emergency and national short numbers, callable without an area code (names shown in the
# window's language through short_number_name).
SHORT_NUMBERS: dict[str, str] = {
    "111": QT_TRANSLATE_NOOP("core.phones", "Tổng đài quốc gia bảo vệ trẻ em"),
    "112": QT_TRANSLATE_NOOP("core.phones", "Tìm kiếm cứu nạn"),
    "113": QT_TRANSLATE_NOOP("core.phones", "Công an"),
    "114": QT_TRANSLATE_NOOP("core.phones", "Cứu hỏa, cứu nạn cứu hộ"),
    "115": QT_TRANSLATE_NOOP("core.phones", "Cấp cứu y tế"),
    "116": QT_TRANSLATE_NOOP("core.phones", "Hỗ trợ tra cứu số điện thoại"),
    "1022": QT_TRANSLATE_NOOP("core.phones", "Tổng đài dịch vụ công"),
    "18001233": QT_TRANSLATE_NOOP("core.phones", "Trợ giúp pháp lý (Bộ Tư pháp)"),
    "18001567": QT_TRANSLATE_NOOP("core.phones", "Tổng đài tư vấn, hỗ trợ trẻ em"),
    "18001768": QT_TRANSLATE_NOOP("core.phones",
                                  "Tổng đài quốc gia về phòng, chống bạo lực gia đình"),
    "1900969680": QT_TRANSLATE_NOOP("core.phones",
                                    "Đường dây hỗ trợ phụ nữ (Ngôi nhà Bình yên)"),
}

# 2018 mobile renumbering: old 4-digit prefix (after the 0) → new 3-digit prefix.
OLD_MOBILE_PREFIXES: dict[str, str] = {
    "162": "32", "163": "33", "164": "34", "165": "35", "166": "36", "167": "37",
    "168": "38", "169": "39",
    "120": "70", "121": "79", "122": "77", "126": "76", "128": "78",
    "123": "83", "124": "84", "125": "85", "127": "81", "129": "82",
    "186": "56", "188": "58",
    "199": "59",
}

_KIND_NAMES = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "landline",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "landline",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.UAN: "uan",
}


@dataclass(frozen=True)
class Phone:
    """A parsed phone number. `e164` is what is stored; `display` what is shown."""

    e164: str
    display: str
    kind: str  # mobile, landline, short, toll_free, …, withheld
    renumbered_from: str = ""  # the old 11-digit form the caller typed, if any

    @property
    def withheld(self) -> bool:
        return self.e164 == ""


class PhoneError(ValueError):
    """A number that cannot be a Vietnamese or international phone number."""


WITHHELD = Phone("", "", "withheld")


def digits_only(raw: str) -> str:
    """Keep the leading + and the digits: operators type spaces, dots and dashes."""
    raw = raw.strip()
    plus = raw.startswith("+") or raw.startswith("00")
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("00"):
        digits = digits[2:]
    return ("+" if plus else "") + digits


def _renumber_old_mobile(digits: str) -> tuple[str, str]:
    """Map an old 11-digit mobile (0162…, +84162…) to its 10-digit successor."""
    national = digits
    if national.startswith("+84"):
        national = "0" + national[3:]
    elif national.startswith("84") and len(national) == 12:
        national = "0" + national[2:]
    if len(national) == 11 and national.startswith("01"):
        new_prefix = OLD_MOBILE_PREFIXES.get(national[1:4])
        if new_prefix:
            return "0" + new_prefix + national[4:], national
    return digits, ""


def parse(raw: str) -> Phone:
    """Parse what an operator typed; raise PhoneError with a readable reason if it is bad."""
    digits = digits_only(raw)
    if digits in ("", "+"):
        if raw.strip() and not re.fullmatch(r"[\s\-\.()+]*", raw):
            raise PhoneError(translate(
                "core.phones", "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch nối"))
        return WITHHELD
    if re.search(r"[A-Za-zÀ-ỹ]", raw):
        raise PhoneError(translate("core.phones", "Số điện thoại không được chứa chữ cái"))
    short = digits[3:] if digits.startswith("+84") else digits
    if short in SHORT_NUMBERS:  # "+84 1800 1233" is the same line as "1800 1233"
        return Phone(short, _group_short(short), "short")
    digits, old = _renumber_old_mobile(digits)
    try:
        number = phonenumbers.parse(digits, REGION)
    except NumberParseException as exc:
        raise PhoneError(_length_problem(digits) or translate(
            "core.phones", "Không đọc được số điện thoại")) from exc
    if not phonenumbers.is_valid_number(number):
        raise PhoneError(_length_problem(digits) or translate(
            "core.phones", "Số điện thoại không hợp lệ (di động 10 số; cố định 0 + mã vùng 2xx)"))
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    if number.country_code == 84:
        display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    else:
        display = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    kind = _KIND_NAMES.get(phonenumbers.number_type(number), "other")
    return Phone(e164, display, kind, old)


def _length_problem(digits: str) -> str:
    """Say "too short"/"too long" when that is why a number is invalid: the usual typo."""
    if digits.startswith("0") and not digits.startswith("00"):
        # Domestic form: mobiles are 0 + 9 digits, landlines 0 + 2xx + 7 or 8 digits.
        too_short, too_long = len(digits) < 10, len(digits) > 11
    else:
        national = digits.lstrip("+")
        too_short, too_long = len(national) < 9, len(national) > 15  # E.164 allows 15
    if too_short:
        return translate("core.phones",
                         "Số điện thoại quá ngắn (di động có 10 chữ số, ví dụ 0912 345 678)")
    if too_long:
        return translate("core.phones",
                         "Số điện thoại quá dài (di động có 10 chữ số, cố định 11 chữ số)")
    return ""


def short_number_name(number: str) -> str:
    """The service behind a short number (SHORT_NUMBERS) in the window's language; "" for
    any other number."""
    name = SHORT_NUMBERS.get(number, "")
    return translate_marked("core.phones", name) if name else ""


def _group_short(digits: str) -> str:
    if len(digits) == 8 and digits.startswith(("1800", "1900")):
        return f"{digits[:4]} {digits[4:]}"
    if len(digits) == 10 and digits.startswith(("1800", "1900")):
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return digits


def normalize(raw: str) -> str:
    """E.164 form of `raw` (or the short number, or "" when withheld); raises PhoneError."""
    return parse(raw).e164


def display(stored: str) -> str:
    """National display form of a stored number; unknown forms are shown as they are."""
    if not stored:
        return ""
    try:
        return parse(stored).display
    except PhoneError:
        return stored


def search_key(partial: str) -> str | None:
    """The stored form of a number typed so far, once it is complete enough to look up."""
    try:
        phone = parse(partial)
    except PhoneError:
        return None
    return phone.e164 or None
