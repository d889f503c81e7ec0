"""The legal-policy library in the window.

- `LibraryView`: a full page — search box with results as you type, filters (in force only,
  type, document), a reading pane showing the article inside its document (status, what
  replaced it, chapter, previous/next article), copy the citation or the note, cite it to
  the call; a second tab imports the center's own documents and removes them.
- `LibrarySearchPanel`: the compact variant beside the call form.

Both emit `cite_requested(Citation)`; the main window connects it to `CallForm.add_citation`.
Searches run on a reader thread with its own connection (results as you type never block
typing); imports run on a worker with progress. Keys: Down from the search box into the
results, Up from the first result back, Enter opens, Alt+Left/Alt+Right previous/next
article, Ctrl+Shift+C copies the citation, Ctrl+Return cites it to the call, Esc clears.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hotline.calls.models import Citation
from hotline.library.importers import SUPPORTED
from hotline.library.models import (
    DOC_TYPES,
    IMPORTED,
    STATUSES,
    Article,
    Document,
    Metadata,
    ParsedDocument,
    SearchHit,
    status_label,
)
from hotline.library.service import LibraryService
from hotline.ui.fitting import fit_columns
from hotline.ui.i18n import display_date, parse_display_date, ui_language
from hotline.ui.tasks import DbReader, alive, run_task
from hotline.ui.widgets import FlowLayout

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 150
HIGHLIGHT = ('<span style="background-color:#ffe58a; color:#000000; font-weight:600;">',
             "</span>")


# lupdate extracts `translate("Context", "literal")` (a one-argument helper hides the text).
translate = QCoreApplication.translate


def vn_date(iso_day: str) -> str:
    """'2026-11-01' → '01/11/2026' (how dates are written in Vietnamese documents)."""
    try:
        return date.fromisoformat(iso_day).strftime("%d/%m/%Y")
    except ValueError:
        return iso_day


# --------------------------------------------------------------------------- models
class SearchResultsModel(QAbstractListModel):
    """Search hits (plain data) for a list view; the delegate draws the highlights."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    @property
    def hits(self) -> list[SearchHit]:
        return list(self._hits)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{hit_title(hit)} — {hit.snippet.plain}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.article.citation
        if role == HIT_ROLE:
            return hit
        return None


def hit_title(hit: SearchHit) -> str:
    doc, art = hit.document, hit.article
    heading = f". {art.heading}" if art.heading else ""
    return f"{doc.symbol or doc.title} · {art.label}{heading}"


def hit_html(hit: SearchHit, selected: bool = False) -> str:
    """Rich text of a result; on a selected row the secondary colours give way to the
    palette's highlighted text so that nothing is grey on blue."""
    doc, art = hit.document, hit.article
    start, end = HIGHLIGHT
    heading = hit.heading.html(start, end) if hit.heading.parts else html.escape(art.heading)
    title = f"<b>{html.escape(doc.symbol or doc.title)} · {html.escape(art.label)}</b>"
    if heading:
        title += f"<b>. </b>{heading}"
    status = ""
    warn = "" if selected else ' style="color:#8a1020;"'
    if not doc.current:
        status = (f" <span{warn}>[{html.escape(status_label(doc.status, ui_language()))}"
                  + (f" → {html.escape(doc.replaced_by)}" if doc.replaced_by else "")
                  + "]</span>")
    grey = "" if selected else ' style="color:#444444;"'
    name = f"<span{grey}>{html.escape(doc.cite_as or doc.title)}</span>"
    snippet = hit.snippet.html(start, end)
    return f"{title}{status}<br/>{name}<br/>{snippet}"


class HitDelegate(QStyledItemDelegate):
    """Draws a hit as rich text: bold reference, status, highlighted snippet (wrapped)."""

    def _document(self, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(6)
        hit = index.data(HIT_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc.setHtml(hit_html(hit, selected) if hit is not None else "")
        width = option.rect.width() or 360
        doc.setTextWidth(max(width, 120))
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.translate(opt.rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text,
                                 opt.palette.color(QPalette.ColorRole.HighlightedText))
        ctx.clip = QRectF(0, 0, opt.rect.width(), opt.rect.height())
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        if view is not None and hasattr(view, "viewport"):
            opt.rect.setWidth(view.viewport().width())
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


class DocumentsModel(QAbstractTableModel):
    """The library's documents, for the import page's table."""

    SYMBOL, TITLE, TYPE, STATUS, ARTICLES, ORIGIN = range(6)
    DOC_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._docs: list[Document] = []
        self._headers = [self.tr("Số ký hiệu"), self.tr("Tên văn bản"), self.tr("Loại"),
                         self.tr("Tình trạng"), self.tr("Số mục"), self.tr("Nguồn")]

    def set_documents(self, docs: Sequence[Document]) -> None:
        self.beginResetModel()
        self._docs = list(docs)
        self.endResetModel()

    def document(self, row: int) -> Document | None:
        return self._docs[row] if 0 <= row < len(self._docs) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                    ) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        doc = self._docs[index.row()]
        if role == self.DOC_ROLE:
            return doc
        if role == Qt.ItemDataRole.ToolTipRole:
            return doc.source_path or doc.title
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.SYMBOL:
            return doc.symbol or "—"
        if column == self.TITLE:
            return doc.title
        if column == self.TYPE:
            return doc.doc_type
        if column == self.STATUS:
            label = status_label(doc.status, ui_language())
            return f"{label} → {doc.replaced_by}" if doc.replaced_by else label
        if column == self.ARTICLES:
            return doc.article_count
        return self.tr("Đã nhập") if doc.origin == IMPORTED else self.tr("Có sẵn")


# --------------------------------------------------------------------------- searching
class SearchController(QObject):
    """Debounced searches on a reader thread; only the latest request's results arrive."""

    results = Signal(object)  # list[SearchHit]
    failed = Signal(str)

    def __init__(self, service: LibraryService, parent: QObject | None = None, *,
                 limit: int = 30, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.service = service
        self.limit = limit
        self._reader = DbReader.for_store(service.store)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.run_now)
        self._generation = 0
        self._pending: dict[str, Any] = {"query": ""}
        self.busy = False

    def request(self, query: str, **filters: Any) -> None:
        self._pending = {"query": query, **filters}
        self._timer.start()

    def run_now(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        params = dict(self._pending)
        service, limit = self.service, self.limit
        self.busy = True

        def work(conn: Any) -> list[SearchHit]:
            return service.search(params.pop("query"), limit=limit, conn=conn, **params)

        def done(hits: list[SearchHit]) -> None:
            if generation == self._generation and alive(self):
                self.busy = False
                self.results.emit(hits)

        def error(exc: Exception, _trace: str) -> None:
            if generation == self._generation and alive(self):
                self.busy = False
                self.failed.emit(str(exc))

        self._reader.submit(work, on_done=done, on_error=error)

    def load(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None]) -> None:
        """Another read (documents, an article's neighbours) on the same reader thread."""
        def done(result: Any) -> None:
            if alive(self):
                on_done(result)

        def error(exc: Exception, _trace: str) -> None:
            if alive(self):
                self.failed.emit(str(exc))

        self._reader.submit(fn, on_done=done, on_error=error)

    def wait(self, msecs: int = 5000) -> bool:
        return self._reader.wait(msecs)

    def close(self) -> None:
        self._timer.stop()
        self._reader.close()


class _SearchBox(QLineEdit):
    """Down goes into the results, Enter opens the first, Esc clears."""

    down = Signal()
    accepted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.accepted.emit()
            return
        super().keyPressEvent(event)


class _ResultsList(QListView):
    """Enter opens the selected hit; Up on the first row returns to the search box."""

    activated_row = Signal(int)
    up_out = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            index = self.currentIndex()
            if index.isValid():
                self.activated_row.emit(index.row())
            return
        if key == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.up_out.emit()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # wrapped rows change height with the width


class _SearchArea(QWidget):
    """Search box, results list and the search plumbing shared by the view and the panel."""

    cite_requested = Signal(object)  # Citation

    def __init__(self, service: LibraryService, parent: QWidget | None = None, *,
                 limit: int = 30) -> None:
        super().__init__(parent)
        self.service = service
        self.controller = SearchController(service, self, limit=limit)
        self.search_box = _SearchBox(self)
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(
            self.tr("Tìm điều luật: “cấm tiếp xúc”, “điều 25 luật pcblgđ”, “13/2022”…"))
        self.search_box.setAccessibleName(self.tr("Tìm trong thư viện pháp luật"))
        self.search_box.setAccessibleDescription(
            self.tr("Gõ có dấu hoặc không dấu; mũi tên xuống để vào danh sách kết quả"))
        self.in_force = QCheckBox(self.tr("Chỉ văn bản còn hiệu lực"), self)
        self.in_force.setAccessibleName(self.tr("Chỉ văn bản còn hiệu lực"))
        self.model = SearchResultsModel(self)
        self.results = _ResultsList(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setAccessibleName(self.tr("Kết quả tìm kiếm"))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Trạng thái tìm kiếm"))
        self.setFocusProxy(self.search_box)
        self._current: Article | None = None
        self._current_doc: Document | None = None
        self._documents: dict[str, Document] = {}

    def _connect_search(self) -> None:
        self.search_box.textChanged.connect(self._on_query)
        self.search_box.down.connect(self._into_results)
        self.search_box.accepted.connect(self._open_first)
        self.in_force.toggled.connect(lambda _: self.refresh())
        self.results.up_out.connect(self.search_box.setFocus)
        self.results.activated_row.connect(self._open_row)
        self.results.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.controller.results.connect(self._show_results)
        self.controller.failed.connect(self._show_error)

    # -- searching
    def filters(self) -> dict[str, Any]:
        return {"in_force": self.in_force.isChecked()}

    def _on_query(self, _text: str) -> None:
        self.controller.request(self.search_box.text(), **self.filters())

    def refresh(self) -> None:
        """Search again now (filters changed, or the library changed)."""
        self.controller.request(self.search_box.text(), **self.filters())
        self.controller.run_now()

    def set_query(self, text: str) -> None:
        self.search_box.setText(text)
        self.controller.run_now()

    def _show_results(self, hits: list[SearchHit]) -> None:
        self.model.set_hits(hits)
        query = self.search_box.text().strip()
        if not hits:
            self.status.setText(self.tr("Không tìm thấy điều nào cho “%1”. Thử bớt từ, gõ "
                                        "không dấu hoặc tên văn bản.").replace("%1", query)
                                if query else self.tr("Thư viện trống."))
        else:
            # Not self.tr(…, n): PySide looks a count's plural up in the subclass's context
            # only, and lupdate marks no plural in translate(); so no plural form here.
            self.status.setText(translate("_SearchArea", "%1 kết quả").replace(
                "%1", str(len(hits))))
        if hits:
            self.results.setCurrentIndex(self.model.index(0))

    def _show_error(self, message: str) -> None:
        self.status.setText(self.tr("Lỗi tìm kiếm: %1").replace("%1", message))

    def _into_results(self) -> None:
        if self.model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0))

    def _open_first(self) -> None:
        if self.controller.busy or self.controller._timer.isActive():
            self.controller.run_now()
            self.controller.wait(2000)
            QCoreApplication.processEvents()
        if self.model.rowCount():
            self._open_row(0)

    def _open_row(self, row: int) -> None:
        hit = self.model.hit(row)
        if hit is not None:
            self.results.setCurrentIndex(self.model.index(row))
            self.show_article(hit.article, hit.document)

    # -- the article on display
    def show_article(self, article: Article, document: Document) -> None:
        self._current, self._current_doc = article, document

    @property
    def current_article(self) -> Article | None:
        return self._current

    def current_citation(self) -> Citation | None:
        if self._current is None:
            hit = self.model.hit(self.results.currentIndex().row())
            if hit is None:
                return None
            return self.service.citation(hit.article)
        return self.service.citation(self._current)

    def copy_citation(self) -> str:
        citation = self.current_citation()
        if citation is None:
            return ""
        QGuiApplication.clipboard().setText(citation.citation)
        self.status.setText(self.tr("Đã sao chép trích dẫn: %1").replace("%1",
                                                                         citation.citation))
        return citation.citation

    def copy_note(self) -> str:
        article = self._current
        if article is None:
            hit = self.model.hit(self.results.currentIndex().row())
            article = hit.article if hit else None
        if article is None:
            return ""
        text = "\n\n".join(p for p in (article.note, article.text, article.citation) if p)
        QGuiApplication.clipboard().setText(text)
        self.status.setText(self.tr("Đã sao chép ghi chú của %1").replace("%1", article.label))
        return text

    def cite(self) -> Citation | None:
        citation = self.current_citation()
        if citation is not None:
            self.cite_requested.emit(citation)
            self.status.setText(self.tr("Đã trích dẫn cho cuộc gọi: %1")
                                .replace("%1", citation.citation))
        return citation

    def closeEvent(self, event: Any) -> None:
        self.controller.close()
        super().closeEvent(event)


def article_html(article: Article, document: Document,
                 neighbours: tuple[Article | None, Article | None] = (None, None)) -> str:
    """The reading pane: the document, its status, the chapter, the article, the note."""
    esc = html.escape
    parts = [f'<h3 style="margin-bottom:2px;">{esc(document.title)}</h3>']
    meta = [m for m in (document.symbol, document.doc_type, document.issuer) if m]
    dates = []
    if document.issued:
        issued = translate("LibraryView", "ban hành %1")
        dates.append(issued.replace("%1", vn_date(document.issued)))
    if document.effective:
        effective = translate("LibraryView", "hiệu lực %1")
        dates.append(effective.replace("%1", vn_date(document.effective)))
    line = " · ".join(esc(m) for m in meta + dates)
    colour = "#0a5a2a" if document.current else "#8a1020"
    status = f'<span style="color:{colour}; font-weight:600;">' \
             f"{esc(status_label(document.status, ui_language()))}</span>"
    if document.replaced_by:
        status += " — " + translate("LibraryView", "thay thế bởi %1").replace(
            "%1", f'<a href="symbol:{esc(document.replaced_by)}">'
                  f"{esc(document.replaced_by)}</a>")
    parts.append(f"<p>{line}<br/>{status}</p>")
    if article.chapter:
        parts.append(f'<p style="color:#444444;"><i>{esc(article.chapter)}</i></p>')
    parts.append(f"<h2>{esc(article.title_line)}</h2>")
    if article.note:
        heading = translate("LibraryView", "Ghi chú tư vấn")
        parts.append(f"<h4>{esc(heading)}</h4>")
        parts.append(_paragraphs(article.note))
    if article.text:
        heading = translate("LibraryView", "Nội dung văn bản")
        parts.append(f"<h4>{esc(heading)}</h4>")
        parts.append(_paragraphs(article.text))
    cite = translate("LibraryView", "Trích dẫn")
    parts.append(f'<p style="color:#0b3d91;"><b>{esc(cite)}:</b> '
                 f"{esc(article.citation)}</p>")
    prev, nxt = neighbours
    nav = []
    if prev is not None:
        nav.append(f'<a href="article:{prev.id}">◀ {esc(prev.label)}</a>')
    if nxt is not None:
        nav.append(f'<a href="article:{nxt.id}">{esc(nxt.label)} ▶</a>')
    if nav:
        parts.append("<p>" + " &nbsp;|&nbsp; ".join(nav) + "</p>")
    return "\n".join(parts)


def _paragraphs(text: str) -> str:
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = block.split("\n")
        bullets = [ln for ln in lines if ln.startswith("- ")]
        if bullets and len(bullets) == len([ln for ln in lines if ln.strip()]) - (
                0 if lines[0].startswith("- ") else 1):
            head = "" if lines[0].startswith("- ") else f"<p>{html.escape(lines[0])}</p>"
            items = "".join(f"<li>{html.escape(ln[2:])}</li>" for ln in bullets)
            out.append(f"{head}<ul>{items}</ul>")
        else:
            out.append("<p>" + "<br/>".join(html.escape(ln) for ln in lines) + "</p>")
    return "\n".join(out)


# --------------------------------------------------------------------------- the page
class LibraryView(QWidget):
    """The library page: search and read; and the center's own documents."""

    cite_requested = Signal(object)  # hotline.calls.models.Citation
    library_changed = Signal()

    def __init__(self, service: LibraryService, parent: QWidget | None = None, *,
                 can_manage: bool | Callable[[], bool] = True,
                 actor: Callable[[], str] | None = None) -> None:
        """`can_manage`: whether the user may import and remove documents; a callable is
        asked again by `apply_permissions` (the window calls it when another user logs in)."""
        super().__init__(parent)
        self.service = service
        self._can_manage = can_manage
        self.tabs = QTabWidget(self)
        self.search = _ReadingSearch(service, self)
        self.import_page = ImportPage(service, self, can_manage=self._may_manage(),
                                      actor=actor)
        self.tabs.addTab(self.search, self.tr("Tra cứu"))
        self.tabs.addTab(self.import_page, self.tr("Tài liệu của trung tâm"))
        self.tabs.setAccessibleName(self.tr("Thư viện pháp luật"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.search.search_box)
        self._connect_signals()
        self.search.load_documents()
        self.search.refresh()

    def _connect_signals(self) -> None:
        self.search.cite_requested.connect(self.cite_requested)
        self.import_page.library_changed.connect(self._on_library_changed)

    def _may_manage(self) -> bool:
        rights = self._can_manage
        return bool(rights() if callable(rights) else rights)

    def apply_permissions(self) -> None:
        """Ask again who may import and remove documents (a different user logged in)."""
        self.import_page.set_can_manage(self._may_manage())

    def _on_library_changed(self) -> None:
        self.search.load_documents()
        self.search.refresh()
        self.library_changed.emit()

    # Conveniences for the window and for tests.
    @property
    def search_box(self) -> QLineEdit:
        return self.search.search_box

    @property
    def results(self) -> QListView:
        return self.search.results

    @property
    def model(self) -> SearchResultsModel:
        return self.search.model

    @property
    def reader(self) -> QTextBrowser:
        return self.search.reader

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search)
        self.search.search_box.setFocus()
        self.search.search_box.selectAll()

    def open_citation(self, doc_id: str, label: str) -> None:
        """Show a cited article (e.g. from a saved call)."""
        self.tabs.setCurrentWidget(self.search)
        self.search.open_citation(doc_id, label)

    def closeEvent(self, event: Any) -> None:
        self.search.controller.close()
        super().closeEvent(event)


class _ReadingSearch(_SearchArea):
    """The search tab of LibraryView: filters, results and the reading pane."""

    def __init__(self, service: LibraryService, parent: QWidget | None = None) -> None:
        super().__init__(service, parent, limit=50)
        self.type_filter = QComboBox(self)
        self.type_filter.setAccessibleName(self.tr("Lọc theo loại văn bản"))
        self.doc_filter = QComboBox(self)
        self.doc_filter.setAccessibleName(self.tr("Lọc theo văn bản"))
        self.doc_filter.setMinimumContentsLength(24)
        self.doc_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.as_of = QLabel(self)
        self.as_of.setAccessibleName(self.tr("Ngày cập nhật thư viện"))
        self.reader = QTextBrowser(self)
        self.reader.setOpenLinks(False)
        self.reader.setAccessibleName(self.tr("Nội dung điều luật"))
        self.reader.setPlaceholderText(self.tr("Chọn một kết quả để đọc điều luật."))
        self.prev_button = QPushButton(self.tr("◀ Điều trước"), self)
        self.next_button = QPushButton(self.tr("Điều sau ▶"), self)
        self.copy_button = QPushButton(self.tr("Sao chép trích dẫn"), self)
        self.copy_note_button = QPushButton(self.tr("Sao chép ghi chú"), self)
        self.cite_button = QPushButton(self.tr("Trích dẫn cho cuộc gọi"), self)
        for button, tip in ((self.prev_button, "Alt+Left"), (self.next_button, "Alt+Right"),
                            (self.copy_button, "Ctrl+Shift+C"),
                            (self.cite_button, "Ctrl+Return")):
            button.setToolTip(tip)
            button.setAccessibleName(button.text())
        self.copy_note_button.setAccessibleName(self.copy_note_button.text())
        self.cite_button.setDefault(False)
        self._neighbours: tuple[Article | None, Article | None] = (None, None)
        self._neighbours_owner = -1
        self._layout()
        self._connect_signals()
        self._update_buttons()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        # The filters wrap onto a second line at a large font (a caption stays with its list).
        filters = FlowLayout(fill=True)
        filters.addWidget(self.in_force)
        for caption, combo in ((self.tr("Loại:"), self.type_filter),
                               (self.tr("Văn bản:"), self.doc_filter)):
            pair = QWidget(self)
            pair_layout = QHBoxLayout(pair)
            pair_layout.setContentsMargins(0, 0, 0, 0)
            pair_layout.addWidget(QLabel(caption, pair))
            pair_layout.addWidget(combo, 1)
            if combo is self.doc_filter:
                pair.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            filters.addWidget(pair)
        filters.addWidget(self.as_of)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.results, 1)
        left_layout.addWidget(self.status)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.reader, 1)
        buttons = FlowLayout(fill=True)  # on two lines at a large font
        for button in (self.prev_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch()
        for button in (self.copy_button, self.copy_note_button, self.cite_button):
            buttons.addWidget(button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([2000, 3000])  # 2:3 of whatever width there is (at a large font too)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.search_box, self.results)
        self.setTabOrder(self.results, self.reader)

    def _connect_signals(self) -> None:
        self._connect_search()
        self.type_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.doc_filter.currentIndexChanged.connect(lambda _: self.refresh())
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.copy_button.clicked.connect(self.copy_citation)
        self.copy_note_button.clicked.connect(self.copy_note)
        self.cite_button.clicked.connect(self.cite)
        self.reader.anchorClicked.connect(self._on_link)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        cite = self.tr("Trích dẫn điều đang đọc cho cuộc gọi")
        for keys, slot, text in (
                (QKeySequence("Alt+Left"), lambda: self.step(-1), self.tr("Điều trước")),
                (QKeySequence("Alt+Right"), lambda: self.step(1), self.tr("Điều sau")),
                (QKeySequence("Ctrl+Shift+C"), self.copy_citation,
                 self.tr("Sao chép trích dẫn")),
                (QKeySequence("Ctrl+Return"), self.cite, cite),
                (QKeySequence("Ctrl+Enter"), self.cite, cite)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.setWhatsThis(text)
            shortcut.activated.connect(slot)
        self.results.selectionModel().currentChanged.connect(self._on_current)

    def filters(self) -> dict[str, Any]:
        return {"in_force": self.in_force.isChecked(),
                "doc_type": self.type_filter.currentData() or None,
                "doc_id": self.doc_filter.currentData() or None}

    def load_documents(self) -> None:
        service = self.service

        def work(conn: Any) -> tuple[list[Document], str]:
            return service.documents(conn=conn), service.as_of

        self.controller.load(work, self._documents_loaded)

    def _documents_loaded(self, result: tuple[list[Document], str]) -> None:
        docs, as_of = result
        self._documents = {d.id: d for d in docs}
        current_type = self.type_filter.currentData()
        current_doc = self.doc_filter.currentData()
        for combo in (self.type_filter, self.doc_filter):
            combo.blockSignals(True)
            combo.clear()
        self.type_filter.addItem(self.tr("Mọi loại"), "")
        for doc_type in dict.fromkeys(d.doc_type for d in docs if d.doc_type):
            self.type_filter.addItem(doc_type, doc_type)
        self.doc_filter.addItem(self.tr("Mọi văn bản"), "")
        for doc in docs:
            label = f"{doc.symbol} — {doc.title}" if doc.symbol else doc.title
            self.doc_filter.addItem(label[:90], doc.id)
            self.doc_filter.setItemData(self.doc_filter.count() - 1, label,
                                        Qt.ItemDataRole.ToolTipRole)
        for combo, value in ((self.type_filter, current_type), (self.doc_filter, current_doc)):
            index = combo.findData(value) if value else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        if as_of:
            self.as_of.setText(self.tr("Thư viện cập nhật đến %1").replace("%1",
                                                                           vn_date(as_of)))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row())
        if hit is not None and self.results.hasFocus():
            self.show_article(hit.article, hit.document)

    def show_article(self, article: Article, document: Document) -> None:
        super().show_article(article, document)
        self.reader.setHtml(article_html(article, document, self._neighbours_for(article)))
        service = self.service

        def work(conn: Any) -> tuple[Article | None, Article | None]:
            return service.neighbours(article, conn=conn)

        def loaded(neighbours: tuple[Article | None, Article | None]) -> None:
            self._neighbours_loaded(article, neighbours)

        self.controller.load(work, loaded)
        self._update_buttons()

    def _neighbours_for(self, article: Article) -> tuple[Article | None, Article | None]:
        return self._neighbours if self._neighbours_owner == article.id else (None, None)

    def _neighbours_loaded(self, article: Article,
                           neighbours: tuple[Article | None, Article | None]) -> None:
        if self._current is None or self._current.id != article.id:
            return
        self._neighbours = neighbours
        self._neighbours_owner = article.id
        document = self._current_doc
        if document is not None:
            scroll = self.reader.verticalScrollBar().value()
            self.reader.setHtml(article_html(article, document, neighbours))
            self.reader.verticalScrollBar().setValue(scroll)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self._current is not None
        prev, nxt = self._neighbours_for(self._current) if has else (None, None)  # type: ignore
        self.prev_button.setEnabled(prev is not None)
        self.next_button.setEnabled(nxt is not None)
        self.prev_button.setText(f"◀ {prev.label}" if prev else self.tr("◀ Điều trước"))
        self.next_button.setText(f"{nxt.label} ▶" if nxt else self.tr("Điều sau ▶"))
        for button in (self.copy_button, self.copy_note_button, self.cite_button):
            button.setEnabled(has or self.model.rowCount() > 0)

    def step(self, direction: int) -> None:
        """Alt+Left / Alt+Right: the previous or next article of the same document."""
        if self._current is None:
            return
        prev, nxt = self._neighbours_for(self._current)
        target = prev if direction < 0 else nxt
        if target is not None and self._current_doc is not None:
            self.show_article(target, self._current_doc)

    def _on_link(self, url: Any) -> None:
        text = url.toString()
        if text.startswith("article:") and self._current_doc is not None:
            try:
                article = self.service.article(int(text.split(":", 1)[1]))
            except (ValueError, LookupError):
                return
            self.show_article(article, self._current_doc)
        elif text.startswith("symbol:"):
            self.set_query(text.split(":", 1)[1])

    def open_citation(self, doc_id: str, label: str) -> None:
        try:
            document = self.service.document(doc_id)
        except LookupError:
            self.status.setText(self.tr("Không còn văn bản %1 trong thư viện").replace("%1",
                                                                                    doc_id))
            return
        article = self.service.find_article(doc_id, label)
        if article is not None:
            self.show_article(article, document)


class LibrarySearchPanel(_SearchArea):
    """The compact library search beside the call form: search, glance at the note, cite."""

    def __init__(self, service: LibraryService, parent: QWidget | None = None) -> None:
        super().__init__(service, parent, limit=20)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(self.tr("Ghi chú của điều đang chọn"))
        self.preview.setMaximumHeight(220)
        self.cite_button = QPushButton(self.tr("Trích dẫn cho cuộc gọi"), self)
        self.cite_button.setToolTip("Ctrl+Return")
        self.cite_button.setAccessibleName(self.cite_button.text())
        self.copy_button = QPushButton(self.tr("Sao chép"), self)
        self.copy_button.setToolTip("Ctrl+Shift+C")
        self.copy_button.setAccessibleName(self.tr("Sao chép trích dẫn"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_box)
        layout.addWidget(self.in_force)
        layout.addWidget(self.results, 3)
        layout.addWidget(self.preview, 2)
        row = QHBoxLayout()
        row.addWidget(self.cite_button, 1)
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self._connect_search()
        self.cite_button.clicked.connect(self.cite)
        self.copy_button.clicked.connect(self.copy_citation)
        self.results.selectionModel().currentChanged.connect(self._on_current)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        cite = self.tr("Trích dẫn điều đang chọn cho cuộc gọi")
        for keys, slot, text in ((QKeySequence("Ctrl+Return"), self.cite, cite),
                                 (QKeySequence("Ctrl+Enter"), self.cite, cite),
                                 (QKeySequence("Ctrl+Shift+C"), self.copy_citation,
                                  self.tr("Sao chép trích dẫn"))):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(context)
            shortcut.setWhatsThis(text)
            shortcut.activated.connect(slot)
        self.refresh()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = self.model.hit(current.row())
        if hit is not None:
            self.show_article(hit.article, hit.document)

    def show_article(self, article: Article, document: Document) -> None:
        super().show_article(article, document)
        esc = html.escape
        status = "" if document.current else (
            f'<p style="color:#8a1020;">{esc(status_label(document.status, ui_language()))}'
            + (f" → {esc(document.replaced_by)}" if document.replaced_by else "") + "</p>")
        self.preview.setHtml(f"<b>{esc(article.title_line)}</b><br/>"
                             f'<span style="color:#444444;">{esc(document.title)}</span>'
                             f"{status}{_paragraphs(article.note or article.text)}"
                             f'<p style="color:#0b3d91;">{esc(article.citation)}</p>')


# --------------------------------------------------------------------------- imports
class ImportPage(QWidget):
    """Import the center's own documents (metadata form pre-filled), list and remove them."""

    library_changed = Signal()
    import_finished = Signal(object)  # ImportOutcome, or an Exception

    def __init__(self, service: LibraryService, parent: QWidget | None = None, *,
                 can_manage: bool = True, actor: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.can_manage = can_manage
        self._actor = actor or (lambda: "")
        self._parsed: ParsedDocument | None = None
        self._busy = False
        self.choose_button = QPushButton(self.tr("Chọn tệp để nhập…"), self)
        self.choose_button.setAccessibleName(self.tr("Chọn tệp để nhập"))
        self.batch_button = QPushButton(self.tr("Nhập nhiều tệp…"), self)
        self.batch_button.setAccessibleName(self.tr("Nhập nhiều tệp cùng lúc"))
        self.batch_button.setToolTip(self.tr("Nhập nhiều tệp với thông tin đọc được từ văn bản; "
                                             "sửa lại sau trong bảng bên dưới"))
        self.path_label = QLabel(self.tr("Chưa chọn tệp (%1)").replace(
            "%1", " ".join(SUPPORTED)), self)
        self.path_label.setWordWrap(True)
        self.title_edit = QLineEdit(self)
        self.symbol_edit = QLineEdit(self)
        self.type_edit = QComboBox(self)
        self.type_edit.setEditable(True)
        self.type_edit.addItems(list(DOC_TYPES))
        self.issuer_edit = QLineEdit(self)
        self.issued_edit = QLineEdit(self)
        self.effective_edit = QLineEdit(self)
        for edit in (self.issued_edit, self.effective_edit):
            edit.setPlaceholderText(self.tr("ngày/tháng/năm, VD: 05/03/2026"))
            edit.setInputMask("")
        self.status_edit = QComboBox(self)
        for status in STATUSES:
            self.status_edit.addItem(status_label(status, ui_language()), status)
        self.replaced_edit = QLineEdit(self)
        self.replaced_edit.setPlaceholderText(self.tr("số ký hiệu văn bản thay thế"))
        self.preview_label = QLabel(self)
        self.preview_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a0101e; font-weight: 600;")
        self.error_label.setAccessibleName(self.tr("Lỗi nhập tài liệu"))
        self.import_button = QPushButton(self.tr("Nhập vào thư viện"), self)
        self.import_button.setAccessibleName(self.tr("Nhập vào thư viện"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Tiến độ nhập"))
        self.progress.hide()
        self.documents = DocumentsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.documents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The other columns never narrower than their titles; the title takes the rest.
        fit_columns(self.table, {DocumentsModel.SYMBOL: 100, DocumentsModel.TYPE: 100,
                                 DocumentsModel.STATUS: 100, DocumentsModel.ARTICLES: 60,
                                 DocumentsModel.ORIGIN: 100},
                    stretch=(DocumentsModel.TITLE, 200))
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Văn bản trong thư viện"))
        self.remove_button = QPushButton(self.tr("Xóa tài liệu đã chọn"), self)
        self.remove_button.setAccessibleName(self.tr("Xóa tài liệu đã chọn"))
        self.save_button = QPushButton(self.tr("Lưu thông tin đã sửa"), self)
        self.save_button.setAccessibleName(self.tr("Lưu thông tin văn bản đã chọn"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._layout()
        self._connect_signals()
        self._set_form_enabled(False)
        if not can_manage:
            self.set_can_manage(False)
        self.reload()

    def set_can_manage(self, can_manage: bool) -> None:
        """Import, edit and remove for a user who may manage the library; otherwise every
        such action is off and the page says why (the user can change at the lock screen)."""
        self.can_manage = can_manage
        if self._parsed is not None:  # a file read for the previous user is not theirs
            self._parsed = None
            self.preview_label.clear()
        self._set_form_enabled(False)
        for widget in (self.choose_button, self.batch_button):
            widget.setEnabled(can_manage and not self._busy)
        self._on_row(self.table.currentIndex(), QModelIndex())
        self.message.setText("" if can_manage else self.tr(
            "Tài khoản này chỉ được tra cứu; nhập và xóa tài liệu cần quyền quản lý thư viện."))

    def _layout(self) -> None:
        form = QFormLayout()
        for label, widget in ((self.tr("Tên văn bản"), self.title_edit),
                              (self.tr("Số ký hiệu"), self.symbol_edit),
                              (self.tr("Loại"), self.type_edit),
                              (self.tr("Cơ quan ban hành"), self.issuer_edit),
                              (self.tr("Ngày ban hành"), self.issued_edit),
                              (self.tr("Ngày hiệu lực"), self.effective_edit),
                              (self.tr("Tình trạng"), self.status_edit),
                              (self.tr("Thay thế bởi"), self.replaced_edit)):
            form.addRow(label, widget)
            widget.setAccessibleName(label)
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.batch_button)
        top.addWidget(self.path_label, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.import_button)
        actions.addWidget(self.progress, 1)
        table_actions = QHBoxLayout()
        table_actions.addWidget(self.save_button)
        table_actions.addWidget(self.remove_button)
        table_actions.addStretch(1)
        # The whole page scrolls when the window is shorter than the form and the table
        # (a large font on a 768-px screen).
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields
        content = QWidget(scroll)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addLayout(actions)
        layout.addWidget(self.error_label)
        layout.addWidget(QLabel(self.tr("Văn bản trong thư viện:"), self))
        layout.addWidget(self.table, 1)
        layout.addLayout(table_actions)
        layout.addWidget(self.message)

    def _connect_signals(self) -> None:
        self.choose_button.clicked.connect(self.choose_file)
        self.batch_button.clicked.connect(self.choose_files)
        self.import_button.clicked.connect(self.import_current)
        self.remove_button.clicked.connect(self.remove_selected)
        self.save_button.clicked.connect(self.save_selected)
        self.table.selectionModel().currentRowChanged.connect(self._on_row)

    def _set_form_enabled(self, enabled: bool) -> None:
        for widget in (self.title_edit, self.symbol_edit, self.type_edit, self.issuer_edit,
                       self.issued_edit, self.effective_edit, self.status_edit,
                       self.replaced_edit):
            widget.setEnabled(enabled and self.can_manage)
        self.import_button.setEnabled(enabled and self.can_manage and self._parsed is not None
                                      and not self._busy)

    def reload(self) -> None:
        def done(docs: list[Document]) -> None:
            if alive(self):
                self.documents.set_documents(docs)
                self._on_row(self.table.currentIndex(), QModelIndex())

        run_task(self.service.documents, on_done=done, on_error=self._task_error)

    # -- choosing a file
    def choose_files(self) -> None:
        filters = self.tr("Tài liệu (%1)").replace("%1", " ".join(f"*{s}" for s in SUPPORTED))
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn các tài liệu để nhập"), "",
                                                filters)
        if paths:
            self.import_many([Path(p) for p in paths])

    def import_many(self, paths: Sequence[Path]) -> None:
        """Import several files off the UI thread, one transaction each, with progress; a
        file that fails is named with its reason and the others still go in."""
        if self._busy or not paths:
            return
        self.error_label.clear()
        self.message.clear()
        self._busy = True
        self._set_form_enabled(False)
        self.batch_button.setEnabled(False)
        self.progress.setRange(0, len(paths))
        self.progress.setValue(0)
        self.progress.show()
        service, actor = self.service, self._actor()

        def work(progress: Callable[[int, int], None]) -> tuple[list[Any], list[str]]:
            done: list[Any] = []
            failed: list[str] = []
            for number, path in enumerate(paths, start=1):
                try:
                    done.append(service.import_file(path, actor=actor))
                except Exception as exc:  # reported per file, the batch goes on
                    message = str(exc)
                    failed.append(message if message.startswith(path.name)
                                  else f"{path.name}: {message}")
                progress(number, len(paths))
            return done, failed

        def finished(result: tuple[list[Any], list[str]]) -> None:
            if not alive(self):
                return
            done, failed = result
            self._busy = False
            self.progress.hide()
            self.batch_button.setEnabled(self.can_manage)
            self.message.setText(self.tr("Đã nhập %1/%2 tệp.").replace("%1", str(len(done)))
                                 .replace("%2", str(len(paths)))
                                 + self._notes([f"{Path(o.document.source_path).name}: {w}"
                                                for o in done for w in o.warnings]))
            if failed:
                self.error_label.setText(self.tr("Không nhập được:") + "\n" + "\n".join(failed))
            self.reload()
            if done:
                self.library_changed.emit()
            self.import_finished.emit(result)

        def error(exc: Exception, _trace: str) -> None:
            if alive(self):
                self._busy = False
                self.progress.hide()
                self.batch_button.setEnabled(self.can_manage)
                self.error_label.setText(str(exc))
                self.import_finished.emit(exc)

        run_task(work, on_done=finished, on_error=error, on_progress=self._on_progress)

    def choose_file(self) -> None:
        filters = self.tr("Tài liệu (%1)").replace("%1", " ".join(f"*{s}" for s in SUPPORTED))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tài liệu để nhập"), "",
                                              filters)
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        """Read the file off the UI thread and pre-fill the form from its text."""
        self.error_label.clear()
        self.preview_label.setText(self.tr("Đang đọc %1…").replace("%1", path.name))
        self.path_label.setText(str(path))
        self._parsed = None
        self._busy = True
        self._set_form_enabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        service = self.service

        def work(progress: Callable[[int, int], None]) -> ParsedDocument:
            return service.preview(path, progress)

        def done(parsed: ParsedDocument) -> None:
            if not alive(self):
                return
            self._busy = False
            self.progress.hide()
            self._parsed = parsed
            self._fill(parsed.metadata)
            articles = parsed.article_count
            sections = len(parsed.sections)
            text = (self.tr("Đọc được %1 điều (%2 mục).").replace("%1", str(articles))
                    .replace("%2", str(sections)) if articles else
                    self.tr("Đọc được %1 phần (không có 'Điều N.').").replace("%1",
                                                                             str(sections)))
            self.preview_label.setText(text + " " + self.tr("Kiểm tra thông tin rồi bấm "
                                                            "“Nhập vào thư viện”.")
                                       + self._notes(parsed.warnings))
            self._set_form_enabled(True)
            self.title_edit.setFocus()

        def error(exc: Exception, _trace: str) -> None:
            if not alive(self):
                return
            self._busy = False
            self.progress.hide()
            self.preview_label.clear()
            self.error_label.setText(str(exc))
            self._set_form_enabled(False)
            self.import_finished.emit(exc)

        run_task(work, on_done=done, on_error=error, on_progress=self._on_progress)

    def _notes(self, warnings: Sequence[str]) -> str:
        """What reading the file involved (a legacy encoding converted…), one per line."""
        return "".join("\n" + self.tr("Lưu ý: %1").replace("%1", w) for w in warnings)

    def _on_progress(self, done: int, total: int) -> None:
        if alive(self):
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

    def _fill(self, meta: Metadata) -> None:
        self.title_edit.setText(meta.title)
        self.symbol_edit.setText(meta.symbol)
        self.type_edit.setCurrentText(meta.doc_type)
        self.issuer_edit.setText(meta.issuer)
        self.issued_edit.setText(display_date(meta.issued))
        self.effective_edit.setText(display_date(meta.effective))
        self.status_edit.setCurrentIndex(max(self.status_edit.findData(meta.status), 0))
        self.replaced_edit.setText(meta.replaced_by)

    def metadata(self) -> Metadata:
        return Metadata(title=self.title_edit.text().strip(),
                        symbol=self.symbol_edit.text().strip(),
                        doc_type=self.type_edit.currentText().strip(),
                        issuer=self.issuer_edit.text().strip(),
                        issued=parse_display_date(self.issued_edit.text()),
                        effective=parse_display_date(self.effective_edit.text()),
                        status=self.status_edit.currentData() or STATUSES[0],
                        replaced_by=self.replaced_edit.text().strip())

    # -- importing
    def import_current(self) -> None:
        parsed = self._parsed
        if parsed is None or self._busy:
            return
        meta = self.metadata()
        self.error_label.clear()
        self._busy = True
        self._set_form_enabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        service, actor = self.service, self._actor()

        def work() -> Any:
            return service.import_parsed(parsed, meta, actor=actor)

        def done(outcome: Any) -> None:
            if not alive(self):
                return
            self._busy = False
            self.progress.hide()
            self._parsed = None
            verb = self.tr("Đã nhập") if outcome.created else self.tr("Đã cập nhật")
            self.message.setText(f"{verb}: {outcome.document.title} "
                                 f"({outcome.document.article_count} "
                                 + self.tr("mục") + ")" + self._notes(outcome.warnings))
            self.preview_label.clear()
            self._set_form_enabled(False)
            self.reload()
            self.library_changed.emit()
            self.import_finished.emit(outcome)

        def error(exc: Exception, _trace: str) -> None:
            if not alive(self):
                return
            self._busy = False
            self.progress.hide()
            self.error_label.setText(str(exc))
            self._set_form_enabled(True)
            self.import_finished.emit(exc)

        run_task(work, on_done=done, on_error=error)

    # -- the documents table
    def selected_document(self) -> Document | None:
        return self.documents.document(self.table.currentIndex().row())

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc = self.documents.document(current.row()) if current.isValid() else None
        editable = doc is not None and doc.origin == IMPORTED and self.can_manage
        self.remove_button.setEnabled(editable and not self._busy)
        self.save_button.setEnabled(editable and not self._busy)
        if doc is not None and self._parsed is None and not self._busy:
            self._fill(Metadata(title=doc.title, symbol=doc.symbol, doc_type=doc.doc_type,
                                issuer=doc.issuer, issued=doc.issued,
                                effective=doc.effective, status=doc.status,
                                replaced_by=doc.replaced_by))
            for widget in (self.title_edit, self.symbol_edit, self.type_edit,
                           self.issuer_edit, self.issued_edit, self.effective_edit,
                           self.status_edit, self.replaced_edit):
                widget.setEnabled(editable)

    def save_selected(self) -> None:
        doc = self.selected_document()
        if doc is None or doc.origin != IMPORTED:
            return
        meta = self.metadata()
        service, actor = self.service, self._actor()

        def done(updated: Document) -> None:
            if alive(self):
                self.message.setText(self.tr("Đã lưu thông tin: %1").replace("%1",
                                                                             updated.title))
                self.reload()
                self.library_changed.emit()

        def work() -> Document:
            return service.update_metadata(doc.id, meta, actor=actor)

        run_task(work, on_done=done, on_error=self._task_error)

    def remove_selected(self) -> None:
        """Remove the selected imported document (an inline confirmation first)."""
        doc = self.selected_document()
        if doc is None:
            return
        if doc.origin != IMPORTED:
            self.error_label.setText(self.tr("Văn bản có sẵn của thư viện không xóa được."))
            return
        if self.remove_button.property("confirm") != doc.id:
            self.remove_button.setProperty("confirm", doc.id)
            self.remove_button.setText(self.tr("Bấm lần nữa để xóa “%1”").replace(
                "%1", doc.title[:40]))
            return
        self.remove_button.setProperty("confirm", "")
        self.remove_button.setText(self.tr("Xóa tài liệu đã chọn"))
        service, actor = self.service, self._actor()

        def done(removed: Document) -> None:
            if alive(self):
                self.message.setText(self.tr("Đã xóa: %1").replace("%1", removed.title))
                self.reload()
                self.library_changed.emit()

        def work() -> Document:
            return service.remove(doc.id, actor=actor)

        run_task(work, on_done=done, on_error=self._task_error)

    def _task_error(self, exc: Exception, _trace: str) -> None:
        if alive(self):
            self.error_label.setText(str(exc))
