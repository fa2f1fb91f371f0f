"""The GX suites on real DuckDB files: clean raw rows pass every check; each planted defect makes the check
for its kind fail (error) or warn, names the offending row, and no other check blames that row; results land
in audit.dq_results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from quality.facts_suite import FACT_CHECKS
from quality.runner import CheckResult, record_results, run_check
from quality.simpeg_suite import SIMPEG_CHECKS
from tests.test_quality_data import (
    DOCUMENT_DEFECT,
    FACT_DEFECTS,
    SIMPEG_DEFECTS,
    Defect,
    plant_all_defects,
    write_clean_warehouse,
)

ALL_CHECKS = FACT_CHECKS + SIMPEG_CHECKS


def _run_all(path: Path) -> dict[str, CheckResult]:
    con = duckdb.connect(str(path))
    try:
        results = [run_check(con, check) for check in ALL_CHECKS]
        record_results(con, "test-run", results)
    finally:
        con.close()
    return {r.check_name: r for r in results}


@pytest.fixture(scope="module")
def clean_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckResult]:
    return _run_all(write_clean_warehouse(tmp_path_factory.mktemp("clean") / "build.duckdb"))


@pytest.fixture(scope="module")
def defective(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, CheckResult]]:
    path = write_clean_warehouse(tmp_path_factory.mktemp("defects") / "build.duckdb")
    plant_all_defects(path)
    return path, _run_all(path)


def _blames(result: CheckResult, defect: Defect) -> bool:
    """Does this check name the defect's row among its offenders?"""
    for failure in result.observed["failures"]:
        for row in failure.get("offending_rows", []):
            if _matches(row, defect.marker):
                return True
    return False


def _matches(row: dict[str, Any], marker: str) -> bool:
    if marker.startswith("row="):
        n = int(marker.removeprefix("row="))
        return row.get("row_number") == n or n in (row.get("rows_at") or [])
    return marker in (row.get("table_name"), row.get("source_file"))


def test_clean_inputs_pass_every_check(clean_results: dict[str, CheckResult]) -> None:
    failed = {name: r.message for name, r in clean_results.items() if not r.passed}
    assert failed == {}
    assert set(clean_results) == {c.name for c in ALL_CHECKS}


DEFECTS = [d for d, _ in FACT_DEFECTS.values()] + [DOCUMENT_DEFECT] + [d for d, _ in SIMPEG_DEFECTS.values()]


@pytest.mark.parametrize("defect", DEFECTS, ids=[d.kind for d in DEFECTS])
def test_planted_defect_is_caught_by_its_check(
    defect: Defect, defective: tuple[Path, dict[str, CheckResult]]
) -> None:
    _, results = defective
    result = results[defect.check]
    assert not result.passed, f"{defect.check} missed {defect.kind}"
    assert result.severity == defect.severity
    assert _blames(result, defect), result.observed
    for word in defect.words:
        assert word in result.message, f"{word!r} not in: {result.message}"
    others = [name for name, r in results.items() if name != defect.check and _blames(r, defect)]
    # A year of 1924 is also outside its document's period, and that is said too; nothing else may blame it.
    assert others == [], f"{defect.kind} also blamed by {others}"


def test_error_and_warn_severities_are_where_the_issue_says(defective: tuple[Path, dict[str, CheckResult]]) -> None:
    _, results = defective
    blocking = {name for name, r in results.items() if r.severity == "error"}
    assert {"facts_contract", "facts_units", "facts_headcount_whole_non_negative", "facts_score_scales",
            "simpeg_code_lists", "simpeg_unique_per_snapshot"} <= blocking
    assert {"facts_year_in_document_period", "simpeg_dates_plausible"}.isdisjoint(blocking)


def test_results_are_written_to_audit_with_observed_values(defective: tuple[Path, dict[str, CheckResult]]) -> None:
    path, _ = defective
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "select check_name, asset, severity, passed, observed from audit.dq_results where run_id = 'test-run'"
        ).fetchall()
    finally:
        con.close()
    assert {r[0] for r in rows} == {c.name for c in ALL_CHECKS}
    by_name = {r[0]: r for r in rows}
    name, asset, severity, passed, observed = by_name["facts_headcount_whole_non_negative"]
    assert (asset, severity, passed) == ("raw/document_facts", "error", False)
    observed = json.loads(observed)
    negative = next(f for f in observed["failures"] if f["expectation"] == "expect_column_values_to_be_between")
    assert negative["unexpected_count"] == 1
    assert negative["unexpected_percent"] > 0
    assert negative["worst_values"][0]["value"] == -12
    assert negative["offending_rows"][0]["table_name"] == "DEFECT negative"
    assert by_name["simpeg_unique_per_snapshot"][1] == "raw/simpeg_employees"


def test_status_lists_failed_before_warned_with_worst_offenders(
    defective: tuple[Path, dict[str, CheckResult]]
) -> None:
    from quality.status_view import format_checks

    _, results = defective
    lines = format_checks([r.as_row() for r in results.values()])
    failed = sum(1 for r in results.values() if not r.passed and r.severity == "error")
    warned = sum(1 for r in results.values() if not r.passed and r.severity == "warn")
    assert lines[0] == f"checks: passed={len(results) - failed - warned} warned={warned} failed={failed}"
    labels = [line.split()[0] for line in lines[1:] if line.strip().startswith(("FAILED", "warned"))]
    assert labels == sorted(labels, key=lambda label: label != "FAILED")  # every failure before any warning
    text = "\n".join(lines)
    assert "FAILED raw/simpeg_employees :: simpeg_unique_per_snapshot" in text
    assert '"rows_at": [104, 105]' in text  # the duplicated rows, by row number in the export


def test_duplicates_per_snapshot_are_exact(tmp_path: Path) -> None:
    """The two-pass duplicate check (hash first, exact grouping after) finds exactly the repeated groups:
    a NIP twice in one snapshot under two keys, not a key in two snapshots, not rows without a NIP."""
    from warehouse.schema import ensure_schema

    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    try:
        ensure_schema(con)
        rows = [  # source_file, row_number, agency, nip, employee_key
            ("a.csv", 1, "Dinas A", "198001012005011001", "k1"),
            ("a.csv", 2, "Dinas A", "198001012005011001", "k2"),  # same NIP, same snapshot
            ("b.csv", 1, "Dinas B", "198001012005011001", "k1"),  # same key, other snapshot: fine
            ("a.csv", 3, "Dinas A", None, "k3"),
            ("a.csv", 4, "Dinas A", None, "k4"),  # NIPs missing: not a repeated NIP
        ] + [("a.csv", 10 + i, "Dinas A", f"1980010120050110{i:02d}", f"u{i}") for i in range(2, 60)]
        for f, n, agency, nip, key in rows:
            con.execute(
                "INSERT INTO raw.simpeg_employees (run_id, source_file, file_sha256, row_number, as_of_date, "
                "layout, region_name, agency_name, nip, employee_key) VALUES "
                "('r', ?, 'sha', ?, DATE '2024-12-31', 'siasn', 'Kota Contoh', ?, ?, ?)",
                [f, n, agency, nip, key])
        check = next(c for c in SIMPEG_CHECKS if c.name == "simpeg_unique_per_snapshot")
        result = run_check(con, check)
    finally:
        con.close()
    assert not result.passed
    found = {f["rule"]: f for f in result.observed["failures"]}
    assert list(found) == ["A NIP appears once per snapshot (agency, as-of date)."]
    nip = found["A NIP appears once per snapshot (agency, as-of date)."]
    assert nip["unexpected_count"] == 1
    assert [(r["source_file"], r["rows"], r["rows_at"]) for r in nip["offending_rows"]] == [("a.csv", 2, [1, 2])]
