-- Headcounts as the documents state them, one row per (document, table, category), with the population
-- and scope they describe. Stated totals (JUMLAH rows) are kept out of the composition; rpt_reconciliation
-- compares them with the parts. A count must be a whole number; one that is not is not a headcount.
-- Scope and population come from the fact when the extractor states them (fact contract); otherwise:
--   population  pejabat_struktural for eselon tables and tables titled "pejabat struktural"; pppk / asn /
--               pns when the table's title names it; else not stated (compared as PNS, which is what
--               composition tables of BKD/BKPSDM reports count).
--   scope       agency when the table's title names an agency (badan, dinas, BKPSDM, ...) or when its total
--               is below the smallest whole-government headcount (seed ref_population_scope) -- an eselon
--               table takes the scope of its document's largest other table; else region.
with facts as (
    select
        f.fact_id,
        f.region_name,
        f.agency_name,
        f.year::integer as year,
        f.as_of_date,
        f.dimension_key as dimension,
        f.dimension_value as category,
        f.value::bigint as headcount,
        f.source_file,
        f.document_key,
        f.doc_type,
        f.period_span_years,
        f.document_period_end,
        f.is_paged,
        f.source_page,
        f.source_line,
        f.table_name,
        f.has_flags,
        f.population as population_stated,
        f.scope as scope_stated,
        lower(coalesce(f.table_name, '')) as title
    from {{ ref('int_document_facts') }} as f
    where f.metric = 'asn_headcount'
      and f.kind = 'count'
      and f.dimension_count = 1
      and f.dimension_key in ({{ headcount_dimensions_sql() }})
      and f.dimension_value is not null
      and not {{ is_total_label('f.dimension_value') }}
      and f.value = floor(f.value)
),
tables as (
    select
        *,
        (sum(headcount) over (partition by source_file, table_name, year, dimension))::bigint as table_total
    from facts
),
documents as (
    -- the largest table of each document and year other than eselon (which counts office holders only)
    select source_file, year, max(table_total)::bigint as document_largest_total
    from tables
    where dimension <> 'eselon'
    group by all
)
select
    t.* exclude (title, population_stated, scope_stated),
    -- an eselon breakdown counts office holders whatever its caption calls them ("PNS menurut eselon"), as
    -- the SIMPEG side does: the two must be one question
    case when t.dimension = 'eselon' then 'pejabat_struktural' else coalesce(
        t.population_stated,
        case
            when regexp_matches(t.title, 'pejabat\s+struktural') then 'pejabat_struktural'
            when regexp_matches(t.title, '\bpppk\b') then 'pppk'
            when regexp_matches(t.title, '\bcpns\b') then 'cpns'
            when regexp_matches(t.title, '\bpns\b') then 'pns'
            when regexp_matches(t.title, '\basn\b') then 'asn'
        end,
        'not_stated'
    ) end as population,
    t.population_stated is not null as is_population_stated,
    coalesce(
        t.scope_stated,
        case
            when regexp_matches(t.title,
                '\b(badan|dinas|bkpsdm|bkpp|bkppd|bkd|bkdd|inspektorat|sekretariat daerah|kantor|rsud)\b')
                then 'agency'
            when coalesce(case when t.dimension <> 'eselon' then t.table_total end, d.document_largest_total, 0)
                < coalesce(s.min_region_headcount, u.min_region_headcount) then 'agency'
            else 'region'
        end
    ) as scope,
    t.scope_stated is not null as is_scope_stated
from tables as t
left join documents as d on d.source_file = t.source_file and d.year is not distinct from t.year
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('t.region_name') }}
left join {{ ref('ref_population_scope') }} as s on s.region_level = r.region_level
cross join (select min_region_headcount from {{ ref('ref_population_scope') }} where region_level = 'unknown') as u
