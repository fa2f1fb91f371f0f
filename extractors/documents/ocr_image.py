"""Image clean-up before OCR: binarise, deskew, find the table rules and lift them off the page.

Everything works on a grey page image as a numpy array (0 black … 255 white). Rules are found as long
straight runs of dark pixels; they become the same (x0, x1, y) / (top, bottom, x) rules the text-layer
path reads from drawn lines, so a scanned table is cut into cells by the same lattice code. Lifting
them off before Tesseract sees the page keeps a cell border from being read as a `1` or an `l`.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

# The search range covers a sheet laid crooked on the glass; beyond it a page is turned, not skewed.
MAX_SKEW = 5.0


def otsu_threshold(gray: np.ndarray) -> int:
    """The grey level that best splits ink from paper (Otsu's between-class variance)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256)
    weight_bg = np.cumsum(hist)
    weight_fg = total - weight_bg
    mean_cum = np.cumsum(hist * levels)
    mean_all = mean_cum[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * weight_bg - mean_cum * total) ** 2 / (weight_bg * weight_fg)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between))


def ink(gray: np.ndarray, cap: int = 160) -> np.ndarray:
    """Dark pixels. Shaded cell backgrounds are paper, so the split is between ink and the lighter rest:
    Otsu on a page with grey cells can land between grey and white; it is capped well below paper."""
    return gray < min(otsu_threshold(gray), cap)


# Grey at or above this is paper (shaded cells included); darker grey is stretched over the full range.
PAPER_GREY = 180


def for_tesseract(gray: np.ndarray, rules: np.ndarray) -> np.ndarray:
    """The image Tesseract reads: rules lifted off, shaded backgrounds turned white, and the glyphs kept
    grey at their edges. Tesseract's recogniser reads anti-aliased strokes better than a hard cut of a
    blurred scan (measured: more golongan labels like `IIIa` read with confidence, same digits)."""
    out = np.clip(gray.astype(np.float32) * (255.0 / PAPER_GREY), 0, 255).astype(np.uint8)
    out[rules] = 255
    return out


def _profile_score(dark_small: Image.Image, angle: float) -> float:
    rotated = np.asarray(dark_small.rotate(angle, resample=Image.Resampling.BILINEAR), dtype=np.float64)
    rows = rotated.sum(axis=1)
    # Straight text lines and rules give sharp row profiles: large jumps between neighbouring rows.
    return float(np.square(np.diff(rows)).sum())


def skew_angle(dark: np.ndarray) -> float:
    """Degrees to rotate the page (counter-clockwise, as Pillow does) so its lines run straight,
    by the projection-profile method on a reduced copy (coarse steps, then fine ones)."""
    if not dark.any():
        return 0.0
    # About 700 pixels across is enough to see lines and cheap to turn 30 times; a box filter keeps thin
    # strokes as grey instead of dropping them between samples.
    img = Image.fromarray(dark.astype(np.uint8) * 255)
    factor = max(1.0, max(img.size) / 700)
    small = img.resize((max(1, int(img.width / factor)), max(1, int(img.height / factor))), Image.Resampling.BOX)
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.5), key=lambda a: _profile_score(small, float(a)))
    fine = np.arange(best - 0.4, best + 0.4 + 1e-9, 0.1)
    best = max(fine, key=lambda a: _profile_score(small, float(a)))
    return round(float(best), 2)


def turned(dark: np.ndarray) -> bool:
    """Do the page's text lines run up or down it (a landscape table turned a quarter on a portrait
    page)? Lines give a sharp profile across them: here the column profile is much sharper than the
    row profile. A profile's score grows with the number of lines crossed and the square of their
    length, so the ratio is scaled by the page's shape (measured on the portrait pages of a scanned
    LKIP: upright 0.05-1.4, turned tables 2.6-4.9; but upright tables of many narrow columns reach 3,
    so a yes is a guess the reader checks by Tesseract's confidence)."""
    if not dark.any():
        return False
    h, w = dark.shape
    a = dark.astype(np.float32)
    rows = float(np.square(np.diff(a.sum(axis=1))).sum())
    cols = float(np.square(np.diff(a.sum(axis=0))).sum())
    return cols * w > TURNED_RATIO * rows * h


TURNED_RATIO = 2.0


def _runs(mask: np.ndarray, min_len: int) -> np.ndarray:
    """Horizontal runs of True at least `min_len` long: an (n, 3) array of (row, start, end)."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    d = np.diff(padded, axis=1)
    starts = np.argwhere(d == 1)
    ends = np.argwhere(d == -1)
    lengths = ends[:, 1] - starts[:, 1]
    keep = lengths >= min_len
    return np.column_stack([starts[keep, 0], starts[keep, 1], ends[keep, 1]])


def _group(runs: np.ndarray, gap: int) -> list[tuple[float, float, float, int, int]]:
    """Runs on neighbouring rows that overlap are one rule (a scanned rule is a few pixels thick, and a
    residual tilt moves it a pixel along its length): (start, end, centre row, first row, last row)."""
    rules: list[list[float]] = []
    for row, start, end in sorted(runs.tolist(), key=lambda r: (r[1], r[0])):
        for rule in rules:
            if rule[3] - gap <= row <= rule[4] + gap and start <= rule[1] + gap and end >= rule[0] - gap:
                rule[0], rule[1] = min(rule[0], start), max(rule[1], end)
                rule[3], rule[4] = min(rule[3], row), max(rule[4], row)
                rule[2] += row * (end - start)
                rule[5] += end - start
                break
        else:
            rules.append([start, end, row * (end - start), row, row, end - start])
    return [(r[0], r[1], r[2] / r[5], int(r[3]), int(r[4])) for r in rules]


Rule = tuple[float, float, float]


def find_rules(dark: np.ndarray, dpi: float) -> tuple[list[Rule], list[Rule], np.ndarray]:
    """Horizontal and vertical rules in pixels, and a mask of their pixels.

    A horizontal rule is longer than any word (0.8 in); a vertical one taller than a line of body text
    (0.22 in). Runs thicker than a rule can be (a dark block, a blurred bold word) are not rules."""
    # Searched at half resolution (2x2 blocks with any ink: a hairline survives), drawn back at full.
    h, w = dark.shape
    half = dark[: h - h % 2, : w - w % 2]
    half = half[0::2, 0::2] | half[1::2, 0::2] | half[0::2, 1::2] | half[1::2, 1::2]
    hdpi = dpi / 2
    max_thick = max(2, int(hdpi / 30))
    mask = np.zeros_like(dark, dtype=bool)
    hrules: list[Rule] = []
    for start, end, y, first, last in _group(_runs(half, int(hdpi * 0.8)), gap=1):
        if last - first + 1 > max_thick:
            continue
        hrules.append((2.0 * start, 2.0 * end, 2.0 * y + 1))
        mask[max(0, 2 * first - 2) : 2 * last + 4, 2 * start : 2 * end] = True
    vrules: list[Rule] = []
    for start, end, x, first, last in _group(_runs(np.ascontiguousarray(half.T), int(hdpi * 0.22)), gap=1):
        if last - first + 1 > max_thick:
            continue
        vrules.append((2.0 * start, 2.0 * end, 2.0 * x + 1))
        mask[2 * start : 2 * end, max(0, 2 * first - 2) : 2 * last + 4] = True
    return hrules, vrules, mask
