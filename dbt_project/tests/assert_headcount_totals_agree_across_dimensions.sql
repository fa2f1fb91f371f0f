-- A region-year's headcount should come to the same total whichever dimension it is broken down by
-- (golongan, education, gender, age band, position type). A gap beyond the tolerance means a table was
-- misread, cut off, or counts a different population; analysts should see it before comparing shares.
-- Partial dimensions (var partial_headcount_dimensions: eselon, jabatan, unit_kerja) cover only some employees
-- and are left out.
{{ config(severity='warn') }}

{% set tolerance_pct = 2.0 %}
{% set tolerance_people = 5 %}

with totals as (
    select
        region_name, coalesce(agency_name, '') as agency_name, year, source,
        coalesce(cast(as_of_date as varchar), '') as as_of_date, dimension,
        sum(headcount) as total
    from {{ ref('fct_asn_composition') }}
    where dimension not in ({{ sql_list(var('partial_headcount_dimensions')) }})
    group by all
),
spread as (
    select
        region_name, agency_name, year, source, as_of_date,
        count(*) as dimensions,
        arg_min(dimension, total) as smallest_dimension,
        min(total) as smallest_total,
        arg_max(dimension, total) as largest_dimension,
        max(total) as largest_total
    from totals
    group by all
)
select
    *,
    largest_total - smallest_total as gap,
    round(100.0 * (largest_total - smallest_total) / nullif(largest_total, 0), 2) as gap_pct
from spread
where dimensions > 1
  and largest_total - smallest_total > {{ tolerance_people }}
  and 100.0 * (largest_total - smallest_total) / nullif(largest_total, 0) > {{ tolerance_pct }}
order by gap_pct desc
