"""Number repair: one module reads every printed number the documents throw at us."""

from __future__ import annotations

import pytest

from extractors.numbers import as_rupiah, is_dash, looks_numeric, parse_count, parse_number


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("0,85", 0.85, None),
        ("0.90", 0.90, None),
        ("332,5", 332.5, None),
        ("270.50", 270.5, None),
        ("8,347,500,000", 8_347_500_000, None),
        ("6.554.542.200", 6_554_542_200, None),
        ("21.577.670.000,00", 21_577_670_000, None),
        ("1,234.56", 1234.56, None),
        ("1.500", 1500, None),
        ("24,48 Nilai", 24.48, "nilai"),
        ("2 Dokumen", 2, "dokumen"),
        ("1515 Orang/Bulan", 1515, "orang/bulan"),
        ("100%", 100, "%"),
        ("99.05%", 99.05, "%"),
        ("Rp. 38.995.711.827,00", 38_995_711_827, None),
        ("82,39 (Baik)", 82.39, None),
        ("Sangat Baik (89,96)", 89.96, None),
        ("1 406", 1406, None),
    ],
)
def test_parse_number_repairs_locale_units_and_garbling(text: str, value: float, unit: str | None) -> None:
    parsed = parse_number(text)
    assert parsed is not None
    assert parsed.value == pytest.approx(value)
    assert parsed.unit == unit


def test_thousands_groups_are_integers_and_decimals_are_floats() -> None:
    assert isinstance(parse_number("6.554.542.200").value, int)
    assert isinstance(parse_number("0,85").value, float)


@pytest.mark.parametrize("text", ["", "   ", "-", "–", "70-80", "Baik", "Gol II=100, Gol III=100", "1.2.3", None])
def test_unreadable_cells_are_none_never_guessed(text: str | None) -> None:
    assert parse_number(text) is None


def test_dash_is_zero_only_where_the_table_counts() -> None:
    assert is_dash("-") and is_dash(" – ")
    assert parse_count("-") == 0  # a count table: nobody in that category
    assert parse_count("-", dash_is_zero=False) is None  # a target table: no target
    assert parse_number("-") is None
    assert parse_count("2,5") is None  # half a person is not a count
    assert parse_count("100%") is None


def test_rupiah_and_numeric_detection() -> None:
    assert as_rupiah("425.186.012,00") == 425_186_012
    assert as_rupiah("8,347,500,000") == 8_347_500_000
    assert as_rupiah("97,81%") is None
    assert looks_numeric("2.1") and looks_numeric("-") and not looks_numeric("Jumlah")
