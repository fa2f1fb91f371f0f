-- Every IP ASN figure for a question of fct_professionalism_index: each document's reported value (every
-- table that prints it) and each SIMPEG snapshot's computed index, with its source and its rank under the
-- canonical rule (candidate_rank = 1 is the value in fct_professionalism_index).
with reported as (
    select
        region_name, region_key, agency_name, scope, year, as_of_date, dimensi, kind, value, unit, scale_max,
        value_0_100, coverage_dimensions, coverage_basis, index_max, value_votes, candidate_rank,
        'document' as source, source_file, table_name, source_page, source_line, question_key
    from {{ ref('int_ip_asn_reported') }}
),
computed as (
    select
        region_name, region_key, agency_name, scope, year, as_of_date, dimensi, kind, value, unit, scale_max,
        value_0_100, coverage_dimensions, coverage_basis, index_max, value_votes, candidate_rank,
        source, source_file, table_name, source_page, source_line, question_key
    from {{ ref('int_ip_asn_computed') }}
)
select
    r.region_code,
    u.region_name,
    u.agency_name,
    u.scope,
    u.year,
    u.as_of_date,
    u.dimensi,
    u.kind,
    u.source,
    u.value,
    u.unit,
    u.scale_max,
    round(u.value_0_100, 4) as value_0_100,
    u.coverage_dimensions,
    u.coverage_basis,
    u.index_max,
    u.value_votes::integer as value_votes,
    u.candidate_rank::integer as candidate_rank,
    u.candidate_rank = 1 as is_canonical,
    u.source_file,
    u.table_name,
    u.source_page,
    u.source_line,
    u.question_key
from (select * from reported union all by name select * from computed) as u
left join {{ ref('int_regions') }} as r on r.region_key = u.region_key
