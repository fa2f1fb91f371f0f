"""Discover input files in the inbox and tell documents from SIMPEG exports."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

DOCUMENT_SUFFIXES = frozenset({".pdf", ".txt", ".md"})
SIMPEG_SUFFIXES = frozenset({".csv", ".xlsx", ".xls", ".tsv"})


@dataclass(frozen=True)
class InboxFile:
    path: str
    name: str
    kind: str  # document | simpeg | unknown
    sha256: str
    size: int

    def to_dict(self) -> dict:
        return asdict(self)


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def classify(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return "document"
    if suffix in SIMPEG_SUFFIXES:
        return "simpeg"
    return "unknown"


def scan_inbox(inbox: Path) -> list[InboxFile]:
    """Every regular file below the inbox (hidden files and our own truth/manifest JSON excluded)."""
    if not inbox.exists():
        return []
    files = []
    for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(inbox).parts):
            continue
        if path.suffix.lower() == ".json":
            continue
        files.append(
            InboxFile(
                path=str(path), name=path.name, kind=classify(path),
                sha256=file_sha256(path), size=path.stat().st_size,
            )
        )
    return files


def last_seen(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """Per file, the (sha256, status) of its latest load or failure: what a refresh compares the inbox with."""
    rows = con.execute(
        """
        select file, sha256, status from audit.file_loads
        where status in ('loaded', 'failed')
        qualify row_number() over (partition by file order by loaded_at desc) = 1
        """
    ).fetchall()
    return {name: (sha, status) for name, sha, status in rows}
