"""One full refresh at national scale (or --quick), as the first step of `make bench`, without the no-change,
one-document, floor and PostgreSQL steps: for finding where the full refresh's time and peak memory go.

Run: .venv/bin/python -m bench.full_refresh [--quick]   (prints one JSON object)

Prints the wall time, the peak resident memory of the largest process with which process it was and when its
high-water mark last rose (bench/measure.py), and the Dagster stage times: the stage running at `peak_at_s`
is the one that peaks.
"""

from __future__ import annotations

import argparse
import json

from bench.run import _measured_run, _stage_rows, fresh_workspace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1/20 of national scale")
    args = parser.parse_args(argv)
    _, work, _, _ = fresh_workspace(args.quick, "full")
    full = _measured_run(work, None)
    print(json.dumps({
        **{k: full[k] for k in ("wall_s", "peak_rss_mib", "peak_tree_rss_mib", "peak_process", "peak_at_s")},
        "stages_s": full["stages_s"],
        "rows": _stage_rows(work / "warehouse.duckdb", full["run_id"]),
        "warehouse_mib": round((work / "warehouse.duckdb").stat().st_size / 2**20, 1),
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
