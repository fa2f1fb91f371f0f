"""The dbt project as Dagster sees it, with its manifest kept current."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from dagster_dbt import DbtProject

from pipelines.resources import dbt_executable
from pipelines.settings import DBT_PROJECT_DIR

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
