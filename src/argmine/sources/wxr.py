"""WordPress WXR exports (any WXR version).

Published posts and pages become post documents; approved comments become
comment documents with their parents; pingbacks and trackbacks become
``cites`` links from the citing post (stored as a referenced document) to the
post.  Attachments, menu items and other internal post types, drafts and
private posts, and spam or unapproved comments are skipped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html import unescape

from argmine.errors import SourceError
from argmine.records import Document, Link
from argmine.sources.dates import parse_date
from argmine.sources.htmltext import fragment_to_text
from argmine.sources.xmlsafe import parse_xml

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_PUBLISHED_TYPES = {"post", "page"}
_LINK_COMMENT_TYPES = {"pingback", "trackback"}


def is_wxr(data: bytes) -> bool:
    """True when the bytes look like a WordPress export."""
    return b"wordpress.org/export/" in data[:4096]


def _wp(element: ET.Element, name: str) -> str:
    """Text of the ``wp:name`` child, whatever the WXR namespace version."""
    found = element.find(f"{{*}}{name}")
    return (found.text or "").strip() if found is not None else ""


def _gmt(value: str) -> str | None:
    if not value or value.startswith("0000"):
        return None
    return parse_date(value.replace(" ", "T") + "+00:00")


def _authors(channel: ET.Element) -> dict[str, str]:
    names = {}
    for author in channel.findall("{*}author"):
        login = _wp(author, "author_login")
        if login:
            names[login] = _wp(author, "author_display_name") or login
    return names


def read_wxr(data: bytes, source: str) -> Iterator[Document]:
    """Yield each published post or page, followed by its approved comments."""
    root = parse_xml(data, source)
    channel = root.find("channel")
    if channel is None:
        raise SourceError(source, "not a WordPress export (no <channel>)")
    authors = _authors(channel)
    for item in channel.findall("item"):
        if _wp(item, "post_type") in _PUBLISHED_TYPES and _wp(item, "status") == "publish":
            yield from _item_documents(item, source, authors)


def _item_documents(item: ET.Element, source: str, authors: dict[str, str]):
    link = (item.findtext("link") or "").strip()
    key = link or f"{source}#post-{_wp(item, 'post_id')}"
    creator = (item.findtext(_CREATOR) or "").strip()
    text = fragment_to_text(item.findtext(_CONTENT) or "")
    if text:
        yield Document(
            key=key, text=text, source=source, kind="post",
            title=unescape(item.findtext("title") or "").strip() or None,
            author=authors.get(creator, creator) or None,
            url=link or None,
            published=_gmt(_wp(item, "post_date_gmt")) or parse_date(item.findtext("pubDate")),
        )
    yield from _comments(item, key, link, source)


def _comments(item: ET.Element, post_key: str, post_url: str, source: str):
    approved = [c for c in item.findall("{*}comment") if _wp(c, "comment_approved") == "1"]
    ids = {_wp(c, "comment_id") for c in approved}
    for comment in _parents_first(approved):
        comment_id = _wp(comment, "comment_id")
        author = unescape(_wp(comment, "comment_author")) or None
        if _wp(comment, "comment_type") in _LINK_COMMENT_TYPES:
            url = _wp(comment, "comment_author_url")
            if url.startswith(("http://", "https://")):
                yield Document(key=url, text=None, source=source, url=url, title=author,
                               links=[Link(post_key, "cites")])
            continue
        text = fragment_to_text(_wp(comment, "comment_content"))
        if not text:
            continue
        parent_id = _wp(comment, "comment_parent")
        yield Document(
            key=f"{post_key}#comment-{comment_id}", text=text, source=source,
            kind="comment", author=author,
            url=f"{post_url}#comment-{comment_id}" if post_url else None,
            published=_gmt(_wp(comment, "comment_date_gmt")),
            parent=f"{post_key}#comment-{parent_id}" if parent_id in ids else post_key,
        )


def _parents_first(comments: list[ET.Element]) -> list[ET.Element]:
    """Order comments so that every parent precedes its replies."""
    by_id = {_wp(c, "comment_id"): c for c in comments}
    ordered: list[ET.Element] = []
    seen: set[str] = set()

    def visit(comment_id: str, depth: int = 0) -> None:
        if comment_id in seen or comment_id not in by_id or depth > len(by_id):
            return
        parent = _wp(by_id[comment_id], "comment_parent")
        visit(parent, depth + 1)
        if comment_id not in seen:
            seen.add(comment_id)
            ordered.append(by_id[comment_id])

    for comment_id in by_id:
        visit(comment_id)
    return ordered
