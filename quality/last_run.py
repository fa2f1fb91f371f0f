"""The latest refresh's check results, kept beside the live warehouse file.

audit.dq_results lives in the run's build file, and a run that a blocking check stops is never published:
its build file is discarded, and with it the answer to "why was my number not refreshed?". So every result
is also written to `<warehouse>.checks.json` (one run at a time), which `asnwh status` reads.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def sidecar_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".checks.json")


def remember(warehouse: Path, run_id: str, results: list[dict[str, Any]]) -> None:
    """Add results (check_name, asset, severity, passed, observed) for `run_id`; a new run starts afresh."""
    path = sidecar_path(warehouse)
    data = load_last(warehouse) or {}
    if data.get("run_id") != run_id:
        data = {"run_id": run_id, "results": []}
    data["results"].extend(results)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, path)  # readers never see half a file


def load_last(warehouse: Path) -> dict[str, Any] | None:
    path = sidecar_path(warehouse)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
