"""Table and sentence shapes common in personnel statistics that no development document has: other header
spellings and column orders, transposed tables, sex sub-columns under each year, totals on top, Roman and
Arabic child numbering, populations stated only in the caption, continued tables, pipe and HTML tables.

Each is written here as a small text rendering and read end to end; the tab-separated ones are also rendered
into real PDFs (ruled and borderless, with the corpus renderer) and must give the same facts. Every expected
fact is a literal: (year, dimension, value, population, flags)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.documents import extract_document
from extractors.facts import ExtractionResult, Fact
from samples.pdf_writer import PdfDocument, write_pdf
from tests.corpus_pdf import blocks_from_text
from tests.test_interpret_shapes import TITLE  # the same title page, so both files read one agency and year

NAME = "profil_bkpsdm_kabupaten_contoh_2024"
VARIANTS = ["txt", "ruled", "borderless"]


def _extract(tmp_path: Path, lines: list[str], variant: str = "txt") -> ExtractionResult:
    text = "\n".join(TITLE + lines) + "\n"
    if variant == "txt":
        path = tmp_path / f"{NAME}.txt"
        path.write_text(text, encoding="utf-8")
    else:
        blocks = blocks_from_text(text, ruled=variant == "ruled")
        path = write_pdf(tmp_path / f"{NAME}.pdf", PdfDocument(blocks=blocks, title=NAME, landscape=True))
    return extract_document(path)


def _key(f: Fact) -> tuple:
    return (f.year, tuple(sorted(f.dimension.items())), f.value, f.population, tuple(f.flags))


def _headcounts(result: ExtractionResult) -> set[tuple]:
    return {_key(f) for f in result.facts if f.metric == "asn_headcount"}


def _d(**kw: str) -> tuple:
    return tuple(sorted(kw.items()))


@pytest.mark.parametrize("variant", VARIANTS)
def test_ip_asn_release_with_population_first_and_prefixed_dimensions(tmp_path: Path, variant: str) -> None:
    result = _extract(tmp_path, [
        "Tabel 2. Hasil Pengukuran Indeks Profesionalitas ASN",
        "Jenis ASN\tTahun\tNilai IP ASN\tDimensi Kualifikasi\tDimensi Kompetensi\tDimensi Kinerja\t"
        "Dimensi Disiplin\tKategori",
        "PNS\t2022\t70,20\t20,10\t25,10\t20,00\t5,00\tSedang",
        "PPPK\t2022\t60,50\t15,50\t20,00\t20,00\t5,00\tRendah",
        "PNS\t2023\t75,00\t21,00\t27,00\t22,00\t5,00\tSedang",
    ], variant)
    got = {(f.year, f.population, f.dimension.get("dimensi", "indeks"), f.value) for f in result.facts}
    # PNS and PPPK share 20,00 and 5,00 in 2022: on a PDF page (no line numbers) they are still two facts.
    assert got == {
        (2022, "pns", "indeks", 70.2), (2022, "pns", "kualifikasi", 20.1), (2022, "pns", "kompetensi", 25.1),
        (2022, "pns", "kinerja", 20.0), (2022, "pns", "disiplin", 5.0),
        (2022, "pppk", "indeks", 60.5), (2022, "pppk", "kualifikasi", 15.5), (2022, "pppk", "kompetensi", 20.0),
        (2022, "pppk", "kinerja", 20.0), (2022, "pppk", "disiplin", 5.0),
        (2023, "pns", "indeks", 75.0), (2023, "pns", "kualifikasi", 21.0), (2023, "pns", "kompetensi", 27.0),
        (2023, "pns", "kinerja", 22.0), (2023, "pns", "disiplin", 5.0),
    }
    assert len(result.facts) == 15 and all(f.metric == "ip_asn" and f.kind == "realisation" for f in result.facts)


@pytest.mark.parametrize("variant", VARIANTS)
def test_transposed_table_years_down_golongan_across(tmp_path: Path, variant: str) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.1 Jumlah PNS Berdasarkan Golongan Tahun 2020-2023",
        "Tahun\tGolongan I\tGolongan II\tGolongan III\tGolongan IV\tJumlah",
        "2020\t12\t340\t820\t410\t1.582",
        "2021\t10\t330\t850\t420\t1.610",
        "2022\t9\t320\t870\t430\t1.630",
    ], variant)
    assert _headcounts(result) == {
        (2020, _d(golongan="I"), 12, "pns", ()), (2020, _d(golongan="II"), 340, "pns", ()),
        (2020, _d(golongan="III"), 820, "pns", ()), (2020, _d(golongan="IV"), 410, "pns", ()),
        (2020, (), 1582, "pns", ()),
        (2021, _d(golongan="I"), 10, "pns", ()), (2021, _d(golongan="II"), 330, "pns", ()),
        (2021, _d(golongan="III"), 850, "pns", ()), (2021, _d(golongan="IV"), 420, "pns", ()),
        (2021, (), 1610, "pns", ()),
        (2022, _d(golongan="I"), 9, "pns", ()), (2022, _d(golongan="II"), 320, "pns", ()),
        (2022, _d(golongan="III"), 870, "pns", ()), (2022, _d(golongan="IV"), 430, "pns", ()),
        (2022, (), 1630, "pns", ("stated_total_mismatch:1630!=1629",)),
    }


@pytest.mark.parametrize("variant", VARIANTS)
def test_sex_sub_columns_under_each_year(tmp_path: Path, variant: str) -> None:
    # The sub-header row starts with "L", which also numbers rows ("a", "b"): it is header, not a body row.
    result = _extract(tmp_path, [
        "Tabel 3.2 Jumlah PNS Menurut Pendidikan dan Jenis Kelamin",
        "Pendidikan\t2022\t\t\t2023\t\t",
        "\tL\tP\tJumlah\tL\tP\tJumlah",
        "S2\t10\t12\t22\t11\t13\t24",
        "S1\t100\t120\t220\t105\t125\t231",
        "Jumlah\t110\t132\t242\t116\t138\t255",
    ], variant)
    want = set()
    for year, rows in {2022: [("S2", 10, 12, 22), ("S1", 100, 120, 220)],
                       2023: [("S2", 11, 13, 24), ("S1", 105, 125, 231)]}.items():
        for level, lk, pr, total in rows:
            want |= {(year, _d(pendidikan=level, jenis_kelamin="Laki-laki"), lk, "pns", ()),
                     (year, _d(pendidikan=level, jenis_kelamin="Perempuan"), pr, "pns", ())}
            flags = ("stated_total_mismatch:231!=230",) if total == 231 else ()
            want.add((year, _d(pendidikan=level), total, "pns", flags))
    male, female = _d(jenis_kelamin="Laki-laki"), _d(jenis_kelamin="Perempuan")
    want |= {(2022, male, 110, "pns", ()), (2022, female, 132, "pns", ()), (2022, (), 242, "pns", ()),
             (2023, male, 116, "pns", ()), (2023, female, 138, "pns", ()),
             (2023, (), 255, "pns", ("stated_total_mismatch:255!=254",))}
    assert _headcounts(result) == want


@pytest.mark.parametrize("variant", VARIANTS)
def test_total_column_before_its_parts_and_total_row_on_top(tmp_path: Path, variant: str) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.11 Komposisi Pegawai Negeri Sipil Menurut Eselon Tahun 2024",
        "No\tEselon\tJumlah\tPerempuan\tLaki-laki",
        "1\tII.b\t20\t4\t16",
        "2\tIV.a\t120\t50\t71",
        "",
        "Tabel 3.13 Jumlah PNS Menurut Tingkat Pendidikan Tahun 2024",
        "Tingkat Pendidikan\tJumlah",
        "Total\t452",
        "S2\t100",
        "S1\t300",
        "D-III\t50",
    ], variant)
    assert _headcounts(result) == {
        # "Jumlah" printed first still closes the sex columns after it: 50 + 71 is 121.
        (2024, _d(eselon="II.b"), 20, "pns", ()),
        (2024, _d(eselon="II.b", jenis_kelamin="Perempuan"), 4, "pns", ()),
        (2024, _d(eselon="II.b", jenis_kelamin="Laki-laki"), 16, "pns", ()),
        (2024, _d(eselon="IV.a"), 120, "pns", ("stated_total_mismatch:120!=121",)),
        (2024, _d(eselon="IV.a", jenis_kelamin="Perempuan"), 50, "pns", ()),
        (2024, _d(eselon="IV.a", jenis_kelamin="Laki-laki"), 71, "pns", ()),
        (2024, (), 452, "pns", ()), (2024, _d(pendidikan="S2"), 100, "pns", ()),
        (2024, _d(pendidikan="S1"), 300, "pns", ()), (2024, _d(pendidikan="D-III"), 50, "pns", ()),
    }


@pytest.mark.parametrize("variant", VARIANTS)
def test_roman_parents_with_arabic_children_and_population_only_in_the_caption(tmp_path: Path,
                                                                              variant: str) -> None:
    result = _extract(tmp_path, [
        "Tabel 4. Data Pegawai Pemerintah dengan Perjanjian Kerja (PPPK) Tahun 2022-2023",
        "Uraian\t2022\t2023",
        "I. Menurut Golongan\t60\t81",
        "1. Golongan IX\t20\t30",
        "2. Golongan V\t40\t50",
        "II. Menurut Pendidikan\t60\t80",
        "1. S1\t45\t60",
        "2. D-III\t15\t20",
    ], variant)
    facts = result.facts
    assert {f.population for f in facts} == {"pppk"}
    # PPPK grades (IX, V) are no PNS golongan: never read as one. The Roman parents are the totals of their
    # Arabic children, checked (45 + 15 = 60, 60 + 20 = 80).
    got = {(f.year, f.indicator, tuple(f.dimension.items()), f.value, tuple(f.flags)) for f in facts}
    assert (2022, None, (("pendidikan", "S1"),), 45, ()) in got
    assert (2023, None, (("pendidikan", "D-III"),), 20, ()) in got
    assert (2022, "Menurut Pendidikan", (), 60, ()) in got
    assert (2023, "Menurut Pendidikan", (), 80, ()) in got
    assert not any("golongan" in f.dimension or "golongan_ruang" in f.dimension for f in facts)


@pytest.mark.parametrize("variant", VARIANTS)
def test_table_continued_on_the_next_page(tmp_path: Path, variant: str) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.5 Jumlah PNS Menurut Unit Kerja dan Golongan Tahun 2023",
        "No\tUnit Kerja\tII\tIII\tIV\tJumlah",
        "1\tSekretariat Daerah\t10\t40\t12\t62",
        "2\tDinas Pendidikan\t20\t300\t150\t470",
        "",
        "- 12 -",
        "",
        "Tabel 3.5 (Lanjutan)",
        "No\tUnit Kerja\tII\tIII\tIV\tJumlah",
        "3\tDinas Kesehatan\t30\t200\t40\t270",
        "Jumlah\t\t60\t540\t202\t802",
    ], variant)
    # The continuation is the same table: the caption's year and population, and the total row closes the
    # units of both parts (a total of the second part alone would be flagged wrong three times over).
    units = {"Sekretariat Daerah": (10, 40, 12, 62), "Dinas Pendidikan": (20, 300, 150, 470),
             "Dinas Kesehatan": (30, 200, 40, 270)}
    want = set()
    for unit, (g2, g3, g4, total) in units.items():
        want |= {(2023, _d(unit_kerja=unit, golongan="II"), g2, "pns", ()),
                 (2023, _d(unit_kerja=unit, golongan="III"), g3, "pns", ()),
                 (2023, _d(unit_kerja=unit, golongan="IV"), g4, "pns", ()),
                 (2023, _d(unit_kerja=unit), total, "pns", ())}
    want |= {(2023, _d(golongan="II"), 60, "pns", ()), (2023, _d(golongan="III"), 540, "pns", ()),
             (2023, _d(golongan="IV"), 202, "pns", ()), (2023, (), 802, "pns", ())}
    assert _headcounts(result) == want


def test_pipe_table_with_population_columns(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.6 Jumlah ASN Berdasarkan Jenis Kelamin Tahun 2024",
        "",
        "| Jenis Kelamin | PNS | PPPK | Jumlah |",
        "|:---|---:|---:|---:|",
        "| Laki-laki | 1.200 | 300 | 1.500 |",
        "| Perempuan | 1.400 | 500 | 1.900 |",
        "| Jumlah | 2.600 | 800 | 3.400 |",
    ])
    assert _headcounts(result) == {
        (2024, _d(jenis_kelamin="Laki-laki"), 1200, "pns", ()), (2024, _d(jenis_kelamin="Laki-laki"), 300, "pppk", ()),
        (2024, _d(jenis_kelamin="Laki-laki"), 1500, "asn", ()),
        (2024, _d(jenis_kelamin="Perempuan"), 1400, "pns", ()), (2024, _d(jenis_kelamin="Perempuan"), 500, "pppk", ()),
        (2024, _d(jenis_kelamin="Perempuan"), 1900, "asn", ()),
        (2024, (), 2600, "pns", ()), (2024, (), 800, "pppk", ()), (2024, (), 3400, "asn", ()),
    }


def test_html_table_with_a_two_row_header_of_spans(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.7 Jumlah PNS Berdasarkan Golongan dan Jenis Kelamin Tahun 2023",
        "<table>",
        '<tr><th rowspan="2">Golongan</th><th colspan="2">Jenis Kelamin</th><th rowspan="2">Jumlah</th></tr>',
        "<tr><th>Pria</th><th>Wanita</th></tr>",
        "<tr><td>IV</td><td>50</td><td>60</td><td>110</td></tr>",
        "<tr><td>III</td><td>200</td><td>250</td><td>451</td></tr>",
        "<tr><td>Jumlah</td><td>250</td><td>310</td><td>561</td></tr>",
        "</table>",
    ])
    assert _headcounts(result) == {
        (2023, _d(golongan="IV", jenis_kelamin="Laki-laki"), 50, "pns", ()),
        (2023, _d(golongan="IV", jenis_kelamin="Perempuan"), 60, "pns", ()),
        (2023, _d(golongan="IV"), 110, "pns", ()),
        (2023, _d(golongan="III", jenis_kelamin="Laki-laki"), 200, "pns", ()),
        (2023, _d(golongan="III", jenis_kelamin="Perempuan"), 250, "pns", ()),
        (2023, _d(golongan="III"), 451, "pns", ("stated_total_mismatch:451!=450",)),
        (2023, _d(jenis_kelamin="Laki-laki"), 250, "pns", ()), (2023, _d(jenis_kelamin="Perempuan"), 310, "pns", ()),
        # 250 + 310 is 560: the grand total is checked along its row too.
        (2023, (), 561, "pns", ("stated_total_mismatch:561!=560",)),
    }


@pytest.mark.parametrize("variant", VARIANTS)
def test_golongan_ruang_with_dots_beside_pangkat_names(tmp_path: Path, variant: str) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.8 Jumlah PNS Berdasarkan Pangkat/Golongan Ruang Tahun 2024",
        "No\tPangkat\tGol/Ruang\tJumlah",
        "1\tPembina Tk. I\tIV.b\t5",
        "2\tPenata Tk. I\tIII.d\t20",
        "3\tPenata Muda Tk. I\tIII.b\t30",
        "4\tPenata Muda\tIII.a\t40",
        "5\tPengatur\tII.c\t8",
        "Jumlah\t\t\t103",
    ], variant)
    assert _headcounts(result) == {
        (2024, _d(golongan_ruang="IV/b"), 5, "pns", ()), (2024, _d(golongan_ruang="III/d"), 20, "pns", ()),
        (2024, _d(golongan_ruang="III/b"), 30, "pns", ()), (2024, _d(golongan_ruang="III/a"), 40, "pns", ()),
        (2024, _d(golongan_ruang="II/c"), 8, "pns", ()), (2024, (), 103, "pns", ()),
    }


def test_counts_in_sentences_total_parts_and_other_populations(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Keadaan Pegawai",
        "Sampai dengan Desember 2024, jumlah Pegawai Negeri Sipil di lingkungan Pemerintah Kabupaten Contoh "
        "sebanyak 4.512 orang, terdiri dari 2.010 laki-laki dan 2.503 perempuan. Kelompok jabatan struktural "
        "berjumlah 285 orang, jabatan fungsional tertentu 3.100 orang dan jabatan pelaksana 1.127 orang.",
        "Selain itu terdapat PPPK sebanyak 812 orang dan tenaga honorer sebanyak 1.034 orang.",
    ])
    line = len(TITLE) + 2
    got = {(f.line, *_key(f), f.scope) for f in result.facts}
    assert got == {
        # The sex parts do not reach the printed total (4.513): flagged, kept as printed.
        (line, 2024, (), 4512, "pns", ("stated_total_mismatch:4512!=4513",), "region"),
        (line, 2024, _d(jenis_kelamin="Laki-laki"), 2010, "pns", (), "region"),
        (line, 2024, _d(jenis_kelamin="Perempuan"), 2503, "pns", (), "region"),
        (line, 2024, _d(jenis_jabatan="Struktural"), 285, "pns", (), "region"),
        (line, 2024, _d(jenis_jabatan="Fungsional"), 3100, "pns", (), "region"),
        (line, 2024, _d(jenis_jabatan="Pelaksana"), 1127, "pns", (), "region"),
        # Each clause's own population: "terdapat PPPK sebanyak …" is the PPPK total, honorer the non-ASN.
        (line + 1, 2024, (), 812, "pppk", (), "region"),
        (line + 1, 2024, (), 1034, "non_asn", (), "region"),
    }


def test_a_population_narrowed_by_words_no_vocabulary_knows_is_no_total(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Keadaan Pegawai Tahun 2024",
        "PNS yang berusia di atas 50 tahun sebanyak 300 orang, guru PPPK sebanyak 120 orang.",
    ])
    assert result.facts == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_cumulative_and_range_periods_are_never_one_year(tmp_path: Path, variant: str) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.14 Jumlah PNS Menurut Pendidikan Tahun 2019 s/d 2022",
        "Pendidikan\tJumlah",
        "S1\t120",
        "D-III\t30",
        "",
        "Tabel 3.16 Keadaan PNS Berdasarkan Golongan Periode 2019 sampai dengan 2022",
        "Golongan\tJumlah",
        "III\t400",
        "IV\t150",
    ], variant)
    assert result.facts == []
    assert result.unresolved_by_reason() == {"period_not_a_year": 4}
