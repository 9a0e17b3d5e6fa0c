"""RSS and Atom feeds (feedparser), including WordPress comment feeds.

A comment feed entry links to ``post-url#comment-N``; it becomes a comment
whose parent is that post.  Feeds do not say which comment a reply answers,
so replies in a feed hang from the post (ingest the page or the WXR export
for the nesting).  The key of a feed comment equals the key the HTML reader
gives the same comment, so the two sources update one document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urldefrag
from xml.sax import SAXParseException

from argmine.errors import SourceError
from argmine.records import Document
from argmine.sources.dates import parse_date
from argmine.sources.fetch import is_url
from argmine.sources.htmltext import fragment_to_text
from argmine.sources.xmlsafe import check_xml_safe

SUFFIXES = (".rss", ".atom", ".rdf", ".feed")
_COMMENT_FEED_TITLE = re.compile(r"^\s*(kommentare\s+(zu|für)|comments\s+(on|for))\b", re.I)


def is_feed(data: bytes) -> bool:
    """True when the bytes look like RSS or Atom."""
    head = data[:2048].lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def _entry_text(entry) -> str:
    contents = entry.get("content") or []
    html = contents[0].get("value") if contents else entry.get("summary", "")
    return fragment_to_text(html or "")


def _entry_author(entry) -> str | None:
    author = entry.get("author")
    if not author and entry.get("title"):
        match = re.search(r"\b(?:von|by)\s*:?\s*(.+)$", entry["title"], re.I)
        author = match.group(1) if match else None
    return author.strip() if author else None


def read_feed(data: bytes, source: str, *, since: str | None = None) -> Iterator[Document]:
    """Yield one document per entry; entries published before ``since`` are skipped."""
    check_xml_safe(data, source)
    import feedparser  # here, not at the top: only feeds need it

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        raise SourceError(source, f"not a usable feed: {str(reason).splitlines()[0]}")
    _refuse_truncated(parsed, source)
    comment_feed = bool(_COMMENT_FEED_TITLE.match(parsed.feed.get("title", "")))
    for entry in parsed.entries:
        document = _entry_document(entry, source, comment_feed)
        if document is None:
            continue
        if since and document.published and document.published[:10] < since[:10]:
            continue
        yield document


#: What expat says when a document ends before its elements do: a truncated download or
#: a file cut short.  feedparser's loose parser still returns the entries before the cut,
#: so without this check a truncated feed lost its last entries in silence.
_TRUNCATED = ("no element found", "unclosed token", "unclosed cdata section")


def _refuse_truncated(parsed, source: str) -> None:
    """One SourceError for a feed that ends too early.  Other malformations (an HTML
    entity such as ``&nbsp;``, a wrong declared encoding) are common in complete real
    feeds and feedparser reads past them, so they are let through."""
    exc = getattr(parsed, "bozo_exception", None)
    if isinstance(exc, SAXParseException) and exc.getMessage().lower() in _TRUNCATED:
        raise SourceError(source, f"malformed or truncated XML: {exc.getMessage()}: "
                                  f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}")


def _entry_document(entry, source: str, comment_feed: bool) -> Document | None:
    text = _entry_text(entry)
    link = (entry.get("link") or "").strip()
    link = link if is_url(link) else ""  # a "javascript:" link is no address (nor a key)
    if not text:
        return None
    key = link or entry.get("id") or f"{source}#{entry.get('title', '')}"
    published = parse_date(entry.get("published") or entry.get("updated"))
    post_url, fragment = urldefrag(link)
    if comment_feed or fragment.startswith("comment"):
        return Document(key=key, text=text, source=source, kind="comment",
                        author=_entry_author(entry), url=link or None,
                        published=published, parent=post_url or None)
    return Document(key=key, text=text, source=source, kind="post",
                    title=(entry.get("title") or "").strip() or None,
                    author=(entry.get("author") or "").strip() or None,
                    url=link or None, published=published)
