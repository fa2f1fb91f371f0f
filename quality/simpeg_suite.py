"""GX suites for SIMPEG employee rows (raw.simpeg_employees), pushed down to DuckDB: millions of rows are
checked by queries, and only counts and a few offending rows come back."""

from __future__ import annotations

from extractors import codes
from extractors.nip import (
    MAX_ENTRY_AGE_YEARS,
    MIN_BIRTH_YEAR,
    MIN_ENTRY_AGE_YEARS,
)
from extractors.simpeg.snapshot import snapshot_key_sql
from quality.gx_duckdb import Batch, DuplicateRule
from quality.gx_duckdb import gx_expectations as _gx
from quality.spec import QualityCheck

SIMPEG = ("raw", "simpeg_employees")
SIMPEG_TABLE = ".".join(SIMPEG)
# Row identity for an analyst: the export file and its 1-based data row (never the NIP or the name).
ROW_INDEX = ("source_file", "row_number")
# Oldest age anyone is still in service: functional positions (e.g. professors) retire at 70.
MAX_SERVICE_AGE = 70
FIRST_SNAPSHOT_YEAR = 2000


# Not re-checked here, because the loader guarantees it (extractors/simpeg/loader.py quarantines the row
# instead of loading it): the NIP's shape and parts, its agreement with the birth date and sex columns
# (extractors/nip.py, the same SQL), and golongan, pendidikan, sex and position type, which the code maps
# (extractors/simpeg/codemaps.py) load only as canonical values or NULL.


def _code_lists(source: str = SIMPEG_TABLE) -> list[Batch]:
    gxe = _gx()
    # The normalisers keep a bare eselon level ("IV", no sub-level), which is not a code of the list.
    lists = {"eselon": codes.ESELON}
    return [
        Batch(
            name="codes",
            query=f"select source_file, row_number, {', '.join(lists)} from {source}",
            index_columns=ROW_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToBeInSet(
                    column=column, value_set=list(values),
                    description=f"{column} is in the code list ({', '.join(values[:4])}, ...).",
                )
                for column, values in lists.items()
            ],
        )
    ]


def _dates(source: str = SIMPEG_TABLE) -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="dates",
            query=f"select source_file, row_number, as_of_date, tanggal_lahir, tmt_cpns from {source}",
            expectations=[
                gxe.UnexpectedRowsExpectation(
                    # Ages, not birth dates: check results leave the raw zone.
                    unexpected_rows_query="select source_file, row_number, as_of_date, "
                    "date_diff('year', tanggal_lahir, as_of_date) as age_years from {batch} "
                    f"where tanggal_lahir < DATE '{MIN_BIRTH_YEAR}-01-01' "
                    f"or tanggal_lahir > as_of_date - INTERVAL {MIN_ENTRY_AGE_YEARS} YEAR "
                    f"or tanggal_lahir < as_of_date - INTERVAL {MAX_SERVICE_AGE + 1} YEAR "
                    "order by source_file, row_number",
                    description=f"Birth dates give an age of {MIN_ENTRY_AGE_YEARS}-{MAX_SERVICE_AGE} "
                    "at the snapshot date.",
                ),
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query="select source_file, row_number, as_of_date, "
                    "date_diff('year', tanggal_lahir, tmt_cpns) as entry_age_years, "
                    "date_diff('year', tmt_cpns, as_of_date) as years_of_service "
                    "from {batch} where tmt_cpns > as_of_date "
                    f"or tmt_cpns < tanggal_lahir + INTERVAL {MIN_ENTRY_AGE_YEARS} YEAR "
                    f"or tmt_cpns > tanggal_lahir + INTERVAL {MAX_ENTRY_AGE_YEARS} YEAR "
                    "order by source_file, row_number",
                    description=f"TMT CPNS lies between age {MIN_ENTRY_AGE_YEARS} and {MAX_ENTRY_AGE_YEARS} "
                    "and not after the snapshot date.",
                ),
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query="select source_file, min(row_number) as first_row, as_of_date, "
                    "count(*) as rows from {batch} "
                    f"where as_of_date > current_date or as_of_date < DATE '{FIRST_SNAPSHOT_YEAR}-01-01' "
                    "group by all order by source_file",
                    description="The snapshot date (as_of_date) is not in the future and not before "
                    f"{FIRST_SNAPSHOT_YEAR}.",
                ),
            ],
        )
    ]


def _unique_per_snapshot(source: str = SIMPEG_TABLE) -> list[Batch]:
    # Counted in DuckDB (quality.gx_duckdb.DuplicateRule), not by GX: GX fetches every row its query returns,
    # and a snapshot loaded twice returns a million. Shown per offending group: the snapshot, how many rows,
    # the file and its first row numbers; never the employee_key or the NIP.
    shown = ("snapshot_key",)
    return [
        Batch(
            name="snapshot_keys",
            # The loader's snapshot key (extractors.simpeg.snapshot), not a grouping of its own.
            query=f"select source_file, row_number, coalesce(snapshot_key, {snapshot_key_sql()}) as snapshot_key, "
            f"employee_key, nip from {source}",
            expectations=[
                DuplicateRule(
                    description="An employee (employee_key) appears once per snapshot (agency, as-of date); "
                    "duplicates double-count headcounts.",
                    keys=("snapshot_key", "employee_key"), shown=shown, row_column="row_number",
                    file_column="source_file",
                ),
                DuplicateRule(
                    description="A NIP appears once per snapshot (agency, as-of date).",
                    keys=("snapshot_key", "nip"), shown=shown, row_column="row_number",
                    file_column="source_file", where="nip is not null",
                ),
            ],
        )
    ]


# Every rule here looks at one row or at one snapshot, and a load replaces a snapshot's rows whole: rows of
# earlier runs are exactly the rows that passed when they were published, so a refresh may check only its own
# (QualityCheck.per_run_rows).
SIMPEG_CHECKS: tuple[QualityCheck, ...] = (
    QualityCheck("simpeg_code_lists", SIMPEG, "error", "eselon is in the code list (II.a .. V.b).", _code_lists,
                 per_run_rows=True),
    QualityCheck("simpeg_unique_per_snapshot", SIMPEG, "error",
                 "No employee_key or NIP twice in one source snapshot (agency_name, as_of_date).",
                 _unique_per_snapshot, per_run_rows=True),
    QualityCheck("simpeg_dates_plausible", SIMPEG, "warn",
                 "Birth dates, TMT CPNS and snapshot dates are plausible.", _dates, per_run_rows=True),
)
