{{ simpeg_snapshot_incremental() }}
-- depends_on: {{ ref('int_simpeg_snapshots') }}
-- IP ASN per PNS (Perban BKN 8/2019: kualifikasi 25 + kompetensi 40 + kinerja 30 + disiplin 5), from the
-- versioned points seed, for employees whose export carries every input. Set-based: the points are joined
-- (one small pivot for the kompetensi items), no per-row subqueries. Incremental per SIMPEG snapshot: a
-- nightly run only scores snapshots whose file content is new; a replaced snapshot is deleted and
-- re-inserted, a withdrawn one pruned. Region, agency and file are in int_simpeg_snapshots (by snapshot_key),
-- which keeps this 5-million-row table narrow.
with points as (
    select dimensi, item, points, valid_from_year, valid_to_year
    from {{ ref('ref_ip_asn_points') }}
    where scheme_version = 'perban_8_2019'
),
kompetensi_points as (
    select
        max(points) filter (where item = 'diklat_kepemimpinan') as diklat_kepemimpinan,
        max(points) filter (where item = 'diklat_fungsional') as diklat_fungsional,
        max(points) filter (where item = 'diklat_teknis_20jp') as diklat_teknis,
        max(points) filter (where item = 'diklat_teknis_20jp_pelaksana') as diklat_teknis_pelaksana,
        max(points) filter (where item = 'seminar') as seminar
    from points
    where dimensi = 'kompetensi'
),
pns as (
    select e.*, p.ip_asn_kualifikasi_group
    from {{ ref('int_simpeg_employees') }} as e
    left join {{ ref('ref_pendidikan') }} as p on p.pendidikan = e.pendidikan
    where e.status_kepegawaian = 'PNS'
    {% if is_incremental() %}
      and {{ simpeg_new_snapshots_filter('e') }}
    {% endif %}
),
scored as (
    select
        pns.*,
        pk.points as kualifikasi,
        case
            when pns.jenis_jabatan = 'Pelaksana' then
                case when pns.diklat_teknis_jp >= 20 then kp.diklat_teknis_pelaksana else 0 end
            when pns.jenis_jabatan in ('Struktural', 'Fungsional') then
                case
                    when pns.jenis_jabatan = 'Struktural' and coalesce(pns.diklat_kepemimpinan, false)
                        then kp.diklat_kepemimpinan
                    when pns.jenis_jabatan = 'Fungsional' and coalesce(pns.diklat_fungsional, false)
                        then kp.diklat_fungsional
                    else 0
                end
                + case when pns.diklat_teknis_jp >= 20 then kp.diklat_teknis else 0 end
        end
        + case when coalesce(pns.seminar, false) then kp.seminar else 0 end as kompetensi,
        pkin.points as kinerja,
        pdis.points as disiplin
    from pns
    cross join kompetensi_points as kp
    left join points as pk on pk.dimensi = 'kualifikasi' and pk.item = pns.ip_asn_kualifikasi_group
    -- 'Kurang' means 15 points under PP 30/2019 (SKP until 2021) and 10 under PermenPANRB 6/2022: the seed
    -- bounds such items by year, matched on the snapshot year (the export carries the latest predikat)
    left join points as pkin
        on pkin.dimensi = 'kinerja' and pkin.item = pns.skp_predikat
        and pns.snapshot_year between coalesce(pkin.valid_from_year, 0) and coalesce(pkin.valid_to_year, 9999)
    left join points as pdis on pdis.dimensi = 'disiplin' and pdis.item = pns.hukuman_disiplin
)
select
    employee_key,
    snapshot_key,
    file_sha256,
    snapshot_year as year,
    jenis_jabatan,
    pendidikan,
    jenis_kelamin,
    kualifikasi is not null and kompetensi is not null and kinerja is not null and disiplin is not null
        and diklat_teknis_jp is not null as has_inputs,
    kualifikasi,
    kompetensi,
    kinerja,
    disiplin,
    case
        when kualifikasi is not null and kompetensi is not null and kinerja is not null and disiplin is not null
            and diklat_teknis_jp is not null
        then kualifikasi + kompetensi + kinerja + disiplin
    end as ip_asn,
    current_timestamp as built_at
from scored
