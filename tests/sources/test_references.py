from argmine.sources.references import find_references, reference_key
from tests.conftest import SHARED

import pytest

SEED = sorted((SHARED / "seed").glob("*.txt"))


@pytest.mark.skipif(not SEED, reason="../shared/seed is not available")
def test_the_essay_reference_list_yields_the_four_responses():
    assert find_references(SEED[0].read_text("utf-8")) == [
        ("Michael Nordmeyer", "Social-Media-Irrelevanz bei B2B-Beziehungen"),
        ("Florian Bergmann", "B2B ist das schönere Social Media"),
        ("Daniel Rehn", "Drei Posts, drei Meinungen – Social Media und B2B"),
        ("Torsten Hermann", "Was ist eigentlich Business-to-Business (B2B)?"),
    ]


def test_ordinary_lists_are_not_references():
    text = "Vorteile:\n- schnell, billig\n- Äpfel, Birnen\n* mehr Reichweite: gut\n"
    assert find_references(text) == []


def test_reference_key_ignores_quotes_case_and_punctuation():
    assert reference_key("Paula Probe", "„Warum ich Erika recht gebe“") == \
        reference_key("paula  probe", "Warum ich Erika recht gebe")
