"""What reading SIMPEG exports hands to the writer (warehouse/writer.py): per-file reports, and one export
staged in temp tables of the reading connection, checked but not written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from extractors.errors import UnreadableFileError


@dataclass
class LoadReport:
    file: str
    layout: str | None
    as_of_date: dt.date | None
    region_name: str | None
    agency_name: str | None
    rows_in: int
    rows_loaded: int
    rows_quarantined: int
    status: str            # loaded | empty | failed
    reason: str | None
    as_of_source: str | None = None   # column | file_name | file_mtime
    snapshot_key: str | None = None   # extractors.simpeg.snapshot.snapshot_key
    superseded: list[str] | None = None  # files whose rows of this snapshot this load replaced


@dataclass
class StagedExport:
    """One export read and checked by extractors.simpeg.loader.stage_export: its rows in temp table `stg`
    (`reason` NULL when valid) beside the rows as read in `src`, and what the audit records need. The
    temp tables are the caller's to drop (`temp_tables`) once written."""

    stg: str
    src: str
    name: str
    sha: str
    layout: str | None
    as_of: dt.date
    as_of_source: str | None
    region: str | None
    agency: str | None
    snapshot_key: str
    rows_in: int
    rows_loaded: int
    rows_bad: int           # rows of `stg` with a reason
    rows_quarantined: int   # rows_bad + malformed lines
    status: str             # loaded | empty
    reason: str | None
    quarantine_raw_sql: str  # JSON of a quarantined row as read, over `src`'s columns
    malformed: list[tuple[int, str, str]] = field(default_factory=list)  # (line, error, text) kept by the reader
    temp_tables: list[str] = field(default_factory=list)

    def report(self, superseded: list[str] | None = None) -> LoadReport:
        return LoadReport(
            file=self.name, layout=self.layout, as_of_date=self.as_of, region_name=self.region,
            agency_name=self.agency, rows_in=self.rows_in, rows_loaded=self.rows_loaded,
            rows_quarantined=self.rows_quarantined, status=self.status, reason=self.reason,
            as_of_source=self.as_of_source, snapshot_key=self.snapshot_key, superseded=superseded,
        )


class UnloadableExport(UnreadableFileError):
    """An export that cannot be loaded, with what its failed audit.file_loads row records."""

    def __init__(self, path: str | Path, reason: str, reason_code: str, *, name: str, sha: str | None,
                 rows_in: int | None) -> None:
        super().__init__(path, reason, reason_code)
        self.args = (f"{name}: {reason}",)
        self.name, self.sha, self.rows_in = name, sha, rows_in

    def __reduce__(self):
        return (_rebuild, (self.path, self.reason, self.reason_code, self.name, self.sha, self.rows_in))


def _rebuild(path: str, reason: str, code: str, name: str, sha: str | None, rows_in: int | None) -> UnloadableExport:
    return UnloadableExport(path, reason, code, name=name, sha=sha, rows_in=rows_in)
