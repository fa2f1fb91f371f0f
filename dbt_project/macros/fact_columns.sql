{#- Columns every model reading int_document_facts carries through to its marts, so a number can be traced to
    its document, table and page or line, and compared with the same report's other renderings. -#}
{# Which fact, and where and when it applies (region, agency, year). #}
{% macro fact_place_columns() -%}
        fact_id,
        region_name,
        {{ region_key('region_name') }} as region_key,
        agency_name,
        year::integer as year,
        as_of_date
{%- endmacro %}

{% macro fact_provenance_columns() -%}
        source_file,
        coalesce(document_key, source_file) as document_key,
        period_span_years,
        document_period_end,
        is_paged,
        table_name,
        coalesce(table_name, '') as table_key,
        source_page,
        source_line
{%- endmacro %}

{# A document's capaian percentage is an achievement, never a score: kind achievement_pct in the marts. #}
{% macro reported_kind() -%}
    case when kind = 'capaian_pct' then 'achievement_pct' else kind end
{%- endmacro %}

{# The date a figure filed under a year describes, where no snapshot date says otherwise: the year's last day
   (as_of_date of document figures, dim_period.year_end). #}
{% macro year_end(year) -%}
    make_date(({{ year }})::integer, 12, 31)
{%- endmacro %}

{# An IP ASN score of the whole population: no category beside its dimensi. A grid by education level (or any
   other breakdown) states each row's index, and none of them is the region's. #}
{% macro is_whole_population_ip_asn(alias=none) -%}
    {%- set p = (alias ~ '.') if alias else '' -%}
    (coalesce({{ p }}dimension_key, 'dimensi') = 'dimensi' and {{ p }}dimension_key_2 is null)
{%- endmacro %}
