-- Every headcount any source gives for a composition question (fct_asn_composition), the canonical one and
-- the others, with its source (file, table, page or line) and its rank under the canonical rule.
select
    r.region_code,
    c.region_name,
    c.agency_name,
    c.scope,
    c.population_compared as population,
    c.population as population_as_stated,
    c.year,
    c.as_of_date,
    c.source,
    c.dimension,
    c.category,
    c.headcount,
    c.table_total,
    c.is_canonical,
    c.candidate_rank::integer as candidate_rank,
    c.doc_type,
    c.source_file,
    c.source_page,
    c.source_line,
    c.table_name,
    c.question_key,
    c.candidate_id
from {{ ref('int_headcount_candidates') }} as c
left join {{ ref('int_regions') }} as r on r.region_key = c.region_key
