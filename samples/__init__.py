"""Bundled sample inputs made by the project itself: report-like PDFs and SIMPEG exports."""

from __future__ import annotations

from pathlib import Path


def write_samples(out_dir: Path, scale: str = "demo") -> list[Path]:
    """Write the sample documents and SIMPEG exports into `out_dir` (the inbox, typically)."""
    from samples.documents import write_sample_documents
    from samples.simpeg import write_simpeg_samples

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = list(write_sample_documents(out_dir / "documents"))
    written += list(write_simpeg_samples(out_dir / "simpeg", scale=scale))
    return written
