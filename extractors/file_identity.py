"""A file's identity is its content: the sha256 that the inbox plan, the raw zone, the SIMPEG loader and the
extraction and OCR caches all key on, computed here so that they agree byte for byte."""

from __future__ import annotations

import hashlib
from pathlib import Path

_CHUNK = 8 << 20


def file_sha256(path: str | Path) -> str:
    """Hex sha256 of the file's bytes, read in chunks (exports run to gigabytes)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()
