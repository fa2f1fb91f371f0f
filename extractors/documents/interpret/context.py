"""What every recogniser needs around a table: its title, the document identity, a fact factory."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.documents.model import Document, Row, Table, TextLine
from extractors.facts import DocumentIdentity, Fact, Unresolved

_TITLE_START = re.compile(r"^\s*(tabel|table|tab\.)\s*[\dIVX]", re.I)
_ENUM = re.compile(r"^\s*(\d{1,2}|[a-z])[.)]\s+\S")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_SOURCE_NOTE = re.compile(r"^[\W_]*(sumber|source|ket(erangan)?)\b", re.I)
# A section heading that dates what follows: "Keadaan Pegawai Tahun 2021", "Data Pegawai per Desember 2023".
_HEADING_YEAR = re.compile(r"\b(tahun|per|periode|keadaan|posisi)\b[^.:;]{0,20}?\b((?:19|20)\d{2})\s*$", re.I)


@dataclass
class TableContext:
    table: Table
    title: str | None
    before: list[str]  # nearby lines above the table, nearest last (section headings live here)
    after: list[str]  # a few lines below (source notes: "Sumber ... Tahun 2023")
    identity: DocumentIdentity
    published: int | None = None  # year on the title page: "now" for a plan's staff tables
    problems: list[str] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)

    def where(self, row: Row) -> str:
        return f"page {row.page}" if row.page is not None else f"line {row.line}"

    def problem(self, row: Row, message: str) -> None:
        self.problems.append(f"{self.identity.source} {self.where(row)}: {message} [{self.title or 'untitled'}]")

    def miss(self, row: Row, reason: str, text: str) -> None:
        """A number seen in this table whose meaning could not be determined: counted, never guessed."""
        self.unresolved.append(Unresolved(source=self.identity.source, reason=reason, text=text[:120],
                                          page=row.page, line=row.line if row.page is None else None))

    def context_text(self) -> str:
        return " ".join([*(self.before[-3:]), self.title or ""])

    def stated_year(self) -> int | None:
        """The year a table is about, from its title, else from its source note below."""
        years = _YEAR.findall(self.title or "")
        if years:
            return int(years[-1])
        for i, text in enumerate(self.after):
            if _SOURCE_NOTE.match(text):
                # Source notes wrap: "Sumber Data ... Karir" / "Aparatur BKPSDM ... Tahun 2023".
                years = _YEAR.findall(" ".join(self.after[i : i + 2]))
                if years:
                    return int(years[-1])
        return self._heading_year()

    def _heading_year(self) -> int | None:
        """The year of the section heading just above the caption, when nothing between them names another:
        a short line that ends in its year, not a sentence ("... pada tahun 2019 naik." says nothing of it)."""
        lines = list(self.before)
        if self.title:
            at = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip() and lines[i].strip()
                       in self.title), None)
            lines = lines[:at] if at is not None else lines
        for text in reversed(lines[-3:]):
            text = text.strip()
            m = _HEADING_YEAR.search(text)
            if m and len(text) <= 80 and len(_YEAR.findall(text)) == 1:
                return int(m.group(2))
            if _YEAR.search(text):
                return None  # prose naming another year sits between: the heading's year is not the table's
        return None

    def fact(self, row: Row, **kw) -> Fact:
        return Fact(
            source=self.identity.source,
            page=row.page,
            line=row.line if row.page is None else None,
            table=kw.pop("table", self.title),
            agency=self.identity.agency,
            region=self.identity.region,
            confidence=kw.pop("confidence", row.confidence),
            **kw,
        )


def table_contexts(document: Document, identity: DocumentIdentity,
                   published: int | None = None) -> list[TableContext]:
    """Pair every table with its title (the nearest `Tabel ...` line above, with its continuation)."""
    items = document.items()
    out: list[TableContext] = []
    for idx, item in enumerate(items):
        if not isinstance(item, Table):
            continue
        before: list[str] = []
        j = idx - 1
        while j >= 0 and len(before) < 8:
            prev = items[j]
            if isinstance(prev, Table):
                break
            before.append(prev.text)
            j -= 1
        before.reverse()
        title = _title(before)
        after: list[str] = []
        k = idx + 1
        while k < len(items) and len(after) < 3 and isinstance(items[k], TextLine):
            after.append(items[k].text)
            k += 1
        ctx = TableContext(table=item, title=title, before=before, after=after, identity=identity,
                           published=published)
        previous = _continued(out, ctx)
        if previous is not None and _join(previous, ctx):
            continue
        out.append(ctx)
    return out


# "Tabel 3.5 (lanjutan)", "Lanjutan Tabel 3.5", "Tabel 3.5 (Sambungan)": the rest of a table cut by a page.
_CONTINUATION = re.compile(r"\b(lanjutan|sambungan|lanj\.|continued)\b", re.I)
_TABLE_NUMBER = re.compile(r"\b(?:tabel|table|tab\.)\s*(\d+|[IVX]+)((?:\s*[.\-]\s*(?:\d+|[A-Za-z]\b))*)", re.I)


def _table_number(title: str | None) -> str | None:
    m = _TABLE_NUMBER.search(title or "")
    return re.sub(r"\s+", "", m.group(1) + m.group(2)).lower() if m else None


def _continued(out: list[TableContext], ctx: TableContext) -> TableContext | None:
    """The earlier table whose number a continuation caption repeats, or None."""
    if not ctx.title or not _CONTINUATION.search(ctx.title):
        return None
    number = _table_number(ctx.title)
    if number is None:
        return None
    return next((o for o in reversed(out) if _table_number(o.title) == number
                 and not _CONTINUATION.search(o.title or "")), None)


def _key(row: Row) -> tuple[str, ...]:
    cells = [c.strip().lower() for c in row.cells]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _join(first: TableContext, rest: TableContext) -> bool:
    """A continuation is one table with its first part (True): its caption says nothing new (the period,
    population and scope are the first part's), and a total row at its end closes the rows of both parts. A
    repeated header is dropped. Under a header of its own it is read alone, with the first part's caption."""
    head = 0
    while (head < min(len(first.table.rows), len(rest.table.rows))
           and _key(first.table.rows[head]) == _key(rest.table.rows[head])):
        head += 1
    starts_with_header = head > 0
    first_is_data = bool(rest.table.rows) and _looks_like_data(rest.table.rows[0])
    if not (starts_with_header or first_is_data):
        rest.title = first.title
        return False
    first.table = Table(rows=[*first.table.rows, *rest.table.rows[head:]], page=first.table.page,
                        line=first.table.line, ruled=first.table.ruled, edges=first.table.edges)
    first.after = rest.after
    return True


def _looks_like_data(row: Row) -> bool:
    filled = [c.strip() for c in row.cells if c.strip()]
    return len(filled) >= 2 and any(re.fullmatch(r"[\d.,]+", c) for c in filled[1:])


def _title(before: list[str]) -> str | None:
    for i in range(len(before) - 1, -1, -1):
        if _TITLE_START.match(before[i]):
            parts = [before[i]]
            # "Tabel 2.2" alone on its line: the caption follows on the next line(s).
            for nxt in before[i + 1 : i + 6]:
                if len(" ".join(parts)) > 200 or len(nxt) > 150 or _SOURCE_NOTE.match(nxt) or _ENUM.match(nxt):
                    break
                parts.append(nxt)
            rest = before[i + len(parts):]
            # A numbered heading between the caption and the table names this part of it
            # ("Tabel 2.a Sumber Daya Manusia" / "1. Berdasarkan Jabatan" / list).
            if rest and len(rest[-1]) <= 100 and _ENUM.match(rest[-1]):
                return rest[-1]
            return " ".join(" ".join(parts).split())[:300]
    # No "Tabel" caption: the nearest short line above is the best name the table has.
    # A source note ("Sumber: ...") sits between a caption and its table: it is not the caption.
    for text in reversed(before):
        if 3 <= len(text) <= 200 and not _SOURCE_NOTE.match(text):
            return text
    return None
