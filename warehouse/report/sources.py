"""Citations from every number back to the page of the document it was read from."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from warehouse.report.fmt import is_missing


class SourceLinker:
    """Cites the source of every number: file name and page (or line of a text rendering).

    Never a link: the source files live in the inbox, beside SIMPEG exports that hold names, NIK and phone
    numbers, and the report is for analysts. The file name and page are enough to find the document.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir

    @staticmethod
    def citation(source_file: str, page: Any = None, line: Any = None) -> str:
        where = ""
        if not is_missing(page):
            where = f", hlm. {int(page)}"
        elif not is_missing(line):
            where = f", baris {int(line)}"
        return f"{Path(source_file).name}{where}"

    def link(self, source_file: Any, page: Any = None, line: Any = None) -> str:
        """HTML for one source reference: the citation text."""
        if is_missing(source_file) or not str(source_file):
            return "–"
        return f'<span class="src">{html.escape(self.citation(str(source_file), page, line))}</span>'

    def links(self, refs: list[tuple[object, object, object]], limit: int = 3) -> str:
        """Several references (a row summarising a few document tables), de-duplicated, at most `limit`."""
        seen: list[tuple[object, object, object]] = []
        for ref in refs:
            key = (ref[0], None if is_missing(ref[1]) else ref[1], None if is_missing(ref[2]) else ref[2])
            if key not in seen and not is_missing(ref[0]):
                seen.append(key)
        shown = [self.link(*ref) for ref in seen[:limit]]
        more = f" (+{len(seen) - limit})" if len(seen) > limit else ""
        return "; ".join(shown) + more if shown else "–"
