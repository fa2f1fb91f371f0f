"""`asnwh extract` as a function: jsonl and table output, one clear line per unreadable file."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

from extractors.documents.extract_cli import run_extract
from extractors.facts import METRICS
from tests.conftest import ASNWH, REPO

LIST = "\n".join([
    "RENCANA STRATEGIS (RENSTRA) TAHUN 2025-2029",
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Contoh",
    "Kota Contoh, 2024",
    "",
    "Pegawai Berdasarkan Tingkat Pendidikan",
    "- Strata Dua (S2)\t:\t4\tOrang",
    "- Strata Satu (S1)\t:\t9\tOrang",
    "JUMLAH\t:\t14\tOrang",
]) + "\n"


def _run(paths: list[str], fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_extract(paths, fmt, out, err)
    return code, out.getvalue(), err.getvalue()


def test_jsonl_one_fact_per_line(tmp_path: Path) -> None:
    doc = tmp_path / "renstra_kota_contoh_2025-2029.txt"
    doc.write_text(LIST, encoding="utf-8")
    code, out, err = _run([str(doc)], "jsonl")
    assert code == 0 and err == ""
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["value"] for r in rows] == [4, 9, 14]
    first = rows[0]
    assert first["source"] == doc.name and first["line"] == 6 and first["page"] is None
    assert first["dimension"] == {"pendidikan": "S2"} and first["metric"] in METRICS
    assert first["region"] == "Kota Contoh" and first["year"] == 2024 and first["kind"] == "count"
    assert rows[2]["flags"] == ["stated_total_mismatch:14!=13"]
    assert list(first)[:4] == ["source", "page", "line", "table"]


def test_table_format_is_aligned_and_names_the_document(tmp_path: Path) -> None:
    doc = tmp_path / "renstra_kota_contoh_2025-2029.txt"
    doc.write_text(LIST, encoding="utf-8")
    code, out, _ = _run([str(doc)], "table")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"# {doc.name}: renstra | ") and "Kota Contoh" in lines[0]
    header, rule = lines[1], lines[2]
    assert header.split()[:4] == ["source", "where", "metric", "kind"]
    assert set(rule.replace(" ", "")) == {"-"}
    body = [line for line in lines[3:] if line.strip()]
    assert len(body) == 3 and "pendidikan=S2" in body[0] and "stated_total_mismatch" in body[2]
    # Aligned: every row starts each column where the header does.
    col = header.index("metric")
    assert all(line[col:].startswith("asn_headcount") for line in body)


def test_unreadable_files_are_reported_and_the_rest_go_on(tmp_path: Path) -> None:
    good = tmp_path / "renstra_kota_contoh_2025-2029.txt"
    good.write_text(LIST, encoding="utf-8")
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage")
    odd = tmp_path / "table.xyz"
    odd.write_text("x", encoding="utf-8")
    code, out, err = _run([str(bad), str(good), str(odd)], "jsonl")
    assert code == 0
    assert len(out.splitlines()) == 3
    err_lines = err.splitlines()
    assert len(err_lines) == 2
    assert err_lines[0].startswith(f"{bad}: cannot read (corrupt)")
    assert err_lines[1].startswith(f"{odd}: cannot read (unsupported_format)")


def test_exit_code_is_1_only_when_every_file_failed(tmp_path: Path) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf")
    code, out, err = _run([str(bad), str(tmp_path / "missing.pdf")], "table")
    assert code == 1 and out == ""
    assert f"{bad}: cannot read" in err and f"{tmp_path / 'missing.pdf'}: cannot read (missing)" in err


def test_a_directory_is_read_document_by_document(tmp_path: Path) -> None:
    folder = tmp_path / "dokumen"
    (folder / "2025").mkdir(parents=True)
    (folder / "2025" / "renstra_kota_contoh_2025-2029.txt").write_text(LIST, encoding="utf-8")
    (folder / "pegawai.csv").write_text("nip,nama\n", encoding="utf-8")
    code, out, err = _run([str(folder)], "jsonl")
    assert code == 0
    assert [json.loads(line)["value"] for line in out.splitlines()] == [4, 9, 14]
    assert err == f"{folder}: 1 file(s) that are not documents left out\n"


def test_an_empty_directory_is_an_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "kosong"
    folder.mkdir()
    (folder / "catatan.csv").write_text("a,b\n", encoding="utf-8")
    proc = subprocess.run([ASNWH, "extract", str(folder)], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith(f"{folder}: the directory holds no documents (")


def test_a_document_where_nothing_was_recognised_says_so(tmp_path: Path) -> None:
    doc = tmp_path / "resep_nasi_goreng.txt"
    doc.write_text("Nasi goreng\nBumbu: bawang merah, bawang putih, cabai.\nGoreng sampai harum.\n", encoding="utf-8")
    code, out, err = _run([str(doc)], "table")
    assert code == 1
    assert out.startswith(f"# {doc.name}: ") and "| 0 facts |" in out
    assert err.startswith(f"{doc}: nothing recognised: no table or statement in its 1 page(s) gave a fact")
