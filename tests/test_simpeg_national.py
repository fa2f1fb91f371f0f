"""A scaled-down national run: 546 governments, both layouts, PPPK rows, counts equal to the truth."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from samples.simpeg import write_national
from warehouse.simpeg_load import load_export


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> tuple[Path, list[Path], dict]:
    out = tmp_path_factory.mktemp("national")
    paths = write_national(out, total=50_000)
    return out, paths, json.loads((out / "simpeg_truth.json").read_text())


def test_generator_shape(national) -> None:
    _out, paths, truth = national
    assert len(paths) == 546 == len(truth["files"]) and all(p.exists() for p in paths)
    assert sum(name.startswith("Provinsi ") for name in truth["regions"]) == 38
    clean = sum(r["total"]["all"] for r in truth["regions"].values())
    assert 49_000 <= clean <= 51_000
    pppk = sum(r["total"]["PPPK"] for r in truth["regions"].values())
    assert 0.3 < pppk / clean < 0.4
    assert {f["layout"] for f in truth["files"].values()} == {"siasn", "regional"}


def test_sampled_files_load_to_their_truth(national, tmp_path: Path) -> None:
    out, paths, truth = national
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    sample = paths[::20]
    for path in sample:
        expected = truth["files"][path.name]
        report = load_export(path, con, run_id="nat", pseudonym_key=b"k" * 32)
        assert (report.rows_in, report.rows_loaded, report.rows_quarantined) == (
            expected["rows_in"], expected["rows_loaded"], expected["rows_quarantined"]), path.name
        got = dict(con.execute("SELECT reason_code, count(*) FROM audit.quarantine WHERE file = ? GROUP BY 1",
                               [path.name]).fetchall())
        assert got == expected["quarantined_by_reason"], path.name
        region = expected["region_name"]
        for dimension in ("golongan_ruang", "pendidikan", "jenis_kelamin", "pppk_grade"):
            got = dict(con.execute(f"SELECT {dimension}, count(*) FROM raw.simpeg_employees "
                                   f"WHERE region_name = ? AND {dimension} IS NOT NULL GROUP BY 1",
                                   [region]).fetchall())
            assert got == truth["regions"][region].get(dimension, {}), (region, dimension)
