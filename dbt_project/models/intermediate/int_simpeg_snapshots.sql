-- One row per SIMPEG snapshot (agency or region and as-of date) as the raw zone holds it now: which file
-- and file version it came from, and how many rows of each status. The small catalogue the dimensions and
-- the per-snapshot incremental models join to (they find their new snapshots here), so they need not scan
-- the employee rows again. Grouped on the raw columns first; the key is computed per snapshot, not per row.
with grouped as (
    select
        snapshot_key,
        source_file,
        file_sha256,
        region_name,
        agency_name,
        as_of_date,
        count(*) as employees,
        count(*) filter (where status_kepegawaian = 'PNS') as pns,
        count(*) filter (where status_kepegawaian = 'CPNS') as cpns,
        count(*) filter (where status_kepegawaian = 'PPPK') as pppk
    from {{ source('raw', 'simpeg_employees') }}
    group by all
)
select
    {{ simpeg_snapshot_key() }} as snapshot_key,
    file_sha256,
    {{ neutralise_formula('source_file') }} as source_file,
    {{ neutralise_formula('region_name') }} as region_name,
    {{ neutralise_formula('agency_name') }} as agency_name,
    as_of_date,
    year(as_of_date) as year,
    employees,
    pns,
    cpns,
    pppk
from grouped
