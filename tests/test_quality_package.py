"""The quality package runs without Dagster: its suites and engine can be used (and tested, benchmarked) on a
DuckDB file alone, and the Dagster wiring stays in pipelines/."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import quality

REPO = Path(__file__).resolve().parents[1]


def test_importing_every_quality_module_loads_no_dagster() -> None:
    modules = sorted(f"quality.{m.name}" for m in pkgutil.iter_modules(quality.__path__))
    assert {"quality.facts_suite", "quality.simpeg_suite", "quality.gx_duckdb", "quality.runner"} <= set(modules)
    # A fresh interpreter: this test process has Dagster loaded by other tests' imports.
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m == 'dagster' or m.startswith(('dagster.', 'dagster_')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
