"""The warehouse store: build-then-swap, rollback, and the refresh lock, on real DuckDB files."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from warehouse.store import RefreshAlreadyRunning, WarehouseStore


def _write_marker(store: WarehouseStore, run_id: str, value: int) -> None:
    con = store.connect_build(run_id)
    try:
        con.execute("CREATE OR REPLACE TABLE marts.marker AS SELECT ? AS v", [value])
    finally:
        con.close()


def _marker(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select v from marts.marker").fetchone()[0]
    finally:
        con.close()


def test_publish_swaps_in_the_build_and_keeps_the_previous(tmp_path: Path) -> None:
    store = WarehouseStore(tmp_path / "wh.duckdb")
    _write_marker(store, "run1", 1)
    assert not store.path.exists(), "nothing is live before the first publish"
    store.publish("run1")
    assert _marker(store.path) == 1

    _write_marker(store, "run2", 2)
    assert _marker(store.path) == 1, "a build in progress must not change the live file"
    store.publish("run2")
    assert _marker(store.path) == 2
    assert _marker(store.previous_path) == 1
    assert not store.build_path("run2").exists()

    store.rollback()
    assert _marker(store.path) == 1


def test_build_starts_from_the_live_warehouse(tmp_path: Path) -> None:
    store = WarehouseStore(tmp_path / "wh.duckdb")
    _write_marker(store, "a", 7)
    store.publish("a")
    con = store.connect_build("b")
    try:
        assert con.execute("select v from marts.marker").fetchone()[0] == 7
        audit = "select table_name from duckdb_tables() where schema_name = 'audit'"
        tables = {r[0] for r in con.execute(audit).fetchall()}
        assert {"file_loads", "quarantine", "dq_results", "runs"} <= tables
    finally:
        con.close()


def test_reader_of_the_old_file_keeps_working_across_a_swap(tmp_path: Path) -> None:
    store = WarehouseStore(tmp_path / "wh.duckdb")
    _write_marker(store, "a", 1)
    store.publish("a")
    reader = duckdb.connect(str(store.path), read_only=True)
    try:
        _write_marker(store, "b", 2)
        store.publish("b")
        assert reader.execute("select v from marts.marker").fetchone()[0] == 1
    finally:
        reader.close()
    assert _marker(store.path) == 2


def test_discarded_and_stale_builds_are_removed(tmp_path: Path) -> None:
    store = WarehouseStore(tmp_path / "wh.duckdb")
    _write_marker(store, "dead", 1)
    assert store.build_path("dead").exists()
    store.begin_build("next")  # a new run under the lock clears builds of dead runs
    assert not store.build_path("dead").exists()
    store.discard("next")
    assert not store.build_path("next").exists()


def test_second_refresh_is_refused_while_another_process_holds_the_lock(tmp_path: Path) -> None:
    store = WarehouseStore(tmp_path / "wh.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from warehouse.store import WarehouseStore
            with WarehouseStore(Path({str(store.path)!r})).run_lock():
                print("locked", flush=True)
                time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(RefreshAlreadyRunning, match="another refresh"):
            with store.run_lock(wait_s=0.5):
                pass
    finally:
        holder.kill()
        holder.wait()
    # The kernel released the dead holder's lock.
    with store.run_lock(wait_s=5):
        pass


def test_run_lock_is_taken_once_a_second_take_refuses_instead_of_deadlocking(tmp_path: Path) -> None:
    store = WarehouseStore(tmp_path / "wh.duckdb")
    with store.run_lock():
        with pytest.raises(RefreshAlreadyRunning, match="another refresh"):
            with store.run_lock(wait_s=0.3):
                pass
    with store.run_lock():  # released on exit
        pass


def test_the_build_connection_has_the_refresh_memory_limit(tmp_path: Path) -> None:
    # 1 GB (10^9 bytes) as DuckDB reports it; every cursor of the connection shares the limit, so the
    # quality checks and loads that run on cursors spill to disk past it instead of growing the refresh.
    store = WarehouseStore(tmp_path / "wh.duckdb")
    con = store.connect_build("run1")
    try:
        assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "953.6 MiB"
        assert con.cursor().execute("SELECT current_setting('memory_limit')").fetchone()[0] == "953.6 MiB"
    finally:
        con.close()
