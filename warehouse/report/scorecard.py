"""Region comparison: the scorecard mart (rank among peers, gap to target), or any comparison mart
this report does not know by name, as a plain table."""

from __future__ import annotations

from warehouse.report.context import ReportContext
from warehouse.report.fmt import is_missing, num
from warehouse.report.generic import generic_table
from warehouse.report.html import Col, Section, table

SCORECARD = ("measure", "region_name", "year", "value", "rank_in_peers", "peers", "is_latest")
MEASURE_TITLES = {
    "ip_asn": "IP ASN", "ip_asn_computed": "IP ASN (hitung SIMPEG)", "merit_index": "Indeks merit",
    "sakip": "Nilai SAKIP", "share_golongan_iii": "Porsi golongan III", "share_s1_plus": "Porsi S1 ke atas",
}


def scorecard_section(ctx: ReportContext) -> Section | None:
    if not ctx.db.has("marts", "fct_region_scorecard", *SCORECARD):
        return None
    sec = Section("perbandingan", "Perbandingan antarwilayah", "Region comparison")
    cols = ctx.db.optional("marts", "fct_region_scorecard", [
        "measure", "region_name", "scope", "peer_group", "year", "value", "target", "gap", "category",
        "rank_in_peers", "peers", "peer_avg", "province_value", "source_detail"])
    order = "measure, peer_group, scope, rank_in_peers, region_name" if ctx.db.has(
        "marts", "fct_region_scorecard", "scope") else "measure, peer_group, rank_in_peers, region_name"
    df = ctx.db.df(f"select {cols} from marts.fct_region_scorecard where is_latest order by {order}")
    sec.lead = ("Tahun terakhir dengan realisasi per wilayah dan ukuran; peringkat hanya di antara yang sebanding: "
                "kabupaten/kota satu provinsi (provinsi secara nasional), cakupan yang sama (seluruh pemerintah "
                "daerah atau staf satu instansi) dan, untuk IP ASN, nilai maksimum yang sama. / Latest year with a "
                "realisation; ranked only like with like: same peer group, same scope (whole government or one "
                "agency's staff) and, for IP ASN, the same maximum.")
    if df.empty:
        sec.unavailable("Belum ada baris / fct_region_scorecard is empty.")
        return sec
    rows = df.to_dict("records")
    for r in rows:
        share = str(r["measure"]).startswith("share_")
        r["measure_text"] = MEASURE_TITLES.get(r["measure"], r["measure"])
        if r.get("scope") == "agency":
            r["region_name"] = f"{r['region_name']} (staf satu instansi / one agency's staff)"
        for k in ("value", "target", "gap", "peer_avg", "province_value"):
            v = r[k]
            r[k + "_text"] = "–" if is_missing(v) else (f"{num(v * 100, 1)}%" if share else num(v, 2))
        r["rank_text"] = "–" if is_missing(r["rank_in_peers"]) else f"{int(r['rank_in_peers'])} / {int(r['peers'])}"
    sec.add(table("tbl-perbandingan", [
        Col("measure_text", "Ukuran / Measure"), Col("region_name", "Wilayah / Region"), Col("year", "Tahun"),
        Col("value_text", "Nilai / Value", numeric=True), Col("target_text", "Target", numeric=True),
        Col("gap_text", "Selisih / Gap", numeric=True), Col("category", "Kategori"),
        Col("rank_text", "Peringkat / Rank", numeric=True), Col("peer_avg_text", "Rata-rata / Peer avg",
                                                                 numeric=True),
        Col("province_value_text", "Provinsi", numeric=True),
        Col("source_detail", "Sumber / Source", lambda v: "" if is_missing(v) else str(v)),
    ], rows))
    return sec


def comparison_tables(ctx: ReportContext) -> list[str]:
    """Marts comparing regions (latest value, target gap, rank), whatever the other developer names them."""
    return [
        t for t in ctx.db.tables("marts")
        if ("comparison" in t or "perbandingan" in t or "scorecard" in t or t.startswith(("rpt_region", "cmp_")))
        and t != "rpt_reconciliation"
    ]


def comparison_section(ctx: ReportContext) -> Section | None:
    known = scorecard_section(ctx)
    if known is not None:
        return known
    names = comparison_tables(ctx)
    if not names:
        return None
    sec = Section("perbandingan", "Perbandingan antarwilayah", "Region comparison")
    sec.lead = "Nilai terakhir, selisih terhadap target, peringkat dan kategori per wilayah."
    for name in names:
        df = ctx.db.df(f'select * from marts."{name}"')
        sec.add(f"<h3>{name}</h3>")
        sec.add(generic_table(ctx, f"tbl-{name}", df))
    return sec
