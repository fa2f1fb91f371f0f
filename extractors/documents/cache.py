"""Cache of loaded PDF documents keyed by the file's content sha256.

Nightly refreshes see the same PDFs again and again; the document model of an unchanged file is
read from `ExtractionConfig.cache_dir` (`ASNWH_CACHE_DIR`, default `~/.cache/asnwh/extract`).
`ASNWH_EXTRACT_CACHE=0` switches it off (the benchmark does, to measure cold speed honestly).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from extractors.config import ExtractionConfig
from extractors.documents.model import Document
from extractors.file_identity import file_sha256, source_digest

_HERE = Path(__file__).resolve().parent
# The loader's own source: any change to how PDFs are read invalidates old entries (a change to how their
# tables are interpreted does not: the cached document model is the same).
VERSION = source_digest([_HERE / name for name in ("model.py", "pdf_loader.py", "pdf_layout.py", "cache.py", "ocr.py",
                                                    "ocr_repair.py", "ocr_engine.py", "ocr_image.py")], _HERE)
STATS = {"hits": 0, "misses": 0}


def file_key(path: Path, config: ExtractionConfig, variant: str = "") -> str | None:
    if not config.cache_enabled:
        return None
    return f"{file_sha256(path)}-v{VERSION}{('-' + variant) if variant else ''}"


def get(key: str, config: ExtractionConfig) -> Document | None:
    target = config.cache_dir / f"{key}.pickle"
    try:
        with target.open("rb") as fh:
            doc = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        STATS["misses"] += 1
        return None
    STATS["hits"] += 1
    return doc if isinstance(doc, Document) else None


def put(key: str, document: Document, config: ExtractionConfig) -> None:
    directory = config.cache_dir
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader never sees half a file, even with parallel runs.
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(document, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, directory / f"{key}.pickle")
    except OSError:
        pass  # a cache that cannot be written only costs speed
