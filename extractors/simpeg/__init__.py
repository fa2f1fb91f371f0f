"""SIMPEG / SIASN export readers: turn exports (CSV or XLSX) into checked, canonical employee rows.

The readers write nothing to the warehouse: `loader.stage_export` (one export) and `setload.stage_group`
(all exports of one header layout) leave checked rows in temp tables of the connection, and
warehouse.writer writes them. To load exports into a warehouse:

    from warehouse.simpeg_load import load_export
    report = load_export(path, con, run_id=run_id, pseudonym_key=resolve_pseudonym_key(os.environ))

(`con` on a DuckDB file; `raw_root=` names the Parquet raw zone, default the one beside that file), which
writes the rows as Parquet parts of the raw zone behind the view raw.simpeg_employees (one snapshot per
agency and as-of date, warehouse/rawzone.py), audit.quarantine (rows that
fail, reason codes in extractors.simpeg.reasons) and audit.file_loads (rows_in = rows_loaded +
rows_quarantined). An unreadable file or one without a required column gets a failed audit.file_loads row
and raises extractors.errors.UnreadableFileError. `load_exports` loads many files two at a time.
"""

from extractors.simpeg.pseudonym import DEMO_PSEUDONYM_KEY, PseudonymKeyError, resolve_pseudonym_key
from extractors.simpeg.results import LoadReport

__all__ = ["DEMO_PSEUDONYM_KEY", "LoadReport", "PseudonymKeyError", "resolve_pseudonym_key"]
