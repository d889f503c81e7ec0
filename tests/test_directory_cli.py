"""`hotline directory search|import|export|show|history|deactivate` (DESIGN §4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotline.cli import main

ROWS = """\ufeffid,name,organisation,categories,province_code,ward_code,address,phones,hours
loc-1,Công an phường Ba Đình,,police,01,00004,,Trực ban: 024 3942 1234,24/7
loc-2,Nhà tạm lánh Hoa Sen,Hội LHPN,shelter;psychosocial,01,,,024 3825 1234,Mo-Fr 07:30-17:00
loc-3,Công an phường Hải Châu,,police,48,,,0236 382 1111,24/7
loc-4,Trạm y tế Hà Giang,,health,Hà Giang,,,0219 386 1234,
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def loaded(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "danh-ba.csv"
    path.write_text(ROWS, encoding="utf-8")
    code, out, err = run(capsys, "directory", "import", str(path))
    assert code == 0, err
    assert "4 mục mới" in out
    assert "Tuyên Quang" in err  # the old province was mapped, with a warning
    return path


def test_search_json_fields_and_filters(loaded: Path, capsys) -> None:
    code, out, _ = run(capsys, "directory", "search", "cong an", "--json")
    assert code == 0
    results = json.loads(out)
    assert {"id", "name", "categories", "province", "phones"} <= set(results[0])
    assert {r["id"] for r in results} >= {"loc-1", "loc-3", "vn.113"}
    code, out, _ = run(capsys, "directory", "search", "", "--province", "48", "--json")
    assert [r["id"] for r in json.loads(out)] == ["loc-3"]
    code, out, _ = run(capsys, "directory", "search", "", "--category", "shelter",
                       "--province", "01", "--json")
    assert [r["id"] for r in json.loads(out)] == ["loc-2"]
    code, out, _ = run(capsys, "directory", "search", "", "--province", "Hà Giang", "--json")
    assert [r["id"] for r in json.loads(out)] == ["loc-4"]
    assert json.loads(out)[0]["province"] == "08"


def test_search_near_ward_and_open_now(loaded: Path, capsys) -> None:
    code, out, _ = run(capsys, "directory", "search", "", "--category", "police", "--ward",
                       "00004", "--json")
    assert code == 0
    results = json.loads(out)
    assert [r["id"] for r in results] == ["loc-1", "vn.113", "loc-3"]
    assert [r["proximity"] for r in results] == ["ward", "national", "other"]
    code, out, _ = run(capsys, "directory", "search", "", "--open-now", "--json")
    assert code == 0 and json.loads(out)
    assert all(r["open_now"] is True for r in json.loads(out))
    assert "vn.1900969680" not in {r["id"] for r in json.loads(out)}  # hours unknown


def test_search_text_output_shows_as_of_and_numbers(loaded: Path, capsys) -> None:
    code, out, _ = run(capsys, "directory", "search", "tre em")
    assert code == 0
    assert "cập nhật đến 26/11/2026" in out
    assert "111" in out and "Tổng đài quốc gia bảo vệ trẻ em" in out
    code, out, _ = run(capsys, "directory", "search", "khong co gi nhu vay")
    assert "Không tìm thấy" in out


def test_bad_arguments_fail_cleanly(data_dir: Path, capsys) -> None:
    for argv, message in ((("--category", "spa"), "--category"),
                          (("--province", "Gotham"), "--province"),
                          (("--ward", "99999"), "--ward")):
        code, out, err = run(capsys, "directory", "search", "", *argv)
        assert code == 1 and message in err and out == ""


def test_export_import_round_trip(loaded: Path, tmp_path: Path, capsys,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(capsys, "directory", "export", str(tmp_path / "out"), "--format", "hsds")
    assert code == 0 and "Đã xuất 11 mục" in err
    assert (tmp_path / "out" / "services.csv").exists()
    code, _, err = run(capsys, "directory", "export", str(tmp_path / "flat.csv"))
    assert code == 0
    monkeypatch.setenv("HOTLINE_DATA_DIR", str(tmp_path / "fresh"))
    code, out, err = run(capsys, "directory", "import", str(tmp_path / "out"))
    assert code == 0 and "4 mục mới" in out
    code, out, _ = run(capsys, "directory", "show", "loc-2", "--json")
    assert json.loads(out)["categories"] == ["shelter", "psychosocial"]


def test_import_errors_go_to_stderr_and_nothing_is_written(data_dir: Path, tmp_path: Path,
                                                           capsys) -> None:
    path = tmp_path / "loi.csv"
    path.write_text("name,categories,phones\nA,shelter,12ab\nB,spa,0912345678\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "directory", "import", str(path))
    assert code == 1 and out == ""
    assert "loi.csv, dòng 2, cột phones" in err and "loi.csv, dòng 3, cột categories" in err
    code, out, _ = run(capsys, "directory", "search", "", "--json")
    assert all(r["id"].startswith("vn.") for r in json.loads(out))


def test_deactivate_history_and_dry_run(loaded: Path, tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "directory", "deactivate", "loc-2", "--note", "đóng cửa")
    assert code == 0 and "ngừng hoạt động" in out
    code, out, _ = run(capsys, "directory", "search", "hoa sen", "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "directory", "search", "hoa sen", "--all", "--json")
    assert json.loads(out)[0]["active"] is False
    code, out, _ = run(capsys, "directory", "history", "loc-2", "--json")
    assert [c["action"] for c in json.loads(out)] == ["deactivate", "import"]
    code, out, _ = run(capsys, "directory", "reactivate", "loc-2")
    assert code == 0
    code, _, err = run(capsys, "directory", "show", "khong-co")
    assert code == 1 and "khong-co" in err
    again = tmp_path / "more.csv"
    again.write_text("name,categories,phones\nMục thử nghiệm,health,0912 111 222\n",
                     encoding="utf-8")
    code, out, _ = run(capsys, "directory", "import", str(again), "--dry-run")
    assert code == 0 and "không ghi" in out
    code, out, _ = run(capsys, "directory", "search", "thu nghiem", "--json")
    assert json.loads(out) == []


def test_operators_search_but_only_heads_import(data_dir: Path, tmp_path: Path, capsys,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from hotline.app import open_app

    app = open_app(data_dir)
    admin = app.accounts.create_first_admin("admin", "Quản trị", "mat-khau-dai-1")
    app.accounts.create_user(admin, "lan", "Lan", "operator", "mat-khau-dai-2")
    app.close()
    monkeypatch.setenv("HOTLINE_PASSWORD", "mat-khau-dai-2")
    path = tmp_path / "danh-ba.csv"
    path.write_text(ROWS, encoding="utf-8")
    code, _, err = run(capsys, "--user", "lan", "directory", "import", str(path))
    assert code == 1 and "không được phép" in err
    code, out, _ = run(capsys, "--user", "lan", "directory", "search", "111", "--json")
    assert code == 0 and json.loads(out)[0]["id"] == "vn.111"


def test_import_of_tcvn3_and_excel_files(data_dir: Path, tmp_path: Path, capsys) -> None:
    import csv
    import io

    from encoding_helpers import tcvn3, xlsx_bytes

    rows = list(csv.reader(io.StringIO(ROWS.lstrip("\ufeff"))))
    path = tmp_path / "cu.csv"
    path.write_bytes(tcvn3(ROWS.lstrip("\ufeff").replace("Hà Giang", "Hà Nội")))
    code, out, err = run(capsys, "directory", "import", str(path))
    assert code == 0 and "4 mục mới" in out
    assert "cảnh báo: cu.csv: Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode" in err
    code, out, _ = run(capsys, "directory", "search", "hoa sen", "--json")
    assert "Nhà tạm lánh Hoa Sen" in [r["name"] for r in json.loads(out)]

    book = tmp_path / "moi.xlsx"
    book.write_bytes(xlsx_bytes([[c.replace("loc-", "xl-") for c in row] for row in rows]))
    code, out, err = run(capsys, "directory", "import", str(book), "--dry-run")
    # The same entries as the TCVN3 file (but the one renamed there) are found as duplicates.
    assert code == 0 and "Kiểm tra xong" in out
    assert "1 mục mới" in out and "3 mục trùng bị bỏ qua" in out
