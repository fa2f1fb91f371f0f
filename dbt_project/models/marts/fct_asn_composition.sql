-- Headcount composition by dimension and category, from documents and from SIMPEG snapshots, with
-- provenance. share = headcount / the sum of the same table's (or snapshot's) categories. is_primary marks
-- the one table or snapshot per region, year and dimension that comparisons use.
with documents as (
    select
        region_name,
        agency_name,
        year,
        null::date as as_of_date,
        'document' as source,
        dimension,
        category,
        headcount,
        source_file,
        source_page,
        source_line,
        table_name
    from {{ ref('int_headcount_documents') }}
    where year is not null  -- undated facts are listed by rpt_reconciliation (check = undated_fact)
),
simpeg as (
    select
        region_name,
        agency_name,
        year,
        as_of_date,
        'simpeg' as source,
        dimension,
        category,
        headcount,
        source_file,
        null::integer as source_page,
        null::integer as source_line,
        null::varchar as table_name
    from {{ ref('int_headcount_simpeg') }}
),
unioned as (
    select * from documents
    union all
    select * from simpeg
),
shared as (
    select
        u.*,
        sum(u.headcount) over (
            partition by u.region_name, u.agency_name, u.year, u.as_of_date, u.source, u.dimension,
                u.source_file, u.table_name
        ) as table_total
    from unioned as u
),
ranked as (
    select
        s.*,
        -- one source per region, year and dimension for comparisons: the latest SIMPEG snapshot of the year,
        -- else the document table with the largest total (the whole government, not an agency's own staff)
        dense_rank() over (
            partition by {{ region_key('s.region_name') }}, s.year, s.dimension
            order by (s.source = 'simpeg') desc, s.as_of_date desc nulls last, s.table_total desc,
                     s.source_file, s.table_name
        ) = 1 as is_primary
    from shared as s
)
select
    r.region_code,
    u.region_name,
    u.agency_name,
    u.year,
    u.as_of_date,
    u.source,
    u.dimension,
    u.category,
    u.headcount,
    u.headcount / nullif(u.table_total, 0) as share,
    u.source_file,
    u.source_page,
    u.source_line,
    u.table_name,
    u.is_primary
from ranked as u
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('u.region_name') }}
