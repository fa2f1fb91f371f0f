-- Every target / realisation pair any source table prints for a question of fct_indicator_performance, with
-- its rank under the canonical rule (candidate_rank = 1 is the row in fct_indicator_performance).
select
    * exclude (candidate_rank, period_span_years, is_paged, value_votes, candidates_count),
    candidate_rank::integer as candidate_rank,
    candidate_rank = 1 as is_canonical,
    value_votes::integer as value_votes
from {{ ref('int_indicator_performance') }}
