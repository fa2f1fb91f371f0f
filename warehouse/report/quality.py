"""Data quality of the last run: checks (audit.dq_results), files read (audit.file_loads), quarantine."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from warehouse.report import charts, palette
from warehouse.report.context import ReportContext
from warehouse.report.fmt import num
from warehouse.report.html import Col, Section, esc, figure, int_col, table


def _status_html(value: Any) -> str:
    text = str(value)
    return f'<span class="status-{esc(text)}">{esc(text)}</span>'


def _observed_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return {}
    try:
        parsed = json.loads(value)
    except (TypeError, json.JSONDecodeError):
        return {"message": str(value)}
    return parsed if isinstance(parsed, dict) else {"message": str(parsed)}


# dbt's generic tests, said in words (Indonesian / English); {column} and {model} are filled in.
_DBT_RULES = {
    "not_null": "{column} selalu terisi / is never empty",
    "unique": "{column} unik / is unique",
    "accepted_values": "{column} hanya berisi nilai yang diizinkan / takes only its listed values",
    "relationships": "{column} merujuk ke baris yang ada / refers to an existing row",
    "accepted_range": "{column} dalam rentang yang diizinkan / stays within its range",
}


def check_rule(check_name: str, observed: dict[str, Any]) -> str:
    """What the check asks, as a sentence: its documented description, else the dbt test said in words."""
    if observed.get("description"):
        return str(observed["description"])
    test, column = str(observed.get("test") or ""), observed.get("column")
    for prefix, words in _DBT_RULES.items():
        if test.startswith(prefix + "_") and column:
            return words.format(column=column)
    message = str(observed.get("message") or check_name)
    message = message.removeprefix("passed: ")
    return message.split(" Broken by ")[0]


def _example(row: Any, width: int = 140) -> str:
    """One offending row as 'key value, key value' (empty values left out), short enough to read."""
    if not isinstance(row, dict):
        return str(row)[:width]
    parts = [f"{k} {v}" for k, v in row.items() if v not in (None, "", "[]")]
    text = ", ".join(parts)
    return text if len(text) <= width else text[: width - 1] + "…"


def failing_rows(observed: dict[str, Any]) -> int | None:
    """How many rows break the check: GX failures' unexpected counts, or dbt's failure count."""
    failures = observed.get("failures")
    if isinstance(failures, list):
        counts = [f.get("unexpected_count") for f in failures if isinstance(f, dict)]
        return sum(int(c) for c in counts if c is not None) if any(c is not None for c in counts) else None
    return int(failures) if isinstance(failures, (int, float)) and not isinstance(failures, bool) else None


def check_finding(passed: bool, observed: dict[str, Any]) -> str:
    """The outcome in a sentence, with at most one example row; never the raw JSON."""
    rows = observed.get("rows_checked") or observed.get("table_rows")
    if passed:
        if observed.get("skipped_unchanged"):
            return f"Tidak berubah sejak lolos / unchanged since it passed ({num(rows, 0)} baris / rows)."
        return f"Lolos / passed ({num(rows, 0)} baris diperiksa / rows checked)." if rows else "Lolos / passed."
    if observed.get("status") == "skipped":
        return "Tidak dijalankan: model sebelumnya gagal / not run: a model before it failed."
    if observed.get("status") == "error":
        return "Tidak dapat dijalankan / could not run: " + _example(observed.get("dbt_message") or
                                                                    observed.get("message"), 200)
    n = failing_rows(observed)
    text = f"{num(n, 0)} baris melanggar / rows break it." if n is not None else "Dilanggar / broken."
    example = None
    if observed.get("offending_rows"):
        example = observed["offending_rows"][0]
    else:
        for failure in observed.get("failures") or []:
            if isinstance(failure, dict) and (failure.get("offending_rows") or failure.get("worst_values")):
                example = (failure.get("offending_rows") or failure.get("worst_values"))[0]
                break
    if example is not None:
        shown = _example(example)
        text += f" Contoh / e.g.: {shown}" + ("" if shown.endswith("…") else ".")
    return text


def check_status(passed: bool, severity: str, observed: dict[str, Any]) -> str:
    if passed:
        return "passed"
    if observed.get("status") == "skipped":
        return "not_run"
    return "warn" if severity == "warn" else "failed"


def checks_kpi(ctx: ReportContext) -> tuple[str, str, str] | None:
    """The header card of the checks: passed/total, red only when a blocking (error) check failed, amber when
    only warnings did, green otherwise."""
    if not ctx.run_id or not ctx.db.has("audit", "dq_results", "passed", "severity"):
        return None
    ok, failed, warned = ctx.db.con.execute(
        "select count(*) filter (where passed), count(*) filter (where not passed and severity <> 'warn'), "
        "count(*) filter (where not passed and severity = 'warn') from audit.dq_results where run_id = ?",
        [ctx.run_id]).fetchone() or (0, 0, 0)
    label = "pemeriksaan lolos / checks passed"
    if warned:
        label += f"; {warned} peringatan / warnings"
    if failed:
        label += f"; {failed} gagal / failed"
    return f"{ok}/{ok + failed + warned}", label, "bad" if failed else ("warn" if warned else "good")


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
    df["status"] = [check_status(bool(p), s, _observed_dict(o))
                    for p, s, o in zip(df["passed"], df["severity"], df["observed"], strict=True)]
    by_asset = df.groupby(["asset", "status"]).size().unstack(fill_value=0)
    cats = [c for c in ("failed", "warn", "not_run", "passed") if c in by_asset.columns]
    order = by_asset.assign(bad=by_asset.get("failed", 0) + by_asset.get("warn", 0)).sort_values(
        ["bad"], ascending=False, kind="stable").index
    png = charts.stacked(
        ctx.chart_path("mutu_pemeriksaan"), "Hasil pemeriksaan per aset / Check results by asset",
        list(order), cats, [by_asset.loc[a].to_dict() for a in order],
        {c: palette.STATUS_COLOURS.get(c, palette.NEUTRAL) for c in cats}, share=False, min_label=0.0,
    )
    sec.add(figure("fig-mutu-pemeriksaan", png, "Hasil pemeriksaan mutu data per aset",
                   "failed = gagal (error), warn = peringatan, passed = lolos"))
    rows = []
    for r in df.to_dict("records"):
        observed = _observed_dict(r["observed"])
        rows.append({
            **r, "status_html": _status_html(r["status"]),
            "check_html": f"{esc(check_rule(r['check_name'], observed))}<br>"
                          f"<code class=\"check\">{esc(r['check_name'])}</code>",
            "finding": check_finding(bool(r["passed"]), observed),
            "rows_checked": observed.get("rows_checked") or observed.get("table_rows"),
            "rows_failing": None if r["passed"] else failing_rows(observed),
        })
    cols = [
        Col("status_html", "Status", raw_html=True), Col("asset", "Aset / Asset"),
        Col("check_html", "Pemeriksaan / Check", raw_html=True), Col("severity", "Tingkat / Severity"),
        Col("finding", "Temuan / Finding"),
        int_col("rows_checked", "Diperiksa / Rows checked"), int_col("rows_failing", "Melanggar / Rows failing"),
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
