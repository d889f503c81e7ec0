"""Call CSV v1: the export contract, de-identification, round trips, and atomic imports whose
errors name the row and the column."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from encoding_helpers import VARIANTS, header_offset, variant_bytes

from hotline.app import App, open_app
from hotline.calls import csvio
from hotline.calls.models import Call, CallFilter, Referral

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
HEADER = ("id,received_at,duration_s,channel,operator,phone,caller_name,caller_sex,"
          "caller_age_group,caller_relation,province_code,ward_code,victim_sex,"
          "victim_age_group,categories,level,urgency,summary,outcome,referrals,follow_up_at,"
          "case_id")
ALL = CallFilter(date_from="2020-01-01", date_to="2030-12-31")


def dump(app: App) -> list[tuple]:
    """Everything an import could touch."""
    conn = app.store.conn
    rows: list[tuple] = []
    for table in ("calls", "call_categories", "cases", "followups", "referrals",
                  "call_versions", "calls_fts"):
        rows.append((table,))
        rows.extend(sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {table}")), key=repr))
    return rows


def sample_calls(now: datetime) -> list[Call]:
    day = datetime(2026, 3, 5, 9, 15, tzinfo=TZ)
    return [
        Call(received_at=day, duration_s=240, phone="0912 345 678",
             caller_name="Nguyễn Thị Điệp", caller_sex="female", caller_age_group="30-44",
             caller_relation="self", province_code="01", ward_code="00070",
             categories=("dv.physical", "psy.distress"), level="referral",
             urgency="priority", summary="Chồng đánh, chị Điệp bị bầm tím; đã báo công an.",
             outcome="Đã kết nối, hẹn gọi lại", follow_up_at=now + timedelta(days=2),
             referrals=(Referral(name="Công an phường Hoàn Kiếm", phone="113"),
                        Referral(name="Trạm y tế; cơ sở 2")),
             case_number="HS-2026-0007", operator="Lê Thu Trang"),
        Call(received_at=day + timedelta(hours=1), duration_s=30, phone="",
             categories=("nc.silent",), level="info", operator="Lê Thu Trang"),
        Call(received_at=day + timedelta(days=1), duration_s=600, phone="0243 825 3536",
             caller_name='Trần "Bé" Hoa', caller_sex="female", caller_age_group="45-59",
             caller_relation="family", victim_sex="female", victim_age_group="12-15",
             categories=("child.violence",), level="in_depth", urgency="emergency",
             summary="Cháu bị bố dượng đánh,\nnhiều vết thương", outcome="",
             channel="phone_in", operator="Nguyễn Thị Hồng"),
    ]


@pytest.fixture
def filled(app: App, now: datetime) -> App:
    for call in sample_calls(now):
        app.calls.save(call)
    return app


def export(app: App, out: Path, *, with_pii: bool = False) -> bytes:
    csvio.export_calls(app.calls, ALL, out, with_pii=with_pii)
    return out.read_bytes()


# ----------------------------------------------------------------------------- export
def test_export_header_and_bom(filled: App, tmp_path: Path) -> None:
    data = export(filled, tmp_path / "out.csv")
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode() + b"\r\n")
    text = data.decode("utf-8-sig")
    assert ",".join(csvio.COLUMNS) == HEADER
    assert len(text.strip().split("\r\n")) >= 4


def test_export_without_pii_leaks_no_name_summary_or_number(filled: App,
                                                            tmp_path: Path) -> None:
    data = export(filled, tmp_path / "out.csv")
    for secret in ("912345678", "0912", "2438253536", "3825", "Điệp", "Diep", "Hoa",
                   "bầm tím", "bố dượng"):
        assert secret.encode() not in data, secret
    rows = csvio.parse_rows(data.decode("utf-8-sig"), filled.calls)[0]
    first = rows[0][1]
    assert first.phone.startswith("h:") and first.caller_name == "" and first.summary == ""
    assert first.outcome == "Đã kết nối, hẹn gọi lại"   # not personal: kept
    assert rows[1][1].phone == ""                        # withheld stays empty
    # The same caller gets the same pseudonym, so repeat callers stay countable.
    assert filled.calls.phone_hash("+84912345678") == first.phone


def test_export_with_pii_has_everything(filled: App, tmp_path: Path) -> None:
    text = export(filled, tmp_path / "out.csv", with_pii=True).decode("utf-8-sig")
    assert "+84912345678" in text and "Nguyễn Thị Điệp" in text
    assert '"Cháu bị bố dượng đánh,\nnhiều vết thương"' in text
    assert "Công an phường Hoàn Kiếm;Trạm y tế, cơ sở 2" in text
    assert "HS-2026-0007" in text


@pytest.mark.parametrize("with_pii", [True, False])
def test_export_import_export_is_byte_identical(filled: App, tmp_path: Path,
                                                with_pii: bool) -> None:
    first = export(filled, tmp_path / "first.csv", with_pii=with_pii)
    fresh = open_app(tmp_path / "fresh")
    try:
        result = csvio.import_calls(fresh.calls, tmp_path / "first.csv")
        assert result.imported == 3
        second = export(fresh, tmp_path / "second.csv", with_pii=with_pii)
        # Importing the same file again changes nothing.
        again = csvio.import_calls(fresh.calls, tmp_path / "first.csv")
        assert (again.imported, again.unchanged) == (0, 3)
    finally:
        fresh.close()
    assert second == first


def test_export_is_atomic(filled: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.csv"
    out.write_text("old report", encoding="utf-8")

    def broken_row(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("disk error")

    monkeypatch.setattr(csvio, "call_row", broken_row)
    with pytest.raises(RuntimeError):
        csvio.export_calls(filled.calls, ALL, out)
    assert out.read_text(encoding="utf-8") == "old report"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


# ---------------------------------------------------------------------------- import
def write(tmp_path: Path, content: str | bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


GOOD_ROW = ("5,2026-03-05T09:15:00+07:00,240,phone_in,Lan,0912345678,Nguyễn Thị Lan,female,"
            "30-44,self,01,00070,,,dv.physical,counsel,routine,Chồng đánh vợ,,,,")


def assert_import_fails(app: App, path: Path, *expected: tuple[int, str, str]) -> None:
    """The import fails as a whole, leaves the database as it was, and each expected
    (row, column, words) error is reported."""
    before = dump(app)
    with pytest.raises(csvio.ImportFailed) as info:
        csvio.import_calls(app.calls, path)
    assert dump(app) == before
    errors = info.value.errors
    for row, column, words in expected:
        hits = [e for e in errors if e.row == row and e.column == column and words in e.message]
        assert hits, f"no error row={row} column={column} '{words}' in: {errors}"
        text = str(hits[0])
        if row:
            assert f"dòng {row}" in text
        if column:
            assert f"cột {column}" in text


@pytest.fixture
def base(filled: App) -> App:
    """A database with calls in it: a failed import must leave them exactly as they were."""
    assert filled.calls.count(CallFilter()) == 3
    return filled


def test_import_empty_file(base: App, tmp_path: Path) -> None:
    assert_import_fails(base, write(tmp_path, b""), (0, "", "rỗng"))
    assert_import_fails(base, write(tmp_path, b"\xef\xbb\xbf\r\n  \r\n"), (0, "", "rỗng"))


def test_import_header_only(base: App, tmp_path: Path) -> None:
    assert_import_fails(base, write(tmp_path, HEADER + "\r\n"), (0, "", "không có dòng"))


def test_import_wrong_header(base: App, tmp_path: Path) -> None:
    path = write(tmp_path, "ngày,số điện thoại,vấn đề\n05/03/2026,0912345678,dv.physical\n")
    assert_import_fails(base, path, (1, "received_at", "thiếu cột"),
                        (1, "categories", "thiếu cột"), (1, "level", "thiếu cột"))
    dup = HEADER.replace("outcome", "level")
    assert_import_fails(base, write(tmp_path, dup + "\n" + GOOD_ROW + "\n"),
                        (1, "level", "lặp"))


@pytest.mark.parametrize(("change", "row", "column", "words"), [
    (("2026-03-05T09:15:00+07:00", "2026-13-45"), 2, "received_at", "ngày giờ không hợp lệ"),
    (("2026-03-05T09:15:00+07:00", ""), 2, "received_at", "thiếu"),
    (("dv.physical", "dv.unknown"), 2, "categories", "không hợp lệ 'dv.unknown'"),
    (("dv.physical", ""), 2, "categories", "thiếu"),
    (("counsel", "very_high"), 2, "level", "không hợp lệ 'very_high'"),
    ((",female,", ",woman,"), 2, "caller_sex", "không hợp lệ 'woman'"),
    (("0912345678", "0912-ABC"), 2, "phone", "chữ cái"),
    (("0912345678", "09123"), 2, "phone", "quá ngắn"),
    ((",240,", ",bốn phút,"), 2, "duration_s", "số giây"),
    ((",01,", ",99,"), 2, "province_code", "không có tỉnh"),
    ((",01,00070", ",79,00070"), 2, "ward_code", "không thuộc tỉnh"),
    ((",routine,", ",khẩn,"), 2, "urgency", "không hợp lệ"),
])
def test_import_bad_value_names_row_and_column(base: App, tmp_path: Path,
                                               change: tuple[str, str], row: int, column: str,
                                               words: str) -> None:
    bad = GOOD_ROW.replace(*change, 1)
    assert bad != GOOD_ROW
    # The bad row is the last: the good rows before it must not be imported either.
    good2 = GOOD_ROW.replace("5,", "", 1)
    path = write(tmp_path, HEADER + "\n" + good2 + "\n" + bad + "\n")
    assert_import_fails(base, path, (row + 1, column, words))


def test_import_wrong_number_of_cells(base: App, tmp_path: Path) -> None:
    short = GOOD_ROW.rsplit(",", 3)[0]
    long = GOOD_ROW + ",extra"
    path = write(tmp_path, HEADER + "\n" + short + "\n" + long.replace("5,", "6,", 1) + "\n")
    assert_import_fails(base, path, (2, "referrals", "có 19 ô"), (3, "thứ 23", "có 23 ô"))


def test_import_duplicate_id_in_file(base: App, tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "\n" + GOOD_ROW + "\n" + GOOD_ROW + "\n")
    assert_import_fails(base, path, (3, "id", "dòng 2"))


def test_import_id_colliding_with_a_different_call(base: App, tmp_path: Path) -> None:
    existing = base.calls.list(CallFilter(), limit=1)[0].id
    row = GOOD_ROW.replace("5,", f"{existing},", 1)
    assert_import_fails(base, write(tmp_path, HEADER + "\n" + row + "\n"),
                        (2, "id", "nội dung khác"))
    # With --new-ids the same file is imported as a new call.
    result = csvio.import_calls(base.calls, tmp_path / "in.csv", new_ids=True)
    assert result.imported == 1
    assert base.calls.count(CallFilter()) == 4


def test_every_error_is_reported_at_once(base: App, tmp_path: Path) -> None:
    rows = [GOOD_ROW.replace("counsel", "x", 1), GOOD_ROW.replace("5,", "7,", 1).replace(
        "dv.physical", "zz", 1), GOOD_ROW.replace("5,", "8,", 1)]
    path = write(tmp_path, HEADER + "\n" + "\n".join(rows) + "\n")
    assert_import_fails(base, path, (2, "level", "x"), (3, "categories", "zz"))


# ------------------------------------------------------------------ what Excel writes
def test_semicolon_delimited_excel_file_with_labels(app: App, tmp_path: Path) -> None:
    header = HEADER.replace(",", ";")
    row = ("; 05/03/2026 09:15 ;4:00;Cuộc gọi đến;Lan;091 234 5678;Nguyễn Thị Lan;Nữ;"
           "30–44 tuổi;Người thân trong gia đình;Hà Nội;70;;;"
           "Bạo lực gia đình: thể chất | Ly hôn, nuôi con, cấp dưỡng;Tư vấn;Ưu tiên;"
           "Chồng đánh vợ;;;;")
    path = write(tmp_path, "\ufeff" + header + "\r\n" + row + "\r\n")
    result = csvio.import_calls(app.calls, path)
    assert result.imported == 1
    call = app.calls.get(app.calls.list(CallFilter(), limit=1)[0].id)
    assert call.received_at == datetime(2026, 3, 5, 9, 15, tzinfo=TZ)
    assert call.duration_s == 240
    assert call.channel == "phone_in" and call.caller_sex == "female"
    assert call.caller_age_group == "30-44" and call.caller_relation == "family"
    assert (call.province_code, call.ward_code) == ("01", "00070")
    assert call.categories == ("dv.physical", "mar.divorce")
    assert (call.level, call.urgency) == ("counsel", "priority")
    assert call.phone == "+84912345678" and call.caller_name == "Nguyễn Thị Lan"


def test_label_with_comma_in_a_comma_file(app: App, tmp_path: Path) -> None:
    row = GOOD_ROW.replace("dv.physical", '"Bạo lực tình dục: hiếp dâm, cưỡng dâm;dv.sexual"')
    result = csvio.import_calls(app.calls, write(tmp_path, HEADER + "\n" + row + "\n"))
    assert result.imported == 1
    assert app.calls.get(5).categories == ("sv.rape", "dv.sexual")


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_line_endings(app: App, tmp_path: Path, newline: str) -> None:
    rows = [GOOD_ROW, GOOD_ROW.replace("5,", "6,", 1).replace(
        "Chồng đánh vợ", '"Dòng một\r\ndòng hai"')]
    path = write(tmp_path, newline.join([HEADER, *rows]) + newline)
    assert csvio.import_calls(app.calls, path).imported == 2
    assert app.calls.get(6).summary == "Dòng một\r\ndòng hai"


def test_import_keeps_vietnamese_and_accent_free_search_works(app: App,
                                                             tmp_path: Path) -> None:
    csvio.import_calls(app.calls, write(tmp_path, HEADER + "\n" + GOOD_ROW + "\n"))
    assert app.calls.count(CallFilter(text="chong danh")) == 1
    assert app.calls.get(5).caller_name == "Nguyễn Thị Lan"


def test_pseudonymised_file_still_counts_repeat_callers(filled: App, tmp_path: Path) -> None:
    """A de-identified export imported elsewhere (e.g. the province) keeps `h:` numbers."""
    filled.calls.save(sample_calls(datetime.now(TZ))[0].with_changes(
        received_at=datetime(2026, 3, 9, 8, 0, tzinfo=TZ), follow_up_at=None, case_number=""))
    export(filled, tmp_path / "deid.csv")
    province = open_app(tmp_path / "province")
    try:
        csvio.import_calls(province.calls, tmp_path / "deid.csv")
        pseudonym = filled.calls.phone_hash("+84912345678")
        count, _ = province.calls.prior_calls(pseudonym)
        assert count == 2
        assert province.calls.count(CallFilter(phone="+84912345678")) == 0
    finally:
        province.close()


# ------------------------------------------------------- what other programs write
# Two calls as a center's spreadsheet holds them: labels, dd/mm/yyyy, a comma and a ';' in
# cells. No capital letter with a tone, which TCVN3 cannot write.
OFFICE_ROWS = [
    HEADER.split(","),
    ["5", "05/03/2026 09:15", "4:00", "Cuộc gọi đến", "Lê Thu Trang", "0912 345 678",
     "Nguyễn Thị Điệp", "Nữ", "30–44 tuổi", "Người thân trong gia đình", "Hà Nội", "70", "",
     "", "Bạo lực gia đình: thể chất | Ly hôn, nuôi con, cấp dưỡng", "Tư vấn", "Ưu tiên",
     "Chồng đánh, chị Điệp bị bầm tím; đã báo công an.", "Đã kết nối, hẹn gọi lại",
     "Công an phường Hoàn Kiếm;Trạm y tế", "", "HS-2026-0007"],
    ["6", "2026-03-06T10:00:00+07:00", "30", "phone_in", "Lê Thu Trang", "", "", "", "", "",
     "", "", "", "", "nc.silent", "info", "", "", "", "", "", ""],
]
LEGACY_NAMES = {"cp1258": "Windows-1258", "tcvn3": "TCVN3", "vni": "VNI"}


def exported(app: App, out: Path) -> bytes:
    csvio.export_calls(app.calls, ALL, out, with_pii=True)
    return out.read_bytes()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_kind_of_file_imports_the_same_calls(app: App, tmp_path: Path,
                                                   variant: str) -> None:
    clean = open_app(tmp_path / "clean")
    try:
        source = write(tmp_path, variant_bytes(OFFICE_ROWS, "google-sheets (UTF-8, LF)"),
                       "clean.csv")
        assert csvio.import_calls(clean.calls, source).imported == 2
        expected = exported(clean, tmp_path / "expected.csv")
    finally:
        clean.close()
    path = write(tmp_path, variant_bytes(OFFICE_ROWS, variant), "office.csv")
    result = csvio.import_calls(app.calls, path)
    assert (result.imported, result.warnings) == (2, [])
    assert exported(app, tmp_path / "got.csv") == expected
    assert app.calls.get(5).caller_name == "Nguyễn Thị Điệp"
    encoding = VARIANTS[variant]["encoding"]
    if encoding in LEGACY_NAMES:
        assert result.notices == [f"Tệp dùng bảng mã {LEGACY_NAMES[encoding]} — đã chuyển "
                                  "sang Unicode"]
    else:
        assert result.notices == []


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_row_numbers_stay_right_in_every_kind_of_file(base: App, tmp_path: Path,
                                                      variant: str) -> None:
    rows = [OFFICE_ROWS[0], OFFICE_ROWS[1], [*OFFICE_ROWS[2][:15], "khẩn cấp",
                                             *OFFICE_ROWS[2][16:]]]
    path = write(tmp_path, variant_bytes(rows, variant))
    header = 1 + header_offset(variant)
    assert_import_fails(base, path, (header + 2, "level", "không hợp lệ 'khẩn cấp'"))
    # The header's own errors are on the header's line.
    rows = [[c.replace("outcome", "level") for c in OFFICE_ROWS[0]], OFFICE_ROWS[1]]
    assert_import_fails(base, write(tmp_path, variant_bytes(rows, variant)),
                        (header, "level", "lặp"))


def test_a_legacy_file_that_fails_still_says_its_encoding(base: App, tmp_path: Path) -> None:
    rows = [OFFICE_ROWS[0], [*OFFICE_ROWS[1][:15], "rất nặng", *OFFICE_ROWS[1][16:]]]
    path = write(tmp_path, variant_bytes(rows, "tcvn3 (,)"))
    with pytest.raises(csvio.ImportFailed) as info:
        csvio.import_calls(base.calls, path)
    assert info.value.notices == ["Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode"]
    assert "dòng 2, cột level: mã không hợp lệ 'rất nặng'" in str(info.value)


@pytest.mark.parametrize(("content", "row", "words"), [
    (b"PK\x03\x04\x14\x00\x06\x00xl/workbook.xml" + bytes(200), 0, "Excel (.xlsx)"),
    (bytes(range(256)) * 4, 0, "không phải tệp văn bản"),
    (("id,received_at,categories,level\n1,2026-03-05,dv.physical,info\n"
      "2,2026-03-05,dv.physical,Très grave\n").encode("cp1252"), 3, "không nhận ra bảng mã"),
    (HEADER.encode() + b"\n" + GOOD_ROW.encode() + b"\n" + GOOD_ROW.encode()[:-20] + b"\xff\n",
     3, "UTF-8 bị hỏng"),
])
def test_unreadable_files_import_nothing(base: App, tmp_path: Path, content: bytes, row: int,
                                         words: str) -> None:
    assert_import_fails(base, write(tmp_path, content), (row, "", words))


def test_an_excel_workbook_imports_the_same_calls(app: App, tmp_path: Path) -> None:
    from encoding_helpers import xlsx_bytes

    clean = open_app(tmp_path / "clean")
    try:
        source = write(tmp_path, variant_bytes(OFFICE_ROWS, "google-sheets (UTF-8, LF)"),
                       "clean.csv")
        csvio.import_calls(clean.calls, source)
        expected = exported(clean, tmp_path / "expected.csv")
    finally:
        clean.close()
    # As Excel keeps them: numbers are numbers, times are datetimes, a title row on top.
    typed = [OFFICE_ROWS[0]]
    for row in OFFICE_ROWS[1:]:
        cells: list[object] = list(row)
        cells[0] = int(row[0])
        cells[1] = csvio.parse_when(row[1], app.calls).replace(tzinfo=None)
        typed.append(cells)
    path = write(tmp_path, xlsx_bytes(typed, title="Sổ cuộc gọi tháng 3", other_sheet=True),
                 "so-cuoc-goi.xlsx")
    result = csvio.import_calls(app.calls, path)
    assert result.imported == 2
    assert exported(app, tmp_path / "got.csv") == expected
    assert result.notices == ["Tệp Excel có 2 trang tính: chỉ đọc trang đầu tiên 'Cuộc gọi'"]

    # Row numbers are Excel's: title row 1, header row 2, first call row 3.
    bad = [typed[0], [*typed[1][:15], "khẩn cấp", *typed[1][16:]]]
    assert_import_fails(app, write(tmp_path, xlsx_bytes(bad, title="Sổ"), "bad.xlsx"),
                        (3, "level", "không hợp lệ 'khẩn cấp'"))
    assert_import_fails(app, write(tmp_path, b"PK\x03\x04 broken", "hong.xlsx"),
                        (0, "", "tệp Excel bị hỏng"))
