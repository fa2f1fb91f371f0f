"""What an extraction may do and where it keeps its cache: one frozen value, passed down explicitly.

`pipelines.settings.Settings` builds it once from the environment (the only reader of the environment)
and hands it to `extract_document`, the PDF loader, OCR, the cache and the limits, and into the sandbox's
worker process as an argument. Defaults here are the defaults of an unset variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ENGINES = ("pdfium", "pdfminer", "pdfplumber")
_SWITCH = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


class ConfigError(ValueError):
    """An ASNWH_* variable set to a value that means nothing: the message names it and what it should be.
    A misspelt limit silently replaced by its default would make a refresh do what nobody asked for."""


@dataclass(frozen=True)
class PdfLimits:
    """Bounds on the work one PDF may cause (extractors/documents/pdf_limits.py says why each)."""

    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 3000
    max_stream: int = 16 * 1024 * 1024
    max_inflated: int = 256 * 1024 * 1024
    max_page_chars: int = 300_000
    max_page_objects: int = 300_000


@dataclass(frozen=True)
class SandboxLimits:
    """Wall-clock and memory limit of the worker process one file is read in (extractors/sandbox.py)."""

    # A 300-page Renstra takes well under a minute; a file still being read after two is not a document we
    # can serve tonight.
    timeout_s: float = 120.0
    # pdfplumber on a large PDF peaks at a few hundred MB; the address space also counts shared libraries and
    # thread stacks, hence the headroom.
    memory_mb: int = 2048
    # A scanned page takes Tesseract a few seconds (more on a busy machine). A 142-page scanned LKIP needs
    # ten minutes, which no fixed limit for text PDFs can allow without letting a stuck parse run as long:
    # a worker that reports OCR pages gets this much more time per page it has to read.
    ocr_page_timeout_s: float = 20.0


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "asnwh" / "extract"


def _default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


@dataclass(frozen=True)
class ExtractionConfig:
    # pdfium reads characters and rules in C; "pdfminer" drives pdfplumber's parser directly;
    # "pdfplumber" is the reference path the benchmark compares to.
    pdf_engine: str = "pdfium"
    extract_workers: int = field(default_factory=_default_workers)  # readers of one long PDF's pages
    cache_enabled: bool = True
    cache_dir: Path = field(default_factory=_default_cache_dir)
    ocr_workers: int = 2  # Tesseract pages read at once
    ocr_lang: str = "ind"
    pdf: PdfLimits = field(default_factory=PdfLimits)
    sandbox: SandboxLimits = field(default_factory=SandboxLimits)

    def __post_init__(self) -> None:
        if self.pdf_engine not in ENGINES:
            raise ConfigError(f"ASNWH_PDF_ENGINE={self.pdf_engine!r}: expected one of {', '.join(ENGINES)}")

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ExtractionConfig:
        """The configuration an environment describes: the one home of the variables' names and parsing.
        Called by Settings. An unset or empty variable keeps its default; a value that means nothing raises
        ConfigError naming the variable."""
        d = cls()

        def positive(name: str, default: int) -> int:
            return int(_number(env, name, default, int))

        def seconds(name: str, default: float) -> float:
            return float(_number(env, name, default, float))

        return cls(
            pdf_engine=env.get("ASNWH_PDF_ENGINE") or d.pdf_engine,
            extract_workers=positive("ASNWH_EXTRACT_WORKERS", d.extract_workers),
            cache_enabled=_switch(env, "ASNWH_EXTRACT_CACHE", True),
            cache_dir=Path(env.get("ASNWH_CACHE_DIR") or d.cache_dir),
            ocr_workers=positive("ASNWH_OCR_WORKERS", d.ocr_workers),
            ocr_lang=env.get("ASNWH_OCR_LANG") or d.ocr_lang,
            pdf=PdfLimits(
                max_bytes=positive("ASNWH_PDF_MAX_BYTES", d.pdf.max_bytes),
                max_pages=positive("ASNWH_PDF_MAX_PAGES", d.pdf.max_pages),
                max_stream=positive("ASNWH_PDF_MAX_STREAM", d.pdf.max_stream),
                max_inflated=positive("ASNWH_PDF_MAX_INFLATED", d.pdf.max_inflated),
                max_page_chars=positive("ASNWH_PDF_MAX_PAGE_CHARS", d.pdf.max_page_chars),
                max_page_objects=positive("ASNWH_PDF_MAX_PAGE_OBJECTS", d.pdf.max_page_objects),
            ),
            sandbox=SandboxLimits(
                timeout_s=seconds("ASNWH_EXTRACT_TIMEOUT_S", d.sandbox.timeout_s),
                memory_mb=positive("ASNWH_EXTRACT_MEMORY_MB", d.sandbox.memory_mb),
                ocr_page_timeout_s=seconds("ASNWH_OCR_PAGE_TIMEOUT_S", d.sandbox.ocr_page_timeout_s),
            ),
        )


def _number(env: Mapping[str, str], name: str, default: float, kind: type[int] | type[float]) -> float:
    value = (env.get(name) or "").strip()
    if not value:
        return default
    try:
        number = kind(value)
    except ValueError:
        number = 0
    if number <= 0:
        whole = "whole " if kind is int else ""
        raise ConfigError(f"{name}={value!r}: expected a positive {whole}number")
    return number


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = (env.get(name) or "").strip().lower()
    if not value:
        return default
    if value not in _SWITCH:
        raise ConfigError(f"{name}={value!r}: expected 1/0, true/false, yes/no or on/off")
    return _SWITCH[value]


def resolve(config: ExtractionConfig | None) -> ExtractionConfig:
    """`config`, or for a caller outside the pipeline that passed none (the extract CLI, the benchmark,
    a test) the one Settings builds from the process environment."""
    if config is not None:
        return config
    from pipelines.settings import extraction_config

    return extraction_config()
