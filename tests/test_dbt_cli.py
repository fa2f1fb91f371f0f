"""The refresh's dbt CLI resource: what it skips to start faster must not change what dagster-dbt is told."""

from __future__ import annotations

import os
import re
import subprocess

import duckdb
from packaging import version

from pipelines.dbt_cli import RefreshDbtCliResource
from pipelines.resources import dbt_executable
from pipelines.settings import DBT_PROJECT_DIR
from warehouse.store import BUILD_MEMORY


def test_dbt_version_read_without_a_subprocess_is_what_dbt_reports() -> None:
    # dagster-dbt picks its code path (dbt-core or the fusion engine) by this version.
    reported = subprocess.run([dbt_executable(), "--version"], capture_output=True, text=True, check=True).stdout
    expected = version.parse(re.search(r"(\d+\.\d+\.\d+)", reported).group(1))
    resource = RefreshDbtCliResource(project_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable())
    assert resource._cli_version == expected


def test_dbt_builds_under_the_build_files_memory_budget(tmp_path) -> None:
    # Unbounded, DuckDB inside dbt takes 80% of RAM; a national first build then peaked above 1.5 GiB.
    expected = duckdb.connect(config={"memory_limit": BUILD_MEMORY}).execute(
        "select current_setting('memory_limit')").fetchone()[0]
    for env in ({}, {"ASNWH_DBT_MEMORY_LIMIT": BUILD_MEMORY}):  # the profile's default, and what the asset sets
        proc = subprocess.run(
            [dbt_executable(), "show", "--inline", "select current_setting('memory_limit') as memory_limit",
             "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
             "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
            env={**{k: v for k, v in os.environ.items() if k != "ASNWH_DBT_MEMORY_LIMIT"}, **env,
                 "ASNWH_DBT_DUCKDB_PATH": str(tmp_path / "show.duckdb")},
            capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        assert f"| {expected}" in proc.stdout, proc.stdout[-2000:]
