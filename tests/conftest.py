"""Fixtures shared across test modules: the bundled sample inputs and one refreshed warehouse built from them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.settings import workspace_env

REPO = Path(__file__).resolve().parents[1]
ASNWH = str(Path(sys.executable).parent / "asnwh")


def asnwh_env(tmp: Path, **extra: str) -> dict[str, str]:
    return workspace_env(tmp, **extra)


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
