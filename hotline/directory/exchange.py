"""Import or export the directory from/to whatever the user points at.

- a `.csv` file (or an Excel `.xlsx` with the same columns): the flat format (a
  `services.csv` of an HSDS folder is read as that folder);
- a folder or a `.zip` holding `services.csv`: Open Referral HSDS;
- a `.zip` holding a single other CSV: the flat CSV inside it.
Exports pick the format from `fmt`, else from the path (`.csv` flat, otherwise HSDS).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hotline.directory import flatcsv, hsds
from hotline.directory.transfer import (
    ImportFailed,
    ImportReport,
    Issue,
    Progress,
    open_source,
)
from hotline.translation import translate

if TYPE_CHECKING:
    import sqlite3

    from hotline.directory.service import DirectoryService

FORMATS = ("flat", "hsds")


def import_path(service: DirectoryService, path: Path, *, by: str = "",
                conn: sqlite3.Connection | None = None, progress: Progress | None = None,
                dry_run: bool = False) -> ImportReport:
    """Import a flat CSV or an HSDS folder/zip atomically; raise ImportFailed on any error."""
    path = Path(path)
    if path.is_file() and path.name.lower() in hsds.HEADERS and path.suffix.lower() == ".csv":
        path = path.parent  # one file of an HSDS folder: read the folder
    source = open_source(path)
    if source.has("services.csv"):
        return hsds.import_hsds(service, source, by=by, conn=conn, progress=progress,
                                dry_run=dry_run)
    names = source.names()
    if path.is_dir() or len(names) != 1:
        detail = translate("core.directory", " (có: {names})").format(
            names=", ".join(names)) if names else ""
        raise ImportFailed([Issue(path.name, 0, "", translate(
            "core.directory", "không thấy services.csv (HSDS) hay một tệp CSV danh bạ duy nhất"
            "{detail}").format(detail=detail))])
    table = source.table(names[0], flatcsv.is_header)
    return flatcsv.import_flat(service, table, by=by, source_label=names[0], conn=conn,
                               progress=progress, dry_run=dry_run)


def guess_format(path: Path) -> str:
    return "flat" if Path(path).suffix.lower() == ".csv" else "hsds"


def export_path(service: DirectoryService, path: Path, *, fmt: str | None = None,
                include_inactive: bool = True, conn: sqlite3.Connection | None = None,
                progress: Progress | None = None) -> int:
    """Write every entry (deactivated ones too, by default); return how many."""
    path = Path(path)
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise ValueError(translate("core.directory", "định dạng không hỗ trợ: {format} (dùng flat "
                                   "hoặc hsds)").format(format=fmt))
    total = service.count(include_inactive=include_inactive, conn=conn)
    entries = service.iter_entries(include_inactive=include_inactive, conn=conn)
    if fmt == "flat":
        if path.is_dir():
            path = path / "danh-ba.csv"
        count = flatcsv.export_flat(entries, path, progress=progress, total=total)
    else:
        labels = {t.code: (t.vi, t.en)
                  for t in service.taxonomy.terms("directory_categories")}
        count = hsds.export_hsds(entries, path, taxonomy_version=service.taxonomy.version,
                                 category_labels=labels, progress=progress, total=total)
    if progress is not None:
        progress(count, count)
    return count
