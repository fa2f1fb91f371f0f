-- Budgets (pagu) and their realisation per program / kegiatan / sub-kegiatan line, region, agency and year,
-- from int_budget_lines (where the plan hierarchy is worked out: see there), with the region's code and the
-- document type. Summing pagu over level = 'program' gives the parts of a table's total.
-- One row per line: a line (region, agency, year, level, program, kegiatan, sub-kegiatan, label) printed by
-- several documents or tables is taken from the most specific document (a report or work plan for the year
-- before a multi-year plan), then the most recent, then a paged rendering, then file and position, so a plain
-- SUM does not count a programme's pagu twice.
select
    r.region_code,
    p.region_name,
    p.agency_name,
    p.year::integer as year,
    {{ year_end('p.year') }} as as_of_date,
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
left join {{ ref('int_documents') }} as d on d.source_file = p.source_file
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('p.region_name') }}
qualify row_number() over (
    partition by {{ region_key('p.region_name') }}, p.agency_name, p.year, p.level, p.program, p.kegiatan,
        p.sub_kegiatan, p.line_label
    order by d.period_span_years nulls last, d.period_end desc nulls last, d.is_paged desc nulls last,
             p.source_file, p.table_name, p.source_page nulls last, p.source_line nulls last
) = 1
