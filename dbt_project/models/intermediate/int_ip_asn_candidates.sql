-- Every IP ASN figure for a question of fct_professionalism_index, one row per candidate: each document's
-- reported value (int_ip_asn_reported, every table that prints it) and each SIMPEG snapshot's computed index
-- (int_ip_asn_computed), each with its rank under its model's canonical rule (candidate_rank = 1 answers).
-- Coverage: coverage_dimensions and index_max say what a total covers (Banten's 52.81 covers kualifikasi,
-- kinerja and disiplin: index_max 60). category (Perban BKN 8/2019 bands on 0-100) is given only where the
-- bands apply: a total covering all four dimensions, or one whose document shows no dimension breakdown
-- (the published full index); never for a partial index, a dimension or an achievement percentage.
-- Beside a computed total: the canonical realisation the region reported for that year.
with reported as (
    select
        region_name, region_key, agency_name, scope, year, as_of_date, dimensi, kind, value, unit, scale_max,
        value_0_100, coverage_dimensions, coverage_dimension_count, coverage_basis, index_max,
        null::bigint as employees_total, null::bigint as employees_measured, null::double as participation_rate,
        'document' as source, source_file, table_name, source_page, source_line, candidates_count, value_votes,
        candidate_rank, question_key
    from {{ ref('int_ip_asn_reported') }}
),
unioned as (
    select * from reported
    union all by name
    select * from {{ ref('int_ip_asn_computed') }}
),
latest_reported as (
    select region_key, year, value_0_100 as reported_value_0_100
    from reported
    where candidate_rank = 1 and dimensi = 'total' and kind = 'realisation' and scope = 'region'
)
select
    r.region_code,
    u.region_name,
    u.agency_name,
    u.scope,
    u.year::integer as year,
    u.as_of_date,
    u.dimensi,
    u.kind,
    u.source,
    u.value,
    u.unit,
    u.scale_max,
    round(u.value_0_100, 4) as value_0_100,
    u.coverage_dimensions,
    u.coverage_dimension_count::integer as coverage_dimension_count,
    u.coverage_basis,
    u.index_max,
    round(u.value_0_100 / u.index_max * 100, 2) as pct_of_index_max,
    case
        when u.dimensi = 'total' and u.kind in ('target', 'realisation', 'computed')
             and (u.coverage_dimension_count = 4 or u.coverage_basis = 'not_stated')
            then b.category
    end as category,
    u.employees_total,
    u.employees_measured,
    u.participation_rate,
    case when u.kind = 'computed' and u.dimensi = 'total' then lr.reported_value_0_100 end
        as reported_value_0_100,
    case when u.kind = 'computed' and u.dimensi = 'total'
        then round(u.value_0_100 - lr.reported_value_0_100, 4) end as computed_minus_reported,
    u.candidates_count::integer as candidates_count,
    u.value_votes::integer as value_votes,
    u.candidate_rank::integer as candidate_rank,
    u.candidate_rank = 1 as is_canonical,
    u.source_file,
    u.table_name,
    u.source_page,
    u.source_line,
    u.question_key
from unioned as u
left join {{ ref('int_regions') }} as r on r.region_key = u.region_key
left join {{ ref('ref_ip_asn_bands') }} as b
    on u.value_0_100 > b.min_score_exclusive and u.value_0_100 <= b.max_score_inclusive
left join latest_reported as lr
    on u.kind = 'computed' and lr.region_key = u.region_key and lr.year = u.year
