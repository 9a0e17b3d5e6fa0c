"""Language detection: argmine's loaded identifier scores exactly as py3langid's own."""

import importlib
import pkgutil

import numpy as np
import pytest
import spacy.lang
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from spacy.lang.de.stop_words import STOP_WORDS

from argmine.nlp.language import GERMAN_MARKERS, _identifier, detect_language, plainly_german

TEXTS = [
    "Ich finde, dass Social Media für B2B-Unternehmen kaum Kunden bringt, aber Kontakte.",
    "This is an English comment about marketing on social networks, nothing more.",
    "Ceci est un commentaire en français sur les réseaux sociaux et le marketing.",
    "Dit is een Nederlandse reactie over sociale media en marketing voor bedrijven.",
    "Danke!", "+1", "", "   ", "ÄÖÜ äöü ß " * 20, "日本語のテキストです。これはテストです。",
    "Zwar bringt Twitter Kontakte, aber keine Kunden. " * 40, "1234 5678 90",
]


@pytest.fixture(scope="module")
def stock():
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.mark.parametrize("text", TEXTS)
def test_scores_equal_py3langids_own(stock, text):
    assert np.array_equal(_identifier()._decide(text), stock._decide(text))


def test_english_is_detected_and_short_texts_take_the_default():
    assert detect_language(TEXTS[1], "de") == "en"
    assert detect_language("Danke!", "fr") == "fr"


def _spacy_languages(module: str) -> dict[str, object]:
    """spaCy's per-language data module ``module`` for every language but German."""
    found = {}
    for info in pkgutil.iter_modules(spacy.lang.__path__):
        if info.name in ("de", "xx"):  # xx, the multi-language examples, include German
            continue
        try:
            found[info.name] = importlib.import_module(f"spacy.lang.{info.name}.{module}")
        except ImportError:
            continue
    return found


def test_german_markers_are_german_stop_words_of_no_other_language():
    assert GERMAN_MARKERS <= STOP_WORDS
    others = _spacy_languages("stop_words")
    assert len(others) > 50
    for name, module in others.items():
        shared = GERMAN_MARKERS & {w.lower() for w in module.STOP_WORDS}
        assert not shared, f"{name} also lists {sorted(shared)}"


def test_no_other_languages_examples_pass_for_plainly_german():
    examples = _spacy_languages("examples")
    assert {"nl", "lb", "da", "sv", "en"} <= set(examples)
    for name, module in examples.items():
        assert not plainly_german(" ".join(module.sentences).split()), name


def test_plainly_german_text_skips_the_model_and_overrides_the_thread_default():
    german = TEXTS[0]
    assert plainly_german(german.split())
    assert detect_language(german, "en") == "de"
    # too few markers: py3langid decides, as before
    assert not plainly_german("Danke für den Link".split())
    assert detect_language(TEXTS[3], "de") == "nl"
