"""The refresh's dbt CLI resource: what it skips to start faster must not change what dagster-dbt is told."""

from __future__ import annotations

import re
import subprocess

from packaging import version

from pipelines.dbt_cli import RefreshDbtCliResource
from pipelines.resources import dbt_executable
from pipelines.settings import DBT_PROJECT_DIR


def test_dbt_version_read_without_a_subprocess_is_what_dbt_reports() -> None:
    # dagster-dbt picks its code path (dbt-core or the fusion engine) by this version.
    reported = subprocess.run([dbt_executable(), "--version"], capture_output=True, text=True, check=True).stdout
    expected = version.parse(re.search(r"(\d+\.\d+\.\d+)", reported).group(1))
    resource = RefreshDbtCliResource(project_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable())
    assert resource._cli_version == expected
