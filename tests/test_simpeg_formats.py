"""Encodings, delimiters, quoting, header spellings, XLSX cells and whole-file failures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pytest

from extractors.errors import UnreadableFileError
from warehouse.simpeg_load import load_export

KEY = b"k" * 32
HEADER = ["NIP", "Nama", "TglHr", "Jenis Kelamin", "Golongan_Ruang", "Tingkat Pendidikan", "Unit Kerja",
          "Instansi", "Catatan Khusus"]
ROWS = [
    ["198609262015051001", "Andi Ma’ruf", "1986-09-26", "L", "III/a", "S1", "Sub Bagian Umum – Kepegawaian",
     "Pemerintah Kabupaten Lebak", "café; “kutip”"],
    ["199001012019032002", "Siti, S.Pd", "1990-01-01", "P", "III/b", "S2", "Dinas Pendidikan",
     "Pemerintah Kabupaten Lebak", ""],
]


def _csv(path: Path, delimiter: str, encoding: str, quote_all: bool, bom: bool = False) -> Path:
    def cell(value: str) -> str:
        if quote_all or delimiter in value or '"' in value or "," in value:
            return '"' + value.replace('"', '""') + '"'
        return value
    lines = [delimiter.join(cell(v) for v in row) for row in [HEADER, *ROWS]]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


@pytest.mark.parametrize(("delimiter", "encoding", "quote_all", "bom"), [
    (",", "utf-8", True, False), (",", "utf-8", False, True), (";", "cp1252", False, False),
    (";", "cp1252", True, False), ("\t", "utf-8", False, False), (";", "utf-8", False, False),
])
def test_csv_variants_read_the_same(tmp_path: Path, delimiter: str, encoding: str, quote_all: bool,
                                    bom: bool) -> None:
    path = _csv(tmp_path / "simpeg_kab_lebak_2024-06-30.csv", delimiter, encoding, quote_all, bom)
    con = duckdb.connect(str(tmp_path / "wh44.duckdb"))
    report = load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert (report.rows_in, report.rows_loaded, report.rows_quarantined) == (2, 2, 0)
    assert report.region_name == "Kabupaten Lebak" and report.as_of_date == dt.date(2024, 6, 30)
    rows = con.execute("SELECT unit_kerja, golongan_ruang, pendidikan, jenis_kelamin, nama, extra "
                       "FROM raw.simpeg_employees ORDER BY row_number").fetchall()
    assert rows[0][:4] == ("Sub Bagian Umum – Kepegawaian", "III/a", "S1", "Laki-laki")
    # Names and columns the pipeline does not use stay in the source file.
    assert all(r[4] is None and r[5] is None for r in rows)


def test_late_windows_1252_bytes_after_a_utf8_looking_start(tmp_path: Path) -> None:
    path = tmp_path / "simpeg_kota_serang_2024-12-31.csv"
    filler = [f"19860926201505{1 + i % 2}{i % 900 + 1:03d};X;;{'L' if i % 2 == 0 else 'P'};III/a;S1;X"
              for i in range(40_000)]
    text = "nip;nama;tglhr;jenis_kelamin;golongan_ruang;tingkat_pendidikan;unit_kerja\n" + "\n".join(filler)
    text += "\n198609262015051999;Andi;1986-09-26;L;III/a;S1;Bagian Ma’ruf\n"
    path.write_bytes(text.encode("cp1252"))
    con = duckdb.connect(str(tmp_path / "wh62.duckdb"))
    report = load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert report.rows_in == 40_001
    got = con.execute("SELECT count(*) FROM raw.simpeg_employees WHERE unit_kerja = 'Bagian Ma’ruf'")
    assert got.fetchone()[0] == 1


def test_header_matching_ignores_case_space_and_underscore(tmp_path: Path) -> None:
    path = tmp_path / "export_kota_bekasi_20231231.csv"
    path.write_text("nip_baru,TANGGAL_LAHIR,jenisKelamin,gol akhir nama,TINGKAT_PENDIDIKAN_NAMA,instansi_kerja_nama\n"
                    "198609262015052001,26-09-1986,F,III/c,S-2,Pemerintah Kota Bekasi\n")
    con = duckdb.connect(str(tmp_path / "wh73.duckdb"))
    report = load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert report.rows_loaded == 1 and report.region_name == "Kota Bekasi"
    assert con.execute("SELECT golongan_ruang, pendidikan, jenis_kelamin FROM raw.simpeg_employees").fetchone() == (
        "III/c", "S2", "Perempuan")


def test_missing_required_column_fails_the_file_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "simpeg_kota_serang_2024-12-31.csv"
    path.write_text("nip;nama;tingkat_pendidikan\n198609262015051001;Andi;S1\n")
    con = duckdb.connect(str(tmp_path / "wh83.duckdb"))
    with pytest.raises(UnreadableFileError) as err:
        load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert err.value.reason_code == "missing_column"
    assert "simpeg_kota_serang_2024-12-31.csv" in str(err.value) and "golongan" in str(err.value)
    audit = con.execute("SELECT status, reason, rows_loaded FROM audit.file_loads").fetchall()
    assert audit[0][0] == "failed" and audit[0][1].startswith("missing_column") and audit[0][2] == 0
    assert con.execute("SELECT count(*) FROM raw.simpeg_employees").fetchone()[0] == 0


@pytest.mark.parametrize(("name", "content"), [
    ("broken.xlsx", b"PK\x03\x04 not really a zip"), ("empty.csv", b""), ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00"),
    ("notes.pdf", b"%PDF-1.7"), ("header_only_2024-12-31.csv", b"nip;golongan_ruang;tingkat_pendidikan\n"),
])
def test_unreadable_files_are_reported_not_raised_blindly(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    con = duckdb.connect(str(tmp_path / "wh100.duckdb"))
    with pytest.raises(UnreadableFileError):
        load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert con.execute("SELECT status FROM audit.file_loads WHERE file = ?", [name]).fetchone() == ("failed",)


def test_malformed_csv_line_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "simpeg_kota_serang_2024-12-31.csv"
    path.write_text("nip;golongan_ruang;tingkat_pendidikan\n198609262015051001;III/a;S1\n"
                    "198609262015051002;III/a;S1;surplus;cells\n198609262015051003;III/b;S2\n")
    con = duckdb.connect(str(tmp_path / "wh110.duckdb"))
    report = load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert (report.rows_in, report.rows_loaded, report.rows_quarantined) == (3, 2, 1)
    assert con.execute("SELECT record, reason_code FROM audit.quarantine").fetchall() == [("line 3", "malformed_row")]


def test_xlsx_with_date_cells_numbers_and_pppk(tmp_path: Path) -> None:
    path = tmp_path / "simpeg_provinsi_banten.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nip", "tglhr", "idjenkel", "status_pegawai", "golongan_ruang", "idtkpendid", "idjenjab",
               "instansi", "tanggal_data"])
    ws.append(["198609262015051001", dt.datetime(1986, 9, 26), 1, "PNS", 31, 40, 2, "Pemerintah Provinsi Banten",
               dt.datetime(2025, 6, 30)])
    ws.append(["200012312024212001", dt.datetime(2000, 12, 31), 2, "PPPK", "IX", 40, 4, "Pemerintah Provinsi Banten",
               dt.datetime(2025, 6, 30)])
    ws.append([1.98609262015051e17, dt.datetime(1986, 9, 26), 1, "PNS", 31, 40, 2, "Pemerintah Provinsi Banten",
               dt.datetime(2025, 6, 30)])
    ws.append([None] * 9)
    wb.save(path)
    con = duckdb.connect(str(tmp_path / "wh130.duckdb"))
    report = load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert report.as_of_date == dt.date(2025, 6, 30) and report.as_of_source == "column"
    assert (report.rows_in, report.rows_loaded, report.rows_quarantined) == (3, 2, 1)
    rows = con.execute("SELECT status_kepegawaian, golongan_ruang, pppk_grade, golongan, jenis_jabatan "
                       "FROM raw.simpeg_employees ORDER BY row_number").fetchall()
    assert rows == [("PNS", "III/a", None, "III", "Fungsional"), ("PPPK", None, "IX", None, "Pelaksana")]
    # Excel turned the third NIP into a float; its lost digits are not guessed back.
    assert con.execute("SELECT reason_code FROM audit.quarantine").fetchone() == ("nip_format",)


def test_physical_rows_counts_non_blank_lines_across_block_boundaries(tmp_path: Path) -> None:
    """The row-count guard counts non-blank data lines per 16 MiB block; blank, whitespace-only and CRLF
    lines, and a line cut by a block boundary, are counted as a person would count them."""
    from extractors.simpeg.readers import physical_rows

    row = b"198609262015051001,III/a,S1," + b"x" * 70 + b"\r\n"  # 100 bytes
    rows = 200_000  # 20 MB: crosses the 16 MiB block boundary mid-line
    path = tmp_path / "big.csv"
    path.write_bytes(b"nip,golongan,pendidikan,pad\n" + row * rows + b"\n  \r\n\t\n" + row + b"last,no,newline,x")
    assert physical_rows(path) == rows + 2
