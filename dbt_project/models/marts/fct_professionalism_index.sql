-- IP ASN: one row per question -- region, scope, year, dimensi (total or one of the four dimensions) and
-- kind: target / realisation (index values as reported), achievement_pct (a capaian percentage printed
-- beside them) or computed (the mean of individual scores from the latest SIMPEG snapshot of the year).
-- The canonical candidate of int_ip_asn_candidates (coverage, category and the rules there); the others are
-- in fct_professionalism_index_candidates and, where they disagree, in rpt_reconciliation.
select * exclude (value_votes, candidate_rank, is_canonical)
from {{ ref('int_ip_asn_candidates') }}
where is_canonical
