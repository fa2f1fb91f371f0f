"""Load many exports at once: one DuckDB cursor per worker thread.

A regional export is ~10k rows, below DuckDB's 122,880-row group, so one file never keeps both cores busy;
two files at a time do. DuckDB appends from concurrent transactions without conflict; a conflict (two
exports of the same agency and date in one batch) is retried after the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from extractors.errors import UnreadableFileError
from extractors.simpeg.loader import LoadReport, load_one
from warehouse.schema import ensure_schema

log = logging.getLogger(__name__)
_BATCH_CHECKPOINT = "1GB"


def load_exports(
    paths: Sequence[str | Path],
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    pseudonym_key: bytes,
    file_sha256s: Sequence[str | None] | None = None,
    workers: int = 2,
    on_file_done: Callable[[str], None] | None = None,
) -> list[LoadReport | UnreadableFileError]:
    """load_export for each path, `workers` at a time; per path its LoadReport or the UnreadableFileError
    (already recorded in audit.file_loads). Results are in the order of `paths`. `on_file_done(name)` is
    called after each file (from the worker threads), for a progress display."""
    ensure_schema(con)
    shas = list(file_sha256s) if file_sha256s is not None else [None] * len(paths)
    results: list[LoadReport | UnreadableFileError | None] = [None] * len(paths)
    retry: list[int] = []

    def work(indexes: list[int]) -> None:
        cursor = con.cursor()
        try:
            for i in indexes:
                try:
                    results[i] = load_one(Path(paths[i]), cursor, run_id=run_id, pseudonym_key=pseudonym_key,
                                          file_sha256=shas[i], tune_threads=False)
                except UnreadableFileError as exc:
                    results[i] = exc
                except duckdb.TransactionException:
                    retry.append(i)
                    continue
                if on_file_done:
                    on_file_done(Path(paths[i]).name)
        finally:
            cursor.close()

    # Largest first, dealt round-robin, so the workers finish together.
    order = sorted(range(len(paths)), key=lambda i: -_size(paths[i]))
    lanes = [order[w::workers] for w in range(max(1, workers))]
    # DuckDB checkpoints whenever the WAL passes 16 MB, i.e. after every second 10k-row export, and those
    # checkpoints were 40% of the CPU of a national load. Checkpoint once per ~1 GB instead, and at the end.
    threshold = con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()[0]
    con.execute(f"SET checkpoint_threshold = '{_BATCH_CHECKPOINT}'")
    try:
        with ThreadPoolExecutor(max_workers=len(lanes)) as pool:
            list(pool.map(work, lanes))
    finally:
        con.execute(f"SET checkpoint_threshold = '{threshold}'")
    for i in retry:
        try:
            results[i] = load_one(Path(paths[i]), con, run_id=run_id, pseudonym_key=pseudonym_key,
                                  file_sha256=shas[i], tune_threads=False)
        except UnreadableFileError as exc:
            results[i] = exc
        if on_file_done:
            on_file_done(Path(paths[i]).name)
    _keep_last_of_each_snapshot(con, run_id, results)
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:  # another writer is active; DuckDB will checkpoint later by itself
        log.info("no checkpoint after the SIMPEG batch: %s", exc)
    return results  # type: ignore[return-value]


def _keep_last_of_each_snapshot(
    con: duckdb.DuckDBPyConnection, run_id: str, results: list[LoadReport | UnreadableFileError | None]
) -> None:
    """Two exports of one agency and date loaded concurrently both got in (appends do not conflict); keep
    the later one in `paths` order, as a sequential load would have."""
    latest: dict[tuple[str, object], str] = {}
    for report in results:
        if isinstance(report, LoadReport):
            latest[(report.agency_name or report.region_name or report.file, report.as_of_date)] = report.file
    for report in results:
        if not isinstance(report, LoadReport):
            continue
        key = (report.agency_name or report.region_name or report.file, report.as_of_date)
        if latest[key] != report.file:
            con.execute("DELETE FROM raw.simpeg_employees WHERE run_id = ? AND source_file = ? AND as_of_date = ?",
                        [run_id, report.file, report.as_of_date])


def _size(path: str | Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0
