"""warehouse.bulk: rows land with the table's own types, in one statement, inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from warehouse import bulk
from warehouse.bulk import QUARANTINE_COLUMNS
from warehouse.schema import ensure_schema


@pytest.fixture()
def con(tmp_path: Path):
    c = duckdb.connect(str(tmp_path / "wh.duckdb"))
    c.execute("CREATE TABLE t (n INTEGER, x DOUBLE, s VARCHAR, j JSON, d DATE, b BOOLEAN)")
    yield c
    c.close()


def test_a_float_after_many_ints_is_kept_exactly(con) -> None:
    # DuckDB types an object column from a sample of 1000 rows: a float it did not look at, among 5000 ints,
    # was silently rounded to an int.
    rows: list[tuple] = [(i, i, None, None, None, None) for i in range(5000)]
    rows.insert(2777, (1, 2.5, "late", '{"k": 1}', dt.date(2024, 6, 30), True))
    assert bulk.insert(con, "t", rows, ("n", "x", "s", "j", "d", "b")) == 5001
    assert con.execute("SELECT x, s, j->>'k', d, b FROM t WHERE s = 'late'").fetchone() == \
        (2.5, "late", "1", dt.date(2024, 6, 30), True)
    assert con.execute("SELECT count(*), count(s), sum(x) FROM t").fetchone() == (5001, 1, sum(range(5000)) + 2.5)
    # The sample setting is the connection's own again afterwards.
    assert con.execute("SELECT current_setting('pandas_analyze_sample')").fetchone()[0] == 1000


def test_frame_and_named_columns(con) -> None:
    frame = pd.DataFrame({"s": ["a", "b"], "n": [3, 4]})
    assert bulk.insert(con, "t", frame) == 2
    assert con.execute("SELECT n, s, x FROM t ORDER BY n").fetchall() == [(3, "a", None), (4, "b", None)]
    assert bulk.insert(con, "t", [], ("n",)) == 0


def test_wrong_shapes_are_refused_naming_the_table(con) -> None:
    with pytest.raises(ValueError, match="t: no column nope"):
        bulk.insert(con, "t", [(1,)], ("nope",))
    with pytest.raises(ValueError, match="t: row 1 has 1 values for 2 columns"):
        bulk.insert(con, "t", [(1, "a"), (2,)], ("n", "s"))
    with pytest.raises(ValueError, match="need their column names"):
        bulk.insert(con, "t", [(1,)])


def test_inside_a_rolled_back_transaction_nothing_stays(tmp_path: Path) -> None:
    c = duckdb.connect(str(tmp_path / "wh.duckdb"))
    try:
        ensure_schema(c)
        c.execute("BEGIN")
        bulk.insert(c, "audit.quarantine", [("r1", "a.csv", "line 3", "malformed_row", "CSV line: x")] * 3,
                    QUARANTINE_COLUMNS)
        assert c.execute("SELECT count(*) FROM audit.quarantine").fetchone()[0] == 3
        c.execute("ROLLBACK")
        assert c.execute("SELECT count(*) FROM audit.quarantine").fetchone()[0] == 0
    finally:
        c.close()
