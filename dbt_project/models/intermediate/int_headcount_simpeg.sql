{{ simpeg_snapshot_incremental() }}
-- depends_on: {{ ref('int_simpeg_snapshots') }}
-- Headcounts counted from SIMPEG employee rows, per snapshot and dimension. Only PNS and CPNS are counted,
-- as the documents' composition tables count PNS; PPPK grades are a different scale. Two passes: the
-- employee rows are counted once per combination of all dimensions, then grouping sets roll that small
-- result up per dimension (no unpivot of the employee rows). Incremental per snapshot like
-- int_ip_asn_employee_scores.
-- Every headcount dimension but jabatan: SIMPEG has the position's name (jabatan_nama), not a category.
{%- set dims = var('headcount_dimensions') | reject('equalto', 'jabatan') | list %}
with combos as (
    select snapshot_key, file_sha256, {{ dims | join(', ') }}, count(*) as n
    from {{ ref('int_simpeg_employees') }} as e
    where status_kepegawaian in ('PNS', 'CPNS')
    {% if is_incremental() %}
      and {{ simpeg_new_snapshots_filter('e') }}
    {% endif %}
    group by all
),
grouped as (
    select
        snapshot_key, file_sha256,
        {% for d in dims %}{{ d }}, grouping({{ d }}) = 0 as g_{{ d }},{% endfor %}
        sum(n) as headcount
    from combos
    group by grouping sets (
        {% for d in dims -%}
        (snapshot_key, file_sha256, {{ d }}){% if not loop.last %},{% endif %}
        {% endfor %}
    )
),
long as (
    select
        snapshot_key,
        file_sha256,
        case
            {% for d in dims %}when g_{{ d }} then '{{ d }}'
            {% endfor %}
        end as dimension,
        coalesce({% for d in dims %}case when g_{{ d }} then {{ d }}::varchar end{% if not loop.last %}, {% endif %}{% endfor %}) as category,
        headcount::bigint as headcount
    from grouped
)
select
    l.snapshot_key,
    l.file_sha256,
    n.region_name,
    n.agency_name,
    n.year,
    n.as_of_date,
    l.dimension,
    l.category,
    l.headcount,
    n.source_file,
    current_timestamp as built_at
from long as l
join {{ ref('int_simpeg_snapshots') }} as n
    on n.snapshot_key = l.snapshot_key and n.file_sha256 = l.file_sha256
where l.category is not null
