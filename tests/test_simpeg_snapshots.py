"""Snapshot semantics (as-of date, replacement per agency and date), region names, pseudonym keys."""

from __future__ import annotations

import datetime as dt
import os
import warnings
from pathlib import Path

import duckdb
import pytest

from extractors.simpeg import DEMO_PSEUDONYM_KEY, PseudonymKeyError, resolve_pseudonym_key
from extractors.simpeg.pseudonym import hmac_hex, hmac_pads, hmac_sql
from extractors.simpeg.snapshot import as_of_from_name, region_from_name
from warehouse.simpeg_load import load_export

KEY = b"k" * 32
HEAD = "nip;tglhr;jenis_kelamin;golongan_ruang;tingkat_pendidikan;instansi\n"


def _export(path: Path, nips: list[str], instansi: str = "Pemerintah Kota Serang") -> Path:
    lines = [f"{n};{n[:4]}-{n[4:6]}-{n[6:8]};{'L' if n[14] == '1' else 'P'};III/a;S1;{instansi}" for n in nips]
    path.write_text(HEAD + "\n".join(lines) + "\n")
    return path


def test_a_new_export_replaces_only_its_own_agency_and_date(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    a = ["198609262015051001", "198609262015051002", "198609262015052003"]
    load_export(_export(tmp_path / "serang_2023-12-31.csv", a), con, run_id="n1", pseudonym_key=KEY)
    load_export(_export(tmp_path / "serang_2024-12-31.csv", a), con, run_id="n1", pseudonym_key=KEY)
    load_export(_export(tmp_path / "lebak_2024-12-31.csv", a, "Pemerintah Kabupaten Lebak"), con, run_id="n1",
                pseudonym_key=KEY)
    # Night 2: a corrected 2024 export of Kota Serang with one employee fewer.
    load_export(_export(tmp_path / "serang_v2_2024-12-31.csv", a[:2]), con, run_id="n2", pseudonym_key=KEY)
    got = con.execute("SELECT region_name, as_of_date, count(*), min(run_id) FROM raw.simpeg_employees "
                      "GROUP BY ALL ORDER BY ALL").fetchall()
    assert got == [
        ("Kabupaten Lebak", dt.date(2024, 12, 31), 3, "n1"),
        ("Kota Serang", dt.date(2023, 12, 31), 3, "n1"),
        ("Kota Serang", dt.date(2024, 12, 31), 2, "n2"),
    ]


def test_as_of_date_sources(tmp_path: Path, caplog) -> None:
    assert as_of_from_name(Path("siasn_2024-12-31.csv")) == dt.date(2024, 12, 31)
    assert as_of_from_name(Path("simpeg_kota_serang_20241231.xlsx")) == dt.date(2024, 12, 31)
    assert as_of_from_name(Path("data_2024_06_30.csv")) == dt.date(2024, 6, 30)
    assert as_of_from_name(Path("simpeg_kota_serang.csv")) is None
    path = _export(tmp_path / "simpeg_kota_serang.csv", ["198609262015051001"])
    os.utime(path, (dt.datetime(2025, 3, 4, 12, tzinfo=dt.UTC).timestamp(),) * 2)
    con = duckdb.connect(str(tmp_path / "wh53.duckdb"))
    with caplog.at_level("WARNING"):
        report = load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert report.as_of_date == dt.date(2025, 3, 4) and report.as_of_source == "file_mtime"
    assert "mtime" in caplog.text
    assert con.execute("SELECT reason FROM audit.file_loads").fetchone()[0] == "as_of_date from file mtime"


def test_region_from_agency_or_file_name(tmp_path: Path) -> None:
    assert region_from_name(Path("siasn_export_kota_serang_2024-12-31.csv")) == "Kota Serang"
    assert region_from_name(Path("simpeg_kab_lebak_20241231.xlsx")) == "Kabupaten Lebak"
    assert region_from_name(Path("prov_banten.csv")) == "Provinsi Banten"
    path = tmp_path / "simpeg_kabupaten_pandeglang_2024-12-31.csv"
    path.write_text("nip;golongan_ruang;tingkat_pendidikan\n198609262015051001;III/a;S1\n")
    report = load_export(path, duckdb.connect(str(tmp_path / "wh67.duckdb")), run_id="r", pseudonym_key=KEY)
    assert report.region_name == "Kabupaten Pandeglang" and report.agency_name is None


def test_pseudonym_key_resolution() -> None:
    assert resolve_pseudonym_key({"ASNWH_PSEUDONYM_KEY": "s3cret-key-of-32-bytes-or-more!!"}) == (
        b"s3cret-key-of-32-bytes-or-more!!")
    with pytest.raises(PseudonymKeyError):
        resolve_pseudonym_key({"ASNWH_MODE": "production"})
    with pytest.raises(PseudonymKeyError):
        resolve_pseudonym_key({"ASNWH_MODE": "production", "ASNWH_PSEUDONYM_KEY": "short"})
    with pytest.warns(UserWarning, match="DEMO"):
        assert resolve_pseudonym_key({}) == DEMO_PSEUDONYM_KEY
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resolve_pseudonym_key({"ASNWH_MODE": "production", "ASNWH_PSEUDONYM_KEY": "x" * 40})


@pytest.mark.parametrize("key", [b"k", b"k" * 64, b"k" * 100, bytes(range(256))])
def test_sql_hmac_equals_python_hmac(key: bytes) -> None:
    ipad, opad = hmac_pads(key)
    nips = ["198609262015051001", "200012312024211001", ""]
    for value in nips:
        got = duckdb.execute(f"SELECT {hmac_sql('$nip')}", {"nip": value, "ipad": ipad, "opad": opad}).fetchone()
        assert got[0] == hmac_hex(key, value)


def test_keys_differ_by_key_and_stay_stable_across_loads(tmp_path: Path) -> None:
    path = _export(tmp_path / "serang_2024-12-31.csv", ["198609262015051001"])
    keys = []
    for key in (KEY, KEY, b"another-key" * 3):
        con = duckdb.connect(str(tmp_path / f"wh{len(keys)}.duckdb"))
        load_export(path, con, run_id="r", pseudonym_key=key)
        keys.append(con.execute("SELECT employee_key FROM raw.simpeg_employees").fetchone()[0])
    assert keys[0] == keys[1] != keys[2]
    with pytest.raises(ValueError):
        load_export(path, duckdb.connect(str(tmp_path / "wh103.duckdb")), run_id="r", pseudonym_key=b"")


def test_load_exports_in_parallel_matches_sequential(tmp_path: Path) -> None:
    from extractors.errors import UnreadableFileError
    from warehouse.simpeg_load import load_exports

    a = ["198609262015051001", "198609262015051002", "198609262015052003"]
    paths = [
        _export(tmp_path / "serang_2024-12-31.csv", a),
        _export(tmp_path / "serang_again_2024-12-31.csv", a[:2]),  # same agency and date: one replaces the other
        _export(tmp_path / "lebak_2024-12-31.csv", a, "Pemerintah Kabupaten Lebak"),
        _export(tmp_path / "bekasi_2024-12-31.csv", a, "Pemerintah Kota Bekasi"),
        tmp_path / "missing.csv",
    ]
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    results = load_exports(paths, con, run_id="p", pseudonym_key=KEY, workers=2)
    assert isinstance(results[-1], UnreadableFileError)
    assert [r.rows_loaded for r in results[:4]] == [3, 2, 3, 3]
    per_region = dict(con.execute("SELECT region_name, count(*) FROM raw.simpeg_employees GROUP BY 1").fetchall())
    assert per_region["Kabupaten Lebak"] == 3 and per_region["Kota Bekasi"] == 3
    assert per_region["Kota Serang"] == 2  # the later of the two same-snapshot files, as sequentially
    assert con.execute("SELECT count(*) FROM audit.file_loads").fetchone()[0] == 5


def test_a_batch_load_runs_under_the_build_memory_budget_and_gives_it_back(tmp_path: Path) -> None:
    from warehouse.simpeg_load import load_exports
    from warehouse.store import BUILD_MEMORY

    def limit(c: duckdb.DuckDBPyConnection) -> str:
        return c.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    probe = duckdb.connect()
    probe.execute(f"SET memory_limit = '{BUILD_MEMORY}'")
    budget = limit(probe)  # DuckDB's own spelling of the budget ("953.6 MiB")
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    con.execute("SET memory_limit = '256MiB'")  # a value DuckDB prints exactly, so it reads back the same
    before = limit(con)
    during: list[str] = []
    paths = [_export(tmp_path / "serang_2024-12-31.csv", ["198609262015051001"])]
    load_exports(paths, con, run_id="m", pseudonym_key=KEY, workers=1,
                 on_file_done=lambda _name: during.append(limit(con.cursor())))
    assert during == [budget] and budget != before
    assert limit(con) == before
