"""The table interpreter: reads what a table says (header tree, stub, caption) into facts.

Shared rules, one home each: `labels` (total rows, row numbering), `periods` (years, ranges, cumulatives,
kondisi awal, akhir periode), `categories` (which vocabulary of extractors/codes.py a set of labels
belongs to), `context` (a table's caption, nearby prose and the document identity).
Readers: `grid` (count and score tables: compositions, cross tables, series, IP ASN releases),
`performance` with `measures` and `nomenclature` (target/realisasi/capaian and budget tables),
`lists` (`label : N Orang` lists printed as text).
"""
