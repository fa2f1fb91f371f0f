"""Every figure the sample inputs are made of, written once, as literals.

Both generators read this module — `samples.documents` (the PDFs) and `samples.simpeg` (the exports) — and tests
may import it for their expected answers. Nothing here is computed by the project's extractors: each printed
label comes with its category in the code lists' spelling, written out by hand, so a test comparing extracted
facts with the truth fails when a normaliser is wrong instead of agreeing with it.

Figures of Provinsi Banten, Kota Serang and Kota Bekasi are those printed in the documents of the project corpus
(numbers only, including the totals that do not add up). Kota Tangerang and Kabupaten Lebak are invented but
plausible, so that cities of one province can be compared and one city has two report years. Where a SIMPEG
export needs detail a document does not publish (the ruang within a golongan, a gender split), the split is
ours and says so; its sums are the published ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# --- printed labels and their categories ---------------------------------------------------------------
# (label as the tables print it, category as the code lists spell it)

GOLONGAN_RUANG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("I/a", "I/a"), ("I/b", "I/b"), ("I/c", "I/c"), ("I/d", "I/d"),
    ("II/a", "II/a"), ("II/b", "II/b"), ("II/c", "II/c"), ("II/d", "II/d"),
    ("III/a", "III/a"), ("III/b", "III/b"), ("III/c", "III/c"), ("III/d", "III/d"),
    ("IV/a", "IV/a"), ("IV/b", "IV/b"), ("IV/c", "IV/c"), ("IV/d", "IV/d"), ("IV/e", "IV/e"),
)
# "Diploma" is printed as one column (D-I..D-IV together); it stays its own category.
PENDIDIKAN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("S3", "S3"), ("S2", "S2"), ("S1", "S1"), ("Diploma", "Diploma"), ("SLTA", "SLTA"), ("SLTP", "SLTP"),
    ("SD", "SD"),
)
JABATAN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Struktural", "Struktural"), ("Fungsional Umum", "Pelaksana"), ("Fungsional Tertentu", "Fungsional"),
)
GENDER_COLUMNS: tuple[tuple[str, str], ...] = (("Perempuan", "Perempuan"), ("Laki-laki", "Laki-laki"))
USIA_COLUMNS: tuple[tuple[str, str], ...] = (
    ("19-25", "19-25"), ("26-30", "26-30"), ("31-35", "31-35"), ("36-40", "36-40"), ("41-45", "41-45"),
    ("46-50", "46-50"), ("51-55", "51-55"), ("56-60", "56-60"),
)
# Eselon as printed with a slash (`II/a`) in the LKIP recaps; the code list writes `II.a`.
PROVINSI_ESELON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("I", "I"), ("II/a", "II.a"), ("II/b", "II.b"), ("III/a", "III.a"), ("III/b", "III.b"), ("IV", "IV"),
)
KOTA_ESELON_COLUMNS: tuple[tuple[str, str], ...] = (
    ("II/a", "II.a"), ("II/b", "II.b"), ("III/a", "III.a"), ("III/b", "III.b"), ("IV/a", "IV.a"), ("IV/b", "IV.b"),
)
GOLONGAN_COLUMNS: tuple[tuple[str, str], ...] = (("I", "I"), ("II", "II"), ("III", "III"), ("IV", "IV"))
GENDER_LP_COLUMNS: tuple[tuple[str, str], ...] = (("Laki-Laki", "Laki-laki"), ("Perempuan", "Perempuan"))

MERIT_ASPECTS_KASN = (
    "Perencanaan Kebutuhan",
    "Pengadaan",
    "Pengembangan Karier",
    "Promosi dan Mutasi",
    "Manajemen Kinerja",
    "Penggajian, Penghargaan, dan Disiplin",
    "Perlindungan dan Pelayanan",
    "Sistem Informasi",
)
IP_ASN = "Indeks Profesionalitas ASN"
MERIT = "Indeks Sistem Merit"
SAKIP = "Capaian SAKIP Perangkat Daerah"


# --- containers --------------------------------------------------------------------------------------


@dataclass
class Composition:
    """Whole-government PNS composition for one year, in the LKIP's one-row tables (counts as printed)."""

    year: int
    golongan_ruang: Sequence[str]  # 17 printed counts, GOLONGAN_RUANG_COLUMNS order
    pendidikan: Sequence[str]  # PENDIDIKAN_COLUMNS order
    jabatan: Sequence[str]  # JABATAN_COLUMNS order
    eselon_columns: Sequence[tuple[str, str]]
    eselon: Sequence[str]
    gender: Sequence[str]  # GENDER_COLUMNS order
    usia: Sequence[str]  # USIA_COLUMNS order


@dataclass
class Iku:
    """Target/realisation of one key indicator in one year, as printed."""

    target: str
    realisation: str
    capaian: str


@dataclass
class BudgetLine:
    name: str
    level: str  # program | kegiatan | sub_kegiatan
    pagu: str
    realisation: str = ""
    capaian: str = ""


# A row of a cross table: (label as printed, category or None for a unit kerja kept as printed,
# cells as printed, the row's stated total).
CrossRow = tuple[str, str | None, Sequence[str], str]


# --- Provinsi Banten, LKIP BKD 2024 (published) ---------------------------------------------------------

BANTEN_FILE = "lkip_bkd_provinsi_banten_2024.pdf"
BANTEN_AGENCY = "Badan Kepegawaian Daerah Provinsi Banten"

# 10,692 PNS at the end of 2024, as Tabel 3.38-3.43 print them.
BANTEN_2024_GOLONGAN_RUANG: dict[str, int] = {
    "I/a": 0, "I/b": 0, "I/c": 12, "I/d": 2, "II/a": 77, "II/b": 6, "II/c": 291, "II/d": 143,
    "III/a": 2514, "III/b": 887, "III/c": 778, "III/d": 3080, "IV/a": 1254, "IV/b": 1459, "IV/c": 157,
    "IV/d": 29, "IV/e": 3,
}
BANTEN_2024_PENDIDIKAN: dict[str, int] = {
    "S3": 62, "S2": 2519, "S1": 7113, "Diploma": 419, "SLTA": 533, "SLTP": 27, "SD": 19,
}
BANTEN_2024_JABATAN: dict[str, int] = {"Struktural": 478, "Fungsional Umum": 3942, "Fungsional Tertentu": 6272}
BANTEN_2024_ESELON: dict[str, int] = {"I": 1, "II/a": 33, "II/b": 4, "III/a": 151, "III/b": 55, "IV": 632}
BANTEN_2024_GENDER: dict[str, int] = {"Perempuan": 5390, "Laki-laki": 5302}
BANTEN_2024_USIA: dict[str, int] = {
    "19-25": 28, "26-30": 374, "31-35": 753, "36-40": 1390, "41-45": 2340, "46-50": 2461, "51-55": 1955,
    "56-60": 1391,
}
# The document prints one "Diploma" count (419); the SIMPEG sample needs levels. This split is ours.
BANTEN_2024_DIPLOMA_SPLIT: dict[str, int] = {"D-IV": 118, "D-III": 285, "D-II": 6, "D-I": 10}

BANTEN_2024 = Composition(
    year=2024,
    golongan_ruang=tuple(str(n) for n in BANTEN_2024_GOLONGAN_RUANG.values()),
    pendidikan=tuple(str(n) for n in BANTEN_2024_PENDIDIKAN.values()),
    jabatan=tuple(str(n) for n in BANTEN_2024_JABATAN.values()),
    eselon_columns=PROVINSI_ESELON_COLUMNS,
    eselon=tuple(str(n) for n in BANTEN_2024_ESELON.values()),
    gender=tuple(str(n) for n in BANTEN_2024_GENDER.values()),
    usia=tuple(str(n) for n in BANTEN_2024_USIA.values()),
)

# Tabel 2.2: Renstra targets 2023-2026 (printed values), by indicator as the table names it.
BANTEN_RENSTRA_TARGETS: tuple[tuple[str, tuple[str, str, str, str]], ...] = (
    (
        "Capaian SAKIP (Sistem Akuntabilitas Kinerja Instansi Pemerintah) Perangkat Daerah",
        ("81,2", "81,4", "81,6", "82"),
    ),
    (IP_ASN, ("24,48", "27,98", "31,49", "35")),
    ("Indeks Merit Sistem", ("321,5", "332,5", "343,5", "357")),
)
# Tabel 3.2: the key indicators of 2024 (SAKIP's target is printed as a band).
BANTEN_IKU_2024 = {
    "sakip": Iku("70-80", "78,25", "97,81"),
    "ip_asn": Iku("52,05", "52,81", "101,46"),
    "merit": Iku("332,5", "330,5", "99,39"),
}
# Tabel 3.3: 2023 beside 2024 (target, realisation, capaian); the 2024 half repeats Tabel 3.2.
BANTEN_IKU_2023_2024: tuple[tuple[str, tuple[str, str, str], tuple[str, str, str]], ...] = (
    ("Capaian SAKIP Perangkat Daerah", ("81,20", "83,54", "102,88"), ("70-80", "78,25", "97,81")),
    (IP_ASN, ("24,48", "52,05", "212,62"), ("52,05", "52,81", "101,46")),
    (MERIT, ("321,50", "330,50", "102,80"), ("332,5", "330,5", "99,39")),
)
# Tabel 3.13: IP ASN dimension scores 2024 (dimensi, indicator as printed, target, realisation, capaian),
# closed by a JUMLAH row (target, realisation).
BANTEN_IP_ASN_DIMENSIONS_2024: tuple[tuple[str, str, str, str, str], ...] = (
    ("disiplin", "Nilai Indeks Profesionalitas ASN Dimensi Kedisiplinan", "4,98", "5,00", "99,60"),
    ("kinerja", "Nilai Indeks Profesionalitas ASN Dimensi Kinerja", "5", "25,61", "512,2"),
    ("kualifikasi", "Nilai Indeks Profesionalitas ASN Dimensi Kualifikasi", "18", "22,2", "123,33"),
)
BANTEN_IP_ASN_DIMENSIONS_TOTAL_2024 = ("27,98", "52,81")
# Tabel 3.14: merit criteria 2024 (aspect, target, realisation) and the index (target, realisation).
BANTEN_MERIT_ASPECTS_2024: tuple[tuple[str, str, str], ...] = (
    ("Perencanaan Kebutuhan", "39", "40,00"),
    ("Pengadaan", "39", "40,00"),
    ("Pengembangan Karier", "70", "65,00"),
    ("Promosi dan Mutasi", "34", "37,50"),
    ("Manajemen Kinerja", "78,5", "72,5"),
    ("Penggajian, Penghargaan, dan Disiplin", "35", "37,5"),
    ("Perlindungan dan Pelayanan", "15", "16,00"),
    ("Sistem Informasi", "22", "22,00"),
)
BANTEN_MERIT_TOTAL_2024 = ("332,5", "330,5")
# Tabel 3.50: budget 2024.
BANTEN_BUDGET_2024: tuple[BudgetLine, ...] = (
    BudgetLine(
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "program", "31.893.121.275", "30.364.264.804",
        "95,21",
    ),
    BudgetLine("Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "kegiatan", "828.804.357"),
    BudgetLine("Penyusunan Dokumen Perencanaan Perangkat Daerah", "sub_kegiatan", "515.404.357"),
    BudgetLine("Penyediaan Gaji dan Tunjangan ASN", "sub_kegiatan", "21.577.670.000", "20.813.698.871", "96,46"),
    BudgetLine("PROGRAM KEPEGAWAIAN DAERAH", "program", "7.102.590.552", "6.783.424.991", "92,01"),
)
BANTEN_BUDGET_TOTAL_2024 = BudgetLine("JUMLAH ANGGARAN", "total", "38.995.711.827", "37.147.689.795", "95,26")


# --- Kota Serang, Perubahan Renstra BKPSDM 2019-2023 (published) -----------------------------------------

SERANG_FILE = "renstra_bkpsdm_kota_serang_2019-2023.pdf"
SERANG_AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Serang"
SERANG_STAFF_YEAR = 2021  # the staff lists describe the agency when the amended plan was adopted

# Tabel 2.a lists: (label as printed, category, count as printed) and the stated JUMLAH.
# As published, the jabatan lines add up to 46 against a stated 45.
SERANG_JABATAN: tuple[tuple[str, str, str], ...] = (
    ("Kepala Badan", "Kepala Badan", "1"),
    ("Sekretaris", "Sekretaris", "1"),
    ("Kepala Bidang", "Kepala Bidang", "3"),
    ("Kepala Sub Bagian", "Kepala Sub Bagian", "2"),
    ("Kepala Sub Bidang", "Kepala Sub Bidang", "9"),
    ("Pelaksana Golongan IV", "Pelaksana Golongan IV", "0"),
    ("Pelaksana Golongan III", "Pelaksana Golongan III", "12"),
    ("Pelaksana Golongan II", "Pelaksana Golongan II", "3"),
    ("Tenaga Magang (Sukwan)", "Tenaga Magang", "15"),
)
SERANG_JABATAN_TOTAL = "45"
SERANG_PENDIDIKAN: tuple[tuple[str, str, str], ...] = (
    ("Strata Dua (S2)", "S2", "10"),
    ("Strata Satu (S1)", "S1", "17"),
    ("Diploma Tiga (D3)", "D-III", "3"),
    ("SLTA", "SLTA", "0"),
)
SERANG_PENDIDIKAN_TOTAL = "30"
SERANG_GOLONGAN: tuple[tuple[str, str, str], ...] = (
    ("Golongan IV", "IV", "2"),
    ("Golongan III", "III", "26"),
    ("Golongan II", "II", "2"),
    ("Golongan I", "I", "-"),
)
SERANG_GOLONGAN_TOTAL = "30"
SERANG_ESELON: tuple[tuple[str, str, str], ...] = (
    ("Esselon II", "II", "1"),
    ("Esselon III", "III", "4"),
    ("Esselon IV", "IV", "11"),
)
SERANG_ESELON_TOTAL = "16"

# Tabel 4.1: (indicator as printed, unit, values 2018..2024): realisations 2018-2021, targets 2022-2024.
# The IP ASN row is on the 0-1 poin scale and prints one value with a decimal point ("0.90") among commas.
SERANG_TUJUAN_SERIES = (
    (IP_ASN.upper(), "Poin", ("0,85", "0,87", "0,89", "0.90", "0,92", "0,95", "0,85")),
    ("Capaian Pelayanan administrasi kepegawaian", "%", ("85", "84", "85", "86", "87", "88", "85")),
    (
        "Capaian Pengembangan Kompetensi dan Pendidikan dan Pelatihan Aparatur",
        "%",
        ("60", "65", "70", "75", "80", "85", "85"),
    ),
)

# Tabel 6.2: (row as printed, unit, targets 2019..2023 or None, pagu 2019..2023, role). As published, this
# matrix groups thousands with commas while the rest of the document uses dots.
SERANG_PLAN_2019_2023 = (
    (
        "URUSAN PENUNJANG BIDANG KEPEGAWAIAN",
        "",
        None,
        ("11,846,652,129", "8,898,149,922", "12,418,215,014", "12,977,156,000", "13,718,330,800"),
        None,
    ),
    (
        IP_ASN.upper(),
        "Poin",
        ("0.87", "0.89", "0.90", "0.92", "0.95"),
        ("5,862,571,718", "3,228,786,260", "6,058,653,674", "6,154,500,000", "6,554,542,000"),
        "ip",
    ),
    (
        "Capaian Pelayanan administrasi kepegawaian",
        "%",
        ("85", "86", "87", "88", "85"),
        ("2,177,226,618", "2,060,402,760", "3,411,989,674", "3,369,500,000", "3,588,517,000"),
        "ind",
    ),
    (
        "Capaian Pengembangan Kompetensi dan Pendidikan dan Pelatihan Aparatur",
        "%",
        ("65", "70", "75", "80", "85"),
        ("3,685,345,100", "1,168,383,500", "2,646,664,000", "2,785,000,000", "2,966,025,000"),
        "ind",
    ),
    (
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "%",
        ("100",) * 5,
        ("5,984,080,411", "5,669,363,662", "6,359,561,340", "6,822,656,000", "7,163,788,800"),
        "program",
    ),
)

# Tabel 3.3 of the Renja annex: (row, unit, target 2023, pagu 2023, target 2024, pagu 2024, role).
SERANG_RENJA_2023_2024 = (
    ("URUSAN PENUNJANG BIDANG KEPEGAWAIAN", "", "", "14.018.330.800", "", "15.713.252.978", "total"),
    (IP_ASN.upper(), "point", "0,95", "6.554.542.200", "0,95", "7.519.895.858", "ip"),
    (
        "Capaian Pelayanan administrasi kepegawaian",
        "%",
        "80",
        "3.588.517.200",
        "80",
        "4.108.967.108",
        "ind",
    ),
    (
        "Capaian Pengembangan kompetensi dan Pendidikan dan Pelatihan Aparatur",
        "%",
        "100",
        "2.966.025.000",
        "100",
        "3.410.928.750",
        "ind",
    ),
    (
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "%",
        "100",
        "7.463.788.600",
        "100",
        "8.193.357.120",
        "program",
    ),
    (
        "PERENCANAAN, PENGANGGARAN, DAN EVALUASI KINERJA PERANGKAT DAERAH",
        "%",
        "100",
        "462.894.800",
        "100",
        "530.150.000",
        "kegiatan",
    ),
    (
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "dokumen",
        "7",
        "66.000.000",
        "7",
        "75.900.000",
        "sub_kegiatan",
    ),
)


# --- Kota Bekasi, Renstra BKPSDM 2024-2026 (published) ---------------------------------------------------

BEKASI_FILE = "renstra_bkpsdm_kota_bekasi_2024-2026.pdf"
BEKASI_AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bekasi"
BEKASI_STAFF_YEAR = 2023  # the staff tables are the agency's own data of the year before the plan
BEKASI_UNITS = (
    "Kepala Badan",
    "Sekretariat",
    "Bidang Administrasi dan Pengembangan Karir Aparatur",
    "Bidang Penilaian Kinerja Aparatur",
    "Bidang Pengembangan Kompetensi Aparatur",
)
# Tabel 2.2: units by golongan, 62 PNS.
BEKASI_UNIT_GOLONGAN: tuple[CrossRow, ...] = (
    (BEKASI_UNITS[0], None, ("-", "-", "-", "1"), "1"),
    (BEKASI_UNITS[1], None, ("-", "2", "10", "3"), "15"),
    (BEKASI_UNITS[2], None, ("-", "-", "12", "5"), "17"),
    (BEKASI_UNITS[3], None, ("-", "1", "11", "1"), "13"),
    (BEKASI_UNITS[4], None, ("-", "1", "14", "1"), "16"),
)
BEKASI_UNIT_GOLONGAN_TOTAL = (("-", "4", "47", "11"), "62")
# Tabel 2.4: units by education. As published, the Sekretariat row states 16 for parts adding to 15 and the
# S2 column states 20 for parts adding to 19: kept on purpose, the reconciliation must find them.
BEKASI_PENDIDIKAN_COLUMNS: tuple[tuple[str, str], ...] = (
    ("SMP", "SLTP"), ("SMA", "SLTA"), ("D1", "D-I"), ("D3", "D-III"), ("D4", "D-IV"), ("S1", "S1"), ("S2", "S2"),
    ("S3", "S3"),
)
BEKASI_UNIT_PENDIDIKAN: tuple[CrossRow, ...] = (
    (BEKASI_UNITS[0], None, ("-", "-", "-", "-", "-", "-", "1", "-"), "1"),
    (BEKASI_UNITS[1], None, ("-", "1", "1", "1", "3", "5", "4", "-"), "16"),
    (BEKASI_UNITS[2], None, ("-", "-", "-", "2", "3", "7", "4", "1"), "17"),
    (BEKASI_UNITS[3], None, ("-", "1", "-", "-", "1", "5", "5", "-"), "12"),
    (BEKASI_UNITS[4], None, ("-", "-", "-", "1", "2", "8", "5", "-"), "16"),
)
BEKASI_UNIT_PENDIDIKAN_TOTAL = (("-", "2", "1", "4", "9", "25", "20", "1"), "62")
# Tabel 2.6: education by gender (Laki-Laki, Perempuan); a blank cell prints nothing.
BEKASI_PENDIDIKAN_GENDER: tuple[CrossRow, ...] = (
    ("S3", "S3", ("1", ""), "1"),
    ("S2", "S2", ("7", "13"), "20"),
    ("S1", "S1", ("7", "18"), "25"),
    ("D4", "D-IV", ("3", "6"), "9"),
    ("D3", "D-III", ("2", "2"), "4"),
    ("D1", "D-I", ("", "1"), "1"),
    ("SMA", "SLTA", ("2", ""), "2"),
)
BEKASI_PENDIDIKAN_GENDER_TOTAL = (("22", "40"), "62")
# Tabel 2.8: structural officials by eselon and gender.
BEKASI_ESELON_GENDER: tuple[CrossRow, ...] = (
    ("II", "II", ("1", "-"), "1"),
    ("III a", "III.a", ("1", "-"), "1"),
    ("III b", "III.b", ("-", "3"), "3"),
    ("IV", "IV", ("-", "2"), "2"),
)
BEKASI_ESELON_GENDER_TOTAL = (("2", "5"), "7")
# Tabel 2.10: position type by gender. As published, the row totals (30, 24) and the grand total (55) disagree
# with their parts.
BEKASI_JENIS_JABATAN_GENDER: tuple[CrossRow, ...] = (
    ("Fungsional Tertentu", "Fungsional", ("12", "17"), "30"),
    ("Fungsional Umum", "Pelaksana", ("8", "18"), "24"),
)
BEKASI_JENIS_JABATAN_GENDER_TOTAL = (("20", "35"), "55")

# Tabel 4.1: (indicator, unit, targets 2024..2026).
BEKASI_TUJUAN_TARGETS = (
    ("Persentase Capaian Penerapan Sistem Merit", "%", ("65,98", "73,17", "79,27")),
    ("Nilai AKIP Perangkat Daerah", "Nilai", ("80,16", "80,26", "80,36")),
    ("Nilai Survey Kepuasan Masyarakat", "Nilai", ("90,00", "90,25", "90,50")),
    (MERIT, "Nilai", ("270,50", "300,00", "325,00")),
)

# Tabel 6.1a: (aspect row as printed, aspect as the fact names it, targets 2024..2026), printed with decimal
# points as in the published matrix; the index targets are BEKASI_MERIT_TARGET_TOTALS.
BEKASI_MERIT_ASPECT_TARGETS = (
    (
        "NILAI ASPEK PERENCANAAN KEBUTUHAN, PENGADAAN, PROMOSI DAN MUTASI SERTA SISTEM INFORMASI PADA SISTEM MERIT",
        "Perencanaan Kebutuhan, Pengadaan, Promosi dan Mutasi serta Sistem Informasi",
        ("97.00", "107.58", "116.54"),
    ),
    (
        "NILAI ASPEK PENGEMBANGAN KARIR PADA SISTEM MERIT",
        "Pengembangan Karier",
        ("60.00", "66.54", "72.09"),
    ),
    (
        "NILAI ASPEK MANAJEMEN KINERJA, PENGGAJIAN, PENGHARGAAN DAN DISIPLIN SERTA PERLINDUNGAN DAN "
        "PELAYANAN PADA SISTEM MERIT",
        "Manajemen Kinerja, Penggajian, Penghargaan dan Disiplin serta Perlindungan dan Pelayanan",
        ("113.50", "125.88", "136.37"),
    ),
)

BEKASI_MERIT_TARGET_TOTALS = ("270.50", "300.00", "325.00")

# Tabel 6.1: (program or kegiatan, level, pagu 2024..2026) and the stated JUMLAH per year.
BEKASI_BUDGET_PLAN = (
    (
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
        "program",
        ("18.106.982.707", "19.845.137.040", "19.653.143.600"),
    ),
    (
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        "kegiatan",
        ("10.000.000", "60.890.000", "65.890.000"),
    ),
    (
        "Administrasi Keuangan Perangkat Daerah",
        "kegiatan",
        ("15.584.132.000", "17.156.302.000", "16.923.753.600"),
    ),
    (
        "Administrasi Kepegawaian Perangkat Daerah",
        "kegiatan",
        ("20.000.000", "158.100.000", "462.500.000"),
    ),
    (
        "Administrasi Umum Perangkat Daerah",
        "kegiatan",
        ("1.195.055.000", "1.110.691.000", "1.220.000.000"),
    ),
    (
        "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
        "kegiatan",
        ("465.536.000", "695.313.000", "550.000.000"),
    ),
    (
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        "kegiatan",
        ("370.759.707", "353.751.040", "40.000.000"),
    ),
    (
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        "kegiatan",
        ("461.500.000", "310.090.000", "391.000.000"),
    ),
    ("PROGRAM KEPEGAWAIAN DAERAH", "program", ("9.575.084.825", "8.372.205.520", "12.606.502.178")),
    (
        "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
        "kegiatan",
        ("1.075.984.500", "1.043.870.420", "1.423.305.195"),
    ),
    ("Mutasi dan Promosi ASN", "kegiatan", ("699.801.500", "781.657.100", "778.438.456")),
    ("Pengembangan Kompetensi ASN", "kegiatan", ("7.515.850.825", "6.222.820.000", "9.448.557.524")),
    (
        "Penilaian dan Evaluasi Kinerja Aparatur",
        "kegiatan",
        ("283.448.000", "323.858.000", "956.201.003"),
    ),
)

BEKASI_BUDGET_PLAN_TOTAL = ("27.682.067.532", "28.217.342.560", "32.259.645.778")
# Tabel 7.2: (indicator, realisation 2021, realisation 2022, target 2023): SAKIP, a satisfaction survey, IP ASN.
BEKASI_IKU_2021_2023 = (
    ("Nilai AKIP Perangkat Daerah", "80,04", "80,16", "81,00"),
    ("Nilai Hasil Survey Kepuasan Layanan Administrasi Kepegawaian", "85,73", "89,96", "83,39"),
    (IP_ASN, "55,67", "55,50", "61,00"),
)


# --- invented regions of Banten province -------------------------------------------------------------------

TANGERANG_AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Tangerang"
LEBAK_AGENCY = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Lebak"


def _strs(values: Sequence[int]) -> tuple[str, ...]:
    return tuple(str(v) for v in values)


TANGERANG = {
    2023: Composition(
        2023,
        _strs([0, 4, 21, 27, 131, 102, 428, 271, 1688, 1046, 921, 1422, 1236, 598, 85, 10, 1]),
        _strs([18, 1322, 4880, 801, 872, 60, 38]),
        _strs([408, 2390, 5193]),
        KOTA_ESELON_COLUMNS,
        _strs([1, 32, 65, 99, 193, 18]),
        _strs([4451, 3540]),
        _strs([71, 598, 930, 1146, 1402, 1510, 1350, 984]),
    ),
    2024: Composition(
        2024,
        _strs([0, 3, 18, 25, 120, 95, 410, 260, 1666, 1105, 905, 1480, 1210, 640, 92, 12, 1]),
        _strs([21, 1380, 4950, 780, 820, 56, 35]),
        _strs([402, 2215, 5425]),
        KOTA_ESELON_COLUMNS,
        _strs([1, 32, 64, 98, 190, 17]),
        _strs([4512, 3530]),
        _strs([96, 610, 905, 1120, 1388, 1497, 1402, 1024]),
    ),
}
LEBAK_2024 = Composition(
    2024,
    _strs([2, 5, 30, 48, 160, 130, 520, 340, 1710, 1020, 1180, 1650, 1590, 790, 60, 8, 1]),
    _strs([9, 1105, 6010, 690, 1290, 90, 50]),
    _strs([455, 2480, 6309]),
    KOTA_ESELON_COLUMNS,
    _strs([1, 30, 58, 104, 232, 30]),
    _strs([4980, 4264]),
    _strs([88, 540, 830, 1190, 1560, 1795, 1811, 1430]),
)


@dataclass
class InventedLkip:
    file: str
    region: str
    place: str  # how the tables name the government, e.g. "Kota Tangerang"
    agency: str
    city_of_signing: str
    year: int
    composition: Composition
    ip_scale: str
    sakip: tuple[float, float]
    ip: tuple[float, float]
    merit: tuple[float, float]
    merit_aspects: Sequence[float]  # realisations in MERIT_ASPECTS_KASN order, summing to merit[1]
    units: Sequence[tuple[str, Sequence[int]]]  # own staff per unit by golongan I..IV
    stated_unit_total: int | None  # None: print the true sum; else the (wrong) total the report states
    own_staff_pendidikan: Sequence[tuple[str, str, int]] | None
    budget: Sequence[tuple[str, int, int, Sequence[tuple[str, int]]]]  # program, pagu, realisation, kegiatan
    borderless_usia: bool = False


PENUNJANG_KOTA = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
KEPEGAWAIAN = "PROGRAM KEPEGAWAIAN DAERAH"
KEGIATAN_KEPEGAWAIAN = (
    "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
    "Mutasi dan Promosi ASN",
    "Pengembangan Kompetensi ASN",
    "Penilaian dan Evaluasi Kinerja Aparatur",
)
TANGERANG_UNITS = (
    "Kepala Badan",
    "Sekretariat",
    "Bidang Pengadaan, Pemberhentian dan Informasi",
    "Bidang Mutasi dan Promosi",
    "Bidang Pengembangan Kompetensi Aparatur",
    "Bidang Penilaian Kinerja dan Penghargaan",
)

INVENTED: tuple[InventedLkip, ...] = (
    InventedLkip(
        "lkip_bkpsdm_kota_tangerang_2023.pdf",
        "Kota Tangerang",
        "Kota Tangerang",
        TANGERANG_AGENCY,
        "Tangerang",
        2023,
        TANGERANG[2023],
        "nilai",
        (77.0, 78.12),
        (68.0, 70.45),
        (300.0, 309.5),
        (37.5, 40.0, 58.5, 36.0, 66.0, 36.5, 15.0, 20.0),
        list(
            zip(
                TANGERANG_UNITS,
                ((0, 0, 0, 1), (0, 3, 13, 3), (0, 1, 11, 2), (0, 2, 9, 2), (0, 0, 10, 3), (0, 2, 8, 1)),
                strict=True,
            )
        ),
        None,
        None,
        (
            (PENUNJANG_KOTA, 20_318_760_000, 19_402_118_934, ()),
            (
                KEPEGAWAIAN,
                7_904_275_000,
                7_215_930_448,
                tuple(
                    zip(
                        KEGIATAN_KEPEGAWAIAN,
                        (1_150_200_000, 845_075_000, 5_312_000_000, 597_000_000),
                        strict=True,
                    )
                ),
            ),
        ),
    ),
    InventedLkip(
        "lkip_bkpsdm_kota_tangerang_2024.pdf",
        "Kota Tangerang",
        "Kota Tangerang",
        TANGERANG_AGENCY,
        "Tangerang",
        2024,
        TANGERANG[2024],
        "nilai",
        (79.0, 80.37),
        (71.0, 73.18),
        (315.0, 326.5),
        (40.0, 40.0, 63.0, 37.5, 70.5, 37.5, 16.0, 22.0),
        list(
            zip(
                TANGERANG_UNITS,
                ((0, 0, 0, 1), (0, 3, 14, 3), (0, 1, 12, 2), (0, 1, 10, 2), (0, 0, 11, 3), (0, 2, 9, 1)),
                strict=True,
            )
        ),
        None,
        None,
        (
            (PENUNJANG_KOTA, 21_450_300_000, 20_117_845_210, ()),
            (
                KEPEGAWAIAN,
                8_736_150_000,
                8_102_664_385,
                tuple(
                    zip(
                        KEGIATAN_KEPEGAWAIAN,
                        (1_284_500_000, 912_350_000, 5_870_800_000, 668_500_000),
                        strict=True,
                    )
                ),
            ),
        ),
    ),
    InventedLkip(
        "lkip_bkpsdm_kabupaten_lebak_2024.pdf",
        "Kabupaten Lebak",
        "Kabupaten Lebak",
        LEBAK_AGENCY,
        "Rangkasbitung",
        2024,
        LEBAK_2024,
        "poin",
        (70.0, 68.41),
        (0.78, 0.80),
        (250.0, 262.5),
        (32.5, 35.0, 45.0, 30.0, 55.0, 32.5, 12.5, 20.0),
        list(
            zip(
                (
                    "Kepala Badan",
                    "Sekretariat",
                    "Bidang Pengadaan dan Informasi Kepegawaian",
                    "Bidang Mutasi dan Promosi",
                    "Bidang Pengembangan Sumber Daya Manusia",
                    "Bidang Kinerja dan Disiplin Aparatur",
                ),
                ((0, 0, 0, 1), (1, 4, 12, 2), (0, 2, 9, 1), (0, 1, 8, 2), (0, 1, 10, 2), (0, 2, 7, 1)),
                strict=True,
            )
        ),
        67,  # deliberately wrong: the units add up to 66, as real reports sometimes misstate a JUMLAH
        (
            ("Strata Dua (S2)", "S2", 14),
            ("Strata Satu (S1)", "S1", 38),
            ("Diploma Tiga (D3)", "D-III", 6),
            ("SLTA", "SLTA", 8),
        ),
        (
            (PENUNJANG_KOTA, 14_862_450_000, 14_011_270_512, ()),
            (
                KEPEGAWAIAN,
                5_215_600_000,
                4_866_341_900,
                tuple(
                    zip(
                        KEGIATAN_KEPEGAWAIAN,
                        (905_400_000, 610_200_000, 3_180_000_000, 520_000_000),
                        strict=True,
                    )
                ),
            ),
        ),
        borderless_usia=True,
    ),
)


# --- what the SIMPEG samples are composed of ---------------------------------------------------------------
# Each export reproduces its region's published composition; where the document is silent the split is ours
# (named so below), and its sums stay the published ones.

# Provinsi Banten 2024 (SIASN export, 10,692 PNS): the LKIP's golongan/ruang and gender exactly; the LKIP's
# education with its "Diploma" spread over D-IV..D-I as BANTEN_2024_DIPLOMA_SPLIT says.
SIMPEG_BANTEN_GOLONGAN_RUANG = {g: n for g, n in BANTEN_2024_GOLONGAN_RUANG.items() if n}
SIMPEG_BANTEN_PENDIDIKAN = {
    "S3": BANTEN_2024_PENDIDIKAN["S3"], "S2": BANTEN_2024_PENDIDIKAN["S2"], "S1": BANTEN_2024_PENDIDIKAN["S1"],
    **BANTEN_2024_DIPLOMA_SPLIT,
    "SLTA": BANTEN_2024_PENDIDIKAN["SLTA"], "SLTP": BANTEN_2024_PENDIDIKAN["SLTP"], "SD": BANTEN_2024_PENDIDIKAN["SD"],
}
SIMPEG_BANTEN_GENDER = dict(BANTEN_2024_GENDER)

# Kota Serang 2021 (30 PNS): golongan IV 2, III 26, II 2 and eselon II 1, III 4, IV 11 as Tabel 2.a prints
# them; the ruang, the eselon sub-level, the gender and the position-type splits are ours.
SIMPEG_SERANG_GOLONGAN_RUANG = {
    "II/c": 1, "II/d": 1, "III/a": 5, "III/b": 7, "III/c": 6, "III/d": 8, "IV/a": 1, "IV/b": 1,
}
SIMPEG_SERANG_PENDIDIKAN = {category: int(n) for _, category, n in SERANG_PENDIDIKAN if n not in {"0", "-"}}
SIMPEG_SERANG_GENDER = {"Laki-laki": 13, "Perempuan": 17}
SIMPEG_SERANG_ESELON = {"II.a": 1, "III.a": 1, "III.b": 3, "IV.a": 11}
SIMPEG_SERANG_JENIS_JABATAN = {"Struktural": 16, "Pelaksana": 14}

# Kota Bekasi 2023 (62 PNS): golongan II 4, III 47, IV 11 (Tabel 2.2) split over ruang by us; education by
# gender exactly as Tabel 2.6; eselon II 1, III.a 1, III.b 3, IV 2 (Tabel 2.8, IV read as IV.a); JFT 30 and
# JFU 24 (Tabel 2.10) plus the 7 officials, with one more pelaksana so the total is 62 (the source's own tables
# differ by one).
SIMPEG_BEKASI_GOLONGAN_RUANG = {
    "II/c": 2, "II/d": 2, "III/a": 9, "III/b": 12, "III/c": 11, "III/d": 15, "IV/a": 8, "IV/b": 2, "IV/c": 1,
}
SIMPEG_BEKASI_PENDIDIKAN_GENDER = {
    (category, gender): int(n)
    for _, category, cells, _ in BEKASI_PENDIDIKAN_GENDER
    for (_, gender), n in zip(GENDER_LP_COLUMNS, cells, strict=True)
    if n.strip() not in {"", "-"}
}
SIMPEG_BEKASI_ESELON = {"II.a": 1, "III.a": 1, "III.b": 3, "IV.a": 2}
SIMPEG_BEKASI_JENIS_JABATAN = {"Struktural": 7, "Fungsional": 30, "Pelaksana": 25}
