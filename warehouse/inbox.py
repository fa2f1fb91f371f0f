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


def input_paths(inbox: Path) -> list[Path]:
    """Every regular file below the inbox (hidden files and our own truth/manifest JSON excluded)."""
    if not inbox.exists():
        return []
    return [
        path for path in sorted(p for p in inbox.rglob("*") if p.is_file())
        if not any(part.startswith(".") for part in path.relative_to(inbox).parts)
        and path.suffix.lower() != ".json"
    ]


def scan_inbox(inbox: Path) -> list[InboxFile]:
    return [
        InboxFile(path=str(p), name=p.name, kind=classify(p), sha256=file_sha256(p), size=p.stat().st_size)
        for p in input_paths(inbox)
    ]


def inbox_signature(inbox: Path) -> dict[str, str]:
    """Size and modification time per input file: a cheap sign of change for the sensor, which polls every
    minute; the refresh itself compares content hashes."""
    signature = {}
    for p in input_paths(inbox):
        stat = p.stat()
        signature[p.name] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return signature


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
