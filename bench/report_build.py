"""Time the analyst report on one warehouse: the whole `build_report` and each section, and keep what it wrote.

    python bench/report_build.py WAREHOUSE OUT_ROOT [--runs 3]

Each run builds into a fresh `OUT_ROOT/run-N` (no chart cache, so every chart is drawn and every section built),
then once more into the same folder (every section reused by the memo); the JSON printed gives the wall times,
their medians, and per-section seconds of the fresh builds (plus `redact`). To compare two
versions of the report code, run this script from each checkout (PYTHONPATH) on the same warehouse copy, then
compare the `index.html` of both (minus the "generated" time) and the chart digests: the PNGs in
`.chart-cache` are named by a digest of the chart's arguments, so equal names mean equal chart input data.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from warehouse.report import build, memo


def _timed(times: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - start
    return wrapper


def run_once(warehouse: Path, out_dir: Path) -> dict[str, Any]:
    if out_dir.exists():
        shutil.rmtree(out_dir)
    times: dict[str, float] = {}
    original_section, original_redact = memo.build_section, build.redact

    def section(ctx: Any, name: str, fn: Callable[[], Any]) -> Any:
        return _timed(times, name, original_section)(ctx, name, fn)

    memo.build_section = section
    build.redact = _timed(times, "redact", original_redact)
    try:
        start = time.perf_counter()
        build.build_report(warehouse, out_dir)
        wall = time.perf_counter() - start
    finally:
        memo.build_section, build.redact = original_section, original_redact
    # Again into the same folder: every section is reused (the memo replays its queries), every chart cached.
    start = time.perf_counter()
    build.build_report(warehouse, out_dir)
    cached = time.perf_counter() - start
    return {"wall_s": round(wall, 2), "cached_wall_s": round(cached, 2),
            "sections_s": {k: round(v, 2) for k, v in times.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("out_root", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [run_once(args.warehouse, args.out_root / f"run-{i}") for i in range(args.runs)]
    print(json.dumps({
        "runs": runs,
        "median_wall_s": statistics.median(r["wall_s"] for r in runs),
        "median_cached_wall_s": statistics.median(r["cached_wall_s"] for r in runs),
        "median_sections_s": {
            k: round(statistics.median(r["sections_s"].get(k, 0.0) for r in runs), 2) for k in runs[0]["sections_s"]
        },
    }, indent=1))


if __name__ == "__main__":
    main()
