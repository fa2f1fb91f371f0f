"""Read a table's header rows into a column map: which year and which kind of number each column holds.

Headers in these documents span several columns (a year above Target/Rp, `REALISASI TAHUN 2024`
above Target/Realisasi/Capaian) and come out of conversion split mid-word (`REA | ALISASI TAHUI |
N 2023`, `TAHUN 2 | 024`). Spanning labels are carried to the right over the columns beneath
them; years are read from the header text joined back together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.documents.interpret.periods import read_period
from extractors.documents.model import UNREAD, Row
from extractors.numbers import parse_number

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# Words that make a header or a table about money (rupiah budgets); one list for column kinds here and for
# the table context performance.py reads amounts in.
BUDGET_WORDS = re.compile(r"\brp\.?\b|pagu|anggaran|pendanaan|\bdana\b|belanja|biaya", re.I)
_PERF = re.compile(r"kinerja|target", re.I)
_CAPAIAN = re.compile(r"capaian|capai|%|persen", re.I)
_REALISASI = re.compile(r"realisasi|reali|fisik", re.I)
_TARGET = re.compile(r"target|rencana|sasaran\s+tahun", re.I)
_RATIO = re.compile(r"\brasio\b|tingkat\s+(capaian|realisasi)|persentase\s+(capaian|serapan|realisasi)|%\s*capaian|"
                    r"capaian\s*\(\s*%|serapan", re.I)
_TARGET_OF = re.compile(r"target\s+(capaian|kinerja)", re.I)
_STUB_LABEL = re.compile(r"\b(uraian|nama|indikator)\b", re.I)
_SKIP = re.compile(r"standar\s+nasional|sumber\s+dana|rata\s*-?\s*rata|pertumbuhan|"
                   r"kondisi\s+(kinerja\s+pada\s+)?akhir|akhir\s+(periode|renstra|rpjmd|rpd)|kondisi\s+akhir|"
                   r"koreksi|nilai\s+akhir|"
                   r"kategori|keterangan|lokasi|penanggung", re.I)
# The plan's own target ("Target Renstra/RPD") is a year's target only under a year of its own; without
# one it is the end-of-plan target, not this report's year.
_PLAN_TARGET = re.compile(r"renstra\s*/\s*rpd|target\s+renstra", re.I)
BASELINE = re.compile(r"tahun\s+dasar|tahun\s+awal|kinerja\s+tahun\s+\d{4}|kinerja\s+awal|baseline|"
                       r"data\s+capaian", re.I)
_NUMBERING = re.compile(r"^\(?\d{1,2}\)?$")
_HEADER_WORDS = re.compile(
    r"\b(target|realisasi|capaian|indikator|satuan|tahun|program|kegiatan|sasaran|tujuan|rp|anggaran|"
    r"no|kode|uraian|kinerja|pagu|pendanaan|fisik)\b",
    re.I,
)


# The kind of a column under a header OCR could not read (`model.UNREAD`): its cells stay in place
# (they are values of some kind, so rows are not moved under other headers) and none becomes a fact.
UNREAD_KIND = "unread"


@dataclass
class Column:
    index: int
    kind: str | None  # target | realisation | capaian_pct | pagu | budget_realisation | None
    year: int | None
    header: str
    # A range ("2019 s/d 2022") or cumulative ("s.d. 2023") column is not one year: year stays None.
    period_kind: str = "year"
    period_start: int | None = None
    period_end: int | None = None


def is_numbering_row(cells: list[str]) -> bool:
    """`(1) (2) (3)` or `1 2 3 4 7 8 9`: the column numbers some tables print under the header."""
    vals = [c.strip() for c in cells if c.strip()]
    if len(vals) < 3 or not all(_NUMBERING.match(v) for v in vals):
        return False
    nums = [int(v.strip("()")) for v in vals]
    return all(b > a for a, b in zip(nums, nums[1:], strict=False))


_YEAR_PREFIX = re.compile(r"(?:19|20)\d")  # a year cut after three digits


def join_wrapped_years(rows: list[Row]) -> list[Row]:
    """`2015 | 201 | 201 | 2018` over `| 6 | 7 |`: years wrapped in narrow columns, which a scan's reader
    split into two rows. The lone digits are put back on their years when every one sits under a cut
    year (or under an unread cell, which stays unread) and the row above holds two whole years."""
    out = list(rows)
    i = 0
    while i + 1 < len(out):
        upper, lower = out[i].cells, out[i + 1].cells
        cut = {c for c, v in enumerate(upper) if _YEAR_PREFIX.fullmatch(v.strip())}
        whole = sum(1 for v in upper if _YEAR.fullmatch(v.strip()))
        digits = {c for c, v in enumerate(lower) if v.strip()}
        if cut and whole >= 2 and digits and all(re.fullmatch(r"\d", lower[c].strip()) for c in digits) and \
                digits <= cut | {c for c, v in enumerate(upper) if v.strip() == UNREAD} and cut <= digits:
            cells = [v.strip() + lower[c].strip() if c in cut else v for c, v in enumerate(upper)]
            out[i:i + 2] = [Row(cells=cells, page=out[i].page, line=out[i].line, confidence=out[i].confidence)]
        i += 1
    return out


def is_header_row(cells: list[str]) -> bool:
    """Header-like: labels and years only, at least one header word or year, no other numbers."""
    vals = [c.strip() for c in cells if c.strip()]
    if not vals:
        return False
    if is_numbering_row(cells):
        return True
    has_word = False
    for v in vals:
        if _YEAR.fullmatch(v) or re.fullmatch(r"\(?(19|20)\d{2}\)?", v):
            has_word = True
            continue
        if _YEAR.search(v) and re.search(r"[A-Za-z]", v):
            has_word = True  # "Rp 2024", "TAHUN 2024", "Target 2023"
            continue
        if parse_number(v) is not None:
            return False
        if _HEADER_WORDS.search(v) or _YEAR.search(v):
            has_word = True
    return has_word


def _propagate(row: list[str], width: int) -> list[str]:
    """Carry a spanning label right over the blank cells that follow it."""
    out, last = [], ""
    for c in range(width):
        v = row[c].strip() if c < len(row) else ""
        if v:
            last = v
        out.append(v or last)
    return out


def _merge_fragments(row: list[str]) -> list[str]:
    """`A | NGGARAN 2024` → `ANGGARAN 2024`: a word split by conversion is joined back to its rest."""
    out = list(row)
    for c in range(len(out) - 1):
        v, nxt = out[c].strip(), out[c + 1].strip()
        if 0 < len(v) <= 3 and v.isalpha() and v.isupper() and nxt[:1].isupper():
            out[c], out[c + 1] = v + nxt, ""
    return out


def _kind(low: str, up: str) -> str | None:
    if _SKIP.search(low) or _SKIP.search(up):
        return None
    if (_PLAN_TARGET.search(low) or _PLAN_TARGET.search(up)) and not _YEAR.search(low):
        return None
    if (_STUB_LABEL.search(low) or _STUB_LABEL.search(up)) and not re.search(
            r"target|realisasi|capaian|pagu|\brp\b|anggaran|\d{4}", low, re.I):
        return None  # URAIAN BELANJA, NAMA PROGRAM: the rows' names, whatever the words around them
    if _RATIO.search(up) and _YEAR.fullmatch(low):
        return "capaian_pct"  # "Rasio antara Realisasi dan Anggaran" over its years: a percentage
    if _YEAR.fullmatch(low) and _CAPAIAN.search(up) and not _TARGET.search(up) and not _RATIO.search(up):
        # "CAPAIAN KINERJA" over bare year columns of a plan: what was achieved, not a percentage.
        return "realisation"

    def role(text: str) -> str | None:
        # Most specific phrase first: "Rasio/Tingkat Capaian" is a percentage of the target, "Target
        # Capaian" a target, "Realisasi Capaian" what was achieved; a bare "Capaian" a percentage.
        if _RATIO.search(text):
            return "capaian_pct"
        if _TARGET_OF.search(text):
            return "target"
        if _CAPAIAN.search(text) and not _REALISASI.search(text):
            return "capaian_pct"
        if _REALISASI.search(text):
            return "realisation"
        if _TARGET.search(text):
            return "target"
        return None

    low_budget = bool(BUDGET_WORDS.search(low))
    if low and not role(low) and not low_budget and not _YEAR.search(low) and not re.search(r"fisik", low, re.I):
        return None  # the column's own label (KEGIATAN, SATUAN) wins over the group spanning it
    up_budget = bool(BUDGET_WORDS.search(up)) and not _PERF.search(up)
    r = role(low) or role(up)
    if re.search(r"fisik", low, re.I):
        return "realisation"
    if low_budget or (up_budget and role(low) != "capaian_pct"):
        if r == "realisation":
            return "budget_realisation"
        if r == "capaian_pct" and not low_budget:
            return None
        return "pagu"
    return r


_TALLY = re.compile(r"\b(rekapitulasi|rekap|banyaknya)\b", re.I)
# "Usulan" beside "Realisasi": how many were proposed, a count of its own (never a target nor a realisation).
PROPOSALS = re.compile(r"^\s*(usulan|diusulkan|pengajuan|diajukan)\s*$", re.I)


def column_map(header_rows: list[Row], width: int, default_year: int | None, plan: bool,
               title: str = "") -> list[Column]:
    rows = [r.cells for r in header_rows if not is_numbering_row(r.cells)]
    # A header row with a single filled cell is a fragment that slipped out of a cell above.
    rows = [r for r in rows if sum(1 for c in r if c.strip()) >= 2] or rows
    if not rows:
        return []
    lowest = [(rows[-1][c].strip() if c < len(rows[-1]) else "") for c in range(width)]
    uppers = [_propagate(_merge_fragments(r), width) for r in rows[:-1]]
    cols: list[Column] = []
    for c in range(width):
        low = lowest[c]
        up = " ".join(u[c] for u in uppers)
        # A cell in an upper row above a blank lowest cell is this column's own (merged) header.
        if not low:
            own = [r[c].strip() for r in rows[:-1] if c < len(r) and r[c].strip()]
            if own:
                low, up = own[-1], " ".join(u[c] for u in uppers[:-1])
        header = " ".join(x for x in (up, low) if x)
        kind = _kind(low, up)
        if not low and len(rows) >= 2:
            # Nothing under a spanning label: the span ended left of here (a trailing empty column).
            kind = None
        years = _YEAR.findall(low) or _YEAR.findall(up)
        year = int(years[-1]) if years else None
        if kind is None and year is not None and _YEAR.fullmatch(low or ""):
            # Bare year columns: a tally over the years where the label above them says so ("Rekapitulasi
            # Pelayanan" | 2021 | 2022: how many were served, neither planned nor achieved against a plan);
            # targets in a plan, or in a report's table titled as targets.
            if _TALLY.search(up) and not (_TARGET.search(up) or _REALISASI.search(up)):
                kind = "count"
            elif plan or (_TARGET.search(title) and not _REALISASI.search(title)):
                kind = "target"
            elif _REALISASI.search(title) or _CAPAIAN.search(title):
                kind = "realisation"
        if kind is None and PROPOSALS.match(low):
            kind = "count"
        if BASELINE.search(low) and kind in {None, "target", "capaian_pct"}:
            kind = "realisation"
        if kind is None and not low and not up:
            kind = None
        if UNREAD in low or (UNREAD in up and _kind(low, "") is None):
            # OCR could not read what this column holds: its numbers are unresolved, never guessed.
            cols.append(Column(index=c, kind=UNREAD_KIND, year=None, header=header))
            continue
        col = Column(index=c, kind=kind, year=year, header=header)
        period = read_period(header, explicit=True)
        if period is not None and period.kind in {"range", "cumulative"}:
            col.year, col.period_kind = None, period.kind
            col.period_start, col.period_end = period.start, period.end
        elif BASELINE.search(header) and kind:
            col.period_kind = "baseline"
        cols.append(col)
    _years_from_joined_groups(rows, cols)
    _roles_from_joined_words(rows, cols)
    # "Target 2021 | Realisasi 2021 | Tingkat Realisasi (%)": the ratio is of the pair just before it.
    for prev, col in zip(cols, cols[1:], strict=False):
        if col.kind == "capaian_pct" and col.year is None and col.period_kind == "year" and \
                prev.kind == "realisation" and prev.year is not None and prev.period_kind == "year":
            col.year = prev.year
    for col in cols:
        if col.kind and col.year is None and col.period_kind == "year":
            col.year = default_year
    _fill_unlabelled_target(cols, header_rows)
    return cols


def _years_from_joined_groups(rows: list[list[str]], cols: list[Column]) -> None:
    """Years split across cells (`TAHUN 2 | 024`): read them from the joined upper row, and give them
    in order to the groups of role columns (a group ends where a role repeats)."""
    if len(rows) < 2:
        return
    joined = "".join(rows[-2])
    years = [int(y) for y in _YEAR.findall(joined)]
    groups: list[list[Column]] = [[]]
    seen: set[str] = set()
    for col in cols:
        if not col.kind or col.kind == UNREAD_KIND:
            continue
        if col.kind in seen:
            groups.append([])
            seen = set()
        groups[-1].append(col)
        seen.add(col.kind)
    groups = [g for g in groups if g]
    cell_years = {c.year for c in cols if c.kind}
    if len(years) >= 2 and len(groups) == len(years) and (None in cell_years or len(cell_years) < len(years)):
        for g, y in zip(groups, years, strict=True):
            for col in g:
                if not BASELINE.search(col.header) and col.period_kind == "year":
                    col.year = y


def _roles_from_joined_words(rows: list[list[str]], cols: list[Column]) -> None:
    """`Targe | t Kinerja` over bare year columns: a role word cut across cells, read from the joined row.
    Only when the joined row names one role, so a header over several groups decides nothing."""
    if len(rows) < 2:
        return
    joined = "".join(c.strip() for r in rows[:-1] for c in r)
    has_target, has_real = bool(_TARGET.search(joined)), bool(_REALISASI.search(joined) or _CAPAIAN.search(joined))
    if has_target == has_real:
        return
    lowest = rows[-1]
    for col in cols:
        low = lowest[col.index].strip() if col.index < len(lowest) else ""
        if col.kind is None and _YEAR.fullmatch(low):
            col.kind = "target" if has_target else "realisation"
            col.year = int(low)


def _fill_unlabelled_target(cols: list[Column], header_rows: list[Row]) -> None:
    """A value column with a lost header just left of a realisation column is that row's target."""
    for i in range(1, len(cols)):
        if cols[i].kind == "realisation" and cols[i - 1].kind is None and not cols[i - 1].header.strip():
            cols[i - 1].kind = "target"
            cols[i - 1].year = cols[i].year
