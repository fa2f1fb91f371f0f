"""Document identity read from the title pages of the real corpus (text and rendered PDF)."""

from __future__ import annotations

import pytest

from tests.corpus_pdf import CORPUS, extracted

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")

EXPECTED = {
    "lkip_bkd_provinsi_banten_2024": ("lkip", "Provinsi Banten", "Badan Kepegawaian Daerah", 2024, 2024),
    "renstra_bkpsdm_kota_bekasi_2024-2026": (
        "renstra", "Kota Bekasi", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 2024, 2026),
    "renstra_bkpsdm_kota_serang_2019-2023": (
        "renstra", "Kota Serang", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", 2019, 2023),
}


@pytest.mark.parametrize("variant", ["txt", "ruled"])
@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_identity_from_title_pages(stem: str, variant: str) -> None:
    doc_type, region, agency_prefix, start, end = EXPECTED[stem]
    ident = extracted(stem, variant).identity
    assert ident.doc_type == doc_type
    assert ident.region == region
    assert ident.agency is not None and ident.agency.startswith(agency_prefix) and ident.agency.endswith(region)
    assert (ident.period_start, ident.period_end) == (start, end)
    assert ident.source == f"{stem}.txt" if variant == "txt" else ident.source.endswith(".pdf")


# --- one report, one key: whatever the rendering or the file name --------------------------------------

_STEMS = sorted(p.stem for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.mark.parametrize("stem", _STEMS)
def test_pdf_and_text_rendering_of_one_report_share_their_document_key(stem: str) -> None:
    keys = {variant: extracted(stem, variant).identity.document_key for variant in ("txt", "ruled", "borderless")}
    assert keys["txt"] is not None
    assert keys["ruled"] == keys["txt"] and keys["borderless"] == keys["txt"], keys


def test_document_keys_tell_reports_apart() -> None:
    keys = [extracted(stem, "txt").identity.document_key for stem in _STEMS]
    assert len(set(keys)) == len(keys)
    banten = extracted("lkip_bkd_provinsi_banten_2024", "txt").identity.document_key
    assert banten.startswith("lkip:badan-kepegawaian-daerah-provinsi-banten:2024-2024:")


def test_another_file_name_is_the_same_document(tmp_path) -> None:
    from extractors.documents import extract_document

    stem = "renstra_bkpsdm_kota_bekasi_2024-2026"
    copy = tmp_path / "Renstra BKPSDM Bekasi (final revisi).txt"
    copy.write_bytes((CORPUS / f"{stem}.txt").read_bytes())
    assert extract_document(copy).identity.document_key == extracted(stem, "txt").identity.document_key


def test_same_agency_and_year_with_other_content_is_another_document(tmp_path) -> None:
    from extractors.documents import extract_document

    head = "LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP) TAHUN 2024\nBADAN KEPEGAWAIAN DAERAH KOTA CONTOH\n"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(head + "Pelaksanaan pengembangan kompetensi aparatur berjalan sesuai rencana strategis.\n")
    b.write_text(head + "Penataan administrasi kepegawaian dan digitalisasi arsip menjadi prioritas.\n")
    ka, kb = extract_document(a).identity.document_key, extract_document(b).identity.document_key
    assert ka.rsplit(":", 1)[0] == kb.rsplit(":", 1)[0]  # same kind, agency and period ...
    assert ka != kb  # ... but not the same report


def test_document_key_is_stored_with_the_document(tmp_path, monkeypatch) -> None:
    import duckdb

    monkeypatch.setenv("ASNWH_CACHE_DIR", str(tmp_path / "cache"))  # never the user's extraction cache
    from warehouse.load_documents import load_document
    from warehouse.schema import ensure_schema

    con = duckdb.connect(str(tmp_path / "wh.duckdb"))
    try:
        ensure_schema(con)
        stem = "statistik_asn_kab_bulukumba_juni_2025_berita"
        load_document(con, CORPUS / f"{stem}.txt", sha256="sha-a", run_id="r1")
        load_document(con, extracted_pdf(stem), sha256="sha-b", run_id="r1")
        rows = con.execute("SELECT source_file, document_key FROM raw.documents ORDER BY source_file").fetchall()
    finally:
        con.close()
    assert [r[0] for r in rows] == [f"{stem}.pdf", f"{stem}.txt"]
    assert rows[0][1] == rows[1][1] == extracted(stem, "txt").identity.document_key


def test_warehouse_built_before_document_key_gains_the_column(tmp_path) -> None:
    import duckdb

    from warehouse.schema import RAW_DOCUMENTS, ensure_schema

    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    try:
        con.execute("CREATE SCHEMA raw")
        con.execute(RAW_DOCUMENTS.replace("    document_key  VARCHAR,\n", ""))
        assert "document_key" not in [c[0] for c in con.execute("DESCRIBE raw.documents").fetchall()]
        ensure_schema(con)
        assert "document_key" in [c[0] for c in con.execute("DESCRIBE raw.documents").fetchall()]
    finally:
        con.close()


def extracted_pdf(stem: str):
    from tests.corpus_pdf import rendered

    return rendered(stem, ruled=True)
