"""Tables in text renderings: HTML fragments with spans, pipe tables, tab rows, and big fragments."""

from __future__ import annotations

from pathlib import Path

from bench.text_tables import html_table
from extractors.documents.model import Table, TextLine
from extractors.documents.text_loader import load_text


def _load(tmp_path: Path, text: str):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return load_text(path)


def _rows(table: Table) -> list[tuple[int | None, list[str]]]:
    return [(r.line, r.cells) for r in table.rows]


def test_rowspan_and_colspan_keep_every_cell_under_its_header(tmp_path: Path) -> None:
    doc = _load(tmp_path, (
        "Tabel 1 Jumlah PNS\n"
        "<table>\n"
        '<tr><th rowspan="2">No</th><th rowspan="2">Unit</th><th colspan="2">2023</th><th>Jml</th></tr>\n'
        "<tr><th>L</th><th>P</th><th></th></tr>\n"
        "<tr><td>1</td><td rowspan=2>Sekretariat</td><td>3</td><td>4</td><td>7</td></tr>\n"
        "<tr><td>2</td><td>5</td><td>6</td><td>11</td>\n"  # no </tr>: the next <tr> closes it
        "<tr><td>3<td>Bidang<td>1<td>1<td>2\n"  # no </td> either
        "</table>\n"
        "Sumber: BKPSDM\n"
    ))
    items = doc.pages[0].items
    assert isinstance(items[0], TextLine) and isinstance(items[2], TextLine)
    assert _rows(items[1]) == [
        (3, ["No", "Unit", "2023", "", "Jml"]),
        (4, ["", "", "L", "P", ""]),  # L and P under 2023, not under No and Unit
        (5, ["1", "Sekretariat", "3", "4", "7"]),
        (6, ["2", "", "5", "6", "11"]),  # Sekretariat spans down: 5 stays under L
        (7, ["3", "Bidang", "1", "1", "2"]),
    ]


def test_a_span_reaching_past_the_rows_own_cells_is_padded(tmp_path: Path) -> None:
    doc = _load(tmp_path, "<table><tr><td>A</td><td rowspan=3>x</td></tr><tr><td>B</td></tr>"
                          "<tr><td>C</td><td>extra</td></tr></table>\n")
    assert [r.cells for r in doc.pages[0].tables[0].rows] == [["A", "x"], ["B", ""], ["C", "", "extra"]]


def test_damaged_span_attributes_do_not_blow_up_the_grid(tmp_path: Path) -> None:
    doc = _load(tmp_path, '<table><tr><td colspan="x">a</td><td colspan="99999">b</td></tr></table>\n')
    cells = doc.pages[0].tables[0].rows[0].cells
    assert cells[0] == "a" and cells[1] == "b" and len(cells) <= 201


def test_pipe_and_tab_tables(tmp_path: Path) -> None:
    doc = _load(tmp_path, (
        "| Golongan | 2022 | 2023 |\n"
        "|---|---:|---:|\n"
        "| III/a | 1.234 | 1.300 |\n"
        "\n"
        "Teks di antara tabel.\n"
        "Pendidikan\t2022\n"
        "S1\t**45**\n"
    ))
    pipe, line, tab = doc.pages[0].items
    assert _rows(pipe) == [(1, ["Golongan", "2022", "2023"]), (3, ["III/a", "1.234", "1.300"])]
    assert isinstance(line, TextLine) and line.line == 5
    assert _rows(tab) == [(6, ["Pendidikan", "2022"]), (7, ["S1", "45"])]


def test_large_html_fragment_is_parsed_whole_with_its_line_numbers(tmp_path: Path) -> None:
    # 20,000 rows: the old parser re-read the fragment from its start for every line (hours at this size);
    # bench/text_tables.py prints the rows/second figure per size.
    n = 20_000
    doc = _load(tmp_path, "Tabel besar\n" + html_table(n) + "Sumber\n")
    table = doc.pages[0].tables[0]
    assert len(table.rows) == n + 2
    assert table.rows[1].cells == ["", "", "L", "P"]
    last = table.rows[-1]
    # Line 1 the caption, line 2 <table>, lines 3-4 the header rows; body row i opens on line 3 + 2*i
    # (each spans two lines).
    assert last.cells == [str(n), f"Bidang {n}", str(n % 97), str(n % 89)] and last.line == 3 + 2 * n
    assert isinstance(doc.pages[0].items[-1], TextLine) and doc.pages[0].items[-1].text == "Sumber"


# --- tables flattened into a paragraph ---------------------------------------------------------------

_FLAT = ("Berikut keadaan pegawai. Tabel 3.1 Jumlah Pegawai Berdasarkan Pendidikan No. Pendidikan Jumlah "
         "1. 2. 3. 4. 5. S2 S1 Sarjana Muda SMA SD 4 orang 10 orang 2 orang - 1 orang Jumlah {total} orang "
         "Sumber : Subbag Umum. Sebagian besar pegawai berpendidikan S1 yaitu 10 orang.")


def test_flattened_table_is_rebuilt_when_its_total_proves_the_split(tmp_path: Path) -> None:
    doc = _load(tmp_path, "Judul\n" + _FLAT.format(total=17) + "\n")
    items = doc.pages[0].items
    texts = [i.text for i in items if isinstance(i, TextLine)]
    assert texts[1] == "Berikut keadaan pegawai."
    assert texts[2] == "Tabel 3.1 Jumlah Pegawai Berdasarkan Pendidikan"
    assert texts[3].startswith("Sumber : Subbag Umum.")
    (table,) = doc.pages[0].tables
    assert [r.cells for r in table.rows] == [
        ["No.", "Pendidikan", "Jumlah"],
        ["1.", "S2", "4 orang"],
        ["2.", "S1", "10 orang"],
        ["3.", "Sarjana Muda", "2 orang"],  # one category of two words, not "S1 Sarjana" + "Muda"
        ["4.", "SMA", "-"],
        ["5.", "SD", "1 orang"],
        ["", "Jumlah", "17 orang"],
    ]
    assert {r.line for r in table.rows} == {2}


def test_flattened_table_that_does_not_add_up_stays_prose(tmp_path: Path) -> None:
    doc = _load(tmp_path, _FLAT.format(total=18) + "\n")
    assert doc.pages[0].tables == []
    assert len(doc.pages[0].lines) == 1


def test_label_split_needs_one_best_reading() -> None:
    from extractors.documents.text_flattened import split_labels

    words = "Golongan IVc Golongan IVb Golongan IIIa Honorer".split()
    assert split_labels(words, 4) == ["Golongan IVc", "Golongan IVb", "Golongan IIIa", "Honorer"]
    # Unit names the vocabularies do not know: three words into two labels has two equal readings.
    assert split_labels(["Bagian", "Umum", "Keuangan"], 2) is None
    assert split_labels(["Umum", "Keuangan"], 2) == ["Umum", "Keuangan"]


def test_flattened_table_in_a_pdf_paragraph_is_rebuilt(tmp_path: Path, monkeypatch) -> None:
    """The same paragraph printed in a real PDF, where it wraps over many text lines."""
    from extractors.documents.api import extract_document
    from samples.pdf_writer import Para, PdfDocument, write_pdf

    monkeypatch.setenv("ASNWH_CACHE_DIR", str(tmp_path / "cache"))  # never the user's extraction cache
    pdf = write_pdf(tmp_path / "flat.pdf", PdfDocument(blocks=[Para("Keadaan Pegawai Tahun 2021"),
                                                                Para(_FLAT.format(total=17))], title="flat"))
    result = extract_document(pdf)
    got = {(tuple(sorted(f.dimension.items())), f.value) for f in result.facts if f.dimension}
    assert {((("pendidikan", "S2"),), 4), ((("pendidikan", "S1"),), 10), ((("pendidikan", "SD"),), 1)} <= got
    assert all(f.page == 1 for f in result.facts)


def test_text_around_a_table_on_its_own_lines_is_kept(tmp_path: Path) -> None:
    doc = _load(tmp_path, "Tabel 2 Pegawai <table><tr><td>S1</td><td>4</td></tr></table> Sumber: BKD\n")
    items = doc.pages[0].items
    assert [type(i).__name__ for i in items] == ["TextLine", "Table", "TextLine"]
    assert items[0].text == "Tabel 2 Pegawai" and items[2].text == "Sumber: BKD"
    assert items[1].rows[0].cells == ["S1", "4"] and {i.line for i in items} == {1}


def test_pdf_rebuild_keeps_the_lines_above_the_table_as_printed() -> None:
    from extractors.documents.model import Document, Page
    from extractors.documents.text_flattened import rebuild_in_pages

    flat = _FLAT.format(total=17)
    cut = flat.index("Pendidikan No.")
    lines = ["Keadaan Pegawai Tahun 2021", flat[:cut].strip(), flat[cut:]]
    doc = Document(source="x.pdf", kind="pdf", pages=[Page(number=3, items=[TextLine(t, page=3) for t in lines])])
    assert rebuild_in_pages(doc) == 1
    texts = [i.text if isinstance(i, TextLine) else "<table>" for i in doc.pages[0].items]
    # The heading stays a line of its own (a table's context reads its year there); only the line the
    # table starts in is cut.
    assert texts[:4] == ["Keadaan Pegawai Tahun 2021", "Berikut keadaan pegawai.",
                         "Tabel 3.1 Jumlah Pegawai Berdasarkan Pendidikan", "<table>"]
