import pytest

from argmine.sources.html import read_html
from tests.conftest import ESSAY_URL, THREAD

FORUM = THREAD.parent / "forum"

EXPECTED_PARENTS = {  # comment -> parent, as nested in the invented page
    "101": None, "102": "101", "103": "102", "104": None, "105": "104",
    "106": None, "107": "106", "108": None, "109": "108", "110": "109",
}


def read(name: str):
    return list(read_html((THREAD / name).read_bytes(), name))


def test_post_text_and_metadata_come_from_the_page():
    post = read("essay.html")[0]
    assert post.kind == "post"
    assert post.url == post.key == ESSAY_URL  # canonical link
    assert post.title == "Lohnt sich Twitter für Maschinenbauer?"
    assert post.author == "Erika Beispiel"
    assert post.published == "2011-01-10"
    assert post.text.startswith("Ich bezweifle, dass Twitter")
    assert "Da muss ich widersprechen" not in post.text  # comments are not part of the post
    assert "Impressum" not in post.text


def test_each_comment_is_its_own_document_with_author_date_and_parent():
    comments = [d for d in read("essay.html") if d.kind == "comment"]
    assert len(comments) == 10
    parents = {
        c.key.rsplit("-", 1)[1]: (c.parent.rsplit("-", 1)[1] if "#comment-" in c.parent else None)
        for c in comments
    }
    assert parents == EXPECTED_PARENTS
    first = comments[0]
    assert first.author == "Jonas Test"
    assert first.published == "2011-01-10T18:02"
    assert first.text == ("Da muss ich widersprechen. Unsere Einkäufer sind sehr wohl auf "
                          "Twitter unterwegs, weil sie dort schneller an Informationen kommen.")
    assert first.url == ESSAY_URL + "#comment-101"
    top_level = [c for c in comments if c.parent == ESSAY_URL]
    assert {c.author for c in top_level} == {"Jonas Test", "Anna Muster", "Clara Quelle",
                                             "Dieter Daten"}


def test_comment_text_excludes_author_line_date_and_reply_link():
    for comment in (d for d in read("essay.html") if d.kind == "comment"):
        assert "sagt:" not in comment.text
        assert "Antworten" not in comment.text
        assert "2011" not in comment.text


def test_multi_paragraph_comment_keeps_its_paragraphs():
    comment = next(d for d in read("essay.html") if d.key.endswith("#comment-107"))
    assert comment.text == "Leider nein, das sind meine Beobachtungen.\n\nIch würde mich über Studien freuen."


def test_pingback_becomes_a_cites_link_not_a_comment():
    documents = read("essay.html")
    pingbacks = [d for d in documents if d.is_placeholder]
    assert len(pingbacks) == 1
    assert pingbacks[0].url == "https://mustermann.example.net/2011/01/twitter-doch/"
    assert [(link.target, link.kind) for link in pingbacks[0].links] == [(ESSAY_URL, "cites")]
    assert not any("Pingback" in (d.text or "") for d in documents)


def test_html5_comment_markup_with_time_elements():
    documents = read("response-mustermann.html")
    post, *comments = documents
    assert post.author == "Max Mustermann"
    assert [c.author for c in comments] == ["Erika Beispiel", "Max Mustermann"]
    assert comments[0].published.startswith("2011-01-12T14:00")
    assert comments[1].parent == comments[0].key
    assert all("schreibt" not in c.text for c in comments)


def test_windows_1252_page_declared_as_latin1_decodes_umlauts_and_quotes():
    utf8 = read("essay.html")
    legacy = read("essay-cp1252.html")
    assert [d.text for d in legacy] == [d.text for d in utf8]
    assert "„Twitter im Maschinenbau: doch!“" in legacy[0].text


def test_old_theme_markup_cite_bylines_and_text_pingbacks():
    post, *rest = read("old-themes.html")
    assert post.title == "Müssen Xing-Profile ein Impressum haben?"
    assert post.author is None  # the recent-comments widget must not lend its names
    assert post.text.startswith("Immer wieder werde ich gefragt")
    comments = [d for d in rest if d.kind == "comment"]
    assert [(c.author, c.published) for c in comments] == [
        ("Lena Leser", "2011-07-17T13:04"), ("Tom Tester", "2011-07-17T13:10"),
        ("Kurt Kubrick", "2011-07-18T09:15")]
    assert comments[0].text == ("Also im Klartext: Wer auch nur einmal für sein Büro wirbt, "
                                "braucht ein Impressum?")
    assert comments[2].text == "Doch, die Gerichte sehen das schon länger so."
    assert all(c.parent == post.key for c in comments)
    (pingback,) = [d for d in rest if d.is_placeholder]
    assert pingback.url == "http://linkschau.example.net/2011/07/18/lesezeichen/"


def test_serendipity_flat_comments_nest_by_indentation():
    post, *comments = read("serendipity.html")  # ISO-8859-1 encoded
    assert post.title == "Messen oder Netzwerke?"
    number = {c.key.rsplit("-", 1)[1]: c for c in comments}
    assert number["13"].parent == number["12"].key
    assert number["14"].parent == number["13"].key
    assert number["15"].parent == post.key
    assert number["15"].author == "Paul Prüfer"
    assert number["12"].published == "2011-01-17T18:40"
    assert number["12"].text == "Bei uns ist es umgekehrt: die Messe kostet viel und bringt wenig."


COMMENT_BOX_PARENTS = {  # the invented page wordpress-comment-box.html, nested in ul.children
    "201": None, "202": "201", "203": "202", "204": "203", "205": None, "206": "205",
    "207": "206", "208": None, "209": "208", "210": None, "211": "210", "212": "211",
    "213": "212", "214": None, "215": "214", "216": "215", "217": None, "218": "217",
    "219": None, "220": "219",
}


def _number(key: str | None) -> str | None:
    return key.rsplit("-", 1)[1] if key and "#comment-" in key else None


def test_comment_box_layout_gives_authors_dates_and_nesting():
    comments = [d for d in read("wordpress-comment-box.html") if d.kind == "comment"]
    assert {_number(c.key): _number(c.parent) for c in comments} == COMMENT_BOX_PARENTS
    with_both = [c for c in comments if c.author and c.published]
    assert len(with_both) >= 0.8 * len(comments)
    assert len(with_both) == 19  # one comment has no date on the page
    by_number = {_number(c.key): c for c in comments}
    assert (by_number["201"].author, by_number["201"].published) == ("Jonas Test", "2018-06-19T15:28")
    assert by_number["202"].author == "Hanna Beispiel"  # <strong><a>name</a></strong>
    assert by_number["205"].author == "Max Mustermann"  # <b>, date "17.06.2018 um 13:04"
    assert by_number["205"].published == "2018-06-17T13:04"
    assert by_number["208"].published == "2018-06-20"  # "am 20. Juni 2018"
    assert by_number["210"].author == "Fräserei Nord"  # only a link, next to the reply link
    assert (by_number["217"].author, by_number["217"].published) == ("Gast", None)


def test_comment_box_relative_dates_count_back_from_the_saved_date():
    by_number = {_number(d.key): d for d in read("wordpress-comment-box.html")}
    assert by_number["214"].published == "2018-06-19"  # vor 2 Tagen, saved 2018-06-21 10:00
    assert by_number["215"].published == "2018-06-20"  # vor 1 Tag
    assert by_number["216"].published == "2018-06-21T05:00"  # vor 5 Stunden


def test_relative_dates_stay_unknown_when_the_page_date_is_not():
    data = (THREAD / "wordpress-comment-box.html").read_bytes().replace(b"saved date:", b"saved:")
    by_number = {_number(d.key): d for d in read_html(data, "ohne-datum.html")}
    assert by_number["214"].published is None
    assert by_number["201"].published == "2018-06-19T15:28"


def test_comment_box_text_and_authors_hold_no_byline_parts():
    documents = read("wordpress-comment-box.html")
    for comment in (d for d in documents if d.kind == "comment"):
        assert "Antworten" not in comment.text and "2018" not in comment.text
        assert not any(ch.isdigit() for ch in comment.author) and "Antworten" not in comment.author
    assert "Antworten" not in documents[0].text and "Jonas Test" not in documents[0].text


def test_a_byline_without_a_date_gives_none_even_when_the_name_looks_like_a_month():
    page = ("<html><body><article><h1 class='entry-title'>Titel</h1><div class='entry-content'>"
            "<p>Ein Beitrag über Messen und LinkedIn, lang genug für einen Haupttext.</p></div>"
            "</article><ol><li class='comment' id='li-comment-7'><div class='comment-box'>"
            "<div class='comment-author'><strong>May</strong></div><div class='comment-text'>"
            "<p>Das sehe ich auch so.</p></div></div></li></ol></body></html>")
    comment = next(d for d in read_html(page.encode(), "may.html") if d.kind == "comment")
    assert (comment.author, comment.published) == ("May", None)


BYLINE_PAGE = """<html><head><title>Dienstwagen</title></head><body><div class="post">
<h2>Sind Dienstwagen noch zeitgemäß?</h2>
<p class="meta">{byline}</p>
<div class="entry"><p>Dienstwagen sind nicht mehr zeitgemäß, weil Bahncards billiger sind
und das Klima schonen. Firmen sollten deshalb lieber Mobilitätsbudgets anbieten, denn
nicht jeder will ein Auto.</p></div></div></body></html>"""  # invented


def test_a_byline_gives_the_post_its_author_and_leaves_the_text():
    page = BYLINE_PAGE.format(byline="Geschrieben von Jana Jux am 3. März 2010")
    (post,) = read_html(page.encode(), "dienstwagen.html")
    assert (post.author, post.published) == ("Jana Jux", "2010-03-03")
    assert post.text.startswith("Dienstwagen sind nicht mehr zeitgemäß")


def test_a_first_line_that_only_opens_with_von_is_prose():
    page = BYLINE_PAGE.format(byline="Von Xing halte ich nichts, sagt mein Chef.")
    (post,) = read_html(page.encode(), "xing.html")
    assert post.author is None and post.text.startswith("Von Xing halte ich nichts")


DRUPAL = """<html><head><link rel="canonical" href="https://netzwerk.example.org/node/42"></head>
<body><h1>Social Media für B2B: überschätzt?</h1><div class="node"><p>Viele Mittelständler
fragen sich, ob sich Social Media lohnt. Wir meinen: nur mit klarem Ziel.</p></div>
<div id="comments" class="comment-wrapper">{comments}</div></body></html>"""
DRUPAL_COMMENT = """<a id="comment-{n}"></a><div class="comment clearfix">
<div class="attribution"><div class="comment-submitted"><p class="commenter-name">
<span class="username">{name} (nicht überprüft)</span></p>
<p class="comment-time">Di., 18.01.2011 - 12:15</p></div></div>
<div class="comment-text"><div class="content"><p>{text}</p></div></div></div>"""


def _drupal(*comments: tuple[int, str, str]) -> bytes:
    """An invented Drupal 7 page: the comment's number is on an empty anchor before it."""
    return DRUPAL.format(comments="".join(
        DRUPAL_COMMENT.format(n=n, name=name, text=text) for n, name, text in comments)).encode()


def test_comments_keep_the_pages_own_numbers_when_a_reply_is_added_above():
    gustav = (101, "Gustav Gedacht", "LinkedIn spart uns Kaltakquise.")
    hanna = (103, "Hanna Hypothetisch", "Ich stimme dem Artikel zu.")
    ingo = (104, "Ingo Imaginär", "Genauso: LinkedIn bringt Anfragen.")
    before = {c.author: c.key for c in read_html(_drupal(gustav, hanna), "n.html")
              if c.kind == "comment"}
    after = {c.author: c.key for c in read_html(_drupal(gustav, ingo, hanna), "n.html")
             if c.kind == "comment"}
    assert before == {"Gustav Gedacht": "https://netzwerk.example.org/node/42#comment-101",
                      "Hanna Hypothetisch": "https://netzwerk.example.org/node/42#comment-103"}
    assert after == {**before, "Ingo Imaginär": "https://netzwerk.example.org/node/42#comment-104"}


DRUPAL7_SUBJECT = """<a id="comment-101"></a><div class="comment clearfix">
<div class="attribution"><div class="comment-submitted"><p class="commenter-name">
<span class="username">Gustav Gedacht (nicht überprüft)</span></p>
<p class="comment-time">Di., 18.01.2011 - 12:15</p></div></div>
<div class="comment-text"><div class="comment-arrow"></div><h3><a href="/comment/101#comment-101"
class="permalink" rel="bookmark">Kaltakquise adé</a></h3><div class="content"><div
class="field field-name-comment-body"><p>LinkedIn spart uns Kaltakquise.</p></div></div>
</div></div>"""  # invented, in Drupal 7's Bartik markup
DRUPAL8_SUBJECT = """<article class="comment js-comment" id="comment-102">
<footer class="comment__meta"><p class="comment__author"><span>Hanna Hypothetisch</span></p>
<p class="comment__time">Di., 18.01.2011 - 13:00</p></footer><div class="comment__content">
<h3><a href="/comment/102#comment-102" hreflang="de">Ich stimme zu</a></h3><div
class="field field--name-comment-body"><p>Ich stimme dem Artikel zu, mit Einschränkungen.</p>
</div></div></article>"""  # invented, in Drupal 8's markup


def test_a_drupal_comments_subject_is_its_title_not_its_first_line():
    page = DRUPAL.format(comments=DRUPAL7_SUBJECT + DRUPAL8_SUBJECT).encode()
    comments = [(d.author, d.title, d.published, d.text) for d in read_html(page, "n.html")
                if d.kind == "comment"]
    assert comments == [
        ("Gustav Gedacht", "Kaltakquise adé", "2011-01-18T12:15",
         "LinkedIn spart uns Kaltakquise."),
        ("Hanna Hypothetisch", "Ich stimme zu", "2011-01-18T13:00",
         "Ich stimme dem Artikel zu, mit Einschränkungen."),
    ]


def test_a_heading_that_only_the_extractor_took_for_the_title_is_not_repeated_in_the_text():
    post = next(read_html(_drupal(), "n.html"))  # no og:title, no entry-title: <h1> only
    assert post.title == "Social Media für B2B: überschätzt?"
    assert post.text.startswith("Viele Mittelständler fragen sich")


def test_a_news_sites_comment_ids_and_name_classes_are_read():
    page = """<html><body><article><h1>Lohnt sich Social Media für Industriefirmen?</h1>
    <p>Eine Umfrage unter 50 erfundenen Firmen zeigt ein gemischtes Bild.</p></article>
    <section id="comments"><article class="comment" id="cid-55501"><div class="comment-meta">
    <div class="comment-meta__name"><a href="https://profil.example.org/u/881">Ulrike
    Unbekannt</a></div><a class="comment-meta__date" href="#cid-55501">27. Januar 2011,
    8:02 Uhr</a></div><div class="comment__body"><p>Das glaube ich erst, wenn ich die
    Zahlen sehe.</p></div><div class="comment__reactions"><a href="#">Antworten</a>
    <a href="#">Empfehlen</a><span>12</span></div></article></section></body></html>"""
    (comment,) = [d for d in read_html(page.encode(), "news.html") if d.kind == "comment"]
    assert comment.key == "news.html#cid-55501"
    assert (comment.author, comment.published) == ("Ulrike Unbekannt", "2011-01-27T08:02")
    assert comment.text == "Das glaube ich erst, wenn ich die Zahlen sehe."  # no "Empfehlen12"


BLOGGER_CLASSIC = """<html><head><link rel="canonical"
href="https://vertrieb.example.org/2011/01/xing-oder-messe.html"></head><body>
<div class="post"><h3 class="post-title">Xing oder Messe?</h3><div class="post-body">
<p>Für kleine Industriebetriebe ist Xing nützlicher als jede Fachmesse, weil die Kontakte
bleiben.</p></div></div>
<div id="comments"><h4>2 Kommentare:</h4>
<dl class="avatar-comment-indent" id="comments-block">
<dt class="comment-author" id="c101"><a name="c101"></a>
<div class="avatar-image-container"><img title="Emil Erfunden" src="x.gif"></div>
<a href="https://profil.example.org/3" rel="nofollow">Emil Erfunden</a> hat gesagt&#8230;</dt>
<dd class="comment-body"><p>Das sehe ich anders: Auf Xing melden sich Personalvermittler.</p></dd>
<dd class="comment-footer"><span class="comment-timestamp"><a href="#c101"
title="comment permalink">17. Januar 2011 11:34</a></span></dd>
<dt class="comment-author blog-author" id="c102"><a name="c102"></a>
<a href="https://profil.example.org/4" rel="nofollow">Dora Dummy</a> hat gesagt&#8230;</dt>
<dd class="comment-body"><p>In den Branchengruppen sind die Einkäufer durchaus aktiv.</p></dd>
<dd class="comment-footer"><span class="comment-timestamp"><a href="#c102">17. Januar 2011
15:00</a></span></dd></dl></div></body></html>"""  # invented, in Blogger's classic markup


def test_classic_blogger_comments_are_definition_list_pairs():
    comments = [d for d in read_html(BLOGGER_CLASSIC.encode(), "b.html") if d.kind == "comment"]
    assert [(c.key.rsplit("#", 1)[1], c.author, c.published) for c in comments] == [
        ("comment-101", "Emil Erfunden", "2011-01-17T11:34"),
        ("comment-102", "Dora Dummy", "2011-01-17T15:00")]
    assert comments[0].text == "Das sehe ich anders: Auf Xing melden sich Personalvermittler."


def test_a_forum_thread_is_one_document_per_post_not_one_post_by_the_first_poster():
    """tests/fixtures/forum/phpbb.html is invented phpBB markup."""
    post, *replies = read_html((FORUM / "phpbb.html").read_bytes(), "phpbb.html")
    url = "https://forum.example.org/viewtopic.php?t=314"
    assert (post.kind, post.key, post.title, post.author) == (
        "post", url, "Lohnt sich Social Media für Zulieferer?", "LarsLeerlauf")
    assert post.published == "2011-01-24T08:12:00+00:00"
    assert post.text.startswith("Unser Chef will") and "Drehteile seit 1911" not in post.text
    assert [(r.key, r.author, r.parent) for r in replies] == [
        (f"{url}#p2002", "MarthaModell", url), (f"{url}#p2003", "NorbertNiemand", url)]
    martha, norbert = replies
    assert martha.text == "Das würde ich nicht pauschal sagen. LinkedIn bringt uns Anfragen " \
                          "von Einkäufern."  # the quote is Lars's words, not hers
    assert "Wer ist online" not in norbert.text


def test_a_forum_reply_hangs_from_the_post_it_quotes():
    html = (FORUM / "phpbb.html").read_text("utf-8").replace(
        '<div class="content">Social Media ist',
        '<div class="content"><blockquote><div><cite>MarthaModell hat geschrieben: <a '
        'href="./viewtopic.php?p=2002#p2002">↑</a></cite>LinkedIn bringt uns Anfragen.</div>'
        "</blockquote>Social Media ist")
    *_, norbert = read_html(html.encode(), "phpbb.html")
    assert norbert.parent == "https://forum.example.org/viewtopic.php?t=314#p2002"
    assert norbert.text.startswith("Social Media ist für B2B völlig überflüssig.")


VBULLETIN = """<html><head><title>Xing-Gruppen für Einkäufer</title></head><body>
<h1>Thema: <span class="threadtitle"><a href="showthread.php?77">Xing-Gruppen für
Einkäufer</a></span></h1><ol id="posts">
<li class="postbitlegacy postcontainer" id="post_9001"><div class="posthead"><span
class="date">26.01.2011,&nbsp;<span class="time">10:05</span></span></div>
<div class="username_container"><a class="username offline" href="member.php?12">
<strong>OttoOhnegleichen</strong></a></div><div id="post_message_9001"><blockquote
class="postcontent restore">Ich moderiere eine Xing-Gruppe für Einkäufer, und dort
entstehen echte Aufträge.</blockquote></div></li>
<li class="postbitlegacy postcontainer" id="post_9002"><div class="posthead"><span
class="date">26.01.2011,&nbsp;<span class="time">12:47</span></span></div>
<div class="username_container"><a class="username offline" href="member.php?31">
<strong>PaulaPlatzhalter</strong></a></div><div id="post_message_9002"><blockquote
class="postcontent restore"><div class="bbcode_container"><div class="bbcode_quote">
Zitat von <strong>OttoOhnegleichen</strong> <a href="showthread.php?p=9001#post9001">
Beitrag anzeigen</a> dort entstehen echte Aufträge.</div></div>Das bezweifle ich, bei
uns antworten nur Vertriebler.</blockquote></div></li></ol></body></html>"""  # invented

XENFORO = """<html><head><title>B2B und Social Media | Forum</title></head><body>
<h1 class="p-title-value">B2B und Social Media</h1>
<article class="message message--post" data-author="Ulla Umfrage" id="js-post-501">
<time class="u-dt" datetime="2019-05-02T09:00:00+0200">2. Mai 2019</time>
<div class="bbWrapper">Für uns ist LinkedIn der wichtigste Vertriebskanal geworden.</div>
</article>
<article class="message message--post" data-author="Veit Vorsicht" id="js-post-502">
<time class="u-dt" datetime="2019-05-02T11:30:00+0200">2. Mai 2019</time>
<div class="bbWrapper"><blockquote class="bbCodeBlock bbCodeBlock--quote"
data-source="post: 501"><div class="bbCodeBlock-content">LinkedIn der wichtigste
Vertriebskanal</div></blockquote>Bei uns bringt es gar nichts.</div></article>
<article class="message message--post" data-author="Wim Widerwort" id="js-post-503">
<div class="bbWrapper"><blockquote class="bbCodeBlock bbCodeBlock--quote"
data-source="post: 502">Bei uns bringt es gar nichts.</blockquote>Dann macht ihr etwas
falsch.</div></article></body></html>"""  # invented


@pytest.mark.parametrize("html, first, second", [
    (VBULLETIN, ("OttoOhnegleichen", "2011-01-26T10:05"), "PaulaPlatzhalter"),
    (XENFORO, ("Ulla Umfrage", "2019-05-02T09:00:00+02:00"), "Veit Vorsicht"),
])
def test_other_forum_engines(html, first, second):
    """The reply quotes the first post: it hangs from the post, without the quote."""
    post, reply, *rest = read_html(html.encode(), "f.html")
    assert (post.kind, post.author, post.published) == ("post", *first)
    assert (reply.kind, reply.author, reply.parent) == ("comment", second, "f.html")
    assert "Aufträge" not in reply.text and "Vertriebskanal" not in reply.text


DISQUS = """<html><head><link rel="canonical" href="https://kanzlei.example.com/b2b-twitter/">
</head><body><article><h1>Twitter für Kanzleien?</h1><p>Unsere erfundene Kanzlei hat ein
Jahr lang getwittert und kein Mandat gewonnen. Wir hören damit auf.</p></article>
<div id="disqus_thread"><ul id="post-list" class="post-list">
<li class="post" id="post-3210000001"><div class="post-content"><div class="avatar
hovercard"><a href="https://disqus.example/by/j/" class="user"><img alt="Avatar"></a></div>
<div class="post-body"><header><span class="post-byline"><span class="author"><a
href="https://disqus.example/by/j/">Jakob Jedermann</a></span></span> <a href="#comment-3210000001"
class="time-ago" title="Mittwoch, 19. Januar 2011 10:20">vor 2 Tagen</a></header>
<div class="post-message"><p>Ein Jahr ist zu kurz, Vertrauen wächst langsam.</p></div>
<footer><menu><li class="reply"><a href="#">Antworten</a></li></menu></footer></div></div>
<ul class="children"><li class="post" id="post-3210000002"><div class="post-content">
<div class="post-body"><header><span class="author"><a href="https://disqus.example/by/i/">Ida
Imaginär</a></span> <a class="time-ago" title="Mittwoch, 19. Januar 2011 12:45">vor 2
Tagen</a></header><div class="post-message"><p>Ohne ein Mandat lohnt es sich nicht.</p></div>
</div></div></li></ul></li></ul></div></body></html>"""  # invented, in Disqus's markup


def test_a_disqus_thread_saved_into_the_page_gives_its_comments():
    url = "https://kanzlei.example.com/b2b-twitter/"
    post, jakob, ida = read_html(DISQUS.encode(), "d.html")
    assert (jakob.key, jakob.author, jakob.published, jakob.parent) == (
        f"{url}#comment-3210000001", "Jakob Jedermann", "2011-01-19T10:20", url)
    assert jakob.text == "Ein Jahr ist zu kurz, Vertrauen wächst langsam."
    assert (ida.author, ida.parent) == ("Ida Imaginär", f"{url}#comment-3210000001")
    assert "Ein Jahr ist zu kurz" not in post.text


FURNISHED = """<html><head><title>Twitter für Zulieferer</title></head><body>
<div id="cookieChoiceInfo" class="cookie-choices-info">Diese Website verwendet Cookies von
Google, um ihre Dienste bereitzustellen.</div>
<div class="post hentry tag-cookies"><h3 class="post-title entry-title">Twitter für Zulieferer</h3>
<div class="post-body entry-content"><p>Seit drei Monaten twittert unsere erfundene Firma.
Zwei Anfragen kamen von Einkäufern, deshalb machen wir weiter.</p><p>Der Aufwand ist
kleiner als gedacht, weil wir nur Neuigkeiten aus der Werkstatt teilen.</p></div>
<div class="post-footer"><span class="post-author vcard">Eingestellt von <span class="fn"
itemprop="author" itemscope="itemscope"><span itemprop="name">Bernd Beispiel</span></span>
</span> um 09:30 Labels: Vertrieb</div></div>
<div class="newsletter-box"><p>Abonniere unseren Newsletter!</p></div>
</body></html>"""  # invented, in Blogger's markup; "tag-cookies": a post tagged Cookies


def test_cookie_banners_and_newsletter_boxes_stay_out_and_microdata_names_the_author():
    (post,) = read_html(FURNISHED.encode(), "f.html")
    assert post.author == "Bernd Beispiel"
    assert post.text.startswith("Seit drei Monaten") and post.text.endswith("Werkstatt teilen.")


def test_a_xenforo_reply_to_a_reply_hangs_from_it():
    *_, wim = read_html(XENFORO.encode(), "f.html")
    assert (wim.author, wim.parent, wim.text) == ("Wim Widerwort", "f.html#p502",
                                                  "Dann macht ihr etwas falsch.")


#: An invented WordPress page: three comments, the second a reply nested in the first.
CAPPED = """<html><body><article><h1>Messen oder Netzwerke?</h1><div class="entry-content">
<p>Unsere erfundene Firma hat beides ausprobiert und zieht eine vorsichtige Bilanz.</p>
</div></article><ol class="commentlist">
<li class="comment" id="comment-1"><div class="comment-author"><cite>Anna Ausgedacht</cite>
</div><div class="comment-content"><p>Messen bringen uns mehr als jedes Netzwerk.</p></div>
<ol class="children"><li class="comment" id="comment-2"><div class="comment-author">
<cite>Bernd Beispiel</cite></div><div class="comment-content"><p>Bei uns ist es
umgekehrt.</p></div></li></ol></li>
<li class="comment" id="comment-3"><div class="comment-author"><cite>Carla Constructa</cite>
</div><div class="comment-content"><p>Wir machen beides, aber mit klarem Budget.</p></div>
</li></ol></body></html>"""


def test_comments_beyond_the_limit_are_reported_and_stay_out_of_the_post():
    heard: list[str] = []
    documents = list(read_html(CAPPED.encode(), "capped.html", max_comments=1,
                               warn=heard.append))
    post, *comments = documents
    assert [c.author for c in comments] == ["Anna Ausgedacht"]
    assert comments[0].text == "Messen bringen uns mehr als jedes Netzwerk."  # not the reply
    assert "umgekehrt" not in post.text and "Budget" not in post.text
    assert post.author is None  # an unread comment left in the page lent the post its author
    assert post.text == ("Unsere erfundene Firma hat beides ausprobiert und zieht eine "
                         "vorsichtige Bilanz.")  # a short page: title and text on one line
    assert heard == ["capped.html: 2 of its 3 comments not read "
                     "(at most 1 per page; --max-comments)"]
    heard.clear()
    assert len(list(read_html(CAPPED.encode(), "capped.html", warn=heard.append))) == 4
    assert heard == []  # no limit, nothing left out


def test_every_comment_element_is_handed_back_for_removal_read_or_not():
    from argmine.sources.comments import find_comments
    from argmine.sources.html import parse_html

    found = find_comments(parse_html(CAPPED, "capped.html"), limit=1)
    assert len(found.comments) == 1 and found.unread == 2
    assert [node.get("id") for node in found.nodes] == ["comment-1", "comment-2", "comment-3"]


#: An invented blog page whose theme shows comments flat: replies say whom they answer.
FLAT = """<html><body><article><h1 class="entry-title">Xing im Vertrieb</h1>
<div class="entry-content"><p>Wir haben ein Jahr lang Xing im Vertrieb getestet.</p></div>
</article><ol class="commentlist">{comments}</ol></body></html>"""
FLAT_COMMENT = """<li class="comment" id="comment-{n}"><div class="comment-author"><cite>{name}
</cite></div><div class="comment-content">{text}</div></li>"""


def _flat(*comments: tuple[str, str]) -> bytes:
    return FLAT.format(comments="".join(FLAT_COMMENT.format(n=n, name=name, text=text)
                                        for n, (name, text) in enumerate(comments, 1))).encode()


def test_a_flat_comment_that_addresses_an_earlier_one_answers_it():
    page = _flat(("Anna Ausgedacht", "<p>Xing bringt uns nichts.</p>"),
                 ("Bernd Beispiel", "<p>Uns schon: drei Aufträge.</p>"),
                 ("Carla Constructa", "<p>@Anna Ausgedacht: Sehe ich genauso.</p>"),
                 ("Dora Dummy", "<p>@Bernd, welche Branche?</p>"),
                 ("Emil Erfunden", "<p>@Zora: wer ist das?</p>"),
                 ("Fritz Fiktiv", "<p>Antwort auf #2 von Bernd Beispiel</p>"
                                  "<p>Glückwunsch zu den Aufträgen.</p>"))
    comments = {d.author: d for d in read_html(page, "flat.html") if d.kind == "comment"}
    parent = {author: d.parent.rsplit("#", 1)[-1] if "#" in d.parent else "post"
              for author, d in comments.items()}
    assert parent == {"Anna Ausgedacht": "post", "Bernd Beispiel": "post",
                      "Carla Constructa": "comment-1",  # full name
                      "Dora Dummy": "comment-2",  # first name, one earlier Bernd
                      "Emil Erfunden": "post",  # nobody of that name: the post
                      "Fritz Fiktiv": "comment-2"}  # the news sites' numbered label
    assert comments["Carla Constructa"].text == "@Anna Ausgedacht: Sehe ich genauso."
    assert comments["Fritz Fiktiv"].text == "Glückwunsch zu den Aufträgen."  # label gone


def test_a_first_name_two_earlier_commenters_share_is_no_address():
    page = _flat(("Anna Ausgedacht", "<p>Eins.</p>"), ("Anna Anders", "<p>Zwei.</p>"),
                 ("Bernd Beispiel", "<p>@Anna: welche von euch?</p>"),
                 ("Carla Constructa", "<p>@Anna Ausgedacht: genau.</p>"))
    parents = [d.parent for d in read_html(page, "flat.html") if d.kind == "comment"]
    assert parents[2] == "flat.html" and parents[3] == "flat.html#comment-1"


def test_on_a_page_that_lists_the_newest_first_no_reply_answers_a_later_comment():
    page = FLAT.format(comments="".join(
        f"""<li class="comment" id="comment-{n}"><div class="comment-author"><cite>{name}
        </cite></div><div class="comment-meta"><time datetime="2011-01-18T{time}">x</time>
        </div><div class="comment-content"><p>{text}</p></div></li>"""
        for n, name, time, text in [(3, "Anna Ausgedacht", "13:00", "Noch ein Gedanke."),
                                    (2, "Carla Constructa", "12:00", "@Anna: richtig."),
                                    (1, "Anna Ausgedacht", "11:00", "Xing bringt nichts.")]))
    carla = next(d for d in read_html(page.encode(), "n.html") if d.author == "Carla Constructa")
    assert carla.published == "2011-01-18T12:00:00"
    assert carla.parent == "n.html"  # not Anna's comment of 13:00 above it


def test_nesting_in_the_markup_wins_over_an_address():
    page = """<html><body><div class="entry-content"><p>Ein Beitrag über Xing.</p></div>
    <ol class="commentlist"><li class="comment" id="comment-1"><cite>Anna Ausgedacht</cite>
    <div class="comment-content"><p>Eins.</p></div></li>
    <li class="comment" id="comment-2"><cite>Bernd Beispiel</cite>
    <div class="comment-content"><p>Zwei.</p></div><ol class="children">
    <li class="comment" id="comment-3"><cite>Carla Constructa</cite>
    <div class="comment-content"><p>@Anna Ausgedacht: auch an dich.</p></div></li></ol>
    </li></ol></body></html>"""
    (carla,) = [d for d in read_html(page.encode(), "n.html") if d.author == "Carla Constructa"]
    assert carla.parent == "n.html#comment-2"


def test_a_reading_time_line_is_no_part_of_the_post():
    page = """<html><body><article><h1 class="entry-title">Spam-Filter und Firmen-Domains</h1>
    <div class="entry-content"><p>Voraussichtliche Lesedauer: 17 Minuten</p>
    <p>Jeder, der eine eigene Domain besitzt, kennt den Schmerz: Mails landen im Spam.</p>
    <p>Die Lesezeit lohnt sich, denn die Lösung ist einfach. Zuerst prüft man, ob die
    Domain auf einer Sperrliste steht, dann richtet man SPF, DKIM und DMARC ein.</p>
    <p>Große Anbieter wie Gmail oder Outlook gehen rigoros gegen Spam vor; wer dort im
    Posteingang landet, hat die Einrichtung meist richtig gemacht.</p>
    <p>Danach hilft nur Geduld: Der Ruf einer Domain wächst mit jeder Mail, die gelesen und
    nicht als Spam markiert wird.</p><p>4 Min. Lesezeit</p>
    </div></article></body></html>"""  # invented; long enough for trafilatura's main path
    post = next(read_html(page.encode(), "spam.html"))
    assert post.text.startswith("Jeder, der eine eigene Domain besitzt")
    assert "Lesedauer" not in post.text and not post.text.endswith("Lesezeit")
    assert "Die Lesezeit lohnt sich" in post.text  # prose about reading time stays
