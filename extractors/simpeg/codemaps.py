"""Normalise code columns without looping over rows: run extractors.codes over the DISTINCT raw values of
every code column in Python, then hand the mapping back to DuckDB as one small table to join. codes.py stays
the only place the rules live; a national file has a few hundred distinct code values, not millions of rows.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd

from extractors import codes

# field -> (output columns, function of the raw value returning a tuple of those outputs)
SINGLE_MAPS: dict[str, tuple[tuple[str, ...], Callable[[str], tuple]]] = {
    "golongan": (
        ("golongan_ruang", "pppk_grade"),
        lambda v: (codes.normalise_golongan_ruang(v), codes.normalise_pppk_grade(v)),
    ),
    "pendidikan": (("pendidikan",), lambda v: (codes.normalise_pendidikan(v),)),
    "jenis_kelamin": (("jenis_kelamin",), lambda v: (codes.normalise_jenis_kelamin(v),)),
    "jenis_jabatan": (("jenis_jabatan",), lambda v: (codes.normalise_jenis_jabatan(v),)),
    "eselon": (("eselon",), lambda v: (codes.normalise_eselon(v),)),
    "diklat_kepemimpinan": (("diklat_kepemimpinan",), lambda v: (codes.normalise_flag(v),)),
    "diklat_fungsional": (("diklat_fungsional",), lambda v: (codes.normalise_flag(v),)),
    "seminar": (("seminar",), lambda v: (codes.normalise_flag(v),)),
    "skp_predikat": (("skp_predikat",), lambda v: (codes.normalise_skp_predikat(v),)),
    "hukuman_disiplin": (("hukuman_disiplin",), lambda v: (codes.normalise_hukuman_disiplin(v),)),
}
STATUS = "status"

_TYPES = {"diklat_kepemimpinan": "BOOLEAN", "diklat_fungsional": "BOOLEAN", "seminar": "BOOLEAN"}


def sql_type(output: str) -> str:
    return _TYPES.get(output, "VARCHAR")


def status_of(status_raw: str | None, kedudukan_raw: str | None) -> str | None:
    """PPPK if either column says so (SIASN marks PPPK by kedudukan hukum 71-73), else the status column."""
    by_kedudukan = codes.normalise_status_kepegawaian(kedudukan_raw) if kedudukan_raw else None
    if by_kedudukan == "PPPK":
        return "PPPK"
    return codes.normalise_status_kepegawaian(status_raw) if status_raw else None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def build_code_map(
    con: duckdb.DuckDBPyConnection, source: str, raw: dict[str, str], present: set[str], table: str
) -> None:
    """Create temp table `table(field, raw, raw2, v1, v2)`: one row per distinct raw value of each code
    field in `present` (v1, v2 = the outputs of SINGLE_MAPS), plus the distinct (status, kedudukan) pairs
    under field 'status'. Values are text; join_sql casts them back."""
    parts = [
        f"SELECT DISTINCT '{f}' AS field, {raw[f]} AS raw, CAST(NULL AS VARCHAR) AS raw2 FROM {source}"
        for f in SINGLE_MAPS if f in present
    ]
    parts.append(f"SELECT DISTINCT '{STATUS}', {raw['status_kepegawaian']}, {raw['kedudukan_hukum']} "
                 f"FROM {source}")
    rows = []
    for field, value, value2 in con.execute(" UNION ALL ".join(parts)).fetchall():
        if field == STATUS:
            rows.append((field, value, value2, status_of(value, value2), None))
        elif value is not None:
            outputs = SINGLE_MAPS[field][1](value)
            rows.append((field, value, None, _text(outputs[0]), _text(outputs[1]) if len(outputs) > 1 else None))
    frame = pd.DataFrame(rows, columns=["field", "raw", "raw2", "v1", "v2"], dtype=object)
    view = f"{table}_df"
    con.register(view, frame)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT CAST(field AS VARCHAR) AS field, "
                    "CAST(raw AS VARCHAR) AS raw, CAST(raw2 AS VARCHAR) AS raw2, CAST(v1 AS VARCHAR) AS v1, "
                    f"CAST(v2 AS VARCHAR) AS v2 FROM {view}")
    finally:
        con.unregister(view)


def join_sql(table: str, present: set[str], row_alias: str = "b") -> tuple[list[str], list[str]]:
    """(LEFT JOIN clauses, select items `m_<output>`) for the code map built by build_code_map."""
    joins, picks = [], []
    for field, (outputs, _func) in SINGLE_MAPS.items():
        if field not in present:
            picks += [f"CAST(NULL AS {sql_type(o)}) AS m_{o}" for o in outputs]
            continue
        alias = f"m_{field}_map"
        joins.append(f"LEFT JOIN {table} {alias} ON {alias}.field = '{field}' "
                     f"AND {alias}.raw = {row_alias}.f_{field}")
        for slot, output in zip(("v1", "v2"), outputs, strict=False):
            picks.append(f"CAST({alias}.{slot} AS {sql_type(output)}) AS m_{output}")
    joins.append(
        f"LEFT JOIN {table} m_status_map ON m_status_map.field = '{STATUS}' "
        f"AND m_status_map.raw IS NOT DISTINCT FROM {row_alias}.f_status_kepegawaian "
        f"AND m_status_map.raw2 IS NOT DISTINCT FROM {row_alias}.f_kedudukan_hukum"
    )
    picks.append("m_status_map.v1 AS m_status")
    return joins, picks
