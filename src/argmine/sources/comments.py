"""Reader comments from the markup of common blog engines.

trafilatura returns a page's comments as one flat block, without authors or
parents, so comments are found here in the HTML itself.  Supported markup:

* WordPress ``wp_list_comments`` in its classic (``div.comment-author``,
  ``cite.fn``, ``div.commentmetadata``) and HTML5 (``article.comment-body``,
  ``footer.comment-meta``, ``time[datetime]``, ``div.comment-content``) forms,
  with nested replies in ``ul.children``/``ol.children``;
* Blogger (``li.comment`` with ``cite.user``, ``span.datetime``);
* other engines that mark each comment with the class ``comment`` or an id
  ``comment-N`` (Drupal, many themes), with nesting taken from the DOM.

A comment's parent is the nearest enclosing comment; a top-level comment
answers the page's post.  Pingbacks and trackbacks are returned separately:
they are links between posts, not comments.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from argmine.sources.dates import parse_date
from argmine.sources.htmltext import element_text

_COMMENT_ID = re.compile(r"^(?:li-|div-)?comment-(\d+)$|^c(\d{5,})$")
_ITEM_CLASSES = {"comment", "pingback", "trackback"}
_AUTHOR_CLASSES = ("fn", "comment-author-name", "user", "comment-author", "author", "username")
_DATE_CLASSES = ("comment-metadata", "commentmetadata", "comment-meta", "comment-date",
                 "datetime", "comment-time", "date")
_BODY_CLASSES = ("comment-content", "comment-text", "comment-entry", "comment-body")
_NOT_BODY_CLASSES = ("comment-author", "comment-meta", "commentmetadata", "comment-metadata",
                     "reply", "comment-reply", "comment-footer", "comment-actions", "says")


@dataclass
class RawComment:
    """A comment as found on the page, before it becomes a Document."""

    anchor: str
    author: str | None
    published: str | None
    text: str
    parent_anchor: str | None


@dataclass
class RawPingback:
    """A pingback or trackback: another post (``url``) that cites this page."""

    url: str
    title: str | None


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _number(element: etree._Element) -> str | None:
    match = _COMMENT_ID.match(element.get("id") or "")
    return (match.group(1) or match.group(2)) if match else None


def _is_candidate(element: etree._Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in {"body", "html", "a", "span"}:
        return False
    return bool(_classes(element) & _ITEM_CLASSES) or _number(element) is not None


def _outermost_items(root: etree._Element) -> list[etree._Element]:
    """One element per comment: nested wrappers of the same comment are merged."""
    items: list[etree._Element] = []
    numbers: dict[str, etree._Element] = {}
    for element in root.iter():
        if not _is_candidate(element):
            continue
        number = _number(element) or _inner_number(element)
        if number and number in numbers:
            continue  # an inner wrapper of a comment already taken
        if number:
            numbers[number] = element
        items.append(element)
    return items


def _inner_number(element: etree._Element) -> str | None:
    """The comment number of a wrapper whose id sits on a direct descendant."""
    for child in element.iterdescendants():
        if _is_candidate(child) and child is not element:
            number = _number(child)
            if number:
                return number
            break
    return None


def _own_descendants(item: etree._Element, items: set[etree._Element]):
    """Descendants of ``item`` that do not belong to a nested comment."""
    stack = list(item)
    while stack:
        node = stack.pop(0)
        if node in items:
            continue
        yield node
        stack[0:0] = list(node)


def _first_with_class(item, items, classes) -> etree._Element | None:
    nodes = [n for n in _own_descendants(item, items) if isinstance(n.tag, str)]
    for name in classes:
        for node in nodes:
            if name in _classes(node):
                return node
    return None


def _author(item, items) -> str | None:
    node = _first_with_class(item, items, _AUTHOR_CLASSES)
    if node is None:
        return None
    text = " ".join(node.xpath(".//text()[not(ancestor::*[contains(@class,'says')])]"))
    text = re.sub(r"\s+", " ", text).strip().rstrip(":").strip()
    text = re.sub(r"\s+(sagt|says|schreibt|meint)$", "", text, flags=re.IGNORECASE)
    return text or None


def _published(item, items) -> str | None:
    for node in _own_descendants(item, items):
        if isinstance(node.tag, str) and node.tag == "time" and node.get("datetime"):
            return parse_date(node.get("datetime"))
    node = _first_with_class(item, items, _DATE_CLASSES)
    if node is None:
        return None
    return parse_date(" ".join(node.itertext()))


def _body(item, items) -> str:
    node = _first_with_class(item, items, _BODY_CLASSES)
    body = copy.deepcopy(node if node is not None else item)
    for child in list(body.iter()):
        if child is body or not isinstance(child.tag, str):
            continue
        drop = _classes(child) & set(_NOT_BODY_CLASSES) or _is_candidate(child)
        drop = drop or (child.tag in {"ul", "ol"} and "children" in _classes(child))
        if drop and child.getparent() is not None:
            _remove_keep_tail(child)
    return element_text(body)


def _remove_keep_tail(node: etree._Element) -> None:
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _parent_item(item, items: set[etree._Element]) -> etree._Element | None:
    for ancestor in item.iterancestors():
        if ancestor in items:
            return ancestor
    return None


def _pingback(item) -> RawPingback | None:
    """The citing post's URL and link text (its title, usually with the blog's name)."""
    for anchor in item.iter("a"):
        if (anchor.get("href") or "").startswith(("http://", "https://")):
            title = re.sub(r"\s+", " ", anchor.text_content()).strip()
            return RawPingback(anchor.get("href"), title or None)
    return None


def find_comments(
    root: etree._Element, limit: int | None = None
) -> tuple[list[RawComment], list[RawPingback], list[etree._Element]]:
    """Find comments and pingbacks under ``root``.

    Returns the comments in page order, the pingbacks, and the outermost
    comment elements (so the caller can remove them before extracting the
    post's own text).
    """
    items = _outermost_items(root)
    if limit is not None:
        items = items[:limit]
    item_set = set(items)
    anchors = {item: f"comment-{_number(item) or _inner_number(item) or i + 1}"
               for i, item in enumerate(items)}
    comments: list[RawComment] = []
    pingbacks: list[RawPingback] = []
    for item in items:
        if _classes(item) & {"pingback", "trackback"}:
            pingback = _pingback(item)
            if pingback:
                pingbacks.append(pingback)
            continue
        text = _body(item, item_set)
        if not text:
            continue
        parent = _parent_item(item, item_set)
        comments.append(RawComment(
            anchor=anchors[item],
            author=_author(item, item_set),
            published=_published(item, item_set),
            text=text,
            parent_anchor=anchors[parent] if parent is not None else None,
        ))
    top_level = [item for item in items if _parent_item(item, item_set) is None]
    return comments, pingbacks, top_level
