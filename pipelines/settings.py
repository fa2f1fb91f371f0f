"""Configuration from the environment, with safe defaults (DESIGN.md, "The command line")."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
DEFAULT_VAR_DIR = REPO_ROOT / "var"


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path
    postgres_dsn: str | None
    mode: str  # demo | production

    @classmethod
    def from_env(cls, env: os._Environ[str] | dict[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            inbox=Path(env.get("ASNWH_INBOX") or DEFAULT_VAR_DIR / "inbox").resolve(),
            warehouse=Path(env.get("ASNWH_WAREHOUSE") or DEFAULT_VAR_DIR / "warehouse.duckdb").resolve(),
            postgres_dsn=env.get("ASNWH_POSTGRES_DSN") or None,
            mode=(env.get("ASNWH_MODE") or "demo").lower(),
        )


def prepare_dagster_home() -> None:
    """Point Dagster at the repository's dagster.yaml and keep its storage under var/ unless told otherwise."""
    os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT))
    os.environ.setdefault("ASNWH_DAGSTER_STORAGE", str(DEFAULT_VAR_DIR / "dagster"))
