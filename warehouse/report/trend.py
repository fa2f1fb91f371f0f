"""Year-over-year change per region: IP ASN, merit index and headcount, latest year against the one before."""

from __future__ import annotations

from typing import Any

import pandas as pd

from warehouse.report import charts
from warehouse.report.context import MAX_BARS, ReportContext
from warehouse.report.fmt import is_missing, num, signed
from warehouse.report.html import Col, Section, dec_col, figure, src_col, table

REFS = ["source_file", "source_page", "source_line"]


def _yearly_ip(ctx: ReportContext) -> pd.DataFrame:
    if not ctx.db.has("marts", "fct_professionalism_index", "value_0_100", "kind", "dimensi"):
        return pd.DataFrame()
    cols = ctx.db.optional("marts", "fct_professionalism_index", REFS)
    # Reported and SIMPEG-computed values are separate series: a change from one to the other is a change of
    # method, not of professionalism.
    return ctx.db.df(f"""
        select region_name || case when kind = 'computed' then ' · SIMPEG' else '' end as key,
               year, value_0_100 as value, {cols}
        from marts.fct_professionalism_index
        where dimensi = 'total' and kind in ('realisation', 'computed') and value_0_100 is not null
        qualify row_number() over (partition by region_name, kind, year order by source_file) = 1
    """)


def _yearly_merit(ctx: ReportContext) -> pd.DataFrame:
    if not ctx.db.has("marts", "fct_merit_system", "score", "kind", "aspek"):
        return pd.DataFrame()
    cols = ctx.db.optional("marts", "fct_merit_system", REFS)
    scheme = "coalesce(scheme, 'kasn_2019')" if "scheme" in ctx.db.columns("marts", "fct_merit_system") else "''"
    return ctx.db.df(f"""
        select region_name || case when {scheme} = 'kasn_index_0_1' then ' (0–1)' else '' end as key,
               year, score as value, {cols}
        from marts.fct_merit_system
        where aspek = 'total' and kind = 'realisation' and score is not null
        qualify row_number() over (partition by region_name, {scheme}, year order by source_file) = 1
    """)


# Dimensions whose tables count the whole staff most reliably, in order of preference.
HEADCOUNT_DIMENSIONS = ["golongan_ruang", "golongan", "jenis_kelamin", "pendidikan", "kelompok_usia",
                        "jenis_jabatan"]


def _yearly_headcount(ctx: ReportContext) -> pd.DataFrame:
    if not ctx.db.has("marts", "fct_asn_composition", "headcount", "dimension", "source"):
        return pd.DataFrame()
    cols = ctx.db.optional("marts", "fct_asn_composition", ["as_of_date", "table_name", *REFS])
    # Per year and dimension the largest single table (documents repeat the same staff across documents).
    df = ctx.db.df(f"""
        with t as (
            select region_name, source, year, as_of_date, dimension, table_name, source_file,
                   sum(headcount) as value, min(source_page) as source_page, min(source_line) as source_line
            from (select region_name, source, year, dimension, headcount, {cols} from marts.fct_asn_composition)
            group by all
        )
        select region_name || case when source = 'simpeg' then ' · SIMPEG' else ' · dokumen' end as key,
               year, dimension, value, source_file, source_page, source_line
        from t
        qualify row_number() over (partition by region_name, source, year, dimension
                                   order by as_of_date desc nulls last, value desc, source_file) = 1
    """)
    return _one_dimension(df)


def _one_dimension(df: pd.DataFrame) -> pd.DataFrame:
    """Per region, compare years on one dimension only: a document's golongan table and its position-type
    table of the next year can count different populations, and would show a change nobody made."""
    if df.empty:
        return df
    rank = {d: i for i, d in enumerate(HEADCOUNT_DIMENSIONS)}
    keep = []
    for _, grp in df.groupby("key", sort=False):
        years = grp.groupby("dimension")["year"].nunique()
        best = min(years.index, key=lambda d: (-years[d], rank.get(d, len(rank)), d))
        keep.append(grp[grp["dimension"] == best])
    return pd.concat(keep, ignore_index=True)


def changes(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    if df.empty:
        return out
    for key, grp in df.groupby("key", sort=True):
        grp = grp.sort_values("year")
        if len(grp) < 2:
            continue
        prev, last = grp.iloc[-2], grp.iloc[-1]
        delta = float(last["value"]) - float(prev["value"])
        rel = delta / float(prev["value"]) if prev["value"] else None
        out.append({
            "key": key, "year_prev": int(prev["year"]), "value_prev": float(prev["value"]),
            "year_last": int(last["year"]), "value_last": float(last["value"]), "delta": delta, "rel": rel,
            "refs": [tuple(prev[c] for c in REFS), tuple(last[c] for c in REFS)],
        })
    return out


def trend_section(ctx: ReportContext) -> Section:
    sec = Section("perubahan", "Perubahan dari tahun sebelumnya", "Year-over-year change")
    measures = [
        ("IP ASN (Δ poin / points)", "IP ASN", _yearly_ip(ctx), 2, False),
        ("Indeks merit (Δ nilai / score)", "Indeks merit", _yearly_merit(ctx), 1, False),
        ("Jumlah ASN (Δ %) / Headcount", "Jumlah ASN", _yearly_headcount(ctx), 0, True),
    ]
    panels, rows = [], []
    for title, name, df, places, relative in measures:
        found = changes(df)
        for c in found:
            c["measure"] = name
            c["places"] = 3 if "(0–1)" in c["key"] else places  # a 0–1 index moves in the third decimal
            rows.append(c)
        bars = [
            (f"{c['key']} {c['year_prev']}→{c['year_last']}",
             c["rel"] * 100 if relative else c["delta"],
             signed(c["rel"] * 100, 1) + "%" if relative else signed(c["delta"], places))
            for c in found
            if not (relative and is_missing(c["rel"])) and "(0–1)" not in c["key"]  # 0–1 deltas: table only
        ]
        if bars:
            panels.append((title, sorted(bars, key=lambda b: -b[1])[:MAX_BARS]))
    if not panels:
        sec.unavailable("Belum ada dua tahun data untuk dibandingkan / no region has two years of data yet.")
        return sec
    sec.lead = "Tahun terakhir dibandingkan tahun sebelumnya yang tersedia. Hijau naik, merah turun."
    png = charts.delta_panels(ctx.chart_path("perubahan_tahunan"),
                              "Perubahan tahunan per wilayah / Year-over-year change by region", panels)
    sec.add(figure("fig-perubahan", png, "Perubahan tahunan per wilayah", "Diurutkan dari kenaikan terbesar"))
    for r in rows:
        r["source_html"] = ctx.linker.links(r["refs"], limit=2)
        r["prev_text"] = num(r["value_prev"], r["places"])
        r["last_text"] = num(r["value_last"], r["places"])
        r["delta_text"] = signed(r["delta"], r["places"])
    sec.add(table("tbl-perubahan", [
        Col("measure", "Ukuran / Measure"), Col("key", "Wilayah / Region"),
        Col("year_prev", "Tahun awal"), Col("prev_text", "Nilai awal / From", numeric=True),
        Col("year_last", "Tahun akhir"), Col("last_text", "Nilai akhir / To", numeric=True),
        Col("delta_text", "Δ", numeric=True), dec_col("rel_pct", "Δ %", 1), src_col(),
    ], [{**r, "rel_pct": None if r["rel"] is None else r["rel"] * 100} for r in rows]))
    return sec
