"""The dbt seeds and the Python code lists state the same rules; these tests keep them from drifting."""

from __future__ import annotations

import csv
from pathlib import Path

from extractors import codes

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"


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
