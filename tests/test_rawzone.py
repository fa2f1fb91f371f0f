"""Issue 13, the immutable raw zone: SIMPEG rows written once as Parquet beside the live warehouse, a manifest
of live parts in the (small) warehouse file, rollback and a killed refresh, on real DuckDB files and Parquet."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from tests import hostile_inputs as h
from warehouse.rawzone import raw_dir
from warehouse.simpeg_load import load_export, load_exports
from warehouse.store import WarehouseStore

KEY = b"k" * 32
REPO = Path(__file__).resolve().parents[1]


def _refresh(store: WarehouseStore, run_id: str, paths: list[Path]) -> None:
    con = store.connect_build(run_id)
    try:
        load_exports(paths, con, run_id=run_id, pseudonym_key=KEY, raw_root=raw_dir(store.path))
    finally:
        con.close()
    store.publish(run_id)


def _q(path: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _parts(root: Path) -> set[Path]:
    return set((root / "simpeg").glob("*/*.parquet"))


def _serang(tmp: Path, name: str, first: int, count: int) -> Path:
    return h.write_simpeg(tmp / name, [h.nip(i) for i in range(first, first + count)],
                          instansi="Pemerintah Kota Serang")


def _cilegon(tmp: Path) -> Path:
    return h.write_simpeg(tmp / "simpeg_kota_cilegon_2024-12-31.csv", [h.nip(i) for i in range(1, 8)])


def _night1_of_pandeglang_and_cilegon(tmp: Path) -> tuple[WarehouseStore, Path, Path, Path]:
    """A warehouse refreshed once ("night1") from Pandeglang's original export and Cilegon's; returns the store,
    the original, its correction (not loaded yet) and Cilegon's export."""
    store = WarehouseStore(tmp / "wh.duckdb")
    inbox = tmp / "inbox"
    inbox.mkdir()
    original, correction = h.original_and_correction(inbox)
    cilegon = _cilegon(tmp)
    _refresh(store, "night1", [original, cilegon])
    return store, original, correction, cilegon


def test_a_refresh_writes_each_row_once_into_the_zone_of_the_live_warehouse(tmp_path: Path) -> None:
    store = WarehouseStore(tmp_path / "wh.duckdb")
    serang, cilegon = _serang(tmp_path, "simpeg_kota_serang_2024-12-31.csv", 1, 5), _cilegon(tmp_path)
    _refresh(store, "run1", [serang, cilegon])
    root = raw_dir(store.path)
    assert _q(store.path, "SELECT source_file, count(*) FROM raw.simpeg_employees GROUP BY 1 ORDER BY 1") == [
        (cilegon.name, 7), (serang.name, 5)]
    assert _q(store.path, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'simpeg_employees'") == [(1,)]
    manifest = _q(store.path, "SELECT source_file, run_id, rows, parts FROM raw.simpeg_parts ORDER BY 1")
    assert [m[:3] for m in manifest] == [(cilegon.name, "run1", 7), (serang.name, "run1", 5)]
    # The parts the manifest names are the zone's files, beside the live file, not beside the build file.
    named = {root / p for m in manifest for p in m[3]}
    assert named == _parts(root) and all(p.name.startswith("run1-") for p in named)
    assert not raw_dir(store.build_path("run1")).exists()
    assert {p.stat().st_mode & 0o777 for p in named} == {0o640}
    assert (root / "simpeg").stat().st_mode & 0o777 == 0o750
    # Each part holds exactly its export's rows.
    for source_file, _run, rows, parts in manifest:
        files = [str(root / p) for p in parts]
        got = duckdb.sql(f"SELECT DISTINCT source_file, count(*) OVER () FROM read_parquet({files})")
        assert got.fetchall() == [(source_file, rows)]


def test_a_replaced_snapshot_keeps_its_parts_for_rollback_and_other_parts_are_not_rewritten(tmp_path: Path) -> None:
    store, original, correction, cilegon = _night1_of_pandeglang_and_cilegon(tmp_path)
    root = raw_dir(store.path)
    before = {p: p.stat().st_ino for p in _parts(root)}
    first_count = _q(store.path, "SELECT count(*) FROM raw.simpeg_employees "
                                 f"WHERE source_file = '{original.name}'")[0][0]

    _refresh(store, "night2", [correction])
    assert _q(store.path, "SELECT source_file, run_id, count(*) FROM raw.simpeg_employees GROUP BY ALL ORDER BY 1") \
        == [(correction.name, "night2", 28), (cilegon.name, "night1", 7)]
    assert _q(store.path, "SELECT source_file FROM raw.simpeg_parts ORDER BY 1") == [
        (correction.name,), (cilegon.name,)]
    # Nothing of night1 was rewritten or removed; night2 added only the correction's part.
    after = _parts(root)
    assert {p: p.stat().st_ino for p in before} == before
    assert {p.parent.name for p in after - set(before)} == {
        _q(store.path, f"SELECT file_sha256 FROM raw.simpeg_parts WHERE source_file = '{correction.name}'")[0][0]}
    # The previous warehouse still reads the original, from its own parts.
    assert _q(store.previous_path, "SELECT source_file, count(*) FROM raw.simpeg_employees GROUP BY 1 ORDER BY 1") \
        == [(original.name, first_count), (cilegon.name, 7)]
    store.rollback()
    assert _q(store.path, f"SELECT count(*) FROM raw.simpeg_employees WHERE source_file = '{original.name}'") == [
        (first_count,)]


def test_a_refresh_killed_after_writing_parts_leaves_the_live_warehouse_as_it_was(tmp_path: Path) -> None:
    store = WarehouseStore(tmp_path / "wh.duckdb")
    serang = _serang(tmp_path, "simpeg_kota_serang_2024-12-31.csv", 1, 5)
    _refresh(store, "run1", [serang])
    newer = _serang(tmp_path, "simpeg_kota_serang_2025-06-30.csv", 1, 9)
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from warehouse.rawzone import raw_dir
        from warehouse.simpeg_load import load_exports
        from warehouse.store import WarehouseStore
        store = WarehouseStore(Path({str(store.path)!r}))
        con = store.connect_build("killed")
        load_exports([Path({str(newer)!r})], con, run_id="killed", pseudonym_key={KEY!r},
                     raw_root=raw_dir(store.path))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == -9, proc.stderr
    root = raw_dir(store.path)
    assert any(p.name.startswith("killed-") for p in _parts(root)), "the dead run did write its part"
    # Live: the dead run's part is named nowhere.
    assert _q(store.path, "SELECT source_file, count(*) FROM raw.simpeg_employees GROUP BY 1") == [(serang.name, 5)]
    assert _q(store.path, "SELECT count(*) FROM raw.simpeg_parts WHERE run_id = 'killed'") == [(0,)]
    # The next refresh removes the dead build and loads the export itself.
    _refresh(store, "run2", [newer])
    assert _q(store.path, "SELECT as_of_date::VARCHAR, run_id, count(*) FROM raw.simpeg_employees GROUP BY ALL "
                          "ORDER BY 1") == [("2024-12-31", "run1", 5), ("2025-06-30", "run2", 9)]
    assert not store.build_path("killed").exists()


def test_twin_files_in_one_batch_get_parts_of_their_own_and_the_later_wins(tmp_path: Path) -> None:
    a = _serang(tmp_path, "simpeg_kota_serang_2024-12-31.csv", 1, 6)
    (tmp_path / "copy").mkdir()
    b = tmp_path / "copy" / a.name
    shutil.copyfile(a, b)
    db = tmp_path / "wh.duckdb"
    con = duckdb.connect(str(db))
    results = load_exports([a, b], con, run_id="r", pseudonym_key=KEY, names=["a/" + a.name, "b/" + a.name])
    assert [r.status for r in results] == ["superseded", "loaded"]
    assert con.execute("SELECT source_file, count(*) FROM raw.simpeg_employees GROUP BY 1").fetchall() == [
        ("b/" + a.name, 6)]
    # Same content, same run: two parts side by side, neither overwrote the other.
    assert sorted(p.name for p in _parts(raw_dir(db))) == ["r-0.parquet", "r-1.parquet"]


def test_a_view_written_before_the_manifest_gets_one_on_the_next_refresh(tmp_path: Path) -> None:
    store, original, correction, cilegon = _night1_of_pandeglang_and_cilegon(tmp_path)
    root = raw_dir(store.path)
    # What the previous code left: a view over `<sha>/<run>-*.parquet` globs and no manifest.
    con = duckdb.connect(str(store.path))
    live = con.execute("SELECT DISTINCT file_sha256, run_id FROM raw.simpeg_parts ORDER BY ALL").fetchall()
    listing = ", ".join(f"'{root}/simpeg/{sha}/{run}-*.parquet'" for sha, run in live)
    con.execute("DROP TABLE raw.simpeg_parts")
    con.execute(f"CREATE OR REPLACE VIEW raw.simpeg_employees AS SELECT * FROM read_parquet([{listing}])")
    con.close()

    _refresh(store, "night2", [correction])
    assert _q(store.path, "SELECT source_file, run_id, count(*) FROM raw.simpeg_employees GROUP BY ALL ORDER BY 1") \
        == [(correction.name, "night2", 28), (cilegon.name, "night1", 7)]
    manifest = _q(store.path, "SELECT source_file, run_id, rows, parts FROM raw.simpeg_parts ORDER BY 1")
    assert [m[:3] for m in manifest] == [(correction.name, "night2", 28), (cilegon.name, "night1", 7)]
    assert all((root / p).is_file() for m in manifest for p in m[3])


def test_rows_still_in_a_table_become_parts_of_their_own_run_before_a_load(tmp_path: Path) -> None:
    first = tmp_path / "first.duckdb"
    con = duckdb.connect(str(first))
    load_export(_cilegon(tmp_path), con, run_id="old", pseudonym_key=KEY)
    con.close()
    # A warehouse older than the raw zone: the same rows in a table.
    legacy = tmp_path / "legacy.duckdb"
    con = duckdb.connect(str(legacy))
    from warehouse.schema import ensure_schema

    ensure_schema(con)
    con.execute(f"ATTACH '{first}' AS first (READ_ONLY)")
    con.execute("INSERT INTO raw.simpeg_employees SELECT * FROM first.raw.simpeg_employees")
    con.execute("DETACH first")
    load_export(_serang(tmp_path, "simpeg_kota_serang_2024-12-31.csv", 1, 5), con, run_id="new", pseudonym_key=KEY)
    assert con.execute("SELECT run_id, count(*) FROM raw.simpeg_employees GROUP BY 1 ORDER BY 1").fetchall() == [
        ("new", 5), ("old", 7)]
    assert sorted(p.name.split("-")[0] for p in _parts(raw_dir(legacy))) == ["new", "old"]
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'simpeg_employees'").fetchone() == (0,)


def test_an_in_memory_database_is_refused_with_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="in memory.*raw_root"):
        load_export(_cilegon(tmp_path), duckdb.connect(), run_id="r", pseudonym_key=KEY)
    # With a zone given, an in-memory database works.
    con = duckdb.connect()
    load_export(_cilegon(tmp_path), con, run_id="r", pseudonym_key=KEY, raw_root=tmp_path / "zone")
    assert con.execute("SELECT count(*) FROM raw.simpeg_employees").fetchone() == (7,)
    assert os.listdir(tmp_path / "zone" / "simpeg")
