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


def run(quick: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="asnwh-bench-extract-") as tmp:
        tmp_path = Path(tmp)
        paths = _render(tmp_path / "pdf", quick)
        pages, base_s = _pdfplumber_baseline(paths)
        with _env(ASNWH_EXTRACT_CACHE="0"):
            cold_s, cold_facts = _ours(paths)
            with _env(ASNWH_PDF_ENGINE="pdfplumber"):
                ref_s, ref_facts = _ours(paths)
        with _env(ASNWH_EXTRACT_CACHE="1", ASNWH_CACHE_DIR=str(tmp_path / "cache")):
            _ours(paths)  # fills the cache
            warm_s, warm_facts = _ours(paths)
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
        "facts_lost_vs_pdfplumber_engine": lost,
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
    print(f"facts: {result['facts']} (pdfplumber engine {result['facts_pdfplumber_engine']}, "
          f"lost {result['facts_lost_vs_pdfplumber_engine']})")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
