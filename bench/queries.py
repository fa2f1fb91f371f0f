"""Typical analyst queries, timed against the DuckDB file and the PostgreSQL copy."""

from __future__ import annotations

ANALYST_QUERIES: list[tuple[str, str]] = [
    (
        "golongan_iii_share_by_region",
        """
        select region_name, year, sum(share) filter (where category like 'III/%') as share_gol_iii
        from marts.fct_asn_composition
        where dimension = 'golongan_ruang' and source = 'document'
        group by region_name, year order by region_name, year
        """,
    ),
    (
        "ip_asn_target_gap",
        """
        select t.region_name, t.year, t.value_0_100 as target, r.value_0_100 as realisation,
               r.value_0_100 - t.value_0_100 as gap
        from marts.fct_professionalism_index t
        join marts.fct_professionalism_index r
          on r.region_name = t.region_name and r.year = t.year and r.dimensi = t.dimensi
        where t.dimensi = 'total' and t.kind = 'target' and r.kind = 'realisation'
        order by gap
        """,
    ),
    (
        "merit_latest_by_region",
        """
        select region_name, max(year) as year, max(score) as score
        from marts.fct_merit_system where aspek = 'total' and kind = 'realisation'
        group by region_name order by score desc
        """,
    ),
    (
        "education_year_over_year",
        """
        select region_name, category, year, sum(headcount) as headcount,
               sum(headcount) - lag(sum(headcount)) over (partition by region_name, category order by year) as change
        from marts.fct_asn_composition
        where dimension = 'pendidikan'
        group by region_name, category, year
        order by region_name, category, year
        """,
    ),
    (
        "simpeg_headcount_by_province_region",
        """
        select region_name, category, sum(headcount) as headcount
        from marts.fct_asn_composition
        where source = 'simpeg' and dimension = 'jenis_kelamin'
        group by region_name, category order by headcount desc limit 50
        """,
    ),
]
