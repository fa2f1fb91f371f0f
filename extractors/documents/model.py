"""The one document model both loaders produce: pages ► text lines and tables ► rows ► cells.

Provenance travels with every row and line: `page` for PDFs, 1-based `line` for text renderings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The text of a header cell OCR could not read. The interpreters leave the numbers under it unresolved:
# a blank there would let a spanning label from the left, or a shifted alignment, give them a meaning.
UNREAD = "[unread]"


@dataclass
class Row:
    cells: list[str]
    page: int | None = None
    line: int | None = None
    # OCR'd rows only: the lowest word confidence of the row (0-1), which its facts carry.
    confidence: float | None = None


@dataclass
class Table:
    rows: list[Row]
    page: int | None = None
    line: int | None = None
    ruled: bool = False  # drawn with grid lines (PDF) or a real table fragment (text)
    # Left edges of the columns of a borderless PDF table, to continue it on the next page.
    edges: list[float] | None = None

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass
class TextLine:
    text: str
    page: int | None = None
    line: int | None = None


Item = TextLine | Table


@dataclass
class Page:
    number: int
    # Lines and tables in reading order, so a recogniser can look back for a table's title.
    items: list[Item] = field(default_factory=list)
    # OCR'd pages only: mean word confidence (0-1), and cells OCR could not trust (reported, not read).
    ocr_confidence: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [i for i in self.items if isinstance(i, Table)]

    @property
    def lines(self) -> list[TextLine]:
        return [i for i in self.items if isinstance(i, TextLine)]


@dataclass
class Document:
    source: str  # file name (basename)
    kind: str  # "pdf" | "text" | "xlsx" (a rekap workbook: sheets as pages)
    pages: list[Page] = field(default_factory=list)

    def items(self) -> list[Item]:
        return [i for p in self.pages for i in p.items]

    def text(self, max_pages: int | None = None) -> str:
        pages = self.pages if max_pages is None else self.pages[:max_pages]
        out: list[str] = []
        for p in pages:
            for i in p.items:
                if isinstance(i, TextLine):
                    out.append(i.text)
                else:
                    out.extend(" ".join(c for c in r.cells if c) for r in i.rows)
        return "\n".join(out)
