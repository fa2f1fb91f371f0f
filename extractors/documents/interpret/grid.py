"""Interpret a count or score table from what it says: header tree over the columns, stub over the rows.

A table is read in four steps, none of which depends on a column's position:
1. header rows (above the first row of numbers) become one header path per column; a label spans the
   columns under it where the row below has sub-labels, and a lone period label in an upper row covers all;
2. value columns (numbers below) get a meaning from the vocabularies: a period, a sex, a category of a
   dimension (golongan, pendidikan, ...), an IP ASN dimension, or a measure (jumlah, persentase, kebutuhan);
3. stub rows get a label (numbering stripped); a row without numbers, or one that says "Berdasarkan ...",
   heads the rows below it; the dimension of a group of rows is the vocabulary most of its labels belong to;
4. each cell becomes a fact only when its metric, kind, period, categories and population are all known,
   else it is an `Unresolved` with a reason. Totals are checked against their parts and flagged.

A table with performance measures (target, realisasi, capaian, anggaran) is not read here: `None` lets the
indicator reader take it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors import codes
from extractors.documents.interpret import categories as dims
from extractors.documents.interpret.context import TableContext
from extractors.documents.interpret.labels import (
    TOTAL_WORDS,
    is_row_number,
    is_total,
    numbering,
    opens_group,
    strip_numbering,
)
from extractors.documents.interpret.periods import Period, read_period, year_label
from extractors.documents.model import UNREAD, Row
from extractors.facts import Fact, Unresolved
from extractors.numbers import is_blank, is_dash, parse_count, parse_number

# Header words of performance tables: read by the indicator reader, not here.
_PERFORMANCE = re.compile(r"\b(target|realisasi|capaian|anggaran|pagu|rp\.?|rencana|sasaran|indikator|"
                          r"program|kegiatan|satuan|baseline|kondisi\s+awal|prakiraan)\b", re.I)
_SHARE = re.compile(r"%|persen|prosentase|proporsi|\bpersentase\b", re.I)
_OTHER_COUNT = re.compile(r"kebutuhan|formasi|\bgap\b|kekurangan|kelebihan|selisih|\babk\b", re.I)
# "Jumlah", "Jumlah Pegawai", "Terisi": the count itself; "Jumlah PN", "Jumlah Pelamar" count something else.
_HEADCOUNT = re.compile(r"^\s*((jumlah|jml\.?)(\s+(pegawai|pns|asn|pppk|personil|karyawan|orang|sdm|aparatur|"
                        r"\(orang\)|total))?|terisi|ada|bezetting|eksisting|orang|jiwa)\s*$", re.I)
_IP_INDEX = re.compile(r"^\s*(indeks|nilai\s+indeks|ip\s*asn|nilai\s+ip\s*asn|total\s+nilai|nilai\s+total)\s*$",
                       re.I)
# "NO ." as a PDF spaces it is still the row-number header.
_ROWNUM_HEADER = re.compile(r"^\s*(no\s*\.?|nomor|#|no\s+urut)\s*$", re.I)
# Stub headers naming a dimension whose categories are printed names, not a closed code list.
_UNIT_HEADER = re.compile(r"unit\s*kerja|perangkat\s*daerah|\bopd\b|\bskpd\b|satuan\s*kerja|instansi|"
                          r"unit\s*organisasi|\bbidang\b", re.I)
_JABATAN_HEADER = re.compile(r"jabatan\s+fungsional|nama\s+jabatan|\bjft\b", re.I)
_AGE_BAND = re.compile(r"^\s*(\d{2})\s*(?:-|–|s\.?\s*d\.?|sd|sampai)\s*(\d{2})\s*(tahun|thn)?\s*$", re.I)
_AGE_BOUND = re.compile(
    r"^\s*(<|>|≤|≥|kurang dari|lebih dari|di\s*bawah|di\s*atas)\s*(=)?\s*(\d{2})\s*(tahun|thn)?\s*$", re.I)
# A column closing its siblings says only "Jumlah"/"Total"; "Jumlah PN" is a count of something else.
_TOTAL_COLUMN = re.compile(rf"^\s*({TOTAL_WORDS})(\s+(total|keseluruhan|seluruhnya|akhir))?\s*$", re.I)
_SEX_TOTAL = re.compile(r"^\s*(l\s*\+\s*p|p\s*\+\s*l|lk\s*\+\s*pr)\s*$", re.I)
_STAFF = re.compile(r"pegawai|\bc?pns\b|\basn\b|\bpppk\b|honorer|aparatur|keadaan|komposisi|rekapitulasi|"
                    r"sumber\s+daya\s+manusia|\bsdm\b|personil|karyawan|berdasarkan|menurut|pejabat|jumlah", re.I)
# Words of a caption around its population and subgroup: what is left is the subgroup's own name.
_CAPTION_NOISE = re.compile(
    r"\b(tabel|table|data|jumlah|dan\s+persentase|persentase|keadaan|komposisi|rekapitulasi|rekap|perkembangan|"
    r"pegawai\s+negeri\s+sipil|pegawai|aparatur\s+sipil\s+negara|pns|asn|pppk|cpns)\b|\(\s*(pns|asn|pppk)\s*\)|"
    r"^[\s\d.:]+|[\d.]+\s*$", re.I)


@dataclass
class _Column:
    index: int
    header: str
    label: str
    period: Period | None = None
    sex: str | None = None
    category: tuple[str, str] | None = None
    ip_dimensi: str | None = None
    measure: str | None = None  # headcount | other_count | share | total | ip_index
    population: str | None = None


@dataclass
class _Row:
    row: Row
    label: str
    values: dict[int, str]
    period: Period | None = None
    population: str | None = None
    category: tuple[str, str] | None = None
    role: str = "member"  # member | heading | total
    # A bulleted child row ("- Fungsional Angka Kredit" under a unit): a subgroup of the row above it.
    parent: _Row | None = None


@dataclass
class _Group:
    heading: _Row | None
    members: list[_Row] = field(default_factory=list)
    total: _Row | None = None
    key: str | None = None  # the dimension of the members' labels
    rows_are: str | None = None  # "years" | "populations" | None


# A count cell left empty but for its printed unit ("CPNS | orang"): no number, as blank as an empty cell.
_UNIT_ONLY = re.compile(r"^\s*(orang|org\.?|jiwa|pegawai|pns)\s*$", re.I)


def _is_number(text: str) -> bool:
    return is_dash(text) or text.strip() == UNREAD or parse_number(text) is not None


def _is_data_row(cells: list[str]) -> bool:
    """A row with at least one number past its first filled cell that is not a year or a column number."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) < 2:
        return False
    rest = filled[1:]
    if not any(parse_number(c) is not None or is_dash(c) for c in rest):
        return False
    nums = [c for c in rest if parse_number(c) is not None]
    if nums and all(year_label(c) for c in nums) and not year_label(filled[0]):
        return False  # a header of years
    if all(re.fullmatch(r"\(?\d{1,2}\)?", c) for c in filled) and len(filled) >= 3:
        ints = [int(c.strip("()")) for c in filled]
        if ints == sorted(ints) and len(set(ints)) == len(ints):
            return False  # the column numbers printed under a header: (1) (2) (3)
    return True


def _compact(rows: list[Row]) -> list[Row]:
    """Rows whose cells drift between columns (a borderless PDF read cell by cell) are re-gridded by the
    order of their filled cells, when the header and every row agree on that order: text cells first,
    one value last. Tables with several value columns are left as they are: a missing cell there could be
    any of them."""
    filled = [[c for c in r.cells if c.strip()] for r in rows]
    positions = {tuple(i for i, c in enumerate(r.cells) if c.strip()) for r in rows}
    if len(positions) <= 1 or not filled:
        return rows
    width = max(len(f) for f in filled)
    if width > 3 or sum(1 for f in filled if len(f) == width) < len(rows) / 2:
        return rows
    out = []
    for r, f in zip(rows, filled, strict=True):
        if len(f) < width and f and (_is_number(f[-1]) or parse_count(f[-1]) is not None) and len(f) >= 2:
            f = [*f[:-1], *([""] * (width - len(f))), f[-1]]
        elif len(f) < width:
            f = [*f, *([""] * (width - len(f)))]
        out.append(Row(cells=f, page=r.page, line=r.line))
    return out


def _cell(row: Row, c: int) -> str:
    return row.cells[c].strip() if c < len(row.cells) else ""


def _header_paths(header: list[Row], width: int, value_cols: set[int]) -> list[list[str]]:
    """Per column, its header labels from top to bottom. An upper label spans right over blank cells that
    have sub-labels below them, but never out of the stub into the value columns."""
    paths: list[list[str]] = [[] for _ in range(width)]
    for r, row in enumerate(header):
        below = header[r + 1] if r + 1 < len(header) else None
        last = ""
        for c in range(width):
            v = _cell(row, c)
            if v:
                last = v if c in value_cols else ""
                paths[c].append(v)
            elif last and below is not None and _cell(below, c) and c in value_cols:
                paths[c].append(last)
    return paths


def _column_numbers(row: Row) -> bool:
    """`1 | 2 | 3 | ... | 8=(7/6x100)`: the numbers some tables print under their header."""
    filled = [c.strip() for c in row.cells if c.strip()]
    nums = [re.match(r"\(?(\d{1,2})\)?(?:\s*=.*)?$", c) for c in filled]
    if len(filled) < 3 or not all(nums):
        return False
    ints = [int(m.group(1)) for m in nums if m]
    return ints == sorted(ints) and len(set(ints)) == len(ints)


def _starts_numbered(row: Row) -> bool:
    """A body row left blank: its number and its label, nothing (but a unit) in the value cells. A row of
    sub-labels under a header (`| L | P | Jumlah | L | P | Jumlah`) starts with a letter too, and is header."""
    filled = [c.strip() for c in row.cells if c.strip()]
    return (len(filled) >= 2 and is_row_number(filled[0]) and not _is_number(filled[1])
            and all(_UNIT_ONLY.match(c) for c in filled[2:]))


def _run_together(text: str) -> bool:
    """`211302 02`: digits of several cells run together; only `1 095` (groups of three) is one number."""
    t = text.strip()
    return bool(re.search(r"\d\s+\d", t)) and not re.fullmatch(r"\d{1,3}(\s\d{3})+", t)


def _snap_headers(paths: list[list[str]], value_cols: list[int]) -> None:
    """A value column without a header beside a header without values is the same column, drawn one
    position off by a borderless layout (`S3` over nothing, its numbers one column left)."""
    values = set(value_cols)
    for c in value_cols:
        if paths[c]:
            continue
        for n in (c + 1, c - 1):
            if 0 <= n < len(paths) and paths[n] and n not in values:
                paths[c], paths[n] = paths[n], []
                break


def _age_band(label: str) -> str | None:
    """A printed age band kept as printed when the code list has no band for it (`21-25`, `18-20`)."""
    band = codes.normalise_kelompok_usia(label)
    if band:
        return band
    m = _AGE_BAND.match(label)
    if m and int(m.group(1)) < int(m.group(2)):
        return f"{int(m.group(1))}-{int(m.group(2))}"
    m = _AGE_BOUND.match(label)
    if m:
        below = re.sub(r"\s+", "", m.group(1).lower()) in {"<", "≤", "kurangdari", "dibawah"}
        return f"{'<' if below else '>'}{m.group(3)}" if not m.group(2) else f"{'<=' if below else '>='}{m.group(3)}"
    return None


def _normalise(key: str, label: str) -> str | None:
    if key == "kelompok_usia":
        return _age_band(label)
    return dims.normalise(key, label)


def _sex(label: str) -> str | None:
    low = label.strip().lower()
    if not re.fullmatch(r"[a-z .\-]+", low):
        return None  # "1"/"2" are SIMPEG codes, never a printed header
    if len(low) <= 2 or re.match(r"(laki|perempuan|pria|wanita)", low):
        return codes.normalise_jenis_kelamin(low.rstrip("."))
    return None


def _only_population(label: str) -> str | None:
    """A label that names only a population (`PNS`, `PPPK`, `CPNS`, `Honorer`, `PNS dan PPPK`)."""
    text = re.sub(r"[()\s]+", " ", label).strip()
    if len(text) > 30:
        return None
    pop = codes.population_of(text)
    if pop in {"pns", "pppk", "cpns", "non_asn"} or (pop == "asn" and re.search(r"\basn\b|pns", text, re.I)):
        return pop
    return None


def caption_population(caption: str) -> tuple[str | None, str | None]:
    """Who a caption's table counts, and the subgroup it narrows to (`PNS Fungsional Guru` → pns,
    "Fungsional Guru"): the words between the population and `Menurut/Berdasarkan` name the subgroup."""
    if not caption:
        return None, None
    pop = codes.population_of(caption)
    m = re.search(r"(pegawai\s+negeri\s+sipil|\bpns\b|\basn\b|\bpppk\b|\bpegawai\b)(\s*\((pns|asn|pppk)\))?"
                  r"(?P<rest>.*?)(\bmenurut\b|\bberdasarkan\b|\bdi\s+(kabupaten|kota|provinsi|lingkungan)|"
                  r"\btahun\b|$)", caption, re.I)
    if m:
        rest = _CAPTION_NOISE.sub(" ", m.group("rest"))
        rest = _drop_place(rest)
        rest = re.sub(r"\s+", " ", rest).strip(" ,.-:")
        if _SUBGROUP_WORDS.search(rest):
            return "subgroup", rest
    return pop, None


# A subgroup is named by position words; anything else between population and "menurut" is a place.
_SUBGROUP_WORDS = re.compile(r"struktural|fungsional|pelaksana|guru|jabatan|eselon|penyuluh|medis|kesehatan|"
                             r"teknis|administra|pejabat|dokter|perawat|bidan|pendidik|umum|lainnya", re.I)
_PLACE = re.compile(r"^(di|lingkungan|pemerintah|kota|kabupaten|kab\.?|provinsi|prov\.?|pemkot|pemkab|pemprov|se-?)$",
                    re.I)


def _drop_place(text: str) -> str:
    """`Kota Tangerang Fungsional Guru` → `Fungsional Guru`: a place word and the name after it, up to the
    first word of a subgroup."""
    out: list[str] = []
    in_place = False
    for word in text.split():
        if _PLACE.match(word):
            in_place = True
            continue
        if in_place and not _SUBGROUP_WORDS.search(word) and word[:1].isupper():
            continue
        in_place = False
        out.append(word)
    return " ".join(out)


class _Reading:
    """One table being interpreted: its context, the facts and the unresolved cells it yields."""

    def __init__(self, ctx: TableContext) -> None:
        self.ctx = ctx
        self.facts: list[Fact] = []

    def miss(self, row: Row, reason: str, text: str) -> None:
        self.ctx.miss(row, reason, text)


def _default_year(ctx: TableContext) -> int | None:
    ident = ctx.identity
    # A performance report describes its own year; a plan describes its staff as of when it was
    # written (the year printed on its title page), never a year of the plan period.
    return ident.period_end if ident.doc_type == "lkip" else ctx.published


def _table_period(ctx: TableContext) -> Period | None:
    """The caption's period; without one, the year of the source note or of the document."""
    period = read_period(ctx.title or "")
    if period is not None:
        return period
    year = ctx.stated_year() or _default_year(ctx)
    return Period("year", year, year) if year else None


def interpret(ctx: TableContext) -> tuple[list[Fact], list[Unresolved]] | None:
    """Facts and unresolved cells of a count or score table, or None when this is not such a table."""
    rows = _compact([r for r in ctx.table.rows if any(c.strip() for c in r.cells)])
    first = next((i for i, r in enumerate(rows) if _is_data_row(r.cells)), None)
    if first is None or first > 5:
        return None
    width = ctx.table.width
    if first == 0:
        return _headerless(ctx, rows, width)
    # Rows above the first number that start with a row number ("1. | S – 3 | ") are body rows left blank.
    start = first
    while start > 1 and _starts_numbered(rows[start - 1]):
        start -= 1
    header = [r for r in rows[:start] if not all(is_total(c) or not c.strip() for c in r.cells)
              and not _column_numbers(r)]
    body = rows[start:]
    header_text = " ".join(c for r in header for c in r.cells)
    if _PERFORMANCE.search(header_text):
        return None
    value_cols, year_col, _ = _columns(header, body, width)
    if not value_cols:
        return None
    paths = _header_paths(header, width, set(value_cols))
    _snap_headers(paths, value_cols)
    cols = _column_meanings(paths, value_cols, " ".join([ctx.title or "", *ctx.before[-2:]]))
    if cols is None:
        return None
    return _read(ctx, body, value_cols, year_col, paths, cols, header_text)


def _headerless(ctx: TableContext, rows: list[Row], width: int) -> tuple[list[Fact], list[Unresolved]] | None:
    """`Pembina | IV/a | 9 | Orang` rows under "Pegawai menurut Pangkat ... sebagai berikut :": no header,
    but one count column with its unit printed beside every number says what the numbers are."""
    value_cols, year_col, _ = _columns([], rows, width)
    if len(value_cols) != 1:
        return None
    c = value_cols[0]
    units = [_cell(r, c + 1) for r in rows if _cell(r, c)]
    if not units or not all(re.fullmatch(r"(?i)orang|org\.?|pegawai|jiwa", u) for u in units):
        return None
    col = _Column(index=c, header="(orang)", label="orang", measure="headcount")
    paths: list[list[str]] = [[] for _ in range(width)]
    # The unit printed beside every number is the header such a list lacks: a count of people.
    return _read(ctx, rows, value_cols, year_col, paths, [col], "jumlah orang")


def _read(ctx: TableContext, body: list[Row], value_cols: list[int], year_col: int | None,
          paths: list[list[str]], cols: list[_Column], header_text: str) -> tuple[list[Fact], list[Unresolved]] | None:
    # Row-number columns also carry the label of a total row ("Jumlah" under "No").
    stub_cols = [c for c in range(min(value_cols)) if c != year_col]
    rownum_cols: set[int] = set()
    stub_header = " ".join(p for c in stub_cols for p in paths[c])
    context = " ".join([ctx.title or "", *ctx.before[-3:], stub_header])
    groups = _row_groups(body, stub_cols, year_col, rownum_cols, cols)
    for g in groups:
        _group_dimension(g, " ".join([g.heading.label if g.heading else "", context]), stub_header,
                         any(c.category for c in cols))
    understood = any(c.category or c.sex or c.ip_dimensi for c in cols) or any(g.key or g.rows_are for g in groups)
    if not understood or not (_STAFF.search(context + " " + header_text) or any(c.ip_dimensi for c in cols)):
        return None
    reading = _Reading(ctx)
    _emit(reading, cols, groups, context)
    return reading.facts, ctx.unresolved


def _columns(header: list[Row], body: list[Row], width: int) -> tuple[list[int], int | None, set[int]]:
    """Value columns (numbers below), the stub column of years if any, and the row-number columns."""
    value_cols: list[int] = []
    year_col: int | None = None
    rownum: set[int] = set()
    for c in range(width):
        cells = [_cell(r, c) for r in body]
        filled = [x for x in cells if x and not _UNIT_ONLY.match(x)]
        if not filled:
            continue
        head = " ".join(_cell(r, c) for r in header)
        if not value_cols and (_ROWNUM_HEADER.match(head) or (not head.strip() and _counts_rows(filled))):
            if all(is_row_number(x) or not _is_number(x) for x in filled):
                rownum.add(c)
                continue
        if not value_cols and all(year_label(x) for x in filled):
            year_col = c
            continue
        # Digits run together by a conversion ("211302 02") are still numbers here: unreadable ones,
        # reported on their cell, never a reason to lose the column.
        nums = [x for x in filled if _is_number(x) or re.fullmatch(r"[\d.,\s%]+", x)]
        if nums and len(filled) - len(nums) <= len(filled) / 4:
            value_cols.append(c)
        elif value_cols:
            break  # text right of the values (Keterangan, Kategori): not part of the grid
    return value_cols, year_col, rownum


def _counts_rows(cells: list[str]) -> bool:
    """`1 2 3 ...` down a column (totals aside): the rows' numbers, not values."""
    nums = [c.strip(" .)") for c in cells if not is_total(c)]
    return len(nums) >= 2 and all(n.isdigit() for n in nums) and [int(n) for n in nums] == list(
        range(int(nums[0]), int(nums[0]) + len(nums))) and int(nums[0]) <= 1


def _column_meanings(paths: list[list[str]], value_cols: list[int], context: str) -> list[_Column] | None:
    cols: list[_Column] = []
    for c in value_cols:
        path = paths[c]
        label = path[-1] if path else ""
        header = " ".join(path)
        col = _Column(index=c, header=header, label=label)
        col.period = read_period(header)
        own = re.sub(r"(?i)\btahun\b|\(?(19|20)\d{2}\)?|s\.?\s*/?\s*d\.?", " ", label).strip(" .:-")
        if _SHARE.search(label):
            col.measure = "share"
        elif _SEX_TOTAL.match(label):
            col.measure = "total"
        elif (d := codes.normalise_ip_asn_dimensi(label)):
            col.ip_dimensi = d
        elif _IP_INDEX.match(label):
            col.measure = "ip_index"
        elif _OTHER_COUNT.search(label):
            col.measure = "other_count"
        elif _TOTAL_COLUMN.match(label):
            col.measure = "total"
        elif (s := _sex(label)):
            col.sex = s
        elif _HEADCOUNT.match(label) or (own == "" and col.period is not None):
            col.measure = "headcount"
        elif (p := _only_population(label)):
            col.population = p
        elif re.match(r"(?i)^\s*(jumlah|jml\.?)\s+\S", label):
            col.measure = "other_count"  # "Jumlah PN", "Jumlah Pelamar": a count, of something else than staff
        cols.append(col)
    # Column categories: the labels not read as anything else, under the dimension most of them belong to.
    open_cols = [c for c in cols if not (c.measure or c.sex or c.ip_dimensi or c.population) and UNREAD not in c.header
                 and not (c.period and not re.sub(r"(?i)\btahun\b|[\d\s().]", "", c.label))]
    if open_cols:
        key = dims.detect([c.label for c in open_cols], " ".join([context, *(c.header for c in cols)]))
        if key is None and len(open_cols) == 1 and len(cols) == 1:
            return None
        for c in open_cols:
            cat = _normalise(key, c.label) if key else None
            if cat:
                c.category = (key, cat)
    # A lone "Jumlah" beside no category columns is the count itself, not a total over columns.
    has_parts = any(c.category or c.sex for c in cols)
    for c in cols:
        if c.measure == "total" and not has_parts and not _SEX_TOTAL.match(c.label):
            c.measure = "headcount"
    # A lone period in an upper header row (a year printed over a group of columns) covers them all.
    periods = {c.period for c in cols if c.period}
    if len(periods) == 1:
        for c in cols:
            c.period = c.period or next(iter(periods))
    return cols


def _row_groups(body: list[Row], stub_cols: list[int], year_col: int | None, rownum_cols: set[int],
                cols: list[_Column]) -> list[_Group]:
    groups: list[_Group] = [_Group(heading=None)]
    last_number: int | None = None
    for row in body:
        texts = [_cell(row, c) for c in stub_cols]
        texts = [re.sub(r"<[^>]+>", "", t).strip() for t in texts]
        texts = [t for t in texts if t and not is_row_number(t)]
        label = strip_numbering(" ".join(texts))
        values = {c.index: _cell(row, c.index) for c in cols if _cell(row, c.index)}
        r = _Row(row=row, label=label, values=values)
        if year_col is not None:
            r.period = read_period(_cell(row, year_col))
        elif year_label(label):
            r.period = read_period(label)
        number = numbering(" ".join(_cell(row, c) for c in stub_cols if _cell(row, c)))
        if not values:
            # A row without numbers heads the rows below it, unless its number continues its siblings'
            # (a member left blank: "76 | Dokter Spesialis Anak | | |").
            if label and not (number and number.isdigit() and last_number is not None
                              and int(number) == last_number + 1):
                r.role = "heading"
                groups.append(_Group(heading=r))
                last_number = None
            elif number and number.isdigit():
                last_number = int(number)
            continue
        if is_total(label):
            r.role = "total"
            groups[-1].total = r
            groups.append(_Group(heading=groups[-1].heading if groups[-1].heading else None))
            groups[-1].heading = None
            continue
        if opens_group(label) and not any(dims.normalise(k, label) for k, _, _ in dims.NORMALISERS):
            # "2. Jumlah Pegawai Berdasarkan Golongan | 100 | ...": heads the breakdown below, with its total.
            r.role = "heading"
            groups.append(_Group(heading=r))
            continue
        groups[-1].members.append(r)
        last_number = int(number) if number and number.isdigit() else None
    return [g for g in groups if g.members or g.total or (g.heading and g.heading.values)]


_POSITION_KEYS = ("eselon", "jenis_jabatan")
# "- Fungsional Angka Kredit", "• Guru", "– Eselon II": a bullet marks a row as a part of the row above it.
_BULLET = re.compile(r"^\s*[-•·–—*]\s*(?=\S)")


def _link_children(group: _Group) -> None:
    """A bulleted row under an unbulleted one is a subgroup of it (its parent), not a sibling: the parent's
    count already holds it. Its own label says which part: under a unit, "- Fungsional Angka Kredit" is the
    unit's jenis jabatan, so the child combines both categories; a label of no known vocabulary withholds it,
    it is never read as a sibling category."""
    if all(_BULLET.match(x.label) or not x.label for x in group.members):
        return  # a list bulleted throughout: siblings, not parts
    parent: _Row | None = None
    for m in group.members:
        if not _BULLET.match(m.label):
            parent = m if m.label else parent
            continue
        if parent is None:
            continue
        m.parent = parent
        m.label = _BULLET.sub("", m.label).strip()


def _child_category(group: _Group, m: _Row) -> None:
    """The category a child row adds to its parent's, or none (its cells are then unresolved)."""
    parent = m.parent
    if parent is None:
        return
    if parent.category is None:
        m.category = None
        return
    own = _normalise(group.key, m.label) if group.key and group.key not in {"unit_kerja", "jabatan"} else None
    if own and own != parent.category[1]:
        m.category = (group.key, own)  # a finer category of the same dimension ("- D3" under "Diploma")
        return
    other = next((k for k, _, _ in dims.NORMALISERS if k != group.key and k != parent.category[0]
                  and dims.normalise(k, m.label)), None)
    if other is None:
        m.category = None  # withheld: reported as row_category_unknown, never read as a sibling
        return
    m.category = (other, dims.normalise(other, m.label))


def _group_dimension(group: _Group, context: str, stub_header: str, cols_have_categories: bool) -> None:
    labels = [m.label for m in group.members]
    if labels and all(_only_population(x) for x in labels):
        group.rows_are = "populations"
        for m in group.members:
            m.population = _only_population(m.label)
        return
    if labels and all(m.period for m in group.members) and all(not x or year_label(x) for x in labels):
        group.rows_are = "years"
        return
    key: str | None = None
    if _UNIT_HEADER.search(stub_header):
        key = "unit_kerja"  # the stub's own header names its dimension: it wins over label guessing
    elif _JABATAN_HEADER.search(stub_header):
        key = "jabatan"
    if key is None and len(labels) >= 2:
        key = dims.detect(labels, context)
    if key is None and len(labels) >= 2:
        # Age bands printed outside the code list (18-20, 21-25) are still age bands.
        if sum(1 for x in labels if _age_band(x)) >= 0.6 * len(labels):
            key = "kelompok_usia"
    if key is None and len(labels) == 1:
        key = next((k for k, _, hint in dims.NORMALISERS if hint.search(context) and dims.normalise(k, labels[0])),
                   None)
    if key is None and labels:
        if _UNIT_HEADER.search(stub_header):
            key = "unit_kerja"
        elif _JABATAN_HEADER.search(stub_header) or (_JABATAN_HEADER.search(context) and not cols_have_categories):
            key = "jabatan"
    group.key = key
    _link_children(group)
    for m in group.members:
        if codes.population_of(m.label) == "non_asn":
            m.population = "non_asn"  # "Tenaga Magang", "Honorer" rows among the staff
    if key:
        for m in group.members:
            if m.parent is not None:
                continue
            cat = m.label if key in {"unit_kerja", "jabatan"} else _normalise(key, m.label)
            if cat is None and key in _POSITION_KEYS:
                # Eselon rows and jenis-jabatan rows share one list of positions ("Eselon IV", "Fungsional
                # Umum"): each row takes the vocabulary of the position family it names.
                other = next((k for k in _POSITION_KEYS if k != key and _normalise(k, m.label)), None)
                if other:
                    m.category = (other, _normalise(other, m.label))
                continue
            if cat:
                m.category = (key, re.sub(r"\s*\([^)]*\)\s*$", "", cat) if key == "jabatan" else cat)
        for m in group.members:
            _child_category(group, m)


def _emit(reading: _Reading, cols: list[_Column], groups: list[_Group], context: str) -> None:
    ctx = reading.ctx
    table_period = _table_period(ctx)
    caption_pop, subgroup = caption_population(ctx.title or "")
    if caption_pop is None:
        caption_pop = codes.population_of(" ".join(ctx.before[-2:]))
    part_cols = [c for c in cols if c.category or c.sex]
    for g in groups:
        heading_pop, heading_sub = (None, None)
        if g.heading:
            # A heading narrows the caption's population only when it names one ("PNS", "PPPK"), not with
            # the generic "Jumlah Pegawai".
            heading_pop = codes.population_of(g.heading.label)
            if heading_pop == "asn" and not re.search(r"\basn\b|aparatur\s+sipil", g.heading.label, re.I):
                heading_pop = None
        col_sums: dict[int, int] = {}
        col_seen: dict[int, int] = {}
        misses_before = len(reading.ctx.unresolved)
        for m in g.members:
            if g.key is None and g.rows_are is None and len(g.members) > 1 and not m.period:
                for c in cols:
                    if m.values.get(c.index) and c.measure != "share":
                        reading.miss(m.row, "row_category_unknown", f"{m.label} | {c.header}: {m.values[c.index]}")
                continue
            if g.key and m.category is None and not (m.population == "non_asn" and m.parent is None):
                for c in cols:
                    if m.values.get(c.index) and c.measure != "share":
                        reading.miss(m.row, "row_category_unknown", f"{m.label} | {c.header}: {m.values[c.index]}")
                continue
            # A child row is a part of its parent, already in the parent's count: not one of the group's
            # parts whose sum the printed total states.
            sums, seen = ({}, {}) if m.parent is not None else (col_sums, col_seen)
            _emit_row(reading, m, cols, part_cols, table_period, caption_pop, subgroup, heading_pop,
                      heading_sub, sums, seen, total=False)
        if len(reading.ctx.unresolved) > misses_before:
            col_seen.clear()  # parts went unread: their sum says nothing about the printed total
        if g.total is not None and any(m.population == "non_asn" for m in g.members) and any(
                m.population != "non_asn" for m in g.members):
            g.total.population = "subgroup"  # staff and non-ASN together: no population of the vocabulary
        if g.total is not None:
            _emit_row(reading, g.total, cols, part_cols, table_period, caption_pop, subgroup, heading_pop,
                      heading_sub, col_sums, col_seen, total=True)
        if g.heading is not None and g.heading.values:
            # "2. Jumlah Pegawai Berdasarkan Golongan" with numbers: the total of the rows below it.
            _emit_row(reading, g.heading, cols, part_cols, table_period, caption_pop, subgroup, None, None,
                      col_sums, col_seen, total=True)


def _closed_parts(pending: list[tuple[_Column, Fact]], at: int) -> list[float]:
    """The part columns a total column closes: those since the previous total column, or, when it stands
    first (`Jumlah | L | P`), those after it up to the next total; only parts of its own period."""
    total = pending[at][0]

    def parts(run: list[tuple[_Column, Fact]]) -> list[float]:
        return [f.value for c, f in run if (c.category or c.sex) and c.period == total.period]

    start = max((i + 1 for i in range(at) if pending[i][0].measure == "total"), default=0)
    before = parts(pending[start:at])
    if before:
        return before
    end = next((i for i in range(at + 1, len(pending)) if pending[i][0].measure == "total"), len(pending))
    return parts(pending[at + 1:end])


def _printed_level(label: str, level: str) -> str | None:
    """The education label as printed where the code list folds it into another name: which levels an
    aggregate holds ("Dipl", "D-I/D-II/D-III") or the old degree a level stands for ("Sarjana Muda" is D-III)
    is only in the printed label."""
    squash = re.sub(r"[^a-z0-9]", "", label.lower())
    if not squash or re.sub(r"[^a-z0-9]", "", level.lower()) in squash:
        return None
    return label if level in codes.PENDIDIKAN_AGGREGATES or re.search(r"[a-z]{4,}", label.lower()) else None


def _headcount_label(m: _Row, c: _Column, dimension: dict[str, str], subgroup: str | None,
                     total: bool) -> str | None:
    """A headcount's `indicator` (the fact contract): the printed words its codes fold away, one of them, in
    this order: the subgroup the caption narrows the table to (population `subgroup`), the education label as
    printed where the code list folds it, the label of a total or non-ASN row that has no category."""
    if subgroup:
        return subgroup
    if "pendidikan" in dimension:
        printed = _printed_level(c.label if c.category and c.category[0] == "pendidikan" else m.label,
                                 dimension["pendidikan"])
        if printed:
            return printed
    return m.label if (total or m.population == "non_asn") and m.label and not dimension else None


def _emit_row(reading: _Reading, m: _Row, cols: list[_Column], part_cols: list[_Column],
              table_period: Period | None, caption_pop: str | None, subgroup: str | None,
              heading_pop: str | None, heading_sub: str | None, col_sums: dict[int, int],
              col_seen: dict[int, int], total: bool) -> None:
    ctx = reading.ctx
    pending: list[tuple[_Column, Fact]] = []
    skipped = False  # a part of this row went unread: its total cannot be checked
    for c in cols:
        text = m.values.get(c.index, "")
        if is_blank(text) or c.measure == "share" or _UNIT_ONLY.match(text):
            continue
        period = c.period or m.period or table_period
        where = f"{m.label or '(row)'} | {c.header or '(column)'}: {text}"
        if UNREAD in c.header:
            reading.miss(m.row, "ocr_header_unread", where)
            skipped = True  # a part went unread: the row's total cannot be checked
            continue
        if period is None:
            reading.miss(m.row, "period_unknown", where)
            continue
        if period.kind != "year":
            reading.miss(m.row, "period_not_a_year", where)
            continue
        if not (c.category or c.sex or c.ip_dimensi or c.measure or c.population):
            reading.miss(m.row, "column_unlabelled", where)
            continue
        dimension: dict[str, str] = {}
        if m.category and not total:
            dimension[m.category[0]] = m.category[1]
            if m.parent is not None and m.parent.category and m.parent.category[0] != m.category[0]:
                dimension[m.parent.category[0]] = m.parent.category[1]
        if c.category and c.category[0] in dimension:
            reading.miss(m.row, "category_mismatch", where)
            continue
        if c.category:
            dimension[c.category[0]] = c.category[1]
        if c.sex:
            dimension["jenis_kelamin"] = c.sex
        population = c.population or m.population or heading_pop or caption_pop
        in_subgroup = subgroup if subgroup and not (c.population or m.population or heading_pop) else None
        if in_subgroup:
            population = "subgroup"
        evidence = (f"row {m.label!r}" + (f"→{m.category[0]}" if m.category else "")
                    + f"; column {c.header!r}; period {period.kind} from "
                    + ("column" if c.period else "row" if m.period else "caption/document")
                    + (f"; population {population} from the labels" if population else ""))
        if c.ip_dimensi or c.measure == "ip_index":
            value = parse_number(text)
            if value is None:
                if not is_dash(text):
                    reading.miss(m.row, "unreadable_number", where)
                continue
            # The row's category stays on the score: an IP ASN grid by education level states each level's
            # index, never the region's (the marts keep such breakdowns out of the region's index).
            dim = {"dimensi": c.ip_dimensi, **dimension} if c.ip_dimensi else dimension
            pending.append((c, ctx.fact(m.row, metric="ip_asn", kind="realisation", value=value.value,
                                        year=period.year, dimension=dim, population=population,
                                        indicator=in_subgroup, evidence=evidence)))
            continue
        value = parse_count(text, dash_is_zero=True)
        if value is None and c.measure == "other_count" and re.fullmatch(r"\s*-\s*\d+\s*", text):
            value = int(text.replace(" ", ""))  # a GAP below zero: more filled than needed
        if value is None or _run_together(text):
            reading.miss(m.row, "unreadable_number", where)
            skipped = True
            continue
        if c.measure == "other_count":
            fact = ctx.fact(m.row, metric="indicator_value", kind="count", value=value, year=period.year,
                            indicator=c.label, dimension=dimension, unit="orang", population=population,
                            evidence=evidence)
            reading.facts.append(fact)
            continue
        if not total:
            col_sums[c.index] = col_sums.get(c.index, 0) + value
            col_seen[c.index] = col_seen.get(c.index, 0) + 1
        flags: list[str] = []
        if total and col_seen.get(c.index, 0) >= 2 and col_sums[c.index] != value:
            flags.append(f"stated_total_mismatch:{value}!={col_sums[c.index]}")
        fact = ctx.fact(m.row, metric="asn_headcount", kind="count", value=value, year=period.year,
                        dimension=dimension, unit="orang", population=population, flags=flags,
                        indicator=_headcount_label(m, c, dimension, in_subgroup, total),
                        scope=codes.scope_of(ctx.context_text()),
                        evidence=evidence)
        pending.append((c, fact))
    # A total column closes the row's category columns; the IP index closes its dimensions.
    ip_parts = [f.value for c, f in pending if c.ip_dimensi]
    for i, (c, f) in enumerate(pending):
        if c.measure == "total" and not f.flags and not skipped:
            segment = _closed_parts(pending, i)
            if len(segment) >= 2 and sum(segment) != f.value:
                f.flags.append(f"stated_total_mismatch:{f.value}!={sum(segment)}")
        if c.measure == "ip_index" and len(ip_parts) >= 2 and abs(round(sum(ip_parts), 4) - f.value) > 0.005:
            f.flags.append(f"stated_total_mismatch:{f.value}!={round(sum(ip_parts), 4)}")
        reading.facts.append(f)
