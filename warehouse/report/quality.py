"""Data quality of the last run: checks (audit.dq_results), files read (audit.file_loads), quarantine."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from warehouse.report import charts, palette
from warehouse.report.context import ReportContext
from warehouse.report.html import Col, Section, esc, figure, int_col, table


def _status_html(value: Any) -> str:
    text = str(value)
    return f'<span class="status-{esc(text)}">{esc(text)}</span>'


def _observed(value: Any) -> str:
    """Checks record what they saw as JSON; show it compactly, cut so one check cannot flood the table."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 160 else text[:157] + "…"


def dq_section(ctx: ReportContext) -> Section:
    sec = Section("mutu-data", "Status mutu data", "Data-quality status")
    if ctx.run_id is None:
        sec.unavailable("Belum ada catatan proses / no refresh recorded in audit.runs or audit.file_loads.")
        return sec
    sec.lead = f"Hasil pemeriksaan dan berkas yang dibaca pada proses terakhir ({esc(ctx.run_id)})."
    _checks(ctx, sec)
    _files(ctx, sec)
    _quarantine(ctx, sec)
    return sec


def _checks(ctx: ReportContext, sec: Section) -> None:
    sec.add("<h3>Pemeriksaan mutu <span class='en'>/ checks</span></h3>")
    if not ctx.db.has("audit", "dq_results", "run_id", "check_name", "asset", "severity", "passed"):
        sec.unavailable("audit.dq_results tidak ada / not in the warehouse.")
        return
    df = ctx.db.df(
        "select check_name, asset, severity, passed, observed from audit.dq_results where run_id = ? "
        "order by passed, severity, asset, check_name", [ctx.run_id],
    )
    if df.empty:
        sec.unavailable("Tidak ada hasil pemeriksaan untuk proses ini / no checks recorded for this run.")
        return
    df["status"] = [
        "passed" if p else ("warn" if s == "warn" else "failed") for p, s in zip(df["passed"], df["severity"],
                                                                                   strict=True)
    ]
    by_asset = df.groupby(["asset", "status"]).size().unstack(fill_value=0)
    cats = [c for c in ("failed", "warn", "passed") if c in by_asset.columns]
    order = by_asset.assign(bad=by_asset.get("failed", 0) + by_asset.get("warn", 0)).sort_values(
        ["bad"], ascending=False, kind="stable").index
    png = charts.stacked(
        ctx.chart_path("mutu_pemeriksaan"), "Hasil pemeriksaan per aset / Check results by asset",
        list(order), cats, [by_asset.loc[a].to_dict() for a in order],
        {c: palette.STATUS_COLOURS[c] for c in cats}, share=False, min_label=0.0,
    )
    sec.add(figure("fig-mutu-pemeriksaan", png, "Hasil pemeriksaan mutu data per aset",
                   "failed = gagal (error), warn = peringatan, passed = lolos"))
    rows = [{**r, "status_html": _status_html(r["status"]), "observed_text": _observed(r["observed"])}
            for r in df.to_dict("records")]
    cols = [
        Col("status_html", "Status", raw_html=True), Col("asset", "Aset / Asset"),
        Col("check_name", "Pemeriksaan / Check"), Col("severity", "Tingkat / Severity"),
        Col("observed_text", "Teramati / Observed"),
    ]
    passed = [r for r in rows if r["status"] == "passed"]
    sec.add(table("tbl-mutu-pemeriksaan", cols, [r for r in rows if r["status"] != "passed"],
                  note=f"{len(passed)} dari {len(df)} pemeriksaan lolos / checks passed. "
                  "Yang gagal atau memberi peringatan / failed or warned:"))
    # Passed checks are there for whoever wants proof, folded away so the failures stay in sight (no JS).
    sec.add(f"<details><summary>{len(passed)} pemeriksaan lolos / passed checks</summary>"
            + table("tbl-mutu-lolos", cols, passed) + "</details>")


def _files(ctx: ReportContext, sec: Section) -> None:
    sec.add("<h3>Berkas yang dibaca <span class='en'>/ files read</span></h3>")
    if not ctx.db.has("audit", "file_loads", "run_id", "file", "kind", "status"):
        sec.unavailable("audit.file_loads tidak ada / not in the warehouse.")
        return
    cols = ctx.db.optional("audit", "file_loads", ["file", "kind", "status", "reason", "rows_in", "rows_loaded",
                                                   "rows_quarantined"])
    df = ctx.db.df(f"select {cols} from audit.file_loads where run_id = ? order by status = 'loaded', kind, file",
                   [ctx.run_id])
    if df.empty:
        sec.unavailable("Tidak ada berkas pada proses ini / no files recorded for this run.")
        return
    by_kind = df.groupby(["kind", "status"]).size().unstack(fill_value=0)
    cats = [c for c in ("failed", "skipped_unchanged", "loaded") if c in by_kind.columns]
    cats += [c for c in by_kind.columns if c not in cats]
    png = charts.stacked(
        ctx.chart_path("mutu_berkas"), "Status berkas per jenis / File status by kind",
        list(by_kind.index), cats, [by_kind.loc[k].to_dict() for k in by_kind.index],
        {c: palette.STATUS_COLOURS.get(c, palette.NEUTRAL) for c in cats}, share=False, min_label=0.0,
    )
    sec.add(figure("fig-mutu-berkas", png, "Status berkas per jenis",
                   "loaded = dimuat, skipped_unchanged = tidak berubah, failed = gagal dibaca"))
    rows = [{**r, "status_html": _status_html(r["status"]), "file_html": ctx.linker.link(r["file"])}
            for r in df.to_dict("records")]
    sec.add(table("tbl-mutu-berkas", [
        Col("file_html", "Berkas / File", raw_html=True), Col("kind", "Jenis / Kind"),
        Col("status_html", "Status", raw_html=True), Col("reason", "Alasan / Reason"),
        int_col("rows_in", "Baris masuk / Rows in"), int_col("rows_loaded", "Dimuat / Loaded"),
        int_col("rows_quarantined", "Karantina / Quarantined"),
    ], rows))


def _quarantine(ctx: ReportContext, sec: Section) -> None:
    if not ctx.db.has("audit", "quarantine", "run_id", "file", "reason_code"):
        return
    df = ctx.db.df(
        "select file, reason_code, count(*) as n, min(message) as example from audit.quarantine "
        "where run_id = ? group by all order by n desc, file, reason_code", [ctx.run_id],
    )
    sec.add("<h3>Karantina <span class='en'>/ quarantined records</span></h3>")
    rows = [{**r, "file_html": ctx.linker.link(r["file"])} for r in df.to_dict("records")]
    sec.add(table("tbl-karantina", [
        Col("file_html", "Berkas / File", raw_html=True), Col("reason_code", "Kode alasan / Reason"),
        int_col("n", "Jumlah / Count"), Col("example", "Contoh / Example"),
    ], rows))
