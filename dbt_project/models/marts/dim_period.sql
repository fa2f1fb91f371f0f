-- Every year that any fact or snapshot refers to.
with years as (
    select distinct year from {{ ref('stg_document_facts') }} where year is not null
    union
    select distinct year::integer from {{ ref('int_simpeg_snapshots') }}
)
select
    year::integer as year,
    make_date(year, 1, 1) as year_start,
    {{ year_end('year') }} as year_end
from years
