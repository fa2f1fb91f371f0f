-- Merit-system index and aspect scores, target and realisation. Scores on 0-400 are the KASN 2019
-- self-assessment scheme; scores on 0-1 are the KASN "indeks" publications.
with facts as (
    select
        region_name,
        agency_name,
        year,
        case when metric = 'merit_index' then 'total'
             else coalesce(json_extract_string(dimension, '$.aspek'), 'unknown') end as aspek,
        kind,
        value as score,
        source_file,
        source_page,
        source_line
    from {{ ref('stg_document_facts') }}
    where metric in ('merit_index', 'merit_aspect_score')
      and kind in ('target', 'realisation')
      and value is not null
)
select
    r.region_code,
    f.region_name,
    f.agency_name,
    f.year,
    case when f.aspek = 'total' and f.score <= 1 then 'kasn_index_0_1' else 'kasn_2019' end as scheme,
    f.aspek,
    f.kind,
    f.score,
    case when f.aspek = 'total' and f.score <= 1 then 1 when f.aspek = 'total' then 400 end as max_score,
    case when f.aspek = 'total' then c.category_code || ' ' || c.category end as category,
    f.source_file,
    f.source_page,
    f.source_line
from facts as f
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('f.region_name') }}
left join {{ ref('ref_merit_categories') }} as c
    on f.aspek = 'total' and f.score > 1
    and f.score >= c.min_score and f.score < c.max_score_exclusive
