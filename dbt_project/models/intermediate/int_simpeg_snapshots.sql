-- One row per SIMPEG snapshot (agency or region and as-of date) as the raw zone holds it now: which file
-- and file version it came from, and how many rows of each status. The small catalogue the dimensions and
-- the per-snapshot aggregates join to, so they need not scan the employee rows again.
select
    snapshot_key,
    file_sha256,
    source_file,
    region_name,
    agency_name,
    as_of_date,
    snapshot_year as year,
    count(*) as employees,
    count(*) filter (where status_kepegawaian = 'PNS') as pns,
    count(*) filter (where status_kepegawaian = 'CPNS') as cpns,
    count(*) filter (where status_kepegawaian = 'PPPK') as pppk
from {{ ref('stg_simpeg_employees') }}
group by all
