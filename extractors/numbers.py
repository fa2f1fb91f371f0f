"""Number repair for document cells: the one place where printed numbers become values.

Indonesian documents mix locales in one table (`0,85` beside `0.90`, `8,347,500,000` beside
`6.554.542.200`), glue units to numbers (`24,48 Nilai`, `2 Dokumen`, `100%`), print `-` for zero
and come out of PDF conversion with garbled pieces. `parse_number` returns None rather than guess.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# A dash alone means "nothing here"; whether that is a zero is the table's call (see `is_dash`).
_DASHES = {"-", "–", "—", "_", "--", "−"}
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,]\d+)?$")
# Printed units and currency markers around a number; anything else left over makes the cell unreadable.
_UNIT_WORDS = (
    r"nilai|poin|point|orang|org|dokumen|dok|laporan|paket|unit|kegiatan|kali|bulan|tahun|kartu|kasus|"
    r"formasi|persen|index|indeks|skor|jam|hari|buah|set|berkas|sk|usulan|opd|pd|instansi|peserta|"
    r"orang/bulan|pegawai|asn|pns|jp|rekomendasi|aplikasi|sistem|level|predikat|jiwa|lembar|eksemplar|keg|"
    r"pendaftar|naskah|layanan|modul|data|bidang|ruang|titik|akun|surat|izin|sertifikat|kelas|angkatan"
)
UNIT_WORD = re.compile(rf"^(?:%|{_UNIT_WORDS}|satuan|kinerja)(?:\s*/\s*\w+)?$", re.IGNORECASE)
_UNIT_AFTER = re.compile(rf"^(?P<num>.*?\d)\s*(?P<unit>%|(?:{_UNIT_WORDS})\b[\w/ ]*)$", re.IGNORECASE)
# Any other short word after a number is a unit too ("1 Lembaga", "3 Kegiatan Diklat"); one or two
# words only, so a sentence never passes for a number.
_WORD_UNIT = re.compile(r"^(?P<num>[\d.,]*\d)\s+(?P<unit>[A-Za-z][A-Za-z/.-]{1,20}(?:\s[A-Za-z/.-]{1,20})?)$")
_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
# A thousands number whose first mark was lost: a long lead, then at least two clean groups of three.
_LOST_FIRST_MARK = re.compile(r"^\d{4,6}([.,])\d{3}(?:\1\d{3})+$")


@dataclass(frozen=True)
class ParsedNumber:
    value: int | float
    unit: str | None = None  # "%", "nilai", "orang", ... as printed, lower-cased


def is_dash(text: str | None) -> bool:
    """A cell that prints only a dash: zero in count tables, 'no value' in target tables."""
    return text is not None and text.strip() in _DASHES


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _locale_value(raw: str, decimal_mark: str | None = None) -> int | float | None:
    """Decide which of `.` and `,` is the decimal mark: from the column when it told us, else from the shape.

    Never raises: a shape no rule covers is None (the caller reports the cell)."""
    try:
        return _locale_value_unsafe(raw, decimal_mark)
    except (ValueError, OverflowError):
        return None


def _locale_value_unsafe(raw: str, decimal_mark: str | None) -> int | float | None:
    s = raw.replace(" ", "")
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("+-")
    if not _NUMBER.match(s):
        # `1011.080.000`: the conversion dropped the first group mark; the groups after it still read.
        m = _LOST_FIRST_MARK.match(s)
        return sign * int(s.replace(m.group(1), "")) if m else None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # Both marks: the last one is the decimal mark (1.234,56 or 1,234.56).
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        grp = "." if dec == "," else ","
        int_part, _, frac = s.replace(grp, "").partition(dec)
        return sign * float(f"{int_part}.{frac}")
    mark = "." if dots else "," if commas else None
    if mark is None:
        return sign * int(s)
    parts = s.split(mark)
    if len(parts) > 2:
        # Repeated mark can only be a thousands separator: 8,347,500,000 / 6.554.542.200.
        if all(len(p) == 3 for p in parts[1:]):
            return sign * int("".join(parts))
        return None
    whole, frac = parts
    if len(frac) == 3 and decimal_mark is not None and whole not in {"0", ""} and len(whole) <= 3:
        # The other cells of the column settled it: `3.003` among `2.95`, `3.10` is a score.
        return sign * (float(f"{whole}.{frac}") if mark == decimal_mark else int(whole + frac))
    if len(frac) == 3 and whole not in {"0", ""} and len(whole) <= 3:
        # 1.500 / 1,500: a single group of three after a non-zero lead is a thousands group in
        # these documents (counts and rupiah); decimals with three places are printed as 0,xxx.
        return sign * int(whole + frac)
    return sign * float(f"{whole}.{frac}")


def _core(text: object) -> tuple[str, str | None] | None:
    """The numeric part of a cell and its printed unit, with currency, predicates and markup removed."""
    if text is None:
        return None
    s = " ".join(str(text).replace("\u00a0", " ").split())
    if not s or is_dash(s):
        return None
    s = _CURRENCY.sub("", s)
    # A predicate printed with the score: "82,39 (Baik)", "Sangat Baik (89,96)".
    m = re.fullmatch(r"([\d.,]+\s*%?)\s*\(\s*[A-Za-z][A-Za-z ]*\)|[A-Za-z][A-Za-z ]*\(\s*([\d.,]+\s*%?)\s*\)", s)
    if m:
        s = (m.group(1) or m.group(2)).strip()
    s = s.strip("*()[] ")
    unit: str | None = None
    m = _UNIT_AFTER.match(s) or _WORD_UNIT.match(s)
    if m:
        s, unit = m.group("num").strip(), m.group("unit").strip().lower()
        if unit.startswith("persen"):
            unit = "%"
    return s, unit


def _parse(text: object, decimal_mark: str | None = None) -> ParsedNumber | None:
    if isinstance(text, str):
        return _parse_text(text, decimal_mark)
    return _parse_uncached(text, decimal_mark)


@functools.lru_cache(maxsize=1 << 16)
def _parse_text(text: str, decimal_mark: str | None) -> ParsedNumber | None:
    # A document repeats its cells (years, dashes, percentages, the same total on several pages):
    # one reading per distinct text. ParsedNumber is frozen, so sharing the result is safe.
    return _parse_uncached(text, decimal_mark)


def _parse_uncached(text: object, decimal_mark: str | None = None) -> ParsedNumber | None:
    core = _core(text)
    if core is None:
        return None
    s, unit = core
    # A trailing ",00"/".00" on rupiah amounts is a decimal part (21.577.670.000,00).
    value = _locale_value(s, decimal_mark)
    if value is None:
        # PDF conversion splits digit groups with spaces: "1 406" or "6.554. 542.200".
        joined = re.sub(r"(?<=[\d.,])\s+(?=\d)", "", s)
        if joined != s and re.fullmatch(r"[\d.,]+", joined) and re.search(r"[.,]\d{3}", joined):
            value = _locale_value(joined, decimal_mark)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and unit != "%" and not re.search(r"[.,]\d{1,2}$", s):
        value = int(value)
    return ParsedNumber(value=value, unit=unit)


def parse_number(text: str | None) -> ParsedNumber | None:
    """`0,85` → 0.85, `8,347,500,000` → 8347500000, `24,48 Nilai` → 24.48 (nilai), `100%` → 100 (%).

    Returns None for blanks, dashes, ranges (`70-80`), words and anything it cannot read for sure.
    Reads one cell alone; where the column is known, `parse_column` settles `3.003` from its neighbours.
    Never raises.
    """
    return _parse(text)


_RANGE = re.compile(r"^(?P<lo>\d[\d.,]*)\s*(?:-|–|—|s\.?\s*d\.?|s/d|sampai)\s*(?P<hi>\d[\d.,]*)\s*(?P<unit>%|\w+)?$",
                    re.IGNORECASE)


def parse_range(text: str | None) -> tuple[ParsedNumber, ParsedNumber] | None:
    """`70-80`, `70 – 80 %`, `70 s.d. 80`: a printed range (a band or an interval target), low ≤ high."""
    if text is None:
        return None
    m = _RANGE.match(" ".join(str(text).split()))
    if not m:
        return None
    lo, hi = _parse(m.group("lo")), _parse(m.group("hi"))
    if lo is None or hi is None or lo.value > hi.value:
        return None
    unit = (m.group("unit") or "").lower() or None
    return ParsedNumber(lo.value, unit), ParsedNumber(hi.value, unit)


# --- whole columns -----------------------------------------------------------------------------------

_NOT_AVAILABLE = re.compile(r"^(?:n/?a|t/?a|tidak ada(?: data)?|belum ada(?: data)?|nihil|\?+|x+)$", re.IGNORECASE)


@dataclass(frozen=True)
class ColumnCell:
    """One cell of a column as read with the column's decimal mark: a number, or why there is none."""

    text: str | None
    number: ParsedNumber | None
    # None when read; else "blank", "dash", "not_available", "text", "range", "glued_numbers", "unreadable".
    reason: str | None = None
    # A printed range `70-80` (the number is None: a range is not one value).
    range: tuple[ParsedNumber, ParsedNumber] | None = None


@dataclass(frozen=True)
class ColumnNumbers:
    cells: list[ColumnCell]
    # "." or "," when the column's unambiguous cells agree on one decimal mark; None when they say nothing.
    decimal_mark: str | None

    @property
    def numbers(self) -> list[ParsedNumber | None]:
        return [c.number for c in self.cells]

    def unreadable(self) -> list[tuple[int, ColumnCell]]:
        """Cells meant to hold a number that could not be read (not blanks, dashes or n/a)."""
        return [(i, c) for i, c in enumerate(self.cells) if c.reason in {"glued_numbers", "unreadable"}]


def _mark_votes(core: str) -> tuple[str | None, str | None]:
    """What one cell's shape proves: (decimal mark, thousands mark), each None when the shape cannot tell."""
    s = core.replace(" ", "").lstrip("+-")
    if not _NUMBER.match(s):
        return None, None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        return dec, "." if dec == "," else ","
    mark = "." if dots else "," if commas else None
    if mark is None:
        return None, None
    other = "," if mark == "." else "."
    parts = s.split(mark)
    if len(parts) > 2:
        return other, mark
    whole, frac = parts
    if len(frac) != 3 or whole in {"0", ""}:
        return mark, other  # 2.5, 21,19, 0.890: only a decimal mark prints like that
    if len(whole) > 3:
        return mark, other  # 1234.567 cannot be grouped
    return None, None  # 3.003 / 1,500: the column must say


def _glued(core: str) -> bool:
    """Two numbers run together by a bad conversion: `672.000,000001,050,000,000`, `0.890900,92`.

    Only digits and marks, several marks, and no reading: grouping that no single number prints."""
    s = core.replace(" ", "").lstrip("+-")
    return (bool(re.fullmatch(r"[\d.,]+", s)) and len(re.findall(r"[.,]", s)) >= 2
            and _locale_value(s) is None)


def parse_column(cells: list[str | None]) -> ColumnNumbers:
    """Read every cell of one column with one decimal mark, decided from all the column's cells.

    A cell alone cannot tell `3.003` (a score) from `3.003` (three thousand and three); the column can:
    if its other cells print `2.95`, `3.10` the mark is a decimal point, if they print `1.234.567` it
    groups thousands. When the unambiguous cells disagree (a mixed-locale column: `0,85` beside `0.90`)
    nothing is decided and each cell falls back to its own shape. Never raises; every cell that holds
    no number says why.
    """
    decimal_votes: dict[str, int] = {".": 0, ",": 0}
    cores: list[tuple[str, str | None] | None] = []
    for text in cells:
        core = None
        try:
            core = _core(text)
        except Exception:  # noqa: BLE001 - a cell is never allowed to break its column
            core = None
        cores.append(core)
        if core is None:
            continue
        dec, _grp = _mark_votes(core[0])
        if dec:
            decimal_votes[dec] += 1
    decided = [m for m, n in decimal_votes.items() if n]
    decimal_mark = decided[0] if len(decided) == 1 else None
    out: list[ColumnCell] = []
    for text, core in zip(cells, cores, strict=True):
        out.append(_read_cell(text, core, decimal_mark))
    return ColumnNumbers(cells=out, decimal_mark=decimal_mark)


def _read_cell(text: str | None, core: tuple[str, str | None] | None, decimal_mark: str | None) -> ColumnCell:
    if is_blank(text):
        return ColumnCell(text, None, "blank")
    if is_dash(text):
        return ColumnCell(text, None, "dash")
    stripped = " ".join(str(text).split())
    if _NOT_AVAILABLE.match(stripped):
        return ColumnCell(text, None, "not_available")
    rng = parse_range(stripped)
    if rng is not None:
        return ColumnCell(text, None, "range", rng)
    if not any(ch.isdigit() for ch in stripped):
        return ColumnCell(text, None, "text")
    if core is not None and _glued(core[0]):
        return ColumnCell(text, None, "glued_numbers")
    try:
        number = _parse(text, decimal_mark)
    except Exception:  # noqa: BLE001 - the one parser reports, it never loses a document
        number = None
    return ColumnCell(text, number, None if number is not None else "unreadable")


def parse_count(text: str | None, dash_is_zero: bool = True) -> int | None:
    """A headcount cell: a non-negative integer; `-` (and a blank where the table means zero) → 0."""
    if dash_is_zero and is_dash(text):
        return 0
    parsed = parse_number(text)
    if parsed is None or parsed.unit == "%":
        return None
    v = parsed.value
    if isinstance(v, float):
        if not v.is_integer():
            return None
        v = int(v)
    return v if v >= 0 else None


def looks_numeric(text: str | None) -> bool:
    """True when a cell is meant to hold a number (a number, a dash or a garbled number-like token)."""
    if text is None:
        return False
    s = text.strip()
    if not s:
        return False
    if is_dash(s) or parse_number(s) is not None:
        return True
    return bool(re.fullmatch(r"[\d.,\s%]+", s)) and any(ch.isdigit() for ch in s)


def as_rupiah(text: str | None) -> int | None:
    """A budget cell: an amount in rupiah (decimals dropped only when they are ,00)."""
    parsed = parse_number(text)
    if parsed is None or parsed.unit == "%":
        return None
    v = parsed.value
    if isinstance(v, float):
        if not v.is_integer():
            # 425.186.012,50 keeps its cents; budgets are compared in whole rupiah downstream.
            return round(v)
        v = int(v)
    return v
