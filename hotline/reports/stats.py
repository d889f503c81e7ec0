"""The statistics engine behind every report: any period, aggregated in SQL.

Counting rules (they are printed in the reports' notes, and tests pin them):

* A call is **counselling** unless every one of its categories is `nc.*` (silent, hang-up,
  wrong number, prank, test): the `calls.counselling` column. Non-counselling calls are
  counted apart and left out of the tables about people.
* The **person concerned** is the victim when the caller is not the victim: their sex is
  `victim_sex` when set, else `caller_sex`; their age group likewise.
* Every table that counts people is disaggregated by sex (female, male, other, unknown).
* A call with two categories counts once in each category row, and once in its group row.
* **Callers** are counted by number inside SQL (`GROUP BY phone`); no number ever leaves
  the database. Withheld numbers cannot be counted as callers. A *repeat caller* called at
  least twice in the period; a *returning caller* had called before the period began.
  Their sex is the caller's sex on their latest call of the period.
* **Follow-ups** are those due in the period; *overdue* means still open and due before the
  moment the report was made (`as_of`).

Everything is aggregated with a handful of GROUP BY queries over the `calls_by_day` index
(a year of 200,000 calls takes well under a second), never call by call in Python.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from hotline import admin_units
from hotline.calls.codec import timestamp
from hotline.calls.taxonomy import Taxonomy
from hotline.clock import Clock, iso
from hotline.reports.periods import Period

PERSON_SEX = "CASE WHEN c.victim_sex <> '' THEN c.victim_sex ELSE c.caller_sex END"
PERSON_AGE = ("CASE WHEN c.victim_age_group <> '' THEN c.victim_age_group "
              "ELSE c.caller_age_group END")
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Row:
    """One line of a table: a code, its label, and a count per column."""

    key: str
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Table:
    """A table of counts. `columns` are sex codes for the tables about people."""

    name: str  # stable identifier (summary CSV `section`)
    title: str  # Vietnamese
    columns: tuple[str, ...]
    column_labels: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str = ""  # what is counted, shown under the table
    summable: bool = True  # False when a call can count in several rows (no total row)

    @property
    def totals(self) -> tuple[int, ...]:
        return tuple(sum(r.counts[i] for r in self.rows) for i in range(len(self.columns)))

    @property
    def total(self) -> int:
        return sum(self.totals)

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    def count(self, key: str, column: str | None = None) -> int:
        """The count in one cell (or the row total), 0 when the row is absent."""
        row = self.row(key)
        if row is None:
            return 0
        return row.total if column is None else row.counts[self.columns.index(column)]

    def non_empty(self) -> Table:
        """The same table without the rows that count nothing (for print)."""
        return Table(self.name, self.title, self.columns, self.column_labels,
                     tuple(r for r in self.rows if r.total), self.note, self.summable)


@dataclass(frozen=True)
class KeyFigures:
    calls: int
    counselling: int
    non_counselling: int
    counselling_by_sex: tuple[int, ...]  # person concerned, aligned with Statistics.sexes
    emergencies: int
    priority: int
    cases_opened: int
    referrals: int
    distinct_callers: int  # distinct numbers (withheld numbers not countable)
    repeat_callers: int  # numbers that called at least twice in the period
    returning_callers: int  # numbers that had called before the period
    withheld: int  # calls without a number
    avg_duration_s: float | None  # calls with a recorded duration
    avg_duration_counselling_s: float | None
    followups_due: int
    followups_done: int
    followups_overdue: int
    followups_pending: int


@dataclass(frozen=True)
class Statistics:
    period: Period
    as_of: datetime
    sexes: tuple[str, ...]
    sex_labels: tuple[str, ...]
    key: KeyFigures
    by_category: Table
    by_category_group: Table
    by_age_group: Table
    by_relation: Table
    by_level: Table
    by_urgency: Table
    by_channel: Table
    by_province: Table
    by_vulnerable: Table
    by_hour: Table
    referrals_by_category: Table  # columns: referral statuses
    referrals_by_sex: Table
    followups: Table
    callers: Table
    by_month: Table | None = None  # periods over one month: month-by-month comparison
    by_day: Table | None = None  # periods of 2–31 days
    taxonomy_version: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def tables(self) -> list[Table]:
        """Every table, in the order reports print them."""
        out = [self.by_category_group, self.by_category, self.by_age_group, self.by_relation,
               self.by_level, self.by_urgency, self.by_channel, self.by_province,
               self.by_vulnerable, self.callers, self.referrals_by_category,
               self.referrals_by_sex, self.followups, self.by_hour]
        if self.by_day is not None:
            out.append(self.by_day)
        if self.by_month is not None:
            out.append(self.by_month)
        return out


class StatsEngine:
    """Computes `Statistics` for a period with SQL aggregates over one connection."""

    def __init__(self, taxonomy: Taxonomy, clock: Clock, lang: str = "vi") -> None:
        self.taxonomy = taxonomy
        self.clock = clock
        self.lang = lang

    # ------------------------------------------------------------------ helpers
    def _labels(self, name: str) -> list[tuple[str, str]]:
        return [(t.code, t.label(self.lang)) for t in self.taxonomy.terms(name)]

    def _sex_index(self) -> dict[str, int]:
        return {code: i for i, (code, _) in enumerate(self._labels("sexes"))}

    def _sex_of(self, value: str | None, index: dict[str, int]) -> int:
        return index.get(value or UNKNOWN, index[UNKNOWN])

    def _sex_table(self, name: str, title: str, keyed: list[tuple[str, str]],
                   counts: dict[str, list[int]], note: str = "",
                   keep_extra: bool = True, summable: bool = True) -> Table:
        sexes = self._labels("sexes")
        rows = [Row(code, label, tuple(counts.get(code, [0] * len(sexes))))
                for code, label in keyed]
        if keep_extra:  # codes in the data that the taxonomy does not (or no longer) list
            known = {code for code, _ in keyed}
            for code in sorted(set(counts) - known):
                rows.append(Row(code, code or self._unknown_label(), tuple(counts[code])))
        return Table(name, title, tuple(c for c, _ in sexes), tuple(lbl for _, lbl in sexes),
                     tuple(rows), note, summable)

    def _unknown_label(self) -> str:
        return "Không rõ" if self.lang == "vi" else "Unknown"

    # --------------------------------------------------------------------- main
    def compute(self, conn: sqlite3.Connection, period: Period, *,
                as_of: datetime | None = None) -> Statistics:
        as_of = self.clock.localize(as_of) if as_of else self.clock.now()
        span = (period.start.isoformat(), period.end.isoformat())
        sexes = self._labels("sexes")
        nsex = len(sexes)
        six = self._sex_index()

        def zero() -> list[int]:
            return [0] * nsex

        # Two passes over the period's calls, each one GROUP BY in SQL; Python only adds up
        # the (few thousand) groups. Fewer, wider passes are what keeps a year of 200,000
        # calls fast: each pass costs a scan and a sort.
        series_unit = "month" if (period.days > 31 or len(period.months()) > 2) else (
            "day" if period.days > 1 else "")
        cut = 7 if series_unit == "month" else 10
        series: dict[str, list[int]] = {}
        scol = ["calls", "counselling", *(f"counselling_{c}" for c, _ in sexes),
                "non_counselling", "emergency", "referrals"]

        def srow(key: str) -> list[int]:
            row = series.get(key)
            if row is None:
                row = series[key] = [0] * len(scol)
            return row

        # Pass 1: who and what — level, urgency, channel, age, relation, vulnerable groups,
        # categories (the call's own `categories` list: no join needed), durations.
        level: dict[str, list[int]] = defaultdict(zero)
        urgency: dict[str, list[int]] = defaultdict(zero)
        channel: dict[str, list[int]] = defaultdict(zero)
        age: dict[str, list[int]] = defaultdict(zero)
        relation: dict[str, list[int]] = defaultdict(zero)
        vulnerable: dict[str, list[int]] = defaultdict(zero)
        category: dict[str, list[int]] = defaultdict(zero)
        group: dict[str, list[int]] = defaultdict(zero)
        counselling_by_sex = zero()
        calls = counselling = emergencies = priority = withheld = 0
        dur_sum = dur_n = dur_sum_c = dur_n_c = 0
        groups_of: dict[str, tuple[list[str], list[str]]] = {}
        for r in conn.execute(
                f"SELECT c.counselling, {PERSON_SEX}, {PERSON_AGE}, c.level, c.urgency, "
                "c.channel, c.caller_sex, c.caller_relation, c.vulnerable, c.categories, "
                "c.phone = '', count(*), total(c.duration_s), count(c.duration_s) "
                "FROM calls c WHERE c.day BETWEEN ? AND ? "
                "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11", span):
            (is_c, sex_code, age_code, lvl, urg, chan, caller_sex, rel, vul, cats, hidden,
             n, dsum, dn) = r
            s = self._sex_of(sex_code, six)
            calls += n
            dur_sum += dsum
            dur_n += dn
            if hidden:
                withheld += n
            channel[chan][s] += n
            if urg == "emergency":
                emergencies += n
            elif urg == "priority":
                priority += n
            split = groups_of.get(cats)
            if split is None:
                codes = list(dict.fromkeys(c for c in cats.split(";") if c))
                grps = list(dict.fromkeys(c.split(".", 1)[0] for c in codes))
                split = groups_of[cats] = (codes, grps)
            for code in split[0]:
                category[code][s] += n
            for grp in split[1]:
                group[grp][s] += n
            if not is_c:
                continue
            counselling += n
            dur_sum_c += dsum
            dur_n_c += dn
            counselling_by_sex[s] += n
            level[lvl][s] += n
            urgency[urg][s] += n
            age[age_code or UNKNOWN][s] += n
            relation[rel or ""][self._sex_of(caller_sex, six)] += n
            for code in (v for v in vul.split(";") if v):
                vulnerable[code][s] += n

        # Pass 2: where and when — province, hour of day, and the day/month series.
        province: dict[str, list[int]] = defaultdict(zero)
        hour: dict[str, list[int]] = defaultdict(zero)
        for is_c, sex_code, prov, hh, key, emergency, n in conn.execute(
                f"SELECT c.counselling, {PERSON_SEX}, c.province_code, "
                f"substr(c.received_at, 12, 2), substr(c.day, 1, {cut}), "
                "c.urgency = 'emergency', count(*) FROM calls c "
                "WHERE c.day BETWEEN ? AND ? GROUP BY 1, 2, 3, 4, 5, 6", span):
            s = self._sex_of(sex_code, six)
            hour[hh][s] += n
            row = srow(key)
            row[0] += n
            if emergency:
                row[3 + nsex] += n
            if is_c:
                province[prov][s] += n
                row[1] += n
                row[2 + s] += n
            else:
                row[2 + nsex] += n

        # Q5: referrals made on the period's calls.
        statuses = self._labels("referral_statuses")
        st_index = {code: i for i, (code, _) in enumerate(statuses)}
        ref_status: dict[str, list[int]] = defaultdict(lambda: [0] * len(statuses))
        ref_sex: dict[str, list[int]] = defaultdict(zero)
        referrals = 0
        for cat, status, sex_code, key, n in conn.execute(
                f"SELECT r.category, r.status, {PERSON_SEX}, substr(c.day, 1, {cut}), "
                "count(*) FROM calls c JOIN referrals r ON r.call_id = c.id "
                "WHERE c.day BETWEEN ? AND ? GROUP BY 1, 2, 3, 4", span):
            referrals += n
            srow(key)[4 + nsex] += n
            if status in st_index:
                ref_status[cat or ""][st_index[status]] += n
            ref_sex[cat or ""][self._sex_of(sex_code, six)] += n

        # Q6: follow-ups due in the period, as of the moment of the report.
        start_ts = timestamp(self.clock.start_of(period.start))
        end_ts = timestamp(self.clock.end_of(period.end))
        as_of_ts = timestamp(as_of)
        fu: dict[str, list[int]] = defaultdict(zero)
        for done, overdue, sex_code, n in conn.execute(
                f"SELECT f.done, (f.done = 0 AND f.due_ts < ?), {PERSON_SEX}, count(*) "
                "FROM followups f JOIN calls c ON c.id = f.call_id "
                "WHERE f.due_ts >= ? AND f.due_ts < ? GROUP BY 1, 2, 3",
                (as_of_ts, start_ts, end_ts)):
            s = self._sex_of(sex_code, six)
            fu["due"][s] += n
            fu["done" if done else ("overdue" if overdue else "pending")][s] += n

        # Q7: callers, grouped by number inside SQL; only counts come out. The look-up of an
        # earlier call must go through calls_by_phone (the partial index needs `phone <> ''`;
        # `+received_ts` keeps the planner off calls_by_time, which scans a million rows).
        callers: dict[str, list[int]] = defaultdict(zero)
        for sex_code, distinct, repeat, returning in conn.execute(
                "SELECT sex, count(*), total(n >= 2), "
                "total(EXISTS (SELECT 1 FROM calls p WHERE p.phone = x.phone "
                "AND p.phone <> '' AND +p.received_ts < ?)) FROM (SELECT c.phone, count(*) AS n, "
                "max(c.received_ts) AS latest, c.caller_sex AS sex FROM calls c "
                "WHERE c.day BETWEEN ? AND ? AND c.phone <> '' GROUP BY c.phone) AS x "
                "GROUP BY sex", (start_ts, *span)):
            s = self._sex_of(sex_code, six)
            callers["distinct"][s] += distinct
            callers["repeat"][s] += int(repeat)
            callers["returning"][s] += int(returning)
        cases_opened = conn.execute(
            "SELECT count(*) FROM cases WHERE substr(opened_at, 1, 10) BETWEEN ? AND ?",
            span).fetchone()[0]

        vi = self.lang == "vi"
        key = KeyFigures(
            calls=calls, counselling=counselling, non_counselling=calls - counselling,
            counselling_by_sex=tuple(counselling_by_sex), emergencies=emergencies,
            priority=priority, cases_opened=int(cases_opened), referrals=referrals,
            distinct_callers=sum(callers["distinct"]), repeat_callers=sum(callers["repeat"]),
            returning_callers=sum(callers["returning"]), withheld=int(withheld),
            avg_duration_s=dur_sum / dur_n if dur_n else None,
            avg_duration_counselling_s=dur_sum_c / dur_n_c if dur_n_c else None,
            followups_due=sum(fu["due"]), followups_done=sum(fu["done"]),
            followups_overdue=sum(fu["overdue"]), followups_pending=sum(fu["pending"]),
        )
        groups = self._labels("category_groups")
        provinces = [(p.code, p.name) for p in admin_units.provinces()]
        by_province_keys = [(code, name) for code, name in provinces if code in province]
        if "" in province:
            by_province_keys.append(("", self._unknown_label()))
        hours = [(f"{h:02d}", f"{h:02d}:00–{h:02d}:59") for h in range(24)]
        relations = [*self._labels("relations"), ("", self._unknown_label())]
        ref_categories = self._labels("directory_categories")
        if "" in ref_status or "" in ref_sex:
            ref_categories.append(("", "Chưa phân loại" if vi else "Unclassified"))
        people = "cuộc gọi tư vấn, theo giới tính của người được hỗ trợ" if vi else \
            "counselling calls, by sex of the person concerned"
        by_month = by_day = None
        if series_unit:
            table = self._series(period, series_unit, series, scol, sexes, vi)
            by_month, by_day = (table, None) if series_unit == "month" else (None, table)
        return Statistics(
            period=period, as_of=as_of, sexes=tuple(c for c, _ in sexes),
            sex_labels=tuple(lbl for _, lbl in sexes), key=key,
            by_category=self._sex_table(
                "by_category", "Cuộc gọi theo vấn đề và giới tính" if vi
                else "Calls by issue and sex", self._labels("categories"), category,
                "mọi cuộc gọi; một cuộc gọi nhiều vấn đề được tính ở mỗi vấn đề" if vi
                else "all calls; a call with several issues counts under each",
                summable=False),
            by_category_group=self._sex_table(
                "by_category_group", "Cuộc gọi theo nhóm vấn đề và giới tính" if vi
                else "Calls by issue group and sex", groups, group,
                "mọi cuộc gọi; mỗi cuộc gọi tính một lần trong mỗi nhóm" if vi
                else "all calls; each call once per group", summable=False),
            by_age_group=self._sex_table(
                "by_age_group", "Người được hỗ trợ theo nhóm tuổi và giới tính" if vi
                else "People concerned by age group and sex", self._labels("age_groups"),
                age, people),
            by_relation=self._sex_table(
                "by_relation", "Người gọi theo quan hệ và giới tính" if vi
                else "Callers by relation and sex", relations, relation,
                "cuộc gọi tư vấn, theo giới tính của người gọi" if vi
                else "counselling calls, by the caller's sex"),
            by_level=self._sex_table(
                "by_level", "Mức độ tư vấn, can thiệp" if vi else "Level of support",
                self._labels("levels"), level, people),
            by_urgency=self._sex_table(
                "by_urgency", "Mức độ khẩn cấp" if vi else "Urgency",
                self._labels("urgencies"), urgency, people),
            by_channel=self._sex_table(
                "by_channel", "Kênh tiếp nhận" if vi else "Channel", self._labels("channels"),
                channel, "mọi cuộc gọi" if vi else "all calls"),
            by_province=self._sex_table(
                "by_province", "Người được hỗ trợ theo tỉnh, thành phố" if vi
                else "People concerned by province", by_province_keys, province, people),
            by_vulnerable=self._sex_table(
                "by_vulnerable", "Nhóm dễ bị tổn thương" if vi else "Vulnerable groups",
                self._labels("vulnerable"), vulnerable, people, summable=False),
            by_hour=self._sex_table(
                "by_hour", "Cuộc gọi theo giờ trong ngày" if vi else "Calls by hour of day",
                hours, hour, "mọi cuộc gọi" if vi else "all calls", keep_extra=False),
            referrals_by_category=Table(
                "referrals_by_category", "Chuyển tuyến theo loại dịch vụ và trạng thái" if vi
                else "Referrals by service and status", tuple(c for c, _ in statuses),
                tuple(lbl for _, lbl in statuses),
                tuple(Row(code, label, tuple(ref_status[code])) for code, label
                      in ref_categories if code in ref_status),
                "chuyển tuyến trong các cuộc gọi của kỳ" if vi
                else "referrals made on the period's calls"),
            referrals_by_sex=self._sex_table(
                "referrals_by_sex", "Chuyển tuyến theo loại dịch vụ và giới tính" if vi
                else "Referrals by service and sex",
                [(c, lbl) for c, lbl in ref_categories if c in ref_sex], ref_sex,
                "theo giới tính của người được hỗ trợ" if vi
                else "by sex of the person concerned", keep_extra=True),
            followups=self._sex_table(
                "followups", "Theo dõi sau cuộc gọi (đến hạn trong kỳ)" if vi
                else "Follow-ups due in the period",
                [("due", "Đến hạn" if vi else "Due"),
                 ("done", "Đã thực hiện" if vi else "Done"),
                 ("overdue", "Quá hạn, chưa thực hiện" if vi else "Overdue"),
                 ("pending", "Chưa đến hạn" if vi else "Not yet due")], fu,
                (f"tính đến {as_of:%H:%M} ngày {as_of:%d/%m/%Y}" if vi
                 else f"as of {iso(as_of)}"), keep_extra=False, summable=False),
            callers=self._sex_table(
                "callers", "Người gọi (đếm theo số máy, không lưu số)" if vi
                else "Callers (counted by number, never shown)",
                [("distinct", "Số máy gọi đến khác nhau" if vi else "Distinct numbers"),
                 ("repeat", "Gọi từ 2 lần trở lên trong kỳ" if vi
                  else "Called twice or more in the period"),
                 ("returning", "Đã gọi trước kỳ báo cáo" if vi
                  else "Had called before the period")], callers,
                (f"theo giới tính của người gọi; {withheld} cuộc gọi ẩn số không đếm được"
                 if vi else f"by the caller's sex; {withheld} withheld calls not counted"),
                keep_extra=False, summable=False),
            by_month=by_month, by_day=by_day, taxonomy_version=self.taxonomy.version,
        )

    def _series(self, period: Period, unit: str, data: dict[str, list[int]],
                columns: list[str], sexes: Sequence[tuple[str, str]], vi: bool) -> Table:
        """Month by month (or day by day): calls, counselling by sex, emergencies, referrals."""
        labels = ["Tổng số" if vi else "Calls", "Tư vấn" if vi else "Counselling",
                  *((f"TV: {lbl}" if vi else f"C: {lbl}") for _, lbl in sexes),
                  "Không tư vấn" if vi else "Non-counselling",
                  "Khẩn cấp" if vi else "Emergency", "Chuyển tuyến" if vi else "Referrals"]
        keys = period.months() if unit == "month" else [d.isoformat() for d in period.each_day()]
        data = {**{k: [0] * len(columns) for k in keys}, **data}

        def label(k: str) -> str:
            if unit == "month":
                return f"{k[5:7]}/{k[:4]}"
            return f"{k[8:10]}/{k[5:7]}/{k[:4]}"

        return Table("by_month" if unit == "month" else "by_day",
                     ("So sánh theo tháng" if vi else "Month by month") if unit == "month"
                     else ("Theo ngày" if vi else "Day by day"),
                     tuple(columns), tuple(labels),
                     tuple(Row(k, label(k), tuple(v)) for k, v in sorted(data.items())),
                     "TV: cuộc gọi tư vấn theo giới tính của người được hỗ trợ" if vi
                     else "C: counselling calls by sex of the person concerned")
