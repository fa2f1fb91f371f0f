{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='snapshot_key',
    on_schema_change='sync_all_columns',
    post_hook=["{{ simpeg_prune_stale_snapshots() }}"]
) }}
-- IP ASN of an agency per SIMPEG snapshot: the mean of the individual scores of the PNS whose export
-- carries every input (DOMAIN.md §1.5: AVG and count, never SUM), and the participation rate.
select
    snapshot_key,
    file_sha256,
    region_name,
    agency_name,
    year,
    as_of_date,
    source_file,
    count(*) as employees_total,
    count(*) filter (where has_inputs) as employees_measured,
    count(*) filter (where has_inputs) / count(*) as participation_rate,
    avg(ip_asn) filter (where has_inputs) as ip_asn,
    avg(kualifikasi) filter (where has_inputs) as kualifikasi,
    avg(kompetensi) filter (where has_inputs) as kompetensi,
    avg(kinerja) filter (where has_inputs) as kinerja,
    avg(disiplin) filter (where has_inputs) as disiplin,
    current_timestamp as built_at
from {{ ref('int_ip_asn_employee_scores') }} as s
{% if is_incremental() %}
where {{ simpeg_new_snapshots_filter('s') }}
{% endif %}
group by all
