"""Charts as inline SVG strings: no JavaScript, no files, printable.

Colours are the same everywhere: PRO green, CONTRA red, NEUTRAL grey.
"""

from __future__ import annotations

from html import escape

from argmine.report.model import TreeNode

COLOURS = {"PRO": "#2e7d32", "CONTRA": "#c62828", "NEUTRAL": "#9e9e9e", None: "#e0e0e0"}
ORDER = ("PRO", "CONTRA", "NEUTRAL")


def stance_bar(counts: dict[str, int], width: int = 220, height: int = 14) -> str:
    """A stacked bar of unit counts by stance, with the numbers in its title."""
    total = sum(counts.get(s, 0) for s in ORDER)
    label = ", ".join(f"{s} {counts.get(s, 0)}" for s in ORDER)
    parts, x = [], 0.0
    for stance in ORDER:
        share = counts.get(stance, 0) / total if total else 0
        if share:
            parts.append(f'<rect x="{x:.1f}" y="0" width="{share * width:.1f}" '
                         f'height="{height}" fill="{COLOURS[stance]}"/>')
            x += share * width
    if not total:
        parts.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="{COLOURS[None]}"/>')
    return (f'<svg class="bar" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{escape(label or "no units")}</title>'
            + "".join(parts) + "</svg>")


def _flatten(nodes: list[TreeNode], depth: int = 0):
    for node in nodes:
        yield depth, node
        yield from _flatten(node.children, depth + 1)


def thread_tree(roots: list[TreeNode], row: int = 22, indent: int = 22, width: int = 760) -> str:
    """The thread as an indented tree; each node a dot coloured by its document's stance."""
    rows = list(_flatten(roots))
    height = max(row * len(rows) + 8, row)
    parts, positions = [], {}
    for i, (depth, node) in enumerate(rows):
        x, y = 12 + depth * indent, 14 + i * row
        positions[id(node)] = (x, y)
        doc = node.document
        who = doc.author or "unknown author"
        label = f"{who}: {doc.label}"
        if len(label) > 90:
            label = label[:89] + "…"
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="6" fill="{COLOURS.get(doc.stance, COLOURS[None])}">'
            f'<title>{escape(doc.kind)} · {escape(doc.stance or "no stance")}</title></circle>'
            f'<text x="{x + 12}" y="{y + 4}" font-size="12">{escape(label)}</text>')
    lines = []
    for depth, node in rows:
        px, py = positions[id(node)]
        for child in node.children:
            cx, cy = positions[id(child)]
            lines.append(f'<path d="M{px},{py + 6} V{cy} H{cx - 6}" fill="none" stroke="#bbb"/>')
    return (f'<svg class="tree" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif">'
            + "".join(lines) + "".join(parts) + "</svg>")
