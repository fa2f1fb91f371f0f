"""Geometry of PDF tables: the rows and cells the loader gives are the ones the table prints.

Each test draws a small table into a real PDF (reportlab, or the project's writer) and reads it back
with the real loader; the expected rows are literals written from the table as drawn.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from extractors.documents.model import Document, Table
from extractors.documents.pdf_loader import load_pdf
from samples.pdf_writer import Grid, NewPage, Para, PdfDocument, write_pdf


@pytest.fixture(autouse=True)
def _private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASNWH_EXTRACT_CACHE", "0")


def _tables(path: Path) -> list[Table]:
    return [t for p in load_pdf(path, use_cache=False).pages for t in p.tables]


def _cells(table: Table) -> list[list[str]]:
    return [r.cells for r in table.rows]


HEADER = [["No", "Unit Kerja", "2022", "", "2023", ""],
          ["", "", "Target", "Realisasi", "Target", "Realisasi"]]
BODY = [["1", "Sekretariat", "45", "44", "46", "47"],
        ["2", "Bidang Mutasi dan Promosi", "30", "29", "31", "31"],
        ["3", "Bidang Pengembangan Kompetensi Aparatur", "12", "12", "13", "11"]]
SPANS = [(2, 0, 3, 0), (4, 0, 5, 0), (0, 0, 0, 1), (1, 0, 1, 1)]
WIDTHS = [30, 200, 60, 60, 60, 60]


def test_ruled_two_row_header_with_spans_keeps_both_header_rows(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "ruled.pdf", PdfDocument(blocks=[
        Para("Tabel 2.1 Jumlah Pegawai"),
        Grid(rows=HEADER + BODY, header_rows=2, spans=SPANS, col_widths=WIDTHS)]))
    (table,) = _tables(path)
    assert table.ruled
    assert _cells(table) == HEADER + BODY


def test_borderless_table_gives_the_same_body_rows_as_ruled(tmp_path: Path) -> None:
    rows = [["No", "Unit Kerja", "Target 2023", "Realisasi 2023"]] + [r[:3] + r[5:] for r in BODY]
    path = write_pdf(tmp_path / "borderless.pdf", PdfDocument(blocks=[
        Para("Tabel 2.2 Jumlah Pegawai"), Grid(rows=rows, ruled=False, col_widths=[30, 220, 80, 80])]))
    (table,) = _tables(path)
    assert not table.ruled
    assert _cells(table)[-3:] == rows[-3:]


def test_ruled_table_continued_on_the_next_page_is_one_table_without_the_repeated_header(tmp_path: Path) -> None:
    body = [[str(i), f"Unit {i}", str(10 + i), str(20 + i)] for i in range(1, 61)]
    header = [["No", "Unit Kerja", "Laki-laki", "Perempuan"]]
    path = write_pdf(tmp_path / "long.pdf", PdfDocument(blocks=[
        Para("Tabel 3.1 Pegawai per unit"), Grid(rows=header + body, col_widths=[30, 200, 80, 80])]))
    doc = load_pdf(path, use_cache=False)
    assert len(doc.pages) >= 2
    tables = [t for p in doc.pages for t in p.tables]
    assert len(tables) == 1
    assert _cells(tables[0]) == header + body
    assert {r.page for r in tables[0].rows} == {p.number for p in doc.pages}


def test_two_tables_on_consecutive_pages_stay_apart_when_the_second_has_its_own_caption(tmp_path: Path) -> None:
    a = [["Golongan", "Jumlah"], ["IV", "12"], ["III", "40"]]
    b = [["Pendidikan", "Jumlah"], ["S1", "30"], ["SLTA", "22"]]
    path = write_pdf(tmp_path / "two.pdf", PdfDocument(blocks=[
        Para("Tabel 1"), Grid(rows=a, col_widths=[120, 80]), NewPage(),
        Para("Tabel 2"), Grid(rows=b, col_widths=[120, 80])]))
    assert [_cells(t) for t in _tables(path)] == [a, b]


def _spreadsheet_export(path: Path) -> Path:
    """A table as spreadsheet exports draw it: every cell's background filled inset from its
    borders, borders as thin filled rectangles, no rules between the body rows (several rows in one
    ruled cell), row labels wrapped over two lines with their numbers on the second, the total's
    label letter-spaced."""
    c = canvas.Canvas(str(path), pagesize=A4)
    xs = [40, 70, 230, 270, 310, 350]
    top, head_bottom, body_bottom, total_bottom = 700, 680, 560, 545
    shade = Color(0.8, 0.87, 0.95)
    # Header shading, inset 5 pt inside each header cell (the slivers a naive reader turns into columns).
    for x0, x1 in zip(xs, xs[1:], strict=False):
        c.setFillColor(shade)
        c.rect(x0 + 5, head_bottom + 2, x1 - x0 - 10, top - head_bottom - 4, stroke=0, fill=1)
    c.setFillColor(black)
    for x in xs:  # vertical borders, thin filled rectangles
        c.rect(x - 0.25, total_bottom, 0.5, top - total_bottom, stroke=0, fill=1)
    for y in (top, head_bottom, body_bottom, total_bottom):
        c.rect(xs[0], y - 0.25, xs[-1] - xs[0], 0.5, stroke=0, fill=1)
    c.setFont("Helvetica", 8)
    for x, text in zip(xs[:-1], ["NO", "UNIT KERJA", "S1", "SLTA", "Jumlah"], strict=True):
        c.drawString(x + 6, 687, text)
    body = [("1", ["Dinas Tenaga Kerja dan", "Transmigrasi"], ["20", "42", "62"]),
            ("2", ["Balai Pelatihan", "Bekasi"], ["3", "11", "14"]),
            ("3", ["Balai Pelayanan", "TKI Terpadu"], ["1", "2", "3"])]
    y = 665
    for no, label, numbers in body:
        c.drawString(xs[0] + 6, y, no)
        c.drawString(xs[1] + 6, y, label[0])
        c.drawString(xs[1] + 6, y - 10, label[1])
        for x, n in zip(xs[2:], numbers, strict=False):
            c.drawRightString(x + 34, y - 10, n)
        y -= 36
    spaced = c.beginText(xs[1] + 6, 550)  # the total's label set letter-spaced: `J u m l a h`
    spaced.setFont("Helvetica", 8)
    spaced.setCharSpace(3)
    spaced.textOut("Jumlah")
    spaced.setCharSpace(0)  # else the numbers after it are spaced too
    c.drawText(spaced)
    for x, n in zip(xs[2:], ["24", "55", "79"], strict=False):
        c.drawRightString(x + 34, 550, n)
    c.showPage()
    c.save()
    return path


def test_spreadsheet_export_rows_stacked_in_one_cell_are_rows_again(tmp_path: Path) -> None:
    (table,) = _tables(_spreadsheet_export(tmp_path / "excel.pdf"))
    assert _cells(table) == [
        ["NO", "UNIT KERJA", "S1", "SLTA", "Jumlah"],
        ["1", "Dinas Tenaga Kerja dan Transmigrasi", "20", "42", "62"],
        ["2", "Balai Pelatihan Bekasi", "3", "11", "14"],
        ["3", "Balai Pelayanan TKI Terpadu", "1", "2", "3"],
        ["", "Jumlah", "24", "55", "79"],
    ]


def test_a_number_wrapped_in_a_narrow_ruled_cell_stays_one_number(tmp_path: Path) -> None:
    rows = [["Program", "Pagu 2023", "Pagu 2024"],
            ["Program Kepegawaian Daerah", "1.508.718.894", "1.985.203.000"]]
    path = write_pdf(tmp_path / "narrow.pdf", PdfDocument(blocks=[Grid(rows=rows, col_widths=[160, 40, 40])]))
    (table,) = _tables(path)
    assert _cells(table)[-1] == rows[-1]


def test_landscape_page(tmp_path: Path) -> None:
    rows = [["Golongan", "2019", "2020", "2021", "2022"], ["III/a", "120", "118", "131", "140"]]
    path = write_pdf(tmp_path / "landscape.pdf", PdfDocument(blocks=[Grid(rows=rows)], landscape=True))
    (table,) = _tables(path)
    assert _cells(table) == rows


def test_rotated_landscape_page_reads_in_its_reading_direction(tmp_path: Path) -> None:
    """A landscape table on a portrait page turned by /Rotate 90 (scanners and Word do this)."""
    path = tmp_path / "rotated.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(90)
    # Draw in the turned frame (content rotated a quarter turn counter-clockwise, which /Rotate 90
    # turns back): the reader sees a landscape page.
    c.translate(A4[0], 0)
    c.rotate(90)
    width, _ = landscape(A4)
    c.setFont("Helvetica", 10)
    c.drawString(60, 500, "Jumlah PNS berdasarkan golongan")
    for i, (label, n) in enumerate([("Golongan IV", "12"), ("Golongan III", "40"), ("Golongan II", "18")]):
        c.drawString(60, 470 - 16 * i, label)
        c.drawRightString(width - 400, 470 - 16 * i, n)
    c.showPage()
    c.save()
    doc = load_pdf(path, use_cache=False)
    text = doc.text()
    assert "Jumlah PNS berdasarkan golongan" in text
    (table,) = [t for p in doc.pages for t in p.tables]
    assert _cells(table) == [["Golongan IV", "12"], ["Golongan III", "40"], ["Golongan II", "18"]]


def test_borderless_last_row_keeps_its_wrapped_label(tmp_path: Path) -> None:
    rows = [["No", "Indikator", "Target", "Realisasi"],
            ["1.", "Indeks Profesionalitas ASN", "72,00", "74,10"],
            ["2.", "Persentase Ketercapaian dari Seluruh Kegiatan pada Program Penunjang Urusan", "100,00", "98,50"]]
    path = write_pdf(tmp_path / "wrapped.pdf", PdfDocument(blocks=[
        Grid(rows=rows, ruled=False, col_widths=[30, 150, 60, 60]),
        Para("Tabel di atas menunjukkan capaian indikator kinerja utama pada tahun 2024.")]))
    doc = load_pdf(path, use_cache=False)
    (table,) = [t for p in doc.pages for t in p.tables]
    assert _cells(table)[-1] == rows[-1]
    assert "Tabel di atas menunjukkan" in doc.pages[0].lines[-1].text  # the paragraph stays text


def _lines_pdf(path: Path, lines: list[list[tuple[float, str]]], pitch: float = 11.0) -> Path:
    """Text placed at given x positions, one line every `pitch` points (single spacing at 10 pt)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(60, 760, "Jumlah pegawai menurut golongan adalah sebagai berikut:")
    for k, line in enumerate(lines):
        for x, text in line:
            c.drawString(x, 730 - pitch * k, text)
    c.showPage()
    c.save()
    return path


def test_single_spaced_numbered_rows_stay_apart(tmp_path: Path) -> None:
    rows = [("1.", "Golongan IV", "12"), ("2.", "Golongan III", "40"), ("3.", "Golongan II", "18")]
    path = _lines_pdf(tmp_path / "single.pdf", [[(60, a), (90, b), (300, n)] for a, b, n in rows])
    (table,) = _tables(path)
    assert _cells(table) == [list(r) for r in rows]


def test_a_bulleted_list_of_counts_stays_lines(tmp_path: Path) -> None:
    items = [("- Golongan IV", "= 10 (sepuluh) orang"), ("- Golongan III", "= 36 (tiga puluh enam) orang"),
             ("- Golongan II", "= 17 (tujuh belas) orang"), ("- Golongan I", "= 1 (satu) orang")]
    path = _lines_pdf(tmp_path / "bullets.pdf", [[(70, a), (160, b)] for a, b in items], pitch=14)
    doc = load_pdf(path, use_cache=False)
    assert not doc.pages[0].tables
    assert [line.text for line in doc.pages[0].lines][1:] == [f"{a} {b}" for a, b in items]


def test_borderless_table_continued_on_the_next_page_is_one_table(tmp_path: Path) -> None:
    body = [[str(i), f"Unit {i}", str(10 + i), str(20 + i)] for i in range(1, 61)]
    header = [["No", "Unit Kerja", "Laki-laki", "Perempuan"]]
    path = write_pdf(tmp_path / "long_borderless.pdf", PdfDocument(blocks=[
        Para("Tabel 3.2 Pegawai per unit"), Grid(rows=header + body, ruled=False, col_widths=[30, 200, 80, 80])]))
    doc = load_pdf(path, use_cache=False)
    assert len(doc.pages) >= 2
    tables = [t for p in doc.pages for t in p.tables]
    assert len(tables) == 1
    assert _cells(tables[0]) == header + body


def test_justified_paragraph_after_a_table_is_not_its_row(tmp_path: Path) -> None:
    """Justified prose spreads its words with wide gaps; after the table's last row and a blank
    line, it is text, even though its gaps look like column gaps."""
    path = tmp_path / "justified.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(60, 760, "CPNS sebanyak 7 (tujuh) orang, terdiri dari :")
    for k, (name, gol, n) in enumerate([("Penata Muda", "III/a", "4"), ("Pengatur Tingkat", "II/a", "3")]):
        for x, text in [(70, name), (200, gol), (260, n), (300, "Orang")]:
            c.drawString(x, 742 - 17 * k, text)
    for k, words in enumerate([["Jumlah", "pejabat", "struktural", "sebanyak", "17"],
                               ["orang,", "masing-masing", "satu", "orang"],
                               ["eselon", "II,", "5", "orang", "eselon", "III"]]):
        x = 60.0
        gap = (300 - sum(c.stringWidth(w, "Helvetica", 10) for w in words)) / (len(words) - 1)
        for w in words:
            c.drawString(x, 690 - 13 * k, w)
            x += c.stringWidth(w, "Helvetica", 10) + gap
    c.showPage()
    c.save()
    page = load_pdf(path, use_cache=False).pages[0]
    (table,) = page.tables
    assert _cells(table) == [["Penata Muda", "III/a", "4", "Orang"], ["Pengatur Tingkat", "II/a", "3", "Orang"]]
    texts = [" ".join(line.text.split()) for line in page.lines]
    assert "Jumlah pejabat struktural sebanyak 17" in texts
    assert "orang, masing-masing satu orang" in texts


def test_borderless_two_row_header_keeps_both_rows(tmp_path: Path) -> None:
    header = [["No", "Unit Kerja", "2022", "", "2023", ""],
              ["", "", "Target", "Realisasi", "Target", "Realisasi"]]
    path = write_pdf(tmp_path / "borderless_header.pdf", PdfDocument(blocks=[
        Para("Tabel 2.3 Jumlah Pegawai"),
        Grid(rows=header + BODY, ruled=False, header_rows=2, spans=SPANS, col_widths=WIDTHS)]))
    (table,) = _tables(path)
    assert _cells(table) == header + BODY


def test_borderless_header_at_the_foot_of_a_page_joins_its_row_on_the_next(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(60, 760, "Tabel 3.44 Keadaan PNS berdasarkan usia tahun 2024")
    header, row = ["Tahun", "19-25", "26-30", "31-35"], ["2024", "28", "374", "753"]
    for k, text in enumerate(header):
        c.drawString(60 + 90 * k, 60, text)
    c.showPage()
    c.setFont("Helvetica", 10)
    for k, text in enumerate(row):
        c.drawString(60 + 90 * k, 780, text)
    c.drawString(60, 740, "Pada tabel di atas, PNS terbanyak berada pada kelompok usia 31 sampai 35 tahun.")
    c.showPage()
    c.save()
    doc = load_pdf(path, use_cache=False)
    (table,) = [t for p in doc.pages for t in p.tables]
    assert _cells(table) == [header, row]
    assert [r.page for r in table.rows] == [1, 2]


def test_borderless_row_with_a_label_wrapped_over_many_lines_keeps_the_table_whole(tmp_path: Path) -> None:
    rows = [["No", "Indikator", "2019", "2020", "2021"],
            ["1", "Persentase Pejabat ASN yang telah mengikuti pendidikan dan pelatihan struktural", "7,16", "2,37",
             "2,27"],
            ["2", "Jumlah Jabatan Pimpinan Tinggi", "28", "27", "28"],
            ["3", "Jumlah Jabatan Administrasi", "789", "1409", "1541"]]
    path = write_pdf(tmp_path / "tall_row.pdf", PdfDocument(blocks=[
        Grid(rows=rows, ruled=False, col_widths=[30, 70, 60, 60, 60])]))
    (table,) = _tables(path)
    assert _cells(table) == rows


def test_borderless_label_wrapped_over_more_lines_than_a_bridge_keeps_the_rows_below(tmp_path: Path) -> None:
    # A column a word wide: the second row's indicator wraps over more lines holding nothing else than a
    # table is bridged over between two rows elsewhere.
    rows = [["No", "Indikator", "2021", "2022"],
            ["1", "Jumlah ASN", "28", "27"],
            ["2", "Persentase Jabatan Struktural dan Fungsional yang terisi sesuai syarat jabatan dan kompetensi"
             " pada tahun berjalan", "93", "90"],
            ["3", "Jumlah Jabatan Administrasi", "789", "1409"]]
    path = write_pdf(tmp_path / "narrow_label.pdf", PdfDocument(blocks=[
        Grid(rows=rows, ruled=False, col_widths=[30, 62, 60, 60])]))
    (table,) = _tables(path)
    assert _cells(table) == rows


def test_borderless_number_wrapped_mid_digits_is_one_number_again(tmp_path: Path) -> None:
    rows = [["No", "Indikator", "Target", "%"],
            ["1", "Jumlah ASN yang diproses pindah tugas", "245", "83,67"],
            ["2", "Jumlah ASN yang diproses pensiun", "638", "100,00"],
            ["3", "Tahun dan jumlah", "2019 2020", "12"]]
    path = write_pdf(tmp_path / "narrow_number.pdf", PdfDocument(blocks=[
        Grid(rows=rows, ruled=False, col_widths=[30, 200, 60, 30])]))
    (table,) = _tables(path)
    # "83,6" / "7" and "100,0" / "0" did not fit their column; "2019" / "2020" wrapped at a space.
    assert [r[3] for r in _cells(table)] == ["%", "83,67", "100,00", "12"]
    assert _cells(table)[3][2] == "2019 2020"


def test_borderless_header_whose_last_cells_are_blank_joins_its_rows_on_the_next_page(tmp_path: Path) -> None:
    path = tmp_path / "header_foot.pdf"
    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    c.setFont("Helvetica", 9)
    c.drawString(60, 540, "Tabel 2.1 Realisasi Renja Tahun 2021")
    header = ["Kode", "Indikator", "Target 2021", "Realisasi 2021"]
    xs = [60, 120, 330, 420, 510, 600]
    for x, text in zip(xs, header, strict=False):
        c.drawString(x, 60, text)
    c.showPage()
    c.setFont("Helvetica", 9)
    body = [["1.01", "Jumlah ASN yang ditempatkan", "40", "33", "82,50", "40"],
            ["1.02", "Jumlah ASN yang diproses pensiun", "250", "218", "87,20", "-"]]
    for n, row in enumerate(body):
        for x, text in zip(xs, row, strict=True):
            c.drawString(x, 560 - 14 * n, text)
    c.showPage()
    c.save()
    doc = load_pdf(path, use_cache=False)
    (table,) = [t for p in doc.pages for t in p.tables]
    # The two columns right of the header's last cell become columns of the one table.
    assert _cells(table) == [header + ["", ""], *body]
    assert [r.page for r in table.rows] == [1, 2, 2]


# --- the real published PDFs of the corpus: their personnel tables as printed ---------------------

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="needs ../shared/corpus/real")


@functools.cache
def _real(name: str) -> Document:
    return load_pdf(REAL / name, use_cache=False)


def _page_tables(name: str, page: int) -> list[list[list[str]]]:
    return [_cells(t) for t in _real(name).pages[page - 1].tables]


@needs_real
def test_disnakertrans_p45_education_by_unit_as_printed() -> None:
    """A spreadsheet export: shaded header cells, the five units' rows stacked in one ruled cell."""
    (table,) = _page_tables("jabar_disnakertrans_lkip_2016.pdf", 45)
    assert table[:2] == [
        ["NO", "UNIT KERJA", "JENIS PENDIDIKAN", "", "", "", "", "", "", "", "JENIS KELAMIN", "", ""],
        ["", "", "S3", "S2", "S1", "Dipl", "SLTA", "SLTP", "SD", "Jumlah", "PRIA", "WANITA", "Jumlah"]]
    body = [r for r in table[2:] if r[1]]  # the spreadsheet's stray zeros of blank rows have no label
    assert body == [
        ["1", "Dinas Tenaga Kerja dan Transmigrasi Provinsi Jawa Barat",
         "1", "21", "20", "5", "42", "4", "6", "99", "65", "34", "99"],
        ["", "- Fungsional Angka Kredit", "0", "1", "13", "1", "2", "0", "0", "17", "10", "7", "17"],
        ["2", "Balai Pelatihan Ketenagakerjaan Bekasi", "0", "3", "3", "4", "11", "0", "0", "21", "11", "10", "21"],
        ["", "- Fungsional Angka Kredit", "0", "0", "11", "5", "3", "0", "0", "19", "18", "1", "19"],
        ["3", "Balai Pelatihan Ketenagakerjaan Luar Negeri", "0", "2", "2", "5", "9", "0", "0", "18", "7", "11", "18"],
        ["4", "Balai Pelatihan Ketransmigrasi dan Kewirausahaan",
         "0", "0", "6", "0", "3", "0", "1", "10", "5", "5", "10"],
        ["5", "Balai Pelayanan TKI Terpadu", "0", "2", "1", "0", "2", "1", "1", "7", "4", "3", "7"],
    ]
    assert table[-1] == ["Jumlah", "", "1", "29", "56", "20", "72", "5", "8", "191", "120", "71", "191"]


@needs_real
def test_bkpp_pp17_19_golongan_eselon_education_as_printed() -> None:
    (golongan,) = _page_tables("jabar_bkpp_wil2_renstra_2013-2018.pdf", 17)
    assert golongan[0] == ["NO.", "GOLONGAN", "JUMLAH"]
    assert golongan[4] == ["4.", "Pembina / Iva", "6 Orang"]
    assert golongan[-1] == ["", "JUMLAH", "46 orang"]
    status, eselon = _page_tables("jabar_bkpp_wil2_renstra_2013-2018.pdf", 18)
    assert status[1:] == [["1.", "PNS", "46 orang"], ["2.", "CPNS", "orang"]]
    assert eselon == [["NO.", "ESELON", "JUMLAH"], ["1.", "Eselon II", "1 Orang"], ["2.", "Eselon III", "5 Orang"],
                      ["3.", "Eselon IV", "10 Orang"], ["4.", "Fungsional Umum", "29 Orang"],
                      ["5.", "Fungsional Khusus", "1 Orang"]]
    education = _page_tables("jabar_bkpp_wil2_renstra_2013-2018.pdf", 19)[0]
    assert education[1:] == [["1.", "S – 3", ""], ["2.", "S – 2", "10 Orang"], ["3.", "S – 1", "13 Orang"],
                             ["4.", "D – 3/Sarmud", ""], ["5.", "SLTA", "19 Orang"], ["6.", "SMP", "1 Orang"],
                             ["7", "SD", "3 Orang"]]


@needs_real
def test_bpbd_p39_golongan_bullets_stay_lines() -> None:
    lines = [" ".join(line.text.split()) for line in _real("jabar_bpbd_lkip_2016.pdf").pages[38].lines]
    for item in ["- Golongan IV = 10 (sepuluh) orang", "- Golongan III = 36 (tiga puluh empat) orang",
                 "- Golongan II = 17 (tujuh belas) orang", "- Golongan I = 1 (satu) orang"]:
        assert item in lines


def test_a_page_whose_table_cannot_be_assembled_keeps_its_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors.documents import pdf_loader

    path = write_pdf(tmp_path / "fault.pdf", PdfDocument(blocks=[
        Para("Tabel 2.1 Jumlah Pegawai"), Grid(rows=HEADER + BODY, header_rows=2, spans=SPANS, col_widths=WIDTHS)]))

    def broken(*args, **kwargs):
        raise ValueError("could not convert string to float: '1011.080.000'")

    monkeypatch.setattr(pdf_loader, "_cells_from_lattice", broken)
    doc = load_pdf(path, use_cache=False)
    text = doc.text()
    assert "Tabel 2.1 Jumlah Pegawai" in text and "Bidang Mutasi dan Promosi" in text
    assert not doc.pages[0].tables
