"""Daily report sync: every day not yet delivered goes to the sync folder and by e-mail.

How it decides what to send (`SyncService.catch_up`):

* **Which days.** Up to yesterday, and today too from the daily sync time on (setting
  `sync_time`, default 17:30). For each target (the folder, the e-mail) and destination
  (a new folder or a new recipient list starts afresh) the sync goes on from the day after
  the last day delivered there. **First run** for a destination: from the day of the first
  call, but at most `sync_backfill_days` (default 31) days back.
* **Revisions.** A day's report carries a fingerprint of its calls (each call's id and
  version). A delivered day of the last `sync_revision_days` (default 92) whose fingerprint
  changed gets a revised report, named `…-ban-sua-1`, `-ban-sua-2` …, which says on its
  first page which report it replaces and why; the log says why too. A file already in the
  folder is never overwritten: when a name is taken by different content, the report gets
  the next revision number.
* **Atomic files.** Reports are made once per day and revision in the local archive
  (`<data dir>/reports/daily/YYYY-MM/`), then copied to the folder through a temporary
  `.name.….part` file, fsynced and renamed: a reader — or a crash, or a killed process —
  never leaves a half file under a final name. Stale `.part` files are removed next time.
* **Failures** (share unreachable or full, SMTP refused) stop that target for this run,
  are logged with the reason, and are retried with backoff (5 min, 10, 20 … up to 6 h;
  `force=True` — "Sync now", `hotline sync` — ignores the backoff). What was delivered
  before the failure stays recorded; nothing half-done is recorded as done.
* One sync runs at a time per data directory (an OS file lock, released if the process dies).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO

from hotline.atomic import atomic_write
from hotline.calls.codec import timestamp
from hotline.clock import Clock, iso, parse_iso
from hotline.config import Settings
from hotline.reports import mailer
from hotline.reports.models import Revision
from hotline.reports.periods import vn_date
from hotline.reports.service import ReportService
from hotline.store.db import Store
from hotline.translation import QT_TRANSLATE_NOOP, translate, translate_marked

FOLDER = "folder"
EMAIL = "email"
BACKOFF_FIRST_S = 300
BACKOFF_MAX_S = 6 * 3600
ARCHIVE = Path("reports") / "daily"
LOCK_FILE = "sync.lock"
_PART = re.compile(r"^\.(bao-cao|cuoc-goi|thong-ke)-.*\.part$")

Progress = Callable[[int, int], None]


class SyncBusy(RuntimeError):
    """Another sync is running on this data directory."""


class DeliveryError(RuntimeError):
    """A target could not take a report; the message says why (in the window's language)."""


@dataclass(frozen=True)
class Delivery:
    target: str
    day: date
    revision: int
    files: tuple[str, ...]


@dataclass(frozen=True)
class SyncResult:
    configured: tuple[str, ...] = ()  # targets set up in settings
    delivered: tuple[Delivery, ...] = ()
    failures: tuple[tuple[str, str], ...] = ()  # (target, reason)
    waiting: tuple[tuple[str, str], ...] = ()  # (target, next attempt) in backoff
    days_checked: int = 0

    @property
    def ok(self) -> bool:
        return bool(self.configured) and not self.failures

    def summary(self) -> str:
        if not self.configured:
            return translate("core.sync", "Chưa cấu hình đồng bộ: hãy đặt thư mục đồng bộ "
                             "(sync_folder) hoặc máy chủ thư (smtp_host, smtp_to).")
        parts = []
        for target in self.configured:
            sent = [d for d in self.delivered if d.target == target]
            name = target_label(target)
            if sent:
                parts.append(translate("core.sync", "{target}: đã gửi {count} báo cáo").format(
                    target=name, count=len(sent)))
            elif target not in dict(self.failures) and target not in dict(self.waiting):
                parts.append(translate("core.sync", "{target}: không có báo cáo mới").format(
                    target=name))
        parts += [translate("core.sync", "{target}: LỖI — {reason}").format(
            target=target_label(t), reason=reason) for t, reason in self.failures]
        parts += [translate("core.sync", "{target}: chờ thử lại lúc {when}").format(
            target=target_label(t), when=when) for t, when in self.waiting]
        return "; ".join(parts) + "."


@dataclass(frozen=True)
class LogEntry:
    id: int
    at: str
    target: str
    day: str | None
    revision: int | None
    status: str  # ok | revised | failed | info
    message: str


@dataclass(frozen=True)
class TargetState:
    target: str
    destination: str
    failures: int
    next_attempt_at: datetime | None
    last_success_at: str | None
    last_error: str
    last_error_at: str | None
    last_day: str | None  # last day delivered to this destination


@dataclass(frozen=True)
class SyncStatus:
    targets: tuple[TargetState, ...]
    last_success_at: str | None
    configured: bool


TARGET_LABELS = {FOLDER: QT_TRANSLATE_NOOP("core.sync", "Thư mục đồng bộ"),
                 EMAIL: QT_TRANSLATE_NOOP("core.sync", "Thư điện tử"),
                 "sync": QT_TRANSLATE_NOOP("core.sync", "Đồng bộ")}


def target_label(target: str) -> str:
    """A target's name in the window's language (TARGET_LABELS holds the Vietnamese)."""
    label = TARGET_LABELS.get(target)
    return translate_marked("core.sync", label) if label else target


@dataclass
class _DayReport:
    day: date
    revision: int
    fingerprint: str
    calls: int
    folder: Path  # absolute
    files: tuple[str, ...]
    reason: str = ""


@dataclass
class _Target:
    name: str
    destination: str
    deliver: Callable[[_DayReport], None]
    days: set[date] = field(default_factory=set)
    failed: str = ""


class SyncService:
    """Catch-up sync of daily reports; QTimer-free, so the window, `hotline sync` and tests
    all drive it the same way (`catch_up()` off the UI thread)."""

    def __init__(self, reports: ReportService, store: Store, clock: Clock, settings: Settings,
                 data_dir: Path) -> None:
        self.reports = reports
        self.store = store
        self.clock = clock
        self.settings = settings
        self.data_dir = data_dir
        self._lock = threading.Lock()

    # ------------------------------------------------------------ configuration
    def targets_configured(self) -> tuple[str, ...]:
        out = []
        if self.settings.sync_folder.strip():
            out.append(FOLDER)
        if mailer.smtp_config(self.settings) is not None:
            out.append(EMAIL)
        return tuple(out)

    def _destination(self, target: str) -> str:
        if target == FOLDER:
            return str(Path(self.settings.sync_folder.strip()).expanduser())
        config = mailer.smtp_config(self.settings)
        return config.destination if config else ""

    def sync_time(self) -> time:
        try:
            hh, mm = self.settings.sync_time.strip().split(":")
            return time(int(hh), int(mm))
        except ValueError:
            return time(17, 30)

    def last_day_due(self, now: datetime | None = None) -> date:
        """Yesterday, or today once the daily sync time has passed."""
        now = now or self.clock.now()
        today = now.date()
        return today if now.time() >= self.sync_time() else today - timedelta(days=1)

    # ------------------------------------------------------------------- status
    def log(self, limit: int = 200, conn: sqlite3.Connection | None = None) -> list[LogEntry]:
        conn = conn or self.store.conn
        rows = conn.execute("SELECT id, at, target, day, revision, status, message FROM sync_log"
                            " ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [LogEntry(*tuple(r)) for r in rows]

    def status(self, conn: sqlite3.Connection | None = None) -> SyncStatus:
        conn = conn or self.store.conn
        states = []
        for target in self.targets_configured():
            row = conn.execute("SELECT * FROM sync_targets WHERE target = ?",
                               (target,)).fetchone()
            dest = self._destination(target)
            last_day = conn.execute(
                "SELECT max(day) FROM sync_deliveries WHERE target = ? AND destination = ?",
                (target, dest)).fetchone()[0]
            next_at = None
            if row is not None and row["next_attempt_ts"]:
                next_at = datetime.fromtimestamp(row["next_attempt_ts"], self.clock.tz)
            states.append(TargetState(
                target, dest, row["failures"] if row else 0, next_at,
                row["last_success_at"] if row else None, row["last_error"] if row else "",
                row["last_error_at"] if row else None, last_day))
        successes = [s.last_success_at for s in states if s.last_success_at]
        return SyncStatus(tuple(states), max(successes) if successes else None,
                          bool(states))

    def seconds_until_due(self, now: datetime | None = None,
                          conn: sqlite3.Connection | None = None) -> float | None:
        """When the window should call `catch_up()` next (0: now); None: not configured."""
        now = now or self.clock.now()
        status = self.status(conn)
        if not status.configured:
            return None
        due_day = self.last_day_due(now)
        waits = []
        for state in status.targets:
            if state.next_attempt_at is not None and state.failures:
                waits.append(max(0.0, (state.next_attempt_at - now).total_seconds()))
            elif state.last_day is None or date.fromisoformat(state.last_day) < due_day:
                waits.append(0.0)
            else:
                next_time = datetime.combine(due_day + timedelta(days=1), self.sync_time(),
                                             self.clock.tz)
                if due_day < now.date():  # today is due at today's sync time
                    next_time = datetime.combine(now.date(), self.sync_time(), self.clock.tz)
                waits.append(max(0.0, (next_time - now).total_seconds()))
        return min(waits)

    # ----------------------------------------------------------------- catch-up
    def catch_up(self, *, force: bool = False, include_today: bool | None = None,
                 progress: Progress | None = None) -> SyncResult:
        """Deliver every day not yet synced (and revisions of changed days).

        `force` ignores the retry backoff ("Sync now"); `include_today` overrides the daily
        sync time. Raises SyncBusy when another sync is running on this data directory.
        """
        configured = self.targets_configured()
        if not configured:
            return SyncResult()
        with self._exclusive():
            return self._catch_up(configured, force, include_today, progress)

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        if not self._lock.acquire(blocking=False):
            raise SyncBusy(translate("core.sync", "một lần đồng bộ khác đang chạy"))
        try:
            with _file_lock(self.data_dir / LOCK_FILE):
                yield
        finally:
            self._lock.release()

    def _catch_up(self, configured: tuple[str, ...], force: bool, include_today: bool | None,
                  progress: Progress | None) -> SyncResult:
        conn = self.store.conn
        now = self.clock.now()
        last_day = now.date() if include_today else self.last_day_due(now)
        if include_today is False:
            last_day = min(last_day, now.date() - timedelta(days=1))
        targets: list[_Target] = []
        waiting: list[tuple[str, str]] = []
        for name in configured:
            row = conn.execute("SELECT failures, next_attempt_ts FROM sync_targets "
                               "WHERE target = ?", (name,)).fetchone()
            if not force and row is not None and row[0] and row[1] > timestamp(now):
                when = datetime.fromtimestamp(row[1], self.clock.tz)
                waiting.append((name, f"{when:%H:%M %d/%m/%Y}"))
                continue
            deliver = self._deliver_folder if name == FOLDER else self._deliver_email
            targets.append(_Target(name, self._destination(name), deliver))
        if not targets:
            return SyncResult(configured, waiting=tuple(waiting))

        first_call = conn.execute("SELECT min(day) FROM calls").fetchone()[0]
        first_run_start = last_day - timedelta(days=max(1, self.settings.sync_backfill_days) - 1)
        if first_call:
            first_run_start = max(first_run_start, date.fromisoformat(first_call))
        window_start = last_day - timedelta(days=max(0, self.settings.sync_revision_days))
        for t in targets:
            last = conn.execute("SELECT max(day) FROM sync_deliveries WHERE target = ? "
                                "AND destination = ?", (t.name, t.destination)).fetchone()[0]
            start = date.fromisoformat(last) + timedelta(days=1) if last else first_run_start
            t.days.update(_days(start, last_day))
            for (d,) in conn.execute(
                    "SELECT DISTINCT day FROM sync_deliveries WHERE target = ? AND "
                    "destination = ? AND day >= ? AND day <= ?",
                    (t.name, t.destination, window_start.isoformat(), last_day.isoformat())):
                t.days.add(date.fromisoformat(d))
        all_days = sorted(set().union(*(t.days for t in targets)))
        prints = self._fingerprints(conn, all_days)
        delivered: list[Delivery] = []
        for index, day in enumerate(all_days):
            live = [t for t in targets if not t.failed and day in t.days]
            if not live:
                continue
            fp, count = prints.get(day, (_fingerprint(""), 0))
            try:
                report = self._report_for(conn, day, fp, count, now)
            except OSError as exc:  # the local disk itself: every target stops
                message = translate(
                    "core.sync", "không tạo được báo cáo ngày {day}: {problem}").format(
                        day=vn_date(day), problem=exc.strerror or exc)
                for t in live:
                    t.failed = message
                self._log(conn, "sync", day, None, "failed", message)
                break
            for t in live:
                report = self._deliver_one(conn, t, report, now, delivered)
            if progress is not None:
                progress(index + 1, len(all_days))
        for t in targets:
            self._record_target(conn, t, now)
        return SyncResult(configured, tuple(delivered),
                          tuple((t.name, t.failed) for t in targets if t.failed),
                          tuple(waiting), len(all_days))

    def _deliver_one(self, conn: sqlite3.Connection, t: _Target, report: _DayReport,
                     now: datetime, delivered: list[Delivery]) -> _DayReport:
        """Deliver `report` to `t`; a name taken by other content gets the next revision."""
        for _ in range(10):
            if self._delivered(conn, t, report.day, report.revision):
                return report
            try:
                t.deliver(report)
            except _NameTaken as exc:
                reason = (f"tệp {exc.name} đã có trong thư mục đồng bộ với nội dung khác "
                          "(không ghi đè)")
                self._log(conn, t.name, report.day, report.revision + 1, "revised", reason)
                previous = conn.execute(
                    "SELECT * FROM sync_reports WHERE day = ? AND revision = ?",
                    (report.day.isoformat(), report.revision)).fetchone()
                report = self._make(conn, report.day, report.revision + 1, report.fingerprint,
                                    report.calls, now, reason, previous)
                continue
            except (DeliveryError, mailer.MailError) as exc:
                t.failed = str(exc)
                self._log(conn, t.name, report.day, report.revision, "failed", str(exc))
                return report
            self._record_delivery(conn, t, report)
            delivered.append(Delivery(t.name, report.day, report.revision, report.files))
            return report
        t.failed = translate(
            "core.sync", "không tìm được tên tệp còn trống cho báo cáo ngày {day}").format(
                day=vn_date(report.day))
        self._log(conn, t.name, report.day, report.revision, "failed", t.failed)
        return report

    # ----------------------------------------------------------------- reports
    def _fingerprints(self, conn: sqlite3.Connection,
                      days: list[date]) -> dict[date, tuple[str, int]]:
        """Per day: a hash over its calls' (id, version), and how many calls."""
        if not days:
            return {}
        out: dict[date, tuple[str, int]] = {}
        for day, ids, count in conn.execute(
                "SELECT day, group_concat(id || ':' || version, ','), count(*) FROM "
                "(SELECT day, id, version FROM calls WHERE day BETWEEN ? AND ? "
                "ORDER BY day, id) GROUP BY day", (days[0].isoformat(), days[-1].isoformat())):
            out[date.fromisoformat(day)] = (_fingerprint(ids), count)
        return out

    def _report_for(self, conn: sqlite3.Connection, day: date, fp: str, count: int,
                    now: datetime) -> _DayReport:
        """The report to deliver for `day`: the latest one if its calls have not changed,
        else a new revision (or, when nobody received the latest yet, that one remade)."""
        latest = conn.execute("SELECT * FROM sync_reports WHERE day = ? ORDER BY revision DESC "
                              "LIMIT 1", (day.isoformat(),)).fetchone()
        if latest is not None and latest["fingerprint"] == fp:
            report = _DayReport(day, latest["revision"], fp, latest["calls"],
                                self.data_dir / latest["folder"],
                                tuple(latest["files"].split(";")), latest["reason"])
            if all((report.folder / f).is_file() for f in report.files):
                return report
            return self._make(conn, day, report.revision, fp, count, now, report.reason,
                              self._previous(conn, day, report.revision))
        if latest is None:
            return self._make(conn, day, 0, fp, count, now, "", None)
        delivered = conn.execute("SELECT 1 FROM sync_deliveries WHERE day = ? AND revision = ?",
                                 (day.isoformat(), latest["revision"])).fetchone()
        if delivered is None:  # nobody has it: remake it under the same number
            return self._make(conn, day, latest["revision"], fp, count, now, latest["reason"],
                              self._previous(conn, day, latest["revision"]))
        reason = self._change_reason(conn, day, latest, count)
        self._log(conn, "sync", day, latest["revision"] + 1, "revised", reason)
        return self._make(conn, day, latest["revision"] + 1, fp, count, now, reason, latest)

    def _previous(self, conn: sqlite3.Connection, day: date,
                  revision: int) -> sqlite3.Row | None:
        if revision == 0:
            return None
        return conn.execute("SELECT * FROM sync_reports WHERE day = ? AND revision = ?",
                            (day.isoformat(), revision - 1)).fetchone()

    def _change_reason(self, conn: sqlite3.Connection, day: date, latest: sqlite3.Row,
                       count: int) -> str:
        since = latest["created_at"]
        added, edited = conn.execute(
            "SELECT total(created_at > ?), total(created_at <= ? AND updated_at > ?) "
            "FROM calls WHERE day = ?", (since, since, since, day.isoformat())).fetchone()
        parts = []
        if added:
            parts.append(f"{int(added)} cuộc gọi được thêm")
        if edited:
            parts.append(f"{int(edited)} cuộc gọi được sửa")
        if count < latest["calls"] + int(added):
            parts.append(f"{latest['calls'] + int(added) - count} cuộc gọi được chuyển "
                         "sang ngày khác hoặc bị xóa")
        made = parse_iso(since)
        what = ", ".join(parts) or "dữ liệu cuộc gọi thay đổi"
        return (f"cuộc gọi của ngày {vn_date(day)} thay đổi sau khi báo cáo được lập lúc "
                f"{made:%H:%M} ngày {made:%d/%m/%Y}: {what} (nay có {count} cuộc gọi, "
                f"trước là {latest['calls']})")

    def _make(self, conn: sqlite3.Connection, day: date, revision: int, fp: str, count: int,
              now: datetime, reason: str, previous: sqlite3.Row | None) -> _DayReport:
        folder_rel = ARCHIVE / f"{day:%Y-%m}"
        folder = self.data_dir / folder_rel
        rev = None
        if revision:
            replaces = ""
            if previous is not None:
                made = parse_iso(previous["created_at"])
                replaces = (f"lập lúc {made:%H:%M} ngày {made:%d/%m/%Y}"
                            + (f" (bản sửa đổi lần {previous['revision']})"
                               if previous["revision"] else ""))
            rev = Revision(revision, reason or "dữ liệu cuộc gọi thay đổi", replaces)
        files = self.reports.daily(day, folder, revision=rev, as_of=now, conn=conn)
        names = tuple(p.name for p in files.paths)
        with self.store.transaction() as tx:
            tx.execute(
                "INSERT INTO sync_reports(day, revision, fingerprint, calls, created_at, reason,"
                " folder, files) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(day, revision) DO UPDATE "
                "SET fingerprint = excluded.fingerprint, calls = excluded.calls, "
                "created_at = excluded.created_at, folder = excluded.folder, "
                "files = excluded.files",
                (day.isoformat(), revision, fp, count, iso(now), reason,
                 folder_rel.as_posix(), ";".join(names)))
        return _DayReport(day, revision, fp, count, folder, names, reason)

    # --------------------------------------------------------------- delivering
    def _delivered(self, conn: sqlite3.Connection, t: _Target, day: date,
                   revision: int) -> bool:
        return conn.execute(
            "SELECT 1 FROM sync_deliveries WHERE target = ? AND destination = ? AND day = ? "
            "AND revision >= ?", (t.name, t.destination, day.isoformat(), revision)
        ).fetchone() is not None

    def _deliver_folder(self, report: _DayReport) -> None:
        root = Path(self.settings.sync_folder.strip()).expanduser()
        # Never create the root: a missing share must fail, not fill a local folder.
        if not root.is_dir():
            raise DeliveryError(translate(
                "core.sync", "không truy cập được thư mục đồng bộ {folder} (ổ mạng chưa kết "
                "nối, thư mục bị xóa hoặc đổi tên?)").format(folder=root))
        target = root / f"{report.day:%Y-%m}"
        try:
            target.mkdir(exist_ok=True)
            _remove_stale_parts(target)
            for name in report.files:
                source = report.folder / name
                dest = target / name
                if dest.exists():
                    if _same_file(source, dest):
                        continue  # an earlier, interrupted run got this far
                    raise _NameTaken(name)
                with source.open("rb") as src, atomic_write(dest, "wb") as out:
                    _copy(src, out)
        except _NameTaken:
            raise
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if getattr(exc, "errno", None) == 28:
                reason = translate("core.sync", "thư mục đồng bộ đã đầy")
            raise DeliveryError(translate(
                "core.sync", "không ghi được vào thư mục đồng bộ {folder}: {problem}").format(
                    folder=target, problem=reason)) from exc

    def _deliver_email(self, report: _DayReport) -> None:
        config = mailer.smtp_config(self.settings)
        if config is None:
            raise DeliveryError(translate("core.sync", "chưa cấu hình thư điện tử"))
        files = [report.folder / f for f in report.files]
        label = f"ngày {vn_date(report.day)}"
        subject = f"[Hotline] Báo cáo cuộc gọi đường dây nóng {label}"
        if report.revision:
            subject += f" — bản sửa đổi lần {report.revision}"
        body = [f"{self.settings.center_name}", "",
                f"Báo cáo tổng hợp cuộc gọi đường dây nóng {label}: {report.calls} cuộc gọi.",
                "Tệp đính kèm: báo cáo PDF, danh sách cuộc gọi (CSV, không có thông tin cá "
                "nhân) và bảng thống kê (CSV)."]
        if report.revision:
            body += ["", f"Đây là bản sửa đổi lần {report.revision}, thay thế báo cáo đã gửi "
                         f"trước đó. Lý do: {report.reason}."]
        body += ["", "Thư được gửi tự động bởi phần mềm Hotline."]
        mailer.send(config, mailer.build_message(config, subject, "\n".join(body), files))

    # -------------------------------------------------------------- bookkeeping
    def _record_delivery(self, conn: sqlite3.Connection, t: _Target, report: _DayReport) -> None:
        now = iso(self.clock.now())
        status = "revised" if report.revision else "ok"
        where = t.destination
        message = translate("core.sync", "đã gửi {files} tới {destination}").format(
            files=", ".join(report.files), destination=where)
        if report.revision:  # the reason as written in the (Vietnamese) report itself
            message += translate("core.sync", " (bản sửa đổi lần {revision}: {reason})").format(
                revision=report.revision, reason=report.reason)
        with self.store.transaction() as tx:
            tx.execute("INSERT OR IGNORE INTO sync_deliveries(target, destination, day, "
                       "revision, delivered_at) VALUES (?,?,?,?,?)",
                       (t.name, t.destination, report.day.isoformat(), report.revision, now))
            tx.execute("INSERT INTO sync_log(at, target, day, revision, status, message) "
                       "VALUES (?,?,?,?,?,?)",
                       (now, t.name, report.day.isoformat(), report.revision, status, message))

    def _record_target(self, conn: sqlite3.Connection, t: _Target, now: datetime) -> None:
        with self.store.transaction() as tx:
            row = tx.execute("SELECT failures FROM sync_targets WHERE target = ?",
                             (t.name,)).fetchone()
            failures = row[0] if row else 0
            if t.failed:
                failures += 1
                wait = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2 ** (failures - 1))
                tx.execute(
                    "INSERT INTO sync_targets(target, failures, next_attempt_ts, last_error, "
                    "last_error_at) VALUES (?,?,?,?,?) ON CONFLICT(target) DO UPDATE SET "
                    "failures = excluded.failures, next_attempt_ts = excluded.next_attempt_ts,"
                    " last_error = excluded.last_error, last_error_at = excluded.last_error_at",
                    (t.name, failures, timestamp(now) + wait, t.failed, iso(now)))
            else:
                tx.execute(
                    "INSERT INTO sync_targets(target, failures, next_attempt_ts, "
                    "last_success_at) VALUES (?, 0, 0, ?) ON CONFLICT(target) DO UPDATE SET "
                    "failures = 0, next_attempt_ts = 0, last_success_at = excluded."
                    "last_success_at", (t.name, iso(now)))

    def _log(self, conn: sqlite3.Connection, target: str, day: date | None,
             revision: int | None, status: str, message: str) -> None:
        with self.store.transaction() as tx:
            tx.execute("INSERT INTO sync_log(at, target, day, revision, status, message) "
                       "VALUES (?,?,?,?,?,?)",
                       (iso(self.clock.now()), target, day.isoformat() if day else None,
                        revision, status, message))


class _NameTaken(DeliveryError):
    """A different file already has the report's name in the folder."""

    def __init__(self, name: str) -> None:
        super().__init__(f"tệp {name} đã có trong thư mục đồng bộ với nội dung khác; "
                         "không ghi đè")
        self.name = name


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _fingerprint(ids: str) -> str:
    return hashlib.sha256((ids or "").encode()).hexdigest()[:32]


def _copy(src: IO[bytes], out: IO[bytes]) -> None:
    while True:
        chunk = src.read(1 << 16)
        if not chunk:
            return
        out.write(chunk)


def _same_file(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    return a.read_bytes() == b.read_bytes()


def _remove_stale_parts(folder: Path) -> None:
    """Temporary files a killed run left behind (only ours, by name)."""
    for entry in folder.iterdir():
        if _PART.match(entry.name):
            with contextlib.suppress(OSError):
                entry.unlink()


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive OS lock on `path`, released when the process ends, even if killed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fh = open(path, "a+b")  # noqa: SIM115 - held for the duration of the sync
    try:
        try:
            if os.name == "nt":  # pragma: no cover - Windows
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise SyncBusy(translate(
                "core.sync", "một lần đồng bộ khác đang chạy (tiến trình khác)")) from exc
        yield
    finally:
        fh.close()
