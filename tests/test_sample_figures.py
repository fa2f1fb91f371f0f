"""samples.figures: the expected answers of the sample inputs, written by hand, checked against each other.

The figures are literals, so nothing in the project computes them; these tests keep the literals honest:
- every split the SIMPEG samples add where a document is silent still sums to the published figures;
- every printed label's category is the one the project's normalisers give, so a change of a code-list spelling
  (or a normaliser bug) shows up here, by name, before it shows up as a failed extraction test;
- the generators really draw on these figures (the truth files they write carry them).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from extractors import codes
from samples import figures as fig


def _golongan_sums(ruang_counts: dict[str, int]) -> dict[str, int]:
    sums: Counter[str] = Counter()
    for ruang, n in ruang_counts.items():
        sums[ruang.split("/")[0]] += n
    return dict(sums)


def test_simpeg_splits_keep_the_published_sums() -> None:
    # Banten: the LKIP's single "Diploma" column (419) spread over four levels.
    assert sum(fig.BANTEN_2024_DIPLOMA_SPLIT.values()) == fig.BANTEN_2024_PENDIDIKAN["Diploma"] == 419
    assert sum(fig.SIMPEG_BANTEN_PENDIDIKAN.values()) == sum(fig.BANTEN_2024_GOLONGAN_RUANG.values()) == 10692
    # Serang: Tabel 2.a golongan IV 2, III 26, II 2 and eselon II 1, III 4, IV 11 (30 PNS).
    assert _golongan_sums(fig.SIMPEG_SERANG_GOLONGAN_RUANG) == {"IV": 2, "III": 26, "II": 2}
    eselon_levels = Counter()
    for eselon, n in fig.SIMPEG_SERANG_ESELON.items():
        eselon_levels[eselon.split(".")[0]] += n
    assert dict(eselon_levels) == {"II": 1, "III": 4, "IV": 11}
    assert sum(fig.SIMPEG_SERANG_GENDER.values()) == sum(fig.SIMPEG_SERANG_JENIS_JABATAN.values()) == 30
    # Bekasi: Tabel 2.2 golongan II 4, III 47, IV 11; Tabel 2.6 education by gender exactly (62 PNS).
    assert _golongan_sums(fig.SIMPEG_BEKASI_GOLONGAN_RUANG) == {"II": 4, "III": 47, "IV": 11}
    assert sum(fig.SIMPEG_BEKASI_PENDIDIKAN_GENDER.values()) == 62
    assert fig.SIMPEG_BEKASI_PENDIDIKAN_GENDER[("S2", "Perempuan")] == 13
    assert sum(fig.SIMPEG_BEKASI_JENIS_JABATAN.values()) == 62


@pytest.mark.parametrize(
    ("columns", "normalise"),
    [
        (fig.GOLONGAN_RUANG_COLUMNS, codes.normalise_golongan_ruang),
        (fig.PENDIDIKAN_COLUMNS, codes.normalise_pendidikan),
        (fig.BEKASI_PENDIDIKAN_COLUMNS, codes.normalise_pendidikan),
        (fig.JABATAN_COLUMNS, codes.normalise_jenis_jabatan),
        (fig.GENDER_COLUMNS, codes.normalise_jenis_kelamin),
        (fig.GENDER_LP_COLUMNS, codes.normalise_jenis_kelamin),
        (fig.USIA_COLUMNS, codes.normalise_kelompok_usia),
        (fig.PROVINSI_ESELON_COLUMNS, codes.normalise_eselon),
        (fig.KOTA_ESELON_COLUMNS, codes.normalise_eselon),
        (fig.GOLONGAN_COLUMNS, codes.normalise_golongan),
    ],
    ids=["golongan_ruang", "pendidikan", "pendidikan_bekasi", "jenis_jabatan", "gender", "gender_lp", "usia",
         "eselon_provinsi", "eselon_kota", "golongan"],
)
def test_printed_labels_normalise_to_their_written_category(columns, normalise) -> None:
    assert [(label, normalise(label)) for label, _ in columns] == list(columns)


@pytest.mark.parametrize(
    ("rows", "normalise"),
    [
        (fig.BEKASI_PENDIDIKAN_GENDER, codes.normalise_pendidikan),
        (fig.BEKASI_ESELON_GENDER, codes.normalise_eselon),
        (fig.BEKASI_JENIS_JABATAN_GENDER, codes.normalise_jenis_jabatan),
    ],
    ids=["pendidikan", "eselon", "jenis_jabatan"],
)
def test_cross_table_row_categories_are_code_list_spellings(rows, normalise) -> None:
    assert [(label, normalise(label)) for label, *_ in rows] == [(label, category) for label, category, *_ in rows]


def test_generators_write_these_figures(tmp_path: Path) -> None:
    from samples.documents import TRUTH_FILE, write_sample_documents
    from samples.simpeg import write_simpeg_samples

    write_simpeg_samples(tmp_path / "simpeg")
    regions = json.loads((tmp_path / "simpeg" / "simpeg_truth.json").read_text())["regions"]
    # Clean rows only (defects are extra rows): the published composition, count for count.
    assert regions["Provinsi Banten"]["golongan_ruang"] == fig.SIMPEG_BANTEN_GOLONGAN_RUANG
    assert regions["Provinsi Banten"]["jenis_kelamin"] == {"Laki-laki": 5302, "Perempuan": 5390}
    assert regions["Kota Serang"]["pendidikan"] == {"D-III": 3, "S1": 17, "S2": 10}

    write_sample_documents(tmp_path / "documents")
    truth = json.loads((tmp_path / "documents" / TRUTH_FILE).read_text(encoding="utf-8"))
    banten = next(d for d in truth["documents"] if d["file"] == fig.BANTEN_FILE)
    golongan = {
        h["dimension"]["golongan_ruang"]: h["value"] for h in banten["headcounts"] if "golongan_ruang" in h["dimension"]
    }
    assert golongan == fig.BANTEN_2024_GOLONGAN_RUANG
    assert golongan["III/a"] == 2514
