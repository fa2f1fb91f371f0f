"""The whole product end to end: `asnwh run` on the bundled samples, through Dagster, dbt and the swap."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.dbt_manifest import ensure_manifest
from tests.conftest import ASNWH, REPO, asnwh_env, run_asnwh
from tests.test_dbt_selection import marts_rows
from tests.test_marts_build import dbt_build

pytestmark = pytest.mark.xdist_group("pipeline")


def _env(tmp: Path) -> dict[str, str]:
    return asnwh_env(tmp)


def _run(tmp: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return run_asnwh(tmp, *args, timeout=timeout)


def _query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_run_prints_the_warehouse_and_a_per_region_summary(refreshed) -> None:
    tmp, proc = refreshed
    assert f"warehouse: {tmp / 'warehouse.duckdb'}" in proc.stdout
    for region in ("Provinsi Banten", "Kota Serang", "Kota Bekasi"):
        assert region in proc.stdout


def test_the_refresh_builds_and_tests_the_models_without_dbt_unit_tests(refreshed) -> None:
    # Unit tests check model logic on fixed rows; tests/test_marts_build.py runs them, the nightly build does not.
    tmp, proc = refreshed
    log = next(line.split(":", 1)[1].strip() for line in proc.stdout.splitlines() if line.startswith("log:"))
    text = Path(log).read_text(encoding="utf-8")
    assert "OK created sql table model marts.fct_asn_composition" in text
    assert "PASS not_null_" in text
    finished = [line for line in text.splitlines() if "Finished running" in line]
    assert finished and all("unit test" not in line for line in finished), finished
    assert "START unit_test" not in text
    # dbt's own log file keeps warnings only (its debug level, every statement, cost 15% of a build).
    run_id = next(line.split(":", 1)[1].strip() for line in proc.stdout.splitlines() if line.startswith("run:"))
    dbt_logs = list((REPO / "dbt_project" / "target" / "dagster").glob(f"build-{run_id[:8]}-*/dbt.log"))
    assert dbt_logs
    levels = {json.loads(line)["info"]["level"] for p in dbt_logs
              for line in p.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert levels <= {"warn", "error"}, levels


def test_composition_has_rows_for_at_least_three_regions_from_both_sources(refreshed) -> None:
    tmp, _ = refreshed
    wh = tmp / "warehouse.duckdb"
    regions = _query(wh, "select count(distinct region_name) from marts.fct_asn_composition")[0][0]
    assert regions >= 3
    sources = {r[0] for r in _query(wh, "select distinct source from marts.fct_asn_composition")}
    assert sources == {"document", "simpeg"}
    # Document rows carry their page; every region with a document row has a Kemendagri code.
    missing = _query(
        wh,
        """select count(*) from marts.fct_asn_composition
           where source = 'document' and source_page is null and source_line is null""",
    )[0][0]
    assert missing == 0


def test_every_input_file_is_accounted_for(refreshed, sample_inputs) -> None:
    tmp, _ = refreshed
    wh = tmp / "warehouse.duckdb"
    # Files are identified by their path inside the inbox; the samples' truth JSON is recorded as ignored.
    entries = {p.relative_to(sample_inputs).as_posix(): p for p in sample_inputs.rglob("*") if p.is_file()}
    loads = _query(wh, "select file, status, rows_in, rows_loaded, rows_quarantined from audit.file_loads")
    assert {r[0] for r in loads} == set(entries)
    for name, status, rows_in, loaded, quarantined in loads:
        assert status == ("ignored" if entries[name].suffix == ".json" else "loaded"), name
        if status == "loaded":
            assert rows_in == loaded + quarantined, name


def test_an_unchanged_inbox_leaves_the_warehouse_as_it_is(refreshed) -> None:
    tmp, _ = refreshed
    wh = tmp / "warehouse.duckdb"
    before = wh.read_bytes()
    proc = _run(tmp, "run")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "nothing to refresh" in proc.stdout
    assert wh.read_bytes() == before, "a no-change refresh must not rewrite the warehouse"
    assert json.loads((tmp / "warehouse.duckdb.last-run.json").read_text())["status"] == "no_change"


def test_one_new_document_is_loaded_and_the_rest_skipped(refreshed, sample_inputs) -> None:
    tmp, _ = refreshed
    wh = tmp / "warehouse.duckdb"
    before = _query(wh, "select count(*) from raw.document_facts")[0][0]
    original = next(sample_inputs.rglob("lkip_*.pdf"))
    shutil.copy(original, tmp / "inbox" / f"salinan_{original.name}")
    proc = _run(tmp, "run")
    assert proc.returncode == 0, proc.stderr[-3000:]
    last_run = _query(wh, "select run_id from audit.runs order by finished_at desc limit 1")[0][0]
    statuses = dict(_query(wh, "select file, status from audit.file_loads where run_id = ?", [last_run]))
    assert statuses.pop(f"salinan_{original.name}") == "loaded"
    assert {s for f, s in statuses.items() if not f.endswith(".json")} == {"skipped_unchanged"}
    after = _query(wh, "select count(*) from raw.document_facts")[0][0]
    assert after > before
    # SIMPEG rows did not change, so their suites are not re-run over every employee; the facts suites are.
    skipped = dict(_query(
        wh,
        """select check_name, coalesce(json_extract_string(observed, '$.skipped_unchanged'), 'false')
           from audit.dq_results where run_id = ?""",
        [last_run],
    ))
    assert skipped["simpeg_unique_per_snapshot"] == "true"
    assert skipped["facts_contract"] == "false"
    assert (tmp / "warehouse.duckdb.previous").exists()

    # dbt built only what the new document feeds, from the parse the first refresh saved, and every dbt test
    # has an outcome for this run: run now, or carried (marked so) from the build its tables come from.
    log = Path(next(line[5:] for line in proc.stdout.splitlines() if line.startswith("log: ")))
    text = log.read_text()
    assert "building only what depends on this run's loads" in text
    assert "starting from the parse saved by the last build" in text
    assert "Unable to do partial parsing" not in text
    manifest = json.loads(ensure_manifest().read_text())
    tests = {f"dbt:{n['name']}" for n in manifest["nodes"].values() if n["resource_type"] == "test"}
    assert tests <= set(skipped)
    assert skipped["dbt:not_null_int_headcount_simpeg_headcount"] == "true"  # SIMPEG-only: left out
    assert skipped["dbt:not_null_stg_documents_source_file"] == "false"  # fed by documents: run again

    # The marts of that incremental build are those a full build of the same raw data makes.
    full = tmp / "full" / "warehouse.duckdb"
    full.parent.mkdir()
    shutil.copyfile(wh, full)
    built = dbt_build(full)
    assert built.returncode == 0, built.stdout[-3000:]
    incremental, rebuilt = marts_rows(wh), marts_rows(full)
    assert incremental.keys() == rebuilt.keys() and len(rebuilt) >= 10
    for table in rebuilt:
        assert incremental[table] == rebuilt[table], table


def test_status_reports_the_last_run(refreshed) -> None:
    tmp, _ = refreshed
    proc = _run(tmp, "status")
    assert proc.returncode == 0, proc.stderr
    assert "last run:" in proc.stdout
    assert "files:" in proc.stdout


def test_a_bad_file_is_reported_and_the_run_goes_on(tmp_path, sample_inputs) -> None:
    shutil.copytree(sample_inputs, tmp_path / "inbox")
    (tmp_path / "inbox" / "laporan_rusak.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    (tmp_path / "inbox" / "catatan.docx").write_bytes(b"PK\x03\x04 not ours")
    proc = _run(tmp_path, "run")
    assert proc.returncode == 0, proc.stderr[-3000:]
    rows = dict(
        _query(
            tmp_path / "warehouse.duckdb",
            "select file, reason from audit.file_loads where status = 'failed'",
        )
    )
    assert set(rows) == {"laporan_rusak.pdf", "catatan.docx"}
    assert all(reason for reason in rows.values())
    regions = _query(
        tmp_path / "warehouse.duckdb", "select count(distinct region_name) from marts.fct_asn_composition"
    )[0][0]
    assert regions >= 3


def test_definitions_load_cleanly(tmp_path) -> None:
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "dagster"), "definitions", "validate", "-m", "pipelines.definitions"],
        env=_env(tmp_path), cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _marker_table(wh: Path) -> list[tuple]:
    return _query(wh, "select count(*), sum(headcount) from marts.fct_asn_composition")


def _copy_refreshed(refreshed, dest: Path) -> None:
    """Start from the refreshed warehouse and its inbox instead of paying for another full refresh."""
    src, _ = refreshed
    shutil.copytree(src / "inbox", dest / "inbox")
    shutil.copy(src / "warehouse.duckdb", dest / "warehouse.duckdb")


def test_a_killed_refresh_leaves_the_last_good_warehouse_and_the_next_run_completes(
    tmp_path, refreshed
) -> None:
    _copy_refreshed(refreshed, tmp_path)
    wh = tmp_path / "warehouse.duckdb"
    good = _marker_table(wh)
    good_bytes = wh.read_bytes()

    # Change an input so the next refresh has real work, then kill it while it builds.
    extra = next((tmp_path / "inbox").rglob("*.csv"))
    shutil.copy(extra, extra.with_name("tambahan_" + extra.name))
    inbox_before = sorted(p.name for p in (tmp_path / "inbox").rglob("*") if p.is_file())
    for delay in (0.0, 3.0):
        proc = subprocess.Popen([ASNWH, "run"], env=_env(tmp_path), cwd=REPO,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        build_dir = tmp_path / ".build"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any(build_dir.glob("*.duckdb")):
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert wh.read_bytes() == good_bytes, f"live warehouse changed by a run killed after {delay}s"
        assert _marker_table(wh) == good
    assert sorted(p.name for p in (tmp_path / "inbox").rglob("*") if p.is_file()) == inbox_before

    done = _run(tmp_path, "run")
    assert done.returncode == 0, done.stderr[-3000:]
    assert not any((tmp_path / ".build").glob("*.duckdb")), "stale build files are cleaned up"


def test_two_runs_at_once_one_refuses_clearly(tmp_path, refreshed) -> None:
    _copy_refreshed(refreshed, tmp_path)
    extra = next((tmp_path / "inbox").rglob("*.pdf"))
    shutil.copy(extra, extra.with_name("kedua_" + extra.name))
    first = subprocess.Popen([ASNWH, "run"], env=_env(tmp_path), cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = tmp_path / "warehouse.duckdb.run.lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text().startswith("pid")):
        time.sleep(0.05)
    second = _run(tmp_path, "run")
    out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err[-3000:]
    assert second.returncode == 75
    assert "another refresh" in second.stderr
    regions = _query(tmp_path / "warehouse.duckdb",
                     "select count(distinct region_name) from marts.fct_asn_composition")[0][0]
    assert regions >= 3


def test_a_reader_never_sees_an_error_or_a_partial_warehouse_during_a_refresh(tmp_path, refreshed) -> None:
    import threading

    _copy_refreshed(refreshed, tmp_path)
    wh = tmp_path / "warehouse.duckdb"
    # The candidates: a second copy of a report is one more source, though the canonical marts count it once.
    sql = "select count(*), sum(headcount) from marts.fct_asn_composition_candidates"
    old = _query(wh, sql)[0]
    # New data, so the refresh really replaces the marts.
    extra = next((tmp_path / "inbox").rglob("lkip_*.pdf"))
    shutil.copy(extra, extra.with_name("ketiga_" + extra.name))

    seen: set[tuple] = set()
    errors: list[str] = []
    stop = threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            try:
                con = duckdb.connect(str(wh), read_only=True)
                try:
                    seen.add(con.execute(sql).fetchone())
                finally:
                    con.close()
            except Exception as exc:  # any error at all is what this test forbids
                errors.append(repr(exc))
            time.sleep(0.01)

    reader = threading.Thread(target=read_loop)
    reader.start()
    try:
        proc = _run(tmp_path, "run")
    finally:
        stop.set()
        reader.join()
    assert proc.returncode == 0, proc.stderr[-3000:]
    new = _query(wh, sql)[0]
    assert new != old
    assert not errors, errors[:3]
    assert seen <= {old, new}, f"a reader saw a state that is neither the old nor the new warehouse: {seen}"
    assert old in seen
