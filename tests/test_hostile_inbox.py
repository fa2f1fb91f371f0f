"""Issue 18 end to end: an inbox holding every hostile file beside the good ones refreshes with `asnwh run`;
the good files load, each hostile one is recorded with its reason, every row is accounted for, nothing
outside the inbox is read, no formula text reaches the marts and no NIP leaves the raw zone."""

from __future__ import annotations

import json
import re
import shutil
import stat
import time
from pathlib import Path

import duckdb
import pytest

from tests import hostile_inputs as h
from tests.conftest import run_asnwh

pytestmark = pytest.mark.xdist_group("pipeline")

# Tight limits so the run stays short; the defaults are in extractors.sandbox.
LIMITS = {"ASNWH_EXTRACT_TIMEOUT_S": "30", "ASNWH_EXTRACT_MEMORY_MB": "1024"}
NIP_RE = re.compile(r"(?<!\d)(19|20)\d{6}(19|20)\d{4}[12]\d{3}(?!\d)")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, sample_inputs):
    tmp = tmp_path_factory.mktemp("hostile")
    inbox = tmp / "inbox"
    shutil.copytree(sample_inputs, inbox)
    planted = {
        "huge_header": h.huge_header_field(inbox),
        "one_line": h.one_line_50mb(inbox),
        "formula": h.formula_text(inbox),
        "xls": h.legacy_xls(inbox),
        "no_facts": h.document_without_facts(inbox),
        "html": h.quadratic_html_table(inbox),
        "bomb": h.pdf_bomb(inbox),
    }
    planted["quote"], quote_nips = h.unterminated_quote(inbox)
    planted["original"], planted["correction"] = h.original_and_correction(inbox)
    planted["twin_a"], planted["twin_b"] = h.same_name_two_folders(inbox)
    links = h.links_and_hidden(inbox, tmp / "outside")
    start = time.monotonic()
    proc = run_asnwh(tmp, "run", timeout=600, **LIMITS)
    seconds = time.monotonic() - start
    print(f"hostile inbox refresh: {seconds:.1f} s")
    return tmp, inbox, planted, links, proc, seconds


def _q(wh: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _loads(tmp: Path) -> dict[str, tuple]:
    rows = _q(tmp / "warehouse.duckdb",
              "select file, status, reason, rows_in, rows_loaded, rows_quarantined from audit.file_loads "
              "where run_id = (select run_id from audit.runs order by finished_at desc limit 1)")
    return {r[0]: r[1:] for r in rows}


def _name(inbox: Path, path: Path) -> str:
    return path.relative_to(inbox).as_posix()


def test_the_refresh_succeeds_within_five_minutes(hostile_run) -> None:
    _tmp, _inbox, _planted, _links, proc, seconds = hostile_run
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert seconds < 300


def test_good_files_are_loaded(hostile_run, sample_inputs) -> None:
    tmp, inbox, planted, _links, _proc, _s = hostile_run
    loads = _loads(tmp)
    for p in sample_inputs.rglob("*"):
        if p.is_file() and p.suffix != ".json":
            assert loads[_name(sample_inputs, p)][0] == "loaded", p.name
    for key in ("formula", "correction", "twin_a", "twin_b"):
        assert loads[_name(inbox, planted[key])][0] == "loaded", key
    # Two files called data.csv in two folders are two files, both loaded.
    twins = _q(tmp / "warehouse.duckdb", "select source_file, count(*) from raw.simpeg_employees "
               "where source_file like '%data.csv' group by 1 order by 1")
    assert twins == [("kab_serang/data.csv", 12), ("kota_tangsel/data.csv", 15)]


def test_each_hostile_file_is_recorded_with_its_reason(hostile_run) -> None:
    tmp, inbox, planted, links, _proc, _s = hostile_run
    loads = _loads(tmp)

    def status(key: str) -> tuple:
        return loads[_name(inbox, planted[key])]

    assert status("huge_header")[0] == "failed" and status("huge_header")[1].startswith("too_large")
    assert status("one_line")[0] == "failed" and status("one_line")[1].startswith("too_large")
    assert status("xls")[0] == "failed" and ".xlsx" in status("xls")[1]
    assert status("no_facts")[:2] == ("empty", "no_facts: no table or statement in the document yielded a fact")
    assert status("bomb")[0] == "failed" and status("bomb")[1].split(":")[0] in {"too_large", "timeout"}
    html_status, html_reason = status("html")[:2]
    assert html_status in {"loaded", "empty"} or html_reason.startswith("timeout"), status("html")
    # The replaced export is recorded as superseded by the file that replaced it.
    original = status("original")
    assert original[0] == "superseded" and _name(inbox, planted["correction"]) in original[1]
    for key in ("passwd_link", "folder_link", "hidden_file", "hidden_dir"):
        got = loads[_name(inbox, links[key])]
        assert got[0] == "ignored" and got[1], key
    assert "symbolic link" in loads[_name(inbox, links["passwd_link"])][1]


def test_nothing_outside_the_inbox_is_read(hostile_run) -> None:
    tmp, _inbox, _planted, _links, _proc, _s = hostile_run
    wh = tmp / "warehouse.duckdb"
    assert _q(wh, "select count(*) from raw.documents where source_file like 'renstra_bkpsdm_kota_serang_2025%'") \
        == [(0,)]
    assert _q(wh, "select count(*) from raw.simpeg_employees where region_name = 'Kota Luar' "
              "or source_file like 'luar/%'") == [(0,)]
    assert _q(wh, "select count(*) from audit.file_loads where file like 'luar/%'") == [(0,)]


def test_every_row_is_accounted_for(hostile_run) -> None:
    tmp, inbox, planted, _links, _proc, _s = hostile_run
    loads = _loads(tmp)
    for name, (status, _reason, rows_in, loaded, quarantined) in loads.items():
        if status in {"loaded", "empty", "superseded"}:
            assert rows_in == loaded + quarantined, name
    # The unterminated quote on data row 5 of 40 costs that row only.
    assert loads[_name(inbox, planted["quote"])][2:] == (40, 39, 1)


def test_no_formula_text_in_the_marts(hostile_run) -> None:
    tmp, *_ = hostile_run
    wh = tmp / "warehouse.duckdb"
    columns = _q(wh, "select table_name, column_name from information_schema.columns where table_schema = 'marts' "
                 "and data_type = 'VARCHAR'")
    assert columns
    for table, column in columns:
        bad = _q(wh, f'select "{column}" from marts."{table}" where regexp_matches("{column}", \'^[=+@\\t\\r]\') '
                 f'or (regexp_matches("{column}", \'^-\') and not regexp_full_match("{column}", '
                 "'^-+$|^-[0-9]+([.,][0-9]+)*%?$')) limit 3")
        assert bad == [], (table, column, bad)
    # ... while the raw zone keeps the values as read, and the unit reaches the marts escaped.
    assert _q(wh, "select count(*) from raw.simpeg_employees where unit_kerja like '=HYPERLINK%'") == [(1,)]
    agencies = {r[0] for r in _q(wh, "select agency_name from marts.fct_asn_composition where source = 'simpeg'")}
    assert "'@Pemerintah Kota Cilegon" in agencies


def test_no_nip_outside_the_raw_zone(hostile_run) -> None:
    tmp, _inbox, _planted, _links, proc, _s = hostile_run
    wh = tmp / "warehouse.duckdb"
    columns = _q(wh, "select table_schema, table_name, column_name from information_schema.columns "
                 "where table_schema not in ('raw', 'information_schema', 'pg_catalog') "
                 "and data_type in ('VARCHAR', 'JSON')")
    for schema, table, column in columns:
        hits = _q(wh, f'select "{column}"::varchar from "{schema}"."{table}" '
                  f"where regexp_matches(\"{column}\"::varchar, '(19|20)[0-9]{{6}}(19|20)[0-9]{{4}}[12][0-9]{{3}}') "
                  "limit 2")
        assert hits == [], (schema, table, column, hits)
    status = run_asnwh(tmp, "status")
    for text in (proc.stdout, proc.stderr, status.stdout, status.stderr):
        assert not NIP_RE.search(text)
    for path in [*tmp.glob("warehouse.duckdb.*.json"), *(tmp / "dagster").rglob("*")]:
        if path.is_file():
            assert not NIP_RE.search(path.read_bytes().decode("utf-8", errors="replace")), path


def test_warehouse_files_are_not_world_readable(hostile_run) -> None:
    tmp, *_ = hostile_run
    for path in (tmp / "warehouse.duckdb", tmp / "warehouse.duckdb.previous"):
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) & 0o007 == 0, path
    build = tmp / ".build"
    assert not build.exists() or not list(build.iterdir())


def test_statuses_in_the_audit_are_documented(hostile_run) -> None:
    tmp, *_ = hostile_run
    seen = {r[0] for r in _q(tmp / "warehouse.duckdb", "select distinct status from audit.file_loads")}
    assert seen <= {"loaded", "empty", "skipped_unchanged", "failed", "superseded", "ignored"}
    summary = json.loads(_q(tmp / "warehouse.duckdb", "select summary from audit.runs order by finished_at desc "
                               "limit 1")[0][0] or "{}")
    assert isinstance(summary, dict)


def test_a_second_run_changes_nothing_and_keeps_the_correction(hostile_run) -> None:
    tmp, inbox, planted, *_ = hostile_run
    proc = run_asnwh(tmp, "run", timeout=600, **LIMITS)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "nothing to refresh" in proc.stdout
    rows = _q(tmp / "warehouse.duckdb", "select source_file, count(*) from raw.simpeg_employees "
              "where agency_name = 'Pemerintah Kabupaten Pandeglang' group by 1")
    assert rows == [(_name(inbox, planted["correction"]), 28)]
