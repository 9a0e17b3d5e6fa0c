"""An INVENTED, hand-labelled thread for the annotation tests: four documents of five units
each, labels fixed here rather than by the models, so that the figures in the tests can be
computed by hand and do not move when the models are retrained.

Model labels (the suggestions an export carries), 20 units:
stance PRO 8, CONTRA 7, NEUTRAL 5; component claim 7, premise 9, none 4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from argmine.records import Document, Thread, Unit
from argmine.store import Store, connect

THREAD_ID = "invented-twitter"
MODEL = "labels-test-invented"
# (sentence, stance, component, central); every sentence is invented
DOCUMENTS = {
    "invented/post-erika": [
        ("Twitter bringt uns jede Woche neue Anfragen von Einkäufern.", "PRO", "claim", True),
        ("Ein Zulieferer aus Ulm fand uns über einen Tweet.", "PRO", "premise", False),
        ("Unsere Fachartikel werden dort oft weitergereicht.", "PRO", "premise", False),
        ("Danke fürs Lesen!", "NEUTRAL", "none", False),
        ("Der Aufwand für die Pflege ist allerdings hoch.", "CONTRA", "premise", False),
    ],
    "invented/comment-jonas": [
        ("Für Maschinenbauer ist Twitter reine Zeitverschwendung.", "CONTRA", "claim", True),
        ("Unsere Kunden sind dort schlicht nicht unterwegs.", "CONTRA", "premise", False),
        ("Aufträge kommen bei uns von der Messe.", "CONTRA", "premise", False),
        ("Grüße aus Chemnitz.", "NEUTRAL", "none", False),
        ("Für Personalsuche mag es taugen.", "PRO", "claim", False),
    ],
    "invented/post-paula": [
        ("Wer zuhört, gewinnt auf Twitter Geschäftskunden.", "PRO", "claim", True),
        ("Wir haben so zwei Großkunden kennengelernt.", "PRO", "premise", False),
        ("Twitter gibt es seit 2006.", "NEUTRAL", "premise", False),
        ("Hier noch drei Links.", "NEUTRAL", "none", False),
        ("Kurzfristige Verkäufe darf man nicht erwarten.", "CONTRA", "claim", False),
    ],
    "invented/comment-max": [
        ("Das ist alles nur ein Hype.", "CONTRA", "claim", True),
        ("Keine Anfrage kam je über Twitter.", "CONTRA", "premise", False),
        ("Sichtbarkeit bei Fachleuten entsteht aber schon.", "PRO", "premise", False),
        ("Siehe auch meinen Blog.", "NEUTRAL", "none", False),
        ("Vielleicht lohnt es sich für Berater.", "PRO", "claim", False),
    ],
}


def labelled_document(key: str, units: list[tuple[str, str, str, bool]],
                      published: str) -> Document:
    """A document whose units carry the fixed labels above, with distinct confidences."""
    text = " ".join(sentence for sentence, *_ in units)
    spans, offset, first = [], 0, 5 * list(DOCUMENTS).index(key)
    for number, (sentence, stance, component, central) in enumerate(units, start=first):
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        confidence = round(0.3 + 0.03 * number, 3)  # 0.30 for the first unit ... 0.87
        spans.append(Unit(start, offset, sentence, component, stance, confidence, central, MODEL))
    return Document(key=key, text=text, source="invented", kind="post", author=key.split("-")[-1].title(),
                    published=published, thread_id=THREAD_ID, lang="de", units=spans,
                    stance=units[0][1], stance_confidence=0.9, model_version=MODEL)


def build(path: Path) -> Path:
    store = Store(connect(path))
    store.ensure_thread(Thread(THREAD_ID, "Twitter ist für Maschinenbauer nützlich",
                               "Lohnt sich Twitter? (invented)"))
    for day, (key, units) in enumerate(DOCUMENTS.items(), start=10):
        store.write(labelled_document(key, units, f"2011-01-{day}"))
    store.db.close()  # checkpoints the WAL: an immutable Datasette reads the main file only
    return path


@pytest.fixture
def labelled_db(tmp_path: Path) -> Path:
    return build(tmp_path / "labelled.db")
