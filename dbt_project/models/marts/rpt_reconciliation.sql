-- Where the numbers disagree, with both sides and their sources. One row per comparison:
--   stated_total_vs_parts   a stated total (a headcount fact without a category, e.g. the JUMLAH line) vs
--                           the sum of the one-category facts printed since the previous stated total of
--                           the same table, per dimension (a cross table gives one row per dimension);
--                           budget totals vs the program lines since the previous total; the merit index
--                           vs its aspects.
--   subtotal_vs_cells       a row or column total of a cross table (one dimension key) vs its cells (two keys).
--   extractor_flag          a fact the extractor flagged (e.g. stated_total_mismatch:67!=66) that none of the
--                           comparisons above covers.
--   across_dimensions       the total of one dimension vs the reference dimension (the first the source
--                           states in var headcount_dimensions: golongan_ruang, else golongan, jenis_kelamin,
--                           pendidikan, ...) of the same source, region and year
--                           (a document's file, or a SIMPEG snapshot). Totals of a different size class
--                           (< half or > double the reference) are another population, e.g. an agency's own
--                           staff table beside the whole government's: status = different_population.
--   document_vs_simpeg      a document's headcount per region, year, dimension and category vs the latest
--                           SIMPEG snapshot of that region and year (the document table with the largest total
--                           is taken when several state the same dimension).
--   undated_fact            facts without a year, which year-keyed marts cannot place.
--   candidate_conflict      a candidate answer to a question of fct_asn_composition, fct_professionalism_index,
--                           fct_merit_system or fct_indicator_performance (dimension = 'indicator:<code>',
--                           category = target or realisation) that differs from the canonical answer (value_a = the
--                           candidate, value_b = the canonical value; source_file / source_position are the
--                           candidate's, source_file_b / source_position_b the canonical's).
-- difference = value_a - value_b; status is match when |difference| < 0.005.
with facts as (
    select
        f.*,
        coalesce({{ is_total_label('f.dimension_value') }}, false) as is_total_category,
        coalesce(f.table_name, '') as table_key
    from {{ ref('stg_document_facts') }} as f
),
headcount as (
    select * from facts where metric = 'asn_headcount' and kind = 'count' and value is not null
),
stated_totals as (
    select
        *,
        lag(fact_index) over (partition by source_file, table_key, year order by fact_index) as prev_total_index
    from headcount
    where dimension_count = 0 or is_total_category
),
parts as (
    select * from headcount where dimension_count = 1 and not is_total_category
),
headcount_totals as (
    select
        'stated_total_vs_parts' as check_type,
        t.region_name, t.agency_name, t.year, 'document' as source_a, 'document' as source_b,
        t.source_file, t.table_name,
        p.dimension_key as dimension,
        null::varchar as category,
        'stated ' || coalesce(t.indicator, 'total') as label_a,
        'sum of ' || p.dimension_key || ' parts' as label_b,
        t.value as value_a,
        sum(p.value) as value_b,
        coalesce(t.source_page, t.source_line) as position_a,
        t.flags::varchar as flags,
        t.fact_id
    from stated_totals as t
    join parts as p
        on p.source_file = t.source_file and p.table_key = t.table_key
        and p.year is not distinct from t.year
        and p.fact_index < t.fact_index and p.fact_index > coalesce(t.prev_total_index, -1)
    group by all
),
cells as (
    select * from headcount where dimension_count = 2
),
subtotals as (
    select
        'subtotal_vs_cells' as check_type,
        s.region_name, s.agency_name, s.year, 'document' as source_a, 'document' as source_b,
        s.source_file, s.table_name,
        s.dimension_key as dimension,
        s.dimension_value as category,
        'stated ' || s.dimension_key || ' = ' || s.dimension_value as label_a,
        'sum of cells' as label_b,
        s.value as value_a,
        sum(c.value) as value_b,
        coalesce(s.source_page, s.source_line) as position_a,
        s.flags::varchar as flags,
        s.fact_id
    from parts as s
    join cells as c
        on c.source_file = s.source_file and c.table_key = s.table_key
        and c.year is not distinct from s.year
        and ((c.dimension_key = s.dimension_key and c.dimension_value = s.dimension_value)
          or (c.dimension_key_2 = s.dimension_key and c.dimension_value_2 = s.dimension_value))
    group by all
),
budget as (
    select
        *,
        json_extract_string(dimension, '$.program') as program,
        json_extract_string(dimension, '$.kegiatan') as kegiatan,
        json_extract_string(dimension, '$.sub_kegiatan') as sub_kegiatan
    from facts
    where metric = 'budget_idr' and value is not null
),
budget_stated as (
    select
        *,
        lag(fact_index) over (partition by source_file, table_key, year, kind order by fact_index)
            as prev_total_index
    from budget
    where {{ is_total_label("coalesce(program, case when kegiatan is null and sub_kegiatan is null
                                                     then coalesce(indicator, 'jumlah') end, '')") }}
),
budget_totals as (
    -- a total closes the program lines printed since the previous total of the same table, year and kind
    select
        'stated_total_vs_parts' as check_type,
        t.region_name, t.agency_name, t.year, 'document' as source_a, 'document' as source_b,
        t.source_file, t.table_name,
        'program' as dimension,
        t.kind as category,
        'stated ' || coalesce(t.indicator, 'total') || ' (' || t.kind || ')' as label_a,
        'sum of ' || count(*) || ' programs' as label_b,
        t.value as value_a,
        sum(p.value) as value_b,
        coalesce(t.source_page, t.source_line) as position_a,
        t.flags::varchar as flags,
        t.fact_id
    from budget_stated as t
    join budget as p
        on p.source_file = t.source_file and p.table_key = t.table_key and p.kind = t.kind
        and p.year is not distinct from t.year
        and p.fact_index < t.fact_index and p.fact_index > coalesce(t.prev_total_index, -1)
        and p.kegiatan is null and p.sub_kegiatan is null
        and regexp_matches(lower(coalesce(p.program, p.indicator, '')), '^\s*program\b')
    group by all
),
merit_totals as (
    select
        'stated_total_vs_parts' as check_type,
        t.region_name, t.agency_name, t.year, 'document' as source_a, 'document' as source_b,
        t.source_file, t.table_name,
        'aspek' as dimension,
        t.kind as category,
        'stated merit index (' || t.kind || ')' as label_a,
        'sum of ' || count(*) || ' aspects' as label_b,
        t.value as value_a,
        sum(a.value) as value_b,
        coalesce(t.source_page, t.source_line) as position_a,
        t.flags::varchar as flags,
        t.fact_id
    from facts as t
    join facts as a
        on a.source_file = t.source_file and a.table_key = t.table_key and a.kind = t.kind
        and a.year is not distinct from t.year and a.metric = 'merit_aspect_score' and a.value is not null
    where t.metric = 'merit_index' and t.value is not null and t.kind in ('target', 'realisation')
    group by all
),
covered as (
    select fact_id from headcount_totals
    union select fact_id from subtotals
    union select fact_id from budget_totals
    union select fact_id from merit_totals
),
flagged as (
    select
        'extractor_flag' as check_type,
        f.region_name, f.agency_name, f.year, 'document' as source_a, 'document' as source_b,
        f.source_file, f.table_name,
        f.dimension_key as dimension,
        f.dimension_value as category,
        'stated ' || f.metric || coalesce(' ' || f.indicator, '') as label_a,
        'as the extractor computed it' as label_b,
        f.value as value_a,
        try_cast(regexp_extract(f.flags::varchar, '!=(-?[0-9.]+)', 1) as double) as value_b,
        coalesce(f.source_page, f.source_line) as position_a,
        f.flags::varchar as flags,
        f.fact_id
    from facts as f
    where f.has_flags and f.fact_id not in (select fact_id from covered)
),
-- totals across dimensions --------------------------------------------------------------------------------
dimension_table_totals as (
    select region_name, agency_name, year, source_file, table_name, dimension, sum(headcount) as total
    from {{ ref('int_headcount_documents') }}
    where year is not null and dimension <> 'eselon'
    group by all
),
dimension_totals as (
    -- a dimension printed in several tables of a document (e.g. the unit totals of two cross tables) counts
    -- once: its largest table
    select
        'document' as source, region_name, agency_name, year, source_file, dimension, max(total) as total
    from dimension_table_totals
    group by all
    union all
    select
        'simpeg' as source, region_name, agency_name, year, source_file || ' @ ' || as_of_date::varchar,
        dimension, sum(headcount) as total
    from {{ ref('int_headcount_simpeg') }}
    where dimension <> 'eselon'
    group by all
),
ranked_dimensions as (
    select
        *,
        first_value(dimension) over w as reference_dimension,
        first_value(total) over w as reference_total
    from dimension_totals
    window w as (
        partition by source, region_name, agency_name, year, source_file
        order by list_position([{{ headcount_dimensions_sql() }}], dimension)
        rows between unbounded preceding and unbounded following
    )
),
across as (
    select
        'across_dimensions' as check_type,
        region_name, agency_name, year, source as source_a, source as source_b,
        source_file, null::varchar as table_name,
        dimension,
        reference_dimension as category,
        'total by ' || dimension as label_a,
        'total by ' || reference_dimension as label_b,
        total as value_a,
        reference_total as value_b,
        null::integer as position_a,
        null::varchar as flags,
        null::varchar as fact_id
    from ranked_dimensions
    where dimension <> reference_dimension
),
-- document vs SIMPEG --------------------------------------------------------------------------------------
doc_tables as (
    select
        region_name, agency_name, year, dimension, source_file, table_name,
        sum(headcount) over (partition by source_file, table_name, year, dimension) as table_total,
        category, headcount
    from {{ ref('int_headcount_documents') }}
    where year is not null
),
doc_best as (
    select *
    from doc_tables
    qualify dense_rank() over (
        partition by {{ region_key('region_name') }}, year, dimension
        order by table_total desc, source_file, table_name
    ) = 1
),
simpeg_latest as (
    select *
    from {{ ref('int_headcount_simpeg') }}
    qualify dense_rank() over (
        partition by {{ region_key('region_name') }}, year order by as_of_date desc, snapshot_key
    ) = 1
),
doc_vs_simpeg as (
    select
        'document_vs_simpeg' as check_type,
        coalesce(d.region_name, s.region_name) as region_name,
        coalesce(d.agency_name, s.agency_name) as agency_name,
        coalesce(d.year, s.year) as year,
        'document' as source_a,
        'simpeg' as source_b,
        coalesce(d.source_file, '(no document)') || ' | ' || coalesce(s.source_file || ' @ ' || s.as_of_date::varchar,
            '(no snapshot)') as source_file,
        d.table_name,
        coalesce(d.dimension, s.dimension) as dimension,
        coalesce(d.category, s.category) as category,
        'document headcount' as label_a,
        'SIMPEG headcount' as label_b,
        coalesce(d.headcount, 0) as value_a,
        coalesce(s.headcount, 0) as value_b,
        null::integer as position_a,
        null::varchar as flags,
        null::varchar as fact_id
    from doc_best as d
    full outer join simpeg_latest as s
        on {{ region_key('s.region_name') }} = {{ region_key('d.region_name') }}
        and s.year = d.year and s.dimension = d.dimension and s.category = d.category
    -- only where both sources cover the region, year and dimension
    where exists (
        select 1 from simpeg_latest as s2
        where {{ region_key('s2.region_name') }} = {{ region_key('coalesce(d.region_name, s.region_name)') }}
          and s2.year = coalesce(d.year, s.year) and s2.dimension = coalesce(d.dimension, s.dimension)
    ) and exists (
        select 1 from doc_best as d2
        where {{ region_key('d2.region_name') }} = {{ region_key('coalesce(d.region_name, s.region_name)') }}
          and d2.year = coalesce(d.year, s.year) and d2.dimension = coalesce(d.dimension, s.dimension)
    )
),
undated as (
    select
        'undated_fact' as check_type,
        region_name, agency_name, null::integer as year, 'document' as source_a, null as source_b,
        source_file, table_name, metric as dimension, kind as category,
        'facts without a year' as label_a, null as label_b,
        count(*)::double as value_a, null::double as value_b,
        min(coalesce(source_page, source_line)) as position_a, null::varchar as flags, null::varchar as fact_id
    from facts
    where year is null
    group by all
),
-- candidates that disagree with the canonical answer ------------------------------------------------------
composition_conflicts as (
    select
        'candidate_conflict' as check_type,
        c.region_name, c.agency_name, c.year, c.source as source_a, k.source as source_b,
        c.source_file, c.table_name,
        c.dimension, c.category,
        c.population || ' headcount (' || c.scope || ')' as label_a,
        'canonical headcount' as label_b,
        c.headcount::double as value_a,
        k.headcount::double as value_b,
        coalesce(c.source_page, c.source_line) as position_a,
        null::varchar as flags,
        c.candidate_id as fact_id,
        k.source_file as source_file_b,
        coalesce(k.source_page, k.source_line) as position_b
    from {{ ref('fct_asn_composition_candidates') }} as c
    join {{ ref('fct_asn_composition') }} as k using (question_key)
    where not c.is_canonical and c.headcount <> k.headcount
),
index_conflicts as (
    select
        'candidate_conflict' as check_type,
        c.region_name, c.agency_name, c.year, c.source as source_a, k.source as source_b,
        c.source_file, c.table_name,
        'ip_asn_' || c.dimensi as dimension, c.kind as category,
        'IP ASN ' || c.dimensi || ' ' || c.kind as label_a,
        'canonical IP ASN ' || c.dimensi || ' ' || c.kind as label_b,
        coalesce(c.value_0_100, c.value) as value_a,
        coalesce(k.value_0_100, k.value) as value_b,
        coalesce(c.source_page, c.source_line) as position_a,
        null::varchar as flags,
        null::varchar as fact_id,
        k.source_file as source_file_b,
        coalesce(k.source_page, k.source_line) as position_b
    from {{ ref('fct_professionalism_index_candidates') }} as c
    join {{ ref('fct_professionalism_index') }} as k using (question_key)
    where not c.is_canonical and abs(coalesce(c.value_0_100, c.value) - coalesce(k.value_0_100, k.value)) >= 0.005
),
merit_conflicts as (
    select
        'candidate_conflict' as check_type,
        c.region_name, c.agency_name, c.year, 'document' as source_a, 'document' as source_b,
        c.source_file, c.table_name,
        'merit_' || c.aspek as dimension, c.kind as category,
        'merit ' || c.aspek || ' ' || c.kind as label_a,
        'canonical merit ' || c.aspek || ' ' || c.kind as label_b,
        c.score as value_a,
        k.score as value_b,
        coalesce(c.source_page, c.source_line) as position_a,
        null::varchar as flags,
        null::varchar as fact_id,
        k.source_file as source_file_b,
        coalesce(k.source_page, k.source_line) as position_b
    from {{ ref('fct_merit_system_candidates') }} as c
    join {{ ref('fct_merit_system') }} as k using (question_key)
    where not c.is_canonical and abs(c.score - k.score) >= 0.005
),
indicator_conflicts as (
    select
        'candidate_conflict' as check_type,
        c.region_name, c.agency_name, c.year, 'document' as source_a, 'document' as source_b,
        c.source_file, c.table_name,
        'indicator:' || c.indicator_code as dimension, v.kind as category,
        c.indicator_name || ' ' || v.kind as label_a,
        'canonical ' || v.kind as label_b,
        v.candidate_value as value_a,
        v.canonical_value as value_b,
        coalesce(c.source_page, c.source_line) as position_a,
        null::varchar as flags,
        null::varchar as fact_id,
        k.source_file as source_file_b,
        coalesce(k.source_page, k.source_line) as position_b
    from {{ ref('fct_indicator_performance_candidates') }} as c
    join {{ ref('fct_indicator_performance') }} as k using (question_key)
    cross join lateral (
        select 'target' as kind, c.target as candidate_value, k.target as canonical_value
        union all
        select 'realisation', c.realisation, k.realisation
    ) as v
    where not c.is_canonical and abs(v.candidate_value - v.canonical_value) >= 0.005
),
unioned as (
    select * from headcount_totals
    union all by name select * from subtotals
    union all by name select * from budget_totals
    union all by name select * from merit_totals
    union all by name select * from flagged
    union all by name select * from across
    union all by name select * from doc_vs_simpeg
    union all by name select * from undated
    union all by name select * from composition_conflicts
    union all by name select * from index_conflicts
    union all by name select * from merit_conflicts
    union all by name select * from indicator_conflicts
)
select
    u.check_type,
    r.region_code,
    u.region_name,
    u.agency_name,
    u.year::integer as year,
    u.dimension,
    u.category,
    u.label_a,
    u.value_a,
    u.source_a,
    u.label_b,
    u.value_b,
    u.source_b,
    u.value_a - u.value_b as difference,
    case
        when u.check_type = 'undated_fact' then 'undated'
        when u.value_b is null then 'not_comparable'
        when u.check_type = 'across_dimensions'
            and (u.value_a < 0.5 * u.value_b or u.value_a > 2 * u.value_b) then 'different_population'
        when abs(u.value_a - u.value_b) < 0.005 then 'match'
        else 'mismatch'
    end as status,
    u.source_file,
    u.table_name,
    u.position_a as source_position,
    u.source_file_b,
    u.position_b as source_position_b,
    u.flags,
    u.fact_id
from unioned as u
left join {{ ref('int_regions') }} as r on r.region_key = {{ region_key('u.region_name') }}
