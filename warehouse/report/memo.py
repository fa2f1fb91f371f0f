"""Report sections reused while what they read is unchanged.

A section is a function of the queries it runs on the warehouse (plus the report code, the warehouse's schema
and whether there is a current run), so a build records the queries each section ran; the next build runs only
those queries again, and when their results have the same digest it reuses the section's HTML and charts
instead of building it (the pandas shaping, tables and chart arguments are most of a section's cost). The
digests and the cache are the charts' (`charts.content_digest`, the session's cache folder, pruned with it):
one caching home for the report. A section that read something other than through a recorded query, or made
a chart the cache cannot restore, is not cached: a miss costs time, never a stale number.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.file_identity import source_digest
from warehouse.report import charts
from warehouse.report.context import ReportContext
from warehouse.report.privacy import redact

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedSection:
    """A section as the last build rendered it (and redacted it, like the published page)."""

    section_id: str
    title_id: str
    html: str

    def render(self) -> str:
        return self.html


@functools.cache
def _report_code() -> str:
    here = Path(__file__).resolve().parent
    return source_digest(here.glob("*.py"), here)


def _schema(ctx: ReportContext) -> list:
    return sorted((s, t, sorted(c)) for (s, t), c in ctx.db.schema().items())


def _results_digest(ctx: ReportContext, name: str, queries: list[list[Any]], run_bound: bool) -> str | None:
    results = []
    for sql, params in queries:
        # Sorted: a query without ORDER BY returns its rows in whatever order DuckDB's threads finish in.
        results.append(sorted(map(repr, ctx.db.raw_execute(sql, params).fetchall())))
    payload = (queries, results, ctx.run_id is None, ctx.run_id if run_bound else None)
    return charts.content_digest(f"section-results:{name}", payload, code=_report_code())


def _replayable(queries: list[list[Any]]) -> bool:
    try:
        return json.loads(json.dumps(queries)) == queries
    except (TypeError, ValueError):
        return False


def _restore(ctx: ReportContext, session: charts.ChartSession, entry: dict[str, Any]) -> bool:
    pngs = {name: session.cache_dir / f"{digest}.png" for name, digest in entry["charts"].items()}
    if not all(p.is_file() for p in pngs.values()):
        return False
    for name, cached in pngs.items():
        charts.restore_png(cached, ctx.chart_path(Path(name).stem))
        session.used.add(cached.stem)
        session.digest_of[name] = cached.stem
        session.reused.append(name)
    return True


def build_section(ctx: ReportContext, name: str, build: Callable[[], Any]) -> Any:
    """The section `name`: reused from the cache when what it read is unchanged, else built (and cached).
    Without a cache session (charts.cache_session) it is simply built."""
    session = charts.current_session()
    key = charts.content_digest(f"section:{name}", _schema(ctx), code=_report_code()) if session else None
    if session is None or key is None:
        return build()
    path = session.cache_dir / f"{key}.json"
    session.used.add(key)
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entry = None
    if isinstance(entry, dict):
        try:
            same = _results_digest(ctx, name, entry["queries"], entry["run_bound"]) == entry["results"]
            if same and _restore(ctx, session, entry):
                session.sections_reused.append(name)
                return CachedSection(entry["section_id"], entry["title_id"], entry["html"])
        except Exception:  # noqa: BLE001 - a query that no longer runs: build the section, which says why
            log.debug("report section %s: its recorded queries do not replay", name, exc_info=True)
    session.sections_built.append(name)
    first_chart = len(ctx.charts)
    with ctx.db.recording() as record:
        section = build()
    made = {p.name: session.digest_of.get(p.name) for p in ctx.charts[first_chart:]}
    cacheable = section is not None and record.complete and _replayable(record.queries) \
        and all(made.values()) and hasattr(section, "section_id")
    if not cacheable:
        path.unlink(missing_ok=True)
        return section
    html = section.render()
    run_bound = bool(ctx.run_id) and any(ctx.run_id in repr(q) for q in record.queries) \
        or bool(ctx.run_id) and ctx.run_id in html
    results = _results_digest(ctx, name, record.queries, run_bound)
    if results is None:
        path.unlink(missing_ok=True)
        return section
    tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({
        "name": name, "queries": record.queries, "run_bound": run_bound, "results": results, "charts": made,
        # Redacted like the published page: the cache keeps nothing the report would not show.
        "section_id": section.section_id, "title_id": section.title_id, "html": redact(html),
    }, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return section
