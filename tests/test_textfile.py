"""hotline.textfile: every encoding Vietnamese offices produce decodes to the same NFC text;
TCVN3 and VNI checked against byte strings known from old documents and against glibc's
converter; binary and undecidable files are refused naming the line; CSV dialects."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest
from encoding_helpers import ENCODERS, cp1258, csv_text, tcvn3, vni

from hotline import textfile
from hotline.textfile import TextFileError, decode

# A paragraph of the kind the center's files hold. No capital letter with a tone (TCVN3
# cannot write one), so every encoding gives back exactly this text.
PARAGRAPH = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\n"
             "Điều 25. Cấm tiếp xúc\n"
             "Chủ tịch Ủy ban nhân dân cấp xã quyết định cấm người có hành vi bạo lực gia đình "
             "tiếp xúc với người bị bạo lực trong thời hạn không quá 03 ngày.\n"
             "Người gọi đường dây nóng được giữ bí mật thông tin; nhà tạm lánh ở Đà Nẵng, "
             "Quảng Ngãi và thành phố Hồ Chí Minh nhận phụ nữ, trẻ em khuya cũng được.")
LOWER_PARAGRAPH = PARAGRAPH.replace("Ủy", "ủy")  # TCVN3 writes Ủ with the lowercase code


# ----------------------------------------------------------------- known byte strings
# Header lines of official letters as they look when a TCVN3 (.VnTime) or VNI document is
# opened without its font — the mojibake every Vietnamese office worker has seen.
TCVN3_KNOWN = [
    (b"Vi\xd6t Nam", "Việt Nam"),                                      # "ViÖt Nam"
    (b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam",       # "Céng hoµ x· héi…"
     "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    (b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c",                 # "§éc lËp - Tù do…"
     "Độc lập - Tự do - Hạnh phúc"),
    (b"Ti\xd5ng Vi\xd6t r\xcat hay", "Tiếng Việt rất hay"),            # "TiÕng ViÖt rÊt hay"
    # "B¶o Th¾ng, Mêng Kh¬ng" (ư = 0xAD, the soft hyphen, shows as nothing)
    (b"B\xb6o Th\xbeng, M\xad\xeang Kh\xad\xacng", "Bảo Thắng, Mường Khương"),
    (b"C\xe9NG HO\xb5 X\xb7 H\xe9I", "CỘNG HOÀ XÃ HỘI"),  # typed in .VnTimeH: capitals
]
VNI_KNOWN = [
    (b"Vie\xe4t Nam", "Việt Nam"),                                     # "Vieät Nam"
    (b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam",  # "Coäng hoøa xaõ…"
     "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    (b"\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c",        # "Ñoäc laäp - Töï do…"
     "Độc lập - Tự do - Hạnh phúc"),
    (b"Tie\xe1ng Vie\xe4t ra\xe1t hay", "Tiếng Việt rất hay"),         # "Tieáng Vieät raát hay"
    (b"Xin cha\xf8o ca\xf9c ba\xefn", "Xin chào các bạn"),             # "Xin chaøo caùc baïn"
    (b"Tr\xf6\xf4\xf8ng \xd1a\xf8 Na\xfcng", "Trường Đà Nẵng"),        # "Tröôøng Ñaø Naüng"
    (b"CO\xc4NG HO\xd8A XA\xd5 HO\xc4I", "CỘNG HÒA XÃ HỘI"),          # "COÄNG HOØA XAÕ HOÄI"
]


@pytest.mark.parametrize(("raw", "text"), TCVN3_KNOWN)
def test_tcvn3_known_strings(raw: bytes, text: str) -> None:
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding) == (text, textfile.TCVN3)
    assert decoded.warnings == ("Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode",)


@pytest.mark.parametrize(("raw", "text"), VNI_KNOWN)
def test_vni_known_strings(raw: bytes, text: str) -> None:
    decoded = decode(raw)
    assert (decoded.text, decoded.encoding) == (text, textfile.VNI)
    assert decoded.warnings == ("Tệp dùng bảng mã VNI — đã chuyển sang Unicode",)


def test_windows_1258_known_string() -> None:
    # "Việt Nam" as Excel on a Vietnamese Windows saves it: ê (0xEA) + combining dot (0xF2).
    decoded = decode(b"Vi\xea\xf2t Nam, Ha\xcc N\xf4\xf2i")
    assert (decoded.text, decoded.encoding) == ("Việt Nam, Hà Nội", textfile.CP1258)
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert decoded.warnings == ("Tệp dùng bảng mã Windows-1258 — đã chuyển sang Unicode",)


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs glibc's iconv")
def test_tcvn3_table_agrees_with_glibc() -> None:
    """glibc's TCVN5712-1 converter is an independent source: it must agree with every
    letter of our TCVN3 table (VN1 adds capitals with tones at other positions)."""
    listing = subprocess.run(["iconv", "-l"], capture_output=True, text=True).stdout
    if "TCVN5712-1" not in listing:
        pytest.skip("this iconv has no TCVN5712-1")
    for byte, letter in textfile.TCVN3_TABLE.items():
        out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes([byte]),
                             capture_output=True, check=True).stdout.decode("utf-8")
        assert unicodedata.normalize("NFC", out) == letter, hex(byte)
    assert len(textfile.TCVN3_TABLE) == 7 + 7 + 12 * 5


# ----------------------------------------------------------------- every encoding
@pytest.mark.parametrize("encoding", sorted(ENCODERS))
def test_every_encoding_gives_the_same_text(encoding: str) -> None:
    raw = ENCODERS[encoding](PARAGRAPH)
    decoded = decode(raw)
    expected = LOWER_PARAGRAPH if encoding == "tcvn3" else PARAGRAPH
    assert decoded.text == unicodedata.normalize("NFC", expected)
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert decoded.converted == (encoding in ("cp1258", "tcvn3", "vni"))
    if decoded.converted:
        assert decoded.encoding == encoding
    else:
        assert decoded.warnings == ()


@pytest.mark.parametrize("word", ["Nữ", "Hà Nội", "Nguyễn Thị Lan", "Trẻ em", "đã",
                                  "Chồng đánh vợ", "nghiêng", "khuỷu tay", "Quyết định"])
@pytest.mark.parametrize("encoding", ["cp1258", "tcvn3", "vni"])
def test_even_a_short_value_is_recognised(word: str, encoding: str) -> None:
    decoded = decode(ENCODERS[encoding](word))
    assert decoded.encoding == encoding and decoded.text == word


def test_utf16_and_utf32_with_and_without_bom() -> None:
    text = "id,tên\r\n1,Nguyễn Thị Lan\r\n"
    for raw, encoding in [(text.encode("utf-16"), "utf-16-le"),
                          (text.encode("utf-16-le"), "utf-16-le"),
                          (text.encode("utf-16-be"), "utf-16-be"),
                          (b"\xfe\xff" + text.encode("utf-16-be"), "utf-16-be"),
                          (text.encode("utf-32"), "utf-32-le"),
                          (text.encode("utf-32-be"), "utf-32-be")]:
        decoded = decode(raw)
        assert (decoded.text, decoded.encoding, decoded.warnings) == (text, encoding, ())


def test_decomposed_utf8_becomes_nfc() -> None:
    decoded = decode(unicodedata.normalize("NFD", "Bạo lực gia đình").encode())
    assert decoded.text == "Bạo lực gia đình" and decoded.encoding == "utf-8"


def test_legacy_documents_keep_their_punctuation() -> None:
    # Word's curly quotes and dashes (bytes 0x91–0x97) are Windows-1252's in legacy fonts.
    raw = tcvn3("Điều 5. ") + b"\x93" + tcvn3("Bạo lực") + b"\x94 \x96 " + tcvn3("gia đình")
    assert decode(raw).text == "Điều 5. “Bạo lực” – gia đình"


# ----------------------------------------------------------------- refusals
@pytest.mark.parametrize(("raw", "words"), [
    (b"abc\x00\x01\x02", "không phải tệp văn bản"),
    (bytes(range(256)) * 8, "không phải tệp văn bản"),
    (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10" * 10, "không phải tệp văn bản"),
    (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml xl/workbook.xml", "Excel (.xlsx)"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "Word (.docx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Office cũ (.xls/.doc)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
])
def test_binary_files_are_refused(raw: bytes, words: str) -> None:
    with pytest.raises(TextFileError) as caught:
        decode(raw)
    assert words in str(caught.value)


def test_undecidable_text_names_its_line() -> None:
    # Western European text in Windows-1252 reads as Vietnamese in no encoding.
    raw = "id,ville\n1,Paris\n2,Genève\n3,Zürich\n".encode("cp1252")
    with pytest.raises(TextFileError) as caught:
        decode(raw)
    assert caught.value.line == 3
    assert str(caught.value).startswith("dòng 3: không nhận ra bảng mã")


def test_damaged_utf8_names_the_line_of_the_bad_byte() -> None:
    raw = ("id,tên\n" + "1,Nguyễn Thị Lan\n" * 3).encode() + b"4,L\xea V\xe3n\n"
    with pytest.raises(TextFileError) as caught:
        decode(raw)
    assert caught.value.line == 5 and "UTF-8 bị hỏng" in caught.value.reason


def test_damaged_utf16_names_the_line() -> None:
    raw = "a\nb\nc".encode("utf-16") + b"\x00\xd8"  # a lone high surrogate at the end
    with pytest.raises(TextFileError) as caught:
        decode(raw)
    assert caught.value.line == 3 and "UTF-16" in caught.value.reason


def test_no_vietnamese_word_falls_back_to_the_windows_code_page() -> None:
    decoded = decode(b"id,temp\n1,37\xb0C\n")
    assert decoded.text == "id,temp\n1,37°C\n" and decoded.encoding == textfile.CP1258


# ----------------------------------------------------------------- syllables, fonts
@pytest.mark.parametrize(("word", "ok"), [
    ("nghiêng", True), ("Việt", True), ("khuya", True), ("gì", True), ("quý", True),
    ("Ủy", True), ("ViÖt", False), ("hoµ", False), ("Viêịt", False), ("café", False),
    ("vieät", False), ("ảá", False),
])
def test_is_syllable(word: str, ok: bool) -> None:
    assert textfile.is_syllable(word) is ok


@pytest.mark.parametrize(("font", "encoding", "capitals"), [
    (".VnTime", "tcvn3", False), (".VnTimeH", "tcvn3", True), (".VnArial", "tcvn3", False),
    ("VNI-Times", "vni", False), ("VNI-Helve", "vni", False), ("Times New Roman", None, False),
    ("Vni", None, False), ("", None, False), (None, None, False),
])
def test_font_encoding(font: str | None, encoding: str | None, capitals: bool) -> None:
    assert textfile.font_encoding(font) == encoding
    assert textfile.font_is_capitals(font) is capitals


def test_repair_legacy_text_of_a_pdf_page() -> None:
    surface = tcvn3(PARAGRAPH).decode("cp1252")
    text, encoding = textfile.repair_legacy_text(surface)
    assert (text, encoding) == (LOWER_PARAGRAPH, "tcvn3")
    surface = vni(PARAGRAPH).decode("cp1252")
    assert textfile.repair_legacy_text(surface) == (PARAGRAPH, "vni")
    assert textfile.repair_legacy_text(PARAGRAPH) == (PARAGRAPH, None)  # Unicode: untouched


# ----------------------------------------------------------------- CSV
@pytest.mark.parametrize(("text", "delimiter"), [
    ("id,received_at,level\n1,2,3\n", ","),
    ("id;received_at;level\r\n1;2,5;3\r\n", ";"),
    ("id\treceived_at\tlevel\n", "\t"),
    ("Danh sách;;\r\nid;received_at;level\r\n", ";"),
    ('"Tên, họ";"Địa chỉ"\n', ";"),
    ("name,note\nA,\"x;y;z;w\"\n", ","),
    ("một cột\n", ","),
])
def test_sniff_delimiter(text: str, delimiter: str) -> None:
    assert textfile.sniff_delimiter(text) == delimiter


def test_read_csv_skips_title_blank_lines_and_trailing_columns() -> None:
    text = csv_text([["id", "name"], ["1", "Lan"], [], ["2", "Hoa"]], title="Danh sách",
                    blank_lines=1, trailing=2)
    sheet = textfile.read_csv(text, is_header=lambda cells: "name" in cells)
    assert sheet.header == ["id", "name"]
    assert (sheet.header_record, sheet.header_line) == (3, 3)
    assert [(r.record, r.cells) for r in sheet.rows] == [(4, ["1", "Lan"]), (6, ["2", "Hoa"])]
    assert [r.record for r in sheet.skipped] == [1, 2]


def test_read_csv_keeps_a_filled_extra_cell_and_multiline_cells() -> None:
    sheet = textfile.read_csv('id,note\n1,"dòng một\ndòng hai"\n2,b,extra\n')
    assert [(r.record, r.line, r.cells) for r in sheet.rows] == [
        (2, 2, ["1", "dòng một\ndòng hai"]), (3, 4, ["2", "b", "extra"])]


def test_read_csv_without_a_matching_header_uses_the_first_record() -> None:
    sheet = textfile.read_csv("\n\nngày,số\n1,2\n", is_header=lambda cells: "id" in cells)
    assert sheet.header == ["ngày", "số"] and sheet.header_record == 3


def test_broken_quoting_names_the_line() -> None:
    with pytest.raises(textfile.CsvError) as caught:  # a quote never closed runs on and on
        textfile.read_csv('id,name\n1,Lan\n2,"Hoa\n' + "x" * 200_000 + "\n", delimiter=",")
    assert caught.value.line >= 3 and "CSV hỏng" in caught.value.reason


def test_cp1258_helper_matches_known_bytes() -> None:
    # Cross-check of the test encoders themselves against literal strings above.
    assert tcvn3("Cộng hoà xã hội chủ nghĩa Việt Nam") == TCVN3_KNOWN[1][0]
    assert vni("Cộng hòa xã hội chủ nghĩa Việt Nam") == VNI_KNOWN[1][0]
    assert vni("CỘNG HÒA XÃ HỘI") == VNI_KNOWN[-1][0]
    assert cp1258("Việt Nam, Hà Nội") == b"Vi\xea\xf2t Nam, H\xe0 N\xf4\xf2i"


def test_messages_in_the_english_window(qapp) -> None:
    from hotline import spreadsheet
    from hotline.ui import i18n

    try:
        assert i18n.install_translators(qapp, "en") == []
        assert decode(tcvn3("Việt Nam")).warnings == (
            "The file uses the TCVN3 encoding — converted to Unicode",)
        with pytest.raises(TextFileError) as caught:
            decode(b"id,ville\n1,Gen\xe8ve\n")
        assert str(caught.value).startswith("line 2: the file's encoding is not recognised")
        with pytest.raises(TextFileError) as caught:
            decode(b"PK\x03\x04 xl/workbook.xml")
        assert "this is an Excel workbook (.xlsx), not a text/CSV file" in str(caught.value)
        assert spreadsheet.msg_other_sheets("Cuộc gọi", 2) == (
            "The Excel file has 2 worksheets: only the first one, 'Cuộc gọi', was read")
    finally:
        i18n.remove_translators(qapp)
    assert decode(tcvn3("Việt Nam")).warnings == (
        "Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode",)
