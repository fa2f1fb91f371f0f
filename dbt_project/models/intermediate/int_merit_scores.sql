-- Merit-system figures as documents report them: every candidate for the question (region, scope, year,
-- aspek, kind), with its scheme and its rank.
-- kind: target and realisation are scores; a capaian printed beside them is an achievement percentage
--   (achievement_pct). A total "realisation" below every KASN 2019 band (ref_merit_categories) that equals an
--   achievement percentage the same document states for the year is that percentage misplaced into the
--   score column, and is counted as one.
-- Scheme per source table: totals all <= 1 are the KASN 0-1 "indeks" (kasn_index_0_1); otherwise the KASN
--   2019 self-assessment on 0-400 (kasn_2019), whose aspect rows are points of that total.
-- Canonical: the most specific document, then the most recent, then the value stated by the most tables,
--   then a paged rendering, then file and position (as for IP ASN). An achievement percentage must agree
--   (within 0.5) with realisation / target * 100 of the canonical pair when both are known: a capaian that
--   does not is a misread cell and loses to one that does.
with facts as (
    select
        {{ fact_place_columns() }},
        coalesce(scope, 'region') as scope,
        case when metric = 'merit_index' then 'total'
             else coalesce(case when dimension_key = 'aspek' then dimension_value end, 'unknown') end as aspek,
        {{ reported_kind() }} as kind,
        value as score,
        unit,
        {{ fact_provenance_columns() }}
    from {{ ref('int_document_facts') }}
    where metric in ('merit_index', 'merit_aspect_score')
      and kind in ('target', 'realisation', 'capaian_pct')
      and value is not null
      and year is not null
),
stated_pct as (
    select distinct document_key, year, score from facts where kind = 'achievement_pct'
),
lowest_band as (
    select min(min_score) as min_score from {{ ref('ref_merit_categories') }} where scheme = 'kasn_2019'
),
reclassified as (
    select
        f.* exclude (kind),
        case when f.kind = 'realisation' and f.aspek = 'total' and p.score is not null and f.score < b.min_score
                 and f.score > 1
             then 'achievement_pct'
             else f.kind end as kind
    from facts as f
    cross join lowest_band as b
    left join stated_pct as p on p.document_key = f.document_key and p.year = f.year and p.score = f.score
),
scaled as (
    select
        *,
        coalesce(max(score) filter (where aspek = 'total' and kind <> 'achievement_pct')
                     over (partition by source_file, table_key), 400) <= 1 as is_0_1
    from reclassified
),
voted as (
    select
        *,
        count(distinct source_file || '|' || table_key) over (
            partition by region_key, scope, year, aspek, kind, round(score, 2)
        ) as value_votes
    from scaled
),
first_pass as (
    select
        *,
        row_number() over (
            partition by region_key, scope, year, aspek, kind
            order by period_span_years nulls last, document_period_end desc nulls last, value_votes desc,
                     is_paged desc, source_file, source_page nulls last, source_line nulls last,
                     table_key, fact_id  -- never a tie: two tables on one page are ranked the same way every build
        ) as first_rank
    from voted
),
pairs as (
    select
        region_key, scope, year, aspek,
        max(score) filter (where kind = 'target') as target,
        max(score) filter (where kind = 'realisation') as realisation
    from first_pass
    where first_rank = 1 and kind in ('target', 'realisation')
    group by all
),
checked as (
    select
        f.*,
        f.kind = 'achievement_pct' and p.target > 0 and p.realisation is not null
            and abs(f.score - p.realisation / p.target * 100) >= 0.5 as disagrees_with_pair
    from first_pass as f
    left join pairs as p using (region_key, scope, year, aspek)
)
select
    r.region_code,
    k.* exclude (first_rank, disagrees_with_pair),
    case when k.kind = 'achievement_pct' then 'achievement_pct' when k.is_0_1 then 'kasn_index_0_1' else 'kasn_2019'
        end as scheme,
    row_number() over (
        partition by k.region_key, k.scope, k.year, k.aspek, k.kind
        order by coalesce(k.disagrees_with_pair, false), k.first_rank
    ) as candidate_rank,
    count(*) over (partition by k.region_key, k.scope, k.year, k.aspek, k.kind) as candidates_count,
    md5(concat_ws('|', k.region_key, k.scope, k.year::varchar, k.aspek, k.kind)) as question_key
from checked as k
left join {{ ref('int_regions') }} as r on r.region_key = k.region_key
