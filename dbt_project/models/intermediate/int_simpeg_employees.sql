{{ config(materialized='view') }}
-- SIMPEG employee rows (no personal data, see stg_simpeg_employees) with their age band (seed
-- ref_kelompok_usia, the bands of BKN statistics). A view: the models that read it count or score the rows
-- per snapshot, incrementally, and a table would copy millions of rows on every refresh.
with age_bands as (
    -- one row per age, so the band is an equality join
    select a.age, u.kelompok_usia
    from range(0, 131) as a(age)
    join {{ ref('ref_kelompok_usia') }} as u on a.age between u.min_age and u.max_age
)
select
    e.*,
    u.kelompok_usia
from {{ ref('stg_simpeg_employees') }} as e
left join age_bands as u on u.age = e.age_years
