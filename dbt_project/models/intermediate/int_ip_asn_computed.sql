-- The IP ASN computed from each SIMPEG snapshot (int_ip_asn_agency_scores), per dimension, with the scope
-- its population describes (a snapshot smaller than a whole government, seed ref_population_scope, is one
-- agency's staff) and its rank: the latest snapshot of the year answers the question.
with snapshots as (
    select * from {{ ref('int_snapshot_scopes') }}
),
long as (
    unpivot (
        select a.snapshot_key, a.region_name, a.agency_name, a.year, a.as_of_date, a.source_file,
               a.employees_total, a.employees_measured, a.participation_rate, n.scope,
               a.ip_asn as total, a.kualifikasi, a.kompetensi, a.kinerja, a.disiplin
        from {{ ref('int_ip_asn_agency_scores') }} as a
        join snapshots as n on n.snapshot_key = a.snapshot_key and n.file_sha256 = a.file_sha256
        where a.employees_measured > 0
    )
    on total, kualifikasi, kompetensi, kinerja, disiplin
    into name dimensi value value
)
select
    l.region_name,
    {{ region_key('l.region_name') }} as region_key,
    l.agency_name,
    l.scope,
    l.year::integer as year,
    l.as_of_date,
    l.dimensi,
    'computed' as kind,
    l.value,
    'Nilai' as unit,
    100 as scale_max,
    l.value as value_0_100,
    case when l.dimensi = 'total' then 'kualifikasi, kompetensi, kinerja, disiplin' else l.dimensi end
        as coverage_dimensions,
    case when l.dimensi = 'total' then 4 else 1 end as coverage_dimension_count,
    case when l.dimensi = 'total' then 'computed' else 'dimension' end as coverage_basis,
    w.max_points::integer as index_max,
    l.employees_total::bigint as employees_total,
    l.employees_measured::bigint as employees_measured,
    l.participation_rate,
    'simpeg' as source,
    l.source_file,
    null::varchar as table_name,
    null::integer as source_page,
    null::integer as source_line,
    count(*) over (partition by {{ region_key('l.region_name') }}, l.scope, l.year, l.dimensi) as candidates_count,
    1 as value_votes,
    md5(concat_ws('|', {{ region_key('l.region_name') }}, l.scope, l.year::varchar, l.dimensi, 'computed'))
        as question_key,
    row_number() over (
        partition by {{ region_key('l.region_name') }}, l.scope, l.year, l.dimensi
        order by l.as_of_date desc, l.source_file
    ) as candidate_rank
from long as l
left join {{ ref('ref_ip_asn_weights') }} as w on w.dimensi = l.dimensi
