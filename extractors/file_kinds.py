"""Input file kinds: the one place that says which suffix is read by which reader.

The inbox scan (warehouse.inbox), the document loader (extractors.documents.api) and the SIMPEG readers
(extractors.simpeg.readers) all ask here, so a suffix cannot be classified as one kind and then refused by
that kind's reader.
"""

from __future__ import annotations

from pathlib import Path

DOCUMENT = "document"
SIMPEG = "simpeg"
UNKNOWN = "unknown"

PDF_SUFFIXES = frozenset({".pdf"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})

DOCUMENT_SUFFIXES = PDF_SUFFIXES | TEXT_SUFFIXES
SIMPEG_SUFFIXES = CSV_SUFFIXES | XLSX_SUFFIXES

# Suffixes people do drop into the inbox but no reader handles: each with what to do instead.
UNSUPPORTED: dict[str, str] = {
    ".xls": "legacy Excel .xls is not supported; save the export as .xlsx or .csv",
    ".doc": "Word .doc is not supported; save the document as PDF",
    ".docx": "Word .docx is not supported; save the document as PDF",
}

# Files the inbox may hold that are not inputs: our own truth/manifest JSON written beside the samples.
NOT_INPUT_SUFFIXES = frozenset({".json"})


def kind_of(path: str | Path) -> str:
    """document | simpeg | unknown, by suffix (case-insensitive); a workbook of aggregates is a document."""
    suffix = Path(path).suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return DOCUMENT
    if suffix in XLSX_SUFFIXES and _is_rekap_workbook(path):
        return DOCUMENT
    if suffix in SIMPEG_SUFFIXES:
        return SIMPEG
    return UNKNOWN


def _is_rekap_workbook(path: str | Path) -> bool:
    """A "rekap" of headcounts per unit is a document; anything unclear goes to the SIMPEG reader, which
    reports a broken workbook with its reason."""
    from extractors.documents.xlsx_loader import spreadsheet_kind_of

    try:
        return spreadsheet_kind_of(path) == "rekap"
    except Exception:
        return False


def reader_of(path: str | Path) -> str | None:
    """pdf | text | csv | xlsx, or None when no reader handles the suffix."""
    suffix = Path(path).suffix.lower()
    for reader, suffixes in (("pdf", PDF_SUFFIXES), ("text", TEXT_SUFFIXES), ("csv", CSV_SUFFIXES),
                             ("xlsx", XLSX_SUFFIXES)):
        if suffix in suffixes:
            return reader
    return None


def unsupported_reason(path: str | Path) -> str:
    """Why a file of unknown kind is not read, naming what is expected."""
    suffix = Path(path).suffix.lower()
    if suffix in UNSUPPORTED:
        return UNSUPPORTED[suffix]
    expected = ", ".join(sorted(DOCUMENT_SUFFIXES | SIMPEG_SUFFIXES))
    return f"not a supported input type ({suffix or 'no extension'}); expected one of {expected}"


def is_input_candidate(path: str | Path) -> bool:
    """False for the files the inbox may legitimately hold beside the inputs (manifest JSON)."""
    return Path(path).suffix.lower() not in NOT_INPUT_SUFFIXES
