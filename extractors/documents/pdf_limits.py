"""Bounds on the work one PDF may cause, checked before any parser touches its pages.

A PDF is a container of compressed streams: a 1 MB file can inflate to gigabytes (a content stream of
one operator repeated millions of times), and the parsers inflate and materialise every object of a
page at once. So before loading, the raw file is scanned once: its size, and every Flate stream is
inflated chunk by chunk *without keeping the output*, counting bytes, stopping at the first stream or
total over the limit. Memory stays at one chunk, time at the limit's worth of zlib. Image streams are
left out of the count: the text path never decodes them (rendering for OCR has its own bounds).

The limits are `ExtractionConfig.pdf` (from the environment, bytes / pages), with defaults far above any real report:
`ASNWH_PDF_MAX_BYTES` (file size, 200 MB), `ASNWH_PDF_MAX_PAGES` (3000), `ASNWH_PDF_MAX_STREAM`
(one inflated content stream, 16 MB: pdfium holds about 20 bytes per byte of drawing operators once
parsed; fonts, object streams and other typed streams may be 4 times that), `ASNWH_PDF_MAX_INFLATED`
(all inflated non-image streams, 256 MB),
`ASNWH_PDF_MAX_PAGE_CHARS` / `ASNWH_PDF_MAX_PAGE_OBJECTS` (what one page may hold once parsed).
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path

from extractors.config import PdfLimits
from extractors.errors import UnreadableFileError

TOO_LARGE = "too_large"
_CHUNK = 1 << 20
# `stream` keyword that opens a stream's data (not the tail of `endstream`), then its EOL.
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_DICT_WINDOW = 4096  # how far back to look for the stream's dictionary


def too_large(path: Path, what: str) -> UnreadableFileError:
    # The full path is in the reason: an operator must find the file among thousands in the inbox.
    return UnreadableFileError(path, f"PDF too large: {what} ({path.resolve()})", TOO_LARGE)


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MiB"


def _is_image(dictionary: bytes) -> bool:
    return b"/Image" in dictionary and b"/Subtype" in dictionary


def _is_typed(dictionary: bytes) -> bool:
    """A font program, object stream, form or metadata: not a page's drawing operators themselves."""
    return any(key in dictionary for key in (b"/Type", b"/Subtype", b"/Length1", b"/Length2"))


_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")


def _inflated_size(data: mmap.mmap, start: int, cap: int, length: int | None) -> int:
    """Bytes the zlib stream at `start` inflates to, counting at most `cap + 1` (output discarded).

    Input is read in growing chunks (most streams are a few KB), never past a direct /Length."""
    inflater = zlib.decompressobj()
    total = 0
    pos = start
    end = min(len(data), start + length + 16) if length is not None else len(data)
    step = 1 << 14
    while pos < end and not inflater.eof:
        chunk = data[pos:min(pos + step, end)]
        step = min(step * 4, _CHUNK)
        pos += len(chunk)
        out = inflater.decompress(chunk, _CHUNK)
        total += len(out)
        # Output bounded per call: drain what the same input still holds before reading more.
        while inflater.unconsumed_tail and not inflater.eof and total <= cap:
            out = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
            total += len(out)
        if total > cap:
            return total
    return total


def check_file(path: Path, lim: PdfLimits) -> None:
    """Raise UnreadableFileError("too_large") when the file or its inflated streams exceed the limits."""
    check_size(path, lim)
    check_streams(path, lim)


def check_size(path: Path, lim: PdfLimits) -> None:
    size = path.stat().st_size
    if size > lim.max_bytes:
        raise too_large(path, f"file is {_mib(size)}, the limit is {_mib(lim.max_bytes)}")


def check_streams(path: Path, lim: PdfLimits) -> None:
    """Inflate every compressed non-image stream, counting, without keeping the output."""
    if path.stat().st_size == 0:
        return
    total = 0
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for match in _STREAM.finditer(data):
            head = data[max(0, match.start() - _DICT_WINDOW):match.start()]
            dictionary = head[head.rfind(b"obj") + 3:] if b"obj" in head else head
            if b"/FlateDecode" not in dictionary and b"/Fl " not in dictionary and b"/Fl]" not in dictionary:
                continue
            if _is_image(dictionary):
                continue
            cap = lim.max_stream * 4 if _is_typed(dictionary) else lim.max_stream
            try:
                found = _LENGTH.search(dictionary)
                n = _inflated_size(data, match.end(), cap, int(found.group(1)) if found else None)
            except zlib.error:
                continue  # damaged or not really Flate: the parser decides what that means
            if n > cap:
                raise too_large(path, f"one compressed stream inflates to over {_mib(cap)}")
            total += n
            if total > lim.max_inflated:
                raise too_large(path, f"its compressed streams inflate to over {_mib(lim.max_inflated)}")


def check_pages(path: Path, n: int, lim: PdfLimits) -> None:
    if n > lim.max_pages:
        raise too_large(path, f"{n} pages, the limit is {lim.max_pages}")


def check_page_content(path: Path, page_no: int, chars: int, objects: int, lim: PdfLimits) -> None:
    """A parsed page holding more characters or drawn objects than any real page."""
    if chars > lim.max_page_chars:
        raise too_large(path, f"page {page_no} holds {chars} characters, the limit is {lim.max_page_chars}")
    if objects > lim.max_page_objects:
        raise too_large(path, f"page {page_no} holds {objects} objects, the limit is {lim.max_page_objects}")
