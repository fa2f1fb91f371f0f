"""The quality stage inside the real `refresh` job: a failing error-severity check (GX or dbt) stops the run
before publishing, so the live warehouse file is not replaced; warn-level findings are recorded and the run
publishes. Every outcome, GX and dbt alike, is in audit.dq_results and `asnwh status` shows it."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.test_quality_data import (
    FACT_DEFECTS,
    INSERT_DOCUMENT,
    INSERT_FACTS,
    UNTYPED_DOCUMENT,
    write_clean_warehouse,
)

pytestmark = pytest.mark.xdist_group("quality_refresh")


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    warehouse = tmp_path / "warehouse" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    monkeypatch.setenv("ASNWH_INBOX", str(inbox))
    monkeypatch.setenv("ASNWH_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("ASNWH_MODE", "demo")
    yield inbox, warehouse


# Steps after the publish (the analyst report renders charts and dbt docs) do not bear on the quality stage
# and take longer than the rest of the refresh: the runs here stop at the publish.
AFTER_PUBLISH = {"analyst_report"}


def _refresh(inbox: Path, warehouse: Path) -> dg.ExecuteInProcessResult:
    from pipelines.definitions import defs

    job = defs.resolve_job_def("refresh")
    keys = [k for k in job.asset_layer.asset_graph.get_all_asset_keys() if k.to_user_string() not in AFTER_PUBLISH]
    # The paths go in the run config as well as the environment: Definitions read the environment once, at
    # import, and an earlier test (or test module) may have imported them with other paths.
    config = {"warehouse_path": str(warehouse), "inbox_path": str(inbox)}
    return job.execute_in_process(
        run_config={"resources": {"warehouse": {"config": config}}},
        instance=dg.DagsterInstance.ephemeral(),
        raise_on_error=False,
        asset_selection=keys,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _plant(warehouse: Path, sql: str, params: list) -> None:
    con = duckdb.connect(str(warehouse))
    try:
        con.execute(sql, params)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _checks(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {
        e.event_specific_data.check_name: e.event_specific_data
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }


def _materialized(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def _dq_rows(db: Path, run_id: str) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select check_name, severity, passed, observed from audit.dq_results where run_id = ?", [run_id]
        ).fetchall()
    finally:
        con.close()
    return {r[0]: r[1:] for r in rows}


def _build_file(warehouse: Path, run_id: str) -> Path:
    from warehouse.store import WarehouseStore

    return WarehouseStore(warehouse).build_path(run_id)


def test_blocking_gx_failure_prevents_publishing(
    paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, warehouse = paths
    write_clean_warehouse(warehouse)
    _, negative = FACT_DEFECTS["negative_headcount"]
    _plant(warehouse, INSERT_FACTS, list(negative))
    live_before = _sha(warehouse)

    result = _refresh(inbox, warehouse)

    assert not result.success
    check = _checks(result)["facts_headcount_whole_non_negative"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
    assert "cannot be negative" in (check.description or "")
    materialized = _materialized(result)
    assert "published_warehouse" not in materialized
    # Nothing downstream of the raw zone was built: the blocking check stopped dbt as well.
    assert all(key == "inbox_files" or key.startswith("raw/") for key in materialized), materialized
    assert _sha(warehouse) == live_before, "the live warehouse file was replaced"
    recorded = _dq_rows(_build_file(warehouse, result.run_id), result.run_id)
    assert recorded["facts_headcount_whole_non_negative"][:2] == ("error", False)
    assert recorded["simpeg_unique_per_snapshot"][:2] == ("error", True)

    # The blocked run's build file is discarded by the CLI; status still says why nothing was refreshed.
    from pipelines.status import print_status

    print_status(warehouse)
    out = capsys.readouterr().out
    assert f"latest refresh {result.run_id} was NOT published" in out
    assert "FAILED raw/document_facts :: facts_headcount_whole_non_negative" in out
    assert "DEFECT negative" in out  # the worst offender, with where it was read


def test_failing_error_dbt_test_prevents_publishing(paths: tuple[Path, Path]) -> None:
    inbox, warehouse = paths
    write_clean_warehouse(warehouse)
    # 'laporan' is only a warning for the GX suite on raw/documents, but stg_documents' accepted_values test
    # is error severity: dbt fails, so the run must stop before publish.
    _plant(warehouse, INSERT_DOCUMENT,
           list(UNTYPED_DOCUMENT))
    live_before = _sha(warehouse)

    result = _refresh(inbox, warehouse)

    assert not result.success
    checks = _checks(result)
    assert not checks["documents_identity"].passed
    assert checks["documents_identity"].severity == dg.AssetCheckSeverity.WARN
    assert "published_warehouse" not in _materialized(result)
    assert _sha(warehouse) == live_before
    recorded = _dq_rows(_build_file(warehouse, result.run_id), result.run_id)
    dbt_doc_type = [name for name in recorded if name.startswith("dbt:accepted_values_stg_documents_doc_type")]
    assert dbt_doc_type, sorted(recorded)
    severity, passed, observed = recorded[dbt_doc_type[0]]
    assert (severity, passed) == ("error", False)
    assert "laporan" in observed  # the offending row is shown


def test_warnings_are_recorded_and_the_run_publishes(
    paths: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inbox, warehouse = paths
    write_clean_warehouse(warehouse)
    _, outside = FACT_DEFECTS["year_outside_period"]
    _plant(warehouse, INSERT_FACTS, list(outside))
    live_before = _sha(warehouse)

    result = _refresh(inbox, warehouse)

    failures = [e.step_key for e in result.all_events if e.is_step_failure]
    assert result.success, failures
    assert "published_warehouse" in _materialized(result)
    assert _sha(warehouse) != live_before
    recorded = _dq_rows(warehouse, result.run_id)
    assert recorded["facts_year_in_document_period"][:2] == ("warn", False)
    assert all(passed for severity, passed, _ in recorded.values() if severity == "error"), recorded
    dbt_rows = [name for name in recorded if name.startswith("dbt:")]
    assert any(name.startswith("dbt:not_null_stg_document_facts") for name in dbt_rows), dbt_rows
    assert "dbt:assert_merit_aspects_sum_to_index" in dbt_rows
    assert recorded["dbt:assert_merit_aspects_sum_to_index"][0] == "warn"

    from pipelines.status import print_status

    assert print_status(warehouse) == 0
    out = capsys.readouterr().out
    assert "warned=" in out and "facts_year_in_document_period" in out
    shutil.rmtree(warehouse.parent / ".build", ignore_errors=True)


def test_a_refresh_with_one_new_export_checks_only_its_rows(paths: tuple[Path, Path]) -> None:
    import json

    inbox, warehouse = paths
    head = "nip;tglhr;jenis_kelamin;golongan_ruang;tingkat_pendidikan;instansi\n"

    def export(name: str, nips: list[str], agency: str) -> None:
        rows = [f"{n};{n[:4]}-{n[4:6]}-{n[6:8]};{'L' if n[14] == '1' else 'P'};III/a;S1;{agency}" for n in nips]
        (inbox / name).write_text(head + "\n".join(rows) + "\n")

    export("serang_2024-12-31.csv", ["198609262015051001", "198609262015052003"], "Pemerintah Kota Serang")
    first = _refresh(inbox, warehouse)
    assert first.success
    export("lebak_2024-12-31.csv", ["197001011995031002"], "Pemerintah Kabupaten Lebak")
    second = _refresh(inbox, warehouse)
    assert second.success
    for run, scope in ((first, "all"), (second, f"run {second.run_id}")):
        recorded = _dq_rows(warehouse, run.run_id)
        for name in ("simpeg_code_lists", "simpeg_unique_per_snapshot", "simpeg_dates_plausible"):
            severity, passed, observed = recorded[name]
            assert passed and json.loads(observed)["rows_scope"] == scope, (name, observed)
            assert json.loads(observed)["table_rows"] == (2 if run is first else 3)
