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
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Para:
    text: str


@dataclass
class Grid:
    rows: Sequence[Sequence[object]]
    ruled: bool = True
    header_rows: int = 1
    col_widths: Sequence[float] | None = None


@dataclass
class NewPage:
    pass


Block = Heading | Para | Grid | NewPage


@dataclass
class PdfDocument:
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    landscape: bool = False


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
    )
    flow: list = []
    for block in document.blocks:
        if isinstance(block, Heading):
            style = styles["Heading1" if block.level <= 1 else "Heading2" if block.level == 2 else "Heading3"]
            flow.append(Paragraph(escape(block.text), style))
        elif isinstance(block, Para):
            flow.append(Paragraph(escape(block.text), styles["BodyText"]))
        elif isinstance(block, Grid):
            flow.append(_table(block, cell_style, doc.width))
            flow.append(Spacer(1, 0.4 * cm))
        elif isinstance(block, NewPage):
            flow.append(PageBreak())
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
    if block.ruled:
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, block.header_rows - 1), colors.lightgrey),
        ]
    table.setStyle(TableStyle(commands))
    return table


def paragraphs(lines: Iterable[str]) -> list[Block]:
    return [Para(line) for line in lines if line.strip()]
