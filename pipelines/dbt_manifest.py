"""The dbt project as Dagster sees it, with its manifest kept current."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import duckdb
from dagster_dbt import DbtProject

from extractors import file_kinds
from pipelines.resources import dbt_executable
from pipelines.settings import DBT_PROJECT_DIR
from warehouse import inbox

# A target path of its own, so dbt commands run by hand in dbt_project/ never swap the manifest that the
# asset definitions were built from.
dbt_project = DbtProject(
    project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target_path=Path("target") / "dagster"
)


def _newest_source_mtime(project_dir: Path) -> float:
    newest = (project_dir / "dbt_project.yml").stat().st_mtime
    for folder in ("models", "seeds", "macros", "tests"):
        for path in (project_dir / folder).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return newest


def ensure_manifest(project: DbtProject = dbt_project) -> Path:
    """Run `dbt parse` when the manifest is missing or older than the project's files.

    The @dbt_assets definition reads the manifest at import time, so it must exist before Definitions load.
    """
    manifest = project.manifest_path
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime(project.project_dir):
        return manifest
    env = {**os.environ}
    env.setdefault("ASNWH_DBT_DUCKDB_PATH", str(project.project_dir / project.target_path / "parse.duckdb"))
    completed = subprocess.run(
        [dbt_executable(), "parse", "--quiet", "--project-dir", str(project.project_dir),
         "--profiles-dir", str(project.project_dir), "--target-path", str(project.target_path)],
        env=env, capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{completed.stdout}\n{completed.stderr}")
    return manifest


# ---- building only what changed --------------------------------------------------------------------------
# A refresh builds into a copy of the live warehouse, so a model whose inputs did not change still holds the
# table the last build made from the same inputs. Which raw sources each input kind writes (the ingest
# assets): a refresh that loaded only documents needs only the models downstream of the document sources.
# A kind missing here, or a raw source in the dbt project that no kind names, means a full build.
RAW_SOURCES_BY_KIND: dict[str, tuple[str, ...]] = {
    file_kinds.DOCUMENT: ("documents", "document_facts"),
    file_kinds.SIMPEG: ("simpeg_employees",),
    file_kinds.UNKNOWN: (),  # unsupported formats: only an audit row
    inbox.IGNORED: (),
}
RAW_SOURCE = "raw"


def changed_raw_sources(con: duckdb.DuckDBPyConnection, run_id: str) -> set[str] | None:
    """Raw sources this run may have written (from its audit.file_loads rows), or None when that is not
    known for sure: the build must then be a full one. A file that failed counts as a change of its kind
    (its earlier rows may have gone); only a file skipped as unchanged does not."""
    if not _built_with_this_dbt_project(con):
        return None
    kinds = {k for (k,) in con.execute(
        "select distinct kind from audit.file_loads where run_id = ? and status <> 'skipped_unchanged'", [run_id]
    ).fetchall()}
    if not kinds <= RAW_SOURCES_BY_KIND.keys():
        return None
    return {source for kind in kinds for source in RAW_SOURCES_BY_KIND[kind]}


def _built_with_this_dbt_project(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the warehouse being built into was last built by the same dbt project: only then are the
    tables of the models left out the ones this project would make from unchanged inputs."""
    from pipelines.code_version import dbt_fingerprint

    try:
        row = con.execute(
            "select summary from audit.runs where status = 'success' order by finished_at desc limit 1"
        ).fetchone()
    except duckdb.Error:  # no audit.runs: never published
        return False
    built_with = json.loads(row[0]) if row and row[0] else {}
    return built_with.get("dbt_fingerprint") == dbt_fingerprint()


def unaffected_nodes(manifest: dict[str, Any], changed_sources: set[str]) -> list[str] | None:
    """Names of the models, seeds, snapshots and tests that depend on none of `changed_sources` (raw source
    table names): what a build may leave out. None when a raw source the project reads is not one the
    ingest kinds account for (a full build is the only safe answer then)."""
    raw = {uid: node["name"] for uid, node in manifest["sources"].items() if node["source_name"] == RAW_SOURCE}
    accounted = {s for sources in RAW_SOURCES_BY_KIND.values() for s in sources}
    if not set(raw.values()) <= accounted:
        return None
    affected: set[str] = set()
    todo = [uid for uid, name in raw.items() if name in changed_sources]
    while todo:
        uid = todo.pop()
        for child in manifest["child_map"].get(uid, []):
            if child not in affected:
                affected.add(child)
                todo.append(child)
    buildable = ("model", "seed", "snapshot", "test")
    return sorted(node["name"] for uid, node in manifest["nodes"].items()
                  if node["resource_type"] in buildable and uid not in affected)


def build_exclusions(con: duckdb.DuckDBPyConnection, run_id: str, manifest: dict[str, Any]) -> list[str]:
    """`--exclude` arguments for this run's `dbt build`: empty (build everything) unless it is known for sure
    which raw sources changed."""
    changed = changed_raw_sources(con, run_id)
    if changed is None:
        return []
    unaffected = unaffected_nodes(manifest, changed)
    return ["--exclude", " ".join(unaffected)] if unaffected else []


def in_build_order(manifest: dict[str, Any], names: set[str]) -> list[str]:
    """`names` (models, seeds, snapshots) parents first: the order Dagster needs their outputs in."""
    parents = manifest["parent_map"]
    depth: dict[str, int] = {}

    def level(uid: str) -> int:
        if uid not in depth:
            depth[uid] = 0  # a cycle cannot occur in a parsed dbt project; this only guards the recursion
            depth[uid] = 1 + max((level(p) for p in parents.get(uid, [])), default=-1)
        return depth[uid]

    by_name = {node["name"]: uid for uid, node in manifest["nodes"].items()
               if node["resource_type"] in ("model", "seed", "snapshot")}
    return sorted((n for n in names if n in by_name), key=lambda n: (level(by_name[n]), n))
