"""`asnwh`: the command line of the ASN personnel-statistics warehouse."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipelines.settings import Settings, prepare_dagster_home

EXIT_BUSY = 75  # EX_TEMPFAIL: another refresh holds the warehouse
EXIT_FAILED = 1  # the refresh ran and failed (a step, or a blocking data-quality check)
EXIT_NOINPUT = 66  # EX_NOINPUT: the inbox or the warehouse folder is missing or unreadable


def _path_problem(path: Path, what: str, *, folder: bool, writable: bool = False) -> str | None:
    """Why `path` cannot serve as `what`, naming its full path; None when it can."""
    if not path.exists():
        return f"{what} {path} does not exist"
    if folder and not path.is_dir():
        return f"{what} {path} is not a folder"
    if not folder and not path.is_file():
        return f"{what} {path} is not a file"
    mode = os.R_OK | (os.X_OK if folder else 0) | (os.W_OK if writable else 0)
    if not os.access(path, mode):
        return f"{what} {path} is not {'writable' if writable else 'readable'} by this user"
    return None


def _check_run_paths(settings: Settings, samples_if_empty: bool, default_warehouse: bool) -> str | None:
    from pipelines.settings import DEFAULT_VAR_DIR

    if samples_if_empty and not settings.inbox.exists():
        settings.inbox.mkdir(parents=True)  # `make run` on a fresh checkout: the samples go there
    problem = _path_problem(settings.inbox, "inbox", folder=True)
    if problem:
        return problem + " (give --inbox DIR or set ASNWH_INBOX)"
    folder = settings.warehouse.parent
    if default_warehouse and folder == DEFAULT_VAR_DIR:
        folder.mkdir(parents=True, exist_ok=True)
    problem = _path_problem(folder, "warehouse folder", folder=True, writable=True)
    if problem:
        return problem + " (create it, or give --warehouse FILE or set ASNWH_WAREHOUSE)"
    if settings.warehouse.exists():
        return _path_problem(settings.warehouse, "warehouse", folder=False, writable=True)
    return None


def _demo_key_notice(err) -> None:
    """Say once that the public demo key is in use; the loaders' own copies of this warning go to the log."""
    import warnings

    if os.environ.get("ASNWH_PSEUDONYM_KEY") or os.environ.get("ASNWH_MODE", "demo").strip().lower() == "production":
        return
    print("warning: ASNWH_PSEUDONYM_KEY is not set: employee keys use the PUBLIC demo key "
          "(set ASNWH_PSEUDONYM_KEY and ASNWH_MODE=production for real data)", file=err)
    warnings.filterwarnings("ignore", message="ASNWH_PSEUDONYM_KEY is not set")


def _verbosity(args: argparse.Namespace) -> int:
    from pipelines.run_output import NORMAL, QUIET, VERBOSE

    return QUIET if args.quiet else VERBOSE if args.verbose else NORMAL


def _cmd_run(args: argparse.Namespace) -> int:
    if args.inbox:
        os.environ["ASNWH_INBOX"] = str(Path(args.inbox).resolve())
    if args.warehouse:
        os.environ["ASNWH_WAREHOUSE"] = str(Path(args.warehouse).resolve())
    settings = Settings.from_env()
    prepare_dagster_home()
    # dbt's output goes to the log file; colour codes have no place there.
    os.environ.setdefault("DBT_USE_COLORS", "false")
    verbosity = _verbosity(args)
    out, err = sys.stdout, sys.stderr

    problem = _check_run_paths(settings, args.samples_if_empty,
                               default_warehouse=not args.warehouse and not os.environ.get("ASNWH_WAREHOUSE"))
    if problem:
        print(f"asnwh run: {problem}", file=err)
        return EXIT_NOINPUT

    from warehouse.inbox import input_paths
    from warehouse.store import RefreshAlreadyRunning, WarehouseStore

    if args.samples_if_empty and not input_paths(settings.inbox):
        from samples import write_samples

        written = write_samples(settings.inbox)
        print(f"inbox {settings.inbox} was empty: wrote {len(written)} bundled sample inputs", file=out)
    _demo_key_notice(err)

    store = WarehouseStore(settings.warehouse)
    try:
        with store.run_lock(wait_s=args.wait):
            outcome = _execute_refresh(settings, verbosity, out, err)
    except RefreshAlreadyRunning as exc:
        print(f"asnwh run: {exc}", file=err)
        return EXIT_BUSY
    return _report_outcome(settings, outcome, verbosity, out, err)


def _execute_refresh(settings: Settings, verbosity: int, out, err) -> tuple:
    """The refresh job in this process: the whole job, or only the inbox scan when the inbox and the code are
    unchanged (then no asset check is planned, and the UI keeps their last results)."""
    from pipelines.jobs import refresh_selection

    selection = refresh_selection(settings)
    outcome = _execute_job(settings, selection, verbosity, out, err)
    if selection is not None and outcome[0].success and not _found_nothing_to_do(settings, outcome[0].run_id):
        # A file arrived between the plan and the scan: do the real refresh now rather than report nothing.
        outcome = _execute_job(settings, None, verbosity, out, err)
    return outcome


def _found_nothing_to_do(settings: Settings, run_id: str) -> bool:
    from pipelines.refresh_plan import read_last_run

    last = read_last_run(settings.warehouse) or {}
    return last.get("run_id") == run_id and last.get("status") == "no_change"


def _execute_job(settings: Settings, selection, verbosity: int, out, err) -> tuple:
    import uuid

    import dagster as dg

    from pipelines.jobs import NO_CHANGE_SELECTION, scan_only_job
    from pipelines.resources import warehouse_from_env
    from pipelines.run_output import log_path_for, run_session

    run_id = str(uuid.uuid4())
    log_path = log_path_for(settings.warehouse, run_id)
    if verbosity:
        what = "inbox and code unchanged since the last build: only the inbox scan" if selection else "full refresh"
        print(f"refresh {run_id[:8]}: {what}", file=out)
        print(f"log: {log_path}", file=out)
    with run_session(log_path, out, err, verbosity) as session:
        # _cmd_run holds the run lock around the plan and every job it starts: the job's resource knows.
        warehouse = warehouse_from_env(lock_held=True)
        if selection == NO_CHANGE_SELECTION:
            job, selection = scan_only_job(warehouse), None
        else:
            from pipelines.definitions import build_defs

            job = build_defs(warehouse).resolve_job_def("refresh")
        result = job.with_logger_defs(session.logger_defs).execute_in_process(
            run_config={"loggers": {name: {} for name in session.logger_defs}},
            instance=dg.DagsterInstance.get(), raise_on_error=False, run_id=run_id, asset_selection=selection,
        )
    return result, session


def _report_outcome(settings: Settings, outcome: tuple, verbosity: int, out, err) -> int:
    from pipelines.refresh_plan import read_last_run
    from pipelines.run_output import STAGE_LABELS
    from pipelines.run_summary import closing_summary, format_locations, read_audit
    from pipelines.summary import print_summary
    from warehouse.inbox import input_paths
    from warehouse.store import WarehouseStore

    result, session = outcome
    watcher = session.watcher
    paths = {p.name: p for p in input_paths(settings.inbox)}
    if not result.success:
        WarehouseStore(settings.warehouse).discard(result.run_id)
        blocking = [c for c in watcher.checks if c.severity == "error" and not c.passed]
        failed = ", ".join(STAGE_LABELS.get(step, step) for step in watcher.failed_steps) or "an unknown step"
        print(f"asnwh run: refresh {result.run_id} failed in {failed}; "
              f"the last good warehouse at {settings.warehouse} is untouched", file=err)
        if blocking:
            print(f"blocking data-quality checks failed ({len(blocking)}):", file=err)
            for c in blocking[:12]:
                print(f"  {c.check_name} ({c.asset}): {' '.join(c.description.split())[:300]}", file=err)
        for step, message in watcher.failed_steps.items():
            if message and not (blocking and "DagsterAssetCheckFailedError" in message):
                print(f"  {STAGE_LABELS.get(step, step)}: {message[:2000]}", file=err)
        print(f"log: {session.log_path}; `asnwh status` shows every check of this refresh", file=err)
        return EXIT_FAILED

    nothing = _found_nothing_to_do(settings, result.run_id)
    if verbosity and nothing:
        detail = (read_last_run(settings.warehouse) or {}).get("detail", "")
        print(f"nothing to refresh ({detail}); the warehouse is unchanged", file=out)
    audit = read_audit(settings.warehouse, None if nothing else result.run_id)
    if verbosity:
        if nothing and audit is not None:
            print(f"last published refresh {audit.run_id}:", file=out)
        for line in closing_summary(audit, settings.inbox, paths):
            print(line, file=out)
    for line in format_locations(settings.warehouse, session.log_path):
        print(line, file=out)
    if verbosity and settings.warehouse.exists():
        print_summary(settings.warehouse, run_id=result.run_id)
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    from extractors.documents.extract_cli import run_extract
    from pipelines.settings import extraction_config

    extraction_config()  # a meaningless ASNWH_* value fails the command once (exit 2), not every file
    return run_extract(args.files, args.format, sys.stdout, sys.stderr)


def _cmd_sample_data(args: argparse.Namespace) -> int:
    from samples import write_samples

    target = Path(args.dir).absolute()
    try:
        written = write_samples(target, scale=args.scale)
    except OSError as exc:
        print(f"asnwh sample-data: cannot write into {target}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_NOINPUT
    print(f"wrote {len(written)} files to {target}")
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
    warehouse_help = "DuckDB file (default $ASNWH_WAREHOUSE or var/warehouse.duckdb)"
    run.add_argument("--inbox", metavar="DIR", help="input folder (default $ASNWH_INBOX or var/inbox)")
    run.add_argument("--warehouse", metavar="FILE", help=warehouse_help)
    run.add_argument("--samples-if-empty", action="store_true",
                     help="write the bundled sample inputs into the inbox when it has none")
    run.add_argument("--wait", type=float, default=0.0, metavar="S",
                     help="seconds to wait for another running refresh before refusing (default 0)")
    loudness = run.add_mutually_exclusive_group()
    loudness.add_argument("--verbose", "-v", action="store_true",
                          help="also print each file's result and every check as the run goes")
    loudness.add_argument("--quiet", "-q", action="store_true",
                          help="print only errors and where the warehouse, report and log are")
    run.set_defaults(func=_cmd_run)

    extract = sub.add_parser("extract", help="print the facts extracted from documents, with page/line provenance")
    extract.add_argument("files", nargs="+", metavar="FILE",
                         help="a PDF or text rendering (.txt/.md), or a folder: the documents below it")
    extract.add_argument("--format", choices=["jsonl", "table"], default="jsonl",
                         help="jsonl: one JSON fact per line (the fact contract); table: aligned columns per "
                         "document (default jsonl)")
    extract.set_defaults(func=_cmd_extract)

    sample = sub.add_parser("sample-data", help="write sample PDFs and SIMPEG exports")
    sample.add_argument("dir", metavar="DIR", help="folder to write into (created if missing)")
    sample.add_argument("--scale", choices=["demo", "national"], default="demo",
                        help="demo: 9 files (about 5 MB) for Banten and Kota Bekasi; national: 5.6M employees "
                        "in 546 exports, for benchmarks (default demo)")
    sample.set_defaults(func=_cmd_sample_data)

    status = sub.add_parser("status", help="the last run: files loaded/skipped/failed, rows quarantined, checks")
    status.add_argument("--warehouse", metavar="FILE", help=warehouse_help)
    status.set_defaults(func=_cmd_status)

    publish = sub.add_parser("publish", help="copy the marts into PostgreSQL for BI tools")
    publish.add_argument("--postgres-dsn-file", metavar="FILE", help="file holding the libpq DSN (default "
                         "$ASNWH_POSTGRES_DSN, then the file $ASNWH_POSTGRES_DSN_FILE)")
    publish.add_argument("--postgres", metavar="DSN", help="libpq DSN on the command line (deprecated: visible in ps)")
    publish.add_argument("--warehouse", metavar="FILE", help=warehouse_help)
    publish.set_defaults(func=_cmd_publish)

    report = sub.add_parser("report", help="write the HTML regional comparison report with charts")
    report.add_argument("--out", metavar="DIR", help="output folder (default: report/ beside the warehouse)")
    report.add_argument("--warehouse", metavar="FILE", help=warehouse_help)
    report.set_defaults(func=_cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    from extractors.config import ConfigError

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ConfigError as exc:  # a misspelt variable: say which, not a traceback
        print(f"asnwh: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
