"""Load a PDF into the document model with pdfplumber: text lines, ruled tables and borderless tables.

Ruled tables come from pdfplumber's line-based table finder, run only on pages that have drawn
lines or rectangles (it is the slow part, and pages without edges cannot hold a ruled table).
Borderless tables are found from the words themselves: runs of lines split into several
whitespace-separated segments that line up in columns. Pages are read in parallel processes for
long documents, and whole results are cached by the file's sha256 (see cache.py).
"""

from __future__ import annotations

import os
import statistics
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber

from extractors.documents import cache
from extractors.documents.model import Document, Page, Row, Table, TextLine
from extractors.errors import UnreadableFileError

# Below this many pages the cost of starting worker processes outweighs the parallel gain.
PARALLEL_MIN_PAGES = 8
_LINE_TOL = 3.0


def _check_readable(path: Path) -> None:
    head = path.read_bytes()[:1024]
    if b"%PDF" not in head:
        raise UnreadableFileError(path, "not a PDF (no %PDF header)", "not_a_pdf")


def _open(path: Path) -> pdfplumber.PDF:
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree to be parsed
        return pdf
    except Exception as exc:  # pdfminer raises many unrelated types for one cause: a file it cannot parse
        name = type(exc).__name__
        text = f"{name} {exc}".lower()
        if "password" in text or "encrypt" in text:
            raise UnreadableFileError(path, "encrypted PDF (password required)", "encrypted") from exc
        raise UnreadableFileError(path, f"corrupt PDF ({name}: {exc})"[:300], "corrupt") from exc


def _words_to_lines(words: list[dict]) -> list[list[dict]]:
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    lines: list[list[dict]] = []
    for w in words:
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= _LINE_TOL:
            lines[-1].append(w)
        else:
            lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _segments(line: list[dict], gap: float) -> list[dict]:
    """Split a line into whitespace-separated segments (candidate cells)."""
    segs: list[dict] = []
    for w in line:
        if segs and w["x0"] - segs[-1]["x1"] <= gap:
            segs[-1]["text"] += " " + w["text"]
            segs[-1]["x1"] = w["x1"]
        else:
            segs.append({"text": w["text"], "x0": w["x0"], "x1": w["x1"], "top": w["top"],
                         "bottom": w["bottom"]})
    return segs


def _inside(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1


def _borderless(lines: list[list[dict]], page_no: int, gap: float) -> list[tuple[float, object]]:
    """Text lines and whitespace tables of the words outside ruled tables, with their y position."""
    items: list[tuple[float, object]] = []
    segs = [_segments(line, gap) for line in lines]
    i = 0
    while i < len(lines):
        if len(segs[i]) < 2:
            items.append((lines[i][0]["top"], TextLine(" ".join(w["text"] for w in lines[i]), page=page_no)))
            i += 1
            continue
        # A run of multi-segment lines; single-segment lines inside it are rows with one filled cell.
        j = i + 1
        while j < len(lines):
            if len(segs[j]) >= 2:
                j += 1
                continue
            k = j
            while k < len(lines) and len(segs[k]) < 2 and k - j < 3:
                k += 1
            if k < len(lines) and len(segs[k]) >= 2 and lines[k][0]["top"] - lines[j - 1][0]["top"] < 60:
                j = k
                continue
            break
        run = list(range(i, j))
        if len(run) < 2:
            items.append((lines[i][0]["top"], TextLine(" ".join(s["text"] for s in segs[i]), page=page_no)))
            i += 1
            continue
        items.append((lines[i][0]["top"], _grid_from_run([segs[r] for r in run], page_no)))
        i = j
    return items


def _grid_from_run(run: list[list[dict]], page_no: int) -> Table:
    # Column starts: left edges that recur in the run, merged when closer than a few points.
    starts = sorted(s["x0"] for line in run for s in line)
    cols: list[list[float]] = []
    for x in starts:
        if cols and x - cols[-1][-1] <= 6:
            cols[-1].append(x)
        else:
            cols.append([x])
    edges = [min(c) for c in cols]
    # A wrapped cell continues one line-height below; rows are further apart (cell padding).
    heights = [s["bottom"] - s["top"] for line in run for s in line]
    leading = (statistics.median(heights) if heights else 8.0) * 1.35 / 1.25
    rows: list[list[str]] = []
    prev_top: float | None = None
    for line in run:
        top = line[0]["top"]
        cells = [""] * len(edges)
        for s in line:
            idx = max(k for k, e in enumerate(edges) if e <= s["x0"] + 6)
            cells[idx] = (cells[idx] + " " + s["text"]).strip()
        # Wrapped cell text sits one leading below; a new row starts after extra padding.
        if rows and prev_top is not None and top - prev_top <= leading * 1.25:
            rows[-1] = [(a + " " + b).strip() if b else a for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
        prev_top = top
    return Table(rows=[Row(cells=r, page=page_no) for r in rows], page=page_no, ruled=False)


def read_page(page: pdfplumber.page.Page, page_no: int) -> Page:
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False)
    items: list[tuple[float, object]] = []
    boxes: list[tuple[float, float, float, float]] = []
    # Only pages with drawn edges can hold a ruled table; finding tables is the expensive step.
    if page.rects or page.lines:
        for found in page.find_tables():
            data = found.extract()
            rows = [Row(cells=[" ".join((c or "").split()) for c in r], page=page_no) for r in data]
            rows = [r for r in rows if any(r.cells)]
            if not rows:
                continue
            boxes.append(found.bbox)
            items.append((found.bbox[1], Table(rows=rows, page=page_no, ruled=True)))
    rest = [w for w in words if not any(_inside(w, b) for b in boxes)]
    sizes = [(w["x1"] - w["x0"]) / max(len(w["text"]), 1) for w in rest]
    char_w = statistics.median(sizes) if sizes else 4.0
    items.extend(_borderless(_words_to_lines(rest), page_no, gap=max(2.5 * char_w, 7.0)))
    items.sort(key=lambda t: t[0])
    return Page(number=page_no, items=[it for _, it in items])


def _read_pages(path: str, numbers: list[int]) -> list[Page]:
    with pdfplumber.open(path) as pdf:
        return [read_page(pdf.pages[n - 1], n) for n in numbers]


def _workers() -> int:
    env = os.environ.get("ASNWH_EXTRACT_WORKERS")
    if env and env.isdigit():
        return max(1, int(env))
    return max(1, min(os.cpu_count() or 1, 8))


def load_pdf(path: str | Path, use_cache: bool = True) -> Document:
    path = Path(path)
    _check_readable(path)
    key = cache.file_key(path) if use_cache else None
    if key:
        hit = cache.get(key)
        if hit is not None:
            hit.source = path.name
            return hit
    pdf = _open(path)
    try:
        n = len(pdf.pages)
        if n == 0:
            raise UnreadableFileError(path, "PDF has no pages", "empty")
        workers = _workers()
        if n < PARALLEL_MIN_PAGES or workers == 1:
            pages = [read_page(p, i + 1) for i, p in enumerate(pdf.pages)]
        else:
            chunks = [list(range(i + 1, n + 1, workers)) for i in range(workers)]
            pages = []
            with ProcessPoolExecutor(max_workers=workers) as pool:
                for part in pool.map(_read_pages, [str(path)] * len(chunks), chunks):
                    pages.extend(part)
            pages.sort(key=lambda p: p.number)
        has_text = any(p.items for p in pages)
        if not has_text:
            images = sum(len(p.images) for p in pdf.pages)
            if images:
                raise UnreadableFileError(path, "image-only PDF (no text layer; needs OCR)", "image_only")
            raise UnreadableFileError(path, "PDF has no text", "no_text")
    finally:
        pdf.close()
    document = Document(source=path.name, kind="pdf", pages=pages)
    if key:
        cache.put(key, document)
    return document
