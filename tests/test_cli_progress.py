"""The progress bar of `asnwh run`: drawn on a terminal from the loaders' worker threads, erased before each
stage line, absent when the output is not a terminal."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from pipelines.progress import PROGRESS_LOGGER, progress_callback, report_progress
from pipelines.run_output import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def attach() -> Iterator:
    logger = logging.getLogger(PROGRESS_LOGGER)
    saved = logger.handlers[:], logger.level

    def _attach(bar: ProgressBar) -> None:
        logger.setLevel(logging.DEBUG)
        logger.handlers = [bar]

    yield _attach
    logger.handlers, _ = saved
    logger.setLevel(saved[1])


def test_bar_counts_files_finished_in_worker_threads(attach) -> None:
    screen = Terminal()
    attach(ProgressBar(screen))
    advance = progress_callback("SIMPEG exports", 40)
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(advance, [f"export_{i:02d}.csv" for i in range(40)]))
    drawn = screen.getvalue().split("\r\x1b[2K")[1:]
    assert drawn, "nothing drawn on a terminal"
    # The last draw is the whole stage, whatever the throttle skipped before it.
    assert drawn[-1].startswith("  SIMPEG exports     [" + "#" * ProgressBar.WIDTH + "] 40/40 export_")
    assert len(drawn) < 40, "redrawn at most ten times a second, not once per file"


def test_bar_is_erased_before_a_stage_line(attach) -> None:
    screen = Terminal()
    bar = ProgressBar(screen)
    attach(bar)
    report_progress("documents", 1, 2, "lkip_2024.pdf")
    bar.clear()
    assert screen.getvalue().endswith("1/2 lkip_2024.pdf\r\x1b[2K")


def test_no_bar_when_not_a_terminal(attach) -> None:
    piped = io.StringIO()
    bar = ProgressBar(piped)
    attach(bar)
    report_progress("documents", 1, 2, "lkip_2024.pdf")
    bar.clear()
    assert piped.getvalue() == ""
