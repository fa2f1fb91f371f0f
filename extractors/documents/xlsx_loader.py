"""Spreadsheets of aggregates ("rekap" workbooks) into the document model, and telling them from exports.

A rekap .xlsx (headcounts by golongan per unit kerja, a recap of education levels, …) is a document: a
title over a numeric matrix. An employee export (SIMPEG/SIASN: one row per person) is not; it goes to the
SIMPEG readers. `spreadsheet_kind` tells the two apart from the first rows alone: an export names people
(NIP or name columns, or 18-digit NIPs in its cells), a rekap has labels and a matrix of numbers.

Each sheet becomes one page (its number is the sheet's position); rows keep their sheet position as the
page, so facts cite "page 2" = the second sheet. Rows with a single text cell above or between tables are
lines (titles: "REKAPITULASI PNS MENURUT GOLONGAN KEADAAN 31 DESEMBER 2023"); runs of other rows are tables.
Merged cells arrive with their value in the top-left cell and blanks elsewhere, the convention of the other
loaders.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from extractors.documents.model import Document, Page, Row, Table, TextLine
from extractors.errors import UnreadableFileError
from extractors.nip import nip_reason
from extractors.simpeg.aliases import match_headers

_MAX_ROWS = 20_000  # a rekap is a few hundred rows; more is an export or a damaged file
_MAX_COLS = 200
_SNIFF_ROWS = 40


def cell_text(value: object) -> str:
    """A cell value as the text the number parser reads without ambiguity.

    Floats with exactly three decimals would read as thousands (`3.003`), so they get a fourth digit
    (`3.0030`); integers are printed without grouping; dates as ISO dates.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        text = f"{value:.10g}"
        if "e" in text:
            text = f"{value:.6f}".rstrip("0")
        if re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
            text += "0"
        return text
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    return " ".join(str(value).split())


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\s*-?[\d.,]+\s*", value)) and any(c.isdigit()
                                                                                           for c in value)


def spreadsheet_kind(rows: list[list[object]]) -> str:
    """`employee_export`, `rekap` or `unknown`, from a sheet's first rows (values as openpyxl gives them).

    Pure: the caller reads the rows (see `spreadsheet_kind_of`), so the inbox can classify without this
    module opening files twice.
    - an export: some row is a header naming a NIP or name column (the SIMPEG alias table), or a cell holds
      a well-formed 18-digit NIP;
    - a rekap: no such column, and below a text row at least three rows of a label with two or more
      numbers, numbers making up most of the non-empty cells there;
    - anything else is unknown (the caller decides, and says why).
    """
    rows = [list(r) for r in rows[:_SNIFF_ROWS]]
    for r in rows:
        headers = [cell_text(v) for v in r if v is not None and not _is_number(v)]
        if headers:
            fields = match_headers(headers).fields
            if "nip" in fields or "nama" in fields:
                return "employee_export"
        for v in r:
            text = cell_text(v).replace(" ", "")
            if re.fullmatch(r"\d{18}", text) and nip_reason(text) is None:
                return "employee_export"
    matrix_rows = 0
    numbers = cells = 0
    for r in rows:
        filled = [v for v in r if v is not None and cell_text(v) != ""]
        nums = [v for v in filled if _is_number(v)]
        labels = [v for v in filled if not _is_number(v)]
        if len(nums) >= 2 and labels:
            matrix_rows += 1
            numbers += len(nums)
            cells += len(filled)
    if matrix_rows >= 3 and numbers >= 0.5 * cells:
        return "rekap"
    return "unknown"


def _open(path: Path):
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise UnreadableFileError(path, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})",
                                  "corrupt") from exc


def spreadsheet_kind_of(path: str | Path) -> str:
    """`spreadsheet_kind` of a workbook's first sheet that says something (a rekap or an export)."""
    path = Path(path)
    workbook = _open(path)
    try:
        kinds = []
        for sheet in workbook.worksheets:
            rows = [list(r) for r, _ in zip(sheet.iter_rows(values_only=True), range(_SNIFF_ROWS), strict=False)]
            kinds.append(spreadsheet_kind(rows))
        if "employee_export" in kinds:
            return "employee_export"
        return "rekap" if "rekap" in kinds else "unknown"
    finally:
        workbook.close()


def load_xlsx(path: str | Path, source: str | None = None) -> Document:
    """Every sheet of a rekap workbook as a page of titles and tables."""
    path = Path(path)
    workbook = _open(path)
    pages: list[Page] = []
    try:
        for number, sheet in enumerate(workbook.worksheets, start=1):
            page = Page(number=number)
            title = (sheet.title or "").strip()
            sheet_title: TextLine | None = None
            if title and not re.fullmatch(r"(?i)sheet\s*\d*|lembar\s*\d*", title):
                sheet_title = TextLine(text=title, page=number)
                page.items.append(sheet_title)
            current: Table | None = None
            for index, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if index > _MAX_ROWS:
                    raise UnreadableFileError(path, f"sheet {sheet.title!r} has more than {_MAX_ROWS} rows: "
                                                    "an employee export or a damaged workbook, not a rekap",
                                              "too_large")
                cells = [cell_text(v) for v in list(values)[:_MAX_COLS]]
                while cells and not cells[-1]:
                    cells.pop()
                filled = [c for c in cells if c]
                if not filled:
                    current = None  # a blank row ends a table
                    continue
                if len(filled) == 1 and not _is_number(filled[0]) and (current is None or len(filled[0]) > 40):
                    last = page.items[-1] if page.items else None
                    if current is None and isinstance(last, TextLine) and last is not sheet_title \
                            and len(last.text) + len(filled[0]) < 200:
                        # A title printed over several rows is one caption: "REKAPITULASI … 2023" / "KOTA X".
                        last.text = f"{last.text} {filled[0]}"
                    else:
                        page.items.append(TextLine(text=filled[0], page=number))
                    current = None
                    continue
                if current is None:
                    current = Table(rows=[], page=number, ruled=True)
                    page.items.append(current)
                current.rows.append(Row(cells=cells, page=number))
            pages.append(page)
    finally:
        workbook.close()
    return Document(source=source or path.name, kind="xlsx", pages=pages)
