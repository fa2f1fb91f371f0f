-- IP ASN: targets and realisations as agencies reported them (on the scale they used: 0-1 "poin" or
-- 0-100 "nilai"), and the index computed from SIMPEG employee rows (mean of individual scores).
with reported as (
    select
        region_name,
        agency_name,
        year,
        coalesce(lower(json_extract_string(dimension, '$.dimensi')), 'total') as dimensi,
        kind,
        value,
        case when value <= 1 then 1 else 100 end as scale_max,
        null::bigint as employees_measured,
        null::double as participation_rate,
        source_file,
        source_page,
        source_line
    from {{ ref('stg_document_facts') }}
    where metric = 'ip_asn' and kind in ('target', 'realisation') and value is not null
),
computed_long as (
    unpivot (
        select region_name, agency_name, year, source_file, has_inputs,
               ip_asn as total, kualifikasi, kompetensi, kinerja, disiplin
        from {{ ref('int_ip_asn_employee_scores') }}
    )
    on total, kualifikasi, kompetensi, kinerja, disiplin
    into name dimensi value score
),
computed as (
    select
        region_name,
        agency_name,
        year,
        dimensi,
        'computed' as kind,
        avg(score) filter (where has_inputs) as value,
        100 as scale_max,
        count(*) filter (where has_inputs) as employees_measured,
        count(*) filter (where has_inputs) / count(*) as participation_rate,
        source_file,
        null::integer as source_page,
        null::integer as source_line
    from computed_long
    group by all
    having count(*) filter (where has_inputs) > 0
),
unioned as (
    select * from reported
    union all
    select * from computed
)
select
    r.region_code,
    u.region_name,
    u.agency_name,
    u.year,
    u.dimensi,
    u.kind,
    u.value,
    u.scale_max,
    -- Dimension scores are points out of their weight, so only the total is put on the 0-100 band scale.
    case when u.dimensi = 'total' then u.value * 100.0 / u.scale_max end as value_0_100,
    b.category,
    u.employees_measured,
    u.participation_rate,
    u.source_file,
    u.source_page,
    u.source_line
from unioned as u
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('u.region_name') }}
left join {{ ref('ref_ip_asn_bands') }} as b
    on u.dimensi = 'total'
    and u.value * 100.0 / u.scale_max > b.min_score_exclusive
    and u.value * 100.0 / u.scale_max <= b.max_score_inclusive
