"""Staff composition per region: golongan, education, gender and age as 100% stacked bars, and age pyramids.

For each region and source (document or SIMPEG) the latest snapshot is shown; when one year has several
document tables for the same dimension, the largest one is used rather than adding them up, because they
are usually the same staff counted in two documents.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from warehouse.report import charts, palette
from warehouse.report.context import MAX_BARS, ReportContext
from warehouse.report.fmt import num, pct
from warehouse.report.html import Col, Section, esc, figure, int_col, src_col, table

COMPOSITION = ("marts", "fct_asn_composition")
# (chart dimension, mart dimensions it can come from, Indonesian title, English title, sort rule text)
DIMENSIONS = [
    ("golongan", ("golongan", "golongan_ruang"), "Golongan", "rank group",
     "diurutkan menurut porsi golongan III+IV / sorted by share of III+IV", ("III", "IV")),
    ("pendidikan", ("pendidikan",), "Pendidikan", "education",
     "diurutkan menurut porsi S1 ke atas / sorted by share with a degree", ("D-IV", "S1/D-IV", "S1", "S2", "S3")),
    ("jenis_kelamin", ("jenis_kelamin",), "Jenis kelamin", "gender",
     "diurutkan menurut porsi perempuan / sorted by share of women", ("Perempuan",)),
    ("kelompok_usia", ("kelompok_usia",), "Kelompok usia", "age group",
     "diurutkan menurut porsi usia 51+ (mendekati pensiun) / sorted by share aged 51+",
     ("51-55", "56-60", "61-65", ">65")),
]


@dataclass
class Snapshot:
    region: str
    source: str
    year: int
    as_of: object
    counts: dict[str, float]
    refs: list[tuple[object, object, object]]

    @property
    def label(self) -> str:
        if self.source == "simpeg" and self.as_of is not None and not pd.isna(self.as_of):
            return f"{self.region} · SIMPEG {pd.Timestamp(self.as_of):%d-%m-%Y}"
        return f"{self.region} · dokumen {self.year}"

    @property
    def total(self) -> float:
        return float(sum(self.counts.values()))


def load(ctx: ReportContext) -> dict[str, list[Snapshot]] | None:
    """The snapshots of every mart dimension (see `snapshots`), chosen and summed in DuckDB: only the
    categories of the chosen tables are fetched, not the mart's rows (tens of thousands at national scale).
    Empty when the mart has no usable row."""
    if not ctx.db.has(*COMPOSITION, "region_name", "year", "source", "dimension", "category", "headcount"):
        return None
    cols = ctx.db.optional(*COMPOSITION, [
        "agency_name", "as_of_date", "source_file", "source_page", "source_line", "table_name",
    ])
    # Like with like: whole regional governments' PNS only; an agency's own staff table is not a region.
    like = " and scope = 'region'" if ctx.db.has(*COMPOSITION, "scope") else ""
    like += " and population = 'pns'" if ctx.db.has(*COMPOSITION, "population") else ""
    rows = ctx.db.con.execute(
        f"""
        with c as (
            select region_name, source, dimension, year, category, headcount, {cols}
            from marts.fct_asn_composition
            where headcount is not null and region_name is not null and source is not null and year is not null{like}
        ), keyed as (
            -- A missing date, file, table or agency sorts as the empty text, before any real one.
            select *, coalesce(cast(as_of_date as varchar), '') as as_of_key,
                   coalesce(cast(source_file as varchar), '') as file_key,
                   coalesce(cast(table_name as varchar), '') as table_key,
                   coalesce(cast(agency_name as varchar), '') as agency_key
            from c
        ), latest as (
            select * from keyed
            qualify dense_rank() over (
                partition by dimension, region_name, source order by year desc, as_of_key desc) = 1
        ), largest as (
            -- Several tables in the latest year are usually the same staff counted twice: take the largest
            -- (ties: the last by file, table and agency, so the choice does not depend on row order).
            select dimension, region_name, source, file_key, table_key, agency_key, sum(headcount) as n
            from latest group by dimension, region_name, source, file_key, table_key, agency_key
            qualify row_number() over (partition by dimension, region_name, source
                                       order by n desc, file_key desc, table_key desc, agency_key desc) = 1
        ), chosen as (
            select latest.* from latest join largest using (dimension, region_name, source, file_key, table_key,
                                                              agency_key)
        ), counts as (
            select dimension, region_name, source, category, sum(headcount) as n
            from chosen where category is not null group by all
        ), snaps as (
            select dimension, region_name, source, any_value(year) as year, any_value(as_of_date) as as_of_date,
                   -- The first page cited: by file name, then page and line (missing ones as 0).
                   arg_min(struct_pack(f := source_file, p := source_page, l := source_line),
                           (coalesce(cast(source_file as varchar), 'None'), coalesce(source_page, 0),
                            coalesce(source_line, 0))) as ref
            from chosen group by all
        )
        select s.dimension, s.region_name, s.source, s.year, s.as_of_date, s.ref.f, s.ref.p, s.ref.l,
               -- In a set order: the memo compares results, and a list's order would otherwise vary by run.
               list(c.category order by c.category) filter (where c.category is not null),
               list(c.n order by c.category) filter (where c.category is not null)
        from snaps s left join counts c using (dimension, region_name, source)
        group by all
        """
    ).fetchall()
    out: dict[str, list[Snapshot]] = {}
    for dim, region, source, year, as_of, file, page, line, cats, ns in rows:
        counts = {str(c): float(n) for c, n in sorted(zip(cats or [], ns or [], strict=True))}
        snap = Snapshot(str(region), str(source), int(year), as_of, counts, [(file, page, line)])
        out.setdefault(str(dim), []).append(snap)
    for snaps in out.values():
        snaps.sort(key=lambda s: (s.region, s.source))
    return out


def snapshots(loaded: dict[str, list[Snapshot]], mart_dimension: str) -> list[Snapshot]:
    """The latest table per region and source for one mart dimension, by region and source."""
    return loaded.get(mart_dimension, [])


def golongan_snapshots(loaded: dict[str, list[Snapshot]]) -> list[Snapshot]:
    """Golongan I–IV, stated directly or summed from golongan/ruang (III/a → III), whichever of the two is the
    latest and, in the same year, the larger table: an agency's own small staff table must not stand in for
    the whole government's."""
    best: dict[tuple[str, str], Snapshot] = {}
    rolled_up = []
    for s in snapshots(loaded, "golongan_ruang"):
        counts: dict[str, float] = {}
        for cat, n in s.counts.items():
            key = cat.split("/")[0].strip()
            counts[key] = counts.get(key, 0) + n
        rolled_up.append(Snapshot(s.region, s.source, s.year, s.as_of, counts, s.refs))
    for s in snapshots(loaded, "golongan") + rolled_up:
        key = (s.region, s.source)
        rank = (s.year, str(s.as_of), s.total)
        held = best.get(key)
        if held is None or rank > (held.year, str(held.as_of), held.total):
            best[key] = s
    return [best[k] for k in sorted(best)]


def _sorted(snaps: list[Snapshot], top: tuple[str, ...]) -> list[Snapshot]:
    def key(s: Snapshot) -> float:
        return sum(s.counts.get(c, 0) for c in top) / s.total if s.total else 0.0

    return sorted(snaps, key=key, reverse=True)


def composition_section(ctx: ReportContext, loaded: dict[str, list[Snapshot]] | None) -> Section:
    sec = Section("komposisi", "Komposisi ASN per wilayah", "Staff composition by region")
    if not loaded:
        sec.unavailable("Belum ada data komposisi di gudang data / no composition data in the warehouse yet.")
        return sec
    sec.lead = (
        "Setiap batang adalah tabel terbaru per wilayah dan sumber (dokumen atau SIMPEG); angka di dalam batang "
        "adalah persentase, n adalah jumlah pegawai. Hanya PNS seluruh pemerintah daerah: tabel staf satu "
        "instansi tidak dibandingkan dengan wilayah. / Each bar is the latest table per region and source; whole "
        "regional governments' PNS only, never one agency's own staff."
    )
    for dim, mart_dims, title_id, title_en, sort_text, top in DIMENSIONS:
        snaps = golongan_snapshots(loaded) if dim == "golongan" else snapshots(loaded, mart_dims[0])
        sec.add(f"<h3>{title_id} <span class='en'>/ {title_en}</span></h3>")
        if not snaps:
            sec.unavailable(f"Tidak ada data {title_id.lower()} / no {title_en} data.")
            continue
        snaps = [s for s in _sorted(snaps, top) if s.total > 0]
        cats = palette.ordered(dim, {c for s in snaps for c in s.counts})
        colours = {c: palette.colour(dim, c) for c in cats}
        # Too many regions for one chart: keep the largest (most staff), still in the chart's sort order.
        largest = {id(s) for s in sorted(snaps, key=lambda s: -s.total)[:MAX_BARS]}
        shown = [s for s in snaps if id(s) in largest]
        note = "" if len(shown) == len(snaps) else f" ({len(shown)} terbesar dari {len(snaps)})"
        png = charts.stacked(
            ctx.chart_path(f"komposisi_{dim}"), f"Komposisi menurut {title_id.lower()} / by {title_en}{note}",
            [s.label for s in shown], cats, [s.counts for s in shown], colours,
        )
        sec.add(figure(f"fig-komposisi-{dim}", png, f"Komposisi ASN menurut {title_id}", sort_text))
        cols = [Col("label", "Wilayah · sumber / Region · source")]
        cols += [Col(c, c, numeric=True, raw_html=True) for c in cats]
        cols += [int_col("total", "Jumlah / Total"), src_col()]
        rows = []
        for s in snaps:
            row: dict[str, object] = {"label": s.label, "total": s.total, "source_html": ctx.linker.links(s.refs)}
            for c in cats:
                row[c] = _count_share(s.counts.get(c), s.counts.get(c, 0) / s.total if s.total else None)
            rows.append(row)
        sec.add(table(f"tbl-komposisi-{dim}", cols, rows))
    return sec


def _count_share(count: float | None, share: float | None) -> str:
    """The count, with its share on a second line: keeps wide tables (eleven education levels) narrow."""
    if count is None:
        return "–"
    # A handful of people in a large government would round to "0%", which reads as none.
    text = "<1%" if share is not None and 0 < share < 0.005 else pct(share, 0)
    return f'{esc(num(count))}<br><span class="share">{esc(text)}</span>'
