"""dbt test outcomes into audit.dq_results, next to the GX suites, so `asnwh status` shows both.

dagster-dbt already reports each dbt test as an asset check in the UI; this keeps the same outcome in the
warehouse's audit zone, with the test's severity from the manifest and, for a failing test, its first
offending rows (its compiled SQL re-run with a LIMIT in the build file).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from quality.gx_duckdb import SAMPLE_SIZE
from quality.last_run import remember
from warehouse import bulk
from warehouse.bulk import DQ_RESULTS_COLUMNS

# dbt statuses: pass; fail (error severity) / warn (warn severity) = the test found rows; error = it could
# not run; skipped = an upstream model failed, so it was never checked (not a pass either).
PASSED = {"pass"}


def dbt_test_results(run_results: dict[str, Any], manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per dbt test in run_results.json: name, model, severity, passed, observed."""
    nodes = manifest.get("nodes", {})
    rows = []
    for result in run_results.get("results", []):
        unique_id = result.get("unique_id", "")
        if not unique_id.startswith("test."):
            if result.get("status") == "error":
                rows.append(_build_error(nodes.get(unique_id, {}), unique_id, result))
            continue
        node = nodes.get(unique_id, {})
        config = node.get("config", {})
        severity = str(config.get("severity") or "error").lower()
        status = str(result.get("status"))
        observed = {
            "message": _message(node, status, result),
            "status": status,
            "failures": result.get("failures"),
            "dbt_message": result.get("message"),
            "test": node.get("name") or unique_id,
            "column": node.get("column_name"),
            "seconds": round(float(result.get("execution_time") or 0.0), 3),
        }
        rows.append(
            {
                "check_name": f"dbt:{node.get('name') or unique_id}",
                "asset": _tested_model(node),
                "severity": "warn" if severity == "warn" else "error",
                "passed": status in PASSED,
                "observed": observed,
                "compiled_code": result.get("compiled_code") or node.get("compiled_code"),
            }
        )
    return rows


def _build_error(node: dict[str, Any], unique_id: str, result: dict[str, Any]) -> dict[str, Any]:
    """A model or seed dbt could not build: the reason its tests did not run, so it is recorded too."""
    name = node.get("name") or unique_id.split(".")[-1]
    message = " ".join(str(result.get("message") or "").split())  # dbt's multi-line error, on one line
    return {
        "check_name": f"dbt:build:{name}",
        "asset": name,
        "severity": "error",
        "passed": False,
        "observed": {
            "message": f"dbt could not build {name}; its tests and the models after it did not run: "
            f"{message[:500]}",
            "status": "error",
            "seconds": round(float(result.get("execution_time") or 0.0), 3),
        },
        "compiled_code": None,
    }


def _tested_model(node: dict[str, Any]) -> str:
    attached = node.get("attached_node") or next(iter(node.get("depends_on", {}).get("nodes", [])), "")
    return attached.split(".")[-1] if attached else "dbt"


def _message(node: dict[str, Any], status: str, result: dict[str, Any]) -> str:
    name = node.get("name", "dbt test")
    if status == "pass":
        return f"passed: {name}"
    if status == "skipped":
        return f"{name} was not run: a model it tests failed or was skipped."
    if status == "error":
        return f"{name} could not run: {str(result.get('message'))[:300]}"
    return f"{_rule(node)} Broken by {result.get('failures')} row(s) of {_tested_model(node)}."


def _rule(node: dict[str, Any]) -> str:
    """The rule in words: a singular test's documented description, else the generic test and its arguments."""
    description = (node.get("description") or "").strip()
    if description:
        return description
    meta = node.get("test_metadata") or {}
    kwargs = {k: v for k, v in (meta.get("kwargs") or {}).items() if k not in ("model", "column_name")}
    column = f".{node['column_name']}" if node.get("column_name") else ""
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    where = (node.get("config") or {}).get("where")
    scope = f" where {where}" if where else ""
    return f"{meta.get('name', node.get('name', 'dbt test'))} on {_tested_model(node)}{column}{scope} ({args})."


def record_dbt_results(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    run_results: dict[str, Any],
    manifest: dict[str, Any],
    live_warehouse: Path | None = None,
) -> list[dict[str, Any]]:
    """Write the run's dbt test outcomes to audit.dq_results (and beside the live file, see last_run)."""
    rows = dbt_test_results(run_results, manifest)
    for row in rows:
        if row["observed"]["status"] in ("fail", "warn") and row["compiled_code"]:
            row["observed"]["offending_rows"] = _sample(con, row["compiled_code"])
    bulk.insert(con, "audit.dq_results", [
        (run_id, r["check_name"], r["asset"], r["severity"], r["passed"],
         json.dumps(r["observed"], ensure_ascii=False, default=str))
        for r in rows
    ], DQ_RESULTS_COLUMNS)
    if live_warehouse is not None:
        remember(live_warehouse, run_id, [{k: v for k, v in r.items() if k != "compiled_code"} for r in rows])
    return rows


def _sample(con: duckdb.DuckDBPyConnection, compiled_sql: str) -> list[dict[str, Any]] | str:
    # The test's own SQL, limited: the rows an analyst needs to see why it failed.
    try:
        cur = con.execute(f"select * from ({compiled_sql}) as offending limit {SAMPLE_SIZE}")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    except duckdb.Error as exc:
        return f"could not re-run the test query: {exc}"[:300]
