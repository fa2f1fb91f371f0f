"""GX suites for the extracted document facts (raw.document_facts, raw.documents): the fact contract of
docs/architecture.md §3 checked where the rows live, in DuckDB."""

from __future__ import annotations

import datetime as dt

from extractors import codes
from quality.gx_duckdb import Batch
from quality.gx_duckdb import gx_expectations as _gx
from quality.spec import QualityCheck

FACTS = ("raw", "document_facts")
DOCUMENTS = ("raw", "documents")
# Where a fact was read: enough for an analyst to open the document at the right place.
FACT_INDEX = ("source_file", "page", "line", "table_name")
FACT_COLUMNS = "source_file, fact_index, page, line, table_name, region, agency, metric, kind, unit, year, value"
DOC_TYPES = ("renstra", "lkip", "renja")
# Units the recognisers emit for metrics whose unit is fixed; other metrics carry the indicator's own unit.
FIXED_UNITS = ("asn_headcount [orang]", "budget_idr [IDR]", "capaian_pct [%]")
FIRST_YEAR = 1990
# LKIP trend tables reach back up to five years; a Renstra's baseline is the year before its period, and
# its plan years end with it. LKIP and Renja restate the Renstra's targets, up to five years ahead.
YEARS_BEFORE_PERIOD = 5
YEARS_AFTER_RENSTRA = 1
YEARS_AFTER_YEARLY_DOCUMENT = 5


def _facts(where: str = "true") -> str:
    return f"select {FACT_COLUMNS}, dimension from raw.document_facts where {where}"


# Not re-checked here, because the writer guarantees it: metric and kind are NOT NULL in raw.document_facts,
# and `Fact.__post_init__` (extractors/facts.py) refuses a fact without a page or line, or with a metric, kind
# or dimension key outside the contract, before the loader serialises its dimension dict as a JSON object.


def _contract() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="facts",
            query=_facts(),
            index_columns=FACT_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToNotBeNull(column="value", description="Every fact carries a number (value)."),
            ],
        )
    ]


def _units() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="units",
            query="select source_file, page, line, table_name, "
            "case when kind = 'capaian_pct' then kind else metric end || ' [' || unit || ']' as unit_use "
            "from raw.document_facts "
            "where unit is not null and (metric in ('asn_headcount', 'budget_idr') or kind = 'capaian_pct')",
            index_columns=FACT_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToBeInSet(
                    column="unit_use", value_set=list(FIXED_UNITS),
                    description="Headcounts are in orang, budgets in IDR, capaian in %.",
                )
            ],
        ),
    ]


# Closed code lists of headcount dimensions; documents also print a bare eselon level (II, not II.a).
DIMENSION_CODE_LISTS: dict[str, tuple[str, ...]] = {
    "golongan_ruang": codes.GOLONGAN_RUANG,
    "golongan": ("I", "II", "III", "IV"),
    "pendidikan": codes.PENDIDIKAN,
    "jenis_kelamin": codes.JENIS_KELAMIN,
    "jenis_jabatan": codes.JENIS_JABATAN,
    "kelompok_usia": codes.KELOMPOK_USIA,
    "eselon": codes.ESELON + ("I", "II", "III", "IV", "V"),
}


def _dimension_values() -> list[Batch]:
    gxe = _gx()
    keys = ", ".join(f"'{k}'" for k in DIMENSION_CODE_LISTS)
    return [
        Batch(
            name="dimension_values",
            query="select source_file, page, line, table_name, dimension_key || ' = ' || "
            "coalesce(json_extract_string(dimension, '$.' || dimension_key), '(empty)') as dimension_value "
            "from (select *, unnest(json_keys(dimension)) as dimension_key from raw.document_facts "
            f"where json_type(dimension) = 'OBJECT') where dimension_key in ({keys})",
            index_columns=FACT_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToBeInSet(
                    column="dimension_value",
                    value_set=[f"{k} = {v}" for k, values in DIMENSION_CODE_LISTS.items() for v in values],
                    description="Headcount categories are in the code lists (golongan_ruang I/a..IV/e, "
                    "pendidikan SD..S3, jenis_kelamin, kelompok_usia, ...).",
                )
            ],
        )
    ]


def _stated_totals() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="flagged_facts",
            query="select source_file, fact_index, page, line, table_name, indicator, value, "
            "cast(flags as varchar) as flags from raw.document_facts where flags is not null",
            expectations=[
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query="select source_file, page, line, table_name, indicator, value, flags "
                    "from {batch} where flags like '%stated_total_mismatch%' order by source_file, fact_index",
                    description="A printed total equals the sum of its parts (flag stated_total_mismatch:"
                    "printed!=sum): a misread cell, or the source's own arithmetic is off.",
                )
            ],
        )
    ]


def _headcounts() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="headcounts",
            query=_facts("metric = 'asn_headcount'"),
            index_columns=FACT_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="value", min_value=0, description="A headcount cannot be negative."
                ),
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query="select source_file, page, line, table_name, value from {batch} "
                    "where value <> round(value) order by source_file, fact_index",
                    description="A headcount is a whole number of people (a fraction means a misread cell).",
                ),
            ],
        )
    ]


def _scores() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="ip_asn",
            query=_facts("metric = 'ip_asn' and kind <> 'capaian_pct'"),
            index_columns=FACT_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="value", min_value=0, max_value=100,
                    description="IP ASN lies within its scale: 0-1 or 0-100.",
                )
            ],
        ),
        Batch(
            name="merit",
            query=_facts("metric in ('merit_index', 'merit_aspect_score') and kind <> 'capaian_pct'"),
            index_columns=FACT_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="value", min_value=0, max_value=400,
                    description="Merit scores lie within 0-400 (KASN 2019), or 0-1 for the 0-1 index.",
                )
            ],
        ),
    ]


def _years() -> list[Batch]:
    gxe = _gx()
    last = dt.date.today().year + 10
    return [
        Batch(
            name="facts",
            query=_facts("year is not null"),
            index_columns=FACT_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToBeBetween(
                    column="year", min_value=FIRST_YEAR, max_value=last,
                    description=f"A fact's year is a plausible year ({FIRST_YEAR}-{last}); anything else is a misread.",
                )
            ],
        )
    ]


def _years_in_period() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="facts_with_period",
            query="select f.source_file, f.page, f.line, f.table_name, f.year, d.doc_type, d.period_start, "
            "d.period_end from raw.document_facts as f join raw.documents as d using (source_file) "
            "where f.year is not null and d.period_start is not null and d.period_end is not null",
            expectations=[
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query="select source_file, page, line, table_name, year, doc_type, "
                    "period_start, period_end from {batch} "
                    f"where year < period_start - {YEARS_BEFORE_PERIOD} or year > period_end + case doc_type "
                    f"when 'renstra' then {YEARS_AFTER_RENSTRA} else {YEARS_AFTER_YEARLY_DOCUMENT} end "
                    "order by source_file, page, line",
                    description=f"A fact's year fits its document's period (from {YEARS_BEFORE_PERIOD} years "
                    f"before its start to {YEARS_AFTER_RENSTRA} year after a Renstra's end, "
                    f"{YEARS_AFTER_YEARLY_DOCUMENT} after an LKIP's or Renja's year).",
                )
            ],
        )
    ]


def _context() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="facts",
            query=_facts(),
            index_columns=FACT_INDEX,
            expectations=[
                gxe.ExpectColumnValuesToNotBeNull(
                    column="region", description="A fact names its region; without one the marts cannot place it."
                ),
                gxe.ExpectColumnValuesToNotBeNull(
                    column="year", description="A fact names its year; without one the marts cannot place it."
                ),
            ],
        )
    ]


def _documents() -> list[Batch]:
    gxe = _gx()
    return [
        Batch(
            name="documents",
            query="select source_file, doc_type, region, agency, period_start, period_end from raw.documents",
            index_columns=("source_file",),
            expectations=[
                gxe.ExpectColumnValuesToNotBeNull(
                    column="doc_type", description="The document's type (Renstra, LKIP, Renja) was recognised."
                ),
                gxe.ExpectColumnValuesToBeInSet(
                    column="doc_type", value_set=list(DOC_TYPES), description="doc_type is renstra, lkip or renja."
                ),
                gxe.ExpectColumnValuesToNotBeNull(
                    column="region", description="The document's region was recognised from its title pages."
                ),
                gxe.UnexpectedRowsExpectation(
                    unexpected_rows_query="select source_file, doc_type, period_start, period_end from {batch} "
                    f"where period_start > period_end or period_start < {FIRST_YEAR} "
                    "or period_end - period_start > 6",
                    description="A document's period runs forward and spans at most a Renstra (5-6 years).",
                ),
            ],
        )
    ]


FACT_CHECKS: tuple[QualityCheck, ...] = (
    QualityCheck("facts_contract", FACTS, "error", "Every fact carries a number (value).", _contract),
    QualityCheck("facts_units", FACTS, "error",
                 "Metrics whose unit is fixed carry it: headcounts orang, budgets IDR, capaian %.", _units),
    QualityCheck("facts_dimension_values_in_code_lists", FACTS, "warn",
                 "Headcount categories (golongan, education, gender, age band, ...) are in the code lists; "
                 "an unknown one is a category analysts cannot compare.", _dimension_values),
    QualityCheck("facts_stated_totals_add_up", FACTS, "warn",
                 "Totals printed in the documents equal the sum of their parts.", _stated_totals),
    QualityCheck("facts_headcount_whole_non_negative", FACTS, "error",
                 "Headcounts are non-negative whole numbers.", _headcounts),
    QualityCheck("facts_score_scales", FACTS, "error",
                 "IP ASN within 0-1 or 0-100; merit within 0-400 (or 0-1 for the index).", _scores),
    QualityCheck("facts_year_valid", FACTS, "error", "Fact years are plausible calendar years.", _years),
    QualityCheck("facts_year_in_document_period", FACTS, "warn",
                 "Fact years fit the period of the document they come from.", _years_in_period,
                 additional_deps=(DOCUMENTS,)),
    QualityCheck("facts_have_region_and_year", FACTS, "warn",
                 "Facts name a region and a year, so the marts can place them.", _context),
    QualityCheck("documents_identity", DOCUMENTS, "warn",
                 "Each document's type, region and period were recognised and make sense.", _documents),
)
