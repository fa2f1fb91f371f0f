"""`asnwh extract FILE... --format jsonl|table`: print the facts of documents (pipelines/cli.py wires it)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from extractors.documents.api import extract_document
from extractors.errors import UnreadableFileError
from extractors.facts import Fact

_TABLE_COLUMNS = ("source", "where", "metric", "kind", "year", "dimension", "indicator", "value", "unit", "flags")
_MAX_WIDTH = {"indicator": 48, "dimension": 40, "source": 40}


def _row(fact: Fact) -> dict[str, str]:
    dim = ", ".join(f"{k}={v}" for k, v in fact.dimension.items())
    value = fact.value
    shown = f"{value:,.0f}".replace(",", ".") if isinstance(value, int) or float(value).is_integer() \
        and abs(value) >= 1000 else f"{value:g}"
    return {
        "source": fact.source,
        "where": f"p{fact.page}" if fact.page is not None else f"l{fact.line}",
        "metric": fact.metric,
        "kind": fact.kind,
        "year": "" if fact.year is None else str(fact.year),
        "dimension": dim,
        "indicator": fact.indicator or "",
        "value": shown,
        "unit": fact.unit or "",
        "flags": " ".join(fact.flags),
    }


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(facts: list[Fact]) -> str:
    """Readable aligned columns; long labels are clipped (jsonl carries them whole)."""
    rows = [_row(f) for f in facts]
    rows = [{k: _clip(v, _MAX_WIDTH.get(k, 10_000)) for k, v in r.items()} for r in rows]
    widths = {c: max([len(c), *(len(r[c]) for r in rows)]) for c in _TABLE_COLUMNS}
    right = {"value", "year"}

    def line(values: dict[str, str]) -> str:
        cells = [values[c].rjust(widths[c]) if c in right else values[c].ljust(widths[c]) for c in _TABLE_COLUMNS]
        return "  ".join(cells).rstrip()

    out = [line({c: c for c in _TABLE_COLUMNS}), line({c: "-" * widths[c] for c in _TABLE_COLUMNS})]
    out.extend(line(r) for r in rows)
    return "\n".join(out)


def run_extract(paths: list[str], fmt: str, out: TextIO, err: TextIO) -> int:
    """Extract every file; report unreadable ones on `err` and go on. Returns 1 only if all failed."""
    if fmt not in {"jsonl", "table"}:
        err.write(f"unknown format {fmt!r}: use jsonl or table\n")
        return 2
    failed = 0
    for path in paths:
        try:
            result = extract_document(path)
        except UnreadableFileError as exc:
            failed += 1
            err.write(f"{Path(path).name}: cannot read ({exc.reason_code}): {exc.reason}\n")
            continue
        except Exception as exc:  # one broken file must not stop the others; say what happened
            failed += 1
            err.write(f"{Path(path).name}: extraction failed: {type(exc).__name__}: {exc}\n")
            continue
        if fmt == "jsonl":
            for fact in result.facts:
                out.write(fact.to_json() + "\n")
        else:
            ident = result.identity
            out.write(
                f"# {ident.source}: {ident.doc_type or '?'} | {ident.agency or '?'} | {ident.region or '?'} | "
                f"{ident.period_start or '?'}-{ident.period_end or '?'} | {result.pages} pages | "
                f"{len(result.facts)} facts | {len(result.problems)} problems\n"
            )
            if result.facts:
                out.write(format_table(result.facts) + "\n")
            out.write("\n")
        for problem in result.problems:
            err.write(f"{Path(path).name}: problem: {problem}\n")
    return 1 if paths and failed == len(paths) else 0
