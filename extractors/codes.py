"""Code-list normalisation: the one place where golongan, education, position type, eselon, gender and
age bands get their canonical spelling. Used by the document interpreter and the SIMPEG readers alike;
the populations a document table covers and the IP ASN dimensions live here too."""

from __future__ import annotations

import re
import unicodedata

# --- golongan / ruang (PNS) -------------------------------------------------------------------------

GOLONGAN_RUANG: tuple[str, ...] = (
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)
PANGKAT: dict[str, str] = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata", "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama",
}
# SIASN/SAPK numeric ids: tens digit = golongan, units digit = ruang (11 = I/a ... 45 = IV/e).
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_RUANG = "abcde"
_GOL_TEXT = re.compile(r"\b(IV|III|II|I)\s*[/.\-\s]?\s*([a-eA-E])\b")
# OCR renders Roman numerals with Cyrillic look-alikes (e.g. "п/а" in the Banten LKIP).
_LOOKALIKES = str.maketrans(
    {"п": "II", "П": "II", "а": "a", "в": "b", "с": "c", "е": "e", "І": "I", "і": "I"}
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).translate(_LOOKALIKES).strip()


def _pangkat_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower().replace("tk.", "tingkat").replace("tk ", "tingkat "))


_PANGKAT_LOOKUP = {_pangkat_key(v): k for k, v in PANGKAT.items()}


def normalise_golongan_ruang(value: object) -> str | None:
    """`III/a`, `III/A`, `IIIa`, `III.a`, `III a`, `3a`, `Penata Muda (III/a)`, SIASN id `31` → `III/a`.

    None for anything else, including the non-existent `III/e` and a bare golongan `III`."""
    if value is None:
        return None
    text = _fold(str(value))
    if not text:
        return None
    if re.fullmatch(r"\d{2}(\.0)?", text):
        digits = text[:2]
        if digits[0] in _ROMAN and digits[1] in "12345":
            gr = f"{_ROMAN[digits[0]]}/{_RUANG[int(digits[1]) - 1]}"
            return gr if gr in PANGKAT else None
        return None
    # Arabic golongan with a ruang letter (`3a`, `3/a`, `4-B`), as some regional SIMPEG screens print it.
    m = re.fullmatch(r"(?i)(?:gol(?:ongan)?\.?\s*)?([1-4])\s*[/.\-\s]?\s*([a-e])", text)
    if m:
        gr = f"{_ROMAN[m.group(1)]}/{m.group(2).lower()}"
        return gr if gr in PANGKAT else None
    # A cell holding only a golongan may be in lower case (`iii/a`); inside longer text only upper case
    # Roman numerals count, so words like `di a` are not read as golongan.
    m = re.fullmatch(r"(?i)(?:gol(?:ongan)?\.?\s*)?(iv|iii|ii|i)\s*[/.\-\s]?\s*([a-e])", text) or _GOL_TEXT.search(text)
    if m:
        gr = f"{m.group(1).upper()}/{m.group(2).lower()}"
        return gr if gr in PANGKAT else None
    key = _pangkat_key(text)
    found = _PANGKAT_LOOKUP.get(key)
    if found is None and "/" in text:
        # `Pembina / Iva`, `Juru Muda / 1a`: a code in a case or digit form the strict reading above leaves
        # alone inside longer text counts when the pangkat name printed with it names the same ruang.
        name, code = text.rsplit("/", 1)
        by_name = _PANGKAT_LOOKUP.get(_pangkat_key(name.strip()))
        by_code = normalise_golongan_ruang(code.strip()) if code.strip() else None
        if by_name is not None and by_name == by_code:
            return by_name
    return found


def normalise_golongan(value: object) -> str | None:
    """A bare golongan (`I`..`IV`, `Gol. III`, `3`) → `III`; a golongan/ruang also yields its golongan."""
    if value is None:
        return None
    text = _fold(str(value)).upper()
    text = re.sub(r"^(GOL(ONGAN)?\.?\s*)", "", text).strip()
    if text in {"I", "II", "III", "IV"}:
        return text
    if text in _ROMAN:
        return _ROMAN[text]
    gr = normalise_golongan_ruang(value)
    return gr.split("/", 1)[0] if gr else None


# --- PPPK grades I–XVII -----------------------------------------------------------------------------

PPPK_GRADES: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)


def normalise_pppk_grade(value: object) -> str | None:
    """PPPK golongan `IX`, `Gol IX`, `09`, `9` → `IX`; else None."""
    if value is None:
        return None
    text = _fold(str(value)).upper()
    text = re.sub(r"^(GOL(ONGAN)?\.?\s*)", "", text).strip()
    if text in PPPK_GRADES:
        return text
    if re.fullmatch(r"0?\d{1,2}", text) and 1 <= int(text) <= 17:
        return PPPK_GRADES[int(text) - 1]
    return None


# --- education --------------------------------------------------------------------------------------

PENDIDIKAN: tuple[str, ...] = (
    "SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "D-IV", "S1", "S2", "S3",
    "Profesi", "Spesialis", "Subspesialis",
    # Documents often print only this aggregate of D-I..D-IV.
    "Diploma",
)
# Categories that stand for several levels at once. Which levels depends on how the source printed it
# ("Dipl", "D-I/D-II/D-III"), so a fact keeps that printed label beside the aggregate.
PENDIDIKAN_AGGREGATES: frozenset[str] = frozenset({"Diploma"})
# SIASN/SAPK TINGKAT PENDIDIKAN ID (docs/domain.md §3.2).
PENDIDIKAN_SIASN_ID: dict[str, str] = {
    "05": "SD", "10": "SLTP", "12": "SLTP", "15": "SLTA", "17": "SLTA", "18": "SLTA",
    "20": "D-I", "25": "D-II", "30": "D-III", "35": "D-IV", "40": "S1", "42": "Profesi",
    "45": "S2", "47": "Spesialis", "49": "Subspesialis", "50": "S3",
}
_PENDIDIKAN_ALIASES: list[tuple[str, str]] = [
    # Order matters: the first pattern that matches wins.
    (r"sub\s*-?\s*spesialis", "Subspesialis"),
    (r"spesialis|sp\s*-?\s*[12]\b", "Spesialis"),
    (r"profesi", "Profesi"),
    (r"\bs\s*-?\s*3\b|doktor|strata\s*(tiga|3|iii)", "S3"),
    (r"\bs\s*-?\s*2\b|magister|master|pasca\s*sarjana|strata\s*(dua|2|ii)", "S2"),
    (r"\bd\s*[-.]?\s*(iv|4)\b|diploma\s*(iv|4)", "D-IV"),
    (r"\bs\s*-?\s*1\b|sarjana(?!\s*muda)|strata\s*(satu|1|i)\b", "S1"),
    (r"\bd\s*[-.]?\s*(iii|3)\b|diploma\s*(iii|3)|sarjana\s*muda|\bsarmud\b", "D-III"),
    (r"\bd\s*[-.]?\s*(ii|2)\b|diploma\s*(ii|2)", "D-II"),
    (r"\bd\s*[-.]?\s*(i|1)\b|diploma\s*(i|1)\b", "D-I"),
    (r"^diploma$|^dipl\.?$|^d\s*-?\s*(i{1,3}|iv)?\s*/", "Diploma"),
    (r"slta|sma|smk|sederajat atas|aliyah|\bstm\b|\bsmea\b|spg|smu", "SLTA"),
    (r"sltp|smp|tsanawiyah|\bmts\b", "SLTP"),
    (r"\bsd\b|sekolah dasar|ibtidaiyah", "SD"),
]


def normalise_pendidikan(value: object) -> str | None:
    """`S-2`, `Magister`, `Diploma III`, `SMA`, SIASN id `45` → canonical level; else None."""
    if value is None:
        return None
    text = _fold(str(value))
    if not text:
        return None
    if re.fullmatch(r"\d{1,2}(\.0)?", text):
        return PENDIDIKAN_SIASN_ID.get(text.split(".")[0].zfill(2))
    low = re.sub(r"[–—]", "-", text.lower())  # "S – 2" as PDFs print it
    # A label naming several levels ("D-I/D-II/D-III", "D1 s.d. D3", "S1/D-IV") is no single level: several
    # diploma levels are the Diploma aggregate, levels of different families have no category of the list.
    parts = {_pendidikan_level(part) for part in re.split(r"\s*/\s*|\s*,\s*|\s+dan\s+", low)} - {None}
    if len(parts) >= 2:
        return "Diploma" if parts <= _DIPLOMA_LEVELS else None
    if len(set(_DIPLOMA_LEVEL.findall(low))) >= 2:
        return "Diploma"  # a range, "D1-D3", "D-I s.d. D-III"
    return _pendidikan_level(low)


_DIPLOMA_LEVEL = re.compile(r"\bd\s*[-.]?\s*(iv|iii|ii|i|[1-4])\b")
_DIPLOMA_LEVELS = frozenset({"D-I", "D-II", "D-III", "D-IV", "Diploma"})


def _pendidikan_level(low: str) -> str | None:
    for pattern, level in _PENDIDIKAN_ALIASES:
        if re.search(pattern, low):
            return level
    return None


# --- position type, eselon ---------------------------------------------------------------------------

JENIS_JABATAN: tuple[str, ...] = ("Struktural", "Fungsional", "Pelaksana")
_JENIS_JABATAN_ID = {"1": "Struktural", "2": "Fungsional", "3": "Pelaksana", "4": "Pelaksana"}


def normalise_jenis_jabatan(value: object) -> str | None:
    """Struktural (JPT/administrator/pengawas), Fungsional (tertentu), Pelaksana (fungsional umum)."""
    if value is None:
        return None
    text = _fold(str(value))
    if text in _JENIS_JABATAN_ID:
        return _JENIS_JABATAN_ID[text]
    low = text.lower()
    if re.search(r"pelaksana|fungsional\s*umum|\bjfu\b|\bumum\b", low):
        return "Pelaksana"
    if re.search(r"fungsional|\bjft?\b", low):
        return "Fungsional"
    if re.search(r"struktural|pimpinan tinggi|\bjpt\b|administrator|pengawas", low):
        return "Struktural"
    return None


ESELON: tuple[str, ...] = ("I.a", "I.b", "II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b", "V.a", "V.b")
_ESELON_ID = {"11": "I.a", "12": "I.b", "21": "II.a", "22": "II.b", "31": "III.a", "32": "III.b",
              "41": "IV.a", "42": "IV.b", "51": "V.a", "52": "V.b"}


def normalise_eselon(value: object) -> str | None:
    """`II/a`, `IIa`, `Eselon II.a`, tb_01 id `21` → `II.a`; a bare level (`IV`) stays `IV`."""
    if value is None:
        return None
    text = _fold(str(value))
    if text in _ESELON_ID:
        return _ESELON_ID[text]
    text = re.sub(r"(?i)^eselon\s*", "", text).strip()
    m = re.fullmatch(r"(?i)(IV|V|III|II|I)\s*[/.\-\s]?\s*([ab])?", text)
    if not m:
        return None
    level = m.group(1).upper()
    return f"{level}.{m.group(2).lower()}" if m.group(2) else level


# --- gender, age ------------------------------------------------------------------------------------

JENIS_KELAMIN: tuple[str, ...] = ("Laki-laki", "Perempuan")


def normalise_jenis_kelamin(value: object) -> str | None:
    """`L`/`P`, `1`/`2`, `M`/`F`, `Laki-laki`/`Perempuan`, `Pria`/`Wanita` → `Laki-laki` | `Perempuan`."""
    if value is None:
        return None
    low = _fold(str(value)).lower().replace(".0", "")
    if low in {"l", "1", "m", "male", "pria", "lk"} or low.startswith("laki"):
        return "Laki-laki"
    if low in {"p", "2", "f", "female", "wanita", "pr"} or low.startswith("perempuan"):
        return "Perempuan"
    return None


KELOMPOK_USIA: tuple[str, ...] = (
    "19-25", "26-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56-60", "61-65", ">65",
)


def age_band(age: int) -> str:
    """Five-year bands as the LKIP tables print them; the first band is everything up to 25."""
    if age <= 25:
        return "19-25"
    if age > 65:
        return ">65"
    low = ((age - 1) // 5) * 5 + 1
    return f"{low}-{low + 4}"


def normalise_kelompok_usia(value: object) -> str | None:
    """`41-45`, `41 s.d 45`, `41 - 45 Tahun`, `< 25`, `> 60` → a band of KELOMPOK_USIA."""
    if value is None:
        return None
    text = _fold(str(value)).lower()
    m = re.search(r"(\d{2})\s*(?:-|–|s\.?\s*d\.?|sd|sampai)\s*(\d{2})", text)
    if m:
        low, high = int(m.group(1)), int(m.group(2))
        if high == 25 and low <= 19:
            return "19-25"
        band = f"{low}-{high}"
        return band if band in KELOMPOK_USIA else None
    m = re.search(r"(<|≤|kurang dari)\s*=?\s*(\d{2})", text)
    if m and int(m.group(2)) <= 26:
        return "19-25"
    m = re.search(r"(>|≥|lebih dari)\s*=?\s*(\d{2})", text)
    if m:
        return ">65" if int(m.group(2)) >= 65 else None
    return None


# --- employment status ----------------------------------------------------------------------------------

STATUS_KEPEGAWAIAN: tuple[str, ...] = ("PNS", "CPNS", "PPPK")
# SIASN KEDUDUKAN HUKUM ID 71-73 are the PPPK statuses (docs/domain.md §3.7).
_KEDUDUKAN_PPPK = {"71", "72", "73"}


def normalise_status_kepegawaian(value: object) -> str | None:
    """`P`/`PNS`, `C`/`CPNS`, `PPPK`/`P3K`/`PPPK Paruh Waktu`, kedudukan hukum id 71-73 → PNS|CPNS|PPPK."""
    if value is None:
        return None
    text = _fold(str(value))
    if text.split(".")[0] in _KEDUDUKAN_PPPK:
        return "PPPK"
    low = text.lower()
    if re.search(r"pppk|p3k|perjanjian\s*kerja", low):
        return "PPPK"
    if re.fullmatch(r"c|cpns|calon\s*(pns|pegawai\s*negeri\s*sipil)", low):
        return "CPNS"
    if re.fullmatch(r"p|pns|pegawai\s*negeri\s*sipil", low):
        return "PNS"
    return None


# --- populations a document table covers ---------------------------------------------------------------

# Who a printed count covers (the Fact's `population`), from the words of a caption, a heading or a row.
# Order matters: the first that matches wins, so "CPNS" is not read as "PNS" and "Non PNS" not as PNS.
_POPULATION_WORDS: list[tuple[str, str]] = [
    ("non_asn", r"honorer|non\s*-?\s*(asn|pns)|\bthl\b|tenaga\s+harian|sukwan|tenaga\s+kontrak|"
                r"magang|outsourc|\bptt\b|tenaga\s+pendukung"),
    ("pppk", r"\bpppk\b|\bp3k\b|perjanjian\s+kerja"),
    ("cpns", r"\bcpns\b|calon\s+pegawai\s+negeri"),
    ("pejabat_struktural", r"pejabat\s+(struktural|eselon)|pejabat\s+pimpinan|pemangku\s+jabatan\s+struktural"),
    ("pns", r"\bpns\b|pegawai\s+negeri\s+sipil"),
    ("asn", r"\basn\b|aparatur\s+sipil\s+negara|\bpegawai\b|\baparatur\b|\bpersonil\b|\bsdm\b|"
            r"sumber\s+daya\s+(manusia|aparatur)|karyawan"),
]


def population_of(text: object) -> str | None:
    """`PNS`, `Pegawai Negeri Sipil` → pns; `PPPK` → pppk; `PNS dan PPPK`, `ASN`, `pegawai` → asn;
    `CPNS` → cpns; `honorer`, `Non ASN`, `THL` → non_asn; `pejabat struktural` → pejabat_struktural."""
    if text is None:
        return None
    low = _fold(str(text)).lower()
    found = [key for key, pattern in _POPULATION_WORDS if re.search(pattern, low)]
    if "pns" in found and "pppk" in found:
        return "asn"  # PNS + PPPK together are the ASN
    return found[0] if found else None


# Whose workforce a caption counts. The issuing agency's own staff: staff words followed by an agency noun
# ("Pegawai BKPSDM Kota Bekasi", "pegawai di lingkungan Badan ..."). The whole region's: the region named as the
# holder ("PNS Provinsi Banten", "di Kabupaten Seluma", "Pemerintah Kota ..."). Anything else: not determined.
_AGENCY_STAFF = re.compile(
    r"\b(?:pegawai|karyawan|personil|personel|staf|staff|aparatur|sdm|asn|pns)\b(?:\s+\w+){0,3}?\s+"
    r"(?:pada\s+|di\s+|dari\s+|di\s+lingkungan\s+)?(?:bkpsdm|bkpsdmd|bkpp|bkd|bpsdm|bkppd|badan|dinas|sekretariat|"
    r"inspektorat|bagian|bidang|kantor|biro|rsud|uptd?|balai|kecamatan|kelurahan)\b")
# The whole government's workforce ("di lingkungan Pemerintah Kabupaten X", "se-Provinsi"), which outweighs
# the issuing agency named in the same sentence; a region merely named ("PNS Provinsi Banten") does not.
_REGION_WIDE = re.compile(r"\b(?:pemerintah\s+(?:kabupaten|kota|provinsi)|pemkab|pemkot|pemprov|"
                          r"se-?(?:kabupaten|kota|provinsi))\b")
_REGION_NAMED = re.compile(r"\b(?:provinsi|kabupaten|kota|kab\.)\s+[a-z]{3,}")


def scope_of(text: object, names_agency: bool = False) -> str | None:
    """`agency` where a caption or sentence counts the issuing agency's own staff, `region` where it counts a
    whole region's workforce, None where it does not say (the marts then decide, and say how).

    `names_agency`: the text names the issuing agency itself as its subject ("Dinas Kesehatan Provinsi X
    memiliki 500 pegawai"), which makes its staff the agency's unless the text speaks of the whole
    government's workforce."""
    if text is None:
        return None
    low = _fold(str(text)).lower()
    if _AGENCY_STAFF.search(low):
        return "agency"
    if _REGION_WIDE.search(low):
        return "region"
    if names_agency:
        return "agency"
    if _REGION_NAMED.search(low):
        return "region"
    return None


# --- IP ASN dimensions (PermenPANRB 38/2018) --------------------------------------------------------------

IP_ASN_DIMENSI: tuple[str, ...] = ("kualifikasi", "kompetensi", "kinerja", "disiplin")


def normalise_ip_asn_dimensi(value: object) -> str | None:
    """`KUALIFIKASI`, `Dimensi Kompetensi`, `Kedisiplinan` → the dimension's name; else None."""
    if value is None:
        return None
    low = re.sub(r"^(nilai\s+)?(dimensi\s+)?", "", _fold(str(value)).lower()).strip()
    low = re.sub(r"\s*\(.*\)$", "", low)
    if low in {"kedisiplinan", "disiplin"}:
        return "disiplin"
    return low if low in IP_ASN_DIMENSI else None


# --- IP ASN inputs (the regional layout's diklat / SKP / hukuman disiplin columns) ------------------------

_TRUE = {"1", "y", "ya", "yes", "true", "sudah", "ada", "x", "v", "lulus", "pernah"}
_FALSE = {"0", "n", "t", "tidak", "no", "false", "belum", "tidak ada", "-", "belum pernah", "tidak pernah"}


def normalise_flag(value: object) -> bool | None:
    """`Ya`/`Sudah`/`1`/`Y` → True, `Tidak`/`Belum`/`0`/`-` → False; empty or unknown → None."""
    if value is None:
        return None
    low = _fold(str(value)).lower()
    low = low[:-2] if low.endswith(".0") else low
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    return None


SKP_PREDIKAT: tuple[str, ...] = (
    "Sangat Baik", "Baik", "Cukup", "Kurang", "Buruk", "Butuh Perbaikan", "Sangat Kurang",
)


def normalise_skp_predikat(value: object) -> str | None:
    """Predikat of PP 30/2019 or PermenPANRB 6/2022, kept distinct so a versioned scoring seed maps them."""
    if value is None:
        return None
    low = re.sub(r"\s+", " ", _fold(str(value)).lower())
    for predikat in sorted(SKP_PREDIKAT, key=len, reverse=True):
        if low == predikat.lower():
            return predikat
    return None


HUKUMAN_DISIPLIN: tuple[str, ...] = ("tidak_pernah", "ringan", "sedang", "berat")


def normalise_hukuman_disiplin(value: object) -> str | None:
    """`-`/`Tidak Pernah`/`Tidak Ada` → tidak_pernah; `HD Ringan`/`Ringan` → ringan; … `Berat` → berat."""
    if value is None:
        return None
    low = _fold(str(value)).lower()
    if not low:
        return None
    if low in {"-", "0", "tidak", "tidak ada", "tidak pernah", "nihil", "belum pernah"}:
        return "tidak_pernah"
    for level in ("ringan", "sedang", "berat"):
        if level in low:
            return level
    return None


# --- region names -------------------------------------------------------------------------------------

_REGION_PREFIXES: list[tuple[str, str]] = [
    # Order matters: `Pemerintah Kabupaten Administrasi` before `Pemerintah Kabupaten`.
    (r"(?:pemerintah\s+)?(?:pemprov|provinsi|propinsi|prov\.?)\s+", "Provinsi"),
    (r"(?:pemerintah\s+)?(?:pemkab|kabupaten|kab\.?)\s+", "Kabupaten"),
    (r"(?:pemerintah\s+)?(?:pemkot|kota|kotamadya)\s+", "Kota"),
]
# The level of a region, the first word of its normalised name (ref_region.region_level, dbt var region_levels).
REGION_LEVELS: tuple[str, ...] = tuple(kind.lower() for _, kind in _REGION_PREFIXES)
_ACRONYMS = {"dki": "DKI", "diy": "DIY", "di": "DI"}  # DI Yogyakarta, as ref_region spells it


def _title(words: str) -> str:
    out = []
    for word in words.split():
        low = word.lower()
        out.append(_ACRONYMS.get(low, low[:1].upper() + low[1:]))
    return " ".join(out)


def normalise_region_name(value: object) -> str | None:
    """`Pemerintah Kota Serang` → `Kota Serang`; `Pemerintah Provinsi Banten` → `Provinsi Banten`;
    `Pemerintah Kabupaten Lebak`, `Kab. Lebak`, `PEMKAB LEBAK` → `Kabupaten Lebak`; else None."""
    if value is None:
        return None
    text = re.sub(r"[\s_]+", " ", _fold(str(value))).strip()
    for pattern, kind in _REGION_PREFIXES:
        m = re.match(rf"(?i)^{pattern}(.+)$", text)
        if m:
            name = re.sub(r"\s*\(.*\)$", "", m.group(1)).strip(" .,-")
            return f"{kind} {_title(name)}" if name else None
    return None
