"""Importing and exporting the directory: what flat CSV and HSDS have in common.

An import reads every row, checks all of it, and writes nothing unless everything is right
(one transaction). Errors and warnings name the file, the row (line number, header = 1) and
the column. A row that repeats an entry — the same name (accents and case aside) and a
shared number — is reported and skipped, never doubled.
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hotline import admin_units, old_provinces, spreadsheet, textfile
from hotline.directory.models import Entry
from hotline.text import fold
from hotline.translation import translate

if TYPE_CHECKING:
    import sqlite3

    from hotline.directory.service import DirectoryService

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Issue:
    """Where something is wrong or worth knowing in an imported file."""

    file: str
    row: int  # line number in the file, header = 1; 0 = the whole file
    column: str
    message: str

    def __str__(self) -> str:
        parts = [self.file] if self.file else []
        if self.row:
            parts.append(translate("core.directory", "dòng {row}").format(row=self.row))
        if self.column:
            parts.append(translate("core.directory", "cột {column}").format(column=self.column))
        where = ", ".join(parts)
        return f"{where}: {self.message}" if where else self.message


class ImportFailed(ValueError):
    """Nothing was imported; `errors` says where and why."""

    def __init__(self, errors: list[Issue], warnings: list[Issue] | None = None) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
        self.warnings = warnings or []


@dataclass
class ImportReport:
    """What an import did."""

    format: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        return translate(
            "core.directory", "{created} mục mới, {updated} mục cập nhật, {unchanged} mục "
            "không đổi, {duplicates} mục trùng bị bỏ qua, {warnings} cảnh báo").format(
                created=self.created, updated=self.updated, unchanged=self.unchanged,
                duplicates=len(self.duplicates), warnings=len(self.warnings))


@dataclass
class Candidate:
    """An entry read from a file, with where it came from (for messages)."""

    entry: Entry
    file: str
    row: int
    columns: dict[str, str] = field(default_factory=dict)  # entry field → column name

    def issue(self, field_name: str, message: str) -> Issue:
        return Issue(self.file, self.row, self.columns.get(field_name, field_name), message)


# --------------------------------------------------------------------- reading files
@dataclass
class Table:
    """One CSV file: its header and its rows with their line numbers."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    header_line: int = 1  # 2 or more when a title line stands above the header
    warnings: list[Issue] = field(default_factory=list)  # the encoding it was converted from


def decode(raw: bytes, name: str) -> textfile.Decoded:
    """The text of a CSV file in whatever encoding it was saved (UTF-8/16, Windows-1258,
    TCVN3, VNI), or ImportFailed naming the file, the line and what to do."""
    try:
        return textfile.decode(raw)
    except textfile.TextFileError as exc:
        raise ImportFailed([Issue(name, exc.line, "", exc.reason)]) from exc


def read_table(raw: bytes, name: str,
               is_header: Callable[[list[str]], bool] | None = None) -> Table:
    """Header and rows of a CSV file, or of an Excel workbook's first sheet; the delimiter
    is detected, a title line above the header (one for which `is_header` holds), blank
    lines and trailing empty columns are skipped. Row numbers are physical lines of the file
    (rows of the sheet)."""
    if spreadsheet.is_workbook(raw, name):
        try:
            sheet, notes = spreadsheet.read_sheet(raw, is_header)
        except textfile.TextFileError as exc:
            raise ImportFailed([Issue(name, exc.line, "", exc.reason)]) from exc
        if not sheet.header:
            raise ImportFailed([Issue(name, 0, "", translate("core.directory", "tệp rỗng"))])
    else:
        decoded = decode(raw, name)
        if not decoded.text.strip():
            raise ImportFailed([Issue(name, 0, "", translate("core.directory", "tệp rỗng"))])
        try:
            sheet = textfile.read_csv(decoded.text, is_header=is_header)
        except textfile.CsvError as exc:
            raise ImportFailed([Issue(name, exc.line, "", exc.reason)]) from exc
        notes = list(decoded.warnings)
    header = sheet.header
    rows: list[tuple[int, dict[str, str]]] = []
    for row in sheet.rows:
        if len(row.cells) > len(header):
            raise ImportFailed([Issue(name, row.line, "", translate(
                "core.directory", "có {cells} ô nhưng tiêu đề chỉ có {columns} cột").format(
                    cells=len(row.cells), columns=len(header)))])
        rows.append((row.line, {h: (row.cells[i] if i < len(row.cells) else "")
                                for i, h in enumerate(header)}))
    return Table(name, header, rows, sheet.header_line,
                 [Issue(name, 0, "", note) for note in notes])


class Source:
    """Files of an import: a folder, a zip, or one CSV file."""

    def __init__(self, label: str, files: dict[str, Callable[[], bytes]]) -> None:
        self.label = label
        self._files = files  # base name (lower case) → reader

    def names(self) -> list[str]:
        return sorted(self._files)

    def has(self, name: str) -> bool:
        return name in self._files

    def table(self, name: str, is_header: Callable[[list[str]], bool] | None = None) -> Table:
        return read_table(self._files[name](), name, is_header)


def _constant(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def open_source(path: Path) -> Source:
    """The files an import reads, or ImportFailed (missing, unreadable, corrupt zip)."""
    if not path.exists():
        raise ImportFailed([Issue(str(path), 0, "", translate(
            "core.directory", "không tìm thấy tệp hoặc thư mục"))])
    if path.is_dir():
        files = {p.name.lower(): p.read_bytes for p in sorted(path.iterdir())
                 if p.is_file() and p.suffix.lower() == ".csv"}
        return Source(path.name, files)
    if path.suffix.lower() == ".zip" or (path.suffix.lower() not in spreadsheet.SUFFIXES
                                         and zipfile.is_zipfile(path)):
        try:
            archive = zipfile.ZipFile(path)
            members = [i for i in archive.infolist() if not i.is_dir()
                       and i.filename.lower().endswith(".csv")
                       and not Path(i.filename).name.startswith(("._", "."))]
            contents = {Path(i.filename).name.lower(): archive.read(i) for i in members}
            archive.close()
        except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as exc:
            raise ImportFailed([Issue(path.name, 0, "", translate(
                "core.directory", "tệp zip bị hỏng hoặc không đọc được ({problem})").format(
                    problem=exc))]) from exc
        return Source(path.name, {k: _constant(v) for k, v in contents.items()})
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed([Issue(path.name, 0, "", translate(
            "core.directory", "không đọc được tệp: {problem}").format(problem=exc.strerror))]
                           ) from exc
    return Source(path.name, {path.name.lower(): lambda: raw})


# ------------------------------------------------------------------ places in files
def resolve_province(text: str) -> tuple[str, str] | None:
    """(code, warning) for a province written as a code or name, old or new."""
    match = old_provinces.resolve(text)
    if match is None:
        return None
    return match.code, match.warning


def find_ward(province_code: str, text: str) -> str | None:
    """The code of a ward named `text` (or given by code) in a province."""
    value = text.strip()
    if not value:
        return None
    if value.isdigit():
        unit = admin_units.ward(value)
        return unit.code if unit else None
    candidates = admin_units.wards(province_code) if province_code else ()
    exact = [w for w in candidates if w.name == value]
    if len(exact) == 1:
        return exact[0].code
    folded = fold(value)
    loose = [w for w in candidates if w.folded == folded]
    if len(loose) == 1:
        return loose[0].code
    return None


def new_import_id() -> str:
    return f"imp-{uuid.uuid4().hex[:12]}"


# ------------------------------------------------------------------------- finishing
def finish(service: DirectoryService, candidates: list[Candidate], report: ImportReport,
           errors: list[Issue], *, by: str, conn: sqlite3.Connection | None = None,
           progress: Progress | None = None, dry_run: bool = False) -> ImportReport:
    """Check every candidate, then write all of them in one transaction — or none."""
    conn = conn or service.store.conn
    checked: list[Entry] = []
    seen_ids: dict[str, Candidate] = {}
    seen_keys: dict[tuple[str, str], Candidate] = {}
    total = len(candidates)
    from hotline.directory.service import EntryInvalid

    for n, cand in enumerate(candidates, 1):
        try:
            entry = service.normalise(cand.entry)
        except EntryInvalid as exc:
            errors.extend(cand.issue(e.field, e.message) for e in exc.errors)
            continue
        problems = service.validate(entry)
        if problems:
            errors.extend(cand.issue(e.field, e.message) for e in problems)
            continue
        if not entry.id:
            entry = entry.with_changes(id=new_import_id())
        if entry.id in seen_ids:
            first = seen_ids[entry.id]
            errors.append(cand.issue("id", translate(
                "core.directory", "mã '{id}' trùng với dòng {row}").format(
                    id=entry.id, row=first.row)))
            continue
        seen_ids[entry.id] = cand
        key_name = fold(entry.name)
        clash = next((seen_keys[(key_name, p.number)] for p in entry.phones
                      if (key_name, p.number) in seen_keys), None)
        if clash is not None:
            report.duplicates.append(cand.issue("name", translate(
                "core.directory", "trùng với dòng {row} ('{name}', cùng tên và số điện thoại): "
                "bỏ qua").format(row=clash.row, name=entry.name)))
            continue
        existing = service.duplicates(entry, conn)
        if existing:
            report.duplicates.append(cand.issue("name", translate(
                "core.directory", "đã có trong danh bạ: '{name}' (mã {id}), cùng tên và số "
                "điện thoại: bỏ qua").format(name=existing[0].name, id=existing[0].id)))
            continue
        for p in entry.phones:
            seen_keys[(key_name, p.number)] = cand
        checked.append(entry)
        if progress is not None and n % 1000 == 0:
            progress(n, total * 2)
    if errors:
        raise ImportFailed(errors, report.warnings)
    if dry_run:
        report.created = sum(1 for e in checked if service.find(e.id, conn) is None)
        report.updated = len(checked) - report.created
        return report

    def step(done: int, _total: int) -> None:
        if progress is not None:
            progress(total + done, total * 2)

    result = service.write_many(checked, by=by, action="import", conn=conn, progress=step,
                                total=len(checked))
    report.created, report.updated, report.unchanged = (result.created, result.updated,
                                                        result.unchanged)
    if progress is not None:
        progress(total * 2, total * 2)
    return report
