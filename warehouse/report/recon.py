"""Reconciliation findings: parts vs stated totals, totals across dimensions, documents vs SIMPEG."""

from __future__ import annotations

import pandas as pd

from warehouse.report import charts, palette
from warehouse.report.context import ReportContext
from warehouse.report.fmt import is_missing
from warehouse.report.generic import generic_table
from warehouse.report.html import Col, Section, dec_col, figure, src_col, table

STATUS_COLUMNS = ("status", "result", "outcome", "finding", "passed", "ok", "matches", "is_consistent")
CHECK_COLUMNS = ("check_name", "check_type", "check", "reconciliation", "comparison", "kind", "rule")


RECON_COLUMNS = ("check_type", "region_name", "year", "label_a", "value_a", "label_b", "value_b", "difference",
                 "status", "source_file", "source_position")
RECON_COLOURS = {"match": "#2e7d32", "mismatch": "#c0392b", "different_population": "#f1c40f",
                 "not_comparable": "#90a4ae", "undated": "#bdbdbd"}
RECON_TITLES = {
    "stated_total_vs_parts": "jumlah tertulis vs rincian / stated total vs parts",
    "subtotal_vs_cells": "subtotal vs sel / subtotal vs cells",
    "across_dimensions": "antar-dimensi / across dimensions",
    "document_vs_simpeg": "dokumen vs SIMPEG / document vs SIMPEG",
    "extractor_flag": "tanda ekstraktor / extractor flag",
    "undated_fact": "tanpa tahun / undated",
    "candidate_conflict": "sumber berbeda dari nilai kanonik / candidate vs canonical value",
}


def reconciliation_section(ctx: ReportContext) -> Section:
    sec = Section("rekonsiliasi", "Temuan rekonsiliasi", "Reconciliation findings")
    if not ctx.db.has("marts", "rpt_reconciliation"):
        sec.unavailable("Mart rekonsiliasi belum ada / rpt_reconciliation not in the warehouse yet.")
        return sec
    if ctx.db.has("marts", "rpt_reconciliation", *RECON_COLUMNS):
        return _reconciliation_known(ctx, sec)
    df = ctx.db.df("select * from marts.rpt_reconciliation")
    sec.lead = ("Bagian dibandingkan dengan jumlah yang tertulis, jumlah antar-dimensi, dan dokumen dengan "
                "SIMPEG. / Parts vs stated totals, totals across dimensions, documents vs SIMPEG.")
    status = next((c for c in STATUS_COLUMNS if c in df.columns), None)
    check = next((c for c in CHECK_COLUMNS if c in df.columns), None)
    if status and check and not df.empty:
        labels = df[status].map(lambda v: ("cocok" if v else "selisih") if isinstance(v, bool) else str(v))
        counts = pd.crosstab(df[check].astype(str), labels)
        counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index]
        cats = list(counts.columns)
        good = {"cocok", "ok", "match", "matches", "passed", "consistent", "true"}
        colours = {c: "#2e7d32" if c.lower() in good else palette.NEUTRAL if c.lower() in {"info", "n/a"}
                   else "#c0392b" for c in cats}
        png = charts.stacked(ctx.chart_path("rekonsiliasi"), "Temuan rekonsiliasi / Reconciliation findings",
                             list(counts.index), cats, [counts.loc[i].to_dict() for i in counts.index],
                             colours, share=False, min_label=0.0)
        sec.add(figure("fig-rekonsiliasi", png, "Temuan rekonsiliasi per jenis pemeriksaan",
                       "Jumlah temuan per jenis / findings per check"))
        # Mismatches first: those are what a reader has to act on.
        df = df.assign(_bad=~labels.str.lower().isin(good)).sort_values("_bad", ascending=False, kind="stable")
        df = df.drop(columns="_bad")
    sec.add(generic_table(ctx, "tbl-rekonsiliasi", df))
    return sec



def _reconciliation_known(ctx: ReportContext, sec: Section) -> Section:
    df = ctx.db.df("""
        select check_type, region_name, year, dimension, category, label_a, value_a, source_a, label_b, value_b,
               source_b, difference, status, source_file, source_position
        from marts.rpt_reconciliation
        order by status = 'match', status = 'mismatch' desc, abs(difference) desc nulls last, region_name
    """)
    sec.lead = ("Bagian dibandingkan dengan jumlah yang tertulis, jumlah antar-dimensi, dan dokumen dengan "
                "SIMPEG. Yang tidak cocok didahulukan. / Mismatches first.")
    if df.empty:
        sec.unavailable("Tidak ada perbandingan / no comparisons in rpt_reconciliation.")
        return sec
    counts = pd.crosstab(df["check_type"].map(lambda c: RECON_TITLES.get(c, c)), df["status"])
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False).index]
    cats = [c for c in RECON_COLOURS if c in counts.columns] + [c for c in counts.columns if c not in RECON_COLOURS]
    png = charts.stacked(ctx.chart_path("rekonsiliasi"), "Hasil rekonsiliasi per jenis / Reconciliation results",
                         list(counts.index), cats, [counts.loc[i].to_dict() for i in counts.index],
                         {c: RECON_COLOURS.get(c, palette.NEUTRAL) for c in cats}, share=False, min_label=0.0)
    sec.add(figure("fig-rekonsiliasi", png, "Hasil rekonsiliasi per jenis pemeriksaan",
                   "match = cocok, mismatch = selisih, different_population = populasi berbeda"))
    findings = df[df["status"] != "match"]
    rows = findings.head(300).to_dict("records")
    for r in rows:
        pdf = str(r["source_file"]).lower().endswith(".pdf")
        pos = r["source_position"]
        r["source_html"] = ctx.linker.link(r["source_file"], pos if pdf else None, None if pdf else pos)
        r["where"] = " · ".join(str(v) for v in (r["dimension"], r["category"]) if not is_missing(v))
        r["check"] = RECON_TITLES.get(r["check_type"], r["check_type"])
    note = (f"{len(findings)} temuan dari {len(df)} perbandingan; {int((df['status'] == 'match').sum())} cocok."
            + (" 300 pertama ditampilkan." if len(findings) > 300 else ""))
    sec.add(table("tbl-rekonsiliasi", [
        Col("check", "Pemeriksaan / Check"), Col("region_name", "Wilayah / Region"), Col("year", "Tahun"),
        Col("where", "Dimensi / Dimension"), Col("label_a", "A"), dec_col("value_a", "Nilai A", 0),
        Col("label_b", "B"), dec_col("value_b", "Nilai B", 0), dec_col("difference", "Selisih A−B", 0),
        Col("status", "Status"), src_col(),
    ], rows, note))
    return sec


