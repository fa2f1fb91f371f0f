"""The table shapes the sample documents are made of, each laid out and recorded in the truth in one step.

A shape takes printed labels with their categories and printed counts (from `samples.figures`) and writes both
the PDF blocks and the truth entries, so the two cannot drift apart: the LKIP one-row recap, the Renstra
`label : N Orang` list, the units × categories cross table, the key-indicator (IKU) table, the merit aspect
table and the budget table, plus the two pages of an LKIP staff-composition section.
"""

from __future__ import annotations

from collections.abc import Sequence

from samples.builder import CM, DocumentBuilder
from samples.figures import (
    GENDER_COLUMNS,
    GOLONGAN_RUANG_COLUMNS,
    IP_ASN,
    JABATAN_COLUMNS,
    MERIT,
    PENDIDIKAN_COLUMNS,
    USIA_COLUMNS,
    BudgetLine,
    Composition,
    CrossRow,
    Iku,
)


def one_row_table(
    b: DocumentBuilder,
    title: str,
    dimension: str,
    columns: Sequence[tuple[str, str]],
    printed: Sequence[str],
    year: int,
    *,
    row_label: str,
    corner: str = "",
    ruled: bool = True,
) -> None:
    """The LKIP shape: a header row of categories and one data row for the year.
    `columns` are (label as printed, category)."""
    labels = [label for label, _ in columns]
    # Many columns (17 golongan/ruang): a wider first column for "Tahun 2024" and tight padding.
    wide = len(labels) > 10
    first = 1.8 * CM if wide else 2.2 * CM
    widths = [first, *[(b.width_cm * CM - first) / len(labels)] * len(labels)]
    b.table(
        title,
        [[corner, *labels], [row_label, *printed]],
        ruled=ruled,
        col_widths=widths,
        cell_padding=2 if wide else None,
    )
    for (label, category), value in zip(columns, printed, strict=True):
        b.headcount(title, {dimension: category}, label, value, year, "pemerintah_daerah")


def label_list(
    b: DocumentBuilder,
    title: str,
    dimension: str,
    items: Sequence[tuple[str, str, str]],
    stated_total: str,
    year: int,
    *,
    numbered: bool,
) -> None:
    """The Renstra staff list: `label : N Orang` lines closed by a `JUMLAH : N Orang` line.

    `items` are (label as printed, category, count as printed)."""
    b.para(title)
    for i, (label, category, count) in enumerate(items, start=1):
        bullet = f"{i}." if numbered else "-"
        b.para(f"{bullet} {label} : {count} Orang")
        b.headcount(title, {dimension: category}, label, count, year, "perangkat_daerah")
    b.para(f"JUMLAH : {stated_total} Orang")
    b.truth["lists"].append({"title": title, "page": b.page, "dimension": dimension})
    b.stated_total(title, {"dimension": dimension}, stated_total, [c for _, _, c in items])


def cross_table(
    b: DocumentBuilder,
    title: str,
    row_dimension: str,
    col_dimension: str,
    columns: Sequence[tuple[str, str]],
    body: Sequence[CrossRow],
    total_row: tuple[Sequence[str], str],
    year: int,
    *,
    first_headers: Sequence[str] = ("No",),
    group_header: str | None = None,
    total_header: str = "Jumlah",
    total_label: str = "Jumlah",
) -> None:
    """Rows of units or categories against columns of categories, each row closed by its stated total
    and the table closed by a stated-total row (the per-unit and by-gender tables of a Renstra).
    `columns` are (label as printed, category); a body row's category None keeps its label (a unit kerja)."""
    col_labels = [label for label, _ in columns]
    lead = len(first_headers)
    if group_header:
        header = [
            [*first_headers, group_header, *[""] * (len(col_labels) - 1), total_header],
            [*[""] * lead, *col_labels, ""],
        ]
    else:
        header = [[*first_headers, *col_labels, total_header]]
    rows: list[list[str]] = [list(r) for r in header]
    for i, (label, _, cells, stated) in enumerate(body, start=1):
        lead_cells = [str(i), label] if lead == 2 else [label]
        rows.append([*lead_cells, *cells, stated])
    col_totals, grand = total_row
    rows.append([total_label, *[""] * (lead - 1), *col_totals, grand])
    lead_widths = [0.8 * CM, 4.8 * CM] if lead == 2 else [5.6 * CM]
    ncols = lead + len(col_labels) + 1
    rest = (b.width_cm * CM - sum(lead_widths)) / (len(col_labels) + 1)
    last_row = len(rows) - 1
    # Merged cells as printed: the total label across the lead columns, and with a group heading
    # (e.g. "Golongan" over I..IV) the lead and total headings across both header rows.
    spans: list[tuple[int, int, int, int]] = [(0, last_row, lead - 1, last_row)] if lead > 1 else []
    if group_header:
        spans.append((lead, 0, lead + len(col_labels) - 1, 0))
        spans += [(c, 0, c, 1) for c in range(lead)]
        spans.append((ncols - 1, 0, ncols - 1, 1))
    b.table(
        title,
        rows,
        header_rows=len(header),
        col_widths=[*lead_widths, *[rest] * (len(col_labels) + 1)],
        spans=spans,
    )
    for label, category, cells, stated in body:
        row_category = category if category is not None else label
        for (col, col_category), value in zip(columns, cells, strict=True):
            if value.strip() == "":
                continue  # a blank cell prints nothing; "-" is the explicit zero
            b.headcount(
                title,
                {row_dimension: row_category, col_dimension: col_category},
                f"{label} / {col}",
                value,
                year,
                "perangkat_daerah",
            )
        b.stated_total(title, {row_dimension: row_category}, stated, cells)
    for j, (_, col_category) in enumerate(columns):
        b.stated_total(title, {col_dimension: col_category}, col_totals[j], [r[2][j] for r in body])
    b.stated_total(title, {"grand_total": "rows"}, grand, [r[3] for r in body])


def composition_pages(
    b: DocumentBuilder, comp: Composition, first_table: int, place: str, *, borderless_usia: bool = False
) -> None:
    """Two pages of the LKIP staff-composition section (tables numbered from `first_table`)."""
    y = comp.year
    n = first_table
    b.heading("Rekapitulasi Pegawai Negeri Sipil")
    b.para(
        f"Komposisi PNS {place} pada akhir tahun {y} disajikan menurut golongan ruang, tingkat "
        "pendidikan, jenis jabatan dan eselon; data bersumber dari sistem informasi kepegawaian daerah."
    )
    one_row_table(
        b,
        f"Tabel 3.{n}. Keadaan PNS {place} berdasarkan Golongan Tahun {y}",
        "golongan_ruang",
        GOLONGAN_RUANG_COLUMNS,
        comp.golongan_ruang,
        y,
        row_label=f"Tahun {y}",
    )
    one_row_table(
        b,
        f"Tabel 3.{n + 1}. Keadaan PNS {place} berdasarkan Tingkat Pendidikan Tahun {y}",
        "pendidikan",
        PENDIDIKAN_COLUMNS,
        comp.pendidikan,
        y,
        row_label=str(y),
    )
    one_row_table(
        b,
        f"Tabel 3.{n + 2}. Keadaan PNS {place} berdasarkan Jabatan Tahun {y}",
        "jenis_jabatan",
        JABATAN_COLUMNS,
        comp.jabatan,
        y,
        row_label=str(y),
        corner="Tahun",
    )
    one_row_table(
        b,
        f"Tabel 3.{n + 3}. Keadaan PNS {place} berdasarkan Eselon Tahun {y}",
        "eselon",
        comp.eselon_columns,
        comp.eselon,
        y,
        row_label=str(y),
        corner="Tahun",
    )
    b.new_page()
    b.heading("Rekapitulasi PNS menurut Jenis Kelamin dan Usia")
    one_row_table(
        b,
        f"Tabel 3.{n + 4}. Keadaan PNS {place} berdasarkan Jenis Kelamin Tahun {y}",
        "jenis_kelamin",
        GENDER_COLUMNS,
        comp.gender,
        y,
        row_label=str(y),
        corner="Tahun",
    )
    one_row_table(
        b,
        f"Tabel 3.{n + 5}. Keadaan PNS {place} berdasarkan Usia Tahun {y}",
        "kelompok_usia",
        USIA_COLUMNS,
        comp.usia,
        y,
        row_label=str(y),
        corner="Tahun",
        ruled=not borderless_usia,
    )
    b.new_page()


def iku_table(b: DocumentBuilder, title: str, year: int, sakip: Iku, ip: Iku, merit: Iku, ip_scale: str) -> None:
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


def merit_aspect_table(
    b: DocumentBuilder,
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
    b.stated_total(title, {"aspek": "total", "kind": "realisation"}, total[1], [a[2] for a in aspects])


def budget_table(b: DocumentBuilder, title: str, year: int, lines: Sequence[BudgetLine], total: BudgetLine) -> None:
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
    b.stated_total(title, {"budget": "pagu", "year": str(year)}, total.pagu, [p.pagu for p in programs])
    if total.realisation:
        b.stated_total(
            title,
            {"budget": "realisation", "year": str(year)},
            total.realisation,
            [p.realisation for p in programs],
        )
