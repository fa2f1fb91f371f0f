"""The checks part of `asnwh status`: passed / warned / failed, then the worst offenders, most severe first."""

from __future__ import annotations

import json
from typing import Any

MAX_LISTED = 12


def _status(r: dict[str, Any]) -> str:
    """pass | warn | fail | not_run (a dbt test skipped because a model before it failed)."""
    if r["passed"]:
        return "pass"
    if _observed(r.get("observed")).get("status") == "skipped":
        return "not_run"
    return "warn" if r["severity"] == "warn" else "fail"


def summarise(results: list[dict[str, Any]]) -> dict[str, int]:
    counts = {"pass": 0, "warn": 0, "fail": 0, "not_run": 0}
    for r in results:
        counts[_status(r)] += 1
    return counts


def format_checks(results: list[dict[str, Any]]) -> list[str]:
    counts = summarise(results)
    line = f"checks: passed={counts['pass']} warned={counts['warn']} failed={counts['fail']}"
    if counts["not_run"]:
        line += f" not_run={counts['not_run']} (after a failed dbt model)"
    lines = [line]
    # Build errors first (they explain the tests that did not run), then failed, then warned checks.
    bad = sorted(
        (r for r in results if _status(r) in ("fail", "warn")),
        key=lambda r: (_status(r) != "fail", not r["check_name"].startswith("dbt:build:"), r["check_name"]),
    )
    for r in bad[:MAX_LISTED]:
        observed = _observed(r.get("observed"))
        label = "FAILED" if _status(r) == "fail" else "warned"
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
    failures = observed.get("failures")  # GX: a list of broken rules; dbt: the count of failing rows
    if not rows and isinstance(failures, list):
        for failure in failures:
            rows = failure.get("offending_rows") or failure.get("worst_values")
            if rows:
                break
    if not rows or isinstance(rows, str):
        return rows or ""
    return "; ".join(json.dumps(row, ensure_ascii=False, default=str) for row in rows[:3])
