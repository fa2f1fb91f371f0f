"""Normalise code columns without looping over rows: run extractors.codes over each column's DISTINCT raw
values in Python, then hand the mapping back to DuckDB as a small table to join. codes.py stays the only
place the rules live; a national file has a few hundred distinct values per code column, not millions."""

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

_TYPES = {"diklat_kepemimpinan": "BOOLEAN", "diklat_fungsional": "BOOLEAN", "seminar": "BOOLEAN"}


def sql_type(output: str) -> str:
    return _TYPES.get(output, "VARCHAR")


def _status(status_raw: str | None, kedudukan_raw: str | None) -> str | None:
    """PPPK if either column says so (SIASN marks PPPK by kedudukan hukum 71-73), else the status column."""
    by_kedudukan = codes.normalise_status_kepegawaian(kedudukan_raw) if kedudukan_raw else None
    if by_kedudukan == "PPPK":
        return "PPPK"
    return codes.normalise_status_kepegawaian(status_raw) if status_raw else None


def build_map(con: duckdb.DuckDBPyConnection, source_sql: str, field: str, raw_expr: str, table: str) -> str:
    """Create temp table `table(raw, <outputs>)` for the distinct values of `raw_expr`; return its name."""
    outputs, func = SINGLE_MAPS[field]
    query = f"SELECT DISTINCT {raw_expr} FROM {source_sql} WHERE {raw_expr} IS NOT NULL"
    values = [r[0] for r in con.execute(query).fetchall()]
    rows = [(v, *func(v)) for v in values]
    frame = pd.DataFrame(rows, columns=["raw", *outputs], dtype=object)
    _materialise(con, frame, table, {o: _TYPES.get(o, "VARCHAR") for o in outputs})
    return table


def build_status_map(
    con: duckdb.DuckDBPyConnection, source_sql: str, status_expr: str, kedudukan_expr: str, table: str
) -> str:
    """Create temp table `table(status_raw, kedudukan_raw, status)` over the distinct pairs."""
    pairs = con.execute(f"SELECT DISTINCT {status_expr}, {kedudukan_expr} FROM {source_sql}").fetchall()
    frame = pd.DataFrame([(s, k, _status(s, k)) for s, k in pairs],
                         columns=["status_raw", "kedudukan_raw", "status"], dtype=object)
    _materialise(con, frame, table, {"status": "VARCHAR"}, keys=("status_raw", "kedudukan_raw"))
    return table


def _materialise(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, table: str, outputs: dict[str, str],
    keys: tuple[str, ...] = ("raw",),
) -> None:
    view = f"{table}_df"
    con.register(view, frame)
    try:
        cols = [f"CAST({k} AS VARCHAR) AS {k}" for k in keys]
        cols += [f"CAST({o} AS {t}) AS {o}" for o, t in outputs.items()]
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {', '.join(cols)} FROM {view}")
    finally:
        con.unregister(view)
