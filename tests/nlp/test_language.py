"""Language detection: argmine's loaded identifier scores exactly as py3langid's own."""

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from argmine.nlp.language import _identifier, detect_language

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
