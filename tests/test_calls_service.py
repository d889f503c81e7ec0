"""CallService: saving with versions, validation, repeat callers, cases, follow-ups, drafts,
listing with filters and keyset paging, phone hashes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hotline import phones
from hotline.calls.models import Call, CallFilter, Citation, Referral
from hotline.calls.service import CallService, ConflictError, NotFoundError
from hotline.calls.taxonomy import Taxonomy
from hotline.calls.validation import ValidationError
from hotline.clock import FixedClock
from hotline.store.db import Store, open_store

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=TZ)


def at(day: int, hour: int = 9, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=TZ)


def make(**changes: object) -> Call:
    base = Call(received_at=NOW - timedelta(minutes=5), categories=("dv.physical",),
                level="counsel", caller_sex="female", caller_age_group="30-44",
                phone="0912345678", caller_name="Nguyễn Thị Lan",
                summary="Chồng say rượu đánh vợ, chị bị bầm tím ở tay.")
    return base.with_changes(**changes)


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    s = open_store(data_dir / "hotline.sqlite")
    yield s
    s.close()


@pytest.fixture
def svc(store: Store) -> CallService:
    return CallService(store, Taxonomy(), FixedClock(fixed=NOW))


def service_at(svc: CallService, when: datetime) -> CallService:
    return CallService(svc.store, svc.taxonomy, FixedClock(fixed=when))


# ------------------------------------------------------------------ save, get, versions
def test_save_and_get_round_trip(svc: CallService) -> None:
    saved = svc.save(make(
        referrals=(Referral(name="Công an phường Hoàn Kiếm", phone="113", category="police"),),
        citations=(Citation(doc_id="13/2022/QH15", article="Điều 22",
                            citation="Luật PCBLGĐ 2022, Điều 22"),),
        province_code="01", vulnerable=("disability",), safe_to_call_back=False,
        callback_note="Chỉ gọi sau 17h khi chồng đi làm", consent_share=True),
        operator="Trần Văn Bình")
    assert saved.id is not None and saved.version == 1
    got = svc.get(saved.id)
    assert got == saved
    assert got.phone == "+84912345678"              # stored in E.164
    assert got.received_at.tzinfo is not None
    assert got.operator == "Trần Văn Bình"
    assert got.caller_name == "Nguyễn Thị Lan"
    assert got.referrals[0].name == "Công an phường Hoàn Kiếm"
    assert got.referrals[0].status == "suggested" and got.referrals[0].id is not None
    assert got.citations[0].article == "Điều 22"
    assert got.safe_to_call_back is False and got.consent_share is True
    assert got.vulnerable == ("disability",)


def test_naive_times_are_center_time_and_duration_is_derived(svc: CallService) -> None:
    naive = datetime(2026, 3, 10, 9, 0)
    saved = svc.save(make(received_at=naive, ended_at=naive + timedelta(minutes=4)))
    assert saved.received_at == datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
    assert saved.duration_s == 240


def test_get_unknown_call(svc: CallService) -> None:
    with pytest.raises(NotFoundError, match="#424242"):
        svc.get(424242)


def test_edit_keeps_earlier_versions(svc: CallService) -> None:
    first = svc.save(make(), operator="Lan")
    second = svc.save(first.with_changes(level="referral", summary="Đã kết nối công an."),
                      operator="Bình")
    third = svc.save(second.with_changes(urgency="priority"), operator="Hồng")
    assert (first.version, second.version, third.version) == (1, 2, 3)
    assert third.id == first.id
    current = svc.get(first.id)  # type: ignore[arg-type]
    assert current.level == "referral" and current.urgency == "priority"
    history = svc.history(first.id)  # type: ignore[arg-type]
    assert [v.version for v in history] == [2, 1]
    assert history[1].call.summary == make().summary
    assert history[1].call.level == "counsel"
    assert history[0].call.summary == "Đã kết nối công an."
    # The edit did not duplicate categories, referrals or the text index.
    assert svc.count(CallFilter(text="ket noi cong an")) == 1
    assert svc.count(CallFilter(text="bam tim")) == 0
    assert svc.count(CallFilter(category="dv.physical")) == 1


def test_stale_edit_is_a_conflict(svc: CallService) -> None:
    saved = svc.save(make())
    svc.save(saved.with_changes(summary="Sửa ở máy khác"))
    with pytest.raises(ConflictError, match="phiên bản 2"):
        svc.save(saved.with_changes(summary="Sửa ở máy này"))
    assert svc.get(saved.id).summary == "Sửa ở máy khác"  # type: ignore[arg-type]
    assert len(svc.history(saved.id)) == 1  # type: ignore[arg-type]


def test_conflict_detected_even_if_the_other_edit_lands_after_loading(
        svc: CallService, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process commits between this save's read and its write transaction."""
    saved = svc.save(make())
    other = CallService(Store(svc.store.path), svc.taxonomy, svc.clock)
    real_validate = CallService.save.__globals__["validate"]

    def validate_then_other_process_saves(*args, **kwargs):  # type: ignore[no-untyped-def]
        monkeypatch.setitem(CallService.save.__globals__, "validate", real_validate)
        other.save(saved.with_changes(summary="Sửa ở máy khác"))
        return real_validate(*args, **kwargs)

    monkeypatch.setitem(CallService.save.__globals__, "validate",
                        validate_then_other_process_saves)
    with pytest.raises(ConflictError):
        svc.save(saved.with_changes(summary="Sửa ở máy này"))
    other.store.close()
    assert svc.get(saved.id).summary == "Sửa ở máy khác"  # type: ignore[arg-type]


# ------------------------------------------------------------------------ validation
@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"channel": "fax"}, "channel", "mã không hợp lệ 'fax'"),
    ({"caller_sex": "F"}, "caller_sex", "mã không hợp lệ"),
    ({"caller_age_group": "40"}, "caller_age_group", "mã không hợp lệ"),
    ({"caller_relation": "husband"}, "caller_relation", "mã không hợp lệ"),
    ({"level": "high"}, "level", "mã không hợp lệ"),
    ({"urgency": "urgent"}, "urgency", "mã không hợp lệ"),
    ({"vulnerable": ("poor",)}, "vulnerable", "mã không hợp lệ"),
    ({"categories": ()}, "categories", "chọn ít nhất một"),
    ({"categories": ("dv.nonsense",)}, "categories", "mã không hợp lệ"),
    ({"follow_up_at": NOW - timedelta(hours=1)}, "follow_up_at", "quá khứ"),
    ({"province_code": "99"}, "province_code", "không có tỉnh"),
    ({"ward_code": "99999"}, "ward_code", "không có xã/phường"),
    ({"province_code": "79", "ward_code": "00070"}, "ward_code", "không thuộc tỉnh"),
    ({"duration_s": -5}, "duration_s", "âm"),
    ({"phone": "0912abc"}, "phone", "chữ cái"),
    ({"phone": "12345"}, "phone", "quá ngắn"),
    ({"referrals": (Referral(name="Công an", status="done"),)}, "referrals",
     "trạng thái chuyển tuyến không hợp lệ 'done'"),
    ({"referrals": (Referral(name="  "),)}, "referrals", "thiếu tên"),
])
def test_validation_names_field_and_reason(svc: CallService, changes: dict, field: str,
                                           message: str) -> None:
    with pytest.raises(ValidationError) as info:
        svc.save(make(**changes))
    fields = {e.field: e.message for e in info.value.errors}
    assert field in fields, fields
    assert message in fields[field]
    assert svc.count(CallFilter()) == 0


def test_valid_ward_in_its_province_and_future_follow_up(svc: CallService) -> None:
    saved = svc.save(make(province_code="01", ward_code="00070",
                          follow_up_at=NOW + timedelta(days=1)))
    assert (saved.province_code, saved.ward_code) == ("01", "00070")


def test_old_follow_up_does_not_block_editing_later(svc: CallService) -> None:
    saved = svc.save(make(follow_up_at=NOW + timedelta(hours=2)))
    later = service_at(svc, NOW + timedelta(days=3))
    edited = later.save(saved.with_changes(outcome="Đã gọi lại"))
    assert edited.follow_up_at == saved.follow_up_at
    with pytest.raises(ValidationError, match="quá khứ"):
        later.save(edited.with_changes(follow_up_at=NOW + timedelta(hours=3)))


# -------------------------------------------------------------------- repeat callers
def test_prior_calls_match_old_and_new_mobile_forms(svc: CallService) -> None:
    first = svc.save(make(phone="0162 345 6789", received_at=at(1), summary="Lần đầu"))
    svc.save(make(phone="+84 323 456 789", received_at=at(5), summary="Lần hai",
                  level="referral"))
    svc.save(make(phone="0912345678", received_at=at(6)))
    svc.save(make(phone="", received_at=at(7)))
    assert first.phone == "+84323456789"
    count, prior = svc.prior_calls(phones.normalize("0323456789"))
    assert count == 2
    assert [p.summary for p in prior] == ["Lần hai", "Lần đầu"]  # newest first
    assert prior[0].level == "referral" and prior[0].categories == ("dv.physical",)
    count, prior = svc.prior_calls("+84323456789", exclude_id=first.id)
    assert count == 1 and prior[0].summary == "Lần hai"
    assert svc.prior_calls("") == (0, [])  # withheld numbers never match each other
    assert svc.prior_calls("+84999999999") == (0, [])


def test_prior_calls_limit_and_total(svc: CallService) -> None:
    svc.write_many(make(received_at=at(1, 8, i)) for i in range(30))
    count, prior = svc.prior_calls("+84912345678", limit=5)
    assert count == 30 and len(prior) == 5
    assert prior[0].received_at > prior[-1].received_at


# ------------------------------------------------------------------------------ cases
def test_case_numbers_count_up_per_year(svc: CallService) -> None:
    assert svc.open_case() == "HS-2026-0001"
    assert svc.open_case() == "HS-2026-0002"
    assert svc.open_case(when=datetime(2027, 1, 2, tzinfo=TZ)) == "HS-2027-0001"
    assert svc.open_case() == "HS-2026-0003"


def test_case_numbers_beyond_9999(svc: CallService) -> None:
    """Imported or demo data may already hold five-digit sequence numbers."""
    with svc.store.transaction() as tx:
        tx.executemany("INSERT INTO cases(number, opened_at) VALUES (?, '2026-01-01')",
                       [(f"HS-2026-{n:04d}",) for n in (9998, 9999, 10000, 10001)]
                       + [("HS-2026-20000A",), ("HS-2027-30000",), ("HS-2026-",)])
    assert svc.open_case() == "HS-2026-10002"
    assert svc.open_case() == "HS-2026-10003"


def test_link_calls_to_a_case(svc: CallService) -> None:
    a = svc.save(make(received_at=at(1)))
    b = svc.save(make(received_at=at(2)))
    number = svc.link_to_case([a.id, b.id])  # type: ignore[list-item]
    assert number == "HS-2026-0001"
    assert svc.get(a.id).case_number == number  # type: ignore[arg-type]
    assert svc.case_for_phone("+84912345678") == number
    assert svc.count(CallFilter(case_number=number)) == 2
    c = svc.save(make(received_at=at(3), case_number=number))
    assert c.case_number == number
    assert svc.count(CallFilter(case_number=number)) == 3
    assert svc.case_for_phone("") == ""


# -------------------------------------------------------------------------- follow-ups
def test_followups_due_overdue_and_complete(svc: CallService) -> None:
    today = svc.save(make(follow_up_at=NOW + timedelta(hours=3), summary="Hôm nay"))
    tomorrow = svc.save(make(follow_up_at=NOW + timedelta(days=1), summary="Ngày mai"))
    svc.save(make(summary="Không theo dõi"))
    due = svc.followups()
    assert [f.call_summary for f in due] == ["Hôm nay"]
    assert due[0].call_id == today.id and not due[0].done
    assert due[0].phone == "+84912345678"

    two_days_later = service_at(svc, NOW + timedelta(days=2))
    overdue = two_days_later.followups()
    assert [f.call_summary for f in overdue] == ["Hôm nay", "Ngày mai"]
    two_days_later.complete_followup(overdue[0].id, note="Đã gọi lại, chị an toàn")
    remaining = two_days_later.followups()
    assert [f.call_id for f in remaining] == [tomorrow.id]
    everything = two_days_later.followups(include_done=True)
    done = [f for f in everything if f.done]
    assert len(done) == 1 and done[0].note == "Đã gọi lại, chị an toàn"
    assert two_days_later.followups(limit=1)[0].call_id == tomorrow.id


def test_follow_up_moves_or_goes_with_the_call(svc: CallService) -> None:
    saved = svc.save(make(follow_up_at=NOW + timedelta(hours=1)))
    moved = svc.save(saved.with_changes(follow_up_at=NOW + timedelta(hours=5)))
    until = NOW + timedelta(days=2)
    items = svc.followups(until=until)
    assert len(items) == 1 and items[0].due_at == "2026-03-10T15:00:00+07:00"
    svc.save(moved.with_changes(follow_up_at=None))
    assert svc.followups(until=until) == []


# ------------------------------------------------------------------------------ drafts
def test_drafts_save_list_discard(svc: CallService) -> None:
    a, b = svc.new_draft_id(), svc.new_draft_id()
    assert a != b
    svc.save_draft(a, {"summary": "Chị đang gọi từ nhà hàng xóm…"}, operator="Lan")
    svc.save_draft(a, {"summary": "Chị đang gọi từ nhà hàng xóm, chồng đã đi"}, operator="Lan")
    svc.save_draft(b, {"phone": "0912"}, operator="Bình", call_id=None)
    drafts = {d.id: d for d in svc.drafts()}
    assert set(drafts) == {a, b}
    assert drafts[a].data == {"summary": "Chị đang gọi từ nhà hàng xóm, chồng đã đi"}
    assert drafts[a].operator == "Lan"
    svc.discard_draft(b)
    assert [d.id for d in svc.drafts()] == [a]


def test_saving_removes_the_draft_in_the_same_commit(svc: CallService,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    draft = svc.new_draft_id()
    svc.save_draft(draft, {"summary": "x"})
    with pytest.raises(ValidationError):
        svc.save(make(categories=()), draft_id=draft)
    assert [d.id for d in svc.drafts()] == [draft]  # a rejected save keeps the draft

    def disk_full(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(svc, "_sync_follow_up", disk_full)
    with pytest.raises(OSError):
        svc.save(make(), draft_id=draft)
    assert [d.id for d in svc.drafts()] == [draft]  # the failed write kept the draft
    assert svc.count(CallFilter()) == 0             # … and saved no half call
    monkeypatch.undo()
    svc.save(make(), draft_id=draft)
    assert svc.drafts() == []
    assert svc.count(CallFilter()) == 1


# ---------------------------------------------------------------------- list, filters
@pytest.fixture
def listed(svc: CallService) -> CallService:
    svc.write_many([
        make(received_at=at(1, 8), categories=("dv.physical", "psy.distress"), level="counsel",
             summary="Chồng đánh vợ, bị bầm tím", phone="0912345678"),
        make(received_at=at(1, 9), categories=("dv.economic",), level="info",
             summary="Chồng giữ hết tiền lương", phone="0987654321"),
        make(received_at=at(2, 23, 59), categories=("child.violence",), level="referral",
             urgency="priority", summary="Cháu bé bị bố dượng đánh", phone=""),
        make(received_at=at(3, 0, 0), categories=("mar.divorce",), level="info",
             summary="Hỏi thủ tục ly hôn", caller_name="Đặng Thị Điệp", phone="02438253536"),
        make(received_at=at(5, 14), categories=("psy.suicide_risk",), level="intervention",
             urgency="emergency", summary="Không muốn sống nữa", phone="0912345678"),
        make(received_at=at(10, 2, month=4), categories=("other",), level="info",
             summary="Hỏi giờ làm việc", phone="113"),
    ])
    return svc


def summaries(svc: CallService, **flt: object) -> list[str]:
    return [c.summary for c in svc.list(CallFilter(**flt))]  # type: ignore[arg-type]


def test_list_newest_first(listed: CallService) -> None:
    assert summaries(listed)[:2] == ["Hỏi giờ làm việc", "Không muốn sống nữa"]
    assert summaries(listed)[-1] == "Chồng đánh vợ, bị bầm tím"
    assert listed.count(CallFilter()) == 6


def test_list_by_local_date_range(listed: CallService) -> None:
    # 23:59 on the 2nd belongs to the 2nd; 00:00 on the 3rd to the 3rd (center time).
    assert summaries(listed, date_from="2026-03-02", date_to="2026-03-02") == [
        "Cháu bé bị bố dượng đánh"]
    assert summaries(listed, date_from="2026-03-03", date_to="2026-03-03") == [
        "Hỏi thủ tục ly hôn"]
    assert len(summaries(listed, date_from="2026-03-01", date_to="2026-03-05")) == 5
    assert len(summaries(listed, date_from="2026-03-04")) == 2
    assert len(summaries(listed, date_to="2026-03-01")) == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("đánh", {"Chồng đánh vợ, bị bầm tím", "Cháu bé bị bố dượng đánh"}),
    ("danh", {"Chồng đánh vợ, bị bầm tím", "Cháu bé bị bố dượng đánh"}),
    ("DANH VO", {"Chồng đánh vợ, bị bầm tím"}),
    ("bam tim", {"Chồng đánh vợ, bị bầm tím"}),
    ("luo", {"Chồng giữ hết tiền lương"}),                    # prefix while typing
    ("diep", {"Hỏi thủ tục ly hôn"}),                         # caller name, đ folded
    ("Điệp", {"Hỏi thủ tục ly hôn"}),
    ("\"; DROP TABLE calls; --", set()),                      # just words, never syntax
])
def test_list_free_text_with_and_without_accents(listed: CallService, text: str,
                                                  expected: set[str]) -> None:
    assert set(summaries(listed, text=text)) == expected


def test_list_by_category_code_and_group(listed: CallService) -> None:
    assert summaries(listed, category="dv.economic") == ["Chồng giữ hết tiền lương"]
    assert set(summaries(listed, category="dv")) == {"Chồng đánh vợ, bị bầm tím",
                                                     "Chồng giữ hết tiền lương"}
    assert set(summaries(listed, category="psy")) == {"Chồng đánh vợ, bị bầm tím",
                                                      "Không muốn sống nữa"}
    assert summaries(listed, category="other") == ["Hỏi giờ làm việc"]
    assert summaries(listed, category="child") == ["Cháu bé bị bố dượng đánh"]


def test_list_by_level_urgency_and_phone(listed: CallService) -> None:
    assert set(summaries(listed, level="info")) == {"Chồng giữ hết tiền lương",
                                                    "Hỏi thủ tục ly hôn", "Hỏi giờ làm việc"}
    assert summaries(listed, urgency="emergency") == ["Không muốn sống nữa"]
    assert summaries(listed, phone="+84912345678") == ["Không muốn sống nữa",
                                                       "Chồng đánh vợ, bị bầm tím"]
    assert summaries(listed, phone="") == summaries(listed)  # empty phone: no filter
    assert summaries(listed, level="info", date_from="2026-03-02", date_to="2026-03-31",
                     text="ly hon") == ["Hỏi thủ tục ly hôn"]


def test_keyset_pages_concatenate_to_the_full_list(svc: CallService) -> None:
    # Many calls share a second: paging must order by (time, id) without gaps or repeats.
    calls = [make(received_at=at(1 + i % 4, 9, (i // 3) % 60), summary=f"cuộc {i}",
                  categories=("dv.physical",) if i % 2 else ("info.law",))
             for i in range(157)]
    svc.write_many(calls)
    for flt in (CallFilter(), CallFilter(category="dv"), CallFilter(date_from="2026-03-02",
                                                                    date_to="2026-03-03")):
        for ascending in (False, True):
            full = svc.list(flt, limit=10_000, ascending=ascending)
            paged, after = [], None
            while True:
                page = svc.list(flt, limit=7, after=after, ascending=ascending)
                paged.extend(page)
                if len(page) < 7:
                    break
                after = (page[-1].received_ts, page[-1].id)
            assert [c.id for c in paged] == [c.id for c in full]
            assert len(full) == svc.count(flt)
            keys = [(c.received_ts, c.id) for c in full]
            assert keys == sorted(keys, reverse=not ascending)


def test_iter_calls_oldest_first_in_full(listed: CallService) -> None:
    calls = list(listed.iter_calls(CallFilter(date_from="2026-03-01", date_to="2026-03-31"),
                                   batch=2))
    assert calls[0].summary == "Chồng đánh vợ, bị bầm tím"
    assert len(calls) == 5
    assert calls[0].categories == ("dv.physical", "psy.distress")


def test_iter_calls_in_batches_gives_what_get_gives(listed: CallService) -> None:
    """Loading in batches: every call whole (case number, referrals, citations in their
    order), oldest first, across batch boundaries and with a call deleted meanwhile."""
    extra = [listed.save(make(
        received_at=at(4, 10 + i), summary=f"Cuộc gọi {i}",
        referrals=tuple(Referral(name=f"Nơi nhận {i}.{j}", phone="113", category="police")
                        for j in range(i % 3)),
        citations=tuple(Citation(doc_id="13/2022/QH15", article=f"Điều {20 + j}",
                                 citation=f"Luật PCBLGĐ 2022, Điều {20 + j}")
                        for j in range((i + 1) % 3))), operator="Lan") for i in range(7)]
    number = listed.link_to_case([extra[1].id, extra[4].id])  # type: ignore[list-item]
    ids = [c.id for c in reversed(listed.list(CallFilter(), limit=100))]
    expected = [listed.get(i) for i in ids]  # type: ignore[arg-type]
    assert sum(len(c.referrals) for c in expected) == 6
    assert sum(bool(c.case_number) for c in expected) == 2
    for batch in (1, 3, 2000):
        assert list(listed.iter_calls(CallFilter(), batch=batch)) == expected
    assert next(c for c in listed.iter_calls(CallFilter())
                if c.id == extra[4].id).case_number == number
    gone = expected[5]
    calls = listed.iter_calls(CallFilter(), batch=5)
    first = [next(calls) for _ in range(5)]  # the first batch is loaded
    with listed.store.transaction() as tx:
        tx.execute("DELETE FROM calls WHERE id = ?", (gone.id,))
    assert [*first, *calls] == [c for c in expected if c.id != gone.id]


# -------------------------------------------------------------------------- phone hash
def test_phone_hash_is_stable_and_keyed(svc: CallService, tmp_path: Path) -> None:
    import hashlib

    h1 = svc.phone_hash("+84912345678")
    assert h1.startswith("h:") and len(h1) > 12
    assert svc.phone_hash("+84912345678") == h1
    assert svc.phone_hash("+84987654321") != h1
    assert svc.phone_hash("") == ""
    assert hashlib.sha256(b"+84912345678").hexdigest()[:20] not in h1  # not a bare hash
    # The key lives in the store: reopening gives the same hash …
    path = svc.store.path
    svc.store.close()
    reopened = CallService(open_store(path), svc.taxonomy, svc.clock)
    assert reopened.phone_hash("+84912345678") == h1
    reopened.store.close()
    # … while another center's store (another key) gives a different one.
    other = CallService(open_store(tmp_path / "other" / "hotline.sqlite"), svc.taxonomy)
    assert other.phone_hash("+84912345678") != h1
    other.store.close()


def test_write_many_is_all_or_nothing(svc: CallService) -> None:
    good = make()
    bad = make(received_at=at(2)).with_changes(case_number="HS-2026-0001")

    def calls() -> Iterator[Call]:
        yield good
        yield bad
        raise RuntimeError("reader broke mid-file")

    with pytest.raises(RuntimeError):
        svc.write_many(calls())
    assert svc.count(CallFilter()) == 0
    assert svc.store.conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
