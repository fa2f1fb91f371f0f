-- Headcounts as the documents state them, one row per (document, table, category). Stated totals
-- (JUMLAH rows) are kept out of the composition; rpt_reconciliation compares them with the parts.
select
    f.fact_id,
    f.region_name,
    f.agency_name,
    f.year,
    f.dimension_key as dimension,
    f.dimension_value as category,
    f.value as headcount,
    f.source_file,
    f.source_page,
    f.source_line,
    f.table_name,
    f.has_flags
from {{ ref('stg_document_facts') }} as f
where f.metric = 'asn_headcount'
  and f.kind = 'count'
  and f.dimension_count = 1
  and f.dimension_key in (
      'golongan', 'golongan_ruang', 'pendidikan', 'jenis_jabatan', 'jabatan', 'eselon',
      'jenis_kelamin', 'kelompok_usia', 'unit_kerja'
  )
  and f.dimension_value is not null
  and lower(f.dimension_value) not in ('jumlah', 'total', 'jumlah total')
