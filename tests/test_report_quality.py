"""The report's data-quality part as a reader sees it in headless Chromium at 1280 px: findings in sentences and
small numbers (no raw JSON), a header card coloured by what failed, and no table wider than the page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.test_report import RUN_ID, build_warehouse
from warehouse.report.cli import run_report
from warehouse.report.quality import check_finding, check_rule

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")

# Shaped as the GX runner and the dbt recorder write them (quality/runner.py, dbt_results.py).
GX_WARNING = {
    "message": "A printed total equals the sum of its parts (flag stated_total_mismatch:printed!=sum): a misread "
               "cell, or the source's own arithmetic is off. Broken by 7 row(s); e.g. source_file=lkip.pdf",
    "description": "Totals printed in the documents equal the sum of their parts.",
    "rows_checked": None, "rules_checked": 1, "rules_failed": 1, "seconds": 0.03, "table_rows": 778,
    "failures": [{"rule": "A printed total equals the sum of its parts", "unexpected_count": 7,
                  "offending_rows": [{"source_file": "lkip_bkpsdm_kabupaten_lebak_2024.pdf", "page": 5,
                                      "line": None, "indicator": "JUMLAH", "value": 67.0}]}],
}
GX_PASSED = {"message": "passed: Every NIP has the 18-digit NIP shape and valid parts.",
             "description": "Every NIP has the 18-digit NIP shape and valid parts.", "rows_checked": 10784,
             "rules_checked": 1, "rules_failed": 0, "failures": [], "table_rows": 10784}
DBT_LONG_NAME = ("dbt:accepted_values_fct_region_scorecard_measure__ip_asn__ip_asn_computed__merit_index__sakip"
                 "__share_golongan_iii__share_s1_plus")
DBT_PASSED = {"message": "passed: accepted_values_fct_region_scorecard_measure", "status": "pass", "failures": 0,
              "test": DBT_LONG_NAME.removeprefix("dbt:"), "column": "measure"}
DBT_ERROR = {"message": "Region codes are in dim_region. Broken by 3 row(s) of fct_asn_composition.",
             "status": "fail", "failures": 3, "test": "relationships_fct_asn_composition_region_code",
             "column": "region_code", "offending_rows": [{"region_code": "36.99", "region_name": "Kota Contoh"}]}


def test_findings_are_sentences_with_small_numbers() -> None:
    assert check_finding(False, GX_WARNING) == (
        "7 baris melanggar / rows break it. Contoh / e.g.: source_file lkip_bkpsdm_kabupaten_lebak_2024.pdf, "
        "page 5, indicator JUMLAH, value 67.0.")
    assert check_finding(True, GX_PASSED) == "Lolos / passed (10.784 baris diperiksa / rows checked)."
    assert check_finding(False, DBT_ERROR) == (
        "3 baris melanggar / rows break it. Contoh / e.g.: region_code 36.99, region_name Kota Contoh.")
    assert check_rule("facts_stated_totals_add_up", GX_WARNING) == GX_WARNING["description"]
    assert check_rule(DBT_LONG_NAME, DBT_PASSED) == \
        "measure hanya berisi nilai yang diizinkan / takes only its listed values"
    assert check_rule("dbt:x", DBT_ERROR) == "region_code merujuk ke baris yang ada / refers to an existing row"


def _set_checks(warehouse: Path, checks: list[tuple[str, str, str, bool, dict]]) -> None:
    con = duckdb.connect(str(warehouse))
    try:
        con.execute("delete from audit.dq_results where run_id = ?", [RUN_ID])
        con.executemany("INSERT INTO audit.dq_results (run_id, check_name, asset, severity, passed, observed) "
                        "VALUES (?, ?, ?, ?, ?, ?)", [(RUN_ID, n, a, s, p, json.dumps(o)) for n, a, s, p, o in checks])
    finally:
        con.close()


# Injected into a copy of the page (the report itself has no JavaScript): every table's width against its
# wrapper's, and the class of each header card, written where --dump-dom shows them.
PROBE = """<script>window.addEventListener('load', () => {
  const out = [];
  document.querySelectorAll('div.tablewrap').forEach(w => {
    const t = w.querySelector('table');
    out.push('table ' + t.id + ' ' + t.scrollWidth + ' ' + w.clientWidth);
  });
  document.querySelectorAll('div.kpi').forEach(k => out.push('kpi ' + k.className + ' ' + k.textContent));
  const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = out.join('\\n');
  document.body.appendChild(pre);
});</script>"""


def _render(index: Path, tmp: Path) -> tuple[str, dict[str, tuple[int, int]], list[str]]:
    probe = tmp / "probe.html"
    probe.write_text(index.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp / 'profile'}",
             "--window-size=1280,900"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", probe.as_uri()], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    text = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S).group(1)
    widths = {}
    kpis = []
    for line in text.splitlines():
        kind, rest = line.split(" ", 1)
        if kind == "table":
            name, width, room = rest.rsplit(" ", 2)
            widths[name] = (int(width), int(room))
        else:
            kpis.append(rest)
    return dom, widths, kpis


def _checks_card(kpis: list[str]) -> str:
    return next(k for k in kpis if "checks passed" in k)


@needs_chromium
def test_quality_table_at_1280_px(tmp_path: Path) -> None:
    warehouse, inbox = tmp_path / "warehouse.duckdb", tmp_path / "inbox"
    build_warehouse(warehouse, inbox)
    _set_checks(warehouse, [
        ("facts_stated_totals_add_up", "raw/document_facts", "warn", False, GX_WARNING),
        ("simpeg_unique_per_snapshot", "raw/simpeg_employees", "error", True, GX_PASSED),
        (DBT_LONG_NAME, "fct_region_scorecard", "error", True, DBT_PASSED),
    ])
    index = run_report(warehouse, tmp_path / "report")
    dom, widths, kpis = _render(index, tmp_path)

    clipped = {name: w for name, w in widths.items() if w[0] > w[1]}
    assert not clipped, f"tables wider than the page at 1280 px (width, room): {clipped}"
    assert "tbl-mutu-pemeriksaan" in widths and "tbl-rekonsiliasi" in widths
    section = dom.split('id="tbl-mutu-pemeriksaan"', 1)[1].split("</table>", 1)[0]
    assert "7 baris melanggar / rows break it." in section
    assert "{&quot;" not in dom and '{"' not in section, "raw JSON in the quality tables"
    # Only a warning failed: the card is amber, not red.
    assert _checks_card(kpis).startswith("kpi warn 2/3")

    _set_checks(warehouse, [("facts_stated_totals_add_up", "raw/document_facts", "warn", True, GX_PASSED),
                            ("simpeg_unique_per_snapshot", "raw/simpeg_employees", "error", True, GX_PASSED)])
    _, _, kpis = _render(run_report(warehouse, tmp_path / "report"), tmp_path)
    assert _checks_card(kpis).startswith("kpi good 2/2")

    _set_checks(warehouse, [("relationships_fct_asn_composition_region_code", "fct_asn_composition", "error",
                             False, DBT_ERROR)])
    _, _, kpis = _render(run_report(warehouse, tmp_path / "report"), tmp_path)
    assert _checks_card(kpis).startswith("kpi bad 0/1")
