"""Page layout from pdfminer (the parser under pdfplumber), without pdfplumber's per-object overhead.

Profiling showed pdfplumber spends about 60% of a page's time wrapping every pdfminer object into
dicts; the extractor only needs characters and ruling lines. This module drives pdfminer directly,
groups characters into words, and finds ruled tables from the drawn lines (a lattice of
horizontal and vertical rules); `pdf_loader` turns the rest into text lines and borderless tables.
The default engine is pdfium: its character boxes are read into numpy arrays and grouped into words
by array code, so no Python work is done per character beyond one call into pdfium.
"""

from __future__ import annotations

import ctypes
import functools
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import numpy as np
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from extractors.config import PdfLimits
from extractors.documents.pdf_limits import check_page_content

_RULE = 2.0  # a drawn object thinner than this is a rule, not a box
_SNAP = 1.5  # rules closer than this are one rule
# More rules than this on one page is a drawing (a chart, a map, hatching), not tables; grouping them
# costs more than linear time, so such a page is read as text only.
MAX_RULES = 5000


@dataclass
class PageLayout:
    number: int
    width: float
    height: float
    words: list[dict] = field(default_factory=list)
    hrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, x1, y) top-based
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (top, bottom, x)
    images: int = 0


def open_document(fh) -> PDFDocument:
    return PDFDocument(PDFParser(fh))


def iter_layouts(doc: PDFDocument, wanted: set[int] | None = None):
    """Yield PageLayout for the 1-based page numbers in `wanted` (all when None)."""
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    for number, page in enumerate(PDFPage.create_pages(doc), start=1):
        if wanted is not None and number not in wanted:
            continue
        interpreter.process_page(page)
        yield _layout(device.get_result(), number)


def _layout(lt_page, number: int) -> PageLayout:
    height = lt_page.height
    out = PageLayout(number=number, width=lt_page.width, height=height)
    chars: list[tuple[float, float, float, float, str, float]] = []

    def walk(container) -> None:
        for obj in container:
            if isinstance(obj, LTChar):
                # Spaces are kept: they are word breaks even where the gap is too narrow to see.
                chars.append((obj.x0, height - obj.y1, obj.x1, height - obj.y0, obj.get_text(), obj.size))
            elif isinstance(obj, LTImage):
                out.images += 1
            elif isinstance(obj, LTLine | LTRect | LTCurve):
                _rules(obj, height, out, shading=bool(getattr(obj, "fill", False)) and not getattr(obj, "stroke", True))
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(lt_page)
    out.words = _words(Chars.from_tuples(chars))
    return out


def _rules(obj, height: float, out: PageLayout, shading: bool = False) -> None:
    x0, y0, x1, y1 = obj.x0, obj.y0, obj.x1, obj.y1
    top, bottom = height - y1, height - y0
    w, h = x1 - x0, y1 - y0
    if h <= _RULE and w > _RULE:
        out.hrules.append((x0, x1, (top + bottom) / 2))
    elif w <= _RULE and h > _RULE:
        out.vrules.append((top, bottom, (x0 + x1) / 2))
    elif not isinstance(obj, LTLine | LTCurve) and w > _RULE and h > _RULE and not shading:
        # A stroked box: its four sides can be table rules (cell borders drawn as rectangles). A box
        # only filled is cell shading: spreadsheet exports fill each cell inset from its borders,
        # and its sides would cut every column into slivers.
        out.hrules.extend([(x0, x1, top), (x0, x1, bottom)])
        out.vrules.extend([(top, bottom, x0), (top, bottom, x1)])


@dataclass
class Chars:
    """A page's characters as columns, so the grouping into words runs over arrays instead of a
    Python loop per character. `text` is what each prints: one letter each when a string (pdfium),
    else a list (pdfminer prints a ligature as two letters)."""

    x0: np.ndarray
    top: np.ndarray
    x1: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    text: str | list[str]

    @classmethod
    def from_tuples(cls, chars: list[tuple[float, float, float, float, str, float]]) -> Chars:
        cols = np.array([c[:4] + (c[5],) for c in chars], dtype=np.float64).reshape(-1, 5)
        return cls(*cols.T, text=[c[4] for c in chars])


# Code points str.strip() removes, as a lookup table (none lies above U+3000).
_IS_SPACE = np.array([chr(c).isspace() for c in range(0x3002)], dtype=bool)


def _utf32(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _words(chars: Chars) -> list[dict]:
    """Characters → words: same baseline, gaps smaller than a fraction of the font size.

    Lines: characters in (rounded top, x0) order, a line taking every next one within 2 pt of its
    first character's top. Words: left to right, a character joins the word before it when the gap
    from the word's right edge is under 0.3 of its size (at least 1 pt); whitespace always breaks."""
    n = len(chars.text)
    if n == 0:
        return []
    rounded = np.round(chars.top)
    order = np.lexsort((chars.x0, rounded))  # stable: ties keep the engine's order
    top, rounded = chars.top[order], rounded[order]
    line = np.empty(n, dtype=np.int64)
    start, lines = 0, 0
    while start < n:
        # The first character further than 2 pt from this line's first one starts the next line;
        # one rounded 4 pt lower or more is surely that far, so the search stops there.
        beyond = int(np.searchsorted(rounded, rounded[start] + 4, side="left"))
        off = np.flatnonzero(np.abs(top[start + 1:beyond] - top[start]) > 2.0)
        end = start + 1 + int(off[0]) if len(off) else beyond
        line[start:end] = lines
        start, lines = end, lines + 1
    # Left to right within each line (stable); `line` is already in line order.
    order = order[np.lexsort((chars.x0[order], line))]
    x0, x1, top = chars.x0[order], chars.x1[order], chars.top[order]
    bottom, size = chars.bottom[order], chars.size[order]
    text: str | list[str]
    if isinstance(chars.text, str):  # one letter each: reordered and searched as code points
        codes = _utf32(chars.text)[order]
        text = codes.tobytes().decode("utf-32-le", "surrogatepass")
        space = _IS_SPACE[np.minimum(codes, len(_IS_SPACE) - 1)]
    else:
        text = [chars.text[i] for i in order.tolist()]
        space = np.array([not t.strip() for t in text], dtype=bool)
    first = np.ones(n, dtype=bool)  # starts a word (unless whitespace)
    first[1:] = (line[1:] != line[:-1]) | space[:-1] | (x0[1:] - x1[:-1] > np.maximum(size[1:] * 0.3, 1.0))
    first &= ~space
    joins = ~first & ~space
    starts = np.flatnonzero(first)
    if not len(starts):
        return []
    breaks = np.append(np.flatnonzero(~joins), n)  # a word ends where a character does not join it
    ends = breaks[np.searchsorted(breaks, starts, side="right")]
    if isinstance(text, str):
        texts = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
        one_letter = ends - starts == 1
    else:
        texts = ["".join(text[a:b]) for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
        one_letter = np.array([len(t) == 1 for t in texts], dtype=bool)
    right = np.maximum.reduceat(np.where(space, -np.inf, x1), starts).tolist()
    low = np.maximum.reduceat(np.where(space, -np.inf, bottom), starts).tolist()
    words = [{"text": t, "x0": a, "x1": b, "top": c, "bottom": d}
             for t, a, b, c, d in zip(texts, x0[starts].tolist(), right, top[starts].tolist(), low, strict=True)]
    sizes = size[starts].tolist()
    # The gap counts from the word's widest right edge so far; the comparison above took the previous
    # character's, which is the same wherever right edges grow along the word. A line where one does
    # not (an overprinted or combining mark) is grouped one character at a time instead; lines with
    # four or more one-letter words may be letter-spaced headings.
    shrinks = np.zeros(n, dtype=bool)
    shrinks[1:] = joins[1:] & (x1[1:] < x1[:-1])
    slow = set(line[shrinks].tolist())
    word_line = line[starts]
    spaced = np.flatnonzero(np.bincount(word_line[one_letter], minlength=lines) >= 4).tolist()
    special = sorted(slow.union(spaced))
    if not special:
        return words
    by_line = np.searchsorted(word_line, np.arange(lines + 1)).tolist()  # first word of each line
    line_at = np.searchsorted(line, np.arange(lines + 1)).tolist()  # first character of each line
    out: list[dict] = []
    done = 0
    for k in special:
        out.extend(words[done:by_line[k]])
        if k in slow:
            a, b = line_at[k], line_at[k + 1]
            found = _line_words(zip(x0[a:b].tolist(), top[a:b].tolist(), x1[a:b].tolist(),
                                    bottom[a:b].tolist(), list(text[a:b]), size[a:b].tolist(), strict=True))
            found_sizes = [w.pop("size") for w in found]
        else:
            found, found_sizes = words[by_line[k]:by_line[k + 1]], sizes[by_line[k]:by_line[k + 1]]
        out.extend(_join_letter_spaced(found, found_sizes))
        done = by_line[k + 1]
    out.extend(words[done:])
    return out


def _line_words(line) -> list[dict]:
    """One line's characters, left to right, into words (see `_words`), one character at a time."""
    words: list[dict] = []
    cur: dict | None = None
    for x0, top, x1, bottom, text, size in line:
        if not text.strip():
            cur = None
            continue
        if cur is not None and x0 - cur["x1"] <= max(size * 0.3, 1.0):
            cur["text"] += text
            cur["x1"] = max(cur["x1"], x1)
            cur["bottom"] = max(cur["bottom"], bottom)
            continue
        cur = {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size}
        words.append(cur)
    return words


def _join_letter_spaced(line: list[dict], sizes: list[float]) -> list[dict]:
    """`J U M L A H`, `T O T A L`: headings set with letter spacing come out one letter a word.
    Four or more single letters in a row at an even pitch narrower than a wide space are one word.
    `sizes` are the words' font sizes."""
    if sum(1 for w in line if len(w["text"]) == 1) < 4:
        return line
    out: list[dict] = []
    k = 0
    while k < len(line):
        m = k
        while m + 1 < len(line) and len(line[m]["text"]) == 1 and line[m]["text"].isalpha() \
                and len(line[m + 1]["text"]) == 1 and line[m + 1]["text"].isalpha() \
                and line[m + 1]["x0"] - line[m]["x1"] <= 1.2 * sizes[m]:
            m += 1
        if m - k + 1 >= 4:
            gaps = [line[i + 1]["x0"] - line[i]["x1"] for i in range(k, m)]
            if max(gaps) - min(gaps) <= 0.5 * sizes[k]:
                merged = dict(line[k])
                merged["text"] = "".join(w["text"] for w in line[k:m + 1])
                merged["x1"] = line[m]["x1"]
                merged["bottom"] = max(w["bottom"] for w in line[k:m + 1])
                out.append(merged)
                k = m + 1
                continue
        out.append(line[k])
        k += 1
    return out


def _merge(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _SNAP:
            continue
        out.append(v)
    return out


def ruled_tables(layout: PageLayout) -> list[tuple]:
    """Lattices of rules: (bbox, column edges, row edges, vertical rules, horizontal rules) per group
    of crossing rules."""
    if not layout.hrules or not layout.vrules or len(layout.hrules) + len(layout.vrules) > MAX_RULES:
        return []
    # Group rules that touch (union-find over the rule list).
    rules = [("h", r) for r in layout.hrules] + [("v", r) for r in layout.vrules]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def box(rule: tuple[str, tuple[float, float, float]]) -> tuple[float, float, float, float]:
        kind, r = rule
        if kind == "h":
            return (r[0] - _SNAP, r[2] - _SNAP, r[1] + _SNAP, r[2] + _SNAP)
        return (r[2] - _SNAP, r[0] - _SNAP, r[2] + _SNAP, r[1] + _SNAP)

    boxes = [box(r) for r in rules]
    order = sorted(range(len(rules)), key=lambda i: boxes[i][1])
    # Sweep by top: only rules whose vertical extents overlap can touch.
    active: list[int] = []
    for i in order:
        x0, t0, x1, b0 = boxes[i]
        active = [j for j in active if boxes[j][3] >= t0]
        for j in active:
            bx0, _, bx1, _ = boxes[j]
            if bx0 <= x1 and x0 <= bx1:
                parent[find(i)] = find(j)
        active.append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(i)
    tables = []
    for members in groups.values():
        hs = [rules[i][1] for i in members if rules[i][0] == "h"]
        vs = [rules[i][1] for i in members if rules[i][0] == "v"]
        xs = _merge([v[2] for v in vs])
        ys = _merge([h[2] for h in hs])
        if len(xs) < 2 or len(ys) < 2 or (len(xs) < 3 and len(ys) < 3):
            continue
        bbox = (xs[0], ys[0], xs[-1], ys[-1])
        tables.append((bbox, xs, ys, vs, hs))
    return tables


# --- pdfium (the C engine pdfplumber ships for rendering) ------------------------------------------

def pdfium_layouts(path: str, wanted: list[int], limits: PdfLimits):
    """Yield PageLayout for the 1-based `wanted` pages using pypdfium2: the same layout as the
    pdfminer path (characters and rules), an order of magnitude faster on text-heavy pages."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    bounds = [ctypes.c_float() for _ in range(4)]
    pdf = pdfium.PdfDocument(path)
    try:
        for number in wanted:
            page = pdf[number - 1]
            turn = _Turn(page.get_rotation(), *page.get_size())
            width, height = turn.size
            out = PageLayout(number=number, width=width, height=height)
            # pdfium has parsed the page by now; a page beyond any real one stops here, before the
            # per-character work multiplies its cost.
            textpage = page.get_textpage()
            check_page_content(Path(path), number, raw.FPDFText_CountChars(textpage.raw),
                               raw.FPDFPage_CountObjects(page.raw), limits)
            out.words = _words(_pdfium_chars(textpage, raw, turn))
            for kind, obj in _drawn_objects(raw, page.raw):
                if kind == raw.FPDF_PAGEOBJ_IMAGE:
                    out.images += 1
                    continue
                if not raw.FPDFPageObj_GetBounds(obj, *bounds):
                    raise RuntimeError(f"pdfium could not locate a drawn object on page {number}")
                left, bottom, right, top = turn.box(*(v.value for v in bounds))
                raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
                _rules(_Box(left, bottom, right, top), height, out, shading=fill_mode.value != 0 and not stroke.value)
            textpage.close()
            page.close()
            yield out
    finally:
        pdf.close()


# Form XObjects nest drawings; deeper than this is not a table's rules.
_FORM_DEPTH = 4


def _drawn_objects(raw, parent, form: bool = False, level: int = 0):
    """(type, handle) of the paths and images of a page, inside Form XObjects too, in drawing order.
    Raw handles: pypdfium2's helper object per page object costs more than reading it."""
    count, get = (raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject) if form else \
        (raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject)
    n = count(parent)
    if n < 0:
        raise RuntimeError("pdfium could not count the page's objects")
    for i in range(n):
        obj = get(parent, i)
        if not obj:
            raise RuntimeError("pdfium could not read a page object")
        kind = raw.FPDFPageObj_GetType(obj)
        if kind in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
            yield kind, obj
        elif kind == raw.FPDF_PAGEOBJ_FORM and level < _FORM_DEPTH - 1:
            yield from _drawn_objects(raw, obj, True, level + 1)


@dataclass(frozen=True)
class _Turn:
    """A page's /Rotate: pdfium reports characters and paths in the unrotated page space; the reader
    sees the page turned (a landscape table on a portrait sheet), and lines run along the turn."""

    degrees: int
    w: float  # unrotated width and height
    h: float

    @property
    def size(self) -> tuple[float, float]:
        return (self.h, self.w) if self.degrees in (90, 270) else (self.w, self.h)

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) in the turned page, y up."""
        if self.degrees == 90:
            return bottom, self.w - right, top, self.w - left
        if self.degrees == 180:
            return self.w - right, self.h - top, self.w - left, self.h - bottom
        if self.degrees == 270:
            return self.h - top, left, self.h - bottom, right
        return left, bottom, right, top


@functools.cache
def _char_calls(raw) -> tuple:
    """pdfium's per-character calls without ctypes' per-argument conversion: plain integers in (the
    box written straight into a numpy array), and without releasing the GIL for a call of a few
    instructions. Per character these calls are the only Python-level work left."""
    def bare(fn, *args):
        return ctypes.PYFUNCTYPE(ctypes.c_int, *args)(ctypes.cast(fn, ctypes.c_void_p).value)

    return (bare(raw.FPDFText_GetLooseCharBox, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p),
            bare(raw.FPDFText_IsGenerated, ctypes.c_void_p, ctypes.c_int))


def _pdfium_chars(textpage, raw, turn: _Turn) -> Chars:
    """Characters with their loose boxes (font ascent to descent, so one line shares one top)."""
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    text = textpage.get_text_range()
    if len(text) != n:  # characters outside the BMP: fall back to one lookup per character
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i) or 32) for i in range(n))
    codes = _utf32(text)
    get_box, is_generated = _char_calls(raw)
    handle = ctypes.cast(tp, ctypes.c_void_p).value
    # pdfium's guessed spaces and line ends are left out: the gaps decide instead.
    drop = (codes == 13) | (codes == 10) | (codes == 0)
    spaces = np.flatnonzero(codes == 32)
    drop[spaces[np.fromiter(map(is_generated, repeat(handle, len(spaces)), spaces.tolist()), dtype=bool,
                            count=len(spaces))]] = True
    keep = np.flatnonzero(~drop)
    m = len(keep)
    boxes = np.zeros((m, 4), dtype=np.float32)  # FS_RECTF: left, top, right, bottom
    base = boxes.ctypes.data
    ok = np.fromiter(map(get_box, repeat(handle, m), keep.tolist(), range(base, base + 16 * m, 16)),
                     dtype=np.int32, count=m)
    for k in np.flatnonzero(ok == 0).tolist():
        boxes[k] = boxes[k - 1] if k else 0.0  # as pdfium leaves a reused rectangle: the previous box
    left, top, right, bottom = boxes.astype(np.float64).T
    if turn.degrees in (90, 180, 270):
        left, bottom, right, top = turn.box(left, bottom, right, top)
    height = turn.size[1]
    kept = codes[keep]
    kept[kept == 0xFFFE] = ord("-")  # pdfium's mark for a printed hyphen that ends a line: a hyphen
    return Chars(x0=left, top=height - top, x1=right, bottom=height - bottom, size=(top - bottom) / 1.2,
                 text=kept.tobytes().decode("utf-32-le", "surrogatepass"))


@dataclass
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float
