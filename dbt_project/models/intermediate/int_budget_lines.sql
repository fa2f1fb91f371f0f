-- Budget lines (pagu) and their realisation per program / kegiatan / sub-kegiatan, region, agency and year, as
-- the documents state them. level tells the row's place in the plan hierarchy (Permendagri 90/2019 naming):
-- sub_kegiatan / kegiatan when those are given; otherwise by the line's label: 'total' for JUMLAH/TOTAL (or
-- no label), 'urusan' for an URUSAN line, 'program' for a PROGRAM line, and 'sasaran' for any other line that
-- carries a pagu (Renstra matrices attach pagu to goal indicators too). Summing pagu over
-- level = 'program' gives the parts of a table's total. A kegiatan or sub-kegiatan line given without its
-- parents gets them from the nearest program / kegiatan line above it in the same table. A total line keeps
-- its label (e.g. 'JUMLAH ANGGARAN', or an URUSAN line that heads a Renstra matrix) in line_label.
with raw_facts as (
    select
        region_name,
        agency_name,
        year,
        kind,
        value,
        indicator,
        fact_index,
        json_extract_string(dimension, '$.program') as program_own,
        json_extract_string(dimension, '$.kegiatan') as kegiatan_own,
        json_extract_string(dimension, '$.sub_kegiatan') as sub_kegiatan_own,
        source_file,
        coalesce(table_name, '') as table_key,
        table_name,
        source_page,
        source_line
    from {{ ref('int_document_facts') }}
    -- one rendering per document, so a report arriving as PDF and as text counts once
    where metric = 'budget_idr' and coalesce(is_preferred_rendering, true)
      and kind in ('pagu', 'budget_realisation')
      and value is not null
),
positioned as (
    -- Extractors may give each line only its own level (a kegiatan line without its program); the parents
    -- are the nearest program / kegiatan lines above it in the same table (document order = fact_index).
    select
        *,
        last_value(program_own ignore nulls) over w as last_program,
        last_value(case when program_own is not null then fact_index end ignore nulls) over w as last_program_at,
        last_value(kegiatan_own ignore nulls) over w as last_kegiatan,
        last_value(case when kegiatan_own is not null then fact_index end ignore nulls) over w as last_kegiatan_at
    from raw_facts
    window w as (partition by source_file, table_key order by fact_index rows between unbounded preceding and current row)
),
facts as (
    select
        region_name,
        agency_name,
        year,
        kind,
        value,
        coalesce(sub_kegiatan_own, kegiatan_own, program_own, indicator) as line_label,
        case
            when program_own is not null then program_own
            when kegiatan_own is not null or sub_kegiatan_own is not null then last_program
        end as program,
        case
            when kegiatan_own is not null then kegiatan_own
            when sub_kegiatan_own is not null and last_kegiatan_at > coalesce(last_program_at, -1)
                then last_kegiatan
        end as kegiatan,
        sub_kegiatan_own as sub_kegiatan,
        program_own is null and kegiatan_own is null and sub_kegiatan_own is null as is_stated_total,
        source_file,
        table_name,
        source_page,
        source_line
    from positioned
    where year is not null
),
pivoted as (
    select
        region_name,
        agency_name,
        year,
        line_label,
        program,
        kegiatan,
        sub_kegiatan,
        is_stated_total,
        source_file,
        table_name,
        (max(value) filter (where kind = 'pagu'))::decimal(18, 2) as pagu,
        (max(value) filter (where kind = 'budget_realisation'))::decimal(18, 2) as realisation,
        min(source_page) as source_page,
        min(source_line) as source_line
    from facts
    group by all
)
select
    p.*,
    case
        when p.sub_kegiatan is not null then 'sub_kegiatan'
        when p.kegiatan is not null then 'kegiatan'
        when {{ is_total_label("coalesce(p.line_label, 'jumlah')") }} then 'total'
        when regexp_matches(lower(p.line_label), '^\s*urusan\b') then 'urusan'
        when regexp_matches(lower(p.line_label), '^\s*program\b') then 'program'
        else 'sasaran'
    end as level
from pivoted as p
