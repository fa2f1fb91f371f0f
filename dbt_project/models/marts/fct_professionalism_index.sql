-- IP ASN: targets and realisations as agencies reported them, on the scale they used (0-1 "poin" or 0-100
-- "nilai"), and the index computed from SIMPEG employee rows (mean of individual scores, with the
-- participation rate and, beside it, what the agency reported for the same year).
-- Scale: a source table whose IP ASN figures are all <= 1 uses the 0-1 scale (scale_max = 1); otherwise
-- 0-100. Deciding per table, not per number, keeps a dimension score of 0.9 points on a 0-100 table
-- from being read as 90. value_0_100 = value * 100 / scale_max, for the total and for dimensions (points
-- out of the dimension's weight: 25, 40, 30, 5). The category (Perban BKN 8/2019) is given for the total:
-- the bands are (60,70], (70,80], ... so a fractional 80.5 is Tinggi.
with reported_facts as (
    select
        region_name,
        agency_name,
        year,
        coalesce(
            case when dimension_key = 'dimensi' then lower(dimension_value) end,
            'total'
        ) as dimensi,
        kind,
        value,
        unit,
        source_file,
        table_name,
        source_page,
        source_line
    from {{ ref('stg_document_facts') }}
    where metric = 'ip_asn' and kind in ('target', 'realisation') and value is not null and year is not null
),
reported as (
    select
        *,
        case when max(value) over (partition by source_file, table_name) <= 1 then 1 else 100 end as scale_max
    from reported_facts
),
latest_reported as (
    -- what the agency itself reported as realisation for a region and year (latest document first)
    select
        r.region_name,
        r.year,
        r.value * 100.0 / r.scale_max as reported_value_0_100
    from reported as r
    left join {{ ref('stg_documents') }} as d on d.source_file = r.source_file
    where r.dimensi = 'total' and r.kind = 'realisation'
    qualify row_number() over (
        partition by {{ region_key('r.region_name') }}, r.year
        order by d.period_end desc nulls last, r.source_file desc, r.source_page nulls last, r.source_line nulls last
    ) = 1
),
computed_long as (
    unpivot (
        select region_name, agency_name, year, as_of_date, source_file, employees_total, employees_measured,
               participation_rate, ip_asn as total, kualifikasi, kompetensi, kinerja, disiplin
        from {{ ref('int_ip_asn_agency_scores') }}
        where employees_measured > 0
    )
    on total, kualifikasi, kompetensi, kinerja, disiplin
    into name dimensi value value
),
unioned as (
    select
        region_name, agency_name, year, null::date as as_of_date, dimensi, kind, value, unit, scale_max,
        null::bigint as employees_total, null::bigint as employees_measured, null::double as participation_rate,
        source_file, table_name, source_page, source_line
    from reported
    union all
    select
        region_name, agency_name, year, as_of_date, dimensi, 'computed' as kind, value, 'Nilai' as unit,
        100 as scale_max, employees_total, employees_measured, participation_rate,
        source_file, null as table_name, null::integer as source_page, null::integer as source_line
    from computed_long
),
weights as (
    select * from (values ('total', 100), ('kualifikasi', 25), ('kompetensi', 40), ('kinerja', 30),
                          ('disiplin', 5)) as w(dimensi, max_points)
)
select
    r.region_code,
    u.region_name,
    u.agency_name,
    u.year,
    u.as_of_date,
    u.dimensi,
    u.kind,
    u.value,
    u.unit,
    u.scale_max,
    round(u.value * 100.0 / u.scale_max, 4) as value_0_100,
    w.max_points as dimension_max_points,
    round(u.value * 100.0 / u.scale_max / w.max_points * 100, 2) as pct_of_dimension_max,
    b.category,
    u.employees_total,
    u.employees_measured,
    u.participation_rate,
    case when u.kind = 'computed' and u.dimensi = 'total' then lr.reported_value_0_100 end
        as reported_value_0_100,
    case when u.kind = 'computed' and u.dimensi = 'total'
        then round(u.value - lr.reported_value_0_100, 4) end as computed_minus_reported,
    u.source_file,
    u.table_name,
    u.source_page,
    u.source_line
from unioned as u
left join weights as w on w.dimensi = u.dimensi
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('u.region_name') }}
left join {{ ref('ref_ip_asn_bands') }} as b
    on u.dimensi = 'total'
    and u.value * 100.0 / u.scale_max > b.min_score_exclusive
    and u.value * 100.0 / u.scale_max <= b.max_score_inclusive
left join latest_reported as lr
    on u.kind = 'computed'
    and {{ region_key('lr.region_name') }} = {{ region_key('u.region_name') }}
    and lr.year = u.year
