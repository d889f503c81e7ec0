"""Checks on a call before it is saved, each naming the field and a reason a person can act on.

The same checks serve the window (inline messages next to the field) and the CSV import
(row, column, reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hotline import admin_units
from hotline.calls.models import Call
from hotline.calls.taxonomy import Taxonomy
from hotline.translation import translate


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ValueError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _check_code(errors: list[FieldError], tax: Taxonomy, field: str, lst: str, value: str,
                *, allow_empty: bool = False) -> None:
    if value == "" and allow_empty:
        return
    if not tax.is_valid(lst, value):
        allowed = ", ".join(sorted(tax.codes(lst)))
        errors.append(FieldError(field, translate(
            "core.calls", "mã không hợp lệ '{value}' (dùng một trong: {allowed})").format(
                value=value, allowed=allowed)))


def validate(call: Call, tax: Taxonomy, *, now: datetime | None = None,
             new_follow_up: bool = True) -> list[FieldError]:
    """All problems with `call`; empty when it can be saved.

    `new_follow_up` is False when the follow-up time was already saved earlier (an old call
    may legitimately have a follow-up in the past), so only newly set times must be future.
    """
    errors: list[FieldError] = []
    _check_code(errors, tax, "channel", "channels", call.channel)
    _check_code(errors, tax, "caller_sex", "sexes", call.caller_sex)
    _check_code(errors, tax, "caller_age_group", "age_groups", call.caller_age_group)
    _check_code(errors, tax, "caller_relation", "relations", call.caller_relation, allow_empty=True)
    _check_code(errors, tax, "victim_sex", "sexes", call.victim_sex, allow_empty=True)
    _check_code(errors, tax, "victim_age_group", "age_groups", call.victim_age_group,
                allow_empty=True)
    _check_code(errors, tax, "level", "levels", call.level)
    _check_code(errors, tax, "urgency", "urgencies", call.urgency)
    for code in call.vulnerable:
        _check_code(errors, tax, "vulnerable", "vulnerable", code)
    if not call.categories:
        errors.append(FieldError("categories", translate(
            "core.calls", "chọn ít nhất một vấn đề của cuộc gọi")))
    for code in call.categories:
        _check_code(errors, tax, "categories", "categories", code)
    if call.province_code and admin_units.province(call.province_code) is None:
        errors.append(FieldError("province_code", translate(
            "core.calls", "không có tỉnh/thành phố mã '{code}' (34 tỉnh thành từ 01/07/2025)"
        ).format(code=call.province_code)))
    if call.ward_code:
        ward = admin_units.ward(call.ward_code)
        if ward is None:
            errors.append(FieldError("ward_code", translate(
                "core.calls", "không có xã/phường mã '{code}'").format(code=call.ward_code)))
        elif call.province_code and ward.province_code != admin_units.province_code(
                call.province_code):
            errors.append(FieldError("ward_code", translate(
                "core.calls", "xã/phường '{name}' không thuộc tỉnh đã chọn").format(
                    name=ward.name)))
    for referral in call.referrals:
        if not referral.name.strip():
            errors.append(FieldError("referrals", translate(
                "core.calls", "thiếu tên dịch vụ được chuyển tuyến")))
        if not tax.is_valid("referral_statuses", referral.status):
            allowed = ", ".join(sorted(tax.codes("referral_statuses")))
            errors.append(FieldError("referrals", translate(
                "core.calls", "trạng thái chuyển tuyến không hợp lệ '{status}' (dùng: {allowed})"
            ).format(status=referral.status, allowed=allowed)))
    if call.received_at.tzinfo is None:
        errors.append(FieldError("received_at", translate(
            "core.calls", "thiếu múi giờ (ví dụ +07:00)")))
    if call.duration_s is not None and call.duration_s < 0:
        errors.append(FieldError("duration_s", translate(
            "core.calls", "thời lượng không thể âm")))
    if call.follow_up_at is not None:
        if call.follow_up_at.tzinfo is None:
            errors.append(FieldError("follow_up_at", translate("core.calls", "thiếu múi giờ")))
        elif new_follow_up and now is not None and call.follow_up_at < now:
            errors.append(FieldError("follow_up_at", translate(
                "core.calls", "thời gian theo dõi đã ở trong quá khứ")))
    return errors
