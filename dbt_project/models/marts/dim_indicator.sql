-- Canonical indicators (ref_indicators) with the spellings seen in documents, plus any label no alias
-- pattern maps yet (is_canonical = false), so every indicator_code of fct_indicator_performance is here.
with seen as (
    select
        indicator_code,
        string_agg(distinct indicator_label, ' | ' order by indicator_label) as spellings_seen,
        count(*) as facts,
        min(indicator_label) as first_label,
        max(unit) as unit_seen
    from {{ ref('int_indicator_facts') }}
    group by indicator_code
)
select
    i.indicator_code,
    i.indicator_name,
    i.unit,
    i.higher_is_better,
    i.description,
    true as is_canonical,
    s.spellings_seen,
    coalesce(s.facts, 0) as facts
from {{ ref('ref_indicators') }} as i
left join seen as s using (indicator_code)
union all
select
    s.indicator_code,
    s.first_label as indicator_name,
    s.unit_seen as unit,
    true as higher_is_better,
    'Label not mapped by ref_indicator_aliases yet' as description,
    false as is_canonical,
    s.spellings_seen,
    s.facts
from seen as s
where s.indicator_code not in (select indicator_code from {{ ref('ref_indicators') }})
