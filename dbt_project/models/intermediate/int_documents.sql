-- One row per loaded file (rendering) of a document, with the identity of the document it renders. The same
-- report arriving as a PDF and as a text rendering is one document: its numbers must count once.
-- document_key: derived here from what every rendering states about itself: agency (or region), document type
-- and period. The extractor's own identity (stg_documents.document_key) also fingerprints the content, so a
-- synthetic sample and the real report it imitates stay two documents there; the marts count them as one.
-- preferred_rendering: the rendering the marts read budgets and indicators from when a document comes in
-- several: the one with the most facts (the fullest reading), then a paged one (PDF), then by file name.
with facts as (
    select source_file, count(*) as facts, count(source_page) as paged_facts
    from {{ ref('stg_document_facts') }}
    group by source_file
),
documents as (
    select
        d.* exclude (document_key),
        d.document_key as content_key,
        md5(concat_ws('|',
            lower(coalesce(d.agency_name, d.region_name, d.source_file)),
            lower(coalesce(d.doc_type, '')),
            coalesce(d.period_start::varchar, ''),
            coalesce(d.period_end::varchar, '')
        )) as document_key,
        coalesce(f.facts, 0) as facts,
        coalesce(f.paged_facts, 0) > 0 as is_paged
    from {{ ref('stg_documents') }} as d
    left join facts as f using (source_file)
)
select
    document_key,
    source_file,
    doc_type,
    agency_name,
    region_name,
    period_start,
    period_end,
    -- a plan covering several years is less specific about one year than a report on that year
    coalesce(period_end - period_start, 0) as period_span_years,
    pages,
    facts,
    is_paged,
    row_number() over (
        partition by document_key order by facts desc, is_paged desc, source_file
    ) = 1 as is_preferred_rendering,
    count(*) over (partition by document_key) as renderings
from documents
