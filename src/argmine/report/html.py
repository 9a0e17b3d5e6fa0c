"""The HTML report: one self-contained file (inline CSS and SVG, no scripts, no CDN)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from argmine.report.charts import stance_bar, thread_tree
from argmine.report.model import Report
from argmine.report.text import NO_LABELS, figure, web_link


def render_html(report: Report) -> str:
    env = Environment(loader=PackageLoader("argmine.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    env.globals.update(bar=stance_bar, tree=thread_tree)
    env.filters["figure"] = figure
    env.filters["web_link"] = web_link
    return env.get_template("report.html.j2").render(report=report, no_labels=NO_LABELS)
