"""The bench stages its inbox from real PDFs: scans are left out of the timed refreshes and listed, and the
one-new-document case is a text-layer PDF the first refresh never saw."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.run import SCAN_TEXT_SHARE, stage_inbox, text_layer_share
from samples.documents import write_sample_documents

REAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real"
SCAN = REAL / "jabar_psda_lkip_2016_SCANNED.pdf"
TEXT = REAL / "jabar_dishub_lkip_2016_bab1.pdf"


@pytest.mark.skipif(not (SCAN.exists() and TEXT.exists()), reason="real corpus PDFs not available")
def test_scans_left_out_and_new_document_held_back(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    (inputs / "corpus").mkdir(parents=True)
    shutil.copy(SCAN, inputs / "corpus" / SCAN.name)
    shutil.copy(TEXT, inputs / "corpus" / TEXT.name)
    samples = write_sample_documents(inputs / "documents")
    inbox = tmp_path / "inbox"

    scans, held_back = stage_inbox(inputs, inbox)

    assert [s["file"] for s in scans] == [f"corpus/{SCAN.name}"]
    assert scans[0]["text_page_share"] == 0.0
    assert not (inbox / "corpus" / SCAN.name).exists()
    assert (inbox / "corpus" / TEXT.name).exists()
    assert held_back in samples
    assert text_layer_share(held_back) > SCAN_TEXT_SHARE
    assert not (inbox / "documents" / held_back.name).exists()
    staged = {p.name for p in (inbox / "documents").glob("*.pdf")}
    assert staged == {p.name for p in samples} - {held_back.name}
