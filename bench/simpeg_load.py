"""SIMPEG load throughput: generated national-style exports → load_export into a fresh DuckDB file.

Reports rows/s by wall clock and by process CPU time (the machine is shared, so wall time depends on the
neighbours; CPU time ÷ 2 cores is what an idle 2-core machine would need), the generator's rows/s, and
what pseudonymisation costs (SQL HMAC as loaded vs Python's hmac on the same NIPs).

Run: .venv/bin/python -m bench.simpeg_load [--quick] [--rows N]
`quick` = 300k rows over the 546 governments; full = national scale (5.6M rows, ~2.3 GB of CSV).
Set ASNWH_BENCH_SIMPEG_DIR to reuse generated exports between runs.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import duckdb  # noqa: E402

from extractors.simpeg.pseudonym import hmac_pads, hmac_sql  # noqa: E402
from samples.simpeg import NATIONAL_ROWS, write_national  # noqa: E402
from warehouse.simpeg_load import load_export, load_exports  # noqa: E402

QUICK_ROWS = 300_000
KEY = b"bench-pseudonym-key-0123456789abcdef"


def _inputs(rows: int, root: Path) -> tuple[list[Path], dict]:
    done = root / f".complete-{rows}"
    if not done.exists():
        if root.exists():
            shutil.rmtree(root)
        write_national(root, total=rows)
        done.touch()
    truth = json.loads((root / "simpeg_truth.json").read_text())
    return sorted(root / name for name in truth["files"]), truth


def _hmac_cost(con: duckdb.DuckDBPyConnection, sample: int = 1_000_000) -> dict:
    nips = [r[0] for r in con.execute(f"SELECT nip FROM raw.simpeg_employees LIMIT {sample}").fetchall()]
    if not nips:
        return {}
    ipad, opad = hmac_pads(KEY)
    t = time.perf_counter()
    con.execute(f"SELECT count({hmac_sql('nip')}) FROM (SELECT nip FROM raw.simpeg_employees LIMIT {sample})",
                {"ipad": ipad, "opad": opad}).fetchall()
    sql_s = time.perf_counter() - t
    t = time.perf_counter()
    for n in nips:
        hmac.new(KEY, n.encode(), hashlib.sha256).hexdigest()
    py_s = time.perf_counter() - t
    return {"nips": len(nips), "sql_hmac_s": round(sql_s, 3), "python_hmac_s": round(py_s, 3),
            "sql_us_per_nip": round(sql_s / len(nips) * 1e6, 2), "python_us_per_nip": round(py_s / len(nips) * 1e6, 2)}


def run(quick: bool = False, rows: int | None = None, workers: int = 1) -> dict:
    """Generate (or reuse) the exports, load them all, check the counts against the truth, return figures.

    workers=1 is the pipeline's path (load_export per file); 2 uses load_exports (two files at a time)."""
    rows = rows or (QUICK_ROWS if quick else NATIONAL_ROWS)
    cached = os.environ.get("ASNWH_BENCH_SIMPEG_DIR")
    tmp = None if cached else tempfile.TemporaryDirectory(prefix="simpeg_bench_")
    root = Path(cached) if cached else Path(tmp.name) / "exports"
    try:
        gen_started = time.perf_counter()
        paths, truth = _inputs(rows, root)
        gen_s = time.perf_counter() - gen_started
        generator = truth.get("generator", {})
        with tempfile.TemporaryDirectory(prefix="simpeg_wh_") as wh:
            con = duckdb.connect(str(Path(wh) / "warehouse.duckdb"))
            wall0, cpu0 = time.perf_counter(), time.process_time()
            rows_in = rows_loaded = quarantined = 0
            mismatched = []
            if workers > 1:
                reports = load_exports(paths, con, run_id="bench", pseudonym_key=KEY, workers=workers)
            else:
                reports = [load_export(path, con, run_id="bench", pseudonym_key=KEY) for path in paths]
            for path, report in zip(paths, reports, strict=True):
                rows_in += report.rows_in
                rows_loaded += report.rows_loaded
                quarantined += report.rows_quarantined
                expected = truth["files"][path.name]
                if (report.rows_loaded, report.rows_quarantined) != (expected["rows_loaded"],
                                                                      expected["rows_quarantined"]):
                    mismatched.append(path.name)
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            load = {
                "workers": workers, "files": len(paths), "rows_in": rows_in, "rows_loaded": rows_loaded,
                "rows_quarantined": quarantined, "files_not_matching_truth": mismatched,
                "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
                "rows_per_s_wall": round(rows_in / wall), "rows_per_s_cpu_2_cores": round(rows_in / cpu * 2),
                "load_average_1m": round(os.getloadavg()[0], 2),
            }
            hmac_figures = _hmac_cost(con)
            con.close()
        return {"rows": rows, "load": load, "pseudonymisation": hmac_figures,
                "generator": generator or {"reused_inputs_s": round(gen_s, 2)}}
    finally:
        if tmp is not None:
            tmp.cleanup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rows", type=int)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(run(args.quick, args.rows, args.workers), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
