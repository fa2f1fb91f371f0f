-- Agencies as named by their documents and exports, with the region they belong to.
with named as (
    select distinct agency_name, region_name from {{ ref('stg_document_facts') }}
    where agency_name is not null
    union
    select distinct agency_name, region_name from {{ ref('int_simpeg_snapshots') }}
    where agency_name is not null
)
select
    md5(lower(n.agency_name) || '|' || coalesce({{ region_key('n.region_name') }}, '')) as agency_key,
    n.agency_name,
    n.region_name,
    r.region_code
from named as n
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('n.region_name') }}
