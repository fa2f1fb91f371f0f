"""Fingerprints of the code that shapes the warehouse, so a refresh after an upgrade rebuilds what changed.

An unchanged inbox normally means nothing to do; but new extractor code must re-read the documents and a
new dbt project must rebuild the marts, even when no input file changed.
"""

from __future__ import annotations

from functools import cache

from extractors.file_identity import source_digest
from pipelines.settings import DBT_PROJECT_DIR, REPO_ROOT


@cache
def extractor_fingerprint() -> str:
    root = REPO_ROOT / "extractors"
    return source_digest(root.rglob("*.py"), REPO_ROOT)


@cache
def dbt_fingerprint() -> str:
    files = [DBT_PROJECT_DIR / "dbt_project.yml"]
    for folder in ("models", "seeds", "macros", "tests"):
        files += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file()]
    return source_digest(files, DBT_PROJECT_DIR)
