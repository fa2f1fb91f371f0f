"""The issue's wrong facts, each as the mechanism behind it, on small tables written here (tab-separated
text renderings) and read end to end by `extract_document`."""

from __future__ import annotations

from pathlib import Path

from extractors.documents import extract_document
from extractors.facts import ExtractionResult

LKIP = ["LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN 2024", "Badan Kepegawaian Daerah Kabupaten Contoh",
        "PEMERINTAH KABUPATEN CONTOH", "Contoh, 2025", ""]
RENSTRA = ["RENCANA STRATEGIS (RENSTRA) TAHUN 2024-2026",
           "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Contoh", "PEMERINTAH KOTA CONTOH", ""]


def _extract(tmp_path: Path, title: list[str], lines: list[str], name: str) -> ExtractionResult:
    path = tmp_path / name
    path.write_text("\n".join(title + lines) + "\n", encoding="utf-8")
    return extract_document(path)


def _got(result: ExtractionResult) -> set[tuple]:
    return {(f.kind, f.year, f.value) for f in result.facts}


def test_capaian_checks_decide_the_alignment_and_split_years(tmp_path: Path) -> None:
    # A trailing empty column under the last span pulled this row one column left (102,80 read as the
    # 2024 target); the year of the first group is split across three cells.
    result = _extract(tmp_path, LKIP, [
        "Tabel 3.3 Pencapaian Realisasi Tahun 2023 dan 2024",
        "NO\tINDIKATOR KINERJA\tTARGET RENSTRA/RPD\tREA\tALISASI TAHUI\tN 2023\tREALI\tSASI TAHUN 2\t024\t",
        "\tUTAMA\t\tTARGET\tREALISASI\tCAPAIAN (%)\tTARGET\tREALISASI\tCAPAIAN (%)\t",
        "1.\tIndeks Merit Sistem\t332,5\t321,50\t330,50\t102,80\t332,5\t330,5\t99,39\t",
    ], "lkip_kabupaten_contoh_2024.txt")
    got = {(f.kind, f.year, f.value) for f in result.facts if f.metric == "merit_index"}
    assert got == {("target", 2023, 321.5), ("realisation", 2023, 330.5), ("capaian_pct", 2023, 102.8),
                   ("target", 2024, 332.5), ("realisation", 2024, 330.5), ("capaian_pct", 2024, 99.39)}


def test_target_capaian_is_a_target_and_rasio_capaian_a_percentage(tmp_path: Path) -> None:
    result = _extract(tmp_path, RENSTRA, [
        "Tabel 2.13 Pencapaian Kinerja Pelayanan 2021 – 2022",
        "NO\tINDIKATOR\tTARGET CAPAIAN\t\tREALISASI CAPAIAN\t\tRASIO CAPAIAN\t",
        "\t\t2021\t2022\t2021\t2022\t2021\t2022",
        "1\tPersentase Prestasi Kerja ASN Bernilai Baik\t93,00%\t93,50%\t93,05%\t95,09%\t100,05%\t101,70%",
    ], "renstra_kota_contoh_2024-2026.txt")
    assert _got(result) == {("target", 2021, 93.0), ("target", 2022, 93.5), ("realisation", 2021, 93.05),
                            ("realisation", 2022, 95.09), ("capaian_pct", 2021, 100.05),
                            ("capaian_pct", 2022, 101.7)}


def test_a_row_starting_with_dashes_stays_under_its_years(tmp_path: Path) -> None:
    result = _extract(tmp_path, RENSTRA, [
        "Tabel 2.15 Rekapitulasi Pelayanan",
        "No\tJenis Pelayanan\tRealisasi Pelayanan\t\tJumlah",
        "\t\t2021\t2022\t",
        "1\tPelayanan Pensiun\t507\t562\t1.069",
        "2\tPelayanan Pindah Keluar dan Masuk Pegawai\t-\t55\t55",
    ], "renstra_kota_contoh_2024-2026.txt")
    pindah = {(f.kind, f.year, f.value) for f in result.facts if "Pindah" in (f.indicator or "")}
    assert pindah == {("realisation", 2022, 55)}


def test_budget_realisation_is_never_read_as_pagu(tmp_path: Path) -> None:
    # An unreadable pagu cell ("6.436.606980") used to pull the whole row two columns left.
    result = _extract(tmp_path, RENSTRA, [
        "Tabel 2.16 Anggaran dan Realisasi Pendanaan Program Periode Tahun Anggaran 2021-2022",
        "Program\tAnggaran Pada Tahun ke-\t\tRealisasi Pada Tahun ke-\t\tRasio Antara Realisasi dan Anggaran "
        "Tahun ke-\t\tRata-Rata Pertumbuhan\t",
        "\t2021\t2022\t2021\t2022\t2021\t2022\tAnggaran\tRealisasi",
        "Program Kepegawaian Daerah\t6.537.505.704\t6.436.606980\t5.374.124.878\t4.744.809.604\t82.20\t73.72"
        "\t6.5\t8,48",
    ], "renstra_kota_contoh_2024-2026.txt")
    budget = {(f.kind, f.year, f.value) for f in result.facts if f.metric == "budget_idr"}
    assert budget == {("pagu", 2021, 6_537_505_704), ("budget_realisation", 2021, 5_374_124_878),
                      ("budget_realisation", 2022, 4_744_809_604)}
    ratios = {(f.kind, f.year, f.value) for f in result.facts if f.metric != "budget_idr"}
    assert ratios == {("capaian_pct", 2021, 82.2), ("capaian_pct", 2022, 73.72)}  # no growth rates


def test_cumulative_and_range_columns_are_not_stamped_on_one_year(tmp_path: Path) -> None:
    result = _extract(tmp_path, RENSTRA, [
        "Tabel 2.1 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja",
        "Kode\tProgram\tIndikator Kinerja\tRealisasi Kinerja s/d Tahun 2022\tRealisasi Tahun 2019 s/d 2022"
        "\tTarget Tahun 2023",
        "5.03.02\tPROGRAM KEPEGAWAIAN DAERAH\tIndeks Profesionalitas ASN\t70\t68\t75",
    ], "renstra_kota_contoh_2024-2026.txt")
    periods = {(f.kind, f.year, f.period_kind, f.period_start, f.period_end, f.value) for f in result.facts}
    assert periods == {("realisation", None, "cumulative", None, 2022, 70),
                       ("realisation", None, "range", 2019, 2022, 68),
                       ("target", 2023, "year", None, None, 75)}


def test_unit_cells_and_bulleted_children(tmp_path: Path) -> None:
    result = _extract(tmp_path, LKIP, [
        "Tabel 3.7 Capaian Kinerja Tahun 2024",
        "No\tIndikator Kinerja\tSatuan\tTarget\tRealisasi",
        "1\tJumlah Calon ASN yang mengikuti seleksi\tPelamar\t5000\t4000",
        "",
        "Tabel 3.37 Rekapitulasi Pensiun Tahun 2024",
        "No\tUraian\tRencana\tRealisasi",
        "1\tPensiun Batas Usia Pensiun (BUP)\t199\t199",
        "\t- Esselon II\t4\t3",
        "\t- Pelaksana\t195\t196",
    ], "lkip_kabupaten_contoh_2024.txt")
    seleksi = [f for f in result.facts if f.line == len(LKIP) + 3]
    assert {f.indicator for f in seleksi} == {"Jumlah Calon ASN yang mengikuti seleksi"}
    assert {f.unit for f in seleksi} == {"pelamar"}
    children = {(tuple(f.dimension.items()), f.kind, f.value) for f in result.facts
                if f.indicator == "Pensiun Batas Usia Pensiun (BUP)" and f.dimension}
    assert children == {((("eselon", "II"),), "target", 4), ((("eselon", "II"),), "realisation", 3),
                        ((("jenis_jabatan", "Pelaksana"),), "target", 195),
                        ((("jenis_jabatan", "Pelaksana"),), "realisation", 196)}


def test_printed_column_formulas_must_hold_under_the_headers_reading(tmp_path: Path) -> None:
    lines = [
        "Tabel 2.1 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja",
        "Kode\tIndikator Kinerja\tTarget Tahun 2021\tRealisasi Tahun 2021\tTingkat Realisasi (%)",
        "1\t2\t3\t4\t5=(4/3x100)",
    ]
    aligned = _extract(tmp_path, RENSTRA, [*lines, "5.03\tIndeks Profesionalitas ASN\t80\t60\t75,00"],
                       "renstra_kota_contoh_2024-2026.txt")
    assert _got(aligned) == {("target", 2021, 80), ("realisation", 2021, 60), ("capaian_pct", 2021, 75.0)}
    assert aligned.unresolved == []
    # The code split over two cells: every number sits one column right of its header; the formula
    # (5 = 4/3 × 100) holds one column right too, so the row is read one column right.
    shifted = _extract(tmp_path, RENSTRA, [*lines, "5\t03\tIndeks Profesionalitas ASN\t80\t60\t75,00"],
                       "renstra_kota_contoh_2024-2026.txt")
    assert _got(shifted) == _got(aligned)
    # Numbers the formula cannot place under the header (no column holds 75 = 60/80 × 100 where the
    # header reads a percentage) are never guessed.
    broken = _extract(tmp_path, RENSTRA, [*lines, "5.03\tIndeks Profesionalitas ASN\t75,00\t80\t60"],
                      "renstra_kota_contoh_2024-2026.txt")
    assert _got(broken) == set()
    assert {u.reason for u in broken.unresolved} == {"alignment_unverified"}


def test_formulas_place_rows_whose_code_is_split_into_many_cells(tmp_path: Path) -> None:
    lines = [
        "Tabel 2.1 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja",
        "Kode\tIndikator Kinerja\tTarget pada akhir Renstra\tTarget Tahun 2021\tRealisasi Tahun 2021\t"
        "Tingkat Realisasi (%)\tCapaian akhir (%)",
        "1\t2\t3\t4\t5\t6=(5/4x100)\t7=(5/3x100)",
    ]
    # Code `5 | 03 | 02 | 2.01 | 2`: the numbers sit four cells right of the column numbers. The plan's
    # end target has no kind of the header's vocabulary: it neither proves nor refutes the placing.
    code = "5\t03\t02\t2.01\t2\tJumlah ASN yang ditempatkan"
    split = _extract(tmp_path, RENSTRA, [*lines, f"{code}\t200\t40\t30\t75,00\t15,00"],
                     "renstra_kota_contoh_2024-2026.txt")
    assert {("target", 2021, 40), ("realisation", 2021, 30), ("capaian_pct", 2021, 75.0)} <= _got(split)
    assert not any(u.reason == "alignment_unverified" for u in split.unresolved)
    # The same row with its target and realisation swapped: 40/30 × 100 is no 75, nothing is read.
    swapped = _extract(tmp_path, RENSTRA, [*lines, f"{code}\t200\t30\t40\t75,00\t15,00"],
                       "renstra_kota_contoh_2024-2026.txt")
    assert not {f for f in _got(swapped) if f[1] == 2021}


def test_years_under_a_tally_label_are_counts_not_history_or_targets(tmp_path: Path) -> None:
    lines = [
        "Tabel 2.15 Rekapitulasi Pelayanan Kepegawaian",
        "No\tJenis Pelayanan\tRekapitulasi Pelayanan\t\tJumlah",
        "\t\t2021\t2022\t",
        "1\tPelayanan Pensiun\t507\t562\t1.069",
        "2\tPelayanan Kenaikan Pangkat\t1.784\t1.680\t3.464",
        "",
        "Tabel 2.16 Capaian Kinerja",
        "No\tIndikator\t2021\t2022",
        "1\tIndeks Profesionalitas ASN\t70\t72",
    ]
    result = _extract(tmp_path, RENSTRA, lines, "renstra_kota_contoh_2024-2026.txt")
    tally = {(f.indicator, f.kind, f.year, f.value) for f in result.facts if f.indicator.startswith("Pelayanan")}
    assert tally == {("Pelayanan Pensiun", "count", 2021, 507), ("Pelayanan Pensiun", "count", 2022, 562),
                     ("Pelayanan Kenaikan Pangkat", "count", 2021, 1784),
                     ("Pelayanan Kenaikan Pangkat", "count", 2022, 1680)}
    # Bare years with no tally above them keep their reading: in a plan, years before it are history.
    ip = {(f.kind, f.year, f.value) for f in result.facts if f.indicator == "Indeks Profesionalitas ASN"}
    assert ip == {("realisation", 2021, 70), ("realisation", 2022, 72)}


def test_a_column_of_proposals_is_never_taken_for_a_split_stub_cell(tmp_path: Path) -> None:
    lines = [
        "Tabel 3.58 Rekapitulasi Pemberian Kesejahteraan Pegawai Tahun 2024",
        "No\t\tUraian\t\t2024\t\t",
        "No\t\t\tUsulan\tRealisasi\tSisa\t",
        "a.\t\tMasa Kerja 30 Tahun\t248\t0\t\t",
        "b.\t\tMasa Kerja 20 Tahun\t244\t10\t\t",
        "II.\tPemberian Cuti Pegawai\t\t\t\t\t",
        "\ta.\tCuti Tahunan\t1187\t\t\t",
        "\tb.\tCuti Sakit\t657\t\t\t",
    ]
    result = _extract(tmp_path, LKIP, lines, "lkip_bkd_provinsi_contoh_2024.txt")
    # The proposals (248, 244, 1187, 657) are no realisation, nor moved left under Realisasi when it is
    # empty: they are counts of proposals, and their names say so.
    assert {(f.indicator, f.kind, f.value) for f in result.facts} == {
        ("Masa Kerja 30 Tahun", "realisation", 0), ("Masa Kerja 20 Tahun", "realisation", 10),
        ("Masa Kerja 30 Tahun (usulan)", "count", 248), ("Masa Kerja 20 Tahun (usulan)", "count", 244),
        ("Cuti Tahunan (usulan)", "count", 1187), ("Cuti Sakit (usulan)", "count", 657)}
