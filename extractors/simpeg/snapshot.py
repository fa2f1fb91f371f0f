"""Which snapshot an export is: its as-of date, agency and region."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from extractors.codes import normalise_region_name

log = logging.getLogger(__name__)

# Date formats seen in SIMPEG/SIASN exports, ISO first; the SQL date parser uses the same list.
DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S",
)

_FILE_DATE = (
    re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})_(\d{2})_(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"),
)


def date_sql(expr: str, main_format: str | None = None) -> str:
    """SQL: parse a VARCHAR date in any DATE_FORMATS; NULL when none fits (e.g. 31-02-1985).

    With `main_format` (the file's usual one, see detect_date_format) rows try that single format first;
    COALESCE evaluates the six-format fallback only for the rows it did not parse, which is 8x cheaper."""
    formats = ", ".join(f"'{f}'" for f in DATE_FORMATS)
    every = f"try_strptime({expr}, [{formats}])"
    if main_format:
        every = f"coalesce(try_strptime({expr}, '{main_format}'), {every})"
    return f"CAST({every} AS DATE)"


def detect_date_format(sample: list[str]) -> str | None:
    """The DATE_FORMATS entry that parses most of `sample` (None for an empty sample)."""
    best, best_hits = None, 0
    for fmt in DATE_FORMATS:
        hits = 0
        for text in sample:
            try:
                dt.datetime.strptime(text.strip(), fmt)
                hits += 1
            except ValueError:
                pass
        if hits > best_hits:
            best, best_hits = fmt, hits
    return best


def as_of_from_name(path: Path) -> dt.date | None:
    """`..._2024-12-31.csv`, `..._20241231.xlsx`, `..._2024_12_31.csv` → the date; the last match wins."""
    name = path.stem
    for pattern in _FILE_DATE:
        for m in reversed(list(pattern.finditer(name))):
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def resolve_as_of(path: Path, column_value: dt.date | None) -> tuple[dt.date, str]:
    """(as_of_date, where it came from: column | file_name | file_mtime)."""
    if column_value is not None:
        return column_value, "column"
    from_name = as_of_from_name(path)
    if from_name is not None:
        return from_name, "file_name"
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC).date()
    log.warning("%s: no as-of date in a column or the file name; using the file's mtime %s", path.name, mtime)
    return mtime, "file_mtime"


_NAME_REGION = re.compile(r"(?i)(?:^|[_\-\s.])(provinsi|prov|kabupaten|kab|kota)[_\-\s.]+([a-z][a-z_\-\s]*?)"
                          r"(?=[_\-\s.]*(?:\d|siasn|simpeg|export|pns|asn|data|$))")


def region_from_name(path: Path) -> str | None:
    """`siasn_export_kota_serang_2024-12-31.csv` → `Kota Serang` (a fall-back when no instansi column)."""
    m = _NAME_REGION.search(path.stem)
    if not m:
        return None
    return normalise_region_name(f"{m.group(1)} {m.group(2).replace('_', ' ').replace('-', ' ')}")


def resolve_region(agency_name: str | None, path: Path) -> str | None:
    from_agency = normalise_region_name(agency_name) if agency_name else None
    return from_agency or region_from_name(path)


# --- snapshot identity -----------------------------------------------------------------------------------
# The one rule for which rows one export replaces: the agency it names (else its region, else the file) and
# its as-of date. The loader stores the key on every raw row (raw.simpeg_employees.snapshot_key); the batch
# loader, the dbt models (macro simpeg_snapshot_key) and the quality checks read that column.


def snapshot_owner(agency_name: str | None, region_name: str | None, source_file: str) -> str:
    return agency_name or region_name or source_file


def snapshot_key(agency_name: str | None, region_name: str | None, source_file: str, as_of: dt.date) -> str:
    return f"{snapshot_owner(agency_name, region_name, source_file)}|{as_of.isoformat()}"


def snapshot_key_sql(alias: str = "") -> str:
    """The same key in SQL over raw.simpeg_employees columns (for rows written before the column existed)."""
    p = f"{alias}." if alias else ""
    return (f"coalesce(nullif({p}agency_name, ''), nullif({p}region_name, ''), {p}source_file) || '|' || "
            f"strftime({p}as_of_date, '%Y-%m-%d')")
