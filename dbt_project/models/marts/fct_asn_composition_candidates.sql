-- Every headcount any source gives for a composition question (fct_asn_composition), the canonical one and
-- the others, with its source (file, table, page or line) and its rank under the canonical rule.
select
    region_code,
    region_name,
    agency_name,
    scope,
    population_compared as population,
    population as population_as_stated,
    year,
    as_of_date,
    source,
    dimension,
    category,
    headcount,
    table_total,
    is_canonical,
    candidate_rank::integer as candidate_rank,
    doc_type,
    source_file,
    source_page,
    source_line,
    table_name,
    question_key,
    candidate_id
from {{ ref('int_headcount_candidates') }}
