"""Datasette on an argmine database: metadata, facets, FTS and canned queries, via ASGI and HTTP."""

import asyncio
import json
import urllib.parse
import urllib.request

import pytest

from argmine.ingest import ingest
from argmine.serve import datasette
from argmine.serve.metadata import QUERIES, TABLES
from tests.conftest import THREAD, datasette_server


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from argmine.nlp import load_pipeline
    path = tmp_path_factory.mktemp("serve") / "thread.db"
    ingest([THREAD / "thread.toml"], path, pipeline=load_pipeline("argmine-fallback"))
    return path


def get_all(db, paths):
    ds = datasette(db)

    async def run():
        await ds.invoke_startup()
        return [await ds.client.get(p) for p in paths]
    return asyncio.run(run())


def test_metadata_describes_every_table_and_column(db):
    import sqlite3
    conn = sqlite3.connect(db)
    for table in ("threads", "documents", "units", "links", "runs", "ingest_errors",
                  "annotations"):
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        assert set(columns) <= set(TABLES[table]["columns"]), table
    (response,) = get_all(db, ["/-/metadata.json"])
    assert response.json()["databases"]["thread"]["tables"]["units"]["facets"]


def test_every_canned_query_runs(db):
    params = {"claims_by_stance": "&stance=CONTRA", "author_arguments": "&author=Paula+Probe",
              "disagreeing_replies": "", "search_units": "&q=Twitter", "gold_against_model": "",
              "search_units_fts": "&q=Twit*"}
    responses = get_all(db, [f"/thread/{name}.json?_shape=array{params[name]}" for name in QUERIES])
    for name, response in zip(QUERIES, responses):
        assert response.status_code == 200, (name, response.text[:200])
    rows = dict(zip(QUERIES, (r.json() for r in responses)))
    assert rows["claims_by_stance"] and all(r["stance"] == "CONTRA" for r in rows["claims_by_stance"])
    assert all("Twitter" in r["text"] or "twitter" in r["text"].lower() for r in rows["search_units"])
    assert rows["author_arguments"]
    assert rows["search_units_fts"] and all("twit" in r["text"].lower()
                                            for r in rows["search_units_fts"])


@pytest.mark.parametrize("query", ["", "Social-Media-Strategie", 'sagt "nein', "Twitter  Kunden"])
def test_the_word_search_takes_what_users_type(db, query):
    """An empty box (the page's first load), hyphens and stray quotes were FTS5 errors."""
    (response,) = get_all(db, ["/thread/search_units.json?_shape=array&q="
                               + urllib.parse.quote(query)])
    assert response.status_code == 200, response.text[:200]
    words = query.replace('"', " ").split()
    assert all(all(w.lower() in r["text"].lower() for w in words) for r in response.json())


def test_facets_and_full_text_search(db):
    facets, search = get_all(db, ["/thread/units.json?_facet=stance&_facet=component",
                                  "/thread/documents.json?_search=Fachzeitschriften&_shape=array"])
    names = {f["name"] for f in facets.json()["facet_results"].values()}
    assert {"stance", "component"} <= names
    assert search.json() and all("Fachzeitschriften" in d["text"] for d in search.json())


def test_immutable_by_default(db):
    (response,) = get_all(db, ["/-/databases.json"])
    assert response.json()[0]["is_mutable"] is False


def test_served_over_http_on_localhost(db):
    with datasette_server(db, "/thread/author_stance.json?_shape=array") as url:
        with urllib.request.urlopen(url, timeout=5) as response:
            rows = json.loads(response.read())
    assert {"Erika Beispiel", "Paula Probe"} <= {r["author"] for r in rows}


def test_annotations_are_described_and_faceted_by_annotator(tmp_path):
    from argmine.annotate.importing import import_annotations
    from argmine.store import connect
    from tests.annotate.conftest import build

    path = build(tmp_path / "gold.db")
    db = connect(path)
    rows = db.execute('SELECT document_id, start, "end", text, component, stance, '
                      'central FROM units ORDER BY id LIMIT 4').fetchall()
    lines = [json.dumps(dict(zip(("doc_id", "start", "end", "text", "component", "stance",
                                  "central"), row))) for row in rows]
    (tmp_path / "a.jsonl").write_text("\n".join(lines), "utf-8")
    import_annotations(db, tmp_path / "a.jsonl", "Anna")
    db.close()  # checkpoints the WAL: an immutable Datasette reads the main file only
    facets, query = get_all(path, ["/gold/annotations.json?_facet=annotator",
                                   "/gold/gold_against_model.json?_shape=array"])
    annotator = next(f for f in facets.json()["facet_results"].values()
                     if f["name"] == "annotator")
    assert [(v["value"], v["count"]) for v in annotator["results"]] == [("Anna", 4)]
    assert query.status_code == 200 and query.json() == []  # Anna took the model's labels
