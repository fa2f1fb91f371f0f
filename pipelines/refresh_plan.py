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
        limited = _stopped_at_a_limit(con)
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
        if previous is None or previous[0] != f.sha256 \
                or (previous[1] == "failed" and f.name not in limited) \
                or (new_extractors and f.kind == "document"):
            plan.reload.add(f.name)
    if changed:
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        plan.reasons.append(f"{len(changed)} new or changed file(s): {shown}")
    # A file that failed before and has not changed does not by itself justify a rebuild; it is retried
    # whenever something else triggers one.
    plan.build = plan.build or bool(changed) or (new_extractors and any(f.kind == "document" for f in files))
    return plan


def _stopped_at_a_limit(con) -> set[str]:
    """Files whose latest load was stopped by the extraction sandbox (wall-clock or memory limit). The same
    content under the same code hits the same limit again, and retrying cost every refresh the whole limit
    (120 s per file); they are read again when they change or the extractor code does."""
    from extractors.sandbox import TIMEOUT, TOO_LARGE

    rows = con.execute(
        """
        select file, reason from audit.file_loads where status in ('loaded', 'empty', 'failed', 'superseded')
        qualify row_number() over (partition by file order by loaded_at desc) = 1
        """
    ).fetchall()
    return {name for name, reason in rows if reason and reason.startswith((f"{TIMEOUT}:", f"{TOO_LARGE}:"))}


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
    _confirm_inbox_state(live_warehouse, run_id)


def read_last_run(live_warehouse: Path) -> dict | None:
    path = last_run_path(live_warehouse)
    return json.loads(path.read_text()) if path.exists() else None



# ---- "nothing changed", known without hashing ---------------------------------------------------------------
# A refresh with nothing to do should plan no asset checks (planned but unrun checks show as "Skipped" in the
# UI, hiding their last result), so whoever launches it (CLI, schedule, sensor) must know beforehand. Hashing
# the inbox for that would double the cost of a no-change refresh at national scale (GBs of exports); instead
# each refresh notes the inbox's size/mtime signature as its scan starts, and the note is confirmed only when
# the refresh ends well (published, or nothing to do). An equal signature and code fingerprint later means
# the same inputs; any difference, or a failed refresh, means the whole job runs and compares hashes as usual.

def inbox_state_path(live_warehouse: Path) -> Path:
    return live_warehouse.with_name(live_warehouse.name + ".inbox-state.json")


def _pending_path(live_warehouse: Path) -> Path:
    return live_warehouse.with_name(live_warehouse.name + ".inbox-state.pending.json")


def _state(inbox: Path) -> dict:
    from warehouse.inbox import inbox_signature

    return {"inbox": str(inbox), "signature": inbox_signature(inbox),
            "extractor_fingerprint": extractor_fingerprint(), "dbt_fingerprint": dbt_fingerprint()}


def note_inbox_state(live_warehouse: Path, run_id: str, inbox: Path) -> None:
    """Called as a refresh starts scanning: the inbox as it is before the scan (a file changed after this
    point only makes the next comparison fail, which is the safe side)."""
    path = _pending_path(live_warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"run_id": run_id, **_state(inbox)}))
    os.replace(tmp, path)


def _confirm_inbox_state(live_warehouse: Path, run_id: str) -> None:
    pending = _pending_path(live_warehouse)
    try:
        noted = json.loads(pending.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return
    if noted.get("run_id") == run_id:
        os.replace(pending, inbox_state_path(live_warehouse))


def unchanged_since_last_build(live_warehouse: Path, inbox: Path) -> bool:
    """True when the live warehouse was built (or confirmed) from an inbox with the same file names, sizes and
    modification times, by the same extractor and dbt code."""
    if not live_warehouse.exists():
        return False
    try:
        confirmed = json.loads(inbox_state_path(live_warehouse).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return False
    confirmed.pop("run_id", None)
    return confirmed == _state(inbox)
