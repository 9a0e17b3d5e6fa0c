"""Replies that say whom they answer, on pages whose markup does not nest them.

Many blogs show comments as one flat list, and commenters then address each
other in the text: "@Anna: Sehe ich genauso."  News sites label a reply with
the number of the comment it answers: "Antwort auf #3 von Anna".  Such a
comment answers that earlier comment, not the post, and its stance depends on
the one it answers (a reply that agrees takes its parent's side).  Only
comments the markup left at the top level are relinked; nesting the markup
shows always wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

#: A news site's label line: "Antwort auf #3", "Antwort auf Kommentar #3 von Anna:".
_NUMBERED = re.compile(r"^\s*(?:Antwort\s+auf|(?:In\s+)?reply\s+to)\s+(?:(?:Beitrag|Kommentar|"
                       r"comment)\s+)?#(?P<number>\d+)(?:\s+(?:von|by)\s+[^\n]{1,80}?)?\s*:?"
                       r"\s*(?:\n|$)", re.I)


class Reply(Protocol):
    """What relinking reads and sets on a comment (``comments.RawComment``)."""

    author: str | None
    published: str | None
    text: str
    parent_anchor: str | None
    anchor: str


def link_addressed(comments: Sequence[Reply]) -> None:
    """Point each top-level comment that names an earlier one at it (in place, page order).

    "Antwort auf #N" counts the page's comments from 1 and is taken out of the text (it is
    the site's label); "@Name" at the start stays in the text, which the commenter wrote,
    and names the latest earlier comment by that author, by full name or, when only one
    earlier author has it, by first name.  A comment dated after the reply is never its
    parent (a page that lists the newest first).
    """
    for position, comment in enumerate(comments):
        if comment.parent_anchor is not None:
            continue
        numbered = _NUMBERED.match(comment.text)
        if numbered:
            number, rest = int(numbered["number"]), comment.text[numbered.end():].strip()
            target = comments[number - 1] if 1 <= number <= position else None
            if target is not None and not _later(target, comment) and rest:
                comment.parent_anchor, comment.text = target.anchor, rest
        elif comment.text.startswith("@"):
            addressed = _addressed(comment, comments[:position])
            comment.parent_anchor = addressed.anchor if addressed else None


def _later(candidate: Reply, reply: Reply) -> bool:
    """Whether both are dated and ``candidate`` was written after ``reply`` (dates of one
    page share one format, so ISO strings compare as times)."""
    return bool(candidate.published and reply.published
                and candidate.published > reply.published)


def _addressed(reply: Reply, earlier: Sequence[Reply]) -> Reply | None:
    """The latest of ``earlier`` (not dated after ``reply``) whose author the reply's "@"
    names, then a non-word."""
    def named(name: str) -> bool:
        return bool(re.match(re.escape(name) + r"(?!\w)", reply.text[1:], re.I))

    by_author = [c for c in reversed(earlier) if c.author and not _later(c, reply)]
    full = next((c for c in by_author if named(c.author)), None)
    if full is not None:
        return full
    authors = {c.author for c in by_author if named(c.author.split()[0])}
    if len(authors) != 1:  # no one, or two people of that first name
        return None
    return next(c for c in by_author if c.author in authors)
