-- Every extracted fact with the document it belongs to (int_documents): its identity across renderings, how
-- specific and recent the document is, and whether this file is the document's preferred rendering. The
-- marts choose canonical values from here. as_of_date puts every dated fact on the calendar (the last day of
-- its year, or of its period when the fact covers a range), so BI tools' time filters see document rows.
select
    f.*,
    d.document_key,
    d.doc_type,
    d.period_start as document_period_start,
    d.period_end as document_period_end,
    d.period_span_years,
    d.is_paged,
    d.is_preferred_rendering,
    case
        when f.period_kind = 'range' and f.period_end is not null then {{ year_end('f.period_end') }}
        when f.year is not null then {{ year_end('f.year') }}
    end as as_of_date
from {{ ref('stg_document_facts') }} as f
left join {{ ref('int_documents') }} as d using (source_file)
