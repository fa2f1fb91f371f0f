"""The analyst-facing marts, built for real: raw rows ► `dbt build` ► numbers checked against the sources.

Raw rows: SIMPEG exports written here go through the real SIMPEG loader (`extractors.simpeg.load_export`);
the bundled sample PDFs go through the real document extractor (`warehouse.load_documents.load_document`), or,
with ASNWH_MARTS_TEST_FACTS=truth, their facts are written from the samples' truth file in the shape the
extractor gives them (to tell a mart bug from an extractor regression). Expected numbers come from the
truth file and from the exports' rows, computed here in Python. One warehouse is built per module and shared
by the tests; a second build after adding one document checks the incremental models.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from samples.figures import (
    BANTEN_2024_GENDER,
    BANTEN_2024_GOLONGAN_RUANG,
    BANTEN_2024_PENDIDIKAN,
    BANTEN_FILE,
)
from warehouse.schema import ensure_schema

ROOT = Path(__file__).resolve().parents[1]
DBT = ROOT / ".venv" / "bin" / "dbt"
KEY = b"asnwh-test-pseudonym-key-0123456789"

# --- SIMPEG exports ---------------------------------------------------------------------------------------

# Provinsi Banten 2024 as its LKIP states it (samples/figures.py): golongan/ruang exactly; education with
# PLANTED_S1_AS_S2 of the S1 counted as S2 in SIMPEG, a planted document-vs-SIMPEG difference, and the
# LKIP's "Diploma" as D-III.
BANTEN_GOL = BANTEN_2024_GOLONGAN_RUANG
BANTEN_PNS = sum(BANTEN_2024_GENDER.values())  # 10,692
PLANTED_S1_AS_S2 = 10
BANTEN_PEND = {
    "S3": BANTEN_2024_PENDIDIKAN["S3"], "S2": BANTEN_2024_PENDIDIKAN["S2"] + PLANTED_S1_AS_S2,
    "S1": BANTEN_2024_PENDIDIKAN["S1"] - PLANTED_S1_AS_S2, "D-III": BANTEN_2024_PENDIDIKAN["Diploma"],
    "SLTA": BANTEN_2024_PENDIDIKAN["SLTA"], "SLTP": BANTEN_2024_PENDIDIKAN["SLTP"], "SD": BANTEN_2024_PENDIDIKAN["SD"],
}
PREDIKAT = ("Sangat Baik", "Baik", "Baik", "Cukup")
HUKDIS = ("-", "-", "-", "Ringan")


def _expand(counts: dict[str, int]) -> list[str]:
    return [k for k, n in counts.items() for _ in range(n)]


def simpeg_rows(region: str, n_by_gol: dict[str, int], pend: dict[str, int], seed: int) -> list[dict]:
    """Deterministic employee rows: the i-th row gets the i-th golongan and the i-th education level."""
    gols = _expand(n_by_gol)
    pends = _expand(pend)
    assert len(gols) == len(pends), region
    rows = []
    for i, (gol, pen) in enumerate(zip(gols, pends, strict=True)):
        birth = dt.date(1965 + (i * 7 + seed) % 35, 1 + i % 12, 1 + i % 28)
        tmt = dt.date(max(birth.year + 23, 1990) + i % 5, 1 + (i * 5) % 12, 1)
        sex = 1 + (i + seed) % 2
        nip = f"{birth:%Y%m%d}{tmt:%Y%m}{sex}{(i % 999) + 1:03d}"
        jenis = ("Struktural", "Fungsional", "Fungsional", "Pelaksana")[i % 4]
        rows.append({
            "nip": nip,
            "nama": f"Pegawai {seed}-{i}",
            "tgl_lahir": birth.isoformat(),
            "jenis_kelamin": "L" if sex == 1 else "P",
            "status_kepegawaian": "PNS",
            "golongan_ruang": gol,
            "jenis_jabatan": jenis,
            "tingkat_pendidikan": pen,
            "unit_kerja": ("Sekretariat", "Bidang Mutasi", "Bidang Pengembangan")[i % 3],
            "instansi": f"Pemerintah {region}",
            "tmt_cpns": tmt.isoformat(),
            # IP ASN inputs; every 10th employee lacks the SKP predikat (not measurable).
            "diklat_kepemimpinan": "Ya" if i % 3 == 0 else "Tidak",
            "diklat_fungsional": "Ya" if i % 2 == 0 else "Tidak",
            "diklat_teknis_jp": str((i * 13) % 40),
            "seminar": "Ya" if i % 5 else "Tidak",
            "skp_predikat": "" if i % 10 == 9 else PREDIKAT[i % 4],
            "hukuman_disiplin": HUKDIS[i % 4],
        })
    return rows


def write_export(path: Path, rows: list[dict], as_of: dt.date) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*rows[0], "tanggal_data"], delimiter=";")
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "tanggal_data": as_of.isoformat()})
    return path


def simpeg_exports(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    banten = simpeg_rows("Provinsi Banten", dict(BANTEN_GOL), BANTEN_PEND, 1)
    serang_24 = simpeg_rows("Kota Serang", {"II/c": 40, "III/a": 90, "III/b": 70, "III/d": 60, "IV/a": 40},
                            {"S2": 50, "S1": 190, "D-III": 40, "SLTA": 20}, 2)
    serang_23 = simpeg_rows("Kota Serang", {"II/c": 50, "III/a": 80, "III/b": 60, "III/d": 50, "IV/a": 40},
                            {"S2": 40, "S1": 170, "D-III": 40, "SLTA": 30}, 3)
    bekasi_24 = simpeg_rows("Kota Bekasi", {"II/a": 60, "III/a": 100, "III/c": 60, "IV/a": 80},
                            {"S2": 60, "S1": 170, "D-III": 50, "SLTA": 20}, 4)
    return [
        write_export(out / "simpeg_provinsi_banten_2024-12-31.csv", banten, dt.date(2024, 12, 31)),
        write_export(out / "simpeg_kota_serang_2023-12-31.csv", serang_23, dt.date(2023, 12, 31)),
        write_export(out / "simpeg_kota_serang_2024-12-31.csv", serang_24, dt.date(2024, 12, 31)),
        write_export(out / "simpeg_kota_bekasi_2024-12-31.csv", bekasi_24, dt.date(2024, 12, 31)),
    ]


# --- document facts ---------------------------------------------------------------------------------------

def _unit(scale: str) -> str:
    return {"nilai": "Nilai", "poin": "Poin", "pct": "%"}[scale]


def truth_facts(doc: dict) -> list[dict]:
    """The facts the document extractor emits for one sample document, built from its truth entry: the fact
    contract's shape and the extractor's conventions (a stated total is a fact without a category, flagged when
    its parts do not reach it; a budget line carries only its own level)."""
    facts: list[dict] = []

    def add(metric, kind, value, year, page, table, dimension=None, indicator=None, unit=None, flags=None):
        if value is None:
            return
        facts.append({"metric": metric, "kind": kind, "value": value, "year": year, "page": page,
                      "table": table, "dimension": dimension or {}, "indicator": indicator, "unit": unit,
                      "flags": flags or []})

    for h in doc["headcounts"]:
        add("asn_headcount", "count", h["value"], h["year"], h["page"], h["table"], h["dimension"], unit="orang")
    years = {h["table"]: h["year"] for h in doc["headcounts"]}
    budget_rows = {(b["table"], b["year"], b["kind"], b["value"]) for b in doc["budgets"]}
    for s in doc["stated_totals"]:
        scope = s["scope"]
        flags = [] if s["consistent"] else [f"stated_total_mismatch:{s['stated']}!={s['sum_of_parts']}"]
        if "budget" in scope:
            kind = "pagu" if scope["budget"] == "pagu" else "budget_realisation"
            if (s["table"], int(scope["year"]), kind, s["stated"]) in budget_rows:
                continue  # the total is a row of the matrix itself (the urusan line), already a fact
            add("budget_idr", kind, s["stated"], int(scope["year"]), s["page"], s["table"],
                indicator="JUMLAH", unit="IDR", flags=flags)
        elif "dimension" in scope or "grand_total" in scope:
            add("asn_headcount", "count", s["stated"], years.get(s["table"]), s["page"], s["table"],
                indicator="JUMLAH", unit="orang", flags=flags)
        elif "aspek" in scope or "dimensi" in scope:
            continue  # the index itself is recorded as its own fact
        else:  # a row or column total of a cross table: one dimension key
            add("asn_headcount", "count", s["stated"], years.get(s["table"]), s["page"], s["table"], scope,
                indicator="Jumlah", unit="orang", flags=flags)
    for f in doc["ip_asn"]:
        dim = {} if f["dimensi"] == "total" else {"dimensi": f["dimensi"]}
        name = "Indeks Profesionalitas ASN" if f["dimensi"] == "total" else \
            f"Indeks Profesional ASN Dimensi {f['dimensi'].title()}"
        add("ip_asn", f["kind"], f["value"], f["year"], f["page"], f["table"], dim, name, _unit(f["scale"]))
    for f in doc["merit"]:
        if f["aspek"] == "total":
            add("merit_index", f["kind"], f["score"], f["year"], f["page"], f["table"], {}, "Indeks Sistem Merit",
                "%" if f["kind"] == "capaian_pct" else "Nilai")
        else:
            add("merit_aspect_score", f["kind"], f["score"], f["year"], f["page"], f["table"],
                {"aspek": f["aspek"]}, f"Nilai Aspek {f['aspek']}", "Nilai")
    for f in doc["sakip"]:
        add("sakip_score", f["kind"], f["value"], f["year"], f["page"], f["table"], {},
            "Capaian SAKIP (Sistem Akuntabilitas Kinerja Instansi Pemerintah) Perangkat Daerah",
            "%" if f["kind"] == "capaian_pct" else "Nilai")
    for f in doc["indicators"]:
        add("indicator_value", f["kind"], f["value"], f["year"], f["page"], f["table"], {}, f["indicator"],
            f["unit"])
    for f in doc["budgets"]:
        # The extractor names a budget line by its own level only; its parents are the lines above it.
        level = f.get("level") or ("sub_kegiatan" if f.get("sub_kegiatan") else "kegiatan" if f.get("kegiatan")
                                   else "program")
        if level in ("program", "kegiatan", "sub_kegiatan"):
            dim, label = {level: f[level]}, None
        else:  # an urusan or goal line carrying a pagu
            dim, label = {}, f["program"]
        add("budget_idr", f["kind"], f["value"], f["year"], f["page"], f["table"], dim, label, unit="IDR")
    return facts


def insert_document(con: duckdb.DuckDBPyConnection, doc: dict, run_id: str, sha: str | None = None,
                    *, as_text: bool = False) -> int:
    """The document's truth facts into the raw zone; `as_text` writes them as a text rendering does (a line
    number where the PDF has a page)."""
    sha = sha or f"sha-{doc['file']}"
    con.execute("DELETE FROM raw.document_facts WHERE source_file = ?", [doc["file"]])
    con.execute("DELETE FROM raw.documents WHERE source_file = ?", [doc["file"]])
    con.execute(
        "INSERT INTO raw.documents (source_file, file_sha256, run_id, doc_type, agency, region, period_start,"
        " period_end, pages, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')",
        [doc["file"], sha, run_id, doc["doc_type"], doc["agency"], doc["region"], doc["period"]["start"],
         doc["period"]["end"], doc["pages"]],
    )
    rows = [
        (doc["file"], sha, run_id, i, None if as_text else f["page"], 1000 * f["page"] + i if as_text else None,
         f["table"], doc["agency"], doc["region"], f["metric"],
         f["indicator"], json.dumps(f["dimension"], ensure_ascii=False), f["year"], float(f["value"]),
         f["unit"], f["kind"], json.dumps(f["flags"]))
        for i, f in enumerate(truth_facts(doc))
    ]
    con.executemany("INSERT INTO raw.document_facts (source_file, file_sha256, run_id, fact_index, page, line,"
                    " table_name, agency, region, metric, indicator, dimension, year, value, unit, kind, flags)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def sample_documents(out: Path) -> tuple[list[Path], dict[str, dict]]:
    """The bundled sample PDFs and their truth (the figures printed in them), by file name."""
    from samples.documents import TRUTH_FILE, write_sample_documents

    paths = write_sample_documents(out)
    truth = json.loads((out / TRUTH_FILE).read_text(encoding="utf-8"))["documents"]
    return paths, {d["file"]: d for d in truth}


def load_pdf(con: duckdb.DuckDBPyConnection, path: Path, run_id: str) -> None:
    """The pipeline's own code path: extract the document's facts and write them into the raw zone."""
    from warehouse.load_documents import load_document

    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    result = load_document(con, path, sha256=sha, run_id=run_id)
    assert result.status == "loaded", (path.name, result.reason)


def load_doc(con: duckdb.DuckDBPyConnection, path: Path, truth: dict[str, dict], run_id: str) -> None:
    """One sample document into the raw zone: through the real extractor (default), or with
    ASNWH_MARTS_TEST_FACTS=truth from its truth in the extractor's shape (to tell a mart bug from an extractor
    regression)."""
    if os.environ.get("ASNWH_MARTS_TEST_FACTS", "extractor") == "extractor":
        load_pdf(con, path, run_id)
    else:
        insert_document(con, truth[path.name], run_id)


def build_raw(db: Path, work: Path, *, skip: tuple[str, ...] = ()) -> tuple[list[Path], dict[str, dict]]:
    """Fill a new warehouse file's raw zone: the sample documents' facts, and the SIMPEG exports through the
    SIMPEG loader."""
    from warehouse.simpeg_load import load_export

    paths, truth = sample_documents(work / "documents")
    con = duckdb.connect(str(db))
    try:
        ensure_schema(con)
        for path in paths:
            if path.name not in skip:
                load_doc(con, path, truth, "run-1")
        # The Banten LKIP arrives a second time, as its text rendering: one document, counted once.
        insert_document(con, {**truth[BANTEN_LKIP], "file": BANTEN_TXT, "pages": 1}, "run-1", as_text=True)
        for path in simpeg_exports(work / "simpeg"):
            load_export(path, con, run_id="run-1", pseudonym_key=KEY)
    finally:
        con.close()
    return paths, truth


def dbt_build(db: Path, *args: str, command: str = "build") -> subprocess.CompletedProcess:
    """`dbt build` (models, seeds and their tests) on the warehouse file; `command="run"` for models only."""
    env = {**os.environ, "ASNWH_DBT_DUCKDB_PATH": str(db)}
    proc = subprocess.run(
        [str(DBT), command, "--project-dir", "dbt_project", "--profiles-dir", "dbt_project",
         "--target-path", str(db.parent / "target"), "--log-path", str(db.parent / "logs"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        print(proc.stdout[-6000:], file=sys.stderr)
    return proc


# --- the shared warehouse ---------------------------------------------------------------------------------

NEW_DOC = "lkip_bkpsdm_kabupaten_lebak_2024.pdf"
BANTEN_LKIP = BANTEN_FILE
BANTEN_TXT = "lkip_bkd_provinsi_banten_2024.txt"


class Warehouse:
    """The built warehouse; every query opens its own read-only connection, so dbt can write in between."""

    def __init__(self, db: Path, work: Path, paths: list[Path], truth: dict[str, dict]) -> None:
        self.db, self.work, self.paths, self.truth = db, work, paths, truth
        self.state: dict[str, object] = {}

    def q(self, sql: str, *params):
        con = duckdb.connect(str(self.db), read_only=True)
        try:
            return con.execute(sql, list(params)).fetchall()
        finally:
            con.close()

    def one(self, sql: str, *params):
        rows = self.q(sql, *params)
        assert len(rows) == 1, (sql, rows)
        return rows[0][0] if len(rows[0]) == 1 else rows[0]


@pytest.fixture(scope="module")
def wh(tmp_path_factory) -> Warehouse:
    work = tmp_path_factory.mktemp("marts")
    db = work / "warehouse.duckdb"
    paths, truth = build_raw(db, work, skip=(NEW_DOC,))
    first = dbt_build(db)
    assert first.returncode == 0, first.stdout[-4000:]
    w = Warehouse(db, work, paths, truth)
    w.state["first_build_log"] = first.stdout
    w.state["before"] = {
        "employee_rows": w.one("select count(*) from intermediate.int_ip_asn_employee_scores"),
        "built_at": w.one("select max(built_at) from intermediate.int_ip_asn_employee_scores"),
        "headcount_built_at": w.one("select max(built_at) from intermediate.int_headcount_simpeg"),
        "lebak_rows": w.one("select count(*) from marts.fct_region_scorecard where region_name = 'Kabupaten Lebak'"),
    }
    # The nightly case: one new document arrives; the per-employee models must not be rebuilt.
    con = duckdb.connect(str(db))
    load_doc(con, next(p for p in paths if p.name == NEW_DOC), truth, "run-2")
    con.close()
    second = dbt_build(db, command="run")  # the data tests ran on the first build
    assert second.returncode == 0, second.stdout[-4000:]
    return w


# --- composition ------------------------------------------------------------------------------------------

def test_banten_golongan_iii_a_is_one_row_and_every_source_is_a_candidate(wh: Warehouse) -> None:
    rows = wh.q(
        "select headcount, share, source, source_file from marts.fct_asn_composition where region_name = "
        "'Provinsi Banten' and year = 2024 and dimension = 'golongan_ruang' and category = 'III/a'"
    )
    # SIMPEG over the document for the same population and year (the rule in the model's YAML)
    iii_a = BANTEN_GOL["III/a"]
    assert rows == [(iii_a, pytest.approx(iii_a / BANTEN_PNS), "simpeg", "simpeg_provinsi_banten_2024-12-31.csv")]
    candidates = wh.q(
        "select source_file, source_page, source_line, headcount, is_canonical from "
        "marts.fct_asn_composition_candidates where region_name = 'Provinsi Banten' and year = 2024 and "
        "dimension = 'golongan_ruang' and category = 'III/a' order by source_file"
    )
    truth = next(h for h in wh.truth[BANTEN_LKIP]["headcounts"] if h["dimension"] == {"golongan_ruang": "III/a"})
    assert [(c[0], c[3], c[4]) for c in candidates] == [
        (BANTEN_LKIP, iii_a, False), (BANTEN_TXT, iii_a, False), ("simpeg_provinsi_banten_2024-12-31.csv", iii_a, True)]
    assert candidates[0][1] == truth["page"] and candidates[1][2] is not None  # PDF page, text line
    region_code = wh.one("select distinct region_code from marts.fct_asn_composition where region_name = 'Kota Serang'")
    assert region_code == "36.73"


def test_a_plain_sum_gives_each_source_number_once(wh: Warehouse) -> None:
    """The LKIP as PDF and as text, and the SIMPEG export: 2,514 III/a, 3 IV/e, 5,390 women, not 2 or 3 times."""
    def total(dimension: str, category: str) -> int:
        return wh.one("select sum(headcount) from marts.fct_asn_composition where region_name ilike '%banten%' "
                      "and year = 2024 and dimension = ? and category = ?", dimension, category)

    gol = dict(BANTEN_GOL)
    assert total("golongan_ruang", "III/a") == gol["III/a"]
    assert total("golongan_ruang", "IV/e") == gol["IV/e"]
    women = sum(1 for r in simpeg_rows("Provinsi Banten", gol, BANTEN_PEND, 1) if r["jenis_kelamin"] == "P")
    assert total("jenis_kelamin", "Perempuan") == women
    # The export counts 10 more S2 than the LKIP: SIMPEG is canonical, the LKIP's figure is a candidate and
    # the disagreement is a conflict with both sources.
    assert total("pendidikan", "S2") == BANTEN_PEND["S2"]
    lkip_s2 = next(h["value"] for h in wh.truth[BANTEN_LKIP]["headcounts"] if h["dimension"] == {"pendidikan": "S2"})
    conflicts = wh.q("select value_a, value_b, source_file, source_position, source_file_b from "
                     "marts.rpt_reconciliation where check_type = 'candidate_conflict' and region_name = "
                     "'Provinsi Banten' and dimension = 'pendidikan' and category = 'S2' order by source_file")
    assert [(c[0], c[1], c[2], c[4]) for c in conflicts] == [
        (lkip_s2, BANTEN_PEND["S2"], BANTEN_LKIP, "simpeg_provinsi_banten_2024-12-31.csv"),
        (lkip_s2, BANTEN_PEND["S2"], BANTEN_TXT, "simpeg_provinsi_banten_2024-12-31.csv")]
    assert all(c[3] is not None for c in conflicts)
    # One table or snapshot answers each (region, scope, population, year, dimension): never a mix.
    mixed = wh.q("select region_name, scope, population, year, dimension from marts.fct_asn_composition "
                 "group by all having count(distinct coalesce(source_file, '') || coalesce(table_name, '')) > 1")
    assert mixed == []


def test_each_fact_table_holds_one_row_per_question(wh: Warehouse) -> None:
    for table in ("fct_asn_composition", "fct_professionalism_index", "fct_merit_system", "fct_indicator_performance"):
        rows, questions = wh.one(f"select count(*), count(distinct question_key) from marts.{table}")
        assert rows == questions > 0, table
        orphans = wh.one(f"select count(*) from marts.{table}_candidates as c where not exists "
                         f"(select 1 from marts.{table} as f where f.question_key = c.question_key) "
                         "and c.is_canonical")
        assert orphans == 0, table
    # Every candidate that disagrees with the canonical answer is a conflict in rpt_reconciliation.
    conflicts = dict(wh.q(
        "select case when dimension like 'ip_asn%' then 'fct_professionalism_index' when dimension like 'merit%' "
        "then 'fct_merit_system' when dimension like 'indicator:%' then 'fct_indicator_performance' "
        "else 'fct_asn_composition' end, count(*) from marts.rpt_reconciliation "
        "where check_type = 'candidate_conflict' group by 1"))
    for table, value in (("fct_asn_composition", "headcount"), ("fct_professionalism_index", "value_0_100"),
                         ("fct_merit_system", "score")):
        candidate = f"coalesce(c.{value}, c.value)" if value == "value_0_100" else f"c.{value}"
        canonical = f"coalesce(k.{value}, k.value)" if value == "value_0_100" else f"k.{value}"
        disagreeing = wh.one(
            f"select count(*) from marts.{table}_candidates as c join marts.{table} as k using (question_key) "
            f"where not c.is_canonical and abs({candidate} - {canonical}) >= 0.005")
        assert conflicts.get(table, 0) == disagreeing, table
    assert conflicts.get("fct_professionalism_index", 0) > 0  # Banten's two targets, at least
    disagreeing = wh.one(
        "select count(*) filter (where abs(c.target - k.target) >= 0.005)"
        " + count(*) filter (where abs(c.realisation - k.realisation) >= 0.005)"
        " from marts.fct_indicator_performance_candidates as c join marts.fct_indicator_performance as k"
        " using (question_key) where not c.is_canonical")
    assert conflicts.get("fct_indicator_performance", 0) == disagreeing
    # Budget lines and indicators: one rendering per document (the text rendering of the Banten LKIP adds none).
    assert wh.one("select count(*) from marts.fct_budget where region_name = 'Provinsi Banten' and level = 'total' "
                  "and year = 2024") == 1
    assert wh.one("select count(distinct source_file) from marts.fct_indicator_performance where region_name = "
                  "'Provinsi Banten'") == 1


def test_scope_and_population_are_on_every_composition_row(wh: Warehouse) -> None:
    # The Serang export (300 staff) and Lebak's own staff table (66) are one agency's staff; the Banten
    # export and the LKIP's tables of 10,692 PNS are the whole government's.
    scopes = dict(wh.q("select source_file || ':' || coalesce(table_name, ''), any_value(scope) from "
                       "marts.fct_asn_composition_candidates group by 1"))
    assert scopes["simpeg_kota_serang_2024-12-31.csv:"] == "agency"
    assert scopes["simpeg_provinsi_banten_2024-12-31.csv:"] == "region"
    lebak = wh.q("select distinct scope, table_total from marts.fct_asn_composition where region_name = "
                 "'Kabupaten Lebak' and dimension = 'unit_kerja'")
    assert lebak == [("agency", 66)]
    assert wh.one("select count(*) from marts.fct_asn_composition where scope is null or population is null") == 0
    assert wh.one("select distinct population from marts.fct_asn_composition where dimension = 'eselon' "
                  "and region_name = 'Provinsi Banten'") == "pejabat_struktural"


def test_analyst_facing_types_and_dates(wh: Warehouse) -> None:
    types = wh.q("select table_name, column_name, data_type from duckdb_columns() where schema_name = 'marts'")
    by = {(t, c): d for t, c, d in types}
    assert {d for (t, c), d in by.items() if c == "year"} == {"INTEGER"}
    assert by[("fct_asn_composition", "headcount")] in ("INTEGER", "BIGINT")
    assert by[("fct_budget", "pagu")].startswith("DECIMAL") and by[("fct_budget", "realisation")].startswith("DECIMAL")
    assert not [k for k, d in by.items() if d == "HUGEINT"]
    for table in ("fct_asn_composition", "fct_professionalism_index", "fct_merit_system", "fct_budget",
                  "fct_indicator_performance", "fct_region_scorecard"):
        assert wh.one(f"select count(*) from marts.{table} where as_of_date is null") == 0, table
    commented, total = wh.one("select count(comment), count(*) from duckdb_columns() where schema_name = 'marts'")
    assert commented / total >= 0.8
    assert wh.one("select count(*) from duckdb_tables() where schema_name = 'marts' and comment is null") == 0


def test_education_composition_year_over_year_from_two_snapshots(wh: Warehouse) -> None:
    rows = dict(wh.q(
        "select year, share from marts.fct_asn_composition where source = 'simpeg' and region_name = "
        "'Kota Serang' and dimension = 'pendidikan' and category = 'S2'"
    ))
    assert rows[2023] == pytest.approx(40 / 280)
    assert rows[2024] == pytest.approx(50 / 300)


def test_dim_region_codes_and_parents(wh: Warehouse) -> None:
    assert wh.one("select count(*) from marts.dim_region where region_level = 'provinsi' and is_seeded") == 38
    kab_kota = "select count(*) from marts.dim_region where province_code = ? and region_level <> 'provinsi'"
    assert wh.one(kab_kota, "32") == 27
    assert wh.one(kab_kota, "36") == 8
    assert wh.one("select region_code from marts.dim_region where region_name = 'Kabupaten Majalengka'") == "32.10"
    parent = wh.one("select province_name from marts.dim_region where region_name = 'Kota Bekasi'")
    assert parent == "Provinsi Jawa Barat"


# --- IP ASN -----------------------------------------------------------------------------------------------

def test_ip_asn_poin_and_nilai_scales_are_normalised_to_0_100(wh: Warehouse) -> None:
    def row(region: str, year: int, kind: str):
        return wh.q(
            "select value, scale_max, value_0_100, category from marts.fct_professionalism_index where "
            "region_name = ? and year = ? and kind = ? and dimensi = 'total' order by source_page", region, year, kind
        )[0]

    assert row("Kota Serang", 2021, "realisation") == (pytest.approx(0.90), 1, pytest.approx(90.0), "Tinggi")
    # Banten's 52.81 covers three dimensions (max 60): not banded on the 0-100 scale (next test).
    assert row("Provinsi Banten", 2024, "realisation") == (pytest.approx(52.81), 100, pytest.approx(52.81), None)
    assert row("Kabupaten Lebak", 2024, "realisation") == (pytest.approx(0.80), 1, pytest.approx(80.0), "Sedang")
    # A dimension score keeps its table's scale: Banten's kinerja target of 5 points is not 500.
    kinerja = wh.q("select value, scale_max, index_max from marts.fct_professionalism_index where "
                   "region_name = 'Provinsi Banten' and dimensi = 'kinerja' and kind = 'realisation'")
    assert kinerja == [(pytest.approx(25.61), 100, 30)]


def test_ip_asn_coverage_one_target_and_achievement_kept_apart(wh: Warehouse) -> None:
    truth = [f for f in wh.truth[BANTEN_LKIP]["ip_asn"] if f["year"] == 2024]
    dims = {f["dimensi"]: f["value"] for f in truth if f["kind"] == "realisation" and f["dimensi"] != "total"}
    assert set(dims) == {"kualifikasi", "kinerja", "disiplin"}  # kompetensi is measured elsewhere
    rows = wh.q("select kind, value, coverage_dimensions, coverage_dimension_count, index_max, category, "
                "candidates_count from marts.fct_professionalism_index where region_name = 'Provinsi Banten' "
                "and year = 2024 and dimensi = 'total' order by kind")
    by_kind = {r[0]: r[1:] for r in rows}
    assert set(by_kind) <= {"target", "realisation", "achievement_pct", "computed"}
    real = by_kind["realisation"]
    assert real[0] == pytest.approx(sum(dims.values())) == pytest.approx(52.81)
    assert real[1:5] == ("kualifikasi, kinerja, disiplin", 3, 25 + 30 + 5, None)
    assert real[5] > 1  # printed in several tables and both renderings: still one row
    # One target: the one printed beside the realisation in the performance tables (52.05), not the
    # plan's 27.98 (the sum of the three dimension targets), which is a listed conflict.
    target = by_kind["target"]
    assert target[0] == pytest.approx(52.05) and target[4] is None and target[1] == real[1]
    conflict = wh.q("select value_a, value_b, source_position, source_position_b from marts.rpt_reconciliation "
                    "where check_type = 'candidate_conflict' and region_name = 'Provinsi Banten' and year = 2024 "
                    "and dimension = 'ip_asn_total' and category = 'target'")
    assert conflict and {(round(a, 2), round(b, 2)) for a, b, _, _ in conflict} == {(27.98, 52.05)}
    assert all(p is not None and pb is not None for _, _, p, pb in conflict)
    # A full index printed without a breakdown is banded (Kota Serang 0.90 poin = 90, Tinggi).
    assert wh.one("select category from marts.fct_professionalism_index where region_name = 'Kota Serang' "
                  "and year = 2021 and kind = 'realisation' and dimensi = 'total'") == "Tinggi"


def _expected_ip_asn(rows: list[dict]) -> tuple[float, int, int]:
    """Mean IP ASN of the export rows by the points seed, computed independently of the SQL."""
    with open(ROOT / "dbt_project" / "seeds" / "ref_ip_asn_points.csv", newline="", encoding="utf-8") as fh:
        pts = {(r["dimensi"], r["item"]): int(r["points"]) for r in csv.DictReader(fh)}
    group = {"S3": "S3", "S2": "S2", "S1": "S1/D-IV", "D-IV": "S1/D-IV", "D-III": "D-III", "SLTA": "D-II/D-I/SLTA"}
    scores = []
    for r in rows:
        if not r["skp_predikat"]:
            continue
        jp = int(r["diklat_teknis_jp"])
        if r["jenis_jabatan"] == "Pelaksana":
            komp = pts[("kompetensi", "diklat_teknis_20jp_pelaksana")] if jp >= 20 else 0
        else:
            item = "diklat_kepemimpinan" if r["jenis_jabatan"] == "Struktural" else "diklat_fungsional"
            done = r[item] == "Ya"
            komp = pts[("kompetensi", item)] if done else 0
            komp += pts[("kompetensi", "diklat_teknis_20jp")] if jp >= 20 else 0
        komp += pts[("kompetensi", "seminar")] if r["seminar"] == "Ya" else 0
        dis = "tidak_pernah" if r["hukuman_disiplin"] == "-" else r["hukuman_disiplin"].lower()
        scores.append(pts[("kualifikasi", group[r["tingkat_pendidikan"]])] + komp
                      + pts[("kinerja", r["skp_predikat"])] + pts[("disiplin", dis)])
    return sum(scores) / len(scores), len(scores), len(rows)


def test_ip_asn_computed_from_simpeg_is_the_mean_of_individual_scores(wh: Warehouse) -> None:
    rows = simpeg_rows("Kota Serang", {"II/c": 40, "III/a": 90, "III/b": 70, "III/d": 60, "IV/a": 40},
                       {"S2": 50, "S1": 190, "D-III": 40, "SLTA": 20}, 2)
    mean, measured, total = _expected_ip_asn(rows)
    got = wh.q(
        "select value, employees_measured, employees_total, participation_rate, category from "
        "marts.fct_professionalism_index where kind = 'computed' and dimensi = 'total' and region_name = 'Kota Serang' "
        "and year = 2024"
    )
    assert got == [(pytest.approx(mean), measured, total, pytest.approx(measured / total), got[0][4])]
    assert measured == 270 and total == 300
    # Beside the computed Banten index: what Banten reported for 2024.
    reported = wh.one("select reported_value_0_100 from marts.fct_professionalism_index where kind = 'computed' "
                      "and dimensi = 'total' and region_name = 'Provinsi Banten' and year = 2024")
    assert reported == pytest.approx(52.81)


# --- merit, indicators, budget ---------------------------------------------------------------------------

def test_merit_scheme_and_category(wh: Warehouse) -> None:
    rows = wh.q("select region_name, score, scheme, max_score, category from marts.fct_merit_system where aspek = "
                "'total' and kind = 'realisation' and year = 2024 order by region_name, source_page")
    assert len(rows) == len({r[0] for r in rows})  # one merit realisation per region and year
    got = {r[0]: r[1:] for r in rows}
    assert got["Provinsi Banten"] == (330.5, "kasn_2019", 400, "IV Sangat Baik")
    assert got["Kabupaten Lebak"] == (262.5, "kasn_2019", 400, "III Baik")
    assert got["Kota Tangerang"] == (326.5, "kasn_2019", 400, "IV Sangat Baik")
    aspects = wh.one("select sum(score) from marts.fct_merit_system where region_name = 'Provinsi Banten' and "
                     "year = 2024 and kind = 'realisation' and aspek <> 'total'")
    assert aspects == pytest.approx(330.5)
    # An achievement percentage is never a score: its own kind, no category, no scale.
    pct = wh.q("select score, max_score, category from marts.fct_merit_system where region_name = "
               "'Provinsi Banten' and year = 2024 and aspek = 'total' and kind = 'achievement_pct'")
    assert all(max_score is None and category is None for _, max_score, category in pct)
    assert wh.one("select count(*) from marts.fct_merit_system where kind = 'realisation' and aspek = 'total' "
                  "and scheme = 'kasn_2019' and score < 100") == 0


def test_indicator_performance_pairs_target_and_realisation_under_canonical_codes(wh: Warehouse) -> None:
    row = wh.q("select target, realisation, capaian_pct, met_target from marts.fct_indicator_performance where "
               "indicator_code = 'ip_asn' and region_name = 'Provinsi Banten' and year = 2024 and realisation is "
               "not null and target is not null")
    assert (52.05, 52.81, pytest.approx(101.46), True) in row
    # Every spelling of the IP ASN total lands on one code; unmapped labels keep a label: code.
    codes = {r[0] for r in wh.q("select indicator_code from marts.fct_indicator_performance")}
    assert {"ip_asn", "merit_index", "sakip"} <= codes
    assert wh.one("select count(*) from marts.fct_indicator_performance as f left join marts.dim_indicator as d "
                  "using (indicator_code) where d.indicator_code is null") == 0
    spellings = wh.one("select spellings_seen from marts.dim_indicator where indicator_code = 'ip_asn'")
    assert "Indeks Profesionalitas ASN" in spellings
    assert wh.one("select indicator_code from marts.fct_indicator_performance where indicator_label like "
                  "'Capaian SAKIP (Sistem Akuntabilitas%' group by 1") == "sakip"
    missed = wh.q("select region_name, gap from marts.fct_indicator_performance where indicator_code = 'sakip' "
                  "and year = 2024 and met_target = false")
    assert ("Kabupaten Lebak", pytest.approx(-1.59)) in missed


def test_alias_seed_maps_the_corpus_spellings() -> None:
    with open(ROOT / "dbt_project" / "seeds" / "ref_indicator_aliases.csv", newline="", encoding="utf-8") as fh:
        aliases = sorted(csv.DictReader(fh), key=lambda r: int(r["priority"]))

    def code(label: str) -> str | None:
        text = re.sub(r"\s+", " ", label.lower()).strip()
        return next((a["indicator_code"] for a in aliases if re.search(a["pattern"], text)), None)

    assert code("Indeks Profesionalitas ASN (Kalifikasi, Kinerja dan Kedisiplinan)") == "ip_asn"
    assert code("Indeks Profesional ASN Dimensi Kedisiplinan") == "ip_asn_disiplin"
    assert code("Indeks Profesionalitas ASN Dimensi Kedisplinan yang direlease oleh BKN") == "ip_asn_disiplin"
    assert code("Indeks Profesional ASN Dimensi Kualifikasi") == "ip_asn_kualifikasi"
    assert code("Indeks Merit Sistem") == "merit_index"
    assert code("Persentase Capaian Penerapan Sistem Merit") == "merit_achievement_pct"
    assert code("Capaian SAKIP (Sistem Akuntabilitas Kinerja Instansi Pemerintah) Perangkat Daerah") == "sakip"


def test_budget_programs_add_up_to_the_stated_total(wh: Warehouse) -> None:
    programs = wh.one("select sum(pagu), sum(realisation) from marts.fct_budget where region_name = "
                      "'Provinsi Banten' and year = 2024 and level = 'program'")
    assert programs == (31893121275 + 7102590552, 30364264804 + 6783424991)
    total = wh.one("select pagu from marts.fct_budget where region_name = 'Provinsi Banten' and year = 2024 and "
                   "level = 'total'")
    assert total == 38995711827
    sub = wh.q("select program, kegiatan, pagu, realisation from marts.fct_budget where region_name = "
               "'Provinsi Banten' and sub_kegiatan = 'Penyediaan Gaji dan Tunjangan ASN'")
    assert sub == [("PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI",
                    "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", 21577670000, 20813698871)]


# --- reconciliation ---------------------------------------------------------------------------------------

def test_reconciliation_finds_the_planted_mismatches(wh: Warehouse) -> None:
    lebak = wh.q("select dimension, value_a, value_b, difference from marts.rpt_reconciliation where check_type = "
                 "'stated_total_vs_parts' and region_name = 'Kabupaten Lebak' and status = 'mismatch' order by 1")
    assert ("unit_kerja", 67, 66, 1) in lebak
    serang = wh.q("select value_a, value_b from marts.rpt_reconciliation where check_type = 'stated_total_vs_parts' "
                  "and region_name = 'Kota Serang' and dimension = 'jabatan'")
    assert serang == [(45, 46)]
    # Document vs SIMPEG: the export counts 10 more S2 and 10 fewer S1 than Banten's LKIP.
    s1 = wh.one("select value_a, value_b, difference, status from marts.rpt_reconciliation where check_type = "
                "'document_vs_simpeg' and region_name = 'Provinsi Banten' and year = 2024 and dimension = "
                "'pendidikan' and category = 'S1'")
    assert s1 == (BANTEN_2024_PENDIDIKAN["S1"], BANTEN_PEND["S1"], PLANTED_S1_AS_S2, "mismatch")
    golongan = wh.q("select distinct status from marts.rpt_reconciliation where check_type = 'document_vs_simpeg' "
                    "and region_name = 'Provinsi Banten' and dimension = 'golongan_ruang'")
    assert golongan == [("match",)]
    # Across dimensions of one document: an agency's own staff is another population than the government's.
    pops = {r[0] for r in wh.q("select status from marts.rpt_reconciliation where check_type = 'across_dimensions' "
                               "and region_name = 'Kabupaten Lebak'")}
    assert "different_population" in pops


# --- comparison -------------------------------------------------------------------------------------------

def test_scorecard_ranks_cities_within_their_province_like_with_like(wh: Warehouse) -> None:
    rows = wh.q("select region_name, value, rank_in_peers, peers, province_value, scope "
                "from marts.fct_region_scorecard "
                "where measure = 'share_golongan_iii' and year = 2024 and peer_group = 'Provinsi Banten' "
                "and scope = 'region' order by rank_in_peers")
    values = [r[1] for r in rows]
    assert values == sorted(values, reverse=True)
    assert [r[2] for r in rows] == list(range(1, len(rows) + 1))
    assert {r[3] for r in rows} == {len(rows)}
    banten_iii = sum(n for g, n in BANTEN_GOL.items() if g.startswith("III/")) / BANTEN_PNS
    assert [r[4] for r in rows] == [pytest.approx(banten_iii)] * len(rows)
    # Kota Serang's export holds 300 staff: one agency's, ranked only with other agencies' staff.
    serang = wh.one("select value, scope, rank_in_peers, peers, province_value from marts.fct_region_scorecard "
                    "where measure = 'share_golongan_iii' and year = 2024 and region_name = 'Kota Serang'")
    assert serang[0] == pytest.approx((90 + 70 + 60) / 300) and serang[1] == "agency" and serang[4] is None
    assert "Kota Serang" not in {r[0] for r in rows}
    bekasi = wh.one("select value, peer_group, scope from marts.fct_region_scorecard where measure = "
                    "'share_golongan_iii' and year = 2024 and region_name = 'Kota Bekasi'")
    assert bekasi == (pytest.approx(160 / 300), "Provinsi Jawa Barat", "agency")
    missed = wh.q("select region_name, gap from marts.fct_region_scorecard where measure in ('ip_asn', "
                  "'merit_index') and year = 2024 and gap < 0")
    assert missed == [("Provinsi Banten", pytest.approx(-2.0))]
    # The latest year is the latest with a realisation, never a plan's future target year.
    assert wh.one("select count(*) from marts.fct_region_scorecard where is_latest and value is null") == 0


# --- incremental ------------------------------------------------------------------------------------------

def test_incremental_run_with_one_new_document_keeps_the_employee_history(wh: Warehouse) -> None:
    before = wh.state["before"]
    assert before["lebak_rows"] == 0
    assert wh.one("select count(*) from intermediate.int_ip_asn_employee_scores") == before["employee_rows"]
    assert wh.one("select max(built_at) from intermediate.int_ip_asn_employee_scores") == before["built_at"]
    assert wh.one("select max(built_at) from intermediate.int_headcount_simpeg") == before["headcount_built_at"]
    assert wh.one("select count(*) from marts.fct_region_scorecard where region_name = 'Kabupaten Lebak'") > 0
    assert wh.one("select count(*) from marts.fct_asn_composition where source_file = ?", NEW_DOC) > 0


def test_incremental_run_replaces_a_snapshot_that_was_reloaded(wh: Warehouse) -> None:
    from warehouse.simpeg_load import load_export

    rows = simpeg_rows("Kota Serang", {"III/a": 100, "IV/a": 20}, {"S1": 120}, 9)
    path = write_export(wh.work / "simpeg" / "simpeg_kota_serang_2024-12-31_revised.csv", rows,
                        dt.date(2024, 12, 31))
    con = duckdb.connect(str(wh.db))
    load_export(path, con, run_id="run-3", pseudonym_key=KEY)
    con.close()
    third = dbt_build(wh.db, command="run")
    assert third.returncode == 0, third.stdout[-4000:]
    serang = wh.q("select source_file, count(*) from intermediate.int_ip_asn_employee_scores as s join "
                  "intermediate.int_simpeg_snapshots using (snapshot_key, file_sha256) where region_name = "
                  "'Kota Serang' and s.year = 2024 group by 1")
    assert serang == [(path.name, 120)]
    assert wh.one("select headcount from marts.fct_asn_composition where source = 'simpeg' and region_name = "
                  "'Kota Serang' and year = 2024 and dimension = 'golongan_ruang' and category = 'III/a'") == 100
    # The other snapshots were left as they were.
    assert wh.one("select count(*) from intermediate.int_ip_asn_employee_scores where year = 2023") == 280


def test_dbt_unit_tests_of_the_rules_ran_and_passed(wh: Warehouse) -> None:
    """Scale detection, canonical choice, budget hierarchy and IP ASN scoring, tested on fixed rows by dbt."""
    log = str(wh.state["first_build_log"])
    passed = set(re.findall(r"PASS (int_\w+)::(\w+)", log))
    assert {
        ("int_ip_asn_reported", "ip_asn_scale_coverage_and_canonical_target"),
        ("int_headcount_candidates", "headcount_simpeg_snapshot_over_document_and_scope_by_size"),
        ("int_budget_lines", "budget_lines_get_their_parents_and_level"),
        ("int_ip_asn_employee_scores", "ip_asn_individual_score_by_perban_8_2019"),
    } <= passed, log[-3000:]


def test_run_summary_reads_the_canonical_marts(wh: Warehouse) -> None:
    """`make run`'s summary: Banten's PNS once (the LKIP as PDF and text plus the export would triple them),
    an agency's own staff on its own row, and the partial IP ASN labelled as reported, out of 60, unbanded."""
    from pipelines.summary import summary_rows

    rows = summary_rows(wh.db)
    banten = [r for r in rows if r["region_name"] == "Provinsi Banten"]
    assert len(banten) == 1
    assert banten[0]["pns"] == BANTEN_PNS
    assert banten[0]["ip_asn"] == pytest.approx(52.8) and banten[0]["ip_category"] == "of max 60, reported"
    assert banten[0]["merit"] == pytest.approx(330.5)
    serang = [r for r in rows if r["region_name"].startswith("Kota Serang")]
    agency = next(r for r in serang if r["scope"] == "agency")
    latest_export = wh.one("select pns + cpns from intermediate.int_simpeg_snapshots where region_name = "
                           "'Kota Serang' order by as_of_date desc limit 1")
    assert agency["region_name"] == "Kota Serang (one agency's staff)" and agency["pns"] == latest_export
    assert agency["ip_category"].endswith("computed from SIMPEG")
    assert len({r["region_name"] for r in rows}) == len(rows)


# --- README -----------------------------------------------------------------------------------------------

def readme_queries() -> list[str]:
    """The SQL blocks of README.md's `## Querying the marts` section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Querying the marts", 1)[1]
    section = re.split(r"\n## ", section, maxsplit=1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_readme_queries_run_on_the_marts(wh: Warehouse) -> None:
    queries = readme_queries()
    assert len(queries) >= 3
    results = [wh.q(sql) for sql in queries]
    assert all(results), "every README query returns rows on the test warehouse"
