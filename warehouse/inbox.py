"""Discover input files in the inbox and tell documents from SIMPEG exports.

The inbox is a boundary: nothing outside it is read. Symbolic links (to files or folders, inside or
outside) are never followed, special files (FIFOs, sockets, devices) never opened, and every entry that
is not read gets an `ignored` audit row with its reason, so that nothing dropped in the inbox vanishes
silently. A file is identified by its path relative to the inbox (two `data.csv` in two folders are two
files) plus its content hash.

Hashing a national inbox reads gigabytes, so, like git's index, the hashes are kept in a small file beside
the warehouse (`HashIndex`) keyed by what `stat` says about each file; a file is read again only when its
size, modification or change time, inode or device differ from when it was hashed.
"""

from __future__ import annotations

import json
import os
import stat
import time
from dataclasses import asdict, dataclass, field
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


# A file written again within the filesystem's timestamp granularity of being hashed can keep the same stat
# (git's "racily clean" entries): a hash is kept only for a file last modified this long before it was read.
RACY_NS = 2_000_000_000


def _stat_key(st: os.stat_result) -> list[int]:
    # ctime as well as mtime: a tool can set mtime back after rewriting a file, never ctime.
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


@dataclass
class HashIndex:
    """Content hashes of inbox files by absolute path and stat, persisted at `path` (JSON, replaced
    atomically). `bytes_hashed` and `files_hashed` count what this scan actually read."""

    path: Path | None
    entries: dict[str, dict] = field(default_factory=dict)
    code: str = ""  # fingerprint of the code that tells file kinds apart: a kind is reused only under it
    bytes_hashed: int = 0
    files_hashed: int = 0
    seen: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path | None, code: str = "") -> HashIndex:
        """The index stored at `path`; an empty one when there is none or it cannot be read (then every file
        is hashed, which is only slower). Kinds recorded under another `code` are dropped."""
        entries: dict[str, dict] = {}
        if path is not None:
            try:
                data = json.loads(path.read_text())
                if isinstance(data, dict) and isinstance(data.get("files"), dict):
                    entries = data["files"]
                    if data.get("code") != code:
                        entries = {k: {**v, "kind": None} for k, v in entries.items() if isinstance(v, dict)}
            except (OSError, ValueError):
                pass
        return cls(path, entries, code)

    def kind(self, path: Path) -> str:
        """The file's kind (`classify`), from the index when its content and the code are unchanged: telling
        a workbook of aggregates from a SIMPEG export means opening it."""
        entry = self.entries.get(str(path))
        if isinstance(entry, dict) and entry.get("kind") and entry.get("stat") == _stat_key(path.stat()):
            return entry["kind"]
        kind = classify(path)
        if isinstance(entry, dict):
            entry["kind"] = kind
        return kind

    def sha256(self, path: Path) -> tuple[str, int]:
        """(sha256, size) of the file, from the index when its stat is unchanged, else by reading it."""
        key = str(path)
        self.seen.add(key)
        before = path.stat()
        entry = self.entries.get(key)
        if isinstance(entry, dict) and entry.get("stat") == _stat_key(before) and entry.get("sha256"):
            return entry["sha256"], before.st_size
        started = time.time_ns()
        digest = file_sha256(path)
        after = path.stat()
        self.bytes_hashed += after.st_size
        self.files_hashed += 1
        settled = max(after.st_mtime_ns, after.st_ctime_ns) < started - RACY_NS
        if _stat_key(after) == _stat_key(before) and settled:
            self.entries[key] = {"stat": _stat_key(after), "sha256": digest}
        else:  # changed while read, or too recent to tell a later same-size rewrite apart: hash next time too
            self.entries.pop(key, None)
        return digest, after.st_size

    def save(self) -> None:
        """Write the index with the files this scan saw (files gone from the inbox are dropped)."""
        if self.path is None:
            return
        files = {k: v for k, v in self.entries.items() if k in self.seen}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"code": self.code, "files": files}, sort_keys=True))
        os.replace(tmp, self.path)


def hash_index_path(live_warehouse: Path) -> Path:
    """Where the refresh keeps the inbox's hash index: beside the warehouse it describes."""
    return live_warehouse.with_name(live_warehouse.name + ".inbox-hashes.json")


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


def scan_entries(inbox: Path, index: HashIndex | None = None) -> list[InboxFile]:
    """Every entry of the inbox: the inputs with their hash, then the ignored entries with their reason.
    With `index`, a file whose stat is unchanged since it was hashed is not read again; the caller saves it."""
    if not inbox.is_dir():
        return []
    index = index or HashIndex(None)
    inputs, ignored = _walk(inbox)
    files = []
    for p in inputs:
        try:
            digest, size = index.sha256(p)
            files.append(InboxFile(path=str(p), name=relative_name(inbox, p), kind=index.kind(p),
                                   sha256=digest, size=size))
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
