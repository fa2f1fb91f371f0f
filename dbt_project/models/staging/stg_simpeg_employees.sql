-- Employee rows without personal data: the pseudonymous key replaces NIP and name, the completed years of
-- age and of service replace the birth and TMT dates (the one derivation staging makes, so that no model
-- downstream ever sees a birth date). Bands and scores are intermediate logic (int_simpeg_employees).
with employees as (
    select
        *,
        -- completed years between two dates, in integer arithmetic (cheaper than age() on millions of rows)
        year(as_of_date) - year(tanggal_lahir)
            - (month(as_of_date) * 100 + day(as_of_date) < month(tanggal_lahir) * 100 + day(tanggal_lahir))::integer
            as age_years,
        year(as_of_date) - year(tmt_cpns)
            - (month(as_of_date) * 100 + day(as_of_date) < month(tmt_cpns) * 100 + day(tmt_cpns))::integer
            as masa_kerja_years
    from {{ source('raw', 'simpeg_employees') }}
)
select
    e.employee_key,
    {{ simpeg_snapshot_key('e') }} as snapshot_key,
    {{ neutralise_formula('e.source_file') }} as source_file,
    e.file_sha256,
    e.row_number as source_row,
    e.as_of_date,
    year(e.as_of_date) as snapshot_year,
    e.layout,
    {{ neutralise_formula('e.region_name') }} as region_name,
    {{ neutralise_formula('e.agency_name') }} as agency_name,
    e.jenis_kelamin,
    e.status_kepegawaian,
    e.golongan_ruang,
    e.golongan,
    e.pppk_grade,
    e.jenis_jabatan,
    e.eselon,
    e.pendidikan,
    {{ neutralise_formula('e.unit_kerja') }} as unit_kerja,
    e.age_years::integer as age_years,
    e.masa_kerja_years::integer as masa_kerja_years,
    e.diklat_kepemimpinan,
    e.diklat_fungsional,
    e.diklat_teknis_jp,
    e.seminar,
    e.skp_predikat,
    e.hukuman_disiplin
from employees as e
