"""The table interpreter on shapes none of the development documents has (the issue's held-out shapes),
each written here as a small text rendering (tab-separated lines), read end to end by `extract_document`."""

from __future__ import annotations

from pathlib import Path

from extractors.documents import extract_document
from extractors.facts import ExtractionResult

TITLE = [
    "PROFIL KEPEGAWAIAN TAHUN 2024",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Contoh",
    "PEMERINTAH KABUPATEN CONTOH",
    "Contoh, 2025",
    "",
]


def _extract(tmp_path: Path, lines: list[str], name: str = "lkip_bkpsdm_kabupaten_contoh_2024.txt") -> ExtractionResult:
    path = tmp_path / name
    path.write_text("\n".join(TITLE + lines) + "\n", encoding="utf-8")
    return extract_document(path)


def test_ip_asn_release_years_by_population_rows(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 1. Indeks Profesionalitas ASN Kabupaten Contoh",
        "Tahun\tJenis Pegawai\tKUALIFIKASI\tKOMPETENSI\tKINERJA\tDISIPLIN\tINDEKS\tKATEGORI",
        "2023\tPNS\t18,52\t30,10\t25,00\t5,00\t78,62\tSedang",
        "2023\tPPPK\t15,00\t28,40\t25,00\t5,00\t73,40\tSedang",
        "2024\tPNS\t19,10\t31,00\t30,00\t5,00\t85,10\tTinggi",
        "2024\tPPPK\t16,20\t29,00\t30,00\t4,90\t81,10\tTinggi",
    ])
    got = {(f.year, f.population, f.dimension.get("dimensi", "indeks")): f.value
           for f in result.facts if f.metric == "ip_asn"}
    assert got[(2023, "pns", "kualifikasi")] == 18.52
    assert got[(2023, "pppk", "kompetensi")] == 28.4
    assert got[(2024, "pns", "kinerja")] == 30.0
    assert got[(2024, "pppk", "disiplin")] == 4.9
    assert got[(2023, "pns", "indeks")] == 78.62
    assert len(got) == 20  # 4 rows × (4 dimensions + index); the KATEGORI words are no numbers
    assert all(f.kind == "realisation" for f in result.facts)
    # 16.20 + 29.00 + 30.00 + 4.90 = 80.10, not the printed 81.10: flagged, kept as printed.
    flagged = [f for f in result.facts if f.flags]
    assert [(f.year, f.population, f.value) for f in flagged] == [(2024, "pppk", 81.1)]
    assert flagged[0].flags == ["stated_total_mismatch:81.1!=80.1"]


def test_series_with_years_across_and_numbered_child_rows(tmp_path: Path) -> None:
    years = "\t".join(str(y) for y in range(2014, 2023))
    result = _extract(tmp_path, [
        "Tabel 4. Perkembangan Jumlah Pegawai Negeri Sipil Kabupaten Contoh Tahun 2014-2022",
        f"Uraian\t{years}",
        "1. Jumlah Pegawai Berdasarkan Pendidikan\t100\t101\t102\t103\t104\t105\t106\t107\t108",
        "1. Tamat SD\t10\t10\t10\t10\t10\t10\t10\t10\t10",
        "2. Tamat SMP\t20\t21\t22\t23\t24\t25\t26\t27\t28",
        "3. Tamat SMA\t70\t70\t70\t70\t70\t70\t70\t70\t70",
        "2. Jumlah Pegawai Berdasarkan Golongan\t100\t101\t102\t103\t104\t105\t106\t107\t109",
        "1. Golongan I\t5\t5\t5\t5\t5\t5\t5\t5\t5",
        "2. Golongan II\t25\t25\t25\t25\t25\t25\t25\t25\t25",
        "3. Golongan III\t50\t50\t50\t50\t50\t50\t50\t50\t50",
        "4. Golongan IV\t20\t21\t22\t23\t24\t25\t26\t27\t28",
    ])
    facts = [f for f in result.facts if f.metric == "asn_headcount"]
    smp = {f.year: f.value for f in facts if f.dimension == {"pendidikan": "SLTP"}}
    assert smp == dict(zip(range(2014, 2023), range(20, 29), strict=True))
    assert {f.year: f.value for f in facts if f.dimension == {"golongan": "IV"}}[2022] == 28
    assert all(f.population == "pns" for f in facts)
    # The parent rows are the totals of their children, checked: 5+25+50+28 = 108, printed 109.
    totals = {(f.indicator, f.year): f for f in facts if not f.dimension}
    assert totals[("Jumlah Pegawai Berdasarkan Pendidikan", 2014)].value == 100
    assert totals[("Jumlah Pegawai Berdasarkan Pendidikan", 2022)].flags == []
    assert totals[("Jumlah Pegawai Berdasarkan Golongan", 2022)].flags == ["stated_total_mismatch:109!=108"]
    assert len(facts) == 9 * (3 + 4 + 2)


def test_list_of_jabatan_fungsional_with_counts(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.5 Jumlah PNS Pejabat Fungsional Kabupaten Contoh Tahun 2024",
        "No\tNama Jabatan Fungsional\tJumlah",
        "1\tAnalis Kepegawaian\t25",
        "2\tPerawat\t1.048",
        "3\tGuru Ahli Pertama\t312",
        "4\tArsiparis\t14",
        "\tJumlah\t1.399",
    ])
    facts = [f for f in result.facts if f.metric == "asn_headcount"]
    assert {f.dimension["jabatan"]: f.value for f in facts if f.dimension} == {
        "Analis Kepegawaian": 25, "Perawat": 1048, "Guru Ahli Pertama": 312, "Arsiparis": 14}
    total = [f for f in facts if not f.dimension]
    assert [(t.value, t.flags) for t in total] == [(1399, [])]
    assert all(f.year == 2024 for f in facts)
    # "PNS Pejabat Fungsional": a subgroup of the PNS, never the agency's headcount.
    assert {f.population for f in facts} == {"subgroup"}


def test_gender_by_age_table_with_bands_outside_the_code_list(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.6 Jumlah ASN menurut Kelompok Usia dan Jenis Kelamin Tahun 2024",
        "Kelompok Usia\tLaki-laki\tPerempuan\tJumlah",
        "< 30 Tahun\t120\t180\t300",
        "31 - 40 Tahun\t400\t512\t912",
        "41 - 50 Tahun\t350\t300\t650",
        "51 - 60 Tahun\t200\t150\t351",
        "Jumlah\t1.070\t1.142\t2.213",
    ])
    facts = result.facts
    cross = {(f.dimension["kelompok_usia"], f.dimension["jenis_kelamin"]): f.value
             for f in facts if set(f.dimension) == {"kelompok_usia", "jenis_kelamin"}}
    assert cross == {("<30", "Laki-laki"): 120, ("<30", "Perempuan"): 180, ("31-40", "Laki-laki"): 400,
                     ("31-40", "Perempuan"): 512, ("41-50", "Laki-laki"): 350, ("41-50", "Perempuan"): 300,
                     ("51-60", "Laki-laki"): 200, ("51-60", "Perempuan"): 150}
    row_totals = {f.dimension["kelompok_usia"]: (f.value, f.flags) for f in facts
                  if list(f.dimension) == ["kelompok_usia"]}
    assert row_totals["51-60"] == (351, ["stated_total_mismatch:351!=350"])
    assert row_totals["31-40"] == (912, [])
    assert {f.dimension["jenis_kelamin"]: f.value for f in facts
            if list(f.dimension) == ["jenis_kelamin"]} == {"Laki-laki": 1070, "Perempuan": 1142}
    grand = [f for f in facts if not f.dimension]
    assert [g.value for g in grand] == [2213]
    assert all(f.population == "asn" and f.year == 2024 and f.kind == "count" for f in facts)


def test_a_subgroups_jumlah_is_never_the_agencys_headcount(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 2.a Sumber Daya Manusia",
        "1. Berdasarkan Jabatan",
        "1.\tKepala Dinas\t:\t1\tOrang",
        "2.\tSekretaris\t:\t1\tOrang",
        "3.\tPelaksana Golongan III\t:\t12\tOrang",
        "4.\tSukwan (Tenaga Magang)\t:\t15\tOrang",
        "JUMLAH\t\t:\t29\tOrang",
        "",
        "Tabel 2.b Pejabat Struktural",
        "2. Berdasarkan Jabatan",
        "1.\tKepala Badan\t:\t1\tOrang",
        "2.\tSekretaris\t:\t1\tOrang",
        "3.\tKepala Bidang\t:\t4\tOrang",
        "JUMLAH\t\t:\t6\tOrang",
    ])
    totals = {f.value: f for f in result.facts if not f.dimension}
    assert totals[29].population == "subgroup" and totals[29].flags == []  # staff plus interns
    assert totals[6].population == "pejabat_struktural"  # the structural officials only
    interns = [f for f in result.facts if f.dimension.get("jabatan") == "Sukwan"]
    assert [(f.value, f.population) for f in interns] == [(15, "non_asn")]
    assert not any(f.population in {"asn", "pns"} and not f.dimension for f in result.facts)


def test_cells_without_a_meaning_are_counted_with_their_reason(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.2 Jumlah PNS berdasarkan Pendidikan",
        "No\tPendidikan\tLaki-laki\tPerempuan",
        "1\tS1\t10\t12",
        "2\tS2\t211302 02\t4",
        "3\tKursus Menjahit\t1\t1",
        "",
        "Tabel 3.3 Jumlah PNS berdasarkan Golongan Tahun 2019-2022",
        "Golongan\tJumlah",
        "Golongan III\t40",
        "Golongan IV\t10",
    ])
    reasons = sorted((u.reason, u.line) for u in result.unresolved)
    first = len(TITLE) + 3
    assert reasons == [("period_not_a_year", first + 6), ("period_not_a_year", first + 7),
                       ("row_category_unknown", first + 2), ("row_category_unknown", first + 2),
                       ("unreadable_number", first + 1)]
    assert result.unresolved_by_reason() == {"period_not_a_year": 2, "row_category_unknown": 2,
                                              "unreadable_number": 1}
    # Digits run together never become one huge count; the readable cells of the row still do.
    s2 = {f.dimension.get("jenis_kelamin"): f.value for f in result.facts if f.dimension.get("pendidikan") == "S2"}
    assert s2 == {"Perempuan": 4}
    assert not any(f.value > 1000 for f in result.facts)


def test_headerless_list_with_units_and_lists_spelling_their_numbers(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "CPNS sebanyak 7 (tujuh) orang, terdiri dari :",
        "Penata Muda\tIII/a\t4\tOrang",
        "Pengatur Tingkat I\tII/d\t3\tOrang",
        "",
        "Jumlah Pegawai berdasarkan golongan :",
        "- Golongan IV = 10 (sepuluh) orang",
        "- Golongan III = 36 (tiga puluh empat) orang",
        "- Golongan II = 17 (tujuh belas) orang",
    ])
    cpns = {f.dimension["golongan_ruang"]: (f.value, f.population) for f in result.facts
            if "golongan_ruang" in f.dimension}
    assert cpns == {"III/a": (4, "cpns"), "II/d": (3, "cpns")}
    golongan = {f.dimension["golongan"]: f.value for f in result.facts if "golongan" in f.dimension}
    assert golongan == {"IV": 10, "II": 17}  # 36 is printed as "tiga puluh empat": neither is trusted
    assert [u.reason for u in result.unresolved] == ["digits_words_disagree"]


def test_bulleted_child_row_is_a_subgroup_of_the_unit_above(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 3.5 Rekapitulasi Jumlah PNS Berdasarkan Jenis Pendidikan Tahun 2024",
        "No\tUnit Kerja\tS1\tSLTA\tJumlah",
        "1\tBadan Kepegawaian Daerah\t20\t10\t30",
        "\t- Fungsional Angka Kredit\t8\t1\t9",
        "2\tUPT Pelatihan Contoh\t5\t5\t10",
        "\t- Tenaga Teknis Lapangan\t2\t2\t4",
        "Jumlah\t\t25\t15\t40",
    ])
    got = {tuple(sorted(f.dimension.items())): f.value for f in result.facts if f.metric == "asn_headcount"}
    # The child row combines its parent's unit with its own jenis jabatan; it is never a unit of its own.
    assert got[(("jenis_jabatan", "Fungsional"), ("pendidikan", "S1"),
                ("unit_kerja", "Badan Kepegawaian Daerah"))] == 8
    assert got[(("pendidikan", "SLTA"), ("unit_kerja", "Badan Kepegawaian Daerah"))] == 10
    assert not any("Fungsional" in f.dimension.get("unit_kerja", "") for f in result.facts)
    # A child label of no known vocabulary is withheld, each cell counted with its reason.
    assert not any("Tenaga" in str(f.dimension) for f in result.facts)
    assert result.unresolved_by_reason() == {"row_category_unknown": 3}
    # The total is the sum of the units alone (20 + 5): the children are inside their parents' counts.
    totals = [f for f in result.facts if f.dimension == {"pendidikan": "S1"}]
    assert [(f.value, f.flags) for f in totals] == [(25, [])]
    assert len(got) == 3 * 3 + 3  # two units and the one child read, 3 cells each; the total row


def test_a_caption_without_a_year_takes_its_section_headings_year(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Keadaan Pegawai Tahun 2021",
        "Tabel 3.1 Jumlah Pegawai Berdasarkan Golongan",
        "Golongan\tJumlah",
        "Golongan III\t40",
        "Golongan IV\t10",
        "",
        "Keadaan Pegawai Tahun 2021",
        "Pada tahun 2019 jumlah pegawai menurun.",
        "Tabel 3.2 Jumlah Pegawai Berdasarkan Pendidikan",
        "Pendidikan\tJumlah",
        "S1\t30",
        "S2\t20",
    ], name="profil_bkpsdm_kabupaten_contoh.txt")
    years = {next(iter(f.dimension.values())): f.year for f in result.facts if f.dimension}
    assert years["III"] == 2021 and years["IV"] == 2021
    # A sentence naming another year between the heading and the caption: the heading no longer dates the table.
    assert years["S1"] == 2025 and years["S2"] == 2025  # the year of the title page ("Contoh, 2025")


def test_spaced_row_number_header_and_a_count_cell_holding_only_its_unit(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 2.2 Data Pegawai sampai dengan Bulan Desember Tahun 2014 berdasarkan status kepegawaian",
        "NO .\tSTATUS\tJUMLAH",
        "1.\tPNS\t46 orang",
        "2.\tCPNS\torang",
    ], name="renstra_bkpp_contoh_2013-2018.txt")
    # "NO ." heads the row numbers, not values; "orang" alone is a blank count, neither a number nor a miss.
    assert [(f.year, f.value, f.population, f.dimension) for f in result.facts] == [(2014, 46, "pns", {})]
    assert result.unresolved == []


def test_an_honorer_row_among_golongan_rows_is_counted_as_non_asn(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 2.1 Jumlah Pegawai Berdasarkan Golongan Tahun 2024",
        "No.\tGolongan\tJumlah",
        "1.\tGolongan IIIa\t6",
        "2.\tGolongan IIa\t9",
        "3.\tHonorer\t1",
        "\tJumlah\t16",
    ])
    got = {(f.indicator, tuple(f.dimension.items()), f.population, f.value) for f in result.facts}
    # Honorer has no golongan: its count stands with its population and its name, never as a golongan.
    assert ("Honorer", (), "non_asn", 1) in got
    # Staff and honorer together: the total is no population of the vocabulary, and it adds up.
    assert ("Jumlah", (), "subgroup", 16) in got
    assert not any(f.flags for f in result.facts)
    assert result.unresolved == []


def test_an_aggregate_education_level_keeps_the_levels_it_was_printed_as(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 2.4 Jumlah PNS Berdasarkan Tingkat Pendidikan Tahun 2024",
        "Unit Kerja\tS1\tDipl\tD-I/D-II/D-III\tSLTA\tJumlah",
        "Sekretariat\t12\t4\t3\t6\t25",
        "Bidang Mutasi\t9\t2\t1\t3\t15",
    ])
    got = {(f.dimension["unit_kerja"], f.dimension.get("pendidikan"), f.indicator): f.value
           for f in result.facts if f.metric == "asn_headcount" and "pendidikan" in f.dimension}
    # Both columns are the Diploma aggregate; which levels each holds only the printed label tells.
    assert got[("Sekretariat", "Diploma", "Dipl")] == 4
    assert got[("Sekretariat", "Diploma", "D-I/D-II/D-III")] == 3
    assert got[("Bidang Mutasi", "S1", None)] == 9
    assert got[("Bidang Mutasi", "Diploma", "D-I/D-II/D-III")] == 1
    assert len(got) == 2 * 4


def test_an_old_degree_name_keeps_its_printed_label_beside_its_level(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 2.2 Jumlah Pegawai Berdasarkan Jenjang Pendidikan Tahun 2024",
        "No\tPendidikan\tJumlah",
        "1\tSarjana (S1)\t14",
        "2\tSarjana Muda\t3",
        "3\tS1/D-IV\t5",
        "4\tSLTA\t9",
    ])
    got = {(f.dimension.get("pendidikan"), f.indicator): f.value for f in result.facts if f.metric == "asn_headcount"}
    assert got == {("S1", None): 14, ("D-III", "Sarjana Muda"): 3, ("SLTA", None): 9}
    # "S1/D-IV" spans two levels of different families: no category of the list, counted as unresolved.
    assert result.unresolved_by_reason() == {"row_category_unknown": 1}


def test_an_ip_asn_grid_by_education_level_keeps_each_rows_level(tmp_path: Path) -> None:
    result = _extract(tmp_path, [
        "Tabel 5. Indeks Profesionalitas ASN Kabupaten Contoh Tahun 2024 menurut Pendidikan",
        "Pendidikan\tKUALIFIKASI\tKOMPETENSI\tKINERJA\tDISIPLIN\tINDEKS",
        "SMA\t10,00\t20,00\t25,00\t5,00\t60,00",
        "D-III\t15,00\t22,00\t25,00\t5,00\t67,00",
        "S2\t25,00\t30,00\t30,00\t5,00\t90,00",
        "Rata-rata\t17,00\t24,00\t27,00\t5,00\t73,00",
    ])
    got = {(f.dimension.get("pendidikan"), f.dimension.get("dimensi", "indeks")): f.value
           for f in result.facts if f.metric == "ip_asn"}
    # Each score is its row's level's: without it the three rows would be three rival region indices.
    assert got[("SLTA", "kualifikasi")] == 10.0
    assert got[("D-III", "kompetensi")] == 22.0
    assert got[("S2", "indeks")] == 90.0
    assert got[("SLTA", "indeks")] == 60.0
    assert len(got) == 3 * 5
    assert all(f.year == 2024 and f.kind == "realisation" for f in result.facts if f.metric == "ip_asn")
    assert not any(f.flags for f in result.facts)
    # The average row is no level and no stated region index: its five cells are counted, not guessed.
    assert result.unresolved_by_reason() == {"row_category_unknown": 5}
