"""Issue 18, text safe to export: the dbt macro neutralise_formula, rendered from the project's macro file and
run by DuckDB on the values a spreadsheet would execute and on the ones that only look similar."""

from __future__ import annotations

from pathlib import Path

import duckdb
import jinja2
import pytest

MACROS = Path(__file__).resolve().parents[1] / "dbt_project" / "macros" / "neutralise_formula.sql"


def _macros() -> jinja2.environment.TemplateModule:
    return jinja2.Environment(extensions=["jinja2.ext.do"]).from_string(MACROS.read_text()).module


@pytest.mark.parametrize(("value", "expected"), [
    ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
    ("+1+1", "'+1+1"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("-2+3", "'-2+3"),
    ("- Sub kegiatan", "'- Sub kegiatan"),
    ("\tTab", "'\tTab"),
    ("\rCR", "'\rCR"),
    ("-5", "-5"),
    ("+12,5%", "+12,5%"),
    ("-0.85", "-0.85"),
    ("-", "-"),
    ("--", "--"),
    ("Bidang Mutasi", "Bidang Mutasi"),
    ("III/a", "III/a"),
    (None, None),
])
def test_neutralise_formula(value: str | None, expected: str | None) -> None:
    sql = str(_macros().neutralise_formula("v"))
    got = duckdb.connect().execute(f"select {sql} from (select ?::varchar as v)", [value]).fetchone()[0]
    assert got == expected


def test_neutralise_formula_json_keeps_keys_and_escapes_values() -> None:
    sql = str(_macros().neutralise_formula_json("d"))
    got = duckdb.connect().execute(
        f"select {sql} from (select ?::json as d)", ['{"program": "=cmd|calc", "kegiatan": "-5", "unit": "ok"}']
    ).fetchone()[0]
    assert got == '{"program":"\'=cmd|calc","kegiatan":"-5","unit":"ok"}'
