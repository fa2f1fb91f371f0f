"""Document extractor: PDF and text renderings of Renstra/LKIP/Renja → facts (docs/architecture.md §1)."""

from extractors.documents.api import extract_document

__all__ = ["extract_document"]
