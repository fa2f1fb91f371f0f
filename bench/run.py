"""`make bench` / `make bench-quick`: the refresh at national scale, stage by stage, with ratios.

Prints a table and writes bench/results/latest.json. Every speed figure is a ratio against a baseline
measured in the same run (full refresh vs no-change and one-new-document refreshes; our PDF extraction vs
plain pdfplumber), so figures from different machines stay comparable.

Run: .venv/bin/python -m bench.run [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from extractors.file_identity import source_digest
from pipelines.settings import workspace_env

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO / "var" / "bench"
RESULTS = REPO / "bench" / "results"
CORPUS = REPO.parent / "shared" / "corpus"
ASNWH = str(Path(sys.executable).parent / "asnwh")
NATIONAL_ROWS = 5_600_000
# A PDF with text on at most this share of its pages is a scan: its cost is OCR, which issue 14 measures on
# its own. Timed refreshes leave scans out so the refresh figures measure the pipeline, not Tesseract.
SCAN_TEXT_SHARE = 0.2


def _log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def prepare_inputs(quick: bool) -> Path:
    """National-scale exports (1/20 of them with --quick) plus sample and corpus documents, cached on disk."""
    from samples.documents import write_sample_documents
    from samples.simpeg import write_simpeg_samples

    scale_name = "quick" if quick else "national"
    generators = source_digest((REPO / "samples").glob("*.py"), REPO)
    root = BENCH_DIR / f"inputs-{scale_name}-{generators}"
    done = root / ".complete"
    if done.exists():
        return root
    if root.exists():
        shutil.rmtree(root)
    t0 = time.perf_counter()
    rows = NATIONAL_ROWS // 20 if quick else NATIONAL_ROWS
    write_simpeg_samples(root / "simpeg", scale="national", rows=rows)
    write_sample_documents(root / "documents")
    if CORPUS.exists():
        shutil.copytree(CORPUS, root / "corpus")
    _log(f"generated inputs in {time.perf_counter() - t0:.1f}s at {root}")
    done.write_text("ok")
    return root


def text_layer_share(pdf: Path) -> float:
    """Share of the PDF's pages that carry any text in their text layer (0.0 for an unreadable file)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(pdf))
    except Exception:  # noqa: BLE001 - pdfium's own error type; an unreadable file has no text layer to time
        return 0.0
    try:
        n, with_text = len(doc), 0
        for i in range(n):
            page = doc[i]
            textpage = page.get_textpage()
            try:
                with_text += bool(textpage.get_text_range().strip())
            finally:
                textpage.close()
                page.close()
        return with_text / n if n else 0.0
    finally:
        doc.close()


def stage_inbox(inputs: Path, inbox: Path) -> tuple[list[dict], Path]:
    """Copy the inputs into `inbox` without the scanned PDFs, and without one text-layer sample PDF held back
    as the one-new-document case (a file the warehouse has never seen, so its extraction is really timed;
    a renamed copy of a loaded file could be served from the extraction cache). Returns the scans left
    out and the held-back PDF."""
    scans: list[dict] = []
    for pdf in sorted(inputs.rglob("*.pdf")):
        share = text_layer_share(pdf)
        if share <= SCAN_TEXT_SHARE:
            scans.append({"file": str(pdf.relative_to(inputs)), "text_page_share": round(share, 3)})
    text_samples = [p for p in sorted((inputs / "documents").glob("*.pdf"))
                    if str(p.relative_to(inputs)) not in {s["file"] for s in scans}]
    if not text_samples:
        raise RuntimeError(f"no text-layer sample PDF in {inputs / 'documents'} for the one-new-document case")
    held_back = min(text_samples, key=lambda p: (p.stat().st_size, p.name))
    skipped = {inputs / s["file"] for s in scans} | {held_back}
    for sub in ("simpeg", "documents", "corpus"):
        if (inputs / sub).exists():
            shutil.copytree(inputs / sub, inbox / sub,
                            ignore=lambda d, names: [n for n in names if Path(d) / n in skipped])
    return scans, held_back


def fresh_workspace(quick: bool, name: str) -> tuple[Path, Path, list[dict], Path]:
    """The bench inputs and an emptied work folder `name-<scale>` whose inbox holds them: (inputs, work,
    scans left out, the held-back new document)."""
    inputs = prepare_inputs(quick)
    work = BENCH_DIR / f"{name}-{'quick' if quick else 'national'}"
    if work.exists():
        shutil.rmtree(work)
    (work / "inbox").mkdir(parents=True)
    scans, new_doc = stage_inbox(inputs, work / "inbox")
    return inputs, work, scans, new_doc


def _env(work: Path, dsn: str | None) -> dict[str, str]:
    return workspace_env(work, **({"ASNWH_POSTGRES_DSN": dsn} if dsn else {}))


def _measured_run(work: Path, dsn: str | None) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.measure", ASNWH, "run"],
        env=_env(work, dsn), cwd=REPO, capture_output=True, text=True,
    )
    result = json.loads(proc.stdout)
    if result["returncode"] != 0:
        raise RuntimeError(f"refresh failed:\n{result['stdout']}\n{result['stderr']}")
    run_id = next(
        line.split(":", 1)[1].strip() for line in result["stdout"].splitlines() if line.startswith("run:")
    )
    result["run_id"] = run_id
    result["stages_s"] = _stage_times(work, run_id)
    return result


def _stage_times(work: Path, run_id: str) -> dict[str, float]:
    """Seconds per Dagster step of the run, read back from the run's own event storage."""
    os.environ["DAGSTER_HOME"] = str(REPO)
    os.environ["ASNWH_DAGSTER_STORAGE"] = str(work / "dagster")
    import dagster as dg

    with dg.DagsterInstance.get() as instance:
        stats = instance.get_run_step_stats(run_id)
    # Steps skipped by a no-change refresh have no start time: they did no work and are left out.
    return {s.step_key: round(s.end_time - s.start_time, 3) for s in stats if s.start_time and s.end_time}


def _stage_rows(warehouse: Path, run_id: str) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        loads = dict(con.execute(
            "select kind, coalesce(sum(rows_in), 0) from audit.file_loads where run_id = ? group by kind", [run_id]
        ).fetchall())
        marts = con.execute(
            "select coalesce(sum(estimated_size), 0) from duckdb_tables() where schema_name = 'marts'"
        ).fetchone()[0]
        staged = con.execute("select count(*) from raw.simpeg_employees").fetchone()[0]
    finally:
        con.close()
    return {"simpeg_rows_in": int(loads.get("simpeg", 0)), "document_facts_in": int(loads.get("document", 0)),
            "simpeg_rows_total": int(staged), "mart_rows": int(marts)}


def floor_s(inbox: Path) -> float:
    """The floor for the SIMPEG work: DuckDB scanning every CSV export once and counting employees by
    golongan x education x sex (one multi-file read per header layout), in seconds."""
    from extractors.simpeg.aliases import match_headers
    from extractors.simpeg.readers import sniff_csv

    layouts: dict[tuple, list[str]] = {}
    for path in sorted((inbox / "simpeg").rglob("*.csv")):
        sniff = sniff_csv(path)
        layouts.setdefault((sniff.delimiter, tuple(sniff.headers)), []).append(str(path))
    con = duckdb.connect()
    t0 = time.perf_counter()
    for (delim, headers), files in layouts.items():
        match = match_headers(list(headers))
        cols = ", ".join(f"c{match.fields[f][0]}" for f in ("golongan", "pendidikan", "jenis_kelamin"))
        spec = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
        con.execute(f"SELECT {cols}, count(*) FROM read_csv(?, header = true, delim = ?, columns = {spec}, "
                    "auto_detect = false, null_padding = true, ignore_errors = true) GROUP BY ALL",
                    [files, delim]).fetchall()
    con.close()
    return round(time.perf_counter() - t0, 3)


def _timed_queries(run_query, repeats: int) -> list[float]:
    from bench.queries import ANALYST_QUERIES

    latencies = []
    for _ in range(repeats):
        for _name, sql in ANALYST_QUERIES:
            t0 = time.perf_counter()
            run_query(sql)
            latencies.append((time.perf_counter() - t0) * 1000)
    return latencies


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2)}


def query_latency(warehouse: Path, dsn: str | None, repeats: int) -> dict:
    out = {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        out["duckdb"] = _percentiles(_timed_queries(lambda sql: con.execute(sql).fetchall(), repeats))
    finally:
        con.close()
    if dsn:
        import psycopg

        with psycopg.connect(dsn, autocommit=True) as pg:
            def run_pg(sql: str) -> None:
                with pg.cursor() as cur:
                    cur.execute(sql)
                    cur.fetchall()

            out["postgres"] = _percentiles(_timed_queries(run_pg, repeats))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1/20 of national scale")
    parser.add_argument("--no-postgres", action="store_true", help="skip the PostgreSQL publish and queries")
    args = parser.parse_args(argv)

    inputs, work, scans, new_doc = fresh_workspace(args.quick, "run")
    _log(f"scans excluded from the timed refreshes: {[s['file'] for s in scans]}")

    cluster = None
    dsn = None
    if not args.no_postgres:
        from tests.pg_cluster import ThrowawayCluster

        cluster = ThrowawayCluster()
        cluster.__enter__()
        dsn = cluster.dsn()
    try:
        _log("floor: one DuckDB scan of the exports")
        floor = floor_s(work / "inbox")
        _log("full refresh")
        full = _measured_run(work, dsn)
        warehouse_mib = round((work / "warehouse.duckdb").stat().st_size / 2**20, 1)
        rows = _stage_rows(work / "warehouse.duckdb", full["run_id"])
        _log("no-change refresh")
        nochange = _measured_run(work, dsn)
        _log("one-new-document refresh")
        shutil.copy(new_doc, work / "inbox" / new_doc.relative_to(inputs))
        onedoc = _measured_run(work, dsn)
        _log("analyst queries")
        queries = query_latency(work / "warehouse.duckdb", dsn, repeats=10 if args.quick else 30)
    finally:
        if cluster is not None:
            cluster.__exit__(None, None, None)

    _log("PDF extraction vs plain pdfplumber")
    from bench.extract import run as extract_bench

    extraction = extract_bench(quick=args.quick)
    _log("HTML tables in text renderings (linear parse)")
    from bench.text_tables import run as text_tables_bench

    text_tables = text_tables_bench()

    simpeg_stage = full["stages_s"].get("raw__simpeg_employees") or full["stages_s"].get("simpeg_employees")
    results = {
        "scale": "quick (1/20 national)" if args.quick else "national",
        "full_refresh_s": full["wall_s"],
        "floor_s": floor,
        "full_vs_floor": round(full["wall_s"] / floor, 2) if floor else None,
        "warehouse_mib": warehouse_mib,
        "raw_zone_mib": _dir_mib(work / "warehouse.raw"),
        "peak_rss_mib": max(full["peak_rss_mib"], nochange["peak_rss_mib"], onedoc["peak_rss_mib"]),
        "peak_tree_rss_mib": max(full["peak_tree_rss_mib"], nochange["peak_tree_rss_mib"],
                                 onedoc["peak_tree_rss_mib"]),
        # Which process peaked in the full refresh and when (seconds from its start): with stages_full_s,
        # the stage to look at.
        "peak_process_full": full.get("peak_process"),
        "peak_at_s_full": full.get("peak_at_s"),
        "nochange_refresh_s": nochange["wall_s"],
        "onedoc_refresh_s": onedoc["wall_s"],
        "nochange_ratio": round(nochange["wall_s"] / full["wall_s"], 4),
        "onedoc_ratio": round(onedoc["wall_s"] / full["wall_s"], 4),
        "onedoc_file": str(new_doc.relative_to(inputs)),
        "scans_excluded": scans,
        "pdf_speedup_vs_pdfplumber": extraction.get("pdf_speedup_vs_pdfplumber"),
        "query_p95_ms": max(q["p95_ms"] for q in queries.values()),
        "queries": queries,
        "stages_full_s": full["stages_s"],
        "stages_nochange_s": nochange["stages_s"],
        "stages_onedoc_s": onedoc["stages_s"],
        "rows": rows,
        "simpeg_rows_per_s": round(rows["simpeg_rows_in"] / simpeg_stage, 1) if simpeg_stage else None,
        "extraction": extraction,
        "text_tables": text_tables,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    _print_table(results)
    return 0


def _dir_mib(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20, 1) if path.exists() else 0.0


def _print_table(r: dict) -> None:
    lines = [
        ("scale", r["scale"]),
        ("full refresh", f"{r['full_refresh_s']:.1f} s = {r['full_vs_floor']}x the floor of "
                         f"{r['floor_s']:.1f} s (target <= 2x)"),
        ("peak memory", f"{r['peak_rss_mib']:.0f} MiB largest process, {r['peak_tree_rss_mib']:.0f} MiB "
                        "process tree (target <= 1536 MiB)"),
        ("warehouse file", f"{r['warehouse_mib']} MiB (raw zone {r['raw_zone_mib']} MiB)"),
        ("no-change refresh", f"{r['nochange_refresh_s']:.1f} s = {r['nochange_ratio']:.1%} of full (target <= 2%)"),
        ("one-new-document", f"{r['onedoc_refresh_s']:.1f} s = {r['onedoc_ratio']:.1%} of full (target <= 5%), "
                             f"{r['onedoc_file']}"),
        ("scans excluded", ", ".join(s["file"] for s in r["scans_excluded"]) or "none"),
        ("PDF vs pdfplumber", f"{r['pdf_speedup_vs_pdfplumber']}x (target >= 10x)"),
        ("query p95", f"{r['query_p95_ms']} ms   (target <= 50 ms) {r['queries']}"),
        ("SIMPEG load", f"{r['simpeg_rows_per_s']} rows/s ({r['rows']['simpeg_rows_in']} rows)"),
    ]
    for stage, secs in sorted(r["stages_full_s"].items(), key=lambda kv: -kv[1]):
        lines.append((f"  stage {stage}", f"{secs:.2f} s"))
    width = max(len(k) for k, _ in lines)
    for key, value in lines:
        print(f"{key.ljust(width)}  {value}")
    print(f"written: {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    sys.exit(main())
