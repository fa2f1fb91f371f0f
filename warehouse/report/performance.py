"""Performance indicators (capaian) and budget absorption per region, latest year."""

from __future__ import annotations

from warehouse.report import charts
from warehouse.report.context import MAX_BARS, ReportContext
from warehouse.report.fmt import idr, is_missing, num
from warehouse.report.html import Col, Section, dec_col, figure, src_col, table

REFS = ["source_file", "source_page", "source_line"]


def indicator_section(ctx: ReportContext) -> Section:
    sec = Section("indikator", "Capaian indikator kinerja", "Performance indicators")
    need = ("region_name", "year", "indicator_name", "capaian_pct")
    if not ctx.db.has("marts", "fct_indicator_performance", *need):
        sec.unavailable("Mart indikator belum ada / fct_indicator_performance not in the warehouse yet.")
        return sec
    cols = ctx.db.optional("marts", "fct_indicator_performance", [
        "region_name", "year", "indicator_code", "indicator_name", "target", "realisation", "capaian_pct",
        "unit", "capaian_pct_computed", *REFS])
    df = ctx.db.df(f"""
        select {cols} from marts.fct_indicator_performance
        qualify year = max(year) over (partition by region_name)
    """)
    # A document that states target and realisation but no capaian still has one: realisation / target.
    df["capaian_pct"] = df["capaian_pct"].fillna(df["capaian_pct_computed"])
    if df.empty:
        sec.unavailable("Belum ada capaian indikator / no indicator results yet.")
        return sec
    sec.lead = "Tahun terakhir per wilayah. Hijau ≥100%, kuning 90–99%, merah <90%."
    plotted = df.dropna(subset=["capaian_pct"]).sort_values("capaian_pct").head(MAX_BARS)
    plotted = plotted.sort_values("capaian_pct", ascending=False)
    if not plotted.empty:
        bars = [charts.ValueBar(
            f"{r.region_name} · {_short(r.indicator_name)}", float(r.capaian_pct),
            "#2e7d32" if r.capaian_pct >= 100 else "#f1c40f" if r.capaian_pct >= 90 else "#c0392b",
            f"{num(r.capaian_pct, 1)}%",
        ) for r in plotted.itertuples()]
        hi = max(110.0, float(plotted["capaian_pct"].max()) * 1.15)
        png = charts.value_bars(ctx.chart_path("indikator_capaian"),
                                "Capaian indikator (%) / Indicator achievement", bars, "Capaian (%)",
                                (0, hi), ref_line=100)
        caption = "Diurutkan dari capaian tertinggi" + (
            f"; {MAX_BARS} capaian terendah dari {len(df)}" if len(df) > MAX_BARS else "")
        sec.add(figure("fig-indikator", png, "Capaian indikator kinerja", caption))
    rows = df.sort_values(["region_name", "indicator_name"]).to_dict("records")
    for r in rows:
        r["source_html"] = ctx.linker.link(r["source_file"], r["source_page"], r["source_line"])
    sec.add(table("tbl-indikator", [
        Col("region_name", "Wilayah / Region"), Col("year", "Tahun"), Col("indicator_name", "Indikator"),
        dec_col("target", "Target"), dec_col("realisation", "Realisasi"), dec_col("capaian_pct", "Capaian %", 1),
        Col("unit", "Satuan / Unit", lambda v: "" if is_missing(v) else str(v)), src_col(),
    ], rows))
    return sec


def _short(text: object, width: int = 48) -> str:
    s = str(text)
    return s if len(s) <= width else s[: width - 1] + "…"


def budget_section(ctx: ReportContext) -> Section:
    sec = Section("anggaran", "Anggaran dan realisasi", "Budget and spending")
    if not ctx.db.has("marts", "fct_budget", "region_name", "year", "pagu"):
        sec.unavailable("Mart anggaran belum ada / fct_budget not in the warehouse yet.")
        return sec
    cols = ctx.db.optional("marts", "fct_budget", ["region_name", "year", "level", "program", "pagu",
                                                   "realisation", *REFS])
    df = ctx.db.df(f"""
        select {cols} from marts.fct_budget
        qualify year = max(year) over (partition by region_name)
    """)
    if df["level"].notna().any():
        # Budget lines nest (program > kegiatan > sub-kegiatan, plus stated totals): count programs only,
        # or the stated total where a document lists no programs.
        has_program = df.groupby("region_name")["level"].transform(lambda s: (s == "program").any())
        df = df[(df["level"] == "program") | (~has_program & (df["level"] == "total"))]
    if df.empty:
        sec.unavailable("Belum ada data anggaran / no budget rows yet.")
        return sec
    df["program"] = df["program"].fillna("(tanpa program)")
    per_region = df.groupby(["region_name", "year"], as_index=False).agg(
        pagu=("pagu", "sum"), realisation=("realisation", lambda s: s.sum(min_count=1)))
    per_region["serapan"] = per_region["realisation"] / per_region["pagu"].where(per_region["pagu"] > 0)
    sec.lead = "Serapan = realisasi / pagu, tahun terakhir per wilayah. / Absorption = spending / budget."
    plotted = per_region.dropna(subset=["serapan"]).sort_values("serapan", ascending=False).head(MAX_BARS)
    if not plotted.empty:
        bars = [charts.ValueBar(
            f"{r.region_name} ({r.year})", float(r.serapan * 100),
            "#2e7d32" if r.serapan >= 0.9 else "#f1c40f" if r.serapan >= 0.75 else "#c0392b",
            f"{num(r.serapan * 100, 1)}% · {idr(r.realisation)} dari {idr(r.pagu)}",
        ) for r in plotted.itertuples()]
        png = charts.value_bars(ctx.chart_path("anggaran_serapan"), "Serapan anggaran / Budget absorption",
                                bars, "Serapan (%)", (0, max(130.0, float(plotted["serapan"].max()) * 140)),
                                ref_line=100)
        sec.add(figure("fig-anggaran", png, "Serapan anggaran per wilayah", "Diurutkan dari serapan tertinggi"))
    programs = df.groupby(["region_name", "year", "program"], as_index=False).agg(
        pagu=("pagu", "sum"), realisation=("realisation", lambda s: s.sum(min_count=1)),
        source_file=("source_file", "first"), source_page=("source_page", "min"),
        source_line=("source_line", "min"))
    rows = programs.to_dict("records")
    for r in rows:
        r["serapan"] = None if is_missing(r["realisation"]) or not r["pagu"] else r["realisation"] / r["pagu"] * 100
        r["source_html"] = ctx.linker.link(r["source_file"], r["source_page"], r["source_line"])
    sec.add(table("tbl-anggaran", [
        Col("region_name", "Wilayah / Region"), Col("year", "Tahun"), Col("program", "Program"),
        Col("pagu", "Pagu (Rp)", lambda v: num(v), numeric=True),
        Col("realisation", "Realisasi (Rp)", lambda v: num(v), numeric=True),
        dec_col("serapan", "Serapan %", 1), src_col(),
    ], rows))
    return sec


