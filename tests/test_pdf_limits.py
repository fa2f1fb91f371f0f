"""PDF limits (issue 18): a small file that inflates to gigabytes fails on its own, fast and in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from extractors.documents import extract_document
from extractors.errors import UnreadableFileError
from tests.corpus_pdf import CORPUS

REPO = Path(__file__).resolve().parents[1]


def _pdf(objects: list[bytes]) -> bytes:
    """A well-formed PDF from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pages_pdf(contents: list[bytes], compress: bool = False) -> bytes:
    """One page per content stream, Helvetica available as /F1."""
    n = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        data = zlib.compress(content) if compress else content
        flt = b" /Filter /FlateDecode" if compress else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), flt) + data + b"\nendstream")
    return _pdf(objects)


def _text(line: str) -> bytes:
    return b"BT /F1 12 Tf 72 760 Td (%s) Tj ET" % line.encode()


def _bomb(path: Path, inflated: int) -> Path:
    """A page whose one content stream is a drawing operator repeated until `inflated` bytes, deflated."""
    unit = b"0 0 m 1 1 l S\n" * (1 << 16)
    packer = zlib.compressobj(9)
    parts = [packer.compress(unit) for _ in range(inflated // len(unit))]
    data = b"".join(parts) + packer.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    path.write_bytes(_pdf(objects))
    return path


def _reason(path: Path) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as info:
        extract_document(path)
    return info.value


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASNWH_CACHE_DIR", str(tmp_path / "cache"))


def test_a_1mb_pdf_inflating_to_1gib_fails_too_large_in_bounded_memory(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.pdf", 1 << 30)
    assert bomb.stat().st_size < 3 * 1024 * 1024
    # In a fresh process, so its peak RSS is the extraction's alone.
    script = (
        "import json, sys\n"
        "from extractors.documents import extract_document\n"
        "from extractors.errors import UnreadableFileError\n"
        "try:\n"
        "    extract_document(sys.argv[1]); out = {'code': None}\n"
        "except UnreadableFileError as e:\n"
        "    out = {'code': e.reason_code, 'path': e.path, 'message': str(e)}\n"
        # VmHWM is this process image's own peak: ru_maxrss would carry the forking test worker's over exec
        "out['rss_kib'] = int(next(x for x in open('/proc/self/status') if x.startswith('VmHWM')).split()[1])\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(bomb)], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env={"ASNWH_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["code"] == "too_large"
    assert out["path"] == str(bomb)
    assert str(bomb.resolve()) in out["message"]  # the operator is told which file, in full
    assert out["rss_kib"] < 500 * 1024, out


def test_an_inflated_stream_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "compressed.pdf"
    path.write_bytes(_pages_pdf([_text("Jumlah Pegawai Negeri Sipil 2023")], compress=True))
    doc_text = extract_document(path)
    assert doc_text.pages == 1


def test_the_stream_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big_stream.pdf"
    path.write_bytes(_pages_pdf([_text("Tabel 2.1 Jumlah Pegawai") + b"\n" + b"0 0 m 1 1 l S\n" * 100_000],
                                compress=True))
    monkeypatch.setenv("ASNWH_PDF_MAX_STREAM", str(1024 * 1024))
    err = _reason(path)
    assert err.reason_code == "too_large" and "inflates" in err.reason


def test_too_many_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pages_pdf([_text(f"Halaman {i}") for i in range(5)]))
    monkeypatch.setenv("ASNWH_PDF_MAX_PAGES", "4")
    err = _reason(path)
    assert err.reason_code == "too_large" and "5 pages" in err.reason and str(path.resolve()) in err.reason


def test_file_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "size.pdf"
    path.write_bytes(_pages_pdf([_text("Rencana Strategis")]))
    monkeypatch.setenv("ASNWH_PDF_MAX_BYTES", "100")
    assert _reason(path).reason_code == "too_large"


def test_a_page_with_more_objects_than_any_real_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "objects.pdf"
    path.write_bytes(_pages_pdf([_text("Rencana Strategis"), b"0 0 m 1 1 l S\n" * 5000]))
    monkeypatch.setenv("ASNWH_PDF_MAX_PAGE_OBJECTS", "1000")
    err = _reason(path)
    assert err.reason_code == "too_large" and "page 2" in err.reason


@pytest.mark.skipif(not (CORPUS / "real").is_dir(), reason="needs ../shared/corpus")
def test_real_reports_are_within_the_limits() -> None:
    from extractors.config import PdfLimits
    from extractors.documents.pdf_limits import check_file

    for pdf in sorted((CORPUS / "real").glob("*.pdf")):
        check_file(pdf, PdfLimits())  # the defaults: raises on a false alarm
