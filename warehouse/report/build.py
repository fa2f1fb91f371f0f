"""Assemble the analyst report: one self-contained index.html (charts embedded) plus the PNGs beside it."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb

from warehouse.report import charts, composition, indices, memo, performance, pyramid, quality, recon, scorecard, trend
from warehouse.report.context import ReportContext
from warehouse.report.db import ReportDb
from warehouse.report.html import Section, esc, page
from warehouse.report.privacy import redact
from warehouse.report.sources import SourceLinker

log = logging.getLogger(__name__)
CHART_LIST = ".report-charts"  # names of the PNGs of the previous build, so stale ones can be removed
CHART_CACHE = ".chart-cache"  # rendered charts by digest of what they draw, reused by the next build
BUILD_STATS = ".report-build.json"  # which charts the last build drew and which it reused


def last_run(db: ReportDb) -> tuple[str | None, Path | None, datetime | None]:
    """The latest refresh recorded in the warehouse: its id, inbox and finish time."""
    if db.has("audit", "runs", "run_id", "inbox"):
        row = db.con.execute(
            "select run_id, inbox, coalesce(finished_at, started_at) from audit.runs "
            "order by status = 'success' desc, coalesce(finished_at, started_at) desc nulls last limit 1"
        ).fetchone()
        if row:
            return row[0], Path(row[1]) if row[1] else None, row[2]
    # A warehouse built without the publish step (tests, a half-wired pipeline): the newest file load.
    if db.has("audit", "file_loads", "run_id", "loaded_at"):
        row = db.con.execute(
            "select run_id, max(loaded_at) from audit.file_loads group by run_id order by 2 desc limit 1"
        ).fetchone()
        if row:
            return row[0], None, row[1]
    return None, None, None


def _kpis(ctx: ReportContext) -> str:
    items: list[tuple[str, str, str]] = []
    db, run = ctx.db, ctx.run_id
    if db.has("marts", "fct_asn_composition", "region_name"):
        n = db.con.execute("select count(distinct region_name) from marts.fct_asn_composition").fetchone()
        items.append((str(n[0] if n else 0), "wilayah / regions", ""))
    if run and db.has("audit", "file_loads", "status"):
        loaded, failed = db.con.execute(
            "select count(*) filter (where status <> 'failed'), count(*) filter (where status = 'failed') "
            "from audit.file_loads where run_id = ?", [run]).fetchone() or (0, 0)
        items.append((str(loaded), "berkas dibaca / files read", "good"))
        items.append((str(failed), "berkas gagal / files failed", "bad" if failed else "good"))
    checks = quality.checks_kpi(ctx)  # coloured by what failed: warnings alone are not red
    if checks:
        items.append(checks)
    return '<div class="kpis">' + "".join(
        f'<div class="kpi {cls}"><div class="v">{esc(v)}</div><div class="l">{esc(label)}</div></div>'
        for v, label, cls in items
    ) + "</div>"


def _composition(ctx: ReportContext) -> Section:
    try:
        loaded = composition.load(ctx)
    except duckdb.Error:
        log.exception("composition mart could not be read")
        loaded = None
    return composition.composition_section(ctx, loaded)


def _sections(ctx: ReportContext) -> list[Section]:
    builders: list[tuple[str, Callable[[], Section | None]]] = [
        ("komposisi", lambda: _composition(ctx)),
        ("piramida", lambda: pyramid.pyramid_section(ctx)),
        ("ip-asn", lambda: indices.ip_asn_section(ctx)),
        ("merit", lambda: indices.merit_section(ctx)),
        ("perubahan", lambda: trend.trend_section(ctx)),
        ("perbandingan", lambda: scorecard.comparison_section(ctx)),
        ("indikator", lambda: performance.indicator_section(ctx)),
        ("anggaran", lambda: performance.budget_section(ctx)),
        ("rekonsiliasi", lambda: recon.reconciliation_section(ctx)),
        ("mutu-data", lambda: quality.dq_section(ctx)),
    ]
    sections = []
    for name, build in builders:
        try:
            section = memo.build_section(ctx, name, build)
        except Exception as exc:  # noqa: BLE001
            # One section meeting data it does not expect must not cost the reader the rest of the report;
            # the failure is printed in the report itself, so it is not lost.
            log.exception("report section %s failed", name)
            section = Section(f"gagal-{name}", f"Bagian {name} gagal dibuat", "section failed")
            section.unavailable(f"{type(exc).__name__}: {exc}")
        if section is not None:
            sections.append(section)
    return sections


def _remove_stale_charts(out_dir: Path) -> None:
    listing = out_dir / CHART_LIST
    if listing.exists():
        for name in listing.read_text().split():
            (out_dir / Path(name).name).unlink(missing_ok=True)


def build_report(warehouse: Path, out_dir: Path) -> Path:
    """Write `out_dir/index.html` and the chart PNGs for the warehouse file; return the index path."""
    if not warehouse.is_file():
        # duckdb would create an empty database here; a report on nothing would only mislead.
        raise FileNotFoundError(f"no warehouse at {warehouse}: run a refresh first")
    out_dir.mkdir(parents=True, exist_ok=True)
    db = ReportDb(warehouse)
    try:
        run_id, _inbox, finished = last_run(db)
        ctx = ReportContext(db, out_dir, SourceLinker(out_dir), run_id)
        _remove_stale_charts(out_dir)
        with charts.cache_session(out_dir / CHART_CACHE) as session:
            sections = _sections(ctx)
        session.prune()
        header = (
            "<header><h1>Laporan Statistik ASN <span class='en'>/ Civil-service personnel report</span></h1>"
            f"<p class='meta'>Pembaruan data / refreshed: {esc(f'{finished:%d-%m-%Y %H:%M}' if finished else '–')}"
            f" · proses / run: {esc(run_id or '–')} · gudang data / warehouse: {esc(warehouse.name)}"
            f" · dibuat / generated: {datetime.now():%d-%m-%Y %H:%M}</p>{_kpis(ctx)}</header>"
        )
        docs = out_dir / "dbt-docs" / "index.html"
        footer = (
            "Setiap angka menyebut dokumen dan halaman sumbernya. / Every number cites its source document and page."
            + (' · <a href="dbt-docs/index.html">Kamus data / data dictionary (dbt docs)</a>' if docs.exists()
               else "")
        )
        nav = [(f"#{s.section_id}", s.title_id) for s in sections]
        if docs.exists():
            nav.append(("dbt-docs/index.html", "Kamus data / data dictionary"))
        text = page("Laporan Statistik ASN", header, nav, [s.render() for s in sections], footer)
    finally:
        db.close()
    (out_dir / CHART_LIST).write_text("\n".join(p.name for p in ctx.charts) + "\n")
    (out_dir / BUILD_STATS).write_text(json.dumps({
        "drawn": session.drawn, "reused": session.reused,
        "sections_built": session.sections_built, "sections_reused": session.sections_reused,
    }))
    log.info("report: %d chart(s) drawn, %d reused; %d section(s) built, %d reused unchanged",
             len(session.drawn), len(session.reused), len(session.sections_built), len(session.sections_reused))
    index = out_dir / "index.html"
    tmp = out_dir / ".index.html.tmp"
    tmp.write_text(redact(text), encoding="utf-8")  # last line of defence: no NIP, NIK or phone
    os.replace(tmp, index)  # a reader (or a mail job) never sees half a report
    return index
