"""Reader comments from the markup of common blog engines.

trafilatura returns a page's comments as one flat block, without authors or
parents, so comments are found here in the HTML itself.  Supported markup:

* WordPress ``wp_list_comments`` in its classic (``div.comment-author``,
  ``cite.fn``, ``div.commentmetadata``) and HTML5 (``article.comment-body``,
  ``footer.comment-meta``, ``time[datetime]``, ``div.comment-content``) forms,
  with nested replies in ``ul.children``/``ol.children``;
* older WordPress themes (Kubrick and its descendants): ``li#comment-N``
  with the author in a ``<cite>`` ("Name sagt:", "Comment by Name — date")
  and the date in a ``<small>``; pingbacks there are recognised by their
  "Pingback von" / "Trackback" label;
* Serendipity (``.serendipity_comment``, ``.serendipity_commentBody``,
  ``.serendipity_comment_source``), whose replies are flat and indented:
  the depth (``commentlevel-N``, ``depth-N`` or a ``padding-left``) gives
  the parent;
* themes that put the name in a ``<strong>``, ``<b>`` or link inside
  ``div.comment-author`` and the date after it as plain text
  (``li.comment > div.the-comment > div.comment-box > div.comment-author >
  strong``, "19. Juni 2018 um 15:28 Uhr - Antworten", ``div.comment-text``);
* Drupal 7 and 8+ (``div.comment-text``, ``div.comment__content``), whose comments have
  a subject, a heading linking to the comment's own ``/comment/N`` page: it becomes the
  comment's title, not its first line;
* Blogger (``li.comment`` with ``cite.user``, ``span.datetime``) and other
  engines that mark each comment with the class ``comment`` or an id
  ``comment-N``, with nesting taken from the DOM.

Pingbacks and trackbacks are returned separately: they are links between
posts, not comments.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from lxml import etree

from argmine.sources.dates import parse_date
from argmine.sources.htmltext import drop, element_text
from argmine.sources.replies import link_addressed

_COMMENT_ID = re.compile(
    r"^(?:li-|div-)?comment-(\d+)$|^serendipity_comment_(\d+)$|^c(\d+)$")
_ITEM_CLASSES = {"comment", "serendipity_comment", "pingback", "trackback"}
_AUTHOR_CLASSES = ("fn", "comment-author-name", "comment_source_author", "user",
                   "comment-author", "author", "username", "commenter-name",
                   "comment-meta__name", "comment__author")
_DATE_CLASSES = ("comment-metadata", "commentmetadata", "comment-meta", "comment-date",
                 "comment_source_date", "serendipity_comment_source", "datetime",
                 "comment-time", "comment-timestamp", "date", "comment__time")
#: Where a byline container keeps the name, most specific first.
_NAME_CLASSES = ("fn", "comment-author-name", "author-name", "username")
_NAME_TAGS = ("cite", "strong", "b")
#: Bylines whose date is plain text next to the name rather than in its own element.
_BYLINE_CLASSES = ("comment-author", "comment-meta", "vcard", "comment-header")
#: A byline also holds the name, so it is read as a date only when it shows one ("May" alone
#: would be a month to dateutil).
_DATED = re.compile(r"\d|\b(?:heute|gestern|vorgestern)\b", re.I)
_REPLY_LINK = re.compile(r"^\s*(?:antworten|reply|zitieren|quote|melden)\s*$", re.I)
_BODY_CLASSES = ("comment-content", "comment_content", "comment-text", "comment-entry",
                 "serendipity_commentBody", "comment-body", "post-message",
                 "comment__body", "comment__content", "comment__text")  # the last: BEM
_META_CLASSES = {"comment-author", "comment-meta", "commentmetadata", "comment-metadata",
                 "reply", "comment-reply", "comment-footer", "comment-actions", "says",
                 "serendipity_comment_source", "comment_source_author", "avatar"}
_LABEL = re.compile(
    r"^\s*(?:(?P<ping>pingback|trackback)\s*(?:von|by|from)?\s*:?|"
    r"(?:comment|kommentar)\s+(?:by|von)|von:?)\s*", re.I)
_SAYS = re.compile(r"\s*(?:hat gesagt|sagt|says|schreibt|meint|said|wrote)\s*[:…]*\s*$",
                   re.I)
#: What Drupal appends to the name of a commenter without an account.
_UNVERIFIED = re.compile(r"\s*\((?:nicht überprüft|not verified)\)\s*$", re.I)
_AFTER_NAME = re.compile(r"\s+(?:[—–|@]|am\s+\d|on\s+\w+\s+\d|\d{1,2}\.\s?\d{1,2}\.|"
                         r"\d{1,2}\.\s*[A-Za-zÄä]+\.?\s+\d{4}|vor\s+(?:\d|ein)|"
                         r"(?:-\s*)?(?:antworten|reply)\s*$).*$", re.S | re.I)
_INDENT = re.compile(r"(?:padding|margin)-left\s*:\s*(\d+)")
_DEPTH_CLASS = re.compile(r"^(?:commentlevel|depth)-(\d+)$")


@dataclass
class RawComment:
    """A comment as found on the page, before it becomes a Document."""

    anchor: str
    author: str | None
    published: str | None
    text: str
    parent_anchor: str | None
    title: str | None = None  # a subject the commenter gave it (Drupal)


@dataclass
class RawPingback:
    """A pingback or trackback: another post (``url``) that cites this page."""

    url: str
    title: str | None


def _classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def _number(element: etree._Element) -> str | None:
    match = _COMMENT_ID.match(element.get("id") or "")
    return next((g for g in match.groups() if g), None) if match else None


#: An id that numbers a comment in other engines' markup ("cid-55501", "comment_7",
#: "post-88"): the anchor then is the id itself.
_OTHER_ID = re.compile(r"^[A-Za-z][\w-]*?[-_]?\d+$")
_FRAGMENT = re.compile(r"#((?:comment|cid|c)[-_]?\d+)$")


def _anchor(item: etree._Element, items: set[etree._Element], position: int) -> str:
    """What a comment's key ends in: the page's own number for it wherever the markup has
    one, so that a reply added to the page tomorrow does not renumber the others.

    WordPress-style ids (on the item or its first inner comment element, or Drupal's
    empty ``<a id="comment-N">`` just before it) give ``comment-N``, as feeds key the
    same comments; another numbered id on the item or a permalink's fragment is kept as
    it is; only markup with no number at all falls back to the position on the page.
    """
    number = _number(item) or _inner_number(item)
    before = item.getprevious()
    if number is None and before is not None and before.tag == "a" and not len(before):
        number = _number(before)
    if number is not None:
        return f"comment-{number}"
    own_id = item.get("id") or ""
    if _OTHER_ID.match(own_id):
        return own_id
    for link in _own(item, items):
        match = _FRAGMENT.search(link.get("href") or "") if link.tag == "a" else None
        if match:
            return match.group(1)
    return f"comment-{position + 1}"


def _wrap_definition_pairs(root: etree._Element) -> None:
    """Classic Blogger templates list comments as ``<dl id="comments-block">`` with the
    byline in a ``<dt id="cNNN">`` and the text and date in the ``<dd>`` elements after
    it: siblings, not one element.  Each such group is wrapped in one ``div.comment``
    that takes the ``dt``'s id, so it reads like every other layout."""
    for dl in root.xpath("//dl[@id='comments-block' or contains(@class, 'comments-block')]"):
        for dt in dl.findall("dt"):
            wrapper = etree.Element("div", {"class": "comment"})
            if dt.get("id"):
                wrapper.set("id", dt.attrib.pop("id"))
            group, following = [dt], dt.getnext()
            while following is not None and following.tag == "dd":
                group.append(following)
                following = following.getnext()
            dt.addprevious(wrapper)
            wrapper.extend(group)


def _mark_disqus(root: etree._Element) -> None:
    """A Disqus thread saved into the page (SingleFile keeps its DOM): its comments are
    ``li.post#post-N`` with replies in ``ul.children``.  Each becomes a ``comment-N``
    comment, as Disqus's own permalinks name them; the avatar link (class ``user``)
    leaves, and the relative time ("vor 2 Tagen") gives way to the date in its title."""
    for item in root.xpath("//*[@id='disqus_thread']//li[contains(concat(' ', "
                           "normalize-space(@class), ' '), ' post ')][starts-with(@id, 'post-')]"):
        item.set("class", f"{item.get('class')} comment")
        item.set("id", "comment-" + item.get("id").removeprefix("post-"))
        for avatar in item.xpath(".//*[contains(@class, 'avatar')]"):
            if avatar.getparent() is not None:
                avatar.getparent().remove(avatar)
        for when in item.xpath(".//a[contains(@class, 'time-ago')][@title]"):
            when.text, when.attrib["class"] = when.get("title"), "comment-date"


def _is_candidate(element: etree._Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in {"body", "html", "a", "span", "ol",
                                                           "ul", "form", "textarea", "input"}:
        return False
    return bool(_classes(element) & _ITEM_CLASSES) or _number(element) is not None


def _items(root: etree._Element) -> list[etree._Element]:
    """One element per comment: a wrapper and its inner element of the same number merge."""
    items: list[etree._Element] = []
    taken: set[str] = set()
    for element in root.iter():
        if not _is_candidate(element) or any(a in items for a in element.iterancestors()
                                             if _number(a) and _number(a) == _number(element)):
            continue
        number = _number(element) or _inner_number(element)
        if number and number in taken:
            continue
        if number:
            taken.add(number)
        items.append(element)
    return items


def _inner_number(element: etree._Element) -> str | None:
    """The number of a wrapper whose id sits on its first descendant comment element."""
    for child in element.iterdescendants():
        if _is_candidate(child):
            return _number(child)
    return None


def _own(item: etree._Element, items: set[etree._Element]) -> Iterator[etree._Element]:
    """Descendant elements of ``item`` that do not belong to a nested comment."""
    stack = list(item)
    while stack:
        node = stack.pop(0)
        if node in items or not isinstance(node.tag, str):
            continue
        yield node
        stack[0:0] = list(node)


def _first(item, items, classes=(), tags=()) -> etree._Element | None:
    nodes = list(_own(item, items))
    for name in classes:
        for node in nodes:
            if name in _classes(node):
                return node
    return next((node for node in nodes if node.tag in tags), None)


def _clean_name(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text).strip()
    text = _LABEL.sub("", text)
    text = _AFTER_NAME.sub("", text)
    text = _UNVERIFIED.sub("", _SAYS.sub("", text)).strip(" :,|—–-")
    return text if text and len(text) <= 80 else None


def _is_name_link(anchor: etree._Element) -> bool:
    """A link that can be the author's name: not a reply, permalink or avatar link."""
    href = anchor.get("href") or ""
    text = anchor.text_content().strip()
    return bool(text) and not href.startswith("#") and "replytocom" not in href \
        and "comment-reply-link" not in _classes(anchor) and not _REPLY_LINK.match(text)


def _name_inside(node: etree._Element) -> etree._Element | None:
    """The element holding the name inside a byline container (``div.comment-author``).

    Themes differ in what they wrap the name in; the container's whole text
    would also carry the date and a reply link ("Name 19. Juni 2018 - Antworten").
    """
    inner = list(node.iterdescendants())
    for name in _NAME_CLASSES:
        found = next((n for n in inner if name in _classes(n) and n.text_content().strip()), None)
        if found is not None:
            return found
    for tag in _NAME_TAGS:
        found = next((n for n in inner if n.tag == tag and n.text_content().strip()), None)
        if found is not None:
            return found
    return next((a for a in node.iter("a") if _is_name_link(a)), None)


def _author(item, items) -> str | None:
    node = _first(item, items, _AUTHOR_CLASSES, tags=("cite",))
    if node is None:
        return None
    if node.tag not in _NAME_TAGS and not _classes(node) & set(_NAME_CLASSES):
        inner = _name_inside(node)
        node = inner if inner is not None else node
    anchors = [a for a in node.iter("a") if a.text_content().strip()
               and not (a.get("href") or "").startswith("#")]
    if anchors and node.tag == "cite":  # "Comment by <a>Name</a> — date"
        return _clean_name(anchors[0].text_content())
    return _clean_name(" ".join(_name_text(node)))


def _name_text(node: etree._Element) -> Iterator[str]:
    """``node``'s text less what sits in a "says" label or an avatar inside it (only inside:
    a comment list of class ``avatar-comment-indent`` around it hid every name)."""
    for text in node.xpath(".//text()"):
        parent = text.getparent()  # for a tail, the element it follows: not its container
        parent = parent.getparent() if text.is_tail and parent is not node else parent
        while parent is not None and parent is not node:
            if any("says" in c or "avatar" in c for c in _classes(parent)):
                break
            parent = parent.getparent()
        else:
            yield str(text)


def _published(item, items, reference: datetime | None = None) -> str | None:
    """The date from ``time[datetime]``, a date element, else the text of the byline."""
    for node in _own(item, items):
        if node.tag == "time" and node.get("datetime"):
            return parse_date(node.get("datetime"))
    for node in (_first(item, items, _DATE_CLASSES), _first(item, items, tags=("small",)),
                 _first(item, items, tags=("cite",))):
        if node is not None:
            found = parse_date(" ".join(node.itertext()), reference)
            if found:
                return found
    byline = _first(item, items, _BYLINE_CLASSES)
    text = " ".join(byline.itertext()) if byline is not None else ""
    return parse_date(text, reference) if _DATED.search(text) else None


def _is_pingback(item, items) -> bool:
    if _classes(item) & {"pingback", "trackback"}:
        return True
    label = _first(item, items, ("comment-author", "tp-url"), tags=("cite", "h4"))
    return label is not None and bool(re.match(r"\s*(pingback|trackback)\b",
                                               label.text_content(), re.I))


#: A comment's subject: a heading that links to the comment's own page (Drupal's
#: ``/comment/N``) or is classed as its title.
_SUBJECT_LINK = re.compile(r"/comment/\d+")
_SUBJECT_CLASSES = {"comment-title", "comment__title", "comment-subject"}


def _is_subject(node: etree._Element) -> bool:
    return node.tag in {"h2", "h3", "h4", "h5"} and bool(
        _classes(node) & _SUBJECT_CLASSES
        or any(_SUBJECT_LINK.search(a.get("href") or "") for a in node.iter("a")))


def _subject(item, items) -> str | None:
    node = next((n for n in _own(item, items) if _is_subject(n)), None)
    return (" ".join(node.text_content().split()) or None) if node is not None else None


def _body(item, items) -> str:
    node = _first(item, items, _BODY_CLASSES)
    body = copy.deepcopy(node if node is not None else item)
    for child in list(body.iter()):
        if child is body or not isinstance(child.tag, str) or child.getparent() is None:
            continue
        meta = _classes(child) & _META_CLASSES or _is_candidate(child) or _is_subject(child)
        meta = meta or (child.tag in {"ul", "ol"} and "children" in _classes(child))
        meta = meta or (node is None and child.tag in {"cite", "small", "h4", "header",
                                                       "footer", "img"})
        if meta:
            _remove(child)
    return element_text(body, rendered=True)


def _remove(node: etree._Element) -> None:
    """Remove ``node``; keep its tail text unless it is only a label ("sagt:", "|")."""
    parent = node.getparent()
    tail = node.tail or ""
    if _SAYS.fullmatch(tail) or re.fullmatch(r"[\s|:]*", tail):
        node.tail = None
    drop(node)
    if parent.tag == "p" and not parent.text_content().strip() and parent.getparent() is not None:
        parent.getparent().remove(parent)  # the <p> only held the byline


def _depth(item: etree._Element) -> int | None:
    for name in _classes(item):
        match = _DEPTH_CLASS.match(name)
        if match:
            return int(match.group(1))
    match = _INDENT.search(item.get("style") or "")
    return int(match.group(1)) if match else None


def _parents(items: list[etree._Element]) -> dict[etree._Element, etree._Element | None]:
    """Parent of each comment: the enclosing comment, else the last shallower one before it."""
    item_set = set(items)
    depths = {item: _depth(item) for item in items}
    indented = any(depth for depth in depths.values())  # unmarked items are then top level
    parents: dict[etree._Element, etree._Element | None] = {}
    stack: list[tuple[int, etree._Element]] = []
    for item in items:
        enclosing = next((a for a in item.iterancestors() if a in item_set), None)
        depth = depths[item] if depths[item] is not None or not indented else 0
        if enclosing is None and depth is not None:
            while stack and stack[-1][0] >= depth:
                stack.pop()
            enclosing = stack[-1][1] if stack else None
            stack.append((depth, item))
        parents[item] = enclosing
    return parents


def _pingback(item) -> RawPingback | None:
    """The citing post's URL and link text (its title, usually with the blog's name)."""
    for anchor in item.iter("a"):
        href = anchor.get("href") or ""
        if href.startswith(("http://", "https://")):
            title = re.sub(r"\s+", " ", anchor.text_content()).strip()
            return RawPingback(href, title or None)
    return None


class FoundComments(NamedTuple):
    """What ``find_comments`` found on a page."""

    comments: list[RawComment]  # in page order
    pingbacks: list[RawPingback]
    nodes: list[etree._Element]  # every comment element, read or not: not part of the post
    unread: int  # comment elements beyond the limit


def find_comments(
    root: etree._Element, limit: int | None = None, reference: datetime | None = None
) -> FoundComments:
    """Find comments and pingbacks under ``root``: the first ``limit`` comment elements
    are read, and all of them returned for the caller to remove before it extracts the
    post.  ``reference`` (when the page was rendered) resolves "vor 2 Tagen".
    """
    _wrap_definition_pairs(root)
    _mark_disqus(root)
    items = _items(root)
    read = items if limit is None else items[:limit]
    item_set = set(items)  # a reply left unread is still no part of its parent's text
    parents = _parents(items)
    anchors = {item: _anchor(item, item_set, i) for i, item in enumerate(items)}
    comments: list[RawComment] = []
    pingbacks: list[RawPingback] = []
    for item in read:
        if _is_pingback(item, item_set):
            pingback = _pingback(item)
            if pingback:
                pingbacks.append(pingback)
            continue
        text = _body(item, item_set)
        if not text:
            continue
        parent = parents[item]
        comments.append(RawComment(
            anchor=anchors[item], author=_author(item, item_set),
            published=_published(item, item_set, reference), text=text,
            parent_anchor=anchors[parent] if parent is not None else None,
            title=_subject(item, item_set),
        ))
    link_addressed(comments)
    return FoundComments(comments, pingbacks, items, len(items) - len(read))
