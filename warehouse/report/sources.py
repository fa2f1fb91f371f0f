"""Links from every number back to the page of the document it was read from."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from warehouse.report.fmt import is_missing


class SourceLinker:
    """Resolves source files in the inbox of the last run and renders a relative link or a plain citation.

    Relative links keep the report usable when the warehouse directory and inbox are copied together; a
    file that cannot be found (inbox moved, file archived) is still cited by name and page, so a reader can
    find it by hand.
    """

    def __init__(self, inbox: Path | None, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._by_name: dict[str, Path] = {}
        if inbox is not None and inbox.is_dir():
            # Loaders record the file name; files may sit in sub-folders of the inbox.
            for path in sorted(inbox.rglob("*")):
                if path.is_file():
                    self._by_name.setdefault(path.name, path)
            self.inbox = inbox
        else:
            self.inbox = None

    def resolve(self, source_file: str) -> Path | None:
        if self.inbox is not None:
            direct = self.inbox / source_file
            if direct.is_file():
                return direct
        return self._by_name.get(Path(source_file).name)

    @staticmethod
    def citation(source_file: str, page: Any = None, line: Any = None) -> str:
        where = ""
        if not is_missing(page):
            where = f", hlm. {int(page)}"
        elif not is_missing(line):
            where = f", baris {int(line)}"
        return f"{Path(source_file).name}{where}"

    def link(self, source_file: Any, page: Any = None, line: Any = None) -> str:
        """HTML for one source reference: an <a> when the file is found, otherwise the citation text."""
        if is_missing(source_file) or not str(source_file):
            return "–"
        name = str(source_file)
        text = html.escape(self.citation(name, page, line))
        found = self.resolve(name)
        if found is None:
            return f'<span class="src">{text}</span>'
        rel = Path(os.path.relpath(found.resolve(), self.out_dir.resolve())).as_posix()
        href = quote(rel)
        if found.suffix.lower() == ".pdf" and not is_missing(page):
            href += f"#page={int(page)}"
        return f'<a class="src" href="{html.escape(href)}">{text}</a>'

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
