"""What every section gets: the warehouse, where to write charts, and how to cite sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from warehouse.report.db import ReportDb
from warehouse.report.sources import SourceLinker

MAX_BARS = 30  # beyond this a bar chart stops being readable; the table below still lists every row


@dataclass
class ReportContext:
    db: ReportDb
    out_dir: Path
    linker: SourceLinker
    run_id: str | None
    charts: list[Path] = field(default_factory=list)

    def chart_path(self, name: str) -> Path:
        path = self.out_dir / f"{name}.png"
        self.charts.append(path)
        return path
