"""Age pyramids by gender. The marts count each dimension separately, so the cross of age and gender comes
from the SIMPEG employee view (int_simpeg_employees: pseudonymous rows with their age band; no personal data
is read)."""

from __future__ import annotations

import pandas as pd

from warehouse.report import charts, palette
from warehouse.report.context import ReportContext
from warehouse.report.html import Col, Section, figure, int_col, src_col, table

EMPLOYEES = ("intermediate", "int_simpeg_employees")
STAGING = ("staging", "stg_simpeg_employees")  # warehouses built before the band moved to intermediate
MAX_PANELS = 9


def load(ctx: ReportContext) -> pd.DataFrame | None:
    need = ("region_name", "as_of_date", "kelompok_usia", "jenis_kelamin", "status_kepegawaian", "source_file")
    source = next((t for t in (EMPLOYEES, STAGING) if ctx.db.has(*t, *need)), None)
    if source is None:
        return None
    # Same population as fct_asn_composition's SIMPEG rows (PNS and CPNS), latest snapshot per region.
    return ctx.db.df(
        f"""
        with e as (
            select * from {source[0]}.{source[1]}
            where status_kepegawaian in ('PNS', 'CPNS') and kelompok_usia is not null
              and jenis_kelamin in ('Laki-laki', 'Perempuan')
        ), latest as (
            select region_name, max(as_of_date) as as_of_date from e group by region_name
        )
        select e.region_name, e.as_of_date, e.kelompok_usia, e.jenis_kelamin, count(*) as headcount,
               string_agg(distinct e.source_file, '|' order by e.source_file) as source_files
        from e join latest using (region_name, as_of_date)
        group by all
        """
    )


def pyramid_section(ctx: ReportContext) -> Section:
    sec = Section("piramida", "Piramida usia menurut jenis kelamin", "Age pyramid by gender")
    df = load(ctx)
    if df is None or df.empty:
        sec.unavailable(
            "Tidak ada data SIMPEG dengan usia dan jenis kelamin / no SIMPEG rows with both age and gender."
        )
        return sec
    sec.lead = "Dari data SIMPEG terbaru per wilayah (PNS dan CPNS). / Latest SIMPEG snapshot per region."
    totals = df.groupby("region_name")["headcount"].sum().sort_values(ascending=False)
    bands = palette.ordered("kelompok_usia", set(df["kelompok_usia"]))
    panels, rows = [], []
    for region in totals.index:
        part = df[df["region_name"] == region]
        as_of = pd.Timestamp(part["as_of_date"].iloc[0])
        by = part.pivot_table(index="kelompok_usia", columns="jenis_kelamin", values="headcount",
                              aggfunc="sum", fill_value=0)
        male = [int(by.at[b, "Laki-laki"]) if b in by.index and "Laki-laki" in by else 0 for b in bands]
        female = [int(by.at[b, "Perempuan"]) if b in by.index and "Perempuan" in by else 0 for b in bands]
        panels.append(charts.PyramidPanel(f"{region} ({as_of:%d-%m-%Y})", bands, male, female))
        files = sorted({f for fs in part["source_files"] for f in str(fs).split("|")})
        link = ctx.linker.links([(f, None, None) for f in files])
        # Two rows per region (one per gender), age bands across: the table reads like the pyramid.
        for gender, counts in (("Laki-laki", male), ("Perempuan", female)):
            row: dict[str, object] = {"region": region, "as_of": f"{as_of:%d-%m-%Y}", "gender": gender,
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
