select pendidikan, pendidikan_name, level_order, is_aggregate, ip_asn_kualifikasi_group
from {{ ref('ref_pendidikan') }}
