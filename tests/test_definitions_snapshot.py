"""The Dagster definitions as a committed snapshot, so that a change to the graph shows up as a diff in review.

Every asset key with its group, upstream keys, kinds and pool; every asset check with its asset and whether it
blocks; the jobs, schedules, sensors and resources. A change that adds, drops, regroups or rewires any of them
fails this test until the snapshot is regenerated and committed with the change:

    ASNWH_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -q tests/test_definitions_snapshot.py

(dagster-open-platform keeps the same kind of snapshot of its definitions, with syrupy; a plain JSON file needs
no plugin and reads well in a diff.) Descriptions and code versions are left out on purpose: they change with
wording and with every edit of a model, and are not the shape of the graph.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import dagster as dg

SNAPSHOT = Path(__file__).parent / "snapshots" / "definitions.json"
UPDATE_ENV = "ASNWH_UPDATE_SNAPSHOTS"


def _key(key: dg.AssetKey) -> str:
    return key.to_user_string()


def definitions_snapshot(defs: dg.Definitions) -> dict[str, Any]:
    """The shape of `defs` as plain, sorted JSON-able data (stable across runs and machines)."""
    graph = defs.resolve_asset_graph()
    assets = []
    pools: dict[str, list[str]] = {}
    for key in sorted(graph.get_all_asset_keys(), key=_key):
        node = graph.get(key)
        asset_pools = sorted(node.pools or ())
        for pool in asset_pools:
            pools.setdefault(pool, []).append(_key(key))
        assets.append(
            {
                "key": _key(key),
                "group": node.group_name,
                "deps": sorted(_key(p) for p in node.parent_keys),
                "kinds": sorted(node.kinds),
                "pools": asset_pools,
                "executable": node.is_executable,
            }
        )
    checks = []
    for assets_def in graph.assets_defs:
        for spec in assets_def.check_specs:
            checks.append(
                {
                    "asset": _key(spec.asset_key),
                    "name": spec.name,
                    "blocking": bool(spec.blocking),
                    "additional_deps": sorted(_key(d.asset_key) for d in spec.additional_deps),
                }
            )
    checks.sort(key=lambda c: (c["asset"], c["name"]))
    jobs = [
        {"name": job.name, "executor": job.executor_def.name, "assets": len(job.asset_layer.executable_asset_keys)}
        for job in defs.resolve_all_job_defs()
        if not job.name.startswith("__")  # Dagster's implicit asset job is not ours to snapshot
    ]
    schedules = [
        {
            "name": s.name,
            "job": s.job_name,
            "cron": s.cron_schedule,
            "timezone": s.execution_timezone,
            "default_status": s.default_status.value,
        }
        for s in defs.schedules or ()
    ]
    sensors = [
        {
            "name": s.name,
            "job": s.job_name,
            "minimum_interval_seconds": s.minimum_interval_seconds,
            "default_status": s.default_status.value,
        }
        for s in defs.sensors or ()
    ]
    return {
        "assets": assets,
        "asset_checks": checks,
        "pools": {pool: sorted(keys) for pool, keys in sorted(pools.items())},
        "jobs": sorted(jobs, key=lambda j: j["name"]),
        "schedules": sorted(schedules, key=lambda s: s["name"]),
        "sensors": sorted(sensors, key=lambda s: s["name"]),
        "resources": sorted(defs.resources or {}),
    }


def render(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def test_definitions_match_the_committed_snapshot() -> None:
    from pipelines.definitions import defs

    current = render(definitions_snapshot(defs))
    if os.environ.get(UPDATE_ENV) == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(current, encoding="utf-8")
    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing; write it with {UPDATE_ENV}=1 and commit it"
    committed = SNAPSHOT.read_text(encoding="utf-8")
    if current != committed:
        diff = "".join(
            difflib.unified_diff(
                committed.splitlines(keepends=True),
                current.splitlines(keepends=True),
                fromfile=f"{SNAPSHOT} (committed)",
                tofile="pipelines.definitions (now)",
            )
        )
        raise AssertionError(
            f"The Dagster definitions changed. If the change is intended, regenerate the snapshot with "
            f"{UPDATE_ENV}=1 and commit it with the change.\n{diff}"
        )


def test_snapshot_sees_a_change_to_the_graph() -> None:
    """The snapshot is sensitive to what it claims to cover: one more asset, check, job or schedule changes it."""
    from pipelines.definitions import defs

    @dg.asset(group_name="probe", deps=["inbox_files"], pool="warehouse")
    def probe_asset() -> None: ...

    @dg.asset_check(asset="inbox_files", blocking=True)
    def probe_check() -> dg.AssetCheckResult:
        return dg.AssetCheckResult(passed=True)

    probe_job = dg.define_asset_job("probe_job", selection=[probe_asset])
    probe_schedule = dg.ScheduleDefinition(name="probe_schedule", job=probe_job, cron_schedule="0 3 * * *")
    base = definitions_snapshot(defs)
    extended = definitions_snapshot(
        dg.Definitions.merge(
            defs,
            dg.Definitions(assets=[probe_asset], asset_checks=[probe_check], jobs=[probe_job],
                           schedules=[probe_schedule]),
        )
    )
    assert {a["key"] for a in extended["assets"]} - {a["key"] for a in base["assets"]} == {"probe_asset"}
    assert [c for c in extended["asset_checks"] if c not in base["asset_checks"]] == [
        {"asset": "inbox_files", "name": "probe_check", "blocking": True, "additional_deps": []}
    ]
    assert "probe_asset" in extended["pools"]["warehouse"]
    assert {j["name"] for j in extended["jobs"]} - {j["name"] for j in base["jobs"]} == {"probe_job"}
    assert {s["name"] for s in extended["schedules"]} - {s["name"] for s in base["schedules"]} == {"probe_schedule"}
