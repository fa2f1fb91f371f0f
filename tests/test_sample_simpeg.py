"""The SIMPEG sample exports are byte-for-byte the same on every write: the refresh skips an input whose
sha256 it has seen, so a regenerated sample must not look like a new export."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from samples.simpeg import write_simpeg_samples

XLSX = "simpeg_bkpsdm_kota_bekasi.xlsx"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_writes_give_the_same_files(tmp_path: Path) -> None:
    first = write_simpeg_samples(tmp_path / "a")
    second = write_simpeg_samples(tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    assert XLSX in {p.name for p in first}
    for a, b in zip(first, second, strict=True):
        assert _sha256(a) == _sha256(b), a.name
    assert _sha256(tmp_path / "a" / "simpeg_truth.json") == _sha256(tmp_path / "b" / "simpeg_truth.json")


def test_the_workbook_carries_its_snapshot_date_not_the_clock(tmp_path: Path) -> None:
    # Two quick writes can fall in the same two-second zip tick; the dates themselves tell the clock was read.
    path = next(p for p in write_simpeg_samples(tmp_path) if p.name == XLSX)
    with zipfile.ZipFile(path) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2023, 12, 31, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert core.count("2023-12-31T00:00:00Z") == 2  # created and modified
