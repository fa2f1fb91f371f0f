-- Budgets (pagu) and their realisation per program / kegiatan / sub-kegiatan, region, agency and year, as
-- the documents state them. level tells the row's place in the plan hierarchy (Permendagri 90/2019 naming):
-- sub_kegiatan / kegiatan when those are given; for a program-only row, 'total' for a JUMLAH/TOTAL line or a
-- row without a program, 'urusan' for an URUSAN line, 'program' for a PROGRAM line, and 'sasaran' for any
-- other line that carries a pagu (Renstra matrices attach pagu to goal indicators too). Summing pagu over
-- level = 'program' gives the parts of a table's total.
with facts as (
    select
        region_name,
        agency_name,
        year,
        kind,
        value,
        json_extract_string(dimension, '$.program') as program,
        json_extract_string(dimension, '$.kegiatan') as kegiatan,
        json_extract_string(dimension, '$.sub_kegiatan') as sub_kegiatan,
        source_file,
        table_name,
        source_page,
        source_line
    from {{ ref('stg_document_facts') }}
    where metric = 'budget_idr'
      and kind in ('pagu', 'budget_realisation')
      and value is not null
      and year is not null
),
pivoted as (
    select
        region_name,
        agency_name,
        year,
        program,
        kegiatan,
        sub_kegiatan,
        source_file,
        table_name,
        max(value) filter (where kind = 'pagu') as pagu,
        max(value) filter (where kind = 'budget_realisation') as realisation,
        min(source_page) as source_page,
        min(source_line) as source_line
    from facts
    group by all
)
select
    r.region_code,
    p.region_name,
    p.agency_name,
    p.year,
    case
        when p.sub_kegiatan is not null then 'sub_kegiatan'
        when p.kegiatan is not null then 'kegiatan'
        when p.program is null or regexp_matches(lower(p.program), '^\s*(jumlah|total)\b') then 'total'
        when regexp_matches(lower(p.program), '^\s*urusan\b') then 'urusan'
        when regexp_matches(lower(p.program), '^\s*program\b') then 'program'
        else 'sasaran'
    end as level,
    p.program,
    p.kegiatan,
    p.sub_kegiatan,
    p.pagu,
    p.realisation,
    case when p.pagu > 0 then round(p.realisation / p.pagu * 100, 2) end as realisation_pct,
    d.doc_type,
    p.source_file,
    p.table_name,
    p.source_page,
    p.source_line
from pivoted as p
left join {{ ref('stg_documents') }} as d on d.source_file = p.source_file
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('p.region_name') }}
