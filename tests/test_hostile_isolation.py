"""Issue 18, isolation per file: the worker process's wall-clock and memory limits, and every way a SIMPEG
export can break its reader failing that export alone, with its reason and every row counted."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from extractors.errors import UnreadableFileError
from extractors.sandbox import Limits, run_limited
from tests import hostile_inputs as h
from warehouse.simpeg_load import load_export, load_exports

KEY = b"k" * 32


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _allocate(mb: int) -> int:
    return len(bytearray(mb << 20))


def _ocr_pages(pages: int, seconds_each: float, stuck_after: int | None = None) -> str:
    """A long scan's reading as the worker sees it: the OCR reports each page done (the real hook)."""
    from extractors.documents import ocr

    for done in range(1, pages + 1):
        time.sleep(60 if done == stuck_after else seconds_each)
        if ocr._ON_PAGE is not None:
            ocr._ON_PAGE(done, pages)
    return "read"


def _raise() -> None:
    raise KeyError("a bug in an extractor")


def test_a_worker_past_its_wall_clock_limit_is_stopped() -> None:
    start = time.monotonic()
    with pytest.raises(UnreadableFileError) as err:
        run_limited(_sleep, (60,), "/inbox/slow.md", Limits(timeout_s=1.5, memory_mb=1024))
    assert err.value.reason_code == "timeout"
    assert time.monotonic() - start < 20
    assert run_limited(_sleep, (0.01,), "/inbox/quick.md", Limits(timeout_s=30, memory_mb=1024)) == "woke"


def test_a_long_scan_gets_time_per_ocr_page_but_a_stuck_page_still_stops_it() -> None:
    # Margins are wide: a worker takes seconds to start on a loaded machine.
    limits = Limits(timeout_s=8.0, memory_mb=1024, ocr_page_timeout_s=10.0)
    # 3 pages of 3.5 s: past the plain 8 s limit, within 8 s + 3 x 10 s, never 8 s without a page done.
    assert run_limited(_ocr_pages, (3, 3.5), "/inbox/scan.pdf", limits) == "read"
    start = time.monotonic()
    with pytest.raises(UnreadableFileError) as err:
        run_limited(_ocr_pages, (40, 0.2, 2), "/inbox/stuck_scan.pdf", limits)
    assert err.value.reason_code == "timeout" and "/inbox/stuck_scan.pdf" in str(err.value.path)
    assert time.monotonic() - start < 60  # stopped soon after its second page stalled, not after 40 x 10 s


def test_a_worker_past_its_memory_limit_fails_the_file_as_too_large() -> None:
    with pytest.raises(UnreadableFileError) as err:
        run_limited(_allocate, (3000,), "/inbox/bomb.pdf", Limits(timeout_s=60, memory_mb=1024))
    assert err.value.reason_code == "too_large"
    assert run_limited(_allocate, (50,), "/inbox/fine.pdf", Limits(timeout_s=60, memory_mb=1024)) == 50 << 20


def test_an_extractor_bug_in_the_worker_names_where_it_happened() -> None:
    with pytest.raises(UnreadableFileError) as err:
        run_limited(_raise, (), "/inbox/x.pdf", Limits(timeout_s=30, memory_mb=1024))
    assert err.value.reason_code == "extractor_error" and "KeyError" in err.value.reason


def test_a_pdf_that_inflates_to_a_gibibyte_fails_alone(tmp_path: Path) -> None:
    from warehouse.load_documents import load_document
    from warehouse.schema import ensure_schema

    bomb = h.pdf_bomb(tmp_path)
    assert bomb.stat().st_size < 8 << 20
    con = duckdb.connect()
    ensure_schema(con)
    result = load_document(con, bomb, sha256="x", run_id="r", limits=Limits(timeout_s=60, memory_mb=1024))
    assert result.status == "failed"
    status, reason = con.execute("SELECT status, reason FROM audit.file_loads").fetchone()
    assert status == "failed" and reason.split(":")[0] in {"too_large", "timeout"}


@pytest.mark.parametrize("writer", [h.huge_header_field, h.one_line_50mb])
def test_an_oversized_header_or_line_fails_the_export_with_too_large(tmp_path: Path, writer) -> None:
    path = writer(tmp_path)
    con = duckdb.connect(str(tmp_path / "wh95.duckdb"))
    with pytest.raises(UnreadableFileError) as err:
        load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert err.value.reason_code == "too_large" and path.name in str(err.value)
    assert con.execute("SELECT status, reason FROM audit.file_loads").fetchone()[0] == "failed"


def test_an_unterminated_quote_costs_one_row_not_the_rest_of_the_file(tmp_path: Path) -> None:
    path, nips = h.unterminated_quote(tmp_path)
    con = duckdb.connect(str(tmp_path / "wh104.duckdb"))
    report = load_export(path, con, run_id="r", pseudonym_key=KEY)
    assert (report.rows_in, report.rows_loaded, report.rows_quarantined) == (40, 39, 1)
    assert con.execute("SELECT record, reason_code FROM audit.quarantine").fetchall() == [("line 6", "malformed_row")]
    loaded = {r[0] for r in con.execute("SELECT nip FROM raw.simpeg_employees").fetchall()}
    assert loaded == set(nips) - {nips[4]}


def test_a_quoted_line_break_is_counted_against_the_lines_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "simpeg_kota_serang_2024-12-31.csv"
    rows = [h.simpeg_line(h.nip(i), instansi="Pemerintah Kota Serang") for i in range(1, 11)]
    rows[3] = rows[3].replace("Bidang Mutasi", '"Bidang\nMutasi"')
    path.write_text(h.SIMPEG_HEAD + "\n" + "\n".join(rows) + "\n")
    report = load_export(path, duckdb.connect(str(tmp_path / "wh117.duckdb")), run_id="r", pseudonym_key=KEY)
    # 11 physical data lines; the two halves of the broken row are quarantined, nothing vanishes.
    assert report.rows_in == 11 and report.rows_loaded == 9 and report.rows_quarantined == 2


def test_a_correction_supersedes_the_original_snapshot(tmp_path: Path) -> None:
    first, second = h.original_and_correction(tmp_path)
    con = duckdb.connect(str(tmp_path / "wh124.duckdb"))
    load_export(first, con, run_id="night1", pseudonym_key=KEY)
    load_export(second, con, run_id="night2", pseudonym_key=KEY)
    assert con.execute("SELECT source_file, count(*) FROM raw.simpeg_employees GROUP BY 1").fetchall() == [
        (second.name, 28)]
    rows = con.execute(
        "SELECT run_id, file, status, reason, sha256 FROM audit.file_loads ORDER BY loaded_at").fetchall()
    assert rows[0][:3] == ("night1", first.name, "loaded")
    assert rows[-1][:3] == ("night2", first.name, "superseded") and second.name in rows[-1][3]
    # Seen with its hash, so an unchanged original is not loaded again over its correction.
    from warehouse.inbox import last_seen

    assert last_seen(con)[first.name] == (rows[0][4], "superseded")
    # Both in one batch: the later in inbox order wins, the other is recorded superseded in the same run.
    con = duckdb.connect(str(tmp_path / "wh138.duckdb"))
    results = load_exports([first, second], con, run_id="one", pseudonym_key=KEY)
    assert [r.status for r in results] == ["superseded", "loaded"]
    assert dict(con.execute("SELECT file, status FROM audit.file_loads").fetchall()) == {
        first.name: "superseded", second.name: "loaded"}


def test_same_file_name_in_two_folders_is_two_files(tmp_path: Path) -> None:
    a, b = h.same_name_two_folders(tmp_path)
    con = duckdb.connect(str(tmp_path / "wh147.duckdb"))
    results = load_exports([a, b], con, run_id="r", pseudonym_key=KEY, names=["kab_serang/data.csv",
                                                                              "kota_tangsel/data.csv"])
    assert [r.status for r in results] == ["loaded", "loaded"]
    assert con.execute("SELECT source_file, count(*) FROM raw.simpeg_employees GROUP BY 1 ORDER BY 1").fetchall() \
        == [("kab_serang/data.csv", 12), ("kota_tangsel/data.csv", 15)]


def test_an_export_with_no_valid_row_is_empty_and_keeps_the_earlier_snapshot(tmp_path: Path) -> None:
    good = h.write_simpeg(tmp_path / "simpeg_kota_serang_2024-12-31.csv", [h.nip(i) for i in range(1, 6)],
                          instansi="Pemerintah Kota Serang")
    bad = tmp_path / "simpeg_kota_serang_2024-12-31_rusak.csv"
    bad.write_text(h.SIMPEG_HEAD + "\n" + "\n".join(
        f"12345;1986-09-26;L;III/a;S1;Bidang;Pemerintah Kota Serang{'' if i else ''}" for i in range(3)) + "\n")
    con = duckdb.connect(str(tmp_path / "wh161.duckdb"))
    load_export(good, con, run_id="r", pseudonym_key=KEY)
    report = load_export(bad, con, run_id="r", pseudonym_key=KEY)
    assert report.status == "empty" and report.reason.startswith("no_valid_rows")
    assert con.execute("SELECT count(*) FROM raw.simpeg_employees").fetchone() == (5,)


def test_quarantine_messages_carry_no_personal_data(tmp_path: Path) -> None:
    path = tmp_path / "simpeg_kota_serang_2024-12-31.csv"
    n = h.nip(7)
    lines = [
        f"{n[:-1]};1986-09-26;L;III/a;S1;Bidang;Pemerintah Kota Serang",          # 17 digits
        f"{h.nip(8)};1987-01-02;L;III/a;S1;Bidang;Pemerintah Kota Serang",       # birth date differs
        f"{h.nip(9)};1986-09-26;L;{h.nip(9)};S1;Bidang;Pemerintah Kota Serang",  # a NIP where golongan goes
    ]
    path.write_text(h.SIMPEG_HEAD + "\n" + "\n".join(lines) + "\n")
    con = duckdb.connect(str(tmp_path / "wh177.duckdb"))
    load_export(path, con, run_id="r", pseudonym_key=KEY)
    messages = [r[0] for r in con.execute("SELECT message FROM audit.quarantine").fetchall()]
    assert len(messages) == 3
    text = " ".join(messages)
    for value in (n[:-1], h.nip(8), h.nip(9), "1987-01-02", "1986-09-26"):
        assert value not in text
    assert con.execute("SELECT count(*) FROM audit.quarantine WHERE raw IS NOT NULL").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM raw.quarantined_rows").fetchone() == (3,)


def test_legacy_xls_is_refused_by_the_reader_with_what_to_do(tmp_path: Path) -> None:
    path = h.legacy_xls(tmp_path)
    with pytest.raises(UnreadableFileError) as err:
        load_export(path, duckdb.connect(str(tmp_path / "wh191.duckdb")), run_id="r", pseudonym_key=KEY)
    assert ".xlsx" in err.value.reason
