"""OCR repair keyed on what a column holds (issue 14), on columns as Tesseract read them from the scans
of tests/scans.py: (text, sure) per row, sure meaning at or above the confidence a table cell needs."""

from __future__ import annotations

from extractors.documents.ocr_repair import distrust_decimals, repair_series, repair_table

# Page 2 of the scanned Seluma profile, golongan column, top to bottom (confidences 73, 89, 88, 89, 61,
# 14, 42, 79, 41, 76, 49, 92, 58, 77, 91: the unsure ones are False).
SELUMA_GOLONGAN = [("golongan", True), ("Ib", True), ("Ic", True), ("Id", True), ("IIa", True), ("IIb", True),
                   ("Ic", False), ("Id", False), ("IIIa", True), ("Hb", False), ("Wc", True), ("id", False),
                   ("IVa", True), ("IVb", False), ("IVc", True), ("IVd", True)]


def test_golongan_gaps_are_filled_from_the_series_between_sure_codes() -> None:
    fixed = dict(repair_series(SELUMA_GOLONGAN))
    assert fixed == {6: "IIc", 7: "IId", 9: "IIIb", 10: "IIIc", 11: "IIId", 13: "IVb"}


def test_a_code_read_confidently_wrong_is_repaired_or_distrusted() -> None:
    # The same page scanned the other way up the glass: IIc comes back as a sure `Ic` (confidence 62),
    # which would file 65 employees under I/c. The series puts it between IIb and IId.
    column = [("golongan", True), ("Ib", True), ("Ic", True), ("Id", True), ("IIa", True), ("lb", False),
              ("Ic", True), ("Ild", False), ("IIIa", True), ("Wib", False), ("Wc", False), ("id", False),
              ("IVa", True), ("IVb", False), ("IVc", True), ("IVd", True)]
    fixed = dict(repair_series(column))
    assert fixed == {5: "IIb", 6: "IIc", 7: "IId", 9: "IIIb", 10: "IIIc", 11: "IIId", 13: "IVb"}
    # Where the gap around it cannot be filled, the contradicted code is not trusted either.
    column[5] = ("Jumlah", True)
    assert dict(repair_series(column))[6] is None


def test_a_table_continued_from_the_previous_page_is_filled_up_to_its_first_sure_code() -> None:
    # Page 3: the rest of a table begun on page 2; its first rows have no sure code above them.
    column = [("Ilb", False), ("Hc", False), ("lld", False), ("IIIa", True), ("Mb", False), ("Mc", True),
              ("ld", False), ("IVa", True), ("IVb", True), ("IVc", True), ("IVd", True)]
    assert dict(repair_series(column)) == {0: "IIb", 1: "IIc", 2: "IId", 4: "IIIb", 5: "IIIc", 6: "IIId"}


def test_a_descending_column_and_education_levels() -> None:
    descending = [("IVd", True), ("Vc", False), ("IVb", True), ("IVa", True)]
    assert repair_series(descending) == [(1, "IVc")]
    diploma = [("SD", True), ("SMA", True), ("DI", True), ("Dil", False), ("Dili", False), ("DIV", True)]
    assert dict(repair_series(diploma)) == {3: "DII", 4: "DIII"}


def test_no_repair_where_the_column_leaves_more_than_one_reading() -> None:
    # The gap holds fewer rows than codes between its neighbours: which one is missing is unknown.
    assert repair_series([("IIIa", True), ("Hc", False), ("IVa", True), ("IVb", True)]) == []
    # A letter that was read disagrees with the series.
    assert repair_series([("IIIa", True), ("Hb", False), ("Hb", False), ("IIId", True), ("IVa", True)]) == []
    # Sure codes out of order (a table listing golongan by count, not by rank): no series to lean on.
    assert repair_series([("IIIb", True), ("IIa", True), ("lc", False), ("IVa", True)]) == []
    # A row that is not a code at all (a sub-total) in the gap.
    assert repair_series([("IIa", True), ("Jumlah", True), ("IIc", True), ("IId", True)]) == []
    # Not a series column: names.
    assert repair_series([("Struktural", True), ("Umum", False), ("Tertentu", True)]) == []


def test_a_decimal_column_does_not_trust_its_lone_integer() -> None:
    # Percentages from the Seluma page 1 scan; `7063` stands for a `70.63` that lost its point.
    column = [("persentase", True), ("0.12", True), ("0.27", True), ("7.97", True), ("0.18", True),
              ("7063", True), ("7.83", True)]
    assert distrust_decimals(column) == [(5, None)]
    # Whole numbers are at home in a column that has several; thousands (`1.234`) are not decimals.
    assert distrust_decimals([("0.12", True), ("0.27", True), ("7.97", True), ("0.18", True), ("12", True),
                              ("40", True)]) == []
    assert distrust_decimals([("1.234", True), ("2.345", True), ("3.456", True), ("4.567", True),
                              ("5678", True)]) == []


def test_repair_table_names_rows_and_columns() -> None:
    cells = [["No", "Golongan", "Jumlah"], ["1", "Penata Muda IIIa", "4"], ["2", "Penata Muda Tk. I Hb", "7"],
             ["3", "Penata IIIc", "1"], ["4", "Penata Tk. I IIId", "6"]]
    unsure = {"Hb"}

    def last(cell: str):
        tok = cell.split()[-1]
        return tok, tok not in unsure

    fixes = repair_table(cells, last)
    assert [(f.row, f.col, f.text, f.was) for f in fixes if not f.anchor] == [(2, 1, "IIIb", "Hb")]
    # The sure codes the repair leans on are named too: unsure words beside them do not count.
    assert sorted(f.row for f in fixes if f.anchor) == [1, 3, 4]


def test_a_header_row_of_golongan_is_a_series_too() -> None:
    """Table 3.38 of the scanned Banten LKIP: golongan ruang across the header, counts below. II/c and II/d
    come back as a sure `IVc` and `IVd`, which would file 291 and 143 employees under IV/c and IV/d."""
    header = ["", "Va", "Vb", "Vc", "Ud", "Iva", "I/b", "IVc", "IVd", "Ia", "IL", "Ic", "Id", "IV/a", "IV/b",
              "IV/c", "IV/d", "IV/e"]
    unsure = {4, 5, 6, 9, 10, 11, 12, 16}
    cells = [header, ["Tahun 2024", "0", "0", "12", "2", "77", "6", "291", "143", "2514", "887", "778", "3080",
                      "1254", "1459", "157", "29", "3"]]

    def last(cell: str):
        col = header.index(cell) if cell in header else -1
        return cell.split()[-1], col not in unsure

    fixes = {(f.row, f.col): f.text for f in repair_table(cells, last) if not f.anchor}
    # IV/a sits 12 cells in, as many as the series has codes before it, and every ruang letter read
    # (all but `IL`'s) agrees: the cells before it are I/a ... III/d, the sure `IVc`/`IVd` included.
    assert [fixes[(0, c)] for c in range(1, 13)] == ["Ia", "Ib", "Ic", "Id", "IIa", "IIb", "IIc", "IId",
                                                     "IIIa", "IIIb", "IIIc", "IIId"]
    assert fixes[(0, 16)] == "IVd"
    # One cell fewer before IV/a and the count no longer says which code each is: the contradicted
    # sure codes are distrusted instead.
    short = [header[:1] + header[2:], cells[1][:1] + cells[1][2:]]
    fixes = {(f.row, f.col): f.text for f in repair_table(short, last) if not f.anchor}
    assert fixes[(0, 6)] is None and fixes[(0, 7)] is None


def _sure(cell: str) -> tuple[str, bool] | None:
    tokens = cell.split()
    return (tokens[-1], True) if tokens else None


# A capaian table as Tesseract reads its `%` at confidences 72-90 (what the table printed: 100%, 20%, 95%).
PERCENT_ROWS = [["No", "Indikator", "Target", "Realisasi", "Capaian (%)"],
                ["1", "Persentase ASN yang mengikuti diklat", "80%", "80%", "10076"],
                ["2", "Persentase pegawai naik pangkat tepat waktu", "90%", "18%", "2076"],
                ["3", "Persentase layanan selesai tepat waktu", "80%", "76%", "95%"]]


def test_percent_read_as_76_is_repaired_where_the_column_writes_percent() -> None:
    fixes = {(f.row, f.col): f.text for f in repair_table(PERCENT_ROWS, _sure)}
    # 10076 is far over 100 and its column's other cells carry `%`: it can only be 100%. 2076 likewise.
    assert fixes[(1, 4)] == "100%" and fixes[(2, 4)] == "20%"
    # A plausible 76% (Realisasi of row 3) and every other cell are left as read.
    assert set(fixes) == {(1, 4), (2, 4)}


def test_percent_read_as_76_without_column_evidence_is_unresolved() -> None:
    rows = [["Indikator", "Capaian"], ["Indeks Profesionalitas ASN", "10076"], ["Indeks Kepuasan", "88,5"],
            ["Tingkat Kehadiran", "97"]]
    fixes = {(f.row, f.col): f.text for f in repair_table(rows, _sure)}
    assert fixes == {(1, 1): None}  # no sibling printed with `%`: 100 or 10076, the column cannot say
    # A number ending so in a column of counts is no percentage and stays.
    counts = [["Unit Kerja", "Jumlah Pegawai"], ["Sekretariat", "2076"], ["Bidang Mutasi", "45"]]
    assert repair_table(counts, _sure) == []


def test_percent_read_as_letters_is_a_percent_in_a_percentage_line() -> None:
    rows = [["Indikator", "Target", "Realisasi"], ["Persentase ASN yang mengikuti diklat", "90Yo", "18Yo"]]
    fixes = {(f.row, f.col): f.text for f in repair_table(rows, _sure)}
    assert fixes == {(1, 1): "90%", (1, 2): "18%"}


def test_golongan_header_with_a_lost_numeral_is_filled_between_sure_ones() -> None:
    """Bekasi's staff table scanned: `Golongan` over `I | (nothing read) | (unsure) | IV`, counts below."""
    cells = [["No", "Unit Kerja", "Golongan", "", "", "", "Jumlah"],
             ["", "", "I", "", "?III", "IV", ""],
             ["2", "Sekretariat", "-", "2", "10", "3", "15"],
             ["3", "Bidang Administrasi", "-", "-", "12", "5", "17"]]

    def last(cell: str):
        tok = cell.split()[-1]
        return tok.lstrip("?"), not tok.startswith("?")

    fixes = {(f.row, f.col): f.text for f in repair_table(cells, last) if not f.anchor}
    assert fixes == {(1, 3): "II", (1, 4): "III"}
    # Down a column a blank between two numerals is a row without a code (a wrapped label): left alone.
    column = [["I"], [""], ["?III"], ["IV"]]
    assert {(f.row, f.col): f.text for f in repair_table(column, last) if not f.anchor} == {}
    # What the scan really gave for III: `NI` at confidence 19, strokes run together; a word of other
    # letters between the same numerals is no numeral, and the header is left unfilled.
    for read, want in (("?NI", {(1, 3): "II", (1, 4): "III"}), ("?Ab", {})):
        header = [row[:] for row in cells]
        header[1][4] = read
        assert {(f.row, f.col): f.text for f in repair_table(header, last) if not f.anchor} == want, read


def test_hundred_percent_misread_is_unresolved_in_any_column() -> None:
    """Bekasi's renstra scanned: `100%` under a plan's `Target` came back as a sure `10096` beside unread
    cells, and was filed as a budget of Rp 10.096."""
    rows = [["Program/Kegiatan", "Target", "Rp", "Target", "Rp"],
            ["OPTIMALISASI PENINGKATAN SARANA DAN PRASARANA APARATUR", "", "", "10096", ""]]
    assert {(f.row, f.col): f.text for f in repair_table(rows, _sure)} == {(1, 3): None}
