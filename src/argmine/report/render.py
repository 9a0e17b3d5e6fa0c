"""One entry point for every report format."""

from __future__ import annotations

import io
import json
from dataclasses import asdict

from rich.console import Console

from argmine.report.html import render_html
from argmine.report.markdown import render_markdown
from argmine.report.model import Report
from argmine.report.text import print_text

FORMATS = ("text", "markdown", "html", "json")


def render_json(report: Report) -> str:
    data = asdict(report)
    data["labels_available"] = report.labels_available
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_text(report: Report, width: int = 100) -> str:
    buffer = io.StringIO()
    print_text(report, Console(file=buffer, width=width, color_system=None, force_terminal=False))
    return buffer.getvalue()


def render(report: Report, fmt: str) -> str:
    """The report as a string in ``fmt`` (one of ``FORMATS``)."""
    renderers = {"text": render_text, "markdown": render_markdown, "html": render_html,
                 "json": render_json}
    if fmt not in renderers:
        raise ValueError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderers[fmt](report)
