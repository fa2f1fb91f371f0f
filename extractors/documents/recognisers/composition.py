"""Staff composition tables → `asn_headcount` facts.

Shapes handled, all by the same reading (categories found by the code-list normalisers, not by
position): `label : N Orang` lists; one-row grids (categories across, one row per year);
cross tables (units or categories down, categories or gender across) with row and column totals.
A stated total (JUMLAH/Total) is kept as its own fact and flagged when its parts do not reach it.
"""

from __future__ import annotations

import re

from extractors.documents.model import Row
from extractors.documents.recognisers import dimensions as dims
from extractors.documents.recognisers.context import TableContext
from extractors.facts import Fact
from extractors.numbers import is_blank, is_dash, parse_count, parse_number

_STAFF_WORDS = re.compile(
    r"pegawai|\bpns\b|\basn\b|aparatur|keadaan|komposisi|rekapitulasi|sumber\s+daya\s+manusia|"
    r"\bsdm\b|personil|karyawan|berdasarkan|menurut|pejabat|jumlah",
    re.I,
)
_COLON_ORANG = re.compile(r"^(?P<label>.+?)\s*:\s*(?P<num>[\d.,]+|-)\s*(?P<unit>orang|org|pegawai|pns)?\.?\s*$", re.I)
_UNIT_HEADER = re.compile(r"unit\s*kerja|perangkat\s*daerah|\bopd\b|\bskpd\b|satuan\s*kerja|bidang|instansi", re.I)
_JABATAN_HEADER = re.compile(r"jabatan", re.I)
_LIST_BULLET = re.compile(r"^\s*(?:[\dA-Za-z]{1,3}[.)]|[-•Ø➤*·o])\s*")
_SECTION = re.compile(r"berdasarkan\s+(.+)$|menurut\s+(.+)$", re.I)


def _flag(stated: int, computed: int) -> list[str]:
    return [] if stated == computed else [f"stated_total_mismatch:{stated}!={computed}"]


def _count(ctx: TableContext, row: Row, text: str) -> int | None:
    """A count cell; '-' is zero in a count table; unreadable non-blank text is a problem, not a guess."""
    if is_blank(text):
        return None
    value = parse_count(text, dash_is_zero=True)
    if value is None:
        ctx.problem(row, f"unreadable count {text!r}")
    return value


# --- `label : N Orang` lists --------------------------------------------------------------------------

def _colon_match(row: Row) -> tuple[str, str] | None:
    cells = [c for c in row.cells if c and c.strip()]
    text = " ".join(cells)
    text = text.replace(" :", ":").replace(": ", ":").replace(":", " : ")
    m = _COLON_ORANG.match(text)
    if not m:
        return None
    return _LIST_BULLET.sub("", m.group("label")).strip(), m.group("num")


def _colon_groups(ctx: TableContext) -> list[tuple[list[str], list[tuple[Row, str, str]]]]:
    """`label : N Orang` rows, in groups; a one-cell row between them is the next group's heading
    (a borderless layout can run several lists and their headings into one table)."""
    groups: list[tuple[list[str], list[tuple[Row, str, str]]]] = [([], [])]
    matched = 0
    for row in ctx.table.rows:
        hit = _colon_match(row)
        if hit:
            groups[-1][1].append((row, *hit))
            matched += 1
            if dims.is_total(hit[0]):
                groups.append((groups[-1][0], []))
            continue
        filled = [c for c in row.cells if c.strip()]
        if len(filled) == 1:
            groups.append(([filled[0]], []))
            continue
        return []  # something else in the table: not a list
    return [g for g in groups if g[1]] if matched >= 2 else []


def _section_dimension(headings: list[str], labels: list[str]) -> str | None:
    heading = " ".join(headings)
    key = dims.detect(labels, heading)
    if key:
        return key
    m = _SECTION.search(headings[-1] if headings else "")
    if m and _JABATAN_HEADER.search(m.group(0)):
        return "jabatan"
    return None


def colon_list(ctx: TableContext) -> list[Fact]:
    facts: list[Fact] = []
    year = ctx.stated_year() or _default_year(ctx)
    for headings, group in _colon_groups(ctx):
        labels = [lab for _, lab, _ in group]
        key = _section_dimension(headings or ctx.before[-2:], labels)
        if key is None:
            continue
        name = headings[-1] if headings else ctx.title
        parts: list[int] = []
        for row, label, num in group:
            value = _count(ctx, row, num)
            if value is None:
                continue
            if dims.is_total(label):
                computed = sum(parts)
                facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=year,
                                      indicator=label, unit="orang", flags=_flag(value, computed), table=name))
                parts = []
                continue
            # "Tenaga Magang (Sukwan)": the bracket repeats the name in another word.
            category = (re.sub(r"\s*\([^)]*\)\s*$", "", label) or label) if key == "jabatan" \
                else dims.normalise(key, label)
            if category is None:
                ctx.problem(row, f"unknown {key} category {label!r}")
                continue
            parts.append(value)
            facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=year,
                                  dimension={key: category}, unit="orang", table=name))
    return facts


# --- grids and cross tables ----------------------------------------------------------------------------

def _default_year(ctx: TableContext) -> int | None:
    ident = ctx.identity
    # A performance report describes its own year; a plan describes its staff as of when it was
    # written (the year printed on its title page), never a year of the plan period.
    return ident.period_end if ident.doc_type == "lkip" else ctx.published


def _is_data_row(cells: list[str]) -> bool:
    values = [c for c in cells[1:] if c and c.strip()]
    nums = [c for c in values if parse_count(c) is not None]
    if len(nums) >= 2 and all(dims.year_label(c) for c in nums):
        return False  # a header of years, not counts
    return len(nums) >= 1 and len(nums) >= len(values) / 2


def _is_value_column(data_rows: list[Row], col: int) -> bool:
    cells = [r.cells[col] for r in data_rows if col < len(r.cells) and r.cells[col].strip()]
    texts = [c for c in cells if dims.is_total(c) or not looks_like_count(c)]
    return bool(cells) and len(texts) <= len(cells) / 4


def _header_labels(header_rows: list[Row], width: int) -> list[str]:
    """Per column, the lowest non-empty header cell (sub-headers under a spanning group label)."""
    out = []
    for c in range(width):
        label = ""
        for r in header_rows:
            if c < len(r.cells) and r.cells[c].strip():
                label = r.cells[c].strip()
        out.append(label)
    return out


def cross_table(ctx: TableContext) -> list[Fact]:
    table = ctx.table
    width = table.width
    rows = [r for r in table.rows if any(c.strip() for c in r.cells)]
    first_data = next((i for i, r in enumerate(rows) if _is_data_row(r.cells)), None)
    if first_data is None or first_data == 0 or first_data > 4:
        return []
    header_rows, data_rows = rows[:first_data], rows[first_data:]
    headers = _header_labels(header_rows, width)
    context = " ".join([ctx.context_text(), *(" ".join(r.cells) for r in header_rows)])

    # Column categories: value columns (numbers, dashes or blanks below) whose header names a category.
    candidate_cols = [c for c in range(width) if headers[c] and not dims.is_total(headers[c])
                      and _is_value_column(data_rows, c)]
    col_key = dims.detect([headers[c] for c in candidate_cols], context)
    col_cats: dict[int, str] = {}
    if col_key:
        for c in candidate_cols:
            cat = dims.normalise(col_key, headers[c])
            if cat:
                col_cats[c] = cat
    total_cols = [c for c in range(width) if dims.is_total(headers[c])]
    if not col_cats and not total_cols:
        return _by_year_columns(ctx, data_rows, headers, context)
    first_value_col = min([*col_cats, *total_cols])
    if first_value_col == 0:
        return []

    # Row labels: the text cells left of the first value column.
    def row_label(row: Row) -> str:
        texts = [c.strip() for c in row.cells[:first_value_col] if c and c.strip()]
        texts = [t for t in texts if not dims.is_row_number(t)] or texts
        return " ".join(texts)

    labels = [row_label(r) for r in data_rows]
    body = [(r, lab) for r, lab in zip(data_rows, labels, strict=True) if not dims.is_total(lab)]
    total_rows = [(r, lab) for r, lab in zip(data_rows, labels, strict=True) if dims.is_total(lab)]
    year_rows = all(dims.year_label(lab) for _, lab in body) if body else False
    row_key: str | None = None
    if not year_rows:
        row_key = dims.detect([lab for _, lab in body], context)
        if row_key is None or row_key == col_key:
            label_header = " ".join(headers[:first_value_col])
            if _UNIT_HEADER.search(label_header):
                row_key = "unit_kerja"
            elif _JABATAN_HEADER.search(label_header) and col_key:
                row_key = "jabatan"
            elif row_key == col_key:
                row_key = None
    if not col_cats and row_key is None:
        return []
    if col_key is None and row_key in {"unit_kerja", "jabatan"}:
        return []  # a list of units with one number each is not a composition breakdown
    if not _STAFF_WORDS.search(context) and not (col_key and row_key):
        return []
    if len(body) > 1 and not year_rows and row_key is None:
        return []  # several rows that are neither years nor categories: not a composition table

    facts: list[Fact] = []
    table_year = ctx.stated_year() or _default_year(ctx)
    col_sums: dict[int, int] = {}
    col_seen: dict[int, int] = {}
    for row, label in body:
        year = dims.year_label(label) if year_rows else table_year
        base: dict[str, str] = {}
        if row_key:
            cat = label if row_key in {"unit_kerja", "jabatan"} else dims.normalise(row_key, label)
            if not cat:
                ctx.problem(row, f"unknown {row_key} category {label!r}")
                continue
            base[row_key] = cat
        parts = 0
        n_parts = 0
        for c, cat in col_cats.items():
            text = row.cells[c] if c < len(row.cells) else ""
            value = _count(ctx, row, text)
            if value is None:
                continue
            parts += value
            n_parts += 1
            col_sums[c] = col_sums.get(c, 0) + value
            col_seen[c] = col_seen.get(c, 0) + 1
            facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=year,
                                  indicator=label if year_rows else None,
                                  dimension={**base, col_key: cat}, unit="orang"))
        for c in total_cols:
            text = row.cells[c] if c < len(row.cells) else ""
            value = _count(ctx, row, text)
            if value is None:
                continue
            col_sums[c] = col_sums.get(c, 0) + value
            col_seen[c] = col_seen.get(c, 0) + 1
            if not base:
                flags = _flag(value, parts) if n_parts else []
                facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=year,
                                      indicator=headers[c], unit="orang", flags=flags))
                continue
            flags = _flag(value, parts) if n_parts else []
            facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=year,
                                  dimension=base, unit="orang", flags=flags))
    # The JUMLAH row: totals per column category, checked against the rows above it.
    for row, label in total_rows[:1]:
        for c in [*col_cats, *total_cols]:
            text = row.cells[c] if c < len(row.cells) else ""
            value = _count(ctx, row, text)
            if value is None:
                continue
            flags = _flag(value, col_sums.get(c, 0)) if col_seen.get(c, 0) >= 2 else []
            if c in total_cols and not flags:
                # The grand total also closes the JUMLAH row's own categories.
                parts = [_count(ctx, row, row.cells[k]) for k in col_cats if k < len(row.cells)]
                parts = [p for p in parts if p is not None]
                if len(parts) >= 2:
                    flags = _flag(value, sum(parts))
            dim = {col_key: col_cats[c]} if c in col_cats else {}
            facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=table_year,
                                  indicator=label, dimension=dim, unit="orang", flags=flags))
    return facts


def _by_year_columns(ctx: TableContext, data_rows: list[Row], headers: list[str], context: str) -> list[Fact]:
    """Categories down, years across ("Pendidikan | 2022 | 2023 | 2024"): one count per cell."""
    year_cols = {c: dims.year_label(h) for c, h in enumerate(headers)
                 if dims.year_label(h) and _is_value_column(data_rows, c)}
    if not year_cols or not _STAFF_WORDS.search(context):
        return []
    first = min(year_cols)
    labels = [" ".join(t for t in (x.strip() for x in r.cells[:first]) if t and not dims.is_row_number(t))
              for r in data_rows]
    body = [(r, lab) for r, lab in zip(data_rows, labels, strict=True) if lab and not dims.is_total(lab)]
    key = dims.detect([lab for _, lab in body], context)
    if key is None:
        return []
    facts: list[Fact] = []
    for row, label in body:
        cat = dims.normalise(key, label)
        if not cat:
            ctx.problem(row, f"unknown {key} category {label!r}")
            continue
        for c, year in year_cols.items():
            value = _count(ctx, row, row.cells[c] if c < len(row.cells) else "")
            if value is not None:
                facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=year,
                                      dimension={key: cat}, unit="orang"))
    return facts


def recognise(ctx: TableContext) -> list[Fact]:
    facts = colon_list(ctx)
    if facts:
        return facts
    return cross_table(ctx)


def looks_like_count(text: str) -> bool:
    parsed = parse_number(text)
    return is_dash(text) or (parsed is not None and isinstance(parsed.value, int))
