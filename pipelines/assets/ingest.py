"""Ingest assets: the files in the inbox, the facts extracted from documents, the SIMPEG employee rows."""

import os
from pathlib import Path

import dagster as dg

from extractors import file_kinds
from extractors.errors import UnreadableFileError
from extractors.simpeg import resolve_pseudonym_key
from pipelines.code_version import extractor_fingerprint
from pipelines.progress import progress_callback
from pipelines.refresh_plan import note_inbox_state, plan_refresh, record_last_run
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings
from warehouse import writer
from warehouse.inbox import IGNORED, HashIndex, hash_index_path, require_inside, scan_entries

WAREHOUSE_POOL = "warehouse"


@dg.asset(
    group_name="ingest",
    kinds={"python"},
    output_required=False,
    description="Input files found in the inbox, with sha256 and whether each must be (re)loaded. "
    "Not materialised when nothing changed since the live warehouse was built: the refresh then ends here.",
)
def inbox_files(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    # Before the scan: what the next refresh compares with to plan only this scan (pipelines/jobs.py).
    note_inbox_state(warehouse.store.path, context.run.run_id, warehouse.inbox)
    # Only files whose stat changed since they were last hashed are read (an unchanged inbox reads 0 bytes).
    index = HashIndex.load(hash_index_path(warehouse.store.path), code=extractor_fingerprint())
    entries = scan_entries(warehouse.inbox, index)
    index.save()
    context.log.info(f"inbox scan: {index.files_hashed} file(s), {index.bytes_hashed:,} bytes hashed; "
                     f"{len(index.seen) - index.files_hashed} unchanged since hashed")
    files = [f for f in entries if f.kind != IGNORED]
    plan = plan_refresh(warehouse.store.path, files)
    if not plan.build:
        record_last_run(warehouse.store.path, context.run.run_id, "no_change", plan.describe())
        context.log.info(f"nothing to do: {plan.describe()}")
        return
    context.log.info(f"refresh needed: {plan.describe()}")
    by_kind: dict[str, int] = {}
    for f in entries:
        by_kind[f.kind] = by_kind.get(f.kind, 0) + 1
    yield dg.Output(
        [{**f.to_dict(), "reload": f.name in plan.reload} for f in entries],
        metadata={"inbox": str(warehouse.inbox), "files": len(files), "to_load": len(plan.reload),
                  "bytes_hashed": index.bytes_hashed,
                  "reasons": plan.describe(), **by_kind},
    )


def _outside_inbox(con, run_id: str, inbox: Path, f: dict) -> str | None:
    """The reason a file cannot be read safely any more (it became a symlink, or resolves outside the
    inbox, after the scan), recorded as its failure; None when it is still inside."""
    try:
        require_inside(inbox, Path(f["path"]))
    except ValueError as exc:
        reason = f"outside_inbox: {exc}"
        writer.record_file_load(con, run_id, f["name"], sha=f["sha256"], kind=f["kind"], status="failed",
                                reason=reason)
        return reason
    return None


def _record_ignored(con, run_id: str, f: dict) -> None:
    writer.record_file_load(con, run_id, f["name"], sha=None, kind="ignored", status="ignored", reason=f["reason"])


def _skip_unchanged(con, run_id: str, files: list[dict]) -> list[dict]:
    """Record the files of `files` that need no reload as skipped (one statement); return the others."""
    writer.record_skipped_unchanged(con, run_id, [(f["name"], f["sha256"], f["kind"]) for f in files
                                                  if not f["reload"]])
    return [f for f in files if f["reload"]]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "documents"], group_name="ingest", kinds={"duckdb"}, deps=["inbox_files"],
                     description="Loaded documents and their identity (type, agency, region, period)."),
        dg.AssetSpec(["raw", "document_facts"], group_name="ingest", kinds={"duckdb"}, deps=["inbox_files"],
                     description="Facts extracted from planning and performance documents."),
    ],
    pool=WAREHOUSE_POOL,
)
def document_facts(context: dg.AssetExecutionContext, warehouse: WarehouseResource, inbox_files: list[dict]):
    from warehouse.load_documents import load_document

    run_id = context.run.run_id
    con = warehouse.connect(run_id)
    loaded = skipped = failed = facts = empty = 0
    # Built once per run from the environment and handed down: extractors read no variable themselves.
    extraction = Settings.from_env().extraction
    advance = progress_callback("documents", sum(1 for f in inbox_files if f["kind"] == "document" and f["reload"]))
    try:
        for f in inbox_files:
            if f["kind"] == IGNORED:
                _record_ignored(con, run_id, f)
            elif f["kind"] == "unknown":
                _record_unknown(con, run_id, f)
                failed += 1
        documents = [f for f in inbox_files if f["kind"] == "document"]
        todo = _skip_unchanged(con, run_id, documents)
        skipped = len(documents) - len(todo)
        for f in todo:
            if _outside_inbox(con, run_id, warehouse.inbox, f):
                failed += 1
                continue
            # In a worker process with a wall-clock and a memory limit: one hostile document fails itself.
            result = load_document(con, Path(f["path"]), sha256=f["sha256"], run_id=run_id, name=f["name"],
                                   limits=extraction.sandbox, config=extraction)
            advance(f["name"])
            if result.status == "loaded":
                loaded += 1
                facts += result.facts
                context.log.info(f"{result.file}: {result.facts} facts ({result.doc_type}, {result.region})")
            elif result.status == "empty":
                empty += 1
                context.log.warning(f"{result.file}: {result.reason}")
            else:
                failed += 1
                context.log.warning(f"{result.file}: {result.reason}")
        total = con.execute("select count(*) from raw.document_facts").fetchone()[0]
    finally:
        con.close()
    meta = {"loaded": loaded, "empty": empty, "skipped_unchanged": skipped, "failed": failed, "new_facts": facts}
    yield dg.MaterializeResult(asset_key=["raw", "documents"], metadata=meta)
    yield dg.MaterializeResult(asset_key=["raw", "document_facts"], metadata={**meta, "total_facts": total})


def _record_unknown(con, run_id: str, f: dict) -> None:
    writer.record_file_load(con, run_id, f["name"], sha=f["sha256"], kind="unknown", status="failed",
                            reason=f"unsupported_format: {file_kinds.unsupported_reason(f['name'])}", rows_in=0)


@dg.asset(
    key=["raw", "simpeg_employees"],
    group_name="ingest",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
    description="Employee rows from SIMPEG/SIASN exports, normalised; bad rows quarantined.",
)
def simpeg_employees(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, inbox_files: list[dict]
) -> dg.MaterializeResult:
    # Imported when loading, not with the module: the scan-only run of an unchanged inbox needs neither.
    from warehouse.simpeg_load import load_exports

    run_id = context.run.run_id
    key = resolve_pseudonym_key(os.environ)
    con = warehouse.connect(run_id)
    loaded = skipped = failed = rows = quarantined = 0
    try:
        exports = [f for f in inbox_files if f["kind"] == "simpeg"]
        todo = _skip_unchanged(con, run_id, exports)
        skipped = len(exports) - len(todo)
        outside = [f for f in todo if _outside_inbox(con, run_id, warehouse.inbox, f)]
        failed += len(outside)
        todo = [f for f in todo if f not in outside]
        # Two exports at a time on separate cursors: per-file overhead, not rows, dominates a national load.
        results = load_exports(
            [f["path"] for f in todo], con, run_id=run_id, pseudonym_key=key,
            file_sha256s=[f["sha256"] for f in todo], names=[f["name"] for f in todo],
            on_file_done=progress_callback("SIMPEG exports", len(todo)),
            # The zone beside the live warehouse: the build file this run writes lives in .build/.
            raw_root=warehouse.raw_root,
        )
        for report in results:
            if isinstance(report, UnreadableFileError):
                failed += 1
                context.log.warning(str(report))
                continue
            if report.status != "loaded":
                context.log.warning(f"{report.file}: {report.status} ({report.reason or 'see audit.file_loads'})")
            loaded += 1
            rows += report.rows_loaded
            quarantined += report.rows_quarantined
            if len(todo) <= 50:
                context.log.info(
                    f"{report.file}: {report.rows_in} rows in, {report.rows_loaded} loaded, "
                    f"{report.rows_quarantined} quarantined ({report.region_name}, {report.as_of_date})"
                )
        total = con.execute("select count(*) from raw.simpeg_employees").fetchone()[0]
    finally:
        con.close()
    return dg.MaterializeResult(
        metadata={
            "loaded_files": loaded, "skipped_unchanged": skipped, "failed_files": failed,
            "rows_loaded": rows, "rows_quarantined": quarantined, "total_rows": total,
        }
    )
