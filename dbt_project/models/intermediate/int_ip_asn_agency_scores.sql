{{ simpeg_snapshot_incremental() }}
-- IP ASN of an agency per SIMPEG snapshot: the mean of the individual scores of the PNS whose export
-- carries every input (docs/domain.md §1.1: AVG and count, never SUM), and the participation rate.
with per_snapshot as (
select
    snapshot_key,
    file_sha256,
    count(*) as employees_total,
    count(*) filter (where has_inputs) as employees_measured,
    count(*) filter (where has_inputs) / count(*) as participation_rate,
    avg(ip_asn) filter (where has_inputs) as ip_asn,
    avg(kualifikasi) filter (where has_inputs) as kualifikasi,
    avg(kompetensi) filter (where has_inputs) as kompetensi,
    avg(kinerja) filter (where has_inputs) as kinerja,
    avg(disiplin) filter (where has_inputs) as disiplin
from {{ ref('int_ip_asn_employee_scores') }} as s
{% if is_incremental() %}
where {{ simpeg_new_snapshots_filter('s', has_key_column=true) }}
{% endif %}
group by snapshot_key, file_sha256
)
select
    p.snapshot_key,
    p.file_sha256,
    n.region_name,
    n.agency_name,
    n.year,
    n.as_of_date,
    n.source_file,
    p.* exclude (snapshot_key, file_sha256),
    current_timestamp as built_at
from per_snapshot as p
join {{ ref('int_simpeg_snapshots') }} as n
    on n.snapshot_key = p.snapshot_key and n.file_sha256 = p.file_sha256
