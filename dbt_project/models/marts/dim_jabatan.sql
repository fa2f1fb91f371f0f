select jenis_jabatan, description, siasn_jenis_jabatan_id from {{ ref('ref_jabatan') }}
