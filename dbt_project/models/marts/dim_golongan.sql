select golongan_ruang, golongan, ruang, pangkat, siasn_id, sort_order from {{ ref('ref_golongan') }}
