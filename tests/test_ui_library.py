"""The library in the window, driven from the keyboard (offscreen Qt): type Vietnamese,
results appear, Enter opens the article, Alt+Left/Right walk the document, the citation is
copied or cited to the call; the compact panel; importing and removing documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from typing_helpers import type_text

from hotline.calls.models import Citation
from hotline.ui.library_view import LibrarySearchPanel, LibraryView, SearchResultsModel

pytestmark = pytest.mark.gui


@pytest.fixture
def view(qtbot, app):
    widget = LibraryView(app.library)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0, timeout=10_000)  # empty query
    yield widget
    widget.close()


def labels(model: SearchResultsModel) -> list[str]:
    return [f"{h.document.symbol} {h.article.label}" for h in model.hits]


def wait_results(qtbot, widget, expected: str) -> None:
    qtbot.waitUntil(lambda: expected in labels(widget.model), timeout=10_000)


def test_type_vietnamese_results_appear_enter_opens_and_cite(qtbot, view):
    view.search_box.setFocus()
    type_text(view.search_box, "cấm tiếp xúc")
    wait_results(qtbot, view, "13/2022/QH15 Điều 25")
    assert "kết quả" in view.search.status.text()
    # Down goes from the search box into the results; walk to Điều 25 and open it.
    qtbot.keyClick(view.search_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is view.results
    row = labels(view.model).index("13/2022/QH15 Điều 25")
    view.results.setCurrentIndex(view.model.index(row))
    qtbot.keyClick(view.results, Qt.Key.Key_Return)
    assert view.search.current_article.label == "Điều 25"
    text = view.reader.toPlainText()
    assert "Luật Phòng, chống bạo lực gia đình" in text and "12 giờ" in text
    assert "Còn hiệu lực" in text
    qtbot.waitUntil(lambda: view.search.next_button.isEnabled(), timeout=5_000)
    assert view.search.next_button.text() == "Điều 26 ▶"

    with qtbot.waitSignal(view.cite_requested, timeout=2_000) as signal:
        qtbot.keyClick(view.results, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    citation = signal.args[0]
    assert isinstance(citation, Citation)
    assert citation == Citation(doc_id="13-2022-qh15", article="Điều 25",
                                citation="Điều 25 Luật Phòng, chống bạo lực gia đình 2022 "
                                         "(13/2022/QH15)")

    qtbot.keyClick(view.results, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert QGuiApplication.clipboard().text() == citation.citation


def test_alt_arrows_walk_the_document(qtbot, view):
    view.search.set_query("đ25 luật pcblgđ")
    wait_results(qtbot, view, "13/2022/QH15 Điều 25")
    view.results.setFocus()
    qtbot.keyClick(view.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.search.next_button.isEnabled(), timeout=5_000)
    qtbot.keyClick(view.results, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.search.current_article.label == "Điều 26"
    assert "Cấm tiếp xúc theo quyết định của Tòa án" in view.reader.toPlainText()
    qtbot.waitUntil(lambda: view.search.prev_button.isEnabled(), timeout=5_000)
    qtbot.keyClick(view.results, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.search.current_article.label == "Điều 25"
    # The last article: no next.
    qtbot.waitUntil(lambda: view.search.next_button.isEnabled(), timeout=5_000)
    qtbot.keyClick(view.results, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.search._neighbours_owner ==
                    view.search.current_article.id, timeout=5_000)
    assert not view.search.next_button.isEnabled()


def test_enter_in_the_search_box_opens_the_first_result(qtbot, view):
    view.search_box.setFocus()
    type_text(view.search_box, "tao hon")
    qtbot.keyClick(view.search_box, Qt.Key.Key_Return)
    assert view.search.current_article is not None
    assert view.search.current_article.label == "Điều 183"


def test_replaced_document_is_marked_and_links_to_its_successor(qtbot, view):
    view.search.set_query("điều 20 luật pcblgđ 2007")
    wait_results(qtbot, view, "02/2007/QH12 Điều 20")
    view.results.setFocus()
    qtbot.keyClick(view.results, Qt.Key.Key_Return)
    text = view.reader.toPlainText()
    assert "Đã bị thay thế" in text and "13/2022/QH15" in text
    assert "symbol:13/2022/QH15" in view.reader.toHtml()


def test_filters(qtbot, view):
    view.search.set_query("cấm tiếp xúc")
    wait_results(qtbot, view, "02/2007/QH12 Điều 20")
    view.search.in_force.setChecked(True)
    qtbot.waitUntil(lambda: "02/2007/QH12 Điều 20" not in labels(view.model)
                    and view.model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: view.search.type_filter.count() > 1, timeout=10_000)
    view.search.type_filter.setCurrentIndex(view.search.type_filter.findData("Bộ luật"))
    qtbot.waitUntil(lambda: view.model.rowCount() > 0 and {
        h.document.doc_type for h in view.model.hits} == {"Bộ luật"}, timeout=10_000)
    assert "cập nhật đến 26/11/2026" in view.search.as_of.text()


def test_no_results_says_so_inline(qtbot, view):
    view.search.set_query("zzzkhongcogi")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0
                    and "Không tìm thấy" in view.search.status.text(), timeout=10_000)


def test_compact_panel_cites_into_the_call(qtbot, app):
    panel = LibrarySearchPanel(app.library)
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    panel.setFocus()
    assert QApplication.focusWidget() is panel.search_box or panel.focusProxy() is \
        panel.search_box
    panel.search_box.setFocus()
    type_text(panel.search_box, "trợ giúp pháp lý miễn phí")
    qtbot.waitUntil(lambda: "11/2017/QH14 Điều 7" in labels(panel.model), timeout=10_000)
    row = labels(panel.model).index("11/2017/QH14 Điều 7")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    panel.results.setCurrentIndex(panel.model.index(row))
    assert "Được trợ giúp pháp lý" in panel.preview.toPlainText()
    with qtbot.waitSignal(panel.cite_requested, timeout=2_000) as signal:
        panel.cite_button.click()
    assert signal.args[0].citation == "Điều 7 Luật Trợ giúp pháp lý 2017 (11/2017/QH14)"
    panel.close()


def test_results_model_passes_the_model_tester(qtmodeltester, app):
    model = SearchResultsModel()
    model.set_hits(app.library.search("bạo lực", limit=5))
    qtmodeltester.check(model)


def test_import_page_prefills_imports_and_removes(qtbot, view, app, tmp_path: Path):
    path = tmp_path / "luat.txt"
    path.write_text("QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLuật số: 98/2025/QH15\n"
                    "LUẬT\nTHỬ NGHIỆM THƯ VIỆN\nĐiều 1. Phạm vi\nQuy định về kiểm thử.\n"
                    "Điều 2. Từ hiếm\nTừ khóa quýtngọt chỉ có ở đây.\n", encoding="utf-8")
    page = view.import_page
    view.tabs.setCurrentWidget(page)
    page.load_file(path)
    qtbot.waitUntil(lambda: page.title_edit.text() != "", timeout=10_000)
    assert page.title_edit.text() == "Luật Thử nghiệm thư viện"
    assert page.symbol_edit.text() == "98/2025/QH15"
    assert "2 điều" in page.preview_label.text()
    page.title_edit.setText("Luật Thử nghiệm (bản của trung tâm)")
    assert page.import_button.isEnabled()
    with qtbot.waitSignal(page.import_finished, timeout=10_000) as signal:
        page.import_button.click()
    outcome = signal.args[0]
    assert outcome.created and outcome.document.title == "Luật Thử nghiệm (bản của trung tâm)"
    qtbot.waitUntil(lambda: any(d.id == outcome.document.id
                                for d in page.documents._docs), timeout=10_000)
    # The search tab sees it at once.
    view.tabs.setCurrentWidget(view.search)
    view.search.set_query("quytngot")
    qtbot.waitUntil(lambda: "98/2025/QH15 Điều 2" in labels(view.model), timeout=10_000)

    # Remove: select it, confirm by clicking twice.
    row = next(i for i, d in enumerate(page.documents._docs) if d.id == outcome.document.id)
    page.table.setCurrentIndex(page.documents.index(row, 0))
    assert page.remove_button.isEnabled()
    page.remove_button.click()
    assert "Bấm lần nữa" in page.remove_button.text()
    page.remove_button.click()
    qtbot.waitUntil(lambda: all(d.id != outcome.document.id for d in page.documents._docs),
                    timeout=10_000)
    assert outcome.document.id not in {d.id for d in app.library.documents()}
    # Bundled documents cannot be removed.
    page.table.setCurrentIndex(page.documents.index(0, 0))
    assert not page.remove_button.isEnabled()


def test_import_page_shows_a_clear_error_for_a_scan(qtbot, view, tmp_path: Path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 200, 200, fill=1)
    pdf.showPage()
    pdf.save()
    page = view.import_page
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        page.load_file(path)
    assert "không có lớp chữ" in page.error_label.text()
    assert not page.import_button.isEnabled()


def test_read_only_account_cannot_import(qtbot, app):
    widget = LibraryView(app.library, can_manage=False)
    qtbot.addWidget(widget)
    assert not widget.import_page.choose_button.isEnabled()
    assert "chỉ được tra cứu" in widget.import_page.message.text()
    widget.close()


def test_batch_import_with_progress_and_per_file_errors(qtbot, view, app, tmp_path: Path):
    good = []
    for i in range(3):
        path = tmp_path / f"hd-{i}.md"
        path.write_text(f"# Hướng dẫn số {i}\n\nNội dung riêng mãsố{i}.\n", encoding="utf-8")
        good.append(path)
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"not a docx")
    page = view.import_page
    progress = []
    page.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(page.import_finished, timeout=20_000) as signal:
        page.import_many([*good, bad])
    done, failed = signal.args[0]
    assert len(done) == 3 and len(failed) == 1
    assert failed[0].startswith("hong.docx: tệp .docx bị hỏng")
    assert "Đã nhập 3/4 tệp" in page.message.text()
    assert "hong.docx" in page.error_label.text()
    assert progress and max(progress) == 4
    imported = [d for d in app.library.documents() if d.origin == "imported"]
    assert len(imported) == 3


def test_import_page_says_a_legacy_file_was_converted(qtbot, view, app, tmp_path: Path):
    from encoding_helpers import tcvn3

    path = tmp_path / "cu.txt"
    path.write_bytes(tcvn3("Luật số: 97/2025/QH15\nLUẬT\nTHỬ NGHIỆM BẢNG MÃ\n"
                           "Điều 1. Phạm vi\nVăn bản gõ bằng phông .VnTime.\n"
                           "Điều 2. Từ hiếm\nTừ khóa cổxưa chỉ có ở đây.\n"))
    page = view.import_page
    view.tabs.setCurrentWidget(page)
    page.load_file(path)
    qtbot.waitUntil(lambda: page.title_edit.text() != "", timeout=10_000)
    assert page.title_edit.text() == "Luật Thử nghiệm bảng mã"
    assert "Lưu ý: Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode" in \
        page.preview_label.text()
    with qtbot.waitSignal(page.import_finished, timeout=10_000):
        page.import_button.click()
    assert "Lưu ý: Tệp dùng bảng mã TCVN3" in page.message.text()

    # A batch names the file each note is about; an undecidable file is named with its line.
    other = tmp_path / "khac.txt"
    other.write_bytes(tcvn3("Điều 1. Quyền\nNgười gọi được giữ bí mật.\nĐiều 2. Nghĩa vụ\n"
                            "Khai báo trung thực.\n"))
    french = tmp_path / "la.txt"
    french.write_bytes("Article 1\nLe café de la gare\n".encode("cp1252"))
    with qtbot.waitSignal(page.import_finished, timeout=20_000):
        page.import_many([other, french])
    assert "Lưu ý: khac.txt: Tệp dùng bảng mã TCVN3 — đã chuyển sang Unicode" in \
        page.message.text()
    assert "la.txt: dòng 2: không nhận ra bảng mã" in page.error_label.text()
