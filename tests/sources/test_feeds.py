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
