"""NIP decoding and validation (docs/domain.md §4).

PNS NIP (18 digits): birth date YYYYMMDD + TMT CPNS YYYYMM + sex (1 male, 2 female) + serial (3).
PPPK NI (18 digits):  birth date YYYYMMDD + TMT year YYYY + `2` + recruitment frequency (1-9) + sex + serial.
Digit 13 tells them apart: a PNS TMT month starts with 0 or 1, a PPPK number has `2` there.

The Python functions here are the reference. The SIMPEG loader checks millions of rows in SQL with
`nip_reason_sql`, which must agree with `nip_reason` — tests/test_nip.py proves it on generated cases.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Reason codes for a NIP that cannot be right on its own (quarantine reason_code values).
NIP_MISSING = "nip_missing"
NIP_FORMAT = "nip_format"              # not 18 digits after removing spaces/quotes
NIP_BIRTH_DATE = "nip_birth_date"      # digits 1-8 are not a plausible birth date
NIP_TMT = "nip_tmt"                    # digits 9-14 are neither a PNS TMT CPNS nor a PPPK TMT/code
NIP_SEX_DIGIT = "nip_sex_digit"        # digit 15 is not 1 or 2
NIP_SERIAL = "nip_serial"              # serial 000 is never issued
# Reason codes for a NIP that contradicts other columns of the same row.
NIP_BIRTH_MISMATCH = "nip_birth_mismatch"
NIP_SEX_MISMATCH = "nip_sex_mismatch"
NIP_TMT_MISMATCH = "nip_tmt_mismatch"

# Plausibility bounds. Nobody in service today was born before 1930; CPNS/PPPK entry age is at least 18
# (so TMT year - birth year >= 18) and at most 59 for PPPK (so the difference stays <= 60).
MIN_BIRTH_YEAR = 1930
MIN_ENTRY_AGE_YEARS = 18
MAX_ENTRY_AGE_YEARS = 60
MIN_TMT_YEAR = 1960
MAX_TMT_YEAR = 2099

# Explicit character classes (not \s, \d) so Python and DuckDB's RE2 agree on Unicode input.
_STRIP = re.compile("[ \t\r\n\u00a0'\"]")


@dataclass(frozen=True)
class NipInfo:
    nip: str
    kind: str                  # PNS | PPPK
    birth_date: dt.date
    tmt_year: int
    tmt_month: int | None      # PNS only
    pppk_frequency: int | None  # PPPK only
    jenis_kelamin: str         # Laki-laki | Perempuan
    serial: int


def clean_nip(value: object) -> str:
    """Remove the spaces and quotes exports put in (`'1986...`, `19860926 201505 1 001`)."""
    if value is None:
        return ""
    return _STRIP.sub("", str(value))


def _birth(nip: str) -> dt.date | None:
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return None
    return born if born.year >= MIN_BIRTH_YEAR else None


def nip_reason(value: object) -> str | None:
    """The reason code why this NIP cannot be valid on its own, or None when it is well-formed."""
    nip = clean_nip(value)
    if not nip:
        return NIP_MISSING
    if not re.fullmatch(r"[0-9]{18}", nip):
        return NIP_FORMAT
    born = _birth(nip)
    if born is None:
        return NIP_BIRTH_DATE
    tmt_year = int(nip[8:12])
    if nip[12] == "2":
        tmt_ok = nip[13] != "0"
    else:
        tmt_ok = 1 <= int(nip[12:14]) <= 12
    tmt_ok = tmt_ok and MIN_TMT_YEAR <= tmt_year <= MAX_TMT_YEAR
    tmt_ok = tmt_ok and MIN_ENTRY_AGE_YEARS <= tmt_year - born.year <= MAX_ENTRY_AGE_YEARS
    if not tmt_ok:
        return NIP_TMT
    if nip[14] not in "12":
        return NIP_SEX_DIGIT
    if nip[15:18] == "000":
        return NIP_SERIAL
    return None


def decode_nip(value: object) -> NipInfo | None:
    """Decode a well-formed NIP; None when `nip_reason` finds it invalid."""
    if nip_reason(value) is not None:
        return None
    nip = clean_nip(value)
    born = _birth(nip)
    assert born is not None
    pppk = nip[12] == "2"
    return NipInfo(
        nip=nip,
        kind="PPPK" if pppk else "PNS",
        birth_date=born,
        tmt_year=int(nip[8:12]),
        tmt_month=None if pppk else int(nip[12:14]),
        pppk_frequency=int(nip[13]) if pppk else None,
        jenis_kelamin="Laki-laki" if nip[14] == "1" else "Perempuan",
        serial=int(nip[15:18]),
    )


def cross_check(
    info: NipInfo,
    tanggal_lahir: dt.date | None = None,
    jenis_kelamin: str | None = None,
    tmt_cpns: dt.date | None = None,
) -> str | None:
    """The first contradiction between the NIP and the row's birth date, gender or TMT CPNS, if any.

    Missing columns are not contradictions; the NIP then supplies the value.
    """
    if tanggal_lahir is not None and tanggal_lahir != info.birth_date:
        return NIP_BIRTH_MISMATCH
    if jenis_kelamin is not None and jenis_kelamin != info.jenis_kelamin:
        return NIP_SEX_MISMATCH
    if (
        tmt_cpns is not None
        and info.kind == "PNS"
        and (tmt_cpns.year, tmt_cpns.month) != (info.tmt_year, info.tmt_month)
    ):
        return NIP_TMT_MISMATCH
    return None


# --- the same rules as SQL, for the vectorised loader --------------------------------------------


def clean_nip_sql(column: str) -> str:
    """SQL expression equal to `clean_nip` of `column`."""
    return f"regexp_replace(coalesce({column}, ''), '[ \\t\\r\\n\\x{{00A0}}''\"]', '', 'g')"


def nip_reason_sql(nip: str) -> str:
    """SQL CASE equal to `nip_reason`, over an already *cleaned* NIP expression `nip`."""
    birth = f"try_strptime(substr({nip}, 1, 8), '%Y%m%d')"
    tmt_year = f"try_cast(substr({nip}, 9, 4) AS INTEGER)"
    born_year = f"try_cast(substr({nip}, 1, 4) AS INTEGER)"
    d13 = f"substr({nip}, 13, 1)"
    month = f"try_cast(substr({nip}, 13, 2) AS INTEGER)"
    return f"""CASE
  WHEN {nip} = '' THEN '{NIP_MISSING}'
  WHEN NOT regexp_full_match({nip}, '[0-9]{{18}}') THEN '{NIP_FORMAT}'
  WHEN {birth} IS NULL OR {born_year} < {MIN_BIRTH_YEAR} THEN '{NIP_BIRTH_DATE}'
  WHEN NOT (
        (CASE WHEN {d13} = '2' THEN substr({nip}, 14, 1) <> '0' ELSE {month} BETWEEN 1 AND 12 END)
        AND {tmt_year} BETWEEN {MIN_TMT_YEAR} AND {MAX_TMT_YEAR}
        AND {tmt_year} - {born_year} BETWEEN {MIN_ENTRY_AGE_YEARS} AND {MAX_ENTRY_AGE_YEARS}
       ) THEN '{NIP_TMT}'
  WHEN substr({nip}, 15, 1) NOT IN ('1', '2') THEN '{NIP_SEX_DIGIT}'
  WHEN substr({nip}, 16, 3) = '000' THEN '{NIP_SERIAL}'
  ELSE NULL END"""


def nip_birth_sql(nip: str) -> str:
    """SQL: the birth DATE encoded in a valid cleaned NIP."""
    return f"CAST(try_strptime(substr({nip}, 1, 8), '%Y%m%d') AS DATE)"


def nip_sex_sql(nip: str) -> str:
    """SQL: the jenis_kelamin encoded in a valid cleaned NIP."""
    return f"CASE substr({nip}, 15, 1) WHEN '1' THEN 'Laki-laki' WHEN '2' THEN 'Perempuan' END"


def nip_kind_sql(nip: str) -> str:
    """SQL: PNS or PPPK, from digit 13 of a valid cleaned NIP."""
    return f"CASE WHEN substr({nip}, 13, 1) = '2' THEN 'PPPK' ELSE 'PNS' END"


def nip_tmt_sql(nip: str) -> str:
    """SQL: the TMT CPNS year*100+month encoded in a valid cleaned PNS NIP (NULL for PPPK)."""
    return f"CASE WHEN substr({nip}, 13, 1) <> '2' THEN try_cast(substr({nip}, 9, 6) AS INTEGER) END"
