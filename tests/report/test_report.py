import json
import sqlite3

import pytest

from argmine.ingest import ingest
from argmine.records import Thread
from argmine.report import build_report, render
from argmine.report.text import web_link
from argmine.store import connect
from tests.conftest import BAD, THREAD


@pytest.fixture(scope="module")
def report_db(tmp_path_factory):
    from argmine.nlp import load_pipeline
    db_path = tmp_path_factory.mktemp("report") / "argmine.db"
    ingest([THREAD / "thread.toml", BAD / "empty.txt"], db_path,
           pipeline=load_pipeline("argmine-fallback"))
    return db_path


@pytest.fixture(scope="module")
def report(report_db):
    return build_report(connect(report_db))


def sql(db_path, query):
    return sqlite3.connect(db_path).execute(query).fetchall()


def walk(nodes):
    for node in nodes:
        yield node
        yield from walk(node.children)


def test_numbers_equal_sql_counts(report, report_db):
    (thread,) = report.threads
    assert thread.by_kind == dict(sql(report_db, "SELECT kind, COUNT(*) FROM documents "
                                                 "WHERE text IS NOT NULL GROUP BY kind"))
    units = dict(sql(report_db, "SELECT document_id, COUNT(*) FROM units GROUP BY 1"))
    assert {d.id: d.units for d in thread.documents if d.units} == units
    per_author = dict(sql(report_db, "SELECT author, COUNT(*) FROM documents d JOIN units u "
                                     "ON u.document_id = d.id GROUP BY author"))
    assert {a.author: a.units for a in thread.authors} == per_author


def test_tree_shows_who_answers_whom(report):
    (thread,) = report.threads
    (root,) = thread.tree
    assert root.document.title == "Lohnt sich Twitter für Maschinenbauer?"
    nodes = list(walk(thread.tree))
    assert len(nodes) == 17
    responses = [n.document.author for n in root.children if n.relation == "response"]
    assert responses == ["Max Mustermann", "Paula Probe"]
    deepest = max(nodes, key=lambda n: n.document.published or "")
    assert deepest.document.author == "Paula Probe"


def test_errors_of_the_last_run_are_reported(report):
    assert [e["error"] for e in report.errors] == ["empty file"]


def test_text_report(report):
    text = render(report, "text")
    assert "Target proposition: „Twitter ist für Maschinenbauer nützlich“" in text
    assert "not labelled yet" not in text  # the shipped models labelled the units
    assert any(stance in text for stance in ("PRO", "CONTRA", "NEUTRAL"))
    assert "Jonas Test" in text and "empty file" in text
    assert "stance, rules: essay" in text  # the rules' figures are named as theirs


def test_markdown_report_nests_the_tree(report):
    markdown = render(report, "markdown")
    assert markdown.startswith("# argmine report")
    assert "\n      - comment by **Jonas Test**, 2011-01-11: Zulieferer" in markdown
    assert "| Erika Beispiel |" in markdown and "| author | stance |" in markdown


def test_json_report_validates_against_the_schema_in_the_repo(report):
    from importlib.resources import files

    import jsonschema
    schema = json.loads(files("argmine.report").joinpath("schema.json").read_text("utf-8"))
    jsonschema.validate(json.loads(render(report, "json")), schema)


def test_html_report_is_self_contained(report):
    html = render(report, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html and "Twitter ist für Maschinenbauer nützlich" in html
    assert "<script" not in html and "http://" not in html.split("<body>")[0]
    assert "cdn" not in html.lower()


def test_claims_are_quoted_with_offsets_into_their_documents(report, report_db):
    (thread,) = report.threads
    texts = dict(sql(report_db, "SELECT id, text FROM documents"))
    claims = thread.claims["PRO"] + thread.claims["CONTRA"]
    assert claims
    for claim in claims:
        assert texts[claim.document_id][claim.start:claim.end] == claim.text


def test_disagreements_oppose_their_parent_or_the_post_they_answer(report, report_db):
    (thread,) = report.threads
    expected = sql(report_db, """SELECT COUNT(*) FROM (
        SELECT c.id, p.id FROM documents c JOIN documents p ON p.id = c.parent_id
        WHERE c.stance IN ('PRO','CONTRA') AND p.stance IN ('PRO','CONTRA') AND c.stance != p.stance
        UNION SELECT c.id, p.id FROM links l JOIN documents c ON c.id = l.source_id
        JOIN documents p ON p.id = l.target_id WHERE l.kind = 'response'
        AND c.stance IN ('PRO','CONTRA') AND p.stance IN ('PRO','CONTRA') AND c.stance != p.stance)""")
    assert len(thread.disagreements) == expected[0][0] > 0
    assert all(d["stance"] != d["parent_stance"] for d in thread.disagreements)


def test_json_report_round_trips(report):
    data = json.loads(render(report, "json"))
    assert data["labels_available"] is True
    assert {d["stance"] for d in data["threads"][0]["documents"] if d["has_text"]} <= {
        "PRO", "CONTRA", "NEUTRAL"}
    assert data["threads"][0]["id"] == "twitter-maschinenbau"
    assert data["run"]["spacy_pipeline"].startswith("argmine-fallback")


def test_stance_numbers_equal_sql_counts(report, report_db):
    (thread,) = report.threads
    counts = sql(report_db, """SELECT d.author, SUM(u.stance = 'PRO'), SUM(u.stance = 'CONTRA')
                               FROM units u JOIN documents d ON d.id = u.document_id
                               GROUP BY d.author""")
    assert {a.author: (a.pro_units, a.contra_units) for a in thread.authors} == {
        author: (pro, contra) for author, pro, contra in counts}


def test_the_real_text_figure_shows_only_for_the_model_it_was_measured_on(report):
    import dataclasses

    figure = {"model_version": "stance-x", "protocol": "two invented sets",
              "documents_reading": 0.5, "sentence_reading": 0.45, "date": "2026-12-03",
              "documents_right": {"right": 6, "of": 10}}
    labelled = ["labels-a+stance-x+targets-b"]
    measured = dataclasses.replace(
        report, model_metrics={"stance": {"version": "stance-x", "real_text": figure}},
        label_versions=labelled)
    assert measured.real_text == figure
    for format in ("text", "markdown", "html"):
        assert "two invented sets" in render(measured, format), format
        assert "6 of 10" in " ".join(render(measured, format).split()), format
    retrained = dataclasses.replace(
        report, model_metrics={"stance": {"version": "stance-y", "real_text": figure}},
        label_versions=labelled)
    assert retrained.real_text is None
    assert "two invented sets" not in render(retrained, "text")


def test_the_real_text_figure_is_the_one_of_the_model_that_labelled(report):
    """A database labelled by the n-gram model shows the n-gram model's figure, one labelled
    by the rules none (the encoder's figure would describe other labels)."""
    import dataclasses

    def figure(name: str, version: str) -> dict:
        return {"model_version": version, "protocol": name, "documents_reading": 0.5,
                "sentence_reading": 0.45, "date": "2026-12-03",
                "documents_right": {"right": 6, "of": 10}}

    metrics = {"stance": {"version": "stance-e", "real_text": figure("encoder sets", "stance-e")},
               "stance_ngrams": {"version": "stance-f",
                               "real_text": figure("n-gram sets", "stance-f")}}
    ngrams = dataclasses.replace(report, model_metrics=metrics,
                                 label_versions=["labels-a+stance-f+targets-b"])
    assert ngrams.real_text["protocol"] == "n-gram sets"
    rules = dataclasses.replace(report, model_metrics=metrics,
                                label_versions=["labels-a+targets-b"])
    assert rules.real_text is None


@pytest.mark.parametrize("url, link", [
    ("https://blog.example.org/a-b/", "https://blog.example.org/a-b/"),
    ("http://x.example.org/seite (2)", "http://x.example.org/seite%20%282%29"),
    ("javascript:alert(document.domain)", None), ("data:text/html,x", None),
    ("/home/ich/beitrag.html", None), ("https:///nohost", None), (None, None),
])
def test_only_web_addresses_become_links(url, link):
    assert web_link(url) == link


def test_a_stored_javascript_address_is_no_link_in_any_report(tmp_path, db_path, pipeline):
    """Invented record; a store written before readers refused such addresses may hold one."""
    (tmp_path / "a.jsonl").write_text(
        '{"id": "a1", "title": "Harmlos", "text": "Xing bringt uns neue Kunden."}\n', "utf-8")
    ingest([tmp_path / "a.jsonl"], db_path, pipeline=pipeline)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE documents SET url = 'javascript:alert(1)'")
    report = build_report(connect(db_path))
    assert 'href="javascript' not in render(report, "html")
    assert "](javascript" not in render(report, "markdown")


def test_a_response_post_that_opposes_the_post_it_answers_is_a_disagreement(tmp_path, db_path,
                                                                             pipeline):
    """Invented records; the stances are set by hand, the query is what is tested."""
    from argmine.store import queries
    (tmp_path / "r.jsonl").write_text(
        '{"id": "frieda", "author": "Frieda Fiktiv", "text": "Social Media bringt uns nichts."}\n'
        '{"id": "antwort", "author": "Anton Antwort", "answers": "frieda", '
        '"text": "Doch, LinkedIn bringt uns Kunden."}\n', "utf-8")
    ingest([tmp_path / "r.jsonl"], db_path, thread=Thread("t", None), pipeline=pipeline,
           labeller=None)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE documents SET stance = CASE key WHEN 'frieda' THEN 'CONTRA' "
                     "ELSE 'PRO' END")
    (row,) = queries.disagreements(connect(db_path), "t")
    assert (row["author"], row["parent_author"]) == ("Anton Antwort", "Frieda Fiktiv")
