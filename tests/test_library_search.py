"""Library search: folding (đ too), accents ranking, phrases, prefixes, in-force ranking,
symbol/article lookup, abbreviations, filters, snippets, and the operators' questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from hotline.library.bundled import BundledFormatError, load_bundled, parse_bundled
from hotline.library.models import Metadata
from hotline.library.service import DocumentNotFound, LibraryService
from hotline.text import fold


def refs(hits, n=None):
    return [f"{h.document.symbol} {h.article.label}" for h in hits[:n]]


@pytest.fixture
def lib(app) -> LibraryService:
    return app.library


# Realistic questions an operator hears, and the articles that answer them (any of the set
# must be in the top 3). Each is asked with accents and without.
QUESTIONS = [
    ("cấm tiếp xúc", {"13/2022/QH15 Điều 25", "13/2022/QH15 Điều 22"}),
    ("quấy rối tình dục nơi làm việc", {"45/2019/QH14 Điều 3", "145/2020/NĐ-CP Điều 84",
                                        "145/2020/NĐ-CP Điều 85"}),
    ("tảo hôn", {"100/2015/QH13 Điều 183", "52/2014/QH13 Điều 8"}),
    ("trợ giúp pháp lý miễn phí", {"11/2017/QH14 Điều 7"}),
    ("trẻ em dưới 16 tuổi", {"102/2016/QH13 Điều 1", "102/2016/QH13 Điều 4"}),
    ("tổng đài 111", {"56/2017/NĐ-CP Điều 22", "162/2025/NĐ-CP Tổng quan"}),
    ("mua bán người", {"53/2024/QH15 Điều 2", "53/2024/QH15 Chương V"}),
    ("bạo lực kinh tế", {"13/2022/QH15 Điều 3", "13/2022/QH15 Điều 2", "282/2025/NĐ-CP Điều 44"}),
    ("chồng đánh vợ báo ở đâu", {"13/2022/QH15 Điều 19"}),
    ("ly hôn khi vợ đang mang thai", {"52/2014/QH13 Điều 51"}),
    ("con dưới 36 tháng tuổi ai nuôi", {"52/2014/QH13 Điều 81"}),
    ("mức cấp dưỡng nuôi con", {"52/2014/QH13 Điều 116", "52/2014/QH13 Điều 110"}),
    ("dâm ô", {"100/2015/QH13 Điều 146"}),
    ("nơi tạm lánh", {"13/2022/QH15 Điều 22", "13/2022/QH15 Điều 9"}),
    ("đe dọa giết", {"100/2015/QH13 Điều 133"}),
    ("tuổi kết hôn", {"52/2014/QH13 Điều 8"}),
    ("sa thải người quấy rối", {"45/2019/QH14 Điều 125"}),
    ("nghỉ việc không cần báo trước", {"45/2019/QH14 Điều 35"}),
    ("bảo mật thông tin trẻ em", {"56/2017/NĐ-CP Điều 33", "102/2016/QH13 Điều 6"}),
    ("khẩn cấp 12 giờ trẻ em", {"56/2017/NĐ-CP Điều 26"}),
    ("quyền của người bị bạo lực gia đình", {"13/2022/QH15 Điều 9"}),
    ("đánh con để dạy", {"102/2016/QH13 Điều 27"}),
    ("phân biệt đối xử nơi làm việc vì mang thai", {"73/2006/QH11 Điều 13"}),
    ("bị ép cưới", {"100/2015/QH13 Điều 181", "52/2014/QH13 Điều 5"}),
    ("giữ hộ chiếu lừa đi làm nước ngoài", {"53/2024/QH15 Điều 2"}),
    ("thăm con sau ly hôn", {"52/2014/QH13 Điều 82"}),
    ("ép quan hệ tình dục vợ chồng", {"13/2022/QH15 Điều 3"}),
    ("bình đẳng giới là gì", {"73/2006/QH11 Điều 5"}),
    ("tự tử vì bị ngược đãi", {"100/2015/QH13 Điều 130"}),
    # In the caller's own words.
    ("bị chồng đuổi ra khỏi nhà", {"13/2022/QH15 Điều 3"}),
    ("chồng không cho tiền tiêu", {"13/2022/QH15 Điều 3"}),
    ("chồng tôi đánh tôi phải làm sao", {"13/2022/QH15 Điều 19", "13/2022/QH15 Điều 25",
                                         "13/2022/QH15 Điều 22"}),
    ("bố dượng sờ mó con gái", {"100/2015/QH13 Điều 146"}),
    ("bị tung ảnh nóng lên mạng", {"100/2015/QH13 Điều 155"}),
    ("bị sếp gạ tình", {"45/2019/QH14 Điều 3", "145/2020/NĐ-CP Điều 84"}),
    ("con gái 14 tuổi có thai", {"100/2015/QH13 Điều 145"}),
    ("hứa việc nhẹ lương cao ở nước ngoài", {"53/2024/QH15 Điều 2"}),
    ("hàng xóm đánh con", {"102/2016/QH13 Điều 27"}),
    ("ly hôn ai được nuôi con", {"52/2014/QH13 Điều 81"}),
    ("vợ bỏ đi không cho gặp con", {"52/2014/QH13 Điều 82"}),
    ("hiếp dâm trẻ em", {"100/2015/QH13 Điều 142"}),
]


@pytest.mark.parametrize("accents", [True, False], ids=["accents", "no-accents"])
@pytest.mark.parametrize(("question", "answers"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_operators_questions_land_in_the_top_three(lib, question, answers, accents):
    query = question if accents else fold(question)
    top = refs(lib.search(query, limit=3))
    assert answers & set(top), f"{query!r} → {top}"


def test_folding_includes_d_and_snippets_keep_the_original_accents(lib):
    hits = lib.search("bao luc gia dinh", limit=5)
    assert hits and all(h.document.symbol == "13/2022/QH15" for h in hits[:3])
    marked = [part for h in hits for part, hit in h.snippet.parts if hit]
    assert "bạo lực gia đình" in [m.lower() for m in marked]
    assert not any("dinh" in m for m in marked)  # highlighted text is the original
    upper = lib.search("BẠO LỰC GIA ĐÌNH", limit=3)
    assert refs(upper) == refs(lib.search("bạo lực gia đình", limit=3))


def test_accented_query_highlights_only_what_was_typed(lib):
    hits = lib.search("bạo lực gia đình ", limit=10)
    highlighted = {p.lower() for h in hits for p, hit in h.snippet.parts if hit}
    assert not any("định" in h for h in highlighted)  # "định" folds to "dinh" too
    folded = lib.search("bao luc gia dinh ", limit=10)
    assert any("định" in p.lower() for h in folded for p, hit in h.snippet.parts if hit)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_accented_query_ranks_exact_accents_first(lib, tmp_path):
    # "ma" appears far more often in one document; the accented "má" is in the other.
    ma = lib.import_file(_write(tmp_path, "ma.txt", "Chuyện ma.\n" + "ma ma ma ma ma\n" * 5))
    mother = lib.import_file(_write(tmp_path, "me.txt", "Má nói với con về quyền của mình."))
    accented = lib.search("má ", limit=5)
    assert [h.document.id for h in accented][:2] == [mother.document.id, ma.document.id]
    bare = lib.search("ma ", limit=5)
    assert {h.document.id for h in bare} >= {mother.document.id, ma.document.id}
    assert bare[0].document.id == ma.document.id  # without accents, bm25 decides


def test_phrases_in_quotes(lib, tmp_path):
    together = lib.import_file(_write(tmp_path, "a.txt", "Hỗ trợ nạn nhân mua bán người."))
    apart = lib.import_file(_write(tmp_path, "b.txt", "Người bán hàng đi mua sắm."))
    both = {h.document.id for h in lib.search("mua bán người ", limit=50)}
    assert {together.document.id, apart.document.id} <= both
    phrase = {h.document.id for h in lib.search('"mua bán người"', limit=50)}
    assert together.document.id in phrase and apart.document.id not in phrase
    unclosed = {h.document.id for h in lib.search('"nạn nhân mua bá', limit=50)}
    assert together.document.id in unclosed


def test_prefix_matching_while_typing(lib):
    assert "100/2015/QH13 Điều 183" in refs(lib.search("tảo hô", limit=5))
    assert "100/2015/QH13 Điều 183" in refs(lib.search("tao ho", limit=5))
    # A single letter just typed after other words waits for the rest of its word: the
    # other words still find the article, whatever the letter (the notes cite points "c)").
    for letter in "tcbđ":
        assert "13/2022/QH15 Điều 25" in refs(lib.search(f"cấm tiếp xúc {letter}", limit=3))
    # With a trailing space the last word is complete: no prefix.
    assert lib.search("tảo hô ", limit=5) == [] or "Điều 183" not in refs(
        lib.search("tảo hô ", limit=5))[0]


def test_replaced_documents_rank_below_in_force_and_name_their_successor(lib):
    hits = lib.search("cấm tiếp xúc", limit=50)
    symbols = [h.document.symbol for h in hits]
    old = symbols.index("02/2007/QH12")
    assert all(s != "02/2007/QH12" for s in symbols[:old])
    assert all(h.document.current for h in hits[:old])
    old_hit = hits[old]
    assert old_hit.document.status == "replaced"
    assert old_hit.document.replaced_by == "13/2022/QH15"
    assert old_hit.to_json()["replaced_by"] == "13/2022/QH15"
    in_force = lib.search("cấm tiếp xúc", limit=50, in_force=True)
    assert "02/2007/QH12" not in [h.document.symbol for h in in_force]
    # Named directly, the replaced law is still found.
    assert refs(lib.search("điều 20 luật pcblgđ 2007", limit=1)) == ["02/2007/QH12 Điều 20"]


@pytest.mark.parametrize(("query", "expected"), [
    ("Điều 25 luật phòng chống bạo lực gia đình", ["13/2022/QH15 Điều 25"]),
    ("dieu 25 luat phong chong bao luc gia dinh", ["13/2022/QH15 Điều 25"]),
    ("điều 7 nđ 76", ["76/2023/NĐ-CP Điều 7"]),
    ("đ25 luật pcblgđ", ["13/2022/QH15 Điều 25"]),
    ("Đ.25 Luật PCBLGĐ", ["13/2022/QH15 Điều 25"]),
    ("13/2022 điều 25", ["13/2022/QH15 Điều 25"]),
    ("13/2022/QH15 đ.3", ["13/2022/QH15 Điều 3"]),
    ("Đ.84–85 nđ 145", ["145/2020/NĐ-CP Điều 84", "145/2020/NĐ-CP Điều 85"]),
    ("khoản 9 điều 3 BLLĐ", ["45/2019/QH14 Điều 3"]),
    ("blhs 183", ["100/2015/QH13 Điều 183"]),
    ("điều 183 bộ luật hình sự", ["100/2015/QH13 Điều 183"]),
    ("HN&GĐ điều 8", ["52/2014/QH13 Điều 8"]),
    ("luật trẻ em điều 1", ["102/2016/QH13 Điều 1"]),
    ("nghị định 56 điều 26", ["56/2017/NĐ-CP Điều 26"]),
])
def test_symbol_and_article_queries_go_straight_to_the_article(lib, query, expected):
    hits = lib.search(query, limit=len(expected))
    assert refs(hits) == expected
    assert all(h.match == "article" for h in hits)


def test_a_symbol_alone_lists_the_document_in_order(lib):
    hits = lib.search("13/2022", limit=0)
    assert [h.article.label for h in hits][:3] == ["Điều 2", "Điều 3", "Điều 9"]
    assert {h.document.symbol for h in hits} == {"13/2022/QH15"}
    assert refs(lib.search("28/NQ-CP", limit=1)) == ["28/NQ-CP Tổng quan"]
    assert refs(lib.search("2232/QĐ-TTg", limit=1)) == ["2232/QĐ-TTg Tổng quan"]


def test_an_article_number_alone_finds_it_in_every_document_in_force_first(lib):
    hits = lib.search("điều 25", limit=10)
    assert {h.document.symbol for h in hits} >= {"13/2022/QH15", "102/2016/QH13",
                                                  "56/2017/NĐ-CP"}
    assert all(h.article.label == "Điều 25" for h in hits)
    assert hits[0].document.symbol == "13/2022/QH15"


def test_unknown_symbol_is_searched_as_words(lib):
    assert lib.search("999/2099/QH99", limit=5) == []


@pytest.mark.parametrize(("query", "expected"), [
    ("BLGĐ kinh tế", "13/2022/QH15 Điều 3"),
    ("blgđ kinh tế", "13/2022/QH15 Điều 3"),
    ("TGPL miễn phí", "11/2017/QH14 Điều 7"),
    ("tgpl mien phi", "11/2017/QH14 Điều 7"),
    ("QRTD nơi làm việc", "145/2020/NĐ-CP Điều 84"),
    ("BĐG là gì", "73/2006/QH11 Điều 5"),
    ("MBN hỗ trợ nạn nhân", "53/2024/QH15 Chương V"),
    ("XHTD TE", "102/2016/QH13 Điều 25"),
])
def test_abbreviations_expand(lib, query, expected):
    assert expected in refs(lib.search(query, limit=3))


def test_ambiguous_abbreviations_expand_only_in_capitals(lib):
    from hotline.library.query import Abbreviations, parse_query

    abbreviations = Abbreviations()
    assert parse_query("TE bị xâm hại", abbreviations).terms[0].expansion == ("tre", "em")
    assert parse_query("te bị xâm hại", abbreviations).terms[0].expansion == ()
    assert parse_query("blgđ", abbreviations).terms[0].expansion == (
        "bao", "luc", "gia", "dinh")


def test_filters_type_document_and_in_force(lib):
    decrees = lib.search("", doc_type="nđ", limit=0)
    assert decrees and {h.document.doc_type for h in decrees} == {"Nghị định"}
    assert {h.document.id for h in lib.search("", doc_type="Nghị định", limit=0)} == \
        {h.document.id for h in decrees}
    only_labour = lib.search("quấy rối", doc_id="45-2019-qh14", limit=0)
    assert only_labour and {h.document.id for h in only_labour} == {"45-2019-qh14"}
    everything = lib.search("", limit=0)
    assert len(everything) == sum(d.article_count for d in lib.documents())
    current = lib.search("", in_force=True, limit=0)
    assert {h.document.status for h in current} <= {"in_force", "amended"}
    assert len(current) < len(everything)
    assert lib.search("cấm tiếp xúc", doc_type="Bộ luật", limit=5)[0].document.doc_type == \
        "Bộ luật"
    with pytest.raises(DocumentNotFound):
        lib.search("x", doc_id="no-such-doc")


def test_citation_and_neighbours(lib):
    hit = lib.search("điều 25 luật pcblgđ", limit=1)[0]
    assert hit.citation == "Điều 25 Luật Phòng, chống bạo lực gia đình 2022 (13/2022/QH15)"
    citation = lib.citation(hit.article)
    assert (citation.doc_id, citation.article) == ("13-2022-qh15", "Điều 25")
    assert citation.citation == hit.citation
    prev, nxt = lib.neighbours(hit.article)
    assert (prev.label, nxt.label) == ("Điều 22", "Điều 26")
    first = lib.articles("13-2022-qh15")[0]
    assert lib.neighbours(first)[0] is None
    assert lib.find_article("13-2022-qh15", "Điều 25") == hit.article
    labour = lib.search("khoản 9 điều 3 blld", limit=1)[0]
    assert labour.citation == "Khoản 9 Điều 3 Bộ luật Lao động 2019 (45/2019/QH14)"


def test_json_fields(lib):
    item = lib.search("tổng đài 111", limit=1)[0].to_json()
    for field in ("doc_id", "symbol", "title", "article", "heading", "snippet", "score"):
        assert field in item
    assert "**" in item["snippet"]


def test_bundled_library_metadata_is_exact(lib):
    docs = {d.symbol: d for d in lib.documents()}
    expected = {
        "13/2022/QH15": ("2022-11-14", "2023-07-01", "in_force"),
        "02/2007/QH12": ("2007-11-21", "2008-07-01", "replaced"),
        "76/2023/NĐ-CP": ("2023-11-01", "2023-12-25", "in_force"),
        "102/2016/QH13": ("2016-04-05", "2017-06-01", "amended"),
        "56/2017/NĐ-CP": ("2017-05-09", "2017-07-01", "in_force"),
        "53/2024/QH15": ("2024-11-28", "2025-07-01", "amended"),
        "66/2011/QH12": ("2011-03-29", "2012-01-01", "replaced"),
        "73/2006/QH11": ("2006-11-29", "2007-07-01", "in_force"),
        "45/2019/QH14": ("2019-11-20", "2021-01-01", "in_force"),
        "52/2014/QH13": ("2014-06-19", "2015-01-01", "in_force"),
        "100/2015/QH13": ("2015-11-27", "2018-01-01", "amended"),
        "11/2017/QH14": ("2017-06-20", "2018-01-01", "amended"),
        "144/2021/NĐ-CP": ("2021-12-31", "2022-01-01", "replaced"),
        "282/2025/NĐ-CP": ("2025-10-30", "2025-12-15", "in_force"),
        "145/2020/NĐ-CP": ("2020-12-14", "2021-02-01", "in_force"),
    }
    for symbol, (issued, effective, status) in expected.items():
        doc = docs[symbol]
        assert (doc.issued, doc.effective, doc.status) == (issued, effective, status), symbol
    assert docs["02/2007/QH12"].replaced_by == "13/2022/QH15"
    assert docs["66/2011/QH12"].replaced_by == "53/2024/QH15"
    assert docs["144/2021/NĐ-CP"].replaced_by == "282/2025/NĐ-CP"
    assert "28/NQ-CP" in docs and "2232/QĐ-TTg" in docs
    articles = {a.label for a in lib.articles("13-2022-qh15")}
    assert {"Điều 2", "Điều 3", "Điều 9", "Điều 16", "Điều 19", "Điều 22", "Điều 25",
            "Điều 26"} <= articles
    assert lib.as_of == "2026-11-26"
    for doc in lib.documents():
        for article in lib.articles(doc.id):
            assert article.note and article.citation, (doc.symbol, article.label)


def test_bundled_library_indexes_once_and_again_when_it_changes(app, data_dir):
    from hotline.library.bundled import BundledLibrary

    assert app.library.ensure_bundled() is True or app.library.documents()
    real = load_bundled()
    calls = []

    def changed() -> BundledLibrary:
        calls.append(1)
        text = (
            "symbol: 1/2099/QH99\ntitle: Luật Thử nghiệm\ntype: Luật\nissuer: Quốc hội\n"
            "status: in_force\nas_of: 2099-01-01\n\n=== Điều 1. Phạm vi\n\nGhi chú thử.\n")
        return BundledLibrary((*real.documents, parse_bundled(text, "x.txt")), "v-new")

    other = LibraryService(app.store, app.clock)
    assert other.ensure_bundled() is False  # same version: nothing to do
    newer = LibraryService(app.store, app.clock, bundled=changed)
    assert newer.ensure_bundled() is True
    assert refs(newer.search("luật thử nghiệm điều 1", limit=1)) == ["1/2099/QH99 Điều 1"]
    assert newer.ensure_bundled() is False and calls == [1]
    # An imported document survives re-indexing of the bundled ones.
    assert len([d for d in newer.documents() if d.origin == "bundled"]) == \
        len(real.documents) + 1


def test_bundled_format_errors_name_the_file_and_line():
    good = ("symbol: 1/2099/QH99\ntitle: T\ntype: Luật\nissuer: Quốc hội\nstatus: in_force\n"
            "as_of: 2099-01-01\n\n=== Điều 1. A\n\nGhi chú.\n")
    assert parse_bundled(good, "ok.txt").sections[0].number == "1"
    with pytest.raises(BundledFormatError, match=r"bad.txt, dòng 2: trường không biết"):
        parse_bundled("symbol: 1/2099/QH99\ncolour: red\n", "bad.txt")
    with pytest.raises(BundledFormatError, match="thiếu trường bắt buộc 'issuer'"):
        parse_bundled(good.replace("issuer: Quốc hội\n", ""), "bad.txt")
    with pytest.raises(BundledFormatError, match="status 'gone'"):
        parse_bundled(good.replace("in_force", "gone"), "bad.txt")
    with pytest.raises(BundledFormatError, match="replaced_by"):
        parse_bundled(good.replace("in_force", "replaced"), "bad.txt")
    with pytest.raises(BundledFormatError, match="YYYY-MM-DD"):
        parse_bundled(good.replace("2099-01-01", "01/01/2099"), "bad.txt")
    with pytest.raises(BundledFormatError, match="dòng 8: mục 'Điều 1' chưa có ghi chú"):
        parse_bundled(good.replace("Ghi chú.\n", ""), "bad.txt")


def test_removed_document_leaves_nothing_in_the_index(lib, app, tmp_path):
    outcome = lib.import_file(_write(tmp_path, "x.txt", "Từ khóa hiếm zyxwvutsra trong tài liệu."))
    assert lib.search("zyxwvutsra")
    lib.remove(outcome.document.id)
    assert lib.search("zyxwvutsra") == []
    rows = app.store.conn.execute(
        "SELECT count(*) FROM library_fts WHERE library_fts MATCH 'zyxwvutsra'").fetchone()[0]
    assert rows == 0
    # The index holds exactly one row per article.
    total = app.store.conn.execute("SELECT count(*) FROM library_articles").fetchone()[0]
    indexed = app.store.conn.execute(
        "SELECT count(*) FROM library_fts WHERE library_fts MATCH 'meta : zzo*'").fetchone()[0]
    assert indexed == total


def test_metadata_update_reindexes(lib, tmp_path):
    outcome = lib.import_file(_write(tmp_path, "h.txt", "Hướng dẫn tiếp nhận cuộc gọi ban đêm."))
    doc = outcome.document
    lib.update_metadata(doc.id, Metadata(title="Quy trình trực đêm", symbol="07/HD-TT",
                                         doc_type="Hướng dẫn", status="expired"))
    mine = [h for h in lib.search("trực đêm", limit=50) if h.document.id == doc.id]
    assert mine and mine[0].document.title == "Quy trình trực đêm"
    assert mine[0].document.status == "expired"
    assert mine[0].citation.endswith("Quy trình trực đêm (07/HD-TT)")
    assert doc.id not in {h.document.id for h in lib.search("trực đêm", in_force=True)}
    assert refs(lib.search("07/HD-TT", limit=1)) == ["07/HD-TT Phần 1"]


def test_index_form_gives_the_same_tokens_as_fold(lib):
    """The index receives the text with only đ→d mapped and lets the tokenizer remove the
    other accents; its tokens must be exactly those of fold() (DESIGN §6)."""
    import sqlite3

    from hotline.library.index import index_form

    conn = sqlite3.connect(":memory:")
    for name in ("a", "b"):
        conn.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(x, tokenize = "
                     "'unicode61 remove_diacritics 2')")
        conn.execute(f"CREATE VIRTUAL TABLE {name}_v USING fts5vocab({name}, row)")
    texts = [a.note for d in lib.documents() for a in lib.articles(d.id)]
    texts += [d.title for d in lib.documents()]
    texts.append("ĐIỀU Đ.25 đường Ðiều ƯỚC ưỡng ỹ Ỹ ồ Ồ ợ Ợ ự Ự ậ Ậ HN&GĐ ﬁ 1.000,5 ½")
    for text in texts:
        conn.execute("INSERT INTO a(x) VALUES (?)", (fold(text),))
        conn.execute("INSERT INTO b(x) VALUES (?)", (index_form(text),))
    terms_a = [r[0] for r in conn.execute("SELECT term, doc, cnt FROM a_v ORDER BY term")]
    terms_b = [r[0] for r in conn.execute("SELECT term, doc, cnt FROM b_v ORDER BY term")]
    assert terms_a == terms_b
    assert "duong" in terms_b and "dieu" in terms_b


def test_the_index_ranks_with_title_and_heading_weights(lib, app):
    lib.documents()
    conn = app.store.conn
    config = dict(conn.execute("SELECT k, v FROM library_fts_config").fetchall())
    assert config["rank"] == "bm25(6.0, 5.0, 1.0, 1.0, 0.0)"
    # The bare query ranks the same way: the article whose heading holds the words first.
    top = conn.execute("SELECT rowid FROM library_fts WHERE library_fts MATCH "
                       "'\"tao\" AND \"hon\"' ORDER BY rank LIMIT 1").fetchone()[0]
    assert lib.article(top).heading == "Tội tổ chức tảo hôn"
