"""The checks part of `asnwh status`: passed / warned / failed, then the worst offenders, most severe first."""

from __future__ import annotations

import json
from typing import Any

MAX_LISTED = 12


def summarise(results: list[dict[str, Any]]) -> tuple[int, int, int]:
    passed = sum(1 for r in results if r["passed"])
    warned = sum(1 for r in results if not r["passed"] and r["severity"] == "warn")
    failed = sum(1 for r in results if not r["passed"] and r["severity"] == "error")
    return passed, warned, failed


def format_checks(results: list[dict[str, Any]]) -> list[str]:
    passed, warned, failed = summarise(results)
    lines = [f"checks: passed={passed} warned={warned} failed={failed}"]
    bad = sorted((r for r in results if not r["passed"]), key=lambda r: (r["severity"] != "error", r["check_name"]))
    for r in bad[:MAX_LISTED]:
        observed = _observed(r.get("observed"))
        label = "FAILED" if r["severity"] == "error" else "warned"
        lines.append(f"  {label:<6} {r['asset']} :: {r['check_name']}")
        lines.append(f"         {str(observed.get('message', ''))[:400]}")
        example = _worst(observed)
        if example:
            lines.append(f"         worst: {example[:300]}")
    if len(bad) > MAX_LISTED:
        lines.append(f"  ... and {len(bad) - MAX_LISTED} more (audit.dq_results)")
    return lines


def _observed(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    try:
        return json.loads(value or "{}")
    except (TypeError, json.JSONDecodeError):
        return {"message": str(value)}


def _worst(observed: dict[str, Any]) -> str:
    """The first offending rows or values, from a GX failure or a dbt test's re-run SQL."""
    rows = observed.get("offending_rows")
    if not rows:
        for failure in observed.get("failures", []):
            rows = failure.get("offending_rows") or failure.get("worst_values")
            if rows:
                break
    if not rows or isinstance(rows, str):
        return rows or ""
    return "; ".join(json.dumps(row, ensure_ascii=False, default=str) for row in rows[:3])
