"""Text-rendering table parsing speed: HTML `<table>` fragments of growing size (issue 18).

Run: `.venv/bin/python bench/text_tables.py`. Prints seconds and rows/second per size; the parse is linear
when rows/second stays flat as the table grows (it was quadratic: 1k rows 9 s, 2k 35 s, 4k 142 s).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractors.documents.text_loader import load_text  # noqa: E402


def html_table(rows: int) -> str:
    """A two-row header with spans and `rows` body rows, each spread over two lines as converters print."""
    head = ('<table>\n<tr><th rowspan="2">No</th><th rowspan="2">Unit Kerja</th><th colspan="2">2024</th></tr>\n'
            "<tr><th>L</th><th>P</th></tr>\n")
    body = "".join(f"<tr><td>{i}</td><td>Bidang {i}</td>\n<td>{i % 97}</td><td>{i % 89}</td></tr>\n"
                   for i in range(1, rows + 1))
    return head + body + "</table>\n"


def run(sizes: tuple[int, ...] = (1000, 2000, 4000, 8000, 16000)) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"table_{n}.txt"
            path.write_text(html_table(n), encoding="utf-8")
            t0 = time.perf_counter()
            doc = load_text(path)
            seconds = time.perf_counter() - t0
            rows = len(doc.pages[0].tables[0].rows)
            out[f"html_rows_{n}"] = {"seconds": round(seconds, 3), "rows": rows,
                                     "rows_per_s": round(rows / seconds) if seconds else None}
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=1))
