"""Render the corpus text renderings back into real PDFs, so the PDF path is tested on real content.

The texts are read at run time from ../shared/corpus (never copied into the repository). Tab-separated
runs become tables (ruled like Word exports, or borderless, laid out by whitespace); every other line
becomes a paragraph. Column widths follow the longest word of each column so numbers do not overflow.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from extractors.documents.text_loader import clean_text
from samples.pdf_writer import Grid, Para, PdfDocument, write_pdf

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# Landscape A4 less the writer's 1.5 cm margins, in points.
AVAILABLE_WIDTH = 841.89 - 2 * 42.52
CHAR_W = 4.3  # Helvetica 7.5 pt, an average character
FONT, FONT_SIZE = "Helvetica", 7.5  # the writer's table cells
PADDING = 13.0  # reportlab cells pad 6 pt on each side


def corpus_texts() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


def _width(text: str) -> float:
    # The cell font's real metrics: capitals are wider than CHAR_W, and a column narrower than its
    # longest word makes the writer break that word mid-letters, which no converter does.
    return stringWidth(text, FONT, FONT_SIZE)


def _col_widths(rows: list[list[str]]) -> list[float]:
    ncols = max(len(r) for r in rows)
    longest_word = [CHAR_W] * ncols
    natural = [CHAR_W] * ncols
    for r in rows:
        for c, cell in enumerate(r):
            words = cell.split()
            if words:
                longest_word[c] = max(longest_word[c], max(_width(w) for w in words))
                natural[c] = max(natural[c], _width(cell[:45]))
    minimum = [w + PADDING for w in longest_word]
    wanted = [max(n + PADDING, m) for n, m in zip(natural, minimum, strict=True)]
    if sum(wanted) <= AVAILABLE_WIDTH:
        scale = AVAILABLE_WIDTH / sum(wanted)
        return [w * scale for w in wanted]
    if sum(minimum) <= AVAILABLE_WIDTH:
        spare = AVAILABLE_WIDTH - sum(minimum)
        extra = [w - m for w, m in zip(wanted, minimum, strict=True)]
        total_extra = sum(extra) or 1.0
        return [m + spare * e / total_extra for m, e in zip(minimum, extra, strict=True)]
    # Too wide for the page even at word width: shrink evenly (the widest tables overflow a little).
    scale = (AVAILABLE_WIDTH - PADDING * len(minimum)) / (sum(minimum) - PADDING * len(minimum))
    return [PADDING + (m - PADDING) * scale for m in minimum]


def blocks_from_text(text: str, ruled: bool) -> list:
    blocks: list = []
    table: list[list[str]] = []

    def flush() -> None:
        if table:
            width = max(len(r) for r in table)
            rows = [r + [""] * (width - len(r)) for r in table]
            # Columns empty from top to bottom are conversion debris; dropping them lets wide
            # tables fit the page without breaking numbers inside their cells.
            keep = [c for c in range(width) if any(r[c] for r in rows)]
            rows = [[r[c] for c in keep] for r in rows]
            blocks.append(Grid(rows=rows, ruled=ruled, header_rows=0, col_widths=_col_widths(rows)))
            table.clear()

    for raw in text.splitlines():
        if "\t" in raw:
            cells = [clean_text(c) for c in raw.split("\t")]
            if any(cells):
                table.append(cells)
                continue
        flush()
        line = clean_text(raw)
        if line:
            blocks.append(Para(line))
    flush()
    return blocks


def render_corpus_pdf(text_path: Path, out_dir: Path, ruled: bool) -> Path:
    """Write `<stem>.pdf` (ruled tables) or `<stem>_borderless.pdf` into `out_dir`."""
    name = text_path.stem + ("" if ruled else "_borderless") + ".pdf"
    blocks = blocks_from_text(text_path.read_text(encoding="utf-8"), ruled)
    return write_pdf(out_dir / name, PdfDocument(blocks=blocks, title=text_path.stem, landscape=True))


# --- rendered once per test session (per xdist worker), shared by every test module ---------------

_SESSION_DIR: Path | None = None


def session_dir() -> Path:
    import atexit
    import shutil
    import tempfile

    global _SESSION_DIR
    if _SESSION_DIR is None:
        _SESSION_DIR = Path(tempfile.mkdtemp(prefix="asnwh-corpus-pdf-"))
        atexit.register(shutil.rmtree, _SESSION_DIR, True)
    return _SESSION_DIR


@functools.cache
def rendered(stem: str, ruled: bool) -> Path:
    """The corpus document `stem` rendered as a PDF (once per session)."""
    return render_corpus_pdf(CORPUS / f"{stem}.txt", session_dir() / "pdf", ruled)


@functools.cache
def extracted(stem: str, variant: str):
    """ExtractionResult of the corpus document: variant 'txt', 'ruled' or 'borderless' (cached)."""
    import os

    from extractors.documents import extract_document

    if variant == "txt":
        return extract_document(CORPUS / f"{stem}.txt")
    path = rendered(stem, ruled=variant == "ruled")
    # A private cache directory: tests never read or write the user's extraction cache.
    os.environ.setdefault("ASNWH_CACHE_DIR", str(session_dir() / "cache"))
    return extract_document(path)


def render_all(out_dir: Path) -> list[Path]:
    """Every corpus text as `<stem>.pdf` (ruled) and `<stem>_borderless.pdf`, for the scorer's --pdf-dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [render_corpus_pdf(t, out_dir, ruled) for t in corpus_texts() for ruled in (True, False)]


if __name__ == "__main__":  # python -m tests.corpus_pdf /tmp/i12pdf_pdfs
    import argparse

    # argparse, so `--help` prints the usage instead of rendering into a folder named "--help".
    parser = argparse.ArgumentParser(prog="python -m tests.corpus_pdf", description=render_all.__doc__)
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, nargs="?", default=Path("/tmp/i12pdf_pdfs"))
    for written in render_all(parser.parse_args().out_dir):
        print(written)
