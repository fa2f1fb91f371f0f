"""The analyst-facing marts, built for real: raw rows ► `dbt build` ► numbers checked against the sources.

Raw rows come from the project's own inputs: document facts from the sample documents' truth file (the
figures printed in the sample PDFs, with the fact contract's shape: stated totals as their own facts, flagged
when the parts do not reach them), or from `extractors.documents.extract_document` when that extractor is
importable and finds facts; SIMPEG rows from SIMPEG exports written here and loaded with the real loader
(`extractors.simpeg.load_export`). One warehouse is built per module and shared by the tests; a second
build after adding one document checks the incremental models.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.schema import ensure_schema

ROOT = Path(__file__).resolve().parents[1]
DBT = ROOT / ".venv" / "bin" / "dbt"
KEY = b"asnwh-test-pseudonym-key-0123456789"

# --- SIMPEG exports ---------------------------------------------------------------------------------------

GOLONGAN_RUANG = ("I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c",
                  "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e")
# Provinsi Banten 2024 as its LKIP states it (golongan/ruang exactly; education with 10 S1 counted as S2 in
# SIMPEG, a planted document-vs-SIMPEG difference).
BANTEN_GOL = (0, 0, 12, 2, 77, 6, 291, 143, 2514, 887, 778, 3080, 1254, 1459, 157, 29, 3)
BANTEN_PEND = {"S3": 62, "S2": 2529, "S1": 7103, "D-III": 419, "SLTA": 533, "SLTP": 27, "SD": 19}
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
    banten = simpeg_rows("Provinsi Banten", dict(zip(GOLONGAN_RUANG, BANTEN_GOL, strict=True)), BANTEN_PEND, 1)
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
    """The facts an extractor emits for one sample document, from its truth entry (fact contract shape)."""
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
            metric = "merit_achievement_pct" if f["kind"] == "capaian_pct" else "merit_index"
            add(metric, f["kind"], f["score"], f["year"], f["page"], f["table"], {}, "Indeks Sistem Merit",
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
        dim = {k: f[k] for k in ("program", "kegiatan", "sub_kegiatan") if f.get(k)}
        add("budget_idr", f["kind"], f["value"], f["year"], f["page"], f["table"], dim, unit="IDR")
    return facts


def insert_document(con: duckdb.DuckDBPyConnection, doc: dict, run_id: str, sha: str | None = None) -> int:
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
        (doc["file"], sha, run_id, i, f["page"], None, f["table"], doc["agency"], doc["region"], f["metric"],
         f["indicator"], json.dumps(f["dimension"], ensure_ascii=False), f["year"], float(f["value"]),
         f["unit"], f["kind"], json.dumps(f["flags"]))
        for i, f in enumerate(truth_facts(doc))
    ]
    con.executemany("INSERT INTO raw.document_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows)
    return len(rows)


def sample_truth(out: Path) -> list[dict]:
    from samples.documents import TRUTH_FILE, write_sample_documents

    write_sample_documents(out)
    return json.loads((out / TRUTH_FILE).read_text(encoding="utf-8"))["documents"]


def build_raw(db: Path, work: Path, *, skip: tuple[str, ...] = ()) -> list[dict]:
    """Fill a new warehouse file's raw zone with the sample documents' facts and the SIMPEG exports."""
    from extractors.simpeg import load_export

    docs = sample_truth(work / "documents")
    con = duckdb.connect(str(db))
    try:
        ensure_schema(con)
        for doc in docs:
            if doc["file"] not in skip:
                insert_document(con, doc, "run-1")
        for path in simpeg_exports(work / "simpeg"):
            load_export(path, con, run_id="run-1", pseudonym_key=KEY)
    finally:
        con.close()
    return docs


def dbt_build(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASNWH_DBT_DUCKDB_PATH": str(db)}
    proc = subprocess.run(
        [str(DBT), "build", "--project-dir", "dbt_project", "--profiles-dir", "dbt_project",
         "--target-path", str(db.parent / "target"), "--log-path", str(db.parent / "logs"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    if proc.returncode != 0:
        print(proc.stdout[-6000:], file=sys.stderr)
    return proc


# --- the shared warehouse ---------------------------------------------------------------------------------

NEW_DOC = "lkip_bkpsdm_kabupaten_lebak_2024.pdf"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("marts")
    db = work / "warehouse.duckdb"
    docs = build_raw(db, work, skip=(NEW_DOC,))
    first = dbt_build(db)
    assert first.returncode == 0, first.stdout[-4000:]
    con = duckdb.connect(str(db))
    before = {
        "employee_rows": con.sql("select count(*) from intermediate.int_ip_asn_employee_scores").fetchone()[0],
        "loaded_at": con.sql("select min(_loaded_at) from intermediate.int_ip_asn_employee_scores").fetchone()[0],
    }
    con.close()
    # The nightly case: one new document arrives, the incremental models keep their history.
    con = duckdb.connect(str(db))
    insert_document(con, next(d for d in docs if d["file"] == NEW_DOC), "run-2")
    con.close()
    second = dbt_build(db)
    assert second.returncode == 0, second.stdout[-4000:]
    con = duckdb.connect(str(db), read_only=True)
    yield {"con": con, "db": db, "docs": {d["file"]: d for d in docs}, "before": before, "work": work,
           "second": second}
    con.close()


def q(wh: dict, sql: str, *params):
    return wh["con"].execute(sql, list(params)).fetchall()
