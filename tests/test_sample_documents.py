"""The bundled sample documents: real PDFs whose tables and figures agree with documents_truth.json."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from samples.documents import (
    TRUTH_FILE,
    decimal_id,
    printed_value,
    rupiah,
    sample_files,
    write_sample_documents,
)

REPO = Path(__file__).resolve().parents[1]


def _norm(text: object) -> str:
    """pdfplumber returns wrapped cells with newlines and merged cells as None; compare on words."""
    return re.sub(r"\s+", " ", "" if text is None else str(text)).strip()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[str, Any]]:
    out = tmp_path_factory.mktemp("sample_documents")
    paths = write_sample_documents(out)
    truth = json.loads((out / TRUTH_FILE).read_text(encoding="utf-8"))
    return paths, truth


@pytest.fixture(scope="module")
def pdf_text(generated: tuple[list[Path], dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per file: page count, whitespace-normalised text per page and the ruled tables per page."""
    paths, _ = generated
    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        with pdfplumber.open(path) as pdf:
            out[path.name] = {
                "pages": len(pdf.pages),
                "text": [_norm(p.extract_text()) for p in pdf.pages],
                "tables": [[[[_norm(c) for c in row] for row in t] for t in p.extract_tables()] for p in pdf.pages],
            }
    return out


def _docs(truth: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["file"]: d for d in truth["documents"]}


# --- the set of documents ----------------------------------------------------------------------------


def test_regions_types_and_years(generated: tuple[list[Path], dict[str, Any]]) -> None:
    paths, truth = generated
    docs = truth["documents"]
    assert sorted(p.name for p in paths) == sorted(d["file"] for d in docs)
    assert all(p.exists() and p.stat().st_size > 1000 for p in paths)
    regions = {d["region"] for d in docs}
    assert {"Provinsi Banten", "Kota Serang", "Kota Bekasi", "Kota Tangerang", "Kabupaten Lebak"} <= regions
    assert {d["doc_type"] for d in docs} == {"lkip", "renstra"}
    lkip_years = defaultdict(set)
    for d in docs:
        if d["doc_type"] == "lkip":
            lkip_years[d["region"]].add(d["period"]["start"])
    assert any(len(years) >= 2 for years in lkip_years.values()), "no region has two LKIP years"
    published = {d["region"] for d in docs if d["figures_origin"] == "published"}
    assert published == {"Provinsi Banten", "Kota Serang", "Kota Bekasi"}


def test_cli_writes_the_same_files(tmp_path: Path, generated: tuple[list[Path], dict[str, Any]]) -> None:
    paths, _ = generated
    result = subprocess.run(
        [sys.executable, "-m", "samples.documents", str(tmp_path)], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == sorted(p.name for p in paths)
    assert (tmp_path / TRUTH_FILE).exists()


# --- the PDFs -----------------------------------------------------------------------------------------


def test_pdfs_open_with_the_recorded_page_count(
    generated: tuple[list[Path], dict[str, Any]], pdf_text: dict[str, dict[str, Any]]
) -> None:
    _, truth = generated
    for doc in truth["documents"]:
        assert pdf_text[doc["file"]]["pages"] == doc["pages"], doc["file"]


def test_title_page_names_type_agency_and_region(
    generated: tuple[list[Path], dict[str, Any]], pdf_text: dict[str, dict[str, Any]]
) -> None:
    _, truth = generated
    for doc in truth["documents"]:
        first = pdf_text[doc["file"]]["text"][0]
        assert doc["agency"] in first, doc["file"]
        assert doc["region"].upper() in first.upper(), doc["file"]
        period = doc["period"]
        if doc["doc_type"] == "lkip":
            assert f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN {period['start']}" in first
        else:
            assert "RENCANA STRATEGIS (RENSTRA)" in first
            assert f"{period['start']}-{period['end']}" in first
        assert all(_norm(line) in first for line in doc["title_lines"])


def test_ruled_tables_are_found_on_their_page_with_header_and_numbers(
    generated: tuple[list[Path], dict[str, Any]], pdf_text: dict[str, dict[str, Any]]
) -> None:
    _, truth = generated
    for doc in truth["documents"]:
        rendered = pdf_text[doc["file"]]
        for table in doc["tables"]:
            page = table["page"]
            assert _norm(table["title"]) in rendered["text"][page - 1], (doc["file"], table["title"])
            if not table["ruled"]:
                continue
            expected = [[_norm(c) for c in row] for row in table["rows"]]
            # Merged cells come back as None, normalised to "" like the writer's blank filler cells.
            found = [t for t in rendered["tables"][page - 1] if t == expected]
            assert found, (doc["file"], table["title"], rendered["tables"][page - 1])


def test_a_borderless_table_is_laid_out_by_whitespace(
    generated: tuple[list[Path], dict[str, Any]], pdf_text: dict[str, dict[str, Any]]
) -> None:
    _, truth = generated
    borderless = [(d, t) for d in truth["documents"] for t in d["tables"] if not t["ruled"]]
    assert borderless
    for doc, table in borderless:
        rendered = pdf_text[doc["file"]]
        page_text = rendered["text"][table["page"] - 1]
        for row in table["rows"]:
            assert _norm(" ".join(row)) in page_text
        # no ruling lines, so pdfplumber's default (lines) strategy must not see it as a table
        headers = [t[0] for t in rendered["tables"][table["page"] - 1]]
        assert [_norm(c) for c in table["rows"][0]] not in headers


def test_label_lists_print_label_colon_count_orang(
    generated: tuple[list[Path], dict[str, Any]], pdf_text: dict[str, dict[str, Any]]
) -> None:
    _, truth = generated
    serang = _docs(truth)["renstra_bkpsdm_kota_serang_2019-2023.pdf"]
    text = " ".join(pdf_text[serang["file"]]["text"])
    assert "3. Kepala Bidang : 3 Orang" in text
    assert "- Golongan I : - Orang" in text
    assert "JUMLAH : 45 Orang" in text
    assert {entry["dimension"] for entry in serang["lists"]} == {
        "jabatan",
        "pendidikan",
        "golongan",
        "eselon",
    }
    for h in serang["headcounts"]:
        assert f"{h['label']} : {h['printed']} Orang" in text


def test_every_recorded_figure_is_printed_on_its_page(
    generated: tuple[list[Path], dict[str, Any]], pdf_text: dict[str, dict[str, Any]]
) -> None:
    _, truth = generated
    for doc in truth["documents"]:
        pages = pdf_text[doc["file"]]["text"]
        for key in ("headcounts", "ip_asn", "merit", "sakip", "indicators", "budgets"):
            for fig in doc[key]:
                assert fig["printed"] in pages[fig["page"] - 1], (doc["file"], key, fig)
                assert any(fig["printed"] in row for t in doc["tables"] for row in t["rows"]) or key == "headcounts"


# --- the truth file -------------------------------------------------------------------------------


def test_printed_numbers_read_back_as_recorded() -> None:
    assert printed_value("6.554.542.200") == 6554542200
    assert printed_value("8,347,500,000") == 8347500000
    assert printed_value("0,85") == 0.85
    assert printed_value("0.90") == 0.90
    assert printed_value("270.50") == 270.5
    assert printed_value("-") == 0
    assert printed_value("70-80") is None
    assert rupiah(6554542200) == "6.554.542.200"
    assert rupiah(6554542200, ",") == "6,554,542,200"
    assert decimal_id(52.81) == "52,81"


def test_published_figures_match_the_corpus_documents(generated: tuple[list[Path], dict[str, Any]]) -> None:
    docs = _docs(generated[1])
    banten = docs["lkip_bkd_provinsi_banten_2024.pdf"]
    gol = {
        h["dimension"]["golongan_ruang"]: h["value"] for h in banten["headcounts"] if "golongan_ruang" in h["dimension"]
    }
    assert gol["III/a"] == 2514 and gol["III/d"] == 3080 and sum(gol.values()) == 10692
    ip = {(e["year"], e["kind"]): e["value"] for e in banten["ip_asn"] if e["dimensi"] == "total"}
    assert ip[(2024, "target")] == 52.05 and ip[(2024, "realisation")] == 52.81
    assert ip[(2023, "realisation")] == 52.05
    merit = {(e["year"], e["kind"]): e["score"] for e in banten["merit"] if e["aspek"] == "total"}
    assert merit[(2024, "realisation")] == 330.5 and merit[(2023, "target")] == 321.5
    sakip_target = next(
        e for e in banten["sakip"] if e["year"] == 2024 and e["kind"] == "target" and e["table"].startswith("Tabel 3.2")
    )
    assert sakip_target["range"] == [70, 80] and sakip_target["value"] is None

    serang = docs["renstra_bkpsdm_kota_serang_2019-2023.pdf"]
    ip = {(e["year"], e["kind"], e["table"][:9]): e for e in serang["ip_asn"]}
    assert ip[(2021, "realisation", "Tabel 4.1")]["printed"] == "0.90"
    assert ip[(2019, "realisation", "Tabel 4.1")]["value"] == 0.87
    assert all(e["scale_max"] == 1 and e["value"] <= 1 for e in serang["ip_asn"])
    pagu = {e["printed"] for e in serang["budgets"]}
    assert {"6.554.542.200", "6,554,542,000", "8,898,149,922"} <= pagu

    bekasi = docs["renstra_bkpsdm_kota_bekasi_2024-2026.pdf"]
    targets = {(e["year"], e["aspek"]): e["score"] for e in bekasi["merit"]}
    assert targets[(2024, "total")] == 270.5 and targets[(2026, "total")] == 325.0


def test_scales_differ_between_regions(generated: tuple[list[Path], dict[str, Any]]) -> None:
    scales = defaultdict(set)
    for doc in generated[1]["documents"]:
        for e in doc["ip_asn"]:
            if e["kind"] != "capaian_pct":
                scales[doc["region"]].add(e["scale"])
                assert 0 <= e["value"] <= e["scale_max"], (doc["file"], e)
    assert scales["Kota Serang"] == {"poin"}
    assert scales["Provinsi Banten"] == {"nilai"}
    assert {"nilai", "poin"} <= set().union(*scales.values())
    for doc in generated[1]["documents"]:
        for e in doc["merit"]:
            assert 0 <= e["score"] <= e["max_score"] == 400


def test_merit_aspects_add_up_to_the_index(generated: tuple[list[Path], dict[str, Any]]) -> None:
    checked = 0
    for doc in generated[1]["documents"]:
        parts: dict[tuple[str, int, str], float] = defaultdict(float)
        totals: dict[tuple[str, int, str], float] = {}
        for e in doc["merit"]:
            key = (e["table"], e["year"], e["kind"])
            if e["aspek"] == "total":
                totals[key] = e["score"]
            else:
                parts[key] += e["score"]
        for key, total in parts.items():
            assert round(total, 2) == totals[key], (doc["file"], key)
            checked += 1
    assert checked >= 8


def test_inconsistent_totals_are_recorded(generated: tuple[list[Path], dict[str, Any]]) -> None:
    docs = _docs(generated[1])
    found = {(d["file"], e["stated"], e["sum_of_parts"]) for d in docs.values() for e in d["inconsistent_totals"]}
    assert ("renstra_bkpsdm_kota_serang_2019-2023.pdf", 45, 46) in found
    assert ("renstra_bkpsdm_kota_bekasi_2024-2026.pdf", 16, 15) in found  # Sekretariat row, Tabel 2.4
    assert ("renstra_bkpsdm_kota_bekasi_2024-2026.pdf", 20, 19) in found  # S2 column, Tabel 2.4
    assert ("lkip_bkpsdm_kabupaten_lebak_2024.pdf", 67, 66) in found
    for doc in docs.values():
        assert all(not e["consistent"] for e in doc["inconsistent_totals"])
        assert all(e["stated"] != e["sum_of_parts"] for e in doc["inconsistent_totals"])
    invented = [d for d in docs.values() if d["figures_origin"] == "invented"]
    assert sum(len(d["inconsistent_totals"]) for d in invented) == 1  # only the deliberate one


def test_lkip_compositions_agree_across_dimensions(generated: tuple[list[Path], dict[str, Any]]) -> None:
    for doc in generated[1]["documents"]:
        if doc["doc_type"] != "lkip":
            continue
        totals = defaultdict(int)
        for h in doc["headcounts"]:
            dims = set(h["dimension"])
            if (
                h["population"] == "pemerintah_daerah"
                and len(dims) == 1
                and dims
                <= {
                    "golongan_ruang",
                    "pendidikan",
                    "jenis_jabatan",
                    "jenis_kelamin",
                    "kelompok_usia",
                }
            ):
                totals[dims.pop()] += h["value"]
        assert len(set(totals.values())) == 1 and len(totals) == 5, (doc["file"], dict(totals))


def test_budget_programs_add_up_where_the_document_does(generated: tuple[list[Path], dict[str, Any]]) -> None:
    for doc in generated[1]["documents"]:
        budget_totals = [e for e in doc["stated_totals"] if "budget" in e["scope"]]
        assert budget_totals, doc["file"]
        assert all(e["consistent"] for e in budget_totals), doc["file"]
        assert any(re.fullmatch(r"\d{1,3}(\.\d{3})+", b["printed"]) for b in doc["budgets"]), doc["file"]


def test_year_over_year_pairs_exist(generated: tuple[list[Path], dict[str, Any]]) -> None:
    series = defaultdict(dict)
    for doc in generated[1]["documents"]:
        for h in doc["headcounts"]:
            if "golongan_ruang" in h["dimension"]:
                series[doc["region"]][h["year"]] = series[doc["region"]].get(h["year"], 0) + h["value"]
    assert set(series["Kota Tangerang"]) == {2023, 2024}
    assert series["Kota Tangerang"][2024] != series["Kota Tangerang"][2023]


# --- the document extractor against the truth ----------------------------------------------------


def _close(a: object, b: object) -> bool:
    return isinstance(a, int | float) and isinstance(b, int | float) and abs(float(a) - float(b)) < 1e-6


@pytest.mark.parametrize("file", sample_files())
def test_extractor_recovers_the_truth(file: str, generated: tuple[list[Path], dict[str, Any]]) -> None:
    try:
        from extractors.documents import extract_document
    except ImportError as exc:  # the extractor is developed alongside; until it lands there is nothing to check
        pytest.skip(f"extractors.documents.extract_document cannot be imported: {exc}")
    paths, truth = generated
    doc = _docs(truth)[file]
    result = extract_document(next(p for p in paths if p.name == file))

    identity = result.identity
    assert identity.doc_type == doc["doc_type"]
    assert identity.region == doc["region"]
    assert identity.agency == doc["agency"]
    assert (identity.period_start, identity.period_end) == (doc["period"]["start"], doc["period"]["end"])
    assert result.pages == doc["pages"]

    facts = result.facts
    missing: list[str] = []

    def find(metric: str, kind: str, year: int, value: object, page: int, dimension: dict | None = None) -> bool:
        return any(
            f.metric == metric
            and f.kind == kind
            and f.year == year
            and f.page == page
            and _close(f.value, value)
            and (dimension is None or all(f.dimension.get(k) == v for k, v in dimension.items()))
            for f in facts
        )

    # Whole-government composition (one-row tables and their categories) and the agency tables' cells.
    for h in doc["headcounts"]:
        if not find("asn_headcount", "count", h["year"], h["value"], h["page"], h["dimension"]):
            missing.append(f"headcount {h['dimension']} {h['year']}={h['value']} p{h['page']}")
    for e in doc["ip_asn"]:
        if e["kind"] in {"target", "realisation"} and e["dimensi"] == "total":
            if not find("ip_asn", e["kind"], e["year"], e["value"], e["page"]):
                missing.append(f"ip_asn {e['kind']} {e['year']}={e['printed']} p{e['page']}")
    for e in doc["merit"]:
        if e["kind"] in {"target", "realisation"}:
            metric = "merit_index" if e["aspek"] == "total" else "merit_aspect_score"
            if not find(metric, e["kind"], e["year"], e["score"], e["page"]):
                missing.append(f"{metric} {e['aspek']} {e['kind']} {e['year']}={e['printed']} p{e['page']}")
    for e in doc["budgets"]:
        if e["kind"] == "pagu" and e["level"] == "program":
            if not find("budget_idr", "pagu", e["year"], e["value"], e["page"]):
                missing.append(f"pagu {e['program']} {e['year']}={e['printed']} p{e['page']}")
    assert not missing, f"{len(missing)} truth figures not extracted from {file}: {missing[:15]}"

    # Each stated total that does not add up must be flagged, not silently corrected.
    flagged = [f for f in facts if any(flag.startswith("stated_total_mismatch") for flag in f.flags)]
    for e in doc["inconsistent_totals"]:
        assert any(_close(f.value, e["stated"]) and f.page == e["page"] for f in flagged), (file, e)


def test_regenerating_gives_byte_identical_files(tmp_path: Path, generated: tuple[list[Path], dict[str, Any]]) -> None:
    # The refresh skips inputs whose sha256 it has seen; regenerated samples must not look new.
    paths, _ = generated
    again = write_sample_documents(tmp_path)
    for old, new in zip(sorted(paths), sorted(again), strict=True):
        assert old.read_bytes() == new.read_bytes(), old.name
    assert (tmp_path / TRUTH_FILE).read_bytes() == (paths[0].parent / TRUTH_FILE).read_bytes()
