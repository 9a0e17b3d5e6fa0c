from argmine.sources.wxr import read_wxr
from tests.conftest import ESSAY_URL, THREAD


def documents():
    return list(read_wxr((THREAD / "blog-export.xml").read_bytes(), "blog-export.xml"))


def test_published_posts_and_pages_only():
    posts = [d for d in documents() if d.kind == "post" and not d.is_placeholder]
    assert [p.title for p in posts] == ["Lohnt sich Twitter für Maschinenbauer?", "Über mich"]
    essay = posts[0]
    assert essay.key == ESSAY_URL
    assert essay.author == "Erika Beispiel"  # display name, not the login
    assert essay.published == "2011-01-10T08:15:00+00:00"
    assert "Entwurf" not in {p.title for p in posts}  # draft skipped
    assert "messe-foto" not in {p.title for p in posts}  # attachment skipped


def test_post_body_without_p_tags_keeps_paragraphs_and_list_items():
    essay = documents()[0]
    assert "im persönlichen Gespräch.\n\nDeshalb investiere" in essay.text
    assert "\nMax Mustermann, „Twitter im Maschinenbau: doch!“\n" in essay.text


def test_approved_comments_with_parents_spam_and_pending_skipped():
    comments = [d for d in documents() if d.kind == "comment"]
    assert [c.key.rsplit("-", 1)[1] for c in comments] == ["101", "102", "103", "104", "105"]
    by_id = {c.key.rsplit("-", 1)[1]: c for c in comments}
    assert by_id["101"].parent == ESSAY_URL
    assert by_id["103"].parent == ESSAY_URL + "#comment-102"
    assert by_id["105"].author == "Bernd Beleg"
    assert all("Pillen" not in (c.author or "") for c in comments)


def test_comment_keys_match_the_html_reader_so_sources_merge():
    from argmine.sources.html import read_html
    page = read_html((THREAD / "essay.html").read_bytes(), "essay.html")
    page_keys = {d.key for d in page if d.kind == "comment"}
    export_keys = {d.key for d in documents() if d.kind == "comment"}
    assert export_keys <= page_keys


def test_pingback_is_a_link_from_the_citing_post():
    references = [d for d in documents() if d.is_placeholder]
    assert len(references) == 1
    assert references[0].url == "https://mustermann.example.net/2011/01/twitter-doch/"
    assert references[0].links[0].target == ESSAY_URL
    assert references[0].links[0].kind == "cites"


def test_export_with_stray_control_characters_and_https_namespace_still_parses():
    data = (THREAD / "blog-export.xml").read_bytes()
    data = data.replace(b"http://wordpress.org/export/1.2/", b"https://wordpress.org/export/1.2/")
    data = data.replace(b"Interessant!", b"Interessant!\x0b\x1f")
    documents = list(read_wxr(data, "export.xml"))
    assert len([d for d in documents if d.kind == "comment"]) == 5
    assert any(d.text.startswith("Interessant! In welcher") for d in documents if d.text)
