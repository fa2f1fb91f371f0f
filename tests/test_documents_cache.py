"""The content cache: an unchanged PDF is read once; a changed one is read again; it can be turned off."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.documents import cache, extract_document
from samples.pdf_writer import Grid, Para, PdfDocument, write_pdf


def _pdf(path: Path, count: str) -> Path:
    return write_pdf(path, PdfDocument(blocks=[
        Para("LAPORAN KINERJA (LKIP) TAHUN 2024 Badan Kepegawaian Daerah Kota Contoh"),
        Para("Tabel 3.1 Keadaan PNS berdasarkan Jenis Kelamin Tahun 2024"),
        Grid(rows=[["Tahun", "Perempuan", "Laki-laki"], ["2024", count, "7"]]),
    ]))


def test_cache_hit_miss_and_invalidation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASNWH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ASNWH_EXTRACT_CACHE", "1")
    path = _pdf(tmp_path / "lkip_kota_contoh_2024.pdf", "5")
    hits = cache.STATS["hits"]
    first = extract_document(path)
    assert cache.STATS["hits"] == hits
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1
    second = extract_document(path)
    assert cache.STATS["hits"] == hits + 1
    assert [f.to_json() for f in second.facts] == [f.to_json() for f in first.facts]
    # Same name, new content: a new key, read from the PDF again.
    _pdf(path, "6")
    third = extract_document(path)
    assert cache.STATS["hits"] == hits + 1
    assert {f.value for f in third.facts if f.dimension == {"jenis_kelamin": "Perempuan"}} == {6}
    # A renamed copy hits the cache and still reports its own name.
    copy = tmp_path / "copy_of_lkip.pdf"
    copy.write_bytes(path.read_bytes())
    assert {f.source for f in extract_document(copy).facts} == {"copy_of_lkip.pdf"}
    assert cache.STATS["hits"] == hits + 2


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASNWH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ASNWH_EXTRACT_CACHE", "0")
    extract_document(_pdf(tmp_path / "lkip_kota_contoh_2024.pdf", "5"))
    assert not (tmp_path / "cache").exists()
