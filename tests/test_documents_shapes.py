"""Each table shape the recognisers know, in small documents written for the test (text and PDF)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.documents import extract_document
from extractors.facts import Fact
from samples.pdf_writer import Grid, Para, PdfDocument, write_pdf

TITLE = [
    "LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN 2024",
    "Badan Kepegawaian Daerah Kabupaten Contoh",
    "PEMERINTAH KABUPATEN CONTOH",
    "Contoh, 2025",
]


def _write_text(tmp_path: Path, lines: list[str], name: str = "lkip_kabupaten_contoh_2024.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(TITLE + [""] + lines) + "\n", encoding="utf-8")
    return path


def _facts(path: Path) -> list[Fact]:
    return extract_document(path).facts


def _by_dim(facts: list[Fact], key: str) -> dict[str, float]:
    return {f.dimension[key]: f.value for f in facts if list(f.dimension) == [key]}


def test_colon_list_with_bullets_dash_and_total(tmp_path: Path) -> None:
    path = _write_text(tmp_path, [
        "Pegawai Berdasarkan Golongan",
        "- Golongan IV\t:\t5\tOrang",
        "- Golongan III\t:\t20\tOrang",
        "- Golongan II\t:\t-\tOrang",
        "JUMLAH\t:\t26\tOrang",
    ])
    facts = _facts(path)
    assert _by_dim(facts, "golongan") == {"IV": 5, "III": 20, "II": 0}
    total = [f for f in facts if not f.dimension]
    assert total[0].value == 26 and total[0].flags == ["stated_total_mismatch:26!=25"]
    assert all(f.year == 2024 and f.line is not None for f in facts)


def test_colon_list_as_plain_text_lines(tmp_path: Path) -> None:
    path = _write_text(tmp_path, [
        "Berdasarkan Tingkat Pendidikan",
        "Strata Dua (S2) : 4 Orang",
        "Strata Satu (S1) : 9 Orang",
        "JUMLAH : 13 Orang",
    ])
    facts = _facts(path)
    assert _by_dim(facts, "pendidikan") == {"S2": 4, "S1": 9}
    assert [f.flags for f in facts if not f.dimension] == [[]]


def test_one_row_grid_by_golongan_ruang_and_age(tmp_path: Path) -> None:
    path = _write_text(tmp_path, [
        "Tabel 3.1 Keadaan PNS berdasarkan Golongan Tahun 2024",
        "\tIII/a\tIII/b\tIV/a",
        "Tahun 2024\t10\t20\t30",
        "",
        "Tabel 3.2 Keadaan PNS berdasarkan Usia Tahun 2024",
        "Tahun\t< 25\t26 s.d 30\t> 65",
        "2024\t1\t2\t3",
    ])
    facts = _facts(path)
    assert _by_dim(facts, "golongan_ruang") == {"III/a": 10, "III/b": 20, "IV/a": 30}
    assert _by_dim(facts, "kelompok_usia") == {"19-25": 1, "26-30": 2, ">65": 3}


def test_categories_down_with_a_count_column_or_year_columns(tmp_path: Path) -> None:
    path = _write_text(tmp_path, [
        "Tabel 3.1 Jumlah PNS berdasarkan Golongan",
        "No\tGolongan\tJumlah\t%",
        "1\tGolongan I\t10\t5",
        "2\tGolongan II\t40\t20",
        "3\tGolongan III\t100\t50",
        "\tJumlah\t150\t75",
        "",
        "Tabel 3.2 Perkembangan Jumlah PNS menurut Pendidikan",
        "Pendidikan\t2022\t2023",
        "S2\t10\t12",
        "S1\t100\t110",
    ])
    facts = _facts(path)
    assert {(f.year, f.value) for f in facts if f.dimension == {"golongan": "III"}} == {(2024, 100)}
    assert [f.value for f in facts if not f.dimension] == [150]
    by_year = {(f.dimension["pendidikan"], f.year): f.value for f in facts if "pendidikan" in f.dimension}
    assert by_year == {("S2", 2022): 10, ("S2", 2023): 12, ("S1", 2022): 100, ("S1", 2023): 110}


def test_per_unit_cross_table_with_row_and_column_totals(tmp_path: Path) -> None:
    path = _write_text(tmp_path, [
        "Tabel 2.2 Rekapitulasi Aparatur Berdasarkan Golongan",
        "No\tUnit Kerja\tGolongan\t\t\tJumlah",
        "\t\tII\tIII\tIV\t",
        "1\tSekretariat\t1\t5\t2\t9",
        "2\tBidang Mutasi\t-\t4\t1\t5",
        "<b>Jumlah</b>\t\t1\t9\t3\t14",
        "Sumber: data kepegawaian Tahun 2023",
    ])
    facts = _facts(path)
    cells = {(f.dimension["unit_kerja"], f.dimension["golongan"]): f.value
             for f in facts if set(f.dimension) == {"unit_kerja", "golongan"}}
    assert cells[("Sekretariat", "III")] == 5 and cells[("Bidang Mutasi", "II")] == 0
    row_total = [f for f in facts if f.dimension == {"unit_kerja": "Sekretariat"}][0]
    assert row_total.value == 9 and row_total.flags == ["stated_total_mismatch:9!=8"]
    assert _by_dim(facts, "golongan") == {"II": 1, "III": 9, "IV": 3}
    grand = [f for f in facts if not f.dimension][0]
    assert grand.value == 14 and grand.flags == ["stated_total_mismatch:14!=13"]
    assert all(f.year == 2023 for f in facts)  # from the source note under the table


def test_category_by_gender_cross_table(tmp_path: Path) -> None:
    path = _write_text(tmp_path, [
        "Tabel 2.8 Pejabat Struktural Berdasarkan Eselon Menurut Jenis Kelamin",
        "No\tEselon\tLaki-Laki\tPerempuan\tTotal",
        "1\tII\t1\t-\t1",
        "2\tIII a\t2\t1\t3",
        "Jumlah\t\t3\t1\t4",
    ])
    facts = _facts(path)
    cross = {(f.dimension["eselon"], f.dimension["jenis_kelamin"]): f.value
             for f in facts if set(f.dimension) == {"eselon", "jenis_kelamin"}}
    assert cross == {("II", "Laki-laki"): 1, ("II", "Perempuan"): 0,
                     ("III.a", "Laki-laki"): 2, ("III.a", "Perempuan"): 1}
    assert _by_dim(facts, "jenis_kelamin") == {"Laki-laki": 3, "Perempuan": 1}
    assert not any(f.flags for f in facts)


def test_html_table_fragment_and_markdown_pipe_table(tmp_path: Path) -> None:
    path = _write_text(tmp_path, [
        "Tabel 3.3 Keadaan PNS berdasarkan Jenis Kelamin Tahun 2024",
        "<table><tr><th>Tahun</th><th>Perempuan</th><th>Laki-laki</th></tr>",
        "<tr><td>2024</td><td><b>12</b></td><td>8</td></tr></table>",
        "",
        "Tabel 3.4 Keadaan PNS berdasarkan Jabatan Tahun 2024",
        "| Tahun | Struktural | Fungsional Umum | Fungsional Tertentu |",
        "|---|---|---|---|",
        "| 2024 | 3 | 4 | 5 |",
    ])
    facts = _facts(path)
    assert _by_dim(facts, "jenis_kelamin") == {"Perempuan": 12, "Laki-laki": 8}
    assert _by_dim(facts, "jenis_jabatan") == {"Struktural": 3, "Pelaksana": 4, "Fungsional": 5}
    gender = [f for f in facts if "jenis_kelamin" in f.dimension]
    assert {f.line for f in gender} == {TITLE_LINES + 3}


TITLE_LINES = len(TITLE) + 1


def test_lkip_target_realisation_capaian_with_merit_and_ip_dimensions(tmp_path: Path) -> None:
    path = _write_text(tmp_path, [
        "Tabel 3.2 Capaian Indikator Kinerja Utama Tahun 2024",
        "NO\tINDIKATOR KINERJA UTAMA\tSATUAN\tTARGET\tREALISASI\tCAPAIAN (%)",
        "1.\tIndeks Profesionalitas ASN\tNilai\t70,00\t72,50\t103,57",
        "2.\tIndeks Sistem Merit\tNilai\t300,00\t310,5\t103,50",
        "3.\tCapaian SAKIP Perangkat Daerah\tNilai\t70-80\t78,25\t97,81",
        "4.\tPersentase ASN yang Mengikuti Diklat\t%\t60\t65\t108,33",
        "",
        "Tabel 3.3 Nilai Aspek Sistem Merit Tahun 2024",
        "NO\tASPEK PADA SISTEM MERIT\tTARGET\tREALISASI",
        "1\tNilai Aspek Pengadaan\t40\t41",
        "2\tNilai Aspek Pengembangan Karir\t60\t62",
        "\tINDEKS SISTEM MERIT\t100\t104",
        "",
        "Tabel 3.4 Nilai Dimensi Indeks Profesionalitas ASN Tahun 2024",
        "INDIKATOR\tTARGET\tREALISASI\tCAPAIAN (%)",
        "Nilai Indeks Profesionalitas ASN Dimensi Kualifikasi\t18\t22,2\t123,33",
        "Nilai Indeks Profesionalitas ASN Dimensi Kedisiplinan\t4,98\t5,00\t100,40",
        "JUMLAH\t22,98\t27,30\t",
    ])
    result = extract_document(path)
    got = {(f.metric, f.kind, tuple(f.dimension.items()), f.value) for f in result.facts if f.year == 2024}
    assert ("ip_asn", "target", (), 70.0) in got
    assert ("ip_asn", "capaian_pct", (), 103.57) in got
    assert ("merit_index", "realisation", (), 310.5) in got
    assert ("sakip_score", "realisation", (), 78.25) in got
    assert not any(f[0] == "sakip_score" and f[1] == "target" for f in got)  # 70-80 is not one number
    assert any("70-80" in p for p in result.problems)
    indicator = [f for f in result.facts if f.metric == "indicator_value" and f.kind == "target"]
    assert indicator[0].indicator == "Persentase ASN yang Mengikuti Diklat" and indicator[0].value == 60
    assert ("merit_aspect_score", "target", (("aspek", "Pengembangan Karier"),), 60) in got
    assert ("ip_asn", "realisation", (("dimensi", "disiplin"),), 5.0) in got
    # Totals: the merit index closing its aspects (104 vs 41+62) and the JUMLAH of IP dimensions.
    closing = [f for f in result.facts if f.metric == "merit_index" and f.value == 104][0]
    assert closing.flags == ["stated_total_mismatch:104.0!=103"] or closing.flags[0].startswith(
        "stated_total_mismatch:104")
    ip_total = [f for f in result.facts if f.metric == "ip_asn" and not f.dimension and f.value == 27.3][0]
    assert ip_total.flags == ["stated_total_mismatch:27.3!=27.2"]
    ip_target = [f for f in result.facts if f.metric == "ip_asn" and not f.dimension and f.value == 22.98][0]
    assert ip_target.flags == []


def test_renstra_yearly_targets_and_budgets_by_level(tmp_path: Path) -> None:
    path = tmp_path / "renstra_kota_contoh_2025-2029.txt"
    path.write_text("\n".join([
        "RENCANA STRATEGIS (RENSTRA) TAHUN 2025-2029",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Contoh",
        "PEMERINTAH KOTA CONTOH",
        "",
        "Tabel 6.1 Rencana Program, Kegiatan dan Pendanaan",
        "INDIKATOR / PROGRAM\tSATUAN\t2025\t\t2026\t",
        "\t\tTarget\tRp\tTarget\tRp",
        "Indeks Profesionalitas ASN\tPoin\t0,85\t-\t0.90\t-",
        "PROGRAM KEPEGAWAIAN DAERAH\t%\t100\t8,347,500,000\t100\t6.554.542.200",
        "Mutasi dan Promosi ASN\t%\t100\t1.000.000\t100\t2.000.000",
        "Pengelolaan Kenaikan Pangkat ASN\tdokumen\t2\t500.000\t2\t600.000",
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA\t%\t100\t1.000.000.000\t100\t1.000.000.000",
        "JUMLAH\t\t\t9.347.500.000\t\t7.654.542.201",
    ]) + "\n", encoding="utf-8")
    result = extract_document(path)
    assert (result.identity.doc_type, result.identity.region) == ("renstra", "Kota Contoh")
    assert (result.identity.period_start, result.identity.period_end) == (2025, 2029)
    facts = result.facts
    ip = {(f.year, f.value) for f in facts if f.metric == "ip_asn" and f.kind == "target"}
    assert ip == {(2025, 0.85), (2026, 0.9)}
    budget = {(tuple(f.dimension.items()), f.year, f.value) for f in facts if f.metric == "budget_idr"}
    assert ((("program", "PROGRAM KEPEGAWAIAN DAERAH"),), 2025, 8_347_500_000) in budget
    assert ((("program", "PROGRAM KEPEGAWAIAN DAERAH"),), 2026, 6_554_542_200) in budget
    assert ((("kegiatan", "Mutasi dan Promosi ASN"),), 2026, 2_000_000) in budget
    assert ((("sub_kegiatan", "Pengelolaan Kenaikan Pangkat ASN"),), 2025, 500_000) in budget
    assert all(f.kind == "pagu" and f.unit == "IDR" for f in facts if f.metric == "budget_idr")
    totals = {f.year: f for f in facts if f.metric == "budget_idr" and f.indicator == "JUMLAH"}
    assert totals[2025].flags == []
    assert totals[2026].flags == ["stated_total_mismatch:7654542201!=7554542200"]


@pytest.mark.parametrize("ruled", [True, False])
def test_the_same_shapes_from_a_pdf(tmp_path: Path, ruled: bool) -> None:
    blocks = [Para(t) for t in TITLE] + [
        Para("Tabel 3.1 Keadaan PNS berdasarkan Tingkat Pendidikan Tahun 2024"),
        Grid(rows=[["", "S3", "S2", "S1", "SLTA"], ["2024", "3", "40", "120", "15"]], ruled=ruled),
        Para("Tabel 3.2 Rekapitulasi Aparatur Berdasarkan Jenis Jabatan Menurut Jenis Kelamin"),
        Grid(rows=[["No", "Jenis Jabatan", "Laki-Laki", "Perempuan", "Total"],
                   ["1", "Fungsional Tertentu", "12", "17", "30"],
                   ["2", "Fungsional Umum", "8", "18", "26"],
                   ["Jumlah", "", "20", "35", "56"]], ruled=ruled),
        Para("Tabel 3.3 Realisasi Anggaran Tahun 2024"),
        Grid(rows=[["PROGRAM / KEGIATAN", "PAGU (Rp)", "REALISASI (Rp)", "CAPAIAN (%)"],
                   ["PROGRAM KEPEGAWAIAN DAERAH", "7.102.590.552", "6.783.424.991", "95,51"],
                   ["Mutasi dan Promosi ASN", "1.000.000", "900.000", "90,00"]], ruled=ruled),
    ]
    path = write_pdf(tmp_path / "lkip_kabupaten_contoh_2024.pdf", PdfDocument(blocks=blocks))
    result = extract_document(path)
    assert result.identity.region == "Kabupaten Contoh" and result.identity.doc_type == "lkip"
    facts = result.facts
    assert _by_dim(facts, "pendidikan") == {"S3": 3, "S2": 40, "S1": 120, "SLTA": 15}
    jab = {f.dimension["jenis_jabatan"]: f for f in facts if f.dimension.keys() == {"jenis_jabatan"}}
    assert jab["Fungsional"].value == 30 and jab["Fungsional"].flags == ["stated_total_mismatch:30!=29"]
    assert jab["Pelaksana"].flags == []
    budget = {(f.kind, tuple(f.dimension.items()), f.value) for f in facts if f.metric == "budget_idr"}
    assert ("pagu", (("program", "PROGRAM KEPEGAWAIAN DAERAH"),), 7_102_590_552) in budget
    assert ("budget_realisation", (("kegiatan", "Mutasi dan Promosi ASN"),), 900_000) in budget
    assert all(f.page == 1 and f.line is None and f.source == path.name for f in facts)


def test_pdf_header_cells_spanning_columns(tmp_path: Path) -> None:
    """A year printed once over its Target and Rp columns (a merged cell) governs both."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RlTable

    from samples.pdf_writer import getSampleStyleSheet

    path = tmp_path / "renstra_kota_contoh_2024-2026.pdf"
    styles = getSampleStyleSheet()
    data = [["INDIKATOR", "2024", "", "2025", ""], ["", "Target", "Rp", "Target", "Rp"],
            ["Indeks Sistem Merit", "270,50", "1.000.000", "300,00", "2.000.000"]]
    table = RlTable(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("SPAN", (1, 0), (2, 0)), ("SPAN", (3, 0), (4, 0)), ("SPAN", (0, 0), (0, 1))]))
    SimpleDocTemplate(str(path)).build([
        Paragraph("RENCANA STRATEGIS TAHUN 2024-2026 Badan Kepegawaian Daerah Kota Contoh", styles["Title"]),
        Paragraph("Tabel 4.1 Target Indeks Sistem Merit", styles["BodyText"]), table,
    ])
    facts = extract_document(path).facts
    merit = {(f.year, f.value) for f in facts if f.metric == "merit_index" and f.kind == "target"}
    assert merit == {(2024, 270.5), (2025, 300.0)}
    budget = {(f.year, f.value) for f in facts if f.metric == "budget_idr"}
    assert budget == {(2024, 1_000_000), (2025, 2_000_000)}


def test_identity_from_an_abbreviated_cover(tmp_path: Path) -> None:
    path = tmp_path / "lkjip.txt"
    path.write_text("LKjIP BKPSDM KABUPATEN BOGOR TAHUN 2023\n\nLaporan Kabupaten Bogor.\n", encoding="utf-8")
    ident = extract_document(path).identity
    assert (ident.doc_type, ident.region, ident.period_start, ident.period_end) == (
        "lkip", "Kabupaten Bogor", 2023, 2023)
    assert ident.agency == "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Bogor"


def test_renja_with_kepmendagri_codes_and_forward_estimates(tmp_path: Path) -> None:
    path = tmp_path / "renja.txt"
    path.write_text("\n".join([
        "RENCANA KERJA (RENJA) TAHUN 2025",
        "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN LEBAK",
        "",
        "Tabel 3.1 Rumusan Rencana Program dan Kegiatan Tahun 2025",
        "Kode\tProgram/Kegiatan/Sub Kegiatan\tIndikator Kinerja\tRencana Tahun 2025\t\tPrakiraan Maju Tahun 2026\t",
        "\t\t\tTarget\tPagu Indikatif (Rp)\tTarget\tKebutuhan Dana (Rp)",
        "5.03.02\tPROGRAM KEPEGAWAIAN DAERAH\tIndeks Profesionalitas ASN\t75 Nilai\t8.500.000.000"
        "\t78 Nilai\t9.000.000.000",
        "5.03.02.1.02\tMutasi dan Promosi ASN\tPersentase ASN dimutasi\t100%\t1.200.000.000\t100%\t1.300.000.000",
        "5.03.02.1.02.0002\tPengelolaan Kenaikan Pangkat ASN\tJumlah Dokumen\t2 Dokumen\t400.000.000"
        "\t2 Dokumen\t450.000.000",
    ]) + "\n", encoding="utf-8")
    result = extract_document(path)
    ident = result.identity
    assert (ident.doc_type, ident.region, ident.period_start, ident.period_end) == (
        "renja", "Kabupaten Lebak", 2025, 2025)
    budget = {(next(iter(f.dimension)), f.year, f.value) for f in result.facts if f.metric == "budget_idr"}
    assert budget == {("program", 2025, 8_500_000_000), ("program", 2026, 9_000_000_000),
                      ("kegiatan", 2025, 1_200_000_000), ("kegiatan", 2026, 1_300_000_000),
                      ("sub_kegiatan", 2025, 400_000_000), ("sub_kegiatan", 2026, 450_000_000)}
    ip = {(f.year, f.value, f.unit) for f in result.facts if f.metric == "ip_asn"}
    assert ip == {(2025, 75, "nilai"), (2026, 78, "nilai")}
