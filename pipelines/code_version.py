"""Fingerprints of the code that shapes the warehouse, so a refresh after an upgrade rebuilds what changed.

An unchanged inbox normally means nothing to do; but new extractor code must re-read the documents and a
new dbt project must rebuild the marts, even when no input file changed.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pipelines.settings import DBT_PROJECT_DIR, REPO_ROOT


def _digest(paths: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@cache
def extractor_fingerprint() -> str:
    root = REPO_ROOT / "extractors"
    return _digest([p for p in root.rglob("*.py")], REPO_ROOT)


@cache
def dbt_fingerprint() -> str:
    files = [DBT_PROJECT_DIR / "dbt_project.yml"]
    for folder in ("models", "seeds", "macros", "tests"):
        files += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file()]
    return _digest(files, DBT_PROJECT_DIR)
