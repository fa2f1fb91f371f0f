"""Where the warehouse lives and how a refresh replaces it.

A refresh never writes the live file. It copies the last good warehouse into a build file (so documents,
audit history and the derived tables carry over; SIMPEG rows are a view over the Parquet raw zone,
warehouse/rawzone.py, which the loaders write directly, so the file is small), writes and builds there,
and publishes with an atomic rename. Readers that opened the old file keep reading the old inode; the
previous good file is kept for rollback. A run that fails or is killed leaves only a stale build file, which
the next run removes.

A refresh never opens the live file either, not even read-only: DuckDB takes a file lock on open, and an
analyst's read-write connection (the DuckDB CLI's default) holds an exclusive one, which would make the
refresh fail with "Conflicting lock is held". What the refresh needs to read from the last good warehouse it
opens read-only, or, when another process holds the file's lock, reads from a private copy (`read_live`):
copying needs no lock, and the swap is a rename, which an open connection on the old file does not prevent.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.schema import ensure_schema

# The warehouse holds personal data in its raw zone: owner read-write, group read, nobody else; the build
# folder (copies and their WAL files) is the owner's alone.
FILE_MODE = 0o640
BUILD_DIR_MODE = 0o700
# DuckDB's memory on every connection a refresh writes through: the build file (SIMPEG loads, quality checks,
# dbt's reads of the raw zone, the raw zone's Parquet writes) and the compaction; what does not fit spills to DuckDB's
# temp folder beside the file. One budget for all: DuckDB refuses a second connection to a file opened with
# another configuration, and the whole refresh process must stay within 1.5 GiB (issue 13).
BUILD_MEMORY = "1GB"


def _create_private(path: Path) -> None:
    """Create `path` empty with FILE_MODE before anything is written into it (no world-readable window)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)


def copy_database(src: Path, dst: Path) -> None:
    """Copy a DuckDB file and its WAL (if any) to `dst`, created with FILE_MODE before any byte is written:
    the one way a warehouse file is copied (a private read copy, a build file)."""
    _create_private(dst)
    shutil.copyfile(src, dst)  # writes into the existing file and keeps its mode
    wal = src.with_name(src.name + ".wal")
    if wal.exists():
        _create_private(dst.with_name(dst.name + ".wal"))
        shutil.copyfile(wal, dst.with_name(dst.name + ".wal"))


@contextmanager
def read_live(live: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection on the live warehouse for the refresh's own reads of the last good warehouse.

    When another process holds the file open read-write (an analyst's DuckDB CLI), the connection is on a
    private copy of the file and its WAL instead, removed afterwards: the refresh never waits on, or fails
    because of, a reader.
    """
    try:
        con = duckdb.connect(str(live), read_only=True)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
    else:
        try:
            yield con
        finally:
            con.close()
        return
    with tempfile.TemporaryDirectory(prefix="asnwh-live-", dir=live.parent) as tmp:
        # The copy keeps the live file's name: views that qualify tables with the catalog name resolve.
        copy = Path(tmp) / live.name
        copy_database(live, copy)
        con = duckdb.connect(str(copy), read_only=True)
        try:
            yield con
        finally:
            con.close()


def _compact(path: Path) -> None:
    """Rewrite the DuckDB file at `path` without its free blocks (a new file, renamed over it)."""
    fresh = path.with_name(path.name + ".compact")
    fresh.unlink(missing_ok=True)
    con = duckdb.connect(str(path), config={"memory_limit": BUILD_MEMORY})
    try:
        name = con.execute("SELECT current_database()").fetchone()[0]
        con.execute(f"ATTACH '{fresh}' AS compacted")
        con.execute(f'COPY FROM DATABASE "{name}" TO compacted')
        con.execute("DETACH compacted")
    finally:
        con.close()
    os.chmod(fresh, FILE_MODE)
    os.replace(fresh, path)


class RefreshAlreadyRunning(RuntimeError):
    """Another refresh holds the warehouse."""


@dataclass(frozen=True)
class WarehouseStore:
    path: Path

    @property
    def previous_path(self) -> Path:
        return self.path.with_name(self.path.name + ".previous")

    @property
    def build_dir(self) -> Path:
        return self.path.parent / ".build"

    def build_path(self, run_id: str) -> Path:
        return self.build_dir / f"{self.path.stem}.{run_id}.duckdb"

    # --- locking ------------------------------------------------------------------------------------

    @contextmanager
    def run_lock(self, wait_s: float = 0.0) -> Iterator[None]:
        """Hold the refresh lock for a whole run; a second run waits up to `wait_s`, then refuses.

        flock is released by the kernel when the holder dies, so a SIGKILLed run never leaves it stuck. It is
        taken once per run (by `asnwh run`, or by the Dagster resource of a run started elsewhere); a second
        take, in this process too, waits and then refuses.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_path = self.path.with_name(self.path.name + ".run.lock")
        with open(lock_path, "a+") as handle:
            deadline = time.monotonic() + wait_s
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        handle.seek(0)
                        holder = handle.read().strip() or "unknown"
                        raise RefreshAlreadyRunning(
                            f"another refresh of {self.path} is running ({holder}); try again when it ends"
                        ) from None
                    time.sleep(0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # --- build and publish --------------------------------------------------------------------------

    def begin_build(self, run_id: str) -> Path:
        """Return the run's build file, creating it from the live warehouse on first use."""
        build = self.build_path(run_id)
        if build.exists():
            return build
        self.build_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.build_dir, BUILD_DIR_MODE)
        self._remove_stale_builds(keep=build)
        tmp = build.with_suffix(".copying")
        if self.path.exists():
            copy_database(self.path, tmp)
        # A new file is created by DuckDB (it refuses an empty one) inside the owner-only build folder, and
        # gets its mode right away.
        con = duckdb.connect(str(tmp))
        os.chmod(tmp, FILE_MODE)
        try:
            ensure_schema(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, build)
        return build

    def connect_build(self, run_id: str) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.begin_build(run_id)), config={"memory_limit": BUILD_MEMORY})

    def publish(self, run_id: str) -> Path:
        """Swap the run's build file in as the live warehouse, keeping the old one as `.previous`."""
        build = self.build_path(run_id)
        if not build.exists():
            raise FileNotFoundError(f"run {run_id} has no build file at {build}")
        con = duckdb.connect(str(build), config={"memory_limit": BUILD_MEMORY})
        try:
            # SIMPEG rows are already Parquet in the raw zone (the writers put them there); the file holds
            # the derived tables, the manifest and the view.
            con.execute("CHECKPOINT")
            free, total = con.execute("SELECT free_blocks, total_blocks FROM pragma_database_size()").fetchone()
        finally:
            con.close()
        if total and free > total // 2:
            # Mostly free blocks (derived tables rebuilt, or a warehouse older than the raw zone whose SIMPEG
            # table became Parquet): DuckDB does not shrink a file, so the tables are copied into a fresh one,
            # and the next refresh copies that small file.
            _compact(build)
        if self.path.exists():
            # A hard link keeps the live name valid throughout; only then is the new file renamed over it.
            if self.previous_path.exists():
                self.previous_path.unlink()
            os.link(self.path, self.previous_path)
        os.replace(build, self.path)
        return self.path

    def discard(self, run_id: str) -> None:
        for p in (self.build_path(run_id), self.build_path(run_id).with_suffix(".copying")):
            p.unlink(missing_ok=True)
            p.with_name(p.name + ".wal").unlink(missing_ok=True)

    def rollback(self) -> Path:
        """Put the previous good warehouse back."""
        if not self.previous_path.exists():
            raise FileNotFoundError(f"no previous warehouse at {self.previous_path}")
        tmp = self.path.with_name(self.path.name + ".rollback")
        # A published file is checkpointed: no WAL to carry.
        _create_private(tmp)
        shutil.copyfile(self.previous_path, tmp)
        os.replace(tmp, self.path)
        return self.path

    def _remove_stale_builds(self, keep: Path | None) -> None:
        # Only called under the run lock, so any other build file belongs to a dead run.
        if not self.build_dir.is_dir():
            return
        for stale in self.build_dir.glob(f"{self.path.stem}.*"):
            if keep is None or not stale.name.startswith(keep.stem + "."):
                stale.unlink(missing_ok=True)

    def remove_stale_builds(self, current_run_id: str | None = None) -> None:
        """Remove the build files of dead runs (a killed refresh leaves its copy of the warehouse, personal
        data included, in `.build/`). Call under the run lock, on every run: also one with nothing to build."""
        self._remove_stale_builds(keep=self.build_path(current_run_id) if current_run_id else None)
        # Warehouses written by older versions were world-readable.
        for existing in (self.path, self.previous_path):
            if existing.exists() and existing.stat().st_mode & 0o777 != FILE_MODE:
                os.chmod(existing, FILE_MODE)
