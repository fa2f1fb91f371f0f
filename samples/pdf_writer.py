"""Write simple report-like PDFs (headings, paragraphs, tables) with reportlab.

Used by the sample-data generator and by tests that render text documents into real PDFs. Tables are
drawn either ruled (grid lines, as Word exports print them) or borderless (columns laid out by whitespace).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


@dataclass
class Heading:
    text: str
    level: int = 1
    # Title pages centre their lines; body headings stay left-aligned.
    centered: bool = False


@dataclass
class Para:
    text: str


@dataclass
class Grid:
    rows: Sequence[Sequence[object]]
    ruled: bool = True
    header_rows: int = 1
    col_widths: Sequence[float] | None = None
    # Merged cells as (first_col, first_row, last_col, last_row), e.g. a year heading over its
    # Target/Rp columns; the text sits in the first cell, the others stay empty.
    spans: Sequence[tuple[int, int, int, int]] = ()
    # Horizontal cell padding in points (reportlab's default is 6); wide one-row tables such as the
    # 17 golongan/ruang columns need less so that four-digit counts stay on one line.
    cell_padding: float | None = None


@dataclass
class NewPage:
    pass


@dataclass
class Gap:
    """Vertical white space, e.g. to push a title page's lines down the sheet."""

    height_cm: float = 1.0


Block = Heading | Para | Grid | NewPage | Gap


@dataclass
class PdfDocument:
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    landscape: bool = False
    # Byte-identical output for identical content (no creation date or random file id), so that a
    # regenerated sample has the same sha256 and a refresh can skip it as unchanged.
    invariant: bool = False


def _cell(value: object, style) -> Paragraph:
    return Paragraph(escape("" if value is None else str(value)), style)


def write_pdf(path: str | Path, document: PdfDocument) -> Path:
    """Render `document` to `path` and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    styles = getSampleStyleSheet()
    cell_style = styles["BodyText"].clone("cell", fontSize=7.5, leading=9)
    pagesize = landscape(A4) if document.landscape else A4
    doc = SimpleDocTemplate(
        str(path), pagesize=pagesize, title=document.title,
        leftMargin=1.5 * cm, rightMargin=1.5 * cm, topMargin=1.5 * cm, bottomMargin=1.5 * cm,
        **({"invariant": 1} if document.invariant else {}),
    )
    flow: list = []
    for block in document.blocks:
        if isinstance(block, Heading):
            style = styles["Heading1" if block.level <= 1 else "Heading2" if block.level == 2 else "Heading3"]
            if block.centered:
                style = style.clone(f"{style.name}-centered", alignment=TA_CENTER)
            flow.append(Paragraph(escape(block.text), style))
        elif isinstance(block, Para):
            flow.append(Paragraph(escape(block.text), styles["BodyText"]))
        elif isinstance(block, Grid):
            flow.append(_table(block, cell_style, doc.width))
            flow.append(Spacer(1, 0.4 * cm))
        elif isinstance(block, NewPage):
            flow.append(PageBreak())
        elif isinstance(block, Gap):
            flow.append(Spacer(1, block.height_cm * cm))
    doc.build(flow)
    return path


def _table(block: Grid, cell_style, available_width: float) -> Table:
    rows = [list(r) for r in block.rows]
    ncols = max((len(r) for r in rows), default=1)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    widths = list(block.col_widths) if block.col_widths else [available_width / ncols] * ncols
    data = [[_cell(v, cell_style) for v in r] for r in rows]
    table = Table(data, colWidths=widths, repeatRows=block.header_rows)
    commands: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    commands += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in block.spans]
    if block.cell_padding is not None:
        commands += [
            ("LEFTPADDING", (0, 0), (-1, -1), block.cell_padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), block.cell_padding),
        ]
    if block.ruled:
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, block.header_rows - 1), colors.lightgrey),
        ]
    table.setStyle(TableStyle(commands))
    return table


def paragraphs(lines: Iterable[str]) -> list[Block]:
    return [Para(line) for line in lines if line.strip()]
