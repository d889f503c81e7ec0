"""Excel workbooks (.xlsx) as tables: the calls CSV v1 and the directory's flat format can be
imported straight from the workbook a center keeps, without "Save as CSV" (and so without
any question of encoding). Read-only and values only (a formula gives its last computed
value). The first worksheet is read; the import is told when there are others.

Qt-free; openpyxl is imported only when a workbook is read.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from hotline.textfile import CsvRow, CsvSheet, TextFileError, sheet_from_records
from hotline.translation import translate

SUFFIXES = (".xlsx", ".xlsm")


def msg_broken(detail: str) -> str:
    return translate("core.files", "tệp Excel bị hỏng hoặc không đọc được ({problem})").format(
        problem=detail)


def msg_no_sheet() -> str:
    return translate("core.files", "tệp Excel không có trang tính nào")


def msg_other_sheets(first: str, count: int) -> str:
    return translate("core.files", "Tệp Excel có {count} trang tính: chỉ đọc trang đầu tiên "
                     "'{sheet}'").format(count=count, sheet=first)


def is_workbook(raw: bytes, name: str = "") -> bool:
    """An .xlsx (a zip holding xl/workbook.xml), whatever the file is called."""
    if Path(name).suffix.lower() in SUFFIXES:
        return True
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def cell_text(value: object) -> str:
    """A cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value))


def read_sheet(raw: bytes, is_header: Callable[[list[str]], bool] | None = None
               ) -> tuple[CsvSheet, list[str]]:
    """The first worksheet's header and rows (row numbers as Excel shows them), and notes
    for the user. Raises TextFileError for a damaged or empty workbook."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, KeyError, lxml and openpyxl's own errors
        raise TextFileError(msg_broken(f"{type(exc).__name__}: {exc}")) from None
    try:
        sheets = workbook.worksheets
        if not sheets:
            raise TextFileError(msg_no_sheet())
        sheet = sheets[0]
        records = [CsvRow(number, number, [cell_text(v) for v in values])
                   for number, values in enumerate(sheet.iter_rows(values_only=True),
                                                   start=1)]
        notes = [msg_other_sheets(sheet.title, len(sheets))] if len(sheets) > 1 else []
    except TextFileError:
        raise
    except Exception as exc:
        raise TextFileError(msg_broken(f"{type(exc).__name__}: {exc}")) from None
    finally:
        workbook.close()
    return sheet_from_records(records, "", is_header), notes
