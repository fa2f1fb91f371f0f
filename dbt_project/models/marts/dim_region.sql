select
    region_key,
    region_code,
    region_name,
    region_level,
    province_code,
    province_name,
    is_seeded
from {{ ref('int_regions') }}
