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

from extractors.documents.model import Document, Item, Page, Row, Table, TextLine
from extractors.documents.text_flattened import find_flat_table, table_items

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


def _span(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = (dict(attrs).get(name) or "1").strip()
    # A span beyond any real table is a damaged attribute, not a reason to allocate a huge grid.
    return min(int(value), 200) if value.isdigit() and int(value) > 0 else 1


class _HtmlTableParser(HTMLParser):
    """Collect the rows of one `<table>` fragment as a grid.

    A cell spanning several columns or rows keeps its text in its top-left grid cell and leaves blanks in
    the others, so every later row keeps its cells under the right header (a `<th rowspan=2>No</th>`
    above `L | P` no longer shifts L under No). The same convention the PDF loader uses for merged cells.
    Fed once, line by line: the work is linear in the fragment's size.
    """

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[list[str], int]] = []  # cells and the 1-based line where the <tr> opened
        self._first_line = first_line
        self._row: list[str] | None = None
        self._row_line = first_line
        self._cell: list[str] | None = None
        self._colspan = 1
        self._rowspan = 1
        # Column -> rows still covered by a cell spanning down from above.
        self._pending: dict[int, int] = {}
        self.closed = False

    def _line(self) -> int:
        return self._first_line + self.getpos()[0] - 1

    def _fill_pending(self) -> None:
        """Blank grid cells where a cell from a row above still spans."""
        assert self._row is not None
        while self._pending.get(len(self._row), 0) > 0:
            col = len(self._row)
            self._row.append("")
            self._pending[col] -= 1

    def _open_row(self) -> None:
        self._close_row()
        self._row = []
        self._row_line = self._line()

    def _close_cell(self) -> None:
        if self._cell is None or self._row is None:
            self._cell = None
            return
        self._fill_pending()
        col = len(self._row)
        self._row.append(clean_text("".join(self._cell)))
        self._row.extend([""] * (self._colspan - 1))
        if self._rowspan > 1:
            for c in range(col, col + self._colspan):
                self._pending[c] = self._pending.get(c, 0) + self._rowspan - 1
        self._cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self._row is None:
            return
        # Spans from above that reach past this row's last own cell.
        width = max(self._pending, default=-1) + 1
        while len(self._row) < width:
            col = len(self._row)
            if self._pending.get(col, 0) > 0:
                self._pending[col] -= 1
            self._row.append("")
        self.rows.append((self._row, self._row_line))
        self._row = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.closed:
            return
        if tag == "tr":
            self._open_row()
        elif tag in {"td", "th"}:
            self._close_cell()
            if self._row is None:  # a cell outside any <tr>: the converter left the row implicit
                self._open_row()
            self._cell = []
            self._colspan = _span(attrs, "colspan")
            self._rowspan = _span(attrs, "rowspan")
        elif tag in {"li", "br", "p"} and self._cell is not None:
            self._cell.append(" ; ")

    def handle_endtag(self, tag: str) -> None:
        if self.closed:
            return
        if tag in {"td", "th"}:
            self._close_cell()
        elif tag == "tr":
            self._close_row()
        elif tag == "table":
            self._close_row()
            self.closed = True

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_table(lines: list[str], start: int) -> tuple[list[Item], int]:
    """Parse a `<table>` fragment starting on line `start`; rows get the line where their <tr> opens.

    Text before `<table` on its first line and after `</table>` on its last line is prose of those lines."""
    items: list[Item] = []
    first = lines[start]
    at = first.lower().find("<table")
    if at > 0 and clean_text(first[:at]):
        items.extend(_prose_items(clean_text(first[:at]), start + 1))
    parser = _HtmlTableParser(first_line=start + 1)
    i = start
    while i < len(lines):
        parser.feed((lines[i][at:] if i == start else lines[i]) + "\n")
        i += 1
        if parser.closed:
            break
    parser.close()
    parser._close_row()
    rows = [Row(cells=cells, line=line) for cells, line in parser.rows if any(cells)]
    items.append(Table(rows=rows, line=start + 1, ruled=True))
    last = lines[i - 1]
    end = last.lower().rfind("</table>")
    if parser.closed and end >= 0 and clean_text(last[end + len("</table>"):]) \
            and "<table" not in last[end:].lower():
        items.extend(_prose_items(clean_text(last[end + len("</table>"):]), i))
    return items, i


def _split_row(raw: str) -> list[str] | None:
    if "\t" in raw:
        return [clean_text(c) for c in raw.rstrip("\n").split("\t")]
    s = raw.strip()
    if s.startswith("|") and s.count("|") >= 2 and not _PIPE_SEPARATOR.match(s):
        return [clean_text(c) for c in s.strip("|").split("|")]
    return None


def _prose_items(text: str, line: int) -> list[Item]:
    """A line of prose, with any table flattened into it rebuilt as a table (see text_flattened)."""
    items: list[Item] = []
    while True:
        try:
            found = find_flat_table(text)
        except Exception:  # noqa: BLE001 - a rebuild that fails leaves the paragraph as prose
            found = None
        if found is None:
            break
        if found.before:
            items.append(TextLine(text=found.before, line=line))
        items.extend(table_items(found, line=line))
        text = found.after
    if text:
        items.append(TextLine(text=text, line=line))
    return items


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
            found, i = _html_table(lines, i)
            page.items.extend(found)
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
                page.items.extend(_prose_items(t, i + 1))
        i += 1
    return Document(source=source or path.name, kind="text", pages=[page])
