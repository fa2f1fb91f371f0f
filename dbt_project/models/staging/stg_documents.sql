select
    source_file,
    file_sha256,
    doc_type,
    agency as agency_name,
    region as region_name,
    period_start,
    period_end,
    pages,
    document_key
from {{ source('raw', 'documents') }}
