"""Tables flattened into one paragraph by a PDF-to-text conversion, rebuilt where their structure is certain.

A converter that reads a table column by column prints it as running text:

    Tabel 2.1 Jumlah Pegawai Berdasarkan Golongan No. Golongan Jumlah 1. 2. 3. Golongan IVc Golongan IVb
    Honorer 1 orang 4 orang 6 orang Jumlah 11 orang Sumber : ...

i.e. the numbering column (`1. 2. 3.`), then the label column, then the value column, then the total row.
The grid comes back only when every piece agrees: a numbering run 1..N, exactly N values after the labels,
the labels splitting into exactly N entries one way better than any other (the shared vocabularies say which
words form one category: `Sarjana Muda` is one, `S2 S1` two), and, when a total is printed, the values adding
up to it. Anything less stays prose: a wrong grid would put numbers under the wrong category.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from extractors import codes
from extractors.documents.model import Document, Item, Row, Table, TextLine
from extractors.numbers import is_dash, parse_count

# `1. 2. 3. ...` at least three consecutive items, as a numbering column prints when flattened.
_NUMBERING = re.compile(r"(?<![\w.,])1\.\s+2\.\s+3\.(?:\s+\d{1,3}\.)*(?=\s)")
_UNIT = re.compile(r"^(?:orang|org|pegawai|jiwa|pns|asn)[.,;]?$", re.IGNORECASE)
_TOTAL = re.compile(r"^(?:jumlah|total)$", re.IGNORECASE)
_CAPTION = re.compile(r"\b(?:tabel|table)\s+\d+(?:[.\-]\d+)*", re.IGNORECASE)
_NO = re.compile(r"\bno\s*\.?(?=\s)", re.IGNORECASE)
_MAX_LABEL_WORDS = 6  # one category label is a few words; longer pieces are sentences


@dataclass
class FlatTable:
    """A table rebuilt from a paragraph, with the prose around it."""

    before: str  # the prose before the caption
    caption: str | None
    header: list[str] | None
    rows: list[list[str]]  # number, label, value; the total row last when printed
    after: str


_NORMALISERS: tuple[Callable[[object], str | None], ...] = (
    codes.normalise_golongan_ruang, codes.normalise_golongan, codes.normalise_pendidikan,
    codes.normalise_jenis_jabatan, codes.normalise_eselon, codes.normalise_jenis_kelamin,
    codes.normalise_kelompok_usia,
)


@lru_cache(maxsize=4096)
def _reading(label: str) -> tuple[str, str] | None:
    """What the shared vocabularies read a label as (which list, which category), or None."""
    for normalise in _NORMALISERS:
        value = normalise(label)
        if value is not None:
            return normalise.__name__, value
    return None


def _piece_cost(words: tuple[str, ...], head: str | None) -> tuple[int, int, int]:
    """(unrecognised, dead words, off-pattern) for one candidate label; lower is better.

    A piece that reads as a category is good unless it is really two categories (`S2 S1`); a word the
    reading does not need (`Muda` in `Muda D3`) is dead weight, except the head word the labels share
    (`Golongan` in `Golongan IVc`); a piece that does not start with that shared head is off-pattern.
    """
    label = " ".join(words)
    reading = _reading(label)
    off = int(head is not None and words[0].lower() != head)
    if reading is None:
        return 1, 0, off
    for cut in range(1, len(words)):
        if _reading(" ".join(words[:cut])) and _reading(" ".join(words[cut:])):
            return 1, 0, off
    dead = 0
    if len(words) > 1:
        for i, w in enumerate(words):
            if w.lower() == head:
                continue
            rest = words[:i] + words[i + 1:]
            if _reading(" ".join(rest)) == reading:
                dead += 1
    return 0, dead, off


def split_labels(words: list[str], n: int) -> list[str] | None:
    """Split a run of label words into exactly `n` labels, or None when no split is clearly best."""
    if n <= 0 or len(words) < n or len(words) > n * _MAX_LABEL_WORDS:
        return None
    if len(words) == n:
        return list(words)
    firsts = Counter(w.lower() for w in words)
    common, count = firsts.most_common(1)[0]
    head = common if count >= max(2, n // 2) else None
    inf = (10**9, 0, 0)
    # best[i][k]: the best cost of splitting words[:i] into k labels, and how many splits reach it.
    best: list[list[tuple[tuple[int, int, int], int, int]]] = [
        [(inf, 0, -1)] * (n + 1) for _ in range(len(words) + 1)
    ]
    best[0][0] = ((0, 0, 0), 1, -1)
    for i in range(1, len(words) + 1):
        for k in range(1, min(i, n) + 1):
            cand: tuple[tuple[int, int, int], int, int] = (inf, 0, -1)
            for j in range(max(k - 1, i - _MAX_LABEL_WORDS), i):
                prev_cost, prev_ways, _ = best[j][k - 1]
                if prev_cost == inf:
                    continue
                pc = _piece_cost(tuple(words[j:i]), head)
                cost = (prev_cost[0] + pc[0], prev_cost[1] + pc[1], prev_cost[2] + pc[2])
                if cost < cand[0]:
                    cand = (cost, prev_ways, j)
                elif cost == cand[0]:
                    cand = (cost, cand[1] + prev_ways, cand[2])
            best[i][k] = cand
    cost, ways, _ = best[len(words)][n]
    if cost == inf or ways != 1:
        return None  # two splits read equally well: the labels are not certain
    out: list[str] = []
    i, k = len(words), n
    while k:
        j = best[i][k][2]
        out.append(" ".join(words[j:i]))
        i, k = j, k - 1
    return out[::-1]


def _values(tokens: list[str], start: int, n: int) -> tuple[list[str], int] | None:
    """`n` value cells from tokens[start:] (`12 orang`, `12`, `-`), and where they end."""
    out: list[str] = []
    i = start
    while len(out) < n and i < len(tokens):
        t = tokens[i]
        if is_dash(t):
            out.append("-")
            i += 1
            continue
        if not re.fullmatch(r"\d[\d.]*", t) or parse_count(t) is None:
            return None
        i += 1
        if i < len(tokens) and _UNIT.match(tokens[i]):
            out.append(f"{t} {tokens[i].rstrip('.,;').lower()}")
            i += 1
        else:
            out.append(t)
    return (out, i) if len(out) == n else None


def find_flat_table(text: str) -> FlatTable | None:
    """The first flattened table in a paragraph whose grid is certain, or None."""
    for m in _NUMBERING.finditer(text):
        numbers = re.findall(r"\d+", m.group(0))
        if [int(x) for x in numbers] != list(range(1, len(numbers) + 1)):
            continue
        n = len(numbers)
        tokens = text[m.end():].split()
        found = _rebuild(tokens, n)
        if found is None:
            continue
        labels, values, total, end = found
        head_text = text[: m.start()].rstrip()
        header: list[str] | None = None
        no = list(_NO.finditer(head_text))
        caption_end = len(head_text)
        if no:
            header_words = head_text[no[-1].start():].split()
            if 2 <= len(header_words) <= 2 + _MAX_LABEL_WORDS:
                # `No. Golongan Pangkat Jumlah`: the last word heads the values when it names them.
                if len(header_words) >= 3 and _TOTAL.match(header_words[-1]):
                    header = [header_words[0], " ".join(header_words[1:-1]), header_words[-1]]
                else:
                    header = [header_words[0], " ".join(header_words[1:]), ""]
                caption_end = no[-1].start()
        caption = None
        before = head_text[:caption_end].rstrip()
        captions = list(_CAPTION.finditer(before))
        if captions:
            caption = before[captions[-1].start():].strip()
            before = before[: captions[-1].start()].rstrip()
        rows = [[f"{i + 1}.", label, value] for i, (label, value) in enumerate(zip(labels, values, strict=True))]
        if total is not None:
            rows.append(["", total[0], total[1]])
        after = " ".join(tokens[end:])
        return FlatTable(before=before, caption=caption, header=header, rows=rows, after=after)
    return None


def _rebuild(tokens: list[str], n: int) -> tuple[list[str], list[str], tuple[str, str] | None, int] | None:
    """Labels, values, the total row and the end token, for the one start of the values that fits."""
    fits = []
    for start in range(n, min(len(tokens), n * _MAX_LABEL_WORDS + 1)):
        got = _values(tokens, start, n)
        if got is None:
            continue
        values, end = got
        total = None
        if end + 1 < len(tokens) and _TOTAL.match(tokens[end]):
            tv = _values(tokens, end + 1, 1)
            if tv is not None:
                total = (tokens[end], tv[0][0])
                end = tv[1]
        # More numbers straight after: the values run is longer than the numbering, so not this table.
        if end < len(tokens) and _values(tokens, end, 1) is not None:
            continue
        labels = split_labels(tokens[:start], n)
        if labels is None:
            continue
        if total is not None:
            printed = parse_count(total[1].split()[0])
            parts = [parse_count(v.split()[0]) for v in values]
            if printed is None or None in parts or sum(p for p in parts if p is not None) != printed:
                continue  # the column does not add up to its printed total: the split is not proven
        fits.append((labels, values, total, end))
        break  # the first start whose values run fits: the label words end where numbers begin
    return fits[0] if fits else None


def rebuild_in_pages(document: Document) -> int:
    """Rebuild flattened tables in a PDF's pages, where a paragraph runs over many text lines.

    Consecutive text lines of a page are read as one paragraph; where a flattened table is found in it, the
    run is replaced by the prose before, the caption, the table and the prose after (page provenance).
    Runs without one are left exactly as they were. Returns how many tables were rebuilt.
    """
    rebuilt = 0
    for page in document.pages:
        items: list[Item] = []
        run: list[TextLine] = []
        for item in [*page.items, None]:
            if isinstance(item, TextLine):
                run.append(item)
                continue
            if run:
                try:
                    found = _rebuild_run(run, page.number)
                except Exception:  # noqa: BLE001 - a rebuild that fails leaves the lines as they were
                    found = None
                rebuilt += sum(isinstance(i, Table) for i in found) if found else 0
                items.extend(found or run)
                run = []
            if item is not None:
                items.append(item)
        page.items = items
    return rebuilt


def _lines_of(before: str, run: list[TextLine], page: int) -> list[TextLine]:
    """The prose before a rebuilt table, as the lines it was printed on: a heading above the paragraph
    ("Keadaan Pegawai Tahun 2021") stays a line of its own, where a table's context can still read it.
    Only the line the table starts in is cut; `before` is a prefix of the run's lines joined by spaces."""
    out: list[TextLine] = []
    pos = 0
    for t in run:
        end = pos + len(t.text)
        if end > len(before):
            break
        out.append(t)
        pos = end + 1
    rest = before[pos:].strip()
    if rest:
        out.append(TextLine(text=rest, page=page))
    return out


def table_items(found: FlatTable, *, page: int | None = None, line: int | None = None) -> list[Item]:
    """The caption and the table of a flattened table found in prose, placed where the prose was (a PDF page
    or a line of a text rendering)."""
    items: list[Item] = [TextLine(text=found.caption, page=page, line=line)] if found.caption else []
    rows = ([Row(cells=found.header, page=page, line=line)] if found.header else []) + \
        [Row(cells=r, page=page, line=line) for r in found.rows]
    items.append(Table(rows=rows, page=page, line=line))
    return items


def _rebuild_run(run: list[TextLine], page: int) -> list[Item] | None:
    text = " ".join(t.text for t in run)
    if not _NUMBERING.search(text):
        return None
    out: list[Item] = []
    first = True
    while True:
        found = find_flat_table(text)
        if found is None:
            break
        if found.before and first:
            out.extend(_lines_of(found.before, run, page))
        elif found.before:
            out.append(TextLine(text=found.before, page=page))
        first = False
        out.extend(table_items(found, page=page))
        text = found.after
    if not out:
        return None
    if text:
        out.append(TextLine(text=text, page=page))
    return out
