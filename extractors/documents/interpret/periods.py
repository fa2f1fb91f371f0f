"""Period vocabulary: what time a header or caption says a number is about.

A year (`2023`, `Tahun 2023`), a closed range (`2019-2022`, `2019 s/d 2022`), a cumulative figure
(`s.d. 2023`, `sampai dengan 2023`), the plan's starting condition (`kondisi awal`, `baseline`) and its
end-of-plan target (`akhir periode Renstra`) are different things: each keeps its own kind and is never
stamped on one year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?:19|20)\d{2}"
_YEARS = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")
_UPTO = r"(?:s\s*\.?\s*/?\s*d\s*\.?|sampai\s+dengan|hingga|sampai|[-–—])"
_RANGE = re.compile(rf"(?<!\d)({_YEAR})\s*{_UPTO}\s*({_YEAR})(?!\d)", re.I)
_CUMULATIVE = re.compile(rf"(?:^|[^\d])(?:s\s*\.?\s*/?\s*d\s*\.?|sampai\s+dengan|hingga|kumulatif)\s*"
                         rf"(?:tahun\s*)?({_YEAR})(?!\d)", re.I)
_BASELINE = re.compile(r"kondisi\s+(kinerja\s+)?(pada\s+)?awal|tahun\s+dasar|baseline|kinerja\s+awal", re.I)
_END_OF_PLAN = re.compile(r"(kondisi\s+)?(kinerja\s+)?(pada\s+)?akhir\s+(periode|renstra|rpjmd|tahun\s+renstra)|"
                          r"kondisi\s+akhir", re.I)


@dataclass(frozen=True)
class Period:
    kind: str  # year | range | cumulative | baseline | end_of_plan
    start: int | None
    end: int | None

    @property
    def year(self) -> int | None:
        """The one year a fact can be filed under; None unless the period is one year."""
        return self.end if self.kind == "year" else None


def read_period(text: str, explicit: bool = False) -> Period | None:
    """The period a header cell or caption names, or None when it names none. With `explicit`, several
    years without a range word between them (a header path crossing groups) name no period."""
    t = text or ""
    if _END_OF_PLAN.search(t):
        years = [int(y) for y in _YEARS.findall(t)]
        return Period("end_of_plan", None, years[-1] if years else None)
    if _BASELINE.search(t):
        years = [int(y) for y in _YEARS.findall(t)]
        return Period("baseline", years[-1] if years else None, years[-1] if years else None)
    m = _RANGE.search(t)
    if m and int(m.group(1)) < int(m.group(2)):
        return Period("range", int(m.group(1)), int(m.group(2)))
    m = _CUMULATIVE.search(t)
    if m:
        return Period("cumulative", None, int(m.group(1)))
    years = sorted({int(y) for y in _YEARS.findall(t)})
    if len(years) == 1:
        return Period("year", years[0], years[0])
    if len(years) > 1 and not explicit:
        return Period("range", years[0], years[-1])
    return None


def year_label(text: str) -> int | None:
    """A cell that is only a year (`2023`, `Tahun 2023`, `(2023)`)."""
    m = re.fullmatch(rf"\s*(?:tahun\s*)?\(?({_YEAR})\)?\s*", text or "", re.I)
    return int(m.group(1)) if m else None
