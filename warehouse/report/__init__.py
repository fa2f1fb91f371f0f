"""The analyst report: charts and tables of the marts, with links back to the source pages."""

from warehouse.report.build import build_report

__all__ = ["build_report"]
