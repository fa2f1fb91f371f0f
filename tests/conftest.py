"""Fixtures shared across test modules: the bundled sample inputs and one refreshed warehouse built from them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ASNWH = str(Path(sys.executable).parent / "asnwh")


def asnwh_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of an `asnwh` subprocess whose inbox, warehouse and Dagster storage live in `tmp`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASNWH_")}
    env.update(
        DAGSTER_HOME=str(REPO),
        ASNWH_DAGSTER_STORAGE=str(tmp / "dagster"),
        ASNWH_INBOX=str(tmp / "inbox"),
        ASNWH_WAREHOUSE=str(tmp / "warehouse.duckdb"),
        ASNWH_CACHE_DIR=str(tmp / "cache"),
    )
    env.update(extra)
    return env


def run_asnwh(tmp: Path, *args: str, timeout: float = 900, **extra_env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [ASNWH, *args], env=asnwh_env(tmp, **extra_env), cwd=REPO, capture_output=True, text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def sample_inputs(tmp_path_factory) -> Path:
    """The bundled sample inputs, generated once per test process."""
    out = tmp_path_factory.mktemp("samples")
    proc = subprocess.run([ASNWH, "sample-data", str(out)], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="session")
def refreshed(tmp_path_factory, sample_inputs) -> tuple[Path, subprocess.CompletedProcess]:
    """A warehouse refreshed by `asnwh run` on the sample inputs: (its folder, the run's output)."""
    tmp = tmp_path_factory.mktemp("refresh")
    shutil.copytree(sample_inputs, tmp / "inbox")
    proc = run_asnwh(tmp, "run")
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr[-5000:]}"
    return tmp, proc
