-- Performance facts (indicator_value, sakip_score, ip_asn, merit_index, merit_achievement_pct) with their
-- canonical indicator. The metric decides where it is unambiguous (ip_asn and its dimensi, merit_index,
-- sakip_score); indicator_value labels are matched against the alias patterns of ref_indicator_aliases
-- (lowest priority wins); a label no pattern knows keeps a code made from the label itself
-- ('label:<slug>'), so nothing is dropped and the seed can be extended later.
with facts as (
    select
        f.*,
        trim(regexp_replace(lower(coalesce(f.indicator, '')), '\s+', ' ', 'g')) as indicator_label_norm,
        case when f.dimension_key = 'dimensi' then lower(f.dimension_value) end as dimensi,
        case when f.dimension_key = 'aspek' then f.dimension_value end as aspek
    from {{ ref('int_document_facts') }} as f
    where f.metric in ('indicator_value', 'sakip_score', 'ip_asn', 'merit_index', 'merit_achievement_pct')
      and f.kind in ('target', 'realisation', 'capaian_pct')
      and f.value is not null
      and (f.metric <> 'ip_asn' or {{ is_whole_population_ip_asn('f') }})
),
alias_hits as (
    select
        f.fact_id,
        a.indicator_code,
        row_number() over (partition by f.fact_id order by a.priority, a.indicator_code) as rn
    from facts as f
    join {{ ref('ref_indicator_aliases') }} as a
        on regexp_matches(f.indicator_label_norm, a.pattern)
    where f.indicator_label_norm <> ''
),
coded as (
    select
        f.*,
        case
            when f.metric = 'ip_asn' and f.dimensi in ({{ sql_list(var('ip_asn_dimensi')) }})
                then 'ip_asn_' || f.dimensi
            when f.metric = 'ip_asn' then
                coalesce(case when starts_with(a.indicator_code, 'ip_asn') then a.indicator_code end, 'ip_asn')
            when f.metric = 'merit_index' then 'merit_index'
            when f.metric = 'merit_achievement_pct' and f.kind = 'capaian_pct' then 'merit_index'
            when f.metric = 'merit_achievement_pct' then 'merit_achievement_pct'
            when f.metric = 'sakip_score' then 'sakip'
            else a.indicator_code
        end as mapped_code
    from facts as f
    left join alias_hits as a on a.fact_id = f.fact_id and a.rn = 1
)
select
    fact_id,
    coalesce(
        mapped_code,
        'label:' || coalesce(nullif(trim(regexp_replace(indicator_label_norm, '[^a-z0-9]+', '_', 'g'), '_'), ''),
                             'unnamed')
    ) as indicator_code,
    mapped_code is not null as is_canonical,
    indicator as indicator_label,
    metric,
    kind,
    region_name,
    agency_name,
    year,
    value,
    unit,
    source_file,
    file_sha256,
    source_page,
    source_line,
    table_name,
    fact_index,
    coalesce(is_preferred_rendering, true) as is_preferred_rendering
from coded
