"""extractors.codes: the single place for golongan, education, position, eselon, gender and status rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import codes
from extractors.documents.api import extract_document
from extractors.facts import DocumentIdentity, Fact


@pytest.mark.parametrize("raw", ["III/a", "III/A", "IIIa", "III.a", "III a", "Penata Muda (III/a)", "31", "31.0",
                                 "3a", "3/a", "Gol. III/a", " iii/a "])
def test_golongan_ruang_spellings(raw: str) -> None:
    assert codes.normalise_golongan_ruang(raw) == "III/a"


def test_all_siasn_golongan_ids_map_to_the_17_values() -> None:
    ids = [f"{g}{r}" for g in range(1, 5) for r in range(1, 5)] + ["45"]
    assert [codes.normalise_golongan_ruang(i) for i in ids] == list(codes.GOLONGAN_RUANG)


@pytest.mark.parametrize("raw", ["III/e", "I/e", "V/a", "II/f", "46", "15", "III", "", None, "IIII/a", "Gol. X"])
def test_golongan_ruang_rejects_what_does_not_exist(raw: object) -> None:
    assert codes.normalise_golongan_ruang(raw) is None


@pytest.mark.parametrize(("raw", "grade"), [("IX", "IX"), ("Gol IX", "IX"), ("09", "IX"), ("9", "IX"),
                                            ("XVII", "XVII"), ("1", "I"), ("18", None), ("III/a", None)])
def test_pppk_grades(raw: str, grade: str | None) -> None:
    assert codes.normalise_pppk_grade(raw) == grade


@pytest.mark.parametrize(("raw", "level"), [
    ("S-1/Sarjana", "S1"), ("S-2", "S2"), ("S-3/Doktor", "S3"), ("Diploma III/Sarjana Muda", "D-III"),
    ("Diploma IV", "D-IV"), ("Diploma I", "D-I"), ("Diploma II", "D-II"), ("D3", "D-III"), ("D4", "D-IV"),
    ("SMA", "SLTA"), ("SMP", "SLTP"), ("Sekolah Dasar", "SD"), ("SD", "SD"), ("Magister", "S2"),
    ("40", "S1"), ("45", "S2"), ("50", "S3"), ("05", "SD"), ("30", "D-III"), ("35", "D-IV"), ("15", "SLTA"),
    ("Lainnya", None), ("99", None),
])
def test_pendidikan(raw: str, level: str | None) -> None:
    assert codes.normalise_pendidikan(raw) == level


@pytest.mark.parametrize(("raw", "jenis"), [
    ("Struktural", "Struktural"), ("Fungsional Tertentu", "Fungsional"), ("Fungsional Umum", "Pelaksana"),
    ("Pelaksana", "Pelaksana"), ("JFT", "Fungsional"), ("JFU", "Pelaksana"), ("1", "Struktural"),
    ("2", "Fungsional"), ("4", "Pelaksana"), ("Jabatan Pimpinan Tinggi Pratama", "Struktural"),
    ("Administrator", "Struktural"), ("Pengawas", "Struktural"), ("Entah", None),
])
def test_jenis_jabatan(raw: str, jenis: str | None) -> None:
    assert codes.normalise_jenis_jabatan(raw) == jenis


@pytest.mark.parametrize(("raw", "eselon"), [("21", "II.a"), ("II/a", "II.a"), ("IIa", "II.a"),
                                             ("Eselon III.b", "III.b"), ("41", "IV.a"), ("IV", "IV"),
                                             ("-", None), ("Non Eselon", None)])
def test_eselon(raw: str, eselon: str | None) -> None:
    assert codes.normalise_eselon(raw) == eselon


@pytest.mark.parametrize(("raw", "sex"), [("L", "Laki-laki"), ("P", "Perempuan"), ("1", "Laki-laki"),
                                          ("2", "Perempuan"), ("M", "Laki-laki"), ("F", "Perempuan"),
                                          ("Laki-Laki", "Laki-laki"), ("PEREMPUAN", "Perempuan"),
                                          ("Pria", "Laki-laki"), ("Wanita", "Perempuan"), ("X", None)])
def test_jenis_kelamin(raw: str, sex: str | None) -> None:
    assert codes.normalise_jenis_kelamin(raw) == sex


@pytest.mark.parametrize(("raw", "status"), [("P", "PNS"), ("PNS", "PNS"), ("C", "CPNS"), ("CPNS", "CPNS"),
                                             ("PPPK", "PPPK"), ("P3K", "PPPK"), ("71", "PPPK"),
                                             ("PPPK Paruh Waktu", "PPPK"), ("Aktif", None)])
def test_status_kepegawaian(raw: str, status: str | None) -> None:
    assert codes.normalise_status_kepegawaian(raw) == status


def test_ip_asn_inputs() -> None:
    assert [codes.normalise_flag(v) for v in ("Ya", "Sudah", "1", "Tidak", "Belum", "-", "", "??")] == [
        True, True, True, False, False, False, None, None]
    assert codes.normalise_skp_predikat("sangat  baik") == "Sangat Baik"
    assert codes.normalise_skp_predikat("Butuh Perbaikan") == "Butuh Perbaikan"
    assert [codes.normalise_hukuman_disiplin(v) for v in ("Tidak Pernah", "-", "HD Ringan", "Sedang", "Berat")] == [
        "tidak_pernah", "tidak_pernah", "ringan", "sedang", "berat"]


@pytest.mark.parametrize(("raw", "region"), [
    ("Pemerintah Kota Serang", "Kota Serang"), ("Pemerintah Provinsi Banten", "Provinsi Banten"),
    ("Pemerintah Kabupaten Lebak", "Kabupaten Lebak"), ("Kab. Lebak", "Kabupaten Lebak"),
    ("PEMKAB LEBAK", "Kabupaten Lebak"), ("Pemkot Bekasi", "Kota Bekasi"),
    ("Pemerintah Provinsi DKI Jakarta", "Provinsi DKI Jakarta"), ("Badan Kepegawaian Negara", None),
])
def test_region_names(raw: str, region: str | None) -> None:
    assert codes.normalise_region_name(raw) == region
    if region is not None:  # the canonical name is its own canonical name: the SIMPEG loader writes it so
        assert codes.normalise_region_name(region) == region


# --- a region has one spelling: the marts join on it as written (macro region_key) -----------------------

def test_a_documents_region_is_spelled_as_the_region_seed_spells_it(tmp_path: Path) -> None:
    path = tmp_path / "lkip_bkd_dki_2024.txt"
    path.write_text(
        "LAPORAN KINERJA INSTANSI PEMERINTAH TAHUN 2024\nBADAN KEPEGAWAIAN DAERAH PROVINSI DKI JAKARTA\n\n"
        "Badan Kepegawaian Daerah Provinsi DKI Jakarta menyusun laporan ini untuk Provinsi DKI Jakarta.\n",
        encoding="utf-8")
    assert extract_document(path).identity.region == "Provinsi DKI Jakarta"  # ref_region's spelling


@pytest.mark.parametrize("spelling", ["Kab. Lebak", "KABUPATEN LEBAK", "Pemerintah Kabupaten Lebak",
                                      "kabupaten lebak"])
def test_the_fact_contract_refuses_a_region_in_another_spelling(spelling: str) -> None:
    with pytest.raises(ValueError, match="canonical region name"):
        Fact(source="x.txt", line=1, metric="asn_headcount", kind="count", value=1, year=2024, region=spelling)
    with pytest.raises(ValueError, match="canonical region name"):
        DocumentIdentity(source="x.txt", doc_type=None, agency=None, region=spelling, period_start=None,
                         period_end=None)
    fact = Fact(source="x.txt", line=1, metric="asn_headcount", kind="count", value=1, year=2024,
                region="Kabupaten Lebak")
    assert fact.region == "Kabupaten Lebak"


def test_golongan_ruang_from_a_pangkat_name_and_a_loosely_printed_code_that_agree() -> None:
    from extractors.codes import normalise_golongan_ruang

    # `Iva` and `1a` are read inside longer text only when the pangkat name printed with them agrees.
    assert normalise_golongan_ruang("Pembina / Iva") == "IV/a"
    assert normalise_golongan_ruang("Juru Muda / 1a") == "I/a"
    assert normalise_golongan_ruang("Penata / ivb") is None  # Penata is III/c: name and code disagree
    assert normalise_golongan_ruang("di / a") is None


def test_scope_of_captions_and_sentences() -> None:
    assert codes.scope_of("Tabel 2.1 Jumlah Pegawai BKPSDM Kota Contoh Menurut Golongan") == "agency"
    assert codes.scope_of("Keadaan PNS Provinsi Contoh Berdasarkan Pendidikan") == "region"
    assert codes.scope_of("Tabel 3.1 Jumlah PNS Menurut Golongan") is None
    # A sentence naming the issuing agency as its subject counts the agency's staff, unless it speaks of the
    # whole government's workforce; a region merely named does not outweigh the agency.
    sentence = "Dinas Kesehatan Provinsi Contoh memiliki 500 orang PNS"
    assert codes.scope_of(sentence) == "region"
    assert codes.scope_of(sentence, names_agency=True) == "agency"
    assert codes.scope_of("PNS di lingkungan Pemerintah Provinsi Contoh, termasuk Dinas Kesehatan, sebanyak 9.000 "
                          "orang", names_agency=True) == "region"
    assert codes.scope_of("pegawai pada Dinas Kesehatan sebanyak 349 orang") == "agency"
