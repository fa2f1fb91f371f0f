"""Matplotlib charts (Agg backend: the report is rendered on servers without a display).

Every chart is horizontal so region names stay readable, sorted by the caller, and labelled with its
values, so a reader never has to estimate a bar's length against an axis.

Drawing is most of the report's cost, so every chart is keyed by a digest of what it draws (its data,
title and styling, plus the drawing code and matplotlib version) and kept in a content cache: a chart whose
digest is unchanged is copied from the cache instead of being drawn again (see `cache_session`).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from extractors.file_identity import source_digest  # noqa: E402
from warehouse.report.fmt import num  # noqa: E402
from warehouse.report.palette import NEUTRAL, TARGET  # noqa: E402

DPI = 110
WIDTH = 10.5
plt.rcParams.update({
    "font.family": "DejaVu Sans",
    "font.size": 9.5,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
})


ChartFn = TypeVar("ChartFn", bound=Callable[..., Path])


@dataclass
class ChartSession:
    """One report build's content cache: rendered PNGs kept by digest (and whole sections, see
    warehouse/report/memo.py), and what this build drew (rendered anew) and reused (copied from the cache),
    by chart file name."""

    cache_dir: Path
    drawn: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # digests this build needs; the rest of the cache is stale
    digest_of: dict[str, str] = field(default_factory=dict)  # chart file name -> digest of its cached PNG
    sections_built: list[str] = field(default_factory=list)
    sections_reused: list[str] = field(default_factory=list)

    def prune(self) -> None:
        """Drop cached entries this build did not use: only the latest build's charts and sections can be
        reused."""
        for entry in [*self.cache_dir.glob("*.png"), *self.cache_dir.glob("*.json")]:
            if entry.stem not in self.used:
                entry.unlink(missing_ok=True)


_session: ChartSession | None = None


@contextmanager
def cache_session(cache_dir: Path) -> Iterator[ChartSession]:
    """Within the block, charts are reused from `cache_dir` when what they draw is unchanged."""
    global _session
    cache_dir.mkdir(parents=True, exist_ok=True)
    previous, _session = _session, ChartSession(cache_dir)
    try:
        yield _session
    finally:
        _session = previous


def current_session() -> ChartSession | None:
    """The cache session of the report build in progress, if any."""
    return _session


@functools.cache
def _code_digest() -> str:
    here = Path(__file__).resolve().parent
    # fmt.num writes the value labels; the palette's names are resolved by callers and arrive as arguments.
    return source_digest([here / "charts.py", here / "fmt.py"], here, matplotlib.__version__, DPI, WIDTH)


def content_digest(kind: str, payload: object, code: str | None = None) -> str | None:
    """The digest the report's cache keys everything by: the code that renders (`code`, default the drawing
    code) plus the text form of what it renders. None when the payload has no stable text form (an object
    printed by address), so such output is always rendered rather than wrongly reused."""
    text = repr((kind, payload))
    if " at 0x" in text:
        return None
    return hashlib.sha256(f"{code or _code_digest()}|{text}".encode()).hexdigest()[:32]


def _chart_digest(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    """Digest of everything a chart function draws (its arguments)."""
    return content_digest(name, (args, sorted(kwargs.items())))


def restore_png(cached_png: Path, path: Path) -> None:
    """Put a cached chart at `path`; through a temporary name, so a reader never sees half a PNG."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    shutil.copyfile(cached_png, tmp)
    os.replace(tmp, path)


def cached(fn: ChartFn) -> ChartFn:
    """Reuse the cached PNG of a chart whose digest is unchanged; draw it (and cache it) otherwise."""

    @functools.wraps(fn)
    def wrapper(path: Path, *args: Any, **kwargs: Any) -> Path:
        session = _session
        digest = _chart_digest(fn.__name__, args, kwargs) if session is not None else None
        if session is None or digest is None:
            if session is not None:
                session.drawn.append(path.name)
            return fn(path, *args, **kwargs)
        session.used.add(digest)
        session.digest_of[path.name] = digest
        hit = session.cache_dir / f"{digest}.png"
        if hit.is_file():
            restore_png(hit, path)
            session.reused.append(path.name)
            return path
        out = fn(path, *args, **kwargs)
        tmp = hit.with_suffix(".tmp")
        shutil.copyfile(out, tmp)
        os.replace(tmp, hit)  # a build killed mid-copy leaves no half PNG under a valid digest
        session.drawn.append(path.name)
        return out

    return wrapper  # type: ignore[return-value]


def _height(n_bars: int, per_bar: float = 0.42, extra: float = 1.6) -> float:
    return max(2.6, extra + per_bar * n_bars)


def _save(fig: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Constrained layout already fits titles, labels and legends; a "tight" bbox would draw everything twice.
    fig.savefig(path, dpi=DPI, facecolor="white")
    plt.close(fig)
    return path


def _text_colour(hex_colour: str) -> str:
    """White on dark segments, black on light ones (relative luminance)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.55 else "#212121"


def _title_and_legend(fig: Figure, ax: plt.Axes, title: str, handles: list | None = None, ncol: int = 6) -> None:
    """Title on top, legend below the plot: a legend between title and bars collides with both."""
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=12)
    handles = handles if handles is not None else ax.get_legend_handles_labels()[0]
    if handles:
        fig.legend(handles=handles, loc="outside lower center", ncol=max(1, min(len(handles), ncol)),
                   frameon=False, fontsize=8.5, handlelength=1.4, columnspacing=1.2)


@cached
def stacked(
    path: Path,
    title: str,
    labels: Sequence[str],
    categories: Sequence[str],
    counts: Sequence[dict[str, float]],
    colours: dict[str, str],
    share: bool = True,
    min_label: float = 0.06,
) -> Path:
    """Stacked horizontal bars, first label on top; shares (100%) or absolute counts."""
    fig, ax = plt.subplots(figsize=(WIDTH, _height(len(labels))), layout="constrained")
    ys = list(range(len(labels)))[::-1]
    totals = [sum(c.get(k, 0) or 0 for k in categories) for c in counts]
    lefts = [0.0] * len(labels)
    for cat in categories:
        widths = []
        for c, tot in zip(counts, totals, strict=True):
            v = float(c.get(cat, 0) or 0)
            widths.append(v / tot if share and tot else v)
        col = colours.get(cat, NEUTRAL)
        ax.barh(ys, widths, left=lefts, color=col, edgecolor="white", linewidth=0.6, height=0.7, label=cat)
        scale = 1.0 if share else (max(totals) or 1)
        for y, left, w in zip(ys, lefts, widths, strict=True):
            if w > 0 and w / scale >= min_label:
                text = f"{num(w * 100, 0)}%" if share else num(w)
                ax.text(left + w / 2, y, text, ha="center", va="center", fontsize=8.5, color=_text_colour(col))
        lefts = [a + b for a, b in zip(lefts, widths, strict=True)]
    ax.set_yticks(ys, labels)
    if share:
        ax.set_xlim(0, 1.13)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
        for y, tot in zip(ys, totals, strict=True):
            ax.text(1.01, y, f"n = {num(tot)}", va="center", fontsize=8.5, color="#424242")
    else:
        ax.set_xlim(0, (max(totals) or 1) * 1.12)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts of files and checks
        for y, tot in zip(ys, totals, strict=True):
            ax.text(tot, y, f" {num(tot)}", va="center", fontsize=8.5, color="#424242")
    _title_and_legend(fig, ax, title, ncol=min(len(categories), 12))
    return _save(fig, path)


@dataclass(frozen=True)
class PyramidPanel:
    label: str
    bands: list[str]
    male: list[int]
    female: list[int]


@cached
def pyramid(path: Path, title: str, panels: Sequence[PyramidPanel], colours: dict[str, str]) -> Path:
    """Age pyramids by gender, one small multiple per region. Bars are shares of the region's staff, so a
    city of 60 and a province of 10,000 are both readable and comparable; the labels are head counts."""
    n = len(panels)
    cols = min(n, 3)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(WIDTH, 3.3 * rows + 0.5), squeeze=False, layout="constrained")
    shares = []
    for p in panels:
        total = sum(p.male) + sum(p.female) or 1
        shares.append(([m / total * 100 for m in p.male], [f / total * 100 for f in p.female]))
    top = max(max(m + f + [1e-9]) for m, f in shares)
    for ax, panel, (male, female) in zip(axes.flat, panels, shares, strict=False):
        ys = range(len(panel.bands))
        ax.barh(ys, [-m for m in male], color=colours["Laki-laki"], height=0.8)
        ax.barh(ys, female, color=colours["Perempuan"], height=0.8)
        for y, m, f, cm, cf in zip(ys, male, female, panel.male, panel.female, strict=True):
            ax.text(-m - top * 0.03, y, num(cm), ha="right", va="center", fontsize=7.5)
            ax.text(f + top * 0.03, y, num(cf), ha="left", va="center", fontsize=7.5)
        ax.set_yticks(list(ys), panel.bands, fontsize=8)
        ax.set_xlim(-top * 1.45, top * 1.45)
        ax.axvline(0, color="#616161", linewidth=0.6)
        ax.set_xticks([])
        ax.spines["bottom"].set_visible(False)
        ax.set_title(panel.label, fontsize=10)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    handles = [Patch(color=colours["Laki-laki"], label="Laki-laki / Male"),
               Patch(color=colours["Perempuan"], label="Perempuan / Female")]
    _title_and_legend(fig, axes.flat[0], title, handles)
    return _save(fig, path)


@dataclass(frozen=True)
class ValueBar:
    label: str
    value: float
    colour: str
    text: str
    target: float | None = None
    marker: float | None = None  # a second value on the same scale (e.g. the index computed from SIMPEG)


@cached
def value_bars(
    path: Path,
    title: str,
    bars: Sequence[ValueBar],
    xlabel: str,
    xlim: tuple[float, float] | None = None,
    bands: Sequence[tuple[float, float, str, str]] = (),
    legend: Sequence[tuple[str, str]] = (),
    marker_label: str = "",
    ref_line: float | None = None,
) -> Path:
    """Bars with their value labels, target ticks and shaded category bands behind them."""
    fig, ax = plt.subplots(figsize=(WIDTH, _height(len(bars), 0.5)), layout="constrained")
    ys = list(range(len(bars)))[::-1]
    lo = xlim[0] if xlim else 0
    hi = xlim[1] if xlim else max([b.value for b in bars] + [b.target or 0 for b in bars] + [1]) * 1.15
    for b_lo, b_hi, name, col in bands:
        ax.axvspan(max(b_lo, lo), min(b_hi, hi), color=col, alpha=0.10, linewidth=0)
        ax.text((max(b_lo, lo) + min(b_hi, hi)) / 2, 1.0, name, transform=ax.get_xaxis_transform(),
                ha="center", va="bottom", fontsize=7.5, color=col)
    ax.barh(ys, [b.value - lo for b in bars], left=lo, color=[b.colour for b in bars], height=0.62)
    for y, b in zip(ys, bars, strict=True):
        # Right of whatever is drawn on the row, so the label never sits on the target tick or the marker.
        right = max(b.value, b.target if b.target is not None else lo, b.marker if b.marker is not None else lo)
        ax.text(right + (hi - lo) * 0.012, y, b.text, va="center", fontsize=8.5,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})
        if b.target is not None:
            ax.plot([b.target, b.target], [y - 0.42, y + 0.42], color=TARGET, linewidth=2.2)
        if b.marker is not None:
            ax.plot([b.marker], [y], marker="D", color="white", markeredgecolor=TARGET, markersize=6)
    if ref_line is not None:
        ax.axvline(ref_line, color=TARGET, linestyle="--", linewidth=0.8)
    ax.set_yticks(ys, [b.label for b in bars])
    ax.set_xlim(lo, hi)
    ax.set_xlabel(xlabel)
    handles = [Patch(color=c, label=n) for n, c in legend]
    if any(b.target is not None for b in bars):
        handles.append(plt.Line2D([], [], color=TARGET, linewidth=2.2, label="Target"))
    if marker_label and any(b.marker is not None for b in bars):
        handles.append(plt.Line2D([], [], marker="D", color="white", markeredgecolor=TARGET, linestyle="",
                                  label=marker_label))
    _title_and_legend(fig, ax, title, handles)
    return _save(fig, path)


@cached
def delta_panels(path: Path, title: str, panels: Sequence[tuple[str, Sequence[tuple[str, float, str]]]]) -> Path:
    """Year-over-year change per region: one full-width panel per measure, green up, red down, labelled."""
    heights = [max(1.2, 0.42 * len(rows) + 0.6) for _, rows in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(WIDTH, sum(heights) + 0.8), squeeze=False,
                             height_ratios=heights, layout="constrained")
    for ax, (name, rows) in zip(axes.flat, panels, strict=True):
        ys = list(range(len(rows)))[::-1]
        values = [v for _, v, _ in rows]
        ax.barh(ys, values, color=["#2e7d32" if v >= 0 else "#c0392b" for v in values], height=0.62)
        span = max([abs(v) for v in values] + [1e-9])
        for y, (_, v, text) in zip(ys, rows, strict=True):
            ax.text(v + (span * 0.02 if v >= 0 else -span * 0.02), y, text, va="center",
                    ha="left" if v >= 0 else "right", fontsize=8.5)
        ax.axvline(0, color="#616161", linewidth=0.8)
        ax.set_xlim(-span * 1.25, span * 1.25)
        ax.set_yticks(ys, [lab for lab, _, _ in rows], fontsize=8.5)
        ax.set_title(name, fontsize=10, loc="left")
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=12)
    return _save(fig, path)
