"""Plain text from HTML fragments (post bodies in exports and feeds, comment bodies).

trafilatura finds the main text of whole pages; fragments are already the
main text, and trafilatura tends to drop short ones (a one-line comment), so
they are flattened here: block elements and ``<br>`` become line breaks,
scripts and styles go, whitespace is folded line by line.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml_html_clean import Cleaner

_BLOCKS = {
    "p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    "pre", "table", "tr", "section", "article", "header", "footer", "hr", "dd", "dt",
    "figure", "figcaption", "aside", "nav", "main",
}
_CLEANER = Cleaner(
    scripts=True, javascript=True, style=True, comments=True, forms=True,
    embedded=True, frames=True, meta=True, page_structure=False, links=False,
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_whitespace(text: str) -> str:
    """Fold runs of spaces, trim lines, keep paragraph breaks (at most one blank line)."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def drop(node: etree._Element) -> None:
    """Remove ``node`` from its tree, keeping the text that follows it (lxml's ``remove``
    drops that tail text with the element)."""
    parent, previous = node.getparent(), node.getprevious()
    if node.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def element_text(element: etree._Element, *, rendered: bool = False) -> str:
    """Text of an lxml element with block structure kept as line breaks.

    ``rendered``: read as a browser shows a page, a line break in the source being a
    space (outside ``<pre>``), for elements of saved pages, where hard-wrapped HTML
    would otherwise break sentences; fragments from exports and feeds keep their line
    breaks, which WordPress turns into ``<br>`` when it shows them.
    """
    parts: list[str] = []

    def add(text: str, pre: bool) -> None:
        parts.append(text.replace("\n", " ") if rendered and not pre else text)

    def walk(node: etree._Element, pre: bool = False) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in {"script", "style", "br"}:
            parts.append("\n" if tag == "br" else "")
            if node.tail:
                add(node.tail, pre)
            return
        inner = pre or tag == "pre"
        if tag in _BLOCKS:
            parts.append("\n")
        if node.text and tag:
            add(node.text, inner)
        for child in node:
            walk(child, inner)
        if tag in _BLOCKS:
            parts.append("\n")
        if node.tail:
            add(node.tail, pre)

    walk(element)
    return normalise_whitespace("".join(parts))


def fragment_to_text(html: str) -> str:
    """Flatten an HTML fragment; plain text with blank lines passes through unchanged."""
    if not html or not html.strip():
        return ""
    if "<" not in html:
        return normalise_whitespace(html)
    # WordPress stores bodies without <p>: blank lines are the paragraphs.
    html = re.sub(r"\n\s*\n", "<br><br>", html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        root = _CLEANER.clean_html(root)
    except (etree.ParserError, ValueError):
        return normalise_whitespace(re.sub(r"<[^>]+>", " ", html))
    return element_text(root)
