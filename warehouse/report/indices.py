"""IP ASN and the merit-system index per region against target, coloured by category band."""

from __future__ import annotations

from typing import Any

import pandas as pd

from warehouse.report import charts, palette
from warehouse.report.context import MAX_BARS, ReportContext
from warehouse.report.fmt import is_missing, num, signed
from warehouse.report.html import Col, Section, dec_col, figure, src_col, table

IP = ("marts", "fct_professionalism_index")
MERIT = ("marts", "fct_merit_system")
REFS = ["source_file", "source_page", "source_line"]


def _pick(rows: pd.DataFrame, prefer_file: Any = None) -> pd.Series | None:
    """One row of a kind: the one from the same document as the realisation when there is one."""
    if rows.empty:
        return None
    if prefer_file is not None:
        same = rows[rows["source_file"] == prefer_file]
        if not same.empty:
            return same.iloc[0]
    return rows.sort_values("source_file", kind="stable").iloc[0]


def latest_per_region(df: pd.DataFrame, value: str) -> list[dict[str, Any]]:
    """Per region (and scheme): the latest reported realisation with its target; where nothing was reported,
    the latest year with a target. The SIMPEG computation is kept beside it with its own (snapshot) year,
    since a mid-year snapshot must not hide the official figure of the year before."""
    out = []
    keys = ["region_name", "scheme"] if "scheme" in df else ["region_name"]
    for key, grp in df.groupby(keys, sort=True):
        reported = grp[grp["kind"] == "realisation"]
        computed = grp[grp["kind"] == "computed"]
        year = int(reported["year"].max()) if not reported.empty else int(grp["year"].max())
        real = _pick(reported[reported["year"] == year])
        targets = grp[(grp["kind"] == "target") & (grp["year"] == year)]
        target = _pick(targets, None if real is None else real["source_file"])
        comp = _pick(computed[computed["year"] == computed["year"].max()]) if not computed.empty else None
        row: dict[str, Any] = {"region": key[0] if isinstance(key, tuple) else key, "year": year}
        if "scheme" in df:
            row["scheme"] = key[1]
        for kind, pick in (("realisation", real), ("target", target), ("computed", comp)):
            row[kind] = None if pick is None else float(pick[value])
            row[f"{kind}_ref"] = None if pick is None else tuple(pick[c] for c in REFS)
        row["computed_year"] = None if comp is None else int(comp["year"])
        anchor = real if real is not None else comp
        row["actual"] = None if anchor is None else float(anchor[value])
        if anchor is not None and real is None:
            row["year"] = int(anchor["year"])
        row["category"] = None if anchor is None or is_missing(anchor["category"]) else anchor["category"]
        # an index covering fewer than the four dimensions has its own maximum and no band (the mart says so)
        index_max = None if anchor is None or "index_max" not in anchor or is_missing(anchor["index_max"]) \
            else float(anchor["index_max"])
        row["index_max"] = index_max
        if row["category"] is None and index_max is not None and index_max < 100:
            row["category_text"] = f"sebagian / partial: maks. {num(index_max, 0)}"
        else:
            row["category_text"] = row["category"]
        row["gap"] = (
            None if real is None or target is None else float(real[value]) - float(target[value])
        )
        out.append(row)
    return out


def _cap(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], str]:
    """At most MAX_BARS bars: the best and the worst half each, since the regions at the bottom are the ones a
    head of agency has to act on. The table below the chart still lists every region."""
    if len(rows) <= MAX_BARS:
        return rows, ""
    half = MAX_BARS // 2
    return rows[:half] + rows[-half:], f"; {half} tertinggi dan {half} terendah dari {len(rows)} wilayah"


def _refs(ctx: ReportContext, row: dict[str, Any]) -> str:
    refs = [row[k] for k in ("realisation_ref", "target_ref", "computed_ref") if row.get(k)]
    return ctx.linker.links(refs)


def ip_asn_section(ctx: ReportContext) -> Section:
    sec = Section("ip-asn", "Indeks Profesionalitas ASN (IP ASN)", "Civil-service professionalism index")
    if not ctx.db.has(*IP, "region_name", "year", "dimensi", "kind", "value_0_100"):
        sec.unavailable("Tabel IP ASN belum ada / fct_professionalism_index not in the warehouse.")
        return sec
    cols = ctx.db.optional(*IP, ["region_name", "scope", "year", "kind", "value_0_100", "category", "index_max",
                                 "employees_measured", *REFS])
    df = ctx.db.df(f"select {cols} from marts.fct_professionalism_index "
                   "where dimensi = 'total' and value_0_100 is not null "
                   "and kind in ('target', 'realisation', 'computed')")
    _label_scope(df)
    if df.empty:
        sec.unavailable("Belum ada nilai IP ASN / no IP ASN values yet.")
        return sec
    rows = latest_per_region(df, "value_0_100")
    sec.lead = ("Skala 0–100 (nilai 0–1 dikalikan 100). Kategori: Sangat Tinggi 91–100, Tinggi 81–90, "
                "Sedang 71–80, Rendah 61–70, Sangat Rendah ≤60 — hanya untuk indeks lengkap (empat dimensi); "
                "indeks sebagian (mis. tanpa kompetensi, maks. 60) tidak diberi kategori. Batang = realisasi "
                "(atau hasil hitung SIMPEG bila tidak dilaporkan), garis hitam = target. / Bands only for the full "
                "four-dimension index; a partial index shows its own maximum.")
    plotted, cap_note = _cap(sorted((r for r in rows if not is_missing(r["actual"])), key=lambda r: -r["actual"]))
    if plotted:
        bars = [charts.ValueBar(
            f"{r['region']} ({r['year']})", float(r["actual"]),
            palette.band_colour(palette.IP_ASN_BANDS, r["category"]),
            f"{num(r['actual'], 2)} · {r['category_text'] or '–'}",
            None if is_missing(r["target"]) else float(r["target"]),
            None if r["computed"] is None or r["realisation"] is None else r["computed"],
        ) for r in plotted]
        png = charts.value_bars(
            ctx.chart_path("ip_asn"), "IP ASN per wilayah terhadap target / IP ASN by region vs target",
            bars, "IP ASN (0–100)", (0, 100), palette.IP_ASN_BANDS,
            marker_label="Dihitung dari SIMPEG / computed from SIMPEG",
        )
        sec.add(figure("fig-ip-asn", png, "IP ASN per wilayah terhadap target",
                       "Diurutkan dari nilai tertinggi / sorted from highest" + cap_note))
    for r in rows:
        r["source_html"] = _refs(ctx, r)
        r["computed_text"] = "–" if r["computed"] is None else f"{num(r['computed'], 2)} ({r['computed_year']})"
    sec.add(table("tbl-ip-asn", [
        Col("region", "Wilayah / Region"), Col("year", "Tahun / Year"), dec_col("target", "Target"),
        dec_col("realisation", "Realisasi / Actual"), Col("computed_text", "Hitung SIMPEG / Computed", numeric=True),
        Col("category_text", "Kategori / Category"),
        Col("gap", "Selisih / Gap", lambda v: signed(v, 2), numeric=True),
        src_col(),
    ], sorted(rows, key=lambda r: r["region"])))
    return sec


def _label_scope(df: pd.DataFrame) -> None:
    """An agency's own staff is named as such, so it is never read as the whole region."""
    if "scope" in df:
        agency = df["scope"] == "agency"
        df.loc[agency, "region_name"] = df.loc[agency, "region_name"] + " (staf satu instansi / one agency's staff)"


def merit_section(ctx: ReportContext) -> Section:
    sec = Section("merit", "Indeks Sistem Merit", "Merit-system index")
    if not ctx.db.has(*MERIT, "region_name", "year", "aspek", "kind", "score"):
        sec.unavailable("Tabel sistem merit belum ada / fct_merit_system not in the warehouse.")
        return sec
    cols = ctx.db.optional(*MERIT, ["region_name", "scope", "year", "scheme", "kind", "score", "category", *REFS])
    df = ctx.db.df(f"select {cols} from marts.fct_merit_system where aspek = 'total' and score is not null "
                   "and kind in ('target', 'realisation')")
    _label_scope(df)
    if df.empty:
        sec.unavailable("Belum ada nilai indeks merit / no merit index values yet.")
        return sec
    df["scheme"] = df["scheme"].fillna("kasn_2019")
    rows = latest_per_region(df, "score")
    sec.lead = ("Skema KASN 2019 (0–400): I Buruk 100–174, II Kurang 175–249, III Baik 250–324, "
                "IV Sangat Baik 325–400; indeks 0–1 ditampilkan terpisah. Garis hitam = target.")
    for scheme, grp in pd.DataFrame(rows).groupby("scheme", sort=True) if rows else []:
        plotted, cap_note = _cap(sorted((r for r in grp.to_dict("records") if not is_missing(r["actual"])),
                                        key=lambda r: -r["actual"]))
        if not plotted:
            continue
        kasn = scheme == "kasn_2019"
        bars = [charts.ValueBar(
            f"{r['region']} ({r['year']})", float(r["actual"]),
            palette.band_colour(palette.MERIT_BANDS, r["category"]) if kasn else "#1565c0",
            f"{num(r['actual'], 2 if not kasn else 1)}" + (f" · {r['category']}" if r["category"] else ""),
            None if is_missing(r["target"]) else float(r["target"]),
        ) for r in plotted]
        png = charts.value_bars(
            ctx.chart_path(f"merit_{scheme}"),
            "Indeks sistem merit per wilayah terhadap target / Merit index by region vs target"
            + ("" if kasn else " (indeks 0–1)"),
            bars, "Nilai KASN (0–400)" if kasn else "Indeks (0–1)", (0, 400) if kasn else (0, 1),
            palette.MERIT_BANDS if kasn else (),
        )
        sec.add(figure(f"fig-merit-{scheme}", png, "Indeks sistem merit per wilayah",
                       "Diurutkan dari nilai tertinggi / sorted from highest" + cap_note))
    for r in rows:
        r["source_html"] = _refs(ctx, r)
    sec.add(table("tbl-merit", [
        Col("region", "Wilayah / Region"), Col("year", "Tahun / Year"), Col("scheme", "Skema / Scheme"),
        dec_col("target", "Target"), dec_col("realisation", "Realisasi / Actual"),
        Col("category", "Kategori / Category"), Col("gap", "Selisih / Gap", lambda v: signed(v, 2), numeric=True),
        src_col(),
    ], sorted(rows, key=lambda r: r["region"])))
    return sec
