"""Synthetic SIMPEG / SIASN exports with planted defects and a truth file.

`demo`: Provinsi Banten (SIASN "Export Data ASN" CSV, `,`, UTF-8), Kota Serang (regional SIMPEG CSV, `;`,
Windows-1252, with the IP ASN input columns) and Kota Bekasi (regional tb_01-style XLSX with numeric code
ids), composed to match the published figures (`samples.figures`, shared with the sample documents), plus a
few percent of broken rows the loader must quarantine. `national`: ~5.6 million rows over 546 regional
governments, one file per government, written region by region (never all rows in memory).

Every row is drawn as numbers with numpy and turned into export text by DuckDB (`COPY ... TO`), which is
what makes the national scale fast. The truth JSON (`simpeg_truth.json`) lists per file the planted
defects (data-row number, reason code) and the clean headcounts the warehouse must reproduce.
Every write of a seed gives the same bytes (the XLSX included: no clock in it).

    python -m samples.simpeg OUT_DIR [--scale demo|national] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import shutil
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from extractors.codes import GOLONGAN_RUANG, PANGKAT, PPPK_GRADES
from extractors.nip import NIP_BIRTH_DATE, NIP_BIRTH_MISMATCH, NIP_FORMAT, NIP_SEX_DIGIT, NIP_SEX_MISMATCH
from extractors.simpeg.reasons import DUPLICATE_NIP, INVALID_DATE, UNKNOWN_GOLONGAN, UNKNOWN_PENDIDIKAN
from samples import figures as fig

# --- published compositions: see samples.figures (one home for the figures of every sample) -------------

# National shape (BKN, 1 Nov 2025): 5,588,245 ASN, 36% PPPK, 56% women; 38 provinces + 508 kab/kota.
NATIONAL_ROWS = 5_600_000
NATIONAL_PPPK_SHARE = 0.36
NATIONAL_FEMALE_SHARE = 0.56
PROVINCES = (
    "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan", "Bengkulu", "Lampung",
    "Kepulauan Bangka Belitung", "Kepulauan Riau", "DKI Jakarta", "Jawa Barat", "Jawa Tengah",
    "DI Yogyakarta", "Jawa Timur", "Banten", "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur",
    "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara",
    "Sulawesi Utara", "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara", "Gorontalo",
    "Sulawesi Barat", "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Selatan", "Papua Tengah",
    "Papua Pegunungan", "Papua Barat Daya",
)
N_KABUPATEN, N_KOTA = 415, 93

# --- code vocabularies as the exports spell them --------------------------------------------------------

PENDIDIKAN_LEVELS = ("SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "D-IV", "S1", "S2", "S3")
PENDIDIKAN_SIASN = {"SD": ("05", "Sekolah Dasar"), "SLTP": ("10", "SLTP"), "SLTA": ("15", "SLTA"),
                    "D-I": ("20", "Diploma I"), "D-II": ("25", "Diploma II"),
                    "D-III": ("30", "Diploma III/Sarjana Muda"), "D-IV": ("35", "Diploma IV"),
                    "S1": ("40", "S-1/Sarjana"), "S2": ("45", "S-2"), "S3": ("50", "S-3/Doktor")}
PENDIDIKAN_REGIONAL = {"SD": "SD", "SLTP": "SMP", "SLTA": "SMA", "D-I": "D1", "D-II": "D2", "D-III": "D3",
                       "D-IV": "D4", "S1": "S1", "S2": "S2", "S3": "S3"}
JENIS_JABATAN = ("Struktural", "Fungsional", "Pelaksana")
JENIS_JABATAN_SIASN = {"Struktural": ("1", "Struktural"), "Fungsional": ("2", "Fungsional Tertentu"),
                       "Pelaksana": ("4", "Fungsional Umum")}
ESELON = ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b")
ESELON_ID = {"II.a": "21", "II.b": "22", "III.a": "31", "III.b": "32", "IV.a": "41", "IV.b": "42"}
SKP = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
SKP_P = (0.2, 0.7, 0.07, 0.02, 0.01)
HUKDIS = ("Tidak Pernah", "Ringan", "Sedang", "Berat")
HUKDIS_P = (0.97, 0.02, 0.007, 0.003)
FIRST = ("Ahmad", "Siti", "Dedi", "Nurul", "Agus", "Dewi", "Rudi", "Rina", "Budi", "Sri", "Hendra", "Yuli",
         "Asep", "Euis", "Iwan", "Lilis", "Ujang", "Neneng", "Bambang", "Fitri", "Andi", "Ratna", "Joko", "Ani")
LAST = ("Hidayat", "Rahmawati", "Saputra", "Lestari", "Santoso", "Wulandari", "Kurniawan", "Maharani",
        "Setiawan", "Nurhayati", "Ma’ruf", "Sopian", "Gunawan", "Susanti", "Hakim", "Rosidah", "Héndra")
UNITS = ("Sekretariat Daerah", "Badan Kepegawaian Daerah", "Dinas Pendidikan dan Kebudayaan", "Dinas Kesehatan",
         "Badan Perencanaan Pembangunan Daerah", "Dinas Pekerjaan Umum dan Penataan Ruang",
         "Inspektorat", "Badan Pengelolaan Keuangan dan Aset Daerah", "Dinas Sosial",
         "Rumah Sakit Umum Daerah", "Dinas Perhubungan", "Satuan Polisi Pamong Praja")
JABATAN = {"Struktural": ("Kepala Bidang", "Kepala Sub Bagian", "Sekretaris", "Kepala Seksi"),
           "Fungsional": ("Analis Kepegawaian Ahli Muda", "Guru Ahli Pertama", "Perawat Terampil",
                          "Auditor Ahli Madya", "Pranata Komputer Ahli Pertama"),
           "Pelaksana": ("Pengadministrasi Umum", "Pengelola Data", "Pengadministrasi Keuangan",
                         "Analis Kebijakan")}

# --- defects --------------------------------------------------------------------------------------------

# Defect kinds planted as extra rows (copies of clean rows with one thing broken), with the reason code the
# loader must give them. Order = code used in the generated frame (0 = clean).
DEFECTS: tuple[tuple[str, str], ...] = (
    ("nip_format", NIP_FORMAT),
    ("nip_birth_date", NIP_BIRTH_DATE),
    ("nip_sex_digit", NIP_SEX_DIGIT),
    ("birth_mismatch", NIP_BIRTH_MISMATCH),
    ("sex_mismatch", NIP_SEX_MISMATCH),
    ("impossible_date", INVALID_DATE),
    ("unknown_golongan", UNKNOWN_GOLONGAN),
    ("unknown_pendidikan", UNKNOWN_PENDIDIKAN),
    ("duplicate", DUPLICATE_NIP),
)
DEFECT_SHARE = 0.03


@dataclass
class Region:
    name: str                   # Provinsi Banten
    instansi: str               # Pemerintah Provinsi Banten
    golongan: dict[str, int]    # PNS golongan/ruang counts
    pendidikan: dict[str, int]
    gender: dict[str, int]
    pppk: int = 0
    jenis_jabatan: dict[str, int] = field(default_factory=dict)
    eselon: dict[str, int] = field(default_factory=dict)
    pend_gender: dict[tuple[str, str], int] = field(default_factory=dict)


@dataclass
class FileSpec:
    region: Region
    layout: str                 # siasn | regional_text | regional_ids
    fmt: str                    # csv | xlsx
    file_name: str
    as_of: dt.date
    delimiter: str = ","
    encoding: str = "utf-8"
    as_of_column: bool = False


# --- drawing employees as numbers -----------------------------------------------------------------------


def _expand(counts: dict, order: tuple) -> np.ndarray:
    return np.repeat(np.array([order.index(k) for k in counts], dtype=np.int16),
                     np.array(list(counts.values()), dtype=np.int64))


def _draw_base(rng: np.random.Generator, region: Region, as_of: dt.date) -> pd.DataFrame:
    """Clean employees with exactly the region's composition."""
    gol = _expand(region.golongan, GOLONGAN_RUANG)
    n_pns = len(gol)
    if region.pend_gender:
        pairs = list(region.pend_gender.items())
        pend = _expand({k[0] + "|" + k[1]: v for k, v in pairs},
                       tuple(k[0] + "|" + k[1] for k, _ in pairs))
        pend_of = np.array([PENDIDIKAN_LEVELS.index(k[0]) for k, _ in pairs], dtype=np.int16)
        sex_of = np.array([1 if k[1] == "Laki-laki" else 2 for k, _ in pairs], dtype=np.int8)
        sex, pend = sex_of[pend], pend_of[pend]
    else:
        pend = _expand(region.pendidikan, PENDIDIKAN_LEVELS)
        sex = np.where(_expand(region.gender, ("Laki-laki", "Perempuan")) == 0, 1, 2).astype(np.int8)
    n = len(pend)
    if len(sex) != n or n != n_pns + region.pppk:
        raise ValueError(f"{region.name}: golongan ({n_pns}+{region.pppk} PPPK), pendidikan ({n}) and "
                         f"gender ({len(sex)}) totals differ")
    # Pair education with rank: sort both, then shuffle 30% so the pairing is plausible but not perfect.
    pend = np.sort(pend)
    loose = rng.random(n) < 0.3
    pend[loose] = rng.permutation(pend[loose])
    sex = rng.permutation(sex)
    kind = np.zeros(n, dtype=np.int8)
    grade = np.zeros(n, dtype=np.int16)
    if region.pppk:
        kind[n_pns:] = 1
        grade[:n_pns] = np.sort(gol)
        # PPPK grade follows education: SLTA ~V, D-III ~VII, S1 ~IX, S2 ~X.
        grade[n_pns:] = np.clip(pend[n_pns:] + 2 + rng.integers(-1, 2, n - n_pns), 0, 16)
    else:
        grade[:] = np.sort(gol)
    order = rng.permutation(n)
    pend, sex, kind, grade = pend[order], sex[order], kind[order], grade[order]

    # Birth 1966-2001, TMT CPNS 20-34 years later but before the as-of date.
    birth_year = rng.integers(1966, 2002, n)
    birth_day = rng.integers(0, 365, n)
    birth = (np.array([f"{y}-01-01" for y in range(1966, 2002)], dtype="datetime64[D]")[birth_year - 1966]
             + birth_day.astype("timedelta64[D]"))
    tmt_year = np.minimum(birth_year + rng.integers(20, 35, n), as_of.year - 1)
    tmt_year = np.where(kind == 1, np.maximum(tmt_year, as_of.year - 5), tmt_year)
    tmt_month = rng.integers(1, 13, n)
    b = pd.DatetimeIndex(birth)
    birth_num = b.year.values.astype(np.int64) * 10000 + b.month.values * 100 + b.day.values
    pppk_freq = rng.integers(1, 3, n)
    middle = np.where(kind == 1, tmt_year * 100 + 20 + pppk_freq, tmt_year * 100 + tmt_month)
    prefix = birth_num * 10_000_000 + middle * 10 + sex
    # Serial = 1-based occurrence of the 15-digit prefix, so NIPs are unique as BKN issues them.
    idx = np.argsort(prefix, kind="stable")
    sp = prefix[idx]
    starts = np.r_[0, np.flatnonzero(sp[1:] != sp[:-1]) + 1]
    run = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    serial = np.empty(n, dtype=np.int64)
    serial[idx] = run + 1
    nip = prefix * 1000 + serial

    if region.jenis_jabatan:
        jj = rng.permutation(_expand(region.jenis_jabatan, JENIS_JABATAN))
    else:
        jj = rng.choice(3, n, p=(0.08, 0.47, 0.45)).astype(np.int16)
    esl = np.full(n, -1, dtype=np.int16)
    struktural = np.flatnonzero(jj == 0)
    if region.eselon:
        wanted = _expand(region.eselon, ESELON)
        take = min(len(wanted), len(struktural))
        esl[struktural[:take]] = wanted[:take]
    else:
        esl[struktural] = rng.choice(len(ESELON), len(struktural), p=(0.02, 0.03, 0.1, 0.15, 0.4, 0.3))
    return pd.DataFrame({
        "nip": nip.astype(np.int64), "birth": birth, "sex": sex, "kind": kind, "grade": grade,
        "pend": pend, "jj": jj, "esl": esl, "tmt_year": tmt_year.astype(np.int32),
        "tmt_month": tmt_month.astype(np.int32),
        "first": rng.integers(0, len(FIRST), n), "last": rng.integers(0, len(LAST), n),
        "unit": rng.integers(0, len(UNITS), n), "jab": rng.integers(0, 4, n),
        "pim": rng.random(n) < 0.6, "fung": rng.random(n) < 0.5, "jp": rng.integers(0, 61, n),
        "seminar": rng.random(n) < 0.45, "skp": rng.choice(len(SKP), n, p=SKP_P),
        "hukdis": rng.choice(len(HUKDIS), n, p=HUKDIS_P), "variant": rng.choice(6, n, p=(.8, .05, .05, .04,
                                                                                          .03, .03)),
        "defect": np.zeros(n, dtype=np.int8), "shift": rng.integers(1, 200, n),
    })


def _plant_defects(rng: np.random.Generator, base: pd.DataFrame, share: float,
                   min_each: int) -> tuple[pd.DataFrame, list[dict]]:
    """Append broken copies of clean rows, shuffle them in, and say which data rows carry which defect."""
    n = len(base)
    per_kind = max(min_each, int(round(n * share / len(DEFECTS))))
    parts = [base.assign(_src=np.arange(n))]
    for code, _ in enumerate(DEFECTS, start=1):
        src = rng.integers(0, n, per_kind)
        parts.append(base.iloc[src].assign(defect=np.int8(code), _src=src))
    rows = pd.concat(parts, ignore_index=True)
    rows = rows.iloc[rng.permutation(len(rows))].reset_index(drop=True)
    rows["_row"] = np.arange(1, len(rows) + 1)
    # A duplicate is the *later* of two rows with the same NIP; swap roles where the copy landed first.
    dup_code = [k for k, _ in DEFECTS].index("duplicate") + 1
    first_pos = rows[rows.defect == 0].set_index("_src")["_row"]
    dups = rows.index[rows.defect == dup_code]
    for i in dups:
        original = first_pos[rows.at[i, "_src"]]
        if original > rows.at[i, "_row"]:
            j = original - 1
            rows.at[i, "defect"], rows.at[j, "defect"] = 0, dup_code
            first_pos[rows.at[i, "_src"]] = rows.at[i, "_row"]
    # Two copies of the same clean row both planted as duplicates: the loader quarantines both, fine.
    truth = [{"row": int(r), "defect": DEFECTS[d - 1][0], "reason_code": DEFECTS[d - 1][1]}
             for r, d in zip(rows["_row"], rows["defect"], strict=True) if d]
    return rows.drop(columns=["_src", "_row"]), truth


# --- rendering rows as export text (DuckDB SQL over the numeric frame) ----------------------------------


def _list(values) -> str:
    return "[" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in values) + "]"


_GOL_IDS = [f"{i // 4 + 1}{i % 4 + 1}" if i < 16 else "45" for i in range(17)]
_D = {name: code for code, (name, _) in enumerate(DEFECTS, start=1)}


def _gol_text(variant: str) -> str:
    """SQL for the golongan text with a spelling variant (0 canonical .. 5 `Penata Muda (III/a)`)."""
    variants = [
        list(GOLONGAN_RUANG),
        [g.upper().replace("/", "/") for g in GOLONGAN_RUANG],
        [g.replace("/", "") for g in GOLONGAN_RUANG],
        [g.replace("/", ".") for g in GOLONGAN_RUANG],
        [g.replace("/", " ") for g in GOLONGAN_RUANG],
        [f"{PANGKAT[g]} ({g})" for g in GOLONGAN_RUANG],
    ]
    return f"{_list(sum(variants, []))}[{variant} * 17 + grade + 1]"


def _common_sql(layout: str) -> dict[str, str]:
    """Expressions shared by the layouts, with the defects applied."""
    d = _D
    nip = "CAST(nip AS VARCHAR)"
    nip_out = f"""CASE defect
        WHEN {d['nip_format']} THEN CASE WHEN nip % 2 = 0 THEN left({nip}, 17)
                                      ELSE printf('%.5E', CAST(nip AS DOUBLE)) END
        WHEN {d['nip_birth_date']} THEN left({nip}, 4) || '13' || substr({nip}, 7)
        WHEN {d['nip_sex_digit']} THEN left({nip}, 14) || '3' || substr({nip}, 16)
        ELSE {nip} END"""
    birth_fmt = "%d-%m-%Y" if layout == "siasn" else "%Y-%m-%d"
    impossible = ("'31-02-' || year(birth)" if layout == "siasn" else "year(birth) || '-02-31'")
    birth_out = f"""CASE defect
        WHEN {d['birth_mismatch']} THEN strftime(birth + CAST(shift AS INTEGER), '{birth_fmt}')
        WHEN {d['impossible_date']} THEN {impossible}
        ELSE strftime(birth, '{birth_fmt}') END"""
    sex_out = f"CASE WHEN defect = {d['sex_mismatch']} THEN 3 - sex ELSE sex END"
    pns_gol = "grade"
    unknown_gol = "defect = " + str(d["unknown_golongan"])
    unknown_pend = "defect = " + str(d["unknown_pendidikan"])
    return {"nip": nip_out, "birth": birth_out, "sex": sex_out, "grade": pns_gol,
            "unknown_gol": unknown_gol, "unknown_pend": unknown_pend}


def _columns_sql(spec: FileSpec) -> list[tuple[str, str]]:
    """(header, SQL expression) per column of the file's layout."""
    c = _common_sql("siasn" if spec.layout == "siasn" else "regional")
    tmt_cpns_date = "make_date(tmt_year, CASE WHEN kind = 1 THEN 1 ELSE tmt_month END, 1)"
    name = f"{_list(FIRST)}[first + 1] || ' ' || {_list(LAST)}[last + 1]"
    unit = f"{_list(UNITS)}[unit + 1]"
    jabatan = (f"CASE jj WHEN 0 THEN {_list(JABATAN['Struktural'])}[jab + 1] "
               f"WHEN 1 THEN {_list(JABATAN['Fungsional'])}[jab % 5 + 1] "
               f"ELSE {_list(JABATAN['Pelaksana'])}[jab + 1] END")
    pend_levels = list(PENDIDIKAN_LEVELS)
    if spec.layout == "siasn":
        gol_name = (f"CASE WHEN {c['unknown_gol']} THEN {_list(['III/e', 'V/a', 'II/f', 'IIII/a'])}[nip % 4 + 1]"
                    f" WHEN kind = 1 THEN {_list(PPPK_GRADES)}[grade + 1] ELSE {_list(GOLONGAN_RUANG)}[grade + 1] END")
        gol_id = f"CASE WHEN kind = 1 THEN NULL ELSE {_list(_GOL_IDS)}[grade + 1] END"
        pend_name = (f"CASE WHEN {c['unknown_pend']} THEN 'Lainnya' "
                     f"ELSE {_list(PENDIDIKAN_SIASN[p][1] for p in pend_levels)}[pend + 1] END")
        pend_id = (f"CASE WHEN {c['unknown_pend']} THEN '99' "
                   f"ELSE {_list(PENDIDIKAN_SIASN[p][0] for p in pend_levels)}[pend + 1] END")
        jj_id = _list(JENIS_JABATAN_SIASN[j][0] for j in JENIS_JABATAN) + "[jj + 1]"
        jj_name = _list(JENIS_JABATAN_SIASN[j][1] for j in JENIS_JABATAN) + "[jj + 1]"
        inst = "instansi"
        cols = {
            "PNS ID": "md5(CAST(nip AS VARCHAR))",
            "NIP BARU": c["nip"],
            "NIP LAMA": "CASE WHEN tmt_year < 2008 THEN CAST(100000000 + nip % 899999999 AS VARCHAR) END",
            "NAMA": name, "GELAR DEPAN": "NULL",
            "GELAR BELAKANG": f"{_list(['', '', '', '', '', '', '', 'S.Sos', 'M.Si', 'Dr.'])}[pend + 1]",
            "TEMPAT LAHIR ID": "NULL", "TEMPAT LAHIR NAMA": "tempat",
            "TANGGAL LAHIR": c["birth"], "JENIS KELAMIN": f"CASE {c['sex']} WHEN 1 THEN 'M' ELSE 'F' END",
            "AGAMA ID": "'1'", "AGAMA NAMA": "'Islam'", "JENIS KAWIN ID": "'2'", "JENIS KAWIN NAMA": "'Menikah'",
            "NIK": "'36' || lpad(CAST(nip % 99999999999999 AS VARCHAR), 14, '0')",
            "NOMOR HP": "'08' || lpad(CAST(nip % 9999999999 AS VARCHAR), 10, '0')",
            "EMAIL": "NULL", "EMAIL GOV": "NULL", "ALAMAT": "NULL", "NPWP NOMOR": "NULL", "BPJS": "NULL",
            "JENIS PEGAWAI ID": "'4'", "JENIS PEGAWAI NAMA": "CASE WHEN kind = 1 THEN 'PPPK' ELSE 'PNS Daerah' END",
            "KEDUDUKAN HUKUM ID": "CASE WHEN kind = 1 THEN '71' ELSE '01' END",
            "KEDUDUKAN HUKUM NAMA": "CASE WHEN kind = 1 THEN 'PPPK Aktif' ELSE 'Aktif' END",
            "STATUS CPNS PNS": "CASE WHEN kind = 1 THEN NULL ELSE 'P' END",
            "KARTU ASN VIRTUAL": "NULL", "NOMOR SK CPNS": "NULL", "TANGGAL SK CPNS": "NULL",
            "TMT CPNS": f"strftime({tmt_cpns_date}, '%d-%m-%Y')",
            "NOMOR SK PNS": "NULL", "TANGGAL SK PNS": "NULL",
            "TMT PNS": f"CASE WHEN kind = 0 THEN strftime({tmt_cpns_date} + INTERVAL 1 YEAR, '%d-%m-%Y') END",
            "GOL AWAL ID": gol_id, "GOL AWAL NAMA": gol_name.replace(c["unknown_gol"], "false"),
            "GOL AKHIR ID": gol_id, "GOL AKHIR NAMA": gol_name,
            "TMT GOLONGAN": f"strftime(make_date({spec.as_of.year} - 1 - CAST(nip % 4 AS INTEGER), 4, 1), '%d-%m-%Y')",
            "MK TAHUN": f"CAST({spec.as_of.year} - tmt_year AS VARCHAR)", "MK BULAN": "'0'",
            "JENIS JABATAN ID": jj_id, "JENIS JABATAN NAMA": jj_name, "JABATAN ID": "NULL",
            "JABATAN NAMA": jabatan, "TMT JABATAN": "NULL",
            "TINGKAT PENDIDIKAN ID": pend_id, "TINGKAT PENDIDIKAN NAMA": pend_name,
            "PENDIDIKAN ID": "NULL", "PENDIDIKAN NAMA": "NULL", "TAHUN LULUS": "CAST(tmt_year - 2 AS VARCHAR)",
            "KPKN ID": "NULL", "KPKN NAMA": "NULL", "LOKASI KERJA ID": "NULL",
            "LOKASI KERJA NAMA": "region", "UNOR ID": "CAST(unit AS VARCHAR)", "UNOR NAMA": unit,
            "INSTANSI INDUK ID": "NULL", "INSTANSI INDUK NAMA": inst, "INSTANSI KERJA ID": "NULL",
            "INSTANSI KERJA NAMA": inst, "SATUAN KERJA INDUK ID": "NULL", "SATUAN KERJA INDUK NAMA": inst,
            "SATUAN KERJA KERJA ID": "NULL", "SATUAN KERJA KERJA NAMA": unit,
        }
        return list(cols.items())
    ipasn = [
        ("diklat_kepemimpinan", "CASE WHEN jj = 0 THEN CASE WHEN pim THEN 'Sudah' ELSE 'Belum' END ELSE '-' END"),
        ("diklat_fungsional", "CASE WHEN jj = 1 THEN CASE WHEN fung THEN 'Ya' ELSE 'Tidak' END ELSE '-' END"),
        ("diklat_teknis_jp", "CAST(jp AS VARCHAR)"),
        ("seminar", "CASE WHEN seminar THEN 'Ya' ELSE 'Tidak' END"),
        ("skp_predikat", f"{_list(SKP)}[skp + 1]"),
        ("hukuman_disiplin", f"{_list(HUKDIS)}[hukdis + 1]"),
    ]
    if spec.layout == "regional_text":
        gol = (f"CASE WHEN {c['unknown_gol']} THEN {_list(['III/e', 'V/a', 'II/f', 'Gol. X'])}[nip % 4 + 1] "
               f"WHEN kind = 1 THEN {_list(PPPK_GRADES)}[grade + 1] ELSE {_gol_text('variant')} END")
        cols = [
            ("nip", c["nip"]), ("nama", name), ("gelar_depan", "NULL"), ("gelar_belakang", "NULL"),
            ("tempat_lahir", "tempat"), ("tglhr", c["birth"]),
            ("jenis_kelamin", f"CASE {c['sex']} WHEN 1 THEN 'L' ELSE 'P' END"),
            ("agama", "'Islam'"),
            ("status_pegawai", "CASE WHEN kind = 1 THEN 'PPPK' ELSE 'PNS' END"), ("golongan_ruang", gol),
            ("pangkat", f"CASE WHEN kind = 0 THEN {_list(PANGKAT[g] for g in GOLONGAN_RUANG)}[grade + 1] END"),
            ("tmt_cpns", f"strftime({tmt_cpns_date}, '%Y-%m-%d')"),
            ("jenis_jabatan", f"{_list(['Struktural', 'Fungsional Tertentu', 'Fungsional Umum'])}[jj + 1]"),
            ("jabatan", jabatan),
            ("eselon", f"CASE WHEN esl >= 0 THEN {_list(ESELON)}[esl + 1] ELSE '-' END"),
            ("tingkat_pendidikan", f"CASE WHEN {c['unknown_pend']} THEN 'Lainnya' "
                                   f"ELSE {_list(PENDIDIKAN_REGIONAL[p] for p in pend_levels)}[pend + 1] END"),
            ("jurusan", "NULL"),
            ("unit_kerja", f"'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia – ' || {unit}"),
            ("instansi", "instansi"),
            *ipasn,
            ("no_hp", "'08' || lpad(CAST(nip % 9999999999 AS VARCHAR), 10, '0')"),
        ]
        return cols
    # regional_ids: tb_01 style numeric codes (idgolrupkt, idtkpendid, idjenkel, idesljbt, idjenjab).
    cols = [
        ("nip", c["nip"]), ("nama", name), ("tglhr", c["birth"]), ("idjenkel", f"CAST({c['sex']} AS VARCHAR)"),
        ("idgolrupkt", f"CASE WHEN {c['unknown_gol']} THEN {_list(['35', '46', '99'])}[nip % 3 + 1] "
                       f"ELSE {_list(_GOL_IDS)}[grade + 1] END"),
        ("idtkpendid", f"CASE WHEN {c['unknown_pend']} THEN '99' "
                       f"ELSE {_list(PENDIDIKAN_SIASN[p][0] for p in pend_levels)}[pend + 1] END"),
        ("idjenjab", f"{_list(['1', '2', '4'])}[jj + 1]"),
        ("idesljbt", f"CASE WHEN esl >= 0 THEN {_list(ESELON_ID[e] for e in ESELON)}[esl + 1] END"),
        ("jabatan", jabatan), ("unit_kerja", unit), ("instansi", "instansi"),
        ("tmtcpn", f"strftime({tmt_cpns_date}, '%Y-%m-%d')"),
        *ipasn,
    ]
    if spec.as_of_column:
        cols.append(("per_tanggal", f"'{spec.as_of.isoformat()}'"))
    return cols


def _select_sql(spec: FileSpec, frame_name: str) -> str:
    cols = _columns_sql(spec)
    # pandas hands dates over as timestamps; the expressions do date arithmetic.
    frame = f"(SELECT * REPLACE (CAST(birth AS DATE) AS birth) FROM {frame_name})"
    return "SELECT " + ", ".join(f'CAST({expr} AS VARCHAR) AS "{h}"' for h, expr in cols) + f" FROM {frame}"


def _label(rows: pd.DataFrame, region: Region, file_id: int = 0) -> pd.DataFrame:
    """Per-row copies of the region's constants, so several regions can share one COPY."""
    n = len(rows)
    return rows.assign(
        instansi=pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [region.instansi]),
        region=pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [region.name]),
        tempat=pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [region.name.split(" ", 1)[1]]),
        fid=np.int32(file_id),
    )


def _write(con: duckdb.DuckDBPyConnection, spec: FileSpec, rows: pd.DataFrame, out_dir: Path) -> Path:
    path = out_dir / spec.file_name
    rows = _label(rows, spec.region)
    con.register("_rows", rows)
    try:
        query = _select_sql(spec, "_rows")
        if spec.fmt == "xlsx":
            _write_xlsx(con, query, path, spec.as_of)
        elif spec.encoding.lower() in {"utf-8", "utf8"}:
            con.execute(f"COPY ({query}) TO '{path}' (HEADER, DELIMITER '{spec.delimiter}', QUOTE '\"')")
        else:
            with tempfile.TemporaryDirectory() as tmp:
                utf8 = Path(tmp) / "rows.csv"
                con.execute(f"COPY ({query}) TO '{utf8}' (HEADER, DELIMITER '{spec.delimiter}', QUOTE '\"')")
                path.write_bytes(utf8.read_text("utf-8").encode(spec.encoding))
    finally:
        con.unregister("_rows")
    return path


def _write_xlsx(con: duckdb.DuckDBPyConnection, query: str, path: Path, as_of: dt.date) -> None:
    import openpyxl

    result = con.execute(query)
    headers = [d[0] for d in result.description]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Data Pegawai")
    ws.append(headers)
    date_cols = {i for i, h in enumerate(headers) if h in {"tglhr", "tmtcpn"}}
    for row in result.fetchall():
        cells = list(row)
        for i in date_cols:
            # Real workbooks hold dates as date cells; an impossible date can only survive as text.
            try:
                cells[i] = dt.date.fromisoformat(cells[i]) if cells[i] else None
            except ValueError:
                pass
        ws.append(cells)
    buffer = io.BytesIO()
    wb.save(buffer)
    _write_dated_zip(buffer.getvalue(), path, as_of)


_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _write_dated_zip(workbook: bytes, path: Path, as_of: dt.date) -> None:
    """The workbook with every clock reading replaced by its snapshot date: openpyxl stamps the save time into
    docProps/core.xml and on each zip entry, and a sample that changes its sha256 on every write looks like a
    new export to the refresh (which skips inputs it has seen)."""
    stamp = f"{as_of.isoformat()}T00:00:00Z".encode()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=(as_of.year, as_of.month, as_of.day, 0, 0, 0))
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            out.writestr(entry, data)


# --- scales ---------------------------------------------------------------------------------------------


def _counts(values: np.ndarray, labels: tuple[str, ...]) -> dict[str, int]:
    counts = np.bincount(values.astype(np.int64), minlength=len(labels))
    return {labels[i]: int(c) for i, c in enumerate(counts) if c}


def _headcounts(rows: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Clean headcounts (PNS golongan; education and gender over PNS and PPPK alike)."""
    clean = rows.defect.to_numpy() == 0
    kind, grade = rows.kind.to_numpy(), rows.grade.to_numpy()
    pns, pppk = clean & (kind == 0), clean & (kind == 1)
    gr = _counts(grade[pns], GOLONGAN_RUANG)
    golongan: dict[str, int] = {}
    for g, c in gr.items():
        golongan[g.split("/")[0]] = golongan.get(g.split("/")[0], 0) + c
    result = {
        "golongan_ruang": gr, "golongan": golongan,
        "pendidikan": _counts(rows.pend.to_numpy()[clean], PENDIDIKAN_LEVELS),
        "jenis_kelamin": _counts(rows.sex.to_numpy()[clean] - 1, ("Laki-laki", "Perempuan")),
    }
    if pppk.any():
        result["pppk_grade"] = _counts(grade[pppk], PPPK_GRADES)
    result["total"] = {"all": int(clean.sum()), "PNS": int(pns.sum()), "PPPK": int(pppk.sum())}
    return result


def demo_specs() -> list[FileSpec]:
    banten = Region("Provinsi Banten", "Pemerintah Provinsi Banten", fig.SIMPEG_BANTEN_GOLONGAN_RUANG,
                    fig.SIMPEG_BANTEN_PENDIDIKAN, fig.SIMPEG_BANTEN_GENDER)
    serang = Region("Kota Serang", "Pemerintah Kota Serang", fig.SIMPEG_SERANG_GOLONGAN_RUANG,
                    fig.SIMPEG_SERANG_PENDIDIKAN, fig.SIMPEG_SERANG_GENDER,
                    jenis_jabatan=fig.SIMPEG_SERANG_JENIS_JABATAN, eselon=fig.SIMPEG_SERANG_ESELON)
    bekasi = Region("Kota Bekasi", "Pemerintah Kota Bekasi", fig.SIMPEG_BEKASI_GOLONGAN_RUANG, {}, {},
                    jenis_jabatan=fig.SIMPEG_BEKASI_JENIS_JABATAN, eselon=fig.SIMPEG_BEKASI_ESELON,
                    pend_gender=fig.SIMPEG_BEKASI_PENDIDIKAN_GENDER)
    return [
        FileSpec(banten, "siasn", "csv", "siasn_export_data_asn_provinsi_banten_2024-12-31.csv",
                 dt.date(2024, 12, 31)),
        FileSpec(serang, "regional_text", "csv", "simpeg_kota_serang_20211231.csv", dt.date(2021, 12, 31),
                 delimiter=";", encoding="cp1252"),
        FileSpec(bekasi, "regional_ids", "xlsx", "simpeg_bkpsdm_kota_bekasi.xlsx", dt.date(2023, 12, 31),
                 as_of_column=True),
    ]


def write_simpeg_samples(
    out_dir: Path, scale: str = "demo", seed: int = 20241231, rows: int | None = None
) -> list[Path]:
    """Write the exports of `scale` (demo | national) and `simpeg_truth.json` into `out_dir`.

    `rows` sets the national total (default NATIONAL_ROWS); the demo composition is fixed."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if scale == "demo":
        return _write_demo(out_dir, seed)
    if scale == "national":
        return write_national(out_dir, total=rows or NATIONAL_ROWS, seed=seed)
    raise ValueError(f"unknown scale {scale!r} (demo | national)")


def _write_demo(out_dir: Path, seed: int) -> list[Path]:
    rng = np.random.default_rng(seed)
    con = duckdb.connect()
    paths, truth = [], {"scale": "demo", "files": {}, "regions": {}}
    for spec in demo_specs():
        base = _draw_base(rng, spec.region, spec.as_of)
        rows, defects = _plant_defects(rng, base, DEFECT_SHARE, min_each=1)
        path = _write(con, spec, rows, out_dir)
        paths.append(path)
        truth["files"][path.name] = _file_truth(spec, rows, defects)
        truth["regions"][spec.region.name] = _headcounts(rows)
    (out_dir / "simpeg_truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False))
    return paths


def _file_truth(spec: FileSpec, rows: pd.DataFrame, defects: list[dict] | None) -> dict:
    counts = rows.defect.value_counts()
    by_reason: dict[str, int] = {}
    for code, n in counts.items():
        if code:
            reason = DEFECTS[code - 1][1]
            by_reason[reason] = by_reason.get(reason, 0) + int(n)
    out = {
        "region_name": spec.region.name, "agency_name": spec.region.instansi,
        "layout": "siasn" if spec.layout == "siasn" else "regional", "format": spec.fmt,
        "delimiter": spec.delimiter if spec.fmt == "csv" else None, "encoding": spec.encoding,
        "as_of_date": spec.as_of.isoformat(), "rows_in": int(len(rows)),
        "rows_loaded": int((rows.defect == 0).sum()), "rows_quarantined": int((rows.defect != 0).sum()),
        "quarantined_by_reason": by_reason,
    }
    if defects is not None:
        out["defects"] = defects
    return out


# --- national scale -------------------------------------------------------------------------------------


def national_regions(total: int = NATIONAL_ROWS, seed: int = 7) -> list[tuple[Region, str]]:
    """546 governments with sizes summing to `total`; (region, slug). Compositions drawn from national
    shares (golongan/education for PNS, PPPK share 36%, women 56%)."""
    rng = np.random.default_rng(seed)
    names = [(f"Provinsi {p}", f"Pemerintah Provinsi {p}") for p in PROVINCES]
    names += [(f"Kabupaten Wilayah {i:03d}", f"Pemerintah Kabupaten Wilayah {i:03d}")
              for i in range(1, N_KABUPATEN + 1)]
    names += [(f"Kota Wilayah {i:03d}", f"Pemerintah Kota Wilayah {i:03d}") for i in range(1, N_KOTA + 1)]
    weights = rng.lognormal(0.0, 0.6, len(names))
    floor = min(50, total // (4 * len(names)))  # even the smallest government has some staff
    sizes = floor + np.floor(weights / weights.sum() * (total - floor * len(names))).astype(np.int64)
    sizes[np.argmax(sizes)] += total - sizes.sum()
    gol_p = np.array([0.001, 0.002, 0.004, 0.006, 0.02, 0.02, 0.05, 0.04, 0.12, 0.12, 0.12, 0.15, 0.15,
                      0.16, 0.02, 0.003, 0.0003])
    gol_p /= gol_p.sum()
    pend_p = np.array([0.004, 0.008, 0.14, 0.01, 0.03, 0.11, 0.05, 0.56, 0.08, 0.008])
    pend_p /= pend_p.sum()
    out = []
    for (name, instansi), n in zip(names, sizes, strict=True):
        n = int(n)
        pppk = int(round(n * NATIONAL_PPPK_SHARE))
        gol = rng.multinomial(n - pppk, gol_p)
        pend = rng.multinomial(n, pend_p)
        women = int(rng.binomial(n, NATIONAL_FEMALE_SHARE))
        region = Region(name, instansi,
                        {g: int(c) for g, c in zip(GOLONGAN_RUANG, gol, strict=True) if c},
                        {p: int(c) for p, c in zip(PENDIDIKAN_LEVELS, pend, strict=True) if c},
                        {"Laki-laki": n - women, "Perempuan": women}, pppk=pppk)
        out.append((region, name.lower().replace(" ", "_")))
    return out


def write_national(out_dir: Path, total: int = NATIONAL_ROWS, seed: int = 20251101,
                   as_of: dt.date = dt.date(2025, 6, 30), chunk_rows: int = 400_000) -> list[Path]:
    """One export per government, SIASN CSV for provinces and two of three kab/kota, regional `;` CSV for
    the rest. Regions are drawn one by one and written in chunks of about `chunk_rows` rows: one
    partitioned DuckDB COPY per chunk and layout, so no more than a chunk is ever in memory.
    Returns the paths; simpeg_truth.json keeps per-file counts (no row lists at this scale)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    con = duckdb.connect()
    # One file per partition: DuckDB otherwise closes and reopens partitions beyond 100 open files.
    con.execute("SET partitioned_write_max_open_files = 100000")
    started, rows_written = time.perf_counter(), 0
    paths: list[Path] = []
    truth: dict = {"scale": "national", "files": {}, "regions": {}}
    pending: dict[str, list[tuple[FileSpec, pd.DataFrame]]] = {"siasn": [], "regional_text": []}
    pending_rows = {"siasn": 0, "regional_text": 0}
    with tempfile.TemporaryDirectory(dir=out_dir) as scratch:
        for i, (region, slug) in enumerate(national_regions(total)):
            regional = region.name.startswith(("Kabupaten", "Kota")) and i % 3 == 0
            layout = "regional_text" if regional else "siasn"
            spec = FileSpec(region, layout, "csv",
                            f"{'simpeg' if regional else 'siasn'}_{slug}_{as_of.isoformat()}.csv", as_of,
                            delimiter=";" if regional else ",")
            rows, _ = _plant_defects_fast(rng, _draw_base(rng, region, as_of), DEFECT_SHARE)
            truth["files"][spec.file_name] = _file_truth(spec, rows, None)
            truth["regions"][region.name] = _headcounts(rows)
            rows_written += len(rows)
            pending[layout].append((spec, rows))
            pending_rows[layout] += len(rows)
            if pending_rows[layout] >= chunk_rows:
                paths += _flush(con, pending[layout], out_dir, Path(scratch))
                pending[layout], pending_rows[layout] = [], 0
        for batch in pending.values():
            if batch:
                paths += _flush(con, batch, out_dir, Path(scratch))
    elapsed = time.perf_counter() - started
    truth["generator"] = {"rows": rows_written, "seconds": round(elapsed, 2),
                          "rows_per_second": round(rows_written / elapsed)}
    (out_dir / "simpeg_truth.json").write_text(json.dumps(truth, ensure_ascii=False))
    return paths


def _flush(con: duckdb.DuckDBPyConnection, batch: list[tuple[FileSpec, pd.DataFrame]], out_dir: Path,
           scratch: Path) -> list[Path]:
    """Write several regions of one layout with a single COPY partitioned by file id, then move each
    partition's file to its export name."""
    spec0 = batch[0][0]
    frame = pd.concat([_label(rows, spec.region, fid) for fid, (spec, rows) in enumerate(batch)],
                      ignore_index=True)
    target = scratch / "chunk"
    con.register("_rows", frame)
    try:
        query = _select_sql(spec0, "_rows").replace(" FROM (SELECT", ", fid FROM (SELECT", 1)
        con.execute(f"COPY ({query}) TO '{target}' (FORMAT csv, PARTITION_BY (fid), HEADER, "
                    f"DELIMITER '{spec0.delimiter}', QUOTE '\"', OVERWRITE_OR_IGNORE)")
    finally:
        con.unregister("_rows")
    paths = []
    for fid, (spec, _) in enumerate(batch):
        path = out_dir / spec.file_name
        parts = sorted((target / f"fid={fid}").glob("*.csv"))
        if len(parts) != 1:
            raise RuntimeError(f"partition {fid} of a chunk was written as {len(parts)} files")
        shutil.move(parts[0], path)
        paths.append(path)
    shutil.rmtree(target)
    return paths


def _plant_defects_fast(rng: np.random.Generator, base: pd.DataFrame, share: float) -> tuple[pd.DataFrame, None]:
    """National variant: defects appended at the end (no per-row bookkeeping), so every duplicate is the later
    row by construction; the truth keeps counts per reason only."""
    n = len(base)
    per_kind = min(n, max(1, int(round(n * share / len(DEFECTS)))))
    # Sources drawn without replacement within a kind, so no row is duplicated twice (counts stay exact).
    src = np.concatenate([rng.permutation(n)[:per_kind] for _ in DEFECTS])
    rows = base.take(np.concatenate([np.arange(n), src])).reset_index(drop=True)
    rows["defect"] = np.concatenate([np.zeros(n, dtype=np.int8),
                                     np.repeat(np.arange(1, len(DEFECTS) + 1, dtype=np.int8), per_kind)])
    return rows, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", choices=("demo", "national"), default="demo")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--rows", type=int, default=NATIONAL_ROWS, help="national scale: total rows")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    seed = args.seed if args.seed is not None else (20241231 if args.scale == "demo" else 20251101)
    paths = write_simpeg_samples(args.out_dir, args.scale, seed, rows=args.rows)
    elapsed = time.perf_counter() - started
    truth = json.loads((args.out_dir / "simpeg_truth.json").read_text())
    rows = sum(f["rows_in"] for f in truth["files"].values())
    print(f"{len(paths)} files, {rows:,} rows in {elapsed:.1f} s ({rows / elapsed:,.0f} rows/s) -> {args.out_dir}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
