"""The dbt seeds and vars and the Python vocabularies state the same rules; these tests keep them from drifting.

Python is the one home of each vocabulary; a seed or a dbt var (dbt_project.yml) is its export to SQL."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import yaml

from extractors import codes, facts
from extractors.documents import identity
from extractors.documents.interpret import labels
from extractors.facts import HEADCOUNT_DIMENSIONS

DBT_PROJECT = Path(__file__).resolve().parents[1] / "dbt_project"
SEEDS = DBT_PROJECT / "seeds"

# Seeds with no Python counterpart: scoring tables, thresholds and indicator spellings that only SQL uses
# (their home is the seed itself; docs/domain.md says where each number comes from).
SQL_ONLY_SEEDS = {
    "ref_indicators", "ref_indicator_aliases", "ref_merit_categories", "ref_ip_asn_bands", "ref_population_scope",
}
# Seeds that mirror a Python vocabulary, each guarded by a test below.
MIRRORED_SEEDS = {
    "ref_golongan", "ref_pendidikan", "ref_kelompok_usia", "ref_jabatan", "ref_ip_asn_points", "ref_ip_asn_weights",
    "ref_region",
}


def _rows(name: str) -> list[dict[str, str]]:
    with open(SEEDS / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_age_band_seed_matches_python_bands() -> None:
    bands = _rows("ref_kelompok_usia.csv")
    assert [b["kelompok_usia"] for b in bands] == list(codes.KELOMPOK_USIA)
    for age in range(17, 80):
        in_seed = [b["kelompok_usia"] for b in bands if int(b["min_age"]) <= age <= int(b["max_age"])]
        assert in_seed == [codes.age_band(age)], age


def test_golongan_seed_matches_python_list() -> None:
    rows = _rows("ref_golongan.csv")
    assert [r["golongan_ruang"] for r in rows] == list(codes.GOLONGAN_RUANG)
    for r in rows:
        assert codes.normalise_golongan_ruang(r["siasn_id"]) == r["golongan_ruang"]
        assert codes.normalise_golongan_ruang(r["pangkat"]) == r["golongan_ruang"]


def test_pendidikan_seed_covers_every_normalised_level() -> None:
    assert {r["pendidikan"] for r in _rows("ref_pendidikan.csv")} == set(codes.PENDIDIKAN)


def test_pendidikan_aggregates_are_the_seeds_aggregate_rows() -> None:
    rows = _rows("ref_pendidikan.csv")
    assert {r["pendidikan"] for r in rows if r["is_aggregate"] == "true"} == codes.PENDIDIKAN_AGGREGATES


def test_ip_asn_points_cover_each_dimension_and_cap_at_the_weights() -> None:
    rows = _rows("ref_ip_asn_points.csv")
    best = {}
    for r in rows:
        best.setdefault(r["dimensi"], []).append(int(r["points"]))
    assert max(best["kualifikasi"]) == 25
    assert max(best["kinerja"]) == 30
    assert max(best["disiplin"]) == 5
    # Kompetensi for struktural: kepemimpinan 15 + teknis 15 + seminar 10 = 40.
    items = {r["item"]: int(r["points"]) for r in rows if r["dimensi"] == "kompetensi"}
    assert items["diklat_kepemimpinan"] + items["diklat_teknis_20jp"] + items["seminar"] == 40
    assert items["diklat_teknis_20jp_pelaksana"] + items["seminar"] == 40


def test_every_seed_is_either_guarded_or_sql_only() -> None:
    # A new seed has to be put in one of the two sets, and a mirrored one gets its test.
    assert {p.stem for p in SEEDS.glob("*.csv")} == MIRRORED_SEEDS | SQL_ONLY_SEEDS


def test_golongan_seed_splits_golongan_and_ruang_with_pangkat() -> None:
    for r in _rows("ref_golongan.csv"):
        assert f"{r['golongan']}/{r['ruang']}" == r["golongan_ruang"]
        assert codes.PANGKAT[r["golongan_ruang"]] == r["pangkat"]


def test_jabatan_seed_matches_python_list_and_siasn_ids() -> None:
    rows = _rows("ref_jabatan.csv")
    assert [r["jenis_jabatan"] for r in rows] == list(codes.JENIS_JABATAN)
    for r in rows:
        assert codes.normalise_jenis_jabatan(r["siasn_jenis_jabatan_id"]) == r["jenis_jabatan"]


def test_ip_asn_points_items_are_the_python_vocabularies() -> None:
    rows = _rows("ref_ip_asn_points.csv")
    items: dict[str, set[str]] = {}
    for r in rows:
        items.setdefault(r["dimensi"], set()).add(r["item"])
    assert set(items) == set(codes.IP_ASN_DIMENSI)
    assert items["disiplin"] == set(codes.HUKUMAN_DISIPLIN)
    assert items["kinerja"] == set(codes.SKP_PREDIKAT)
    # Kualifikasi is scored by the education group ref_pendidikan gives each level.
    groups = {r["ip_asn_kualifikasi_group"] for r in _rows("ref_pendidikan.csv") if r["ip_asn_kualifikasi_group"]}
    assert items["kualifikasi"] == groups


def test_ip_asn_weights_name_every_dimension_and_cap_the_points() -> None:
    weights = {r["dimensi"]: int(r["max_points"]) for r in _rows("ref_ip_asn_weights.csv")}
    assert set(weights) == set(codes.IP_ASN_DIMENSI) | {"total"}
    assert sum(weights[d] for d in codes.IP_ASN_DIMENSI) == weights["total"] == 100


def test_region_seed_names_are_normalised_names_of_their_level() -> None:
    rows = _rows("ref_region.csv")
    assert len({r["region_name"] for r in rows}) == len(rows)
    for r in rows:
        assert codes.normalise_region_name(r["region_name"]) == r["region_name"]
        assert r["region_name"].split()[0].lower() == r["region_level"]
    levels = {r["region_level"] for r in _rows("ref_population_scope.csv")}
    assert levels == {r["region_level"] for r in rows} | {"unknown"}
    assert {r["region_level"] for r in rows} == set(codes.REGION_LEVELS)


def _dbt_vars() -> dict:
    return yaml.safe_load((DBT_PROJECT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]


def test_headcount_dimension_var_is_the_fact_contract_list() -> None:
    dbt_vars = _dbt_vars()
    dims = dbt_vars["headcount_dimensions"]
    assert len(dims) == len(set(dims))
    assert set(dims) == HEADCOUNT_DIMENSIONS
    assert set(dbt_vars["partial_headcount_dimensions"]) < HEADCOUNT_DIMENSIONS


def test_total_label_var_is_the_extractor_rule() -> None:
    dbt_vars = _dbt_vars()
    # The patterns themselves (labels.py is their home) ...
    assert dbt_vars["total_label_pattern"] == labels._TOTAL.pattern
    assert dbt_vars["opens_group_pattern"] == labels._OPENS_GROUP.pattern
    # ... and they judge labels the same way in DuckDB's regex engine as in Python's (macro is_total_label).
    cases = {
        "Jumlah": True, "JUMLAH": True, "Total": True, "Jumlah Total": True, "Sub Total": True, "Jml.": True,
        "Grand Total": True, "JUMLAH PNS": True, "Jumlah Keseluruhan": True,
        "Jumlah Pegawai Berdasarkan Golongan": False, "III/a": False, "Perempuan": False, "Subbagian Umum": False,
        "Program Penunjang Urusan": False, "Totalitas": False,
    }
    con = duckdb.connect()
    for label, expected in cases.items():
        in_sql = con.execute(
            "select regexp_matches(?, ?, 'i') and not regexp_matches(?, ?, 'i')",
            [label, dbt_vars["total_label_pattern"], label, dbt_vars["opens_group_pattern"]],
        ).fetchone()[0]
        assert (in_sql, labels.is_total(label)) == (expected, expected), label


def test_contract_vocabulary_vars_are_the_python_lists() -> None:
    dbt_vars = _dbt_vars()
    # Sets in Python, sorted lists in dbt_project.yml (no duplicates, order carries nothing).
    for var, home in (("metrics", facts.METRICS), ("fact_kinds", facts.KINDS), ("populations", facts.POPULATIONS),
                      ("scopes", facts.SCOPES)):
        assert dbt_vars[var] == sorted(home), var
    # Tuples keep their order.
    assert dbt_vars["doc_types"] == list(identity.DOC_TYPES)
    assert dbt_vars["jenis_kelamin"] == list(codes.JENIS_KELAMIN)
    assert dbt_vars["ip_asn_dimensi"] == list(codes.IP_ASN_DIMENSI)
    assert dbt_vars["region_levels"] == list(codes.REGION_LEVELS)


def test_no_model_lists_an_exported_vocabulary_by_hand() -> None:
    # accepted_values and IN lists over an exported vocabulary go through its var; a literal copy would drift.
    dbt_vars = _dbt_vars()
    exported = {name: set(values) for name, values in dbt_vars.items() if isinstance(values, list)}
    for path in sorted((DBT_PROJECT / "models").rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            for column in model.get("columns", []):
                for test in column.get("data_tests", []):
                    values = test.get("accepted_values", {}).get("arguments", {}).get("values") \
                        if isinstance(test, dict) else None
                    if isinstance(values, list):
                        for name, vocabulary in exported.items():
                            assert not (set(values) & vocabulary and set(values) <= vocabulary | {"total"}), \
                                f"{path.name} {column['name']}: literal copy of var {name}"
    for path in sorted((DBT_PROJECT / "models").rglob("*.sql")):
        text = path.read_text(encoding="utf-8")
        for group in re.findall(r"\bin\s*\(([^()]*)\)", text, re.I):
            listed = set(re.findall(r"'([^']*)'", group))
            for name, vocabulary in exported.items():
                assert not (len(listed) >= 2 and listed == vocabulary), f"{path.name}: literal copy of var {name}"
