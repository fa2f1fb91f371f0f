-- IP ASN: one row per question -- region, scope, year, dimensi (total or one of the four dimensions) and
-- kind: target / realisation (index values as reported), achievement_pct (a capaian percentage printed
-- beside them) or computed (the mean of individual scores from the latest SIMPEG snapshot of the year).
-- The reported value is the canonical candidate of int_ip_asn_reported (rule there); the others are in
-- fct_professionalism_index_candidates and, where they disagree, in rpt_reconciliation.
-- Coverage: coverage_dimensions and index_max say what a total covers (Banten's 52.81 covers kualifikasi,
-- kinerja and disiplin: index_max 60). category (Perban BKN 8/2019 bands on 0-100) is given only where the
-- bands apply: a total covering all four dimensions, or one whose document shows no dimension breakdown
-- (the published full index); never for a partial index, a dimension or an achievement percentage.
with reported as (
    select
        region_name, region_key, agency_name, scope, year, as_of_date, dimensi, kind, value, unit, scale_max,
        value_0_100, coverage_dimensions, coverage_dimension_count, coverage_basis, index_max,
        null::bigint as employees_total, null::bigint as employees_measured, null::double as participation_rate,
        'document' as source, source_file, table_name, source_page, source_line, candidates_count, value_votes,
        question_key
    from {{ ref('int_ip_asn_reported') }}
    where candidate_rank = 1
),
computed_candidates as (
    select * from {{ ref('int_ip_asn_computed') }}
),
computed as (
    select * exclude (candidate_rank) from computed_candidates where candidate_rank = 1
),
unioned as (
    select * from reported
    union all by name
    select * from computed
),
latest_reported as (
    -- beside a computed index: what the region reported as its realisation for that year
    select region_key, year, value_0_100 as reported_value_0_100
    from reported
    where dimensi = 'total' and kind = 'realisation' and scope = 'region'
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
