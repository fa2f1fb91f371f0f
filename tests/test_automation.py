"""The nightly schedule and the inbox sensor, evaluated against a real inbox folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dagster as dg
import pytest

from pipelines.jobs import inbox_sensor, nightly_refresh_schedule


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    monkeypatch.setenv("ASNWH_INBOX", str(folder))
    return folder


def _evaluate(cursor: str | None):
    context = dg.build_sensor_context(cursor=cursor)
    result = inbox_sensor.evaluate_tick(context)
    return result


def test_sensor_requests_a_run_when_files_arrive_and_change(inbox: Path) -> None:
    empty = _evaluate(None)
    assert not empty.run_requests

    (inbox / "lkip_2024.txt").write_text("LKIP 2024")
    first = _evaluate(empty.cursor)
    assert len(first.run_requests) == 1
    assert first.run_requests[0].tags["asnwh/changed_files"] == "lkip_2024.txt"

    again = _evaluate(first.cursor)
    assert not again.run_requests, "an unchanged inbox starts no run"

    (inbox / "lkip_2024.txt").write_text("LKIP 2024, revised")
    changed = _evaluate(again.cursor)
    assert len(changed.run_requests) == 1
    assert changed.run_requests[0].run_key != first.run_requests[0].run_key


def test_nightly_schedule_runs_the_refresh_at_two_jakarta_time() -> None:
    assert nightly_refresh_schedule.job_name == "refresh"
    jakarta = dt.timezone(dt.timedelta(hours=7))
    context = dg.build_schedule_context(scheduled_execution_time=dt.datetime(2026, 11, 23, 2, 0, tzinfo=jakarta))
    result = nightly_refresh_schedule.evaluate_tick(context)
    assert len(result.run_requests) == 1
    ticks = nightly_refresh_schedule.execution_timezone, nightly_refresh_schedule.cron_schedule
    assert ticks == ("Asia/Jakarta", "0 2 * * *")
