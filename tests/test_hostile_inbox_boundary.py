"""Issue 18, the inbox is a boundary: what the scan reads, what it records as ignored, and one home for the
input file kinds."""

from __future__ import annotations

import os
from pathlib import Path

from extractors import file_kinds
from tests import hostile_inputs as h
from warehouse.inbox import IGNORED, require_inside, scan_entries, scan_inbox


def test_symlinks_hidden_entries_and_special_files_are_ignored_with_a_reason(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = h.write_simpeg(inbox / "sub" / "simpeg_kota_serang_2024-12-31.csv", [h.nip(1)])
    links = h.links_and_hidden(inbox, tmp_path / "outside")
    os.mkfifo(inbox / "antrian.csv")
    entries = {e.name: e for e in scan_entries(inbox)}
    assert entries["sub/simpeg_kota_serang_2024-12-31.csv"].kind == "simpeg"
    for key in ("passwd_link", "folder_link", "hidden_file", "hidden_dir"):
        entry = entries[links[key].relative_to(inbox).as_posix()]
        assert entry.kind == IGNORED and entry.reason and entry.sha256 is None, key
    assert entries["antrian.csv"].kind == IGNORED and "regular file" in entries["antrian.csv"].reason
    # Nothing below the symlinked folder or the hidden one is listed, and only the good file is an input.
    assert [f.path for f in scan_inbox(inbox)] == [str(good)]


def test_a_file_that_turns_into_a_symlink_after_the_scan_is_refused(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    path = h.write_simpeg(inbox / "simpeg_kota_serang_2024-12-31.csv", [h.nip(1)])
    assert require_inside(inbox, path) == path.resolve()
    path.unlink()
    os.symlink("/etc/passwd", path)
    try:
        require_inside(inbox, path)
    except ValueError as exc:
        assert "symbolic link" in str(exc)
    else:
        raise AssertionError("a symlink was accepted")


def test_every_suffix_a_kind_accepts_has_a_reader() -> None:
    for suffix in file_kinds.SIMPEG_SUFFIXES:
        assert file_kinds.reader_of(f"x{suffix}") in {"csv", "xlsx"}
    for suffix in file_kinds.DOCUMENT_SUFFIXES:
        assert file_kinds.reader_of(f"x{suffix}") in {"pdf", "text"}
    assert file_kinds.kind_of("x.xls") == file_kinds.UNKNOWN and ".xlsx" in file_kinds.unsupported_reason("x.xls")
    assert file_kinds.kind_of("X.XLSM") == file_kinds.SIMPEG
