from argmine.sources.html import read_html
from tests.conftest import ESSAY_URL, THREAD

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
