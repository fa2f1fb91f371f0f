"""load_export against generated exports: layouts, quarantine reasons, row accounting, headcounts = truth."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from extractors.simpeg.pseudonym import hmac_hex
from samples.simpeg import write_simpeg_samples
from warehouse.simpeg_load import load_export

KEY = b"test-pseudonym-key-0123456789abcdef"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("simpeg_demo")
    paths = write_simpeg_samples(out, "demo")
    assert {p.suffix for p in paths} == {".csv", ".xlsx"}
    return out, json.loads((out / "simpeg_truth.json").read_text())


@pytest.fixture(scope="module")
def loaded(demo, tmp_path_factory) -> tuple[duckdb.DuckDBPyConnection, dict, dict]:
    out, truth = demo
    con = duckdb.connect(str(tmp_path_factory.mktemp("wh") / "warehouse.duckdb"))
    reports = {name: load_export(out / name, con, run_id="run-1", pseudonym_key=KEY) for name in truth["files"]}
    return con, truth, reports


def test_every_layout_is_read(loaded) -> None:
    _con, truth, reports = loaded
    assert {r.layout for r in reports.values()} == {"siasn", "regional"}
    for name, report in reports.items():
        expected = truth["files"][name]
        assert report.status == "loaded"
        assert report.region_name == expected["region_name"]
        assert report.agency_name == expected["agency_name"]
        assert report.as_of_date.isoformat() == expected["as_of_date"]


def test_row_accounting_is_exact(loaded) -> None:
    con, truth, reports = loaded
    for name, report in reports.items():
        expected = truth["files"][name]
        assert (report.rows_in, report.rows_loaded, report.rows_quarantined) == (
            expected["rows_in"], expected["rows_loaded"], expected["rows_quarantined"])
        assert report.rows_in == report.rows_loaded + report.rows_quarantined
        audit = con.execute("SELECT status, rows_in, rows_loaded, rows_quarantined FROM audit.file_loads "
                            "WHERE file = ? AND run_id = 'run-1'", [name]).fetchall()
        assert audit == [("loaded", report.rows_in, report.rows_loaded, report.rows_quarantined)]
        loaded_rows = con.execute("SELECT count(*) FROM raw.simpeg_employees WHERE source_file = ?", [name])
        assert loaded_rows.fetchone()[0] == report.rows_loaded


def test_each_planted_defect_is_quarantined_with_its_reason(loaded) -> None:
    con, truth, _reports = loaded
    kinds = set()
    for name, expected in truth["files"].items():
        planted = {(str(d["row"]), d["reason_code"]) for d in expected["defects"]}
        got = set(con.execute("SELECT record, reason_code FROM audit.quarantine WHERE file = ?", [name]).fetchall())
        assert got == planted, name
        kinds |= {d["defect"] for d in expected["defects"]}
    assert kinds == {"nip_format", "nip_birth_date", "nip_sex_digit", "birth_mismatch", "sex_mismatch",
                     "impossible_date", "unknown_golongan", "unknown_pendidikan", "duplicate"}
    # The row as read is in the raw zone; the audit zone keeps only the reason and a message.
    raw, message, audit_raw = con.execute(
        "SELECT r.raw, q.message, q.raw FROM audit.quarantine q JOIN raw.quarantined_rows r "
        "ON r.source_file = q.file AND r.record = q.record AND r.run_id = q.run_id "
        "WHERE q.reason_code = 'unknown_golongan' LIMIT 1").fetchone()
    assert json.loads(raw) and "golongan" in message and audit_raw is None


@pytest.mark.parametrize("dimension", ["golongan_ruang", "golongan", "pendidikan", "jenis_kelamin"])
def test_headcounts_equal_the_published_figures(loaded, dimension: str) -> None:
    con, truth, _reports = loaded
    for region, expected in truth["regions"].items():
        got = dict(con.execute(
            f"SELECT {dimension}, count(*) FROM raw.simpeg_employees WHERE region_name = ? "
            f"AND {dimension} IS NOT NULL GROUP BY 1", [region]).fetchall())
        assert got == expected[dimension], (region, dimension)
    banten = truth["regions"]["Provinsi Banten"]
    assert banten["golongan_ruang"]["III/d"] == 3080 and banten["jenis_kelamin"]["Perempuan"] == 5390


def test_regional_layout_carries_ip_asn_inputs_and_eselon(loaded) -> None:
    con, _truth, _reports = loaded
    row = con.execute("""
        SELECT count(*) FILTER (WHERE skp_predikat IS NOT NULL), count(*) FILTER (WHERE hukuman_disiplin IS NOT NULL),
               count(*) FILTER (WHERE diklat_teknis_jp IS NOT NULL), count(*) FILTER (WHERE seminar IS NOT NULL),
               count(*) FILTER (WHERE eselon IS NOT NULL), count(*)
        FROM raw.simpeg_employees WHERE region_name = 'Kota Serang'""").fetchone()
    assert row[:4] == (30, 30, 30, 30) and row[4] == 16
    eselon = dict(con.execute("SELECT eselon, count(*) FROM raw.simpeg_employees WHERE region_name = 'Kota Bekasi' "
                              "AND eselon IS NOT NULL GROUP BY 1").fetchall())
    assert eselon == {"II.a": 1, "III.a": 1, "III.b": 3, "IV.a": 2}


def test_personal_columns_the_pipeline_does_not_use_stay_in_the_source_file(loaded) -> None:
    """Name, old NIP, phone and every other column no check or model reads are not copied into the raw zone."""
    con, _truth, _reports = loaded
    kept = con.execute("SELECT count(nama), count(nip_lama), count(extra), count(*) FROM raw.simpeg_employees "
                       "WHERE region_name = 'Kota Serang'").fetchone()
    assert kept[:3] == (0, 0, 0) and kept[3] > 0
    # The quarantine keeps what a person needs to fix the row: the columns the checks read, as read.
    raw = json.loads(con.execute("SELECT raw FROM raw.quarantined_rows WHERE source_file LIKE '%serang%' "
                                 "LIMIT 1").fetchone()[0])
    assert "nip" in raw and "no_hp" not in raw and "nama" not in raw


def test_employee_key_is_the_keyed_hmac_and_reveals_no_nip(loaded) -> None:
    con, _truth, _reports = loaded
    rows = con.execute("SELECT nip, employee_key FROM raw.simpeg_employees USING SAMPLE 50 ROWS").fetchall()
    for nip, key in rows:
        assert key == hmac_hex(KEY, nip)
        assert len(key) == 64 and nip not in key
    distinct = con.execute("SELECT count(DISTINCT employee_key) = count(*) FROM raw.simpeg_employees").fetchone()
    assert distinct[0]


def test_marts_need_no_personal_data(loaded) -> None:
    """Everything a composition mart groups by is derived; NIP, name and birth date can be dropped."""
    con, truth, _reports = loaded
    con.execute("""CREATE OR REPLACE TEMP VIEW deidentified AS SELECT * EXCLUDE (nip, nip_lama, nama, tanggal_lahir,
                   extra) FROM raw.simpeg_employees""")
    got = dict(con.execute("SELECT pendidikan, count(DISTINCT employee_key) FROM deidentified "
                           "WHERE region_name = 'Kota Bekasi' GROUP BY 1").fetchall())
    assert got == truth["regions"]["Kota Bekasi"]["pendidikan"]
    ages = con.execute("SELECT min(date_diff('year', tanggal_lahir, as_of_date)) FROM raw.simpeg_employees")
    assert ages.fetchone()[0] >= 18


def test_the_reader_stages_every_export_without_a_warehouse(demo) -> None:
    # The one-file reader needs no warehouse schema and creates no table outside the connection's temp
    # catalog: it hands checked rows to warehouse.writer, which alone writes raw, quarantine and audit rows.
    from extractors.simpeg.loader import stage_export

    out, truth = demo
    con = duckdb.connect()
    for name, expected in truth["files"].items():
        staged = stage_export(out / name, con)
        assert (staged.rows_loaded, staged.rows_quarantined) == (expected["rows_loaded"], expected["rows_quarantined"])
        for table in staged.temp_tables:
            con.execute(f"DROP TABLE {table}")
    assert con.execute("SELECT count(*) FROM duckdb_tables() WHERE NOT temporary").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()[0] == 0
    schemas = con.execute("SELECT schema_name FROM duckdb_schemas() WHERE NOT internal").fetchall()
    assert {r[0] for r in schemas} <= {"main"}
