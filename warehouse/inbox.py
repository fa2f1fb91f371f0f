"""Discover input files in the inbox and tell documents from SIMPEG exports.

The inbox is a boundary: nothing outside it is read. Symbolic links (to files or folders, inside or
outside) are never followed, special files (FIFOs, sockets, devices) never opened, and every entry that
is not read gets an `ignored` audit row with its reason, so that nothing dropped in the inbox vanishes
silently. A file is identified by its path relative to the inbox (two `data.csv` in two folders are two
files) plus its content hash.
"""

from __future__ import annotations

import os
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from extractors import file_kinds
from extractors.file_identity import file_sha256

IGNORED = "ignored"


@dataclass(frozen=True)
class InboxFile:
    path: str           # absolute path as scanned
    name: str           # path relative to the inbox, `/`-separated: the file's identity in the warehouse
    kind: str           # document | simpeg | unknown | ignored
    sha256: str | None
    size: int
    reason: str | None = None   # why an ignored entry is not read

    def to_dict(self) -> dict:
        return asdict(self)


def classify(path: Path) -> str:
    return file_kinds.kind_of(path)


def _walk(inbox: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(regular files to read, [(entry, why it is ignored)]), sorted; never follows a symlink."""
    inputs: list[Path] = []
    ignored: list[tuple[Path, str]] = []
    stack = [inbox]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            ignored.append((folder, f"folder cannot be listed: {exc.strerror}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                ignored.append((path, f"cannot be read: {exc.strerror}"))
                continue
            if stat.S_ISLNK(st.st_mode):
                ignored.append((path, "symbolic link: not followed (the inbox reads only files inside it)"))
            elif entry.name.startswith("."):
                what = "hidden folder" if stat.S_ISDIR(st.st_mode) else "hidden file"
                ignored.append((path, f"{what}: not read"))
            elif stat.S_ISDIR(st.st_mode):
                stack.append(path)
            elif not stat.S_ISREG(st.st_mode):
                ignored.append((path, "not a regular file (FIFO, socket or device): not read"))
            elif not file_kinds.is_input_candidate(path):
                ignored.append((path, "manifest JSON: not an input"))
            else:
                inputs.append(path)
    return sorted(inputs), sorted(ignored)


def relative_name(inbox: Path, path: Path) -> str:
    return path.relative_to(inbox).as_posix()


def input_paths(inbox: Path) -> list[Path]:
    """Every regular file below the inbox that is an input (see the module docstring for what is not)."""
    if not inbox.is_dir():
        return []
    return _walk(inbox)[0]


def scan_inbox(inbox: Path) -> list[InboxFile]:
    """The inputs of the inbox (without the ignored entries; see scan_entries)."""
    return [f for f in scan_entries(inbox) if f.kind != IGNORED]


def scan_entries(inbox: Path) -> list[InboxFile]:
    """Every entry of the inbox: the inputs with their hash, then the ignored entries with their reason."""
    if not inbox.is_dir():
        return []
    inputs, ignored = _walk(inbox)
    files = []
    for p in inputs:
        try:
            files.append(InboxFile(path=str(p), name=relative_name(inbox, p), kind=classify(p),
                                   sha256=file_sha256(p), size=p.stat().st_size))
        except OSError as exc:  # removed or made unreadable between listing and hashing
            ignored.append((p, f"cannot be read: {exc.strerror}"))
    files.extend(
        InboxFile(path=str(p), name=relative_name(inbox, p), kind=IGNORED, sha256=None, size=0, reason=why)
        for p, why in ignored
    )
    return files


def require_inside(inbox: Path, path: Path) -> Path:
    """`path` resolved, if it is still a regular file inside the inbox (not a symlink swapped in after the
    scan, not under a folder that became one); raises ValueError otherwise."""
    if path.is_symlink():
        raise ValueError(f"{path} became a symbolic link after the inbox scan")
    real, root = Path(os.path.realpath(path)), Path(os.path.realpath(inbox))
    if root not in real.parents:
        raise ValueError(f"{path} resolves outside the inbox {inbox}")
    return real


def inbox_signature(inbox: Path) -> dict[str, str]:
    """Size and modification time per input file: a cheap sign of change for the sensor, which polls every
    minute; the refresh itself compares content hashes."""
    signature = {}
    for p in input_paths(inbox):
        try:
            st = p.stat()
        except OSError:
            continue
        signature[relative_name(inbox, p)] = f"{st.st_size}:{st.st_mtime_ns}"
    return signature


def last_seen(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    """Per file, the (sha256, status) of its latest load, failure or supersession: what a refresh compares the
    inbox with. A superseded file counts as seen: reloading it unchanged would put the snapshot it lost back
    over the correction that replaced it."""
    rows = con.execute(
        """
        select file, sha256, status from audit.file_loads
        where status in ('loaded', 'empty', 'failed', 'superseded')
        qualify row_number() over (partition by file order by loaded_at desc) = 1
        """
    ).fetchall()
    return {name: (sha, status) for name, sha, status in rows}
