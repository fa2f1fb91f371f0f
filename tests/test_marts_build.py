"""The analyst-facing marts, built for real: raw rows ► `dbt build` ► numbers checked against the sources.

Raw rows come through the pipeline's own loaders: the bundled sample PDFs through the document extractor
(`warehouse.load_documents.load_document`), SIMPEG exports written here through the SIMPEG loader
(`extractors.simpeg.load_export`). Expected numbers come from the sample documents' truth file and from the
exports' rows, computed here in Python. One warehouse is built per module and shared by the tests; a second
build after adding one document checks the incremental models.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
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


# --- documents ----------------------------------------------------------------------------------------------

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


def build_raw(db: Path, work: Path, *, skip: tuple[str, ...] = ()) -> tuple[list[Path], dict[str, dict]]:
    """Fill a new warehouse file's raw zone: the sample PDFs through the document extractor, the SIMPEG
    exports through the SIMPEG loader."""
    from extractors.simpeg import load_export

    paths, truth = sample_documents(work / "documents")
    con = duckdb.connect(str(db))
    try:
        ensure_schema(con)
        for path in paths:
            if path.name not in skip:
                load_pdf(con, path, "run-1")
        for path in simpeg_exports(work / "simpeg"):
            load_export(path, con, run_id="run-1", pseudonym_key=KEY)
    finally:
        con.close()
    return paths, truth


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
    paths, truth = build_raw(db, work, skip=(NEW_DOC,))
    first = dbt_build(db)
    assert first.returncode == 0, first.stdout[-4000:]
    con = duckdb.connect(str(db))
    before = {
        "employee_rows": con.sql("select count(*) from intermediate.int_ip_asn_employee_scores").fetchone()[0],
        "built_at": con.sql("select max(built_at) from intermediate.int_ip_asn_employee_scores").fetchone()[0],
    }
    con.close()
    # The nightly case: one new document arrives, the incremental models keep their history.
    con = duckdb.connect(str(db))
    load_pdf(con, next(p for p in paths if p.name == NEW_DOC), "run-2")
    con.close()
    second = dbt_build(db)
    assert second.returncode == 0, second.stdout[-4000:]
    con = duckdb.connect(str(db), read_only=True)
    yield {"con": con, "db": db, "truth": truth, "before": before, "work": work,
           "second": second}
    con.close()


def q(wh: dict, sql: str, *params):
    return wh["con"].execute(sql, list(params)).fetchall()
