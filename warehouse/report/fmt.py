"""Number formatting the Indonesian way (1.234.567 and 78,5), because the readers are Indonesian officials."""

from __future__ import annotations

from typing import Any

import pandas as pd


def is_missing(value: Any) -> bool:
    """None, NaN, pandas NA/NaT: whatever a DuckDB → pandas round trip uses for SQL NULL."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values, not missing
        return False


def num(value: Any, places: int = 0) -> str:
    """Thousands with '.', decimals with ','; an em dash for missing values."""
    if is_missing(value):
        return "–"
    text = f"{float(value):,.{places}f}"
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def pct(value: Any, places: int = 1) -> str:
    """A share (0–1) as a percentage."""
    return "–" if is_missing(value) else num(float(value) * 100, places) + "%"


def signed(value: Any, places: int = 1) -> str:
    if is_missing(value):
        return "–"
    return ("+" if float(value) > 0 else "") + num(value, places)


def idr(value: Any) -> str:
    """Rupiah in billions (miliar), the unit budget readers think in."""
    return "–" if is_missing(value) else "Rp " + num(float(value) / 1e9, 2) + " M"
