"""Data quality without Dagster: the GX Core suites kept as code (`facts_suite`, `simpeg_suite`), the engine
that runs them inside DuckDB (`gx_duckdb`, `runner`), and the recording of every outcome, dbt tests included
(`dbt_results`, `last_run`, `status_view`). The Dagster asset checks that run the suites are
`pipelines/assets/quality_checks.py`; nothing here imports Dagster (tests/test_quality_package.py)."""
