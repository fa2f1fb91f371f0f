"""Bundled sample planning/performance documents (Renstra, LKIP) as real PDFs, with their ground truth.

The PDFs imitate the layout of regional personnel-agency (BKD/BKPSDM) documents: a title page that names
the document type, the agency and the region, then staff-composition tables, indicator tables and budget
tables in the shapes the published documents use. The wording is the project's own; only standard titles
and table header vocabulary are shared with real documents.

This module only assembles the documents. The figures they print (and the category of every printed label)
are literals in `samples.figures`, shared with the SIMPEG generator and the tests; the table shapes are in
`samples.shapes`; the builder that records the truth while it lays out the PDF is `samples.builder`.

Every number written into a PDF is recorded at the same time in `documents_truth.json`, so the truth and
the PDF cannot drift apart; tests and the extractor's acceptance checks read that file.

Usage: `python -m samples.documents OUT_DIR`
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from samples.builder import CM, DocumentBuilder, capaian, decimal_id, printed_value, rupiah
from samples.figures import (
    BANTEN_2024,
    BANTEN_AGENCY,
    BANTEN_BUDGET_2024,
    BANTEN_BUDGET_TOTAL_2024,
    BANTEN_FILE,
    BANTEN_IKU_2023_2024,
    BANTEN_IKU_2024,
    BANTEN_IP_ASN_DIMENSIONS_2024,
    BANTEN_IP_ASN_DIMENSIONS_TOTAL_2024,
    BANTEN_MERIT_ASPECTS_2024,
    BANTEN_MERIT_TOTAL_2024,
    BANTEN_RENSTRA_TARGETS,
    BEKASI_AGENCY,
    BEKASI_BUDGET_PLAN,
    BEKASI_BUDGET_PLAN_TOTAL,
    BEKASI_ESELON_GENDER,
    BEKASI_ESELON_GENDER_TOTAL,
    BEKASI_FILE,
    BEKASI_IKU_2021_2023,
    BEKASI_JENIS_JABATAN_GENDER,
    BEKASI_JENIS_JABATAN_GENDER_TOTAL,
    BEKASI_MERIT_ASPECT_TARGETS,
    BEKASI_MERIT_TARGET_TOTALS,
    BEKASI_PENDIDIKAN_COLUMNS,
    BEKASI_PENDIDIKAN_GENDER,
    BEKASI_PENDIDIKAN_GENDER_TOTAL,
    BEKASI_STAFF_YEAR,
    BEKASI_TUJUAN_TARGETS,
    BEKASI_UNIT_GOLONGAN,
    BEKASI_UNIT_GOLONGAN_TOTAL,
    BEKASI_UNIT_PENDIDIKAN,
    BEKASI_UNIT_PENDIDIKAN_TOTAL,
    GENDER_LP_COLUMNS,
    GOLONGAN_COLUMNS,
    INVENTED,
    IP_ASN,
    MERIT,
    MERIT_ASPECTS_KASN,
    SERANG_AGENCY,
    SERANG_ESELON,
    SERANG_ESELON_TOTAL,
    SERANG_FILE,
    SERANG_GOLONGAN,
    SERANG_GOLONGAN_TOTAL,
    SERANG_JABATAN,
    SERANG_JABATAN_TOTAL,
    SERANG_PENDIDIKAN,
    SERANG_PENDIDIKAN_TOTAL,
    SERANG_PLAN_2019_2023,
    SERANG_RENJA_2023_2024,
    SERANG_STAFF_YEAR,
    SERANG_TUJUAN_SERIES,
    BudgetLine,
    Iku,
    InventedLkip,
)
from samples.pdf_writer import write_pdf
from samples.shapes import (
    budget_table,
    composition_pages,
    cross_table,
    iku_table,
    label_list,
    merit_aspect_table,
)

# Re-exported: tests and tools read sample numbers with the same helpers the samples print them with.
__all__ = [
    "TRUTH_FILE", "capaian", "decimal_id", "main", "printed_value", "rupiah", "sample_files",
    "write_sample_documents",
]

TRUTH_FILE = "documents_truth.json"


# --- Provinsi Banten, LKIP 2024 (published figures) ---------------------------------------------------


def _banten_lkip_2024() -> DocumentBuilder:
    b = DocumentBuilder(BANTEN_FILE, "lkip", "Provinsi Banten", BANTEN_AGENCY, (2024, 2024), "published")
    b.title_page(
        [
            ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN 2024", 1),
            (BANTEN_AGENCY, 1),
            ("PEMERINTAH PROVINSI BANTEN", 2),
            ("Serang, 2025", 2),
        ]
    )
    b.heading("BAB II PERENCANAAN KINERJA")
    b.para(
        "Bagian ini memuat sasaran strategis badan beserta target jangka menengah yang menjadi acuan "
        "pengukuran kinerja tahunan."
    )
    title = "Tabel 2.2. Target Kinerja Rencana Strategis Badan Kepegawaian Daerah Tahun 2023-2026"
    rows: list[list[str]] = [["SASARAN / INDIKATOR", "SATUAN", "2023", "2024", "2025", "2026"]]
    for name, values in BANTEN_RENSTRA_TARGETS:
        rows.append([name, "Nilai", *values])
    b.table(title, rows, col_widths=[8.0 * CM, 1.8 * CM, *[2.0 * CM] * 4])
    for name, values in BANTEN_RENSTRA_TARGETS:
        for year, value in zip((2023, 2024, 2025, 2026), values, strict=True):
            if name == IP_ASN:
                b.ip_asn(title, year, "target", value, "nilai")
            elif name.startswith("Indeks Merit"):
                b.merit(title, year, "target", value)
            else:
                b.sakip(title, year, "target", value)
    b.new_page()

    b.heading("BAB III AKUNTABILITAS KINERJA")
    b.para(
        "Pengukuran kinerja membandingkan realisasi setiap indikator kinerja utama dengan target dalam "
        "perjanjian kinerja tahun berjalan."
    )
    iku_table(
        b,
        "Tabel 3.2. Tingkat Pencapaian Indikator Kinerja Utama Badan Kepegawaian Daerah Tahun 2024",
        2024,
        BANTEN_IKU_2024["sakip"],
        BANTEN_IKU_2024["ip_asn"],
        BANTEN_IKU_2024["merit"],
        "nilai",
    )
    title = "Tabel 3.3. Pencapaian Realisasi Tahun 2023 dan 2024"
    rows = [
        [
            "INDIKATOR KINERJA UTAMA",
            "TARGET 2023",
            "REALISASI 2023",
            "CAPAIAN 2023 (%)",
            "TARGET 2024",
            "REALISASI 2024",
            "CAPAIAN 2024 (%)",
        ]
    ]
    for name, v23, v24 in BANTEN_IKU_2023_2024:
        rows.append([name, *v23, *v24])
    b.table(title, rows)
    for name, v23, _v24 in BANTEN_IKU_2023_2024:  # the 2024 half repeats Tabel 3.2; record 2023 only
        for kind, value in zip(("target", "realisation", "capaian_pct"), v23, strict=True):
            if name == IP_ASN:
                b.ip_asn(title, 2023, kind, value, "nilai")
            elif name == MERIT:
                b.merit(title, 2023, kind, value)
            else:
                b.sakip(title, 2023, kind, value)
    b.new_page()

    b.heading("Indikator Kinerja Program Kepegawaian Daerah")
    title = "Tabel 3.13. Nilai Dimensi Indeks Profesionalitas ASN Tahun 2024"
    rows = [["INDIKATOR KINERJA PROGRAM", "TARGET", "REALISASI", "CAPAIAN (%)"]]
    for _, name, t, r, c in BANTEN_IP_ASN_DIMENSIONS_2024:
        rows.append([name, t, r, c])
    total_target, total_realisation = BANTEN_IP_ASN_DIMENSIONS_TOTAL_2024
    rows.append(["JUMLAH", total_target, total_realisation, ""])
    b.table(title, rows)
    for dim, _, t, r, _c in BANTEN_IP_ASN_DIMENSIONS_2024:
        b.ip_asn(title, 2024, "target", t, "nilai", dimensi=dim)
        b.ip_asn(title, 2024, "realisation", r, "nilai", dimensi=dim)
    b.stated_total(
        title, {"dimensi": "total", "kind": "realisation"}, total_realisation,
        [d[3] for d in BANTEN_IP_ASN_DIMENSIONS_2024],
    )
    merit_aspect_table(
        b,
        "Tabel 3.14. Nilai Kriteria Penerapan Sistem Merit Tahun 2024",
        2024,
        BANTEN_MERIT_ASPECTS_2024,
        BANTEN_MERIT_TOTAL_2024,
        label_prefix="Nilai Kriteria ",
    )
    b.new_page()

    composition_pages(b, BANTEN_2024, 38, "Provinsi Banten")

    b.heading("3.2 Realisasi Anggaran")
    b.para(
        "Anggaran belanja badan tahun 2024 dialokasikan pada dua program yang terkait langsung dengan "
        "sasaran strategis."
    )
    budget_table(
        b,
        "Tabel 3.50. Realisasi Anggaran Badan Kepegawaian Daerah Tahun 2024",
        2024,
        BANTEN_BUDGET_2024,
        BANTEN_BUDGET_TOTAL_2024,
    )
    return b


# --- Kota Serang, Perubahan Renstra 2019-2023 (published figures) --------------------------------------


def _serang_renstra() -> DocumentBuilder:
    b = DocumentBuilder(
        SERANG_FILE,
        "renstra",
        "Kota Serang",
        SERANG_AGENCY,
        (2019, 2023),
        "published",
        landscape=True,
    )
    b.title_page(
        [
            ("PERUBAHAN RENCANA STRATEGIS (RENSTRA) TAHUN 2019-2023", 1),
            (SERANG_AGENCY, 1),
            ("PEMERINTAH KOTA SERANG", 2),
            ("Serang, 2021", 2),
        ]
    )
    year = SERANG_STAFF_YEAR
    b.heading("2.2 Sumber Daya Perangkat Daerah")
    b.para("Tabel 2.a Sumber Daya Manusia Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Serang")
    # As published, the jabatan lines add up to 46 against a stated 45.
    label_list(b, "1. Berdasarkan Jabatan", "jabatan", SERANG_JABATAN, SERANG_JABATAN_TOTAL, year, numbered=True)
    label_list(
        b, "2. Berdasarkan Tingkat Pendidikan", "pendidikan", SERANG_PENDIDIKAN, SERANG_PENDIDIKAN_TOTAL,
        year, numbered=False,
    )
    b.new_page()
    label_list(
        b, "3. Pegawai Berdasarkan Golongan", "golongan", SERANG_GOLONGAN, SERANG_GOLONGAN_TOTAL,
        year, numbered=False,
    )
    label_list(
        b, "4. Pegawai Berdasarkan Jabatan Struktural", "eselon", SERANG_ESELON, SERANG_ESELON_TOTAL,
        year, numbered=False,
    )
    b.new_page()

    b.heading("BAB IV TUJUAN DAN SASARAN")
    title = "Tabel 4.1 Tujuan dan Sasaran Jangka Menengah Pelayanan Perangkat Daerah"
    years = (2018, 2019, 2020, 2021, 2022, 2023, 2024)
    kinds = ("realisation", "realisation", "realisation", "realisation", "target", "target", "target")
    series = SERANG_TUJUAN_SERIES
    rows = [
        [
            "NO",
            "INDIKATOR TUJUAN/SASARAN",
            "SATUAN",
            "TAHUN DASAR",
            "CAPAIAN KINERJA",
            "",
            "",
            "TARGET KINERJA",
            "",
            "TAHUN TRANSISI",
        ],
        ["", "", "", "2018", "2019", "2020", "2021", "2022", "2023", "2024"],
    ]
    for i, (name, unit, values) in enumerate(series, start=1):
        rows.append([str(i), name, unit, *values])
    b.table(
        title,
        rows,
        header_rows=2,
        col_widths=[1.0 * CM, 9.0 * CM, 1.6 * CM, *[2.15 * CM] * 7],
        spans=[(0, 0, 0, 1), (1, 0, 1, 1), (2, 0, 2, 1), (4, 0, 6, 0), (7, 0, 8, 0)],
    )
    for name, unit, values in series:
        for y, kind, value in zip(years, kinds, values, strict=True):
            if name == IP_ASN.upper():
                b.ip_asn(title, y, kind, value, "poin")
            else:
                b.indicator(title, name, y, kind, value, unit)
    b.new_page()

    b.heading("BAB VI RENCANA PROGRAM, KEGIATAN DAN PENDANAAN")
    title = "Tabel 6.2 Rencana Program, Kegiatan dan Pendanaan Perangkat Daerah"
    plan_years = (2019, 2020, 2021, 2022, 2023)
    # As published, this matrix groups thousands with commas while the rest of the document uses dots.
    plan = SERANG_PLAN_2019_2023
    header1 = ["INDIKATOR / PROGRAM", "SATUAN"]
    header2 = ["", ""]
    for y in plan_years:
        header1 += [str(y), ""]
        header2 += ["Target", "Rp"]
    rows = [header1, header2]
    for name, unit, targets, pagu, _ in plan:
        row = [name, unit]
        for j in range(len(plan_years)):
            row += [targets[j] if targets else "", pagu[j]]
        rows.append(row)
    b.table(
        title,
        rows,
        header_rows=2,
        col_widths=[5.5 * CM, 1.5 * CM, *[1.3 * CM, 2.6 * CM] * 5],
        spans=[(0, 0, 0, 1), (1, 0, 1, 1), *[(2 + 2 * j, 0, 3 + 2 * j, 0) for j in range(5)]],
    )
    for name, unit, targets, pagu, role in plan:
        for j, y in enumerate(plan_years):
            program = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA" if role == "program" else name
            level = {"program": "program", "ip": "sasaran", "ind": "sasaran"}.get(str(role), "urusan")
            b.budget(title, y, "pagu", pagu[j], program=program, level=level)
            if role == "ip" and targets:
                b.ip_asn(title, y, "target", targets[j], "poin")
            elif role == "ind" and targets:
                b.indicator(title, name, y, "target", targets[j], unit)
    for j, y in enumerate(plan_years):
        b.stated_total(title, {"budget": "pagu", "year": str(y)}, plan[0][3][j], [plan[1][3][j], plan[4][3][j]])
    b.new_page()

    b.heading("Lampiran: Rencana Kerja Tahun 2023")
    title = "Tabel 3.3 Rumusan Rencana Program, Kegiatan dan Sub Kegiatan Tahun 2023 dan Prakiraan Maju Tahun 2024"
    renja = SERANG_RENJA_2023_2024
    rows = [
        [
            "PROGRAM / KEGIATAN / SUB KEGIATAN / INDIKATOR",
            "SATUAN",
            "TARGET 2023",
            "PAGU INDIKATIF 2023 (Rp)",
            "TARGET 2024",
            "PRAKIRAAN MAJU 2024 (Rp)",
        ]
    ]
    for name, unit, t23, p23, t24, p24, _ in renja:
        rows.append([name, unit, t23, p23, t24, p24])
    b.table(title, rows, col_widths=[10.5 * CM, 2.0 * CM, 2.6 * CM, 4.3 * CM, 2.6 * CM, 4.3 * CM])
    penunjang = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
    for name, _unit, t23, p23, t24, p24, role in renja:
        for y, t, p in ((2023, t23, p23), (2024, t24, p24)):
            if role == "kegiatan":
                b.budget(title, y, "pagu", p, program=penunjang, kegiatan=name)
            elif role == "sub_kegiatan":
                b.budget(
                    title,
                    y,
                    "pagu",
                    p,
                    program=penunjang,
                    kegiatan="PERENCANAAN, PENGANGGARAN, DAN EVALUASI KINERJA PERANGKAT DAERAH",
                    sub_kegiatan=name,
                )
            else:
                level = {"program": "program", "ip": "sasaran", "ind": "sasaran"}.get(role, "urusan")
                b.budget(title, y, "pagu", p, program=penunjang if role == "program" else name, level=level)
            if role == "ip":
                b.ip_asn(title, y, "target", t, "poin")
    return b




# --- Kota Bekasi, Renstra 2024-2026 (published figures) -----------------------------------------------


def _bekasi_renstra() -> DocumentBuilder:
    b = DocumentBuilder(
        BEKASI_FILE,
        "renstra",
        "Kota Bekasi",
        BEKASI_AGENCY,
        (2024, 2026),
        "published",
    )
    b.title_page(
        [
            ("RENCANA STRATEGIS (RENSTRA) TAHUN 2024-2026", 1),
            (BEKASI_AGENCY, 1),
            ("PEMERINTAH KOTA BEKASI", 2),
            ("Bekasi, 2023", 2),
        ]
    )
    year = BEKASI_STAFF_YEAR
    note = "Sumber: Bidang Administrasi dan Pengembangan Karir Aparatur, data kepegawaian Tahun 2023"
    b.heading("2.2 Sumber Daya Aparatur")
    b.para(
        "Badan didukung oleh 62 orang PNS; komposisinya menurut unit kerja, golongan dan pendidikan "
        "disajikan berikut ini."
    )
    cross_table(
        b,
        "Tabel 2.2 Rekapitulasi Aparatur Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bekasi "
        "Berdasarkan Golongan",
        "unit_kerja",
        "golongan",
        GOLONGAN_COLUMNS,
        BEKASI_UNIT_GOLONGAN,
        BEKASI_UNIT_GOLONGAN_TOTAL,
        year,
        first_headers=("No", "Unit Kerja"),
        group_header="Golongan",
    )
    b.para(note)
    cross_table(
        b,
        "Tabel 2.4 Rekapitulasi Aparatur Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Bekasi "
        "Berdasarkan Pendidikan",
        "unit_kerja",
        "pendidikan",
        BEKASI_PENDIDIKAN_COLUMNS,
        BEKASI_UNIT_PENDIDIKAN,
        BEKASI_UNIT_PENDIDIKAN_TOTAL,
        year,
        first_headers=("No", "Unit Kerja"),
        group_header="Pendidikan",
    )
    b.para(note)
    b.new_page()
    cross_table(
        b,
        "Tabel 2.6 Rekapitulasi Aparatur Berdasarkan Pendidikan Menurut Jenis Kelamin",
        "pendidikan",
        "jenis_kelamin",
        GENDER_LP_COLUMNS,
        BEKASI_PENDIDIKAN_GENDER,
        BEKASI_PENDIDIKAN_GENDER_TOTAL,
        year,
        first_headers=("No", "Pendidikan"),
        total_header="Total",
    )
    cross_table(
        b,
        "Tabel 2.8 Rekapitulasi Pejabat Struktural Berdasarkan Eselon Menurut Jenis Kelamin",
        "eselon",
        "jenis_kelamin",
        GENDER_LP_COLUMNS,
        BEKASI_ESELON_GENDER,
        BEKASI_ESELON_GENDER_TOTAL,
        year,
        first_headers=("No", "Eselon"),
        total_header="Total",
    )
    cross_table(
        b,
        "Tabel 2.10 Rekapitulasi Aparatur Berdasarkan Jenis Jabatan (JFU dan JFT) Menurut Jenis Kelamin",
        "jenis_jabatan",
        "jenis_kelamin",
        GENDER_LP_COLUMNS,
        BEKASI_JENIS_JABATAN_GENDER,
        BEKASI_JENIS_JABATAN_GENDER_TOTAL,
        year,
        first_headers=("No", "Jenis Jabatan"),
        total_header="Total",
    )
    b.para(note)
    b.new_page()

    b.heading("BAB IV TUJUAN DAN SASARAN")
    title = "Tabel 4.1 Tujuan dan Sasaran Jangka Menengah Pelayanan Tahun 2024-2026"
    targets = BEKASI_TUJUAN_TARGETS
    rows = [["NO", "INDIKATOR TUJUAN / SASARAN", "2024", "2025", "2026"]]
    for i, (name, _, values) in enumerate(targets, start=1):
        rows.append([str(i), name, *values])
    b.table(title, rows, col_widths=[1.0 * CM, 9.0 * CM, *[2.6 * CM] * 3])
    for name, unit, values in targets:
        for y, value in zip((2024, 2025, 2026), values, strict=True):
            if name == MERIT:
                b.merit(title, y, "target", value)
            elif name.startswith("Nilai AKIP"):
                b.sakip(title, y, "target", value)
            else:
                b.indicator(title, name, y, "target", value, unit)
    # The aspect targets are printed with decimal points, as in the published matrix.
    title = "Tabel 6.1a Target Nilai Aspek Sistem Merit Tahun 2024-2026"
    aspects = BEKASI_MERIT_ASPECT_TARGETS
    totals = BEKASI_MERIT_TARGET_TOTALS
    rows = [["INDIKATOR", "2024", "2025", "2026"]]
    for printed_name, _, values in aspects:
        rows.append([printed_name, *values])
    rows.append(["INDEKS SISTEM MERIT", *totals])
    b.table(title, rows, col_widths=[10.6 * CM, *[2.2 * CM] * 3])
    for j, y in enumerate((2024, 2025, 2026)):
        for _, aspek, values in aspects:
            b.merit(title, y, "target", values[j], aspek=aspek)
        b.merit(title, y, "target", totals[j])
        b.stated_total(
            title,
            {"aspek": "total", "kind": "target", "year": str(y)},
            totals[j],
            [values[j] for _, _, values in aspects],
        )
    b.new_page()

    b.heading("BAB VI RENCANA PROGRAM DAN KEGIATAN SERTA PENDANAAN")
    title = "Tabel 6.1 Rencana Program, Kegiatan dan Pendanaan Tahun 2024-2026"
    lines = BEKASI_BUDGET_PLAN
    total = BEKASI_BUDGET_PLAN_TOTAL
    rows = [["PROGRAM / KEGIATAN", "Rp 2024", "Rp 2025", "Rp 2026"]]
    for name, _, values in lines:
        rows.append([name, *values])
    rows.append(["JUMLAH", *total])
    b.table(title, rows, col_widths=[9.0 * CM, *[2.9 * CM] * 3])
    for j, y in enumerate((2024, 2025, 2026)):
        program = ""
        for name, level, values in lines:
            if level == "program":
                program = name
                b.budget(title, y, "pagu", values[j], program=program)
            else:
                b.budget(title, y, "pagu", values[j], program=program, kegiatan=name)
        b.stated_total(
            title,
            {"budget": "pagu", "year": str(y)},
            total[j],
            [v[j] for _, level, v in lines if level == "program"],
        )
    b.new_page()

    b.heading("BAB VII KINERJA PENYELENGGARAAN BIDANG URUSAN")
    title = "Tabel 7.2 Realisasi Indikator Kinerja Utama Tahun 2021-2022 dan Target Tahun 2023"
    rows = [["INDIKATOR", "REALISASI 2021", "REALISASI 2022", "TARGET 2023"], *(list(r) for r in BEKASI_IKU_2021_2023)]
    b.table(title, rows, col_widths=[9.0 * CM, *[2.9 * CM] * 3])
    for y, kind, col in ((2021, "realisation", 1), (2022, "realisation", 2), (2023, "target", 3)):
        b.sakip(title, y, kind, rows[1][col])
        b.indicator(title, rows[2][0], y, kind, rows[2][col], "Nilai")
        b.ip_asn(title, y, kind, rows[3][col], "nilai")
    return b




# --- invented regions of Banten province (figures in samples.figures.INVENTED) ------------------------


def _invented_lkip(spec: InventedLkip) -> DocumentBuilder:
    y = spec.year
    b = DocumentBuilder(spec.file, "lkip", spec.region, spec.agency, (y, y), "invented")
    b.title_page(
        [
            (f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN {y}", 1),
            (spec.agency, 1),
            (f"PEMERINTAH {spec.region.upper()}", 2),
            (f"{spec.city_of_signing}, {y + 1}", 2),
        ]
    )
    b.heading("BAB III AKUNTABILITAS KINERJA")
    b.para(
        f"Capaian indikator kinerja utama tahun {y} diukur terhadap target perjanjian kinerja; "
        "capaian dihitung sebagai realisasi dibagi target dikali seratus."
    )
    ip_places = 2
    iku_table(
        b,
        f"Tabel 3.1. Capaian Indikator Kinerja Utama Tahun {y}",
        y,
        Iku(decimal_id(spec.sakip[0]), decimal_id(spec.sakip[1]), decimal_id(capaian(*spec.sakip))),
        Iku(
            decimal_id(spec.ip[0], ip_places),
            decimal_id(spec.ip[1], ip_places),
            decimal_id(capaian(*spec.ip)),
        ),
        Iku(decimal_id(spec.merit[0]), decimal_id(spec.merit[1]), decimal_id(capaian(*spec.merit))),
        spec.ip_scale,
    )
    merit_aspect_table(
        b,
        f"Tabel 3.2. Nilai Aspek Penilaian Mandiri Sistem Merit Tahun {y}",
        y,
        [(a, "", decimal_id(v)) for a, v in zip(MERIT_ASPECTS_KASN, spec.merit_aspects, strict=True)],
        (decimal_id(spec.merit[0]), decimal_id(spec.merit[1])),
    )
    b.new_page()

    composition_pages(b, spec.composition, 10, spec.place, borderless_usia=spec.borderless_usia)

    b.heading("Sumber Daya Aparatur Badan")
    unit_title = f"Tabel 3.20. Rekapitulasi Aparatur {spec.agency} Berdasarkan Golongan"
    body = []
    for unit, counts in spec.units:
        body.append((unit, None, tuple(str(c) if c else "-" for c in counts), str(sum(counts))))
    sums = [sum(counts[j] for _, counts in spec.units) for j in range(4)]
    col_totals = tuple(str(n) if n else "-" for n in sums)
    grand = sum(sum(c) for _, c in spec.units)
    stated = spec.stated_unit_total if spec.stated_unit_total is not None else grand
    cross_table(
        b,
        unit_title,
        "unit_kerja",
        "golongan",
        GOLONGAN_COLUMNS,
        body,
        (col_totals, str(stated)),
        y,
        first_headers=("No", "Unit Kerja"),
        group_header="Golongan",
        total_label="JUMLAH",
    )
    if spec.own_staff_pendidikan:
        label_list(
        b,
            f"Pegawai {spec.agency} berdasarkan tingkat pendidikan:",
            "pendidikan",
            [(label, cat, str(n)) for label, cat, n in spec.own_staff_pendidikan],
            str(sum(n for _, _, n in spec.own_staff_pendidikan)),
            y,
            numbered=False,
        )
    b.new_page()

    b.heading("Realisasi Anggaran")
    lines: list[BudgetLine] = []
    for program, pagu, real, kegiatan in spec.budget:
        lines.append(BudgetLine(program, "program", rupiah(pagu), rupiah(real), decimal_id(real / pagu * 100)))
        for name, amount in kegiatan:
            lines.append(BudgetLine(name, "kegiatan", rupiah(amount)))
    total_pagu = sum(p for _, p, _, _ in spec.budget)
    total_real = sum(r for _, _, r, _ in spec.budget)
    budget_table(
        b,
        f"Tabel 3.30. Realisasi Anggaran per Program Tahun {y}",
        y,
        lines,
        BudgetLine(
            "JUMLAH",
            "total",
            rupiah(total_pagu),
            rupiah(total_real),
            decimal_id(total_real / total_pagu * 100),
        ),
    )
    return b




# --- entry points -------------------------------------------------------------------------------------


def _builders() -> list[DocumentBuilder]:
    return [_banten_lkip_2024(), _serang_renstra(), _bekasi_renstra(), *(_invented_lkip(s) for s in INVENTED)]


# Written into the truth file so that a reader of the JSON needs no access to this module.
TRUTH_FIELDS: dict[str, str] = {
    "file, doc_type, region, agency, period": "what the title page says (doc_type: lkip | renstra)",
    "pages": "page count of the PDF; every 'page' below is 1-based",
    "tables": "every table as written: title, page, ruled, header_rows, rows (cells as printed)",
    "lists": "the `label : N Orang` lists (text lines, not tables)",
    "headcounts": "one entry per printed count: population (pemerintah_daerah = all PNS of the "
    "government, perangkat_daerah = the agency's own staff), dimension {key: normalised category}, "
    "label as printed, year, value, printed",
    "stated_totals": "every JUMLAH/Total with the sum of its parts; inconsistent_totals: those that differ",
    "ip_asn": "Indeks Profesionalitas ASN: year, kind (target | realisation | capaian_pct), dimensi, value, "
    "printed, scale (nilai 0-100 | poin 0-1 | pct), scale_max",
    "merit": "Indeks Sistem Merit (KASN 2019, 0-400): year, kind, aspek ('total' or the aspect), score, printed",
    "sakip": "SAKIP/AKIP score: year, kind, value (null for a band target such as 70-80, given in 'range')",
    "indicators": "other performance indicators: indicator, year, kind, value, printed, unit",
    "budgets": "pagu and realisation in IDR: year, kind (pagu | budget_realisation), level (urusan | sasaran "
    "| program | kegiatan | sub_kegiatan), program, kegiatan, sub_kegiatan, value, printed",
}


def sample_files() -> list[str]:
    """The file names `write_sample_documents` produces (cheap: builds the blocks, renders nothing)."""
    return [b.file for b in _builders()]


def write_sample_documents(out_dir: Path) -> list[Path]:
    """Write the sample PDFs and `documents_truth.json` into `out_dir`; return the PDF paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    documents: list[dict[str, Any]] = []
    for builder in _builders():
        path = write_pdf(out_dir / builder.file, builder.document())
        builder.truth["pages"] = builder.page
        paths.append(path)
        documents.append(builder.truth)
    truth = {
        "generator": "samples.documents",
        "note": "Figures of documents with figures_origin 'published' are those printed in the real "
        "documents (including totals that do not add up); 'invented' ones are synthetic.",
        "fields": TRUTH_FIELDS,
        "documents": documents,
    }
    (out_dir / TRUTH_FILE).write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    # argparse, so `--help` prints the usage instead of becoming a folder named "--help".
    parser = argparse.ArgumentParser(prog="python -m samples.documents", description="Write the sample PDFs.")
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="folder to write the PDFs and truth file into")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    for path in write_sample_documents(args.out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

