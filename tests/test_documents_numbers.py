"""Number repair: one module reads every printed number the documents throw at us."""

from __future__ import annotations

import pytest

from extractors.numbers import as_rupiah, is_dash, looks_numeric, parse_column, parse_count, parse_number, parse_range


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


# --- the locale forms real documents print, and the column deciding what a cell alone cannot -------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234", 1234),
        ("1,234", 1234),
        ("1 095", 1095),
        ("21,19", 21.19),
        ("Rp 1.011.080.000", 1_011_080_000),
        ("1011.080.000", 1_011_080_000),  # the first group mark lost in conversion
    ],
)
def test_locale_forms_read_alone(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed is not None and parsed.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["672.000,000001,050,000,000", "0.890900,92"])
def test_glued_numbers_are_an_unreadable_cell_not_a_crash(text: str) -> None:
    assert parse_number(text) is None
    column = parse_column(["1.500", text, "2.000"])
    assert column.cells[1].number is None and column.cells[1].reason == "glued_numbers"
    assert column.unreadable() == [(1, column.cells[1])]
    assert column.numbers[0].value == 1500 and column.numbers[2].value == 2000


def test_column_of_scores_reads_three_decimals_as_decimals() -> None:
    # Alone, 3.003 is three thousand and three (counts and rupiah print like that) ...
    assert parse_number("3.003").value == 3003
    # ... but in a column whose other cells print a decimal point it is a score.
    column = parse_column(["2.95", "3.10", "3.003", "2.5"])
    assert column.decimal_mark == "."
    assert [n.value for n in column.numbers] == pytest.approx([2.95, 3.10, 3.003, 2.5])


def test_column_of_thousands_reads_three_digit_groups_as_thousands() -> None:
    column = parse_column(["1.234.567", "3.003", "12.500.000"])
    assert column.decimal_mark == ","
    assert [n.value for n in column.numbers] == [1_234_567, 3003, 12_500_000]
    # The comma-decimal locale decides the other way round: 1,234 among 21,19 is one and a bit.
    column = parse_column(["21,19", "1,234", "0,5"])
    assert column.decimal_mark == ","
    assert column.numbers[1].value == pytest.approx(1.234)


def test_mixed_locale_column_decides_nothing_and_cells_keep_their_shape() -> None:
    column = parse_column(["0,85", "0.90", "1.500"])
    assert column.decimal_mark is None
    assert [n.value for n in column.numbers] == pytest.approx([0.85, 0.90, 1500])


def test_column_reasons_for_cells_without_a_number() -> None:
    column = parse_column(["", "-", "n/a", "70-80", "Baik", "12"])
    assert [c.reason for c in column.cells] == ["blank", "dash", "not_available", "range", "text", None]
    lo, hi = column.cells[3].range
    assert (lo.value, hi.value) == (70, 80)
    assert column.numbers[5].value == 12
    assert column.unreadable() == []


def test_ranges() -> None:
    lo, hi = parse_range("70 – 80 %")
    assert (lo.value, hi.value, hi.unit) == (70, 80, "%")
    assert parse_range("80-70") is None  # not a range: a garbled pair
    assert parse_range("2019") is None
