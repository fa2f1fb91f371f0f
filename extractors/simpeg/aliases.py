"""The one alias table that maps SIMPEG/SIASN export headers to canonical fields.

Headers are compared after folding case, spaces, underscores and punctuation away (`NIP BARU`, `nip_baru`,
`nipBaru` are the same key). Where a field has several source columns (a name and an id), the earlier alias
wins per row and later ones fill its gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# field -> aliases in priority order. SIASN "Export Data ASN" names first (docs/domain.md §5), then the regional
# SIMPEG names (tb_01 schema, Daftar Nominatif, Kota Bogor; §3.3).
ALIASES: dict[str, tuple[str, ...]] = {
    "nip": ("NIP BARU", "nip", "nip_baru", "nip18", "nip_pegawai"),
    "nip_lama": ("NIP LAMA", "niplama", "nip_lama"),
    "nama": ("NAMA", "nama_pegawai", "nama_lengkap"),
    "tanggal_lahir": ("TANGGAL LAHIR", "tglhr", "tgl_lahir", "tanggal_lahir", "tgllahir"),
    "jenis_kelamin": ("JENIS KELAMIN", "idjenkel", "jenkel", "jk", "sex"),
    "status_kepegawaian": (
        "STATUS CPNS PNS", "status_pegawai", "status_kepegawaian", "jenis_kepegawaian", "JENIS PEGAWAI NAMA",
    ),
    "kedudukan_hukum": ("KEDUDUKAN HUKUM ID", "KEDUDUKAN HUKUM NAMA", "idjenkedudupeg", "kedudukan_hukum"),
    "golongan": (
        "GOL AKHIR NAMA", "golongan_ruang", "gol_ruang", "golru", "gol_akhir", "pangkat_golongan", "golongan",
        "GOL AKHIR ID", "idgolrupkt", "id_golongan",
    ),
    "jenis_jabatan": ("JENIS JABATAN NAMA", "jenis_jabatan", "jenjab", "JENIS JABATAN ID", "idjenjab"),
    "jabatan_nama": ("JABATAN NAMA", "jabatan", "nama_jabatan"),
    "eselon": ("ESELON", "eselon", "idesljbt", "eselon_id"),
    "pendidikan": (
        "TINGKAT PENDIDIKAN NAMA", "tingkat_pendidikan", "pendidikan_terakhir", "pendidikan",
        "jenjang_pendidikan",
        "TINGKAT PENDIDIKAN ID", "idtkpendid",
    ),
    "unit_kerja": ("UNOR NAMA", "unit_kerja", "unor", "skpd", "opd", "SATUAN KERJA KERJA NAMA"),
    "instansi": ("INSTANSI KERJA NAMA", "instansi", "instansi_kerja", "nama_instansi", "pemda",
                 "INSTANSI INDUK NAMA"),
    "tmt_cpns": ("TMT CPNS", "tmtcpn", "tmt_cpns"),
    "as_of_date": ("tanggal_data", "per_tanggal", "as_of_date", "tgl_data", "tanggal_export", "posisi_data"),
    "diklat_kepemimpinan": ("diklat_kepemimpinan", "diklatpim", "diklat_pim"),
    "diklat_fungsional": ("diklat_fungsional",),
    "diklat_teknis_jp": ("diklat_teknis_jp", "jp_diklat_teknis", "diklat_teknis"),
    "seminar": ("seminar", "seminar_workshop"),
    "skp_predikat": ("skp_predikat", "predikat_skp", "nilai_skp_predikat", "predikat_kinerja"),
    "hukuman_disiplin": ("hukuman_disiplin", "hukdis", "tingkat_hukuman_disiplin"),
}

# A file without these cannot give a headcount by the marts' dimensions.
REQUIRED: tuple[str, ...] = ("nip", "golongan", "pendidikan")

# Fields that exist to derive others and have no column of their own in raw.simpeg_employees; their source
# columns also go to `extra` so nothing the export said is lost.
DERIVATION_ONLY: frozenset[str] = frozenset({"kedudukan_hukum", "instansi", "as_of_date"})

# Headers only SIASN's "Export Data ASN" has; three of them are enough to call a file SIASN layout.
_SIASN_MARKERS = ("PNS ID", "NIP BARU", "GOL AKHIR NAMA", "UNOR NAMA", "INSTANSI KERJA NAMA",
                  "TINGKAT PENDIDIKAN NAMA", "KEDUDUKAN HUKUM NAMA")


def header_key(header: str) -> str:
    """Fold case, spaces, underscores and punctuation: `NIP BARU` == `nip_baru` == `nipBaru`."""
    return re.sub(r"[^a-z0-9]", "", header.lower())


_ALIAS_INDEX: dict[str, tuple[str, int]] = {}
for _field, _aliases in ALIASES.items():
    for _rank, _alias in enumerate(_aliases):
        _ALIAS_INDEX.setdefault(header_key(_alias), (_field, _rank))


@dataclass(frozen=True)
class HeaderMatch:
    fields: dict[str, list[int]]   # field -> source column indexes, best alias first
    unknown: list[int]             # indexes of columns no alias knows
    layout: str                    # siasn | regional

    def extra_columns(self) -> list[int]:
        """Columns kept verbatim in raw.simpeg_employees.extra."""
        kept = [i for f in DERIVATION_ONLY for i in self.fields.get(f, [])]
        return sorted(set(self.unknown) | set(kept))

    def missing(self) -> list[str]:
        return [f for f in REQUIRED if f not in self.fields]


def match_headers(headers: list[str]) -> HeaderMatch:
    """Map each header to a field through ALIASES; a repeated header after the first is treated as unknown."""
    ranked: dict[str, list[tuple[int, int]]] = {}
    unknown: list[int] = []
    seen: set[str] = set()
    for index, header in enumerate(headers):
        key = header_key(header)
        hit = _ALIAS_INDEX.get(key)
        if hit is None or key in seen or not key:
            unknown.append(index)
            continue
        seen.add(key)
        ranked.setdefault(hit[0], []).append((hit[1], index))
    fields = {f: [i for _, i in sorted(hits)] for f, hits in ranked.items()}
    keys = {header_key(h) for h in headers}
    layout = "siasn" if sum(header_key(m) in keys for m in _SIASN_MARKERS) >= 3 else "regional"
    return HeaderMatch(fields, unknown, layout)


def describe_aliases(field: str) -> str:
    return ", ".join(ALIASES[field])
