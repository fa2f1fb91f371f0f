-- IP ASN figures as documents report them: every candidate, with its scale, its coverage and its rank for
-- the question (region, scope, year, dimensi, kind).
-- kind: target and realisation are index values; a capaian printed beside them is an achievement
--   percentage (kind achievement_pct), never an index value.
-- Scale: a source table whose IP ASN values are all <= 1 uses the 0-1 "poin" scale (scale_max = 1),
--   otherwise 0-100 "nilai"; deciding per table keeps a dimension score of 0.9 points on a 0-100 table from
--   being read as 90. value_0_100 = value * 100 / scale_max.
-- Coverage: which of the four dimensions (kualifikasi 25, kompetensi 40, kinerja 30, disiplin 5; seed
--   ref_ip_asn_weights) a total covers. A total equal (within 0.05) to the sum of dimension scores printed
--   for the same document, year and kind covers those dimensions (coverage_basis dimension_scores); a total
--   whose own coverage is not shown takes the coverage shown for the same document and year (a target and
--   a realisation of one indicator measure the same dimensions; same_document); otherwise the document does
--   not say (not_stated), and the index is read as the published full index. index_max is the sum of the
--   covered dimensions' maxima (60 for Banten's kualifikasi + kinerja + disiplin).
-- Canonical: the most specific document (a report on the year before a multi-year plan), then the most
--   recent, then the value stated by the most tables that also print a realisation beside it (a target paired
--   with its realisation, as performance tables print them, over a plan's bare target row), then by the most
--   tables (documents repeat key figures; a misread cell loses the vote), then a paged rendering, then file
--   and position.
with facts as (
    select
        {{ fact_place_columns() }},
        coalesce(case when dimension_key = 'dimensi' then lower(dimension_value) end, 'total') as dimensi,
        {{ reported_kind() }} as kind,
        value,
        unit,
        coalesce(scope, 'region') as scope,
        population,
        {{ fact_provenance_columns() }}
    from {{ ref('int_document_facts') }}
    where metric = 'ip_asn' and kind in ('target', 'realisation', 'capaian_pct') and value is not null
      and year is not null
      and {{ is_whole_population_ip_asn() }}
),
scaled as (
    select
        *,
        case
            when kind = 'achievement_pct' then null
            when max(value) filter (where kind <> 'achievement_pct') over (partition by source_file, table_key) <= 1
                then 1
            else 100
        end as scale_max
    from facts
),
valued as (
    select *, case when scale_max is not null then value * 100.0 / scale_max end as value_0_100
    from scaled
),
dimension_scores as (
    -- one score per table, year, kind and dimension (the first printed)
    select v.document_key, v.source_file, v.table_key, v.year, v.kind, v.dimensi, v.value_0_100, w.max_points
    from valued as v
    join {{ ref('ref_ip_asn_weights') }} as w on w.dimensi = v.dimensi
    where v.dimensi <> 'total' and v.kind in ('target', 'realisation')
    qualify row_number() over (
        partition by v.source_file, v.table_key, v.year, v.kind, v.dimensi
        order by v.source_page nulls last, v.source_line
    ) = 1
),
dimension_sets as (
    select
        document_key, source_file, table_key, year, kind,
        string_agg(dimensi, ', ' order by case dimensi when 'kualifikasi' then 1 when 'kompetensi' then 2
                                                       when 'kinerja' then 3 else 4 end) as dimensions,
        count(*)::integer as dimension_count,
        sum(value_0_100) as dimensions_sum,
        sum(max_points)::integer as dimensions_max
    from dimension_scores
    group by all
),
totals_covered as (
    -- a total and the dimension set (same document, year and kind) that adds up to it
    select
        t.fact_id, s.dimensions, s.dimension_count, s.dimensions_max
    from valued as t
    join dimension_sets as s
        on s.document_key = t.document_key and s.year = t.year and s.kind = t.kind
        and abs(s.dimensions_sum - t.value_0_100) < 0.05
    where t.dimensi = 'total' and t.kind in ('target', 'realisation')
    qualify row_number() over (
        partition by t.fact_id order by (s.source_file = t.source_file and s.table_key = t.table_key) desc,
                                        s.dimension_count desc
    ) = 1
),
document_coverage as (
    -- the coverage shown for a document and year, for its totals that do not show their own
    select v.document_key, v.year, c.dimensions, c.dimension_count, c.dimensions_max
    from totals_covered as c
    join valued as v using (fact_id)
    qualify row_number() over (
        partition by v.document_key, v.year order by (v.kind = 'realisation') desc, c.dimension_count desc
    ) = 1
),
covered as (
    select
        v.*,
        case
            when v.kind = 'achievement_pct' then null
            when v.dimensi <> 'total' then v.dimensi
            else coalesce(c.dimensions, d.dimensions, 'kualifikasi, kompetensi, kinerja, disiplin')
        end as coverage_dimensions,
        case
            when v.kind = 'achievement_pct' then null
            when v.dimensi <> 'total' then 1
            else coalesce(c.dimension_count, d.dimension_count, 4)
        end as coverage_dimension_count,
        case
            when v.kind = 'achievement_pct' then null
            when v.dimensi <> 'total' then 'dimension'
            when c.fact_id is not null then 'dimension_scores'
            when d.document_key is not null and v.kind <> 'achievement_pct' then 'same_document'
            else 'not_stated'
        end as coverage_basis,
        case
            when v.kind = 'achievement_pct' then null
            when v.dimensi <> 'total' then w.max_points
            else coalesce(c.dimensions_max, d.dimensions_max, 100)
        end::integer as index_max
    from valued as v
    left join totals_covered as c on c.fact_id = v.fact_id
    left join document_coverage as d
        on v.dimensi = 'total' and c.fact_id is null and d.document_key = v.document_key and d.year = v.year
    left join {{ ref('ref_ip_asn_weights') }} as w on w.dimensi = v.dimensi
),
paired as (
    select
        *,
        bool_or(kind = 'realisation') over (
            partition by source_file, table_key, region_key, scope, year, dimensi
        ) as table_has_realisation
    from covered
),
voted as (
    select
        *,
        count(distinct source_file || '|' || table_key) over (
            partition by region_key, scope, year, dimensi, kind, round(coalesce(value_0_100, value), 2)
        ) as value_votes,
        count(distinct case when table_has_realisation then source_file || '|' || table_key end) over (
            partition by region_key, scope, year, dimensi, kind, round(coalesce(value_0_100, value), 2)
        ) as paired_votes
    from paired
)
select
    *,
    row_number() over (
        partition by region_key, scope, year, dimensi, kind
        order by period_span_years nulls last, document_period_end desc nulls last, paired_votes desc,
                 value_votes desc, is_paged desc, source_file, source_page nulls last, source_line nulls last,
                 table_key, fact_id  -- never a tie: the same build always picks the same candidate
    ) as candidate_rank,
    md5(concat_ws('|', region_key, scope, year::varchar, dimensi, kind)) as question_key,
    count(*) over (partition by region_key, scope, year, dimensi, kind) as candidates_count
from voted
