-- One row per extracted fact. The dimension object is split into its (at most two) key/value pairs:
-- composition tables have one key; per-unit tables have unit_kerja plus a second key.
with facts as (
    select
        *,
        json_keys(coalesce(dimension, '{}'::json)) as dim_keys
    from {{ source('raw', 'document_facts') }}
)
select
    source_file || '#' || fact_index::varchar as fact_id,
    source_file,
    file_sha256,
    fact_index,
    page as source_page,
    line as source_line,
    table_name,
    agency as agency_name,
    region as region_name,
    metric,
    indicator,
    kind,
    year,
    value,
    unit,
    dimension,
    len(dim_keys) as dimension_count,
    dim_keys[1] as dimension_key,
    json_extract_string(dimension, '$."' || dim_keys[1] || '"') as dimension_value,
    dim_keys[2] as dimension_key_2,
    json_extract_string(dimension, '$."' || dim_keys[2] || '"') as dimension_value_2,
    coalesce(json_array_length(flags), 0) > 0 as has_flags,
    flags,
    population,
    scope,
    coalesce(period_kind, 'year') as period_kind,
    period_start,
    period_end,
    evidence,
    confidence as ocr_confidence
from facts
