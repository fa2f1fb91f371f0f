{#- Text that is safe to export: a value a spreadsheet would run as a formula (it starts with =, +, -, @,
    a tab or a carriage return) gets a leading apostrophe, the escape spreadsheets themselves use, before it
    reaches the marts, the PostgreSQL publish and an analyst's CSV export. Numbers written as text (-5,
    +12,5%) and a bare dash (the documents' "none") are not formulas and stay as they are. The raw zone keeps
    every value as read. -#}
{% macro neutralise_formula(column) -%}
    case
        when regexp_matches({{ column }}, '^[=+\-@\t\r]')
            and not regexp_full_match({{ column }}, '^[-+]?[0-9]+([.,][0-9]+)*%?$')
            and not regexp_full_match({{ column }}, '^-+$')
        then chr(39) || {{ column }}
        else {{ column }}
    end
{%- endmacro %}

{#- The same for every value of a flat JSON object (a fact's dimension: program, kegiatan, unit_kerja ...). -#}
{% macro neutralise_formula_json(column) -%}
    to_json(map_from_entries(list_transform(
        map_entries(json_transform({{ column }}, '"MAP(VARCHAR, VARCHAR)"')),
        e -> {'key': e.key, 'value': {{ neutralise_formula('e.value') }}}
    )))
{%- endmacro %}
