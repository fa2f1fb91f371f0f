"""The dbt docs site (data dictionary and lineage) beside the report, generated against a copy of the
live warehouse: dbt-duckdb opens its database read-write, and the live file must never be written."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from warehouse.report.privacy import redact
from warehouse.store import copy_database

DOCS_FILES = ("manifest.json", "catalog.json")


class DbtDocsError(RuntimeError):
    """dbt docs generate failed; the message carries the tail of dbt's output."""


def generate_dbt_docs(warehouse: Path, out_dir: Path, dbt: Path, project_dir: Path, timeout_s: float = 600) -> Path:
    """Run `dbt docs generate --static` on a copy of `warehouse`; write the site into `out_dir`.

    `out_dir/index.html` is dbt's static page (manifest and catalog inlined) so it opens from a file
    share or a mail attachment, where the regular page cannot fetch its JSON files.
    """
    with tempfile.TemporaryDirectory(prefix="asnwh-dbt-docs-") as tmp_name:
        tmp = Path(tmp_name)
        copy = tmp / "warehouse.duckdb"
        copy_database(warehouse, copy)
        env = {**os.environ, "ASNWH_DBT_DUCKDB_PATH": str(copy)}
        target = tmp / "target"
        # Own target and log paths: a refresh's dbt may be writing dbt_project/target at the same moment.
        cmd = [
            str(dbt), "docs", "generate", "--static",
            "--project-dir", str(project_dir), "--profiles-dir", str(project_dir),
            "--target-path", str(target), "--log-path", str(tmp / "logs"),
        ]
        try:
            done = subprocess.run(cmd, cwd=project_dir, env=env, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired as exc:
            raise DbtDocsError(f"dbt docs generate did not finish in {timeout_s:.0f} s") from exc
        static = target / "static_index.html"
        if done.returncode != 0 or not static.exists():
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise DbtDocsError(f"dbt docs generate exited {done.returncode}:\n{tail}")
        staging = out_dir.with_name(out_dir.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        # The site is for analysts: no NIP-, NIK- or phone-shaped string, whatever a description quotes.
        (staging / "index.html").write_text(redact(static.read_text(encoding="utf-8")), encoding="utf-8")
        for name in DOCS_FILES:
            if (target / name).exists():
                shutil.copyfile(target / name, staging / name)
    # Swap the finished site in; a reader meets either the old site or the new one, not half of one.
    old = out_dir.with_name(out_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)
    return out_dir / "index.html"
