"""Make scanned PDFs the way a photocopier-and-scanner office does: print, scan, upload.

A real PDF is rasterised at 150 dpi, each page is turned by a small angle (a sheet never lies straight
on the glass) and blurred (optics, toner), and the pages are saved as an image-only PDF with Pillow: no
text layer, nothing but pictures. The OCR tests and the recall measurement of issue 14 read these.

    python -m tests.scans OUT_DIR            # every corpus text rendered (ruled) and scanned to OUT_DIR/<stem>.pdf
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageFilter

DPI = 150


def scan_pdf(source: Path, target: Path, skew: float = 1.5, blur: float = 0.7, dpi: int = DPI,
             pages: list[int] | None = None, turn: int = 0) -> Path:
    """Write `target`: the pages of `source` (1-based `pages`, all when None) as skewed, blurred images;
    `turn` 90 binds them a quarter turn anticlockwise, as landscape tables sit in portrait reports."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    images: list[Image.Image] = []
    try:
        numbers = pages or list(range(1, len(pdf) + 1))
        for i, n in enumerate(numbers):
            page = pdf[n - 1]
            img = page.render(scale=dpi / 72).to_pil().convert("L")
            page.close()
            if turn:
                img = img.rotate(turn, expand=True, fillcolor=255)
            # Alternate the direction, as sheets fed by hand do; white fills the corners like the scanner lid.
            angle = skew if i % 2 == 0 else -skew * 0.7
            img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
            images.append(img.filter(ImageFilter.GaussianBlur(blur)))
    finally:
        pdf.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return target


def scan_corpus(out_dir: Path) -> list[Path]:
    """Every corpus text rendered as a ruled PDF and scanned: `<stem>.pdf` beside nothing else."""
    import tempfile

    from tests.corpus_pdf import corpus_texts, render_corpus_pdf

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for text in corpus_texts():
            pdf = render_corpus_pdf(text, Path(tmp), ruled=True)
            out.append(scan_pdf(pdf, out_dir / f"{text.stem}.pdf"))
    return out


if __name__ == "__main__":
    import argparse

    # argparse, so `--help` prints the usage instead of scanning into a folder named "--help".
    parser = argparse.ArgumentParser(prog="python -m tests.scans", description="Scan every corpus text to OUT_DIR.")
    parser.add_argument("out_dir", metavar="OUT_DIR", type=Path)
    for p in scan_corpus(parser.parse_args().out_dir):
        print(p)
