"""Settings is the one reader of the environment: a variable set there changes what a real extraction does,
and an extraction handed a configuration does what it says whatever the process environment holds."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from extractors.config import ExtractionConfig
from extractors.documents import extract_document
from extractors.errors import UnreadableFileError
from pipelines.settings import Settings
from samples.pdf_writer import Grid, NewPage, Para, PdfDocument, write_pdf


def _pdf(path: Path, pages: int = 1) -> Path:
    blocks: list = [
        Para("LAPORAN KINERJA (LKIP) TAHUN 2024 Badan Kepegawaian Daerah Kota Contoh"),
        Para("Tabel 3.1 Keadaan PNS berdasarkan Jenis Kelamin Tahun 2024"),
        Grid(rows=[["Tahun", "Perempuan", "Laki-laki"], ["2024", "5", "7"]]),
    ]
    for i in range(pages - 1):
        blocks += [NewPage(), Para(f"Halaman lampiran {i + 2}")]
    return write_pdf(path, PdfDocument(blocks=blocks))


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"ASNWH_CACHE_DIR": str(tmp_path / "cache"), **extra}


def test_cache_dir_and_switch_come_from_the_settings(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "lkip_kota_contoh_2024.pdf")
    on = Settings.from_env(_env(tmp_path, ASNWH_CACHE_DIR=str(tmp_path / "here"))).extraction
    facts = extract_document(path, on).facts
    assert {f.value for f in facts if f.dimension == {"jenis_kelamin": "Perempuan"}} == {5}
    assert len(list((tmp_path / "here").glob("*.pickle"))) == 1

    off = Settings.from_env(_env(tmp_path, ASNWH_CACHE_DIR=str(tmp_path / "there"),
                                 ASNWH_EXTRACT_CACHE="0")).extraction
    assert len(extract_document(path, off).facts) == len(facts)
    assert not (tmp_path / "there").exists()


def test_engine_chosen_in_the_settings_reads_the_file(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "lkip_kota_contoh_2024.pdf")
    found = {}
    for engine in ("pdfium", "pdfplumber"):
        cfg = Settings.from_env(_env(tmp_path, ASNWH_PDF_ENGINE=engine)).extraction
        found[engine] = sorted((f.metric, f.value) for f in extract_document(path, cfg).facts)
    # Both engines read the same figures, each cached under its own entry: the engine really was switched.
    assert found["pdfium"] == found["pdfplumber"] and found["pdfium"]
    names = sorted(p.name for p in (tmp_path / "cache").glob("*.pickle"))
    assert len(names) == 2 and any("-pdfium-" in n for n in names) and any("-pdfplumber-" in n for n in names)


def test_unknown_engine_is_refused_naming_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ASNWH_PDF_ENGINE"):
        Settings.from_env(_env(tmp_path, ASNWH_PDF_ENGINE="tika"))


def test_pdf_limit_from_the_settings_stops_the_file(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "lkip_kota_contoh_2024.pdf", pages=3)
    strict = Settings.from_env(_env(tmp_path, ASNWH_PDF_MAX_PAGES="2", ASNWH_EXTRACT_CACHE="0")).extraction
    with pytest.raises(UnreadableFileError) as err:
        extract_document(path, strict)
    assert err.value.reason_code == "too_large" and "3 pages" in err.value.reason
    assert extract_document(path, Settings.from_env(_env(tmp_path, ASNWH_EXTRACT_CACHE="0")).extraction).facts


def test_explicit_configuration_wins_over_the_process_environment(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = _pdf(tmp_path / "lkip_kota_contoh_2024.pdf", pages=3)
    monkeypatch.setenv("ASNWH_PDF_MAX_PAGES", "1")
    monkeypatch.setenv("ASNWH_CACHE_DIR", str(tmp_path / "env_cache"))
    cfg = ExtractionConfig(cache_dir=tmp_path / "given")
    assert extract_document(path, cfg).facts
    assert list((tmp_path / "given").glob("*.pickle")) and not (tmp_path / "env_cache").exists()


def test_configuration_reaches_the_sandbox_worker(tmp_path: Path) -> None:
    """The worker process is forked from a server started earlier: it must use the configuration it is
    handed, not an environment of its own."""
    from warehouse.load_documents import load_document
    from warehouse.schema import ensure_schema

    path = _pdf(tmp_path / "lkip_kota_contoh_2024.pdf", pages=3)
    settings = Settings.from_env(_env(tmp_path, ASNWH_PDF_MAX_PAGES="2", ASNWH_EXTRACT_MEMORY_MB="1024"))
    assert settings.extraction.sandbox.memory_mb == 1024
    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    try:
        ensure_schema(con)
        strict = load_document(con, path, sha256="sha-a", run_id="r1", limits=settings.extraction.sandbox,
                               config=settings.extraction)
        relaxed = Settings.from_env(_env(tmp_path)).extraction
        fine = load_document(con, path, sha256="sha-a", run_id="r2", limits=relaxed.sandbox, config=relaxed)
    finally:
        con.close()
    assert strict.status == "failed" and "3 pages" in (strict.reason or "")
    assert fine.status == "loaded" and fine.facts > 0


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("ASNWH_EXTRACT_TIMEOUT_S", "soon", "ASNWH_EXTRACT_TIMEOUT_S='soon': expected a positive number"),
    ("ASNWH_OCR_WORKERS", "-2", "ASNWH_OCR_WORKERS='-2': expected a positive whole number"),
    ("ASNWH_PDF_MAX_PAGES", "3k", "ASNWH_PDF_MAX_PAGES='3k': expected a positive whole number"),
    ("ASNWH_EXTRACT_CACHE", "maybe", "ASNWH_EXTRACT_CACHE='maybe': expected 1/0"),
    ("ASNWH_MODE", "prod", "ASNWH_MODE='prod': expected one of demo, production"),
])
def test_a_meaningless_value_is_refused_naming_the_variable(tmp_path: Path, name: str, value: str,
                                                            expected: str) -> None:
    from extractors.config import ConfigError

    with pytest.raises(ConfigError, match=expected):
        Settings.from_env(_env(tmp_path, **{name: value}))


def test_unset_and_empty_variables_keep_the_defaults(tmp_path: Path) -> None:
    settings = Settings.from_env(_env(tmp_path, ASNWH_OCR_WORKERS="", ASNWH_EXTRACT_TIMEOUT_S=" "))
    assert settings.extraction.ocr_workers == 2 and settings.extraction.sandbox.timeout_s == 120.0
    assert settings.mode == "demo"


def test_the_cli_reports_a_bad_variable_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipelines.cli import main

    pdf = _pdf(tmp_path / "lkip_kota_contoh_2024.pdf")
    monkeypatch.setenv("ASNWH_CACHE_DIR", str(tmp_path / "cli-cache"))
    monkeypatch.setenv("ASNWH_PDF_MAX_PAGES", "many")
    assert main(["extract", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert "asnwh: ASNWH_PDF_MAX_PAGES='many': expected a positive whole number" in err
    assert "Traceback" not in err
    monkeypatch.setenv("ASNWH_PDF_MAX_PAGES", "3000")
    assert main(["extract", str(pdf)]) == 0
