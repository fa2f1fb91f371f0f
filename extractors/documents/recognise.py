"""Run every recogniser over a loaded document and collect facts and problems."""

from __future__ import annotations

import re

from extractors.documents.identity import published_year
from extractors.documents.model import Document, Row, Table, TextLine
from extractors.documents.recognisers import composition, indicators
from extractors.documents.recognisers.context import table_contexts
from extractors.documents.recognisers.prose import recognise_prose
from extractors.facts import DocumentIdentity, Fact

_TOC = re.compile(r"daftar\s+(isi|tabel|gambar|grafik|lampiran|bagan)", re.I)
_LEADERS = re.compile(r"\.{4,}|…{2,}")


def _is_toc(rows: list[list[str]], context: str) -> bool:
    """Tables of contents list captions with page numbers; their numbers are not facts."""
    if _TOC.search(context):
        return True
    joined = [" ".join(r) for r in rows]
    return sum(1 for j in joined if _LEADERS.search(j)) >= max(2, len(joined) // 2)


_COLON_LINE = re.compile(r"^.{2,80}?\s:\s*(\d[\d.,]*|-)\s*(orang|org|pegawai|pns)\b\.?\s*$", re.I)


def _flush(items: list, run: list[TextLine]) -> None:
    if len(run) >= 2:
        rows = [Row(cells=[t.text], page=t.page, line=t.line) for t in run]
        items.append(Table(rows=rows, page=run[0].page, line=run[0].line))
    else:
        items.extend(run)
    run.clear()


def promote_colon_lists(document: Document) -> None:
    """`Kepala Badan : 1 Orang` lines printed as text (not as a table) become one-column tables."""
    for page in document.pages:
        items: list = []
        run: list[TextLine] = []
        for item in page.items:
            if isinstance(item, TextLine) and _COLON_LINE.match(item.text.replace(" :", " : ")):
                run.append(item)
                continue
            _flush(items, run)
            items.append(item)
        _flush(items, run)
        page.items = items


def recognise_document(document: Document, identity: DocumentIdentity) -> tuple[list[Fact], list[str]]:
    facts: list[Fact] = []
    problems: list[str] = []
    promote_colon_lists(document)
    for ctx in table_contexts(document, identity, published_year(document)):
        if _is_toc([r.cells for r in ctx.table.rows], " ".join(ctx.before[-3:])):
            continue
        found = composition.recognise(ctx)
        if not found:
            found = indicators.recognise(ctx)
        facts.extend(found)
        problems.extend(ctx.problems)
    prose_facts, prose_problems = recognise_prose(document, identity)
    facts.extend(prose_facts)
    problems.extend(prose_problems)
    return _dedupe(facts), problems


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """The same row read twice (a table continued across a page with its header repeated) counts once."""
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.page, f.line, f.table, f.metric, f.kind, f.year, f.indicator,
               tuple(sorted(f.dimension.items())), f.value)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
