"""Directory import/export: flat CSV and Open Referral HSDS, round-trips, the official HSDS
example set, and bad files that must leave the database as it was."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from encoding_helpers import ENCODERS, VARIANTS, header_offset, variant_bytes

from hotline.app import open_app
from hotline.directory import exchange, flatcsv, hsds
from hotline.directory.models import Entry, EntryPhone
from hotline.directory.transfer import ImportFailed

HSDS_EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "hsds-examples"
HEADER = ",".join(flatcsv.COLUMNS)


def snapshot(app) -> tuple[list[dict], int]:
    entries = [e.content() for e in app.directory.iter_entries()]
    changes = app.store.conn.execute("SELECT count(*) FROM directory_changes").fetchone()[0]
    return entries, changes


def write_csv(path: Path, rows: list[dict[str, str]], *, columns=flatcsv.COLUMNS,
              encoding: str = "utf-8-sig") -> Path:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sample_entries(app) -> None:
    d = app.directory
    d.save(Entry(name="Nhà tạm lánh Bình Yên", organisation="Hội LHPN thành phố",
                 categories=("shelter", "women_union"), province_code="01", ward_code="00004",
                 address="Số 5, ngõ 10, phố Đội Cấn",
                 phones=(EntryPhone("024 3825 1234", "Trực ban: 24/7"),
                         EntryPhone("0912 345 678", "Zalo")),
                 hours="T2-T6 07:30-11:30,13:30-17:00; T7 08:00-12:00",
                 services="Tạm lánh, tư vấn tâm lý", eligibility="Phụ nữ và trẻ em",
                 languages=("vi", "Tiếng H'Mông"), notes="Gọi trước.\nCó chỗ cho trẻ nhỏ.",
                 verified_on="2025-01-02", verified_by="Lan"), by="lan")
    d.save(Entry(name="Công an phường Ba Đình", categories=("police",), province_code="01",
                 ward_code="00004", phones=(EntryPhone("024 3942 1234", "Trực ban"),),
                 hours="Mo-Su 18:00-06:00"), by="lan")
    night = d.save(Entry(name="Phòng khám đêm", categories=("health",),
                         phones=(EntryPhone("0987 654 321"),), hours="24/7",
                         verified_on="2026-01-01"), by="lan")
    d.deactivate(night.id, by="lan")


# ------------------------------------------------------------------------ round trips
@pytest.mark.parametrize("target", ["danh-ba.csv", "hsds", "hsds.zip"])
def test_export_then_import_gives_the_same_entries(app, tmp_path: Path, target: str) -> None:
    sample_entries(app)
    out = tmp_path / target
    count = exchange.export_path(app.directory, out)
    assert count == app.directory.count(include_inactive=True)
    other = open_app(tmp_path / "other")
    try:
        report = exchange.import_path(other.directory, out, by="hoa")
        assert report.warnings == [] and report.duplicates == []
        assert report.created == 3 and report.unchanged == count - 3
        mine = {e.id: e.content() for e in app.directory.iter_entries()}
        theirs = {e.id: e.content() for e in other.directory.iter_entries()}
        assert theirs == mine
        # importing the same file again changes nothing and doubles nothing
        again = exchange.import_path(other.directory, out, by="hoa")
        assert (again.created, again.updated, again.unchanged) == (0, 0, count)
        assert other.directory.count(include_inactive=True) == count
    finally:
        other.close()


def test_flat_export_is_excel_friendly(app, tmp_path: Path) -> None:
    sample_entries(app)
    out = tmp_path / "danh-ba.csv"
    exchange.export_path(app.directory, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    shelter = next(r for r in rows if r["name"] == "Nhà tạm lánh Bình Yên")
    assert shelter["phones"] == "Trực ban: 24/7: 024 3825 1234 | Zalo: 0912 345 678"
    assert shelter["categories"] == "shelter;women_union"
    assert shelter["province_name"] == "Thành phố Hà Nội"
    assert shelter["ward_name"] == "Phường Ba Đình"
    assert shelter["notes"] == "Gọi trước.\nCó chỗ cho trẻ nhỏ."


def test_hsds_export_follows_the_specification(app, tmp_path: Path) -> None:
    sample_entries(app)
    out = tmp_path / "hsds"
    exchange.export_path(app.directory, out, fmt="hsds")
    for name, header in hsds.HEADERS.items():
        with open(out / name, encoding="utf-8", newline="") as fh:
            assert tuple(next(csv.reader(fh))) == header, name
    services = list(read_rows(out / "services.csv"))
    assert all(hsds._UUID.match(s["id"]) for s in services)
    shelter = next(s for s in services if s["name"] == "Nhà tạm lánh Bình Yên")
    schedules = [r for r in read_rows(out / "schedules.csv")
                 if r["service_id"] == shelter["id"]]
    rules = {(r["byday"], r["opens_at"], r["closes_at"]) for r in schedules}
    assert rules == {("MO,TU,WE,TH,FR", "07:30", "11:30"), ("MO,TU,WE,TH,FR", "13:30", "17:00"),
                     ("SA", "08:00", "12:00")}
    addresses = list(read_rows(out / "addresses.csv"))
    assert {"state_province": "Thành phố Hà Nội", "city": "Phường Ba Đình", "country": "VN"
            }.items() <= addresses[0].items()
    # exporting twice gives the same files (stable ids)
    again = tmp_path / "again"
    exchange.export_path(app.directory, again, fmt="hsds")
    for name in hsds.HEADERS:
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


# ----------------------------------------------------------------- other systems' files
@pytest.mark.skipif(not HSDS_EXAMPLES.is_dir(), reason="../shared/hsds-examples absent")
def test_the_official_hsds_example_set_imports(app) -> None:
    before_count = app.directory.count()
    report = exchange.import_path(app.directory, HSDS_EXAMPLES, by="hoa")
    assert report.created == 1
    entry = app.directory.get("ac148810-d857-441c-9679-408f346de14b")
    assert entry.name == "Community Counselling"
    assert entry.organisation == "Example Organization Inc."
    assert entry.phones[0].number == "+441234234567"
    assert "100" in entry.phones[0].label  # the extension
    assert entry.hours == "Th-Fr 10:00-18:00"
    assert entry.province_code == "" and "MyCity" in entry.address
    assert entry.languages == ("ur",)
    assert entry.verified_on == "2005-01-01"
    messages = [str(w) for w in report.warnings]
    assert any("addresses.csv" in m and "ngoài Việt Nam" in m for m in messages)
    # zipped, it imports the same (and is recognised as already there)
    archive = Path(app.data_dir) / "example.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in HSDS_EXAMPLES.glob("*.csv"):
            zf.write(f, f"export/{f.name}")
    again = exchange.import_path(app.directory, archive, by="hoa")
    assert again.created == 0 and again.total == 1  # the same service, not a second one
    assert app.directory.count() == before_count + 1


def test_hsds_from_another_system_with_old_provinces(app, tmp_path: Path) -> None:
    sample_entries(app)
    out = tmp_path / "hsds"
    exchange.export_path(app.directory, out, fmt="hsds")
    # another system: its own ids, an old province and an old address
    rows = list(read_rows(out / "addresses.csv"))
    rows[0]["state_province"] = "Tỉnh Quảng Nam"
    rows[0]["city"] = ""
    rows[0]["address_1"] = "12 Trần Phú, Hội An, Quảng Nam"
    with open(out / "addresses.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=hsds.HEADERS["addresses.csv"])
        writer.writeheader()
        writer.writerows(rows)
    locations = list(read_rows(out / "locations.csv"))
    for loc in locations:
        loc["external_identifier"] = loc["external_identifier_type"] = ""
    with open(out / "locations.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=hsds.HEADERS["locations.csv"])
        writer.writeheader()
        writer.writerows(locations)
    other = open_app(tmp_path / "other")
    try:
        report = exchange.import_path(other.directory, out, by="hoa")
        moved = [e for e in other.directory.iter_entries() if e.address.startswith("12 Trần")]
        assert len(moved) == 1 and moved[0].province_code == "48"  # Đà Nẵng since 2025
        assert moved[0].id == next(s for s in read_rows(out / "services.csv")
            if s["id"] == moved[0].id)["id"]  # the service UUID becomes the id
        warnings = [str(w) for w in report.warnings]
        assert any("addresses.csv" in w and "Quảng Nam" in w and "Đà Nẵng" in w
                   for w in warnings)
        assert report.created == 3
    finally:
        other.close()


def test_flat_import_maps_old_provinces_and_names(app, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cu.csv", [
        {"name": "Trung tâm CTXH Hà Giang", "categories": "Công tác xã hội",
         "province_code": "Tỉnh Hà Giang", "phones": "0219 386 1234"},
        {"name": "Hội phụ nữ Bình Dương", "categories": "women_union",
         "address": "Số 1, phường Phú Cường, tỉnh Bình Dương", "phones": "Văn phòng: 0274 382 2222",
         "verified_on": "05/03/2026"},
        {"name": "UBND phường Ba Đình", "categories": "commune_authority",
         "province_name": "Hà Nội", "ward_name": "Phường Ba Đình", "phones": "024 3733 1234",
         "active": "có"},
    ])
    report = exchange.import_path(app.directory, path, by="hoa")
    assert report.created == 3
    by_name = {e.name: e for e in app.directory.iter_entries()}
    assert by_name["Trung tâm CTXH Hà Giang"].province_code == "08"
    assert by_name["Trung tâm CTXH Hà Giang"].categories == ("social_work",)
    assert by_name["Hội phụ nữ Bình Dương"].province_code == "79"
    assert by_name["Hội phụ nữ Bình Dương"].verified_on == "2026-03-05"
    assert by_name["UBND phường Ba Đình"].ward_code == "00004"
    warnings = [str(w) for w in report.warnings]
    assert any(w.startswith("cu.csv, dòng 2, cột province_code") and "Tuyên Quang" in w
               for w in warnings)
    assert any(w.startswith("cu.csv, dòng 3, cột address") and "Hồ Chí Minh" in w
               for w in warnings)
    assert by_name["UBND phường Ba Đình"].source.startswith("Nhập từ cu.csv")


def test_duplicates_are_reported_not_doubled(app, tmp_path: Path) -> None:
    sample_entries(app)
    path = write_csv(tmp_path / "dup.csv", [
        {"name": "Công an phường Ba Đình", "categories": "police", "phones": "024 3942 1234"},
        {"name": "Trạm y tế", "categories": "health", "phones": "024 3999 0000"},
        {"name": "TRẠM Y TẾ", "categories": "health", "phones": "+84 24 3999 0000"},
    ])
    before = app.directory.count(include_inactive=True)
    report = exchange.import_path(app.directory, path, by="hoa")
    assert report.created == 1
    assert app.directory.count(include_inactive=True) == before + 1
    dups = [str(d) for d in report.duplicates]
    assert len(dups) == 2
    assert dups[0].startswith("dup.csv, dòng 2, cột name") and "đã có" in dups[0]
    assert dups[1].startswith("dup.csv, dòng 4") and "dòng 3" in dups[1]


# ------------------------------------------------------------------------- bad files
def good_row(**changes: str) -> dict[str, str]:
    row = {"name": "Nhà tạm lánh", "categories": "shelter", "province_code": "01",
           "phones": "024 3825 9999"}
    row.update(changes)
    return row


def assert_nothing_imported(app, path: Path, *expected: str) -> ImportFailed:
    before = snapshot(app)
    with pytest.raises(ImportFailed) as failed:
        exchange.import_path(app.directory, path, by="hoa")
    assert snapshot(app) == before
    text = str(failed.value)
    for part in expected:
        assert part in text, (part, text)
    return failed.value


def test_missing_columns(app, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "thieu.csv", [good_row()],
                     columns=("name", "province_code", "phones"))
    assert_nothing_imported(app, path, "thieu.csv, dòng 1, cột categories", "thiếu cột")


def test_bad_phone_unknown_category_bad_values_name_row_and_column(app, tmp_path) -> None:
    path = write_csv(tmp_path / "loi.csv", [
        good_row(name="Một"),
        good_row(name="Hai", phones="Trực ban: 12ab"),
        good_row(name="Ba", categories="shelter;spa"),
        good_row(name="Bốn", ward_code="00004", province_code="48"),
        good_row(name="Năm", hours="T9 08:00-17:00", verified_on="hôm qua"),
        good_row(name="", province_code="Gotham"),
    ])
    failed = assert_nothing_imported(
        app, path, "loi.csv, dòng 3, cột phones", "12ab",
        "loi.csv, dòng 4, cột categories", "'spa'",
        "loi.csv, dòng 5, cột ward_code", "loi.csv, dòng 6, cột verified_on",
        "loi.csv, dòng 7, cột province_code")
    assert not any("dòng 2" in str(e) for e in failed.errors)  # the good row is fine


def test_duplicate_ids_in_a_file(app, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "id.csv", [good_row(id="x-1"),
                                            good_row(id="x-1", name="Khác", phones="0912 000 111")])
    assert_nothing_imported(app, path, "id.csv, dòng 3, cột id", "trùng với dòng 2")


@pytest.mark.parametrize(("content", "expected"), [
    (b"PK\x03\x04\x14\x00\x06\x00xl/workbook.xml" + bytes(100), "bảng tính Excel (.xlsx)"),
    (bytes(range(256)) * 4, "không phải tệp văn bản"),
    ((HEADER + "\n,Café,,shelter,01,,,,,,0243 825 9999\n,Crème,,shelter,01,,,,,,"
      "0243 825 9998\n").encode("cp1252"), "ban.csv, dòng 2: không nhận ra bảng mã"),
])
def test_unreadable_files_import_nothing(app, tmp_path: Path, content: bytes,
                                         expected: str) -> None:
    path = tmp_path / "ban.csv"
    path.write_bytes(content)
    assert_nothing_imported(app, path, "ban.csv", expected)


def test_corrupt_zip_and_empty_or_strange_paths(app, tmp_path: Path) -> None:
    broken = tmp_path / "hong.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert_nothing_imported(app, broken, "hong.zip", "zip bị hỏng")
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    assert_nothing_imported(app, empty, "tệp rỗng")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.csv").write_text("x\n", encoding="utf-8")
    (folder / "b.csv").write_text("y\n", encoding="utf-8")
    assert_nothing_imported(app, folder, "services.csv")
    assert_nothing_imported(app, tmp_path / "khong-co.csv", "không tìm thấy")


def test_bad_hsds_phone_points_at_phones_csv(app, tmp_path: Path) -> None:
    sample_entries(app)
    out = tmp_path / "hsds"
    exchange.export_path(app.directory, out, fmt="hsds")
    other = open_app(tmp_path / "other")
    try:
        text = (out / "phones.csv").read_text(encoding="utf-8")
        (out / "phones.csv").write_text(text.replace("+842439421234", "12-AB"),
                                        encoding="utf-8")
        assert_nothing_imported(other, out, "phones.csv, dòng", "cột number", "12-AB")
        shutil.copy(out / "services.csv", tmp_path / "services.bak")
        (out / "services.csv").write_text("name,status\nX,active\n", encoding="utf-8")
        assert_nothing_imported(other, out, "services.csv, dòng 1, cột id")
    finally:
        other.close()


def test_import_is_all_or_nothing_even_when_writing_fails(app, tmp_path: Path,
                                                          monkeypatch) -> None:
    path = write_csv(tmp_path / "ok.csv", [good_row(name=f"Mục {i}", phones=f"024 3825 {i:04d}")
                                           for i in range(50)])
    before = snapshot(app)
    calls = {"n": 0}
    real = app.directory._upsert

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 40:
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(app.directory, "_upsert", failing)
    with pytest.raises(OSError):
        exchange.import_path(app.directory, path, by="hoa")
    assert snapshot(app) == before


# ------------------------------------------------------- what other programs write
# Entries as a center keeps them in a spreadsheet (no capital with a tone: TCVN3 has none).
OFFICE_ROWS = [
    ["id", "name", "organisation", "categories", "province_code", "ward_name", "address",
     "phones", "hours", "services", "notes", "verified_on", "active"],
    ["nha-tam-lanh", "Nhà tạm lánh Bình Yên", "Hội liên hiệp phụ nữ thành phố",
     "shelter;women_union", "01", "Phường Ba Đình", "Số 5, ngõ 10, phố Đội Cấn",
     "Trực ban: 024 3825 1234 | Zalo: 0912 345 678", "T2-T6 07:30-11:30,13:30-17:00",
     "Tạm lánh, tư vấn tâm lý", "Gọi trước; có chỗ cho trẻ nhỏ", "2026-01-02", "1"],
    ["cong-an-ba-dinh", "Công an phường Ba Đình", "", "Công an", "Hà Nội", "", "",
     "024 3942 1234", "24/7", "", "", "05/03/2026", "có"],
]
LEGACY_NAMES = {"cp1258": "Windows-1258", "tcvn3": "TCVN3", "vni": "VNI"}


def contents(app) -> dict[str, dict]:
    return {e.id: e.content() for e in app.directory.iter_entries(include_inactive=True)}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_kind_of_flat_file_imports_the_same_entries(app, tmp_path: Path,
                                                          variant: str) -> None:
    clean_dir, office_dir = tmp_path / "clean", tmp_path / "office"
    clean_dir.mkdir()
    office_dir.mkdir()
    (clean_dir / "danh-ba.csv").write_bytes(variant_bytes(OFFICE_ROWS, "google-sheets (UTF-8, LF)"))
    (office_dir / "danh-ba.csv").write_bytes(variant_bytes(OFFICE_ROWS, variant))
    clean = open_app(tmp_path / "clean-app")
    try:
        assert exchange.import_path(clean.directory, clean_dir / "danh-ba.csv").created == 2
        expected = contents(clean)
    finally:
        clean.close()
    report = exchange.import_path(app.directory, office_dir / "danh-ba.csv", by="hoa")
    assert report.created == 2
    assert contents(app) == expected
    assert app.directory.get("nha-tam-lanh").name == "Nhà tạm lánh Bình Yên"
    encoding = VARIANTS[variant]["encoding"]
    notes = [str(w) for w in report.warnings if w.row == 0]
    if encoding in LEGACY_NAMES:
        assert notes == [f"danh-ba.csv: Tệp dùng bảng mã {LEGACY_NAMES[encoding]} — đã "
                         "chuyển sang Unicode"]
    else:
        assert notes == []


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_flat_row_numbers_stay_right_in_every_kind_of_file(app, tmp_path: Path,
                                                           variant: str) -> None:
    rows = [OFFICE_ROWS[0], OFFICE_ROWS[1], [*OFFICE_ROWS[2][:3], "nhà hàng",
                                             *OFFICE_ROWS[2][4:]]]
    path = tmp_path / "loi.csv"
    path.write_bytes(variant_bytes(rows, variant))
    line = 1 + header_offset(variant) + 2
    failed = assert_nothing_imported(app, path, f"loi.csv, dòng {line}, cột categories",
                                     "nhà hàng")
    encoding = VARIANTS[variant]["encoding"]
    if encoding in LEGACY_NAMES:  # told even when the import fails
        assert any(LEGACY_NAMES[encoding] in str(w) for w in failed.warnings)
    rows = [[c for c in OFFICE_ROWS[0] if c != "phones"], OFFICE_ROWS[1][:7]]
    path.write_bytes(variant_bytes(rows, variant))
    assert_nothing_imported(app, path, f"loi.csv, dòng {1 + header_offset(variant)}, "
                                       "cột phones", "thiếu cột")


@pytest.mark.parametrize("encoding", ["cp1258", "utf-16", "tcvn3"])
def test_hsds_folder_saved_again_by_excel_imports_the_same_entries(app, tmp_path: Path,
                                                                   encoding: str) -> None:
    """Each table of an HSDS export opened in Excel and saved again in another encoding."""
    sample_entries(app)
    if encoding == "tcvn3":  # no capital with a tone, no "§" in TCVN3: keep to what it has
        for entry in app.directory.iter_entries(include_inactive=True):
            app.directory.save(entry.with_changes(
                languages=("vi",), source=entry.source.replace("§", "mục ")), by="lan")
    out = tmp_path / "hsds"
    exchange.export_path(app.directory, out, fmt="hsds")
    for path in out.glob("*.csv"):
        path.write_bytes(ENCODERS[encoding](path.read_text(encoding="utf-8-sig")))
    other = open_app(tmp_path / "other")
    try:
        report = exchange.import_path(other.directory, out, by="hoa")
        assert contents(other) == contents(app)
        notes = {str(w) for w in report.warnings if w.row == 0}
        if encoding == "utf-16":
            assert notes == set()
        else:
            label = LEGACY_NAMES[encoding]
            assert f"services.csv: Tệp dùng bảng mã {label} — đã chuyển sang Unicode" in notes
    finally:
        other.close()


def test_an_excel_workbook_imports_the_same_entries(app, tmp_path: Path) -> None:
    from encoding_helpers import xlsx_bytes

    clean = open_app(tmp_path / "clean-app")
    try:
        (tmp_path / "danh-ba.csv").write_bytes(variant_bytes(OFFICE_ROWS,
                                                             "google-sheets (UTF-8, LF)"))
        exchange.import_path(clean.directory, tmp_path / "danh-ba.csv")
        expected = {k: {**v, "source": ""} for k, v in contents(clean).items()}
    finally:
        clean.close()
    path = tmp_path / "danh-ba.xlsx"
    path.write_bytes(xlsx_bytes(OFFICE_ROWS, title="Danh bạ dịch vụ hỗ trợ"))
    report = exchange.import_path(app.directory, path, by="hoa")
    assert report.created == 2
    assert {k: {**v, "source": ""} for k, v in contents(app).items()} == expected
    assert app.directory.get("nha-tam-lanh").source.startswith("Nhập từ danh-ba.xlsx")
    rows = [OFFICE_ROWS[0], [*OFFICE_ROWS[1][:3], "nhà hàng", *OFFICE_ROWS[1][4:]]]
    path.write_bytes(xlsx_bytes(rows, title="Danh bạ"))
    assert_nothing_imported(app, path, "danh-ba.xlsx, dòng 3, cột categories", "nhà hàng")
