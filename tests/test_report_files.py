"""Daily and period report files: the PDF's text (Vietnamese intact, totals equal to
`hotline calls list`), the embedded font, the CSVs read back and round-tripped, and the
command line."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stdout
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from test_stats import A, B, C, D, fixture_calls

from hotline import cli
from hotline.app import App, open_app
from hotline.calls import csvio
from hotline.calls.models import Call
from hotline.config import save_settings
from hotline.reports.pdf import Revision, issued_line
from hotline.reports.service import SUMMARY_COLUMNS

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def filled(app: App) -> App:
    app.calls.write_many(fixture_calls(), operator="Lê Thu Trang")
    return app


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = cli.main(list(argv))
    return code, out.getvalue()


def test_daily_pdf_official_layout_and_totals(filled: App, data_dir: Path,
                                              tmp_path: Path) -> None:
    settings = filled.settings.with_changes(
        parent_body="Sở Y tế tỉnh Quảng Ninh", center_name="Trung tâm Công tác xã hội tỉnh",
        center_abbreviation="TTCTXH", place_name="Quảng Ninh", signer_name="Đặng Thị Hoa")
    save_settings(data_dir, settings)
    code, out = run_cli("report", "daily", "--date", D.isoformat(), "--out", str(tmp_path),
                        "--json")
    assert code == 0
    files = {f["kind"]: Path(f["path"]) for f in json.loads(out)}
    assert files["pdf"].name == "bao-cao-2026-03-05.pdf"
    code, listed = run_cli("calls", "list", "--date", D.isoformat(), "--json")
    assert code == 0
    count = len(json.loads(listed))
    text = flat(pdf_text(files["pdf"]))
    for heading in ("SỞ Y TẾ TỈNH QUẢNG NINH", "TRUNG TÂM CÔNG TÁC XÃ HỘI TỈNH",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "/BC-TTCTXH", "BÁO CÁO TỔNG HỢP CUỘC GỌI ĐƯỜNG DÂY NÓNG", "Ngày 05/03/2026",
                    "NGƯỜI LẬP BIỂU", "GIÁM ĐỐC", "Đặng Thị Hoa", "Nơi nhận:",
                    "Bạo lực gia đình: thể chất", "Người được hỗ trợ theo nhóm tuổi và giới tính",
                    "DANH SÁCH CUỘC GỌI TRONG NGÀY", "CÔNG VIỆC THEO DÕI ĐẾN HẠN"):
        assert heading in text, heading
    assert f"Tổng số cuộc gọi tiếp nhận: {count}." in text
    assert count == 5
    assert "Quảng Ninh, ngày" in text
    # no personal data: numbers, names, summaries
    for secret in (A, B, C, "912345678", "Chồng đánh", "chị Lan"):
        assert secret not in text


def test_pdf_embeds_a_vietnamese_font(filled: App, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    filled.reports.daily_pdf(D, out, as_of=datetime(2026, 3, 5, 18, tzinfo=TZ))
    reader = PdfReader(str(out))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic"} <= embedded
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_page_numbers_from_page_two(app: App, tmp_path: Path) -> None:
    base = datetime(2026, 3, 5, 7, tzinfo=TZ)
    from datetime import timedelta

    calls = [Call(received_at=base + timedelta(minutes=2 * i), categories=("dv.physical",),
                  level="counsel", caller_sex="female") for i in range(120)]
    app.calls.write_many(calls)
    out = tmp_path / "r.pdf"
    app.reports.daily_pdf(D, out, as_of=datetime(2026, 3, 5, 18, tzinfo=TZ))
    pages = PdfReader(str(out)).pages
    assert len(pages) >= 3
    assert not (pages[0].extract_text() or "").strip().startswith("1")
    for number, page in enumerate(pages[1:], start=2):
        assert (page.extract_text() or "").strip().split()[0] == str(number)
    assert "Tổng số cuộc gọi tiếp nhận: 120." in flat(pdf_text(out))


def test_revised_report_says_why(filled: App, tmp_path: Path) -> None:
    files = filled.reports.daily(D, tmp_path, revision=Revision(
        1, "2 cuộc gọi được thêm", "lập lúc 17:30 ngày 05/03/2026"))
    assert files.pdf.name == "bao-cao-2026-03-05-ban-sua-1.pdf"
    assert files.calls_csv is not None and files.calls_csv.name.endswith("-ban-sua-1.csv")
    text = flat(pdf_text(files.pdf))
    assert "Bản sửa đổi lần 1" in text and "2 cuộc gọi được thêm" in text


def test_issued_line_follows_decree_30() -> None:
    assert issued_line("Hà Nội", date(2026, 3, 5)) == "Hà Nội, ngày 05 tháng 3 năm 2026"
    assert issued_line("Hà Nội", date(2026, 2, 15)) == "Hà Nội, ngày 15 tháng 02 năm 2026"
    assert issued_line("", date(2026, 12, 1)).endswith("ngày 01 tháng 12 năm 2026")


def test_calls_csv_has_no_personal_data_and_round_trips(filled: App, tmp_path: Path) -> None:
    files = filled.reports.daily(D, tmp_path)
    assert files.calls_csv is not None
    raw = files.calls_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == csvio.COLUMNS
    assert len(rows) == 5
    assert all(r["caller_name"] == "" and r["summary"] == "" and r["outcome"] == ""
               for r in rows)
    phones = [r["phone"] for r in rows if r["phone"]]
    assert phones and all(p.startswith("h:") for p in phones)
    assert len(set(phones)) == 3  # A twice, B, C: repeat callers still countable
    assert "Bạo lực" not in raw.decode("utf-8-sig")  # codes, not labels
    # import into a fresh center: the same statistics come back
    other = open_app(tmp_path / "other")
    try:
        result = csvio.import_calls(other.calls, files.calls_csv)
        assert result.imported == 5
        as_of = datetime(2026, 3, 5, 12, tzinfo=TZ)
        before = filled.reports.statistics(D, D, as_of=as_of)
        after = other.reports.statistics(D, D, as_of=as_of)
        for name in ("by_category", "by_age_group", "by_level", "by_urgency", "by_channel",
                     "by_province", "by_hour"):
            assert getattr(before, name) == getattr(after, name), name
        k1, k2 = before.key, after.key
        assert (k1.calls, k1.counselling, k1.counselling_by_sex, k1.repeat_callers) == \
            (k2.calls, k2.counselling, k2.counselling_by_sex, k2.repeat_callers)
    finally:
        other.close()


def test_summary_csv_schema_and_values(filled: App, tmp_path: Path) -> None:
    files = filled.reports.daily(D, tmp_path, as_of=datetime(2026, 3, 5, 12, tzinfo=TZ))
    raw = files.summary_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == SUMMARY_COLUMNS
    cells = {(r[0], r[1], r[3]): r[5] for r in rows[1:]}
    labels = {(r[0], r[1]): r[2] for r in rows[1:]}
    assert cells[("report", "period_from", "")] == "2026-03-05"
    assert cells[("key", "calls", "")] == "5"
    assert cells[("key", "counselling_by_sex", "female")] == "3"
    assert cells[("by_category", "dv.physical", "female")] == "1"
    assert cells[("by_category", "dv.physical", "total")] == "1"
    assert cells[("by_age_group", "12-15", "female")] == "1"
    assert cells[("referrals_by_category", "police", "contacted")] == "1"
    assert cells[("callers", "repeat", "female")] == "1"
    assert labels[("by_category", "dv.physical")] == "Bạo lực gia đình: thể chất"


def test_period_report_compares_months(filled: App, tmp_path: Path) -> None:
    code, out = run_cli("report", "period", "--from", "2026-01-01", "--to", "2026-03-31",
                        "--out", str(tmp_path), "--json")
    assert code == 0
    files = {f["kind"]: Path(f["path"]) for f in json.loads(out)}
    assert files["pdf"].name == "bao-cao-2026-q1.pdf"
    assert "calls_csv" not in files
    text = flat(pdf_text(files["pdf"]))
    assert "Quý I/2026" in text
    assert "So sánh theo tháng" in text and "03/2026" in text and "01/2026" in text
    assert "Tổng số cuộc gọi tiếp nhận: 7." in text
    assert "DANH SÁCH CUỘC GỌI TRONG NGÀY" not in text


def test_cli_errors(filled: App, tmp_path: Path) -> None:
    code, _ = run_cli("report", "period", "--from", "2026-03-05", "--to", "2026-03-01",
                      "--out", str(tmp_path))
    assert code == 1
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _ = run_cli("report", "daily", "--date", "2026-03-05", "--out", str(blocker / "x"))
    assert code == 1
    with pytest.raises(SystemExit):
        run_cli("report", "daily", "--date", "05/03/2026", "--out", str(tmp_path))
