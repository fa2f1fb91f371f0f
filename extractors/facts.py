"""The fact contract: what every document recogniser emits (docs/architecture.md §3)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from extractors.codes import normalise_region_name

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
# Who a number counts. `asn` = PNS + PPPK. A subgroup the vocabularies cannot name is `subgroup` (its label
# goes in `indicator`): such a figure is kept but never read as a whole population.
POPULATIONS = frozenset({"asn", "pns", "pppk", "cpns", "non_asn", "pejabat_struktural", "subgroup"})
# Whether a figure covers the whole region's workforce or only the issuing agency's own staff.
SCOPES = frozenset({"region", "agency"})
# What the period of a number is: one year, a closed range summed or averaged over years, a cumulative
# "s.d." figure, the plan's starting condition (kondisi awal) or its end-of-plan target (akhir periode).
PERIOD_KINDS = frozenset({"year", "range", "cumulative", "baseline", "end_of_plan"})
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


def _check_region(region: str | None) -> None:
    # The marts join regions on this name as written (macro region_key): one spelling, codes' canonical one.
    if region is not None and normalise_region_name(region) != region:
        raise ValueError(f"region {region!r} is not a canonical region name ({normalise_region_name(region)!r})")


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
    # What is measured, as printed: an indicator's label (indicator_value, ip_asn, merit and sakip figures,
    # matched to canonical codes by ref_indicator_aliases). On an asn_headcount it is instead the printed words
    # its codes fold away (interpret/grid.py _headcount_label): the subgroup its caption names, an education
    # label the code list folds ("Sarjana Muda" is D-III), or a total row's own label ("Jumlah PNS").
    indicator: str | None = None
    dimension: dict[str, str] = field(default_factory=dict)
    unit: str | None = None
    # Consistency findings about this number (e.g. "stated_total_mismatch:10692!=10690");
    # the source is kept as printed, the flag tells the reconciliation what to look at.
    flags: list[str] = field(default_factory=list)
    population: str | None = None
    scope: str | None = None
    period_kind: str = "year"
    period_start: int | None = None
    period_end: int | None = None
    # The rule or header path that gave this number its meaning, for an analyst asking "why this?".
    evidence: str | None = None
    # 0-1 recognition confidence where the page was read by OCR; None for text layers and renderings.
    confidence: float | None = None

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
        if self.population is not None and self.population not in POPULATIONS:
            raise ValueError(f"unknown population {self.population!r}")
        if self.scope is not None and self.scope not in SCOPES:
            raise ValueError(f"unknown scope {self.scope!r}")
        if self.period_kind not in PERIOD_KINDS:
            raise ValueError(f"unknown period kind {self.period_kind!r}")
        _check_region(self.region)

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
        # The contract's optional fields, only where they say something.
        for k in ("population", "scope", "period_start", "period_end", "evidence", "confidence"):
            if out[k] is not None:
                ordered[k] = out[k]
        if self.period_kind != "year":
            ordered["period_kind"] = self.period_kind
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
    # The same report as PDF and as text rendering, or under another file name, has one key (identity.py).
    document_key: str | None = None

    def __post_init__(self) -> None:
        _check_region(self.region)


# Why a printed number did not become a fact (the interpreter could not determine its meaning).
UNRESOLVED_REASONS = frozenset(
    {
        "unreadable_number",  # the cell is not a number in any locale form
        "value_is_a_range",  # "70-80": a target band, not one number
        "alignment_unverified",  # the form's printed column formulas do not hold under the header's reading
        "digits_words_disagree",  # "36 (tiga puluh empat)": the printed digits and words differ
        "row_category_unknown",  # the row's label is in no vocabulary of the table's dimension
        "column_unlabelled",  # no header says what the column holds
        "ocr_header_unread",  # OCR could not read the header over the cell: what it holds is unknown
        "period_unknown",  # neither header, row, caption nor document gives the year
        "period_not_a_year",  # a range, cumulative, baseline or end-of-plan figure in a count table
        "category_mismatch",  # a row or column category that contradicts its table's dimension
        "period_ambiguous",  # two cells of one OCR'd row read as the same figure and period, with different values
    }
)


@dataclass
class Unresolved:
    """A number the interpreter saw but could not give a meaning: counted and reported, never guessed."""

    source: str
    reason: str
    text: str  # the cell as printed, with its row label, short
    page: int | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        if self.reason not in UNRESOLVED_REASONS:
            raise ValueError(f"unknown unresolved reason {self.reason!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "page": self.page, "line": self.line, "reason": self.reason,
                "text": self.text}


@dataclass
class ExtractionResult:
    identity: DocumentIdentity
    facts: list[Fact]
    pages: int
    # Cells or tables that could not be read: reported, never guessed.
    problems: list[str] = field(default_factory=list)
    # Numbers seen in tables whose meaning could not be determined, each with its reason code.
    unresolved: list[Unresolved] = field(default_factory=list)

    def unresolved_by_reason(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for u in self.unresolved:
            out[u.reason] = out.get(u.reason, 0) + 1
        return dict(sorted(out.items(), key=lambda kv: -kv[1]))
