-- Headcounts counted from SIMPEG employee rows, per snapshot and dimension. Only PNS and CPNS are counted,
-- as the documents' composition tables count PNS; PPPK grades are a different scale.
with pns as (
    select *
    from {{ ref('stg_simpeg_employees') }}
    where status_kepegawaian in ('PNS', 'CPNS')
),
long as (
    unpivot (
        select
            region_name, agency_name, as_of_date, snapshot_year, source_file,
            golongan_ruang, golongan, pendidikan, jenis_jabatan, eselon, jenis_kelamin, kelompok_usia,
            unit_kerja
        from pns
    )
    on golongan_ruang, golongan, pendidikan, jenis_jabatan, eselon, jenis_kelamin, kelompok_usia, unit_kerja
    into name dimension value category
)
select
    region_name,
    agency_name,
    snapshot_year as year,
    as_of_date,
    dimension,
    category,
    count(*) as headcount,
    source_file
from long
where category is not null
group by all
