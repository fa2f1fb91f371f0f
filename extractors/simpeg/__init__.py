"""SIMPEG / SIASN export readers: `load_export` turns one export into canonical employee rows."""

from extractors.simpeg.batch import load_exports
from extractors.simpeg.loader import LoadReport, load_export
from extractors.simpeg.pseudonym import DEMO_PSEUDONYM_KEY, PseudonymKeyError, resolve_pseudonym_key

__all__ = [
    "DEMO_PSEUDONYM_KEY", "LoadReport", "PseudonymKeyError", "load_export", "load_exports", "resolve_pseudonym_key",
]
