"""The short per-region summary printed at the end of a refresh."""

from __future__ import annotations

from pathlib import Path

import duckdb

SUMMARY_SQL = """
with comp as (
    -- Latest year per region and source; documents first, SIMPEG where no document states it.
    select region_name, source, year, category, sum(headcount) as headcount
    from marts.fct_asn_composition
    where dimension = 'golongan_ruang'
    group by all
),
latest as (
    select * from comp
    qualify year = max(year) over (partition by region_name, source)
),
gol as (
    select
        region_name, source, year,
        sum(headcount) as pns,
        sum(headcount) filter (where category like 'I/%') as gol_i,
        sum(headcount) filter (where category like 'II/%') as gol_ii,
        sum(headcount) filter (where category like 'III/%') as gol_iii,
        sum(headcount) filter (where category like 'IV/%') as gol_iv
    from latest
    group by all
),
ip as (
    select region_name, year, value_0_100, category, kind
    from marts.fct_professionalism_index
    where dimensi = 'total' and kind in ('realisation', 'computed')
    qualify row_number() over (
        partition by region_name order by year desc, kind = 'realisation' desc
    ) = 1
),
merit as (
    select region_name, year, score, category
    from marts.fct_merit_system
    where aspek = 'total' and kind = 'realisation'
    qualify row_number() over (partition by region_name order by year desc) = 1
)
select
    g.region_name, g.source, g.year, g.pns, g.gol_i, g.gol_ii, g.gol_iii, g.gol_iv,
    ip.year as ip_year, round(ip.value_0_100, 1) as ip_asn, ip.category as ip_category, ip.kind as ip_kind,
    merit.year as merit_year, merit.score as merit, merit.category as merit_category
from gol as g
left join ip using (region_name)
left join merit using (region_name)
order by g.region_name, g.source
"""


def summary_rows(warehouse: Path) -> list[dict]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        cur = con.execute(SUMMARY_SQL)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}" if value % 1 else f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def print_summary(warehouse: Path, run_id: str | None = None) -> None:
    rows = summary_rows(warehouse)
    if run_id:
        print(f"run: {run_id}")
    if not rows:
        print("no headcount by golongan in the warehouse yet")
        return
    header = ["region", "source", "year", "PNS", "gol I", "gol II", "gol III", "gol IV", "IP ASN", "merit"]
    table = [header]
    for r in rows:
        ip = f"{_fmt(r['ip_asn'])} {r['ip_category'] or ''} ({r['ip_year']})".strip() if r["ip_asn"] else "-"
        merit = f"{_fmt(r['merit'])} {r['merit_category'] or ''} ({r['merit_year']})" if r["merit"] else "-"
        table.append([
            r["region_name"], r["source"], str(r["year"]), _fmt(r["pns"]), _fmt(r["gol_i"]), _fmt(r["gol_ii"]),
            _fmt(r["gol_iii"]), _fmt(r["gol_iv"]), ip, merit,
        ])
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(row)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
