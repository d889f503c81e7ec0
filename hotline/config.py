"""Typed settings with defaults, and where the data lives.

The data directory is, in order: `--data-dir`, `HOTLINE_DATA_DIR`, or the per-user data
directory from platformdirs. Settings are a JSON file in it; unknown keys are kept (a newer
version may have written them) and missing keys take their defaults, which is the upgrade path.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "Hotline"
ENV_DATA_DIR = "HOTLINE_DATA_DIR"
SETTINGS_FILE = "settings.json"
DATABASE_FILE = "hotline.sqlite"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the data directory and make sure it exists."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Settings:
    """Everything a center configures. Report headers are never hard-coded (DESIGN §5)."""

    language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    operator_name: str = ""  # who is at the desk until accounts exist
    center_name: str = "TRUNG TÂM CÔNG TÁC XÃ HỘI"
    parent_body: str = ""
    province_code: str = ""
    place_name: str = ""
    draft_interval_ms: int = 300  # debounce of the continuous draft save
    # Reports (hotline/reports): header, signature and sync. The SMTP password lives only
    # in the OS keyring (hotline.reports.mailer), never here.
    center_abbreviation: str = ""  # "Số: …/BC-<abbreviation>"
    signer_title: str = "GIÁM ĐỐC"
    signer_name: str = ""
    report_recipients: tuple[str, ...] = ("Lãnh đạo Trung tâm", "Lưu: VT")
    sync_folder: str = ""  # local folder or network share; empty: no folder sync
    sync_time: str = "17:30"  # from this time on, today's report is synced too
    sync_backfill_days: int = 31  # first run: at most this many days back
    sync_revision_days: int = 92  # synced days checked for changed calls
    smtp_host: str = ""  # empty: no e-mail
    smtp_port: int = 587
    smtp_security: str = "starttls"  # starttls | ssl | none (none: localhost relay only)
    smtp_user: str = ""
    smtp_from: str = ""
    smtp_to: str = ""  # addresses separated by ',' or ';'
    # Security and the window (hotline/security, hotline/ui/lock.py, settings dialog).
    idle_lock_minutes: int = 5  # the window hides caller data after this long without input
    backup_folder: str = ""  # empty: <data dir>/backups; better another disk or a share
    retention_years: int = 0  # de-identify calls older than this; 0: keep (no schedule)
    font_size: int = 0  # points for the whole window; 0: the system's default
    extra: dict[str, Any] = field(default_factory=dict)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


def changed_fields(old: Settings, new: Settings) -> tuple[str, ...]:
    """The names of the settings that differ (what the audit log records)."""
    return tuple(f.name for f in fields(Settings) if getattr(old, f.name) != getattr(new, f.name))


def load_settings(directory: Path) -> Settings:
    path = directory / SETTINGS_FILE
    if not path.exists():
        return Settings()
    raw = json.loads(path.read_text(encoding="utf-8"))
    known = {f.name for f in fields(Settings)} - {"extra"}
    # JSON has no tuples: a tuple setting comes back as a list, and would then differ from
    # the same setting held in memory (the settings dialog audits changed fields).
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                              for k, v in raw.items() if k in known}
    extra = {k: v for k, v in raw.items() if k not in known}
    return Settings(**values, extra=extra)


def save_settings(directory: Path, settings: Settings) -> None:
    """Write atomically: a crash leaves either the old or the new file, never half of one."""
    data = asdict(settings)
    extra = data.pop("extra")
    data.update(extra)
    path = directory / SETTINGS_FILE
    tmp = path.with_suffix(".json.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
