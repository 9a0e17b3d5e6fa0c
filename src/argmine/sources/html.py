"""Saved or fetched HTML pages: the post via trafilatura, each comment as its own document.

Comments are located first (``comments.find_comments``) and cut out of the
tree, so that trafilatura sees only the post and cannot mix comment text
into it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from urllib.parse import urldefrag

import lxml.html
from dateutil import parser as dateutil_parser
from lxml import etree

from argmine.errors import SourceError
from argmine.records import Document, Link
from argmine.sources.comments import find_comments
from argmine.sources.dates import parse_date
from argmine.sources.decode import decode_markup
from argmine.sources.forum import ForumPost, find_forum, thread_title
from argmine.sources.htmltext import drop

SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def parse_html(text: str, source: str) -> etree._Element:
    """Parse HTML leniently; raise SourceError when nothing usable comes out."""
    if text.lstrip().startswith("<?xml"):
        text = text.split("?>", 1)[-1]
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(source, f"not parseable as HTML: {exc}") from exc
    if root is None or root.find(".//body") is None:
        raise SourceError(source, "not an HTML page (no <body>)")
    return root


_SAVED_DATE = re.compile(r"saved date:\s*([^(\n]+)", re.I)
_POSIX_GMT = re.compile(r"GMT(?=[+-]\d)")  # "GMT+0200": dateutil would invert the sign
_RENDERED_META = ("//meta[translate(@http-equiv, 'LASTMODIFID', 'lastmodifid')='last-modified']"
                  "/@content", "//meta[translate(@http-equiv, 'DATE', 'date')='date']/@content")


def _page_local(moment: datetime) -> datetime:
    """A zoned moment as German wall-clock time, like the absolute dates on the page."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(ZoneInfo("Europe/Berlin")).replace(tzinfo=None)
    except ZoneInfoNotFoundError:  # no time zone data installed: keep the page's own offset
        return moment.replace(tzinfo=None)


def rendered_at(root: etree._Element, http_date: str | None = None) -> datetime | None:
    """When the page was rendered, which is what "vor 2 Tagen" counts back from.

    Not the post's date: counted from that, a comment "vor 2 Tagen" would be
    older than the post.  Known from the HTTP ``Date`` of a fetched page,
    SingleFile's "saved date:" note or a ``<meta http-equiv="last-modified">``;
    otherwise relative dates stay unknown.
    """
    notes = [*root.itersiblings(etree.Comment, preceding=True), *root.iter(etree.Comment)]
    values = [http_date] if http_date else []
    values += [m.group(1) for note in notes if (m := _SAVED_DATE.search(note.text or ""))]
    values += [str(v) for xpath in _RENDERED_META for v in root.xpath(xpath)]
    for value in values:
        try:
            return _page_local(dateutil_parser.parse(_POSIX_GMT.sub("", value).strip()))
        except (ValueError, OverflowError):
            continue
    return None


def _forum_documents(posts: list[ForumPost], title: str | None, page_url: str | None,
                     source: str) -> Iterator[Document]:
    """A forum thread: its first post is the post, each later one a comment on the post
    it quotes, else on the first."""
    key = page_url or source
    first, *replies = posts
    yield Document(key=key, text=first.text, source=source, kind="post", title=title,
                   author=first.author, url=page_url, published=first.published)
    numbers = {post.number for post in replies}
    for post in replies:
        quoted = post.quotes if post.quotes in numbers else None
        yield Document(
            key=f"{key}#p{post.number}", text=post.text, source=source, kind="comment",
            author=post.author, published=post.published,
            url=f"{page_url}#p{post.number}" if page_url else None,
            parent=f"{key}#p{quoted}" if quoted else key)


def _canonical_url(root: etree._Element) -> str | None:
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        values = root.xpath(xpath)
        if values and str(values[0]).startswith(("http://", "https://")):
            return urldefrag(str(values[0]).strip())[0]
    return None


#: Sidebar widgets that quote comment authors; they must not become the post's author.
_WIDGETS = ("recentcomments", "widget_recent_comments", "recent-comments", "sidebar")
_TITLE_XPATHS = (
    "//meta[@property='og:title']/@content",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-title ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' serendipity_title ')]",
    "//*[contains(@class, 'post') or contains(@class, 'hentry')]"
    "//a[@rel='bookmark'][normalize-space()]",
)


def _without_title(text: str, title: str | None) -> str:
    """Drop a first line that only repeats the title (trafilatura keeps some headings).

    On a short page trafilatura falls back to joining every paragraph into one line, the
    heading first: there the title is dropped from the start of that line.
    """
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()) == title:
        return rest.strip()
    if title and not rest and text.startswith(title + " ") and text[len(title):].strip():
        return text[len(title):].strip()
    return text


#: A German or English byline as the first line of a post: "Geschrieben von Jana Jux am
#: 3. März 2010", "Verfasst von: Jana Jux | 03.03.2010", "Von Jana Jux, 3.3.2010",
#: "Posted by Jana Jux on ...".  After a bare "Von"/"By" a date must follow: "Von Xing
#: halte ich nichts." is prose.
_NAME = r"[A-ZÄÖÜ][\w.'-]+(?:\s+(?:von\s+|van\s+|de\s+)?[A-ZÄÖÜ][\w.'-]+){0,3}"
_DATED = r"\s*(?:am|on|,|\||–|-|·)\s+.*\d.*"
_BYLINE = re.compile(
    r"^(?:(?i:(?:geschrieben|verfasst|veröffentlicht|gepostet|erstellt|eingestellt)\s+von|"
    rf"(?:written|posted)\s+by)\s*:?\s+(?P<name>{_NAME})(?:{_DATED})?"
    rf"|(?i:von|by)\s*:?\s+(?P<dated>{_NAME}){_DATED})$")
_BYLINE_LENGTH = 120  # a longer first line is prose, whatever it opens with


#: A line that only gives the reading time, which themes print above or below a post
#: ("Voraussichtliche Lesedauer: 17 Minuten", "4 Min. Lesezeit", "5 min read").
_READING_TIME = re.compile(
    r"^(?:(?:voraussichtliche|geschätzte|ungefähre)\s+)?(?:lesezeit|lesedauer|reading time)"
    r"\s*:?\s*(?:ca\.|etwa|~)?\s*\d+(?:[,.]\d+)?\s*(?:min\.?|minuten?|minutes?)$|"
    r"^(?:ca\.\s*)?\d+\s*(?:min\.?|minuten?|minutes?)\s+(?:lesezeit|lesedauer|read)$",
    re.I)


def _without_reading_time(text: str) -> str:
    """``text`` without lines that only give its reading time."""
    lines = text.split("\n")
    kept = [line for line in lines if not _READING_TIME.match(line.strip())]
    return "\n".join(kept).strip() if len(kept) < len(lines) else text


def _byline(text: str) -> tuple[str | None, str]:
    """The author a first-line byline names, and the text without that line.

    trafilatura reads the date of such a line but, without markup naming the
    author, leaves the name unread and the line in the text, where it was
    segmented as the post's first unit.
    """
    first, _, rest = text.partition("\n")
    match = _BYLINE.match(first.strip()) if len(first) <= _BYLINE_LENGTH else None
    if not match or not rest.strip():
        return None, text
    return match.group("name") or match.group("dated"), rest.strip()


#: Page furniture that trafilatura keeps as the post's first or last paragraph: cookie and
#: consent banners, newsletter boxes, Blogger's feed links and post footer.  Matched at the
#: start of an id or class name ("cookie-notice", "cookieChoiceInfo"), so that WordPress's
#: "tag-cookies" on a post about cookies is no banner.
_FURNITURE = ("cookie", "consent", "gdpr", "sp_message", "sliding-popup", "newsletter",
              "post-feeds", "kg-cta-card", "post-footer", "comment_forbidden")
#: A matching element with more text than this is a wrapper (``div.has-cookie-banner``
#: around the whole page), not the banner itself.
_FURNITURE_TEXT = 800


def _microdata_author(root: etree._Element) -> str | None:
    """The post author that schema.org microdata names (Blogger's "Eingestellt von" in the
    post footer); comments were removed before, so theirs do not count."""
    for found in root.xpath("//*[@itemprop='author']//*[@itemprop='name']"
                            " | //*[@itemprop='author'][not(.//*[@itemprop='name'])]"):
        name = " ".join(found.text_content().split())
        if name and len(name) <= 80:
            return name
    return None


def _drop_furniture(root: etree._Element) -> None:
    for node in list(root.iter()):
        names = f"{node.get('id') or ''} {node.get('class') or ''}".lower().split()
        if (any(name.startswith(_FURNITURE) for name in names) and node.getparent() is not None
                and node.tag not in ("body", "html")
                and len(node.text_content()) <= _FURNITURE_TEXT):
            drop(node)


def _drop_widgets(root: etree._Element) -> None:
    for name in _WIDGETS:
        for node in root.xpath(f"//*[@id='{name}' or contains(concat(' ', @class, ' '), ' {name} ')]"):
            if node.getparent() is not None:
                node.getparent().remove(node)


def _post_title(root: etree._Element) -> str | None:
    """The post's own title; trafilatura often takes the blog's name from <h1>."""
    for xpath in _TITLE_XPATHS:
        found = root.xpath(xpath)
        if len(found) >= 1:
            value = found[0] if isinstance(found[0], str) else found[0].text_content()
            value = " ".join(str(value).split())
            if value:
                return value
    return None


def _main_text(root: etree._Element, url: str | None, source: str):
    import trafilatura  # here, not at the top: 0.3-0.6 s of every start-up, HTML or not

    extracted = trafilatura.bare_extraction(
        root, url=url, with_metadata=True, include_comments=False,
        include_tables=True, favor_recall=True,
    )
    if extracted is None or not (extracted.text or "").strip():
        raise SourceError(source, "no main text found in the page")
    return extracted


def read_html(
    data: bytes,
    source: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    max_comments: int | None = None,
    rendered: str | None = None,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Document]:
    """Yield the page's post, then its comments (parents before replies).

    ``rendered`` is the HTTP ``Date`` of a fetched page (see ``rendered_at``); ``warn``
    hears, one line each, what the page had that was not read (comments beyond
    ``max_comments``).
    """
    root = parse_html(decode_markup(data, source, charset), source)
    page_url = _canonical_url(root) or url
    posts = find_forum(root)
    if posts:
        yield from _forum_documents(posts, thread_title(root), page_url, source)
        return
    comments, pingbacks, comment_nodes, unread = find_comments(
        root, limit=max_comments, reference=rendered_at(root, rendered))
    if unread and warn:
        warn(f"{source}: {unread} of its {len(comment_nodes)} comments not read "
             f"(at most {max_comments} per page; --max-comments)")
    for node in comment_nodes:  # the comments are read; what remains is the post
        if node.getparent() is not None:
            node.getparent().remove(node)
    _drop_widgets(root)
    marked_author = _microdata_author(root)  # before the furniture goes: it may sit there
    _drop_furniture(root)
    title = _post_title(root)
    extracted = _main_text(root, page_url, source)
    page_url = page_url or (extracted.url if (extracted.url or "").startswith("http") else None)
    key = page_url or source
    title = title or extracted.title or None
    byline_author, text = _byline(_without_reading_time(
        _without_title(extracted.text.strip(), title)))
    yield Document(
        key=key, text=text, source=source, kind="post",
        title=title,
        author=extracted.author or byline_author or marked_author,
        url=page_url, published=parse_date(extracted.date),
    )
    for comment in comments:
        yield Document(
            key=f"{key}#{comment.anchor}", text=comment.text, source=source, kind="comment",
            title=comment.title, author=comment.author, published=comment.published,
            url=f"{page_url}#{comment.anchor}" if page_url else None,
            parent=f"{key}#{comment.parent_anchor}" if comment.parent_anchor else key,
        )
    for pingback in pingbacks:
        yield Document(
            key=pingback.url, text=None, source=source, kind="post", url=pingback.url,
            title=pingback.title, links=[Link(key, "cites")],
        )
