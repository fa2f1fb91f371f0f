{#- The join key for region names written differently by documents, exports and the seed
    ("Kab. Lebak", "KABUPATEN LEBAK", "Pemerintah Kota Serang"). -#}
{% macro region_key(column) -%}
    trim(regexp_replace(regexp_replace(regexp_replace(lower(trim({{ column }})),
        '^pemerintah(an)?\s+(daerah\s+)?', ''),
        '^kab\.?\s+', 'kabupaten '),
        '\s+', ' ', 'g'))
{%- endmacro %}
