"""Errors that name the file and the reason, as the rules for bad input require (docs/architecture.md §5)."""

from __future__ import annotations

from pathlib import Path


class UnreadableFileError(Exception):
    """A whole input file cannot be read (corrupt, encrypted, image-only, wrong format, missing columns)."""

    def __init__(self, path: str | Path, reason: str, reason_code: str = "unreadable") -> None:
        self.path = str(path)
        self.reason = reason
        self.reason_code = reason_code
        super().__init__(f"{Path(path).name}: {reason}")

    def __reduce__(self):
        # Rebuilt with all three fields when it crosses a process boundary (PDF pages read in workers).
        return (type(self), (self.path, self.reason, self.reason_code))
