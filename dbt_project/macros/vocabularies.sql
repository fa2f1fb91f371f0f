{#- The Python vocabularies exported as dbt vars (dbt_project.yml), as SQL. -#}

{# 'golongan_ruang', 'golongan', ...: the vars' lists as a SQL IN list #}
{% macro sql_list(values) -%}
    {%- for v in values %}'{{ v }}'{% if not loop.last %}, {% endif %}{% endfor -%}
{%- endmacro %}

{% macro headcount_dimensions_sql() -%}
    {{ sql_list(var('headcount_dimensions')) }}
{%- endmacro %}

{# The extractor's total-row rule (labels.is_total) on a label column: true for "Jumlah", "TOTAL", "Sub Total",
   false for "Jumlah Pegawai Berdasarkan Golongan", null for null. #}
{% macro is_total_label(expr) -%}
    (regexp_matches({{ expr }}, '{{ var("total_label_pattern") }}', 'i')
     and not regexp_matches({{ expr }}, '{{ var("opens_group_pattern") }}', 'i'))
{%- endmacro %}
