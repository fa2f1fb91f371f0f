"""What `asnwh run` shows while the refresh runs, and the log file that keeps the rest.

Dagster's own console logger prints every engine event at DEBUG (about 300 lines for the bundled samples). The
CLI replaces it with one logger that (1) writes the event log at an operator's level to a file under the
warehouse folder and (2) prints one line per stage when the stage ends: its time and its counts. dbt's progress
lines, Python warnings and library logging go to the same file, never to the console.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import dagster as dg

from pipelines.progress import PROGRESS_LOGGER

QUIET, NORMAL, VERBOSE = 0, 1, 2

# Step key -> what an operator calls the stage.
STAGE_LABELS = {
    "inbox_files": "inbox scan",
    "document_facts": "documents",
    "raw__simpeg_employees": "SIMPEG exports",
    "document_quality": "document checks",
    "simpeg_quality": "SIMPEG checks",
    "warehouse_dbt_models": "dbt build",
    "published_warehouse": "publish",
    "analyst_report": "report + dbt docs",
}

# Materialization metadata shown on a stage line, in this order, with its label. Unknown keys are not shown:
# the log file and the Dagster UI have them all.
COUNT_LABELS = (
    ("files", "files"), ("to_load", "to load"),
    ("loaded", "loaded"), ("loaded_files", "loaded"),
    ("skipped_unchanged", "unchanged"), ("failed", "failed"), ("failed_files", "failed"),
    ("new_facts", "facts"), ("rows_loaded", "rows"), ("rows_quarantined", "rows quarantined"),
    ("charts", "charts"),
)

# Engine events an operator wants in the log file; the rest (inputs, outputs, IO managers) stay in the UI.
FILE_EVENTS = {
    "RUN_START", "RUN_SUCCESS", "RUN_FAILURE", "STEP_START", "STEP_SUCCESS", "STEP_FAILURE", "STEP_SKIPPED",
    "STEP_UP_FOR_RETRY", "ASSET_MATERIALIZATION", "ASSET_CHECK_EVALUATION",
}

OWN_PACKAGES = ("extractors", "warehouse", "pipelines", "quality", "samples")

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


@dataclass
class StageState:
    started: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    assets: int = 0
    note: str = ""
    checks: dict[str, int] = field(default_factory=lambda: {"passed": 0, "warned": 0, "failed": 0})


@dataclass
class CheckOutcome:
    check_name: str
    asset: str
    severity: str  # error | warn
    passed: bool
    description: str


class RunWatcher(logging.Handler):
    """Receives every Dagster log record of the run; prints stage lines and keeps what the summary needs."""

    def __init__(self, out: TextIO, err: TextIO, verbosity: int, bar: ProgressBar | None = None) -> None:
        super().__init__(level=logging.DEBUG)
        self.out, self.err, self.verbosity, self.bar = out, err, verbosity, bar
        self.stages: dict[str, StageState] = {}
        self.checks: list[CheckOutcome] = []
        self.failed_steps: dict[str, str] = {}
        self.skipped_steps: list[str] = []
        self.messages: list[tuple[int, str, str]] = []  # (level, step, message) of the assets' own logging

    def emit(self, record: logging.LogRecord) -> None:
        try:
            meta: dict[str, Any] = getattr(record, "dagster_meta", {}) or {}
            event = meta.get("dagster_event")
            step = meta.get("step_key") or ""
            if event is None:
                self._message(record.levelno, step, str(meta.get("orig_message", record.getMessage())))
            else:
                self._event(event, step)
        except Exception:  # a display problem must never fail the refresh
            self.handleError(record)

    def _message(self, level: int, step: str, message: str) -> None:
        self.messages.append((level, step, message))
        if step and message.rstrip().endswith("Not executing."):
            # The engine's "Dependencies for step X failed/were not executed": one short line instead.
            self.skipped_steps.append(step)
            if self.verbosity > QUIET:
                self._print(f"  {STAGE_LABELS.get(step, step):<18} {'-':>7}  not run: a stage before it failed")
            return
        if self.verbosity >= VERBOSE and level >= logging.INFO or level >= logging.ERROR:
            self._print(f"    {STAGE_LABELS.get(step, step)}: {message}", err=level >= logging.WARNING)

    def _event(self, event: dg.DagsterEvent, step: str) -> None:
        kind = event.event_type_value
        state = self.stages.setdefault(step, StageState())
        data = event.event_specific_data
        if kind == "STEP_START":
            state.started = time.monotonic()
        elif kind == "ASSET_MATERIALIZATION":
            state.assets += 1
            for key, value in data.materialization.metadata.items():
                raw = getattr(value, "value", value)
                if isinstance(raw, int) and not isinstance(raw, bool):
                    state.counts.setdefault(key, raw)
                elif key == "reasons" and isinstance(raw, str):  # why the inbox scan decided to refresh
                    state.note = raw
        elif kind == "ASSET_CHECK_EVALUATION":
            severity = "error" if data.severity == dg.AssetCheckSeverity.ERROR else "warn"
            outcome = "passed" if data.passed else ("failed" if severity == "error" else "warned")
            state.checks[outcome] += 1
            self.checks.append(CheckOutcome(data.check_name, data.asset_key.to_user_string(), severity,
                                            bool(data.passed), data.description or ""))
        elif kind == "STEP_SUCCESS":
            self._stage_line(step, state, "")
        elif kind == "STEP_FAILURE":
            error = data.error.message.strip().splitlines()[0] if data.error and data.error.message else ""
            self.failed_steps[step] = error
            self._stage_line(step, state, "FAILED")
        elif kind == "STEP_SKIPPED":
            self.skipped_steps.append(step)

    def _stage_line(self, step: str, state: StageState, status: str) -> None:
        if self.bar:
            self.bar.clear()
        if self.verbosity <= QUIET:
            return
        seconds = time.monotonic() - state.started if state.started is not None else 0.0
        parts = describe_counts(state)
        label = STAGE_LABELS.get(step, step)
        line = f"  {label:<18} {seconds:6.1f}s  {status + '  ' if status else ''}{parts}".rstrip()
        self._print(line)

    def _print(self, line: str, err: bool = False) -> None:
        if self.bar:
            self.bar.clear()
        stream = self.err if err else self.out
        stream.write(line + "\n")
        stream.flush()


def describe_counts(state: StageState) -> str:
    shown, seen_labels = [], set()
    for key, label in COUNT_LABELS:
        if key in state.counts and label not in seen_labels:
            seen_labels.add(label)
            shown.append(f"{state.counts[key]:,} {label}")
    checks = state.checks
    total = sum(checks.values())
    if total:
        tests = f"{total} checks: {checks['passed']} passed"
        if checks["warned"]:
            tests += f", {checks['warned']} warned"
        if checks["failed"]:
            tests += f", {checks['failed']} FAILED"
        shown.append(tests)
    if state.assets > 2:  # dbt: one materialization per model or seed
        shown.insert(0, f"{state.assets} tables")
    text = ", ".join(shown)
    if state.note:
        text += f" ({state.note if len(state.note) <= 100 else state.note[:99] + '…'})"
    return text


class ProgressBar(logging.Handler):
    """A one-line bar on a terminal, redrawn at most ten times a second; nothing when not a terminal."""

    WIDTH = 28

    def __init__(self, stream: TextIO) -> None:
        super().__init__(level=logging.DEBUG)
        self.stream = stream
        self.enabled = bool(getattr(stream, "isatty", lambda: False)())
        self._last = 0.0
        self._shown = False

    def emit(self, record: logging.LogRecord) -> None:
        progress = getattr(record, "asnwh_progress", None)
        if not self.enabled or not progress:
            return
        stage, done, total, item = progress
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = int(self.WIDTH * done / total) if total else self.WIDTH
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        text = f"  {stage:<18} [{bar}] {done}/{total} {item}"[:120]
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Erase the bar before a line is printed. Always on a terminal, not only after a draw this object
        remembers: a draw from a loader's worker thread must never be left in front of the stage line."""
        if not self.enabled:
            return
        with self.lock:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False


class _LogFileStdout:
    """Stands in for stdout during the run: dbt's progress lines (echoed by dagster-dbt) go to the log file,
    without colour codes, so the console keeps only the stage lines."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle

    def write(self, text: str) -> int:
        self.handle.write(strip_ansi(text))
        return len(text)

    def flush(self) -> None:
        self.handle.flush()

    def isatty(self) -> bool:
        return False


class _FileFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        meta = getattr(record, "dagster_meta", None)
        stamp = self.formatTime(record, "%Y-%m-%d %H:%M:%S")
        if not meta:
            return f"{stamp} {record.levelname:<7} {record.name}: {record.getMessage()}"
        event = meta.get("dagster_event")
        step = meta.get("step_key") or "-"
        what = f"{event.event_type_value} " if event is not None else ""
        # Engine events are DEBUG in Dagster; here they are the run's milestones.
        level = "EVENT" if event is not None and record.levelno < logging.INFO else record.levelname
        return f"{stamp} {level:<7} {step}: {what}{meta.get('orig_message', '')}".rstrip()


class _OperatorLevel(logging.Filter):
    """INFO and above, plus the engine events that tell when a stage started, ended and what it made."""

    def __init__(self, verbosity: int) -> None:
        super().__init__()
        self.verbosity = verbosity

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.INFO or self.verbosity >= VERBOSE:
            return True
        event = (getattr(record, "dagster_meta", None) or {}).get("dagster_event")
        return event is not None and event.event_type_value in FILE_EVENTS


@dataclass
class RunSession:
    log_path: Path
    watcher: RunWatcher
    logger_defs: dict[str, dg.LoggerDefinition]


def log_path_for(warehouse: Path, run_id: str) -> Path:
    return warehouse.parent / "logs" / f"refresh-{time.strftime('%Y%m%d-%H%M%S')}-{run_id[:8]}.log"


@contextmanager
def run_session(log_path: Path, out: TextIO, err: TextIO, verbosity: int) -> Iterator[RunSession]:
    """While the refresh runs: Dagster events to the watcher and the log file, stdout/warnings to the file."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(log_path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (closed below)
    file_handler = logging.StreamHandler(handle)
    file_handler.setFormatter(_FileFormatter())
    file_handler.addFilter(_OperatorLevel(verbosity))
    bar = ProgressBar(err) if verbosity >= NORMAL else None
    watcher = RunWatcher(out, err, verbosity, bar)

    events = logging.getLogger("asnwh.refresh")
    events.setLevel(logging.DEBUG)
    events.propagate = False
    events.handlers = [file_handler, watcher]

    progress = logging.getLogger(PROGRESS_LOGGER)
    progress.setLevel(logging.DEBUG)
    progress.handlers = [bar] if bar and bar.enabled else []

    # Library logging and Python warnings (the demo-key warning, dbt adapters...) belong in the file: our own
    # packages from INFO (per-file lines), everybody else's from WARNING.
    root = logging.getLogger()
    saved_root = (root.handlers[:], root.level)
    root.handlers = [file_handler]
    root.setLevel(logging.WARNING)
    ours = [logging.getLogger(name) for name in OWN_PACKAGES]
    saved_levels = [lg.level for lg in ours]
    for lg in ours:
        lg.setLevel(logging.INFO)
    logging.captureWarnings(True)

    @dg.logger(description="asnwh run: stage lines on the console, the event log in a file")
    def _cli_logger(_init_context: dg.InitLoggerContext) -> logging.Logger:
        return events

    saved_stdout = sys.stdout
    sys.stdout = _LogFileStdout(handle)
    try:
        yield RunSession(log_path, watcher, {"asnwh_cli": _cli_logger})
    finally:
        sys.stdout = saved_stdout
        if bar:
            bar.clear()
        logging.captureWarnings(False)
        root.handlers, _ = saved_root
        root.setLevel(saved_root[1])
        for lg, level in zip(ours, saved_levels, strict=True):
            lg.setLevel(level)
        events.handlers = []
        progress.handlers = []
        handle.close()
