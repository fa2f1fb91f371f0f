"""PDF extraction speed: our extractor vs plain pdfplumber, on PDFs rendered from the corpus.

Run: `.venv/bin/python bench/extract.py [--quick]`. Prints pages/second for
- plain pdfplumber (`extract_text` + `extract_tables` on every page), the reference;
- our `extract_document` cold (cache off: load, tables, recognisers, facts), whose ratio to the
  reference is the headline `pdf_speedup_vs_pdfplumber`;
- our `extract_document` with a warm content cache (a nightly refresh over unchanged files),
  reported separately so the cache never flatters the cold figure;
and checks that the fast path loses no facts against the pdfplumber path of the same extractor.
`run(quick)` returns the figures as a dict for bench/run.py.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402

from extractors.documents import extract_document  # noqa: E402


@contextmanager
def _env(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _render(out: Path, quick: bool) -> list[Path]:
    """Corpus texts rendered as ruled PDFs; the bundled sample PDFs when the corpus is absent."""
    from tests.corpus_pdf import corpus_texts, render_corpus_pdf

    texts = corpus_texts()
    if quick:
        texts = [t for t in texts if "bekasi" in t.name] or texts[:1]
    if texts:
        return [render_corpus_pdf(t, out, ruled=True) for t in texts]
    from samples.documents import write_sample_documents

    return [p for p in write_sample_documents(out) if p.suffix == ".pdf"]


def _pdfplumber_baseline(paths: list[Path]) -> tuple[int, float]:
    pages = 0
    t0 = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
    return pages, time.perf_counter() - t0


def _ours(paths: list[Path]) -> tuple[float, Counter]:
    facts: Counter = Counter()
    t0 = time.perf_counter()
    for path in paths:
        for f in extract_document(path).facts:
            facts[(f.source, f.metric, f.kind, f.year, tuple(sorted(f.dimension.items())), f.value)] += 1
    return time.perf_counter() - t0, facts


def _truth_recall(tmp: Path) -> dict[str, int]:
    """Figures of the bundled sample PDFs' truth file found by each engine (the 'no facts lost' check
    on documents whose every number is known)."""
    from samples.documents import TRUTH_FILE, write_sample_documents

    out = tmp / "samples"
    write_sample_documents(out)
    truth = json.loads((out / TRUTH_FILE).read_text(encoding="utf-8"))
    wanted = []
    for doc in truth["documents"]:
        for h in doc["headcounts"]:
            wanted.append((doc["file"], "asn_headcount", h["year"], h["value"]))
        for h in doc["ip_asn"]:
            wanted.append((doc["file"], "ip_asn", h["year"], h["value"]))
        for h in doc["merit"]:
            wanted.append((doc["file"], "merit_index" if h["aspek"] == "total" else "merit_aspect_score",
                           h["year"], h["score"]))
        for h in doc["sakip"]:
            wanted.append((doc["file"], "sakip_score", h["year"], h["value"]))
        for h in doc["budgets"]:
            wanted.append((doc["file"], "budget_idr", h["year"], h["value"]))
    wanted = [w for w in wanted if w[3] is not None]
    found: dict[str, int] = {"truth_figures": len(wanted)}
    for engine in ("pdfium", "pdfplumber"):
        with _env(ASNWH_EXTRACT_CACHE="0", ASNWH_PDF_ENGINE=engine):
            have = set()
            for doc in truth["documents"]:
                for f in extract_document(out / doc["file"]).facts:
                    have.add((doc["file"], f.metric, f.year, round(float(f.value), 4)))
        found[f"truth_found_{engine}"] = sum(
            1 for w in wanted if (w[0], w[1], w[2], round(float(w[3]), 4)) in have)
    return found


def run(quick: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="asnwh-bench-extract-") as tmp:
        tmp_path = Path(tmp)
        paths = _render(tmp_path / "pdf", quick)
        # Every timed section starts from a collected heap: pdfplumber leaves its pages in reference
        # cycles (some 350k objects for the quick document), and the cyclic collector would charge
        # freeing them (0.7 s of CPU) to whichever section runs next.
        gc.collect()
        pages, base_s = _pdfplumber_baseline(paths)
        gc.collect()
        with _env(ASNWH_EXTRACT_CACHE="0"):
            cold_s, cold_facts = _ours(paths)
            gc.collect()
            with _env(ASNWH_PDF_ENGINE="pdfplumber"):
                ref_s, ref_facts = _ours(paths)
        gc.collect()
        with _env(ASNWH_EXTRACT_CACHE="1", ASNWH_CACHE_DIR=str(tmp_path / "cache")):
            _ours(paths)  # fills the cache
            gc.collect()
            warm_s, warm_facts = _ours(paths)
        recall = _truth_recall(tmp_path)
    # Facts keyed by page, metric, kind, year, dimension and value: where the two engines read a
    # damaged header differently the same number can land under another key, so this is an upper bound.
    lost = sum((ref_facts - cold_facts).values())
    result = {
        "pdf_files": len(paths),
        "pdf_pages": pages,
        "cpus": os.cpu_count(),
        "pdfplumber_s": round(base_s, 3),
        "pdfplumber_pages_per_s": round(pages / base_s, 2),
        "pdf_cold_s": round(cold_s, 3),
        "pdf_pages_per_s": round(pages / cold_s, 2),
        "pdf_speedup_vs_pdfplumber": round(base_s / cold_s, 2),
        "pdf_cached_pages_per_s": round(pages / warm_s, 2),
        "pdf_cached_speedup_vs_pdfplumber": round(base_s / warm_s, 2),
        "pdfplumber_engine_pages_per_s": round(pages / ref_s, 2),
        "facts": sum(cold_facts.values()),
        "facts_pdfplumber_engine": sum(ref_facts.values()),
        "facts_not_matched_vs_pdfplumber_engine": lost,
        "facts_only_in_fast_engine": sum((cold_facts - ref_facts).values()),
        **recall,
        "facts_cached_equal": warm_facts == cold_facts,
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one corpus document only")
    args = parser.parse_args(argv)
    result = run(quick=args.quick)
    print(f"pages: {result['pdf_pages']} in {result['pdf_files']} PDFs on {result['cpus']} CPUs")
    print(f"plain pdfplumber (extract_text + extract_tables): {result['pdfplumber_pages_per_s']} pages/s")
    print(f"ours, cold (no cache):                            {result['pdf_pages_per_s']} pages/s")
    print(f"ours, warm content cache:                         {result['pdf_cached_pages_per_s']} pages/s")
    print(f"cold speed-up vs pdfplumber: {result['pdf_speedup_vs_pdfplumber']}x "
          f"(cached: {result['pdf_cached_speedup_vs_pdfplumber']}x)")
    print(f"facts: {result['facts']} (pdfplumber engine {result['facts_pdfplumber_engine']}; keyed differently: "
          f"{result['facts_not_matched_vs_pdfplumber_engine']} only there, "
          f"{result['facts_only_in_fast_engine']} only here)")
    print(f"sample truth figures found: fast {result['truth_found_pdfium']} / pdfplumber engine "
          f"{result['truth_found_pdfplumber']} of {result['truth_figures']}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
