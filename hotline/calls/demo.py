"""Realistic synthetic calls for demos and benchmarks (`hotline demo`).

A believable mix: most calls concern domestic violence, callers are mostly women aged
18–44, a share of non-counselling calls (silent, hang-up, wrong number), about one caller
in five calls again, emergencies get follow-ups and referrals. Names, places and summaries
are Vietnamese. Nothing here is real data.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from hotline import admin_units
from hotline.calls.models import Call, Referral
from hotline.calls.service import CallService

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
FEMALE = ["Lan", "Hương", "Mai", "Hoa", "Thảo", "Linh", "Ngọc", "Trang", "Hằng", "Yến",
          "Nhung", "Dung", "Thủy", "Hạnh", "Phượng", "Loan", "Oanh", "Điệp"]
MALE = ["Hùng", "Dũng", "Minh", "Tuấn", "Nam", "Đức", "Hải", "Long", "Sơn", "Thắng"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Minh", "Thanh"]
MIDDLE_M = ["Văn", "Đức", "Quang", "Minh", "Hữu"]

# (category, weight, typical level, summary templates)
SCENARIOS: list[tuple[str, int, str, list[str]]] = [
    ("dv.physical", 22, "counsel", [
        "Chồng uống rượu say về đánh vợ, chị bị bầm tím ở tay và mặt.",
        "Bị chồng đánh nhiều lần trong tháng, lần này phải đi trạm y tế xã.",
        "Con trai đánh mẹ già để đòi tiền.",
    ]),
    ("dv.psychological", 14, "counsel", [
        "Chồng thường xuyên chửi bới, xúc phạm, đe dọa đuổi ra khỏi nhà.",
        "Bị nhà chồng cô lập, cấm liên lạc với gia đình đẻ.",
        "Chồng kiểm soát điện thoại, theo dõi và ghen tuông vô cớ.",
    ]),
    ("dv.economic", 6, "counsel", [
        "Chồng giữ hết tiền lương, không cho vợ tiền chi tiêu cho con.",
        "Bị ép bán đất đứng tên chung, không được quyết định tài sản.",
    ]),
    ("dv.sexual", 3, "in_depth", ["Bị chồng cưỡng ép quan hệ tình dục khi không đồng ý."]),
    ("sv.harassment_work", 4, "counsel", [
        "Bị quản lý quấy rối tình dục tại nơi làm việc, sợ mất việc nếu tố cáo.",
    ]),
    ("sv.online", 3, "counsel", ["Bị đe dọa tung ảnh nhạy cảm lên mạng xã hội để tống tiền."]),
    ("sv.rape", 1, "intervention", ["Người gọi cho biết bị hiếp dâm tối qua, cần hỗ trợ khẩn."]),
    ("child.violence", 7, "referral", [
        "Hàng xóm báo cháu bé thường xuyên bị bố dượng đánh, có vết thương ở lưng.",
        "Giáo viên phát hiện học sinh có dấu hiệu bị bạo hành ở nhà.",
    ]),
    ("child.sexual", 2, "intervention", ["Mẹ phát hiện con gái 9 tuổi bị người quen xâm hại."]),
    ("child.neglect", 3, "counsel", ["Trẻ bị bỏ mặc ở nhà một mình nhiều ngày, thiếu ăn."]),
    ("tr.risk", 2, "referral", [
        "Em gái được môi giới đi làm việc nhẹ lương cao ở nước ngoài, gia đình nghi bị lừa.",
    ]),
    ("mar.divorce", 8, "info", [
        "Hỏi thủ tục ly hôn đơn phương và quyền nuôi con dưới 36 tháng tuổi.",
        "Hỏi về nghĩa vụ cấp dưỡng nuôi con sau ly hôn.",
    ]),
    ("mar.child", 1, "referral", ["Gia đình ép con gái 15 tuổi lấy chồng."]),
    ("ge.work", 2, "info", ["Bị cho nghỉ việc khi đang mang thai."]),
    ("psy.distress", 6, "counsel", ["Căng thẳng, mất ngủ kéo dài sau khi bị chồng bỏ."]),
    ("psy.suicide_risk", 1, "intervention", ["Người gọi nói không muốn sống nữa, cần hỗ trợ."]),
    ("info.law", 5, "info", ["Hỏi về quyền yêu cầu cấm tiếp xúc theo Luật PCBLGĐ."]),
    ("info.services", 4, "info", ["Hỏi địa chỉ nhà tạm lánh gần nhất."]),
    ("nc.silent", 4, "info", [""]),
    ("nc.hangup", 4, "info", [""]),
    ("nc.wrong_number", 2, "info", [""]),
    ("nc.prank", 1, "info", [""]),
]
REFERRALS = [("Công an phường", "police", "113"), ("Trạm y tế xã", "health", "115"),
             ("Trung tâm Trợ giúp pháp lý tỉnh", "legal_aid", "18001233"),
             ("Nhà tạm lánh Ngôi nhà Bình yên", "shelter", "1900969680"),
             ("Tổng đài quốc gia bảo vệ trẻ em 111", "child_protection", "111")]
AGE_WEIGHTS = {"12-15": 3, "16-17": 3, "18-29": 25, "30-44": 35, "45-59": 20, "60+": 6,
               "unknown": 8}
CHILD_AGES = {"0-5": 2, "6-11": 4, "12-15": 4}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _mobile(rng: random.Random) -> str:
    prefix = rng.choice(["090", "091", "093", "094", "096", "097", "098", "032", "033", "035",
                         "036", "037", "038", "039", "070", "077", "079", "081", "083", "085",
                         "088", "056"])
    return prefix + f"{rng.randrange(10**7):07d}"


def generate(count: int, *, days: int = 30, seed: int = 1, end: datetime,
             home_province: str = "01") -> Iterator[Call]:
    """`count` calls spread over the `days` days ending at `end`, roughly oldest first
    (night calls are moved into the day, so a few come out of order, as late saves do)."""
    rng = random.Random(seed)
    weights = [s[1] for s in SCENARIOS]
    provinces = [p.code for p in admin_units.provinces()]
    repeaters: list[tuple[str, str, str, bool]] = []  # (phone, name, case, female)
    span = days * 86400
    start = end - timedelta(seconds=span)
    offsets = sorted(rng.random() for _ in range(count))
    case_seq = 0
    for i, frac in enumerate(offsets):
        # Calls cluster in the daytime: move night calls towards the day with some chance.
        when = start + timedelta(seconds=int(frac * span))
        if when.hour < 7 and rng.random() < 0.7:
            when += timedelta(hours=rng.randint(7, 12))
            when = min(when, end)
        category, _, level, templates = rng.choices(SCENARIOS, weights=weights)[0]
        non_counselling = category.startswith("nc.")
        female = rng.random() < 0.82
        name = ""
        phone = ""
        case = ""
        if repeaters and not non_counselling and rng.random() < 0.2:
            phone, name, case, female = rng.choice(repeaters)  # the same person again
        elif rng.random() > 0.06:  # 6% withheld
            phone = _mobile(rng) if rng.random() < 0.9 else "0243" + f"{rng.randrange(10**7):07d}"
        if not name and not non_counselling and rng.random() < 0.55:
            given = rng.choice(FEMALE if female else MALE)
            middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
            name = f"{rng.choice(FAMILY)} {middle} {given}"
        if phone and not non_counselling and rng.random() < 0.05 and len(repeaters) < 5000:
            repeaters.append((phone, name, case, female))
        child = category.startswith("child.") or category == "mar.child"
        relation = "" if non_counselling else rng.choices(
            ["self", "family", "community", "official", "perpetrator", "other"],
            weights=[60, 18, 10, 6, 3, 3])[0]
        if child and relation == "self":
            relation = "family"
        province = "" if non_counselling else (
            home_province if rng.random() < 0.7 else rng.choice(provinces))
        ward = ""
        if province and rng.random() < 0.6:
            ward = rng.choice(admin_units.wards(province)).code
        urgency = "routine"
        if level == "intervention":
            urgency = "emergency"
        elif child or rng.random() < 0.08:
            urgency = "priority"
        if not non_counselling and rng.random() < 0.15:
            level = rng.choice(["counsel", "in_depth", "referral"])
        categories = [category]
        if category.startswith("dv.") and rng.random() < 0.3:
            categories.append(rng.choice(["dv.psychological", "dv.economic", "psy.distress"]))
        referrals: tuple[Referral, ...] = ()
        if level in ("referral", "intervention"):
            ref_name, ref_cat, ref_phone = rng.choice(REFERRALS)
            status = rng.choice(["suggested", "contacted", "accepted", "completed"])
            referrals = (Referral(name=ref_name, phone=ref_phone, category=ref_cat,
                                  status=status),)
        follow_up = None
        if urgency != "routine" or level in ("in_depth", "referral", "intervention"):
            follow_up = when + timedelta(hours=rng.choice([4, 12, 24, 48, 72]))
        if level == "in_depth" and not case:
            case_seq += 1
            case = f"HS-{when.year}-{case_seq:04d}"
        duration = 0 if category == "nc.hangup" else int(rng.lognormvariate(5.6, 0.6))
        if non_counselling:
            duration = rng.randint(3, 60)
        yield Call(
            received_at=when, duration_s=duration,
            channel=rng.choices(["phone_in", "phone_out", "message", "walk_in"],
                                weights=[86, 6, 6, 2])[0],
            operator=rng.choice(["Nguyễn Thị Hồng", "Trần Văn Bình", "Lê Thu Trang"]),
            phone=phone, caller_name=name,
            caller_sex="unknown" if non_counselling else ("female" if female else "male"),
            caller_age_group="unknown" if non_counselling else _pick(rng, AGE_WEIGHTS),
            caller_relation=relation, province_code=province, ward_code=ward,
            victim_sex=("female" if rng.random() < 0.6 else "male") if child else "",
            victim_age_group=_pick(rng, CHILD_AGES) if child else "",
            categories=tuple(dict.fromkeys(categories)), level=level, urgency=urgency,
            summary=rng.choice(templates), outcome="" if non_counselling else rng.choice(
                ["Đã tư vấn, người gọi yên tâm hơn.", "Hẹn gọi lại để theo dõi.",
                 "Đã cung cấp số điện thoại dịch vụ.", "Đã kết nối với cơ quan chức năng."]),
            safe_to_call_back=None if non_counselling else rng.random() < 0.7,
            follow_up_at=follow_up, case_number=case, referrals=referrals,
        )
        del i


def fill(service: CallService, count: int, *, days: int = 30, seed: int = 1,
         batch: int = 10000, progress=None) -> int:
    """Write `count` demo calls ending now, in batches; returns how many were written."""
    end = service.clock.now()
    written = 0
    buffer: list[Call] = []
    for call in generate(count, days=days, seed=seed, end=end):
        buffer.append(call)
        if len(buffer) >= batch:
            written += service.write_many(buffer)
            buffer.clear()
            if progress:
                progress(written, count)
    if buffer:
        written += service.write_many(buffer)
        if progress:
            progress(written, count)
    settle_old_followups(service, end)
    return written


def settle_old_followups(service: CallService, end: datetime, *, days: int = 2,
                         share: int = 95) -> None:
    """A center calls back: follow-ups due more than `days` before `end` are done, except
    about 100 - `share` percent left overdue, so the "due and overdue" list looks like a
    real one (a few dozen items, not every follow-up of the year)."""
    cutoff = int((end - timedelta(days=days)).timestamp())
    with service.store.transaction() as tx:
        tx.execute("UPDATE followups SET done = 1, done_at = due_at, "
                   "note = 'Đã gọi lại (dữ liệu mẫu)' "
                   "WHERE done = 0 AND due_ts < ? AND (id * 2654435761) % 100 < ?",
                   (cutoff, share))
