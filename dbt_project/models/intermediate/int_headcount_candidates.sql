-- Every headcount any source gives, one row per (source table or SIMPEG snapshot, category), with the
-- question it answers and whether it is the canonical answer. The question is (region, scope, population,
-- year, dimension): "how many PNS of Provinsi Banten were in each golongan/ruang in 2024". One source answers
-- it -- a whole table or snapshot, never a mix of categories from several:
--   1. a SIMPEG snapshot over a document (the register over a report of it, for the same population and
--      year), the latest snapshot of the year first;
--   2. else the most specific document (a report on that year before a multi-year plan), then the most
--      recent one;
--   3. then the table with the largest total (the whole population, not a part of it printed again);
--   4. then a paged rendering (PDF, with page numbers) over a text rendering, then by file and table.
-- Population 'not_stated' is compared as 'pns' (see int_headcount_documents). SIMPEG counts PNS and CPNS.
with documents as (
    select
        'document' as source,
        fact_id as candidate_id,
        region_name,
        agency_name,
        year,
        as_of_date,
        scope,
        is_scope_stated,
        population,
        is_population_stated,
        dimension,
        category,
        headcount,
        table_total,
        source_file,
        document_key,
        doc_type,
        period_span_years,
        document_period_end,
        is_paged,
        source_page,
        source_line,
        table_name
    from {{ ref('int_headcount_documents') }}
    where year is not null  -- undated facts are listed by rpt_reconciliation (check = undated_fact)
),
snapshots as (
    select * from {{ ref('int_snapshot_scopes') }}
),
simpeg as (
    select
        'simpeg' as source,
        h.snapshot_key || '|' || h.dimension || '|' || h.category as candidate_id,
        h.region_name,
        h.agency_name,
        h.year::integer as year,
        h.as_of_date,
        n.scope,
        false as is_scope_stated,
        -- SIMPEG counts PNS and CPNS; by eselon it counts the office holders only
        case when h.dimension = 'eselon' then 'pejabat_struktural' else 'pns' end as population,
        true as is_population_stated,
        h.dimension,
        h.category,
        h.headcount::bigint as headcount,
        sum(h.headcount) over (partition by h.snapshot_key, h.dimension)::bigint as table_total,
        h.source_file,
        null::varchar as document_key,
        'simpeg' as doc_type,
        0 as period_span_years,
        h.year::integer as document_period_end,
        false as is_paged,
        null::integer as source_page,
        null::integer as source_line,
        null::varchar as table_name
    from {{ ref('int_headcount_simpeg') }} as h
    join snapshots as n on n.snapshot_key = h.snapshot_key and n.file_sha256 = h.file_sha256
),
unioned as (
    select * from documents
    union all by name
    select * from simpeg
),
keyed as (
    select
        *,
        {{ region_key('region_name') }} as region_key,
        case when population = 'not_stated' then 'pns' else population end as population_compared
    from unioned
),
ranked as (
    select
        *,
        dense_rank() over (
            partition by region_key, scope, population_compared, year, dimension
            order by (source = 'simpeg') desc, as_of_date desc nulls last, period_span_years,
                     document_period_end desc nulls last, table_total desc, is_paged desc, source_file,
                     table_name
        ) as candidate_rank
    from keyed
)
select
    r.region_code,
    k.* exclude (candidate_rank),
    k.candidate_rank,
    k.candidate_rank = 1 as is_canonical,
    md5(concat_ws('|', k.region_key, k.scope, k.population_compared, k.year::varchar, k.dimension, k.category))
        as question_key,
    count(*) over (partition by k.region_key, k.scope, k.population_compared, k.year, k.dimension, k.category)
        as candidates_count
from ranked as k
left join {{ ref('int_regions') }} as r on r.region_key = k.region_key
