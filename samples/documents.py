"""Bundled sample planning/performance documents (Renstra, LKIP) as real PDFs, with their ground truth.

The PDFs imitate the layout of regional personnel-agency (BKD/BKPSDM) documents: a title page that names
the document type, the agency and the region, then staff-composition tables, indicator tables and budget
tables in the shapes the published documents use. The wording is the project's own; only standard titles
and table header vocabulary are shared with real documents.

Figures for Provinsi Banten, Kota Serang and Kota Bekasi are the published figures of the documents in
the project corpus (numbers only, including the totals that do not add up); Kota Tangerang and Kabupaten
Lebak are invented but plausible, so that cities of one province can be compared and one city has two
report years.

Every number written into a PDF is recorded at the same time in `documents_truth.json`, so the truth and
the PDF cannot drift apart; tests and the extractor's acceptance checks read that file.

Usage: `python -m samples.documents OUT_DIR`
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.codes import (
    normalise_eselon,
    normalise_golongan,
    normalise_golongan_ruang,
    normalise_jenis_jabatan,
    normalise_jenis_kelamin,
    normalise_kelompok_usia,
    normalise_pendidikan,
)
from samples.pdf_writer import Block, Gap, Grid, Heading, NewPage, Para, PdfDocument, write_pdf

TRUTH_FILE = "documents_truth.json"

GOLONGAN_RUANG_LABELS = (
    "I/a",
    "I/b",
    "I/c",
    "I/d",
    "II/a",
    "II/b",
    "II/c",
    "II/d",
    "III/a",
    "III/b",
    "III/c",
    "III/d",
    "IV/a",
    "IV/b",
    "IV/c",
    "IV/d",
    "IV/e",
)
PENDIDIKAN_LABELS = ("S3", "S2", "S1", "Diploma", "SLTA", "SLTP", "SD")
USIA_LABELS = ("19-25", "26-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56-60")
MERIT_ASPECTS_KASN = (
    "Perencanaan Kebutuhan",
    "Pengadaan",
    "Pengembangan Karier",
    "Promosi dan Mutasi",
    "Manajemen Kinerja",
    "Penggajian, Penghargaan, dan Disiplin",
    "Perlindungan dan Pelayanan",
    "Sistem Informasi",
)
IP_ASN = "Indeks Profesionalitas ASN"
MERIT = "Indeks Sistem Merit"
SAKIP = "Capaian SAKIP Perangkat Daerah"
# IP ASN is published either as a 0–100 "nilai" or as a 0–1 "poin"; capaian is always a percentage.
SCALE_MAX = {"nilai": 100, "poin": 1, "pct": 100}
CM = 28.3465  # points per centimetre, for column widths


# --- number rendering and reading -------------------------------------------------------------------


def rupiah(value: int, sep: str = ".") -> str:
    """6554542200 → `6.554.542.200` (Indonesian grouping); `sep=","` gives the English-style grouping
    that some converted tables carry."""
    return f"{value:,}".replace(",", sep)


def decimal_id(value: float, places: int = 2) -> str:
    """52.81 → `52,81` (Indonesian decimal comma)."""
    return f"{value:.{places}f}".replace(".", ",")


def printed_value(text: str) -> int | float | None:
    """Read back a number exactly as this module prints it.

    Only needs to understand the module's own data: a single separator followed by exactly three digits
    is a thousands group, any other single separator is a decimal mark; `-` and blank mean zero in the
    count tables. Ranges (`70-80`) and other text return None.
    """
    text = text.strip()
    if text in {"-", ""}:
        return 0
    if not re.fullmatch(r"\d[\d.,]*", text):
        return None
    separators = re.findall(r"[.,]", text)
    if not separators:
        return int(text)
    if len(separators) > 1 or re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
        return int(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def capaian(target: float, realisation: float) -> float:
    return round(realisation / target * 100, 2)


# --- one document under construction ---------------------------------------------------------------

Normaliser = Callable[[object], str | None]


@dataclass
class _Builder:
    """Accumulates PDF blocks and, in step, the truth of every figure they print.

    Pages are counted by the builder: the title page is page 1 and each `new_page()` starts the next one;
    sections are kept short enough to fit one page, which the tests confirm against the rendered PDF.
    """

    file: str
    doc_type: str
    region: str
    agency: str
    period: tuple[int, int]
    figures_origin: str  # "published" (numbers of a real document) or "invented"
    landscape: bool = False
    blocks: list[Block] = field(default_factory=list)
    page: int = 1
    truth: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.truth = {
            "file": self.file,
            "doc_type": self.doc_type,
            "region": self.region,
            "agency": self.agency,
            "period": {"start": self.period[0], "end": self.period[1]},
            "figures_origin": self.figures_origin,
            "title_lines": [],
            "pages": None,
            "tables": [],
            "lists": [],
            "headcounts": [],
            "stated_totals": [],
            "inconsistent_totals": [],
            "ip_asn": [],
            "merit": [],
            "sakip": [],
            "indicators": [],
            "budgets": [],
        }

    @property
    def width_cm(self) -> float:
        """Printable width: A4 less the writer's 1.5 cm margins."""
        return (29.7 if self.landscape else 21.0) - 3.0 - 0.2

    # layout ------------------------------------------------------------------------------------------

    def title_page(self, lines: Sequence[tuple[str, int]]) -> None:
        self.blocks.append(Gap(5))
        for text, level in lines:
            self.blocks.append(Heading(text, level=level, centered=True))
            self.truth["title_lines"].append(text)
        self.new_page()

    def new_page(self) -> None:
        self.blocks.append(NewPage())
        self.page += 1

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(Heading(text, level=level))

    def para(self, text: str) -> None:
        self.blocks.append(Para(text))

    def table(
        self,
        title: str,
        rows: Sequence[Sequence[object]],
        *,
        ruled: bool = True,
        header_rows: int = 1,
        col_widths: Sequence[float] | None = None,
        note: str | None = None,
        spans: Sequence[tuple[int, int, int, int]] = (),
        cell_padding: float | None = None,
    ) -> dict[str, Any]:
        self.blocks.append(Heading(title, level=3))
        str_rows = [["" if c is None else str(c) for c in r] for r in rows]
        self.blocks.append(
            Grid(
                str_rows,
                ruled=ruled,
                header_rows=header_rows,
                col_widths=col_widths,
                spans=spans,
                cell_padding=cell_padding,
            )
        )
        if note:
            self.para(note)
        info = {
            "title": title,
            "page": self.page,
            "ruled": ruled,
            "header_rows": header_rows,
            "header": str_rows[:header_rows],
            "rows": str_rows,
        }
        self.truth["tables"].append(info)
        return info

    # figures -----------------------------------------------------------------------------------------

    def _stated_total(self, table: str, scope: dict[str, str], stated: str, parts: Sequence[str]) -> None:
        stated_value = printed_value(stated)
        parts_sum = sum(printed_value(p) or 0 for p in parts)
        entry = {
            "table": table,
            "page": self.page,
            "scope": scope,
            "stated": stated_value,
            "sum_of_parts": parts_sum,
            "consistent": stated_value == parts_sum,
        }
        self.truth["stated_totals"].append(entry)
        if not entry["consistent"]:
            self.truth["inconsistent_totals"].append(entry)

    def _headcount(
        self, table: str, dimension: dict[str, str], label: str, printed: str, year: int, population: str
    ) -> None:
        """`population` tells whose staff is counted: every PNS of the regional government
        ("pemerintah_daerah", the LKIP recaps) or only the agency's own staff ("perangkat_daerah", the
        Renstra resource tables) — the same words head both kinds of table."""
        self.truth["headcounts"].append(
            {
                "table": table,
                "page": self.page,
                "population": population,
                "dimension": dimension,
                "label": label,
                "year": year,
                "value": printed_value(printed),
                "printed": printed,
            }
        )

    def one_row_table(
        self,
        title: str,
        dimension: str,
        labels: Sequence[str],
        printed: Sequence[str],
        year: int,
        *,
        row_label: str,
        corner: str = "",
        normalise: Normaliser | None = None,
        ruled: bool = True,
    ) -> None:
        """The LKIP shape: a header row of categories and one data row for the year."""
        # Many columns (17 golongan/ruang): a wider first column for "Tahun 2024" and tight padding.
        wide = len(labels) > 10
        first = 1.8 * CM if wide else 2.2 * CM
        widths = [first, *[(self.width_cm * CM - first) / len(labels)] * len(labels)]
        self.table(
            title,
            [[corner, *labels], [row_label, *printed]],
            ruled=ruled,
            col_widths=widths,
            cell_padding=2 if wide else None,
        )
        for label, value in zip(labels, printed, strict=True):
            category = (normalise(label) if normalise else None) or label
            self._headcount(title, {dimension: category}, label, value, year, "pemerintah_daerah")

    def label_list(
        self,
        title: str,
        dimension: str,
        items: Sequence[tuple[str, str, str]],
        stated_total: str,
        year: int,
        *,
        numbered: bool,
    ) -> None:
        """The Renstra staff list: `label : N Orang` lines closed by a `JUMLAH : N Orang` line.

        `items` are (label as printed, normalised category, count as printed)."""
        self.para(title)
        for i, (label, category, count) in enumerate(items, start=1):
            bullet = f"{i}." if numbered else "-"
            self.para(f"{bullet} {label} : {count} Orang")
            self._headcount(title, {dimension: category}, label, count, year, "perangkat_daerah")
        self.para(f"JUMLAH : {stated_total} Orang")
        self.truth["lists"].append({"title": title, "page": self.page, "dimension": dimension})
        self._stated_total(title, {"dimension": dimension}, stated_total, [c for _, _, c in items])

    def cross_table(
        self,
        title: str,
        row_dimension: str,
        col_dimension: str,
        col_labels: Sequence[str],
        body: Sequence[tuple[str, Sequence[str], str]],
        total_row: tuple[Sequence[str], str],
        year: int,
        *,
        first_headers: Sequence[str] = ("No",),
        group_header: str | None = None,
        total_header: str = "Jumlah",
        row_normalise: Normaliser | None = None,
        col_normalise: Normaliser | None = None,
        total_label: str = "Jumlah",
    ) -> None:
        """Rows of units or categories against columns of categories, each row closed by its stated total
        and the table closed by a stated-total row (the per-unit and by-gender tables of a Renstra)."""
        lead = len(first_headers)
        if group_header:
            header = [
                [*first_headers, group_header, *[""] * (len(col_labels) - 1), total_header],
                [*[""] * lead, *col_labels, ""],
            ]
        else:
            header = [[*first_headers, *col_labels, total_header]]
        rows: list[list[str]] = [list(r) for r in header]
        for i, (label, cells, stated) in enumerate(body, start=1):
            lead_cells = [str(i), label] if lead == 2 else [label]
            rows.append([*lead_cells, *cells, stated])
        col_totals, grand = total_row
        rows.append([total_label, *[""] * (lead - 1), *col_totals, grand])
        lead_widths = [0.8 * CM, 4.8 * CM] if lead == 2 else [5.6 * CM]
        ncols = lead + len(col_labels) + 1
        rest = (self.width_cm * CM - sum(lead_widths)) / (len(col_labels) + 1)
        last_row = len(rows) - 1
        # Merged cells as printed: the total label across the lead columns, and with a group heading
        # (e.g. "Golongan" over I..IV) the lead and total headings across both header rows.
        spans: list[tuple[int, int, int, int]] = [(0, last_row, lead - 1, last_row)] if lead > 1 else []
        if group_header:
            spans.append((lead, 0, lead + len(col_labels) - 1, 0))
            spans += [(c, 0, c, 1) for c in range(lead)]
            spans.append((ncols - 1, 0, ncols - 1, 1))
        self.table(
            title,
            rows,
            header_rows=len(header),
            col_widths=[*lead_widths, *[rest] * (len(col_labels) + 1)],
            spans=spans,
        )
        row_cat = {label: (row_normalise(label) if row_normalise else None) or label for label, _, _ in body}
        col_cat = {label: (col_normalise(label) if col_normalise else None) or label for label in col_labels}
        for label, cells, stated in body:
            for col, value in zip(col_labels, cells, strict=True):
                if value.strip() == "":
                    continue  # a blank cell prints nothing; "-" is the explicit zero
                self._headcount(
                    title,
                    {row_dimension: row_cat[label], col_dimension: col_cat[col]},
                    f"{label} / {col}",
                    value,
                    year,
                    "perangkat_daerah",
                )
            self._stated_total(title, {row_dimension: row_cat[label]}, stated, cells)
        for j, col in enumerate(col_labels):
            self._stated_total(title, {col_dimension: col_cat[col]}, col_totals[j], [cells[j] for _, cells, _ in body])
        self._stated_total(title, {"grand_total": "rows"}, grand, [stated for _, _, stated in body])

    def ip_asn(self, table: str, year: int, kind: str, printed: str, scale: str, dimensi: str = "total") -> None:
        self.truth["ip_asn"].append(
            {
                "table": table,
                "page": self.page,
                "year": year,
                "kind": kind,
                "dimensi": dimensi,
                "value": printed_value(printed),
                "printed": printed,
                "scale": scale,
                "scale_max": SCALE_MAX[scale],
            }
        )

    def merit(self, table: str, year: int, kind: str, printed: str, aspek: str = "total") -> None:
        self.truth["merit"].append(
            {
                "table": table,
                "page": self.page,
                "year": year,
                "kind": kind,
                "aspek": aspek,
                "score": printed_value(printed),
                "printed": printed,
                "scheme": "kasn_2019",
                "max_score": 400,
            }
        )

    def sakip(self, table: str, year: int, kind: str, printed: str) -> None:
        entry: dict[str, Any] = {
            "table": table,
            "page": self.page,
            "year": year,
            "kind": kind,
            "value": printed_value(printed),
            "printed": printed,
        }
        m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", printed)
        if m:  # a target given as a band, e.g. "70-80"
            entry["range"] = [int(m.group(1)), int(m.group(2))]
        self.truth["sakip"].append(entry)

    def indicator(self, table: str, name: str, year: int, kind: str, printed: str, unit: str) -> None:
        self.truth["indicators"].append(
            {
                "table": table,
                "page": self.page,
                "indicator": name,
                "year": year,
                "kind": kind,
                "value": printed_value(printed),
                "printed": printed,
                "unit": unit,
            }
        )

    def budget(
        self,
        table: str,
        year: int,
        kind: str,
        printed: str,
        program: str,
        kegiatan: str | None = None,
        sub_kegiatan: str | None = None,
        level: str | None = None,
    ) -> None:
        """`level` is the row's place in the plan hierarchy; Renstra matrices also attach pagu to the
        whole urusan and to each goal ("sasaran") indicator, above the programs."""
        if level is None:
            level = "sub_kegiatan" if sub_kegiatan else "kegiatan" if kegiatan else "program"
        self.truth["budgets"].append(
            {
                "table": table,
                "page": self.page,
                "year": year,
                "kind": kind,
                "level": level,
                "program": program,
                "kegiatan": kegiatan,
                "sub_kegiatan": sub_kegiatan,
                "value": printed_value(printed),
                "printed": printed,
                "unit": "IDR",
            }
        )

    def document(self) -> PdfDocument:
        return PdfDocument(
            blocks=list(self.blocks),
            title=self.truth["title_lines"][0],
            landscape=self.landscape,
            invariant=True,  # same figures, same bytes: regenerated samples keep their sha256
        )


def _eselon_category(label: str) -> str:
    """Eselon labels as printed (`Esselon III`, `III a`) → the code-list spelling."""
    return normalise_eselon(re.sub(r"(?i)^es+elon\s*", "", label)) or label


# --- shared sections --------------------------------------------------------------------------------


@dataclass
class Composition:
    """Whole-government PNS composition for one year, in the LKIP's one-row tables."""

    year: int
    golongan_ruang: Sequence[str]  # 17 printed counts, I/a .. IV/e
    pendidikan: Sequence[str]  # PENDIDIKAN_LABELS order
    jabatan: Sequence[str]  # Struktural, Fungsional Umum, Fungsional Tertentu
    eselon_labels: Sequence[str]
    eselon: Sequence[str]
    gender: Sequence[str]  # Perempuan, Laki-laki
    usia: Sequence[str]  # USIA_LABELS order


def _composition_pages(
    b: _Builder, comp: Composition, first_table: int, place: str, *, borderless_usia: bool = False
) -> None:
    """Two pages of the LKIP staff-composition section (tables numbered from `first_table`)."""
    y = comp.year
    n = first_table
    b.heading("Rekapitulasi Pegawai Negeri Sipil")
    b.para(
        f"Komposisi PNS {place} pada akhir tahun {y} disajikan menurut golongan ruang, tingkat "
        "pendidikan, jenis jabatan dan eselon; data bersumber dari sistem informasi kepegawaian daerah."
    )
    b.one_row_table(
        f"Tabel 3.{n}. Keadaan PNS {place} berdasarkan Golongan Tahun {y}",
        "golongan_ruang",
        GOLONGAN_RUANG_LABELS,
        comp.golongan_ruang,
        y,
        row_label=f"Tahun {y}",
        normalise=normalise_golongan_ruang,
    )
    b.one_row_table(
        f"Tabel 3.{n + 1}. Keadaan PNS {place} berdasarkan Tingkat Pendidikan Tahun {y}",
        "pendidikan",
        PENDIDIKAN_LABELS,
        comp.pendidikan,
        y,
        row_label=str(y),
        normalise=normalise_pendidikan,
    )
    b.one_row_table(
        f"Tabel 3.{n + 2}. Keadaan PNS {place} berdasarkan Jabatan Tahun {y}",
        "jenis_jabatan",
        ("Struktural", "Fungsional Umum", "Fungsional Tertentu"),
        comp.jabatan,
        y,
        row_label=str(y),
        corner="Tahun",
        normalise=normalise_jenis_jabatan,
    )
    b.one_row_table(
        f"Tabel 3.{n + 3}. Keadaan PNS {place} berdasarkan Eselon Tahun {y}",
        "eselon",
        comp.eselon_labels,
        comp.eselon,
        y,
        row_label=str(y),
        corner="Tahun",
        normalise=_eselon_category,
    )
    b.new_page()
    b.heading("Rekapitulasi PNS menurut Jenis Kelamin dan Usia")
    b.one_row_table(
        f"Tabel 3.{n + 4}. Keadaan PNS {place} berdasarkan Jenis Kelamin Tahun {y}",
        "jenis_kelamin",
        ("Perempuan", "Laki-laki"),
        comp.gender,
        y,
        row_label=str(y),
        corner="Tahun",
        normalise=normalise_jenis_kelamin,
    )
    b.one_row_table(
        f"Tabel 3.{n + 5}. Keadaan PNS {place} berdasarkan Usia Tahun {y}",
        "kelompok_usia",
        USIA_LABELS,
        comp.usia,
        y,
        row_label=str(y),
        corner="Tahun",
        normalise=normalise_kelompok_usia,
        ruled=not borderless_usia,
    )
    b.new_page()


@dataclass
class Iku:
    """Target/realisation of one key indicator in one year, as printed."""

    target: str
    realisation: str
    capaian: str


def _iku_table(b: _Builder, title: str, year: int, sakip: Iku, ip: Iku, merit: Iku, ip_scale: str) -> None:
    satuan = {"nilai": "Nilai", "poin": "Poin"}[ip_scale]
    rows = [
        ["NO", "INDIKATOR KINERJA UTAMA", "SATUAN", "TARGET", "REALISASI", "CAPAIAN (%)"],
        [
            "1.",
            "Capaian SAKIP (Sistem Akuntabilitas Kinerja Instansi Pemerintah) Perangkat Daerah",
            "Nilai",
            sakip.target,
            sakip.realisation,
            sakip.capaian,
        ],
        ["2.", IP_ASN, satuan, ip.target, ip.realisation, ip.capaian],
        ["3.", MERIT, "Nilai", merit.target, merit.realisation, merit.capaian],
    ]
    b.table(title, rows, col_widths=[1.0 * CM, 7.0 * CM, 1.8 * CM, 2.4 * CM, 2.4 * CM, 2.4 * CM])
    for kind, s, i, m in (
        ("target", sakip.target, ip.target, merit.target),
        ("realisation", sakip.realisation, ip.realisation, merit.realisation),
        ("capaian_pct", sakip.capaian, ip.capaian, merit.capaian),
    ):
        b.sakip(title, year, kind, s)
        b.ip_asn(title, year, kind, i, ip_scale if kind != "capaian_pct" else "pct")
        b.merit(title, year, kind, m)


def _merit_aspect_table(
    b: _Builder,
    title: str,
    year: int,
    aspects: Sequence[tuple[str, str, str]],
    total: tuple[str, str],
    *,
    label_prefix: str = "Nilai Aspek ",
) -> None:
    """Aspect scores of the 0–400 merit index with the index itself as the last row.
    `aspects` are (aspect, target as printed or "", realisation as printed)."""
    rows = [["NO", "ASPEK PADA SISTEM MERIT", "TARGET", "REALISASI"]]
    for i, (aspek, target, real) in enumerate(aspects, start=1):
        rows.append([str(i), f"{label_prefix}{aspek}", target, real])
        if target:
            b.merit(title, year, "target", target, aspek=aspek)
        b.merit(title, year, "realisation", real, aspek=aspek)
    rows.append(["", MERIT.upper(), total[0], total[1]])
    b.table(title, rows)
    if total[0]:
        b.merit(title, year, "target", total[0])
    b.merit(title, year, "realisation", total[1])
    b._stated_total(title, {"aspek": "total", "kind": "realisation"}, total[1], [a[2] for a in aspects])


@dataclass
class BudgetLine:
    name: str
    level: str  # program | kegiatan | sub_kegiatan
    pagu: str
    realisation: str = ""
    capaian: str = ""


def _budget_table(b: _Builder, title: str, year: int, lines: Sequence[BudgetLine], total: BudgetLine) -> None:
    rows = [["PROGRAM / KEGIATAN / SUB KEGIATAN", "PAGU (Rp)", "REALISASI (Rp)", "CAPAIAN (%)"]]
    program = kegiatan = ""
    for line in lines:
        rows.append([line.name, line.pagu, line.realisation, line.capaian])
        if line.level == "program":
            program, kegiatan = line.name, ""
            target = {"program": program}
        elif line.level == "kegiatan":
            kegiatan = line.name
            target = {"program": program, "kegiatan": kegiatan}
        else:
            target = {"program": program, "kegiatan": kegiatan or None, "sub_kegiatan": line.name}
        b.budget(title, year, "pagu", line.pagu, **target)
        if line.realisation:
            b.budget(title, year, "budget_realisation", line.realisation, **target)
    rows.append([total.name, total.pagu, total.realisation, total.capaian])
    b.table(title, rows, col_widths=[8.6 * CM, 3.2 * CM, 3.2 * CM, 2.0 * CM])
    programs = [x for x in lines if x.level == "program"]
    b._stated_total(title, {"budget": "pagu", "year": str(year)}, total.pagu, [p.pagu for p in programs])
    if total.realisation:
        b._stated_total(
            title,
            {"budget": "realisation", "year": str(year)},
            total.realisation,
            [p.realisation for p in programs],
        )


# --- Provinsi Banten, LKIP 2024 (published figures) ---------------------------------------------------

BANTEN_AGENCY = "Badan Kepegawaian Daerah Provinsi Banten"

BANTEN_2024 = Composition(
    year=2024,
    golongan_ruang=(
        "0",
        "0",
        "12",
        "2",
        "77",
        "6",
        "291",
        "143",
        "2514",
        "887",
        "778",
        "3080",
        "1254",
        "1459",
        "157",
        "29",
        "3",
    ),
    pendidikan=("62", "2519", "7113", "419", "533", "27", "19"),
    jabatan=("478", "3942", "6272"),
    eselon_labels=("I", "II/a", "II/b", "III/a", "III/b", "IV"),
    eselon=("1", "33", "4", "151", "55", "632"),
    gender=("5390", "5302"),
    usia=("28", "374", "753", "1390", "2340", "2461", "1955", "1391"),
)


def _banten_lkip_2024() -> _Builder:
    b = _Builder(
        "lkip_bkd_provinsi_banten_2024.pdf",
        "lkip",
        "Provinsi Banten",
        BANTEN_AGENCY,
        (2024, 2024),
        "published",
    )
    b.title_page(
        [
            ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN 2024", 1),
            (BANTEN_AGENCY, 1),
            ("PEMERINTAH PROVINSI BANTEN", 2),
            ("Serang, 2025", 2),
        ]
    )
    b.heading("BAB II PERENCANAAN KINERJA")
    b.para(
        "Bagian ini memuat sasaran strategis badan beserta target jangka menengah yang menjadi acuan "
        "pengukuran kinerja tahunan."
    )
    title = "Tabel 2.2. Target Kinerja Rencana Strategis Badan Kepegawaian Daerah Tahun 2023-2026"
    targets = [
        (
            "Capaian SAKIP (Sistem Akuntabilitas Kinerja Instansi Pemerintah) Perangkat Daerah",
            ("81,2", "81,4", "81,6", "82"),
        ),
        (IP_ASN, ("24,48", "27,98", "31,49", "35")),
        ("Indeks Merit Sistem", ("321,5", "332,5", "343,5", "357")),
    ]
    rows: list[list[str]] = [["SASARAN / INDIKATOR", "SATUAN", "2023", "2024", "2025", "2026"]]
    for name, values in targets:
        rows.append([name, "Nilai", *values])
    b.table(title, rows, col_widths=[8.0 * CM, 1.8 * CM, *[2.0 * CM] * 4])
    for name, values in targets:
        for year, value in zip((2023, 2024, 2025, 2026), values, strict=True):
            if name == IP_ASN:
                b.ip_asn(title, year, "target", value, "nilai")
            elif name.startswith("Indeks Merit"):
                b.merit(title, year, "target", value)
            else:
                b.sakip(title, year, "target", value)
    b.new_page()

    b.heading("BAB III AKUNTABILITAS KINERJA")
    b.para(
        "Pengukuran kinerja membandingkan realisasi setiap indikator kinerja utama dengan target dalam "
        "perjanjian kinerja tahun berjalan."
    )
    _iku_table(
        b,
        "Tabel 3.2. Tingkat Pencapaian Indikator Kinerja Utama Badan Kepegawaian Daerah Tahun 2024",
        2024,
        Iku("70-80", "78,25", "97,81"),
        Iku("52,05", "52,81", "101,46"),
        Iku("332,5", "330,5", "99,39"),
        "nilai",
    )
    title = "Tabel 3.3. Pencapaian Realisasi Tahun 2023 dan 2024"
    compare = [
        ("Capaian SAKIP Perangkat Daerah", ("81,20", "83,54", "102,88"), ("70-80", "78,25", "97,81")),
        (IP_ASN, ("24,48", "52,05", "212,62"), ("52,05", "52,81", "101,46")),
        (MERIT, ("321,50", "330,50", "102,80"), ("332,5", "330,5", "99,39")),
    ]
    rows = [
        [
            "INDIKATOR KINERJA UTAMA",
            "TARGET 2023",
            "REALISASI 2023",
            "CAPAIAN 2023 (%)",
            "TARGET 2024",
            "REALISASI 2024",
            "CAPAIAN 2024 (%)",
        ]
    ]
    for name, v23, v24 in compare:
        rows.append([name, *v23, *v24])
    b.table(title, rows)
    for name, v23, _v24 in compare:  # the 2024 half repeats Tabel 3.2; record 2023 only
        for kind, value in zip(("target", "realisation", "capaian_pct"), v23, strict=True):
            if name == IP_ASN:
                b.ip_asn(title, 2023, kind, value, "nilai")
            elif name == MERIT:
                b.merit(title, 2023, kind, value)
            else:
                b.sakip(title, 2023, kind, value)
    b.new_page()

    b.heading("Indikator Kinerja Program Kepegawaian Daerah")
    title = "Tabel 3.13. Nilai Dimensi Indeks Profesionalitas ASN Tahun 2024"
    dims = [
        ("disiplin", "Nilai Indeks Profesionalitas ASN Dimensi Kedisiplinan", "4,98", "5,00", "99,60"),
        ("kinerja", "Nilai Indeks Profesionalitas ASN Dimensi Kinerja", "5", "25,61", "512,2"),
        ("kualifikasi", "Nilai Indeks Profesionalitas ASN Dimensi Kualifikasi", "18", "22,2", "123,33"),
    ]
    rows = [["INDIKATOR KINERJA PROGRAM", "TARGET", "REALISASI", "CAPAIAN (%)"]]
    for _, name, t, r, c in dims:
        rows.append([name, t, r, c])
    rows.append(["JUMLAH", "27,98", "52,81", ""])
    b.table(title, rows)
    for dim, _, t, r, _c in dims:
        b.ip_asn(title, 2024, "target", t, "nilai", dimensi=dim)
        b.ip_asn(title, 2024, "realisation", r, "nilai", dimensi=dim)
    b._stated_total(title, {"dimensi": "total", "kind": "realisation"}, "52,81", [d[3] for d in dims])
    _merit_aspect_table(
        b,
        "Tabel 3.14. Nilai Kriteria Penerapan Sistem Merit Tahun 2024",
        2024,
        [
            ("Perencanaan Kebutuhan", "39", "40,00"),
            ("Pengadaan", "39", "40,00"),
            ("Pengembangan Karier", "70", "65,00"),
            ("Promosi dan Mutasi", "34", "37,50"),
            ("Manajemen Kinerja", "78,5", "72,5"),
            ("Penggajian, Penghargaan, dan Disiplin", "35", "37,5"),
            ("Perlindungan dan Pelayanan", "15", "16,00"),
            ("Sistem Informasi", "22", "22,00"),
        ],
        ("332,5", "330,5"),
        label_prefix="Nilai Kriteria ",
    )
    b.new_page()

    _composition_pages(b, BANTEN_2024, 38, "Provinsi Banten")

    b.heading("3.2 Realisasi Anggaran")
    b.para(
        "Anggaran belanja badan tahun 2024 dialokasikan pada dua program yang terkait langsung dengan "
        "sasaran strategis."
    )
    _budget_table(
        b,
        "Tabel 3.50. Realisasi Anggaran Badan Kepegawaian Daerah Tahun 2024",
        2024,
        [
            BudgetLine(
                "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI",
                "program",
                "31.893.121.275",
                "30.364.264.804",
                "95,21",
            ),
            BudgetLine("Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "kegiatan", "828.804.357"),
            BudgetLine("Penyusunan Dokumen Perencanaan Perangkat Daerah", "sub_kegiatan", "515.404.357"),
            BudgetLine(
                "Penyediaan Gaji dan Tunjangan ASN",
                "sub_kegiatan",
                "21.577.670.000",
                "20.813.698.871",
                "96,46",
            ),
            BudgetLine("PROGRAM KEPEGAWAIAN DAERAH", "program", "7.102.590.552", "6.783.424.991", "92,01"),
        ],
        BudgetLine("JUMLAH ANGGARAN", "total", "38.995.711.827", "37.147.689.795", "95,26"),
    )
    return b


# --- Kota Serang, Perubahan Renstra 2019-2023 (published figures) --------------------------------------

SERANG_AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Serang"


def _serang_renstra() -> _Builder:
    b = _Builder(
        "renstra_bkpsdm_kota_serang_2019-2023.pdf",
        "renstra",
        "Kota Serang",
        SERANG_AGENCY,
        (2019, 2023),
        "published",
        landscape=True,
    )
    b.title_page(
        [
            ("PERUBAHAN RENCANA STRATEGIS (RENSTRA) TAHUN 2019-2023", 1),
            (SERANG_AGENCY, 1),
            ("PEMERINTAH KOTA SERANG", 2),
            ("Serang, 2021", 2),
        ]
    )
    year = 2021  # the staff lists describe the agency when the amended plan was adopted
    b.heading("2.2 Sumber Daya Perangkat Daerah")
    b.para("Tabel 2.a Sumber Daya Manusia Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Serang")
    b.label_list(
        "1. Berdasarkan Jabatan",
        "jabatan",
        [
            ("Kepala Badan", "Kepala Badan", "1"),
            ("Sekretaris", "Sekretaris", "1"),
            ("Kepala Bidang", "Kepala Bidang", "3"),
            ("Kepala Sub Bagian", "Kepala Sub Bagian", "2"),
            ("Kepala Sub Bidang", "Kepala Sub Bidang", "9"),
            ("Pelaksana Golongan IV", "Pelaksana Golongan IV", "0"),
            ("Pelaksana Golongan III", "Pelaksana Golongan III", "12"),
            ("Pelaksana Golongan II", "Pelaksana Golongan II", "3"),
            ("Tenaga Magang (Sukwan)", "Tenaga Magang", "15"),
        ],
        "45",
        year,
        numbered=True,
    )  # as published: the lines add up to 46
    b.label_list(
        "2. Berdasarkan Tingkat Pendidikan",
        "pendidikan",
        [
            ("Strata Dua (S2)", "S2", "10"),
            ("Strata Satu (S1)", "S1", "17"),
            ("Diploma Tiga (D3)", "D-III", "3"),
            ("SLTA", "SLTA", "0"),
        ],
        "30",
        year,
        numbered=False,
    )
    b.new_page()
    b.label_list(
        "3. Pegawai Berdasarkan Golongan",
        "golongan",
        [
            ("Golongan IV", "IV", "2"),
            ("Golongan III", "III", "26"),
            ("Golongan II", "II", "2"),
            ("Golongan I", "I", "-"),
        ],
        "30",
        year,
        numbered=False,
    )
    b.label_list(
        "4. Pegawai Berdasarkan Jabatan Struktural",
        "eselon",
        [
            ("Esselon II", "II", "1"),
            ("Esselon III", "III", "4"),
            ("Esselon IV", "IV", "11"),
        ],
        "16",
        year,
        numbered=False,
    )
    b.new_page()

    b.heading("BAB IV TUJUAN DAN SASARAN")
    title = "Tabel 4.1 Tujuan dan Sasaran Jangka Menengah Pelayanan Perangkat Daerah"
    years = (2018, 2019, 2020, 2021, 2022, 2023, 2024)
    kinds = ("realisation", "realisation", "realisation", "realisation", "target", "target", "target")
    series = [
        (IP_ASN.upper(), "Poin", ("0,85", "0,87", "0,89", "0.90", "0,92", "0,95", "0,85")),
        ("Capaian Pelayanan administrasi kepegawaian", "%", ("85", "84", "85", "86", "87", "88", "85")),
        (
            "Capaian Pengembangan Kompetensi dan Pendidikan dan Pelatihan Aparatur",
            "%",
            ("60", "65", "70", "75", "80", "85", "85"),
        ),
    ]
    rows = [
        [
            "NO",
            "INDIKATOR TUJUAN/SASARAN",
            "SATUAN",
            "TAHUN DASAR",
            "CAPAIAN KINERJA",
            "",
            "",
            "TARGET KINERJA",
            "",
            "TAHUN TRANSISI",
        ],
        ["", "", "", "2018", "2019", "2020", "2021", "2022", "2023", "2024"],
    ]
    for i, (name, unit, values) in enumerate(series, start=1):
        rows.append([str(i), name, unit, *values])
    b.table(
        title,
        rows,
        header_rows=2,
        col_widths=[1.0 * CM, 9.0 * CM, 1.6 * CM, *[2.15 * CM] * 7],
        spans=[(0, 0, 0, 1), (1, 0, 1, 1), (2, 0, 2, 1), (4, 0, 6, 0), (7, 0, 8, 0)],
    )
    for name, unit, values in series:
        for y, kind, value in zip(years, kinds, values, strict=True):
            if name == IP_ASN.upper():
                b.ip_asn(title, y, kind, value, "poin")
            else:
                b.indicator(title, name, y, kind, value, unit)
    b.new_page()

    b.heading("BAB VI RENCANA PROGRAM, KEGIATAN DAN PENDANAAN")
    title = "Tabel 6.2 Rencana Program, Kegiatan dan Pendanaan Perangkat Daerah"
    plan_years = (2019, 2020, 2021, 2022, 2023)
    # As published, this matrix groups thousands with commas while the rest of the document uses dots.
    plan = [
        (
            "URUSAN PENUNJANG BIDANG KEPEGAWAIAN",
            "",
            None,
            ("11,846,652,129", "8,898,149,922", "12,418,215,014", "12,977,156,000", "13,718,330,800"),
            None,
        ),
        (
            IP_ASN.upper(),
            "Poin",
            ("0.87", "0.89", "0.90", "0.92", "0.95"),
            ("5,862,571,718", "3,228,786,260", "6,058,653,674", "6,154,500,000", "6,554,542,000"),
            "ip",
        ),
        (
            "Capaian Pelayanan administrasi kepegawaian",
            "%",
            ("85", "86", "87", "88", "85"),
            ("2,177,226,618", "2,060,402,760", "3,411,989,674", "3,369,500,000", "3,588,517,000"),
            "ind",
        ),
        (
            "Capaian Pengembangan Kompetensi dan Pendidikan dan Pelatihan Aparatur",
            "%",
            ("65", "70", "75", "80", "85"),
            ("3,685,345,100", "1,168,383,500", "2,646,664,000", "2,785,000,000", "2,966,025,000"),
            "ind",
        ),
        (
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "%",
            ("100",) * 5,
            ("5,984,080,411", "5,669,363,662", "6,359,561,340", "6,822,656,000", "7,163,788,800"),
            "program",
        ),
    ]
    header1 = ["INDIKATOR / PROGRAM", "SATUAN"]
    header2 = ["", ""]
    for y in plan_years:
        header1 += [str(y), ""]
        header2 += ["Target", "Rp"]
    rows = [header1, header2]
    for name, unit, targets, pagu, _ in plan:
        row = [name, unit]
        for j in range(len(plan_years)):
            row += [targets[j] if targets else "", pagu[j]]
        rows.append(row)
    b.table(
        title,
        rows,
        header_rows=2,
        col_widths=[5.5 * CM, 1.5 * CM, *[1.3 * CM, 2.6 * CM] * 5],
        spans=[(0, 0, 0, 1), (1, 0, 1, 1), *[(2 + 2 * j, 0, 3 + 2 * j, 0) for j in range(5)]],
    )
    for name, unit, targets, pagu, role in plan:
        for j, y in enumerate(plan_years):
            program = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA" if role == "program" else name
            level = {"program": "program", "ip": "sasaran", "ind": "sasaran"}.get(str(role), "urusan")
            b.budget(title, y, "pagu", pagu[j], program=program, level=level)
            if role == "ip" and targets:
                b.ip_asn(title, y, "target", targets[j], "poin")
            elif role == "ind" and targets:
                b.indicator(title, name, y, "target", targets[j], unit)
    for j, y in enumerate(plan_years):
        b._stated_total(title, {"budget": "pagu", "year": str(y)}, plan[0][3][j], [plan[1][3][j], plan[4][3][j]])
    b.new_page()

    b.heading("Lampiran: Rencana Kerja Tahun 2023")
    title = "Tabel 3.3 Rumusan Rencana Program, Kegiatan dan Sub Kegiatan Tahun 2023 dan Prakiraan Maju Tahun 2024"
    renja = [
        ("URUSAN PENUNJANG BIDANG KEPEGAWAIAN", "", "", "14.018.330.800", "", "15.713.252.978", "total"),
        (IP_ASN.upper(), "point", "0,95", "6.554.542.200", "0,95", "7.519.895.858", "ip"),
        (
            "Capaian Pelayanan administrasi kepegawaian",
            "%",
            "80",
            "3.588.517.200",
            "80",
            "4.108.967.108",
            "ind",
        ),
        (
            "Capaian Pengembangan kompetensi dan Pendidikan dan Pelatihan Aparatur",
            "%",
            "100",
            "2.966.025.000",
            "100",
            "3.410.928.750",
            "ind",
        ),
        (
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "%",
            "100",
            "7.463.788.600",
            "100",
            "8.193.357.120",
            "program",
        ),
        (
            "PERENCANAAN, PENGANGGARAN, DAN EVALUASI KINERJA PERANGKAT DAERAH",
            "%",
            "100",
            "462.894.800",
            "100",
            "530.150.000",
            "kegiatan",
        ),
        (
            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            "dokumen",
            "7",
            "66.000.000",
            "7",
            "75.900.000",
            "sub_kegiatan",
        ),
    ]
    rows = [
        [
            "PROGRAM / KEGIATAN / SUB KEGIATAN / INDIKATOR",
            "SATUAN",
            "TARGET 2023",
            "PAGU INDIKATIF 2023 (Rp)",
            "TARGET 2024",
            "PRAKIRAAN MAJU 2024 (Rp)",
        ]
    ]
    for name, unit, t23, p23, t24, p24, _ in renja:
        rows.append([name, unit, t23, p23, t24, p24])
    b.table(title, rows, col_widths=[10.5 * CM, 2.0 * CM, 2.6 * CM, 4.3 * CM, 2.6 * CM, 4.3 * CM])
    penunjang = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    for name, _unit, t23, p23, t24, p24, role in renja:
        for y, t, p in ((2023, t23, p23), (2024, t24, p24)):
            if role == "kegiatan":
                b.budget(title, y, "pagu", p, program=penunjang, kegiatan=name)
            elif role == "sub_kegiatan":
                b.budget(
                    title,
                    y,
                    "pagu",
                    p,
                    program=penunjang,
                    kegiatan="PERENCANAAN, PENGANGGARAN, DAN EVALUASI KINERJA PERANGKAT DAERAH",
                    sub_kegiatan=name,
                )
            else:
                level = {"program": "program", "ip": "sasaran", "ind": "sasaran"}.get(role, "urusan")
                b.budget(title, y, "pagu", p, program=penunjang if role == "program" else name, level=level)
            if role == "ip":
                b.ip_asn(title, y, "target", t, "poin")
    return b


# --- Kota Bekasi, Renstra 2024-2026 (published figures) -----------------------------------------------

BEKASI_AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bekasi"
BEKASI_UNITS = (
    "Kepala Badan",
    "Sekretariat",
    "Bidang Administrasi dan Pengembangan Karir Aparatur",
    "Bidang Penilaian Kinerja Aparatur",
    "Bidang Pengembangan Kompetensi Aparatur",
)


def _bekasi_renstra() -> _Builder:
    b = _Builder(
        "renstra_bkpsdm_kota_bekasi_2024-2026.pdf",
        "renstra",
        "Kota Bekasi",
        BEKASI_AGENCY,
        (2024, 2026),
        "published",
    )
    b.title_page(
        [
            ("RENCANA STRATEGIS (RENSTRA) TAHUN 2024-2026", 1),
            (BEKASI_AGENCY, 1),
            ("PEMERINTAH KOTA BEKASI", 2),
            ("Bekasi, 2023", 2),
        ]
    )
    year = 2023  # the staff tables are the agency's own data of the year before the plan
    note = "Sumber: Bidang Administrasi dan Pengembangan Karir Aparatur, data kepegawaian Tahun 2023"
    b.heading("2.2 Sumber Daya Aparatur")
    b.para(
        "Badan didukung oleh 62 orang PNS; komposisinya menurut unit kerja, golongan dan pendidikan "
        "disajikan berikut ini."
    )
    b.cross_table(
        "Tabel 2.2 Rekapitulasi Aparatur Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bekasi "
        "Berdasarkan Golongan",
        "unit_kerja",
        "golongan",
        ("I", "II", "III", "IV"),
        [
            (BEKASI_UNITS[0], ("-", "-", "-", "1"), "1"),
            (BEKASI_UNITS[1], ("-", "2", "10", "3"), "15"),
            (BEKASI_UNITS[2], ("-", "-", "12", "5"), "17"),
            (BEKASI_UNITS[3], ("-", "1", "11", "1"), "13"),
            (BEKASI_UNITS[4], ("-", "1", "14", "1"), "16"),
        ],
        (("-", "4", "47", "11"), "62"),
        year,
        first_headers=("No", "Unit Kerja"),
        group_header="Golongan",
        col_normalise=normalise_golongan,
    )
    b.para(note)
    # As published: the Sekretariat row states 16 for parts adding to 15, and the S2 column states 20 for
    # parts adding to 19 — kept on purpose, the reconciliation must find them.
    b.cross_table(
        "Tabel 2.4 Rekapitulasi Aparatur Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bekasi "
        "Berdasarkan Pendidikan",
        "unit_kerja",
        "pendidikan",
        ("SMP", "SMA", "D1", "D3", "D4", "S1", "S2", "S3"),
        [
            (BEKASI_UNITS[0], ("-", "-", "-", "-", "-", "-", "1", "-"), "1"),
            (BEKASI_UNITS[1], ("-", "1", "1", "1", "3", "5", "4", "-"), "16"),
            (BEKASI_UNITS[2], ("-", "-", "-", "2", "3", "7", "4", "1"), "17"),
            (BEKASI_UNITS[3], ("-", "1", "-", "-", "1", "5", "5", "-"), "12"),
            (BEKASI_UNITS[4], ("-", "-", "-", "1", "2", "8", "5", "-"), "16"),
        ],
        (("-", "2", "1", "4", "9", "25", "20", "1"), "62"),
        year,
        first_headers=("No", "Unit Kerja"),
        group_header="Pendidikan",
        col_normalise=normalise_pendidikan,
    )
    b.para(note)
    b.new_page()
    b.cross_table(
        "Tabel 2.6 Rekapitulasi Aparatur Berdasarkan Pendidikan Menurut Jenis Kelamin",
        "pendidikan",
        "jenis_kelamin",
        ("Laki-Laki", "Perempuan"),
        [
            ("S3", ("1", ""), "1"),
            ("S2", ("7", "13"), "20"),
            ("S1", ("7", "18"), "25"),
            ("D4", ("3", "6"), "9"),
            ("D3", ("2", "2"), "4"),
            ("D1", ("", "1"), "1"),
            ("SMA", ("2", ""), "2"),
        ],
        (("22", "40"), "62"),
        year,
        first_headers=("No", "Pendidikan"),
        total_header="Total",
        row_normalise=normalise_pendidikan,
        col_normalise=normalise_jenis_kelamin,
    )
    b.cross_table(
        "Tabel 2.8 Rekapitulasi Pejabat Struktural Berdasarkan Eselon Menurut Jenis Kelamin",
        "eselon",
        "jenis_kelamin",
        ("Laki-Laki", "Perempuan"),
        [
            ("II", ("1", "-"), "1"),
            ("III a", ("1", "-"), "1"),
            ("III b", ("-", "3"), "3"),
            ("IV", ("-", "2"), "2"),
        ],
        (("2", "5"), "7"),
        year,
        first_headers=("No", "Eselon"),
        total_header="Total",
        row_normalise=_eselon_category,
        col_normalise=normalise_jenis_kelamin,
    )
    # As published: the row totals (30, 24) and the grand total (55) disagree with their parts.
    b.cross_table(
        "Tabel 2.10 Rekapitulasi Aparatur Berdasarkan Jenis Jabatan (JFU dan JFT) Menurut Jenis Kelamin",
        "jenis_jabatan",
        "jenis_kelamin",
        ("Laki-Laki", "Perempuan"),
        [("Fungsional Tertentu", ("12", "17"), "30"), ("Fungsional Umum", ("8", "18"), "24")],
        (("20", "35"), "55"),
        year,
        first_headers=("No", "Jenis Jabatan"),
        total_header="Total",
        row_normalise=normalise_jenis_jabatan,
        col_normalise=normalise_jenis_kelamin,
    )
    b.para(note)
    b.new_page()

    b.heading("BAB IV TUJUAN DAN SASARAN")
    title = "Tabel 4.1 Tujuan dan Sasaran Jangka Menengah Pelayanan Tahun 2024-2026"
    targets = [
        ("Persentase Capaian Penerapan Sistem Merit", "%", ("65,98", "73,17", "79,27")),
        ("Nilai AKIP Perangkat Daerah", "Nilai", ("80,16", "80,26", "80,36")),
        ("Nilai Survey Kepuasan Masyarakat", "Nilai", ("90,00", "90,25", "90,50")),
        (MERIT, "Nilai", ("270,50", "300,00", "325,00")),
    ]
    rows = [["NO", "INDIKATOR TUJUAN / SASARAN", "2024", "2025", "2026"]]
    for i, (name, _, values) in enumerate(targets, start=1):
        rows.append([str(i), name, *values])
    b.table(title, rows, col_widths=[1.0 * CM, 9.0 * CM, *[2.6 * CM] * 3])
    for name, unit, values in targets:
        for y, value in zip((2024, 2025, 2026), values, strict=True):
            if name == MERIT:
                b.merit(title, y, "target", value)
            elif name.startswith("Nilai AKIP"):
                b.sakip(title, y, "target", value)
            else:
                b.indicator(title, name, y, "target", value, unit)
    # The aspect targets are printed with decimal points, as in the published matrix.
    title = "Tabel 6.1a Target Nilai Aspek Sistem Merit Tahun 2024-2026"
    aspects = [
        (
            "NILAI ASPEK PERENCANAAN KEBUTUHAN, PENGADAAN, PROMOSI DAN MUTASI SERTA SISTEM INFORMASI PADA SISTEM MERIT",
            "Perencanaan Kebutuhan, Pengadaan, Promosi dan Mutasi serta Sistem Informasi",
            ("97.00", "107.58", "116.54"),
        ),
        (
            "NILAI ASPEK PENGEMBANGAN KARIR PADA SISTEM MERIT",
            "Pengembangan Karier",
            ("60.00", "66.54", "72.09"),
        ),
        (
            "NILAI ASPEK MANAJEMEN KINERJA, PENGGAJIAN, PENGHARGAAN DAN DISIPLIN SERTA PERLINDUNGAN DAN "
            "PELAYANAN PADA SISTEM MERIT",
            "Manajemen Kinerja, Penggajian, Penghargaan dan Disiplin serta Perlindungan dan Pelayanan",
            ("113.50", "125.88", "136.37"),
        ),
    ]
    totals = ("270.50", "300.00", "325.00")
    rows = [["INDIKATOR", "2024", "2025", "2026"]]
    for printed_name, _, values in aspects:
        rows.append([printed_name, *values])
    rows.append(["INDEKS SISTEM MERIT", *totals])
    b.table(title, rows, col_widths=[10.6 * CM, *[2.2 * CM] * 3])
    for j, y in enumerate((2024, 2025, 2026)):
        for _, aspek, values in aspects:
            b.merit(title, y, "target", values[j], aspek=aspek)
        b.merit(title, y, "target", totals[j])
        b._stated_total(
            title,
            {"aspek": "total", "kind": "target", "year": str(y)},
            totals[j],
            [values[j] for _, _, values in aspects],
        )
    b.new_page()

    b.heading("BAB VI RENCANA PROGRAM DAN KEGIATAN SERTA PENDANAAN")
    title = "Tabel 6.1 Rencana Program, Kegiatan dan Pendanaan Tahun 2024-2026"
    lines = [
        (
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "program",
            ("18.106.982.707", "19.845.137.040", "19.653.143.600"),
        ),
        (
            "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
            "kegiatan",
            ("10.000.000", "60.890.000", "65.890.000"),
        ),
        (
            "Administrasi Keuangan Perangkat Daerah",
            "kegiatan",
            ("15.584.132.000", "17.156.302.000", "16.923.753.600"),
        ),
        (
            "Administrasi Kepegawaian Perangkat Daerah",
            "kegiatan",
            ("20.000.000", "158.100.000", "462.500.000"),
        ),
        (
            "Administrasi Umum Perangkat Daerah",
            "kegiatan",
            ("1.195.055.000", "1.110.691.000", "1.220.000.000"),
        ),
        (
            "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
            "kegiatan",
            ("465.536.000", "695.313.000", "550.000.000"),
        ),
        (
            "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
            "kegiatan",
            ("370.759.707", "353.751.040", "40.000.000"),
        ),
        (
            "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
            "kegiatan",
            ("461.500.000", "310.090.000", "391.000.000"),
        ),
        ("PROGRAM KEPEGAWAIAN DAERAH", "program", ("9.575.084.825", "8.372.205.520", "12.606.502.178")),
        (
            "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
            "kegiatan",
            ("1.075.984.500", "1.043.870.420", "1.423.305.195"),
        ),
        ("Mutasi dan Promosi ASN", "kegiatan", ("699.801.500", "781.657.100", "778.438.456")),
        ("Pengembangan Kompetensi ASN", "kegiatan", ("7.515.850.825", "6.222.820.000", "9.448.557.524")),
        (
            "Penilaian dan Evaluasi Kinerja Aparatur",
            "kegiatan",
            ("283.448.000", "323.858.000", "956.201.003"),
        ),
    ]
    total = ("27.682.067.532", "28.217.342.560", "32.259.645.778")
    rows = [["PROGRAM / KEGIATAN", "Rp 2024", "Rp 2025", "Rp 2026"]]
    for name, _, values in lines:
        rows.append([name, *values])
    rows.append(["JUMLAH", *total])
    b.table(title, rows, col_widths=[9.0 * CM, *[2.9 * CM] * 3])
    for j, y in enumerate((2024, 2025, 2026)):
        program = ""
        for name, level, values in lines:
            if level == "program":
                program = name
                b.budget(title, y, "pagu", values[j], program=program)
            else:
                b.budget(title, y, "pagu", values[j], program=program, kegiatan=name)
        b._stated_total(
            title,
            {"budget": "pagu", "year": str(y)},
            total[j],
            [v[j] for _, level, v in lines if level == "program"],
        )
    b.new_page()

    b.heading("BAB VII KINERJA PENYELENGGARAAN BIDANG URUSAN")
    title = "Tabel 7.2 Realisasi Indikator Kinerja Utama Tahun 2021-2022 dan Target Tahun 2023"
    rows = [
        ["INDIKATOR", "REALISASI 2021", "REALISASI 2022", "TARGET 2023"],
        ["Nilai AKIP Perangkat Daerah", "80,04", "80,16", "81,00"],
        ["Nilai Hasil Survey Kepuasan Layanan Administrasi Kepegawaian", "85,73", "89,96", "83,39"],
        [IP_ASN, "55,67", "55,50", "61,00"],
    ]
    b.table(title, rows, col_widths=[9.0 * CM, *[2.9 * CM] * 3])
    for y, kind, col in ((2021, "realisation", 1), (2022, "realisation", 2), (2023, "target", 3)):
        b.sakip(title, y, kind, rows[1][col])
        b.indicator(title, rows[2][0], y, kind, rows[2][col], "Nilai")
        b.ip_asn(title, y, kind, rows[3][col], "nilai")
    return b


# --- invented regions of Banten province --------------------------------------------------------------

TANGERANG_AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Tangerang"
LEBAK_AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Lebak"
KOTA_ESELON = ("II/a", "II/b", "III/a", "III/b", "IV/a", "IV/b")


def _strs(values: Sequence[int]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


TANGERANG = {
    2023: Composition(
        2023,
        _strs([0, 4, 21, 27, 131, 102, 428, 271, 1688, 1046, 921, 1422, 1236, 598, 85, 10, 1]),
        _strs([18, 1322, 4880, 801, 872, 60, 38]),
        _strs([408, 2390, 5193]),
        KOTA_ESELON,
        _strs([1, 32, 65, 99, 193, 18]),
        _strs([4451, 3540]),
        _strs([71, 598, 930, 1146, 1402, 1510, 1350, 984]),
    ),
    2024: Composition(
        2024,
        _strs([0, 3, 18, 25, 120, 95, 410, 260, 1666, 1105, 905, 1480, 1210, 640, 92, 12, 1]),
        _strs([21, 1380, 4950, 780, 820, 56, 35]),
        _strs([402, 2215, 5425]),
        KOTA_ESELON,
        _strs([1, 32, 64, 98, 190, 17]),
        _strs([4512, 3530]),
        _strs([96, 610, 905, 1120, 1388, 1497, 1402, 1024]),
    ),
}
LEBAK_2024 = Composition(
    2024,
    _strs([2, 5, 30, 48, 160, 130, 520, 340, 1710, 1020, 1180, 1650, 1590, 790, 60, 8, 1]),
    _strs([9, 1105, 6010, 690, 1290, 90, 50]),
    _strs([455, 2480, 6309]),
    KOTA_ESELON,
    _strs([1, 30, 58, 104, 232, 30]),
    _strs([4980, 4264]),
    _strs([88, 540, 830, 1190, 1560, 1795, 1811, 1430]),
)


@dataclass
class InventedLkip:
    file: str
    region: str
    place: str  # how the tables name the government, e.g. "Kota Tangerang"
    agency: str
    city_of_signing: str
    year: int
    composition: Composition
    ip_scale: str
    sakip: tuple[float, float]
    ip: tuple[float, float]
    merit: tuple[float, float]
    merit_aspects: Sequence[float]  # realisations in MERIT_ASPECTS_KASN order, summing to merit[1]
    units: Sequence[tuple[str, Sequence[int]]]  # own staff per unit by golongan I..IV
    stated_unit_total: int | None  # None: print the true sum; else the (wrong) total the report states
    own_staff_pendidikan: Sequence[tuple[str, str, int]] | None
    budget: Sequence[tuple[str, int, int, Sequence[tuple[str, int]]]]  # program, pagu, realisation, kegiatan
    borderless_usia: bool = False


def _invented_lkip(spec: InventedLkip) -> _Builder:
    y = spec.year
    b = _Builder(spec.file, "lkip", spec.region, spec.agency, (y, y), "invented")
    b.title_page(
        [
            (f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN {y}", 1),
            (spec.agency, 1),
            (f"PEMERINTAH {spec.region.upper()}", 2),
            (f"{spec.city_of_signing}, {y + 1}", 2),
        ]
    )
    b.heading("BAB III AKUNTABILITAS KINERJA")
    b.para(
        f"Capaian indikator kinerja utama tahun {y} diukur terhadap target perjanjian kinerja; "
        "capaian dihitung sebagai realisasi dibagi target dikali seratus."
    )
    ip_places = 2
    _iku_table(
        b,
        f"Tabel 3.1. Capaian Indikator Kinerja Utama Tahun {y}",
        y,
        Iku(decimal_id(spec.sakip[0]), decimal_id(spec.sakip[1]), decimal_id(capaian(*spec.sakip))),
        Iku(
            decimal_id(spec.ip[0], ip_places),
            decimal_id(spec.ip[1], ip_places),
            decimal_id(capaian(*spec.ip)),
        ),
        Iku(decimal_id(spec.merit[0]), decimal_id(spec.merit[1]), decimal_id(capaian(*spec.merit))),
        spec.ip_scale,
    )
    _merit_aspect_table(
        b,
        f"Tabel 3.2. Nilai Aspek Penilaian Mandiri Sistem Merit Tahun {y}",
        y,
        [(a, "", decimal_id(v)) for a, v in zip(MERIT_ASPECTS_KASN, spec.merit_aspects, strict=True)],
        (decimal_id(spec.merit[0]), decimal_id(spec.merit[1])),
    )
    b.new_page()

    _composition_pages(b, spec.composition, 10, spec.place, borderless_usia=spec.borderless_usia)

    b.heading("Sumber Daya Aparatur Badan")
    unit_title = f"Tabel 3.20. Rekapitulasi Aparatur {spec.agency} Berdasarkan Golongan"
    body = []
    for unit, counts in spec.units:
        body.append((unit, tuple(str(c) if c else "-" for c in counts), str(sum(counts))))
    sums = [sum(counts[j] for _, counts in spec.units) for j in range(4)]
    col_totals = tuple(str(n) if n else "-" for n in sums)
    grand = sum(sum(c) for _, c in spec.units)
    stated = spec.stated_unit_total if spec.stated_unit_total is not None else grand
    b.cross_table(
        unit_title,
        "unit_kerja",
        "golongan",
        ("I", "II", "III", "IV"),
        body,
        (col_totals, str(stated)),
        y,
        first_headers=("No", "Unit Kerja"),
        group_header="Golongan",
        col_normalise=normalise_golongan,
        total_label="JUMLAH",
    )
    if spec.own_staff_pendidikan:
        b.label_list(
            f"Pegawai {spec.agency} berdasarkan tingkat pendidikan:",
            "pendidikan",
            [(label, cat, str(n)) for label, cat, n in spec.own_staff_pendidikan],
            str(sum(n for _, _, n in spec.own_staff_pendidikan)),
            y,
            numbered=False,
        )
    b.new_page()

    b.heading("Realisasi Anggaran")
    lines: list[BudgetLine] = []
    for program, pagu, real, kegiatan in spec.budget:
        lines.append(BudgetLine(program, "program", rupiah(pagu), rupiah(real), decimal_id(real / pagu * 100)))
        for name, amount in kegiatan:
            lines.append(BudgetLine(name, "kegiatan", rupiah(amount)))
    total_pagu = sum(p for _, p, _, _ in spec.budget)
    total_real = sum(r for _, _, r, _ in spec.budget)
    _budget_table(
        b,
        f"Tabel 3.30. Realisasi Anggaran per Program Tahun {y}",
        y,
        lines,
        BudgetLine(
            "JUMLAH",
            "total",
            rupiah(total_pagu),
            rupiah(total_real),
            decimal_id(total_real / total_pagu * 100),
        ),
    )
    return b


PENUNJANG_KOTA = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
KEPEGAWAIAN = "PROGRAM KEPEGAWAIAN DAERAH"
KEGIATAN_KEPEGAWAIAN = (
    "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
    "Mutasi dan Promosi ASN",
    "Pengembangan Kompetensi ASN",
    "Penilaian dan Evaluasi Kinerja Aparatur",
)
TANGERANG_UNITS = (
    "Kepala Badan",
    "Sekretariat",
    "Bidang Pengadaan, Pemberhentian dan Informasi",
    "Bidang Mutasi dan Promosi",
    "Bidang Pengembangan Kompetensi Aparatur",
    "Bidang Penilaian Kinerja dan Penghargaan",
)

INVENTED: tuple[InventedLkip, ...] = (
    InventedLkip(
        "lkip_bkpsdm_kota_tangerang_2023.pdf",
        "Kota Tangerang",
        "Kota Tangerang",
        TANGERANG_AGENCY,
        "Tangerang",
        2023,
        TANGERANG[2023],
        "nilai",
        (77.0, 78.12),
        (68.0, 70.45),
        (300.0, 309.5),
        (37.5, 40.0, 58.5, 36.0, 66.0, 36.5, 15.0, 20.0),
        list(
            zip(
                TANGERANG_UNITS,
                ((0, 0, 0, 1), (0, 3, 13, 3), (0, 1, 11, 2), (0, 2, 9, 2), (0, 0, 10, 3), (0, 2, 8, 1)),
                strict=True,
            )
        ),
        None,
        None,
        (
            (PENUNJANG_KOTA, 20_318_760_000, 19_402_118_934, ()),
            (
                KEPEGAWAIAN,
                7_904_275_000,
                7_215_930_448,
                tuple(
                    zip(
                        KEGIATAN_KEPEGAWAIAN,
                        (1_150_200_000, 845_075_000, 5_312_000_000, 597_000_000),
                        strict=True,
                    )
                ),
            ),
        ),
    ),
    InventedLkip(
        "lkip_bkpsdm_kota_tangerang_2024.pdf",
        "Kota Tangerang",
        "Kota Tangerang",
        TANGERANG_AGENCY,
        "Tangerang",
        2024,
        TANGERANG[2024],
        "nilai",
        (79.0, 80.37),
        (71.0, 73.18),
        (315.0, 326.5),
        (40.0, 40.0, 63.0, 37.5, 70.5, 37.5, 16.0, 22.0),
        list(
            zip(
                TANGERANG_UNITS,
                ((0, 0, 0, 1), (0, 3, 14, 3), (0, 1, 12, 2), (0, 1, 10, 2), (0, 0, 11, 3), (0, 2, 9, 1)),
                strict=True,
            )
        ),
        None,
        None,
        (
            (PENUNJANG_KOTA, 21_450_300_000, 20_117_845_210, ()),
            (
                KEPEGAWAIAN,
                8_736_150_000,
                8_102_664_385,
                tuple(
                    zip(
                        KEGIATAN_KEPEGAWAIAN,
                        (1_284_500_000, 912_350_000, 5_870_800_000, 668_500_000),
                        strict=True,
                    )
                ),
            ),
        ),
    ),
    InventedLkip(
        "lkip_bkpsdm_kabupaten_lebak_2024.pdf",
        "Kabupaten Lebak",
        "Kabupaten Lebak",
        LEBAK_AGENCY,
        "Rangkasbitung",
        2024,
        LEBAK_2024,
        "poin",
        (70.0, 68.41),
        (0.78, 0.80),
        (250.0, 262.5),
        (32.5, 35.0, 45.0, 30.0, 55.0, 32.5, 12.5, 20.0),
        list(
            zip(
                (
                    "Kepala Badan",
                    "Sekretariat",
                    "Bidang Pengadaan dan Informasi Kepegawaian",
                    "Bidang Mutasi dan Promosi",
                    "Bidang Pengembangan Sumber Daya Manusia",
                    "Bidang Kinerja dan Disiplin Aparatur",
                ),
                ((0, 0, 0, 1), (1, 4, 12, 2), (0, 2, 9, 1), (0, 1, 8, 2), (0, 1, 10, 2), (0, 2, 7, 1)),
                strict=True,
            )
        ),
        67,  # deliberately wrong: the units add up to 66, as real reports sometimes misstate a JUMLAH
        (
            ("Strata Dua (S2)", "S2", 14),
            ("Strata Satu (S1)", "S1", 38),
            ("Diploma Tiga (D3)", "D-III", 6),
            ("SLTA", "SLTA", 8),
        ),
        (
            (PENUNJANG_KOTA, 14_862_450_000, 14_011_270_512, ()),
            (
                KEPEGAWAIAN,
                5_215_600_000,
                4_866_341_900,
                tuple(
                    zip(
                        KEGIATAN_KEPEGAWAIAN,
                        (905_400_000, 610_200_000, 3_180_000_000, 520_000_000),
                        strict=True,
                    )
                ),
            ),
        ),
        borderless_usia=True,
    ),
)


# --- entry points -------------------------------------------------------------------------------------


def _builders() -> list[_Builder]:
    return [_banten_lkip_2024(), _serang_renstra(), _bekasi_renstra(), *(_invented_lkip(s) for s in INVENTED)]


# Written into the truth file so that a reader of the JSON needs no access to this module.
TRUTH_FIELDS: dict[str, str] = {
    "file, doc_type, region, agency, period": "what the title page says (doc_type: lkip | renstra)",
    "pages": "page count of the PDF; every 'page' below is 1-based",
    "tables": "every table as written: title, page, ruled, header_rows, rows (cells as printed)",
    "lists": "the `label : N Orang` lists (text lines, not tables)",
    "headcounts": "one entry per printed count: population (pemerintah_daerah = all PNS of the "
    "government, perangkat_daerah = the agency's own staff), dimension {key: normalised category}, "
    "label as printed, year, value, printed",
    "stated_totals": "every JUMLAH/Total with the sum of its parts; inconsistent_totals: those that differ",
    "ip_asn": "Indeks Profesionalitas ASN: year, kind (target | realisation | capaian_pct), dimensi, value, "
    "printed, scale (nilai 0-100 | poin 0-1 | pct), scale_max",
    "merit": "Indeks Sistem Merit (KASN 2019, 0-400): year, kind, aspek ('total' or the aspect), score, printed",
    "sakip": "SAKIP/AKIP score: year, kind, value (null for a band target such as 70-80, given in 'range')",
    "indicators": "other performance indicators: indicator, year, kind, value, printed, unit",
    "budgets": "pagu and realisation in IDR: year, kind (pagu | budget_realisation), level (urusan | sasaran "
    "| program | kegiatan | sub_kegiatan), program, kegiatan, sub_kegiatan, value, printed",
}


def sample_files() -> list[str]:
    """The file names `write_sample_documents` produces (cheap: builds the blocks, renders nothing)."""
    return [b.file for b in _builders()]


def write_sample_documents(out_dir: Path) -> list[Path]:
    """Write the sample PDFs and `documents_truth.json` into `out_dir`; return the PDF paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    documents: list[dict[str, Any]] = []
    for builder in _builders():
        path = write_pdf(out_dir / builder.file, builder.document())
        builder.truth["pages"] = builder.page
        paths.append(path)
        documents.append(builder.truth)
    truth = {
        "generator": "samples.documents",
        "note": "Figures of documents with figures_origin 'published' are those printed in the real "
        "documents (including totals that do not add up); 'invented' ones are synthetic.",
        "fields": TRUTH_FIELDS,
        "documents": documents,
    }
    (out_dir / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m samples.documents OUT_DIR", file=sys.stderr)
        return 2
    for path in write_sample_documents(Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
