"""Reading b2b-synthetic-format corpora (invented documents written in the tests)."""

import json

import pytest

from argmine.errors import ArgmineError
from argmine.evaluate import synthetic
from argmine.evaluate.synthetic import Sources, load_synthetic


def write(folder, name, rows):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                       for r in rows), "utf-8")
    return folder


def document(doc_id, parent=None, stance="PRO"):
    return {"doc_id": doc_id, "genre": "blog", "kind": "post", "parent": parent,
            "doc_stance": stance, "sentences": [
                {"text": f"Satz von {doc_id}.", "stance": stance, "component": "claim",
                 "central": True}]}


def test_replies_belong_to_the_thread_of_the_document_they_answer(tmp_path):
    folder = write(tmp_path / "a", "blog.jsonl",
                   [document("p1"), document("c1", "p1"), document("c2", "c1", "CONTRA")])
    documents = load_synthetic(folder)
    assert [d.thread for d in documents] == ["p1", "p1", "p1"]
    assert documents[2].stance == "CONTRA" and documents[2].text == "Satz von c2."


def test_a_document_joins_the_thread_it_names_without_becoming_a_reply(tmp_path):
    """A counterfactual twin names its source's thread: folds never split the pair."""
    twin = document("cf-c1", stance="CONTRA") | {"thread": "c1"}
    folder = write(tmp_path / "a", "blog.jsonl",
                   [document("p1"), document("c1", "p1"), twin, document("x") | {"thread": "gone"}])
    documents = load_synthetic(folder)
    assert [d.thread for d in documents] == ["p1", "p1", "p1", "gone"]
    assert documents[2].parent is None


def test_the_default_reads_the_shared_corpus_and_the_bundled_one(tmp_path, monkeypatch):
    monkeypatch.setattr(synthetic, "DEFAULT_DIR", write(tmp_path / "shared", "x.jsonl",
                                                        [document("s1")]))
    monkeypatch.setattr(synthetic, "BUNDLED_DIR", tmp_path / "bundled")
    assert [d.id for d in load_synthetic()] == ["s1"]  # nothing bundled yet
    write(tmp_path / "bundled", "web.jsonl", [document("w1"), document("w2", "w1")])
    assert [d.id for d in load_synthetic()] == ["s1", "w1", "w2"]
    assert [d.id for d in load_synthetic(tmp_path / "bundled")] == ["w1", "w2"]


def test_a_broken_line_is_named_with_its_file_and_number(tmp_path):
    folder = write(tmp_path / "a", "blog.jsonl", [document("p1")])
    with open(folder / "blog.jsonl", "a", encoding="utf-8") as stream:
        stream.write('{"doc_id": "p2"}\n')
    with pytest.raises(ArgmineError, match=r"blog.jsonl:2: not a b2b-synthetic document"):
        load_synthetic(folder)
    with open(folder / "blog.jsonl", "w", encoding="utf-8") as stream:
        stream.write('{"doc_id": "p3", \n')
    with pytest.raises(ArgmineError, match=r"blog.jsonl:1: invalid JSON"):
        load_synthetic(folder)
    with pytest.raises(ArgmineError, match="empty: no training documents found"):
        load_synthetic(tmp_path / "empty")


def test_a_document_annotated_without_a_kind_reads_as_a_post(tmp_path):
    """Real text annotated by hand (url, site, certain; no kind) trains as it is."""
    row = {k: v for k, v in document("r1").items() if k != "kind"}
    row |= {"url": "https://example.invalid/post", "site": "example.invalid"}
    row["sentences"][0]["certain"] = False
    [found] = load_synthetic(write(tmp_path / "real", "real.jsonl", [row]))
    assert (found.kind, found.thread, found.text) == ("post", "r1", "Satz von r1.")


def test_extra_folders_are_read_after_the_others_with_their_weight(tmp_path, monkeypatch):
    monkeypatch.setattr(synthetic, "DEFAULT_DIR", write(tmp_path / "shared", "x.jsonl",
                                                        [document("s1")]))
    monkeypatch.setattr(synthetic, "BUNDLED_DIR", tmp_path / "bundled")
    mine = write(tmp_path / "mine", "real.jsonl", [document("r1"), document("r2", "r1")])
    documents = load_synthetic(Sources(extra=(mine,), extra_weight=4.0))
    assert [(d.id, d.weight, d.thread) for d in documents] == [
        ("s1", 1.0, "s1"), ("r1", 4.0, "r1"), ("r2", 4.0, "r1")]
    only = load_synthetic(Sources(folders=(mine,), extra=(tmp_path / "shared",)))
    assert [(d.id, d.weight) for d in only] == [("r1", 1.0), ("r2", 1.0), ("s1", 1.0)]
    with pytest.raises(ArgmineError, match="nowhere: no training documents found"):
        load_synthetic(Sources(extra=(tmp_path / "nowhere",)))


def test_the_extra_documents_are_marked_even_at_weight_one(tmp_path):
    from argmine.train import extra_documents

    shared = write(tmp_path / "shared", "x.jsonl", [document("s1"), document("s2")])
    mine = write(tmp_path / "mine", "real.jsonl", [document("r1")])
    assert extra_documents(Sources(folders=(shared,), extra=(mine,))) == [False, False, True]
    assert extra_documents(Sources(folders=(shared,))) == [False, False]


def test_the_model_card_names_each_extra_folder_with_its_size_and_weight(tmp_path):
    from argmine.classify.train import extra_training

    mine = write(tmp_path / "real-web", "a.jsonl", [document("r1"), document("r2", "r1")])
    assert extra_training(Sources(folders=(mine,))) is None
    assert extra_training(Sources(extra=(mine,), extra_weight=4.0)) == (
        "real-web: 2 documents, 2 sentences (weight 4)")
