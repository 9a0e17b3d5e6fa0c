import pytest

from argmine.errors import ArgmineError, SourceError
from argmine.sources import SourceReader
from argmine.sources.feeds import read_feed
from tests.conftest import ESSAY_URL, THREAD


def test_comment_feed_entries_are_comments_on_the_post():
    documents = list(read_feed((THREAD / "comments-feed.rss").read_bytes(), "feed"))
    assert len(documents) == 4
    assert {d.kind for d in documents} == {"comment"}
    assert {d.parent for d in documents} == {ESSAY_URL}
    latest = documents[0]
    assert latest.author == "Dieter Daten"
    assert latest.key == ESSAY_URL + "#comment-110"
    assert latest.published == "2011-01-13T17:30:00+00:00"
    assert latest.text == "In zwei Jahren, bei etwa einer Stunde pro Woche. Das rechnet sich für mich."


def test_since_skips_older_entries():
    documents = list(read_feed((THREAD / "comments-feed.rss").read_bytes(), "feed",
                               since="2011-01-13"))
    assert [d.key.rsplit("-", 1)[1] for d in documents] == ["110", "109", "108"]


def test_atom_post_feed():
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Erfundenes Blog</title>
<entry><title>Messen statt Tweets</title><link href="https://x.example.org/messen"/>
<id>tag:x.example.org,2011:1</id><updated>2011-02-01T10:00:00Z</updated>
<author><name>Erfundene Autorin</name></author>
<content type="html">&lt;p&gt;Messen bringen mehr als Tweets.&lt;/p&gt;</content></entry></feed>"""
    (post,) = read_feed(atom, "atom")
    assert (post.kind, post.title, post.author) == ("post", "Messen statt Tweets", "Erfundene Autorin")
    assert post.text == "Messen bringen mehr als Tweets."
    assert post.published.startswith("2011-02-01T10:00")


def test_a_truncated_feed_is_one_clear_error():
    """A feed cut short lost its last entries in silence (feedparser's loose parser)."""
    data = (THREAD / "comments-feed.rss").read_bytes()
    cut = data[:data.index(b"</item>", data.index(b"</item>") + 1) + 20]  # inside entry 3
    with pytest.raises(SourceError, match=r"^cut\.rss: malformed or truncated XML: .*line \d+"):
        list(read_feed(cut, "cut.rss"))


def _rss(title: str, item: str) -> bytes:
    """An invented RSS 2.0 feed of one item."""
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<item>{item}</item></channel></rss>").encode()


def test_a_complete_feed_with_an_html_entity_is_still_read():
    """``&nbsp;`` is not XML, but common in real feeds that are complete."""
    data = _rss("Kommentare zu: X", "<title>Von: Anna Erfunden</title><link>https://blog."
                "example.org/x/#comment-1</link><description>Ein&nbsp;Satz zu Xing.</description>")
    (comment,) = read_feed(data, "nbsp.rss")
    assert (comment.author, comment.text) == ("Anna Erfunden", "Ein Satz zu Xing.")


@pytest.mark.parametrize("since", ["banana", "17.03.2021", "2021-13-01"])
def test_since_must_be_an_iso_date(since):
    with pytest.raises(ArgmineError, match="not a date; write it as YYYY-MM-DD"):
        SourceReader(since=since)


def test_since_is_normalised():
    assert SourceReader(since=" 2011-01-13 ").since == "2011-01-13"


def test_a_javascript_link_is_neither_address_nor_key():
    data = _rss("Blog", "<title>Messen</title><link>javascript:alert(document.domain)</link>"
                "<guid>tag:blog.example.org,2011:7</guid>"
                "<description>Messen bringen mehr als Tweets.</description>")
    (post,) = read_feed(data, "feed.rss")
    assert post.url is None and post.key == "tag:blog.example.org,2011:7"
