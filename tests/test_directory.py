"""The support directory service: entries, search, ordering, open now, stale, change log,
bundled national lines and referrals."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hotline.calls.models import Call
from hotline.clock import FixedClock
from hotline.directory import hours
from hotline.directory.models import (
    NATIONAL,
    NEAR_PROVINCE,
    NEAR_WARD,
    DirectoryQuery,
    Entry,
    EntryPhone,
)
from hotline.directory.service import DirectoryService, EntryInvalid, load_bundle

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
THURSDAY_10AM = datetime(2026, 11, 26, 10, 0, tzinfo=TZ)
SUNDAY_NIGHT = datetime(2026, 11, 29, 23, 30, tzinfo=TZ)

HANOI, BA_DINH, HOAN_KIEM = "01", "00004", "00070"
DA_NANG = "48"


@pytest.fixture
def directory(app) -> DirectoryService:
    return DirectoryService(app.store, app.taxonomy, FixedClock(fixed=THURSDAY_10AM))


def add(directory: DirectoryService, name: str, *categories: str, province: str = "",
        ward: str = "", phone: str = "0243 825 1234", hours_text: str = "",
        verified: str = "2026-06-01", **extra) -> Entry:
    return directory.save(Entry(name=name, categories=categories, province_code=province,
                                ward_code=ward, phones=(EntryPhone(phone, "Trực ban"),),
                                hours=hours_text, verified_on=verified, **extra), by="lan")


def names(hits) -> list[str]:
    return [h.entry.name for h in hits]


# ------------------------------------------------------------------------- entries
def test_save_normalises_and_keeps_a_trace(directory: DirectoryService) -> None:
    entry = directory.save(Entry(
        name="  Nhà tạm lánh   Bình Yên ", categories=("shelter",), province_code="1",
        ward_code="4", phones=(EntryPhone("024.3825.1234", "Trực ban"),
                               EntryPhone("0162 345 6789", "Zalo"), EntryPhone("111", "")),
        hours="T2-T6 7:30-17:00"), by="lan")
    assert entry.id.startswith("loc-")
    assert entry.name == "Nhà tạm lánh Bình Yên"
    assert (entry.province_code, entry.ward_code) == (HANOI, BA_DINH)
    assert [p.number for p in entry.phones] == ["+842438251234", "+84323456789", "111"]
    assert entry.phones[0].display == "024 3825 1234"
    assert entry.hours == "Mo-Fr 07:30-17:00"
    assert entry.source  # a local entry says where it came from

    edited = directory.save(entry.with_changes(notes="Có chỗ cho trẻ nhỏ"), by="hoa")
    assert edited.version == 2
    deactivated = directory.deactivate(entry.id, by="hoa", note="đóng cửa")
    assert not deactivated.active
    assert directory.get(entry.id).name == "Nhà tạm lánh Bình Yên"  # never deleted
    log = directory.history(entry.id)
    assert [c.action for c in log] == ["deactivate", "update", "create"]
    assert log[1].fields == ("notes",) and log[1].by == "hoa"
    assert log[1].before is not None and log[1].before["notes"] == ""
    assert log[0].note == "đóng cửa"
    directory.reactivate(entry.id, by="hoa")
    assert directory.get(entry.id).active


def test_invalid_entries_name_every_field(directory: DirectoryService) -> None:
    with pytest.raises(EntryInvalid) as bad_phone:
        directory.save(Entry(name="X", phones=(EntryPhone("12ab"),), hours="25:00-26:00"))
    assert {e.field for e in bad_phone.value.errors} == {"phones", "hours"}
    with pytest.raises(EntryInvalid) as bad:
        directory.save(Entry(name="", categories=("shelter", "spa"), province_code="99",
                             ward_code="00004", verified_on="2030-01-01"))
    fields = {e.field for e in bad.value.errors}
    assert fields == {"name", "categories", "province_code", "ward_code", "verified_on"}
    with pytest.raises(EntryInvalid) as wrong_ward:
        directory.save(Entry(name="X", province_code=DA_NANG, ward_code=BA_DINH))
    assert "Ba Đình" in str(wrong_ward.value)
    assert directory.count() == len(load_bundle().entries)  # nothing was written


def test_concurrent_edit_is_refused(directory: DirectoryService) -> None:
    entry = add(directory, "Trạm y tế", "health", province=HANOI)
    directory.save(entry.with_changes(notes="a"))
    with pytest.raises(EntryInvalid, match="sửa ở nơi khác"):
        directory.save(entry.with_changes(notes="b"))


# -------------------------------------------------------------------------- search
def test_search_ignores_accents_including_d(directory: DirectoryService) -> None:
    add(directory, "Nhà an toàn Hoa Sen", "shelter", province=HANOI,
        services="Tạm lánh khẩn cấp cho phụ nữ bị bạo lực gia đình")
    add(directory, "Trung tâm trợ giúp pháp lý Đà Nẵng", "legal_aid", province=DA_NANG,
        phone="0236 382 2222")
    for text in ("hoa sen", "HOA SEN", "Hoa Sen", "tam lanh khan cap", "tạm lánh khẩn cấp",
                 "an toan"):
        assert names(directory.search(DirectoryQuery(text=text))) == [
            "Nhà an toàn Hoa Sen"], text
    # category labels are searched too: "tạm lánh" finds every shelter
    assert {"Nhà an toàn Hoa Sen", "Đường dây nóng hỗ trợ phụ nữ 1900 969 680"} == set(
        names(directory.search(DirectoryQuery(text="tam lanh"))))
    for text in ("da nang", "Đà Nẵng", "đà nẵng", "tro giup"):
        assert "Trung tâm trợ giúp pháp lý Đà Nẵng" in names(
            directory.search(DirectoryQuery(text=text))), text
    assert names(directory.search(DirectoryQuery(text="hoa se"))) == [
        "Nhà an toàn Hoa Sen"]  # prefixes, as the operator types
    assert directory.search(DirectoryQuery(text="spa massage")) == []
    # a number finds its entry, typed any way
    for typed in ("0236 382", "0236382222", "+84 236 382 2222"):
        assert names(directory.search(DirectoryQuery(text=typed))) == [
            "Trung tâm trợ giúp pháp lý Đà Nẵng"], typed
    # the search text cannot break the query
    assert directory.search(DirectoryQuery(text='" OR * ( NEAR')) == []


def test_filters_by_category_and_province(directory: DirectoryService) -> None:
    add(directory, "Công an phường Ba Đình", "police", province=HANOI, ward=BA_DINH)
    add(directory, "Công an phường Hải Châu", "police", province=DA_NANG, phone="0236 382 1111")
    add(directory, "Bệnh viện Đà Nẵng", "health", province=DA_NANG, phone="0236 382 3333")
    hits = directory.search(DirectoryQuery(category="police", province=DA_NANG))
    assert names(hits) == ["Công an phường Hải Châu"]
    hits = directory.search(DirectoryQuery(province=DA_NANG))
    assert set(names(hits)) == {"Công an phường Hải Châu", "Bệnh viện Đà Nẵng"}
    hits = directory.search(DirectoryQuery(category="police"))
    # no caller location: national lines first (113 is police too), then by name
    assert names(hits) == ["Công an — cảnh sát 113", "Công an phường Ba Đình",
                           "Công an phường Hải Châu"]
    hits = directory.search(DirectoryQuery(text="cong an", province=HANOI))
    assert names(hits) == ["Công an phường Ba Đình"]


def test_near_the_caller_ordering(directory: DirectoryService) -> None:
    add(directory, "A công an Đà Nẵng", "police", province=DA_NANG, phone="0236 382 1111")
    add(directory, "B công an Hoàn Kiếm", "police", province=HANOI, ward=HOAN_KIEM,
        phone="024 3825 0001")
    add(directory, "C công an Ba Đình", "police", province=HANOI, ward=BA_DINH,
        phone="024 3825 0002")
    hits = directory.search(DirectoryQuery(category="police", near_ward=BA_DINH))
    assert names(hits) == ["C công an Ba Đình", "B công an Hoàn Kiếm",
                           "Công an — cảnh sát 113", "A công an Đà Nẵng"]
    assert [h.proximity for h in hits][:3] == [NEAR_WARD, NEAR_PROVINCE, NATIONAL]
    hits = directory.search(DirectoryQuery(category="police", near_province=DA_NANG))
    assert names(hits)[:2] == ["A công an Đà Nẵng", "Công an — cảnh sát 113"]
    # without a location: national first, then by name
    hits = directory.search(DirectoryQuery(category="police"))
    assert names(hits) == ["Công an — cảnh sát 113", "A công an Đà Nẵng",
                           "B công an Hoàn Kiếm", "C công an Ba Đình"]


def test_open_now_from_the_hours(directory: DirectoryService) -> None:
    add(directory, "Văn phòng giờ hành chính", "legal_aid", province=HANOI,
        hours_text="Mo-Fr 07:30-11:30,13:30-17:00")
    add(directory, "Trực đêm", "shelter", province=HANOI, hours_text="Mo-Su 18:00-06:00",
        phone="024 3825 0003")
    add(directory, "Không rõ giờ", "shelter", province=HANOI, phone="024 3825 0004")
    day = directory.search(DirectoryQuery(province=HANOI, open_now=True), now=THURSDAY_10AM)
    assert names(day) == ["Văn phòng giờ hành chính"]
    night = directory.search(DirectoryQuery(province=HANOI, open_now=True), now=SUNDAY_NIGHT)
    assert names(night) == ["Trực đêm"]
    early_monday = datetime(2026, 11, 30, 5, 0, tzinfo=TZ)  # the night shift started Sunday
    assert names(directory.search(DirectoryQuery(province=HANOI, open_now=True),
                                  now=early_monday)) == ["Trực đêm"]
    every = {h.entry.name: h.open_now
             for h in directory.search(DirectoryQuery(province=HANOI), now=THURSDAY_10AM)}
    assert every == {"Văn phòng giờ hành chính": True, "Trực đêm": False, "Không rõ giờ": None}
    nationals = directory.search(DirectoryQuery(text="111", open_now=True), now=SUNDAY_NIGHT)
    assert names(nationals) == ["Tổng đài quốc gia bảo vệ trẻ em 111"]  # 24/7


def test_open_now_keeps_paging_past_closed_entries(directory: DirectoryService) -> None:
    with directory.store.transaction():
        for i in range(30):
            add(directory, f"Đóng {i:02d}", "shelter", province=HANOI,
                hours_text="Sa 08:00-09:00", phone=f"024 3825 1{i:03d}")
    add(directory, "Zzz mở", "shelter", province=HANOI, hours_text="24/7",
        phone="024 3825 2000")
    hits = directory.search(DirectoryQuery(province=HANOI, open_now=True, limit=5))
    assert names(hits) == ["Zzz mở"]


def test_stale_entries_are_marked(directory: DirectoryService) -> None:
    add(directory, "Mới xác minh", "shelter", province=HANOI, verified="2026-01-15")
    add(directory, "Quá 12 tháng", "shelter", province=HANOI, verified="2025-11-25",
        phone="024 3825 0005")
    add(directory, "Đúng 12 tháng", "shelter", province=HANOI, verified="2025-11-26",
        phone="024 3825 0006")
    add(directory, "Chưa xác minh", "shelter", province=HANOI, verified="",
        phone="024 3825 0007")
    stale = {h.entry.name: h.stale for h in directory.search(DirectoryQuery(province=HANOI))}
    assert stale == {"Mới xác minh": False, "Quá 12 tháng": True, "Đúng 12 tháng": False,
                     "Chưa xác minh": True}
    entry = next(h.entry for h in directory.search(DirectoryQuery(text="qua 12")))
    verified = directory.mark_verified(entry.id, by="hoa")
    assert verified.verified_on == "2026-11-26" and verified.verified_by == "hoa"


def test_inactive_entries_are_hidden_unless_asked(directory: DirectoryService) -> None:
    entry = add(directory, "Đã đóng cửa", "shelter", province=HANOI)
    directory.deactivate(entry.id, by="hoa")
    assert directory.search(DirectoryQuery(text="dong cua")) == []
    hits = directory.search(DirectoryQuery(text="dong cua", include_inactive=True))
    assert names(hits) == ["Đã đóng cửa"] and not hits[0].entry.active


def test_duplicates_same_name_and_number(directory: DirectoryService) -> None:
    entry = add(directory, "Trạm y tế phường Ba Đình", "health", province=HANOI)
    twin = Entry(name="TRAM Y TE PHUONG BA DINH", phones=(EntryPhone("+842438251234"),))
    assert [e.id for e in directory.duplicates(twin)] == [entry.id]
    other_number = Entry(name="Trạm y tế phường Ba Đình", phones=(EntryPhone("0912345678"),))
    assert directory.duplicates(other_number) == []


# ------------------------------------------------------------------------- bundled
def test_bundled_national_lines_are_loaded_once(app) -> None:
    bundle = load_bundle()
    ids = {e.id for e in bundle.entries}
    assert {"vn.111", "vn.113", "vn.114", "vn.115", "vn.112", "vn.1900969680",
            "vn.18001233"} <= ids
    line_111 = app.directory.get("vn.111")
    assert line_111.hours == "24/7" and "child_protection" in line_111.categories
    assert "mua bán người" in line_111.services  # NĐ 162/2025
    assert line_111.verified_on == bundle.as_of and bundle.as_of in line_111.source
    legal = app.directory.get("vn.18001233")
    assert legal.phones[0].display == "1800 1233" and "legal_aid" in legal.categories
    women = app.directory.get("vn.1900969680")
    assert "Ngôi nhà Bình yên" in women.organisation
    assert app.directory.ensure_bundled() is False  # already this version
    assert len(app.directory.history("vn.111")) == 1


def test_new_bundle_version_updates_but_respects_the_center(app, monkeypatch) -> None:
    from hotline.directory import service as service_mod

    app.directory.deactivate("vn.114", by="head")
    old = load_bundle()
    changed = [e.with_changes(notes="Ghi chú mới") if e.id == "vn.111" else e
               for e in old.entries if e.id != "vn.112"]
    monkeypatch.setattr(service_mod, "load_bundle", lambda: service_mod.Bundle(
        "2099.1", old.as_of, old.source, tuple(changed)))
    assert app.directory.ensure_bundled() is True
    assert app.directory.get("vn.111").notes == "Ghi chú mới"
    assert app.directory.history("vn.111")[0].fields == ("notes",)
    assert not app.directory.get("vn.114").active  # the center's choice stays
    dropped = app.directory.get("vn.112")  # removed from the bundle: deactivated, kept
    assert not dropped.active and app.directory.history("vn.112")[0].action == "deactivate"


def test_emergency_shows_113_115_111_then_local_police_and_health(
        directory: DirectoryService) -> None:
    add(directory, "Công an phường Ba Đình", "police", province=HANOI, ward=BA_DINH)
    add(directory, "Bệnh viện Xanh Pôn", "health", province=HANOI, phone="024 3823 3075")
    add(directory, "Công an TP Đà Nẵng", "police", province=DA_NANG, phone="0236 382 1111")
    hits = directory.emergency(HANOI, BA_DINH)
    numbers = [h.entry.phones[0].number for h in hits[:3]]
    assert numbers == ["113", "115", "111"]
    assert names(hits[3:]) == ["Công an phường Ba Đình", "Bệnh viện Xanh Pôn"]
    assert names(directory.emergency(""))[:3] == [
        "Công an — cảnh sát 113", "Cấp cứu y tế 115", "Tổng đài quốc gia bảo vệ trẻ em 111"]


# ------------------------------------------------------------------------ referrals
def test_referral_from_entry_is_saved_with_the_call(app, directory: DirectoryService) -> None:
    shelter = add(directory, "Nhà tạm lánh", "shelter", "psychosocial", province=HANOI)
    referral = directory.referral_from_entry(shelter)
    assert (referral.name, referral.phone, referral.entry_id, referral.category,
            referral.status) == ("Nhà tạm lánh", "+842438251234", shelter.id, "shelter",
                                 "suggested")
    call = app.calls.save(Call(received_at=datetime.now(TZ), categories=("dv.physical",),
                               level="referral", referrals=(referral,)), operator="lan")
    saved = call.referrals[0]
    assert saved.entry_id == shelter.id and saved.created_by == "lan"
    # the snapshot stays even if the entry changes later
    directory.save(directory.get(shelter.id).with_changes(name="Nhà tạm lánh (mới)"))
    assert app.calls.get(call.id).referrals[0].name == "Nhà tạm lánh"
    open_items = directory.referrals()
    assert [(r.call_id, r.status) for r in open_items] == [(call.id, "suggested")]
    app.calls.update_referral(saved.id, "accepted", "đã nhận")
    app.calls.update_referral(saved.id, "completed")
    assert directory.referrals() == []
    done = directory.referrals(statuses=None, entry_id=shelter.id)
    assert [(r.status, r.note) for r in done] == [("completed", "đã nhận")]
    counts = directory.referral_counts(date_from=call.day, date_to=call.day)
    assert counts == {("shelter", "completed"): 1}


def test_hours_text_round_trips() -> None:
    for text in ("24/7", "Mo-Fr 07:30-11:30,13:30-17:00; Sa 07:30-11:30",
                 "Mo-Su 18:00-06:00", "Tu 08:00-24:00; Th 08:00-12:00"):
        assert hours.normalise(text) == text
        assert hours.normalise(hours.describe(hours.parse(text)).replace("–", "-")
                               .replace(" (cả ngày, mọi ngày)", "")) == text
    assert hours.normalise("Thứ 2 - Thứ 6: 7h30-17h") == "Mo-Fr 07:30-17:00"
    assert hours.normalise("00:00-24:00") == "24/7"
    with pytest.raises(hours.HoursError, match="không hiểu ngày"):
        hours.parse("Xx 08:00-09:00")
