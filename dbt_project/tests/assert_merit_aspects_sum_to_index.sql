-- In the KASN 2019 scheme the merit index is the sum of its aspect scores. Where a document states both
-- the aspects and the index for the same region, year and kind, they should agree (rounding aside);
-- otherwise an aspect was misread or missed.
{{ config(severity='warn') }}

{% set tolerance = 1.0 %}

with scores as (
    select
        region_name, coalesce(agency_name, '') as agency_name, year, kind, source_file,
        max(score) filter (where aspek = 'total' and scheme = 'kasn_2019') as index_score,
        sum(score) filter (where aspek <> 'total') as aspects_sum,
        count(*) filter (where aspek <> 'total') as aspects
    from {{ ref('fct_merit_system') }}
    group by all
)
select *, round(aspects_sum - index_score, 2) as difference
from scores
where index_score is not null
  and aspects >= 2
  and abs(aspects_sum - index_score) > {{ tolerance }}
order by abs(aspects_sum - index_score) desc
