"""`extract_document`: the one entry point others call (CLI, Dagster assets, tests)."""

from __future__ import annotations

from pathlib import Path

from extractors.config import ExtractionConfig, resolve
from extractors.documents.identity import identify
from extractors.documents.ocr import mark_facts as mark_ocr_facts
from extractors.documents.recognise import interpret_document
from extractors.documents.text_flattened import rebuild_in_pages
from extractors.documents.text_loader import load_text
from extractors.errors import UnreadableFileError
from extractors.facts import ExtractionResult

# One home for input suffixes. Workbooks are documents only when they hold aggregates (a rekap); employee
# exports go to the SIMPEG loader.
from extractors.file_kinds import PDF_SUFFIXES, TEXT_SUFFIXES
from extractors.file_kinds import XLSX_SUFFIXES as SPREADSHEET_SUFFIXES


def spreadsheet_kind(rows: list[list[object]]) -> str:
    """`rekap`, `employee_export` or `unknown` from a sheet's first rows: pure, for the inbox's file kinds."""
    from extractors.documents.xlsx_loader import spreadsheet_kind as kind

    return kind(rows)


def spreadsheet_kind_of(path: str | Path) -> str:
    """`spreadsheet_kind` of a workbook on disk (read-only, first rows of each sheet)."""
    from extractors.documents.xlsx_loader import spreadsheet_kind_of as kind_of

    return kind_of(path)


def load_document(path: str | Path, config: ExtractionConfig | None = None):
    """Load a PDF, a text rendering or a rekap workbook into the document model, or raise UnreadableFileError.
    `config` None: the one Settings builds from the environment."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFileError(path, "file not found", "missing")
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from extractors.documents.pdf_loader import load_pdf

        return load_pdf(path, config=resolve(config))
    if suffix in TEXT_SUFFIXES:
        head = path.read_bytes()[:4096]
        if b"\x00" in head or head.startswith(b"%PDF") or head.startswith(b"PK\x03\x04"):
            raise UnreadableFileError(path, "binary content in a text file", "not_text")
        return load_text(path)
    if suffix in SPREADSHEET_SUFFIXES:
        from extractors.documents.xlsx_loader import load_xlsx

        kind = spreadsheet_kind_of(path)
        if kind != "rekap":
            why = "an employee export (NIP/name columns): load it as a SIMPEG export" if kind == \
                "employee_export" else "no table of aggregates (labels with numbers) in its first rows"
            raise UnreadableFileError(path, f"workbook is not a rekap document: {why}", "not_a_document")
        return load_xlsx(path)
    expected = ", ".join(sorted(PDF_SUFFIXES | TEXT_SUFFIXES))
    raise UnreadableFileError(
        path, f"unsupported file type {suffix or '(none)'}: expected {expected} or a rekap workbook "
        f"({', '.join(sorted(SPREADSHEET_SUFFIXES))})",
        "unsupported_format",
    )


def extract_document(path: str | Path, config: ExtractionConfig | None = None) -> ExtractionResult:
    """Read one planning/performance document into facts (docs/architecture.md §3, the fact contract).
    `config` None: the one Settings builds from the environment (a caller outside the pipeline)."""
    document = load_document(path, config)
    if document.kind == "pdf":
        # A text rendering rebuilds tables flattened into a paragraph as it loads; a PDF's paragraph runs over
        # many lines, so the same rebuild runs over its pages once they are loaded.
        rebuild_in_pages(document)
    identity = identify(document)
    found = interpret_document(document, identity)
    mark_ocr_facts(document, found.facts, found.problems)
    return ExtractionResult(identity=identity, facts=found.facts, pages=len(document.pages),
                            problems=found.problems, unresolved=found.unresolved)
