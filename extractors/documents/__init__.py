"""Document extractor: PDF and text renderings of Renstra/LKIP/Renja → facts (DESIGN.md)."""

from extractors.documents.api import extract_document

__all__ = ["extract_document"]
