"""The bundled library's content: questions operators hear on the phone (in the service and
through `hotline library search --json`), the facts verified against the published texts
(resources/library/SOURCES.md), and the `source:` header every bundled document carries."""

from __future__ import annotations

import json
import re

import pytest

from hotline.cli import main
from hotline.library.bundled import BundledFormatError, load_bundled, parse_bundled
from hotline.library.service import LibraryService
from hotline.resources_access import resource
from hotline.text import fold


def refs(hits, n=None):
    return [f"{h.document.symbol} {h.article.label}" for h in hits[:n]]


@pytest.fixture
def lib(app) -> LibraryService:
    return app.library


# What callers say, in their words, and the articles that answer (any of the set must be in the
# top 3). Asked with accents and without. These add to QUESTIONS in test_library_search.py.
OPERATOR_QUESTIONS = [
    ("chồng đánh tôi có được đuổi ra khỏi nhà không",
     {"13/2022/QH15 Điều 25", "13/2022/QH15 Điều 22", "13/2022/QH15 Điều 3"}),
    ("con bị hàng xóm xâm hại phải báo ai",
     {"56/2017/NĐ-CP Điều 25", "56/2017/NĐ-CP Điều 22", "102/2016/QH13 Điều 25"}),
    ("bị lừa sang Trung Quốc bán", {"53/2024/QH15 Điều 2", "100/2015/QH13 Điều 150"}),
    # Any of the crime's articles is right; the definitions article alone is not enough.
    ("bị lừa bán sang Trung Quốc", {"100/2015/QH13 Điều 150", "100/2015/QH13 Điều 151"}),
    ("con gái bị lừa bán sang trung quốc làm vợ", {"100/2015/QH13 Điều 150"}),
    ("bị bán sang Trung Quốc", {"100/2015/QH13 Điều 150", "100/2015/QH13 Điều 151"}),
    ("cấm tiếp xúc bao nhiêu ngày", {"13/2022/QH15 Điều 25", "13/2022/QH15 Điều 26"}),
    ("ly hôn có được nuôi con không", {"52/2014/QH13 Điều 81"}),
    ("bị quấy rối ở chỗ làm",
     {"45/2019/QH14 Điều 3", "145/2020/NĐ-CP Điều 84", "45/2019/QH14 Điều 8"}),
    ("chồng ép quan hệ tình dục có bị phạt không",
     {"282/2025/NĐ-CP Tổng quan", "13/2022/QH15 Điều 3"}),
    ("bố mẹ ép con học quá sức", {"282/2025/NĐ-CP Điều 40"}),
    ("chồng giữ hết lương không cho tiêu", {"282/2025/NĐ-CP Điều 44", "13/2022/QH15 Điều 3"}),
    ("chồng cũ đến nhà đánh", {"76/2023/NĐ-CP Tổng quan", "13/2022/QH15 Điều 3"}),
    ("sống chung không đăng ký kết hôn bị đánh có phải bạo lực gia đình",
     {"76/2023/NĐ-CP Tổng quan", "13/2022/QH15 Điều 3"}),
    ("tổng đài báo bạo lực gia đình",
     {"76/2023/NĐ-CP Điều 7", "76/2023/NĐ-CP Điều 8", "13/2022/QH15 Điều 19"}),
    ("trẻ bị bố đánh có được đưa ra khỏi nhà không",
     {"56/2017/NĐ-CP Điều 32", "56/2017/NĐ-CP Điều 31", "102/2016/QH13 Điều 50"}),
    ("kế hoạch hỗ trợ can thiệp trong mấy ngày",
     {"56/2017/NĐ-CP Điều 28", "102/2016/QH13 Điều 52"}),
    ("nạn nhân mua bán người được hỗ trợ gì", {"53/2024/QH15 Chương V"}),
    ("số điện thoại báo mua bán người", {"162/2025/NĐ-CP Tổng quan"}),
    ("chồng đăng ảnh riêng tư của tôi lên facebook",
     {"282/2025/NĐ-CP Điều 39", "100/2015/QH13 Điều 155"}),
    ("bị cho nghỉ việc vì mang thai", {"73/2006/QH11 Chương V", "73/2006/QH11 Điều 13"}),
    ("con gái 15 tuổi bị ép lấy chồng",
     {"52/2014/QH13 Điều 8", "100/2015/QH13 Điều 183", "52/2014/QH13 Điều 5"}),
    ("chồng cũ không chịu cấp dưỡng nuôi con",
     {"52/2014/QH13 Điều 82", "52/2014/QH13 Điều 83", "52/2014/QH13 Điều 110",
      "100/2015/QH13 Điều 186", "282/2025/NĐ-CP Tổng quan"}),
    ("chồng đánh vợ có bị đi tù không", {"100/2015/QH13 Điều 185", "100/2015/QH13 Điều 134"}),
    ("mức phạt đánh vợ", {"282/2025/NĐ-CP Tổng quan"}),
    ("nhà tạm lánh ở đâu",
     {"13/2022/QH15 Điều 22", "13/2022/QH15 Điều 2", "13/2022/QH15 Điều 9"}),
    ("sếp nhắn tin gạ gẫm", {"145/2020/NĐ-CP Điều 84", "45/2019/QH14 Điều 3"}),
    ("thầy giáo sờ mó học sinh", {"100/2015/QH13 Điều 146"}),
    ("biết trẻ bị xâm hại mà không báo có bị phạt không",
     {"102/2016/QH13 Điều 6", "56/2017/NĐ-CP Điều 25"}),
    ("trẻ em là dưới bao nhiêu tuổi", {"102/2016/QH13 Điều 1"}),
    ("luật sư miễn phí cho nạn nhân bạo lực gia đình", {"11/2017/QH14 Điều 7"}),
    ("đang bị cấm tiếp xúc mà vẫn về nhà", {"76/2023/NĐ-CP Điều 18", "13/2022/QH15 Điều 25"}),
    ("tòa án cấm tiếp xúc mấy tháng", {"13/2022/QH15 Điều 26"}),
    ("bị giữ hộ chiếu ở Campuchia bắt làm lừa đảo", {"53/2024/QH15 Điều 2"}),
    ("chồng nhốt tôi trong nhà", {"282/2025/NĐ-CP Điều 40", "13/2022/QH15 Điều 3"}),
    ("công khai thông tin nạn nhân mua bán người", {"53/2024/QH15 Điều 3"}),
    ("lề trái báo cáo bao nhiêu mm", {"30/2020/NĐ-CP Phụ lục I"}),
    ("bị đánh tỷ lệ thương tật 11%", {"100/2015/QH13 Điều 134"}),
    ("con trai bỏ mặc mẹ già ốm",
     {"282/2025/NĐ-CP Điều 38", "13/2022/QH15 Điều 3", "100/2015/QH13 Điều 185"}),
]


@pytest.mark.parametrize("accents", [True, False], ids=["accents", "no-accents"])
@pytest.mark.parametrize(("question", "answers"), OPERATOR_QUESTIONS,
                         ids=[q for q, _ in OPERATOR_QUESTIONS])
def test_what_callers_ask_finds_the_article_in_the_top_three(lib, question, answers, accents):
    query = question if accents else fold(question)
    top = refs(lib.search(query, limit=3))
    assert answers & set(top), f"{query!r} → {top}"


CLI_QUESTIONS = [
    ("cấm tiếp xúc bao nhiêu ngày", {"13/2022/QH15 Điều 25", "13/2022/QH15 Điều 26"}),
    ("con bi hang xom xam hai phai bao ai",
     {"56/2017/NĐ-CP Điều 25", "56/2017/NĐ-CP Điều 22", "102/2016/QH13 Điều 25"}),
    ("bị lừa sang Trung Quốc bán", {"53/2024/QH15 Điều 2", "100/2015/QH13 Điều 150"}),
    # Any of the crime's articles is right; the definitions article alone is not enough.
    ("bị lừa bán sang Trung Quốc", {"100/2015/QH13 Điều 150", "100/2015/QH13 Điều 151"}),
    ("con gái bị lừa bán sang trung quốc làm vợ", {"100/2015/QH13 Điều 150"}),
    ("bị bán sang Trung Quốc", {"100/2015/QH13 Điều 150", "100/2015/QH13 Điều 151"}),
    ("ly hon co duoc nuoi con khong", {"52/2014/QH13 Điều 81"}),
    ("bị quấy rối ở chỗ làm",
     {"45/2019/QH14 Điều 3", "145/2020/NĐ-CP Điều 84", "45/2019/QH14 Điều 8"}),
]


def test_the_command_line_answers_the_same_questions(data_dir, capsys):
    for question, answers in CLI_QUESTIONS:
        assert main(["library", "search", question, "--json", "--limit", "3"]) == 0
        items = json.loads(capsys.readouterr().out)
        top = {f"{i['symbol']} {i['article']}" for i in items}
        assert answers & top, f"{question!r} → {top}"
        assert all(i["snippet"] and i["title"] for i in items)


# ----------------------------------------------------------------- verified facts
def note(lib: LibraryService, doc_id: str, label: str) -> str:
    article = lib.find_article(doc_id, label)
    assert article is not None, f"{doc_id} {label} missing"
    return article.note


def test_the_figures_operators_quote_match_the_published_texts(lib):
    """Deadlines and durations checked against the texts (SOURCES.md); a wrong one is harm."""
    contact = note(lib, "13-2022-qh15", "Điều 25")
    assert "03 NGÀY" in contact and "12 GIỜ" in contact
    assert "04 THÁNG" in note(lib, "13-2022-qh15", "Điều 26")
    assert "04 GIỜ" in note(lib, "76-2023-nd-cp", "Điều 18")
    assert "100 m" in note(lib, "76-2023-nd-cp", "Chương III")
    assert "05 NGÀY LÀM VIỆC" in note(lib, "56-2017-nd-cp", "Điều 28")
    assert "12 GIỜ" in note(lib, "56-2017-nd-cp", "Điều 26")
    assert "15 NGÀY" in note(lib, "56-2017-nd-cp", "Điều 32")
    assert "DƯỚI 16 TUỔI" in note(lib, "102-2016-qh13", "Điều 1")
    assert "dưới 12 tháng tuổi" in note(lib, "52-2014-qh13", "Điều 51")
    assert "dưới 36 tháng tuổi" in note(lib, "52-2014-qh13", "Điều 81")
    assert "20 đến 30 triệu đồng" in note(lib, "282-2025-nd-cp", "Điều 44")
    assert "DƯỚI 18 TUỔI" in note(lib, "53-2024-qh15", "Điều 2")


def test_citations_name_the_right_clause(lib):
    assert lib.find_article("45-2019-qh14", "Điều 125").citation == \
        "Khoản 2 Điều 125 Bộ luật Lao động 2019 (45/2019/QH14)"
    assert lib.find_article("45-2019-qh14", "Điều 118").citation == \
        "Điểm đ khoản 2 Điều 118 Bộ luật Lao động 2019 (45/2019/QH14)"


@pytest.mark.parametrize(("doc_id", "label"), [
    ("102-2016-qh13", "Điều 51"),   # no source names a Law on Children article 51 on reporting
    ("76-2023-nd-cp", "Điều 6"),
    ("76-2023-nd-cp", "Điều 10"),
    ("56-2017-nd-cp", "Điều 23"),
    ("56-2017-nd-cp", "Điều 24"),
    ("145-2020-nd-cp", "Điều 86"),
    ("73-2006-qh11", "Điều 37"),
    ("73-2006-qh11", "Điều 38"),
])
def test_unverified_article_numbers_are_not_cited(lib, doc_id, label):
    assert lib.find_article(doc_id, label) is None


def test_replacements_and_dates_after_checking(lib):
    docs = {d.symbol: d for d in lib.documents()}
    old, new = docs["144/2021/NĐ-CP"], docs["282/2025/NĐ-CP"]
    assert (old.status, old.replaced_by) == ("replaced", "282/2025/NĐ-CP")
    assert (new.issued, new.effective, new.status) == ("2025-10-30", "2025-12-15", "in_force")
    assert docs["76/2023/NĐ-CP"].effective == "2023-12-25"
    assert (docs["162/2025/NĐ-CP"].issued, docs["162/2025/NĐ-CP"].effective) == \
        ("2025-06-29", "")  # the effective date is not confirmed: left empty, not guessed
    assert docs["11/2017/QH14"].status == "amended"
    # The replaced decree ranks below the one in force for the same words.
    symbols = [h.document.symbol for h in lib.search("xử phạt bạo lực gia đình", limit=20)]
    assert symbols.index("282/2025/NĐ-CP") < symbols.index("144/2021/NĐ-CP")


# ----------------------------------------------------------------- sources
def test_every_bundled_document_names_its_sources_and_is_in_sources_md():
    library = load_bundled()
    table = (resource("library") / "SOURCES.md").read_text(encoding="utf-8")
    for item in library.documents:
        symbol = item.document.symbol
        assert item.sources, f"{symbol}: no source"
        assert all(re.match(r"https?://\S+$", url) for url in item.sources), symbol
        assert f"| {symbol}" in table, f"{symbol} missing from SOURCES.md"
        assert item.document.as_of == "2026-11-26", symbol


def test_source_header_is_checked():
    text = ("symbol: 1/2099/QH99\ntitle: T\ntype: Luật\nissuer: Quốc hội\nstatus: in_force\n"
            "as_of: 2099-01-01\nsource: https://a.example/x;\n  http://b.example/y\n\n"
            "=== Điều 1. A\n\nGhi chú.\n")
    assert parse_bundled(text, "ok.txt").sources == ("https://a.example/x", "http://b.example/y")
    with pytest.raises(BundledFormatError, match=r"bad.txt: source phải là địa chỉ"):
        parse_bundled(text.replace("https://a.example/x", "thuvienphapluat.vn"), "bad.txt")
    with pytest.raises(BundledFormatError, match=r"bad.txt: source"):
        parse_bundled(text.replace("https://a.example/x", "https://a.example/x y"), "bad.txt")
