-- Headcount composition: one row per question -- region, scope (the whole region's government or one
-- agency's own staff), population, year, dimension and category -- holding the canonical count, chosen by
-- the rule in int_headcount_candidates (SIMPEG over documents, then the most specific and recent document,
-- then the table with the largest total). A plain SUM over a region, year and dimension gives each source
-- number once. Every other candidate is in fct_asn_composition_candidates; where they disagree,
-- rpt_reconciliation lists the conflict with both sources.
select
    r.region_code,
    c.region_name,
    c.agency_name,
    c.scope,
    c.population_compared as population,
    c.is_population_stated,
    c.year,
    c.as_of_date,
    c.source,
    c.dimension,
    c.category,
    c.headcount,
    c.headcount / nullif(c.table_total, 0) as share,
    c.table_total,
    c.source_file,
    c.source_page,
    c.source_line,
    c.table_name,
    c.candidates_count::integer as candidates_count,
    c.question_key
from {{ ref('int_headcount_candidates') }} as c
left join {{ ref('int_regions') }} as r on r.region_key = c.region_key
where c.is_canonical
qualify row_number() over (partition by c.question_key order by c.source_page nulls last, c.source_line) = 1
