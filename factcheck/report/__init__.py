"""Verdict reports: a report model built from a corpus and its reviews, rendered per format.

Plain Python: no Textual, no Rich (lint-imports and tests/test_layering.py check).
"""

from factcheck.report.building import build_report
from factcheck.report.model import Report
from factcheck.report.registry import FORMATS, Format, export, notices, render

__all__ = ["FORMATS", "Format", "Report", "build_report", "export", "notices", "render"]
