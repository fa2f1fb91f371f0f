"""Which headcount dimension a set of labels belongs to (golongan, education, gender, ...).

Labels are tried against every normaliser of extractors/codes.py; the table's title and section
heading only break ties (a header `I II III IV` is golongan under a golongan title, eselon under
an eselon title).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from extractors import codes
from extractors.documents.interpret.labels import is_total


def _eselon(value: object) -> str | None:
    # Documents spell it "Esselon" and space the ruang ("III a"); codes.py reads the clean form.
    text = re.sub(r"(?i)es+elon", "eselon", str(value)).strip()
    text = re.sub(r"(?i)^(eselon\s*)?([ivx]+)\s+([ab])$", r"\2.\3", re.sub(r"(?i)^eselon\s*", "", text))
    return codes.normalise_eselon(text)


def _golongan(value: object) -> str | None:
    text = re.sub(r"(?i)^(pelaksana\s+)?gol(ongan)?\.?\s*", "", str(value)).strip()
    return codes.normalise_golongan(text) if re.fullmatch(r"(?i)(iv|iii|ii|i|[1-4])", text) else None


def _golongan_ruang(value: object) -> str | None:
    text = str(value).strip()
    # A bare "I" is golongan; ruang needs its letter.
    return codes.normalise_golongan_ruang(text) if re.search(r"[a-eA-Eа-е]\s*\)?$", text) else None


def _pendidikan(value: object) -> str | None:
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        return None
    return codes.normalise_pendidikan(text)


def _jenis_kelamin(value: object) -> str | None:
    text = str(value).strip()
    if len(text) <= 2 and text.lower() not in {"l", "p", "lk", "pr"}:
        return None
    return codes.normalise_jenis_kelamin(text)


def _kelompok_usia(value: object) -> str | None:
    text = str(value)
    return codes.normalise_kelompok_usia(text) if re.search(r"\d{2}", text) else None


def _jenis_jabatan(value: object) -> str | None:
    text = str(value).strip()
    if re.fullmatch(r"\d+", text):
        return None
    return codes.normalise_jenis_jabatan(text)


NORMALISERS: list[tuple[str, Callable[[object], str | None], re.Pattern[str]]] = [
    ("golongan_ruang", _golongan_ruang, re.compile(r"golongan|pangkat|ruang", re.I)),
    ("golongan", _golongan, re.compile(r"golongan|pangkat", re.I)),
    ("pendidikan", _pendidikan, re.compile(r"pendidikan|ijazah", re.I)),
    ("eselon", _eselon, re.compile(r"es+elon|struktural", re.I)),
    ("jenis_kelamin", _jenis_kelamin, re.compile(r"kelamin|gender|pria|wanita", re.I)),
    ("kelompok_usia", _kelompok_usia, re.compile(r"usia|umur", re.I)),
    ("jenis_jabatan", _jenis_jabatan, re.compile(r"jabatan|jft|jfu", re.I)),
]
_BY_KEY = {k: f for k, f, _ in NORMALISERS}


def normalise(key: str, label: str) -> str | None:
    return _BY_KEY[key](label)


def detect(labels: Sequence[str], context: str = "", min_share: float = 0.6) -> str | None:
    """The dimension most labels normalise under, or None; ties go to the one the context names."""
    cands = [x for x in labels if x and x.strip() and not is_total(x)]
    if len(cands) < 2:
        return None
    scored = []
    for order, (key, fn, hint) in enumerate(NORMALISERS):
        hits = [fn(x) for x in cands]
        ok = [h for h in hits if h]
        share = len(ok) / len(cands)
        # Distinct categories: a column of "S1 S1 S1" is one category printed thrice, not a breakdown.
        if share >= min_share and len(set(ok)) >= 2:
            scored.append((share, 1 if hint.search(context) else 0, -order, key))
    if not scored:
        return None
    return max(scored)[3]
