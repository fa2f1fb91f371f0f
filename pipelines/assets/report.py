"""The analyst report and the dbt docs site, written beside the live warehouse after each publish."""

import json
from pathlib import Path

import dagster as dg

from pipelines.assets.publish import published_warehouse
from pipelines.code_version import dbt_fingerprint
from pipelines.resources import WarehouseResource, dbt_executable
from pipelines.settings import DBT_PROJECT_DIR
from warehouse.report.build import BUILD_STATS, build_report
from warehouse.report.dbt_docs import DbtDocsError, generate_dbt_docs


@dg.asset(
    group_name="publish",
    kinds={"html"},
    deps=[published_warehouse],
    description=(
        "Charts and tables of the marts with links to the source pages, and the dbt docs site, in "
        "<warehouse dir>/report/ (reads the live warehouse read-only)."
    ),
)
def analyst_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    live = warehouse.store.path
    out_dir = live.parent / "report"
    metadata: dict[str, object] = {}
    # The docs first, so the report can link to them. They describe the dbt project, so they are only
    # regenerated when it changed: generating them copies the whole warehouse (GBs at national scale).
    docs_dir = out_dir / "dbt-docs"
    stamp = out_dir / ".dbt-docs-fingerprint"
    try:
        if stamp.exists() and stamp.read_text() == dbt_fingerprint() and (docs_dir / "index.html").exists():
            docs = docs_dir / "index.html"
            context.log.info("dbt docs unchanged (same dbt project)")
        else:
            docs = generate_dbt_docs(live, docs_dir, dbt=Path(dbt_executable()), project_dir=DBT_PROJECT_DIR)
            stamp.write_text(dbt_fingerprint())
        metadata["dbt_docs"] = dg.MetadataValue.path(str(docs))
    except (DbtDocsError, OSError) as exc:
        # The data dictionary is a convenience; the published warehouse and the report do not depend on it.
        context.log.warning(f"dbt docs not generated: {exc}")
        metadata["dbt_docs"] = f"not generated: {str(exc).splitlines()[0]}"
    index = build_report(live, out_dir)
    metadata["report"] = dg.MetadataValue.path(str(index))
    metadata["charts"] = len(list(out_dir.glob("*.png")))
    drawn = json.loads((out_dir / BUILD_STATS).read_text())
    metadata["charts_drawn"] = len(drawn["drawn"])
    metadata["charts_reused"] = len(drawn["reused"])
    return dg.MaterializeResult(metadata=metadata)

