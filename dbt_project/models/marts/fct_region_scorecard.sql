-- One row per region, year and measure, for comparing regions: the value, the target and the gap where
-- the measure has one, the category, and the rank among peers (kabupaten/kota within their province;
-- provinces nationally), with the peers' average and the parent province's own value beside it.
-- Measures:
--   ip_asn               reported IP ASN realisation on 0-100 (target from the same table, else the latest
--                        target stated for that year); category per Perban BKN 8/2019
--   ip_asn_computed      IP ASN computed from SIMPEG (mean of individual scores), latest snapshot of the year
--   merit_index          KASN 2019 merit index realisation (0-400), category I-IV
--   sakip                SAKIP score realisation
--   share_golongan_iii   share of PNS in golongan III (from golongan, or golongan_ruang III/a..III/d)
--   share_s1_plus        share of PNS with S1/D-IV or higher (kualifikasi groups S1/D-IV, S2, S3)
-- Composition shares come from the latest SIMPEG snapshot of the year when there is one, else from the
-- document table with the largest total (the whole government rather than an agency's own staff).
-- is_latest marks each region's latest year for the measure.
with docs as (
    select source_file, period_end from {{ ref('stg_documents') }}
),
ip_pairs as (
    select
        region_name, agency_name, year, source_file, table_name,
        max(value_0_100) filter (where kind = 'target') as target,
        max(value_0_100) filter (where kind = 'realisation') as value,
        min(source_page) as source_page
    from {{ ref('fct_professionalism_index') }}
    where dimensi = 'total' and kind in ('target', 'realisation')
    group by all
),
merit_pairs as (
    select
        region_name, agency_name, year, source_file, table_name,
        max(score) filter (where kind = 'target') as target,
        max(score) filter (where kind = 'realisation') as value,
        min(source_page) as source_page
    from {{ ref('fct_merit_system') }}
    where aspek = 'total' and scheme = 'kasn_2019'
    group by all
),
sakip_pairs as (
    select
        region_name, agency_name, year, source_file, table_name, target, realisation as value,
        source_page
    from {{ ref('fct_indicator_performance') }}
    where indicator_code = 'sakip'
),
pairs as (
    select 'ip_asn' as measure, * from ip_pairs
    union all select 'merit_index', * from merit_pairs
    union all select 'sakip', * from sakip_pairs
),
voted as (
    -- Documents repeat their key figures in several tables, and a damaged table can misplace a number; the
    -- value most tables state for the region and year wins (then the latest document), and its target is the
    -- target most tables print beside that value.
    select
        p.*,
        {{ region_key('p.region_name') }} as region_key,
        d.period_end,
        count(*) over (partition by p.measure, {{ region_key('p.region_name') }}, p.year, p.value) as value_votes
    from pairs as p
    left join docs as d using (source_file)
),
best_value as (
    select *
    from voted
    where value is not null
    qualify row_number() over (
        partition by measure, region_key, year
        order by value_votes desc, period_end desc nulls last, (target is not null) desc, source_file desc,
                 source_page nulls last
    ) = 1
),
paired_target as (
    -- the target most often printed beside the chosen value
    select v.measure, v.region_key, v.year, v.target
    from voted as v
    join best_value as b
        on b.measure = v.measure and b.region_key = v.region_key and b.year = v.year and b.value = v.value
    where v.target is not null
    group by v.measure, v.region_key, v.year, v.target
    qualify row_number() over (
        partition by v.measure, v.region_key, v.year order by count(*) desc, max(v.period_end) desc nulls last
    ) = 1
),
any_target as (
    -- else the target most often stated for the year (the latest document first)
    select measure, region_key, year, target
    from voted
    where target is not null
    group by measure, region_key, year, target
    qualify row_number() over (
        partition by measure, region_key, year order by max(period_end) desc nulls last, count(*) desc
    ) = 1
),
reported as (
    select
        b.measure, b.region_name, b.agency_name, b.year,
        b.value,
        coalesce(pt.target, tt.target) as target,
        'document' as source,
        b.source_file || coalesce(' | ' || b.table_name, '') as source_detail
    from best_value as b
    left join paired_target as pt using (measure, region_key, year)
    left join any_target as tt using (measure, region_key, year)
),
computed as (
    select
        'ip_asn_computed' as measure, region_name, agency_name, year,
        value_0_100 as value, null::double as target, 'simpeg' as source,
        source_file || ' @ ' || as_of_date::varchar as source_detail
    from {{ ref('fct_professionalism_index') }}
    where kind = 'computed' and dimensi = 'total'
    qualify row_number() over (
        partition by {{ region_key('region_name') }}, year order by as_of_date desc, source_file
    ) = 1
),
composition as (
    select
        c.source, c.region_name, c.agency_name, c.year, c.as_of_date, c.source_file, c.table_name,
        c.dimension, c.category, c.headcount, p.ip_asn_kualifikasi_group
    from {{ ref('fct_asn_composition') }} as c
    left join {{ ref('ref_pendidikan') }} as p on c.dimension = 'pendidikan' and p.pendidikan = c.category
    where c.dimension in ('golongan', 'golongan_ruang', 'pendidikan') and c.is_primary
),
share_candidates as (
    select
        case when dimension = 'pendidikan' then 'share_s1_plus' else 'share_golongan_iii' end as measure,
        source, region_name, agency_name, year, as_of_date, source_file, table_name, dimension,
        sum(headcount) filter (
            where (dimension = 'golongan' and category = 'III')
               or (dimension = 'golongan_ruang' and category like 'III/%')
               or (dimension = 'pendidikan' and ip_asn_kualifikasi_group in ('S1/D-IV', 'S2', 'S3'))
        ) as part,
        sum(headcount) as total
    from composition
    group by all
),
shares as (
    select
        measure, region_name, agency_name, year,
        coalesce(part, 0) / nullif(total, 0) as value,
        null::double as target,
        source,
        source_file || coalesce(' | ' || table_name, '') || coalesce(' @ ' || as_of_date::varchar, '')
            as source_detail
    from share_candidates
    qualify row_number() over (
        partition by measure, {{ region_key('region_name') }}, year
        order by (source = 'simpeg') desc, as_of_date desc nulls last, total desc,
                 (dimension = 'golongan_ruang') desc, source_file, table_name
    ) = 1
),
measures as (
    select * from reported
    union all select * from computed
    union all select * from shares
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
    select
        p.*,
        rank() over (partition by measure, year, peer_group order by value desc) as rank_in_peers,
        count(*) over (partition by measure, year, peer_group) as peers,
        avg(value) over (partition by measure, year, peer_group) as peer_avg,
        year = max(year) over (partition by measure, region_code, region_name) as is_latest
    from placed as p
)
select
    k.region_code,
    k.region_name,
    k.region_level,
    k.province_name,
    k.agency_name,
    k.year,
    k.measure,
    k.value,
    k.target,
    k.value - k.target as gap,
    case when k.target is not null then k.value >= k.target end as met_target,
    case
        when k.measure in ('ip_asn', 'ip_asn_computed') then b.category
        when k.measure = 'merit_index' then mc.category_code || ' ' || mc.category
    end as category,
    k.peer_group,
    k.rank_in_peers,
    k.peers,
    k.peer_avg,
    prov.value as province_value,
    k.is_latest,
    k.source,
    k.source_detail
from ranked as k
left join {{ ref('ref_ip_asn_bands') }} as b
    on k.measure in ('ip_asn', 'ip_asn_computed')
    and k.value > b.min_score_exclusive and k.value <= b.max_score_inclusive
left join {{ ref('ref_merit_categories') }} as mc
    on k.measure = 'merit_index' and mc.scheme = 'kasn_2019'
    and k.value >= mc.min_score and k.value < mc.max_score_exclusive
left join ranked as prov
    on prov.measure = k.measure and prov.year = k.year and prov.region_level = 'provinsi'
    and prov.province_code = k.province_code
