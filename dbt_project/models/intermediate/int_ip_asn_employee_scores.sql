-- IP ASN per PNS (Perban BKN 8/2019: kualifikasi 25 + kompetensi 40 + kinerja 30 + disiplin 5), from the
-- versioned points seed, for employees whose export carries every input.
with points as (
    select dimensi, item, points from {{ ref('ref_ip_asn_points') }} where scheme_version = 'perban_8_2019'
),
pns as (
    select e.*, p.ip_asn_kualifikasi_group
    from {{ ref('stg_simpeg_employees') }} as e
    left join {{ ref('ref_pendidikan') }} as p using (pendidikan)
    where e.status_kepegawaian in ('PNS', 'CPNS')
),
scored as (
    select
        pns.*,
        skp_predikat is not null and hukuman_disiplin is not null and diklat_teknis_jp is not null
            and pendidikan is not null and jenis_jabatan is not null as has_inputs,
        (select points from points where dimensi = 'kualifikasi' and item = pns.ip_asn_kualifikasi_group)
            as kualifikasi,
        case
            when jenis_jabatan = 'Pelaksana' then
                case when diklat_teknis_jp >= 20
                    then (select points from points where item = 'diklat_teknis_20jp_pelaksana') else 0 end
            else
                case when (jenis_jabatan = 'Struktural' and diklat_kepemimpinan)
                        or (jenis_jabatan = 'Fungsional' and diklat_fungsional)
                    then (select points from points where item = 'diklat_kepemimpinan') else 0 end
                + case when diklat_teknis_jp >= 20
                    then (select points from points where item = 'diklat_teknis_20jp') else 0 end
        end
        + case when seminar then (select points from points where item = 'seminar') else 0 end as kompetensi,
        (select points from points where dimensi = 'kinerja' and item = pns.skp_predikat) as kinerja,
        (select points from points where dimensi = 'disiplin' and item = pns.hukuman_disiplin) as disiplin
    from pns
)
select
    employee_key,
    region_name,
    agency_name,
    snapshot_year as year,
    as_of_date,
    source_file,
    has_inputs,
    kualifikasi,
    kompetensi,
    kinerja,
    disiplin,
    case when has_inputs then kualifikasi + kompetensi + kinerja + disiplin end as ip_asn
from scored
