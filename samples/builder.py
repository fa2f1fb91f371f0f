"""One sample document under construction: the PDF blocks it prints and, in step, the truth of every figure.

The builder knows layout (title page, pages, headings, paragraphs, tables) and how to record a figure in the
truth (`headcount`, `stated_total`, `ip_asn`, `merit`, `sakip`, `indicator`, `budget`). It knows no table shape
(those are in `samples.shapes`) and no document's numbers (those are in `samples.figures`). Rendering is
`samples.pdf_writer`'s job.

The numbers a sample prints are written as text by the helpers below (`rupiah`, `decimal_id`) and read back
by `printed_value`, which only has to understand this package's own spellings; it is deliberately not the
extractor's number parser, so the truth never depends on the code it is used to test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from samples.pdf_writer import Block, Gap, Grid, Heading, NewPage, Para, PdfDocument

# IP ASN is published either as a 0–100 "nilai" or as a 0–1 "poin"; capaian is always a percentage.
SCALE_MAX = {"nilai": 100, "poin": 1, "pct": 100}
CM = 28.3465  # points per centimetre, for column widths


# --- number rendering and reading -------------------------------------------------------------------


def rupiah(value: int, sep: str = ".") -> str:
    """6554542200 → `6.554.542.200` (Indonesian grouping); `sep=","` gives the English-style grouping
    that some converted tables carry."""
    return f"{value:,}".replace(",", sep)


def decimal_id(value: float, places: int = 2) -> str:
    """52.81 → `52,81` (Indonesian decimal comma)."""
    return f"{value:.{places}f}".replace(".", ",")


def printed_value(text: str) -> int | float | None:
    """Read back a number exactly as this package prints it.

    Only needs to understand the package's own data: a single separator followed by exactly three digits
    is a thousands group, any other single separator is a decimal mark; `-` and blank mean zero in the
    count tables. Ranges (`70-80`) and other text return None.
    """
    text = text.strip()
    if text in {"-", ""}:
        return 0
    if not re.fullmatch(r"\d[\d.,]*", text):
        return None
    separators = re.findall(r"[.,]", text)
    if not separators:
        return int(text)
    if len(separators) > 1 or re.fullmatch(r"\d{1,3}[.,]\d{3}", text):
        return int(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def capaian(target: float, realisation: float) -> float:
    return round(realisation / target * 100, 2)


# --- one document under construction ---------------------------------------------------------------


@dataclass
class DocumentBuilder:
    """Accumulates PDF blocks and, in step, the truth of every figure they print.

    Pages are counted by the builder: the title page is page 1 and each `new_page()` starts the next one;
    sections are kept short enough to fit one page, which the tests confirm against the rendered PDF.
    """

    file: str
    doc_type: str
    region: str
    agency: str
    period: tuple[int, int]
    figures_origin: str  # "published" (numbers of a real document) or "invented"
    landscape: bool = False
    blocks: list[Block] = field(default_factory=list)
    page: int = 1
    truth: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.truth = {
            "file": self.file,
            "doc_type": self.doc_type,
            "region": self.region,
            "agency": self.agency,
            "period": {"start": self.period[0], "end": self.period[1]},
            "figures_origin": self.figures_origin,
            "title_lines": [],
            "pages": None,
            "tables": [],
            "lists": [],
            "headcounts": [],
            "stated_totals": [],
            "inconsistent_totals": [],
            "ip_asn": [],
            "merit": [],
            "sakip": [],
            "indicators": [],
            "budgets": [],
        }

    @property
    def width_cm(self) -> float:
        """Printable width: A4 less the writer's 1.5 cm margins."""
        return (29.7 if self.landscape else 21.0) - 3.0 - 0.2

    # layout ------------------------------------------------------------------------------------------

    def title_page(self, lines: Sequence[tuple[str, int]]) -> None:
        self.blocks.append(Gap(5))
        for text, level in lines:
            self.blocks.append(Heading(text, level=level, centered=True))
            self.truth["title_lines"].append(text)
        self.new_page()

    def new_page(self) -> None:
        self.blocks.append(NewPage())
        self.page += 1

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(Heading(text, level=level))

    def para(self, text: str) -> None:
        self.blocks.append(Para(text))

    def table(
        self,
        title: str,
        rows: Sequence[Sequence[object]],
        *,
        ruled: bool = True,
        header_rows: int = 1,
        col_widths: Sequence[float] | None = None,
        note: str | None = None,
        spans: Sequence[tuple[int, int, int, int]] = (),
        cell_padding: float | None = None,
    ) -> dict[str, Any]:
        self.blocks.append(Heading(title, level=3))
        str_rows = [["" if c is None else str(c) for c in r] for r in rows]
        self.blocks.append(
            Grid(
                str_rows,
                ruled=ruled,
                header_rows=header_rows,
                col_widths=col_widths,
                spans=spans,
                cell_padding=cell_padding,
            )
        )
        if note:
            self.para(note)
        info = {
            "title": title,
            "page": self.page,
            "ruled": ruled,
            "header_rows": header_rows,
            "header": str_rows[:header_rows],
            "rows": str_rows,
        }
        self.truth["tables"].append(info)
        return info

    def document(self) -> PdfDocument:
        return PdfDocument(
            blocks=list(self.blocks),
            title=self.truth["title_lines"][0],
            landscape=self.landscape,
            invariant=True,  # same figures, same bytes: regenerated samples keep their sha256
        )

    # figures -----------------------------------------------------------------------------------------

    def stated_total(self, table: str, scope: dict[str, str], stated: str, parts: Sequence[str]) -> None:
        stated_value = printed_value(stated)
        parts_sum = sum(printed_value(p) or 0 for p in parts)
        entry = {
            "table": table,
            "page": self.page,
            "scope": scope,
            "stated": stated_value,
            "sum_of_parts": parts_sum,
            "consistent": stated_value == parts_sum,
        }
        self.truth["stated_totals"].append(entry)
        if not entry["consistent"]:
            self.truth["inconsistent_totals"].append(entry)

    def headcount(
        self, table: str, dimension: dict[str, str], label: str, printed: str, year: int, population: str
    ) -> None:
        """`dimension` maps each key to the category in the code lists' spelling, written by the caller as a
        literal (never derived from the label by the extractor's normalisers). `population` tells whose staff
        is counted: every PNS of the regional government ("pemerintah_daerah", the LKIP recaps) or only the
        agency's own staff ("perangkat_daerah", the Renstra resource tables) — the same words head both kinds
        of table."""
        self.truth["headcounts"].append(
            {
                "table": table,
                "page": self.page,
                "population": population,
                "dimension": dimension,
                "label": label,
                "year": year,
                "value": printed_value(printed),
                "printed": printed,
            }
        )

    def ip_asn(self, table: str, year: int, kind: str, printed: str, scale: str, dimensi: str = "total") -> None:
        self.truth["ip_asn"].append(
            {
                "table": table,
                "page": self.page,
                "year": year,
                "kind": kind,
                "dimensi": dimensi,
                "value": printed_value(printed),
                "printed": printed,
                "scale": scale,
                "scale_max": SCALE_MAX[scale],
            }
        )

    def merit(self, table: str, year: int, kind: str, printed: str, aspek: str = "total") -> None:
        self.truth["merit"].append(
            {
                "table": table,
                "page": self.page,
                "year": year,
                "kind": kind,
                "aspek": aspek,
                "score": printed_value(printed),
                "printed": printed,
                "scheme": "kasn_2019",
                "max_score": 400,
            }
        )

    def sakip(self, table: str, year: int, kind: str, printed: str) -> None:
        entry: dict[str, Any] = {
            "table": table,
            "page": self.page,
            "year": year,
            "kind": kind,
            "value": printed_value(printed),
            "printed": printed,
        }
        m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", printed)
        if m:  # a target given as a band, e.g. "70-80"
            entry["range"] = [int(m.group(1)), int(m.group(2))]
        self.truth["sakip"].append(entry)

    def indicator(self, table: str, name: str, year: int, kind: str, printed: str, unit: str) -> None:
        self.truth["indicators"].append(
            {
                "table": table,
                "page": self.page,
                "indicator": name,
                "year": year,
                "kind": kind,
                "value": printed_value(printed),
                "printed": printed,
                "unit": unit,
            }
        )

    def budget(
        self,
        table: str,
        year: int,
        kind: str,
        printed: str,
        program: str,
        kegiatan: str | None = None,
        sub_kegiatan: str | None = None,
        level: str | None = None,
    ) -> None:
        """`level` is the row's place in the plan hierarchy; Renstra matrices also attach pagu to the
        whole urusan and to each goal ("sasaran") indicator, above the programs."""
        if level is None:
            level = "sub_kegiatan" if sub_kegiatan else "kegiatan" if kegiatan else "program"
        self.truth["budgets"].append(
            {
                "table": table,
                "page": self.page,
                "year": year,
                "kind": kind,
                "level": level,
                "program": program,
                "kegiatan": kegiatan,
                "sub_kegiatan": sub_kegiatan,
                "value": printed_value(printed),
                "printed": printed,
                "unit": "IDR",
            }
        )
