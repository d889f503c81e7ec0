"""Encrypted backups through SQLite's online backup API, with rotation and verified restore.

A backup is a full copy of the live database taken while it is in use, encrypted with the
same key (a stolen backup is as unreadable as the database). Rotation keeps 7 daily,
4 weekly and 12 monthly copies. Restore checks the backup's integrity first and moves the
current database aside — it never overwrites the only copy.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from hotline.atomic import atomic_write
from hotline.clock import Clock
from hotline.store import db as storedb
from hotline.translation import translate

PREFIX = "hotline-backup-"
SUFFIX = ".sqlite"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
# Page caches of the connections that copy or check a backup, in KiB. With the house cache
# (64 MB per connection, hotline.store.db) the source's and the copy's both filled up during
# the daily backup of a 1.3 GB database: +130 MB in the window's process on the day's first
# start. A copy reads and writes every page once, so its cache only holds memory (2 MB
# copies as fast as 64 MB). The check (integrity_check) looks rows up again through the
# indexes: with 1,000,000 calls it takes ~20 s of CPU with 64 MB, ~25 s with 16 MB, ~30 s
# with 2 MB (bench/results/gui.md), in the background.
COPY_CACHE_KIB = 2048
VERIFY_CACHE_KIB = 16384


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    size: int


def backup_name(when: datetime) -> str:
    return f"{PREFIX}{when.strftime('%Y%m%d-%H%M%S')}{SUFFIX}"


def parse_name(path: Path) -> datetime | None:
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(PREFIX):-len(SUFFIX)], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def list_backups(folder: Path) -> list[BackupInfo]:
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            taken = parse_name(path)
            if taken is not None and path.is_file():
                found.append(BackupInfo(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken)


def create(store: storedb.Store, folder: Path, clock: Clock,
           progress: Callable[[int, int], None] | None = None) -> Path:
    """Copy the live database into `folder` (atomically: a .part file renamed when whole)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup_name(clock.now().replace(tzinfo=None))
    tmp = target.with_name("." + target.name + ".part")
    # Its own connections with small caches (COPY_CACHE_KIB), closed when done: the memory
    # the copy needs stays flat whatever the database's size.
    source = _lean(store.new_connection(readonly=True))
    try:
        dest = _lean(storedb.connect(tmp, key=store.key, journal="DELETE"))
        try:
            def report(status: int, remaining: int, total: int) -> None:
                if progress:
                    progress(total - remaining, total)

            # One step: the copy is the snapshot of one read transaction, which WAL writers
            # do not disturb. In small steps, any write by another connection between two
            # steps (a draft saved every few hundred ms while an operator types) restarts
            # the copy, and a 160 MB database never finished in minutes of typing.
            source.backup(dest, pages=-1, progress=report)
        except Exception:
            dest.close()
            tmp.unlink(missing_ok=True)
            raise
        dest.close()
    finally:
        source.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def verify(path: Path, key: bytes | None) -> None:
    """Open the backup with the key and run SQLite's integrity checks; raise BackupError."""
    if not path.is_file():
        raise BackupError(translate("core.security", "không có tệp sao lưu {path}").format(
            path=path))
    try:
        conn = _lean(storedb.connect(path, key=key, readonly=True), VERIFY_CACHE_KIB)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise BackupError(translate(
                    "core.security", "bản sao lưu bị hỏng: {problem}").format(problem=result))
            if key is not None:
                problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
                if problems:
                    raise BackupError(translate(
                        "core.security", "bản sao lưu bị hỏng ({count} trang sai)").format(
                            count=len(problems)))
            conn.execute("SELECT count(*) FROM calls").fetchone()
        finally:
            conn.close()
    except storedb.DB_ERRORS as exc:
        raise BackupError(translate(
            "core.security", "không mở được bản sao lưu (sai khóa hoặc tệp hỏng): {problem}"
        ).format(problem=exc)) from exc


def _lean(conn: Any, cache_kib: int = COPY_CACHE_KIB) -> Any:
    """`conn` with the small page cache of a copy (or, given, of a check)."""
    conn.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
    return conn


def restore(backup: Path, database: Path, key: bytes | None, clock: Clock) -> Path:
    """Replace `database` with `backup` after verifying it; return where the old one went.

    The application must not have the database open while this runs.
    """
    verify(backup, key)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.name}.before-restore-{stamp}")
    tmp = database.with_name("." + database.name + ".restore.part")
    shutil.copyfile(backup, tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    if database.exists():
        os.replace(database, aside)
        for suffix in ("-wal", "-shm"):
            side = Path(str(database) + suffix)
            if side.exists():
                os.replace(side, Path(str(aside) + suffix))
    os.replace(tmp, database)
    return aside


def rotate(folder: Path) -> list[Path]:
    """Keep the newest backup of each of the last 7 days, 4 ISO weeks and 12 months."""
    backups = list_backups(folder)
    keep: set[Path] = set()
    for key_fn, count in ((lambda d: d, KEEP_DAILY),
                          (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
                          (lambda d: (d.year, d.month), KEEP_MONTHLY)):
        seen: list[object] = []
        for info in reversed(backups):
            bucket = key_fn(info.taken.date())
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) > count:
                    break
                keep.add(info.path)
    removed = []
    for info in backups:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def due_today(folder: Path, today: date) -> bool:
    """True when no backup was taken today yet (the daily automatic backup)."""
    return not any(b.taken.date() == today for b in list_backups(folder))


def folder_for(data_dir: Path, configured: str = "") -> Path:
    """Where backups go: the configured folder, else `<data dir>/backups`."""
    configured = configured.strip()
    return Path(configured).expanduser() if configured else data_dir / "backups"


# A restore needs the database closed, so the window can only ask for one "at next start":
# the request is a small file naming the backup (no secret in it); the next start verifies
# the backup with the key, moves the current database aside and puts the backup in place.
RESTORE_REQUEST = "restore-request.json"


def request_restore(data_dir: Path, file: Path) -> Path:
    target = data_dir / RESTORE_REQUEST
    with atomic_write(target) as fh:
        json.dump({"file": str(Path(file).resolve())}, fh, ensure_ascii=False)
    return target


def pending_restore(data_dir: Path) -> Path | None:
    """The backup a restore was requested from, if any (a broken request reads as none)."""
    path = data_dir / RESTORE_REQUEST
    if not path.is_file():
        return None
    try:
        return Path(json.loads(path.read_text(encoding="utf-8"))["file"])
    except (ValueError, KeyError, TypeError, OSError):
        return None


def cancel_restore(data_dir: Path) -> None:
    (data_dir / RESTORE_REQUEST).unlink(missing_ok=True)
