"""`asnwh`: the command line of the ASN personnel-statistics warehouse."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipelines.settings import Settings, prepare_dagster_home

EXIT_BUSY = 75  # EX_TEMPFAIL: another refresh holds the warehouse


def _cmd_run(args: argparse.Namespace) -> int:
    if args.inbox:
        os.environ["ASNWH_INBOX"] = str(Path(args.inbox).resolve())
    if args.warehouse:
        os.environ["ASNWH_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    settings = Settings.from_env()
    prepare_dagster_home()

    from warehouse.inbox import scan_inbox
    from warehouse.store import RefreshAlreadyRunning, WarehouseStore

    if args.samples_if_empty and not scan_inbox(settings.inbox):
        from samples import write_samples

        written = write_samples(settings.inbox)
        print(f"inbox {settings.inbox} was empty: wrote {len(written)} bundled sample inputs")

    store = WarehouseStore(settings.warehouse)
    try:
        with store.run_lock(wait_s=args.wait):
            result = _execute_refresh()
    except RefreshAlreadyRunning as exc:
        print(f"asnwh run: {exc}", file=sys.stderr)
        return EXIT_BUSY
    if not result.success:
        store.discard(result.run_id)
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        print(
            f"asnwh run: refresh {result.run_id} failed in {', '.join(failed) or 'unknown step'}; "
            f"the last good warehouse at {settings.warehouse} is untouched",
            file=sys.stderr,
        )
        for event in result.all_events:
            if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
                print(event.step_failure_data.error.message.strip()[:2000], file=sys.stderr)
        return 1

    from pipelines.refresh_plan import read_last_run
    from pipelines.summary import print_summary

    print(f"warehouse: {settings.warehouse}")
    last = read_last_run(settings.warehouse) or {}
    if last.get("run_id") == result.run_id and last.get("status") == "no_change":
        print(f"nothing to refresh ({last['detail']}); the warehouse is unchanged")
    if settings.warehouse.exists():
        print_summary(settings.warehouse, run_id=result.run_id)
    report = settings.warehouse.parent / "report" / "index.html"
    if report.exists():
        print(f"report: {report}")
    return 0


def _execute_refresh():
    import contextlib

    import dagster as dg

    from pipelines.definitions import defs

    job = defs.resolve_job_def("refresh")
    # dbt's progress lines are echoed on stdout; they belong with the logs, so stdout stays the summary.
    with contextlib.redirect_stdout(sys.stderr):
        return job.execute_in_process(instance=dg.DagsterInstance.get(), raise_on_error=False)


def _cmd_extract(args: argparse.Namespace) -> int:
    from extractors.documents.extract_cli import run_extract

    return run_extract(args.files, args.format, sys.stdout, sys.stderr)


def _cmd_sample_data(args: argparse.Namespace) -> int:
    from samples import write_samples

    written = write_samples(Path(args.dir), scale=args.scale)
    print(f"wrote {len(written)} files to {args.dir}")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    if args.warehouse:
        os.environ["ASNWH_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    from pipelines.status import print_status

    return print_status(Settings.from_env().warehouse)


def _cmd_publish(args: argparse.Namespace) -> int:
    if args.warehouse:
        os.environ["ASNWH_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    from pipelines.settings import read_dsn_file

    if args.postgres:
        print("asnwh publish: warning: a DSN given with --postgres is visible to every user of this machine "
              "(ps, shell history); use --postgres-dsn-file FILE or ASNWH_POSTGRES_DSN instead", file=sys.stderr)
    try:
        dsn = args.postgres or read_dsn_file(args.postgres_dsn_file) or os.environ.get("ASNWH_POSTGRES_DSN") \
            or read_dsn_file(os.environ.get("ASNWH_POSTGRES_DSN_FILE"))
    except (OSError, ValueError) as exc:
        print(f"asnwh publish: cannot read the DSN file: {exc}", file=sys.stderr)
        return 2
    if not dsn:
        print("asnwh publish: give --postgres-dsn-file FILE or set ASNWH_POSTGRES_DSN (or ASNWH_POSTGRES_DSN_FILE)",
              file=sys.stderr)
        return 2
    from warehouse.postgres import ANALYST_PASSWORD_ENV, PublishError, ensure_analyst_role, publish_to_postgres

    settings = Settings.from_env()
    if not settings.warehouse.exists():
        print(f"asnwh publish: no warehouse at {settings.warehouse}; run `asnwh run` first", file=sys.stderr)
        return 1
    try:
        if os.environ.get(ANALYST_PASSWORD_ENV):
            ensure_analyst_role(dsn)
        report = publish_to_postgres(settings.warehouse, dsn)
    except PublishError as exc:  # its text never carries the password
        print(f"asnwh publish: {exc}", file=sys.stderr)
        return 1
    print(
        f"published {len(report.tables)} tables ({report.rows:,} rows) of {settings.warehouse} "
        f"to {report.dsn} in {report.seconds:.1f}s; schemas: {', '.join(report.schemas)}"
    )
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    if args.warehouse:
        os.environ["ASNWH_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    settings = Settings.from_env()
    if not settings.warehouse.exists():
        print(f"asnwh report: no warehouse at {settings.warehouse}; run `asnwh run` first", file=sys.stderr)
        return 1
    from warehouse.report.cli import run_report

    out = Path(args.out) if args.out else settings.warehouse.parent / "report"
    print(f"report: {run_report(settings.warehouse, out)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="asnwh", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="one full refresh (the same Dagster job as the nightly schedule)")
    run.add_argument("--inbox", help="input folder (default $ASNWH_INBOX or var/inbox)")
    run.add_argument("--warehouse", help="DuckDB file (default $ASNWH_WAREHOUSE or var/warehouse.duckdb)")
    run.add_argument("--samples-if-empty", action="store_true",
                     help="write the bundled sample inputs into the inbox when it has none")
    run.add_argument("--wait", type=float, default=0.0,
                     help="seconds to wait for another running refresh before refusing (default 0)")
    run.set_defaults(func=_cmd_run)

    extract = sub.add_parser("extract", help="print the facts extracted from documents")
    extract.add_argument("files", nargs="+")
    extract.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    extract.set_defaults(func=_cmd_extract)

    sample = sub.add_parser("sample-data", help="write sample PDFs and SIMPEG exports")
    sample.add_argument("dir")
    sample.add_argument("--scale", choices=["demo", "national"], default="demo")
    sample.set_defaults(func=_cmd_sample_data)

    status = sub.add_parser("status", help="the last run: files, rows, quarantine, checks")
    status.add_argument("--warehouse")
    status.set_defaults(func=_cmd_status)

    publish = sub.add_parser("publish", help="copy the marts into PostgreSQL for BI tools")
    publish.add_argument("--postgres-dsn-file", help="file holding the libpq DSN (default $ASNWH_POSTGRES_DSN, "
                         "then the file $ASNWH_POSTGRES_DSN_FILE)")
    publish.add_argument("--postgres", help="libpq DSN on the command line (deprecated: visible in ps)")
    publish.add_argument("--warehouse")
    publish.set_defaults(func=_cmd_publish)

    report = sub.add_parser("report", help="write the HTML regional comparison report with charts")
    report.add_argument("--out", help="output folder (default: report/ beside the warehouse)")
    report.add_argument("--warehouse")
    report.set_defaults(func=_cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
