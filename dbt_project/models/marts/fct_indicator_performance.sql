-- Target, realisation and capaian (%) of every performance indicator: one row per question (indicator,
-- dimension folded into the code, region, agency and year) holding the canonical candidate of
-- int_indicator_performance (rule there). Every candidate is in fct_indicator_performance_candidates.
select * exclude (candidate_rank, period_span_years, is_paged, value_votes)
from {{ ref('int_indicator_performance') }}
where candidate_rank = 1
