"""The short per-region summary printed at the end of a refresh."""

from __future__ import annotations

from pathlib import Path

import duckdb

SUMMARY_SQL = """
-- One row per region and scope (the whole government's staff, or one agency's own staff: never mixed), from
-- the canonical marts, which hold one value per question: nothing is counted twice.
with comp as (
    select region_name, scope, source, year, category, headcount
    from marts.fct_asn_composition
    where dimension = 'golongan_ruang' and population = 'pns'
    qualify year = max(year) over (partition by region_name, scope)
),
gol as (
    select
        region_name, scope, year,
        string_agg(distinct source, '+') as source,
        sum(headcount) as pns,
        sum(headcount) filter (where category like 'I/%') as gol_i,
        sum(headcount) filter (where category like 'II/%') as gol_ii,
        sum(headcount) filter (where category like 'III/%') as gol_iii,
        sum(headcount) filter (where category like 'IV/%') as gol_iv
    from comp
    group by all
),
ip as (
    -- the latest year with a realisation (a plan's future targets are not shown); a reported realisation
    -- before the index computed from SIMPEG, each labelled as what it is
    select
        region_name, scope, year, value_0_100, kind,
        coalesce(category, 'of max ' || index_max::varchar) || ', '
            || case when kind = 'computed' then 'computed from SIMPEG' else 'reported' end as category
    from marts.fct_professionalism_index
    where dimensi = 'total' and kind in ('realisation', 'computed')
    qualify row_number() over (
        partition by region_name, scope order by year desc, kind = 'realisation' desc
    ) = 1
),
merit as (
    select region_name, scope, year, score, category
    from marts.fct_merit_system
    where aspek = 'total' and kind = 'realisation' and scheme = 'kasn_2019'
    qualify row_number() over (partition by region_name, scope order by year desc) = 1
),
regions as (
    select region_name, scope from gol
    union select region_name, scope from ip
    union select region_name, scope from merit
)
select
    r.region_name || case when r.scope = 'agency' then ' (one agency''s staff)' else '' end as region_name,
    r.scope,
    coalesce(g.source, '-') as source,
    coalesce(g.year::varchar, '-') as year, g.pns, g.gol_i, g.gol_ii, g.gol_iii, g.gol_iv,
    ip.year as ip_year, round(ip.value_0_100, 1) as ip_asn, ip.category as ip_category, ip.kind as ip_kind,
    merit.year as merit_year, merit.score as merit, merit.category as merit_category
from regions as r
left join gol as g using (region_name, scope)
left join ip using (region_name, scope)
left join merit using (region_name, scope)
order by r.region_name, r.scope desc
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
