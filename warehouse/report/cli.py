"""Entry point for `asnwh report`: builds the report quietly and returns where it is."""

from __future__ import annotations

from pathlib import Path

from warehouse.report.build import build_report


def run_report(warehouse: Path, out_dir: Path) -> Path:
    """Build the analyst report for `warehouse` into `out_dir`; prints nothing, returns index.html."""
    return build_report(Path(warehouse), Path(out_dir))
