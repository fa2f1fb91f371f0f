"""`label : N Orang` lists (a one-column table printed as text) → `asn_headcount` facts.

Categories come from the vocabularies (categories.py), the heading above a group names its dimension;
a stated total (JUMLAH/Total) is kept as its own fact and flagged when its parts do not reach it.
Grids and cross tables are read by grid.py.
"""

from __future__ import annotations

import re

from extractors import codes
from extractors.documents.interpret import categories as dims
from extractors.documents.interpret.context import TableContext
from extractors.documents.interpret.labels import is_total
from extractors.documents.model import Row
from extractors.facts import Fact
from extractors.numbers import is_blank, parse_count

_STAFF_WORDS = re.compile(
    r"pegawai|\bpns\b|\basn\b|aparatur|keadaan|komposisi|rekapitulasi|sumber\s+daya\s+manusia|"
    r"\bsdm\b|personil|karyawan|berdasarkan|menurut|pejabat|jumlah",
    re.I,
)
_COLON_ORANG = re.compile(r"^(?P<label>.+?)\s*[:=]\s*(?P<num>[\d.,]+|-)\s*(?:\((?P<words>[a-z ]+)\)\s*)?"
                          r"(?P<unit>orang|org|pegawai|pns)?\.?\s*$", re.I)
_DIGIT_WORDS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
                "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000}


def _words_value(words: str) -> int | None:
    """`tiga puluh empat` → 34, `tujuh belas` → 17: the number a list spells out beside its digits."""
    total = current = 0
    for w in words.lower().split():
        if w in _DIGIT_WORDS:
            current += _DIGIT_WORDS[w]
        elif w == "belas":
            current += 10
        elif w == "puluh":
            current *= 10
        elif w == "ratus":
            current *= 100
        elif w == "ribu":
            total, current = (total + current) * 1000, 0
        else:
            return None
    return total + current
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
        ctx.miss(row, "unreadable_number", text)
    return value


# --- `label : N Orang` lists --------------------------------------------------------------------------

def _colon_match(row: Row) -> tuple[str, str] | None:
    cells = [c for c in row.cells if c and c.strip()]
    text = " ".join(cells)
    text = text.replace(" :", ":").replace(": ", ":").replace(":", " : ")
    m = _COLON_ORANG.match(text)
    if not m:
        return None
    if m.group("words") and _words_value(m.group("words")) != parse_count(m.group("num"), dash_is_zero=True):
        # "36 (tiga puluh empat)": digits and words disagree; neither is trusted.
        return _LIST_BULLET.sub("", m.group("label")).strip(), f"{m.group('num')} ({m.group('words')})"
    return _LIST_BULLET.sub("", m.group("label")).strip(), m.group("num")


_TOTAL_ORANG = re.compile(r"^(?P<label>\S.*?)\s+(?P<num>\d[\d.,]*)\s+(?:orang|org|pegawai|pns)\.?$", re.I)


def _colonless_total(row: Row) -> tuple[str, str] | None:
    """`JUMLAH 30 Orang` closing a `label : N Orang` list whose colon a scan lost (a colon is two specks):
    only a total row, with its unit word, is taken so; any other row without a colon is not a list item."""
    m = _TOTAL_ORANG.match(" ".join(c.strip() for c in row.cells if c and c.strip()))
    if not m or not is_total(m.group("label")):
        return None
    return m.group("label").strip(), m.group("num")


def _colon_groups(ctx: TableContext) -> list[tuple[list[str], list[tuple[Row, str, str]]]]:
    """`label : N Orang` rows, in groups; a one-cell row between them is the next group's heading
    (a borderless layout can run several lists and their headings into one table)."""
    groups: list[tuple[list[str], list[tuple[Row, str, str]]]] = [([], [])]
    matched = 0
    for row in ctx.table.rows:
        hit = _colon_match(row) or _colonless_total(row)
        if hit:
            groups[-1][1].append((row, *hit))
            matched += 1
            if is_total(hit[0]):
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
        stated = codes.population_of(" ".join([*headings, ctx.title or ""]))
        if stated == "asn" and not re.search(r"\basn\b|aparatur\s+sipil", " ".join([*headings, ctx.title or ""]),
                                            re.I):
            stated = None  # "Sumber Daya Manusia", "Pegawai": who exactly is not said
        items = [lab for lab in labels if not is_total(lab)]
        item_pops = {codes.population_of(lab) for lab in items} - {None}
        if items and all(_STRUCTURAL.search(lab) for lab in items):
            whole = "pejabat_struktural"  # Kepala, Sekretaris, Kepala Bidang: only the structural officials
        elif "non_asn" in item_pops and len(items) > len([x for x in items if codes.population_of(x)]):
            whole = "subgroup"  # staff and interns/honorer together: no population of the vocabulary
        else:
            whole = stated
        parts: list[int] = []
        for row, label, num in group:
            if "(" in num:
                ctx.miss(row, "digits_words_disagree", f"{label}: {num}")
                continue
            value = _count(ctx, row, num)
            if value is None:
                continue
            if is_total(label):
                computed = sum(parts)
                facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=year,
                                      indicator=label, unit="orang", flags=_flag(value, computed), table=name,
                                      population=whole, evidence=_evidence(whole, key)))
                parts = []
                continue
            # "Tenaga Magang (Sukwan)": the bracket repeats the name in another word.
            category = (re.sub(r"\s*\([^)]*\)\s*$", "", label) or label) if key == "jabatan" \
                else dims.normalise(key, label)
            if category is None:
                ctx.problem(row, f"unknown {key} category {label!r}")
                ctx.miss(row, "row_category_unknown", f"{label}: {num}")
                continue
            parts.append(value)
            own = codes.population_of(label) if key == "jabatan" else None
            population = own if own in {"non_asn", "pppk", "cpns", "pns"} else (
                "pejabat_struktural" if whole == "pejabat_struktural" else stated)
            facts.append(ctx.fact(row, metric="asn_headcount", kind="count", value=value, year=year,
                                  dimension={key: category}, unit="orang", table=name, population=population,
                                  evidence=f"list item {label!r} under {key}"))
    return facts


_STRUCTURAL = re.compile(r"^\s*(kepala|sekretaris|ka\.?\s*bid|kabid|kasubb?ag|kasubbid|kasi\b|camat|lurah|"
                         r"inspektur|direktur|pejabat\s+(struktural|eselon)|eselon)", re.I)


def _evidence(population: str | None, key: str) -> str:
    if population == "pejabat_struktural":
        return f"total of a list of structural positions ({key}): the officials only, not the agency's staff"
    if population == "subgroup":
        return f"total of a {key} list mixing ASN and non-ASN staff: not one population"
    return f"stated total of a {key} list"


def _default_year(ctx: TableContext) -> int | None:
    ident = ctx.identity
    # A performance report describes its own year; a plan describes its staff as of when it was
    # written (the year printed on its title page), never a year of the plan period.
    return ident.period_end if ident.doc_type == "lkip" else ctx.published
