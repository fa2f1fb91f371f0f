{#- The join key of a region: its name in lower case (dim_region.region_key). Every name that reaches the
    warehouse is already in its one canonical spelling (extractors.codes.normalise_region_name): the document
    identity and the SIMPEG loader write it so, the fact contract (extractors/facts.py) refuses any other, and
    tests/test_reference_seeds.py holds ref_region to it. So this macro only reads the name; it does not
    normalise it a second time. -#}
{% macro region_key(column) -%}
    lower({{ column }})
{%- endmacro %}
