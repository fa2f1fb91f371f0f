"""Read a SIMPEG export (CSV or XLSX) into a DuckDB temp table of VARCHAR columns `c0..cN`, in file order.

CSV goes straight through DuckDB's reader (fast, parallel); this module only sniffs what DuckDB should be
told explicitly: delimiter, encoding, and the header names. XLSX files are small, so openpyxl is enough.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from extractors import file_kinds
from extractors.errors import UnreadableFileError

_SNIFF_BYTES = 1 << 20
_DELIMITERS = (";", ",", "\t", "|")
# Longest line DuckDB is asked to read, and the line-by-line fallback's limit too: a SIASN row is ~2 KB.
MAX_LINE_BYTES = 10_000_000
# SIASN's export has 66 columns; a "header" of thousands is not an export (and each column costs SQL).
MAX_COLUMNS = 1000
# An XLSX whose sheets inflate past this is a zip bomb, not a personnel export (a national one is ~200 MB).
MAX_XLSX_UNCOMPRESSED = 1 << 30
TOO_LARGE = "too_large"


@dataclass
class SourceTable:
    """What a reader left in the connection."""

    table: str
    headers: list[str]                  # header text as in the file, index i ↔ column c{i}
    rows_read: int
    malformed: list[tuple[int, str, str]] = field(default_factory=list)  # (file line, error, line text)
    encoding: str = "utf-8"
    delimiter: str | None = None
    # Data rows counted without the parser (non-blank lines after the header); None for XLSX.
    physical_rows: int | None = None


def read_source(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> SourceTable:
    """Load `path` into temp table `table`; UnreadableFileError when it is not a readable export."""
    if not path.is_file():
        raise UnreadableFileError(path, "file not found")
    reader = file_kinds.reader_of(path)
    if reader == "xlsx":
        return _read_xlsx(con, path, table)
    if reader == "csv":
        return _read_csv(con, path, table)
    expected = ", ".join(sorted(file_kinds.SIMPEG_SUFFIXES))
    why = file_kinds.UNSUPPORTED.get(path.suffix.lower(), f"unsupported file type {path.suffix.lower()!r}")
    raise UnreadableFileError(path, f"{why} (a SIMPEG export is one of {expected})")


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


_BLANK_LINE = re.compile(rb"(?m)^[ \t\r\x0b\x0c]*\n")
# A blank line starts right after a line break (or at the file's start) with whitespace or a line break;
# one regex search finds that 3-4x faster than six substring searches.
_BLANK_START = re.compile(rb"\n[ \t\r\x0b\x0c\n]")


def _blank_lines(block: bytes) -> int:
    starts_blank = block[:1] in (b" ", b"\t", b"\r", b"\x0b", b"\x0c", b"\n")
    if not starts_blank and not _BLANK_START.search(block):
        return 0  # the usual case, decided by substring search alone
    return len(_BLANK_LINE.findall(block))


def physical_rows(path: Path) -> int:
    """Data rows as the file holds them, counted without any CSV parser: the non-blank lines after the
    first. Quoting cannot hide rows from this count, so a parse that disagrees with it is detected.
    Counted per 16 MiB block in C (bytes.count, one regex for blank lines), not per line in Python: the
    national inbox is 2.9 GB."""
    lines = 0
    carry = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(16 << 20):
            block = carry + chunk
            cut = block.rfind(b"\n") + 1
            block, carry = block[:cut], block[cut:]
            lines += block.count(b"\n") - _blank_lines(block)
    if carry.strip():
        lines += 1
    return max(lines - 1, 0)


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


@dataclass(frozen=True)
class CsvSniff:
    """What DuckDB is told about a CSV export, read from its first MiB."""

    encoding: str
    delimiter: str
    headers: list[str]


def sniff_csv(path: Path) -> CsvSniff:
    """Encoding, delimiter and header names of a CSV export; UnreadableFileError when it is not one."""
    with open(path, "rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    if not sample.strip():
        raise UnreadableFileError(path, "empty file", "empty_file")
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise UnreadableFileError(path, "UTF-16 CSV is not supported; re-export as UTF-8 or Windows-1252")
    if b"\x00" in sample[:4096]:
        raise UnreadableFileError(path, "binary data where a CSV was expected")
    encoding = "utf-8" if _is_utf8(sample) else "cp1252"
    if len(sample) == _SNIFF_BYTES and b"\n" not in sample:
        raise UnreadableFileError(path, f"no line break in the first {_SNIFF_BYTES >> 20} MiB: not a CSV export",
                                  TOO_LARGE)
    header = _header_line(sample.decode(encoding, errors="replace"))
    delimiter = _sniff_delimiter(header)
    try:
        headers = [h.strip() for h in next(csv.reader(io.StringIO(header), delimiter=delimiter))]
    except csv.Error as exc:  # e.g. a header field over the csv module's 128 KiB field limit
        raise UnreadableFileError(path, f"header row cannot be parsed ({exc})", TOO_LARGE) from exc
    if not any(headers):
        raise UnreadableFileError(path, "no header row", "empty_file")
    if len(headers) > MAX_COLUMNS:
        raise UnreadableFileError(path, f"header has {len(headers)} columns (at most {MAX_COLUMNS})", TOO_LARGE)
    return CsvSniff(encoding, delimiter, headers)


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> SourceTable:
    sniff = sniff_csv(path)
    encoding, delimiter, headers = sniff.encoding, sniff.delimiter, sniff.headers
    physical = physical_rows(path)
    read_path = _transcode_to_utf8(path) if encoding == "cp1252" else path
    try:
        try:
            rows, malformed = _duckdb_csv(con, read_path, table, headers, delimiter)
            if encoding == "utf-8" and any(err == "INVALID ENCODING" for _, err, _ in malformed):
                # Valid UTF-8 at the start, Windows-1252 further down: transcode and read again.
                encoding, read_path = "cp1252", _transcode_to_utf8(path)
                rows, malformed = _duckdb_csv(con, read_path, table, headers, delimiter)
        except duckdb.TransactionException:
            raise
        except duckdb.Error:
            rows, malformed = -1, []  # e.g. quoted line breaks: read line by line below
            for leftover in (f"{table}_rejects", f"{table}_scans"):
                con.execute(f"DROP TABLE IF EXISTS {leftover}")
        if rows + len(malformed) != physical:
            # The parser saw fewer or more rows than the file has lines (an unterminated quote swallows the
            # rest of the file into one field): read each line on its own, so every line is one row,
            # loaded or quarantined.
            rows, malformed = _line_by_line(con, read_path, table, headers, delimiter)
    finally:
        if read_path != path:
            read_path.unlink(missing_ok=True)
    return SourceTable(table, headers, rows, malformed, encoding, delimiter, physical)


def _line_by_line(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, headers: list[str], delimiter: str
) -> tuple[int, list[tuple[int, str, str]]]:
    """Each non-blank line after the header as one record: a line with an odd number of quotes, more cells
    than the header or more than MAX_LINE_BYTES is malformed; the others are rows."""
    csv.field_size_limit(MAX_LINE_BYTES)
    width = len(headers)
    data: list[list[str | None]] = []
    malformed: list[tuple[int, str, str]] = []
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if number == 1 or not raw.strip():
                continue
            if len(raw) > MAX_LINE_BYTES:
                malformed.append((number, "LINE TOO LONG", raw[:2000].decode("utf-8", errors="replace")))
                continue
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if text.count('"') % 2:
                malformed.append((number, "UNTERMINATED QUOTE", text))
                continue
            try:
                cells = next(csv.reader([text], delimiter=delimiter))
            except csv.Error as exc:
                malformed.append((number, f"UNPARSEABLE ({exc})", text))
                continue
            if len(cells) > width:
                malformed.append((number, "TOO MANY COLUMNS", text))
                continue
            data.append([c if c != "" else None for c in cells] + [None] * (width - len(cells)))
    frame_to_table(con, table, data, width)
    return len(data), malformed


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

    _check_xlsx_size(path)
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
    frame_to_table(con, table, data, width)
    return SourceTable(table, headers, len(data), [], "xlsx", None)


def frame_to_table(con: duckdb.DuckDBPyConnection, table: str, data: list[list[str | None]], width: int) -> None:
    """Rows of Python values → temp table `table` of VARCHAR c0..c{width-1}, in order."""
    import pandas as pd

    frame = pd.DataFrame(data, columns=[f"c{i}" for i in range(width)], dtype=object)
    con.execute(f"DROP TABLE IF EXISTS {table}")
    con.register(f"{table}_df", frame)
    try:
        casts = ", ".join(f"CAST(c{i} AS VARCHAR) AS c{i}" for i in range(width))
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT {casts} FROM {table}_df")
    finally:
        con.unregister(f"{table}_df")


def _check_xlsx_size(path: Path) -> None:
    """Refuse a workbook whose parts inflate beyond MAX_XLSX_UNCOMPRESSED before openpyxl inflates them."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFileError(path, f"not a readable XLSX workbook ({type(exc).__name__})") from exc
    if total > MAX_XLSX_UNCOMPRESSED:
        raise UnreadableFileError(
            path, f"the workbook inflates to {total >> 20} MiB (at most {MAX_XLSX_UNCOMPRESSED >> 20} MiB)", TOO_LARGE)
