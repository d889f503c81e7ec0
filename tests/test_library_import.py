"""Importing the center's own documents: every format (fixtures made here), splitting into
articles, pre-filled metadata, updates instead of duplicates, removal, and failure paths
that leave nothing half-indexed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from hotline.library import index
from hotline.library.importers import LibraryImportError, read_text
from hotline.library.models import Metadata
from hotline.library.parse import guess_metadata, split_sections
from hotline.library.service import LibraryError, LibraryService
from hotline.resources_access import resource

LAW_TEXT = """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Luật số: 99/2025/QH15

LUẬT
HỖ TRỢ NGƯỜI GỌI ĐƯỜNG DÂY NÓNG

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Hỗ trợ người gọi đường dây nóng.

Chương I
NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh
Luật này quy định việc hỗ trợ người gọi đường dây nóng, theo quy định tại Điều 5 của Luật này.

Điều 2. Giải thích từ ngữ
1. Người gọi là người liên hệ với đường dây nóng.
2. Nơi tạm lánh an toàn là địa điểm bảo vệ người bị bạo lực.

Chương II
QUYỀN CỦA NGƯỜI GỌI
Mục 1. QUYỀN ĐƯỢC BẢO MẬT

Điều 3. Quyền được giữ bí mật
Người gọi được giữ bí mật thông tin cá nhân.

Điều 4. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.

Luật này đã được Quốc hội khóa XV thông qua ngày 20 tháng 11 năm 2025.
"""


@pytest.fixture
def lib(app) -> LibraryService:
    return app.library


def counts(app) -> tuple[int, int, int]:
    conn = app.store.conn
    docs = conn.execute("SELECT count(*) FROM library_documents").fetchone()[0]
    arts = conn.execute("SELECT count(*) FROM library_articles").fetchone()[0]
    fts = conn.execute("SELECT count(*) FROM library_fts WHERE library_fts MATCH "
                       "'meta : zzo*'").fetchone()[0]
    return docs, arts, fts


def make_docx(path: Path, paragraphs: list[str], *, header_table: bool = True) -> Path:
    import docx

    document = docx.Document()
    if header_table:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "QUỐC HỘI"
        table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        table.cell(1, 0).text = "Luật số: 99/2025/QH15"
        table.cell(1, 1).text = "Độc lập - Tự do - Hạnh phúc"
    for text in paragraphs:
        if text.startswith("# "):
            document.add_heading(text[2:], level=1)
        else:
            document.add_paragraph(text)
    document.save(str(path))
    return path


def make_pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = resource("fonts", "LiberationSerif-Regular.ttf")
    pdfmetrics.registerFont(TTFont("LiberationSerifTest", str(font)))
    pdf = canvas.Canvas(str(path))
    y = 800
    for line in lines:
        if y < 60:
            pdf.showPage()
            y = 800
        pdf.setFont("LiberationSerifTest", 11)
        pdf.drawString(50, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A 'scan': pages carrying only a picture of text, no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "Dieu 1. Pham vi dieu chinh", fill="black")
    pdf = canvas.Canvas(str(path))
    for _ in range(2):
        pdf.drawImage(ImageReader(image), 50, 500, width=500, height=160)
        pdf.showPage()
    pdf.save()
    return path


# ----------------------------------------------------------------- splitting and metadata
def test_legal_text_splits_into_articles_with_chapters():
    sections = split_sections(LAW_TEXT)
    labels = [s.label for s in sections]
    assert labels == ["Phần mở đầu", "Điều 1", "Điều 2", "Điều 3", "Điều 4"]
    by_label = {s.label: s for s in sections}
    assert by_label["Điều 1"].heading == "Phạm vi điều chỉnh"
    assert by_label["Điều 1"].chapter == "Chương I. Những quy định chung"
    # A reference to "Điều 5" inside a sentence is not a new article.
    assert "Điều 5 của Luật này" in by_label["Điều 1"].text
    assert by_label["Điều 3"].chapter == ("Chương II. Quyền của người gọi › "
                                          "Mục 1. Quyền được bảo mật")
    assert by_label["Điều 2"].number == "2"


def test_metadata_is_prefilled_from_the_text():
    meta = guess_metadata(LAW_TEXT, "luat.txt")
    assert meta.symbol == "99/2025/QH15"
    assert meta.title == "Luật Hỗ trợ người gọi đường dây nóng"
    assert meta.doc_type == "Luật"
    assert meta.issuer == "QUỐC HỘI"
    assert meta.issued == "2025-11-20"
    assert meta.effective == "2026-07-01"


def test_metadata_of_a_decree_and_of_a_letter():
    decree = ("CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 76/2023/NĐ-CP\nHà Nội, ngày 01 tháng 11 năm 2023\n\nNGHỊ ĐỊNH\n"
              "QUY ĐỊNH CHI TIẾT LUẬT PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH\n\n"
              "Căn cứ Luật số 13/2022/QH15 ngày 14 tháng 11 năm 2022;\n\n"
              "Điều 1. Phạm vi\nNội dung.\nĐiều 2. Hiệu lực\n"
              "Nghị định này có hiệu lực thi hành kể từ ngày 15 tháng 12 năm 2023.\n")
    meta = guess_metadata(decree)
    assert (meta.symbol, meta.doc_type, meta.issued, meta.effective) == (
        "76/2023/NĐ-CP", "Nghị định", "2023-11-01", "2023-12-15")
    assert meta.title == "Nghị định quy định chi tiết Luật Phòng, chống bạo lực gia đình"
    assert meta.issuer == "CHÍNH PHỦ"
    letter = ("BỘ LAO ĐỘNG – THƯƠNG BINH\nVÀ XÃ HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nSố: 4572/LĐTBXH-BĐG\n"
              "V/v hướng dẫn triển khai công tác\nbình đẳng giới năm 2017\n"
              "Hà Nội, ngày 31 tháng 10 năm 2017\nKính gửi: Ủy ban nhân dân các tỉnh\n"
              "Căn cứ Quyết định số 565/QĐ-TTg ngày 25 tháng 4 năm 2017;\nNội dung.\n")
    meta = guess_metadata(letter)
    assert meta.symbol == "4572/LĐTBXH-BĐG"
    assert meta.doc_type == "Công văn"
    assert meta.title == ("Công văn về việc hướng dẫn triển khai công tác bình đẳng giới "
                          "năm 2017")
    assert meta.issuer == "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI"
    assert meta.issued == "2017-10-31"


def test_text_without_articles_becomes_sections(tmp_path):
    body = "\n\n".join(f"Đoạn {i}: hướng dẫn tiếp nhận cuộc gọi " + "chi tiết " * 60
                       for i in range(12))
    text = f"HƯỚNG DẪN NỘI BỘ\nI. Tiếp nhận\n{body}\nII. Kết thúc cuộc gọi\nChào và hẹn gọi lại."
    sections = split_sections(text)
    assert all(not s.number for s in sections)
    assert sections[0].text == "HƯỚNG DẪN NỘI BỘ"  # what comes before the first heading
    assert sections[1].heading == "I. Tiếp nhận"
    assert len(sections) > 3  # the long part is cut into readable pieces
    assert sections[-1].heading == "II. Kết thúc cuộc gọi"
    assert any(s.heading == "I. Tiếp nhận (tiếp)" for s in sections)


# ----------------------------------------------------------------- each format
def test_txt_import_is_searchable(lib, tmp_path):
    path = tmp_path / "luat.txt"
    path.write_text(LAW_TEXT, encoding="utf-8-sig")
    outcome = lib.import_file(path)
    doc = outcome.document
    assert outcome.created
    assert (doc.symbol, doc.title, doc.origin) == ("99/2025/QH15",
                                                   "Luật Hỗ trợ người gọi đường dây nóng",
                                                   "imported")
    assert doc.article_count == 5
    hit = lib.search("noi tam lanh an toan", limit=1)[0]
    assert (hit.document.id, hit.article.label) == (doc.id, "Điều 2")
    assert hit.citation == ("Điều 2 Luật Hỗ trợ người gọi đường dây nóng (99/2025/QH15)")
    direct = lib.search("99/2025 điều 3", limit=1)
    assert direct[0].article.heading == "Quyền được giữ bí mật"


def test_md_import_uses_headings(lib, tmp_path):
    path = tmp_path / "quy-trinh.md"
    path.write_text("# Quy trình trực tổng đài\n\nGhi **đầy đủ** thông tin.\n\n"
                    "## Khi người gọi im lặng\n\nChờ 30 giây rồi hỏi lại [nhẹ nhàng](x).\n",
                    encoding="utf-8")
    doc = lib.import_file(path).document
    arts = lib.articles(doc.id)
    assert [a.heading for a in arts] == ["Quy trình trực tổng đài", "Khi người gọi im lặng"]
    assert "**" not in arts[0].text and "(x)" not in arts[1].text
    assert lib.search("nguoi goi im lang", limit=1)[0].document.id == doc.id


def test_docx_import(lib, tmp_path):
    path = make_docx(tmp_path / "luat.docx", [
        "LUẬT", "HỖ TRỢ NGƯỜI GỌI ĐƯỜNG DÂY NÓNG", "Chương I", "NHỮNG QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh", "Luật này quy định việc hỗ trợ người gọi.",
        "Điều 2. Đường dây nóng", "Đường dây nóng tiếp nhận cuộc gọi của trẻ em 24/7.",
        "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026."])
    doc = lib.import_file(path).document
    assert doc.symbol == "99/2025/QH15"
    assert doc.title == "Luật Hỗ trợ người gọi đường dây nóng"
    assert doc.effective == "2026-07-01"
    hit = lib.search("duong day nong tre em", limit=1)[0]
    assert (hit.document.id, hit.article.label) == (doc.id, "Điều 2")
    assert "trẻ em" in hit.snippet.plain  # original accents come back
    assert hit.article.chapter == "Chương I. Những quy định chung"


def test_docx_headings_split_a_guideline(lib, tmp_path):
    path = make_docx(tmp_path / "hd.docx", [
        "# Tiếp nhận cuộc gọi", "Chào, giới thiệu tên trung tâm.",
        "# Đánh giá an toàn", "Hỏi người gọi có đang an toàn không."], header_table=False)
    doc = lib.import_file(path).document
    assert [a.heading for a in lib.articles(doc.id)] == ["Tiếp nhận cuộc gọi",
                                                         "Đánh giá an toàn"]


def test_pdf_import_with_a_text_layer(lib, tmp_path):
    lines = ["CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Số: 88/2025/NĐ-CP", "Hà Nội, ngày 05 tháng 03 năm 2025", "NGHỊ ĐỊNH",
             "VỀ TỔNG ĐÀI HỖ TRỢ", "Điều 1. Phạm vi điều chỉnh",
             "Nghị định này quy định tổng đài hỗ trợ nạn nhân bạo lực gia đình.",
             "Điều 2. Bảo mật", "Thông tin người gọi được giữ bí mật tuyệt đối."]
    lines += [f"Dòng bổ sung số {i} về đường dây nóng." for i in range(60)]  # two pages
    path = make_pdf(tmp_path / "nd.pdf", lines)
    progress: list[tuple[int, int]] = []
    doc = lib.import_file(path, progress=lambda d, t: progress.append((d, t))).document
    assert progress[-1] == (2, 2)
    assert (doc.symbol, doc.doc_type, doc.issued) == ("88/2025/NĐ-CP", "Nghị định",
                                                      "2025-03-05")
    assert doc.title == "Nghị định về tổng đài hỗ trợ"
    hit = lib.search("giữ bí mật tuyệt đối", limit=1)[0]
    assert (hit.document.id, hit.article.label) == (doc.id, "Điều 2")
    assert "bí mật tuyệt đối" in hit.snippet.plain


def test_html_import_drops_scripts(lib, tmp_path):
    path = tmp_path / "trang.html"
    path.write_bytes(
        "<html><head><meta charset='utf-8'><title>x</title><style>p{}</style></head><body>"
        "<script>var bimat = 'khongduoctimthay';</script>"
        "<h1>Địa chỉ tin cậy</h1><p>Nhà tạm lánh của <b>xã</b> nhận người bị bạo lực&nbsp;"
        "gia đình.</p><h2>Liên hệ</h2><p>Gọi trưởng thôn.</p></body></html>".encode())
    doc = lib.import_file(path).document
    assert [a.heading for a in lib.articles(doc.id)] == ["Địa chỉ tin cậy", "Liên hệ"]
    assert lib.search("nha tam lanh cua xa", limit=1)[0].document.id == doc.id
    assert lib.search("khongduoctimthay") == []


def test_legacy_encoding_and_eth_look_alike(lib, tmp_path):
    path = tmp_path / "cu.txt"
    path.write_bytes("Ðiều 1. Quyền\nNgười gọi được bảo vệ.\nÐiều 2. Nghĩa vụ\nKhai báo."
                     .encode("utf-16"))
    doc = lib.import_file(path).document
    assert [a.label for a in lib.articles(doc.id)] == ["Điều 1", "Điều 2"]


# ----------------------------------------------------------------- failures
@pytest.mark.parametrize(("name", "content", "reason"), [
    ("scan.pdf", None, "không có lớp chữ"),
    ("hong.pdf", b"%PDF-1.4\nnot really a pdf at all", "PDF bị hỏng"),
    ("hong.docx", b"PK\x03\x04 this is no zip", ".docx bị hỏng"),
    ("rong.txt", b"", "tệp rỗng"),
    ("trang.txt", b"   \n\n  ", "không có nội dung chữ"),
    ("anh.png", b"\x89PNG\r\n", "không đọc được loại tệp '.png'"),
    ("nhi-phan.txt", b"abc\x00\x01\x02", "không phải tệp văn bản"),
])
def test_bad_files_get_a_clear_message_and_store_nothing(lib, app, tmp_path, name, content,
                                                         reason):
    before = counts(app)
    path = tmp_path / name
    if content is None:
        make_scanned_pdf(path)
    else:
        path.write_bytes(content)
    with pytest.raises(LibraryImportError) as caught:
        lib.import_file(path)
    assert str(caught.value).startswith(name) and reason in str(caught.value)
    assert counts(app) == before


def test_docx_that_is_a_zip_of_something_else(lib, app, tmp_path):
    path = tmp_path / "zip.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    before = counts(app)
    with pytest.raises(LibraryImportError, match=r"zip\.docx: tệp \.docx bị hỏng"):
        lib.import_file(path)
    assert counts(app) == before


def test_missing_file(lib, tmp_path):
    with pytest.raises(LibraryImportError, match="không tìm thấy tệp"):
        lib.import_file(tmp_path / "khong-co.pdf")


def test_a_failure_while_indexing_rolls_back_the_whole_document(lib, app, tmp_path,
                                                                 monkeypatch):
    path = tmp_path / "luat.txt"
    path.write_text(LAW_TEXT, encoding="utf-8")
    lib.documents()  # bundled library indexed first
    before = counts(app)
    real = index._index

    def failing(conn, doc_id, *, delete):
        real(conn, doc_id, delete=delete)
        raise RuntimeError("đĩa đầy")

    monkeypatch.setattr(index, "_index", failing)
    with pytest.raises(RuntimeError):
        lib.import_file(path)
    monkeypatch.setattr(index, "_index", real)
    assert counts(app) == before
    assert [h for h in lib.search("99/2025/QH15") if h.document.origin == "imported"] == []


def test_invalid_metadata_is_refused(lib, app, tmp_path):
    path = tmp_path / "luat.txt"
    path.write_text(LAW_TEXT, encoding="utf-8")
    lib.documents()
    before = counts(app)
    with pytest.raises(LibraryError, match="YYYY-MM-DD"):
        lib.import_file(path, Metadata(title="X", issued="20/11/2025"))
    with pytest.raises(LibraryError, match="cần tên văn bản"):
        lib.import_file(path, Metadata(title="  "))
    with pytest.raises(LibraryError, match="văn bản thay thế"):
        lib.import_file(path, Metadata(title="X", status="replaced"))
    assert counts(app) == before


# ----------------------------------------------------------------- updates and removal
def test_reimporting_the_same_file_updates_it(lib, app, tmp_path):
    path = tmp_path / "luat.txt"
    path.write_text(LAW_TEXT, encoding="utf-8")
    first = lib.import_file(path)
    after_first = counts(app)
    lib.update_metadata(first.document.id, Metadata(title="Tên đã sửa", symbol="99/2025/QH15",
                                                    doc_type="Luật"))
    path.write_text(LAW_TEXT.replace("giữ bí mật thông tin", "bảo vệ tuyệt đối thông tin"),
                    encoding="utf-8")
    second = lib.import_file(path)
    assert not second.created and second.document.id == first.document.id
    assert second.document.title == "Tên đã sửa"  # corrected metadata is kept
    assert counts(app) == after_first
    assert lib.search("bảo vệ tuyệt đối", limit=1)[0].document.id == first.document.id
    assert not [h for h in lib.search('"giữ bí mật thông tin cá nhân"', limit=50)
                if h.document.id == first.document.id]


def test_same_content_under_another_name_is_not_duplicated(lib, app, tmp_path):
    one = tmp_path / "a.txt"
    one.write_text(LAW_TEXT, encoding="utf-8")
    two = tmp_path / "copy of a.txt"
    two.write_text(LAW_TEXT, encoding="utf-8")
    first = lib.import_file(one)
    after = counts(app)
    second = lib.import_file(two)
    assert second.document.id == first.document.id and not second.created
    assert second.document.source_path == str(two.resolve())
    assert counts(app) == after


def test_remove_and_audit(lib, app, tmp_path):
    path = tmp_path / "luat.txt"
    path.write_text(LAW_TEXT, encoding="utf-8")
    doc = lib.import_file(path, actor="lan").document
    lib.remove(doc.id, actor="lan")
    assert doc.id not in {d.id for d in lib.documents()}
    assert [h for h in lib.search("99/2025/QH15") if h.document.origin == "imported"] == []
    with pytest.raises(LibraryError, match="không xóa được"):
        lib.remove("13-2022-qh15")
    with pytest.raises(LibraryError, match="không có văn bản"):
        lib.remove(doc.id)
    actions = [(e.actor, e.action, e.target) for e in app.audit.entries()
               if e.action.startswith("library.")]
    assert ("lan", "library.import", doc.id) in actions
    assert ("lan", "library.remove", doc.id) in actions


def test_read_text_normalises_to_nfc(tmp_path):
    import unicodedata

    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", "Bạo lực gia đình"), encoding="utf-8")
    assert read_text(path) == "Bạo lực gia đình"


# ----------------------------------------------------------------- legacy encodings, fonts
def article_texts(lib, doc_id: str) -> list[tuple[str, str, str]]:
    return [(a.label, a.heading, a.text) for a in lib.articles(doc_id)]


@pytest.mark.parametrize("encoding", ["utf-16", "cp1258", "tcvn3", "vni"])
def test_a_text_in_any_encoding_gives_the_same_articles(lib, app, tmp_path, encoding):
    from encoding_helpers import ENCODERS

    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "luat.txt").write_text(LAW_TEXT, encoding="utf-8")
    expected_doc = lib.import_file(clean / "luat.txt").document
    expected = article_texts(lib, expected_doc.id)
    lib.remove(expected_doc.id)
    path = tmp_path / "luat.txt"
    path.write_bytes(ENCODERS[encoding](LAW_TEXT))
    outcome = lib.import_file(path)
    # The all-capitals lines (typed in .VnTimeH) come back as capitals in TCVN3 too.
    assert article_texts(lib, outcome.document.id) == expected
    assert outcome.document.title == "Luật Hỗ trợ người gọi đường dây nóng"
    names = {"cp1258": "Windows-1258", "tcvn3": "TCVN3", "vni": "VNI"}
    if encoding in names:
        assert f"Tệp dùng bảng mã {names[encoding]} — đã chuyển sang Unicode" in \
            outcome.warnings
    assert lib.search("noi tam lanh an toan", limit=1)[0].article.label == "Điều 2"


def surface(data: bytes) -> str:
    """Legacy bytes as Word keeps them in a run set in a legacy font."""
    return data.decode("cp1252")


def test_docx_with_tcvn3_and_vni_fonts(lib, tmp_path):
    import docx
    from docx.shared import Pt
    from encoding_helpers import tcvn3, vni

    document = docx.Document()
    document.styles["Normal"].font.name = ".VnTime"  # the whole document inherits it
    table = document.add_table(rows=1, cols=2)
    left = table.cell(0, 0).paragraphs[0].add_run(surface(tcvn3("quốc hội")))
    left.font.name = ".VnTimeH"  # capitals font: lowercase codes drawn as capitals
    table.cell(0, 1).paragraphs[0].add_run(surface(tcvn3("Luật số: 99/2025/QH15")))
    heading = document.add_paragraph().add_run(surface(tcvn3("luật hỗ trợ người gọi")))
    heading.font.name = ".VnTimeH"
    heading.font.size = Pt(14)
    document.add_paragraph(surface(tcvn3("Điều 1. Phạm vi điều chỉnh")))
    mixed = document.add_paragraph(surface(tcvn3("Luật này quy định việc ")))
    unicode_run = mixed.add_run("hỗ trợ người gọi")  # typed later with Unikey, in Unicode
    unicode_run.font.name = "Times New Roman"
    mixed.add_run(surface(tcvn3(" đường dây nóng.")))
    document.add_paragraph(surface(tcvn3("Điều 2. Nơi tạm lánh")))
    in_vni = document.add_paragraph().add_run(surface(vni("Nơi tạm lánh an toàn ở Đà Nẵng.")))
    in_vni.font.name = "VNI-Times"
    path = tmp_path / "cu.docx"
    document.save(str(path))

    outcome = lib.import_file(path)
    preamble, *arts = article_texts(lib, outcome.document.id)
    assert "QUỐC HỘI" in preamble[2] and "LUẬT HỖ TRỢ NGƯỜI GỌI" in preamble[2]
    assert arts[0] == ("Điều 1", "Phạm vi điều chỉnh",
                       "Luật này quy định việc hỗ trợ người gọi đường dây nóng.")
    assert arts[1] == ("Điều 2", "Nơi tạm lánh", "Nơi tạm lánh an toàn ở Đà Nẵng.")
    assert (outcome.document.symbol, outcome.document.issuer) == ("99/2025/QH15", "Quốc hội")
    assert "Văn bản dùng phông TCVN3 (.VnTime, .VnTimeH) — đã chuyển sang Unicode" in \
        outcome.warnings
    assert "Văn bản dùng phông VNI (VNI-Times) — đã chuyển sang Unicode" in outcome.warnings
    assert lib.search("noi tam lanh da nang", limit=1)[0].article.label == "Điều 2"


def test_html_saved_from_a_legacy_document(lib, tmp_path):
    from encoding_helpers import tcvn3

    body = (b'<html><head><meta charset="windows-1252"></head><body>'
            b'<p><font face=".VnTime">' + tcvn3("Điều 1. Phạm vi điều chỉnh") + b"</font></p>"
            b'<p style="font-family: .VnTime">' + tcvn3("Người gọi được bảo vệ.") + b"</p>"
            b'<p><span style="font-family:\'.VnTime\'">' + tcvn3("Điều 2. Hiệu lực")
            + b"</span></p><p>Unicode text stays.</p></body></html>")
    path = tmp_path / "cu.html"
    path.write_bytes(body)
    outcome = lib.import_file(path)
    arts = article_texts(lib, outcome.document.id)
    assert [a[:3] for a in arts] == [("Điều 1", "Phạm vi điều chỉnh", "Người gọi được bảo vệ."),
                                     ("Điều 2", "Hiệu lực", "Unicode text stays.")]
    assert "Văn bản dùng phông TCVN3 (.VnTime) — đã chuyển sang Unicode" in outcome.warnings
    # Without a declared charset, the bytes are read as any text file.
    path.write_bytes(b"<p>" + tcvn3("Điều 1. Quyền được bảo mật") + b"</p><p>"
                     + tcvn3("Điều 2. Nghĩa vụ") + b"</p>")
    outcome = lib.import_file(path)
    assert [a[:2] for a in article_texts(lib, outcome.document.id)] == [
        ("Điều 1", "Quyền được bảo mật"), ("Điều 2", "Nghĩa vụ")]
    assert outcome.warnings[0] == "Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode"


def test_pdf_printed_from_a_tcvn3_document(lib, tmp_path):
    from encoding_helpers import tcvn3

    lines = ["Điều 1. Phạm vi điều chỉnh", "Người gọi đường dây nóng được giữ bí mật.",
             "Điều 2. Nơi tạm lánh", "Nhà tạm lánh nhận phụ nữ và trẻ em."]
    path = make_pdf(tmp_path / "cu.pdf", [surface(tcvn3(line)) for line in lines])
    outcome = lib.import_file(path)
    arts = article_texts(lib, outcome.document.id)
    assert [a[:2] for a in arts] == [("Điều 1", "Phạm vi điều chỉnh"),
                                     ("Điều 2", "Nơi tạm lánh")]
    assert "Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode" in outcome.warnings


def test_undecidable_text_is_refused_with_its_line(lib, app, tmp_path):
    before = counts(app)
    path = tmp_path / "la.txt"
    path.write_bytes("Article 1\nLe café de la gare\nÉcole maternelle\n".encode("cp1252"))
    with pytest.raises(LibraryImportError) as caught:
        lib.import_file(path)
    assert str(caught.value).startswith("la.txt: dòng 2: không nhận ra bảng mã")
    assert counts(app) == before
