"""SIMPEG / SIASN export readers: turn one export (CSV or XLSX) into canonical employee rows.

    from extractors.simpeg import load_export, resolve_pseudonym_key
    report = load_export(path, con, run_id=run_id, pseudonym_key=resolve_pseudonym_key(os.environ))

Writes raw.simpeg_employees (one snapshot per agency and as-of date), audit.quarantine (rows that fail,
reason codes in extractors.simpeg.reasons) and audit.file_loads (rows_in = rows_loaded + rows_quarantined).
An unreadable file or one without a required column gets a failed audit.file_loads row and raises
extractors.errors.UnreadableFileError. `load_exports` loads many files two at a time.
"""

from extractors.simpeg.batch import load_exports
from extractors.simpeg.loader import LoadReport, load_export
from extractors.simpeg.pseudonym import DEMO_PSEUDONYM_KEY, PseudonymKeyError, resolve_pseudonym_key

__all__ = [
    "DEMO_PSEUDONYM_KEY", "LoadReport", "PseudonymKeyError", "load_export", "load_exports", "resolve_pseudonym_key",
]
