"""DDL of the warehouse's raw and audit zones: the tables the loaders write and dbt reads as sources.

Everything downstream (staging, intermediate, marts) is built by dbt; only what Python writes lives here.
"""

from __future__ import annotations

import duckdb

SCHEMAS = ("raw", "audit", "staging", "intermediate", "marts")

RAW_DOCUMENTS = """
CREATE TABLE IF NOT EXISTS raw.documents (
    source_file   VARCHAR NOT NULL,   -- file name as found in the inbox
    file_sha256   VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    doc_type      VARCHAR,            -- renstra | lkip | renja
    agency        VARCHAR,
    region        VARCHAR,
    period_start  INTEGER,
    period_end    INTEGER,
    pages         INTEGER,
    problems      JSON,               -- cells/tables that could not be read
    loaded_at     TIMESTAMP DEFAULT current_timestamp,
    -- one key for one report whatever its rendering or file name (extractors/documents/identity.py)
    document_key  VARCHAR,
    PRIMARY KEY (source_file)
)
"""

RAW_DOCUMENT_FACTS = """
CREATE TABLE IF NOT EXISTS raw.document_facts (
    source_file   VARCHAR NOT NULL,
    file_sha256   VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    fact_index    INTEGER NOT NULL,   -- order within the file, for stable keys
    page          INTEGER,
    line          INTEGER,
    table_name    VARCHAR,
    agency        VARCHAR,
    region        VARCHAR,
    metric        VARCHAR NOT NULL,
    indicator     VARCHAR,
    dimension     JSON,
    year          INTEGER,
    value         DOUBLE,
    unit          VARCHAR,
    kind          VARCHAR NOT NULL,
    flags         JSON,
    population    VARCHAR,
    scope         VARCHAR,
    period_kind   VARCHAR,
    period_start  INTEGER,
    period_end    INTEGER,
    evidence      VARCHAR,
    confidence    DOUBLE
)
"""

# Columns added to tables after warehouses were built without them: a refresh builds on a copy of the last
# warehouse, where CREATE TABLE IF NOT EXISTS does nothing.
MIGRATIONS = (
    "ALTER TABLE raw.document_facts ADD COLUMN IF NOT EXISTS population VARCHAR",
    "ALTER TABLE raw.document_facts ADD COLUMN IF NOT EXISTS scope VARCHAR",
    "ALTER TABLE raw.document_facts ADD COLUMN IF NOT EXISTS period_kind VARCHAR",
    "ALTER TABLE raw.document_facts ADD COLUMN IF NOT EXISTS period_start INTEGER",
    "ALTER TABLE raw.document_facts ADD COLUMN IF NOT EXISTS period_end INTEGER",
    "ALTER TABLE raw.document_facts ADD COLUMN IF NOT EXISTS evidence VARCHAR",
    "ALTER TABLE raw.document_facts ADD COLUMN IF NOT EXISTS confidence DOUBLE",
    "ALTER TABLE raw.documents ADD COLUMN IF NOT EXISTS document_key VARCHAR",
    "ALTER TABLE raw.simpeg_employees ADD COLUMN IF NOT EXISTS snapshot_key VARCHAR",
)


def _data_migrations() -> tuple[str, ...]:
    """Data fixes for warehouses built by older code, each cheap when there is nothing to fix."""
    # Imported here: extractors.simpeg imports this module.
    from extractors.simpeg.snapshot import snapshot_key_sql

    return (
        # The snapshot identity used to be recomputed wherever it was needed; it is now stored per row.
        f"UPDATE raw.simpeg_employees SET snapshot_key = {snapshot_key_sql()} WHERE snapshot_key IS NULL",
    ) + _QUARANTINE_MIGRATIONS


_QUARANTINE_MIGRATIONS = (
    # Whole quarantined rows (NIP, name, birth date) used to sit in the audit zone: move them to the raw zone
    # and mask what their messages quoted.
    "INSERT INTO raw.quarantined_rows (run_id, source_file, record, reason_code, raw) "
    "SELECT run_id, file, record, reason_code, raw FROM audit.quarantine WHERE raw IS NOT NULL",
    "UPDATE audit.quarantine SET raw = NULL, message = regexp_replace(regexp_replace(message, "
    r"'[0-9]{4}-[0-9]{2}-[0-9]{2}', '[date]', 'g'), '[0-9]{9,}', '[number]', 'g') WHERE raw IS NOT NULL",
)

# Canonical employee rows. Personal data (nip, nama, tanggal_lahir) stays in this zone; staging and marts
# carry employee_key (keyed HMAC of the NIP) and derived bands only.
RAW_SIMPEG_EMPLOYEES = """
CREATE TABLE IF NOT EXISTS raw.simpeg_employees (
    run_id               VARCHAR NOT NULL,
    source_file          VARCHAR NOT NULL,
    file_sha256          VARCHAR NOT NULL,
    row_number           BIGINT NOT NULL,     -- 1-based data row in the file
    as_of_date           DATE NOT NULL,
    layout               VARCHAR NOT NULL,    -- siasn | regional
    region_name          VARCHAR,             -- e.g. 'Kota Serang', 'Provinsi Banten', 'Kabupaten Lebak'
    agency_name          VARCHAR,             -- instansi as written in the export
    snapshot_key         VARCHAR,             -- extractors.simpeg.snapshot.snapshot_key (agency|as-of date)
    nip                  VARCHAR,
    nip_lama             VARCHAR,
    nama                 VARCHAR,
    employee_key         VARCHAR NOT NULL,
    tanggal_lahir        DATE,
    jenis_kelamin        VARCHAR,             -- Laki-laki | Perempuan
    status_kepegawaian   VARCHAR,             -- PNS | CPNS | PPPK
    golongan_ruang       VARCHAR,             -- PNS: I/a .. IV/e
    pppk_grade           VARCHAR,             -- PPPK: I .. XVII
    golongan             VARCHAR,             -- PNS: I .. IV
    jenis_jabatan        VARCHAR,             -- Struktural | Fungsional | Pelaksana
    jabatan_nama         VARCHAR,
    eselon               VARCHAR,             -- II.a ..
    pendidikan           VARCHAR,             -- SD .. S3 (extractors.codes.PENDIDIKAN)
    unit_kerja           VARCHAR,
    tmt_cpns             DATE,
    -- IP ASN inputs, present only where the export carries them
    diklat_kepemimpinan  BOOLEAN,
    diklat_fungsional    BOOLEAN,
    diklat_teknis_jp     INTEGER,
    seminar              BOOLEAN,
    skp_predikat         VARCHAR,
    hukuman_disiplin     VARCHAR,             -- tidak_pernah | ringan | sedang | berat
    extra                JSON                 -- columns the alias table does not know, kept as read
)
"""

# The live parts of the Parquet raw zone (warehouse/rawzone.py): one row per export whose rows are live,
# replaced with its snapshot; raw.simpeg_employees is the view over these parts.
RAW_SIMPEG_PARTS = """
CREATE TABLE IF NOT EXISTS raw.simpeg_parts (
    snapshot_key  VARCHAR,            -- as raw.simpeg_employees.snapshot_key
    source_file   VARCHAR NOT NULL,
    file_sha256   VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,   -- the run that wrote the parts
    parts         VARCHAR[] NOT NULL, -- absolute paths of its Parquet files, as the view names them
    rows          BIGINT NOT NULL
)
"""

# The offending rows of audit.quarantine as read, personal data included: raw zone, owner only.
RAW_QUARANTINED_ROWS = """
CREATE TABLE IF NOT EXISTS raw.quarantined_rows (
    run_id       VARCHAR NOT NULL,
    source_file  VARCHAR NOT NULL,
    record       VARCHAR,            -- as audit.quarantine.record
    reason_code  VARCHAR NOT NULL,
    raw          JSON
)
"""

AUDIT_FILE_LOADS = """
CREATE TABLE IF NOT EXISTS audit.file_loads (
    run_id            VARCHAR NOT NULL,
    file              VARCHAR NOT NULL,   -- path inside the inbox
    sha256            VARCHAR,
    kind              VARCHAR NOT NULL,   -- document | simpeg | unknown | ignored
    -- loaded | empty (read, but 0 facts / 0 valid rows) | skipped_unchanged | failed
    -- | superseded (its snapshot replaced by a later file, named in reason) | ignored (not an input: reason)
    status            VARCHAR NOT NULL,
    reason            VARCHAR,
    rows_in           BIGINT,
    rows_loaded       BIGINT,
    rows_quarantined  BIGINT,
    loaded_at         TIMESTAMP DEFAULT current_timestamp
)
"""

AUDIT_QUARANTINE = """
CREATE TABLE IF NOT EXISTS audit.quarantine (
    run_id       VARCHAR NOT NULL,
    file         VARCHAR NOT NULL,
    record       VARCHAR,            -- row number or page
    reason_code  VARCHAR NOT NULL,
    message      VARCHAR,            -- without personal data (see extractors.redact)
    raw          JSON                -- always NULL now: the row as read is in raw.quarantined_rows
)
"""

AUDIT_DQ_RESULTS = """
CREATE TABLE IF NOT EXISTS audit.dq_results (
    run_id      VARCHAR NOT NULL,
    check_name  VARCHAR NOT NULL,
    asset       VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL,    -- error | warn
    passed      BOOLEAN NOT NULL,
    observed    JSON,
    checked_at  TIMESTAMP DEFAULT current_timestamp
)
"""

AUDIT_RUNS = """
CREATE TABLE IF NOT EXISTS audit.runs (
    run_id       VARCHAR PRIMARY KEY,
    started_at   TIMESTAMP,
    finished_at  TIMESTAMP,
    status       VARCHAR,            -- success | failed
    inbox        VARCHAR,
    summary      JSON
)
"""

ALL_DDL = (
    RAW_DOCUMENTS,
    RAW_DOCUMENT_FACTS,
    RAW_SIMPEG_EMPLOYEES,
    RAW_SIMPEG_PARTS,
    RAW_QUARANTINED_ROWS,
    AUDIT_FILE_LOADS,
    AUDIT_QUARANTINE,
    AUDIT_DQ_RESULTS,
    AUDIT_RUNS,
)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the zones and the tables Python writes, if they are not there yet. raw.simpeg_employees may
    be a view over the Parquet raw zone (warehouse/rawzone.py): written by the current code, it needs no
    column migration; written before the manifest existed, its manifest is derived from it."""
    from warehouse.rawzone import adopt_legacy_view, is_view

    for schema in SCHEMAS:
        con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    employees_view = is_view(con)
    for ddl in ALL_DDL:
        if not (employees_view and ddl is RAW_SIMPEG_EMPLOYEES):
            con.execute(ddl)
    for ddl in MIGRATIONS:
        if not (employees_view and "raw.simpeg_employees" in ddl):
            con.execute(ddl)
    for fix in _data_migrations():
        if not (employees_view and "raw.simpeg_employees" in fix):
            con.execute(fix)
    adopt_legacy_view(con)
