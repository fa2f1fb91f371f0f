"""Hostile and broken inbox entries, written by the tests (issue 18): what an attacker or an unlucky operator
drops beside the good files. Each writer returns the entry's path inside the inbox."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

SIMPEG_HEAD = "nip;tglhr;jenis_kelamin;golongan_ruang;tingkat_pendidikan;unit_kerja;instansi"


def nip(i: int, *, birth: str = "19860926", tmt: str = "201505", sex: int = 1) -> str:
    """A well-formed PNS NIP: birth date, TMT CPNS, sex digit, serial."""
    return f"{birth}{tmt}{sex}{i % 1000:03d}"


def simpeg_line(n: str, unit: str = "Bidang Mutasi", instansi: str = "Pemerintah Kota Cilegon") -> str:
    sex = "L" if n[14] == "1" else "P"
    return f"{n};{n[:4]}-{n[4:6]}-{n[6:8]};{sex};III/a;S1;{unit};{instansi}"


def write_simpeg(path: Path, nips: list[str], **kw: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SIMPEG_HEAD + "\n" + "".join(simpeg_line(n, **kw) + "\n" for n in nips), encoding="utf-8")
    return path


def huge_header_field(inbox: Path) -> Path:
    """A header with one field over the csv module's 128 KiB field limit."""
    path = inbox / "simpeg_kota_cilegon_header_raksasa_2024-12-31.csv"
    path.write_text(SIMPEG_HEAD + ";" + "X" * (200 << 10) + "\n" + simpeg_line(nip(1)) + "\n")
    return path


def one_line_50mb(inbox: Path) -> Path:
    path = inbox / "simpeg_satu_baris_2024-12-31.csv"
    with open(path, "w") as fh:
        fh.write("nip;" * (50 << 18))  # 50 MiB, no line break
    return path


def unterminated_quote(inbox: Path) -> tuple[Path, list[str]]:
    """40 data rows; row 5 opens a quote it never closes."""
    nips = [nip(100 + i, birth="19900115", tmt="201403", sex=2) for i in range(40)]
    lines = [simpeg_line(n, instansi="Pemerintah Kota Serang") for n in nips]
    lines[4] = lines[4].replace(";III/a;", ';"III/a;')
    path = inbox / "simpeg_kota_serang_kutip_2022-12-31.csv"
    path.write_text(SIMPEG_HEAD + "\n" + "\n".join(lines) + "\n")
    return path, nips


def original_and_correction(inbox: Path) -> tuple[Path, Path]:
    """An export and its correction (`…_koreksi.csv`) for the same agency and as-of date."""
    nips = [nip(200 + i, birth="19880301", tmt="201201") for i in range(30)]
    first = write_simpeg(inbox / "simpeg_kabupaten_pandeglang_2024-06-30.csv", nips,
                         instansi="Pemerintah Kabupaten Pandeglang")
    second = write_simpeg(inbox / "simpeg_kabupaten_pandeglang_2024-06-30_koreksi.csv", nips[:28],
                          instansi="Pemerintah Kabupaten Pandeglang")
    return first, second


def same_name_two_folders(inbox: Path) -> tuple[Path, Path]:
    """`data.csv` twice, for two agencies, in two subfolders."""
    a = write_simpeg(inbox / "kab_serang" / "data.csv", [nip(300 + i, birth="19791212", tmt="200501")
                                                          for i in range(12)], instansi="Pemerintah Kabupaten Serang")
    b = write_simpeg(inbox / "kota_tangsel" / "data.csv", [nip(400 + i, birth="19811111", tmt="200801")
                                                            for i in range(15)],
                     instansi="Pemerintah Kota Tangerang Selatan")
    return a, b


def formula_text(inbox: Path) -> Path:
    """Unit and agency names a spreadsheet would run; a negative-looking code that is not a formula."""
    nips = [nip(500 + i, birth="19850505", tmt="201001") for i in range(6)]
    path = inbox / "simpeg_kota_cilegon_2024-12-31.csv"
    units = ['=HYPERLINK("http://evil.example","klik")', "+1+1", "@SUM(A1:A9)", "-2+3", "\tTab", "Bidang Mutasi"]
    lines = [simpeg_line(n, unit=u, instansi="@Pemerintah Kota Cilegon") for n, u in zip(nips, units, strict=True)]
    path.write_text(SIMPEG_HEAD + "\n" + "\n".join(lines) + "\n")
    return path


def links_and_hidden(inbox: Path, outside: Path) -> dict[str, Path]:
    """A symlink to /etc/passwd named like a document, a symlinked folder outside the inbox, hidden entries."""
    outside.mkdir(parents=True, exist_ok=True)
    write_simpeg(outside / "simpeg_kota_luar_2024-12-31.csv", [nip(600 + i) for i in range(3)],
                 instansi="Pemerintah Kota Luar")
    entries = {
        "passwd_link": inbox / "renstra_bkpsdm_kota_serang_2025-2029.txt",
        "folder_link": inbox / "luar",
        "hidden_file": inbox / ".simpeg_tersembunyi_2024-12-31.csv",
        "hidden_dir": inbox / ".arsip",
    }
    os.symlink("/etc/passwd", entries["passwd_link"])
    os.symlink(outside, entries["folder_link"])
    write_simpeg(entries["hidden_file"], [nip(700)])
    write_simpeg(entries["hidden_dir"] / "simpeg_lama.csv", [nip(701)])
    return entries


def legacy_xls(inbox: Path) -> Path:
    path = inbox / "simpeg_kota_serang_2020-12-31.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    return path


def document_without_facts(inbox: Path) -> Path:
    path = inbox / "lkip_bkpsdm_kota_cilegon_2024.txt"
    path.write_text("LAPORAN KINERJA\nBKPSDM Kota Cilegon Tahun 2024\n\nBab I Pendahuluan.\n" * 5)
    return path


def quadratic_html_table(inbox: Path, rows: int = 6000) -> Path:
    """A text rendering with one long HTML table (the parse used to grow with the square of its size)."""
    body = "".join(f"<tr><td>{i}</td><td>Unit {i}</td><td>{i % 97}</td></tr>\n" for i in range(rows))
    path = inbox / "renstra_bkpsdm_kota_cilegon_2025-2029.md"
    path.write_text("RENSTRA BKPSDM Kota Cilegon 2025-2029\n<table>\n<tr><th>No</th><th>Unit Kerja</th>"
                    "<th>Jumlah</th></tr>\n" + body + "</table>\n")
    return path


def pdf_bomb(inbox: Path, inflated: int = 1 << 30) -> Path:
    """A small PDF whose one page's content stream inflates to `inflated` bytes."""
    comp = zlib.compressobj(9)
    chunk = b"0 0 m\n" * (1 << 16)
    parts = []
    for _ in range(inflated // len(chunk)):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    stream = b"".join(parts)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path = inbox / "lkip_bkpsdm_kota_bom_2024.pdf"
    path.write_bytes(bytes(out))
    return path
