"""One page image through Tesseract: deskew, rules lifted off, word boxes with confidences.

This is the slow part of OCR and the part that is cached (per page, by the file's content and this
module's own code: a change to how pages are laid out afterwards does not throw away hours of OCR).
The `tesseract` CLI is driven directly with TSV output: pytesseract would run the same binary the same
way (image to a temporary file, TSV back) and add a dependency for nothing; pages in memory go in on
stdin instead of through the file system.
"""

from __future__ import annotations

import io
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image

from extractors.documents import ocr_image
from extractors.file_identity import source_digest

# Tesseract reads small print best at about 300 dpi; scans are often 100–150 dpi, so they are upsampled
# to twice their own resolution, within these bounds (a 100 dpi scan read at 200 dpi: mean confidence 88
# against 89 at 300 dpi, a third less time).
DPI = 300
MIN_DPI = 200
LANGUAGES = "ind"  # the default of ExtractionConfig.ocr_lang; the OCR cache key names the one used
TIMEOUT_S = 120  # one page; a page Tesseract cannot finish in this time is reported, not waited for


_HERE = Path(__file__).resolve().parent
VERSION = source_digest([_HERE / "ocr_engine.py", _HERE / "ocr_image.py"], _HERE, DPI, MIN_DPI)


@dataclass
class OcrWord:
    text: str
    x0: float  # PDF points, top-based like the text-layer words
    x1: float
    top: float
    bottom: float
    conf: float
    glyph_height: float = 0.0  # the word's own box (top/bottom are its line's): digit height for numbers


@dataclass
class OcrPage:
    """What Tesseract saw on one page (or one picture on it): the cached, expensive part."""

    number: int
    width: float
    height: float
    words: list[OcrWord] = field(default_factory=list)
    hrules: list[tuple[float, float, float]] = field(default_factory=list)
    vrules: list[tuple[float, float, float]] = field(default_factory=list)
    skew: float = 0.0
    error: str | None = None


# --------------------------------------------------------------------------------

def _tesseract(img: Image.Image, lang: str = LANGUAGES) -> str:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=1)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per page: pages run in parallel instead
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", lang, "--psm", "6", "-c", "preserve_interword_spaces=1",
         # Scans are dark on light: skipping the white-on-black retry of every line saves a good share of time.
         "-c", "tessedit_do_invert=0", "tsv"],
        input=buf.getvalue(), capture_output=True, timeout=TIMEOUT_S, env=env, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode(errors="replace").strip()[-300:] or f"exit {done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")


def _parse_tsv(tsv: str, scale: float, dx: float, dy: float) -> list[OcrWord]:
    """Word boxes; the words of one Tesseract line share the line's top and bottom, so that a row of
    digits and lower-case words stays one line for the layout (its line tolerance is a few points)."""
    lines: dict[tuple[str, ...], tuple[float, float]] = {}
    words: list[tuple[tuple[str, ...], list[str]]] = []
    for raw in tsv.splitlines()[1:]:
        f = raw.split("\t")
        if len(f) < 12:
            continue
        key = tuple(f[1:5])
        if f[0] == "4":
            lines[key] = (float(f[7]), float(f[7]) + float(f[9]))
        elif f[0] == "5" and f[11].strip() and float(f[10]) >= 0:
            words.append((key, f))
    out = []
    for key, f in words:
        left, top, width, height = (float(v) for v in f[6:10])
        line_top, line_bottom = lines.get(key, (top, top + height))
        text = f[11].strip()
        out.append(OcrWord(text=text, x0=dx + left * scale, x1=dx + (left + width) * scale,
                           top=dy + line_top * scale, bottom=dy + line_bottom * scale, conf=float(f[10]),
                           glyph_height=height * scale))
    return out


def _read_upright(gray: Image.Image, dpi: float, number: int, width: float, height: float,
                  offset: tuple[float, float], lang: str = LANGUAGES) -> OcrPage:
    page = OcrPage(number=number, width=width, height=height)
    arr = np.asarray(gray, dtype=np.uint8)
    dark = ocr_image.ink(arr)
    page.skew = ocr_image.skew_angle(dark)
    if page.skew:
        gray = gray.rotate(page.skew, resample=Image.Resampling.BICUBIC, fillcolor=255)
        arr = np.asarray(gray, dtype=np.uint8)
        dark = ocr_image.ink(arr)
    hrules, vrules, mask = ocr_image.find_rules(dark, dpi)
    clean = ocr_image.for_tesseract(arr, mask)
    scale = 72.0 / dpi
    dx, dy = offset
    page.hrules = [(dx + a * scale, dx + b * scale, dy + y * scale) for a, b, y in hrules]
    page.vrules = [(dy + a * scale, dy + b * scale, dx + x * scale) for a, b, x in vrules]
    if (clean < 128).any():
        page.words = _parse_tsv(_tesseract(Image.fromarray(clean), lang), scale, dx, dy)
    return page


def mean_confidence(page: OcrPage) -> float:
    return sum(w.conf for w in page.words) / len(page.words) if page.words else 0.0


# A reading at least this sure (mean word confidence) is kept without trying the page another way up.
SURE_READING = 60.0


def read_image(gray: Image.Image, dpi: float, number: int, width: float, height: float,
               offset: tuple[float, float] = (0.0, 0.0), lang: str = LANGUAGES) -> OcrPage:
    """OCR one grey image of (part of) a page whose top-left corner sits at `offset` points.

    A landscape table bound into a portrait report is printed turned a quarter: its text lines run up
    the page. A page that may be such (by its profiles; a wide table with many columns can look alike)
    is read turned clockwise first, the binding convention; if that reading is unsure, the page as it
    lies and then the other quarter turn are tried, and the surest reading is kept. Word positions are
    then those of the turned page (provenance is by page number)."""
    if offset != (0.0, 0.0) or not ocr_image.turned(ocr_image.ink(np.asarray(gray, dtype=np.uint8))):
        return _read_upright(gray, dpi, number, width, height, offset, lang)
    best: OcrPage | None = None
    for angle in (-90, 0, 90):
        img = gray.rotate(angle, expand=True, fillcolor=255) if angle else gray
        w, h = (height, width) if angle else (width, height)
        page = _read_upright(img, dpi, number, w, h, offset, lang)
        if best is None or mean_confidence(page) > mean_confidence(best):
            best = page
        if mean_confidence(best) >= SURE_READING:
            break
    return best
