-- Where a table prints target, realisation and capaian (%), capaian should be realisation / target x 100
-- (or target / realisation x 100 for indicators where lower is better). A mismatch means one of the three
-- numbers was misread (e.g. 0,85 read as 85). The mart may not be built in every selection, so the test
-- checks that its relation exists before querying it.
{{ config(severity='warn') }}

{% set tolerance_points = 1.0 %}
{% set model = ref('fct_indicator_performance') %}
{% set relation = adapter.get_relation(database=model.database, schema=model.schema, identifier=model.identifier) if execute else none %}

{% if relation is not none %}
select
    indicator_code, indicator_name, region_name, agency_name, year, target, realisation, capaian_pct,
    round(realisation / target * 100, 2) as capaian_expected,
    source_file, source_page, source_line
from {{ model }}
where target is not null and realisation is not null and capaian_pct is not null
  and target <> 0
  and abs(capaian_pct - realisation / target * 100) > {{ tolerance_points }}
  and (realisation = 0 or abs(capaian_pct - target / realisation * 100) > {{ tolerance_points }})
order by abs(capaian_pct - realisation / target * 100) desc
{% else %}
select null as indicator_code where false
{% endif %}
