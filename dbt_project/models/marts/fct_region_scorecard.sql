-- One row per region, scope, year and measure, for comparing regions: the value, the target and the gap
-- where the measure has one, the category, and the rank among peers -- like with like: kabupaten/kota within
-- their province, provinces nationally, and only figures of the same scope (a whole regional government,
-- or one agency's own staff) ranked together. Every value comes from a canonical mart (one answer per
-- question), so no figure is counted twice.
-- Measures:
--   ip_asn               reported IP ASN realisation on 0-100 with its target (fct_professionalism_index);
--                        category only where the bands apply (see there); index_max is its coverage's maximum
--   ip_asn_computed      IP ASN computed from SIMPEG (mean of individual scores), latest snapshot of the year
--   merit_index          KASN 2019 merit index realisation (0-400), category I-IV
--   sakip                SAKIP score realisation
--   share_golongan_iii   share of PNS in golongan III (from golongan, or golongan_ruang III/a..III/d)
--   share_s1_plus        share of PNS with S1/D-IV or higher (kualifikasi groups S1/D-IV, S2, S3)
-- is_latest marks each region's latest year with a realisation for the measure (a plan's future targets
-- have none).
with ip as (
    select
        'ip_asn' as measure, region_name, scope, year,
        max(value_0_100) filter (where kind = 'realisation') as value,
        max(value_0_100) filter (where kind = 'target') as target,
        max(category) filter (where kind = 'realisation') as category,
        max(index_max) filter (where kind = 'realisation') as index_max,
        'document' as source,
        max(source_file || coalesce(' | ' || table_name, '')) filter (where kind = 'realisation') as source_detail
    from {{ ref('fct_professionalism_index') }}
    where dimensi = 'total' and kind in ('target', 'realisation')
    group by all
),
computed as (
    select
        'ip_asn_computed' as measure, region_name, scope, year, value_0_100 as value, null::double as target,
        category, index_max, 'simpeg' as source, source_file || ' @ ' || as_of_date::varchar as source_detail
    from {{ ref('fct_professionalism_index') }}
    where kind = 'computed' and dimensi = 'total'
),
merit as (
    select
        'merit_index' as measure, region_name, scope, year,
        max(score) filter (where kind = 'realisation') as value,
        max(score) filter (where kind = 'target') as target,
        max(category) filter (where kind = 'realisation') as category,
        400 as index_max,
        'document' as source,
        max(source_file || coalesce(' | ' || table_name, '')) filter (where kind = 'realisation') as source_detail
    from {{ ref('fct_merit_system') }}
    where aspek = 'total' and scheme = 'kasn_2019' and kind in ('target', 'realisation')
    group by all
),
sakip as (
    select
        'sakip' as measure, region_name, 'region' as scope, year, realisation as value, target,
        null::varchar as category, null::integer as index_max, 'document' as source,
        source_file || coalesce(' | ' || table_name, '') as source_detail
    from {{ ref('fct_indicator_performance') }}
    where indicator_code = 'sakip'
    qualify row_number() over (
        partition by {{ region_key('region_name') }}, year
        order by (realisation is not null) desc, document_period_end desc nulls last, source_file, source_page
    ) = 1
),
composition as (
    select
        c.source, c.region_name, c.scope, c.year, c.as_of_date, c.source_file, c.table_name,
        c.dimension, c.category, c.headcount, p.ip_asn_kualifikasi_group
    from {{ ref('fct_asn_composition') }} as c
    left join {{ ref('ref_pendidikan') }} as p on c.dimension = 'pendidikan' and p.pendidikan = c.category
    where c.dimension in ('golongan', 'golongan_ruang', 'pendidikan') and c.population = 'pns'
),
share_candidates as (
    select
        case when dimension = 'pendidikan' then 'share_s1_plus' else 'share_golongan_iii' end as measure,
        region_name, scope, year, dimension,
        sum(headcount) filter (
            where (dimension = 'golongan' and category = 'III')
               or (dimension = 'golongan_ruang' and category like 'III/%')
               or (dimension = 'pendidikan' and ip_asn_kualifikasi_group in ('S1/D-IV', 'S2', 'S3'))
        ) as part,
        sum(headcount) as total,
        string_agg(distinct source, ', ') as source,
        string_agg(distinct source_file || coalesce(' | ' || table_name, '') || coalesce(' @ ' || as_of_date::varchar, ''),
                   '; ') as source_detail
    from composition
    group by all
),
shares as (
    select
        measure, region_name, scope, year,
        coalesce(part, 0) / nullif(total, 0) as value,
        null::double as target,
        null::varchar as category,
        null::integer as index_max,
        source,
        source_detail
    from share_candidates
    qualify row_number() over (
        partition by measure, {{ region_key('region_name') }}, scope, year order by (dimension = 'golongan_ruang') desc
    ) = 1
),
measures as (
    select * from ip where value is not null or target is not null
    union all by name select * from computed
    union all by name select * from merit where value is not null or target is not null
    union all by name select * from sakip
    union all by name select * from shares
),
placed as (
    select
        m.*,
        r.region_code,
        r.region_level,
        r.province_code,
        r.province_name,
        case when r.region_level = 'provinsi' then 'national'
             else coalesce(r.province_name, 'unknown province') end as peer_group
    from measures as m
    left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('m.region_name') }}
),
ranked as (
    -- peers: same measure, year, peer group, scope and (for IP ASN) coverage maximum
    select
        p.*,
        case when value is not null then rank() over (
            partition by measure, year, peer_group, scope, coalesce(index_max, 0), value is null order by value desc
        ) end as rank_in_peers,
        case when value is not null then count(value) over (
            partition by measure, year, peer_group, scope, coalesce(index_max, 0)
        ) end as peers,
        avg(value) over (partition by measure, year, peer_group, scope, coalesce(index_max, 0)) as peer_avg,
        value is not null
            and year = max(year) filter (where value is not null) over (partition by measure, region_name, scope)
            as is_latest
    from placed as p
)
select
    k.region_code,
    k.region_name,
    k.region_level,
    k.province_name,
    k.scope,
    k.year::integer as year,
    {{ year_end('k.year') }} as as_of_date,
    k.measure,
    k.value,
    k.target,
    k.value - k.target as gap,
    case when k.target is not null and k.value is not null then k.value >= k.target end as met_target,
    k.category,
    k.index_max::integer as index_max,
    k.peer_group,
    k.rank_in_peers::integer as rank_in_peers,
    k.peers::integer as peers,
    k.peer_avg,
    prov.value as province_value,
    k.is_latest,
    k.source,
    k.source_detail
from ranked as k
left join ranked as prov
    on prov.measure = k.measure and prov.year = k.year and prov.region_level = 'provinsi'
    and prov.province_code = k.province_code and prov.scope = 'region' and k.scope = 'region'
    and coalesce(prov.index_max, 0) = coalesce(k.index_max, 0)
