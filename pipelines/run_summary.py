"""The closing summary of `asnwh run`: files, quarantined rows, data-quality findings and where things are.

The queries (one function each, on the audit zone) are kept apart from the formatting, which only sees
plain values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from quality.status_view import summarise

MAX_LISTED = 8
MAX_REASONS = 5
MESSAGE_WIDTH = 150


@dataclass
class RunAudit:
    run_id: str
    files: dict[str, int] = field(default_factory=dict)  # status -> files
    failed_files: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    quarantine: list[tuple[str, str, int]] = field(default_factory=list)  # (file kind, reason_code, records)
    checks: list[dict[str, Any]] = field(default_factory=list)  # audit.dq_results rows


def file_statuses(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    return dict(con.execute(
        "select status, count(*) from audit.file_loads where run_id = ? group by 1", [run_id]).fetchall())


def failed_files(con: duckdb.DuckDBPyConnection, run_id: str) -> list[tuple[str, str]]:
    return con.execute(
        "select file, coalesce(reason, 'no reason recorded') from audit.file_loads "
        "where run_id = ? and status = 'failed' order by file", [run_id]).fetchall()


def quarantine_by_reason(con: duckdb.DuckDBPyConnection, run_id: str) -> list[tuple[str, str, int]]:
    """(kind of the file, reason_code, records), most frequent first: SIMPEG rows and document cells apart."""
    return con.execute(
        """
        select coalesce(f.kind, 'other'), q.reason_code, count(*)
        from audit.quarantine q
        left join (select distinct file, kind from audit.file_loads where run_id = ?) f using (file)
        where q.run_id = ? group by all order by 3 desc, 2
        """,
        [run_id, run_id]).fetchall()


def check_results(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, Any]]:
    cur = con.execute(
        "select check_name, asset, severity, passed, observed from audit.dq_results where run_id = ?", [run_id])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def latest_published_run(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute(
        "select run_id from audit.runs where status = 'success' order by finished_at desc limit 1").fetchone()
    return row[0] if row else None


def read_audit(warehouse: Path, run_id: str | None = None) -> RunAudit | None:
    """The audit rows of `run_id` (default: the latest published run) in the live warehouse."""
    if not warehouse.exists():
        return None
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        run_id = run_id or latest_published_run(con)
        if run_id is None:
            return None
        return RunAudit(run_id, file_statuses(con, run_id), failed_files(con, run_id),
                        quarantine_by_reason(con, run_id), check_results(con, run_id))
    except duckdb.CatalogException:  # a warehouse from before the audit zone: nothing to summarise
        return None
    finally:
        con.close()


# ---- formatting ---------------------------------------------------------------------------------------------

def _clip(text: str, width: int = MESSAGE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _message(observed: Any) -> str:
    if isinstance(observed, str):
        try:
            observed = json.loads(observed)
        except json.JSONDecodeError:
            return observed
    if isinstance(observed, dict):
        return str(observed.get("message") or observed.get("description") or "")
    return ""


def _full_path(name: str, inbox: Path | None, paths: dict[str, Path]) -> str:
    if name in paths:
        return str(paths[name])
    return str(inbox / name) if inbox else name


def format_files(audit: RunAudit, inbox: Path | None, paths: dict[str, Path]) -> list[str]:
    f = audit.files
    other = {k: v for k, v in f.items() if k not in {"loaded", "skipped_unchanged", "failed"}}
    line = (f"files: {f.get('loaded', 0)} loaded, {f.get('skipped_unchanged', 0)} skipped (unchanged), "
            f"{f.get('failed', 0)} failed")
    line += "".join(f", {n} {status}" for status, n in sorted(other.items()))
    lines = [line]
    for name, reason in audit.failed_files[:MAX_LISTED]:
        lines.append(f"  failed: {_full_path(name, inbox, paths)}: {_clip(reason)}")
    if len(audit.failed_files) > MAX_LISTED:
        lines.append(f"  ... and {len(audit.failed_files) - MAX_LISTED} more (asnwh status, audit.file_loads)")
    return lines


def format_quarantine(audit: RunAudit) -> list[str]:
    total = sum(n for _, _, n in audit.quarantine)
    if not total:
        return ["rows quarantined: 0"]
    parts = []
    for kind in sorted({k for k, _, _ in audit.quarantine}, key=lambda k: (k != "simpeg", k)):
        reasons = [(code, n) for k, code, n in audit.quarantine if k == kind]
        shown = ", ".join(f"{code} {n:,}" for code, n in reasons[:MAX_REASONS])
        rest = reasons[MAX_REASONS:]
        if rest:
            shown += f", {sum(n for _, n in rest):,} for {len(rest)} other reason(s)"
        parts.append(f"{kind} {sum(n for _, n in reasons):,} ({shown})")
    return [f"rows quarantined: {total:,}: {'; '.join(parts)} (audit.quarantine)"]


def _check_status(result: dict[str, Any]) -> str:
    if result["passed"]:
        return "pass"
    return "warn" if result["severity"] == "warn" else "fail"


def format_checks(checks: list[dict[str, Any]]) -> list[str]:
    counts = summarise(checks)
    line = (f"data quality: {len(checks)} checks, {counts['pass']} passed, {counts['warn']} warnings, "
            f"{counts['fail']} failures")
    if counts["not_run"]:
        line += f", {counts['not_run']} not run"
    lines = [line]
    bad = sorted((r for r in checks if not r["passed"]),
                 key=lambda r: (_check_status(r) != "fail", r["asset"], r["check_name"]))
    for r in bad[:MAX_LISTED]:
        label = "FAILED " if _check_status(r) == "fail" else "warning"
        lines.append(f"  {label} {r['check_name']} ({r['asset']}): {_clip(_message(r.get('observed')))}")
    if len(bad) > MAX_LISTED:
        lines.append(f"  ... and {len(bad) - MAX_LISTED} more (asnwh status)")
    return lines


def format_locations(warehouse: Path, log_path: Path | None) -> list[str]:
    report = warehouse.parent / "report" / "index.html"
    docs = warehouse.parent / "report" / "dbt-docs" / "index.html"
    lines = [f"warehouse: {warehouse}"]
    if report.exists():
        lines.append(f"report: {report}")
    if docs.exists():
        lines.append(f"dbt docs: {docs}")
    if log_path is not None:
        lines.append(f"log: {log_path}")
    return lines


def closing_summary(audit: RunAudit | None, inbox: Path | None, paths: dict[str, Path]) -> list[str]:
    if audit is None:
        return ["no refresh recorded in the warehouse yet"]
    return [*format_files(audit, inbox, paths), *format_quarantine(audit), *format_checks(audit.checks)]
