"""Report generation: the daily report (PDF + calls CSV + summary CSV) and period reports.

The window, `hotline report …` and the sync all call `ReportService`. Every file is written
atomically (temporary file, fsync, rename), so a reader never sees half a report.
"""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path

from hotline import __version__, admin_units
from hotline.atomic import atomic_write
from hotline.calls import csvio
from hotline.calls.codec import timestamp
from hotline.calls.models import CallFilter
from hotline.calls.service import CallService
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import Clock, iso
from hotline.config import Settings
from hotline.reports.models import DayCall, DueFollowUp, Header, Revision
from hotline.reports.periods import Period, classify
from hotline.reports.stats import Statistics, StatsEngine
from hotline.store.db import Store

Progress = Callable[[int, int], None]
SUMMARY_COLUMNS = ("section", "row_code", "row_label", "column_code", "column_label", "value")
FOLLOWUPS_LISTED = 100  # the daily PDF lists at most this many follow-ups


@dataclass(frozen=True)
class ReportFiles:
    """What one report run wrote."""

    period: Period
    pdf: Path
    summary_csv: Path
    calls_csv: Path | None  # daily reports only
    calls: int  # calls in the period (the PDF's total)
    revision: int = 0

    @property
    def paths(self) -> list[Path]:
        return [p for p in (self.pdf, self.calls_csv, self.summary_csv) if p is not None]


def revision_suffix(revision: int) -> str:
    return f"-ban-sua-{revision}" if revision else ""


def daily_names(day: date, revision: int = 0) -> dict[str, str]:
    """File names of a day's report: bao-cao-2026-11-25.pdf, …-ban-sua-1.pdf for revisions."""
    tail = f"{day.isoformat()}{revision_suffix(revision)}"
    return {"pdf": f"bao-cao-{tail}.pdf", "calls_csv": f"cuoc-goi-{tail}.csv",
            "summary_csv": f"thong-ke-{tail}.csv"}


def period_names(period: Period) -> dict[str, str]:
    return {"pdf": f"bao-cao-{period.slug}.pdf", "summary_csv": f"thong-ke-{period.slug}.csv"}


class ReportService:
    def __init__(self, store: Store, calls: CallService, taxonomy: Taxonomy, clock: Clock,
                 settings: Settings, *, preparer: Callable[[], str] | None = None) -> None:
        self.store = store
        self.calls = calls
        self.taxonomy = taxonomy
        self.clock = clock
        self.settings = settings
        self.preparer = preparer  # who is at the desk: "Người lập biểu" on the PDF
        # Reports go to the provincial authority: Vietnamese labels whatever the window's
        # language (an English window must not produce "female 16" in an official report).
        self.engine = StatsEngine(taxonomy, clock, "vi")

    # -------------------------------------------------------------- building blocks
    def statistics(self, start: date, end: date, *, as_of: datetime | None = None,
                   conn: sqlite3.Connection | None = None) -> Statistics:
        return self.engine.compute(conn or self.store.conn, classify(start, end), as_of=as_of)

    def header(self, issued: date | None = None) -> Header:
        s = self.settings
        place = s.place_name
        if not place and s.province_code:
            name = admin_units.province_name(s.province_code)
            for prefix in ("Thành phố ", "Tỉnh "):
                name = name.removeprefix(prefix)
            place = name
        return Header(center_name=s.center_name, parent_body=s.parent_body,
                      abbreviation=s.center_abbreviation, place=place, issued=issued,
                      signer_title=s.signer_title, signer_name=s.signer_name,
                      prepared_by=self.preparer() if self.preparer else "",
                      recipients=tuple(s.report_recipients))

    def day_calls(self, day: date, conn: sqlite3.Connection | None = None) -> list[DayCall]:
        """The day's calls for the printed list: no name, number, place or summary."""
        conn = conn or self.store.conn
        tax = self.taxonomy
        refs: dict[int, list[str]] = {}
        for call_id, name, status in conn.execute(
                "SELECT r.call_id, r.name, r.status FROM referrals r JOIN calls c "
                "ON c.id = r.call_id WHERE c.day = ? ORDER BY r.id", (day.isoformat(),)):
            refs.setdefault(call_id, []).append(
                f"{name} ({tax.label('referral_statuses', status).lower()})")
        out = []
        for r in conn.execute(
                "SELECT id, received_at, categories, level, urgency, operator, counselling "
                "FROM calls WHERE day = ? ORDER BY received_ts, id", (day.isoformat(),)):
            out.append(DayCall(
                id=r[0], time=r[1][11:16],
                categories=tuple(tax.label("categories", c) for c in r[2].split(";") if c),
                level=tax.label("levels", r[3]), urgency=r[4],
                urgency_label=tax.label("urgencies", r[4]), operator=r[5],
                referrals=tuple(refs.get(r[0], ())), counselling=bool(r[6])))
        return out

    def due_followups(self, day: date, as_of: datetime,
                      conn: sqlite3.Connection | None = None) -> tuple[list[DueFollowUp], int]:
        """Follow-ups due on `day` or the next day, then older ones still open (overdue),
        newest first; at most FOLLOWUPS_LISTED, and how many more there are."""
        conn = conn or self.store.conn
        tax = self.taxonomy
        start = timestamp(self.clock.start_of(day))
        end = timestamp(self.clock.end_of(day + timedelta(days=1)))
        as_of_ts = timestamp(as_of)
        select = ("SELECT f.due_at, f.due_ts, f.call_id, f.assignee, f.done, c.categories, "
                  "c.safe_to_call_back FROM followups f JOIN calls c ON c.id = f.call_id ")
        # Two index range scans on followups_open(done, due_ts): the window, then the
        # overdue ones newest first (one OR over both made a year of overdue rows sort).
        rows = conn.execute(select + "WHERE f.due_ts >= ? AND f.due_ts < ? "
                            "ORDER BY f.done, f.due_ts, f.id LIMIT ?",
                            (start, end, FOLLOWUPS_LISTED)).fetchall()
        rows += conn.execute(select + "WHERE f.done = 0 AND f.due_ts < ? "
                             "ORDER BY f.due_ts DESC, f.id DESC LIMIT ?",
                             (start, FOLLOWUPS_LISTED - len(rows))).fetchall()
        total = conn.execute(
            "SELECT (SELECT count(*) FROM followups WHERE due_ts >= ? AND due_ts < ?) + "
            "(SELECT count(*) FROM followups WHERE done = 0 AND due_ts < ?)",
            (start, end, start)).fetchone()[0]
        out = []
        for r in rows:
            due_at, due_ts, call_id, assignee, done, cats, safe = r
            if done:
                status = "Đã thực hiện"
            elif due_ts < as_of_ts:
                status = "Quá hạn"
            else:
                status = "Chưa đến hạn"
            out.append(DueFollowUp(
                due=f"{due_at[8:10]}/{due_at[5:7]} {due_at[11:16]}", call_id=call_id,
                categories=tuple(tax.label("categories", c) for c in cats.split(";") if c),
                assignee=assignee, status=status,
                safe_to_call_back="Chưa hỏi" if safe is None else ("Có" if safe else "Không")))
        return out, max(0, int(total) - len(out))

    # -------------------------------------------------------------------- reports
    def daily_pdf(self, day: date, out: Path, *, revision: Revision | None = None,
                  as_of: datetime | None = None,
                  conn: sqlite3.Connection | None = None) -> Statistics:
        """Only the PDF of a day (the window's preview and the benchmark)."""
        from hotline.reports.pdf import ReportPdf  # reportlab: only when a PDF is written

        conn = conn or self.store.conn
        as_of = as_of or self.clock.now()
        stats = self.engine.compute(conn, Period(day, day, "day"), as_of=as_of)
        followups, more = self.due_followups(day, as_of, conn)
        ReportPdf(self.header(as_of.date()), stats, calls=self.day_calls(day, conn),
                  followups=followups, followups_more=more, revision=revision).write(out)
        return stats

    def daily(self, day: date, out_dir: Path, *, revision: Revision | None = None,
              as_of: datetime | None = None, progress: Progress | None = None,
              conn: sqlite3.Connection | None = None) -> ReportFiles:
        """The day's PDF, calls CSV (no personal data) and summary CSV in `out_dir`."""
        conn = conn or self.store.conn
        as_of = as_of or self.clock.now()
        names = daily_names(day, revision.number if revision else 0)
        _progress(progress, 0, 3)
        calls_csv = out_dir / names["calls_csv"]
        self.write_calls_csv(day, day, calls_csv)
        _progress(progress, 1, 3)
        stats = self.daily_pdf(day, out_dir / names["pdf"], revision=revision, as_of=as_of,
                               conn=conn)
        _progress(progress, 2, 3)
        summary = out_dir / names["summary_csv"]
        write_summary_csv(stats, summary, self.settings.center_name)
        _progress(progress, 3, 3)
        return ReportFiles(stats.period, out_dir / names["pdf"], summary, calls_csv,
                           stats.key.calls, revision.number if revision else 0)

    def period(self, start: date, end: date, out_dir: Path, *,
               as_of: datetime | None = None, progress: Progress | None = None,
               conn: sqlite3.Connection | None = None) -> ReportFiles:
        """A week, month, quarter, year or any range: PDF and summary CSV."""
        if start == end:
            return self.daily(start, out_dir, as_of=as_of, progress=progress, conn=conn)
        conn = conn or self.store.conn
        as_of = as_of or self.clock.now()
        period = classify(start, end)
        names = period_names(period)
        _progress(progress, 0, 3)
        stats = self.engine.compute(conn, period, as_of=as_of)
        _progress(progress, 1, 3)
        pdf = out_dir / names["pdf"]
        from hotline.reports.pdf import ReportPdf  # reportlab: only when a PDF is written

        ReportPdf(self.header(as_of.date()), stats).write(pdf)
        _progress(progress, 2, 3)
        summary = out_dir / names["summary_csv"]
        write_summary_csv(stats, summary, self.settings.center_name)
        _progress(progress, 3, 3)
        return ReportFiles(period, pdf, summary, None, stats.key.calls)

    def write_calls_csv(self, start: date, end: date, out: Path) -> int:
        """Call CSV v1 without personal data (DESIGN §4), reusing the export's row format.

        Beyond `calls export`, the free-text `outcome` is left empty too: a report travels
        by e-mail and to a share, and free text may name people.
        """
        flt = CallFilter(date_from=start.isoformat(), date_to=end.isoformat())
        outcome = csvio.COLUMNS.index("outcome")
        count = 0
        with atomic_write(out, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(csvio.COLUMNS)
            for call in self.calls.iter_calls(flt):
                row = csvio.call_row(self.calls, call, with_pii=False)
                row[outcome] = ""
                writer.writerow(row)
                count += 1
        return count


def _progress(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


# ------------------------------------------------------------------ summary CSV
def summary_rows(stats: Statistics, center_name: str = "") -> Iterable[list[str]]:
    """The statistics as tidy rows: section, row_code, row_label, column_code, column_label,
    value. Schema documented in hotline/reports/README.md."""
    p = stats.period
    meta = [("period_from", "Từ ngày", p.start.isoformat()),
            ("period_to", "Đến ngày", p.end.isoformat()),
            ("period_kind", "Loại kỳ", p.kind),
            ("as_of", "Số liệu tính đến", iso(stats.as_of)),
            ("center_name", "Đơn vị", center_name),
            ("taxonomy_version", "Phiên bản danh mục", stats.taxonomy_version),
            ("hotline_version", "Phiên bản Hotline", __version__)]
    for code, label, value in meta:
        yield ["report", code, label, "", "", value]
    key = stats.key
    for f in fields(key):
        value = getattr(key, f.name)
        if f.name == "counselling_by_sex":
            for code, label, n in zip(stats.sexes, stats.sex_labels, value, strict=True):
                yield ["key", f.name, KEY_LABELS[f.name], code, label, str(n)]
            continue
        if value is None:
            text = ""
        elif isinstance(value, float):
            text = f"{value:.1f}"
        else:
            text = str(value)
        yield ["key", f.name, KEY_LABELS[f.name], "", "", text]
    for table in stats.tables():
        for row in table.rows:
            for code, label, n in zip(table.columns, table.column_labels, row.counts,
                                      strict=True):
                yield [table.name, row.key, row.label, code, label, str(n)]
            if table.name not in ("by_month", "by_day"):
                yield [table.name, row.key, row.label, "total", "Tổng", str(row.total)]


KEY_LABELS = {
    "calls": "Tổng số cuộc gọi",
    "counselling": "Cuộc gọi tư vấn",
    "non_counselling": "Cuộc gọi không tư vấn",
    "counselling_by_sex": "Cuộc gọi tư vấn theo giới tính người được hỗ trợ",
    "emergencies": "Cuộc gọi khẩn cấp",
    "priority": "Cuộc gọi ưu tiên",
    "cases_opened": "Hồ sơ mở mới",
    "referrals": "Lượt chuyển tuyến",
    "distinct_callers": "Số máy gọi đến khác nhau",
    "repeat_callers": "Số máy gọi từ 2 lần trở lên trong kỳ",
    "returning_callers": "Số máy đã gọi trước kỳ",
    "withheld": "Cuộc gọi ẩn số",
    "avg_duration_s": "Thời lượng trung bình (giây)",
    "avg_duration_counselling_s": "Thời lượng trung bình cuộc gọi tư vấn (giây)",
    "followups_due": "Theo dõi đến hạn",
    "followups_done": "Theo dõi đã thực hiện",
    "followups_overdue": "Theo dõi quá hạn",
    "followups_pending": "Theo dõi chưa đến hạn",
}


def write_summary_csv(stats: Statistics, out: Path, center_name: str = "") -> Path:
    with atomic_write(out, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(SUMMARY_COLUMNS)
        writer.writerows(summary_rows(stats, center_name))
    return out
