-- Employee rows without personal data: the pseudonymous key replaces NIP and name, the age band replaces
-- the birth date.
with employees as (
    select * from {{ source('raw', 'simpeg_employees') }}
)
select
    e.employee_key,
    {{ simpeg_snapshot_key('e') }} as snapshot_key,
    e.source_file,
    e.file_sha256,
    e.row_number as source_row,
    e.as_of_date,
    year(e.as_of_date) as snapshot_year,
    e.layout,
    e.region_name,
    e.agency_name,
    e.jenis_kelamin,
    e.status_kepegawaian,
    e.golongan_ruang,
    e.golongan,
    e.pppk_grade,
    e.jenis_jabatan,
    e.eselon,
    e.pendidikan,
    e.unit_kerja,
    extract('year' from age(e.as_of_date, e.tanggal_lahir))::integer as age_years,
    u.kelompok_usia,
    extract('year' from age(e.as_of_date, e.tmt_cpns))::integer as masa_kerja_years,
    e.diklat_kepemimpinan,
    e.diklat_fungsional,
    e.diklat_teknis_jp,
    e.seminar,
    e.skp_predikat,
    e.hukuman_disiplin
from employees as e
left join {{ ref('ref_kelompok_usia') }} as u
    on extract('year' from age(e.as_of_date, e.tanggal_lahir)) between u.min_age and u.max_age
