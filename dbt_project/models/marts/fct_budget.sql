-- Budgets (pagu) and their realisation per program / kegiatan / sub-kegiatan line, region, agency and year,
-- from int_budget_lines (where the plan hierarchy is worked out: see there), with the region's code and the
-- document type. Summing pagu over level = 'program' gives the parts of a table's total.
select
    r.region_code,
    p.region_name,
    p.agency_name,
    p.year::integer as year,
    make_date(p.year::integer, 12, 31) as as_of_date,
    p.level,
    p.line_label,
    p.program,
    p.kegiatan,
    p.sub_kegiatan,
    p.pagu,
    p.realisation,
    case when p.pagu > 0 then round(p.realisation::double / p.pagu::double * 100, 2) end as realisation_pct,
    d.doc_type,
    p.source_file,
    p.table_name,
    p.source_page,
    p.source_line
from {{ ref('int_budget_lines') }} as p
left join {{ ref('stg_documents') }} as d on d.source_file = p.source_file
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('p.region_name') }}
