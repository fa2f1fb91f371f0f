"""HTML building blocks: figures with embedded PNGs, data tables and sections. No JavaScript, no network."""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warehouse.report.fmt import is_missing, num

esc = html.escape


@dataclass(frozen=True)
class Col:
    """One table column: `render` turns the row's value into text; `raw_html` trusts it (source links)."""

    key: str
    label: str
    render: Callable[[Any], str] = str
    numeric: bool = False
    raw_html: bool = False


def int_col(key: str, label: str) -> Col:
    return Col(key, label, lambda v: num(v, 0), numeric=True)


def dec_col(key: str, label: str, places: int = 2) -> Col:
    return Col(key, label, lambda v: num(v, places), numeric=True)


def src_col(key: str = "source_html", label: str = "Sumber / Source") -> Col:
    return Col(key, label, raw_html=True)


def _missing(value: Any) -> bool:
    # Tuples and lists are values; only scalars can be NULL/NaN.
    return not isinstance(value, (tuple, list)) and is_missing(value)


def table(table_id: str, cols: Sequence[Col], rows: Sequence[dict[str, Any]], note: str = "") -> str:
    head = "".join(f'<th class="{"num" if c.numeric else ""}">{esc(c.label)}</th>' for c in cols)
    body = []
    for row in rows:
        cells = []
        for c in cols:
            value = row.get(c.key)
            if c.raw_html:
                text = value or "–"
            else:
                text = esc("–" if _missing(value) else c.render(value))
            cells.append(f'<td class="{"num" if c.numeric else ""}" data-col="{esc(c.key)}">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(cols)}" class="empty">Tidak ada data / no data</td></tr>')
    caption = f'<p class="note">{esc(note)}</p>' if note else ""
    return (
        f'<div class="tablewrap">{caption}<table class="data" id="{esc(table_id)}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def figure(fig_id: str, png: Path, alt: str, caption: str = "") -> str:
    """The PNG embedded as base64, so index.html alone can be mailed; the PNG also stays beside it."""
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return (
        f'<figure id="{esc(fig_id)}"><img src="data:image/png;base64,{data}" alt="{esc(alt)}" '
        f'data-file="{esc(png.name)}">{cap}</figure>'
    )


@dataclass
class Section:
    section_id: str
    title_id: str
    title_en: str
    parts: list[str] = field(default_factory=list)
    lead: str = ""

    def add(self, fragment: str) -> None:
        self.parts.append(fragment)

    def unavailable(self, why: str) -> None:
        self.parts.append(f'<p class="unavailable">{esc(why)}</p>')

    def render(self) -> str:
        lead = f'<p class="lead">{self.lead}</p>' if self.lead else ""
        return (
            f'<section id="{esc(self.section_id)}"><h2>{esc(self.title_id)}'
            f' <span class="en">/ {esc(self.title_en)}</span></h2>{lead}{"".join(self.parts)}</section>'
        )


CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 0 auto; max-width: 1180px; padding: 24px;
       color: #212121; background: #fff; line-height: 1.4; }
h1 { font-size: 26px; margin: 0 0 4px; } h1 .en, h2 .en { color: #757575; font-weight: normal; }
h2 { font-size: 20px; border-bottom: 2px solid #1565c0; padding-bottom: 4px; margin-top: 36px; }
h3 { font-size: 16px; margin: 22px 0 6px; }
.meta { color: #616161; font-size: 13px; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.kpi { border: 1px solid #e0e0e0; border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.kpi .v { font-size: 22px; font-weight: bold; } .kpi .l { font-size: 12px; color: #616161; }
.kpi.bad .v { color: #c0392b; } .kpi.good .v { color: #2e7d32; } .kpi.warn .v { color: #b7950b; }
.kpi.bad { border-color: #c0392b; } .kpi.warn { border-color: #f1c40f; }
figure { margin: 12px 0 4px; } figure img { max-width: 100%; border: 1px solid #eeeeee; }
figcaption { font-size: 12px; color: #616161; }
.tablewrap { overflow-x: auto; margin-bottom: 18px; }
table.data { border-collapse: collapse; font-size: 12.5px; width: 100%; }
table.data th { background: #eceff1; text-align: left; padding: 4px 6px; border-bottom: 1px solid #b0bec5; }
table.data td { padding: 3px 6px; border-bottom: 1px solid #eceff1; vertical-align: top;
                overflow-wrap: break-word; }
/* File and check names have no spaces: let only those break anywhere, not words like 'mismatch'. The selector
   must outweigh `table.data td` above, or the names keep their full width and push Sumber off the page. */
table.data td[data-col="source_html"], table.data td[data-col="file_html"], table.data code.check {
    overflow-wrap: anywhere; }
code.check { font-size: 11px; color: #616161; }
details summary { cursor: pointer; color: #1565c0; font-size: 13px; margin: 6px 0; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* Headers of number columns may wrap: a nowrap header widened tables past the page and clipped Sumber. */
table.data th.num { white-space: normal; }
td.empty, .unavailable { color: #757575; font-style: italic; }
.note, .lead { font-size: 13px; color: #424242; }
a.src, span.src { font-size: 12px; color: #1565c0; } span.src { color: #616161; }
nav { font-size: 13px; margin: 8px 0 16px; } nav a { margin-right: 12px; color: #1565c0; }
.status-failed, .status-error { color: #c0392b; font-weight: bold; } .status-passed, .status-loaded { color: #2e7d32; }
.status-warn { color: #b7950b; font-weight: bold; } .status-not_run { color: #757575; }
.share { color: #757575; font-size: 11px; }
table.data td:first-child { min-width: 170px; }
footer { margin-top: 40px; font-size: 12px; color: #757575; border-top: 1px solid #e0e0e0; padding-top: 8px; }
"""


def page(title: str, header: str, nav: list[tuple[str, str]], sections: list[str], footer: str) -> str:
    links = "".join(f'<a href="{esc(href)}">{esc(t)}</a>' for href, t in nav)
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"{header}<nav>{links}</nav>{''.join(sections)}<footer>{footer}</footer></body></html>"
    )
