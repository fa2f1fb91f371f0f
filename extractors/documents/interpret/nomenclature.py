"""National plan nomenclature (Kepmendagri 050 on program/kegiatan/sub-kegiatan names).

Budget tables often list programs, kegiatan and sub-kegiatan in one column without codes; the
kegiatan of the common personnel-agency programs have fixed national names, so a row that carries
one of them is a kegiatan and the rows under it are its sub-kegiatan.
"""

from __future__ import annotations

import re

_KEGIATAN = (
    # Program Penunjang Urusan Pemerintahan Daerah (every agency)
    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
    "Administrasi Keuangan Perangkat Daerah",
    "Administrasi Barang Milik Daerah pada Perangkat Daerah",
    "Administrasi Pendapatan Daerah Kewenangan Perangkat Daerah",
    "Administrasi Kepegawaian Perangkat Daerah",
    "Administrasi Umum Perangkat Daerah",
    "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
    "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
    "Peningkatan Pelayanan BLUD",
    # Program Kepegawaian Daerah
    "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
    "Mutasi dan Promosi ASN",
    "Pengembangan Kompetensi ASN",
    "Penilaian dan Evaluasi Kinerja Aparatur",
    # Program Pengembangan Sumber Daya Manusia (BPSDM)
    "Pengembangan Kompetensi Teknis",
    "Sertifikasi, Kelembagaan, Pengembangan Kompetensi Manajerial dan Fungsional",
)


def _key(name: str) -> str:
    text = re.sub(r"[^a-z ]", " ", name.lower())
    text = text.replace("pemerintahan", "pemerintah")
    return " ".join(w for w in text.split() if w not in {"dan", "pada", "serta"})


_KEGIATAN_KEYS = {_key(n) for n in _KEGIATAN}


def is_kegiatan_name(name: str) -> bool:
    return _key(name) in _KEGIATAN_KEYS
