"""Run every recogniser over a loaded document and collect facts and problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.documents.identity import published_year
from extractors.documents.interpret import grid, lists, performance
from extractors.documents.interpret.context import table_contexts
from extractors.documents.interpret.prose import recognise_prose
from extractors.documents.model import Document, Row, Table, TextLine
from extractors.facts import DocumentIdentity, Fact, Unresolved

_TOC = re.compile(r"daftar\s+(isi|tabel|gambar|grafik|lampiran|bagan)", re.I)
_LEADERS = re.compile(r"\.{4,}|…{2,}")


def _is_toc(rows: list[list[str]], context: str) -> bool:
    """Tables of contents list captions with page numbers; their numbers are not facts."""
    if _TOC.search(context):
        return True
    joined = [" ".join(r) for r in rows]
    return sum(1 for j in joined if _LEADERS.search(j)) >= max(2, len(joined) // 2)


# `Kepala Badan : 1 Orang`, `- Golongan IV = 10 (sepuluh) orang`: one count a line, its unit printed.
_COLON_LINE = re.compile(r"^.{2,80}?\s[:=]\s*(\d[\d.,]*|-)\s*(\([a-z ]+\)\s*)?(orang|org|pegawai|pns)\b\.?\s*$",
                         re.I)


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
            if isinstance(item, TextLine) and _COLON_LINE.match(item.text.replace(" :", " : ").replace(" =", " = ")):
                run.append(item)
                continue
            _flush(items, run)
            items.append(item)
        _flush(items, run)
        page.items = items


@dataclass
class Recognition:
    facts: list[Fact] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)


def interpret_document(document: Document, identity: DocumentIdentity) -> Recognition:
    """Every table of the document read into facts, problems and unresolved cells."""
    out = Recognition()
    promote_colon_lists(document)
    for ctx in table_contexts(document, identity, published_year(document)):
        if _is_toc([r.cells for r in ctx.table.rows], " ".join(ctx.before[-3:])):
            continue
        try:
            found = lists.colon_list(ctx)
            if not found:
                read = grid.interpret(ctx)
                if read is not None:
                    found = read[0]
                else:
                    found = performance.recognise(ctx)
        except (ValueError, IndexError, KeyError, TypeError, ZeroDivisionError) as exc:
            # One table the readers trip over is a problem on that table, never the loss of the document.
            ctx.problem(ctx.table.rows[0], f"table not read: {type(exc).__name__}: {exc}")
            found = []
        out.facts.extend(found)
        out.problems.extend(ctx.problems)
        out.unresolved.extend(ctx.unresolved)
    prose_facts, prose_problems = recognise_prose(document, identity)
    out.facts.extend(prose_facts)
    out.problems.extend(prose_problems)
    out.facts = _dedupe(out.facts)
    return out


def recognise_document(document: Document, identity: DocumentIdentity) -> tuple[list[Fact], list[str]]:
    found = interpret_document(document, identity)
    return found.facts, found.problems


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """The same row read twice (a table continued across a page with its header repeated) counts once."""
    seen: set[tuple] = set()
    out = []
    for f in facts:
        # Population and period are part of a number's meaning: PNS and PPPK scoring the same 20,00 on one
        # PDF page (no line numbers there) are two facts.
        key = (f.page, f.line, f.table, f.metric, f.kind, f.year, f.indicator, f.population, f.period_kind,
               f.period_start, f.period_end, tuple(sorted(f.dimension.items())), f.value)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out
