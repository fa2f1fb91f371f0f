"""The report re-draws only what changed: charts are keyed by what they draw and reused from a content
cache, so a second build on the same warehouse draws nothing, and a change to one region's figures re-draws
only the charts that show those figures. Real warehouse files, real matplotlib PNGs."""

from __future__ import annotations

import json
import re
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


def _page(out: Path) -> str:
    # The header says when the page was generated; everything else must be the same.
    return re.sub(r"dibuat / generated: [0-9: -]+", "", (out / "index.html").read_text(encoding="utf-8"))


def test_unchanged_sections_are_reused_and_the_page_equals_a_fresh_build(tmp_path: Path) -> None:
    wh, out = tmp_path / "warehouse.duckdb", tmp_path / "report"
    build_warehouse(wh, tmp_path / "inbox")
    run_report(wh, out)
    first = _stats(out)
    assert first["sections_reused"] == [] and len(first["sections_built"]) >= 8

    run_report(wh, out)
    second = _stats(out)
    assert second["sections_built"] == [] and sorted(second["sections_reused"]) == sorted(first["sections_built"])
    run_report(wh, tmp_path / "fresh")
    assert _page(out) == _page(tmp_path / "fresh")

    con = duckdb.connect(str(wh))
    con.execute("update marts.fct_asn_composition set headcount = headcount + 40 where region_name = "
                "'Kota Tangerang' and dimension = 'pendidikan' and category = 'S1' and year = 2024 "
                "and source = 'document'")
    con.close()
    run_report(wh, out)
    third = _stats(out)
    assert "komposisi" in third["sections_built"]
    assert "ip-asn" in third["sections_reused"] and "anggaran" in third["sections_reused"]
    # What a reader sees after the partial rebuild is exactly what a build from nothing shows.
    run_report(wh, tmp_path / "fresh2")
    assert _page(out) == _page(tmp_path / "fresh2")
    # The cache keeps what the published page shows and nothing else: no section entry of the old data.
    cache = out / CHART_CACHE
    assert len(list(cache.glob("*.json"))) == len(third["sections_built"]) + len(third["sections_reused"])


def test_a_section_that_reads_other_than_through_a_query_is_not_reused(tmp_path: Path) -> None:
    from warehouse.report import charts, memo
    from warehouse.report.context import ReportContext
    from warehouse.report.db import ReportDb
    from warehouse.report.html import Section
    from warehouse.report.sources import SourceLinker

    wh = tmp_path / "warehouse.duckdb"
    build_warehouse(wh, tmp_path / "inbox")
    db = ReportDb(wh)
    calls = []

    def opaque() -> Section:
        calls.append(1)
        n = db.con.sql("select count(*) from marts.fct_asn_composition").fetchone()[0]  # not recorded
        sec = Section("x", "X", "x")
        sec.add(str(n))
        return sec

    try:
        ctx = ReportContext(db, tmp_path / "out", SourceLinker(tmp_path / "out"), None)
        for _ in range(2):
            with charts.cache_session(tmp_path / "out" / CHART_CACHE):
                memo.build_section(ctx, "opaque", opaque)
    finally:
        db.close()
    assert len(calls) == 2
