-- Every IP ASN figure for a question of fct_professionalism_index: each document's reported value (every
-- table that prints it) and each SIMPEG snapshot's computed index, with its source and its rank under the
-- canonical rule (candidate_rank = 1 is the value in fct_professionalism_index).
select
    * exclude (coverage_dimension_count, pct_of_index_max, category, employees_total, employees_measured,
               participation_rate, reported_value_0_100, computed_minus_reported, candidates_count)
from {{ ref('int_ip_asn_candidates') }}
