"""Run one file's extraction in a worker process with a wall-clock and a memory limit.

A hostile or unlucky input (a PDF whose streams inflate to gigabytes, a table whose parse is quadratic)
must fail that file, not the refresh: the worker gets RLIMIT_AS (address space) so an allocation beyond
the limit raises MemoryError inside it, and the parent kills it when the wall-clock limit passes. Workers
are forked from a forkserver started before any DuckDB or Dagster thread exists in it, so a fork never
copies a lock held by another thread.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable
from typing import Any

from extractors.config import SandboxLimits
from extractors.errors import UnreadableFileError

log = logging.getLogger("asnwh.extract")

TIMEOUT = "timeout"
TOO_LARGE = "too_large"
WORKER_CRASHED = "worker_crashed"

# Its values come with the rest of the extraction's configuration (ExtractionConfig.sandbox).
Limits = SandboxLimits


_CONTEXT: Any = None


def _context() -> Any:
    global _CONTEXT
    if _CONTEXT is None:
        ctx = mp.get_context("forkserver")
        # Imported once in the server, so each worker starts with the extractors loaded.
        ctx.set_forkserver_preload(["extractors.documents"])
        _CONTEXT = ctx
    return _CONTEXT


def _die_with_parent() -> None:
    """Linux: the worker is killed when its parent (the forkserver, which exits with the refresh) dies, so a
    SIGKILLed refresh leaves no extraction running behind it."""
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _child(conn: Any, func: Callable[..., Any], args: tuple, memory_mb: int) -> None:
    _die_with_parent()
    limit = memory_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from extractors.documents import ocr

    # The parent grants time per OCR page: it learns how many there are from these messages.
    ocr.set_progress(lambda done, total: conn.send(("progress", (done, total))))
    try:
        result = ("ok", func(*args))
    except MemoryError:
        result = ("error", (TOO_LARGE, f"needs more than {memory_mb} MB of memory to read"))
    except UnreadableFileError as exc:
        result = ("unreadable", (exc.reason_code, exc.reason))
    except RecursionError:
        result = ("error", (TOO_LARGE, "nested too deeply to read"))
    except Exception as exc:  # an extractor bug: one file fails, with where it happened
        where = traceback.extract_tb(exc.__traceback__)[-1]
        result = ("error", ("extractor_error",
                            f"extractor error: {type(exc).__name__} at {os.path.basename(where.filename)}:"
                            f"{where.lineno}"))
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("error", (TOO_LARGE, f"its result needs more than {memory_mb} MB of memory")))
    finally:
        conn.close()


def run_limited(func: Callable[..., Any], args: tuple, path: str, limits: Limits) -> Any:
    """func(*args) in a worker; its result, or UnreadableFileError(path, reason, code) with code
    timeout | too_large | worker_crashed | extractor_error | the extractor's own code.

    The wall-clock limit is `limits.timeout_s`, plus `limits.ocr_page_timeout_s` for every page the
    worker says it has to OCR; the extra time is granted only while pages keep coming (a page that
    takes longer than `timeout_s` stops the file)."""
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, func, args, limits.memory_mb), daemon=True)
    proc.start()
    child.close()
    start = time.monotonic()
    deadline = start + limits.timeout_s
    try:
        while True:
            now = time.monotonic()
            if not parent.poll(max(0.0, deadline - now)):
                raise UnreadableFileError(
                    path, f"still being read after {time.monotonic() - start:.0f} s: stopped", TIMEOUT)
            try:
                status, payload = parent.recv()
            except EOFError:
                status = None
                break
            if status != "progress":
                break
            done, total = payload
            if done == total or done % 10 == 0:
                log.info("%s: OCR %d/%d pages", path, done, total)
            deadline = min(start + limits.timeout_s + total * limits.ocr_page_timeout_s,
                           time.monotonic() + limits.timeout_s)
        if status is None:
            proc.join(5)
            code = proc.exitcode
            # Past RLIMIT_AS a C library cannot allocate either: it aborts (SIGABRT) instead of raising
            # MemoryError; the kernel's OOM killer sends SIGKILL.
            if code is not None and code < 0 and -code in (signal.SIGKILL, signal.SIGABRT):
                raise UnreadableFileError(
                    path, f"the reading process ran out of memory at the {limits.memory_mb} MB limit "
                    f"({signal.Signals(-code).name})", TOO_LARGE) from None
            raise UnreadableFileError(path, f"the reading process died (exit code {code})", WORKER_CRASHED) \
                from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "ok":
        return payload
    code, reason = payload
    raise UnreadableFileError(path, reason, code)
