"""Label rules shared by every table reader: which label closes a group (a total), row numbering."""

from __future__ import annotations

import re

# "Jumlah", "TOTAL", "Jumlah Total", "Sub Total", "Jml.", "Jumlah Keseluruhan", "JUMLAH PNS" close a group;
# "Jumlah Pegawai Berdasarkan Golongan" opens one (it heads the rows below it).
# The words that say "total": the one list, which the column and budget-line rules (grid.py, performance.py)
# extend with what may follow them.
TOTAL_WORDS = r"jumlah|total|jml\.?|sub\s*-?\s*total|grand\s*total"
_TOTAL = re.compile(rf"^\s*({TOTAL_WORDS})\b", re.I)
_OPENS_GROUP = re.compile(r"\b(berdasarkan|menurut|per)\b", re.I)
# "2.", "1.2.", "a)", "IV." before a label, or a bare "12 " before a word (not "30 Tahun", not "56 - 60").
_NUMBERING = re.compile(r"^\s*\(?((?:\d{1,3}(?:\.\d{1,2})*)[.)]\s*|(?:[a-zA-Z]|[IVXivx]{1,5})[.)]\s+)(?=\S)|"
                        r"^\s*(\d{1,3})\s+(?=[A-Za-z])(?!(tahun|thn|bulan)\b)", re.I)
_ROW_NUMBER = re.compile(r"^\s*\(?(\d{1,3}(?:\.\d{1,2})*|[a-z])\s*[.)]?\s*$", re.I)


def is_total(label: str | None) -> bool:
    """A label that states the total of the rows (or columns) it closes."""
    text = strip_numbering(label or "")
    if re.fullmatch(r"(?:[A-Za-z]\s){3,}[A-Za-z]", text.strip()):
        text = text.replace(" ", "")  # "J U M L A H", letter-spaced as captions print it
    return bool(_TOTAL.match(text)) and not _OPENS_GROUP.search(text)


def is_row_number(label: str | None) -> bool:
    """A cell holding only a row number (`1`, `2.`, `a`, `1.2`); Roman numerals are categories (golongan)."""
    text = label or ""
    return bool(_ROW_NUMBER.match(text)) and not re.fullmatch(r"(?i)\s*[ivx]+\s*", text)


def numbering(label: str) -> str | None:
    """The number a stub label starts with (`2.` in "2. Jumlah Pegawai ..."), else None."""
    m = _NUMBERING.match(label or "")
    if not m:
        return None
    return (m.group(1) or m.group(2)).strip(" .)")


def strip_numbering(label: str) -> str:
    """`1. Tamat SMP` → `Tamat SMP`; `a) Laki-laki` → `Laki-laki`. A bare Roman label (`III`) is kept."""
    text = (label or "").strip()
    m = _NUMBERING.match(text)
    if m and not re.fullmatch(r"(?i)[ivx]+", text):
        rest = text[m.end():].strip()
        if rest:
            return rest
    return text


def opens_group(label: str) -> bool:
    """`Jumlah Pegawai Berdasarkan Golongan`: a row heading the breakdown that follows it."""
    return bool(_OPENS_GROUP.search(label or ""))
