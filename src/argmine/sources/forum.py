"""Forum threads (phpBB, vBulletin, XenForo): one document per forum post.

A forum page is a list of posts by different people, not an article with
comments: read as a blog page, the whole thread became one post credited to
whoever wrote first.  Here the first post is the thread's post and each later
one a comment on it, or on the post it quotes (quotes name the post they come
from).  Quoted text is left out of a post's own text: it is someone else's words.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from argmine.sources.dates import parse_date
from argmine.sources.htmltext import drop, element_text


def _class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


@dataclass(frozen=True)
class Engine:
    """Where one forum engine keeps a post and its parts (XPath, relative to the post)."""

    name: str
    posts: str
    number: re.Pattern[str]  # the post element's id -> the post's number
    author: tuple[str, ...]  # tried in turn: the first that gives a value wins
    date: tuple[str, ...]
    content: str
    quote: str  # a quote inside the content
    quoted: re.Pattern[str]  # an href (or data attribute) inside a quote -> quoted number


ENGINES = (
    Engine("phpbb", f"//div[{_class('post')} and starts-with(@id, 'p')]",
           re.compile(r"^p(\d+)$"),
           (f".//*[{_class('author')}]//a[{_class('username')} or "
            f"{_class('username-coloured')}]", f".//*[{_class('postprofile')}]//a"),
           (f".//*[{_class('author')}]//time/@datetime", f".//*[{_class('author')}]"),
           f".//div[{_class('content')}]", ".//blockquote",
           re.compile(r"(?:[?&]p=|#p)(\d+)")),
    Engine("vbulletin", f"//*[{_class('postcontainer')} and starts-with(@id, 'post_')]",
           re.compile(r"^post_(\d+)$"),
           (f".//a[{_class('username')}]",),
           (f".//span[{_class('date')}]", f".//*[{_class('postdate')}]"),
           f".//blockquote[{_class('postcontent')}] | .//*[{_class('postcontent')}]",
           f".//*[{_class('bbcode_container')}] | .//blockquote[{_class('quote')}]",
           re.compile(r"[?&]p=(\d+)|#post(\d+)")),
    Engine("xenforo", f"//article[{_class('message')} and @data-author]",
           re.compile(r"^(?:js-)?post-(\d+)$"),
           ("@data-author",), (f".//time[{_class('u-dt')}]/@datetime", ".//time/@datetime"),
           f".//*[{_class('bbWrapper')}]", f".//blockquote[{_class('bbCodeBlock--quote')}]",
           re.compile(r"post[-:]\s*(\d+)")),  # data-source="post: 501", #post-501
)


@dataclass
class ForumPost:
    number: str
    author: str | None
    published: str | None
    text: str
    quotes: str | None  # the number of the post it quotes first, if any


def find_forum(root: etree._Element) -> list[ForumPost] | None:
    """The posts of a forum thread page, in page order; None when the page is no forum
    thread of a known engine (fewer than two posts)."""
    for engine in ENGINES:
        nodes = [n for n in root.xpath(engine.posts) if engine.number.match(n.get("id") or "")]
        if len(nodes) >= 2:
            posts = [post for node in nodes if (post := _post(engine, node))]
            return posts if len(posts) >= 2 else None
    return None


#: Where the engines put the thread's title; the page's <title> names the forum too.
_TITLE = (f"//h2[{_class('topic-title')}]", f"//*[{_class('threadtitle')}]",
          f"//h1[{_class('p-title-value')}]", "//title")


def thread_title(root: etree._Element) -> str | None:
    """The forum thread's title."""
    return _first_text(root, _TITLE)


def _post(engine: Engine, node: etree._Element) -> ForumPost | None:
    content = next(iter(node.xpath(engine.content)), None)
    if content is None:
        return None
    content = copy.deepcopy(content)
    quoted = None
    for quote in content.xpath(engine.quote):
        quoted = quoted or _quoted(engine, quote)
        drop(quote)
    text = element_text(content, rendered=True).strip()
    if not text:
        return None
    number = engine.number.match(node.get("id")).group(1)
    return ForumPost(number=number, author=_first_text(node, engine.author),
                     published=_date(node, engine.date), text=text, quotes=quoted)


def _quoted(engine: Engine, quote: etree._Element) -> str | None:
    for value in quote.xpath(".//@href | .//@data-post-id | .//@data-source"):
        found = engine.quoted.search(str(value)) or re.fullmatch(r"(\d+)", str(value))
        if found:
            return next(g for g in found.groups() if g)
    return None


def _first_text(node: etree._Element, xpaths: tuple[str, ...]) -> str | None:
    for found in (found for xpath in xpaths for found in node.xpath(xpath)):
        text = found if isinstance(found, str) else found.text_content()
        text = re.sub(r"\s+", " ", str(text)).strip()
        if text:
            return text
    return None


def _date(node: etree._Element, xpaths: tuple[str, ...]) -> str | None:
    for found in (found for xpath in xpaths for found in node.xpath(xpath)):
        text = found if isinstance(found, str) else " ".join(found.itertext())
        date = parse_date(re.sub(r"\s+", " ", str(text)).strip())
        if date:
            return date
    return None
