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
