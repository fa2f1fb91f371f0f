select
    {{ neutralise_formula('source_file') }} as source_file,
    file_sha256,
    doc_type,
    {{ neutralise_formula('agency') }} as agency_name,
    {{ neutralise_formula('region') }} as region_name,
    period_start,
    period_end,
    pages,
    document_key
from {{ source('raw', 'documents') }}
