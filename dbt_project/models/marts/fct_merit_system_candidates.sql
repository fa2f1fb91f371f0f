-- Every merit-system figure for a question of fct_merit_system, with its source and its rank under the
-- canonical rule (candidate_rank = 1 is the value in fct_merit_system).
select
    f.region_code,
    f.region_name,
    f.agency_name,
    f.scope,
    f.year,
    f.as_of_date,
    f.scheme,
    f.aspek,
    f.kind,
    f.score,
    f.value_votes::integer as value_votes,
    f.candidate_rank::integer as candidate_rank,
    f.candidate_rank = 1 as is_canonical,
    f.source_file,
    f.table_name,
    f.source_page,
    f.source_line,
    f.question_key
from {{ ref('int_merit_scores') }} as f
