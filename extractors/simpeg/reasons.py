"""Quarantine and file-level reason codes of the SIMPEG loader (audit.quarantine.reason_code,
audit.file_loads.reason). A row gets the first code that applies, in the order of ROW_REASONS."""

from __future__ import annotations

from extractors.nip import (
    NIP_BIRTH_DATE,
    NIP_BIRTH_MISMATCH,
    NIP_FORMAT,
    NIP_MISSING,
    NIP_SERIAL,
    NIP_SEX_DIGIT,
    NIP_SEX_MISMATCH,
    NIP_TMT,
    NIP_TMT_MISMATCH,
)

# CSV line with more fields than the header (record = `line N` of the file).
MALFORMED_ROW = "malformed_row"
# TANGGAL LAHIR / TMT CPNS unparseable or impossible (31-02-1985, after the as-of date, TMT before birth).
INVALID_DATE = "invalid_date"
# Not one of the 17 PNS golongan/ruang (or I–XVII for a PPPK row), or empty.
UNKNOWN_GOLONGAN = "unknown_golongan"
UNKNOWN_PENDIDIKAN = "unknown_pendidikan"  # education level given but not recognised
UNKNOWN_JENIS_KELAMIN = "unknown_jenis_kelamin"
UNKNOWN_JENIS_JABATAN = "unknown_jenis_jabatan"
DUPLICATE_NIP = "duplicate_nip"            # NIP already loaded from an earlier row of the same export

ROW_REASONS: tuple[str, ...] = (
    MALFORMED_ROW,
    NIP_MISSING, NIP_FORMAT, NIP_BIRTH_DATE, NIP_TMT, NIP_SEX_DIGIT, NIP_SERIAL,
    INVALID_DATE,
    NIP_BIRTH_MISMATCH, NIP_SEX_MISMATCH, NIP_TMT_MISMATCH,
    UNKNOWN_GOLONGAN, UNKNOWN_PENDIDIKAN, UNKNOWN_JENIS_KELAMIN, UNKNOWN_JENIS_JABATAN,
    DUPLICATE_NIP,
)

# File-level (audit.file_loads.reason starts with one of these; UnreadableFileError.reason_code).
FILE_UNREADABLE = "unreadable"
FILE_EMPTY = "empty_file"
FILE_MISSING_COLUMN = "missing_column"
FILE_LOAD_ERROR = "load_error"      # DuckDB refused something in the file after it was read
FILE_ROW_COUNT = "row_count_mismatch"  # the parse and the file's own line count disagree
