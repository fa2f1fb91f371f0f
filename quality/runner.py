"""Run a QualityCheck against the run's DuckDB file and record its result in audit.dq_results."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import duckdb

from quality.gx_duckdb import ExpectationOutcome, validate_batches
from quality.spec import QualityCheck
from warehouse import bulk
from warehouse.bulk import DQ_RESULTS_COLUMNS


@dataclass
class CheckResult:
    check_name: str
    asset: str
    severity: str
    passed: bool
    message: str
    observed: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        """The audit.dq_results row (observed carries the message)."""
        return {
            "check_name": self.check_name, "asset": self.asset, "severity": self.severity, "passed": self.passed,
            "observed": {"message": self.message, **self.observed},
        }


def run_check(con: duckdb.DuckDBPyConnection, check: QualityCheck, only_run: str | None = None) -> CheckResult:
    """Run `check`'s suites; with `only_run` (for a check with per_run_rows) on the rows that run wrote."""
    if only_run is not None and not check.per_run_rows:
        raise ValueError(f"{check.name} judges more than one load's rows; it cannot be run on one run's rows")
    started = time.perf_counter()
    batches = check.batches(check.run_rows_source(only_run)) if only_run is not None else check.batches()
    outcomes = validate_batches(con, check.name, batches)
    failed = [o for o in outcomes if not o.success]
    observed = {
        "description": check.description,
        "rows_checked": max((o.rows_checked for o in outcomes if o.rows_checked is not None), default=None),
        "rules_checked": len(outcomes),
        "rows_scope": f"run {only_run}" if only_run is not None else "all",
        "rules_failed": len(failed),
        "seconds": round(time.perf_counter() - started, 3),
        "failures": [o.to_json() for o in failed],
    }
    return CheckResult(
        check_name=check.name,
        asset=check.asset_path,
        severity=check.severity,
        passed=not failed,
        message=_message(check, failed),
        observed=observed,
    )


def _message(check: QualityCheck, failed: list[ExpectationOutcome]) -> str:
    """One line per broken rule, written for an analyst: the rule, how often it is broken, an example."""
    if not failed:
        return f"passed: {check.description}"
    lines = []
    for o in failed:
        if o.error:
            lines.append(f"{o.rule} Could not be checked: {o.error}")
            continue
        scale = f" of {o.rows_checked}" if o.rows_checked is not None else ""
        pct = f" ({o.unexpected_percent:g}%)" if o.unexpected_percent is not None else ""
        example = _example(o)
        lines.append(f"{o.rule} Broken by {o.unexpected_count}{scale} row(s){pct}{example}.")
    return " | ".join(lines)


def _example(o: ExpectationOutcome) -> str:
    if o.offending_rows:
        row = o.offending_rows[0]
        return "; e.g. " + ", ".join(f"{k}={v}" for k, v in row.items() if v is not None)
    if o.worst_values:
        return "; e.g. " + ", ".join(json.dumps(v.get("value"), ensure_ascii=False) for v in o.worst_values[:3])
    return ""


def record_results(con: duckdb.DuckDBPyConnection, run_id: str, results: list[CheckResult]) -> None:
    """Append results to audit.dq_results (observed carries the message, counts and worst offenders)."""
    bulk.insert(con, "audit.dq_results", [
        (run_id, row["check_name"], row["asset"], row["severity"], row["passed"],
         json.dumps(row["observed"], ensure_ascii=False, default=str))
        for row in (r.as_row() for r in results)
    ], DQ_RESULTS_COLUMNS)
