"""Read a SIMPEG export (CSV or XLSX) into a DuckDB temp table of VARCHAR columns `c0..cN`, in file order.

CSV goes straight through DuckDB's reader (fast, parallel); this module only sniffs what DuckDB should be
told explicitly: delimiter, encoding, and the header names. XLSX files are small, so openpyxl is enough.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from extractors.errors import UnreadableFileError

_SNIFF_BYTES = 1 << 20
_DELIMITERS = (";", ",", "\t", "|")


@dataclass
class SourceTable:
    """What a reader left in the connection."""

    table: str
    headers: list[str]                  # header text as in the file, index i ↔ column c{i}
    rows_read: int
    malformed: list[tuple[int, str, str]] = field(default_factory=list)  # (file line, error, line text)
    encoding: str = "utf-8"
    delimiter: str | None = None


def read_source(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> SourceTable:
    """Load `path` into temp table `table`; UnreadableFileError when it is not a readable export."""
    if not path.is_file():
        raise UnreadableFileError(path, "file not found")
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(con, path, table)
    if suffix in {".csv", ".txt", ".tsv"}:
        return _read_csv(con, path, table)
    raise UnreadableFileError(path, f"unsupported file type {suffix!r} (expected .csv or .xlsx)")


# --- CSV -----------------------------------------------------------------------------------------


def _is_utf8(sample: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=False)  # a character cut at the sample's end is not an error
    except UnicodeDecodeError:
        return False
    return True


def _header_line(text: str) -> str:
    # The header never holds a quoted newline in the exports we know; the first line is the header.
    return text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""


def _sniff_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _transcode_to_utf8(path: Path) -> Path:
    """Windows-1252 → UTF-8 in a temp file, streamed; DuckDB reads only UTF-8/UTF-16/Latin-1 natively and
    Latin-1 would garble the 0x80–0x9F range (curly quotes, en dash) Windows editors write."""
    tmp = tempfile.NamedTemporaryFile(prefix="simpeg_", suffix=".csv", delete=False)
    with open(path, "rb") as src, tmp:
        decoder = codecs.getincrementaldecoder("cp1252")(errors="replace")
        while chunk := src.read(16 << 20):
            tmp.write(decoder.decode(chunk).encode("utf-8"))
        tmp.write(decoder.decode(b"", final=True).encode("utf-8"))
    return Path(tmp.name)


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> SourceTable:
    with open(path, "rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    if not sample.strip():
        raise UnreadableFileError(path, "empty file", "empty_file")
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UnreadableFileError(path, "UTF-16 CSV is not supported; re-export as UTF-8 or Windows-1252")
    if b"\x00" in sample[:4096]:
        raise UnreadableFileError(path, "binary data where a CSV was expected")
    encoding = "utf-8" if _is_utf8(sample) else "cp1252"
    header = _header_line(sample.decode(encoding, errors="replace"))
    delimiter = _sniff_delimiter(header)
    headers = [h.strip() for h in next(csv.reader(io.StringIO(header), delimiter=delimiter))]
    if not any(headers):
        raise UnreadableFileError(path, "no header row", "empty_file")
    read_path = _transcode_to_utf8(path) if encoding == "cp1252" else path
    try:
        rows, malformed = _duckdb_csv(con, read_path, table, headers, delimiter)
        if encoding == "utf-8" and any(err == "INVALID ENCODING" for _, err, _ in malformed):
            # Valid UTF-8 at the start, Windows-1252 further down: transcode and read again.
            encoding, read_path = "cp1252", _transcode_to_utf8(path)
            rows, malformed = _duckdb_csv(con, read_path, table, headers, delimiter)
    except duckdb.Error as exc:
        raise UnreadableFileError(path, f"CSV cannot be parsed: {str(exc).splitlines()[0]}") from exc
    finally:
        if read_path != path:
            read_path.unlink(missing_ok=True)
    return SourceTable(table, headers, rows, malformed, encoding, delimiter)


def _duckdb_csv(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, headers: list[str], delimiter: str
) -> tuple[int, list[tuple[int, str, str]]]:
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
    rejects, scans = f"{table}_rejects", f"{table}_scans"
    con.execute(f"DROP TABLE IF EXISTS {table}")
    # Row order is the file order: CTAS preserves insertion order, so the table's rowid + 1 is the
    # data-row number (readers downstream use it instead of a window function, which would serialise).
    con.execute(
        f"""CREATE TEMP TABLE {table} AS
        SELECT * FROM read_csv(?, auto_detect = false, header = true, delim = ?, quote = '"',
                               escape = '"', columns = {columns}, null_padding = true,
                               store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{scans}',
                               max_line_size = 10000000)""",
        [str(path), delimiter],
    )
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    # DuckDB records one reject per error; a line with two surplus cells is still one bad row.
    malformed = [
        (int(line), str(err), str(text))
        for line, err, text in con.execute(
            f"SELECT line, min(error_type), min(csv_line) FROM {rejects} GROUP BY line ORDER BY line"
        ).fetchall()
    ]
    con.execute(f"DROP TABLE IF EXISTS {rejects}")
    con.execute(f"DROP TABLE IF EXISTS {scans}")
    return rows, malformed


# --- XLSX ----------------------------------------------------------------------------------------


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = str(value).strip()
    return text or None


def _read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> SourceTable:
    import openpyxl
    import pandas as pd

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(path, f"not a readable XLSX workbook ({type(exc).__name__})") from exc
    try:
        ws = wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        header_row = next(rows, None)
        if header_row is None or not any(v is not None for v in header_row):
            raise UnreadableFileError(path, "empty worksheet", "empty_file")
        width = max(i for i, v in enumerate(header_row) if v is not None) + 1
        headers = [str(v).strip() if v is not None else "" for v in header_row[:width]]
        data = []
        for raw in rows:
            cells = [_cell_text(v) for v in raw[:width]]
            if not any(c is not None for c in cells):
                continue  # trailing blank rows that Excel keeps formatted
            data.append(cells + [None] * (width - len(cells)))
    finally:
        wb.close()
    frame = pd.DataFrame(data, columns=[f"c{i}" for i in range(width)], dtype=object)
    con.execute(f"DROP TABLE IF EXISTS {table}")
    con.register(f"{table}_df", frame)
    try:
        casts = ", ".join(f"CAST(c{i} AS VARCHAR) AS c{i}" for i in range(width))
        con.execute(
            f"CREATE TEMP TABLE {table} AS SELECT {casts} FROM {table}_df"
        )
    finally:
        con.unregister(f"{table}_df")
    return SourceTable(table, headers, len(data), [], "xlsx", None)
