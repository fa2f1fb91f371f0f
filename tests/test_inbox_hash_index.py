"""The inbox hash index (warehouse/inbox.py HashIndex): an unchanged inbox is not read again, a changed file is.

Real files on disk, real stat; the expected hashes are computed here with hashlib, not by the code under test.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from warehouse.inbox import RACY_NS, HashIndex, scan_entries


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _settle() -> None:
    # Files younger than RACY_NS are never trusted to the index (a same-size rewrite in the same timestamp
    # tick would keep their stat): wait until the ones just written are old enough.
    time.sleep(RACY_NS / 1e9 + 0.2)


def _inbox(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    inbox = tmp_path / "inbox"
    (inbox / "simpeg").mkdir(parents=True)
    files = {
        "simpeg/a.csv": b"nip;nama\n1;x\n" * 500,
        "simpeg/b.csv": b"nip;nama\n2;y\n" * 300,
        "doc.txt": b"Jumlah PNS 120 orang\n",
    }
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    return inbox, files


def _scan(inbox: Path, index_path: Path, **load) -> tuple[HashIndex, dict]:
    """One inbox scan as ingest does it: load the index, scan through it, save it. Returns the index (its
    counters) and the entries by name."""
    index = HashIndex.load(index_path, **load)
    entries = {e.name: e for e in scan_entries(inbox, index)}
    index.save()
    return index, entries


def test_unchanged_inbox_hashes_zero_bytes(tmp_path: Path) -> None:
    inbox, files = _inbox(tmp_path)
    index_path = tmp_path / "wh.duckdb.inbox-hashes.json"
    _settle()
    first, entries = _scan(inbox, index_path)
    assert first.bytes_hashed == sum(len(d) for d in files.values())
    assert {n: e.sha256 for n, e in entries.items()} == {n: _sha(d) for n, d in files.items()}

    second = HashIndex.load(index_path)
    again = {e.name: e for e in scan_entries(inbox, second)}
    assert second.bytes_hashed == 0 and second.files_hashed == 0
    assert {n: (e.sha256, e.size) for n, e in again.items()} == {n: (_sha(d), len(d)) for n, d in files.items()}
    assert {n: e.kind for n, e in again.items()} == {"simpeg/a.csv": "simpeg", "simpeg/b.csv": "simpeg",
                                                      "doc.txt": "document"}


def test_kinds_are_kept_only_under_the_same_code(tmp_path: Path) -> None:
    inbox, _ = _inbox(tmp_path)
    index_path = tmp_path / "index.json"
    _settle()
    _scan(inbox, index_path, code="v1")
    stored = json.loads(index_path.read_text())
    assert stored["code"] == "v1"
    assert sorted(e["kind"] for e in stored["files"].values()) == ["document", "simpeg", "simpeg"]
    other = HashIndex.load(index_path, code="v2")
    assert {e["kind"] for e in other.entries.values()} == {None}
    assert {e.name: e.kind for e in scan_entries(inbox, other)}["doc.txt"] == "document"
    assert other.bytes_hashed == 0  # the hashes still hold: only the kinds depend on the code


def test_changed_content_is_hashed_again_even_with_the_old_mtime(tmp_path: Path) -> None:
    inbox, files = _inbox(tmp_path)
    index_path = tmp_path / "index.json"
    _settle()
    _scan(inbox, index_path)

    target = inbox / "simpeg" / "a.csv"
    st = target.stat()
    changed = files["simpeg/a.csv"].replace(b"x", b"z")
    assert len(changed) == st.st_size
    target.write_bytes(changed)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size and mtime: only ctime tells

    index, entries = _scan(inbox, index_path)
    assert index.files_hashed == 1 and index.bytes_hashed == len(changed)
    assert entries["simpeg/a.csv"].sha256 == _sha(changed) != _sha(files["simpeg/a.csv"])
    assert entries["simpeg/b.csv"].sha256 == _sha(files["simpeg/b.csv"])


def test_a_just_written_file_is_not_trusted_to_the_index(tmp_path: Path) -> None:
    inbox, files = _inbox(tmp_path)
    index_path = tmp_path / "index.json"
    _scan(inbox, index_path)  # straight after writing: within the racy window
    again = HashIndex.load(index_path)
    scan_entries(inbox, again)
    assert again.files_hashed == len(files)


def test_removed_files_leave_the_index_and_a_broken_index_only_costs_hashing(tmp_path: Path) -> None:
    inbox, files = _inbox(tmp_path)
    index_path = tmp_path / "index.json"
    _settle()
    _scan(inbox, index_path)
    (inbox / "doc.txt").unlink()
    index, _ = _scan(inbox, index_path)
    assert index.bytes_hashed == 0
    assert sorted(Path(k).name for k in json.loads(index_path.read_text())["files"]) == ["a.csv", "b.csv"]

    index_path.write_text("{not json")
    broken = HashIndex.load(index_path)
    entries = {e.name: e.sha256 for e in scan_entries(inbox, broken)}
    assert broken.files_hashed == 2
    assert entries == {n: _sha(d) for n, d in files.items() if n != "doc.txt"}
