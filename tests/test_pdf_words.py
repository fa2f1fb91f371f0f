"""Words from a PDF's characters: what the loader reads is what the page prints.

The characters of a page are grouped into words with array code (`pdf_layout._words`); these tests
draw pages whose characters do not sit in simple left-to-right order and read them back with the
real loader, through both the pdfium and the pdfminer engines. Expected texts are written from
what each page prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.documents.model import TextLine
from extractors.documents.pdf_loader import load_pdf


@pytest.fixture(autouse=True, params=["pdfium", "pdfminer"])
def _engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASNWH_EXTRACT_CACHE", "0")
    monkeypatch.setenv("ASNWH_PDF_ENGINE", request.param)


def _lines(path: Path) -> list[str]:
    return [i.text for p in load_pdf(path, use_cache=False).pages for i in p.items if isinstance(i, TextLine)]


def test_a_mark_overprinted_inside_a_letter_keeps_the_word_whole(tmp_path: Path) -> None:
    """A converter's stray mark drawn inside a wide letter, narrower than it: the next letter starts
    where the wide letter ends, far from the mark's own right edge. The gap counts from the word's
    widest edge, so the word stays one (in reading order of the characters' left edges)."""
    path = tmp_path / "overprint.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Wilayah II: 1.250 orang")
    c.drawString(73, 700, "'")  # inside the W, which is 9.4 pt wide
    c.showPage()
    c.save()
    assert _lines(path) == ["W'ilayah II: 1.250 orang"]


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_page_reads_its_letter_spaced_heading_and_rows_in_reading_direction(
        tmp_path: Path, degrees: int) -> None:
    """/Rotate turns the page for the reader; characters come in the unrotated space. A heading set
    letter-spaced (`J U M L A H`) is still one word once turned."""
    path = tmp_path / f"turned{degrees}.pdf"
    w, h = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(degrees)
    # Draw in the reader's frame: the content turned back by the same quarter turns.
    c.translate(*{90: (w, 0), 180: (w, h), 270: (0, h)}[degrees])
    c.rotate(degrees)
    spaced = c.beginText(60, 300)
    spaced.setFont("Helvetica", 10)
    spaced.setCharSpace(3)
    spaced.textOut("JUMLAH")
    spaced.setCharSpace(0)  # the graphics state keeps it: the lines below would be spaced too
    c.drawText(spaced)
    c.setFont("Helvetica", 10)
    c.drawString(140, 300, "PNS 2023")
    c.drawString(60, 280, "Golongan III sebanyak 40 orang")
    c.showPage()
    c.save()
    assert _lines(path) == ["JUMLAH PNS 2023", "Golongan III sebanyak 40 orang"]
