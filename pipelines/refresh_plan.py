"""What a refresh has to do, decided by comparing the inbox and the code with the live warehouse."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pipelines.code_version import dbt_fingerprint, extractor_fingerprint
from warehouse.inbox import InboxFile, last_seen
from warehouse.store import read_live


@dataclass
class RefreshPlan:
    build: bool
    reload: set[str] = field(default_factory=set)  # files to (re)load
    reasons: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return "; ".join(self.reasons) if self.reasons else "inbox and code unchanged since the last build"


def plan_refresh(live_warehouse: Path, files: list[InboxFile]) -> RefreshPlan:
    if not live_warehouse.exists():
        return RefreshPlan(True, {f.name for f in files}, ["no warehouse yet"])
    # A copy, not the live file: an analyst may hold the live file open read-write (warehouse/store.py).
    with read_live(live_warehouse) as con:
        seen = last_seen(con)
        row = con.execute(
            "select summary from audit.runs where status = 'success' order by finished_at desc limit 1"
        ).fetchone()
    built_with = json.loads(row[0]) if row and row[0] else {}
    plan = RefreshPlan(False)
    new_extractors = built_with.get("extractor_fingerprint") != extractor_fingerprint()
    if new_extractors:
        plan.reasons.append("extractor code changed: documents are read again")
    if built_with.get("dbt_fingerprint") != dbt_fingerprint():
        plan.reasons.append("dbt project changed: marts are rebuilt")
        plan.build = True
    changed = []
    for f in files:
        previous = seen.get(f.name)
        if previous is None or previous[0] != f.sha256:
            changed.append(f.name)
        if previous is None or previous[0] != f.sha256 or previous[1] == "failed" \
                or (new_extractors and f.kind == "document"):
            plan.reload.add(f.name)
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        plan.reasons.append(f"{len(changed)} new or changed file(s): {shown}")
    # A file that failed before and has not changed does not by itself justify a rebuild; it is retried
    # whenever something else triggers one.
    plan.build = plan.build or bool(changed) or (new_extractors and any(f.kind == "document" for f in files))
    return plan


def last_run_path(live_warehouse: Path) -> Path:
    return live_warehouse.with_name(live_warehouse.name + ".last-run.json")


def record_last_run(live_warehouse: Path, run_id: str, status: str, detail: str) -> None:
    """Note the latest refresh beside the warehouse (atomically): also the ones that had nothing to do."""
    path = last_run_path(live_warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({
        "run_id": run_id, "status": status, "detail": detail, "at": datetime.now().isoformat(timespec="seconds"),
    }))
    os.replace(tmp, path)


def read_last_run(live_warehouse: Path) -> dict | None:
    path = last_run_path(live_warehouse)
    return json.loads(path.read_text()) if path.exists() else None
