-- Target, realisation and capaian (%) of every performance indicator as each source table prints them (a
-- target and a realisation printed in the same table are one candidate), with the rank of the candidate
-- for its question (indicator, region, agency, year): the most specific document (a report on the year
-- before a multi-year plan), then the most recent, then a candidate with both target and realisation, then
-- the pair stated by the most tables, then a paged rendering, then file and position. capaian_pct is as
-- printed; capaian_pct_computed is realisation / target * 100 where both are known. One rendering per
-- document is read, so a report arriving as PDF and as text counts once.
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
),
rows as (
select
    p.indicator_code,
    coalesce(i.indicator_name, p.indicator_label) as indicator_name,
    p.indicator_label,
    r.region_code,
    p.region_name,
    p.agency_name,
    p.year::integer as year,
    {{ year_end('p.year') }} as as_of_date,
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
    d.period_span_years,
    d.is_paged,
    p.source_file,
    p.table_name,
    p.source_page,
    p.source_line
from pivoted as p
left join {{ ref('ref_indicators') }} as i using (indicator_code)
left join {{ ref('int_documents') }} as d on d.source_file = p.source_file
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('p.region_name') }}
),
voted as (
    select
        *,
        count(distinct source_file || '|' || coalesce(table_name, '')) over (
            partition by indicator_code, {{ region_key('region_name') }}, agency_name, year, target, realisation
        ) as value_votes
    from rows
)
select
    *,
    row_number() over (
        partition by indicator_code, {{ region_key('region_name') }}, agency_name, year
        order by period_span_years nulls last, document_period_end desc nulls last,
                 (target is not null and realisation is not null) desc, value_votes desc, is_paged desc,
                 source_file, source_page nulls last, source_line nulls last
    ) as candidate_rank,
    count(*) over (partition by indicator_code, {{ region_key('region_name') }}, agency_name, year)
        as candidates_count,
    md5(concat_ws('|', indicator_code, {{ region_key('region_name') }}, coalesce(agency_name, ''), year::varchar))
        as question_key
from voted
