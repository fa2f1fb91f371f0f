"""Load a PDF into the document model: text lines, ruled tables and borderless tables.

The aim is the rows and cells a text rendering of the same document gives, whatever the converter
drew. Ruled tables come from the lattice of drawn rules (pdf_layout): filled cell shading is not a
rule, spans put text in the merged cell's first column and row, rows stacked in one unruled cell
are split again by their lines of numbers, a number wrapped in a narrow cell stays one number.
Borderless tables are found from the words themselves: runs of lines split into several
whitespace-separated pieces that line up in columns; wrapped cell text joins its row, while
bulleted lists, justified prose and the paragraph after a table stay text. A table broken by a
page break continues on the next page (the repeated header dropped). Rotated pages are read turned.
Before any of it, pdf_limits bounds the work one file may cause. Pages are read in parallel
processes for long documents, and whole results are cached by the file's sha256 (see cache.py).
"""

from __future__ import annotations

import bisect
import re
import statistics
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pdfplumber
from pdfminer.pdfpage import PDFPage

from extractors.config import ExtractionConfig, PdfLimits, resolve
from extractors.documents import cache, pdf_limits
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
# A row's cell may wrap over this many lines that hold nothing else (a long indicator name beside
# one-line numbers) and the table still goes on below them.
_MAX_BRIDGE = 6
_SLIVER = 8.0  # a lattice column narrower than this holds no text of its own: a doubled rule's gap


def _check_readable(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(1024)
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
            if len(segs[j]) >= 2 and not _paragraph_break(lines, segs, i, j):
                j += 1
                continue
            if len(segs[j]) >= 2:
                break
            k = j
            while k < len(lines) and len(segs[k]) < 2 and (k - j < _MAX_BRIDGE or _wrapped_on(lines, segs, i, j, k)) \
                    and _bridgeable(lines, segs, i, j, k):
                k += 1
            near = k < len(lines) and lines[k][0]["top"] - lines[j - 1][0]["top"] < 15 * max(_MAX_BRIDGE, k - j + 1)
            if k > j and near and len(segs[k]) >= 2:
                j = k
                continue
            break
        j = _absorb_wrapped_tail(lines, segs, i, j)
        run = list(range(i, j))
        if len(run) < 2:
            if i in (0, len(lines) - 1):
                # Maybe one row of a table broken by the page break (the header at the foot of a
                # page, the rows on the next): a one-row table until the pages are joined.
                items.append((lines[i][0]["top"], _grid_from_run([segs[i]], page_no)))
            else:
                items.append((lines[i][0]["top"], TextLine(" ".join(s["text"] for s in segs[i]), page=page_no)))
            i += 1
            continue
        if all(_BULLET.match(segs[r][0]["text"]) for r in run) or not _aligned([segs[r] for r in run]):
            # A list of counts ("- Golongan III = 36 orang"): its lines are sentences, not table rows.
            items.extend((lines[r][0]["top"], TextLine(" ".join(w["text"] for w in lines[r]), page=page_no))
                         for r in run)
        else:
            items.append((lines[i][0]["top"], _grid_from_run([segs[r] for r in run], page_no)))
        i = j
    return items


_BULLET = re.compile(r"^(?:[-\u2013\u2022\u25aa\u25cf\u27a2\uf0b7\uf0d8\uf0a7*»]|o\s)\s*[A-Za-z]")
_ORDINAL = re.compile(r"^\(?\d{1,3}[.)]?$|^[a-z][.)]$")
_CAPTION = re.compile(r"^\s*(tabel|table|grafik|gambar|sumber|source)\b", re.I)


def _bridgeable(lines: list[list[dict]], segs: list[list[dict]], first: int, start: int, k: int) -> bool:
    """May the one-segment line `k` sit inside the table run `first`..`start - 1`?

    A row with a single filled cell is short, sits at the table's row pitch (measured inside the
    run: the space above the table is no row pitch) and is no caption; a caption or paragraph
    between two tables keeps them apart."""
    text = segs[k][0]["text"]
    if _CAPTION.match(text) or len(text) > 80:
        return False
    tops = [lines[r][0]["top"] for r in range(max(first, start - 4), start)]
    pitches = [b - a for a, b in zip(tops, tops[1:], strict=False) if b > a]
    pitch = max(pitches) if pitches else 20.0
    return lines[k][0]["top"] - lines[k - 1][0]["top"] <= pitch * 1.6


def _wrapped_on(lines: list[list[dict]], segs: list[list[dict]], first: int, start: int, k: int) -> bool:
    """Is the one-segment line `k` one more line of a cell wrapping down a narrow column: one leading
    below the line above and starting at one of the run's columns? Such a cell can wrap over any
    number of lines (a long indicator name in a column a few words wide)."""
    leading = statistics.median(s["bottom"] - s["top"] for r in range(first, start) for s in segs[r])
    if lines[k][0]["top"] - lines[k - 1][0]["top"] > leading * 1.35:
        return False
    edges = _column_edges([segs[r] for r in range(first, start)])
    return any(abs(segs[k][0]["x0"] - e) <= 6 for e in edges)


def _column_edges(run: list[list[dict]]) -> list[float]:
    """Column starts: left edges that recur in the run, merged when closer than a few points."""
    starts = sorted(s["x0"] for line in run for s in line)
    cols: list[list[float]] = []
    for x in starts:
        if cols and x - cols[-1][-1] <= 6:
            cols[-1].append(x)
        else:
            cols.append([x])
    return [min(c) for c in cols]


def _paragraph_break(lines: list[list[dict]], segs: list[list[dict]], i: int, j: int) -> bool:
    """Does line `j` end the run `i`..`j-1`: much more space above it than between the run's rows,
    and its pieces not starting at the run's columns (a justified paragraph after the table, or
    text beside a chart)?"""
    if j - i < 2:
        return False
    tops = [lines[r][0]["top"] for r in range(max(i, j - 6), j)]  # the rows just above
    pitches = [b - a for a, b in zip(tops, tops[1:], strict=False)]
    # Only after rows at one even pitch: lines of wrapped cells sit closer than rows do, and the
    # next row after them would look like a paragraph break.
    if min(pitches) <= 0 or max(pitches) > 1.25 * min(pitches):
        return False
    if lines[j][0]["top"] - tops[-1] <= 1.8 * max(pitches):
        return False
    edges = _column_edges([segs[r] for r in range(i, j)])
    at_edge = sum(1 for seg in segs[j] if any(abs(seg["x0"] - e) <= 6 for e in edges))
    return at_edge * 2 < len(segs[j])


def _aligned(run: list[list[dict]]) -> bool:
    """Do the run's pieces line up in columns? Justified prose also has wide gaps between words,
    but where they fall differs from line to line: most pieces then start where no other line
    has one, and the lines are sentences, not rows."""
    every = sorted((s["x0"], k) for k, line in enumerate(run) for s in line)
    xs = [x for x, _ in every]
    starts = [(s["x0"], k) for k, line in enumerate(run) for s in line[1:]]
    if not starts:
        return True
    lonely = 0
    for x, k in starts:
        lo, hi = bisect.bisect_left(xs, x - 6), bisect.bisect_right(xs, x + 6)
        if not any(every[n][1] != k for n in range(lo, hi)):
            lonely += 1
    return lonely <= len(starts) / 2


def _absorb_wrapped_tail(lines: list[list[dict]], segs: list[list[dict]], i: int, j: int) -> int:
    """The end of a table run that started at line `i` and stopped before `j`: the last row's
    wrapped cell text (one leading below, each piece starting at a column and ending before the
    next) belongs to the table, not to the paragraph after it."""
    if j - i < 2:
        return j
    edges = _column_edges([segs[r] for r in range(i, j)])
    heights = [s["bottom"] - s["top"] for r in range(i, j) for s in segs[r]]
    leading = statistics.median(heights) if heights else 8.0
    while j < len(lines) and lines[j][0]["top"] - lines[j - 1][0]["top"] <= leading * 1.35:
        fits = True
        for seg in segs[j]:
            k = next((k for k, e in enumerate(edges) if abs(e - seg["x0"]) <= 6), None)
            if k is None or (k + 1 < len(edges) and seg["x1"] > edges[k + 1] - 2):
                fits = False
                break
        if not fits:
            break
        j += 1
    return j


def _starts_row(row: list[str], cells: list[str]) -> bool:
    """Single-spaced tables put rows one leading apart, like a wrapped cell's lines: a line is a row
    of its own when it carries the next row number (`2.` under `1.`). Numbers alone decide nothing:
    narrow cells wrap them (`837,500,0` / `00`, `201` / `4`) exactly one leading below."""
    above, here = _ORDINAL.match(row[0]), _ORDINAL.match(cells[0])
    if not (above and here):
        return False
    digits_above, digits_here = re.sub(r"\D", "", row[0]), re.sub(r"\D", "", cells[0])
    return bool(digits_above and digits_here) and int(digits_here) == int(digits_above) + 1


def _grid_from_run(run: list[list[dict]], page_no: int) -> Table:
    edges = _column_edges(run)
    # A wrapped cell continues one line-height below; rows are further apart (cell padding).
    heights = [s["bottom"] - s["top"] for line in run for s in line]
    leading = statistics.median(heights) if heights else 8.0
    place = [[max(k for k, e in enumerate(edges) if e <= s["x0"] + 6) for s in line] for line in run]
    # Where each column's text may reach: the next column's start, the widest text for the last one.
    right = [edges[k + 1] for k in range(len(edges) - 1)]
    right.append(max(s["x1"] for line, ks in zip(run, place, strict=True) for s, k in zip(line, ks, strict=True)
                     if k == len(edges) - 1) if any(len(edges) - 1 in ks for ks in place) else 0.0)
    widths = [(s["x1"] - s["x0"]) / max(len(s["text"]), 1) for line in run for s in line]
    char_w = statistics.median(widths) if widths else 4.0
    rows: list[list[str]] = []
    row_words: list[list[dict]] = []
    ends: list[float] = []  # x1 of the last text placed in each cell of the current row
    prev_top: float | None = None
    for line, ks in zip(run, place, strict=True):
        top = line[0]["top"]
        cells = [""] * len(edges)
        line_ends = [0.0] * len(edges)
        for s, idx in zip(line, ks, strict=True):
            cells[idx] = (cells[idx] + " " + s["text"]).strip()
            line_ends[idx] = s["x1"]
        # Wrapped cell text sits one leading below; a new row starts after extra padding, or where
        # the line brings a number into a cell the row already filled, or a new row number.
        if rows and prev_top is not None and top - prev_top <= leading * 1.25 and not _starts_row(rows[-1], cells):
            for k, b in enumerate(cells):
                if not b:
                    continue
                a = rows[-1][k]
                # A number too wide for its column wraps mid-digits ("60,8" / "3"): the piece below
                # would not have fitted after the one above, so the two are one number.
                width_b = sum(s["x1"] - s["x0"] for s, idx in zip(line, ks, strict=True) if idx == k)
                forced = right[k] - ends[k] < width_b + 3 * char_w + 2
                glue = "" if forced and re.search(r"\d[.,]?$", a) and re.fullmatch(r"[\d.,]+", b) else " "
                rows[-1][k] = (a + glue + b).strip()
                ends[k] = line_ends[k]
            row_words[-1].extend(line)
        else:
            rows.append(cells)
            row_words.append(list(line))
            ends = line_ends
        prev_top = top
    out = [Row(cells=r, page=page_no, confidence=_word_confidence(ws)) for r, ws in zip(rows, row_words, strict=True)]
    return Table(rows=out, page=page_no, ruled=False, edges=edges)


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


def _rules_at(edges: list[float], rules: list[tuple[float, float, float]]) -> list[list[tuple[float, float]]]:
    """The extents (start, end) of the rules lying on each edge (within the snap distance), so a
    span test looks at one edge's rules instead of all the table's."""
    at: list[list[tuple[float, float]]] = [[] for _ in edges]
    for start, end, pos in rules:
        k = bisect.bisect_left(edges, pos - 1.5)
        while k < len(edges) and edges[k] <= pos + 1.5:
            at[k].append((start, end))
            k += 1
    return at


def _span_starts(xs: list[float], ys: list[float], vrules: list[tuple[float, float, float]]) -> list[list[int]]:
    """For every row and column, the first column of the merged cell it belongs to: where no
    vertical rule crosses a row at a column edge, the two cells are one (a spanning header)."""
    at = _rules_at(xs, vrules)
    starts = []
    for r in range(len(ys) - 1):
        mid = (ys[r] + ys[r + 1]) / 2
        row = [0] * (len(xs) - 1)
        for c in range(1, len(xs) - 1):
            ruled = any(top - 1 <= mid <= bottom + 1 for top, bottom in at[c])
            row[c] = c if ruled else row[c - 1]
        starts.append(row)
    return starts


def _row_span_starts(xs: list[float], ys: list[float], hrules: list[tuple[float, float, float]]) -> list[list[int]]:
    """For every row and column, the first row of the merged cell it belongs to: where no horizontal
    rule crosses a column at a row edge, the two cells are one (a header spanning two rows, a
    row label grouping several rows)."""
    at = _rules_at(ys, hrules)
    starts = [[0] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for c in range(len(xs) - 1):
        mid = (xs[c] + xs[c + 1]) / 2
        for r in range(1, len(ys) - 1):
            ruled = any(x0 - 1 <= mid <= x1 + 1 for x0, x1 in at[r])
            starts[r][c] = r if ruled else starts[r - 1][c]
    return starts


_NUMERIC_CELL = re.compile(r"^[-+(]?\d[\d.,]*%?\)?$|^-$")


def _bands(words: list[tuple[int, dict]]) -> list[list[tuple[int, dict]]]:
    """(column, word) pairs → text lines across the row: words whose vertical extents overlap."""
    bands: list[list[tuple[int, dict]]] = []
    bottom = None
    for item in sorted(words, key=lambda cw: (cw[1]["top"] + cw[1]["bottom"]) / 2):
        w = item[1]
        centre = (w["top"] + w["bottom"]) / 2
        if bands and bottom is not None and centre < bottom:
            bands[-1].append(item)
            bottom = max(bottom, w["bottom"])
        else:
            bands.append([item])
            bottom = w["bottom"]
    return bands


def _numeric_columns(band: list[tuple[int, dict]]) -> set[int]:
    texts: dict[int, list[str]] = {}
    for c, w in band:
        texts.setdefault(c, []).append(w["text"])
    return {c for c, t in texts.items() if _NUMERIC_CELL.match("".join(t))}


def _split_stacked(cells: list[list[dict]]) -> list[list[list[dict]]] | None:
    """One lattice cell row that holds several table rows (the converter drew no rules between
    them): the rows again, one per line of numbers, or None when the row is a single row.

    Lines with two or more numbers are rows ("anchors"); other lines (a wrapped label, a row number
    printed higher, a lone number) join the nearest anchor whose numbers they do not collide with,
    since a cell holds one number. Two anchors filling disjoint columns are one row whose cells were
    aligned differently (labels at the bottom, numbers at the top)."""
    # Cheap test first: stacked rows need at least two cells holding words on different lines.
    if sum(1 for ws in cells if len(ws) > 1 and max(w["top"] for w in ws) - min(w["top"] for w in ws) > 2) < 2:
        return None
    words = [(c, w) for c, ws in enumerate(cells) for w in ws]
    bands = _bands(words)
    numeric = [_numeric_columns(b) for b in bands]
    anchors = [i for i, cols in enumerate(numeric) if len(cols) >= 2]
    if len(anchors) < 2:
        return None
    heights = sorted(w["bottom"] - w["top"] for _, w in words)
    line = heights[len(heights) // 2] or 8.0

    def centre(i: int) -> float:
        return statistics.fmean((w["top"] + w["bottom"]) / 2 for _, w in bands[i])

    # Lines of numbers one leading apart are one cell's text wrapped (`201`/`4`, `837,500,0`/`00`
    # in a narrow column), not rows: rows stacked in one cell sit further apart than a leading.
    if any(centre(b) - centre(a) < 1.45 * line for a, b in zip(anchors, anchors[1:], strict=False)):
        return None

    def columns(i: int) -> set[int]:
        return {c for c, _ in bands[i]}

    groups: list[list[int]] = []
    for i in anchors:
        if groups:
            prev = groups[-1]
            used = set().union(*(columns(j) for j in prev))
            if not (used & columns(i)) and centre(i) - centre(prev[-1]) <= 4 * line:
                prev.append(i)
                continue
        groups.append([i])
    taken: list[set[int]] = [set().union(*(numeric[j] for j in g)) for g in groups]
    orphans: list[list[int]] = []
    for i, cols in enumerate(numeric):
        if i in anchors:
            continue
        near = sorted(range(len(groups)), key=lambda g: min(abs(centre(i) - centre(j)) for j in groups[g]))
        for g in near[:2]:
            if not (cols & taken[g]) and min(abs(centre(i) - centre(j)) for j in groups[g]) <= 4 * line:
                groups[g].append(i)
                taken[g] |= cols
                break
        else:
            orphans.append([i])  # its own row: only rows of numbers gather lines around them
    groups.extend(orphans)
    groups.sort(key=lambda g: min(centre(j) for j in g))
    rows = []
    for g in groups:
        row: list[list[dict]] = [[] for _ in cells]
        for j in sorted(g, key=centre):
            for c, w in bands[j]:
                row[c].append(w)
        rows.append(row)
    return rows


def _cells_from_lattice(words: list[dict], xs: list[float], ys: list[float], page_no: int,
                        vrules: list[tuple[float, float, float]] | None = None,
                        hrules: list[tuple[float, float, float]] | None = None) -> list[Row]:
    grid: list[list[list[dict]]] = [[[] for _ in range(len(xs) - 1)] for _ in range(len(ys) - 1)]
    starts = _span_starts(xs, ys, vrules) if vrules else None
    row_starts = _row_span_starts(xs, ys, hrules) if hrules else None
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        r = bisect.bisect_right(ys, cy) - 1
        c = bisect.bisect_right(xs, cx) - 1
        if 0 <= r < len(ys) - 1 and 0 <= c < len(xs) - 1:
            # Text of a merged cell belongs to its first column and first row, as converters print it.
            c = starts[r][c] if starts else c
            r = row_starts[r][c] if row_starts else r
            grid[r][c].append(w)
    expanded: list[list[list[dict]]] = []
    for cells in grid:
        expanded.extend(_split_stacked(cells) or [cells])
    # Narrow columns no row writes into are the gaps of doubled rules: they would shift every cell
    # index. Empty columns of a real width stay, as the text rendering of the table keeps them.
    used = [c for c in range(len(xs) - 1) if xs[c + 1] - xs[c] >= _SLIVER or any(cells[c] for cells in expanded)]
    rows = []
    for cells in expanded:
        texts = [_join_cell_lines(_reading_order(cells[c])) for c in used]
        if any(texts):
            boxes = [w for c in used for w in cells[c]]
            rows.append(Row(cells=texts, page=page_no, confidence=_word_confidence(boxes)))
    return _close_header_gaps(rows)


def _word_confidence(words: list[dict]) -> float | None:
    """OCR words carry Tesseract's `conf` (0-100): a row's is its least sure word's (0-1), per box, so a
    word printed elsewhere on the page cannot lower it. Text-layer words have none."""
    confs = [w["conf"] for w in words if "conf" in w]
    return round(min(confs) / 100, 2) if confs else None


def _close_header_gaps(rows: list[Row]) -> list[Row]:
    """Header rows cut by a stray rule segment: above the first row of numbers, a row that only
    fills cells left empty in the row above continues it (`NO` printed lower than `UNIT KERJA`)."""
    out: list[Row] = []
    for k, row in enumerate(rows):
        if sum(1 for t in row.cells if _NUMERIC_CELL.match(t)) >= 2:
            return out + rows[k:]
        if out and all(not above for above, text in zip(out[-1].cells, row.cells, strict=True) if text):
            merged = [above or text for above, text in zip(out[-1].cells, row.cells, strict=True)]
            confs = [c for c in (out[-1].confidence, row.confidence) if c is not None]
            out[-1] = Row(cells=merged, page=row.page, confidence=min(confs) if confs else None)
        else:
            out.append(row)
    return out


def _reading_order(words: list[dict]) -> list[dict]:
    """Lines top to bottom (words whose vertical extents overlap share a line), left to right."""
    if len(words) < 2:
        return words
    if max(w["top"] for w in words) - min(w["top"] for w in words) <= 1:
        return sorted(words, key=lambda w: w["x0"])  # one line: most cells
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        centre = (w["top"] + w["bottom"]) / 2
        if lines and centre < max(x["bottom"] for x in lines[-1]) - 1:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [w for line in lines for w in sorted(line, key=lambda w: w["x0"])]


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
    for bbox, xs, ys, vrules, hrules in ruled_tables(layout):
        inside = [w for w in rest if _inside(w, bbox)]
        if not inside:
            continue
        rows = _cells_from_lattice(inside, xs, ys, page_no, vrules, hrules)
        if not rows:
            continue
        if len(rows) == 1 and len(rows[0].cells) == 1:
            # A framed paragraph (a boxed page number, a note in a frame): text, not a table.
            items.append((bbox[1], TextLine(rows[0].cells[0], page=page_no)))
        else:
            items.append((bbox[1], Table(rows=rows, page=page_no, ruled=True)))
        ids = {id(w) for w in inside}
        rest = [w for w in rest if id(w) not in ids]
    sizes = [(w["x1"] - w["x0"]) / max(len(w["text"]), 1) for w in rest]
    char_w = statistics.median(sizes) if sizes else 4.0
    items.extend(_borderless(_words_to_lines(rest), page_no, gap=max(2.5 * char_w, 7.0)))
    items.sort(key=lambda t: t[0])
    return Page(number=page_no, items=[it for _, it in items])


def _read_pages(path: str, numbers: list[int], engine: str = "pdfminer",
                limits: PdfLimits | None = None) -> tuple[list[Page], int]:
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
        layouts = list(pdfium_layouts(path, numbers, limits or PdfLimits()))
    for layout in layouts:
        images += layout.images
        pages.append(_read_layout_safely(layout))
    return pages, images


def _read_layout_safely(layout: PageLayout) -> Page:
    """One page's tables failing to assemble must not lose the file: the page falls back to its
    text lines (the facts of its tables are then missing, never wrong)."""
    try:
        return read_layout(layout)
    except Exception:  # noqa: BLE001 - any defect in table assembly; the words themselves are sound
        lines = _words_to_lines(layout.words)
        return Page(number=layout.number,
                    items=[TextLine(" ".join(w["text"] for w in line), page=layout.number) for line in lines])


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


def _header_only(table: Table) -> bool:
    """A table of header rows alone (no cell reads as a number): the foot of a page where a header
    was printed before its rows moved on to the next page."""
    return all(not _NUMERIC_CELL.match(c) or re.fullmatch(r"\d{1,2}", c) for r in table.rows for c in r.cells if c)


def _extend_edges(header: Table, edges: list[float], tolerance: float = 8.0) -> list[int] | None:
    """Rows continuing a header-only table may fill columns to the right of its last header cell
    (a header's last cells span several columns, or are blank): those columns join the header's,
    when every column the two share starts at the same x. Returns the mapping of `edges` onto the
    extended header, or None."""
    assert header.edges is not None
    inside = [e for e in edges if e <= header.edges[-1] + tolerance]
    mapping = _edge_mapping(inside, header.edges, tolerance)
    if mapping is None or len(set(mapping)) < min(3, len(header.edges)):
        return None
    extra = [e for e in edges if e > header.edges[-1] + tolerance]
    header.edges.extend(extra)
    for row in header.rows:
        row.cells.extend([""] * len(extra))
    return mapping + list(range(len(header.edges) - len(extra), len(header.edges)))


def _may_continue(last: Table, first: Table) -> bool:
    """Two single lines on both sides of a page break are a table (header, then a row of numbers)
    only when both have several cells and the second brings numbers: a running footer and the next
    page's running header have wide gaps too."""
    if len(last.rows) > 1 or len(first.rows) > 1:
        return True
    head, row = [c for c in last.rows[0].cells if c], [c for c in first.rows[0].cells if c]
    return len(head) >= 3 and len(row) >= 3 and sum(1 for c in row if _NUMERIC_CELL.match(c)) >= 2


def _unjoined_rows_to_text(pages: list[Page]) -> None:
    """A one-row borderless table no page break continued was a line of text with wide gaps."""
    for page in pages:
        page.items = [TextLine(" ".join(c for c in it.rows[0].cells if c), page=it.page)
                      if isinstance(it, Table) and not it.ruled and len(it.rows) == 1 else it
                      for it in page.items]


def _repeated_header(table: Table, continued: Table, most: int = 4) -> int:
    """How many leading rows of `continued` repeat the header rows `table` began with (converters
    repeat the header on every page; the text rendering of the table prints it once)."""
    def key(row: Row) -> list[str]:
        return [c for c in row.cells if c]

    k = 0
    while k < min(most, len(continued.rows) - 1, len(table.rows)) and key(continued.rows[k]) == key(table.rows[k]):
        k += 1
    return k


def _join_continued_tables(pages: list[Page]) -> None:
    """A table broken by a page break continues on the next page without its header: when a page
    ends with a table and the next begins with one of the same width, the rows join the first
    (each row keeps its own page number)."""
    last = None
    for page in pages:
        if page.items and isinstance(last, Table) and isinstance(page.items[0], Table):
            first = page.items[0]
            if last.ruled and first.ruled and last.width == first.width:
                last.rows.extend(first.rows[_repeated_header(last, first):])
                page.items.pop(0)
            elif not last.ruled and not first.ruled and last.edges and first.edges and _may_continue(last, first):
                mapping = _edge_mapping(first.edges, last.edges)
                if mapping is None and _header_only(last):
                    mapping = _extend_edges(last, first.edges)
                if mapping is not None:
                    for row in first.rows[_repeated_header(last, first):]:
                        cells = [""] * len(last.edges)
                        for j, text in enumerate(row.cells):
                            k = mapping[j]
                            cells[k] = (cells[k] + " " + text).strip()
                        last.rows.append(Row(cells=cells, page=row.page))
                    page.items.pop(0)
        if page.items:
            last = page.items[-1]


def _read_parallel(path: str, n: int, workers: int, engine: str, limits: PdfLimits) -> tuple[list[Page], int]:
    # Interleaved shares balance dense and light pages across workers. This process reads the first
    # share itself while the others are read in worker processes: one process fewer to start, and
    # its share needs no pickling back.
    chunks = [list(range(i + 1, n + 1, workers)) for i in range(workers)]
    pages: list[Page] = []
    images = 0
    try:
        with ProcessPoolExecutor(max_workers=workers - 1) as pool:
            futures = [pool.submit(_read_pages, path, chunk, engine, limits) for chunk in chunks[1:]]
            try:
                parts = [_read_pages(path, chunks[0], engine, limits)] + [f.result() for f in futures]
            finally:
                for f in futures:
                    f.cancel()
        for part, imgs in parts:
            pages.extend(part)
            images += imgs
    except (AssertionError, BrokenProcessPool, OSError, PermissionError):
        # Inside a daemonic worker (some schedulers) or where processes cannot start: read in-process.
        return _read_pages(path, list(range(1, n + 1)), engine, limits)
    pages.sort(key=lambda p: p.number)
    return pages, images


def load_pdf(path: str | Path, use_cache: bool = True, config: ExtractionConfig | None = None) -> Document:
    """`config` None: the one Settings builds from the environment (a caller outside the pipeline)."""
    path = Path(path)
    config = resolve(config)
    lim = config.pdf
    pdf_limits.check_size(path, lim)
    _check_readable(path)
    engine = config.pdf_engine
    key = cache.file_key(path, config, f"{engine}-{config.ocr_lang}") if use_cache else None
    if key:
        hit = cache.get(key, config)
        if hit is not None:
            hit.source = path.name
            return hit
    # Only before a real load: a cached model was read from a file that passed this scan.
    pdf_limits.check_streams(path, lim)
    n = _page_count(path, engine)
    if n == 0:
        raise UnreadableFileError(path, "PDF has no pages", "empty")
    pdf_limits.check_pages(path, n, lim)
    workers = min(config.extract_workers, max(1, n // 4))
    try:
        if n < PARALLEL_MIN_PAGES or workers == 1:
            pages, images = _read_pages(str(path), list(range(1, n + 1)), engine, lim)
        else:
            pages, images = _read_parallel(str(path), n, workers, engine, lim)
    except UnreadableFileError:
        raise
    except Exception as exc:  # a page the parser chokes on makes the file unreadable, with the cause
        raise UnreadableFileError(path, f"corrupt PDF ({type(exc).__name__}: {exc})"[:300], "corrupt") from exc
    if images:  # pages without a text layer, and pictures of tables, are read by OCR
        from extractors.documents.ocr import ocr_pages

        pages = ocr_pages(path, pages, config)
    if not any(p.items for p in pages):
        if images:
            raise UnreadableFileError(path, "image-only PDF (no text layer; needs OCR)", "image_only")
        raise UnreadableFileError(path, "PDF has no text", "no_text")
    _join_continued_tables(pages)
    _unjoined_rows_to_text(pages)
    document = Document(source=path.name, kind="pdf", pages=pages)
    if key:
        cache.put(key, document, config)
    return document
