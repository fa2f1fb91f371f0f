"""Load a PDF into the document model with pdfplumber: text lines, ruled tables and borderless tables.

Ruled tables come from pdfplumber's line-based table finder, run only on pages that have drawn
lines or rectangles (it is the slow part, and pages without edges cannot hold a ruled table).
Borderless tables are found from the words themselves: runs of lines split into several
whitespace-separated segments that line up in columns. Pages are read in parallel processes for
long documents, and whole results are cached by the file's sha256 (see cache.py).
"""

from __future__ import annotations

import bisect
import os
import re
import statistics
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pdfplumber
from pdfminer.pdfpage import PDFPage

from extractors.documents import cache
from extractors.documents.model import Document, Page, Row, Table, TextLine
from extractors.documents.pdf_layout import (
    PageLayout,
    iter_layouts,
    open_document,
    pdfium_layouts,
    ruled_tables,
)
from extractors.errors import UnreadableFileError
from extractors.numbers import parse_number

# Below this many pages the cost of starting worker processes outweighs the parallel gain.
PARALLEL_MIN_PAGES = 24
_LINE_TOL = 3.0


def _check_readable(path: Path) -> None:
    head = path.read_bytes()[:1024]
    if b"%PDF" not in head:
        raise UnreadableFileError(path, "not a PDF (no %PDF header)", "not_a_pdf")


def _page_count(path: Path, engine: str) -> int:
    """Parse the document structure once (page tree, encryption) and count pages."""
    try:
        if engine == "pdfium":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(str(path))
            try:
                return len(pdf)
            finally:
                pdf.close()
        with path.open("rb") as fh:
            doc = open_document(fh)
            return sum(1 for _ in PDFPage.create_pages(doc))
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
            while k < len(lines) and len(segs[k]) < 2 and k - j < 3 and _bridgeable(lines, segs, j, k):
                k += 1
            if k > j and k < len(lines) and len(segs[k]) >= 2 and lines[k][0]["top"] - lines[j - 1][0]["top"] < 60:
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


_CAPTION = re.compile(r"^\s*(tabel|table|grafik|gambar|sumber|source)\b", re.I)


def _bridgeable(lines: list[list[dict]], segs: list[list[dict]], start: int, k: int) -> bool:
    """May the one-segment line `k` sit inside the table run that ended at `start - 1`?

    A row with a single filled cell is short, sits at the table's row pitch and is no caption; a
    caption or paragraph between two tables keeps them apart."""
    text = segs[k][0]["text"]
    if _CAPTION.match(text) or len(text) > 80:
        return False
    tops = [lines[r][0]["top"] for r in range(max(0, start - 4), start)]
    pitches = [b - a for a, b in zip(tops, tops[1:], strict=False) if b > a]
    pitch = max(pitches) if pitches else 20.0
    return lines[k][0]["top"] - lines[k - 1][0]["top"] <= pitch * 1.6


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
    leading = statistics.median(heights) if heights else 8.0
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
    return Table(rows=[Row(cells=r, page=page_no) for r in rows], page=page_no, ruled=False, edges=edges)


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


def _span_starts(xs: list[float], ys: list[float], vrules: list[tuple[float, float, float]]) -> list[list[int]]:
    """For every row and column, the first column of the merged cell it belongs to: where no
    vertical rule crosses a row at a column edge, the two cells are one (a spanning header)."""
    starts = []
    for r in range(len(ys) - 1):
        mid = (ys[r] + ys[r + 1]) / 2
        row = [0] * (len(xs) - 1)
        for c in range(1, len(xs) - 1):
            ruled = any(abs(x - xs[c]) <= 1.5 and top - 1 <= mid <= bottom + 1 for top, bottom, x in vrules)
            row[c] = c if ruled else row[c - 1]
        starts.append(row)
    return starts


def _cells_from_lattice(words: list[dict], xs: list[float], ys: list[float], page_no: int,
                        vrules: list[tuple[float, float, float]] | None = None) -> list[Row]:
    grid: list[list[list[dict]]] = [[[] for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)]
    starts = _span_starts(xs, ys, vrules) if vrules else None
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        r = bisect.bisect_right(ys, cy) - 1
        c = bisect.bisect_right(xs, cx) - 1
        if 0 <= r < len(ys) - 1 and 0 <= c < len(xs) - 1:
            # Text of a merged cell belongs to its first column, as converters print it.
            grid[r][starts[r][c] if starts else c].append(w)
    rows = []
    for cells in grid:
        texts = []
        for cell in cells:
            cell.sort(key=lambda w: (round(w["top"]), w["x0"]))
            texts.append(_join_cell_lines(cell))
        if any(texts):
            rows.append(Row(cells=texts, page=page_no))
    return rows


_NUM_HEAD = re.compile(r"^\d{1,3}(?:[.,]\d{3})*[.,]?\d{0,2}$|^\d+[.,]\d?$")
_NUM_TAIL = re.compile(r"^\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{1,2})?%?$")


def _join_cell_lines(words: list[dict]) -> str:
    """Cell text in reading order; a number broken over two lines of a narrow cell is joined back
    (`9.575.08` / `4.825` → `9.575.084.825`), since a grouped number never contains a space."""
    out = ""
    prev_top = None
    for w in words:
        if not out:
            out = w["text"]
        elif prev_top is not None and abs(w["top"] - prev_top) > 2 and _NUM_HEAD.match(out.split(" ")[-1]) \
                and _NUM_TAIL.match(w["text"]) and parse_number(out.split(" ")[-1] + w["text"]) is not None:
            out += w["text"]
        else:
            out += " " + w["text"]
        prev_top = w["top"]
    return out


def read_layout(layout: PageLayout) -> Page:
    """Document-model page from a pdfminer layout: ruled tables from the rules, the rest from words."""
    page_no = layout.number
    items: list[tuple[float, object]] = []
    words = layout.words
    rest = words
    for bbox, xs, ys, vrules in ruled_tables(layout):
        inside = [w for w in rest if _inside(w, bbox)]
        if not inside:
            continue
        rows = _cells_from_lattice(inside, xs, ys, page_no, vrules)
        if not rows:
            continue
        items.append((bbox[1], Table(rows=rows, page=page_no, ruled=True)))
        ids = {id(w) for w in inside}
        rest = [w for w in rest if id(w) not in ids]
    sizes = [(w["x1"] - w["x0"]) / max(len(w["text"]), 1) for w in rest]
    char_w = statistics.median(sizes) if sizes else 4.0
    items.extend(_borderless(_words_to_lines(rest), page_no, gap=max(2.5 * char_w, 7.0)))
    items.sort(key=lambda t: t[0])
    return Page(number=page_no, items=[it for _, it in items])


def _read_pages(path: str, numbers: list[int], engine: str = "pdfminer") -> tuple[list[Page], int]:
    """Read some pages of a PDF (one worker's share); also count images for the image-only check."""
    if engine == "pdfplumber":
        with pdfplumber.open(path) as pdf:
            pages = [read_page(pdf.pages[n - 1], n) for n in numbers]
            images = sum(len(pdf.pages[n - 1].images) for n in numbers if not pages[numbers.index(n)].items)
            return pages, images
    pages, images = [], 0
    if engine == "pdfminer":
        with open(path, "rb") as fh:
            layouts = list(iter_layouts(open_document(fh), set(numbers)))
    else:
        layouts = list(pdfium_layouts(path, numbers))
    for layout in layouts:
        images += layout.images
        pages.append(read_layout(layout))
    return pages, images


def _workers() -> int:
    env = os.environ.get("ASNWH_EXTRACT_WORKERS")
    if env and env.isdigit():
        return max(1, int(env))
    return max(1, min(os.cpu_count() or 1, 8))


def _edge_mapping(edges: list[float], onto: list[float], tolerance: float = 8.0) -> list[int] | None:
    """Column j of a continued borderless table → the column of the table it continues, by the
    left edges (the same layout puts columns at the same x on every page); None if they differ."""
    mapping = []
    for e in edges:
        k = min(range(len(onto)), key=lambda i: abs(onto[i] - e))
        if abs(onto[k] - e) > tolerance:
            return None
        mapping.append(k)
    return mapping


def _join_continued_tables(pages: list[Page]) -> None:
    """A table broken by a page break continues on the next page without its header: when a page
    ends with a table and the next begins with one of the same width, the rows join the first
    (each row keeps its own page number)."""
    last = None
    for page in pages:
        if page.items and isinstance(last, Table) and isinstance(page.items[0], Table):
            first = page.items[0]
            if last.ruled and first.ruled and last.width == first.width:
                last.rows.extend(first.rows)
                page.items.pop(0)
            elif not last.ruled and not first.ruled and last.edges and first.edges:
                mapping = _edge_mapping(first.edges, last.edges)
                if mapping is not None:
                    for row in first.rows:
                        cells = [""] * len(last.edges)
                        for j, text in enumerate(row.cells):
                            k = mapping[j]
                            cells[k] = (cells[k] + " " + text).strip()
                        last.rows.append(Row(cells=cells, page=row.page))
                    page.items.pop(0)
        if page.items:
            last = page.items[-1]


def _read_parallel(path: str, n: int, workers: int, engine: str) -> tuple[list[Page], int]:
    # Interleaved shares balance dense and light pages across workers.
    chunks = [list(range(i + 1, n + 1, workers)) for i in range(workers)]
    pages: list[Page] = []
    images = 0
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for part, imgs in pool.map(_read_pages, [path] * workers, chunks, [engine] * workers):
                pages.extend(part)
                images += imgs
    except (AssertionError, BrokenProcessPool, OSError, PermissionError):
        # Inside a daemonic worker (some schedulers) or where processes cannot start: read in-process.
        return _read_pages(path, list(range(1, n + 1)), engine)
    pages.sort(key=lambda p: p.number)
    return pages, images


def _engine() -> str:
    # pdfium (default, shipped with pdfplumber) reads characters and rules in C; "pdfminer" drives
    # pdfplumber's parser directly; "pdfplumber" is the reference path the benchmark compares to.
    return os.environ.get("ASNWH_PDF_ENGINE", "pdfium")


def load_pdf(path: str | Path, use_cache: bool = True) -> Document:
    path = Path(path)
    _check_readable(path)
    engine = _engine()
    key = cache.file_key(path, engine) if use_cache else None
    if key:
        hit = cache.get(key)
        if hit is not None:
            hit.source = path.name
            return hit
    n = _page_count(path, engine)
    if n == 0:
        raise UnreadableFileError(path, "PDF has no pages", "empty")
    workers = min(_workers(), max(1, n // 4))
    try:
        if n < PARALLEL_MIN_PAGES or workers == 1:
            pages, images = _read_pages(str(path), list(range(1, n + 1)), engine)
        else:
            pages, images = _read_parallel(str(path), n, workers, engine)
    except UnreadableFileError:
        raise
    except Exception as exc:  # a page the parser chokes on makes the file unreadable, with the cause
        raise UnreadableFileError(path, f"corrupt PDF ({type(exc).__name__}: {exc})"[:300], "corrupt") from exc
    if images:  # pages without a text layer, and pictures of tables, are read by OCR
        from extractors.documents.ocr import ocr_pages

        pages = ocr_pages(path, pages)
    if not any(p.items for p in pages):
        if images:
            raise UnreadableFileError(path, "image-only PDF (no text layer; needs OCR)", "image_only")
        raise UnreadableFileError(path, "PDF has no text", "no_text")
    _join_continued_tables(pages)
    document = Document(source=path.name, kind="pdf", pages=pages)
    if key:
        cache.put(key, document)
    return document
