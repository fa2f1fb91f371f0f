"""Raw rows for the data-quality tests: a clean build file, and defects to plant in it, one per kind.

Each defect is identified by where it sits (a fact's table_name, a SIMPEG row_number), so a test can tell
that the right check caught it and no other check blamed it. No tests live here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.schema import ensure_schema

LKIP = "lkip_bkd_kota_serang_2024.pdf"
RENSTRA = "renstra_bkd_provinsi_banten_2023_2026.pdf"
SIMPEG_FILE = "siasn_kota_serang_2024-12-31.csv"
AS_OF = "2024-12-31"


def fact(source: str, index: int, metric: str, kind: str, value: float | None, *, year: int | None = 2024,
         dimension: dict | None = None, unit: str | None = None, table: str = "Tabel 1",
         page: int | None = 3, line: int | None = None, region: str | None = "Kota Serang",
         flags: list[str] | None = None) -> tuple:
    return (source, "sha", "run0", index, page, line, table, "BKPSDM", region, metric, None,
            json.dumps(dimension or {}), year, value, unit, kind, json.dumps(flags) if flags else None)


def clean_facts() -> list[tuple]:
    rows = [
        fact(LKIP, 0, "asn_headcount", "count", 2514, dimension={"golongan_ruang": "III/a"}, unit="orang"),
        fact(LKIP, 1, "asn_headcount", "count", 1200, dimension={"golongan_ruang": "III/b"}, unit="orang"),
        fact(LKIP, 2, "asn_headcount", "count", 0, dimension={"pendidikan": "S3"}, unit="orang"),
        fact(LKIP, 12, "asn_headcount", "count", 3714, unit="orang", flags=["_total_row"]),
        fact(LKIP, 3, "ip_asn", "realisation", 85.2, dimension={"dimensi": "total"}),
        fact(LKIP, 4, "ip_asn", "target", 0.85, dimension={"dimensi": "total"}),
        fact(LKIP, 5, "ip_asn", "capaian_pct", 104.5, unit="%"),
        fact(LKIP, 6, "merit_index", "realisation", 320.5),
        fact(LKIP, 7, "merit_index", "realisation", 0.72, year=2023),
        fact(LKIP, 8, "merit_aspect_score", "realisation", 40, dimension={"aspek": "Perencanaan"}),
        fact(LKIP, 9, "budget_idr", "pagu", 8_347_500_000, unit="IDR", dimension={"program": "Kepegawaian"}),
        fact(LKIP, 10, "indicator_value", "target", 90, unit="dokumen", year=2020),
        fact(LKIP, 11, "indicator_value", "target", 95, unit="%", year=2029),
    ]
    rows += [
        fact(RENSTRA, i, "indicator_value", "target", 70 + i, year=y, unit="%", line=10 + i, page=None,
             region="Provinsi Banten")
        for i, y in enumerate(range(2022, 2028))
    ]
    return rows


def clean_documents() -> list[tuple]:
    return [
        (LKIP, "sha", "run0", "lkip", "BKPSDM Kota Serang", "Kota Serang", 2024, 2024, 40, "[]"),
        (RENSTRA, "sha", "run0", "renstra", "BKD Provinsi Banten", "Provinsi Banten", 2023, 2026, 120, "[]"),
    ]


def nip(birth: str, tmt: str, sex: str, serial: str) -> str:
    """A PNS NIP: birth YYYYMMDD + TMT CPNS YYYYMM + sex digit + serial (docs/domain.md §4)."""
    return f"{birth}{tmt}{sex}{serial}"


def employee(row: int, nip_: str, *, birth: str, tmt: str, sex: str = "Laki-laki", key: str | None = None,
             golongan_ruang: str | None = "III/a", pendidikan: str | None = "S1", as_of: str = AS_OF,
             source: str = SIMPEG_FILE, agency: str = "Pemerintah Kota Serang", eselon: str | None = None) -> dict:
    return {
        "run_id": "run0", "source_file": source, "file_sha256": "sha", "row_number": row, "as_of_date": as_of,
        "layout": "siasn", "region_name": "Kota Serang", "agency_name": agency, "nip": nip_,
        "employee_key": key or f"key-{nip_}", "tanggal_lahir": birth, "jenis_kelamin": sex,
        "status_kepegawaian": "PNS", "golongan_ruang": golongan_ruang,
        "golongan": golongan_ruang.split("/")[0] if golongan_ruang and "/" in golongan_ruang else None,
        "jenis_jabatan": "Pelaksana", "pendidikan": pendidikan, "tmt_cpns": tmt, "eselon": eselon,
    }


def clean_employees() -> list[dict]:
    return [
        employee(1, nip("19860926", "201505", "1", "001"), birth="1986-09-26", tmt="2015-05-01"),
        employee(2, nip("19900115", "201403", "2", "002"), birth="1990-01-15", tmt="2014-03-01",
                 sex="Perempuan", golongan_ruang="III/b", pendidikan="S2"),
        employee(3, nip("19750610", "200012", "1", "003"), birth="1975-06-10", tmt="2000-12-01",
                 golongan_ruang="IV/a", pendidikan="D-III"),
    ]


def insert_employees(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    for r in rows:
        cols = ", ".join(r)
        con.execute(f"INSERT INTO raw.simpeg_employees ({cols}) VALUES ({', '.join('?' * len(r))})", list(r.values()))


# The columns these rows fill, named: the raw tables gain columns (population, document_key, ...) over time.
FACT_COLUMNS = ("source_file", "file_sha256", "run_id", "fact_index", "page", "line", "table_name", "agency",
                "region", "metric", "indicator", "dimension", "year", "value", "unit", "kind", "flags")
DOCUMENT_COLUMNS = ("source_file", "file_sha256", "run_id", "doc_type", "agency", "region", "period_start",
                    "period_end", "pages", "problems")
INSERT_FACTS = f"INSERT INTO raw.document_facts ({', '.join(FACT_COLUMNS)}) VALUES ({', '.join('?' * 17)})"
INSERT_DOCUMENT = f"INSERT INTO raw.documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * 10)})"


def write_clean_warehouse(path: Path) -> Path:
    """A DuckDB file with the raw and audit zones and clean rows in every raw table."""
    con = duckdb.connect(str(path))
    try:
        ensure_schema(con)
        con.executemany(INSERT_DOCUMENT, clean_documents())
        con.executemany(INSERT_FACTS, clean_facts())
        insert_employees(con, clean_employees())
    finally:
        con.close()
    return path


@dataclass(frozen=True)
class Defect:
    """A planted defect: the check that must catch it, its severity, where it sits, words the message needs."""

    kind: str
    check: str
    severity: str
    marker: str               # table_name of the fact / source_file of the document / "row=<n>" for SIMPEG
    words: tuple[str, ...]    # the analyst must see these in the check's message


FACT_DEFECTS: dict[str, tuple[Defect, tuple]] = {
    d.kind: (d, row) for d, row in [
        (Defect("no_value", "facts_contract", "error", "DEFECT no value", ("carries a number",)),
         fact(LKIP, 100, "indicator_value", "target", None, unit="%", table="DEFECT no value")),
        (Defect("wrong_unit", "facts_units", "error", "DEFECT unit", ("orang", "asn_headcount [%]")),
         fact(LKIP, 103, "asn_headcount", "count", 5, unit="%", table="DEFECT unit")),
        (Defect("unknown_category", "facts_dimension_values_in_code_lists", "warn", "DEFECT category",
                ("code lists", "golongan_ruang = III/e")),
         fact(LKIP, 111, "asn_headcount", "count", 5, unit="orang", dimension={"golongan_ruang": "III/e"},
              table="DEFECT category")),
        (Defect("total_mismatch", "facts_stated_totals_add_up", "warn", "DEFECT total",
                ("sum of its parts", "stated_total_mismatch:3715!=3714")),
         fact(LKIP, 112, "asn_headcount", "count", 3715, unit="orang", table="DEFECT total",
              flags=["stated_total_mismatch:3715!=3714"])),
        (Defect("negative_headcount", "facts_headcount_whole_non_negative", "error", "DEFECT negative",
                ("cannot be negative", "-12")),
         fact(LKIP, 104, "asn_headcount", "count", -12, unit="orang", table="DEFECT negative")),
        (Defect("fractional_headcount", "facts_headcount_whole_non_negative", "error", "DEFECT fraction",
                ("whole number", "12.5")),
         fact(LKIP, 105, "asn_headcount", "count", 12.5, unit="orang", table="DEFECT fraction")),
        (Defect("ip_asn_off_scale", "facts_score_scales", "error", "DEFECT ip asn", ("IP ASN", "185")),
         fact(LKIP, 106, "ip_asn", "realisation", 185, table="DEFECT ip asn")),
        (Defect("merit_off_scale", "facts_score_scales", "error", "DEFECT merit", ("Merit", "450")),
         fact(LKIP, 107, "merit_index", "realisation", 450, table="DEFECT merit")),
        (Defect("impossible_year", "facts_year_valid", "error", "DEFECT year", ("plausible year", "1924")),
         fact("other.pdf", 108, "asn_headcount", "count", 5, unit="orang", year=1924, table="DEFECT year")),
        (Defect("year_outside_period", "facts_year_in_document_period", "warn", "DEFECT period",
                ("document's period", "2012")),
         fact(LKIP, 109, "indicator_value", "realisation", 5, year=2012, table="DEFECT period")),
        (Defect("no_region", "facts_have_region_and_year", "warn", "DEFECT region", ("region",)),
         fact(LKIP, 110, "asn_headcount", "count", 5, unit="orang", region=None, table="DEFECT region")),
    ]
}

# A document whose type was not recognised: a warn on raw/documents (and an error in dbt's staging test).
UNTYPED_DOCUMENT = ("DEFECT_untyped.pdf", "sha", "run0", "laporan", "BKD", "Kota Serang", 2024, 2024, 3, "[]")
DOCUMENT_DEFECT = Defect("document_type", "documents_identity", "warn", "DEFECT_untyped.pdf",
                         ("renstra, lkip or renja", "laporan"))

_N = nip("19800101", "200501", "1", "101")
SIMPEG_DEFECTS: dict[str, tuple[Defect, list[dict]]] = {
    d.kind: (d, rows) for d, rows in [
        (Defect("bare_eselon", "simpeg_code_lists", "error", "row=102", ("eselon", "IV")),
         [employee(102, nip("19800102", "200501", "1", "102"), birth="1980-01-02", tmt="2005-01-01",
                   eselon="IV")]),
        (Defect("duplicate_employee", "simpeg_unique_per_snapshot", "error", "row=104",
                ("once per snapshot", "Pemerintah Kota Serang")),
         [employee(104, _N, birth="1980-01-01", tmt="2005-01-01"),
          employee(105, _N, birth="1980-01-01", tmt="2005-01-01")]),
        (Defect("tmt_in_future", "simpeg_dates_plausible", "warn", "row=106", ("TMT CPNS", "years_of_service=-7")),
         [employee(106, nip("19800106", "200501", "1", "106"), birth="1980-01-06", tmt="2031-01-01")]),
    ]
}


def plant_all_defects(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        con.executemany(INSERT_FACTS, [row for _, row in FACT_DEFECTS.values()])
        con.execute(INSERT_DOCUMENT, list(UNTYPED_DOCUMENT))
        for _, rows in SIMPEG_DEFECTS.values():
            insert_employees(con, rows)
    finally:
        con.close()
