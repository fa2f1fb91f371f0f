"""Rendering a mart whose exact columns this report does not assume: marts still being designed (the
reconciliation and comparison marts) show up as plain tables, with source links where they carry them."""

from __future__ import annotations

from typing import Any

import pandas as pd

from warehouse.report.context import ReportContext
from warehouse.report.fmt import is_missing, num
from warehouse.report.html import Col, src_col, table

HIDDEN = {"source_file", "source_page", "source_line", "region_code", "agency_key", "fact_id"}
MAX_ROWS = 300


def _render(value: Any) -> str:
    if is_missing(value):
        return "–"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return num(value)
    if isinstance(value, float):
        return num(value, 0 if value.is_integer() and abs(value) >= 1000 else 2)
    if isinstance(value, pd.Timestamp):
        return f"{value:%d-%m-%Y}"
    return str(value)


def generic_table(ctx: ReportContext, table_id: str, df: pd.DataFrame) -> str:
    shown = df.head(MAX_ROWS)
    cols = [
        Col(c, c, _render, numeric=pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]))
        for c in df.columns if c not in HIDDEN
    ]
    rows = shown.to_dict("records")
    if "source_file" in df.columns:
        cols.append(src_col())
        for r in rows:
            r["source_html"] = ctx.linker.link(r.get("source_file"), r.get("source_page"), r.get("source_line"))
    note = "" if len(df) <= MAX_ROWS else f"{MAX_ROWS} dari {len(df)} baris ditampilkan / rows shown."
    return table(table_id, cols, rows, note)
