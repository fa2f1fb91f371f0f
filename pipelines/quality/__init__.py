"""Data-quality stage: GX Core suites kept as code, run inside DuckDB, exposed as Dagster asset checks
(`pipelines.quality.checks.quality_checks`). Kept import-light so the suites load without Dagster assets."""
