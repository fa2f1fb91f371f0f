"""Rekap workbooks (aggregates by golongan per unit) are documents; employee exports are not."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from extractors.documents.api import extract_document, load_document, spreadsheet_kind, spreadsheet_kind_of
from extractors.documents.model import Table, TextLine
from extractors.documents.xlsx_loader import cell_text
from extractors.errors import UnreadableFileError

REKAP = [
    ["REKAPITULASI PNS MENURUT GOLONGAN PER UNIT KERJA KEADAAN 31 DESEMBER 2023"],
    ["PEMERINTAH KOTA CONTOH"],
    [],
    ["No", "Unit Kerja", "I", "II", "III", "IV", "Jumlah"],
    [1, "Sekretariat Daerah", 2, 10, 25, 8, 45],
    [2, "Dinas Pendidikan", 0, 30, 400, 120, 550],
    [3, "Dinas Kesehatan", 1, 40, 150, 20, 211],
    [None, "Jumlah", 3, 80, 575, 148, 806],
]
EXPORT = [
    ["NIP BARU", "NAMA", "GOL AKHIR NAMA", "TINGKAT PENDIDIKAN NAMA", "UNOR NAMA"],
    ["198501012010011001", "Contoh Satu", "III/a", "S1", "Dinas Pendidikan"],
    ["198602022011012002", "Contoh Dua", "III/b", "S2", "Dinas Kesehatan"],
]


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def test_a_rekap_is_told_from_an_employee_export() -> None:
    assert spreadsheet_kind(REKAP) == "rekap"
    assert spreadsheet_kind(EXPORT) == "employee_export"
    # No header at all, but NIPs in the cells: still people, not aggregates.
    assert spreadsheet_kind([r[:1] + r[2:] for r in EXPORT[1:]] * 2) == "employee_export"
    assert spreadsheet_kind([["Catatan rapat"], ["Hadir semua"]]) == "unknown"


def test_rekap_workbook_loads_as_a_document_with_its_title(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "rekap golongan 2023.xlsx", {"Rekap Golongan": REKAP})
    assert spreadsheet_kind_of(path) == "rekap"
    doc = load_document(path)
    (page,) = doc.pages
    lines = [i.text for i in page.items if isinstance(i, TextLine)]
    assert lines == ["Rekap Golongan",
                     "REKAPITULASI PNS MENURUT GOLONGAN PER UNIT KERJA KEADAAN 31 DESEMBER 2023 PEMERINTAH KOTA CONTOH"]
    (table,) = [i for i in page.items if isinstance(i, Table)]
    assert table.rows[0].cells == ["No", "Unit Kerja", "I", "II", "III", "IV", "Jumlah"]
    assert table.rows[2].cells == ["2", "Dinas Pendidikan", "0", "30", "400", "120", "550"]
    assert {r.page for r in table.rows} == {1}


def test_rekap_workbook_gives_headcounts_through_the_interpreter(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "rekap.xlsx", {"Rekap Golongan": REKAP})
    facts = extract_document(path).facts
    got = {(tuple(sorted(f.dimension.items())), f.value) for f in facts if f.metric == "asn_headcount"}
    assert ((("golongan", "III"), ("unit_kerja", "Dinas Pendidikan")), 400) in got
    assert all(f.page == 1 and f.line is None for f in facts)


def test_employee_export_is_refused_as_a_document_with_the_reason(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "export.xlsx", {"Data": EXPORT})
    with pytest.raises(UnreadableFileError) as err:
        load_document(path)
    assert err.value.reason_code == "not_a_document" and "SIMPEG" in err.value.reason


def test_damaged_workbook_is_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableFileError) as err:
        load_document(path)
    assert err.value.reason_code == "corrupt"


def test_cell_values_print_so_the_number_parser_reads_them_right() -> None:
    assert cell_text(3.003) == "3.0030"  # not three thousand and three
    assert cell_text(1234.0) == "1234" and cell_text(2514) == "2514"
    assert cell_text(0.85) == "0.85"
    assert cell_text(None) == ""
