{#- Use the configured schema name as is (staging, marts, ...) instead of dbt's <target>_<schema>,
    because analysts and BI tools address the marts as `marts.<table>`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
