-- Merit-system index and aspect scores: one row per question -- region, scope, year, aspek (total or one
-- aspect) and kind (target, realisation, or achievement_pct: a capaian percentage, never a score) -- with the
-- canonical value of int_merit_scores (rule there). Every candidate is in fct_merit_system_candidates.
-- The category (I Buruk .. IV Sangat Baik, ref_merit_categories) is given for kasn_2019 totals, targets as
-- well as realisations.
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
    case when f.aspek = 'total' and f.kind <> 'achievement_pct' then (case when f.is_0_1 then 1 else 400 end)
        end as max_score,
    case when f.aspek = 'total' and f.kind <> 'achievement_pct'
        then round(f.score / (case when f.is_0_1 then 1 else 400 end) * 100, 2) end as score_pct_of_max,
    case when f.aspek = 'total' and f.scheme = 'kasn_2019' then c.category_code || ' ' || c.category end
        as category,
    case when f.aspek = 'total' and f.scheme = 'kasn_2019' then c.category_code end as category_code,
    f.candidates_count::integer as candidates_count,
    f.value_votes::integer as value_votes,
    f.source_file,
    f.table_name,
    f.source_page,
    f.source_line,
    f.question_key
from {{ ref('int_merit_scores') }} as f
left join {{ ref('ref_merit_categories') }} as c
    on c.scheme = 'kasn_2019'
    and f.score >= c.min_score and f.score < c.max_score_exclusive
where f.candidate_rank = 1
