"""Which table the composition section shows per region and source, and what the age pyramid counts: chosen
in DuckDB (warehouse/report/composition.py, pyramid.py), so the choices are checked here on a real warehouse
file with the cases that decide them: several years, several tables in one year, ties, missing dates and
categories, rows of another scope or population, older SIMPEG snapshots."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from warehouse.report import composition, pyramid
from warehouse.report.context import ReportContext
from warehouse.report.db import ReportDb
from warehouse.report.sources import SourceLinker

COLS = (
    "region_name VARCHAR, agency_name VARCHAR, year INTEGER, as_of_date DATE, source VARCHAR, dimension VARCHAR, "
    "category VARCHAR, headcount DOUBLE, source_file VARCHAR, source_page INTEGER, source_line INTEGER, "
    "table_name VARCHAR, scope VARCHAR, population VARCHAR"
)
D = "document"
S = "simpeg"


def _row(region: str, year: int, dim: str, cat: str | None, n: float | None, file: str | None = "a.pdf",
         page: int | None = 1, table: str | None = "t1", source: str = D, as_of: date | None = None,
         agency: str | None = None, scope: str = "region", population: str = "pns") -> tuple[object, ...]:
    return (region, agency, year, as_of, source, dim, cat, n, file, page, None, table, scope, population)


ROWS = [
    # Kota A, documents: 2023 is older than 2024; in 2024 two tables, the larger (b.pdf, 90) is shown, and its
    # row without a category counts toward its size but is not a category.
    _row("Kota A", 2023, "pendidikan", "S1", 500),
    _row("Kota A", 2024, "pendidikan", "S1", 30, file="a.pdf", page=4),
    _row("Kota A", 2024, "pendidikan", "S2", 20, file="a.pdf", page=4),
    _row("Kota A", 2024, "pendidikan", "S1", 50, file="b.pdf", page=9),
    _row("Kota A", 2024, "pendidikan", "S2", 10, file="b.pdf", page=7),
    _row("Kota A", 2024, "pendidikan", None, 30, file="b.pdf", page=8),
    _row("Kota A", 2024, "pendidikan", "S3", None, file="c.pdf", page=2),  # no headcount: not a table
    # One agency's own staff, and honorary staff: never stand in for the region.
    _row("Kota A", 2025, "pendidikan", "S1", 9000, scope="agency"),
    _row("Kota A", 2025, "pendidikan", "S1", 9000, population="non_pns"),
    # Kabupaten B: two tables of the same size in one year: the later by file name (z.pdf), whatever the row
    # order; the first page cited is its lowest.
    _row("Kabupaten B", 2024, "pendidikan", "S1", 40, file="z.pdf", page=12),
    _row("Kabupaten B", 2024, "pendidikan", "S1", 40, file="m.pdf", page=3),
    _row("Kabupaten B", 2024, "pendidikan", "S2", 10, file="z.pdf", page=11),
    _row("Kabupaten B", 2024, "pendidikan", "S2", 10, file="m.pdf", page=3),
    # SIMPEG for Kota A: two snapshots in 2025, the later date is shown though the earlier is larger.
    _row("Kota A", 2025, "pendidikan", "S1", 800, source=S, as_of=date(2025, 6, 30), file="s.csv", page=None),
    _row("Kota A", 2025, "pendidikan", "S1", 600, source=S, as_of=date(2025, 12, 31), file="s2.csv", page=None),
    _row("Kota A", 2025, "pendidikan", "D-III", 100, source=S, as_of=date(2025, 12, 31), file="s2.csv",
         page=None),
    # Golongan: Kota A states golongan directly in 2024 (total 100) and by ruang in 2024 too (total 120, the
    # larger: shown, summed to I-IV); Kabupaten B only by ruang.
    _row("Kota A", 2024, "golongan", "III", 60, file="g.pdf"),
    _row("Kota A", 2024, "golongan", "IV", 40, file="g.pdf"),
    _row("Kota A", 2024, "golongan_ruang", "III/a", 50, file="r.pdf"),
    _row("Kota A", 2024, "golongan_ruang", "III/b", 30, file="r.pdf"),
    _row("Kota A", 2024, "golongan_ruang", "IV/a", 40, file="r.pdf"),
    _row("Kabupaten B", 2023, "golongan_ruang", "II/c", 5, file="r.pdf"),
    _row("Kabupaten B", 2023, "golongan_ruang", "II/d", 7, file="r.pdf"),
]


def _ctx(tmp_path: Path, table: str, columns: str, rows: list[tuple[object, ...]]) -> ReportContext:
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute(f"create schema {table.split('.')[0]}; create table {table} ({columns})")
    if rows:
        con.executemany(f"insert into {table} values ({', '.join('?' * len(rows[0]))})", rows)
    con.close()
    return ReportContext(ReportDb(path), tmp_path, SourceLinker(tmp_path), None)


@pytest.mark.parametrize("order", [1, -1])  # the choice must not depend on the order rows were written in
def test_composition_chooses_latest_and_largest_table(tmp_path: Path, order: int) -> None:
    ctx = _ctx(tmp_path, "marts.fct_asn_composition", COLS, ROWS[::order])
    loaded = composition.load(ctx)
    assert loaded is not None
    edu = {(s.region, s.source): s for s in composition.snapshots(loaded, "pendidikan")}
    assert list(edu) == [("Kabupaten B", D), ("Kota A", D), ("Kota A", S)]  # by region, then source

    a = edu[("Kota A", D)]
    assert (a.year, a.as_of, a.counts, a.total) == (2024, None, {"S1": 50.0, "S2": 10.0}, 60.0)
    assert a.refs == [("b.pdf", 7, None)]
    assert a.label == "Kota A · dokumen 2024"

    b = edu[("Kabupaten B", D)]
    assert (b.counts, b.refs) == ({"S1": 40.0, "S2": 10.0}, [("z.pdf", 11, None)])

    s = edu[("Kota A", S)]
    assert (s.year, s.as_of, s.counts) == (2025, date(2025, 12, 31), {"D-III": 100.0, "S1": 600.0})
    assert s.refs == [("s2.csv", None, None)]
    assert s.label == "Kota A · SIMPEG 31-12-2025"

    gol = {s.region: s for s in composition.golongan_snapshots(loaded)}
    assert gol["Kota A"].counts == {"III": 80.0, "IV": 40.0}
    assert gol["Kota A"].refs == [("r.pdf", 1, None)]
    assert (gol["Kabupaten B"].year, gol["Kabupaten B"].counts) == (2023, {"II": 12.0})

    html = composition.composition_section(ctx, loaded).render()
    assert "b.pdf, hlm. 7" in html and "a.pdf" not in html


def test_composition_without_usable_rows(tmp_path: Path) -> None:
    ctx = _ctx(tmp_path, "marts.fct_asn_composition", COLS,
               [_row("Kota A", 2024, "pendidikan", "S1", None), _row("Kota A", 2024, "jenis_kelamin", "L", 5,
                                                                     scope="agency")])
    loaded = composition.load(ctx)
    assert loaded == {}
    assert "Belum ada data komposisi" in composition.composition_section(ctx, loaded).render()


def test_pyramid_counts_latest_snapshot_per_region(tmp_path: Path) -> None:
    people = []
    # Kota A: an older snapshot (not counted), and at the latest date 3 men and 1 woman aged 26-30 in two
    # exports, 2 women aged 51-55, plus rows outside the population (PPPK, no age band, no gender).
    people += [("Kota A", "2025-01-31", "26-30", "Laki-laki", "PNS", "old.csv")] * 50
    people += [("Kota A", "2025-06-30", "26-30", "Laki-laki", "PNS", "a1.csv")] * 2
    people += [("Kota A", "2025-06-30", "26-30", "Laki-laki", "CPNS", "a2.csv")]
    people += [("Kota A", "2025-06-30", "26-30", "Perempuan", "PNS", "a2.csv")]
    people += [("Kota A", "2025-06-30", "51-55", "Perempuan", "PNS", "a1.csv")] * 2
    people += [("Kota A", "2025-06-30", "51-55", "Perempuan", "PPPK", "a1.csv"),
               ("Kota A", "2025-06-30", None, "Perempuan", "PNS", "a1.csv"),
               ("Kota A", "2025-06-30", "51-55", None, "PNS", "a1.csv")]
    # Kota C and Kabupaten B: the same staff (6) as Kota A, so the three tie: ordered by name.
    people += [("Kota C", "2025-06-30", "31-35", "Perempuan", "PNS", "c.csv")] * 6
    people += [("Kabupaten B", "2025-03-31", "19-25", "Laki-laki", "PNS", None)] * 6
    ctx = _ctx(tmp_path, "intermediate.int_simpeg_employees",
               "region_name VARCHAR, as_of_date DATE, kelompok_usia VARCHAR, jenis_kelamin VARCHAR, "
               "status_kepegawaian VARCHAR, source_file VARCHAR", people)

    regions = pyramid.load(ctx)
    assert regions is not None
    assert [r.name for r in regions] == ["Kabupaten B", "Kota A", "Kota C"]
    a = regions[1]
    assert a.as_of == date(2025, 6, 30)
    assert a.male == {"26-30": 3, "51-55": 0} and a.female == {"26-30": 1, "51-55": 2}
    assert a.files == ["a1.csv", "a2.csv"]
    assert regions[0].files == []  # no export named: nothing cited, rather than "None"

    html = pyramid.pyramid_section(ctx).render()
    assert 'data-col="region">Kota A</td>' in html and "a1.csv" in html and "old.csv" not in html
