"""Counts stated in sentences: facts only where subject, period and population are clear."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.documents.api import extract_document
from extractors.documents.interpret.prose import words_to_number

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _facts(tmp_path: Path, text: str):
    path = tmp_path / "berita.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_document(path)
    return [f for f in result.facts if (f.evidence or "").startswith("prose")], result.problems


def _read(facts) -> set[tuple]:
    return {(f.line, tuple(sorted(f.dimension.items())), f.year, f.value, f.population) for f in facts}


def test_counts_by_category_with_the_sentence_period_and_population(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, (
        "Profil Kepegawaian Kabupaten Contoh\n"
        "Data Pegawai Negeri Sipil (PNS) menurut kelompok jabatan di Kabupaten Contoh Tahun 2021 yaitu kelompok "
        "jabatan struktural berjumlah 310 orang atau sebesar 10,5%, kelompok jabatan fungsional umum berjumlah "
        "1.020 orang, dan kelompok pejabat fungsional tertentu sejumlah 1.622 orang.\n"
    ))
    assert _read(facts) == {
        (2, (("jenis_jabatan", "Struktural"),), 2021, 310, "pns"),
        (2, (("jenis_jabatan", "Pelaksana"),), 2021, 1020, "pns"),  # Fungsional Umum is Pelaksana
        (2, (("jenis_jabatan", "Fungsional"),), 2021, 1622, "pns"),
    }


def test_news_article_totals_parts_and_distractors(tmp_path: Path) -> None:
    facts, problems = _facts(tmp_path, (
        "KOTA CONTOH - Badan Kepegawaian Daerah Kota Contoh merilis data ASN, Senin (3/2/2024).\n"
        "Kepala Bidang, Budi Santoso, menyebutkan bahwa total ASN per Maret 2024 tercatat sebanyak 4.210 orang, "
        "yang terdiri atas 3.900 PNS dan 310 PPPK. Dari total tersebut, perempuan tercatat 2.500 orang, "
        "sementara laki-laki 1.710 orang.\n"
        "Secara generasi, Generasi X (lahir 1965–1980) mendominasi dengan 2.011 ASN, diikuti Milenial (1.500 "
        "orang). Sementara itu, Kecamatan Tengah menjadi wilayah dengan jumlah ASN terbanyak, mencapai 1.200 "
        "orang atau 28% dari total ASN.\n"
        "Dinas Kesehatan tercatat sebagai OPD dengan jumlah ASN tertinggi, yakni 950 orang.\n"
    ))
    assert _read(facts) == {
        (2, (), 2024, 4210, "asn"),
        (2, (), 2024, 3900, "pns"),
        (2, (), 2024, 310, "pppk"),
        (2, (("jenis_kelamin", "Perempuan"),), 2024, 2500, "asn"),
        (2, (("jenis_kelamin", "Laki-laki"),), 2024, 1710, "asn"),
        # The year comes from the section (line 2), the unit from the clause before the number.
        (4, (("unit_kerja", "Dinas Kesehatan"),), 2024, 950, "asn"),
    }
    # Birth years are no counts; generations and districts are no category of the contract: reported.
    assert not any(f.value in {1965, 1980, 2011, 1500, 1200} for f in facts)
    joined = "\n".join(problems)
    assert "Generasi X" in joined and "Kecamatan Tengah" in joined and "Milenial" in joined


def test_digits_and_words_that_disagree_are_a_problem_not_a_fact(tmp_path: Path) -> None:
    facts, problems = _facts(tmp_path, (
        "Keadaan pegawai Tahun 2020: jumlah pegawai golongan III sebanyak 36 (tiga puluh empat) orang, "
        "golongan IV sebanyak 12 (dua belas) orang.\n"
    ))
    assert _read(facts) == {(1, (("golongan", "IV"),), 2020, 12, None)}
    assert any("digits and words disagree" in p for p in problems)


def test_no_year_no_fact_and_non_staff_counts_are_ignored(tmp_path: Path) -> None:
    facts, problems = _facts(tmp_path, (
        "Jumlah pegawai golongan III sebanyak 20 orang.\n"  # no as-of year anywhere
        "Pada tahun 2022 pelatihan pegawai diikuti peserta sebanyak 150 orang.\n"
        "Berdasarkan Peraturan Daerah Nomor 5 Tahun 2016, jumlah pegawai golongan II sebanyak 8 orang.\n"
    ))
    # Line 3's only year is a regulation's; line 2's 2022 is the section's as-of year, within reach.
    assert _read(facts) == {(3, (("golongan", "II"),), 2022, 8, None)}
    assert any("no as-of year" in p for p in problems)
    assert any("not about the workforce" in p for p in problems)


def test_a_sentence_narrating_the_table_above_leaves_its_numbers_to_the_table(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, (
        "Tabel 1 Jumlah Pegawai Berdasarkan Golongan Tahun 2019\n"
        "Golongan\tJumlah\n"
        "III/a\t12\n"
        "III/b\t7\n"
        "Jumlah\t19\n"
        "Dari tabel di atas jumlah pegawai sebanyak 19 orang. Sebagian besar golongan III/a yaitu 12 orang.\n"
    ))
    assert facts == []


def test_words_to_number() -> None:
    assert words_to_number("tiga puluh empat") == 34
    assert words_to_number("seratus dua belas") == 112
    assert words_to_number("seribu dua ratus lima") == 1205
    assert words_to_number("tujuh") == 7
    assert words_to_number("orang") is None


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
@pytest.mark.parametrize(("stem", "at_least", "wrong_at_most"), [
    ("statistik_asn_kab_bulukumba_juni_2025_berita", 10, 0),
    # Surakarta's "Sarjana Muda" is read as D-III by the shared vocabulary, which its golden file does not.
    ("identifikasi_pegawai_dinsosnakertrans_kota_surakarta_2009", 24, 1),
])
def test_corpus_prose_inputs_through_the_scorer(stem: str, at_least: int, wrong_at_most: int,
                                                tmp_path: Path) -> None:
    """The scorer's own verdict on the inputs whose golden files are exhaustive: every fact is right."""
    repo = Path(__file__).resolve().parents[1]
    out = tmp_path / "score.json"
    subprocess.run([sys.executable, str(CORPUS.parent / "tools" / "score_extraction.py"), str(CORPUS),
                    "--only", stem, "--json", str(out)], cwd=repo, check=False, capture_output=True, timeout=600)
    (row,) = json.loads(out.read_text())["inputs"]
    assert row["error"] == ""
    assert row["found"] >= at_least
    assert row["judged"] - row["right"] <= wrong_at_most


def test_lists_in_prose_and_event_counts(tmp_path: Path) -> None:
    facts, problems = _facts(tmp_path, (
        "Jumlah PNS Kabupaten Contoh tahun 2023 sebanyak 7.512 orang.\n"
        "Berdasarkan golongan, terdiri dari: golongan I sebanyak 10 orang, golongan II 92 orang, golongan III "
        "229 orang dan golongan IV 18 orang.\n"
        "Jumlah pegawai yang mengikuti diklat pada tahun 2023 sebanyak 25 orang.\n"  # an event, not the workforce
        "Pada tahun 2023 kenaikan pangkat golongan III sebanyak 40 orang.\n"
    ))
    assert _read(facts) == {
        (1, (), 2023, 7512, "pns"),
        (2, (("golongan", "I"),), 2023, 10, "pns"),
        (2, (("golongan", "II"),), 2023, 92, "pns"),
        (2, (("golongan", "III"),), 2023, 229, "pns"),
        (2, (("golongan", "IV"),), 2023, 18, "pns"),
    }
    assert sum("not about the workforce" in p for p in problems) == 2


def test_parts_that_do_not_reach_the_stated_total_flag_it(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, (
        "LAPORAN KINERJA DINAS PERHUBUNGAN KOTA CONTOH TAHUN 2016\n"
        "Jumlah pegawai Dinas Perhubungan Kota Contoh pada akhir Desember 2016 berjumlah 349 orang, dengan "
        "perincian sebagai berikut : golongan I sebanyak 10 orang, golongan II sebanyak 92 orang, golongan III "
        "sebanyak 229 orang dan golongan IV sebanyak 23 orang. 1.6 SISTEMATIKA LAPORAN Laporan ini disusun "
        "sesuai pedoman.\n"
    ))
    (total,) = [f for f in facts if not f.dimension]
    assert total.value == 349 and total.scope == "agency"  # the agency's own staff, not a unit of it
    assert total.flags == ["stated_total_mismatch:349!=354"]  # kept as printed, flagged
    assert sorted(f.value for f in facts if f.dimension) == [10, 23, 92, 229]


def test_agency_budget_and_its_realisation_stated_in_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "lkip.txt"
    path.write_text(
        "LAPORAN KINERJA BADAN KEPEGAWAIAN DAERAH KOTA CONTOH TAHUN 2023\n"
        "Badan Kepegawaian Daerah Kota Contoh melalui Anggaran Pendapatan dan Belanja Daerah (APBD) Tahun 2023 "
        "sebesar Rp12.460.088.566,00 dan realisasi anggaran sebesar Rp11.406.876.550,00 atau 91,55%.\n"
        # A part of the budget, and an activity's money: not the agency's total.
        "Anggaran Badan Kepegawaian Daerah Kota Contoh tahun 2023 terdiri atas dana APBD sebesar Rp 9.000.000.000.\n"
        "Realisasi anggaran sebesar Rp.1.270.414.455,00 atau 99,24% dari anggaran Rp.1.280.124.463,00.\n",
        encoding="utf-8")
    result = extract_document(path)
    budget = {(f.line, f.kind, f.value, f.year, f.scope) for f in result.facts if f.metric == "budget_idr"}
    assert budget == {(2, "pagu", 12_460_088_566, 2023, "agency"),
                      (2, "budget_realisation", 11_406_876_550, 2023, "agency")}
    assert any("part of the budget" in p for p in result.problems)


def test_each_clause_keeps_its_own_year_and_targets_are_no_headcount(tmp_path: Path) -> None:
    facts, problems = _facts(tmp_path, (
        "Jumlah PNS golongan III tahun 2022 sebanyak 300 orang, sedangkan golongan III tahun 2021 sebanyak "
        "280 orang.\n"
        "Target tahun 2024 jumlah PNS golongan IV sebanyak 350 orang.\n"
        "Kekurangan PNS golongan II tahun 2023 sebanyak 50 orang.\n"
    ))
    assert _read(facts) == {(1, (("golongan", "III"),), 2022, 300, "pns"),
                            (1, (("golongan", "III"),), 2021, 280, "pns")}
    assert sum("a target, need or change" in p for p in problems) == 2


def test_hard_wrapped_text_reads_like_its_paragraph_and_cites_the_numbers_line(tmp_path: Path) -> None:
    import textwrap

    paragraph = ("Data Pegawai Negeri Sipil (PNS) di Kabupaten Contoh Tahun 2021 yaitu golongan IV berjumlah 310 "
                 "orang, golongan III berjumlah 1.020 orang, dan golongan II sejumlah 229 orang.")
    wrapped = textwrap.wrap(paragraph, width=40)
    facts, _ = _facts(tmp_path, "Profil Kepegawaian\n" + "\n".join(wrapped) + "\n")
    got = {(tuple(sorted(f.dimension.items())), f.value, f.year, f.population): f.line for f in facts}
    assert set(got) == {((("golongan", "IV"),), 310, 2021, "pns"), ((("golongan", "III"),), 1020, 2021, "pns"),
                        ((("golongan", "II"),), 229, 2021, "pns")}
    for (_, value, _, _), line in got.items():
        printed = f"{value:,}".replace(",", ".")
        assert printed in wrapped[line - 2], (value, line)  # line 1 is the heading


def test_population_after_the_unit_and_the_agency_as_scope_not_category(tmp_path: Path) -> None:
    facts, _ = _facts(tmp_path, (
        "RENSTRA BADAN KEPEGAWAIAN DAERAH KOTA CONTOH 2024-2026\n"
        "Kondisi pegawai tahun 2023: sumber daya aparatur yang tersedia pada Badan Kepegawaian Daerah Kota Contoh "
        "adalah sebanyak 62 orang PNS dan 9 orang Non PNS.\n"
        "Aparatur Badan Kepegawaian Daerah Kota Contoh sebanyak 25 orang berpendidikan Sarjana (S1).\n"
    ))
    assert {(f.line, tuple(sorted(f.dimension.items())), f.value, f.population, f.scope) for f in facts} == {
        (2, (), 62, "pns", "agency"),
        (2, (), 9, "non_asn", "agency"),
        (3, (("pendidikan", "S1"),), 25, None, "agency"),  # the agency's own staff; no population printed
    }
