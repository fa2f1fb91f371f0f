"""The report re-draws only what changed: charts are keyed by what they draw and reused from a content
cache, so a second build on the same warehouse draws nothing, and a change to one region's figures re-draws
only the charts that show those figures. Real warehouse files, real matplotlib PNGs."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from tests.test_report import build_warehouse
from warehouse.report.build import BUILD_STATS, CHART_CACHE
from warehouse.report.cli import run_report


def _stats(out: Path) -> dict[str, list[str]]:
    return json.loads((out / BUILD_STATS).read_text())


def _pngs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.png")}


def test_unchanged_warehouse_redraws_nothing_and_one_region_change_redraws_its_charts(tmp_path: Path) -> None:
    wh, out = tmp_path / "warehouse.duckdb", tmp_path / "report"
    build_warehouse(wh, tmp_path / "inbox")

    run_report(wh, out)
    first, first_pngs = _stats(out), _pngs(out)
    assert first["reused"] == []
    assert len(first["drawn"]) >= 12  # every chart of the report drawn on the first build
    assert set(first["drawn"]) == set(first_pngs)

    run_report(wh, out)
    second = _stats(out)
    assert second["drawn"] == []
    assert sorted(second["reused"]) == sorted(first["drawn"])
    assert _pngs(out) == first_pngs  # the reused charts are the very same images
    assert len(list((out / CHART_CACHE).glob("*.png"))) == len(first["drawn"])

    # One region's document figure for education changes; nothing else in the warehouse does.
    con = duckdb.connect(str(wh))
    changed = con.execute(
        "update marts.fct_asn_composition set headcount = headcount + 40 where region_name = 'Kota Tangerang' "
        "and dimension = 'pendidikan' and category = 'S1' and year = 2024 and source = 'document'"
    ).fetchone()
    con.close()
    assert changed == (1,)

    run_report(wh, out)
    third, third_pngs = _stats(out), _pngs(out)
    # Only the education composition shows that figure: the year-over-year chart compares documents on
    # golongan (the first dimension with two years), so it is unchanged.
    assert third["drawn"] == ["komposisi_pendidikan.png"]
    assert third_pngs["komposisi_pendidikan.png"] != first_pngs["komposisi_pendidikan.png"]
    untouched = {"komposisi_golongan.png", "komposisi_jenis_kelamin.png", "komposisi_kelompok_usia.png",
                 "piramida_usia.png", "ip_asn.png", "merit_kasn_2019.png", "mutu_berkas.png",
                 "indikator_capaian.png", "anggaran_serapan.png"}
    assert untouched <= set(third["reused"])
    assert len(third["reused"]) == len(first["drawn"]) - 1
    for name in third["reused"]:
        assert third_pngs[name] == first_pngs[name], name
