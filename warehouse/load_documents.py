"""Load one document's facts into the raw zone, replacing what an earlier version of the file gave: the
extraction runs here, warehouse.writer writes its rows."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extractors.config import ExtractionConfig, resolve
from extractors.documents import extract_document
from extractors.errors import UnreadableFileError
from extractors.redact import redact
from extractors.sandbox import Limits, run_limited
from warehouse import writer

EMPTY_REASON = "no_facts: no table or statement in the document yielded a fact"


@dataclass
class DocumentLoad:
    file: str
    status: str  # loaded | empty | failed
    facts: int
    reason: str | None = None
    doc_type: str | None = None
    region: str | None = None


def load_document(
    con: duckdb.DuckDBPyConnection, path: Path, *, sha256: str, run_id: str, name: str | None = None,
    limits: Limits | None = None, config: ExtractionConfig | None = None,
) -> DocumentLoad:
    """Extract `path` and write its facts under `name` (its path inside the inbox; default the file name).

    With `limits` the extraction runs in a worker process that is stopped at the wall-clock limit and
    cannot allocate past the memory limit; the file then fails with `timeout` or `too_large`. `config` travels
into that worker as an argument (None: the one Settings builds from the environment)."""
    name = name or path.name
    try:
        if limits is None:
            result = extract_document(path, config)
        else:
            result = run_limited(extract_document, (str(path), resolve(config)), str(path), limits)
    except UnreadableFileError as exc:
        reason = redact(exc.reason)
        writer.record_document_failure(con, run_id, name, sha256, reason, exc.reason_code)
        return DocumentLoad(file=name, status="failed", facts=0, reason=reason)
    except Exception as exc:  # an extractor bug must not stop the other files
        reason = redact(f"extractor error: {type(exc).__name__}: {exc}")
        writer.record_document_failure(con, run_id, name, sha256, reason, "extractor_error")
        return DocumentLoad(file=name, status="failed", facts=0, reason=reason)

    ident = result.identity
    rows = [
        (
            name, sha256, run_id, i, f.page, f.line, f.table, f.agency or ident.agency,
            f.region or ident.region, f.metric, f.indicator, json.dumps(f.dimension, ensure_ascii=False),
            f.year, float(f.value), f.unit, f.kind, json.dumps(f.flags, ensure_ascii=False) if f.flags else None,
            f.population, f.scope, f.period_kind, f.period_start, f.period_end, f.evidence, f.confidence,
        )
        for i, f in enumerate(result.facts)
    ]
    # Zero facts is not a success to wave through: the file was read, but nothing in it counts.
    status, reason = ("loaded", None) if rows else ("empty", EMPTY_REASON)
    writer.write_document(con, run_id, name, sha256, result, rows, status, reason)
    return DocumentLoad(
        file=name, status=status, facts=len(rows), reason=reason, doc_type=ident.doc_type, region=ident.region
    )
