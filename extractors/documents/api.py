"""`extract_document`: the one entry point others call (CLI, Dagster assets, tests)."""

from __future__ import annotations

from pathlib import Path

from extractors.documents.identity import identify
from extractors.documents.ocr import mark_facts as mark_ocr_facts
from extractors.documents.recognise import recognise_document
from extractors.documents.text_loader import load_text
from extractors.errors import UnreadableFileError
from extractors.facts import ExtractionResult

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PDF_SUFFIXES = {".pdf"}


def load_document(path: str | Path):
    """Load a PDF or a text rendering into the document model, or raise UnreadableFileError."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableFileError(path, "file not found", "missing")
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from extractors.documents.pdf_loader import load_pdf

        return load_pdf(path)
    if suffix in TEXT_SUFFIXES:
        head = path.read_bytes()[:4096]
        if b"\x00" in head or head.startswith(b"%PDF") or head.startswith(b"PK\x03\x04"):
            raise UnreadableFileError(path, "binary content in a text file", "not_text")
        return load_text(path)
    raise UnreadableFileError(
        path, f"unsupported file type {suffix or '(none)'}: expected .pdf, .txt or .md", "unsupported_format"
    )


def extract_document(path: str | Path) -> ExtractionResult:
    """Read one planning/performance document into facts (see DESIGN.md, the fact contract)."""
    document = load_document(path)
    identity = identify(document)
    facts, problems = recognise_document(document, identity)
    mark_ocr_facts(document, facts, problems)
    return ExtractionResult(identity=identity, facts=facts, pages=len(document.pages), problems=problems)
