"""Adapting the stance model to a thread's gold, and the learning curve, on INVENTED data.

Everything here is invented for the tests: a tiny b2b-synthetic-shaped corpus written in
code below, the hand-labelled thread of ``tests/annotate/conftest.py`` as the thread's gold,
and a four-document gold set.  The encoder is replaced by a deterministic fake (a hashed
bag of words: each word a random vector seeded by its hash), since the mechanism works
on ``TrainingDocument`` matrices whatever the representation; it keeps the tests fast.
"""

from __future__ import annotations

import json
import shutil
import zlib
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from argmine.classify import encoder, stance_model
from argmine.classify.adapt import database_gold, gold_documents
from argmine.classify.labeller import Labeller
from argmine.classify.stance_model import TrainingDocument
from argmine.cli import app
from argmine.config import ENCODER
from argmine.evaluate.learning_curve import learning_curve
from argmine.ingest import reanalyze
from argmine.models import model_dir
from argmine.store import connect
from tests.annotate.conftest import DOCUMENTS, THREAD_ID, build

runner = CliRunner()


def fake_encode(texts):
    """A deterministic stand-in for the encoder: the normalised sum of one random vector
    per lower-cased word, each seeded by the word's CRC-32."""
    rows = []
    for text in texts:
        vector = np.zeros(encoder.DIMENSION)
        for word in text.lower().replace(".", " ").replace(",", " ").split():
            vector += np.random.default_rng(zlib.crc32(word.encode())).normal(
                size=encoder.DIMENSION)
        rows.append(vector / max(np.linalg.norm(vector), 1e-9))
    return np.array(rows, dtype=np.float32).reshape(len(texts), encoder.DIMENSION)


@pytest.fixture(autouse=True)
def _fake_encoder(monkeypatch):
    monkeypatch.setattr(encoder, "encode", fake_encode)


# Invented synthetic sentences about a made-up target, by stance.
SENTENCES = {
    "PRO": ["Das Netzwerk bringt uns viele neue Kunden.", "Wir gewinnen dort Aufträge.",
            "Es lohnt sich für jeden Betrieb.", "Die Reichweite ist großartig und günstig.",
            "Unsere Anfragen haben sich verdoppelt.", "Ich empfehle es allen Händlern."],
    "CONTRA": ["Das ist reine Zeitverschwendung.", "Es bringt keinen einzigen Kunden.",
               "Der Aufwand lohnt sich nicht.", "Niemand kauft wegen eines Posts.",
               "Wir haben nur Geld verbrannt.", "Ich rate jedem Betrieb davon ab."],
    "NEUTRAL": ["Heute ist Dienstag.", "Der Artikel erschien im Mai.",
                "Hier ist der Link zur Studie.", "Danke für die Einladung.",
                "Wir sitzen in Kassel.", "Die Messe beginnt um neun."],
}


def write_synthetic(folder: Path, documents: int = 18) -> Path:
    """An invented corpus in b2b-synthetic's format: documents of three sentences, mostly
    of the document's stance, one of another class."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(7)
    lines = []
    for i in range(documents):
        stance = ["PRO", "CONTRA", "NEUTRAL"][i % 3]
        other = ["NEUTRAL", "NEUTRAL", "PRO"][i % 3]
        picks = [(stance, s) for s in rng.choice(SENTENCES[stance], 2, replace=False)]
        picks.append((other, str(rng.choice(SENTENCES[other]))))
        lines.append(json.dumps({
            "doc_id": f"invented-{i}", "genre": "post", "kind": "post", "parent": None,
            "doc_stance": stance, "sentences": [
                {"text": str(text), "stance": label, "component": "premise",
                 "central": k == 0} for k, (label, text) in enumerate(picks)]},
            ensure_ascii=False))
    (folder / "invented.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def annotate_db(path: Path, annotator: str = "anna") -> Path:
    """The invented thread with its hand labels stored as one annotator's gold."""
    build(path)
    db = connect(path)
    now = datetime.now(timezone.utc).isoformat()
    for key, units in DOCUMENTS.items():
        doc_id, text = db.execute("SELECT id, text FROM documents WHERE key = ?",
                                  [key]).fetchone()
        offset = 0
        for sentence, stance, component, central in units:
            start = text.index(sentence, offset)
            offset = start + len(sentence)
            db.execute('INSERT INTO annotations (annotator, document_id, start, "end", text, '
                       "component, stance, central, imported_at) VALUES (?,?,?,?,?,?,?,?,?)",
                       [annotator, doc_id, start, offset, sentence, component, stance,
                        int(central), now])
    db.commit()
    db.close()
    return path


def _gold_agreement(path: Path) -> dict[str, tuple[str, str]]:
    """Each annotated span's (gold stance, model stance) where the model has that unit."""
    db = connect(path, create=False)
    rows = db.execute('SELECT a.text, a.stance, u.stance FROM annotations a JOIN units u '
                      'ON u.document_id = a.document_id AND u.start = a.start '
                      'AND u."end" = a."end"').fetchall()
    db.close()
    return {text: (gold, model) for text, gold, model in rows}


def test_a_gold_unit_outweighs_a_synthetic_one_with_the_same_features():
    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(1, 2 * encoder.DIMENSION + 7))
    others = [TrainingDocument(rng.normal(size=(3, matrix.shape[1])), [s] * 3, s,
                               [True, False, False], None, 0, f"t{i}")
              for i, s in enumerate(["PRO", "CONTRA", "NEUTRAL"] * 3)]
    synthetic = TrainingDocument(matrix, ["PRO"], "PRO", [True], None, 0, "synthetic")
    gold = TrainingDocument(matrix.copy(), ["CONTRA"], "CONTRA", [True], None, 0, "gold",
                            weight=3)
    model = stance_model.fit_units([*others, synthetic, gold])
    assert model.predict(matrix)[0] == "CONTRA"


def test_database_gold_reads_the_annotations_with_their_documents_text(tmp_path):
    db = annotate_db(tmp_path / "gold.db")
    units, texts = database_gold(db, thread=THREAD_ID)
    assert len(units) == 20 and {u["annotator"] for u in units} == {"anna"}
    assert all(texts[u["doc_id"]][u["start"]:u["end"]] == u["text"] for u in units)
    assert {u["target"] for u in units} == {"Twitter ist für Maschinenbauer nützlich"}
    documents = gold_documents(units, texts)
    assert [len(d.labels) for d in documents] == [5, 5, 5, 5]
    assert all(d.weight == 3 for d in documents)
    assert documents[1].stance == "CONTRA"  # the roll-up of comment-jonas's gold


def test_two_annotators_who_disagree_on_a_span_give_no_gold_for_it(tmp_path):
    db = annotate_db(tmp_path / "gold.db")
    connection = connect(db)
    connection.execute("INSERT INTO annotations (annotator, document_id, start, \"end\", text, "
                       "component, stance, central, imported_at) SELECT 'ben', document_id, "
                       "start, \"end\", text, component, CASE stance WHEN 'PRO' THEN 'CONTRA' "
                       "ELSE stance END, central, imported_at FROM annotations")
    connection.commit()
    connection.close()
    units, _ = database_gold(db)
    assert len(units) == 20 - 8  # the 8 PRO spans are tied; the others agree
    assert len(database_gold(db, annotator="ben")[0]) == 20


def test_adapt_changes_the_version_and_relabels_units_the_gold_contradicts(tmp_path,
                                                                           pipeline):
    synthetic = write_synthetic(tmp_path / "synthetic")
    base, adapted = tmp_path / "base", tmp_path / "adapted"
    base.mkdir()
    shutil.copy2(model_dir() / "labels.skops", base / "labels.skops")
    from argmine.classify.train import stance_payload, train_stance_on
    from argmine.train import stance_data

    model = train_stance_on(stance_data(synthetic)[0])
    from argmine.models import save_model

    save_model(stance_payload(model, "{}"), base / "stance.skops")
    db = annotate_db(tmp_path / "thread.db")
    before = Labeller.load(base / "labels.skops", stance=ENCODER)
    reanalyze(db, pipeline=pipeline, labeller=before, everything=True)
    contradicted = {t for t, (gold, found) in _gold_agreement(db).items() if gold != found}
    assert contradicted  # the synthetic model gets some of the thread wrong

    result = runner.invoke(app, ["adapt", "--db", str(db), "--thread", THREAD_ID,
                                 "--synthetic", str(synthetic), "--output", str(adapted)])
    assert result.exit_code == 0, result.output
    assert "20 gold units" in result.output
    after = Labeller.load(adapted / "labels.skops", stance=ENCODER)
    assert after.models.stance.version.startswith("stance-e5-adapted-")
    assert after.version != before.version  # so --reanalyze relabels
    metrics = json.loads((adapted / "metrics.json").read_text("utf-8"))
    assert metrics["stance"]["adapted"]["gold_units"] == 20
    assert "adapted" in (adapted / "README.md").read_text("utf-8")

    relabelled = reanalyze(db, pipeline=pipeline, labeller=after)  # not everything
    assert relabelled.counts.documents_changed == len(DOCUMENTS)
    connection = connect(db, create=False)
    versions = {v for (v,) in connection.execute("SELECT DISTINCT model_version FROM units")}
    connection.close()
    assert versions == {after.version} and after.models.stance.version in after.version
    agreement = _gold_agreement(db)
    fixed = [t for t in contradicted if agreement[t][0] == agreement[t][1]]
    assert fixed, f"no contradicted unit relabelled: {sorted(contradicted)}"
    wrong_after = sum(gold != found for gold, found in agreement.values())
    assert wrong_after < len(contradicted)


def test_adapt_refuses_without_gold(tmp_path):
    result = runner.invoke(app, ["adapt", "--output", str(tmp_path / "m")])
    assert result.exit_code == 2 and "no gold given" in result.output


GOLD_DOCUMENTS = {  # invented, with the synthetic sentences' vocabulary
    "g1": [("Das Netzwerk bringt uns Kunden.", "PRO"), ("Heute ist Dienstag.", "NEUTRAL")],
    "g2": [("Das ist Zeitverschwendung.", "CONTRA"), ("Wir sitzen in Kassel.", "NEUTRAL")],
    "g3": [("Wir gewinnen dort Aufträge.", "PRO"), ("Es lohnt sich.", "PRO")],
    "g4": [("Der Aufwand lohnt sich nicht.", "CONTRA"), ("Danke.", "NEUTRAL")],
}


def write_gold(folder: Path) -> Path:
    (folder / "texts").mkdir(parents=True)
    lines = []
    for doc_id, units in GOLD_DOCUMENTS.items():
        text = " ".join(sentence for sentence, _ in units)
        (folder / "texts" / f"{doc_id}.txt").write_text(text, "utf-8")
        for sentence, stance in units:
            start = text.index(sentence)
            lines.append(json.dumps({"doc_id": doc_id, "start": start,
                                     "end": start + len(sentence), "text": sentence,
                                     "component": "premise", "stance": stance,
                                     "central": False, "annotator": "invented"}))
    (folder / "gold.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def test_the_learning_curve_reports_every_strategy_and_size(tmp_path):
    synthetic = write_synthetic(tmp_path / "synthetic")
    gold = write_gold(tmp_path / "gold")
    result = runner.invoke(app, ["evaluate", "learning-curve", "--gold",
                                 str(gold / "gold.jsonl"), "--texts", str(gold / "texts"),
                                 "--sizes", "0,2", "--seeds", "2", "--synthetic",
                                 str(synthetic), "--json"])
    assert result.exit_code == 0, result.output
    curve = json.loads(result.output)
    assert [(r["strategy"], r["size"]) for r in curve["rows"]] == [
        ("random", 0), ("random", 2), ("uncertain", 0), ("uncertain", 2)]
    assert all(len(r["scores"]) == 2 and 0 <= r["mean"] <= 1 and r["sd"] >= 0
               for r in curve["rows"])
    assert curve["rows"][0]["scores"] == curve["rows"][2]["scores"]  # no gold: one model
    assert [s["pool_documents"] + s["test_documents"] for s in curve["splits"]] == [4, 4]


def test_uncertain_picks_the_pool_units_the_model_is_least_sure_of():
    rng = np.random.default_rng(3)
    docs = [TrainingDocument(rng.normal(size=(3, 2 * encoder.DIMENSION + 7)), [s] * 3, s,
                             [True, False, False], None, 0, f"t{i}")
            for i, s in enumerate(["PRO", "CONTRA", "NEUTRAL"] * 4)]
    model = stance_model.fit(docs)
    from argmine.evaluate.learning_curve import _in_context, orders

    ranked = orders(model, docs[:2], np.random.default_rng(0))
    confidence = [float(_in_context(model, docs[d])[u].max()) for d, u in ranked["uncertain"]]
    assert confidence == sorted(confidence)
    assert sorted(ranked["random"]) == sorted(ranked["uncertain"])
    result = learning_curve(docs[:9], docs[9:], sizes=(0, 1), seeds=1, base=model)
    assert len(result["rows"]) == 4
