"""extractors.nip: the Python reference and its SQL twin must agree on every input."""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pandas as pd
import pytest

from extractors import nip


def test_decode_pns() -> None:
    info = nip.decode_nip("19860926 201505 1 001")
    assert info == nip.NipInfo("198609262015051001", "PNS", dt.date(1986, 9, 26), 2015, 5, None, "Laki-laki", 1)


def test_decode_pppk() -> None:
    info = nip.decode_nip("200012312024211001")
    assert info is not None
    assert (info.kind, info.birth_date, info.tmt_year, info.tmt_month, info.pppk_frequency, info.jenis_kelamin) == (
        "PPPK", dt.date(2000, 12, 31), 2024, None, 1, "Laki-laki")


@pytest.mark.parametrize(("value", "reason"), [
    ("", nip.NIP_MISSING), (None, nip.NIP_MISSING), ("  ", nip.NIP_MISSING),
    ("19860926201505100", nip.NIP_FORMAT), ("1.98609E+17", nip.NIP_FORMAT), ("1986092620150510O1", nip.NIP_FORMAT),
    ("198613262015051001", nip.NIP_BIRTH_DATE), ("198602302015051001", nip.NIP_BIRTH_DATE),
    ("192001012015051001", nip.NIP_BIRTH_DATE),
    ("198609262015131001", nip.NIP_TMT), ("198609262015001001", nip.NIP_TMT),
    ("198609262000051001", nip.NIP_TMT),  # CPNS at 13
    ("198609262015053001", nip.NIP_SEX_DIGIT), ("198609262015051000", nip.NIP_SERIAL),
    ("200012312024201001", nip.NIP_TMT),  # PPPK frequency 0
    ("'198609262015051001", None), ("198609262015052123", None),
])
def test_reasons(value: object, reason: str | None) -> None:
    assert nip.nip_reason(value) == reason


def test_cross_check() -> None:
    info = nip.decode_nip("198609262015052001")
    assert info is not None
    assert nip.cross_check(info, dt.date(1986, 9, 26), "Perempuan", dt.date(2015, 5, 1)) is None
    assert nip.cross_check(info, dt.date(1986, 9, 27)) == nip.NIP_BIRTH_MISMATCH
    assert nip.cross_check(info, jenis_kelamin="Laki-laki") == nip.NIP_SEX_MISMATCH
    assert nip.cross_check(info, tmt_cpns=dt.date(2016, 5, 1)) == nip.NIP_TMT_MISMATCH


def _cases(n: int, seed: int = 4) -> list[str]:
    """Valid NIPs and their mutations: every digit position changed, cut, padded, spaced, quoted."""
    rng = random.Random(seed)
    out: list[str] = ["", " ", "'", "ABCDEFGHIJKLMNOPQR", "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "1986 0926\u00a02015051001"]
    for _ in range(n):
        born = dt.date(rng.randint(1925, 2010), rng.randint(1, 12), rng.randint(1, 28))
        tmt = born.year + rng.randint(10, 65)
        middle = f"{tmt}{rng.randint(0, 13):02d}" if rng.random() < 0.6 else f"{tmt}2{rng.randint(0, 9)}"
        value = f"{born:%Y%m%d}{middle}{rng.choice('1122309')}{rng.randint(0, 999):03d}"
        roll = rng.random()
        if roll < 0.3:
            pos = rng.randrange(18)
            value = value[:pos] + rng.choice("0123456789 x'") + value[pos + 1:]
        elif roll < 0.4:
            value = value[: rng.randrange(19)]
        elif roll < 0.45:
            value = f" {value[:8]} {value[8:14]} {value[14]} {value[15:]} "
        out.append(value)
    return out


def test_sql_agrees_with_python_on_generated_cases() -> None:
    cases = _cases(20_000)
    con = duckdb.connect()
    frame = pd.DataFrame({"i": range(len(cases)), "v": cases})
    con.register("frame", frame)
    con.execute("CREATE TABLE t AS SELECT CAST(i AS INTEGER) AS i, CAST(v AS VARCHAR) AS v FROM frame")
    sql = f"""
        WITH c AS (SELECT i, {nip.clean_nip_sql('v')} AS n FROM t)
        SELECT i, n, {nip.nip_reason_sql('n')}, {nip.nip_birth_sql('n')}, {nip.nip_sex_sql('n')},
               {nip.nip_kind_sql('n')}, {nip.nip_tmt_sql('n')}
        FROM c ORDER BY i"""
    rows = con.execute(sql).fetchall()
    reasons_seen = set()
    for (_i, cleaned, reason, birth, sex, kind, tmt), value in zip(rows, cases, strict=True):
        assert cleaned == nip.clean_nip(value), value
        assert reason == nip.nip_reason(value), value
        reasons_seen.add(reason)
        info = nip.decode_nip(value)
        if info is not None:
            assert (birth, sex, kind) == (info.birth_date, info.jenis_kelamin, info.kind), value
            assert tmt == (None if info.kind == "PPPK" else info.tmt_year * 100 + info.tmt_month), value
    # The generator reached every reason, so the agreement covers every branch.
    assert reasons_seen >= {None, nip.NIP_MISSING, nip.NIP_FORMAT, nip.NIP_BIRTH_DATE, nip.NIP_TMT,
                            nip.NIP_SEX_DIGIT, nip.NIP_SERIAL}
