"""Progress of a long stage (SIMPEG load, document extraction, OCR), for whoever is watching.

Assets and loaders call `report_progress` after each unit of work. `asnwh run` draws it as a progress bar on a
terminal; elsewhere (the Dagster UI, the daemon, tests) nobody listens and a call costs one logging lookup.
It goes through Python logging, not Dagster's event log, so thousands of files do not become thousands of events.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

PROGRESS_LOGGER = "asnwh.progress"

_log = logging.getLogger(PROGRESS_LOGGER)
_log.propagate = False  # never into the root logger's handlers (the run's log file gets the per-file lines)


def report_progress(stage: str, done: int, total: int, item: str = "") -> None:
    """`done` of `total` units of `stage` are finished; `item` names the last one (a file name, a page)."""
    if _log.isEnabledFor(logging.DEBUG) and _log.handlers:
        _log.debug("%s %d/%d %s", stage, done, total, item,
                   extra={"asnwh_progress": (stage, done, total, item)})


def progress_callback(stage: str, total: int) -> Callable[[str], None]:
    """A callback for loops that do not count: each call is one more unit done (thread-safe: the SIMPEG
    loader calls it from its worker threads)."""
    done = 0
    lock = threading.Lock()

    def advance(item: str = "") -> None:
        nonlocal done
        with lock:
            done += 1
            now = done
        report_progress(stage, now, total, item)

    return advance
