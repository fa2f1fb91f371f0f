"""The bundled sample PDFs (samples/documents.py) read back into exactly the figures of their truth file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractors.documents import extract_document
from extractors.facts import ExtractionResult, Fact
from samples.documents import TRUTH_FILE, write_sample_documents


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, Any], ExtractionResult]]:
    out = tmp_path_factory.mktemp("sample_documents")
    write_sample_documents(out)
    truth = json.loads((out / TRUTH_FILE).read_text(encoding="utf-8"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASNWH_EXTRACT_CACHE", "0")  # read the PDFs themselves, never a cached model
        return [(doc, extract_document(Path(out) / doc["file"])) for doc in truth["documents"]]


def _has(facts: list[Fact], **want: Any) -> bool:
    value = want.pop("value")
    dimension = want.pop("dimension", None)
    if value is None:
        return True  # printed blank: there is no number to find
    for f in facts:
        if all(getattr(f, k) == v for k, v in want.items()) and abs(float(f.value) - float(value)) < 1e-6:
            if dimension is None or f.dimension == dimension:
                return True
    return False


def test_identity(samples: list[tuple[dict[str, Any], ExtractionResult]]) -> None:
    for doc, result in samples:
        ident = result.identity
        assert (ident.doc_type, ident.region, ident.agency) == (doc["doc_type"], doc["region"], doc["agency"])
        assert (ident.period_start, ident.period_end) == (doc["period"]["start"], doc["period"]["end"])
        assert result.pages == doc["pages"]


def test_headcounts(samples: list[tuple[dict[str, Any], ExtractionResult]]) -> None:
    for doc, result in samples:
        missing = [h for h in doc["headcounts"]
                   if not _has(result.facts, metric="asn_headcount", year=h["year"], dimension=h["dimension"],
                               value=h["value"], page=h["page"])]
        assert not missing, (doc["file"], missing[:3])


def test_indicators_ip_asn_merit_sakip(samples: list[tuple[dict[str, Any], ExtractionResult]]) -> None:
    for doc, result in samples:
        missing = []
        for h in doc["ip_asn"]:
            dim = {} if h["dimensi"] == "total" else {"dimensi": h["dimensi"]}
            if not _has(result.facts, metric="ip_asn", kind=h["kind"], year=h["year"], dimension=dim,
                        value=h["value"]):
                missing.append(h)
        for h in doc["merit"]:
            metric, dim = ("merit_index", {}) if h["aspek"] == "total" else \
                ("merit_aspect_score", {"aspek": h["aspek"]})
            if not _has(result.facts, metric=metric, kind=h["kind"], year=h["year"], dimension=dim,
                        value=h["score"]):
                missing.append(h)
        for h in doc["sakip"]:
            if not _has(result.facts, metric="sakip_score", kind=h["kind"], year=h["year"], value=h["value"]):
                missing.append(h)
        for h in doc["indicators"]:
            if h["value"] is not None and not _has(result.facts, kind=h["kind"], year=h["year"],
                                                    indicator=h["indicator"], value=h["value"]):
                missing.append(h)
        assert not missing, (doc["file"], missing[:3])


def test_budgets(samples: list[tuple[dict[str, Any], ExtractionResult]]) -> None:
    for doc, result in samples:
        missing = []
        for h in doc["budgets"]:
            level = h["level"]
            dim = {level: h[level]} if level in {"program", "kegiatan", "sub_kegiatan"} else {}
            if not _has(result.facts, metric="budget_idr", kind=h["kind"], year=h["year"], dimension=dim,
                        value=h["value"]):
                missing.append(h)
        assert not missing, (doc["file"], missing[:3])


def test_inconsistent_totals_are_flagged_and_consistent_ones_are_not(
    samples: list[tuple[dict[str, Any], ExtractionResult]],
) -> None:
    for doc, result in samples:
        flagged = [f for f in result.facts if f.flags]
        for h in doc["inconsistent_totals"]:
            assert any(abs(f.value - h["stated"]) < 1e-6 and f"!={h['sum_of_parts']}" in f.flags[0]
                       for f in flagged), (doc["file"], h)
        stated = {round(float(h["stated"]), 4) for h in doc["inconsistent_totals"]}
        assert all(round(float(f.value), 4) in stated for f in flagged), doc["file"]
