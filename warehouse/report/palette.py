"""One colour per category across every chart, so that 'Perempuan' or 'III' looks the same everywhere."""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.colors import to_hex

GOLONGAN_ORDER = ["I", "II", "III", "IV"]
PENDIDIKAN_ORDER = [
    "SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "Diploma", "D-IV", "S1/D-IV", "S1", "S2", "S3",
]
GENDER_ORDER = ["Laki-laki", "Perempuan"]
USIA_ORDER = ["19-25", "26-30", "31-35", "36-40", "41-45", "46-50", "51-55", "56-60", "61-65", ">65"]
JABATAN_ORDER = ["Struktural", "Fungsional", "Pelaksana"]

GENDER_COLOURS = {"Laki-laki": "#2f6db3", "Perempuan": "#e0712c"}
IP_ASN_BANDS = [  # (exclusive low, inclusive high, category, colour) on the 0–100 scale
    (0, 60, "Sangat Rendah", "#c0392b"),
    (60, 70, "Rendah", "#e67e22"),
    (70, 80, "Sedang", "#f1c40f"),
    (80, 90, "Tinggi", "#7cb342"),
    (90, 100, "Sangat Tinggi", "#2e7d32"),
]
MERIT_BANDS = [  # KASN 2019 self-assessment, 0–400
    (100, 175, "I Buruk", "#c0392b"),
    (175, 250, "II Kurang", "#e67e22"),
    (250, 325, "III Baik", "#7cb342"),
    (325, 400, "IV Sangat Baik", "#2e7d32"),
]
STATUS_COLOURS = {
    "passed": "#2e7d32", "loaded": "#2e7d32", "skipped_unchanged": "#90a4ae",
    "warn": "#f1c40f", "failed": "#c0392b", "error": "#c0392b",
}
NEUTRAL = "#9e9e9e"
TARGET = "#212121"


def _sequential(order: list[str], cmap: str, lo: float = 0.25, hi: float = 0.95) -> dict[str, str]:
    cm = colormaps[cmap]
    n = max(len(order) - 1, 1)
    return {c: to_hex(cm(lo + (hi - lo) * i / n)) for i, c in enumerate(order)}


CATEGORY_COLOURS: dict[str, dict[str, str]] = {
    "golongan": _sequential(GOLONGAN_ORDER, "Blues", 0.3, 0.9),
    "pendidikan": _sequential(PENDIDIKAN_ORDER, "YlGnBu", 0.15, 0.95),
    "jenis_kelamin": GENDER_COLOURS,
    "kelompok_usia": _sequential(USIA_ORDER, "RdPu", 0.15, 0.95),
    "jenis_jabatan": {"Struktural": "#5e35b1", "Fungsional": "#00897b", "Pelaksana": "#fbc02d"},
}
ORDERS: dict[str, list[str]] = {
    "golongan": GOLONGAN_ORDER,
    "pendidikan": PENDIDIKAN_ORDER,
    "jenis_kelamin": GENDER_ORDER,
    "kelompok_usia": USIA_ORDER,
    "jenis_jabatan": JABATAN_ORDER,
}
_GREYS = ["#bdbdbd", "#9e9e9e", "#757575", "#616161", "#e0e0e0"]


def ordered(dimension: str, categories: set[str] | list[str]) -> list[str]:
    """Known categories in their natural order, unknown ones after them alphabetically."""
    order = ORDERS.get(dimension, [])
    known = [c for c in order if c in categories]
    return known + sorted(c for c in categories if c not in order)


def colour(dimension: str, category: str) -> str:
    mapping = CATEGORY_COLOURS.get(dimension, {})
    if category in mapping:
        return mapping[category]
    return _GREYS[sum(map(ord, category)) % len(_GREYS)]


def band_colour(bands: list[tuple[float, float, str, str]], category: str | None) -> str:
    return next((col for _, _, name, col in bands if name == category), NEUTRAL)
