"""Files that cannot be read are reported with a reason, never half-read or silently skipped."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.documents import extract_document
from extractors.errors import UnreadableFileError


def _text_pdf(path: Path, encrypt: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    c.drawString(72, 760, "RENCANA STRATEGIS BADAN KEPEGAWAIAN DAERAH KOTA CONTOH TAHUN 2025-2029")
    c.showPage()
    c.save()
    return path


def _image_only_pdf(path: Path) -> Path:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(img).text((10, 80), "Keadaan PNS berdasarkan Golongan", fill="black")
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(buf), 72, 500, width=450, height=150)
    c.showPage()
    c.save()
    return path


def _reason(path: Path) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as info:
        extract_document(path)
    err = info.value
    assert err.path == str(path)
    assert path.name in str(err)
    return err


def test_corrupt_bytes_renamed_pdf(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert _reason(path).reason_code == "corrupt"


def test_truncated_pdf(tmp_path: Path) -> None:
    good = _text_pdf(tmp_path / "good.pdf")
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good.read_bytes()[:300])
    assert _reason(path).reason_code in {"corrupt", "no_text"}


def test_not_a_pdf_at_all(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("just some words, not a PDF", encoding="utf-8")
    assert _reason(path).reason_code == "not_a_pdf"


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "encrypted.pdf", encrypt="secret")
    err = _reason(path)
    assert err.reason_code == "encrypted" and "password" in err.reason


def test_image_only_pdf_is_read_by_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A scan is no longer a failure (issue 14): its picture is read by OCR (tests/test_ocr.py checks the facts)."""
    from extractors.documents import ocr

    if not ocr.available():
        pytest.skip("tesseract not installed (make tesseract-binary)")
    monkeypatch.setenv("ASNWH_CACHE_DIR", str(tmp_path / "cache"))
    result = extract_document(_image_only_pdf(tmp_path / "scan.pdf"))
    assert result.pages == 1


def test_docx_and_unknown_extensions_are_unsupported(tmp_path: Path) -> None:
    docx = tmp_path / "renstra.docx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    for path in (docx, tmp_path / "data.xyz"):
        path.touch()
        err = _reason(path)
        assert err.reason_code == "unsupported_format" and path.suffix in err.reason


def test_binary_renamed_txt_and_missing_file(tmp_path: Path) -> None:
    fake = tmp_path / "report.txt"
    fake.write_bytes(_text_pdf(tmp_path / "x.pdf").read_bytes())
    assert _reason(fake).reason_code == "not_text"
    assert _reason(tmp_path / "absent.pdf").reason_code == "missing"


def test_a_readable_pdf_still_reads(tmp_path: Path) -> None:
    result = extract_document(_text_pdf(tmp_path / "renstra_kota_contoh_2025-2029.pdf"))
    assert result.identity.doc_type == "renstra" and result.pages == 1
    assert result.identity.region == "Kota Contoh"
