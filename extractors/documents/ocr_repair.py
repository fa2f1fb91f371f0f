"""OCR-specific repair of table cells, keyed on what their column holds: the one place for it.

Tesseract's misreads on a blurred office scan are not random. In a column of golongan codes the strokes of
a Roman numeral run together (`IIIb` read `Hb`, `IIc` read `Ic` at confidence 14, `IId` read `Id`), and in a
column of decimals the separator is sometimes lost at high confidence (`70.63` read `7063`). A word alone
cannot be repaired; its column can say what it must be:

- a column whose sure cells are a run of codes of one ordered series (golongan ruang `Ia … IVe`, or a
  letter and a Roman numeral, `DI … DIV`) in order, fills a gap between two sure neighbours when the gap
  has exactly as many rows as the series has codes between them and every letter Tesseract did read
  agrees (`IIIa, Hb, Wc, id, IVa` → `IIIb, IIIc, IIId`); a header row whose first sure code sits exactly as
  many cells in as the series has codes before it (`Va Vb Vc Ud ... IV/a`, twelve cells before IV/a) is
  filled from I/a when the ruang letters read agree; anything else is left as it was;
- a column whose sure numbers all carry the same number of decimals (one or two, never three: `1.234` is
  a thousand) does not trust its one sure integer: it may have lost its separator (`7063` for `70.63`) or
  be a whole number (a `100` total); the column cannot say which, so the cell is unresolved. Along a row
  of decimals (an indicator over its years) a sure integer about 100 times the row's decimals
  (`2,37 | 227 | 289`) lost its separator the same way and is unresolved too.

- a header of consecutive years with one garbled or unsure (`2019 | 2O2O | 2021`) takes the year its
  two neighbours leave;
- a `%` sign right after digits is read as letters (`80Yo`): in a percentage line that is `80%`;
- a `%` sign is often read as `76` (or `96`) at a confidence Tesseract is sure of (`100%` as `10076`,
  `20%` as `2076`). In a line (column or row) about a percentage (a `%`, persentase, capaian, indeks,
  rasio or tingkat in its header or label) a number ending so that is implausible (over 100, or more
  than two decimals) is read as `<rest>%` only where the line's other cells are written with `%`; else
  the cell is unresolved. `10076`/`10096`/`10046` (`100%`) is treated so in any line.

Precision first: a repair is made only where the column leaves one reading; everything else stays
unresolved. Cells come in with unsure words marked (`ocr.py`), the repaired word replaces the mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.codes import GOLONGAN_RUANG
from extractors.documents.interpret.measures import is_numbering_row
from extractors.numbers import parse_number

_SERIES_GR = [g.replace("/", "") for g in GOLONGAN_RUANG]  # IIIa: the spelling tables print most
_ROMANS = ["I", "II", "III", "IV"]
# A sure golongan ruang token (after ocr._roman): the numeral, an optional separator, the ruang letter.
_GR = re.compile(r"^(IV|III|II|I)[/.\-]?([a-e])$")
# What a blurred golongan ruang can come back as: stroke-like glyphs (or none) and the ruang letter.
# (`M` and `H` are three or two strokes run together, `W` a blurred `IV`.)
_GR_LOOSE = re.compile(r"^[IlVvWMHhi|1!/\\.]{0,5}([a-e])$")
_PREFIXED = re.compile(r"^([A-Z])[-.]?(IV|III|II|I)$")  # D III, an education level
_PREFIXED_LOOSE = re.compile(r"^([A-Z])[-.]?[IlVvi|1!]{1,4}$")
_DECIMAL = re.compile(r"^\d{1,4}([.,])(\d{1,2})$")
_INTEGER = re.compile(r"^\d{2,6}$")

# A cell's last token: (text as read, sure?); the caller resolves the marks of unsure words.
Token = tuple[str, bool]


@dataclass
class Repair:
    row: int
    col: int
    text: str | None  # the token that replaces the cell's last token; None: the cell is not to be trusted
    was: str
    anchor: bool = False  # a sure code the repairs lean on: its text stands, its row is a series member


def _series_key(text: str) -> tuple[str, int] | None:
    if m := _GR.match(text):
        return "gr", _SERIES_GR.index(m.group(1) + m.group(2)) if m.group(1) + m.group(2) in _SERIES_GR else -1
    if m := _PREFIXED.match(text):
        return "p" + m.group(1), _ROMANS.index(m.group(2))
    if text in _ROMANS:
        return "r", _ROMANS.index(text)  # golongan I ... IV
    return None


def _series(family: str) -> list[str]:
    return _SERIES_GR if family == "gr" else [family[1:] + r for r in _ROMANS]  # "r": the bare numerals


def _fits(family: str, raw: str, expected: str) -> bool:
    """Could `raw` (an unsure or garbled reading) be `expected`? The letters Tesseract did read must agree."""
    if family == "gr":
        m = _GR_LOOSE.match(raw)
        return raw == "" or bool(m and m.group(1) == expected[-1])
    if family == "r":
        # Strokes run together as in a golongan ruang (`III` read `NI`, `M`, `H`), between two sure numerals.
        return raw == "" or bool(re.fullmatch(r"[IlVvWMHNhi|1!]{1,4}", raw))
    m = _PREFIXED_LOOSE.match(raw)
    return bool(m and m.group(1) == family[1:])


def repair_series(column: list[Token | None]) -> list[tuple[int, str | None]]:
    """(row, code) for the rows of one column whose code the column's sure codes determine."""
    return _series_repair(column)[0]


def _series_repair(column: list[Token | None], header: bool = False) -> tuple[list[tuple[int, str | None]], list[int]]:
    """The repairs, and the rows of the sure codes they lean on (none: the column is no series).

    `column[r]` is the last token of row r's cell (None: the row has no cell there or it is blank).
    Between two sure codes a gap is filled when its rows are exactly the codes between them; before the
    first and after the last (a table continued from or onto another page), only golongan ruang rows
    whose ruang letter was read, for as long as the letters keep to the series."""
    keys = {r: _series_key(tok[0]) for r, tok in enumerate(column) if tok and tok[1]}
    found = {r: k for r, k in keys.items() if k is not None and k[1] >= 0}
    if len(found) < 2:
        return [], []
    families = [k[0] for k in found.values()]
    family = max(set(families), key=families.count)
    anchors = {r: k[1] for r, k in found.items() if k[0] == family}
    rows = sorted(anchors)
    # Three sure codes make a column a series; two do only for a gap they close between them.
    if len(rows) < 2:
        return [], []
    # The sure codes in series order, but for a few read confidently wrong (`Ic` for IIc between IIb and
    # IId): those are no anchors but cells to repair, or else to distrust.
    up, down = _ordered(rows, anchors, 1), _ordered(rows, anchors, -1)
    keep, direction = (up, 1) if len(up) >= len(down) else (down, -1)
    outliers = len(rows) - len(keep)
    if len(keep) < 2 or outliers > len(rows) // 3 or (outliers and len(keep) < 4):
        return [], []  # codes out of order: a table by count, not by rank; the column is no series to lean on
    outlying = [r for r in rows if r not in keep]
    rows = keep
    anchors = {r: anchors[r] for r in keep}
    series = _series(family)
    if header and family == "r":
        # `I | (lost) | ? | IV` across a header: a cell Tesseract read nothing in still heads its column.
        column = [t if t is not None else ("", False) for t in column]

    def slot(r: int) -> bool:
        tok = column[r]
        return tok is not None and (not tok[1] or keys.get(r) is None or r in outlying)

    out: list[tuple[int, str | None]] = []
    for a, b in zip(rows, rows[1:], strict=False):
        gap = list(range(a + 1, b))
        wanted = [series[anchors[a] + direction * k] for k in range(1, abs(anchors[b] - anchors[a]))]
        if gap and len(gap) == len(wanted) and all(slot(r) for r in gap) \
                and all(_fits(family, column[r][0], w) for r, w in zip(gap, wanted, strict=True)):
            out.extend(zip(gap, wanted, strict=True))
    if family == "gr" and len(rows) >= 3 and direction == 1:
        out.extend(_head_fill(column, rows[0], anchors[rows[0]], slot))
    if family == "gr" and len(rows) >= 3:
        for start, step in ((rows[0], -1), (rows[-1], 1)):
            r, i = start + step, anchors[start] + step * direction
            while 0 <= r < len(column) and 0 <= i < len(series) and slot(r) and _GR_LOOSE.match(column[r][0]) \
                    and _fits(family, column[r][0], series[i]):
                out.append((r, series[i]))
                r, i = r + step, i + step * direction
    filled = {r for r, _ in out}
    out.extend((r, None) for r in outlying if r not in filled)  # a sure code the series contradicts
    return out, rows


_RUANG_READ = re.compile(r"([a-e])$")


def _head_fill(column: list[Token | None], first: int, index: int,
               slot: Callable[[int], bool]) -> list[tuple[int, str]]:
    """A header of golongan ruang from I/a whose first sure code sits exactly as many cells in as the
    series has codes before it (`Va Vb Vc Ud ... IV/a`): the cells before it are those codes, when every
    ruang letter Tesseract read agrees and at least two thirds of them were read."""
    cells = list(range(first - index, first))
    if not cells or cells[0] < 0 or (cells[0] > 0 and column[cells[0] - 1] is not None
                                     and _series_key(column[cells[0] - 1][0]) is not None):
        return []
    if not all(slot(r) for r in cells):
        return []
    letters = [(_RUANG_READ.search(column[r][0]), _SERIES_GR[i]) for i, r in enumerate(cells)]
    read = [(m.group(1), want) for m, want in letters if m]
    if len(read) * 3 < 2 * len(cells) or any(got != want[-1] for got, want in read):
        return []
    return [(r, _SERIES_GR[i]) for i, r in enumerate(cells)]


def _ordered(rows: list[int], anchors: dict[int, int], direction: int) -> list[int]:
    """The longest run of rows (in row order) whose codes go strictly up (1) or down (-1) the series."""
    best: list[list[int]] = []
    for r in rows:
        chains = [c for c in best if (anchors[r] - anchors[c[-1]]) * direction > 0]
        best.append(max(chains, key=len, default=[]) + [r])
    return max(best, key=len, default=[])


def distrust_decimals(column: list[Token | None]) -> list[tuple[int, None]]:
    """(row, None) for the one sure integer of a column whose sure numbers all have the same decimals."""
    sure = [t[0] for t in column if t and t[1]]
    decimals = [m for t in sure if (m := _DECIMAL.match(t))]
    integers = [t for t in sure if t.isdigit()]
    if len(decimals) < 4 or len({(m.group(1), len(m.group(2))) for m in decimals}) != 1:
        return []
    places = len(decimals[0].group(2))
    if len(integers) > 1:  # more than one: the column holds whole numbers too
        return []
    return [(r, None) for r, t in enumerate(column) if t and t[1] and _INTEGER.match(t[0]) and len(t[0]) > places]


_VALUE = re.compile(r"^[-+(]?\d[\d.,]*%?\)?$")
_YEAR_CELL = re.compile(r"^(?:tahun\s*)?\(?(?:19|20)\d{2}\)?$", re.I)
_PERCENT_CONTEXT = re.compile(r"%|\bpersen|\bcapaian|\bindeks|\brasio|\btingkat", re.I)
_PERCENT_MISREAD = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)(?:76|96)$")
_MANY_DECIMALS = re.compile(r"[.,]\d{3,}$")
# `100%` read with its sign as digits: the commonest misread, in any column (a target column of a plan
# holds percentages and counts alike); tables print a count of ten thousand with its separator.
_HUNDRED_PERCENT = re.compile(r"^100(?:[.,]00?)?(?:76|96|46)$")


_YEAR_TOKEN = re.compile(r"^\(?((?:19|20)\d{2})\)?$")
_YEAR_LOOSE = re.compile(r"^\(?[\dOoIlSZ]{4}\)?$")


def repair_years(line: list[Token | None]) -> list[tuple[int, str]]:
    """(index, year) for a garbled or unsure cell in a run of consecutive years (`2018 2019 ? 2021 2022`):
    between two sure years one apart from it, in a line holding at least three sure years that run up by one."""
    years = {i: int(m.group(1)) for i, t in enumerate(line) if t and t[1] and (m := _YEAR_TOKEN.match(t[0]))}
    if len(years) < 3:
        return []
    order = sorted(years)
    if any(years[b] - years[a] != b - a for a, b in zip(order, order[1:], strict=False) if b - a <= 2):
        return []  # not one year per cell
    out = []
    for i, t in enumerate(line):
        if t is None or i in years or (t[1] and not _YEAR_LOOSE.match(t[0])):
            continue
        if years.get(i - 1) is not None and years.get(i + 1) == years[i - 1] + 2:
            out.append((i, str(years[i - 1] + 1)))
    return out


def distrust_lost_separators(line: list[Token | None]) -> list[tuple[int, None]]:
    """(index, None) for sure integers of a row of decimals (an indicator over its years) that are about
    100 times the row's decimals: `2,37 | 227 | 289 | 3,09` lost the comma twice. A whole number of the
    row's own size (`100` among `97,5`) is left alone."""
    sure = [(i, t[0]) for i, t in enumerate(line) if t and t[1]]
    decimals = [float(m.group(0).replace(",", ".")) for _, t in sure if (m := _DECIMAL.match(t))]
    if len(decimals) < 3 or sorted(decimals)[len(decimals) // 2] <= 0:
        return []
    median = sorted(decimals)[len(decimals) // 2]
    return [(i, None) for i, t in sure if _INTEGER.match(t) and len(t) >= 3 and 25 <= int(t) / median <= 400]


def header_end(cells: list[list[str]], sure: Callable[[str], bool] = lambda _: True) -> int:
    """Index of a table's first row of values: two or more cells holding numbers that are neither years
    nor the column numbers `1 2 3 ...` printed under some headers (0 when there is none). The rows
    above it are the header."""
    for k, row in enumerate(cells):
        vals = [c.strip() for c in row if c.strip() and sure(c)]
        numbers = [v for v in vals if _VALUE.match(v) and not _YEAR_CELL.match(v)]
        if len(numbers) >= 2 and not is_numbering_row(vals):
            return k
    return 0


# `%` read as letters right after the digits (`80Yo`): no number ends so; in a percentage line it is `%`.
_PERCENT_AS_LETTERS = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)(?:Yo|yo|YO|o/o|%o)$")


def _implausible_percent(tok: str) -> bool:
    if not tok.endswith(("76", "96")):
        return False
    parsed = parse_number(tok)
    if parsed is None:
        return bool(_MANY_DECIMALS.search(tok))
    return parsed.value > 100 or bool(_MANY_DECIMALS.search(tok) and not re.fullmatch(r"\d{1,3}(\.\d{3})+", tok))


def percent_misreads(cells: list[list[str]], last_token: Callable[[str], Token | None]) -> list[Repair]:
    """Repairs (or distrust) of numbers whose `%` was read as `76`/`96`, in lines about a percentage."""
    start = header_end(cells)
    width = max((len(r) for r in cells), default=0)
    heads = [" ".join(r[c] for r in cells[:start] if c < len(r)) for c in range(width)]
    out: list[Repair] = []
    for r in range(len(cells)):  # a table continued from the page before has no header to skip
        row = cells[r]
        label = " ".join(c for c in row if c.strip() and not _VALUE.match(c.strip()))
        for c, cell in enumerate(row):
            tok = last_token(cell) if cell.strip() else None
            if tok is None or not tok[1]:
                continue
            in_context = _PERCENT_CONTEXT.search(heads[c]) or _PERCENT_CONTEXT.search(label)
            if in_context and (m := _PERCENT_AS_LETTERS.match(tok[0])):
                out.append(Repair(r, c, m.group(1) + "%", tok[0]))
                continue
            if not (in_context and _implausible_percent(tok[0])) and not _HUNDRED_PERCENT.match(tok[0]):
                continue
            siblings = [x for i, x in enumerate(row) if i != c and _VALUE.match(x.strip())]
            siblings += [cells[k][c] for k in range(start, len(cells))
                         if k != r and c < len(cells[k]) and _VALUE.match(cells[k][c].strip())]
            with_sign = [x for x in siblings if x.strip().endswith("%")]
            m = _PERCENT_MISREAD.match(tok[0])
            certain = m and len(with_sign) >= 2 and len(with_sign) * 2 > len(siblings)
            out.append(Repair(r, c, m.group(1) + "%" if certain else None, tok[0]))
    return out


def repair_table(cells: list[list[str]], last_token: Callable[[str], Token | None]) -> list[Repair]:
    """The repairs one table's columns call for; `last_token(cell)` gives a cell's last token as read."""
    width = max((len(r) for r in cells), default=0)
    out: list[Repair] = percent_misreads(cells, last_token)
    for c in range(width):
        column = [last_token(row[c]) if c < len(row) and row[c].strip() else None for row in cells]
        fills, anchors = _series_repair(column)
        out.extend(Repair(r, c, column[r][0], column[r][0], anchor=True) for r in anchors)
        for r, text in [*fills, *distrust_decimals(column)]:
            out.append(Repair(r, c, text, column[r][0] if column[r] else ""))
    # A series can run along a row too: a header of golongan ruang over a row of counts.
    start = header_end(cells)
    for r, row in enumerate(cells):
        line = [last_token(cell) if cell.strip() else None for cell in row]
        fills, anchors = _series_repair(line, header=r < start)
        out.extend(Repair(r, c, line[c][0], line[c][0], anchor=True) for c in anchors)
        out.extend(Repair(r, c, text, line[c][0] if line[c] else "") for c, text in fills)
        out.extend(Repair(r, c, None, line[c][0]) for c, _ in distrust_lost_separators(line))
        out.extend(Repair(r, c, year, line[c][0]) for c, year in repair_years(line))
    return out
