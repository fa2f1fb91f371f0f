"""Benchmark: the SIMPEG quality suites (GX Core, pushed down to DuckDB) on a national-size snapshot.

Run: .venv/bin/python bench/quality.py [--quick]   (prints one JSON object; `run(quick)` returns it)

The employee table is generated inside DuckDB with SQL (5M rows; 250k with --quick): valid NIPs, code-list
values, plausible dates, plus a few planted defects, so every check does its full work and some fail.
For comparison it also times only *fetching* the checked columns into pandas, the first step of the other
route (GX on a pandas DataFrame), which pushdown avoids altogether.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from extractors import codes  # noqa: E402
from warehouse.schema import ensure_schema  # noqa: E402

FULL_ROWS = 5_000_000
QUICK_ROWS = 250_000
PLANTED = 7  # defective rows planted on top of the clean ones


def _list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(f"'{v}'" for v in values) + "]"


def build(path: Path, rows: int) -> None:
    con = duckdb.connect(str(path))
    try:
        ensure_schema(con)
        # Birth date from i // 999 and serial from i % 999 + 1 make every NIP unique; TMT is 25 years later.
        con.execute(
            f"""
            INSERT INTO raw.simpeg_employees (run_id, source_file, file_sha256, row_number, as_of_date, layout,
                region_name, agency_name, nip, employee_key, tanggal_lahir, jenis_kelamin, status_kepegawaian,
                golongan_ruang, golongan, jenis_jabatan, pendidikan, tmt_cpns)
            WITH g AS (
                SELECT range AS i, DATE '1960-01-01' + CAST(range // 999 AS INTEGER) AS birth,
                       CASE WHEN range % 2 = 0 THEN '1' ELSE '2' END AS sex
                FROM range({rows})
            )
            SELECT 'bench', 'siasn_national_' || (i % 514) || '.csv', 'sha', i + 1, DATE '2024-12-31', 'siasn',
                   'Region ' || (i % 514), 'Pemerintah Daerah ' || (i % 514),
                   strftime(birth, '%Y%m%d') || strftime(birth + INTERVAL 25 YEAR, '%Y%m') || sex
                       || lpad(CAST(i % 999 + 1 AS VARCHAR), 3, '0'),
                   'key-' || i, birth, CASE sex WHEN '1' THEN 'Laki-laki' ELSE 'Perempuan' END, 'PNS',
                   {_list(codes.GOLONGAN_RUANG)}[1 + i % 17],
                   split_part({_list(codes.GOLONGAN_RUANG)}[1 + i % 17], '/', 1),
                   {_list(codes.JENIS_JABATAN)}[1 + i % 3], {_list(codes.PENDIDIKAN)}[1 + i % 14],
                   CAST(birth + INTERVAL 25 YEAR AS DATE)
            FROM g
            """
        )
        # Defects of each kind the suites look for, so failing checks also do their sampling work:
        # bad NIP, unknown golongan/education, a duplicated employee, a 9-year-old, a TMT in the future.
        defects = [
            (1, "1234", "d1", None, None, None, None),
            (2, None, "d2", None, "III/e", "S4", None),
            (3, None, "d3", None, None, None, None),
            (4, None, "d3", None, None, None, None),
            (5, None, "d5", "2015-01-01", None, None, None),
            (6, None, "d6", "1980-01-01", None, None, "2031-01-01"),
            (PLANTED, None, "d7", None, "IV/f", None, None),
        ]
        con.executemany(
            "INSERT INTO raw.simpeg_employees (run_id, source_file, file_sha256, row_number, as_of_date, layout, "
            "agency_name, nip, employee_key, tanggal_lahir, golongan_ruang, pendidikan, tmt_cpns) "
            "VALUES ('bench', 'defects.csv', 'sha', ?, DATE '2024-12-31', 'siasn', 'X', ?, ?, ?, ?, ?, ?)",
            defects,
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def run(quick: bool = False) -> dict[str, Any]:
    from quality.runner import run_check
    from quality.simpeg_suite import SIMPEG_CHECKS

    rows = QUICK_ROWS if quick else FULL_ROWS
    t_import = time.perf_counter()
    from quality.gx_duckdb import gx_expectations

    gx_expectations()  # GX's import (seconds) is paid once per process, not per check: kept out of the timing
    import_s = time.perf_counter() - t_import
    with tempfile.TemporaryDirectory(prefix="asnwh-bench-quality-") as tmp:
        path = Path(tmp) / "build.duckdb"
        t0 = time.perf_counter()
        build(path, rows)
        generate_s = time.perf_counter() - t0
        con = duckdb.connect(str(path))
        try:
            checks: dict[str, dict[str, Any]] = {}
            # CPU seconds (all DuckDB threads) next to wall seconds: on a shared machine wall time mostly
            # measures the neighbours, CPU time measures the work.
            c1 = time.process_time()
            t1 = time.perf_counter()
            for check in SIMPEG_CHECKS:
                started = time.perf_counter()
                result = run_check(con, check)
                checks[check.name] = {
                    "seconds": round(time.perf_counter() - started, 2),
                    "passed": result.passed,
                    "unexpected": sum(int(f.get("unexpected_count") or 0) for f in result.observed["failures"]),
                }
            validate_s = time.perf_counter() - t1
            validate_cpu = time.process_time() - c1
            t2 = time.perf_counter()
            frame = con.execute(
                "select source_file, row_number, agency_name, as_of_date, employee_key, nip, tanggal_lahir, "
                "jenis_kelamin, golongan_ruang, golongan, pppk_grade, pendidikan, status_kepegawaian, "
                "jenis_jabatan, eselon, hukuman_disiplin, tmt_cpns from raw.simpeg_employees"
            ).df()
            fetch_s = time.perf_counter() - t2
            fetched = len(frame)
            del frame
        finally:
            con.close()
    return {
        "benchmark": "quality_simpeg_pushdown",
        "route": "GX Core SQL datasource on DuckDB (read-only duckdb-engine dialect), SQL pushdown",
        "rows": rows + PLANTED,
        "gx_import_seconds": round(import_s, 2),
        "generate_seconds": round(generate_s, 2),
        "validate_seconds": round(validate_s, 2),
        "validate_cpu_seconds": round(validate_cpu, 2),
        "rows_per_second": round((rows + PLANTED) / validate_s),
        "checks": checks,
        "pandas_fetch_only_seconds": round(fetch_s, 2),
        "pandas_fetch_rows": fetched,
    }


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv), indent=2))
