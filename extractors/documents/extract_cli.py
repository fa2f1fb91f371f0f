"""`asnwh extract FILE... --format jsonl|table`: print the facts of documents (pipelines/cli.py wires it)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from extractors.documents import ocr
from extractors.documents.api import extract_document
from extractors.errors import UnreadableFileError
from extractors.facts import Fact
from extractors.file_kinds import DOCUMENT_SUFFIXES

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


def expand_inputs(paths: list[str], err: TextIO) -> tuple[list[Path], int]:
    """The documents to read: files as given, directories replaced by the documents below them (sorted, hidden
    files left out). Returns them and the number of arguments that named no document at all."""
    files: list[Path] = []
    empty = 0
    for arg in paths:
        path = Path(arg).absolute()
        if not path.is_dir():
            files.append(path)
            continue
        below = sorted(p for p in path.rglob("*") if p.is_file()
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        documents = [p for p in below if p.suffix.lower() in DOCUMENT_SUFFIXES]
        if not documents:
            empty += 1
            err.write(f"{path}: the directory holds no documents ({', '.join(sorted(DOCUMENT_SUFFIXES))})\n")
        elif len(documents) < len(below):
            err.write(f"{path}: {len(below) - len(documents)} file(s) that are not documents left out\n")
        files.extend(documents)
    return files, empty


# A document with this many pages to OCR takes long enough (seconds a page) to say how far it has got.
PROGRESS_MIN_PAGES = 3


def _ocr_progress(path: Path, err: TextIO) -> ocr.ProgressCallback:
    """Pages OCR'd so far on `err`: one line redrawn on a terminal, else a line every ten pages."""
    tty = getattr(err, "isatty", lambda: False)()

    def report(done: int, total: int) -> None:
        if total < PROGRESS_MIN_PAGES:
            return
        if tty:
            err.write(f"\r{path}: OCR {done}/{total} pages" + ("\n" if done == total else ""))
        elif done == total or done % 10 == 0:
            err.write(f"{path}: OCR {done}/{total} pages\n")
        err.flush()

    return report


def run_extract(paths: list[str], fmt: str, out: TextIO, err: TextIO) -> int:
    """Extract every document (directories: the documents in them); report unreadable ones and documents
    where nothing was recognised on `err`, by full path, and go on. Returns 1 when no input gave a fact."""
    if fmt not in {"jsonl", "table"}:
        err.write(f"unknown format {fmt!r}: use jsonl or table\n")
        return 2
    files, empty = expand_inputs(paths, err)
    with_facts = 0
    for path in files:
        ocr.set_progress(_ocr_progress(path, err))
        try:
            result = extract_document(path)
        except UnreadableFileError as exc:
            err.write(f"{path}: cannot read ({exc.reason_code}): {exc.reason}\n")
            continue
        except Exception as exc:  # one broken file must not stop the others; say what happened
            err.write(f"{path}: extraction failed: {type(exc).__name__}: {exc}\n")
            continue
        finally:
            ocr.set_progress(None)
        if result.facts:
            with_facts += 1
        else:
            err.write(f"{path}: nothing recognised: no table or statement in its {result.pages} page(s) gave a "
                      f"fact (type {result.identity.doc_type or 'unknown'}, region "
                      f"{result.identity.region or 'unknown'})\n")
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
            err.write(f"{path}: problem: {problem}\n")
    if not files and not empty:
        err.write("no input given\n")
    return 0 if with_facts else 1
