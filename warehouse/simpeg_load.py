"""Loading SIMPEG exports into a warehouse connection: the readers (extractors.simpeg) stage checked rows,
warehouse.writer writes them; this module only decides what is read how and in which order.

CSV exports that share a header layout go through the set-based path (extractors.simpeg.setload): one read,
one set of checks and one transaction per layout and chunk, which keeps both cores busy whatever the file
sizes. The rest (XLSX, Windows-1252, files the one-pass read cannot vouch for) load one by one
(extractors.simpeg.loader.stage_export), one DuckDB cursor per worker thread: DuckDB appends from
concurrent transactions without conflict; a conflict (two exports of the same agency and date in one
batch) is retried after the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from extractors.errors import UnreadableFileError
from extractors.file_identity import file_sha256
from extractors.simpeg import reasons, setload
from extractors.simpeg.loader import stage_export
from extractors.simpeg.results import LoadReport, UnloadableExport
from warehouse import rawzone, writer
from warehouse.schema import ensure_schema
from warehouse.store import BUILD_MEMORY

log = logging.getLogger(__name__)
_BATCH_CHECKPOINT = "1GB"


def load_export(
    path: str | Path,
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    pseudonym_key: bytes,
    file_sha256: str | None = None,
    name: str | None = None,
    raw_root: Path | None = None,
) -> LoadReport:
    """Load one export as a snapshot; replaces an earlier load of the same agency and as-of date.

    `name` is the file's identity in the warehouse (its path inside the inbox; default the file name).
    `raw_root` is the Parquet raw zone the rows go to (warehouse/rawzone.py; default the one beside the
    connection's database file, refused for an in-memory database).

    Raises UnreadableFileError (after recording a failed audit.file_loads row) when the file cannot be
    read or lacks a required column; row-level problems go to audit.quarantine instead.
    """
    root = raw_root or rawzone.root_of(con)
    ensure_schema(con)
    rawzone.prepare(con, root)
    try:
        return load_one(Path(path), con, run_id=run_id, pseudonym_key=pseudonym_key, file_sha256=file_sha256,
                        tune_threads=True, name=name, raw_root=root)
    finally:
        rawzone.publish_view(con)


def load_one(
    path: Path, con: duckdb.DuckDBPyConnection, *, run_id: str, pseudonym_key: bytes,
    file_sha256: str | None, tune_threads: bool, raw_root: Path, name: str | None = None,
    note_superseded: bool = True,
) -> LoadReport:
    """load_export without ensure_schema: stage the export, write it (or its failure). `tune_threads` as in
    stage_export. Without `note_superseded` the caller records the files this load replaced
    (report.superseded) itself, once every concurrent load has committed."""
    if not pseudonym_key:
        raise ValueError("pseudonym_key is empty; use extractors.simpeg.resolve_pseudonym_key")
    try:
        staged = stage_export(path, con, name=name, file_sha256=file_sha256, tune_threads=tune_threads)
    except UnloadableExport as exc:
        writer.record_simpeg_failure(con, run_id, exc)
        raise
    try:
        superseded = writer.write_simpeg_export(con, staged, run_id=run_id, pseudonym_key=pseudonym_key,
                                                raw_root=raw_root, note_superseded=note_superseded)
    except duckdb.TransactionException:
        raise  # a concurrent writer won; load_exports retries the file
    except duckdb.Error as exc:
        # The staged rows did not fit the table (data, not code): this file fails, not the run.
        err = UnloadableExport(path, f"load failed: {str(exc).splitlines()[0]}", reasons.FILE_LOAD_ERROR,
                               name=staged.name, sha=staged.sha, rows_in=staged.rows_in)
        writer.record_simpeg_failure(con, run_id, err)
        raise err from exc
    finally:
        for table in staged.temp_tables:
            con.execute(f"DROP TABLE IF EXISTS {table}")
    log.info("%s: %d rows in, %d loaded, %d quarantined", staged.name, staged.rows_in, staged.rows_loaded,
             staged.rows_quarantined)
    return staged.report(superseded)


def load_exports(
    paths: Sequence[str | Path],
    con: duckdb.DuckDBPyConnection,
    *,
    run_id: str,
    pseudonym_key: bytes,
    file_sha256s: Sequence[str | None] | None = None,
    names: Sequence[str | None] | None = None,
    workers: int = 2,
    on_file_done: Callable[[str], None] | None = None,
    raw_root: Path | None = None,
) -> list[LoadReport | UnreadableFileError]:
    """load_export for each path, `workers` at a time; per path its LoadReport or the UnreadableFileError
    (already recorded in audit.file_loads). Results are in the order of `paths`. `names` are the files'
    identities (paths inside the inbox; default their file names). `on_file_done(name)` is called after each
    file (from the worker threads), for a progress display. `raw_root` as in load_export: a refresh passes
    the zone of the LIVE warehouse (its build file lives elsewhere)."""
    ensure_schema(con)
    if not paths:
        return []
    root = raw_root or rawzone.root_of(con)
    rawzone.prepare(con, root)
    memory = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    # A batch load writes the same build file as the publish step, under the same budget.
    con.execute(f"SET memory_limit = '{BUILD_MEMORY}'")
    try:
        return _load_exports(paths, con, run_id=run_id, pseudonym_key=pseudonym_key, file_sha256s=file_sha256s,
                             names=names, workers=workers, on_file_done=on_file_done, raw_root=root)
    finally:
        con.execute(f"SET memory_limit = '{memory}'")
        # Once per batch: the view names the parts of the manifest as the batch left it.
        rawzone.publish_view(con)


def _load_exports(
    paths: Sequence[str | Path], con: duckdb.DuckDBPyConnection, *, run_id: str, pseudonym_key: bytes,
    file_sha256s: Sequence[str | None] | None, names: Sequence[str | None] | None, workers: int,
    on_file_done: Callable[[str], None] | None, raw_root: Path,
) -> list[LoadReport | UnreadableFileError]:
    shas = list(file_sha256s) if file_sha256s is not None else [None] * len(paths)
    labels = list(names) if names is not None else [None] * len(paths)
    results: list[LoadReport | UnreadableFileError | None] = [None] * len(paths)
    retry: list[int] = []
    one_by_one = _load_sets(con, paths, shas, labels, results, run_id=run_id, pseudonym_key=pseudonym_key,
                            on_file_done=on_file_done, raw_root=raw_root)

    def work(indexes: list[int]) -> None:
        cursor = con.cursor()
        try:
            for i in indexes:
                try:
                    results[i] = load_one(Path(paths[i]), cursor, run_id=run_id, pseudonym_key=pseudonym_key,
                                          file_sha256=shas[i], tune_threads=False, name=labels[i],
                                          note_superseded=False, raw_root=raw_root)
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
    order = sorted(one_by_one, key=lambda i: -_size(paths[i]))
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
                                  file_sha256=shas[i], tune_threads=False, name=labels[i], note_superseded=False,
                                  raw_root=raw_root)
        except UnreadableFileError as exc:
            results[i] = exc
        if on_file_done:
            on_file_done(Path(paths[i]).name)
    winners = _keep_last_of_each_snapshot(con, run_id, results, lambda i: load_one(
        Path(paths[i]), con, run_id=run_id, pseudonym_key=pseudonym_key, file_sha256=shas[i], tune_threads=False,
        name=labels[i], note_superseded=False, raw_root=raw_root))
    # Files of earlier runs whose snapshot a file of this batch replaced (never one of this batch's winners).
    for report in results:
        if isinstance(report, LoadReport) and report.status == "loaded":
            for replaced in report.superseded or ():
                if replaced not in winners:
                    writer.record_superseded(con, run_id, replaced, report.file, report.snapshot_key)
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:  # another writer is active; DuckDB will checkpoint later by itself
        log.info("no checkpoint after the SIMPEG batch: %s", exc)
    return results  # type: ignore[return-value]


def _load_sets(
    con: duckdb.DuckDBPyConnection, paths: Sequence[str | Path], shas: list[str | None],
    labels: list[str | None], results: list, *, run_id: str, pseudonym_key: bytes,
    on_file_done: Callable[[str], None] | None, raw_root: Path,
) -> list[int]:
    """Load what the set-based path can take into `results`; return the indexes left for one-by-one."""
    cands, rest = [], []
    for i, p in enumerate(paths):
        path = Path(p)
        name = labels[i] or path.name
        c = setload.candidate(i, path, name, shas[i] or "")
        if c is None:
            rest.append(i)
            continue
        if not c.sha:
            c.sha = shas[i] = file_sha256(path)
        cands.append(c)
    for members in setload.groups(cands):
        group = None
        try:
            group, back = setload.stage_group(con, members, run_id=run_id)
            if group is not None:
                writer.write_simpeg_group(con, group, run_id=run_id, pseudonym_key=pseudonym_key,
                                          shas={c.name: c.sha for c in members}, raw_root=raw_root)
                for index, report in group.reports.items():
                    results[index] = report
                    if on_file_done:
                        on_file_done(Path(paths[index]).name)
        except duckdb.Error as exc:
            # Data the one-pass SQL did not expect: the one-file path reports it per file.
            log.warning("set-based load of %d exports failed (%s); loading them one by one", len(members),
                        str(exc).splitlines()[0])
            back = [c for c in members if results[c.index] is None]
        finally:
            if group is not None:
                group.drop(con)
        rest += [c.index for c in back]
    return sorted(rest)


def _keep_last_of_each_snapshot(
    con: duckdb.DuckDBPyConnection, run_id: str, results: list[LoadReport | UnreadableFileError | None],
    reload: Callable[[int], LoadReport],
) -> set[str]:
    """Several exports of one snapshot in a batch: keep the last one in `paths` order, as a sequential load
    would have, and record the others as superseded by it. Loaded concurrently, both got in (appends do
    not conflict); loaded one after the other in the wrong order, the winner's rows were replaced by the
    loser's, and the winner is loaded again. Returns the winners' file names."""
    groups: dict[str, list[int]] = {}
    for i, report in enumerate(results):
        if isinstance(report, LoadReport) and report.status == "loaded":
            groups.setdefault(report.snapshot_key, []).append(i)
    winners = {results[idxs[-1]].file for idxs in groups.values()}  # type: ignore[union-attr]
    for key, idxs in groups.items():
        if len(idxs) < 2:
            continue
        win = idxs[-1]
        winner = results[win].file  # type: ignore[union-attr]
        if not writer.holds_snapshot(con, run_id, winner, key):
            # Its audit row describes a load that was undone; the reload writes the true one.
            writer.undo_file_load(con, run_id, winner)
            try:
                results[win] = reload(win)
            except UnreadableFileError as exc:
                results[win] = exc
        for i in idxs[:-1]:
            loser = results[i]
            writer.drop_snapshot_rows(con, run_id, loser.file, key)  # type: ignore[union-attr]
            writer.record_superseded(con, run_id, loser.file, winner, key)  # type: ignore[union-attr]
            loser.status = "superseded"  # type: ignore[union-attr]
    return winners


def _size(path: str | Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0
