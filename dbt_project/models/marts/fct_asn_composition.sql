-- Headcount composition: one row per question -- region, scope (the whole region's government or one
-- agency's own staff), population, year, dimension and category -- holding the canonical count, chosen by
-- the rule in int_headcount_candidates (SIMPEG over documents, then the most specific and recent document,
-- then the table with the largest total). A plain SUM over a region, year and dimension gives each source
-- number once. Every other candidate is in fct_asn_composition_candidates; where they disagree,
-- rpt_reconciliation lists the conflict with both sources.
select
    region_code,
    region_name,
    agency_name,
    scope,
    population_compared as population,
    is_population_stated,
    year,
    as_of_date,
    source,
    dimension,
    category,
    headcount,
    headcount / nullif(table_total, 0) as share,
    table_total,
    source_file,
    source_page,
    source_line,
    table_name,
    candidates_count::integer as candidates_count,
    question_key
from {{ ref('int_headcount_candidates') }}
where is_canonical
-- the canonical table may print a category twice: its first printing answers
qualify row_number() over (partition by question_key order by source_page nulls last, source_line) = 1
