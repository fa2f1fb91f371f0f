"""Configuration from the environment, with safe defaults (docs/operating.md, "Environment")."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from extractors.config import ConfigError, ExtractionConfig

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
DEFAULT_VAR_DIR = REPO_ROOT / "var"


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path
    postgres_dsn: str | None
    mode: str  # demo | production
    extraction: ExtractionConfig = field(default_factory=ExtractionConfig)

    @classmethod
    def from_env(cls, env: os._Environ[str] | dict[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            inbox=Path(env.get("ASNWH_INBOX") or DEFAULT_VAR_DIR / "inbox").resolve(),
            warehouse=Path(env.get("ASNWH_WAREHOUSE") or DEFAULT_VAR_DIR / "warehouse.duckdb").resolve(),
            postgres_dsn=env.get("ASNWH_POSTGRES_DSN") or read_dsn_file(env.get("ASNWH_POSTGRES_DSN_FILE")),
            mode=_mode(env.get("ASNWH_MODE")),
            extraction=ExtractionConfig.from_env(env),
        )


MODES = ("demo", "production")


def _mode(value: str | None) -> str:
    mode = (value or "demo").strip().lower()
    if mode not in MODES:
        # Production refuses the demo pseudonym key; a misspelt "production" must not quietly mean demo.
        raise ConfigError(f"ASNWH_MODE={value!r}: expected one of {', '.join(MODES)}")
    return mode


def extraction_config(env: os._Environ[str] | dict[str, str] | None = None) -> ExtractionConfig:
    """The extraction part of the settings alone: no inbox or DSN file needs to exist to read a document."""
    return ExtractionConfig.from_env(os.environ if env is None else env)


def read_dsn_file(path: str | None) -> str | None:
    """The PostgreSQL DSN kept in a file (owner-readable, like ~/.pgpass): never on a command line, where
    every local user sees it in `ps`. Comment lines (#) and blank lines are skipped."""
    if not path:
        return None
    for line in Path(path).expanduser().read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.strip()
    raise ValueError(f"{path}: no DSN in the file")


def prepare_dagster_home() -> None:
    """Point Dagster at the repository's dagster.yaml and keep its storage under var/ unless told otherwise."""
    os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT))
    os.environ.setdefault("ASNWH_DAGSTER_STORAGE", str(DEFAULT_VAR_DIR / "dagster"))


def workspace_env(root: Path, **extra: str) -> dict[str, str]:
    """The environment of an `asnwh` process whose inbox, warehouse, Dagster storage and cache all live
    under `root` (tests and benchmarks run many such isolated refreshes side by side)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASNWH_")}
    env.update(
        DAGSTER_HOME=str(REPO_ROOT),
        ASNWH_DAGSTER_STORAGE=str(root / "dagster"),
        ASNWH_INBOX=str(root / "inbox"),
        ASNWH_WAREHOUSE=str(root / "warehouse.duckdb"),
        ASNWH_CACHE_DIR=str(root / "cache"),
    )
    env.update(extra)
    return env
