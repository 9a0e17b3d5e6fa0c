"""The Markdown report (jinja2), for papers and issue trackers."""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader

from argmine.report.model import Report, TreeNode
from argmine.report.text import NO_LABELS, figure, web_link


def escape_markdown(value: object) -> str:
    """Escape the characters that would break a table cell or start markup."""
    return re.sub(r"([\\|*_\[\]`<>])", r"\\\1", str(value)).replace("\n", " ")


def _tree_lines(node: TreeNode, depth: int) -> str:
    doc = node.document
    status = f"{doc.units} units" if doc.has_text else "referenced, not ingested"
    if doc.stance:
        status += f", {doc.stance} {doc.stance_confidence or 0:.2f}"
    date = f", {doc.published[:10]}" if doc.published else ""
    line = (f"{'  ' * depth}- {doc.kind} by **{escape_markdown(doc.author or 'unknown author')}**"
            f"{date}: {escape_markdown(doc.label)} ({status})\n")
    return line + "".join(_tree_lines(child, depth + 1) for child in node.children)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("argmine.report", "templates"),
                      autoescape=False, keep_trailing_newline=True, trim_blocks=False)
    env.filters["md"] = escape_markdown
    env.filters["figure"] = figure
    env.filters["web_link"] = web_link
    env.globals["tree_lines"] = _tree_lines
    return env


def render_markdown(report: Report) -> str:
    text = _environment().get_template("report.md.j2").render(report=report, no_labels=NO_LABELS)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
