"""The dbt CLI resource of the refresh, and what keeps its start-up short.

Each `dbt build` used to parse the whole project again (about 10 s under load) because nothing made dbt's
partial parsing apply: dagster-dbt gives every invocation a fresh target folder, and dbt throws its saved
parse away when the connection details change, and the DuckDB path was the per-run build file. So dbt gets
one stable path per warehouse (a symbolic link, in the owner-only build folder, to this run's build file),
and the saved parse for that path is carried from one refresh to the next. dbt itself checks the saved
parse against the project's files, vars and profile, and parses again whenever any of them changed.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource
from packaging import version

from warehouse.store import WarehouseStore

PARTIAL_PARSE = "partial_parse.msgpack"


class RefreshDbtCliResource(DbtCliResource):
    """dagster-dbt's resource without the in-process dbt adapter it opens before every command: that handle
    only serves column metadata and row counts, which this project does not fetch, and costs seconds."""

    def _initialize_dbt_core_adapter(self, args):  # noqa: ANN001, ANN202 - overrides dagster-dbt's
        return None

    @functools.cached_property
    def _cli_version(self) -> version.Version:
        """dagster-dbt asks `dbt --version` in a subprocess before every command (about 2 s of imports). The
        dbt of this environment is the installed dbt-core package, whose version the package metadata
        says; any other executable is still asked."""
        if Path(self.dbt_executable).parent.resolve() == (Path(sys.prefix) / "bin").resolve():
            try:
                return version.parse(importlib.metadata.version("dbt-core"))
            except importlib.metadata.PackageNotFoundError:
                pass
        return DbtCliResource._cli_version.func(self)


def dbt_link(store: WarehouseStore) -> Path:
    """The stable path dbt opens for this warehouse's builds."""
    return store.build_dir / f"{store.path.stem}.dbt.duckdb"


def point_dbt_link(store: WarehouseStore, build: Path) -> Path:
    """Point the warehouse's dbt path at `build`, dropping a WAL a killed dbt may have left beside the link
    (it belongs to an earlier build file and must never be replayed into this one)."""
    link = dbt_link(store)
    for stale in (link, link.with_name(link.name + ".wal")):
        if stale.is_symlink() or stale.exists():
            stale.unlink()
    os.symlink(build, link)
    return link


def release_dbt_link(link: Path) -> None:
    """Remove the link after dbt; a WAL beside it means dbt's last writes are not in the build file."""
    wal = link.with_name(link.name + ".wal")
    link.unlink(missing_ok=True)
    if wal.exists():
        wal.unlink()
        raise RuntimeError(f"dbt left a write-ahead log at {wal} instead of checkpointing into the build file")


def _saved_parse(project_target: Path, link: Path) -> Path:
    key = hashlib.sha256(str(link).encode()).hexdigest()[:16]
    return project_target / "partial-parse" / f"{key}.msgpack"


def restore_partial_parse(project_target: Path, link: Path, invocation_target: Path) -> bool:
    """Put the parse saved by the last build through `link` into the new invocation's target folder."""
    saved = _saved_parse(project_target, link)
    if not saved.is_file():
        return False
    invocation_target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(saved, invocation_target / PARTIAL_PARSE)
    return True


def keep_partial_parse(project_target: Path, link: Path, invocation_target: Path) -> None:
    made = invocation_target / PARTIAL_PARSE
    if not made.is_file():
        return
    saved = _saved_parse(project_target, link)
    saved.parent.mkdir(parents=True, exist_ok=True)
    tmp = saved.with_name(f".{saved.name}.{os.getpid()}.tmp")
    shutil.copyfile(made, tmp)
    os.replace(tmp, saved)
