"""stage_export: one SIMPEG/SIASN export read and checked into temp tables of the connection.

Everything per row happens in DuckDB SQL (NIP checks from extractors.nip, date parsing); Python only
touches the distinct values of code columns (extractors.simpeg.codemaps). Nothing here writes the
warehouse: warehouse.writer writes the staged rows, the quarantine and the audit records, and
warehouse.simpeg_load drives both.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

import duckdb

from extractors import nip as nipmod
from extractors.errors import UnreadableFileError
from extractors.file_identity import file_sha256 as content_sha256
from extractors.redact import redact
from extractors.simpeg import codemaps, reasons
from extractors.simpeg.aliases import HeaderMatch, describe_aliases, match_headers
from extractors.simpeg.readers import SourceTable, read_source
from extractors.simpeg.results import StagedExport, UnloadableExport
from extractors.simpeg.snapshot import (
    date_sql,
    detect_date_format,
    resolve_as_of,
    resolve_region,
    snapshot_key,
)

log = logging.getLogger(__name__)
_counter = itertools.count()
_IDENTITY_SAMPLE = 5000
_SMALL_FILE_BYTES = 16 << 20


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _raw(match: HeaderMatch, field: str) -> str:
    """SQL for a field's raw text: first non-blank of its source columns, NULL when absent."""
    cols = match.fields.get(field, [])
    if not cols:
        return "CAST(NULL AS VARCHAR)"
    parts = [f"nullif(trim(c{i}), '')" for i in cols]
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def _json_object(headers: list[str], indexes: list[int]) -> str:
    if not indexes:
        return "CAST(NULL AS JSON)"
    seen: dict[str, int] = {}
    pairs = []
    for i in indexes:
        name = headers[i] or f"column_{i + 1}"
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = f"{name}#{seen[name]}"
        pairs.append(f"{_lit(name)}, c{i}")
    return f"json_object({', '.join(pairs)})"


def _single_thread_for_small(con: duckdb.DuckDBPyConnection, path: Path) -> int | None:
    """Run a small file on one thread; return the thread count to restore, or None if unchanged.

    A typical regional export is ~10k rows; splitting it over threads costs more in scheduling than it
    saves (measured: -27% CPU on 1k-row files), and the nightly run has 546 of them."""
    try:
        small = path.stat().st_size < _SMALL_FILE_BYTES
    except OSError:
        return None
    threads = int(con.execute("SELECT current_setting('threads')").fetchone()[0])
    if not small or threads == 1:
        return None
    con.execute("SET threads = 1")
    return threads


def stage_export(
    path: Path, con: duckdb.DuckDBPyConnection, *, name: str | None = None, file_sha256: str | None = None,
    tune_threads: bool = False,
) -> StagedExport:
    """Read and check one export into temp tables of `con`; nothing is written. `name` is the file's
    identity in the warehouse (default its file name); `tune_threads` may switch DuckDB to one thread for a
    small file (only safe when no other cursor of the same database works at the same time).

    Raises UnloadableExport (an UnreadableFileError, its reason redacted) when the file cannot be read, lacks
    a required column or does not parse; its temp tables are dropped then. duckdb.TransactionException
    passes through (a concurrent writer won; the caller retries)."""
    sha = file_sha256
    name = name or path.name
    rows_in: int | None = None
    tag = f"_simpeg_{next(_counter)}"
    src = f"{tag}_src"
    temp_tables = [src, f"{tag}_stg"]
    threads = _single_thread_for_small(con, path) if tune_threads else None
    try:
        if sha is None and path.is_file():
            sha = content_sha256(path)
        source = read_source(con, path, src)
        rows_in = source.physical_rows if source.physical_rows is not None \
            else source.rows_read + len(source.malformed)
        if source.rows_read + len(source.malformed) == 0:
            # Loading it would replace the agency's snapshot with nothing.
            raise UnreadableFileError(path, "header but no data rows", reasons.FILE_EMPTY)
        match = match_headers(source.headers)
        missing = match.missing()
        if missing:
            field = missing[0]
            raise UnreadableFileError(
                path,
                f"missing required column {field!r} (any of: {describe_aliases(field)})",
                reasons.FILE_MISSING_COLUMN,
            )
        try:
            return _stage(con, path, source, match, sha=sha or "", tag=tag, temp_tables=temp_tables, name=name,
                          rows_in=rows_in)
        except duckdb.TransactionException:
            raise
        except duckdb.Error as exc:
            # Whatever else the export does to the SQL (it is data, not code) fails this file, not the run.
            raise UnreadableFileError(path, f"load failed: {str(exc).splitlines()[0]}", reasons.FILE_LOAD_ERROR) \
                from exc
    except UnreadableFileError as exc:
        _drop(con, temp_tables)
        raise UnloadableExport(path, redact(exc.reason), exc.reason_code, name=name, sha=sha, rows_in=rows_in) \
            from exc
    except duckdb.TransactionException:
        _drop(con, temp_tables)
        raise
    except Exception as exc:
        # Anything else one file does to a reader (csv.Error, MemoryError, OSError, a library's own error)
        # fails that file with its reason; the other exports of the run still load.
        _drop(con, temp_tables)
        first = (str(exc).splitlines() or [""])[0]
        raise UnloadableExport(path, redact(f"cannot be read: {type(exc).__name__}: {first}"),
                               reasons.FILE_UNREADABLE, name=name, sha=sha, rows_in=rows_in) from exc
    finally:
        if threads is not None:
            con.execute(f"SET threads = {threads}")


def _drop(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    for table in tables:
        con.execute(f"DROP TABLE IF EXISTS {table}")


# Fields read from an export. Name and old NIP are matched (so they are not "unknown") but never read:
# personal data the pipeline does not use stays in the source file.
READ_FIELDS: tuple[str, ...] = (
    "nip", "tanggal_lahir", "jenis_kelamin", "status_kepegawaian", "kedudukan_hukum",
    "golongan", "jenis_jabatan", "jabatan_nama", "eselon", "pendidikan", "unit_kerja", "instansi",
    "tmt_cpns", "as_of_date", "diklat_kepemimpinan", "diklat_fungsional", "diklat_teknis_jp", "seminar",
    "skp_predikat", "hukuman_disiplin",
)


def raw_fields(match: HeaderMatch) -> dict[str, str]:
    return {f: _raw(match, f) for f in READ_FIELDS}


def read_columns(match: HeaderMatch) -> list[int]:
    """Source columns the loader reads: those of READ_FIELDS."""
    return sorted({i for f in READ_FIELDS for i in match.fields.get(f, [])})


def quarantine_raw_sql(headers: list[str], match: HeaderMatch) -> str:
    """JSON of what a person needs to fix a quarantined row: the columns the checks read, as read."""
    return _json_object(headers, read_columns(match))


def sample_date_formats(con: duckdb.DuckDBPyConnection, src: str, raw: dict[str, str],
                        match: HeaderMatch) -> dict[str, str | None]:
    """The usual format of each date column, from a sample (a speed hint only: every format is still tried)."""
    formats = {}
    for f in ("tanggal_lahir", "tmt_cpns"):
        if f in match.fields:
            sample = [r[0] for r in con.execute(
                f"SELECT {raw[f]} FROM {src} WHERE {raw[f]} IS NOT NULL LIMIT 200").fetchall()]
            formats[f] = detect_date_format(sample)
    return formats


def stage_rows(
    con: duckdb.DuckDBPyConnection, *, source_sql: str, stg: str, match: HeaderMatch, raw: dict[str, str],
    code_map: str, date_formats: dict[str, str | None], as_of_sql: str, row_sql: str,
    carry: tuple[str, ...] = (), file_keys: tuple[str, ...] = (),
) -> None:
    """Create temp table `stg`: every row of `source_sql` normalised and checked, `reason` NULL when valid.

    `source_sql` is the FROM clause (one export, or all exports of one header layout with their per-file
    facts joined); `row_sql` the row number in its file, `as_of_sql` its file's as-of date; `carry` names
    columns passed through to `stg`, `file_keys` those that tell files apart (duplicate NIPs are per file)."""
    present = set(match.fields)
    joins, picks = codemaps.join_sql(code_map, present)

    # Messages leave the raw zone (audit.quarantine, status, report): they name the problem, never the NIP,
    # a date or a name. Code values (golongan, pendidikan, ...) are shown, cut short and with long digit runs
    # masked, because they are what an operator has to fix; the row as read is in raw.quarantined_rows.
    def shown(expr: str) -> str:
        return f"regexp_replace(left({expr}, 40), '[0-9]{{9,}}', '[number]', 'g')"

    message_sql = f"""CASE reason
      WHEN '{nipmod.NIP_MISSING}' THEN 'NIP is empty'
      WHEN '{nipmod.NIP_FORMAT}' THEN 'NIP is not 18 digits (' || length(nip_c) || ' characters)'
      WHEN '{nipmod.NIP_BIRTH_DATE}' THEN 'NIP digits 1-8 are not a birth date'
      WHEN '{nipmod.NIP_TMT}' THEN 'NIP digits 9-14 are neither a PNS TMT CPNS nor a PPPK code'
      WHEN '{nipmod.NIP_SEX_DIGIT}' THEN 'NIP digit 15 is not 1 or 2'
      WHEN '{nipmod.NIP_SERIAL}' THEN 'NIP serial is 000'
      WHEN '{reasons.INVALID_DATE}' THEN 'impossible or unreadable date in '
           || CASE WHEN f_tanggal_lahir IS NOT NULL AND tgl IS NULL THEN 'tanggal_lahir'
                   WHEN f_tmt_cpns IS NOT NULL AND tmt IS NULL THEN 'tmt_cpns'
                   ELSE 'tanggal_lahir or tmt_cpns' END
      WHEN '{nipmod.NIP_BIRTH_MISMATCH}' THEN 'tanggal_lahir differs from the NIP birth date'
      WHEN '{nipmod.NIP_SEX_MISMATCH}' THEN 'jenis_kelamin differs from NIP digit 15'
      WHEN '{nipmod.NIP_TMT_MISMATCH}' THEN 'tmt_cpns differs from the NIP TMT'
      WHEN '{reasons.UNKNOWN_GOLONGAN}' THEN 'golongan ' || coalesce('''' || {shown('f_golongan')} || '''', 'empty')
           || ' is not a valid '
           || CASE WHEN status = 'PPPK' THEN 'PPPK grade (I-XVII)' ELSE 'PNS golongan/ruang' END
      WHEN '{reasons.UNKNOWN_PENDIDIKAN}' THEN 'unknown tingkat pendidikan ''' || {shown('f_pendidikan')} || ''''
      WHEN '{reasons.UNKNOWN_JENIS_KELAMIN}' THEN 'unknown jenis kelamin ''' || {shown('f_jenis_kelamin')} || ''''
      WHEN '{reasons.UNKNOWN_JENIS_JABATAN}' THEN 'unknown jenis jabatan ''' || {shown('f_jenis_jabatan')} || ''''
      WHEN '{reasons.DUPLICATE_NIP}' THEN 'NIP already in an earlier row of this export'
    END"""

    nip_c = "b.nip_c"
    as_of = "_as_of"
    fields_sql = ",\n    ".join(f"{expr} AS f_{f}" for f, expr in raw.items())
    carry_sql = "".join(f"{c}, " for c in carry)
    R = reasons
    N = nipmod
    con.execute(f"""
CREATE TEMP TABLE {stg} AS
WITH b AS (
  SELECT {row_sql} AS _row, {as_of_sql} AS _as_of, {carry_sql}{nipmod.clean_nip_sql(raw['nip'])} AS nip_c,
    {fields_sql}
  FROM {source_sql}
), p AS (
  SELECT b.*, {', '.join(picks)},
    {nipmod.nip_reason_sql(nip_c)} AS nip_reason,
    {date_sql('b.f_tanggal_lahir', date_formats.get('tanggal_lahir'))} AS tgl,
    {date_sql('b.f_tmt_cpns', date_formats.get('tmt_cpns'))} AS tmt,
    {nipmod.nip_birth_sql(nip_c)} AS nip_birth,
    {nipmod.nip_sex_sql(nip_c)} AS nip_sex,
    {nipmod.nip_kind_sql(nip_c)} AS nip_kind,
    {nipmod.nip_tmt_sql(nip_c)} AS nip_tmt
  FROM b {' '.join(joins)}
), r AS (
  SELECT p.*, coalesce(m_status, nip_kind) AS status,
  CASE
    WHEN nip_reason IS NOT NULL THEN nip_reason
    WHEN f_tanggal_lahir IS NOT NULL AND (tgl IS NULL OR tgl > {as_of} OR year(tgl) < {N.MIN_BIRTH_YEAR})
      THEN '{R.INVALID_DATE}'
    WHEN f_tmt_cpns IS NOT NULL AND (tmt IS NULL OR tmt > {as_of} OR tmt <= nip_birth)
      THEN '{R.INVALID_DATE}'
    WHEN tgl IS NOT NULL AND tgl <> nip_birth THEN '{N.NIP_BIRTH_MISMATCH}'
    WHEN m_jenis_kelamin IS NOT NULL AND m_jenis_kelamin <> nip_sex THEN '{N.NIP_SEX_MISMATCH}'
    WHEN tmt IS NOT NULL AND nip_kind = 'PNS' AND year(tmt) * 100 + month(tmt) <> nip_tmt
      THEN '{N.NIP_TMT_MISMATCH}'
    WHEN (coalesce(m_status, nip_kind) = 'PPPK' AND m_pppk_grade IS NULL)
      OR (coalesce(m_status, nip_kind) <> 'PPPK' AND m_golongan_ruang IS NULL) THEN '{R.UNKNOWN_GOLONGAN}'
    WHEN f_pendidikan IS NOT NULL AND m_pendidikan IS NULL THEN '{R.UNKNOWN_PENDIDIKAN}'
    WHEN f_jenis_kelamin IS NOT NULL AND m_jenis_kelamin IS NULL THEN '{R.UNKNOWN_JENIS_KELAMIN}'
    WHEN f_jenis_jabatan IS NOT NULL AND m_jenis_jabatan IS NULL THEN '{R.UNKNOWN_JENIS_JABATAN}'
  END AS reason
  FROM p
)
-- Only what the raw table and the quarantine need: materialising every intermediate column costs more
-- than computing it.
SELECT _row, {carry_sql}nip_c, reason, CASE WHEN reason IS NOT NULL THEN {message_sql} END AS message,
  coalesce(tgl, nip_birth) AS tanggal_lahir, coalesce(m_jenis_kelamin, nip_sex) AS jenis_kelamin,
  status AS status_kepegawaian,
  CASE WHEN status <> 'PPPK' THEN m_golongan_ruang END AS golongan_ruang,
  CASE WHEN status = 'PPPK' THEN m_pppk_grade END AS pppk_grade,
  CASE WHEN status <> 'PPPK' THEN split_part(m_golongan_ruang, '/', 1) END AS golongan,
  m_jenis_jabatan AS jenis_jabatan, f_jabatan_nama AS jabatan_nama, m_eselon AS eselon,
  m_pendidikan AS pendidikan, f_unit_kerja AS unit_kerja,
  coalesce(tmt, CASE WHEN nip_reason IS NULL AND nip_tmt IS NOT NULL
                     THEN make_date(nip_tmt // 100, nip_tmt % 100, 1) END)
    AS tmt_cpns,
  m_diklat_kepemimpinan AS diklat_kepemimpinan, m_diklat_fungsional AS diklat_fungsional,
  try_cast(regexp_extract(f_diklat_teknis_jp, '[0-9]+') AS INTEGER) AS diklat_teknis_jp,
  m_seminar AS seminar, m_skp_predikat AS skp_predikat, m_hukuman_disiplin AS hukuman_disiplin
FROM r
""")
    # Duplicates among otherwise valid rows: every row after the first of its NIP in its file. A separate
    # aggregate on the materialised stage: a window partitioned by NIP costs ~80 ms even on a 1,000-row
    # file, and a CTE used twice would run the whole row pipeline twice.
    keys = (*file_keys, "nip_c")
    same_file = "".join(f"s.{k} = d.{k} AND " for k in file_keys)
    file_cols = "".join(f"{k}, " for k in file_keys)
    con.execute(f"""
UPDATE {stg} SET reason = '{R.DUPLICATE_NIP}', message = 'NIP already in an earlier row of this export'
WHERE ({file_cols}_row) IN (
  SELECT ({''.join(f's.{k}, ' for k in file_keys)}s._row) FROM {stg} s
  JOIN (SELECT {', '.join(keys)}, min(_row) AS first_row FROM {stg} WHERE reason IS NULL
        GROUP BY ALL HAVING count(*) > 1) d ON {same_file}s.nip_c = d.nip_c
  WHERE s.reason IS NULL AND s._row > d.first_row)
""")


def _stage(
    con: duckdb.DuckDBPyConnection, path: Path, source: SourceTable, match: HeaderMatch, *,
    sha: str, tag: str, temp_tables: list[str], name: str, rows_in: int,
) -> StagedExport:
    src, stg = source.table, f"{tag}_stg"
    raw = raw_fields(match)
    # An export is one agency at one date; the most common value among the first rows names it (a mode
    # over millions of strings would cost more than the rest of the file's checks).
    column_as_of, agency = con.execute(
        f"""SELECT {f"mode({date_sql(raw['as_of_date'])})" if "as_of_date" in match.fields else "NULL"},
                   {f"mode({raw['instansi']})" if "instansi" in match.fields else "NULL"}
            FROM (SELECT * FROM {src} LIMIT {_IDENTITY_SAMPLE})""").fetchone() or (None, None)
    as_of, as_of_source = resolve_as_of(path, column_as_of)
    region = resolve_region(agency, path)
    date_formats = sample_date_formats(con, src, raw, match)

    # Code columns: distinct raw values → codes.py → one join table.
    code_map = f"{tag}_codes"
    temp_tables.append(code_map)
    codemaps.build_code_map(con, src, raw, set(match.fields), code_map)
    as_of_lit = f"DATE '{as_of.isoformat()}'"
    stage_rows(con, source_sql=src, stg=stg, match=match, raw=raw, code_map=code_map,
               date_formats=date_formats, as_of_sql=as_of_lit, row_sql="rowid + 1")

    counts = dict(con.execute(
        f"SELECT reason IS NULL, count(*) FROM {stg} GROUP BY ALL").fetchall())
    rows_loaded, rows_bad = counts.get(True, 0), counts.get(False, 0)
    rows_quarantined = rows_bad + len(source.malformed)
    if rows_loaded + rows_quarantined != rows_in:
        # Every physical row is loaded or quarantined; a reader that lost or invented rows fails the file
        # rather than let its rows vanish behind a "loaded".
        raise UnreadableFileError(
            path, f"{rows_in} data rows in the file but {rows_loaded + rows_quarantined} parsed",
            reasons.FILE_ROW_COUNT)
    key_text = snapshot_key(agency, region, name, as_of)
    full_raw = quarantine_raw_sql(source.headers, match)
    # A file with no valid row does not replace the agency's snapshot with nothing (as a header-only file
    # would not); it is recorded as empty, its rows quarantined.
    replaces = rows_loaded > 0
    status = "loaded" if replaces else "empty"
    reason = None
    if not replaces:
        reason = f"no_valid_rows: all {rows_quarantined} rows quarantined; the earlier snapshot is kept"
    elif as_of_source == "file_mtime":
        reason = "as_of_date from file mtime"

    return StagedExport(
        stg=stg, src=src, name=name, sha=sha, layout=match.layout, as_of=as_of, as_of_source=as_of_source,
        region=region, agency=agency, snapshot_key=key_text, rows_in=rows_in, rows_loaded=rows_loaded,
        rows_bad=rows_bad, rows_quarantined=rows_quarantined, status=status, reason=reason,
        quarantine_raw_sql=full_raw, malformed=list(source.malformed), temp_tables=temp_tables,
    )
