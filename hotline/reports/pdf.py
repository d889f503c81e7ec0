"""The printable report (reportlab platypus), laid out as an official document (NĐ 30/2020).

Layout (Phụ lục I of NĐ 30/2020/NĐ-CP): A4 portrait; margins top 20 mm, bottom 20 mm,
left 30 mm, right 15 mm; a Times New Roman-like Unicode font (Liberation Serif, embedded).
Top left: the parent body (capitals, regular) over the issuing center (capitals, bold) with a
short rule under it, and "Số: …/BC-…" below. Top right: the national name (capitals, bold,
12 pt) over the motto (bold, 13 pt) with a rule the motto's length under it, and the place and
date in italics ("Hà Nội, ngày 05 tháng 3 năm 2026": days below 10 and the months January
and February take a leading zero, as the decree says). Then the title in bold capitals, the
body, and the signature block at the bottom right. Page numbers are centred at the top from
page 2.

The report never contains personal data: no names, numbers, addresses or call summaries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from hotline import __version__
from hotline.atomic import atomic_write
from hotline.reports import fonts
from hotline.reports.models import DayCall, DueFollowUp, Header, Revision
from hotline.reports.stats import Statistics, Table

MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
MARGIN_LEFT = 30 * mm
MARGIN_RIGHT = 15 * mm
WIDTH = A4[0] - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm of text
TITLE = "BÁO CÁO TỔNG HỢP CUỘC GỌI ĐƯỜNG DÂY NÓNG"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SEX_COLORS = (colors.HexColor("#1f4e79"), colors.HexColor("#9dc3e6"),
              colors.HexColor("#c55a11"), colors.HexColor("#bfbfbf"))
GRID = colors.HexColor("#404040")
HEAD_BG = colors.HexColor("#e8e8e8")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass
class _Styles:
    family: str
    s: dict[str, ParagraphStyle] = field(default_factory=dict)

    def __post_init__(self) -> None:
        f = self.family

        def add(name: str, **kw: Any) -> None:
            base = {"fontName": f, "fontSize": 13, "leading": 16}
            base.update(kw)
            self.s[name] = ParagraphStyle(name, **base)

        add("body", alignment=TA_JUSTIFY, spaceAfter=3, firstLineIndent=0)
        add("org", fontSize=12, leading=15, alignment=TA_CENTER)
        add("org_bold", fontName=fonts.BOLD, fontSize=12, leading=15, alignment=TA_CENTER)
        add("nation", fontName=fonts.BOLD, fontSize=12, leading=15, alignment=TA_CENTER)
        add("motto", fontName=fonts.BOLD, fontSize=13, leading=16, alignment=TA_CENTER)
        add("number", fontSize=13, leading=16, alignment=TA_CENTER)
        add("place", fontName=fonts.ITALIC, fontSize=13, leading=16, alignment=TA_CENTER)
        add("title", fontName=fonts.BOLD, fontSize=14, leading=18, alignment=TA_CENTER,
            spaceBefore=14)
        add("subtitle", fontName=fonts.BOLD, fontSize=13, leading=16, alignment=TA_CENTER)
        add("revision", fontName=fonts.ITALIC, fontSize=12, leading=15, alignment=TA_CENTER,
            spaceBefore=4)
        add("h1", fontName=fonts.BOLD, fontSize=13, leading=16, spaceBefore=10, spaceAfter=4)
        add("h2", fontName=fonts.BOLD, fontSize=12, leading=15, spaceBefore=8, spaceAfter=3)
        add("note", fontName=fonts.ITALIC, fontSize=10, leading=12, spaceBefore=1,
            spaceAfter=4)
        add("figure", fontSize=13, leading=17, leftIndent=6 * mm, firstLineIndent=-4 * mm)
        add("cell", fontSize=10, leading=12)
        add("cell_b", fontName=fonts.BOLD, fontSize=10, leading=12)
        add("cell_c", fontName=fonts.BOLD, fontSize=10, leading=12, alignment=TA_CENTER)
        add("cell_r", fontSize=10, leading=12, alignment=TA_RIGHT)
        add("small", fontSize=9, leading=10.5)
        add("small_c", fontName=fonts.BOLD, fontSize=9, leading=10.5, alignment=TA_CENTER)
        add("sign_title", fontName=fonts.BOLD, fontSize=13, leading=16, alignment=TA_CENTER)
        add("sign_hint", fontName=fonts.ITALIC, fontSize=12, leading=15, alignment=TA_CENTER)
        add("sign_name", fontName=fonts.BOLD, fontSize=13, leading=16, alignment=TA_CENTER)
        add("recv_title", fontName=fonts.BOLD_ITALIC, fontSize=12, leading=14, alignment=TA_LEFT)
        add("recv", fontSize=11, leading=13, alignment=TA_LEFT)

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.s[name]


def number(n: float | int) -> str:
    """Vietnamese thousands separator: 200.000."""
    return f"{int(n):,}".replace(",", ".")


def percent(part: int, whole: int) -> str:
    if not whole:
        return ""
    return f"{100 * part / whole:.1f}%".replace(".", ",")


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "không có số liệu"
    total = round(seconds)
    minutes, secs = divmod(total, 60)
    return f"{minutes} phút {secs:02d} giây" if minutes else f"{secs} giây"


def issued_line(place: str, day: date) -> str:
    """'Hà Nội, ngày 05 tháng 3 năm 2026' — leading zeros per NĐ 30/2020 (day < 10, month < 3)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place or '……………'}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str, width_mm: float, style: ParagraphStyle) -> str | Paragraph:
    """Plain text when it fits on one line (fast to lay out), else a wrapping paragraph."""
    if stringWidth(text, style.fontName, style.fontSize) <= width_mm * mm - 6.5:
        return text
    return Paragraph(_esc(text), style)


def _grid_table(data: list[list[Any]], widths: Sequence[float], *, size: float, line: float,
                valign: str, padding: tuple[float, float, float],
                extra: Sequence[Any] = ()) -> RLTable:
    """Every table of figures or of rows in the report: a grid with a grey header row that is
    repeated on each page. `padding` is (top, bottom, left and right); `extra` style
    commands (alignment, bold cells) come after the common ones, so they win."""
    top, bottom, side = padding
    table = RLTable(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.FAMILY, size),
        ("GRID", (0, 0), (-1, -1), line, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("TOPPADDING", (0, 0), (-1, -1), top), ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
        ("LEFTPADDING", (0, 0), (-1, -1), side), ("RIGHTPADDING", (0, 0), (-1, -1), side),
        *extra,
    ]))
    return table


def _stacked_bars(chart: Any, data: list[list[int]], names: list[str], *, label_size: float,
                  colours: Sequence[Any]) -> None:
    """What every bar chart of the report shares: stacked bars, one colour a series, the
    value axis from zero with a light grid and numbers written the Vietnamese way."""
    chart.data = data
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = fonts.FAMILY
    chart.categoryAxis.labels.fontSize = label_size
    chart.categoryAxis.style = "stacked"
    axis = chart.valueAxis
    axis.valueMin = 0
    axis.forceZero = True
    axis.labels.fontName = fonts.FAMILY
    axis.labels.fontSize = 8
    axis.labelTextFormat = number
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.HexColor("#d0d0d0")
    for n, colour in enumerate(colours):
        chart.bars[n].fillColor = colour
        chart.bars[n].strokeColor = None


class _Rule(Flowable):
    """A centred horizontal rule of a given width (under the center name and the motto)."""

    def __init__(self, width: float, thickness: float = 0.6, space: float = 1.5) -> None:
        super().__init__()
        self.rule_width = width
        self.thickness = thickness
        self.space = space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.space + self.thickness

    def draw(self) -> None:
        x = (self._avail - self.rule_width) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(x, self.thickness / 2, x + self.rule_width, self.thickness / 2)


class ReportPdf:
    """Builds one report PDF from `Statistics` (and, for a day, its calls and follow-ups)."""

    def __init__(self, header: Header, stats: Statistics, *,
                 calls: Sequence[DayCall] | None = None,
                 followups: Sequence[DueFollowUp] | None = None,
                 revision: Revision | None = None,
                 followups_more: int = 0) -> None:
        self.header = header
        self.stats = stats
        self.calls = calls
        self.followups = followups
        self.followups_more = followups_more
        self.revision = revision
        self.st = _Styles(fonts.register())
        self._section = 0
        self._chart = 0

    # ----------------------------------------------------------------- public
    def write(self, out: Path) -> Path:
        """Render to `out` atomically (a reader never sees half a PDF)."""
        data = self.render()
        with atomic_write(out, "wb") as fh:
            fh.write(data)
        return out

    def render(self) -> bytes:
        buffer = BytesIO()
        period = self.stats.period
        doc = SimpleDocTemplate(
            buffer, pagesize=A4, leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
            topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
            title=f"Báo cáo tổng hợp cuộc gọi đường dây nóng {period.label}",
            author=self.header.center_name, subject=TITLE.capitalize(),
            creator=f"Hotline {__version__}", lang="vi-VN",
            initialFontName=fonts.FAMILY, initialFontSize=13,
        )
        doc.build(self.story(), onFirstPage=self._first_page, onLaterPages=self._later_page)
        return buffer.getvalue()

    # --------------------------------------------------------------- pages
    def _first_page(self, canvas: Canvas, doc: Any) -> None:
        self._footer(canvas)

    def _later_page(self, canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts.FAMILY, 13)
        canvas.drawCentredString(MARGIN_LEFT + WIDTH / 2, A4[1] - MARGIN_TOP + 6 * mm,
                                 str(canvas.getPageNumber()))
        canvas.restoreState()
        self._footer(canvas)

    def _footer(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFont(fonts.ITALIC, 8)
        canvas.setFillColor(colors.HexColor("#606060"))
        canvas.drawRightString(A4[0] - MARGIN_RIGHT, MARGIN_BOTTOM - 9 * mm,
                               "Báo cáo không chứa thông tin cá nhân của người gọi")
        canvas.restoreState()

    # --------------------------------------------------------------- story
    def story(self) -> list[Flowable]:
        s = self.stats
        out: list[Flowable] = [*self._heading()]
        out += self._key_figures()
        if s.key.calls == 0:
            out.append(Paragraph("Không có cuộc gọi nào trong kỳ báo cáo.", self.st["body"]))
        else:
            if s.by_month is not None:  # longer periods: how the months compare, first
                out += self._section_head("DIỄN BIẾN THEO THÁNG")
                out.append(self._month_chart(s.by_month))
                out += self._table_block(s.by_month, wide=True)
            if s.by_day is not None:
                out += self._section_head("DIỄN BIẾN THEO NGÀY")
                out += self._table_block(s.by_day, wide=True)
            out += self._section_head("PHÂN LOẠI CUỘC GỌI THEO VẤN ĐỀ")
            out.append(self._category_chart())
            out += self._table_block(s.by_category_group)
            out += self._table_block(s.by_category.non_empty())
            out += self._section_head("NGƯỜI ĐƯỢC HỖ TRỢ VÀ NGƯỜI GỌI")
            out += self._table_block(s.by_age_group.non_empty())
            out += self._table_block(s.by_relation.non_empty())
            out += self._table_block(s.by_province.non_empty())
            out += self._table_block(s.by_vulnerable, empty="Không ghi nhận.")
            out += self._table_block(s.callers)
            out += self._section_head("MỨC ĐỘ HỖ TRỢ, CAN THIỆP VÀ CHUYỂN TUYẾN")
            out += self._table_block(s.by_level)
            out += self._table_block(s.by_urgency)
            out += self._table_block(s.by_channel.non_empty())
            out += self._table_block(s.referrals_by_category,
                                     empty="Không có chuyển tuyến trong kỳ.")
            out += self._table_block(s.referrals_by_sex, empty="")
            out += self._table_block(s.followups)
            out += self._section_head("THỜI GIAN NHẬN CUỘC GỌI")
            out.append(self._hour_chart())
            out += self._table_block(s.by_hour.non_empty())
        if self.calls is not None:
            out += self._section_head("DANH SÁCH CUỘC GỌI TRONG NGÀY")
            out += self._calls_table()
        if self.followups is not None:
            out += self._section_head("CÔNG VIỆC THEO DÕI ĐẾN HẠN")
            out += self._followups_table()
        out.append(KeepTogether([*self._notes(), *self._signature()]))
        return out

    def _next_chart(self) -> int:
        self._chart += 1
        return self._chart

    def _section_head(self, title: str) -> list[Flowable]:
        self._section += 1
        head = Paragraph(f"{ROMAN[self._section - 1]}. {title}", self.st["h1"])
        head.keepWithNext = True  # never alone at the foot of a page, its table on the next
        return [CondPageBreak(40 * mm), head]

    def _heading(self) -> list[Flowable]:
        h = self.header
        st = self.st
        left: list[Flowable] = []
        if h.parent_body:
            left.append(Paragraph(_esc(h.parent_body.upper()), st["org"]))
        center = h.center_name.upper()
        left.append(Paragraph(_esc(center), st["org_bold"]))
        name_width = min(stringWidth(center, fonts.BOLD, 12), 66 * mm)
        left.append(_Rule(max(20 * mm, name_width / 3)))
        left.append(Spacer(1, 5))
        abbreviation = f"BC-{h.abbreviation}" if h.abbreviation else "BC"
        gap = "&nbsp;" * 8  # the number is written in by the clerk when it is issued
        left.append(Paragraph(f"Số:{gap}/{_esc(abbreviation)}", st["number"]))
        right: list[Flowable] = [
            Paragraph(NATION, st["nation"]),
            Paragraph(MOTTO, st["motto"]),
            _Rule(stringWidth(MOTTO, fonts.BOLD, 13)),
            Spacer(1, 5),
            Paragraph(_esc(issued_line(h.place, h.issued or self.stats.as_of.date())),
                      st["place"]),
        ]
        table = RLTable([[left, "", right]], colWidths=[70 * mm, 2 * mm, WIDTH - 72 * mm])
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), fonts.FAMILY, 12),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        period = self.stats.period
        subtitle = period.label
        subtitle = subtitle[0].upper() + subtitle[1:]
        out: list[Flowable] = [table, Paragraph(TITLE, st["title"]),
                               Paragraph(_esc(subtitle), st["subtitle"])]
        if self.revision is not None:
            r = self.revision
            text = f"(Bản sửa đổi lần {r.number}"
            if r.replaces:
                text += f", thay thế báo cáo {_esc(r.replaces)}"
            text += f". Lý do: {_esc(r.reason)})"
            out.append(Paragraph(text, st["revision"]))
        out.append(_Rule(40 * mm))
        out.append(Spacer(1, 6))
        return out

    def _key_figures(self) -> list[Flowable]:
        k = self.stats.key
        st = self.st
        s = self.stats
        out = self._section_head("TÌNH HÌNH CHUNG")
        by_sex = ", ".join(f"{label.lower()} {number(n)}" for label, n
                           in zip(s.sex_labels, k.counselling_by_sex, strict=True) if n)
        lines = [
            f"Tổng số cuộc gọi tiếp nhận: <b>{number(k.calls)}</b>.",
            f"Cuộc gọi được tư vấn, hỗ trợ: <b>{number(k.counselling)}</b>"
            + (f" ({percent(k.counselling, k.calls)})" if k.calls else "")
            + (f"; người được hỗ trợ: {by_sex}" if by_sex else "") + ".",
            f"Cuộc gọi không tư vấn (im lặng, gác máy, nhầm số, quấy rối, gọi thử): "
            f"<b>{number(k.non_counselling)}</b>.",
            f"Cuộc gọi khẩn cấp: <b>{number(k.emergencies)}</b>; ưu tiên: "
            f"<b>{number(k.priority)}</b>.",
            f"Hồ sơ (ca) mở mới: <b>{number(k.cases_opened)}</b>; lượt chuyển tuyến dịch vụ: "
            f"<b>{number(k.referrals)}</b>.",
            f"Số máy gọi đến khác nhau: <b>{number(k.distinct_callers)}</b>, trong đó gọi từ "
            f"2 lần trở lên trong kỳ: <b>{number(k.repeat_callers)}</b>, đã từng gọi trước kỳ: "
            f"<b>{number(k.returning_callers)}</b>; cuộc gọi ẩn số: {number(k.withheld)}.",
            f"Thời lượng trung bình một cuộc gọi tư vấn: "
            f"{duration(k.avg_duration_counselling_s)} (mọi cuộc gọi: "
            f"{duration(k.avg_duration_s)}).",
            f"Công việc theo dõi đến hạn trong kỳ: <b>{number(k.followups_due)}</b>; đã thực "
            f"hiện: <b>{number(k.followups_done)}</b>; quá hạn chưa thực hiện: "
            f"<b>{number(k.followups_overdue)}</b>; chưa đến hạn: "
            f"{number(k.followups_pending)}.",
        ]
        out += [Paragraph(f"-&nbsp;&nbsp;{line}", st["figure"]) for line in lines]
        return out

    # -------------------------------------------------------------- tables
    def _table_block(self, table: Table, *, empty: str = "Không có số liệu.",
                     wide: bool = False) -> list[Flowable]:
        st = self.st
        title = Paragraph(_esc(table.title), st["h2"])
        if not table.rows:
            return [title, Paragraph(empty, st["note"])] if empty else []
        ncols = len(table.columns)
        show_total_col = table.name not in ("by_month", "by_day")
        number_cols = ncols + (1 if show_total_col else 0)
        if wide:  # a period per row: short labels, many numeric columns
            label_w = 24 * mm
            col_w = (WIDTH - label_w) / number_cols
        else:
            col_w = 17 * mm
            label_w = WIDTH - number_cols * col_w
        cell_c = st["small_c"] if wide else st["cell_c"]
        header = [Paragraph("Nội dung" if not wide else "Kỳ", cell_c),
                  *(Paragraph(_esc(lbl), cell_c) for lbl in table.column_labels)]
        if show_total_col:
            header.append(Paragraph("Tổng", cell_c))
        data: list[list[Any]] = [header]
        for row in table.rows:
            cells: list[Any] = [Paragraph(_esc(row.label), st["cell"]),
                                *(number(n) for n in row.counts)]
            if show_total_col:
                cells.append(number(row.total))
            data.append(cells)
        if table.summable and len(table.rows) > 1:
            totals = [Paragraph("Tổng cộng", st["cell_b"]), *(number(n) for n in table.totals)]
            if show_total_col:
                totals.append(number(table.total))
            data.append(totals)
        size = 9.5 if wide else 10
        extra: list[Any] = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
        if table.summable and len(table.rows) > 1:
            extra.append(("FONT", (1, -1), (-1, -1), fonts.BOLD, size))
        if show_total_col:
            extra.append(("FONT", (-1, 1), (-1, -1), fonts.BOLD, size))
        rl = _grid_table(data, [label_w] + [col_w] * number_cols, size=size, line=0.4,
                         valign="MIDDLE", padding=(2, 2.5, 2 if wide else 6), extra=extra)
        out: list[Flowable] = [KeepTogether([title, rl])] if len(data) <= 16 else [title, rl]
        if table.note:
            out.append(Paragraph(f"({_esc(table.note)})", st["note"]))
        return out

    def _list_head(self, head: Sequence[str]) -> list[list[Any]]:
        """The header row of a list (calls, follow-ups): small centred captions."""
        return [[Paragraph(h, self.st["small_c"]) for h in head]]

    @staticmethod
    def _list_table(data: list[list[Any]], widths_mm: Sequence[float],
                    extra: Sequence[Any] = ()) -> RLTable:
        """A list of the day (calls, follow-ups): 9 pt rows in a thin grid, text at the top."""
        return _grid_table(data, [w * mm for w in widths_mm], size=9, line=0.3, valign="TOP",
                           padding=(1.5, 2, 3), extra=extra)

    def _calls_table(self) -> list[Flowable]:
        st = self.st
        calls = self.calls or []
        if not calls:
            return [Paragraph("Không có cuộc gọi nào trong ngày.", st["body"])]
        head = ["STT", "Mã", "Giờ", "Vấn đề", "Mức độ hỗ trợ", "Khẩn cấp", "Người trực",
                "Chuyển tuyến"]
        widths = [9, 13, 10, 41, 27, 15, 24, 26]
        data = self._list_head(head)
        small = st["small"]
        emergency_rows = []
        for i, c in enumerate(calls, start=1):
            data.append([
                str(i), str(c.id), c.time,
                _cell("; ".join(c.categories), widths[3], small),
                _cell(c.level, widths[4], small),
                "" if c.urgency == "routine" else c.urgency_label,
                _cell(c.operator, widths[6], small),
                _cell("; ".join(c.referrals), widths[7], small),
            ])
            if c.urgency == "emergency":
                emergency_rows.append(i)
        rl = self._list_table(data, widths, [
            ("LEADING", (0, 0), (-1, -1), 10.5),
            ("ALIGN", (0, 1), (2, -1), "RIGHT"),
            *(("FONT", (5, i), (5, i), fonts.BOLD, 9) for i in emergency_rows)])
        return [rl, Paragraph("(Danh sách không ghi tên, số điện thoại, địa chỉ và nội dung "
                              "cuộc gọi để bảo mật thông tin người gọi.)", st["note"])]

    def _followups_table(self) -> list[Flowable]:
        st = self.st
        items = self.followups or []
        if not items:
            return [Paragraph("Không có công việc theo dõi đến hạn.", st["body"])]
        head = ["Hạn", "Cuộc gọi", "Vấn đề", "Người phụ trách", "Trạng thái",
                "An toàn gọi lại"]
        small = st["small"]
        data = self._list_head(head)
        widths = [22, 17, 52, 30, 24, 20]
        for f in items:
            data.append([f.due, f"#{f.call_id}", _cell("; ".join(f.categories), widths[2], small),
                         _cell(f.assignee, widths[3], small), f.status, f.safe_to_call_back])
        out: list[Flowable] = [self._list_table(data, widths)]
        note = ("Gồm việc theo dõi đến hạn trong ngày và ngày kế tiếp, và việc quá hạn chưa "
                "thực hiện; trước khi gọi lại phải kiểm tra cột “An toàn gọi lại”.")
        if self.followups_more:
            note += f" Còn {number(self.followups_more)} việc khác không in ra."
        out.append(Paragraph(f"({note})", st["note"]))
        return out

    # -------------------------------------------------------------- charts
    def _legend(self, x: float, y: float, items: list[tuple[Any, str]]) -> Legend:
        legend = Legend()
        legend.x = x
        legend.y = y
        legend.fontName = fonts.FAMILY
        legend.fontSize = 9
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.boxAnchor = "sw"
        legend.dx = 8
        legend.dy = 8
        legend.deltax = 70
        legend.colorNamePairs = items
        return legend

    def _sex_legend_items(self, counts_by_sex: Sequence[int]) -> tuple[list[int], list[Any]]:
        used = [i for i, n in enumerate(counts_by_sex) if n] or [0]
        return used, [(SEX_COLORS[i % len(SEX_COLORS)], self.stats.sex_labels[i]) for i in used]

    def _category_chart(self) -> Flowable:
        table = self.stats.by_category_group.non_empty()
        rows = list(reversed(table.rows))  # first group at the top
        totals = [sum(r.counts[i] for r in rows) for i in range(len(table.columns))]
        used, legend_items = self._sex_legend_items(totals)
        height = 22 * mm + 7 * mm * len(rows)
        chart = HorizontalBarChart()
        chart.x = 48 * mm
        chart.y = 14 * mm
        chart.width = WIDTH - 58 * mm
        chart.height = height - 24 * mm
        _stacked_bars(chart, [[r.counts[i] for r in rows] for i in used], [r.label for r in rows],
                      label_size=9, colours=[SEX_COLORS[i % len(SEX_COLORS)] for i in used])
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -3
        chart.barSpacing = 1
        chart.groupSpacing = 3
        caption = (f"Biểu đồ {self._next_chart()}. Cuộc gọi theo nhóm vấn đề và giới tính "
                   "của người được hỗ trợ")
        return self._chart_drawing(chart, height, caption, self._legend(48 * mm, -1 * mm,
                                                                        legend_items))

    def _hour_chart(self) -> Flowable:
        table = self.stats.by_hour
        totals = [sum(r.counts[i] for r in table.rows) for i in range(len(table.columns))]
        used, legend_items = self._sex_legend_items(totals)
        height = 62 * mm
        chart = VerticalBarChart()
        chart.x = 12 * mm
        chart.y = 18 * mm
        chart.width = WIDTH - 16 * mm
        chart.height = height - 28 * mm
        _stacked_bars(chart, [[r.counts[i] for r in table.rows] for i in used],
                      [r.key for r in table.rows], label_size=8,
                      colours=[SEX_COLORS[i % len(SEX_COLORS)] for i in used])
        chart.barSpacing = 0
        chart.groupSpacing = 2
        caption = f"Biểu đồ {self._next_chart()}. Cuộc gọi theo giờ trong ngày (giờ bắt đầu)"
        return self._chart_drawing(chart, height, caption, self._legend(12 * mm, -1 * mm,
                                                                        legend_items))

    def _month_chart(self, table: Table) -> Flowable:
        height = 62 * mm
        chart = VerticalBarChart()
        chart.x = 14 * mm
        chart.y = 18 * mm
        chart.width = WIDTH - 18 * mm
        chart.height = height - 28 * mm
        ci = table.columns.index("counselling")
        ni = table.columns.index("non_counselling")
        many = len(table.rows) > 12
        _stacked_bars(chart, [[r.counts[ci] for r in table.rows],
                              [r.counts[ni] for r in table.rows]],
                      [r.label for r in table.rows], label_size=6 if many else 8,
                      colours=[SEX_COLORS[0], SEX_COLORS[3]])
        if many:
            chart.categoryAxis.labels.angle = 45
            chart.categoryAxis.labels.boxAnchor = "ne"
        caption = f"Biểu đồ {self._next_chart()}. Số cuộc gọi theo tháng"
        return self._chart_drawing(chart, height, caption, self._legend(
            14 * mm, -1 * mm, [(SEX_COLORS[0], "Tư vấn"), (SEX_COLORS[3], "Không tư vấn")]))

    @staticmethod
    def _chart_drawing(chart: Any, height: float, caption: str, legend: Legend) -> Drawing:
        """A chart the text's width, its caption above it (italic) and its legend below."""
        drawing = Drawing(WIDTH, height)
        drawing.add(chart)
        drawing.add(String(0, height - 8, caption, fontName=fonts.ITALIC, fontSize=10))
        drawing.add(legend)
        return drawing

    # --------------------------------------------------------- notes, signature
    def _notes(self) -> list[Flowable]:
        st = self.st
        s = self.stats
        text = (
            "Ghi chú: Cuộc gọi không tư vấn (im lặng, gác máy, nhầm số, quấy rối, gọi thử) "
            "được tính riêng và không tính vào các bảng về người được hỗ trợ. Giới tính, nhóm "
            "tuổi của người được hỗ trợ là của nạn nhân khi người gọi không phải là nạn nhân. "
            "Người gọi được đếm theo số máy trong cơ sở dữ liệu, không ghi số điện thoại ra "
            f"báo cáo. Số liệu tính đến {s.as_of:%H:%M} ngày {s.as_of:%d/%m/%Y}; danh mục "
            f"phân loại phiên bản {_esc(s.taxonomy_version)}; lập bằng phần mềm Hotline "
            f"{__version__}."
        )
        return [Spacer(1, 4), Paragraph(text, st["note"])]

    def _signature(self) -> list[Flowable]:
        st = self.st
        h = self.header
        recipients: list[Flowable] = [Paragraph("Nơi nhận:", st["recv_title"])]
        items = list(h.recipients)
        for i, r in enumerate(items):
            end = "." if i == len(items) - 1 else ";"
            recipients.append(Paragraph(f"- {_esc(r)}{end}", st["recv"]))
        preparer = [Paragraph("NGƯỜI LẬP BIỂU", st["sign_title"]),
                    Paragraph("(Ký, ghi rõ họ tên)", st["sign_hint"]),
                    Spacer(1, 22 * mm),
                    Paragraph(_esc(h.prepared_by), st["sign_name"])]
        signer = [Paragraph(_esc(h.signer_title.upper()), st["sign_title"]),
                  Paragraph("(Ký, ghi rõ họ tên, đóng dấu)", st["sign_hint"]),
                  Spacer(1, 22 * mm),
                  Paragraph(_esc(h.signer_name), st["sign_name"])]
        table = RLTable([[preparer, signer], [recipients, ""]],
                        colWidths=[WIDTH / 2 - 5 * mm, WIDTH / 2 + 5 * mm])
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), fonts.FAMILY, 12),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 1), (-1, 1), 10),
        ]))
        return [Spacer(1, 10), table]
