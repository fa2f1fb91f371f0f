"""Load a text rendering of a PDF (.txt/.md) into the document model.

Tables arrive as tab-separated lines (sometimes with HTML fragments inside cells), as HTML
`<table>` fragments, or as Markdown pipe tables; emphasis arrives as `**bold**` or `<b>`.
Everything becomes one page whose rows and lines carry their 1-based line number.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from extractors.documents.model import Document, Page, Row, Table, TextLine

_TAG = re.compile(r"<[^>]+>")
_BREAK_TAGS = re.compile(r"</?(?:li|p|br|div)\b[^>]*>", re.IGNORECASE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.*?)\1")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def clean_text(raw: str) -> str:
    """Strip markup from a cell or line: HTML tags (list items become `; `), `**bold**`, links."""
    s = raw
    if "<" in s:
        s = _BREAK_TAGS.sub(" ; ", s)
        s = _TAG.sub(" ", s)
    if "&" in s:
        s = html.unescape(s)
    s = _MD_EMPHASIS.sub(r"\2", s)
    s = s.replace("**", "")
    s = _MD_LINK.sub(r"\1", s)
    s = re.sub(r"\s*;\s*(;\s*)+", " ; ", s)
    s = " ".join(s.split())
    return s.strip(" ;") if s.startswith(";") or s.endswith(";") else s


class _HtmlTableParser(HTMLParser):
    """Collect the rows of `<table>` fragments (cells by <td>/<th>, colspan repeated as blanks)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._row = []
        elif tag in {"td", "th"}:
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() else 1
        elif tag in {"li", "br", "p"} and self._cell is not None:
            self._cell.append(" ; ")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None and self._row is not None:
            self._row.append(clean_text("".join(self._cell)))
            self._row.extend([""] * (self._span - 1))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_table(lines: list[str], start: int) -> tuple[Table, int]:
    """Parse a `<table>` fragment starting at `start`; rows get the line where their <tr> opens."""
    end = start
    while end < len(lines) and "</table>" not in lines[end].lower():
        end += 1
    end = min(end, len(lines) - 1)
    rows: list[Row] = []
    for i in range(start, end + 1):
        parser = _HtmlTableParser()
        # Feed line by line so every row keeps its own line number; unfinished rows spill over.
        parser.feed("".join(lines[start : i + 1]))
        parser.close()
        while len(rows) < len(parser.rows):
            rows.append(Row(cells=parser.rows[len(rows)], line=i + 1))
    return Table(rows=rows, line=start + 1, ruled=True), end + 1


def _split_row(raw: str) -> list[str] | None:
    if "\t" in raw:
        return [clean_text(c) for c in raw.rstrip("\n").split("\t")]
    s = raw.strip()
    if s.startswith("|") and s.count("|") >= 2 and not _PIPE_SEPARATOR.match(s):
        return [clean_text(c) for c in s.strip("|").split("|")]
    return None


def load_text(path: str | Path, source: str | None = None) -> Document:
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    lines = text.splitlines()
    page = Page(number=1)
    current: Table | None = None
    blank_run = 0
    i = 0
    while i < len(lines):
        raw_line = lines[i]
        if "<table" in raw_line.lower():
            table, i = _html_table(lines, i)
            page.items.append(table)
            current = None
            continue
        if _PIPE_SEPARATOR.match(raw_line) and current is not None:
            i += 1
            continue
        cells = _split_row(raw_line)
        if cells is not None and any(cells):
            # One blank line inside a run of rows is a page break in the source, not a new table.
            if current is None or blank_run > 1:
                current = Table(rows=[], line=i + 1)
                page.items.append(current)
            current.rows.append(Row(cells=cells, line=i + 1))
            blank_run = 0
        elif not raw_line.strip() or (cells is not None and not any(cells)):
            blank_run += 1
        else:
            current = None
            blank_run = 0
            t = clean_text(raw_line)
            if t:
                page.items.append(TextLine(text=t, line=i + 1))
        i += 1
    return Document(source=source or path.name, kind="text", pages=[page])
