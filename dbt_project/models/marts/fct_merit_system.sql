-- Merit-system index and aspect scores, target and realisation. The scheme is told per source table: a
-- table whose merit totals are all <= 1 reports the KASN 0-1 "indeks" publication (kasn_index_0_1);
-- otherwise the KASN 2019 self-assessment on 0-400 (kasn_2019), whose aspect rows are points of that
-- total. The category (I Buruk .. IV Sangat Baik, ref_merit_categories) is given for kasn_2019 totals,
-- targets as well as realisations.
with facts as (
    select
        region_name,
        agency_name,
        year,
        case when metric = 'merit_index' then 'total'
             else coalesce(case when dimension_key = 'aspek' then dimension_value end, 'unknown') end as aspek,
        kind,
        value as score,
        source_file,
        table_name,
        source_page,
        source_line
    from {{ ref('stg_document_facts') }}
    where metric in ('merit_index', 'merit_aspect_score')
      and kind in ('target', 'realisation')
      and value is not null
      and year is not null
),
scaled as (
    select
        *,
        coalesce(max(score) filter (where aspek = 'total') over (partition by source_file, table_name), 400)
            <= 1 as is_0_1
    from facts
)
select
    r.region_code,
    f.region_name,
    f.agency_name,
    f.year,
    case when f.is_0_1 then 'kasn_index_0_1' else 'kasn_2019' end as scheme,
    f.aspek,
    f.kind,
    f.score,
    case when f.aspek = 'total' then (case when f.is_0_1 then 1 else 400 end) end as max_score,
    case when f.aspek = 'total' then round(f.score / (case when f.is_0_1 then 1 else 400 end) * 100, 2)
        end as score_pct_of_max,
    case when f.aspek = 'total' and not f.is_0_1 then c.category_code || ' ' || c.category end as category,
    case when f.aspek = 'total' and not f.is_0_1 then c.category_code end as category_code,
    f.source_file,
    f.table_name,
    f.source_page,
    f.source_line
from scaled as f
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('f.region_name') }}
left join {{ ref('ref_merit_categories') }} as c
    on c.scheme = 'kasn_2019'
    and f.score >= c.min_score and f.score < c.max_score_exclusive
