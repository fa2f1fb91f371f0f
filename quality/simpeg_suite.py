"""GX suites for SIMPEG employee rows (raw.simpeg_employees), pushed down to DuckDB: millions of rows are
checked by queries, and only counts and a few offending rows come back."""

from __future__ import annotations

from extractors import codes
from extractors.nip import (
    MAX_ENTRY_AGE_YEARS,
    MIN_BIRTH_YEAR,
    MIN_ENTRY_AGE_YEARS,
    nip_birth_sql,
    nip_reason_sql,
    nip_sex_sql,
)
from extractors.simpeg.snapshot import snapshot_key_sql
from quality.gx_duckdb import Batch
from quality.gx_duckdb import gx_expectations as _gx
from quality.spec import QualityCheck

SIMPEG = ("raw", "simpeg_employees")
# Row identity for an analyst: the export file and its 1-based data row (never the NIP or the name).
ROW_INDEX = ("source_file", "row_number")
# Oldest age anyone is still in service: functional positions (e.g. professors) retire at 70.
MAX_SERVICE_AGE = 70
FIRST_SNAPSHOT_YEAR = 2000


def _nip() -> list[Batch]:
    # The loader's own SQL twin of the NIP rules (extractors.nip), so both sides judge a NIP the same way.
    gxe = _gx()
    problem = nip_reason_sql("coalesce(nip, '')")
    return [
        Batch(
            name="nip",
            query=f"select source_file, row_number, {problem} as nip_problem from raw.simpeg_employees",
            index_columns=ROW_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToBeNull(
                    column="nip_problem",
                    description="NIP is 18 digits: a valid birth date, TMT, sex digit and serial "
                    "(offending values are reason codes).",
                )
            ],
        )
    ]


def _nip_consistency() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="nip_vs_columns",
            query="select source_file, row_number, nip, tanggal_lahir, jenis_kelamin from raw.simpeg_employees "
            "where regexp_full_match(coalesce(nip, ''), '[0-9]{18}')",
            expectations=[
                gxe.UnexpectedRowsExpectation(
                    # Which part disagrees, not the values: check results leave the raw zone.
                    unexpected_rows_query="select source_file, row_number, "
                    f"{nip_birth_sql('nip')} <> tanggal_lahir as birth_date_differs, "
                    f"{nip_sex_sql('nip')} <> jenis_kelamin as sex_differs from {{batch}} "
                    f"where (tanggal_lahir is not null and {nip_birth_sql('nip')} <> tanggal_lahir) "
                    f"or (jenis_kelamin is not null and {nip_sex_sql('nip')} <> jenis_kelamin) "
                    "order by source_file, row_number",
                    description="The birth date and sex encoded in the NIP agree with the row's columns.",
                )
            ],
        )
    ]


def _code_lists() -> list[Batch]:
    gxe = _gx()
    lists = {
        "golongan_ruang": codes.GOLONGAN_RUANG,
        "golongan": ("I", "II", "III", "IV"),
        "pppk_grade": codes.PPPK_GRADES,
        "pendidikan": codes.PENDIDIKAN,
        "jenis_kelamin": codes.JENIS_KELAMIN,
        "status_kepegawaian": codes.STATUS_KEPEGAWAIAN,
        "jenis_jabatan": codes.JENIS_JABATAN,
        "eselon": codes.ESELON,
        "hukuman_disiplin": codes.HUKUMAN_DISIPLIN,
    }
    return [
        Batch(
            name="codes",
            query=f"select source_file, row_number, {', '.join(lists)} from raw.simpeg_employees",
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


def _dates() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="dates",
            query="select source_file, row_number, as_of_date, tanggal_lahir, tmt_cpns from raw.simpeg_employees",
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


def _unique_per_snapshot() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="snapshot_keys",
            # The loader's snapshot key (extractors.simpeg.snapshot), not a grouping of its own.
            query=f"select source_file, row_number, coalesce(snapshot_key, {snapshot_key_sql()}) as snapshot_key, "
            "employee_key, nip from raw.simpeg_employees",
            expectations=[
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query="select snapshot_key, count(*) as rows, "
                    "min(source_file) as source_file, list(row_number order by row_number)[1:5] as rows_at "
                    "from {batch} group by snapshot_key, employee_key having count(*) > 1 "
                    "order by rows desc, snapshot_key",
                    description="An employee (employee_key) appears once per snapshot (agency, as-of date); "
                    "duplicates double-count headcounts.",
                ),
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query="select snapshot_key, count(*) as rows, "
                    "min(source_file) as source_file, list(row_number order by row_number)[1:5] as rows_at "
                    "from {batch} where nip is not null "
                    "group by snapshot_key, nip having count(*) > 1 order by rows desc, snapshot_key",
                    description="A NIP appears once per snapshot (agency, as-of date).",
                ),
            ],
        )
    ]


SIMPEG_CHECKS: tuple[QualityCheck, ...] = (
    QualityCheck("simpeg_nip_shape", SIMPEG, "error", "Every NIP has the 18-digit NIP shape and valid parts.", _nip),
    QualityCheck("simpeg_code_lists", SIMPEG, "error",
                 "golongan, education, position type and other coded columns are in the code lists.", _code_lists),
    QualityCheck("simpeg_unique_per_snapshot", SIMPEG, "error",
                 "No employee_key or NIP twice in one source snapshot (agency_name, as_of_date).",
                 _unique_per_snapshot),
    QualityCheck("simpeg_dates_plausible", SIMPEG, "warn",
                 "Birth dates, TMT CPNS and snapshot dates are plausible.", _dates),
    QualityCheck("simpeg_nip_matches_columns", SIMPEG, "warn",
                 "The NIP's birth date and sex agree with the row's columns.", _nip_consistency),
)
