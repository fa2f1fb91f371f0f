"""The analyst report, rendered in headless Chromium: every chart and table is there and shows the
warehouse's own numbers, every number cites the page of its document, and nothing links into the inbox.

The warehouse here is built directly at the marts level (realistic rows for five Banten/Jabar regions),
so the test does not depend on the extractors; the numbers are queried back independently of the report.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from warehouse.report.cli import run_report
from warehouse.report.privacy import find_personal_data
from warehouse.schema import ensure_schema

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
RUN_ID = "run-20251101-0200"
AS_OF = date(2025, 6, 30)
GOL_RUANG = ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c"]
PENDIDIKAN = ["SLTA", "D-III", "S1", "S2", "S3"]
USIA = ["19-25", "26-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56-60"]
# region, code, SIMPEG staff (0 = documents only), LKIP file stem
REGIONS = [
    ("Provinsi Banten", "36", 1400, "lkip_bkd_provinsi_banten"),
    ("Kota Serang", "36.73", 650, "lkip_bkpsdm_kota_serang"),
    ("Kota Tangerang", "36.71", 0, "lkip_bkpsdm_kota_tangerang"),
    ("Kabupaten Lebak", "36.02", 0, "lkip_bkpsdm_kabupaten_lebak"),
    ("Kota Bekasi", "32.75", 900, "renstra_bkpsdm_kota_bekasi"),
]
COMPOSITION_COLS = (
    "region_code VARCHAR, region_name VARCHAR, agency_name VARCHAR, year INTEGER, as_of_date DATE, "
    "source VARCHAR, dimension VARCHAR, category VARCHAR, headcount DOUBLE, share DOUBLE, "
    "source_file VARCHAR, source_page INTEGER, source_line INTEGER, table_name VARCHAR"
)


def _ip_category(v: float) -> str:
    return next(n for hi, n in ((60, "Sangat Rendah"), (70, "Rendah"), (80, "Sedang"), (90, "Tinggi"),
                                (100, "Sangat Tinggi")) if v <= hi)


def _merit_category(v: float) -> str | None:
    if v <= 1:
        return None
    return next(n for hi, n in ((175, "I Buruk"), (250, "II Kurang"), (325, "III Baik"), (401, "IV Sangat Baik"))
                if v < hi)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[object, ...]]) -> None:
    """Bulk insert through a DataFrame: row-by-row executemany is slow enough to matter in a 60 s test."""
    names = [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
    frame = pd.DataFrame(rows, columns=names)  # noqa: F841 (read by DuckDB's replacement scan)
    con.execute(f"INSERT INTO {table} SELECT * FROM frame")


def build_warehouse(path: Path, inbox: Path, seed: int = 7) -> None:
    """A warehouse as a refresh leaves it: marts, the SIMPEG staging view's rows and the audit trail."""
    rnd = random.Random(seed)
    inbox.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    ensure_schema(con)
    con.execute("CREATE TABLE staging.stg_simpeg_employees (employee_key VARCHAR, source_file VARCHAR, "
                "as_of_date DATE, region_name VARCHAR, agency_name VARCHAR, jenis_kelamin VARCHAR, "
                "status_kepegawaian VARCHAR, golongan_ruang VARCHAR, golongan VARCHAR, pendidikan VARCHAR, "
                "kelompok_usia VARCHAR)")
    con.execute(f"CREATE TABLE marts.fct_asn_composition ({COMPOSITION_COLS})")
    emp, comp = [], []
    for region, code, staff, stem in REGIONS:
        agency = f"BKPSDM {region}"
        if staff:
            export = f"simpeg_{stem.split('_', 2)[2]}_2025-06.csv"
            (inbox / export).write_text("nip;nama\n")
            for i in range(staff):
                gr = rnd.choices(GOL_RUANG, weights=[2, 3, 4, 5, 9, 8, 10, 9, 8, 4, 1])[0]
                status = "PPPK" if i % 23 == 0 else ("CPNS" if i % 17 == 0 else "PNS")
                emp.append((f"k{code}-{i}", export, AS_OF, region, agency,
                            rnd.choice(["Laki-laki", "Perempuan", "Perempuan"]), status,
                            gr, gr.split("/")[0], rnd.choices(PENDIDIKAN, weights=[15, 12, 50, 20, 3])[0],
                            rnd.choices(USIA, weights=[2, 6, 10, 13, 15, 17, 20, 17])[0]))
        base_total = staff or rnd.randint(700, 2500)
        for year in (2023, 2024):
            pdf = f"{stem}_{year}.pdf"
            (inbox / pdf).write_bytes(b"%PDF-1.4\n%placeholder\n")
            total = base_total + (year - 2024) * rnd.randint(10, 60)
            for page, dim, cats, shape in (
                (31, "golongan", ["I", "II", "III", "IV"], [0.3, 2.5, 5, 2]),
                (33, "pendidikan", PENDIDIKAN, [1.5, 1.2, 5, 2, 0.3]),
                (35, "jenis_kelamin", ["Laki-laki", "Perempuan"], [1, 1.2]),
                (36, "kelompok_usia", USIA, [0.2, 0.6, 1, 1.3, 1.5, 1.7, 2, 1.7]),
            ):
                weights = [w * rnd.uniform(0.7, 1.3) for w in shape]
                counts = [round(total * w / sum(weights)) for w in weights]
                for line_no, (cat, n) in enumerate(zip(cats, counts, strict=True)):
                    comp.append((code, region, agency, year, None, "document", dim, cat, float(n), None, pdf,
                                 page, None, f"Tabel {page}. Keadaan PNS menurut {dim} Tahun {year}"))
                    del line_no
    _insert(con, "staging.stg_simpeg_employees", emp)
    _insert(con, "marts.fct_asn_composition", comp)
    # SIMPEG composition the way int_headcount_simpeg counts it: PNS and CPNS, one row per dimension value.
    codes = ", ".join(f"('{r}', '{c}')" for r, c, _, _ in REGIONS)
    con.execute(f"""
        INSERT INTO marts.fct_asn_composition
        SELECT c.code, region_name, agency_name, year(as_of_date), as_of_date, 'simpeg', dimension, category,
               count(*), null, source_file, null, null, null
        FROM (UNPIVOT (SELECT * FROM staging.stg_simpeg_employees WHERE status_kepegawaian IN ('PNS','CPNS'))
              ON golongan_ruang, golongan, pendidikan, jenis_kelamin, kelompok_usia
              INTO NAME dimension VALUE category)
        JOIN (VALUES {codes}) AS c(region, code) ON c.region = region_name
        GROUP BY ALL
    """)
    con.execute("""UPDATE marts.fct_asn_composition f SET share = headcount / t.total FROM (
        SELECT region_name, source, year, dimension, source_file, sum(headcount) AS total
        FROM marts.fct_asn_composition GROUP BY ALL) t
        WHERE t.region_name = f.region_name AND t.source = f.source AND t.year = f.year
          AND t.dimension = f.dimension AND t.source_file = f.source_file""")

    con.execute("CREATE TABLE marts.fct_professionalism_index (region_code VARCHAR, region_name VARCHAR, "
                "agency_name VARCHAR, year INTEGER, dimensi VARCHAR, kind VARCHAR, value DOUBLE, scale_max INTEGER, "
                "value_0_100 DOUBLE, category VARCHAR, employees_measured BIGINT, participation_rate DOUBLE, "
                "source_file VARCHAR, source_page INTEGER, source_line INTEGER)")
    con.execute("CREATE TABLE marts.fct_merit_system (region_code VARCHAR, region_name VARCHAR, "
                "agency_name VARCHAR, year INTEGER, scheme VARCHAR, aspek VARCHAR, kind VARCHAR, score DOUBLE, "
                "max_score DOUBLE, category VARCHAR, source_file VARCHAR, source_page INTEGER, "
                "source_line INTEGER)")
    ip, merit = [], []
    for idx, (region, code, staff, stem) in enumerate(REGIONS):
        agency = f"BKPSDM {region}"
        base = rnd.uniform(55, 88)
        merit_base = rnd.uniform(210, 345)
        for year in (2023, 2024):
            pdf = f"{stem}_{year}.pdf"
            scale = 1 if idx == 3 else 100  # Lebak reports IP ASN as a 0–1 "poin"
            for kind, v in (("target", base + 3), ("realisation", base + (year - 2023) * rnd.uniform(-4, 6))):
                v = round(v, 2)
                ip.append((code, region, agency, year, "total", kind, v * scale / 100, scale, v,
                           _ip_category(v), None, None, pdf, 12, None))
            scheme, m_scale = ("kasn_index_0_1", 400) if idx == 4 else ("kasn_2019", 1)
            merit_real = merit_base + (year - 2023) * rnd.uniform(-15, 25)
            for kind, v in (("target", merit_base + 10), ("realisation", merit_real)):
                score = round(v / m_scale, 3) if m_scale > 1 else round(v, 1)
                merit.append((code, region, agency, year, scheme, "total", kind, score,
                               1 if m_scale > 1 else 400, _merit_category(score), pdf, 14, None))
        if staff:
            v = round(rnd.uniform(58, 75), 2)
            ip.append((code, region, agency, 2025, "total", "computed", v, 100, v, _ip_category(v), staff - 40,
                       0.93, f"simpeg_{stem.split('_', 2)[2]}_2025-06.csv", None, None))
    _insert(con, "marts.fct_professionalism_index", ip)
    _insert(con, "marts.fct_merit_system", merit)

    _performance_marts(con, rnd)

    files = [(f, "document", "loaded", None, 120, 118, 2) for f in sorted(os.listdir(inbox)) if f.endswith(".pdf")]
    files += [(f, "simpeg", "loaded", None, 700, 697, 3) for f in sorted(os.listdir(inbox)) if f.endswith(".csv")]
    files[1] = (files[1][0], "document", "skipped_unchanged", "sha256 unchanged since last run", 0, 0, 0)
    files.append(("renja_bkd_kota_cilegon_2025.pdf", "document", "failed", "encrypted PDF: needs a password",
                  None, None, None))
    con.executemany("INSERT INTO audit.file_loads (run_id, file, sha256, kind, status, reason, rows_in, "
                    "rows_loaded, rows_quarantined) VALUES (?, ?, 'x', ?, ?, ?, ?, ?, ?)",
                    [(RUN_ID, *f) for f in files])
    con.executemany("INSERT INTO audit.file_loads (run_id, file, kind, status) VALUES (?, ?, 'document', 'loaded')",
                    [("run-old", "old_file.pdf")])
    checks = [("rows_in_equals_loaded_plus_quarantined", "simpeg_employees", "error", True, '{"files": 3}'),
              ("nip_is_18_digits", "simpeg_employees", "error", True, '{"bad": 0}'),
              ("golongan_in_code_list", "simpeg_employees", "error", True, '{"unknown": 0}'),
              ("birth_date_before_tmt", "simpeg_employees", "warn", False, '{"rows": 4}'),
              ("page_or_line_present", "document_facts", "error", True, '{"missing": 0}'),
              ("parts_add_up_to_stated_total", "document_facts", "warn", False, '{"tables": 2}'),
              ("ip_asn_within_scale", "document_facts", "error", False, '{"values": [212.62]}'),
              ("not_null_fct_asn_composition_region_name", "dbt", "error", True, "{}"),
              ("accepted_values_fct_asn_composition_source", "dbt", "error", True, "{}")]
    con.executemany("INSERT INTO audit.dq_results (run_id, check_name, asset, severity, passed, observed) "
                    "VALUES (?, ?, ?, ?, ?, ?)", [(RUN_ID, *c) for c in checks])
    con.executemany("INSERT INTO audit.quarantine VALUES (?, ?, ?, ?, ?, '{}')", [
        (RUN_ID, "simpeg_kota_serang_2025-06.csv", "17", "nip_invalid", "NIP has 17 digits"),
        # a loader's message quoting the rejected row: personal data the report must not show
        (RUN_ID, "simpeg_kota_serang_2025-06.csv", "41", "nip_birth_mismatch",
         "NIP 198001012005011001 says born 1980-01-01, TANGGAL LAHIR 1981-02-03; "
         "HP 081234567890, NIK 3201235101900001"),
        (RUN_ID, "simpeg_kota_serang_2025-06.csv", "203", "birth_date_missing", "TANGGAL LAHIR empty"),
    ])
    con.execute("INSERT INTO audit.runs VALUES (?, ?, ?, 'success', ?, '{}')",
                [RUN_ID, datetime(2025, 11, 1, 2, 0), datetime(2025, 11, 1, 2, 4), str(inbox)])
    con.close()


def _performance_marts(con: duckdb.DuckDBPyConnection, rnd: random.Random) -> None:
    """Indicator, budget, reconciliation and scorecard marts with the columns their dbt models have."""
    con.execute("CREATE TABLE marts.fct_indicator_performance (indicator_code VARCHAR, indicator_name VARCHAR, "
                "region_name VARCHAR, agency_name VARCHAR, year INTEGER, target DOUBLE, realisation DOUBLE, "
                "capaian_pct DOUBLE, capaian_pct_computed DOUBLE, unit VARCHAR, source_file VARCHAR, "
                "source_page INTEGER, source_line INTEGER)")
    con.execute("CREATE TABLE marts.fct_budget (region_name VARCHAR, agency_name VARCHAR, year INTEGER, "
                "level VARCHAR, program VARCHAR, kegiatan VARCHAR, sub_kegiatan VARCHAR, pagu DOUBLE, "
                "realisation DOUBLE, source_file VARCHAR, source_page INTEGER, source_line INTEGER)")
    con.execute("CREATE TABLE marts.rpt_reconciliation (check_type VARCHAR, region_name VARCHAR, year INTEGER, "
                "dimension VARCHAR, category VARCHAR, label_a VARCHAR, value_a DOUBLE, source_a VARCHAR, "
                "label_b VARCHAR, value_b DOUBLE, source_b VARCHAR, difference DOUBLE, status VARCHAR, "
                "source_file VARCHAR, table_name VARCHAR, source_position INTEGER)")
    con.execute("CREATE TABLE marts.fct_region_scorecard (region_name VARCHAR, peer_group VARCHAR, year INTEGER, "
                "measure VARCHAR, value DOUBLE, target DOUBLE, gap DOUBLE, category VARCHAR, "
                "rank_in_peers INTEGER, peers INTEGER, peer_avg DOUBLE, province_value DOUBLE, "
                "is_latest BOOLEAN, source_detail VARCHAR)")
    ind, bud, rec = [], [], []
    for region, _, _, stem in REGIONS:
        pdf = f"{stem}_2024.pdf"
        for code, name, target in (("IKU-1", "Persentase ASN yang memenuhi standar kompetensi", 80.0),
                                   ("IKU-2", "Persentase penyelesaian layanan kepegawaian tepat waktu", 95.0)):
            real = round(target * rnd.uniform(0.8, 1.15), 2)
            ind.append((code, name, region, f"BKPSDM {region}", 2024, target, real, round(real / target * 100, 2),
                        round(real / target * 100, 2), "%", pdf, 52, None))
        total = 0.0
        for prog in ("Program Penunjang Urusan Pemerintahan Daerah", "Program Kepegawaian Daerah"):
            pagu = float(rnd.randint(2, 40) * 250_000_000)
            bud.append((region, f"BKPSDM {region}", 2024, "program", prog, None, None, pagu,
                        round(pagu * rnd.uniform(0.7, 0.99)), pdf, 60, None))
            bud.append((region, f"BKPSDM {region}", 2024, "kegiatan", prog, "Kegiatan x", None, pagu / 2,
                        pagu / 3, pdf, 60, None))
            total += pagu
        bud.append((region, f"BKPSDM {region}", 2024, "total", "JUMLAH", None, None, total, None, pdf, 61, None))
        stated = rnd.randint(900, 1500)
        rec.append(("stated_total_vs_parts", region, 2024, "golongan", None, "stated JUMLAH", stated, "document",
                    "sum of golongan parts", stated - 3, "document", 3, "mismatch", pdf, "Tabel 31", 31))
        rec.append(("across_dimensions", region, 2024, "pendidikan", None, "total pendidikan", stated, "document",
                    "total golongan_ruang", stated, "document", 0, "match", pdf, "Tabel 33", 33))
    _insert(con, "marts.fct_indicator_performance", ind)
    _insert(con, "marts.fct_budget", bud)
    _insert(con, "marts.rpt_reconciliation", rec)
    con.execute("""
        INSERT INTO marts.fct_region_scorecard
        SELECT region_name, 'Provinsi Banten', year, 'ip_asn', value_0_100, null, null, category,
               rank() OVER (ORDER BY value_0_100 DESC), count(*) OVER (), avg(value_0_100) OVER (), null, true,
               source_file
        FROM marts.fct_professionalism_index WHERE kind = 'realisation' AND year = 2024
    """)


class _Dom(HTMLParser):
    """Tables (id → rows of cell texts and hrefs) and images of the DOM Chromium dumped."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[dict[str, str]] = []
        self.hrefs: list[str] = []
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self._table = a.get("id", "")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")
        elif tag == "img":
            self.images.append(a)
        elif tag == "a" and "href" in a:
            self.hrefs.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=40, check=True)


def _num(text: str) -> float:
    """Parse the report's Indonesian number format: 1.234 and 78,50 (leading count of 'n (p%)' cells)."""
    token = text.split(" ")[0].replace("+", "")
    return float(token.replace(".", "").replace(",", "."))


def _rows(dom: _Dom, table_id: str) -> list[dict[str, str]]:
    header, *body = dom.tables[table_id]
    return [dict(zip(header, r, strict=False)) for r in body]


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (make chromium-binary)")
def test_report_renders_the_warehouse_numbers(tmp_path: Path) -> None:
    wh, inbox, out = tmp_path / "warehouse.duckdb", tmp_path / "inbox", tmp_path / "wh" / "report"
    build_warehouse(wh, inbox)
    index = run_report(wh, out)
    assert index == out / "index.html"

    dom_text = _chromium(["--dump-dom", index.as_uri()], tmp_path / "profile").stdout
    dom = _Dom()
    dom.feed(dom_text)

    charts = {i["data-file"] for i in dom.images}
    for name in ("komposisi_golongan", "komposisi_pendidikan", "komposisi_jenis_kelamin", "komposisi_kelompok_usia",
                 "piramida_usia", "ip_asn", "merit_kasn_2019", "merit_kasn_index_0_1", "perubahan_tahunan",
                 "mutu_pemeriksaan", "mutu_berkas", "rekonsiliasi", "indikator_capaian", "anggaran_serapan"):
        assert f"{name}.png" in charts, name
        assert (out / f"{name}.png").stat().st_size > 5_000
    assert all(i["src"].startswith("data:image/png;base64,") for i in dom.images)  # no network, mailable
    assert not re.search(r'(src|href)="https?://', dom_text)

    con = duckdb.connect(str(wh), read_only=True)
    # Composition: SIMPEG totals are PNS+CPNS of the snapshot; document totals are the 2024 table's sum.
    golongan = {r["Wilayah · sumber / Region · source"]: r for r in _rows(dom, "tbl-komposisi-golongan")}
    for region, n in con.execute("select region_name, count(*) from staging.stg_simpeg_employees "
                                 "where status_kepegawaian in ('PNS','CPNS') group by 1").fetchall():
        row = golongan[f"{region} · SIMPEG 30-06-2025"]
        assert _num(row["Jumlah / Total"]) == n
        per_gol = dict(con.execute("select golongan, count(*) from staging.stg_simpeg_employees where "
                                   "region_name = ? and status_kepegawaian in ('PNS','CPNS') group by 1",
                                   [region]).fetchall())
        assert {g: _num(row[g]) for g in per_gol} == per_gol
    for region, total in con.execute("select region_name, sum(headcount) from marts.fct_asn_composition "
                                     "where source = 'document' and year = 2024 and dimension = 'pendidikan' "
                                     "group by 1").fetchall():
        rows = {r["Wilayah · sumber / Region · source"]: r for r in _rows(dom, "tbl-komposisi-pendidikan")}
        assert _num(rows[f"{region} · dokumen 2024"]["Jumlah / Total"]) == total
        assert "hlm. 33" in rows[f"{region} · dokumen 2024"]["Sumber / Source"]

    pyramid = _rows(dom, "tbl-piramida")
    serang_female = con.execute("select count(*) from staging.stg_simpeg_employees where region_name = "
                                "'Kota Serang' and status_kepegawaian in ('PNS','CPNS') and "
                                "jenis_kelamin = 'Perempuan' and kelompok_usia = '41-45'").fetchone()[0]
    assert any(r["Wilayah / Region"] == "Kota Serang" and r["Jenis kelamin / Gender"] == "Perempuan"
               and _num(r["41-45"]) == serang_female for r in pyramid)

    ip = {r["Wilayah / Region"]: r for r in _rows(dom, "tbl-ip-asn")}
    for region, real, target, cat in con.execute(
            "select region_name, max(value_0_100) filter (where kind = 'realisation'), "
            "max(value_0_100) filter (where kind = 'target'), max(category) filter (where kind = 'realisation') "
            "from marts.fct_professionalism_index where year = 2024 group by 1").fetchall():
        assert _num(ip[region]["Realisasi / Actual"]) == pytest.approx(real, abs=0.005)
        assert _num(ip[region]["Target"]) == pytest.approx(target, abs=0.005)
        assert ip[region]["Kategori / Category"] == cat
    merit = {(r["Wilayah / Region"], r["Skema / Scheme"]): r for r in _rows(dom, "tbl-merit")}
    for region, scheme, score, cat in con.execute(
            "select region_name, scheme, score, category from marts.fct_merit_system "
            "where year = 2024 and kind = 'realisation'").fetchall():
        assert _num(merit[(region, scheme)]["Realisasi / Actual"]) == pytest.approx(score, abs=0.005)
        assert merit[(region, scheme)]["Kategori / Category"] == (cat or "–")

    changes = _rows(dom, "tbl-perubahan")
    assert len([r for r in changes if r["Ukuran / Measure"] == "IP ASN"]) == len(ip)

    dq = _rows(dom, "tbl-mutu-pemeriksaan") + _rows(dom, "tbl-mutu-lolos")
    expected = con.execute("select count(*), count(*) filter (where not passed) from audit.dq_results "
                           "where run_id = ?", [RUN_ID]).fetchone()
    assert len(dq) == expected[0]
    assert sum(r["Status"] != "passed" for r in dq) == expected[1]
    files = _rows(dom, "tbl-mutu-berkas")
    assert len(files) == con.execute("select count(*) from audit.file_loads where run_id = ?", [RUN_ID]).fetchone()[0]
    assert any(r["Status"] == "failed" and "encrypted" in r["Alasan / Reason"] for r in files)

    # No links into the inbox (it holds SIMPEG exports with names, NIK and phone numbers): every source is
    # cited by file name and page, and the report holds no NIP-, NIK- or phone-shaped string.
    assert [h for h in dom.hrefs if not h.startswith("#") and h != "dbt-docs/index.html"] == []
    assert "inbox" not in " ".join(dom.hrefs)
    assert "hlm. 31" in dom_text
    written = index.read_text(encoding="utf-8")
    assert find_personal_data(written) == []
    for planted in ("198001012005011001", "081234567890", "3201235101900001"):
        assert planted not in dom_text
    # Reconciliation: every finding that is not a match is listed, with its page.
    recon = _rows(dom, "tbl-rekonsiliasi")
    assert len(recon) == con.execute("select count(*) from marts.rpt_reconciliation where status <> 'match'"
                                     ).fetchone()[0]
    assert all(r["Status"] == "mismatch" and "hlm. 31" in r["Sumber / Source"] for r in recon)
    # Budget: programs only (kegiatan and the stated JUMLAH line are not added on top).
    budget = _rows(dom, "tbl-anggaran")
    assert len(budget) == 2 * len(REGIONS)
    programs = dict(con.execute("select region_name || program, pagu from marts.fct_budget "
                                "where level = 'program'").fetchall())
    assert {r["Wilayah / Region"] + r["Program"]: _num(r["Pagu (Rp)"]) for r in budget} == programs
    indicators = _rows(dom, "tbl-indikator")
    assert sorted(_num(r["Capaian %"]) for r in indicators) == sorted(
        round(v, 1) for (v,) in con.execute("select capaian_pct from marts.fct_indicator_performance").fetchall())
    assert len(_rows(dom, "tbl-perbandingan")) == len(REGIONS)
    con.close()

    shot = tmp_path / "report.png"
    _chromium(["--hide-scrollbars", "--window-size=1280,7000", f"--screenshot={shot}", index.as_uri()],
              tmp_path / "profile")
    assert shot.stat().st_size > 50_000
    if os.environ.get("ASNWH_REPORT_SCREENSHOT"):  # for a person to look at
        shutil.copyfile(shot, os.environ["ASNWH_REPORT_SCREENSHOT"])


def test_analyst_report_asset_on_a_warehouse_without_marts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The asset writes `<warehouse dir>/report/`, and a warehouse with no marts yet (first run, or marts
    another team has not shipped) still gives a report that says what is missing instead of failing."""
    import dagster as dg

    import pipelines.assets.report as asset_module
    from pipelines.resources import WarehouseResource

    wh = tmp_path / "wh" / "warehouse.duckdb"
    wh.parent.mkdir()
    con = duckdb.connect(str(wh))
    ensure_schema(con)
    con.close()
    calls: list[Path] = []

    def fake_docs(warehouse: Path, out_dir: Path, dbt: Path, project_dir: Path) -> Path:
        # dbt docs generate costs half a minute; its own behaviour is dbt's. Record that it was asked for.
        calls.append(warehouse)
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "index.html").write_text("<html></html>")
        return out_dir / "index.html"

    monkeypatch.setattr(asset_module, "generate_dbt_docs", fake_docs)
    resource = WarehouseResource(warehouse_path=str(wh), inbox_path=str(tmp_path / "inbox"))
    result = asset_module.analyst_report(context=dg.build_asset_context(), warehouse=resource)

    index = wh.parent / "report" / "index.html"
    assert calls == [wh] and index.exists()
    assert result.metadata["report"] == dg.MetadataValue.path(str(index))
    text = index.read_text()
    assert "fct_professionalism_index not in the warehouse" in text
    assert 'href="dbt-docs/index.html"' in text
