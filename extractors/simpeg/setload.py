"""Set-based SIMPEG loading: every export of one header layout read, normalised and checked in one pass.

A national inbox is ~550 exports of two layouts. Loaded one by one, each paid ~15 statements (read, identity,
code map, stage, duplicates, counts, delete, insert, audit); here those statements run once per layout and
chunk: `read_csv([...], filename = true)` reads the files together, per-file facts (as-of date, agency,
region, row numbering) are a small join, and the row checks are the same SQL as the one-file path
(`loader.stage_rows`). Any file the one-pass read cannot vouch for (a rejected line, a row count that
differs from its physical lines, a header that does not sniff cleanly) is handed back to the one-file path,
which has the line-by-line fallbacks.

Nothing here writes: `stage_group` leaves the checked rows in temp tables and returns their per-file facts;
`warehouse.writer.write_simpeg_group` writes them in one transaction.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from extractors import file_kinds
from extractors.simpeg import codemaps
from extractors.simpeg.aliases import HeaderMatch, match_headers
from extractors.simpeg.loader import (
    _IDENTITY_SAMPLE,
    quarantine_raw_sql,
    raw_fields,
    read_columns,
    sample_date_formats,
    stage_rows,
)
from extractors.simpeg.readers import MAX_LINE_BYTES, physical_rows, sniff_csv
from extractors.simpeg.results import LoadReport
from extractors.simpeg.snapshot import date_sql, resolve_as_of, resolve_region, snapshot_key

log = logging.getLogger(__name__)
_counter = itertools.count()
# Rows staged at once: bounds the memory of one pass (two narrow temp tables) whatever the inbox size.
# 1.5M rows peaked at 2.5 GiB; statement overhead is already negligible at this size.
CHUNK_ROWS = 500_000


@dataclass
class Candidate:
    """One export the set-based path may take: what the sniff found, and its identity in the warehouse."""

    index: int
    path: Path
    name: str
    sha: str
    delimiter: str
    headers: list[str]
    physical: int


@dataclass
class StagedGroup:
    """Checked rows of several exports of one layout, in temp tables, not yet written."""

    src: str                      # c{i} columns as read, plus _path
    stg: str                      # loader.stage_rows output, plus _path
    files: str                    # per-file facts (_path, _name, _sha, _as_of, region, agency, snapshot_key)
    match: HeaderMatch
    headers: list[str]
    reports: dict[int, LoadReport] = field(default_factory=dict)   # by Candidate.index
    temp_tables: list[str] = field(default_factory=list)

    def quarantine_raw_sql(self) -> str:
        return quarantine_raw_sql(self.headers, self.match)

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        for table in self.temp_tables:
            con.execute(f"DROP TABLE IF EXISTS {table}")


def candidate(index: int, path: Path, name: str, sha: str) -> Candidate | None:
    """A UTF-8 CSV export with the required columns and data rows; None sends it to the one-file path
    (XLSX, Windows-1252, anything odd), which also records why a file fails."""
    try:
        if file_kinds.reader_of(path) != "csv":
            return None
        sniff = sniff_csv(path)
        if sniff.encoding != "utf-8" or match_headers(sniff.headers).missing():
            return None
        physical = physical_rows(path)
    except Exception:  # noqa: BLE001 - the one-file path reports it with the file's name and reason
        return None
    if physical == 0:
        return None
    return Candidate(index, path, name, sha, sniff.delimiter, sniff.headers, physical)


def groups(cands: list[Candidate]) -> list[list[Candidate]]:
    """Exports of one header layout (same headers, same delimiter), in input order, cut into chunks of
    about CHUNK_ROWS rows."""
    by_layout: dict[tuple, list[Candidate]] = {}
    for c in cands:
        by_layout.setdefault((c.delimiter, tuple(c.headers)), []).append(c)
    out = []
    for members in by_layout.values():
        chunk: list[Candidate] = []
        rows = 0
        for c in members:
            if chunk and rows + c.physical > CHUNK_ROWS:
                out.append(chunk)
                chunk, rows = [], 0
            chunk.append(c)
            rows += c.physical
        if chunk:
            out.append(chunk)
    return out


def stage_group(
    con: duckdb.DuckDBPyConnection, members: list[Candidate], *, run_id: str,
) -> tuple[StagedGroup | None, list[Candidate]]:
    """Read and check `members` (one layout) in one pass. Returns the staged group (None if none of them
    could be taken) and the members handed back to the one-file path."""
    tag = f"_simpeg_set_{next(_counter)}"
    headers, delimiter = members[0].headers, members[0].delimiter
    match = match_headers(headers)
    src, stg, files, code_map = f"{tag}_src", f"{tag}_stg", f"{tag}_files", f"{tag}_codes"
    rejects, scans = f"{tag}_rejects", f"{tag}_scans"
    group = StagedGroup(src, stg, files, match, headers,
                        temp_tables=[src, stg, files, code_map, rejects, scans, f"{files}_df"])
    by_path = {str(c.path): c for c in members}
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
    wanted = read_columns(match)
    try:
        # Insertion order is the scan order (file by file, each in file order): rowid numbers the rows.
        con.execute(
            f"""CREATE TEMP TABLE {src} AS
            SELECT filename AS _path, {', '.join(f'c{i}' for i in wanted)}
            FROM read_csv(?, auto_detect = false, header = true, delim = ?, quote = '"', escape = '"',
                          columns = {columns}, null_padding = true, filename = true,
                          store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{scans}',
                          max_line_size = {MAX_LINE_BYTES})""",
            [list(by_path), delimiter],
        )
        rejected = {r[0] for r in con.execute(
            f"SELECT DISTINCT s.file_path FROM {rejects} r JOIN {scans} s USING (scan_id, file_id)").fetchall()}
    except duckdb.Error as exc:
        log.info("one-pass read of %d exports failed (%s); loading them one by one", len(members),
                 str(exc).splitlines()[0])
        group.drop(con)
        return None, members
    spans = {p: (first, last, n) for p, first, last, n in con.execute(
        f"SELECT _path, min(rowid), max(rowid), count(*) FROM {src} GROUP BY _path").fetchall()}
    back = []
    for p, c in by_path.items():
        first, last, n = spans.get(p, (0, -1, 0))
        # Rows lost or invented by the parser, or not one contiguous run: the one-file path decides.
        if p in rejected or n != c.physical or last - first + 1 != n:
            back.append(c)
    taken = [c for c in members if c not in back]
    if not taken:
        group.drop(con)
        return None, members

    raw = raw_fields(match)
    identity = {p: (d, a) for p, d, a in con.execute(
        f"""SELECT s._path,
                   {f"mode({date_sql(raw['as_of_date'])})" if "as_of_date" in match.fields else "NULL"},
                   {f"mode({raw['instansi']})" if "instansi" in match.fields else "NULL"}
            FROM {src} s JOIN (SELECT _path, min(rowid) AS first FROM {src} GROUP BY _path) f USING (_path)
            WHERE s.rowid < f.first + {_IDENTITY_SAMPLE} GROUP BY s._path""").fetchall()}
    rows = []
    for c in taken:
        column_as_of, agency = identity.get(str(c.path), (None, None))
        as_of, as_of_source = resolve_as_of(c.path, column_as_of)
        region = resolve_region(agency, c.path)
        key = snapshot_key(agency, region, c.name, as_of)
        first = spans[str(c.path)][0]
        rows.append((str(c.path), c.name, c.sha, as_of, first, region, agency, key))
        group.reports[c.index] = LoadReport(
            file=c.name, layout=match.layout, as_of_date=as_of, region_name=region, agency_name=agency,
            rows_in=c.physical, rows_loaded=0, rows_quarantined=0, status="loaded", reason=None,
            as_of_source=as_of_source, snapshot_key=key, superseded=[])
    frame = pd.DataFrame(rows, columns=["_path", "_name", "_sha", "_as_of", "_first", "region_name",
                                        "agency_name", "snapshot_key"])
    con.register(f"{files}_df", frame)
    try:
        con.execute(f"""CREATE TEMP TABLE {files} AS SELECT CAST(_path AS VARCHAR) AS _path,
            CAST(_name AS VARCHAR) AS _name, CAST(_sha AS VARCHAR) AS _sha, CAST(_as_of AS DATE) AS _as_of,
            CAST(_first AS BIGINT) AS _first, CAST(region_name AS VARCHAR) AS region_name,
            CAST(agency_name AS VARCHAR) AS agency_name, CAST(snapshot_key AS VARCHAR) AS snapshot_key
            FROM {files}_df""")
    finally:
        con.unregister(f"{files}_df")
    if back:
        con.execute(f"DELETE FROM {src} WHERE _path NOT IN (SELECT _path FROM {files})")

    date_formats = sample_date_formats(con, src, raw, match)
    codemaps.build_code_map(con, src, raw, set(match.fields), code_map)
    stage_rows(
        con, source_sql=f"{src} s JOIN {files} f USING (_path)", stg=stg, match=match, raw=raw,
        code_map=code_map, date_formats=date_formats, as_of_sql="f._as_of", row_sql="s.rowid - f._first + 1",
        carry=("_path",), file_keys=("_path",),
    )
    by_name = {str(c.path): c.index for c in taken}
    for p, valid, n in con.execute(f"SELECT _path, reason IS NULL, count(*) FROM {stg} GROUP BY ALL").fetchall():
        report = group.reports[by_name[p]]
        if valid:
            report.rows_loaded = n
        else:
            report.rows_quarantined = n
    for report in group.reports.values():
        if report.rows_loaded == 0:
            report.status = "empty"
            report.reason = (f"no_valid_rows: all {report.rows_quarantined} rows quarantined; "
                             "the earlier snapshot is kept")
        elif report.as_of_source == "file_mtime":
            report.reason = "as_of_date from file mtime"
    log.info("one pass over %d exports (%s layout); %d handed to the one-file path", len(taken),
             match.layout, len(back))
    return group, back
