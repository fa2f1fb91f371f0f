"""What a data-quality check is: a named GX suite over SQL batches, with a severity and the asset it guards."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from quality.gx_duckdb import Batch

Severity = Literal["error", "warn"]


@dataclass(frozen=True)
class QualityCheck:
    """One Dagster asset check = one GX expectation suite over one or more batches.

    `error` checks block the run (nothing downstream is built, the warehouse is not published); `warn` checks
    are reported and the run goes on. `batches` is a factory because GX binds expectation objects to the
    suite they are added to, so each run builds fresh ones.

    `per_run_rows`: every rule judges one row or one group that a load writes whole (a SIMPEG snapshot), so
    once the check has passed, rows of earlier runs cannot fail it and a refresh checks only the rows it
    wrote. `batches` then takes the SQL source to read instead of the whole table.
    """

    name: str
    asset: tuple[str, ...]
    severity: Severity
    description: str
    batches: Callable[..., Sequence[Batch]]
    additional_deps: tuple[tuple[str, ...], ...] = field(default=())
    per_run_rows: bool = False

    def run_rows_source(self, run_id: str) -> str:
        """SQL for the rows of the checked table that run `run_id` wrote."""
        return f"(select * from {'.'.join(self.asset)} where run_id = '{run_id.replace(chr(39), chr(39) * 2)}')"

    @property
    def asset_path(self) -> str:
        return "/".join(self.asset)
