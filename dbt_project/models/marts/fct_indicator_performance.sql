-- Target, realisation and capaian (%) of every performance indicator, one row per indicator, dimension
-- (IP ASN dimensi folded into the code), region, agency, year and source table: a target and a realisation
-- printed in the same table are one row. capaian_pct is as printed; capaian_pct_computed is
-- realisation / target * 100 where both are known.
with facts as (
    -- one rendering per document, so a report arriving as PDF and as text counts once
    select * from {{ ref('int_indicator_facts') }} where year is not null and is_preferred_rendering
),
pivoted as (
    select
        indicator_code,
        region_name,
        agency_name,
        year,
        source_file,
        table_name,
        max(value) filter (where kind = 'target') as target,
        max(value) filter (where kind = 'realisation') as realisation,
        max(value) filter (where kind = 'capaian_pct') as capaian_pct,
        max(unit) filter (where kind in ('target', 'realisation')) as unit,
        string_agg(distinct indicator_label, ' | ') as indicator_label,
        min(source_page) as source_page,
        min(source_line) as source_line,
        min(fact_index) as first_fact_index
    from facts
    group by all
)
select
    p.indicator_code,
    coalesce(i.indicator_name, p.indicator_label) as indicator_name,
    p.indicator_label,
    r.region_code,
    p.region_name,
    p.agency_name,
    p.year::integer as year,
    make_date(p.year::integer, 12, 31) as as_of_date,
    p.target,
    p.realisation,
    p.capaian_pct,
    case when p.target <> 0 then round(p.realisation / p.target * 100, 2) end as capaian_pct_computed,
    p.realisation - p.target as gap,
    case
        when p.target is null or p.realisation is null then null
        when coalesce(i.higher_is_better, true) then p.realisation >= p.target
        else p.realisation <= p.target
    end as met_target,
    p.unit,
    d.doc_type,
    d.period_end as document_period_end,
    p.source_file,
    p.table_name,
    p.source_page,
    p.source_line
from pivoted as p
left join {{ ref('ref_indicators') }} as i using (indicator_code)
left join {{ ref('stg_documents') }} as d on d.source_file = p.source_file
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('p.region_name') }}
