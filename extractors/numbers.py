"""Number repair for document cells: the one place where printed numbers become values.

Indonesian documents mix locales in one table (`0,85` beside `0.90`, `8,347,500,000` beside
`6.554.542.200`), glue units to numbers (`24,48 Nilai`, `2 Dokumen`, `100%`), print `-` for zero
and come out of PDF conversion with garbled pieces. `parse_number` returns None rather than guess.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class ParsedNumber:
    value: int | float
    unit: str | None = None  # "%", "nilai", "orang", ... as printed, lower-cased


def is_dash(text: str | None) -> bool:
    """A cell that prints only a dash: zero in count tables, 'no value' in target tables."""
    return text is not None and text.strip() in _DASHES


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _locale_value(raw: str) -> int | float | None:
    """Decide which of `.` and `,` is the decimal mark, from the shape of the number alone."""
    s = raw.replace(" ", "")
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("+-")
    if not _NUMBER.match(s):
        return None
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
    if len(frac) == 3 and whole not in {"0", ""} and len(whole) <= 3:
        # 1.500 / 1,500: a single group of three after a non-zero lead is a thousands group in
        # these documents (counts and rupiah); decimals with three places are printed as 0,xxx.
        return sign * int(whole + frac)
    return sign * float(f"{whole}.{frac}")


def parse_number(text: str | None) -> ParsedNumber | None:
    """`0,85` → 0.85, `8,347,500,000` → 8347500000, `24,48 Nilai` → 24.48 (nilai), `100%` → 100 (%).

    Returns None for blanks, dashes, ranges (`70-80`), words and anything it cannot read for sure.
    """
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
    # A trailing ",00"/".00" on rupiah amounts is a decimal part (21.577.670.000,00).
    value = _locale_value(s)
    if value is None:
        # PDF conversion splits digit groups with spaces: "1 406" or "6.554. 542.200".
        joined = re.sub(r"(?<=[\d.,])\s+(?=\d)", "", s)
        if joined != s and re.fullmatch(r"[\d.,]+", joined) and re.search(r"[.,]\d{3}", joined):
            value = _locale_value(joined)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and unit != "%" and not re.search(r"[.,]\d{1,2}$", s):
        value = int(value)
    return ParsedNumber(value=value, unit=unit)


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
