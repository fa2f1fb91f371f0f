-- One row per extracted fact. The dimension object is split into its (at most two) key/value pairs:
-- composition tables have one key; per-unit tables have unit_kerja plus a second key. Text columns pass
-- neutralise_formula: a value a spreadsheet would run as a formula never reaches the marts.
with facts as (
    select
        *,
        json_keys(coalesce(dimension, '{}'::json)) as dim_keys
    from {{ source('raw', 'document_facts') }}
)
select
    {{ neutralise_formula("source_file || '#' || fact_index::varchar") }} as fact_id,
    {{ neutralise_formula('source_file') }} as source_file,
    file_sha256,
    fact_index,
    page as source_page,
    line as source_line,
    {{ neutralise_formula('table_name') }} as table_name,
    {{ neutralise_formula('agency') }} as agency_name,
    {{ neutralise_formula('region') }} as region_name,
    metric,
    {{ neutralise_formula('indicator') }} as indicator,
    kind,
    year,
    value,
    {{ neutralise_formula('unit') }} as unit,
    {{ neutralise_formula_json('dimension') }} as dimension,
    len(dim_keys) as dimension_count,
    dim_keys[1] as dimension_key,
    {{ neutralise_formula("json_extract_string(dimension, '$.\"' || dim_keys[1] || '\"')") }} as dimension_value,
    dim_keys[2] as dimension_key_2,
    {{ neutralise_formula("json_extract_string(dimension, '$.\"' || dim_keys[2] || '\"')") }} as dimension_value_2,
    coalesce(json_array_length(flags), 0) > 0 as has_flags,
    flags,
    population,
    scope,
    coalesce(period_kind, 'year') as period_kind,
    period_start,
    period_end,
    {{ neutralise_formula('evidence') }} as evidence,
    confidence as ocr_confidence
from facts
