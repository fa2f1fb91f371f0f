"""Age pyramids by gender. The marts count each dimension separately, so the cross of age and gender comes
from the SIMPEG employee view (int_simpeg_employees: pseudonymous rows with their age band; no personal data
is read)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from warehouse.report import charts, palette
from warehouse.report.context import ReportContext
from warehouse.report.html import Col, Section, figure, int_col, src_col, table

EMPLOYEES = ("intermediate", "int_simpeg_employees")
STAGING = ("staging", "stg_simpeg_employees")  # warehouses built before the band moved to intermediate
MAX_PANELS = 9


@dataclass
class Region:
    """One region's latest SIMPEG snapshot: people per age band and gender, and the exports counted."""

    name: str
    as_of: date
    male: dict[str, int]
    female: dict[str, int]
    files: list[str]


def load(ctx: ReportContext) -> list[Region] | None:
    """Regions by staff, largest first; counted in DuckDB, so only one row per region and age band is
    fetched, not one per person."""
    need = ("region_name", "as_of_date", "kelompok_usia", "jenis_kelamin", "status_kepegawaian", "source_file")
    source = next((t for t in (EMPLOYEES, STAGING) if ctx.db.has(*t, *need)), None)
    if source is None:
        return None
    # Same population as fct_asn_composition's SIMPEG rows (PNS and CPNS), latest snapshot per region.
    rows = ctx.db.con.execute(
        f"""
        with counted as (
            -- Counted at every date first, so the employee rows are read once (plain keys: the cheapest
            -- grouping); the latest date is then chosen among the few counts.
            select region_name, as_of_date, kelompok_usia, jenis_kelamin, source_file, count(*) as n
            from {source[0]}.{source[1]}
            where status_kepegawaian in ('PNS', 'CPNS') and kelompok_usia is not null
              and jenis_kelamin in ('Laki-laki', 'Perempuan') and region_name is not null
            group by region_name, as_of_date, kelompok_usia, jenis_kelamin, source_file
            qualify as_of_date = max(as_of_date) over (partition by region_name)
        ), cells as (
            select region_name, any_value(as_of_date) as as_of_date, kelompok_usia,
                   coalesce(sum(n) filter (where jenis_kelamin = 'Laki-laki'), 0) as male,
                   coalesce(sum(n) filter (where jenis_kelamin = 'Perempuan'), 0) as female,
                   list(distinct source_file) filter (where source_file is not null) as files
            from counted group by region_name, kelompok_usia
        )
        -- Lists in a set order: the memo compares results, and a list's order would otherwise vary by run.
        select region_name, any_value(as_of_date), list(kelompok_usia order by kelompok_usia),
               list(male order by kelompok_usia), list(female order by kelompok_usia),
               list_sort(list_distinct(flatten(list(files) filter (where files is not null))))
        from cells group by region_name
        -- Ties broken by name, so the order (and which regions the chart shows) does not depend on row order.
        order by sum(male + female) desc, region_name
        """
    ).fetchall()
    return [
        Region(str(name), as_of, {b: int(n) for b, n in zip(bands, male, strict=True)},
               {b: int(n) for b, n in zip(bands, female, strict=True)},
               sorted(str(f) for f in files or []))
        for name, as_of, bands, male, female, files in rows
    ]


def pyramid_section(ctx: ReportContext) -> Section:
    sec = Section("piramida", "Piramida usia menurut jenis kelamin", "Age pyramid by gender")
    regions = load(ctx)
    if not regions:
        sec.unavailable(
            "Tidak ada data SIMPEG dengan usia dan jenis kelamin / no SIMPEG rows with both age and gender."
        )
        return sec
    sec.lead = "Dari data SIMPEG terbaru per wilayah (PNS dan CPNS). / Latest SIMPEG snapshot per region."
    bands = palette.ordered("kelompok_usia", {b for r in regions for b in r.male})
    panels, rows = [], []
    for region in regions:
        male = [region.male.get(b, 0) for b in bands]
        female = [region.female.get(b, 0) for b in bands]
        panels.append(charts.PyramidPanel(f"{region.name} ({region.as_of:%d-%m-%Y})", bands, male, female))
        link = ctx.linker.links([(f, None, None) for f in region.files])
        # Two rows per region (one per gender), age bands across: the table reads like the pyramid.
        for gender, counts in (("Laki-laki", male), ("Perempuan", female)):
            row: dict[str, object] = {"region": region.name, "as_of": f"{region.as_of:%d-%m-%Y}", "gender": gender,
                                      "total": sum(counts), "source_html": link}
            row.update(zip(bands, counts, strict=True))
            rows.append(row)
    shown = panels[:MAX_PANELS]
    title = "Piramida usia ASN (porsi per wilayah, label = orang) / Age pyramid (share, labels = people)"
    png = charts.pyramid(ctx.chart_path("piramida_usia"), title, shown, palette.GENDER_COLOURS)
    caption = "Panjang batang = porsi pegawai wilayah itu / bar length = share of the region's staff"
    if len(shown) < len(panels):
        caption += f"; {len(shown)} wilayah terbesar dari {len(panels)}"
    sec.add(figure("fig-piramida", png, "Piramida usia menurut jenis kelamin", caption))
    cols = [Col("region", "Wilayah / Region"), Col("as_of", "Per tanggal / As of"),
            Col("gender", "Jenis kelamin / Gender")]
    cols += [int_col(b, b) for b in bands]
    cols += [int_col("total", "Jumlah / Total"), src_col()]
    sec.add(table("tbl-piramida", cols, rows))
    return sec
