"""Load one document's facts into the raw zone, replacing what an earlier version of the file gave."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from extractors.documents import extract_document
from extractors.errors import UnreadableFileError

_FACT_COLUMNS = (
    "source_file", "file_sha256", "run_id", "fact_index", "page", "line", "table_name", "agency", "region",
    "metric", "indicator", "dimension", "year", "value", "unit", "kind", "flags",
    "population", "scope", "period_kind", "period_start", "period_end", "evidence", "confidence",
)


@dataclass
class DocumentLoad:
    file: str
    status: str  # loaded | failed
    facts: int
    reason: str | None = None
    doc_type: str | None = None
    region: str | None = None


def load_document(con: duckdb.DuckDBPyConnection, path: Path, *, sha256: str, run_id: str) -> DocumentLoad:
    name = path.name
    try:
        result = extract_document(path)
    except UnreadableFileError as exc:
        _record_failure(con, name, sha256, run_id, exc.reason, exc.reason_code)
        return DocumentLoad(file=name, status="failed", facts=0, reason=exc.reason)
    except Exception as exc:  # an extractor bug must not stop the other files
        reason = f"extractor error: {type(exc).__name__}: {exc}"
        _record_failure(con, name, sha256, run_id, reason, "extractor_error")
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
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM raw.document_facts WHERE source_file = ?", [name])
        con.execute("DELETE FROM raw.documents WHERE source_file = ?", [name])
        if rows:
            con.executemany(
                f"INSERT INTO raw.document_facts ({', '.join(_FACT_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in _FACT_COLUMNS)})",
                rows,
            )
        con.execute(
            "INSERT INTO raw.documents (source_file, file_sha256, run_id, doc_type, agency, region, period_start,"
            " period_end, pages, problems, loaded_at, document_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, ?)",
            [
                name, sha256, run_id, ident.doc_type, ident.agency, ident.region, ident.period_start,
                ident.period_end, result.pages, json.dumps(result.problems, ensure_ascii=False),
                ident.document_key,
            ],
        )
        for problem in result.problems:
            con.execute(
                "INSERT INTO audit.quarantine VALUES (?, ?, ?, ?, ?, ?)",
                [run_id, name, None, "unreadable_cell", problem, None],
            )
        con.execute(
            "INSERT INTO audit.file_loads VALUES (?, ?, ?, 'document', 'loaded', NULL, ?, ?, ?, current_timestamp)",
            [run_id, name, sha256, len(rows) + len(result.problems), len(rows), len(result.problems)],
        )
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return DocumentLoad(
        file=name, status="loaded", facts=len(rows), doc_type=ident.doc_type, region=ident.region
    )


def _record_failure(
    con: duckdb.DuckDBPyConnection, name: str, sha256: str, run_id: str, reason: str, code: str
) -> None:
    con.execute(
        "INSERT INTO audit.file_loads VALUES (?, ?, ?, 'document', 'failed', ?, 0, 0, 0, current_timestamp)",
        [run_id, name, sha256, reason],
    )
    con.execute(
        "INSERT INTO audit.quarantine VALUES (?, ?, ?, ?, ?, ?)",
        [run_id, name, "file", code, reason, None],
    )
