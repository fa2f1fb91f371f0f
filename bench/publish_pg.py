"""Benchmark: publish a marts schema of 1M fact rows from DuckDB to a throwaway local PostgreSQL.

Run: .venv/bin/python bench/publish_pg.py [--quick]   (prints one JSON object)
The cluster runs with fsync off (see tests/pg_cluster.py), so this measures the DuckDB -> COPY -> PostgreSQL
path, not disk flushes; a production server with fsync on adds WAL/flush time.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from tests.pg_cluster import ThrowawayCluster  # noqa: E402
from warehouse.postgres import publish_to_postgres  # noqa: E402


def _build(path: Path, rows: int) -> None:
    con = duckdb.connect(str(path))
    con.execute("CREATE SCHEMA marts")
    # Column mix of fct_asn_composition: short strings, DATE, DECIMAL, BIGINT, JSON.
    con.execute(
        f"""
        CREATE TABLE marts.fct_asn_composition AS
        SELECT (['36', '3673', '3602', '3671'])[1 + range % 4] AS region_code,
               'Badan Kepegawaian Daerah ' || (range % 40) AS agency_name,
               2019 + (range % 6)::INTEGER AS year,
               DATE '2024-12-31' - (range % 365)::INTEGER AS as_of_date,
               'golongan_ruang' AS dimension,
               (['III/a', 'III/b', 'III/c', 'IV/a'])[1 + range % 4] AS category,
               (range % 500)::BIGINT AS headcount,
               CAST((range % 10000) / 10000 AS DECIMAL(9, 4)) AS share,
               json_object('page', range % 90) AS provenance
        FROM range({rows})
        """
    )
    con.close()


def run(quick: bool = False) -> dict:
    """Publish time for 1M rows (100k with quick); the second publish measures a swap over live marts."""
    rows = 100_000 if quick else 1_000_000
    with tempfile.TemporaryDirectory(prefix="asnwh-bench-") as tmp, ThrowawayCluster() as cluster:
        src = Path(tmp) / "wh.duckdb"
        _build(src, rows)
        first = publish_to_postgres(src, cluster.dsn())
        t0 = time.perf_counter()
        second = publish_to_postgres(src, cluster.dsn())
        elapsed = time.perf_counter() - t0
    return {
        "publish_rows": second.rows,
        "publish_s": round(elapsed, 3),
        "publish_rows_per_s": round(second.rows / elapsed),
        "publish_load_s": round(second.load_seconds, 3),
        "publish_swap_s": round(second.swap_seconds, 4),
        "first_publish_s": round(first.seconds, 3),
    }


if __name__ == "__main__":
    print(json.dumps(run(quick="--quick" in sys.argv[1:])))
