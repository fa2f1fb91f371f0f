"""The fact contract: what every document recogniser emits (see DESIGN.md, "The fact contract")."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

METRICS = frozenset(
    {
        "asn_headcount",
        "ip_asn",
        "merit_index",
        "merit_aspect_score",
        "merit_achievement_pct",
        "sakip_score",
        "budget_idr",
        "indicator_value",
    }
)
KINDS = frozenset({"count", "target", "realisation", "capaian_pct", "pagu", "budget_realisation"})
HEADCOUNT_DIMENSIONS = frozenset(
    {
        "golongan",
        "golongan_ruang",
        "pendidikan",
        "jenis_jabatan",
        "jabatan",
        "eselon",
        "jenis_kelamin",
        "kelompok_usia",
        "unit_kerja",
    }
)
OTHER_DIMENSIONS = frozenset({"aspek", "dimensi", "program", "kegiatan", "sub_kegiatan", "status"})
DIMENSION_KEYS = HEADCOUNT_DIMENSIONS | OTHER_DIMENSIONS


@dataclass
class Fact:
    """One number read from a document, with where it was read."""

    source: str
    metric: str
    kind: str
    value: float | int
    year: int | None
    page: int | None = None
    line: int | None = None
    table: str | None = None
    agency: str | None = None
    region: str | None = None
    indicator: str | None = None
    dimension: dict[str, str] = field(default_factory=dict)
    unit: str | None = None
    # Consistency findings about this number (e.g. "stated_total_mismatch:10692!=10690");
    # the source is kept as printed, the flag tells the reconciliation what to look at.
    flags: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.page is None and self.line is None:
            raise ValueError(f"fact from {self.source} has neither page nor line")
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}")
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        unknown = set(self.dimension) - DIMENSION_KEYS
        if unknown:
            raise ValueError(f"unknown dimension keys {sorted(unknown)}")

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        # Keep the contract's key order; flags only when there are any.
        ordered = {
            k: out[k]
            for k in (
                "source", "page", "line", "table", "agency", "region", "metric",
                "indicator", "dimension", "year", "value", "unit", "kind",
            )
        }
        if self.flags:
            ordered["flags"] = list(self.flags)
        return ordered

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass
class DocumentIdentity:
    """What a document is, read from its title pages."""

    source: str
    doc_type: str | None  # renstra | lkip | renja | None when it cannot be told
    agency: str | None
    region: str | None
    period_start: int | None
    period_end: int | None


@dataclass
class ExtractionResult:
    identity: DocumentIdentity
    facts: list[Fact]
    pages: int
    # Cells or tables that could not be read: reported, never guessed.
    problems: list[str] = field(default_factory=list)
