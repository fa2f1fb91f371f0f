"""Indicator and budget tables → facts: yearly targets (Renstra/Renja), target/realisation/capaian
(LKIP), and pagu/realisation of programs, kegiatan and sub-kegiatan.

A row's numbers are read through the column map of the header above it (see columns.py). Rows
whose cells slipped one column against the header (a merged label cell lost in conversion) are
re-aligned by trying the neighbouring offsets and keeping the one where targets look like
targets and rupiah look like rupiah.
"""

from __future__ import annotations

import ast
import operator
import re

from extractors.documents.interpret import categories as dims
from extractors.documents.interpret.context import TableContext
from extractors.documents.interpret.labels import TOTAL_WORDS, is_row_number, is_total
from extractors.documents.interpret.measures import (
    BASELINE,
    BUDGET_WORDS,
    PROPOSALS,
    UNREAD_KIND,
    Column,
    column_map,
    is_header_row,
    is_numbering_row,
    join_wrapped_years,
)
from extractors.documents.interpret.nomenclature import is_kegiatan_name
from extractors.documents.model import UNREAD, Row
from extractors.facts import Fact
from extractors.numbers import UNIT_WORD, as_rupiah, is_blank, is_dash, parse_number

_BUDGET_KINDS = {"pagu", "budget_realisation"}
_CODE = re.compile(r"^(?:[A-Z]{2,4}\s+)?[\dX]{1,4}(?:[.\s][\dA-Z]{1,4})*\.?$")
_UNIT_CELL = UNIT_WORD
_RANGE_VALUE = re.compile(r"\s*\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?\s*%?\s*")
_AMOUNT_KIND = {"target": "pagu", "realisation": "budget_realisation"}
_UNIT_HEADER = re.compile(r"\bsatuan\b", re.I)
_BULLET = re.compile(r"^\s*[-•·–]\s*")
_ASPEK = re.compile(r"nilai\s+aspek\s+(.+?)\s+(?:pada|dalam)\s+(?:penerapan\s+)?sistem\s+merit", re.I)
_ASPEK_SHORT = re.compile(r"^\s*(?:nilai\s+)?(aspek|kriteria)\s+(.+?)\s*$", re.I)
_MERIT_PCT = re.compile(r"persentase\s+(capaian\s+)?penerapan\s+sistem\s+merit", re.I)
_MERIT = re.compile(r"indeks\s+(sistem\s+)?merit|merit\s+sistem|sistem\s+merit", re.I)
_IP_ASN = re.compile(r"indeks\s+profesional\w*\s*(asn|as\w?|aparatur|pns)|\bip\s*-?\s*asn\b", re.I)
_IP_DIMENSI = re.compile(r"dimensi\s+(kualifikasi|kompetensi|kinerja|kedisiplinan|disiplin)", re.I)
_SAKIP = re.compile(r"\bsakip\b|\bakip\b|\blakip\b|akuntabilitas\s+kinerja\s+instansi", re.I)
_DERIVED = re.compile(r"^(persentase|prosentase|peningkatan|jumlah|rata-rata|tingkat)\b", re.I)
# A row named like an indicator carries a tujuan/sasaran budget, not a programme's.
_INDICATOR_NAME = re.compile(r"^\s*(persentase|prosentase|capaian|indeks|nilai|jumlah|tingkat|rasio|cakupan|"
                             r"rata-rata|angka)\b", re.I)
_BUDGET_TOTAL = re.compile(rf"(?i)({TOTAL_WORDS})(\s+(anggaran|belanja|pagu|seluruhnya|"
                           r"keseluruhan|kerangka\s+pendanaan|pendanaan|opd|perangkat\s+daerah|rp\.?))*\s*:?")
_PROGRAM = re.compile(r"^\s*program\b", re.I)


def _aspek_name(raw: str) -> str:
    words = []
    for w in " ".join(raw.split()).split(" "):
        low = w.lower()
        words.append(low if low in {"dan", "serta", "atau", "pada"} else low.capitalize())
    name = " ".join(words)
    # Spellings of the KASN aspect names seen in documents, to their standard form.
    for wrong, right in (("Karir", "Karier"), ("Pengajian", "Penggajian"), ("Penggajian ,", "Penggajian,")):
        name = re.sub(rf"\b{wrong}\b", right, name)
    return name


def classify(label: str, context: str = "") -> tuple[str, dict[str, str]]:
    """Which metric an indicator label measures, with its dimension (aspek, dimensi).

    `context` is the table's title and header: "Nilai Kriteria Pengadaan" is a merit aspect only in
    a table about the merit system."""
    m = _ASPEK.search(label)
    if m:
        return "merit_aspect_score", {"aspek": _aspek_name(m.group(1))}
    m = _ASPEK_SHORT.match(label)
    if m and (_MERIT.search(context) or _MERIT.search(label)):
        return "merit_aspect_score", {"aspek": _aspek_name(m.group(2))}
    if _MERIT_PCT.search(label):
        return "merit_achievement_pct", {}
    if _DERIVED.match(label) or re.search(r"\bkriteria\b", label, re.I):
        return "indicator_value", {}
    if _MERIT.search(label):
        return "merit_index", {}
    if _IP_ASN.search(label):
        d = _IP_DIMENSI.search(label)
        if d:
            name = d.group(1).lower()
            return "ip_asn", {"dimensi": "disiplin" if name == "kedisiplinan" else name}
        return "ip_asn", {}
    if _SAKIP.search(label):
        return "sakip_score", {}
    return "indicator_value", {}


def _compat(kind: str, text: str) -> float:
    if text.strip() == UNREAD:
        return 1.0  # a value OCR could not read: it holds its place, so it counts as fitting it
    if is_blank(text) or is_dash(text):
        return 0.0
    if kind in _BUDGET_KINDS:
        r = as_rupiah(text)
        return 1.0 if r is not None and r >= 1000 else -1.0
    p = parse_number(text)
    if p is None:
        if re.fullmatch(r"\s*\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?\s*", text):
            return 0.5  # a range target (70-80): in its place, just not a single number
        return -0.5 if re.search(r"\d", text) else 0.0
    if p.unit is None and abs(p.value) >= 1_000_000:
        return -1.0
    return 1.0


def _consistent_triples(row: Row, cols: list[Column], shift: int) -> int:
    """Target, realisation and capaian of one year that agree (capaian = realisation / target × 100, or
    its inverse for lower-is-better indicators) under this alignment: the table's own evidence."""
    # Groups of adjacent measure columns; a group ends where a measure repeats.
    groups: list[dict[str, float]] = [{}]
    seen: set[str] = set()
    for col in cols:
        if col.kind not in {"target", "realisation", "capaian_pct"}:
            continue
        if col.kind in seen:
            groups.append({})
            seen = set()
        seen.add(col.kind)
        i = col.index + shift
        p = parse_number(row.cells[i]) if 0 <= i < len(row.cells) else None
        if p is not None:
            groups[-1][col.kind] = float(p.value)
    hits = 0
    for v in groups:
        t, r, c = v.get("target"), v.get("realisation"), v.get("capaian_pct")
        if t and r and c is not None and (abs(r / t * 100 - c) <= 0.15 or abs(t / r * 100 - c) <= 0.15):
            hits += 1
    return hits


def _undecided(row: Row, cols: list[Column]) -> bool:
    """A row whose numbers are all zeros or dashes: no evidence of where its cells belong."""
    first = min((c.index for c in cols), default=0) - 2
    cells = [c for c in row.cells[max(first, 0):] if re.search(r"\d", c) or is_dash(c)]
    nums = [parse_number(c) for c in cells if not is_dash(c)]
    return bool(cells) and all(p is not None and p.value == 0 for p in nums)


def _in_place(col: Column, row: Row, shift: int, budget_table: bool = False) -> bool:
    """The cell under this column holds a number or a dash, and not one of another kind (a rupiah
    amount under a target, a small count under a budget)."""
    i = col.index + shift
    text = row.cells[i] if 0 <= i < len(row.cells) else ""
    if is_dash(text) or text.strip() == UNREAD:
        return True
    if not re.search(r"\d", text):
        return False
    if col.kind in _BUDGET_KINDS:
        amount = as_rupiah(text)
        return amount is None or amount == 0 or amount >= 1000
    if budget_table and col.kind in _AMOUNT_KIND:
        return True  # a rupiah plan or realisation is in its place here (read as a budget below)
    p = parse_number(text)
    return p is None or p.unit is not None or abs(p.value) < 1_000_000


def _best_shift(row: Row, cols: list[Column], base: int = 0, budget_table: bool = False) -> int:
    here = _consistent_triples(row, cols, base)
    better = any(_consistent_triples(row, cols, base + d) > here for d in (-2, -1, 1, 2))
    if cols and not better and all(_in_place(col, row, base, budget_table) for col in cols):
        # Every value column has a number (or a dash) of its own kind in its place: the row is where its
        # header is, whatever a dash or an unreadable cell in it looks like.
        return base
    best, best_score = base, None
    for shift in (base, base - 1, base + 1, base - 2, base + 2):
        score = 2.0 * _consistent_triples(row, cols, shift)
        for col in cols:
            i = col.index + shift
            if 0 <= i < len(row.cells):
                score += _compat(col.kind or "", row.cells[i])
        # Moving a row off its header needs clear evidence: at least one more cell that fits.
        margin = 1e-9 if best_score is None or shift == base else 1.0 - 1e-9
        if best_score is None or score > best_score + margin:
            best, best_score = shift, score
    return best


# Measures of a form that are none of the reader's kinds: proposals, remainders. A column whose header ends
# so holds its own numbers; it is never a stub cell split off by a conversion.
_OTHER_MEASURE = re.compile(r"(?i)^(.*\s)?(usulan|diusulkan|pengajuan|diajukan|sisa)$")


def _drop_empty(rows: list[Row], cols: list[Column]) -> list[Column]:
    """A measure column the table leaves blank in every row (`Target NSPK/SPM`, `Target IKK` before the
    plan's years) holds no value to read, and must not draw a row's numbers under it when the reader
    looks for where they fit: its kind is dropped. A shifted table still has numbers around it."""
    if len(rows) < 3:
        return cols
    def blank(i: int) -> bool:
        return all(not (r.cells[i].strip() if i < len(r.cells) else "") for r in rows)
    out = []
    for c in cols:
        if c.kind and all(blank(i) for i in range(c.index - 1, c.index + 2) if i >= 0):
            c = Column(index=c.index, kind=None, year=c.year, header=c.header, period_kind=c.period_kind,
                       period_start=c.period_start, period_end=c.period_end)
        out.append(c)
    return out


def _drop_phantoms(rows: list[Row], cols: list[Column]) -> list[Column]:
    """Header columns without a role that hold numbers in most rows were split off by conversion
    (`KEGIATAN | SUB KEGIATAN` over nothing): the values right of them sit that many columns left."""
    role_cols = [c.index for c in cols if c.kind and c.kind != UNREAD_KIND and not BASELINE.search(c.header)]
    if not role_cols or not rows:
        return cols
    first_role = min(role_cols)
    phantoms: list[int] = []
    for c in cols:
        if c.kind or c.index >= first_role or c.index < first_role - 3 or not c.header:
            continue
        if _OTHER_MEASURE.search(c.header):
            continue  # values the reader has no kind for ("Usulan" beside "Realisasi"): in place, not a split
        cells = [r.cells[c.index] for r in rows if c.index < len(r.cells) and r.cells[c.index].strip()]
        numeric = [x for x in cells if parse_number(x) is not None or is_dash(x)]
        row_numbers = all(re.fullmatch(r"\d{1,3}\.?", x.strip()) for x in cells)
        if len(cells) >= 2 and len(numeric) >= 0.6 * len(cells) and not row_numbers:
            phantoms.append(c.index)
    if not phantoms:
        return cols
    out = []
    for c in cols:
        moved = sum(1 for p in phantoms if p < c.index)
        out.append(Column(index=c.index - moved, kind=c.kind, year=c.year, header=c.header,
                          period_kind=c.period_kind, period_start=c.period_start, period_end=c.period_end)
                   if c.index not in phantoms else Column(index=c.index, kind=None, year=None, header=""))
    return out


def _is_label(text: str) -> bool:
    t = text.strip()
    return bool(t) and t != UNREAD and not _CODE.match(t) and parse_number(t) is None and not is_dash(t) \
        and not is_row_number(t) and not _UNIT_CELL.match(t) and len(re.sub(r"[^A-Za-z]", "", t)) >= 3


def _code_level(cells: list[str]) -> str | None:
    """program / kegiatan / sub_kegiatan from the row's code cells (`X X 01 201 01`, `3004.13.008`)."""
    filled = [c.strip() for c in cells if c.strip()]
    # A leading "1." / "I." numbers the row; bare "X", "01", "201" cells are segments of the code.
    if filled and re.fullmatch(r"(\d{1,3}|[IVX]{1,4}|[a-z])[.)]", filled[0]):
        filled = filled[1:]
    codes = [c for c in filled if _CODE.match(c)]
    # Kepmendagri 90: X.XX.XX programme, X.XX.XX.X.XX kegiatan, X.XX.XX.X.XX.XXXX sub-kegiatan; a cell
    # "201" is the kegiatan part "2.01" printed without its dot, so it counts as two segments.
    parts = [seg for c in codes for seg in re.split(r"[.\s]+", c.strip(". ")) if seg]
    segments = sum(2 if re.fullmatch(r"\d{3}", seg) else 1 for seg in parts)
    if segments >= 6:
        return "sub_kegiatan"
    if segments in (4, 5):
        return "kegiatan"
    if segments == 3:
        # X.XX.XX is a programme (Kepmendagri 90); 3004.13.008 a kegiatan (Permendagri 13).
        return "kegiatan" if re.search(r"\d{4}", "".join(codes)) else "program"
    return None  # two segments or fewer: urusan / bidang urusan, or a row number


class _Levels:
    """Track the plan hierarchy down a budget table whose rows carry no codes.

    PROGRAM rows open a program; a row with a national kegiatan name (or printed in capitals like
    the program) is a kegiatan; rows below a kegiatan are its sub-kegiatan."""

    def __init__(self) -> None:
        self.in_program = False
        self.in_kegiatan = False

    def level(self, cells: list[str], name: str) -> str | None:
        if _PROGRAM.match(name):
            self.in_program, self.in_kegiatan = True, False
            return "program"
        if re.match(r"^\s*(urusan|bidang\s+urusan)\b", name, re.I) or is_total(name) \
                or _INDICATOR_NAME.match(name):
            self.in_kegiatan = False
            return None
        by_code = _code_level(cells)
        if by_code:
            self.in_program = True
            self.in_kegiatan = by_code == "kegiatan" or (by_code == "sub_kegiatan" and self.in_kegiatan)
            return by_code
        if not self.in_program and not is_kegiatan_name(name):
            return None  # tujuan/sasaran rows above the first programme carry their own budget
        if re.match(r"^\s*sub\s+kegiatan\b", name, re.I):
            return "sub_kegiatan"
        letters = re.sub(r"[^A-Za-z]", "", name)
        capitals = letters.isupper() and len(letters) > 8
        if is_kegiatan_name(name) or re.match(r"^\s*kegiatan\b", name, re.I) or capitals:
            self.in_program = self.in_kegiatan = True  # a kegiatan always sits in a programme
            return "kegiatan"
        return "sub_kegiatan" if self.in_kegiatan else "kegiatan"


def _read_row(ctx: TableContext, row: Row, cols: list[Column], facts: list[Fact], levels: _Levels,
              context: str, parent: dict[str, str], forced_shift: int | None = None) -> None:
    # A column under an unread header left of every known one is part of the stub (an unread `NO`)
    # unless it holds a value in this row.
    known = [c.index for c in cols if c.kind and c.kind != UNREAD_KIND]
    if not known:
        return

    def value_here(c: Column) -> bool:
        text = _cell(row, c, 0).strip()
        first = not any(x.strip() for x in row.cells[:c.index])  # a row number opens its row
        return text == UNREAD or (parse_number(text) is not None and not (first and is_row_number(text)))

    value_cols = [c for c in cols if c.kind and (c.kind != UNREAD_KIND or c.index > min(known) or value_here(c))]
    shift = _best_shift(row, value_cols, budget_table=bool(BUDGET_WORDS.search(context)))
    own = {c.index for c in cols if not c.kind and _OTHER_MEASURE.search(c.header)}
    if shift and any(c.index + shift in own for c in value_cols):
        shift = 0  # a number under "Usulan" is a proposal in its own column, never a realisation moved left
    if forced_shift is not None:
        shift = forced_shift  # the form's own formulas placed this row
    elif _undecided(row, value_cols) and "shift" in parent:
        # Only zeros and dashes: they fit any alignment, so the row takes the one its block uses.
        shift = int(parent["shift"])
    elif not _undecided(row, value_cols):
        parent["shift"] = str(shift)
    first = min(c.index for c in value_cols) + shift
    left = row.cells[: max(first, 0)]
    # The column headed "Satuan" holds units ("Pelamar", "event", "Angka"), never an indicator's name.
    unit_cols = {c.index + shift for c in cols if _UNIT_HEADER.search(c.header) and not c.kind}
    texts = [(i, c.strip()) for i, c in enumerate(left)
             if _is_label(c) and not (i in unit_cols and len(c.split()) <= 2)]
    if not texts:
        return
    label = texts[-1][1]
    name = texts[0][1]
    unit_cells = [c.strip() for i, c in enumerate(left) if _UNIT_CELL.match(c.strip()) or
                  (i in unit_cols and c.strip() and len(c.split()) <= 2)]
    row_unit = unit_cells[-1].lower() if unit_cells else None
    category: dict[str, str] = {}
    if _BULLET.match(label) and parent.get("label"):
        # "- Esselon II" under "1. Pensiun Batas Usia Pensiun (BUP)": the parent's number, by category.
        item = _BULLET.sub("", label).strip()
        key = next((k for k in ("eselon", "jenis_jabatan", "golongan_ruang", "golongan", "pendidikan",
                                "jenis_kelamin") if dims.normalise(k, item)), None)
        if key is None:
            return
        category = {key: dims.normalise(key, item)}
        label = name = parent["label"]
    elif left and is_row_number(left[0]):
        parent["label"] = label
    has_budget = any(c.kind in _BUDGET_KINDS and _cell(row, c, shift).strip() for c in value_cols)
    level = levels.level(left, name) if has_budget else None
    metric, dimension = classify(label, context)
    dimension = {**dimension, **category}
    total_row = is_total(name) or bool(re.match(r"^\s*total\b", label, re.I))
    if total_row and metric == "indicator_value":
        metric = "total"  # resolved against the rows above it in _stated_totals
    for col in value_cols:
        text = _cell(row, col, shift)
        if is_blank(text) or is_dash(text):
            continue  # in a target table a dash is "no target", never a zero
        if col.kind == UNREAD_KIND:
            if re.search(r"\d", text):
                ctx.miss(row, "ocr_header_unread", f"{label} | {col.header[:40]}: {text}")
            continue
        if col.year is None and col.period_kind in {"year", "baseline"}:
            continue
        period = {"period_kind": col.period_kind, "period_start": col.period_start, "period_end": col.period_end}
        kind = col.kind
        if kind in _AMOUNT_KIND and BUDGET_WORDS.search(context):
            amount = as_rupiah(text)
            if amount is not None and amount >= 1_000_000:
                # A plan or a realisation printed in rupiah, in a table about belanja/anggaran: a budget.
                kind = _AMOUNT_KIND[kind]
        if kind in _BUDGET_KINDS:
            amount = as_rupiah(text)
            if amount is None or 0 < amount < 1000:
                # Rupiah budgets are never a few hundred: a small number here is a slipped cell.
                ctx.problem(row, f"unreadable amount {text!r} ({col.header})")
                ctx.miss(row, "unreadable_number", f"{label} | {col.header}: {text}")
                continue
            dim = {level: name} if level and not total_row else {}
            facts.append(ctx.fact(row, metric="budget_idr", kind=kind, value=amount, year=col.year, **period,
                                  indicator=None if level and label == name else label, dimension=dim,
                                  unit="IDR"))
            continue
        parsed = parse_number(text)
        if parsed is None:
            if re.search(r"\d", text):
                ctx.problem(row, f"unreadable value {text!r} for {label!r} ({col.header})")
                reason = "value_is_a_range" if _RANGE_VALUE.fullmatch(text) else "unreadable_number"
                ctx.miss(row, reason, f"{label} | {col.header}: {text}")
            continue
        if parsed.unit is None and abs(parsed.value) >= 1_000_000:
            ctx.problem(row, f"amount {text!r} in a {col.kind} column for {label!r}")
            ctx.miss(row, "category_mismatch", f"{label} | {col.header}: {text}")
            continue
        unit = "%" if col.kind == "capaian_pct" else (parsed.unit or row_unit)
        # A count of proposals says so in its name: "248" under Usulan is not 248 of the row's subject.
        proposals = col.kind == "count" and PROPOSALS.match(col.header.split()[-1] if col.header else "")
        facts.append(ctx.fact(row, metric=metric if metric != "total" else "indicator_value", kind=col.kind,
                              value=parsed.value, year=col.year, indicator=f"{label} (usulan)" if proposals else label,
                              dimension=dict(dimension), **period, unit=unit))
        if metric == "total":
            facts[-1].flags.append("_total_row")


def _cell(row: Row, col: Column, shift: int) -> str:
    i = col.index + shift
    return row.cells[i] if 0 <= i < len(row.cells) else ""


def _stated_totals(facts: list[Fact]) -> None:
    """A JUMLAH row (or the index row closing a list of its aspects) states a total: it takes the
    metric of the parts above it, and is flagged when the parts do not reach it."""
    parts_of = {"merit_aspect_score": "merit_index", "ip_asn": "ip_asn"}
    for i, f in enumerate(facts):
        is_total_row = "_total_row" in f.flags
        if is_total_row:
            f.flags.remove("_total_row")
        if not is_total_row and (f.metric not in {"merit_index", "ip_asn"}
                                 or re.search(r"dimensi|aspek|kriteria", f.indicator or "", re.I)):
            continue  # a part whose own name was garbled is not the total of the others
        if f.metric == "ip_asn" and f.dimension:
            continue
        above = [p for p in facts[:i] if p.table == f.table and p.kind == f.kind and p.year == f.year
                 and p.metric in parts_of and p.dimension]
        if not above:
            continue
        metric = parts_of[above[-1].metric]
        if is_total_row:
            f.metric, f.indicator = metric, f.indicator
        if f.metric != metric or f.kind == "capaian_pct":
            continue
        same = [p for p in above if parts_of[p.metric] == metric]
        computed = round(sum(p.value for p in same), 4)
        if abs(computed - f.value) > 0.005:
            f.flags.append(f"stated_total_mismatch:{f.value}!={computed}")


def recognise(ctx: TableContext) -> list[Fact]:
    ident = ctx.identity
    plan = ident.doc_type in {"renstra", "renja"}
    # A report speaks of its own year unless a header says otherwise; a five-year plan never implies one.
    single_year = not plan or ident.period_start == ident.period_end
    default_year = ctx.stated_year() or (ident.period_end if single_year else None)
    rows = join_wrapped_years([r for r in ctx.table.rows if any(c.strip() for c in r.cells)])
    width = ctx.table.width
    facts: list[Fact] = []
    blocks: list[tuple[list[Column], list[Row]]] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and _header_like(rows[j]):
            j += 1
        if j > i:
            new = column_map(rows[i:j], width, default_year, plan, ctx.title or "")
            if any(c.kind for c in new):
                if plan and ident.period_start:
                    _history_columns(new, ident.period_start)
                    for col in new:
                        # A plan's starting condition (kondisi awal, tahun dasar) is the year before it.
                        if col.period_kind == "baseline" and col.year is None:
                            col.year = ident.period_start - 1
                blocks.append((new, []))
            i = j
            continue
        if blocks:
            blocks[-1][1].append(rows[i])
        i += 1
    for cols, data in blocks:
        # The column-number row with its formulas is evidence about the rows, not one of them.
        formulas = next((f for f in (_formula_row(r) for r in data[:2]) if f), None)
        data = [r for r in data if not _formula_row(r)]
        cols = _drop_phantoms(data, cols)
        cols = _drop_empty(data, cols)
        levels = _Levels()
        context = " ".join([ctx.title or "", *(c.header for c in cols)])
        parent: dict[str, str] = {}
        for row in data:
            verdict = _formulas_agree(row, cols, formulas) if formulas else "pass"
            if verdict == "fail":
                for col in cols:
                    text = _cell(row, col, 0)
                    if col.kind and re.search(r"\d", text):
                        ctx.miss(row, "alignment_unverified", f"{col.header[:40]}: {text}")
                continue
            before = len(facts)
            _read_row(ctx, row, cols, facts, levels, context, parent,
                      forced_shift=verdict if isinstance(verdict, int) else None)
            if row.confidence is not None:
                facts[before:] = _unambiguous(ctx, row, facts[before:])
    _stated_totals(facts)
    _budget_totals(facts)
    return facts


def _unambiguous(ctx: TableContext, row: Row, facts: list[Fact]) -> list[Fact]:
    """Two cells of an OCR'd row read as the same figure (metric, kind, year, categories) with different
    values: the header did not tell their columns apart (years the scan left unread fell back to the
    table's year), so neither value is known to be that figure. On text layers, where headers are read
    whole, two such columns are different printed concepts (a plan's pagu beside its needs analysis) and
    stay facts; the marts show them as conflicts."""
    def key(f: Fact) -> tuple:
        return (f.metric, f.kind, f.year, f.period_kind, f.indicator, tuple(sorted(f.dimension.items())))
    values: dict[tuple, set] = {}
    for f in facts:
        values.setdefault(key(f), set()).add(f.value)
    clash = {k for k, v in values.items() if len(v) > 1}
    for f in facts:
        if key(f) in clash:
            ctx.miss(row, "period_ambiguous", f"{f.kind} {f.year}: {f.value}")
    return [f for f in facts if key(f) not in clash]


def _budget_totals(facts: list[Fact]) -> None:
    """A JUMLAH/TOTAL budget row is checked against the programmes above it (same kind and year)."""
    start: dict[tuple, int] = {}
    for i, f in enumerate(facts):
        if f.metric != "budget_idr":
            continue
        key = (f.table, f.kind, f.year)
        if f.dimension or not f.indicator or not _BUDGET_TOTAL.fullmatch(f.indicator.strip()):
            continue
        # The programmes since the previous total of this table, each counted once.
        programmes = {p.dimension["program"]: p.value for p in facts[start.get(key, 0):i]
                      if p.metric == "budget_idr" and (p.table, p.kind, p.year) == key and "program" in p.dimension}
        start[key] = i + 1
        total = sum(programmes.values())
        # Only a near miss is a finding: far apart, the table lists other rows than the total counts.
        if len(programmes) >= 2 and total != f.value and 0.5 <= total / f.value <= 1.5:
            f.flags.append(f"stated_total_mismatch:{f.value}!={total}")


def _history_columns(cols: list[Column], period_start: int) -> None:
    """In a plan, a bare year before the plan period is history: what was achieved, not a target."""
    for col in cols:
        if col.kind == "target" and col.year and col.year < period_start and re.fullmatch(
            r"(tahun\s*)?\(?\d{4}\)?", col.header.split()[-1] if col.header else "", re.I
        ) and not re.search(r"target", col.header, re.I):
            col.kind = "realisation"


_FORMULA_CELL = re.compile(r"^\(?(\d{1,2})\)?(?:\s*=\s*(.+))?$")


def _substitute(expr: str, vals: dict[int, float | None]) -> str:
    """`7/6*100` with the row's values of columns 7 and 6 put in; 100 and other constants kept."""
    return re.sub(r"\d+", lambda m: repr(vals[int(m.group())]) if int(m.group()) in vals else m.group(), expr)


def _arith(expr: str) -> float | None:
    """Evaluate `(1.0/3.0*100)`: numbers and + - * / only; None on anything else or a division by zero."""
    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        raise ValueError(expr)
    try:
        return walk(ast.parse(expr, mode="eval").body)
    except (ValueError, SyntaxError, ZeroDivisionError):
        return None


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def _formula_row(row: Row) -> tuple[dict[int, int], list[tuple[int, str]]] | None:
    """`1 | 2 | ... | 8=(7/6x100) | 9 | 10=(5+7+9)`: the column numbers with the formulas that bind them
    (Permendagri 86 forms). Returns {column number: position} and [(result column, expression)]."""
    pos: dict[int, int] = {}
    formulas: list[tuple[int, str]] = []
    for i, cell in enumerate(row.cells):
        m = _FORMULA_CELL.match(cell.strip())
        if not cell.strip():
            continue
        if not m:
            return None
        n = int(m.group(1))
        pos[n] = i
        if m.group(2):
            expr = m.group(2).replace("x", "*").replace("X", "*").replace(" ", "")
            if re.fullmatch(r"[\d+*/().-]+", expr):
                formulas.append((n, expr))
    return (pos, formulas) if len(pos) >= 3 and formulas else None


def _formulas_agree(row: Row, cols: list[Column],
                    formulas: tuple[dict[int, int], list[tuple[int, str]]]) -> int | str:
    """The printed formulas hold at some offset of the row's cells, and at that offset every ratio
    column the formulas name is read as a percentage: the header's meaning then sits over these cells.
    A row the formulas cannot test (missing cells) passes."""
    pos, exprs = formulas
    def value(n: int, d: int) -> float | None:
        i = pos.get(n, -99) + d
        p = parse_number(row.cells[i]) if 0 <= i < len(row.cells) else None
        return float(p.value) if p is not None else None
    tested = False
    # Code columns split into one cell per level (`5 | 03 | 02 | 2.01 | 2`) put a row's numbers up to four
    # cells right of the column numbers; the formulas, not the position, say where they are.
    for d in (0, 1, -1, 2, -2, 3, -3, 4, -4):
        ok, any_tested = True, False
        for result, expr in exprs:
            nums = [int(x) for x in re.findall(r"\d+", expr) if int(x) in pos and int(x) != 100]
            vals = {n: value(n, d) for n in nums}
            want = value(result, d)
            if want is None or any(v is None for v in vals.values()):
                continue
            body = _substitute(expr, vals)
            got = _arith(body)
            if got is None:
                continue
            any_tested = True
            if abs(got - want) > max(0.6, abs(want) * 0.01):
                ok = False
                break
        tested = tested or any_tested
        if ok and any_tested:
            return _header_shift(cols, pos, exprs, d)
    return "fail" if tested else "pass"


def _header_shift(cols: list[Column], pos: dict[int, int], exprs: list[tuple[int, str]], d: int) -> int | str:
    """Where the header's reading must sit so that each ratio formula `a/b×100` lands on a capaian
    column with its realisation `a` and target `b` where the header says: the shift of the row under
    its header, or "fail" when no shift makes header and formulas agree."""
    ratios = [(r, [int(x) for x in re.findall(r"\d+", e) if int(x) in pos]) for r, e in exprs
              if "100" in e and "/" in e]
    if not ratios:
        return "pass"
    by_kind = {k: {c.index for c in cols if c.kind == k} for k in ("capaian_pct", "realisation", "target")}
    kinded = {c.index for c in cols if c.kind}
    for shift in (0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5):
        good, proven = True, False
        for result, parts in ratios:
            if pos[result] + d - shift not in by_kind["capaian_pct"]:
                good = False
                break
            if len(parts) < 2:
                continue
            at = [pos[parts[0]] + d - shift, pos[parts[1]] + d - shift]
            # A part under a header of no kind ("Target ... pada akhir Renstra") neither proves nor refutes;
            # a part under the wrong kind refutes.
            if any(i in kinded for i in at) and not all(
                    i not in kinded or i in by_kind[k] for i, k in zip(at, ("realisation", "target"), strict=True)):
                good = False
                break
            proven = proven or (at[0] in by_kind["realisation"] and at[1] in by_kind["target"])
        if good and proven:
            return shift
    return "fail"


def _header_like(row: Row) -> bool:
    cells = [c for c in row.cells if c.strip()]
    if is_numbering_row(row.cells):
        return True
    if len(cells) < 2 or is_row_number(cells[0]) and len(cells) < 6:
        return False
    return is_header_row(row.cells) or _split_year_header(cells)


def _split_year_header(cells: list[str]) -> bool:
    """`REA | ALISASI TAHUI | N 2023 | REALI | SASI TAHUN 2 | 024`: a header whose years were cut across
    cells by conversion; its only numbers are the pieces of a year joined to the cell before them."""
    numeric = [i for i, c in enumerate(cells) if parse_number(c) is not None]
    if not numeric or not re.search(r"(19|20)\d{2}", "".join(cells)):
        return False
    for i in numeric:
        if i == 0 or not re.search(r"(19|20)\d{2}$", (cells[i - 1] + cells[i]).replace(" ", "")):
            return False
    return sum(1 for c in cells if re.search(r"[A-Za-z]{3}", c)) >= 3 and is_header_row(
        [c for i, c in enumerate(cells) if i not in numeric])
