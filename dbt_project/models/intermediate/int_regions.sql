-- Every region known to the warehouse: the seeded Kemendagri list plus any region named in the data
-- but not (yet) seeded, so that no fact is dropped for want of a code.
with seeded as (
    select
        region_code::varchar as region_code,
        region_name,
        region_level,
        province_code::varchar as province_code,
        province_name,
        {{ region_key('region_name') }} as region_key,
        true as is_seeded
    from {{ ref('ref_region') }}
),
named as (
    select distinct region_name from {{ ref('stg_document_facts') }} where region_name is not null
    union
    select distinct region_name from {{ ref('int_simpeg_snapshots') }} where region_name is not null
),
unseeded as (
    select
        null::varchar as region_code,
        n.region_name,
        case when split_part({{ region_key('n.region_name') }}, ' ', 1) in ({{ sql_list(var('region_levels')) }})
            then split_part({{ region_key('n.region_name') }}, ' ', 1)
        end as region_level,
        null::varchar as province_code,
        null::varchar as province_name,
        {{ region_key('n.region_name') }} as region_key,
        false as is_seeded
    from named as n
    where {{ region_key('n.region_name') }} not in (select region_key from seeded)
    qualify row_number() over (partition by {{ region_key('n.region_name') }} order by n.region_name) = 1
)
select * from seeded
union all
select * from unseeded
