"""Run every recogniser over a loaded document and collect facts and problems."""

from __future__ import annotations

import re

from extractors.documents.model import Document
from extractors.documents.recognisers import composition, indicators
from extractors.documents.recognisers.context import table_contexts
from extractors.facts import DocumentIdentity, Fact

_TOC = re.compile(r"daftar\s+(isi|tabel|gambar|grafik|lampiran|bagan)", re.I)
_LEADERS = re.compile(r"\.{4,}|…{2,}")


def _is_toc(rows: list[list[str]], context: str) -> bool:
    """Tables of contents list captions with page numbers; their numbers are not facts."""
    if _TOC.search(context):
        return True
    joined = [" ".join(r) for r in rows]
    return sum(1 for j in joined if _LEADERS.search(j)) >= max(2, len(joined) // 2)


def recognise_document(document: Document, identity: DocumentIdentity) -> tuple[list[Fact], list[str]]:
    facts: list[Fact] = []
    problems: list[str] = []
    for ctx in table_contexts(document, identity):
        if _is_toc([r.cells for r in ctx.table.rows], " ".join(ctx.before[-3:])):
            continue
        found = composition.recognise(ctx)
        if not found:
            found = indicators.recognise(ctx)
        facts.extend(found)
        problems.extend(ctx.problems)
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
