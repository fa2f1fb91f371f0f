"""A file's identity is its content: the sha256 that the inbox plan, the raw zone, the SIMPEG loader and the
extraction and OCR caches all key on, computed here so that they agree byte for byte. The same goes for the
digest of source code that says whether a cache or a built warehouse is still current."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

_CHUNK = 8 << 20


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of the file's bytes, read in chunks (exports run to gigabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def source_digest(paths: Iterable[Path], root: Path, *settings: object) -> str:
    """16 hex digits over the files' paths below `root` and their bytes, plus any settings that change the
    output as much as the code does (the OCR resolution): a new digest means the code that made a cached or
    built result has changed. The order of `paths` does not matter."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for setting in settings:
        digest.update(repr(setting).encode())
    return digest.hexdigest()[:16]
