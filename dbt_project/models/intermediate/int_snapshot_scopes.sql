-- The scope of each SIMPEG snapshot's population: a snapshot smaller than a whole regional government (seed
-- ref_population_scope) is one agency's own staff (scope = agency), e.g. a BKPSDM's export of its 30
-- employees labelled with its city; otherwise the region's (scope = region). The one home of this rule for
-- headcounts and the computed IP ASN.
select
    n.snapshot_key,
    n.file_sha256,
    case when n.employees < coalesce(s.min_region_headcount, u.min_region_headcount) then 'agency'
         else 'region' end as scope
from {{ ref('int_simpeg_snapshots') }} as n
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('n.region_name') }}
left join {{ ref('ref_population_scope') }} as s on s.region_level = r.region_level
cross join (select min_region_headcount from {{ ref('ref_population_scope') }} where region_level = 'unknown') as u
