{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='snapshot_key',
    on_schema_change='sync_all_columns',
    post_hook=["{{ simpeg_prune_stale_snapshots() }}"]
) }}
-- Headcounts counted from SIMPEG employee rows, per snapshot and dimension. Only PNS and CPNS are counted,
-- as the documents' composition tables count PNS; PPPK grades are a different scale. One pass with
-- grouping sets (no unpivot of the employee rows); incremental per snapshot like int_ip_asn_employee_scores.
with pns as (
    select *
    from {{ ref('stg_simpeg_employees') }} as e
    where status_kepegawaian in ('PNS', 'CPNS')
    {% if is_incremental() %}
      and {{ simpeg_new_snapshots_filter('e') }}
    {% endif %}
),
{%- set dims = ['golongan_ruang', 'golongan', 'pendidikan', 'jenis_jabatan', 'eselon', 'jenis_kelamin',
                'kelompok_usia', 'unit_kerja'] %}
grouped as (
    select
        snapshot_key, file_sha256, region_name, agency_name, as_of_date, snapshot_year, source_file,
        {% for d in dims %}{{ d }}, grouping({{ d }}) = 0 as g_{{ d }},{% endfor %}
        count(*) as headcount
    from pns
    group by grouping sets (
        {% for d in dims -%}
        (snapshot_key, file_sha256, region_name, agency_name, as_of_date, snapshot_year, source_file, {{ d }})
        {%- if not loop.last %},{% endif %}
        {% endfor %}
    )
)
select
    snapshot_key,
    file_sha256,
    region_name,
    agency_name,
    snapshot_year as year,
    as_of_date,
    case
        {% for d in dims %}when g_{{ d }} then '{{ d }}'
        {% endfor %}
    end as dimension,
    coalesce({% for d in dims %}case when g_{{ d }} then {{ d }}::varchar end{% if not loop.last %}, {% endif %}{% endfor %}) as category,
    headcount,
    source_file,
    current_timestamp as built_at
from grouped
where coalesce({% for d in dims %}case when g_{{ d }} then {{ d }}::varchar end{% if not loop.last %}, {% endif %}{% endfor %}) is not null
