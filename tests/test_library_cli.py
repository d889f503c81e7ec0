"""`hotline library …` on the command line: JSON fields, filters, imports with per-file
errors, list with the "as of" date, show, edit and remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hotline.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_has_the_contract_fields(data_dir, capsys):
    code, out, _ = run(capsys, "library", "search", "cấm tiếp xúc", "--json", "--limit", "3")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 3
    for item in items:
        for field in ("doc_id", "symbol", "title", "article", "heading", "snippet", "score"):
            assert field in item
    assert "13/2022/QH15 Điều 25" in [f"{i['symbol']} {i['article']}" for i in items]
    assert items[0]["score"] >= items[-1]["score"]


def test_search_without_accents_and_article_lookup(data_dir, capsys):
    _, out, _ = run(capsys, "library", "search", "dieu 7 nd 76", "--json", "--limit", "1")
    assert [(i["symbol"], i["article"]) for i in json.loads(out)] == [("76/2023/NĐ-CP",
                                                                      "Điều 7")]
    code, out, err = run(capsys, "library", "search", "tao hon", "--limit", "2")
    assert code == 0 and "Điều 183" in out and "2 kết quả" in err


def test_empty_query_lists_everything_matching_the_filters(data_dir, capsys):
    _, out, _ = run(capsys, "library", "search", "", "--json", "--limit", "0", "--type",
                    "Bộ luật", "--in-force")
    items = json.loads(out)
    assert items and {i["type"] for i in items} == {"Bộ luật"}
    assert {i["symbol"] for i in items} == {"100/2015/QH13", "45/2019/QH14"}
    _, out, _ = run(capsys, "library", "search", "", "--json", "--limit", "0", "--doc",
                    "02-2007-qh12")
    assert {i["status"] for i in json.loads(out)} == {"replaced"}
    code, _, err = run(capsys, "library", "search", "x", "--doc", "nope")
    assert code == 1 and "không có văn bản 'nope'" in err


def test_list_shows_documents_and_the_as_of_date(data_dir, capsys):
    code, out, _ = run(capsys, "library", "list")
    assert code == 0
    assert "cập nhật đến ngày 26/11/2026" in out
    assert "13-2022-qh15" in out and "Đã bị thay thế bởi 13/2022/QH15" in out
    _, out, _ = run(capsys, "library", "list", "--json")
    docs = json.loads(out)
    by_symbol = {d["symbol"]: d for d in docs}
    assert by_symbol["13/2022/QH15"]["as_of"] == "2026-11-26"
    assert by_symbol["02/2007/QH12"]["replaced_by"] == "13/2022/QH15"
    assert all(d["origin"] == "bundled" for d in docs)


def test_show_prints_the_note_and_citation(data_dir, capsys):
    code, out, _ = run(capsys, "library", "show", "13-2022-qh15", "25")
    assert code == 0
    assert "Điều 25. Cấm tiếp xúc" in out and "12 giờ" in out
    assert "→ Điều 25 Luật Phòng, chống bạo lực gia đình 2022 (13/2022/QH15)" in out
    code, _, err = run(capsys, "library", "show", "13-2022-qh15", "999")
    assert code == 1 and "không có 'Điều 999'" in err


def test_import_reports_each_bad_file_and_exits_1(data_dir, capsys, tmp_path: Path):
    good = tmp_path / "huong-dan.md"
    good.write_text("# Quy trình tiếp nhận\n\nHỏi người gọi có an toàn không.\n",
                    encoding="utf-8")
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    odd = tmp_path / "anh.jpg"
    odd.write_bytes(b"\xff\xd8")
    code, out, err = run(capsys, "library", "import", str(good), str(bad), str(odd))
    assert code == 1
    assert "Đã nhập huong-dan.md" in out
    assert "hong.pdf: tệp PDF bị hỏng" in err and "anh.jpg: không đọc được loại tệp" in err
    assert "2/3 tệp không nhập được" in err
    _, out, _ = run(capsys, "library", "search", "quy trinh tiep nhan", "--json")
    assert json.loads(out)[0]["title"] == "Quy trình tiếp nhận"
    # Again: updated, not duplicated; success exits 0.
    code, out, _ = run(capsys, "library", "import", str(good))
    assert code == 0 and "Đã cập nhật huong-dan.md" in out
    _, out, _ = run(capsys, "library", "list", "--json")
    assert len([d for d in json.loads(out) if d["origin"] == "imported"]) == 1


def test_import_a_folder(data_dir, capsys, tmp_path: Path):
    folder = tmp_path / "tai-lieu"
    (folder / "con").mkdir(parents=True)
    (folder / "a.txt").write_text("Điều 1. Một\nNội dung một.\nĐiều 2. Hai\nNội dung hai.",
                                  encoding="utf-8")
    (folder / "con" / "b.md").write_text("# B\n\nNội dung bê.", encoding="utf-8")
    (folder / "ghi-chu.xyz").write_text("bỏ qua", encoding="utf-8")
    code, out, _ = run(capsys, "library", "import", str(folder))
    assert code == 0 and out.count("Đã nhập") == 2


def test_edit_and_remove(data_dir, capsys, tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("Hướng dẫn trực đêm của trung tâm.", encoding="utf-8")
    run(capsys, "library", "import", str(path))
    _, out, _ = run(capsys, "library", "list", "--json")
    doc_id = next(d["doc_id"] for d in json.loads(out) if d["origin"] == "imported")
    code, out, _ = run(capsys, "library", "edit", doc_id, "--title", "Quy trình trực đêm",
                       "--symbol", "01/HD-TTCTXH", "--status", "expired")
    assert code == 0 and "Quy trình trực đêm" in out
    code, _, err = run(capsys, "library", "edit", doc_id, "--issued", "hôm qua")
    assert code == 1 and "YYYY-MM-DD" in err
    code, _, err = run(capsys, "library", "remove", "13-2022-qh15")
    assert code == 1 and "không xóa được" in err
    code, out, _ = run(capsys, "library", "remove", doc_id)
    assert code == 0 and "Đã xóa" in out
    code, _, err = run(capsys, "library", "remove", doc_id)
    assert code == 1


@pytest.mark.parametrize("argv", [["library", "search", "x", "--limit", "-1"]])
def test_bad_usage(data_dir, capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 1 and "--limit" in err
