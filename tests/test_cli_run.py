"""`asnwh run` as an operator sees it: a short readable run, the event log in a file, a summary that carries the
quarantine and the warnings, exit codes that tell the truth, and check results that survive a no-change refresh
in Dagster's instance (what the UI shows)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus

from tests.conftest import REPO, run_asnwh
from tests.test_quality_data import FACT_DEFECTS, INSERT_FACTS, write_clean_warehouse

pytestmark = pytest.mark.xdist_group("cli_run")

MAX_LINES = 80
WARN_CHECK = dg.AssetCheckKey(dg.AssetKey(["raw", "document_facts"]), "facts_stated_totals_add_up")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """`asnwh run --samples-if-empty` in a workspace whose inbox does not exist yet (as `make run` on a fresh
    checkout)."""
    root = tmp_path_factory.mktemp("first_run")
    proc = run_asnwh(root, "run", "--samples-if-empty")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return root, proc


def _lines(proc: subprocess.CompletedProcess) -> list[str]:
    return (proc.stdout + proc.stderr).splitlines()


def _run_id(proc: subprocess.CompletedProcess) -> str:
    return re.search(r"^run: (\S+)$", proc.stdout, re.M).group(1)


def _audit(root: Path, sql: str, params: list) -> list[tuple]:
    con = duckdb.connect(str(root / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_first_run_is_short_and_its_summary_has_quarantine_and_warnings(first_run) -> None:
    root, proc = first_run
    lines = _lines(proc)
    assert len(lines) <= MAX_LINES, "\n".join(lines)
    assert not [line for line in lines if "DEBUG" in line]
    assert "\x1b[" not in proc.stdout + proc.stderr, "colour codes in piped output"
    assert (proc.stdout + proc.stderr).count("ASNWH_PSEUDONYM_KEY is not set") == 1

    run_id = _run_id(proc)
    # The summary's figures are the audit zone's, for this run.
    quarantined = _audit(root, "select count(*) from audit.quarantine where run_id = ?", [run_id])[0][0]
    simpeg_rows = _audit(root, "select sum(rows_quarantined) from audit.file_loads where run_id = ? "
                               "and kind = 'simpeg'", [run_id])[0][0]
    assert quarantined >= simpeg_rows > 0
    assert f"rows quarantined: {quarantined:,}: simpeg {simpeg_rows:,} (" in proc.stdout
    assert f"{simpeg_rows:,} rows quarantined" in proc.stdout  # the SIMPEG stage line says the same
    warned = _audit(root, "select count(*) from audit.dq_results where run_id = ? and not passed "
                          "and severity = 'warn'", [run_id])[0][0]
    assert warned > 0
    assert f"{warned} warnings, 0 failures" in proc.stdout
    assert "warning facts_stated_totals_add_up (raw/document_facts): " in proc.stdout
    loaded = _audit(root, "select count(*) from audit.file_loads where run_id = ? and status = 'loaded'",
                    [run_id])[0][0]
    assert f"files: {loaded} loaded, 0 skipped (unchanged), 0 failed" in proc.stdout

    # One line per stage, with its time.
    for stage in ("inbox scan", "documents", "SIMPEG exports", "document checks", "dbt build", "publish"):
        assert re.search(rf"^  {re.escape(stage)} +\d+\.\ds", proc.stdout, re.M), stage
    # Where things are; the log holds the event log at operator level and dbt's output without colour.
    for label, path in (("report", root / "report" / "index.html"),
                        ("dbt docs", root / "report" / "dbt-docs" / "index.html")):
        assert f"{label}: {path}" in proc.stdout and path.exists()
    log = Path(re.search(r"^log: (\S+)$", proc.stdout, re.M).group(1))
    assert log.parent == root / "logs"
    text = log.read_text()
    assert "STEP_SUCCESS" in text and "ASSET_CHECK_EVALUATION" in text
    assert re.search(r"\d+ of \d+ (START|OK|PASS)", text), "dbt's progress lines belong in the log"
    assert "\x1b[" not in text and "STEP_OUTPUT" not in text and "LOADED_INPUT" not in text


def test_a_no_change_refresh_leaves_the_last_check_results_visible(first_run, monkeypatch) -> None:
    root, first = first_run
    first_id = _run_id(first)
    again = run_asnwh(root, "run")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "nothing to refresh" in again.stdout
    second_id = _run_id(again)

    # The same instance the CLI wrote to (dagster.yaml reads its storage folder from the environment).
    monkeypatch.setenv("ASNWH_DAGSTER_STORAGE", str(root / "dagster"))
    with dg.DagsterInstance.from_config(str(REPO)) as instance:
        assert instance.get_run_by_id(second_id).is_success
        from pipelines.definitions import defs

        keys = list(defs.resolve_job_def("refresh").asset_layer.asset_graph.asset_check_keys)
        latest = instance.event_log_storage.get_latest_asset_check_execution_by_key(keys)
        assert set(latest) == set(keys), "every check has a result from the first refresh"
        assert {record.run_id for record in latest.values()} == {first_id}
        warn = latest[WARN_CHECK]
        assert warn.status == AssetCheckExecutionRecordStatus.FAILED  # a warning that did not pass
        assert warn.event is not None and warn.event.asset_check_evaluation is not None
        assert not warn.event.asset_check_evaluation.passed


def test_quiet_prints_only_where_things_are(first_run) -> None:
    root, _ = first_run
    proc = run_asnwh(root, "run", "--quiet")
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert lines and all(line.split(":")[0] in {"warehouse", "report", "dbt docs", "log"} for line in lines), lines


def test_a_missing_inbox_is_an_error_naming_its_full_path(tmp_path: Path) -> None:
    proc = run_asnwh(tmp_path, "run", "--inbox", str(tmp_path / "typo_inbox"))
    assert proc.returncode != 0
    assert f"inbox {tmp_path / 'typo_inbox'} does not exist" in proc.stderr
    assert not (tmp_path / "warehouse.duckdb").exists(), "no empty warehouse is built"


def test_a_missing_warehouse_folder_is_an_error_naming_its_full_path(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    target = tmp_path / "nowhere" / "warehouse.duckdb"
    proc = run_asnwh(tmp_path, "run", "--warehouse", str(target))
    assert proc.returncode != 0
    assert f"warehouse folder {target.parent} does not exist" in proc.stderr


def test_a_refresh_stopped_by_a_blocking_check_exits_non_zero_and_names_it(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    warehouse = write_clean_warehouse(tmp_path / "warehouse.duckdb")
    _, negative = FACT_DEFECTS["negative_headcount"]
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(INSERT_FACTS, list(negative))
    finally:
        con.close()
    before = warehouse.read_bytes()
    proc = run_asnwh(tmp_path, "run")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "blocking data-quality checks failed (1):" in proc.stderr
    assert "facts_headcount_whole_non_negative (raw/document_facts): " in proc.stderr
    assert f"the last good warehouse at {warehouse} is untouched" in proc.stderr
    assert warehouse.read_bytes() == before


def test_schedule_and_sensor_plan_only_the_inbox_scan_when_nothing_changed(first_run, monkeypatch) -> None:
    from pipelines.jobs import inbox_sensor, nightly_refresh_schedule

    root, _ = first_run
    monkeypatch.setenv("ASNWH_INBOX", str(root / "inbox"))
    monkeypatch.setenv("ASNWH_WAREHOUSE", str(root / "warehouse.duckdb"))
    scan_only = [dg.AssetKey("inbox_files")]

    nightly = nightly_refresh_schedule.evaluate_tick(dg.build_schedule_context())
    assert [r.asset_selection for r in nightly.run_requests] == [scan_only]
    first = inbox_sensor.evaluate_tick(dg.build_sensor_context(cursor=None))
    assert [r.asset_selection for r in first.run_requests] == [scan_only]

    # A new file: the whole job, which compares content hashes.
    (root / "inbox" / "catatan_baru.txt").write_text("Rencana Strategis 2025-2029\n", encoding="utf-8")
    try:
        changed = inbox_sensor.evaluate_tick(dg.build_sensor_context(cursor=first.cursor))
        assert [r.asset_selection for r in changed.run_requests] == [None]
        assert nightly_refresh_schedule.evaluate_tick(dg.build_schedule_context()).run_requests[0] \
            .asset_selection is None
    finally:
        (root / "inbox" / "catatan_baru.txt").unlink()
