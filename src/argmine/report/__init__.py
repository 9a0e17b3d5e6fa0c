"""Reports: the data is computed once (``model.build_report``), then rendered per format."""

from argmine.report.model import Report, build_report
from argmine.report.render import FORMATS, render

__all__ = ["FORMATS", "Report", "build_report", "render"]
