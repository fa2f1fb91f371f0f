"""OCR of scanned pages: image-only pages and large pictures of tables enter the same document model.

A page is rasterised with pypdfium2, deskewed (projection profile), its table rules are found in the
pixels and lifted off, and Tesseract (the `tesseract` CLI, TSV output: word boxes with confidences)
reads the rest. The words and rules become a `PageLayout` in PDF points, exactly what the text-layer
path builds from drawn lines and characters, and `pdf_loader.read_layout` cuts it into text lines,
ruled and borderless tables. So a scanned table is read by the same layout code and interpreter.

Precision first: a number Tesseract is unsure of is not read. Its cell is emptied and reported as an
unresolved cell (reason `ocr_low_confidence`) instead of becoming a fact; every row of an OCR'd page
carries the lowest confidence of its words (`Row.confidence`, 0–1), which facts copy.

OCR is slow (about a second a page on one core), so pages are read two at a time (Tesseract processes,
driven by threads: it also works inside daemonic worker processes of a scheduler), each page's OCR is
cached by the file's content, and `on_page(done, total)` / log lines report progress.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import shutil
import statistics
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from extractors.config import ExtractionConfig
from extractors.documents import ocr_repair
from extractors.documents.interpret.measures import is_numbering_row
from extractors.documents.model import UNREAD, Document, Page, TextLine
from extractors.documents.ocr_engine import DPI, MIN_DPI, VERSION, OcrPage, OcrWord, read_image
from extractors.errors import UnreadableFileError
from extractors.file_identity import file_sha256

log = logging.getLogger("asnwh.ocr")

# Words read with less confidence than this (Tesseract's 0–100) are not trusted in a table cell. Numbers
# need more: on a 100 dpi office scan `100%` comes back as `10096` and `354,93` as `35493` at 61–71,
# while the numbers it reads right score 80 and more.
LOW_CONFIDENCE = 60.0
NUMBER_CONFIDENCE = 72.0
# A picture covering this share of a page that has text is read too: a table pasted as a screenshot.
# Photos are left alone: a picture of printed text is mostly paper (`PAPER_SHARE` near-white pixels).
LARGE_IMAGE_SHARE = 0.05
PAPER_SHARE = 0.6
REASON_LOW = "ocr_low_confidence"
_UNSURE = "\u2047"  # stands in for a distrusted word until the layout has placed it in a cell
_MARK = re.compile(_UNSURE + r"(\d+)" + _UNSURE)
_DIGIT = re.compile(r"\d")
# Specks and rule fragments read as punctuation. Not `|`: the rules are lifted off before Tesseract
# reads the page, so a `|` left is a letter (`Golongan I` read `Golongan |`), which `_roman` restores.
_NOISE = re.compile(r"^[\\/_\-—–=~.,:;'\"`*+<>()\[\]{}!]+$")

ProgressCallback = Callable[[int, int], None]
_ON_PAGE: ProgressCallback | None = None
_PDFIUM_LOCK = threading.Lock()  # pdfium is not thread-safe; rendering is short, OCR runs outside the lock


def set_progress(callback: ProgressCallback | None) -> None:
    """Call `callback(done, total)` after every OCR'd page (the CLI draws its progress bar from it)."""
    global _ON_PAGE
    _ON_PAGE = callback


def available() -> bool:
    return shutil.which("tesseract") is not None


# --- which pages, which pictures ----------------------------------------------------------------------

def _render(pdf, number: int, dpi: float, bbox: tuple[float, float, float, float] | None) -> Image.Image:
    with _PDFIUM_LOCK:
        page = pdf[number - 1]
        try:
            kw = {}
            if bbox is not None:
                width, height = page.get_size()
                x0, top, x1, bottom = bbox
                kw["crop"] = (x0, height - bottom, width - x1, top)  # left, bottom, right, top margins
            return page.render(scale=dpi / 72, grayscale=True, **kw).to_pil().convert("L")
        finally:
            page.close()


def _large_images(pdf, number: int) -> list[tuple[float, float, float, float]]:
    """Pictures on a page that covers a good share of it and have hardly any text on them (top-based)."""
    import pypdfium2.raw as raw

    with _PDFIUM_LOCK:
        page = pdf[number - 1]
        try:
            width, height = page.get_size()
            out = []
            textpage = None
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
                left, bottom, right, top = obj.get_bounds()
                left, right = max(0.0, left), min(width, right)
                bottom, top = max(0.0, bottom), min(height, top)
                if (right - left) * (top - bottom) < LARGE_IMAGE_SHARE * width * height:
                    continue
                textpage = textpage or page.get_textpage()
                if len(textpage.get_text_bounded(left, bottom, right, top).split()) > 5:
                    continue  # text printed over a background picture: the text layer has it
                out.append((left, height - top, right, height - bottom))
            if textpage is not None:
                textpage.close()
        finally:
            page.close()
    return [bbox for bbox in out if _looks_printed(_render(pdf, number, 36, bbox))]


def _looks_printed(thumb: Image.Image) -> bool:
    arr = np.asarray(thumb, dtype=np.uint8)
    return arr.size > 0 and float((arr > 200).mean()) >= PAPER_SHARE


def _dpi_for(page) -> float:
    """Twice the resolution of the page's sharpest picture, between MIN_DPI and DPI."""
    import pypdfium2.raw as raw

    best = 0.0
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        px_w, _ = obj.get_px_size()
        if right - left > 1:
            best = max(best, px_w / ((right - left) / 72))
    return float(min(DPI, max(MIN_DPI, round(2 * best)))) if best else float(DPI)


@dataclass
class _Job:
    number: int
    bbox: tuple[float, float, float, float] | None  # None: the whole page


def _cache_path(sha: str, job: _Job, config: ExtractionConfig) -> Path | None:
    if not config.cache_enabled:
        return None
    where = "page" if job.bbox is None else "img-" + "-".join(f"{v:.0f}" for v in job.bbox)
    return config.cache_dir / "ocr" / f"{sha}-{job.number}-{where}-{config.ocr_lang}-v{VERSION}.pickle"


def _cached(target: Path | None) -> OcrPage | None:
    if target is None:
        return None
    try:
        with target.open("rb") as fh:
            hit = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return hit if isinstance(hit, OcrPage) else None


def _store(target: Path | None, page: OcrPage) -> None:
    if target is None or page.error:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(page, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        pass  # a cache that cannot be written only costs time


def _run_job(pdf, path: Path, sha: str, job: _Job, config: ExtractionConfig) -> OcrPage:
    target = _cache_path(sha, job, config)
    hit = _cached(target)
    if hit is not None:
        return hit
    with _PDFIUM_LOCK:
        page = pdf[job.number - 1]
        width, height = page.get_size()
        dpi = _dpi_for(page)
        page.close()
    try:
        img = _render(pdf, job.number, dpi, job.bbox)
        offset = (job.bbox[0], job.bbox[1]) if job.bbox else (0.0, 0.0)
        result = read_image(img, dpi, job.number, width, height, offset, config.ocr_lang)
    except Exception as exc:  # pdfium, Pillow, numpy and Tesseract fail in many ways; each costs one page
        # One page Tesseract cannot read costs that page, never the file.
        log.warning("OCR of %s page %d failed: %s", path, job.number, exc)
        return OcrPage(number=job.number, width=width, height=height, error=f"{type(exc).__name__}: {exc}"[:200])
    _store(target, result)
    return result


# --- into the document model -------------------------------------------------------------------------

_NARROW = {"1": 0.5, ".": 0.3, ",": 0.3}
_NUMBER = re.compile(r"^[\d.,%]+$")


def _ink_units(text: str) -> float:
    # Office fonts print digits on one advance width; only a lone `1` shows its narrow ink, and a `1`
    # at either end of a longer number loses just its side bearing (`1.` and `11.` are not too wide).
    if text == "1":
        return _NARROW["1"]
    last = len(text) - 1
    return sum((0.75 if i in (0, last) else 1.0) if ch == "1" else _NARROW.get(ch, 1.0)
               for i, ch in enumerate(text))


def _dash(w: OcrWord) -> bool:
    """A printed dash (`-` for none in a table cell), not a speck: wider than tall, thin, shorter than
    the line is high (a rule left on the page is longer)."""
    line = w.bottom - w.top
    width = w.x1 - w.x0
    return (w.text in {"-", "--", "–", "—"} and 0 < w.glyph_height <= 0.35 * line
            and 1.5 * w.glyph_height <= width <= line)


# In the sans-serif faces offices print with, capital I and small l are one glyph; Tesseract guesses.
# A short word of only I/l/| (and V), with an optional class letter (and its slash: `lll/a`), is a
# roman numeral (golongan IIIa, III/a).
_ROMAN_LIKE = re.compile(r"^((?:[Il|]{1,3}|[Il|][Vv]|V))([/.]?[a-e])?$")


def _roman(text: str) -> str:
    if m := _ROMAN_LIKE.match(text):
        return m.group(1).replace("l", "I").replace("|", "I").replace("v", "V") + (m.group(2) or "")
    return text


def _too_wide(words: list[OcrWord]) -> set[int]:
    """Numbers whose box is far wider than their digits need: Tesseract dropped a digit (`11` read
    as `1`, confidently). Digit widths are compared with the page's own confident numbers, per digit
    height, so the test holds at any font size."""
    ratios = {i: (w.x1 - w.x0) / w.glyph_height / _ink_units(w.text) for i, w in enumerate(words)
              if _NUMBER.match(w.text) and _DIGIT.search(w.text) and w.glyph_height > 0}
    sure = sorted(r for i, r in ratios.items() if words[i].conf >= 80 and len(words[i].text) >= 2)
    if len(sure) < 5:
        return set()
    median = sure[len(sure) // 2]
    return {i for i, r in ratios.items() if r > 1.45 * median}


def _colon(w: OcrWord) -> bool:
    """A printed colon: two dots one above the other, as tall as half a line and narrow. A speck is
    smaller, a rule fragment longer."""
    line = w.bottom - w.top
    return w.text in {":", ";"} and 0.3 * line <= w.glyph_height <= 0.8 * line and w.x1 - w.x0 <= 0.6 * w.glyph_height


_BULLET_LIKE = {"O", "o", "0", "°", "Ø", "ø"}


def _bullets(words: list[OcrWord]) -> set[int]:
    """Bullets (`Ø`, `•`) read as `O` or `0`: a lone one first on its line, a word of letters after it."""
    out: set[int] = set()
    for i, w in enumerate(words):
        if w.text not in _BULLET_LIKE:
            continue
        same = [v for v in words if v is not w and abs(v.top - w.top) < 1 and abs(v.bottom - w.bottom) < 1]
        if any(v.x1 <= w.x0 for v in same):
            continue
        after = [v for v in same if v.x0 >= w.x1]
        nxt = min(after, key=lambda v: v.x0, default=None)
        if nxt is not None and nxt.text[:1].isalpha() and nxt.x0 - w.x1 < 4 * max(w.glyph_height, 1.0):
            out.add(i)
    return out


def _lost_rules(words: list[OcrWord], hrules: list, vrules: list) -> list[tuple[float, float, float]]:
    """Horizontal rules a scan lost between table rows (a light rule blurred away, a rule against a
    shaded row). Between two rules, every column of a ruled table holds the same two or more lines and
    one column a number on each, a row pitch apart: those are rows, not one row of wrapped cells (a
    wrapped label has more lines than the number beside it, a wrapped number its lines a line apart).
    Returns the rules to put back, mid-way between the lines."""
    out: list[tuple[float, float, float]] = []
    hs = sorted(hrules, key=lambda r: r[2])
    for i, (a0, a1, y0) in enumerate(hs):
        below = [(b0, b1, y1) for b0, b1, y1 in hs[i + 1:]
                 if y1 > y0 + 2 and min(a1, b1) - max(a0, b0) > 0.5 * min(a1 - a0, b1 - b0)]
        if not below:
            continue
        b0, b1, y1 = below[0]
        x0, x1 = max(a0, b0), min(a1, b1)
        inside = [w for w in words if x0 <= (w.x0 + w.x1) / 2 <= x1 and y0 < (w.top + w.bottom) / 2 < y1
                  and not _NOISE.match(w.text)]
        crossing = [v for v in vrules if v[0] <= y0 + 3 and v[1] >= y1 - 3 and x0 - 3 <= v[2] <= x1 + 3]
        xs = sorted(v[2] for v in crossing)
        if len(inside) < 4 or len(xs) < 3:
            continue
        height = sorted(w.bottom - w.top for w in inside)[len(inside) // 2]
        lines: list[list[OcrWord]] = []
        for w in sorted(inside, key=lambda w: (w.top + w.bottom) / 2):
            centre = (w.top + w.bottom) / 2
            if lines and centre - (lines[-1][0].top + lines[-1][0].bottom) / 2 < 0.6 * height:
                lines[-1].append(w)
            else:
                lines.append([w])
        if len(lines) < 2:
            continue
        # Lost rows sit a row pitch apart; a cell's wrapped lines (`27.682.06` over `7.532`) a line apart.
        table_top, table_bottom = min(v[0] for v in crossing) - 3, max(v[1] for v in crossing) + 3
        ys = sorted({round(h[2]) for h in hs if min(h[1], x1) - max(h[0], x0) > 0.5 * (x1 - x0)
                     and table_top <= h[2] <= table_bottom})
        pitch = statistics.median(b - a for a, b in zip(ys, ys[1:], strict=False)) if len(ys) > 1 else 0.0
        centres = [sum((w.top + w.bottom) / 2 for w in line) / len(line) for line in lines]
        if not pitch or y1 - y0 < 1.6 * pitch or any(b - a < 0.7 * pitch for a, b in zip(centres, centres[1:],
                                                                                          strict=False)):
            continue
        line_of = {id(w): k for k, line in enumerate(lines) for w in line}
        columns = [[w for w in inside if left <= (w.x0 + w.x1) / 2 < right]
                   for left, right in zip(xs, xs[1:], strict=False)]
        filled = [c for c in columns if c]
        if len(filled) < 2 or any({line_of[id(w)] for w in c} != set(range(len(lines))) for c in filled):
            continue
        if not any(all(any(_DIGIT.search(w.text) for w in c if line_of[id(w)] == k) for k in range(len(lines)))
                   for c in filled):
            continue
        for upper, lower in zip(lines, lines[1:], strict=False):
            y = (max(w.bottom for w in upper) + min(w.top for w in lower)) / 2
            out.append((x0, x1, y))
    return out


def _lost_frame(hrules: list, vrules: list) -> list[tuple[float, float, float]]:
    """The top or bottom rule of a table that a scan lost (a rule against a dark shaded header reads as
    part of the shading): the table's vertical rules still end there. Put back where at least two
    vertical rules end together and no horizontal rule meets them, if rules cross them in between."""
    out: list[tuple[float, float, float]] = []
    for end in (0, 1):  # 0: the tops, 1: the bottoms
        groups: list[list[tuple[float, float, float]]] = []
        for v in sorted(vrules, key=lambda v: v[end]):
            if groups and abs(v[end] - groups[-1][0][end]) <= 3:
                groups[-1].append(v)
            else:
                groups.append([v])
        for group in groups:
            if len(group) < 2:
                continue
            x0, x1 = min(v[2] for v in group), max(v[2] for v in group)
            y = sum(v[end] for v in group) / len(group)
            top, bottom = max(v[0] for v in group), min(v[1] for v in group)
            across = [h for h in hrules if min(h[1], x1) - max(h[0], x0) > 0.5 * (x1 - x0)]
            if any(top + 3 < h[2] < bottom - 3 for h in across) and not any(abs(h[2] - y) <= 4 for h in across):
                out.append((x0, x1, y))
    return out


def _layout_page(ocr: OcrPage, base=None) -> tuple[Page, list[tuple[int, int, int]]]:
    """Document-model page from OCR words (plus a text-layer layout `base` for a picture on a text page).
    Returns the page and the (table, row, column) of cells emptied for low confidence."""
    from extractors.documents.pdf_layout import PageLayout
    from extractors.documents.pdf_loader import read_layout

    layout = base or PageLayout(number=ocr.number, width=ocr.width, height=ocr.height)
    too_wide = _too_wide(ocr.words)
    bullets = _bullets(ocr.words)
    for i, w in enumerate(ocr.words):
        if _colon(w):
            # `Kepala Dinas : 1 Orang`: the colon column of a list table, at any confidence (it is no number).
            layout.words.append({"text": ":", "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom})
            continue
        if i in bullets:
            layout.words.append({"text": "•", "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom})
            continue
        if _NOISE.match(w.text) and w.conf < 90 and not (w.conf >= LOW_CONFIDENCE and _dash(w)):
            continue  # rule fragments and specks read as punctuation
        # A word Tesseract is unsure of is marked (with its index) until the layout has placed it: in a
        # table cell it makes the cell unresolved, label or number alike (a misread `IIIa` as `Ia` would
        # file its numbers under the wrong golongan); in running text only an unsure number is dropped.
        # The misreads that score 61-71 lose or gain characters (`%` as `96`, a dropped comma); a lone
        # digit cannot, and small print gives a lone 0 60-80: it needs only the common threshold.
        number = _NUMBER.match(w.text) and _DIGIT.search(w.text) and len(w.text) > 1
        needed = NUMBER_CONFIDENCE if number else LOW_CONFIDENCE
        unsure = w.conf < needed or i in too_wide
        text = f"{_UNSURE}{i}{_UNSURE}" if unsure else _roman(w.text)
        word = {"text": text, "x0": w.x0, "x1": w.x1, "top": w.top, "bottom": w.bottom}
        if not unsure:
            word["conf"] = w.conf  # the row's confidence, per box (an unsure word's cell is emptied)
        layout.words.append(word)
    layout.hrules.extend(ocr.hrules)
    hrules = ocr.hrules + _lost_frame(ocr.hrules, ocr.vrules)
    layout.hrules.extend(hrules[len(ocr.hrules):])
    layout.hrules.extend(_lost_rules(ocr.words, hrules, ocr.vrules))
    layout.vrules.extend(ocr.vrules)
    page = read_layout(layout)
    confs: dict[str, float] = {}
    for w in ocr.words:
        confs[w.text] = min(confs.get(w.text, 100.0), w.conf)
    unresolved: list[tuple[int, int, int]] = []
    for t, table in enumerate(page.tables):
        repaired = _repair(table, ocr.words)
        header_end = ocr_repair.header_end([row.cells for row in table.rows], lambda c: _UNSURE not in c)
        for r, row in enumerate(table.rows):
            numbering = is_numbering_row([c for c in row.cells if _UNSURE not in c])
            for c, cell in enumerate(row.cells):
                if _UNSURE in cell:
                    # A header cell that cannot be read still heads its column: blank, the label to its
                    # left would span over it (or the row be moved under another header).
                    # A number that cannot be read holds its place too, so the row is not moved under
                    # other headers to fill the hole; an unsure word of a label leaves the label blank.
                    read = _MARK.sub(lambda m: ocr.words[int(m.group(1))].text, cell)
                    value = r >= header_end and (_DIGIT.search(read) or cell == _UNSURE + "#")
                    row.cells[c] = UNREAD if (r < header_end and not numbering) or value else ""
                    unresolved.append((t + 1, r + 1, c + 1))
            # The least sure word of the row stands for it: the layout took it from the row's own word
            # boxes; a row it built otherwise (continued from the page before) finds its words by text.
            if row.confidence is not None:
                seen = [row.confidence * 100]
            else:
                seen = [confs[tok] for cell in row.cells for tok in cell.split() if tok in confs]
            seen += repaired.get(r, [])  # a repaired word keeps the confidence Tesseract read it with
            row.confidence = round(min(seen) / 100, 2) if seen else None
    def restore(m: re.Match) -> str:
        word = ocr.words[int(m.group(1))].text
        return "?" if _DIGIT.search(word) else word

    for item in page.items:
        if isinstance(item, TextLine) and _UNSURE in item.text:
            item.text = _MARK.sub(restore, item.text)
    confident = [w.conf for w in ocr.words if w.text.strip()]
    page.ocr_confidence = round(sum(confident) / len(confident) / 100, 2) if confident else 0.0
    return page, unresolved


def _last_token(words: list[OcrWord]) -> Callable[[str], tuple[str, bool] | None]:
    def last(cell: str) -> tuple[str, bool] | None:
        tokens = cell.split()
        if not tokens:
            return None
        tok = tokens[-1]
        if _UNSURE not in tok:
            return tok, True
        return _MARK.sub(lambda m: words[int(m.group(1))].text, tok), False
    return last


def _repair(table, words: list[OcrWord]) -> dict[int, list[float]]:
    """Apply `ocr_repair` to a table's cells (marks still in); the Tesseract confidences of the words
    it replaced, by row."""
    out: dict[int, list[float]] = {}
    for fix in ocr_repair.repair_table([row.cells for row in table.rows], _last_token(words)):
        row = table.rows[fix.row]
        head, _, tail = row.cells[fix.col].rstrip().rpartition(" ")
        if fix.text is None:
            # Emptied and reported as unresolved below; a distrusted number keeps its place (`#`).
            row.cells[fix.col] = _UNSURE + ("#" if _DIGIT.search(fix.was or "") else "")
            continue
        if not fix.anchor:  # a sure code stays as read; only the unsure words beside it go (below)
            out.setdefault(fix.row, []).extend(words[int(i)].conf for i in _MARK.findall(tail))
        # The code says what the row is; an unsure word of the rank's name beside it (`Pembina`) adds
        # nothing to that and is left out rather than making the cell unresolved.
        head = " ".join(_MARK.sub("", head).split())
        row.cells[fix.col] = f"{head} {fix.text}" if head else fix.text
    return out


def ocr_pages(path: str | Path, pages: list[Page], config: ExtractionConfig) -> list[Page]:
    """Pages of `path` with OCR where the text layer is missing: image-only pages replaced, pages with a
    large picture of text re-read with the picture's words added. `pages` are the text-layer pages.

    Without Tesseract an image-only PDF stays what it was (the caller reports it as needing OCR)."""
    path = Path(path)
    if not available():
        log.warning("tesseract not installed: %s is read without OCR", path)
        return pages
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium's own error type for a file the text path could read
        raise UnreadableFileError(path, f"corrupt PDF ({type(exc).__name__}: {exc})"[:300], "corrupt") from exc
    try:
        jobs: list[_Job] = []
        for page in pages:
            if not page.items:
                jobs.append(_Job(page.number, None))
            else:
                jobs.extend(_Job(page.number, bbox) for bbox in _large_images(pdf, page.number))
        if not jobs:
            return pages
        sha = file_sha256(path)
        total = len(jobs)
        log.info("OCR of %s: %d page(s) or pictures", path, total)
        done = 0
        results: list[OcrPage] = []
        with ThreadPoolExecutor(max_workers=config.ocr_workers) as pool:
            for result in pool.map(lambda j: _run_job(pdf, path, sha, j, config), jobs):
                results.append(result)
                done += 1
                log.info("OCR of %s: %d/%d", path.name, done, total)
                if _ON_PAGE is not None:
                    _ON_PAGE(done, total)
    finally:
        pdf.close()
    by_number = {p.number: p for p in pages}
    for job, result in zip(jobs, results, strict=True):
        base = None
        if job.bbox is not None:
            from extractors.documents.pdf_layout import pdfium_layouts

            base = next(iter(pdfium_layouts(str(path), [job.number], config.pdf)))
        new, unresolved = _layout_page(result, base)
        if base is not None:
            new.ocr_confidence = None  # a text page with a picture: only the picture's rows carry confidence
        new.problems = _problems(path.name, job.number, unresolved)
        if result.error:
            new.problems.append(f"{path.name} page {job.number}: ocr_failed: {result.error}")
        by_number[job.number] = new
    return [by_number[p.number] for p in pages]


def _problems(source: str, number: int, unresolved: list[tuple[int, int, int]]) -> list[str]:
    """One line per table (a poor scan has hundreds of unsure cells), naming each cell's row and column."""
    by_table: dict[int, list[str]] = {}
    for t, r, c in unresolved:
        by_table.setdefault(t, []).append(f"r{r}c{c}")
    return [f"{source} page {number}: {REASON_LOW}: {len(cells)} unresolved cell(s) in table {t} "
            f"({' '.join(cells)})" for t, cells in by_table.items()]


def mark_facts(document: Document, facts: list, problems: list[str]) -> None:
    """Facts from OCR'd pages say so (their row's confidence, else the page's), and the cells OCR
    could not trust join the document's problems."""
    ocr = {p.number: p.ocr_confidence for p in document.pages if p.ocr_confidence is not None}
    for f in facts:
        if f.confidence is None and f.page in ocr:
            f.confidence = ocr[f.page]
    for page in document.pages:
        problems.extend(page.problems)
