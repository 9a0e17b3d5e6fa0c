"""Fine-tuning the stance adapter on labelled sentences (needs torch: ``.[train]``).

What is trained (settings fixed before any comparison, measured 2026-12-02 on
b2b-synthetic, 5-fold by thread, pooled macro-F1: frozen e5 + logistic
regression 0.605, LoRA on layers 10-11 0.625, on layers 8-11 0.636):

- rank-16 LoRA updates (alpha 16) of every projection (q, k, v, attention out,
  feed-forward in and out) of layers 8-11 of e5-small; everything else frozen;
- a linear head on the L2-normalised mean-pooled embedding, started from a
  logistic regression on the frozen embeddings (linear probing, then fine-
  tuning: the LoRA updates start at zero, so training starts where the frozen
  model ends);
- AdamW, learning rate 5e-4 (LoRA) and 1e-3 (head), 3 epochs of batches of 16
  sentences of similar length, 10% linear warm-up then linear decay, dropout
  0.1 on the pooled embedding; sentences read alone, at most 96 tokens.

The frozen layers' output is computed once per run, so an epoch costs only the
adapted layers (16 s for 4,000 sentences on one idle core).  The result is
what ``classify.adapter.Adapter`` reads: numpy arrays, no torch at run time.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from scipy.special import softmax

from argmine.classify.adapter import CLASSES, file_digest
from argmine.classify.e5.network import PROJECTIONS
from argmine.classify.e5.tokenizer import Unigram
from argmine.classify.e5.weights import Weights
from argmine.errors import ArgmineError

PREFIX = "query: "


@dataclass(frozen=True)
class Settings:
    first_layer: int = 8  # layers first_layer.. get LoRA updates
    rank: int = 16
    alpha: float = 16.0
    learning_rate: float = 5e-4
    head_learning_rate: float = 1e-3
    epochs: int = 3
    batch: int = 16
    warmup: float = 0.1
    dropout: float = 0.1
    probe_c: float = 1.0  # the logistic regression that starts the head
    max_tokens: int = 96
    seed: int = 0
    threads: int = 1  # on a shared 2-core machine one thread trained faster than two


def _torch():
    try:
        import torch
    except ImportError as exc:
        raise ArgmineError("fine-tuning needs torch: pip install -e '.[train]' "
                           "(CPU wheels: --extra-index-url https://download.pytorch.org/whl/cpu)"
                           ) from exc
    return torch


def build_model(weights: Weights, settings: Settings):
    """e5-small in torch with LoRA on the layers from ``settings.first_layer``."""
    torch = _torch()
    nn, functional = torch.nn, torch.nn.functional
    header = weights.header
    h, ff = header.hidden, header.feed_forward

    def tensor(name: str, shape=None):
        return torch.from_numpy(weights.array(name, shape))

    class LoRALinear(nn.Module):
        def __init__(self, name: str, shape: tuple[int, int], rank: int):
            super().__init__()
            self.register_buffer("weight", tensor(f"{name}.w", shape))
            self.register_buffer("bias", tensor(f"{name}.b"))
            self.rank = rank
            if rank:
                self.A = nn.Parameter(torch.randn(rank, shape[1]) / math.sqrt(shape[1]))
                self.B = nn.Parameter(torch.zeros(shape[0], rank))

        def forward(self, x):
            y = functional.linear(x, self.weight, self.bias)
            if self.rank:
                y = y + (x @ self.A.t() @ self.B.t()) * (settings.alpha / self.rank)
            return y

    class Block(nn.Module):
        def __init__(self, index: int, rank: int):
            super().__init__()
            shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h),
                      "fi": (ff, h), "fo": (h, ff)}
            self.projections = nn.ModuleDict(
                {name: LoRALinear(f"l{index}.{name}", shape, rank)
                 for name, shape in shapes.items()})
            for norm in ("aln", "oln"):
                self.register_buffer(f"{norm}_w", tensor(f"l{index}.{norm}.w"))
                self.register_buffer(f"{norm}_b", tensor(f"l{index}.{norm}.b"))

        def forward(self, x, mask):
            p, (batch, length, _) = self.projections, x.shape
            heads = header.heads

            def split(y):
                return y.view(batch, length, heads, h // heads).transpose(1, 2)

            context = functional.scaled_dot_product_attention(
                split(p["q"](x)), split(p["k"](x)), split(p["v"](x)),
                attn_mask=mask[:, None, None, :])
            x = functional.layer_norm(x + p["ao"](context.transpose(1, 2).reshape(x.shape)),
                                      (h,), self.aln_w, self.aln_b, header.eps)
            x2 = p["fo"](functional.gelu(p["fi"](x)))
            return functional.layer_norm(x + x2, (h,), self.oln_w, self.oln_b, header.eps)

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.blocks = nn.ModuleList(
                Block(i, settings.rank if i >= settings.first_layer else 0)
                for i in range(header.layers))
            self.dropout = nn.Dropout(settings.dropout)
            self.head = nn.Linear(h, len(CLASSES))
            self.register_buffer("positions", tensor("emb.pos", (-1, h)))
            self.register_buffer("token_type", tensor("emb.type", (-1, h))[0])
            self.register_buffer("norm_w", tensor("emb.ln.w"))
            self.register_buffer("norm_b", tensor("emb.ln.b"))

        def lower(self, tokens, mask):
            """The frozen part: embeddings and the layers below the first adapted one."""
            x = torch.from_numpy(weights.word_rows(tokens.numpy()))
            x = x + self.positions[:tokens.shape[1]] + self.token_type
            x = functional.layer_norm(x, (h,), self.norm_w, self.norm_b, header.eps)
            for block in self.blocks[:settings.first_layer]:
                x = block(x, mask)
            return x

        def pooled(self, x, mask):
            for block in self.blocks[settings.first_layer:]:
                x = block(x, mask)
            weights_ = mask.to(x.dtype)[..., None]
            return functional.normalize((x * weights_).sum(1) / weights_.sum(1), dim=-1)

        def forward(self, x, mask):
            return self.head(self.dropout(self.pooled(x, mask)))

    return Model()


class Trainer:
    """Fine-tunes adapters on one set of sentences (frozen layers computed once)."""

    def __init__(self, texts: Sequence[str], labels: Sequence[str],
                 settings: Settings = Settings(), weights: Weights | None = None,
                 log: Callable[[str], None] = print,
                 sample_weights: Sequence[float] | None = None):
        self.torch = _torch()
        self.torch.set_num_threads(settings.threads)
        self.settings, self.log = settings, log
        self.weights = weights or Weights()
        self.labels = np.array([CLASSES.index(label) for label in labels])
        # each sentence's weight in the loss (e.g. real text above synthetic), mean 1
        given = np.ones(len(texts)) if sample_weights is None else np.asarray(sample_weights)
        self.sample_weights = (given / given.mean()).astype(np.float32)
        tokenizer = Unigram(self.weights.vocabulary)
        self.ids = [tokenizer.ids(PREFIX + t, settings.max_tokens) for t in texts]
        self.lengths = np.array([len(i) for i in self.ids])
        self.model = build_model(self.weights, settings)
        self.states = self._lower_states()

    def _pad(self, rows: Sequence[int]):
        torch = self.torch
        length = int(self.lengths[list(rows)].max())
        tokens = torch.full((len(rows), length), self.weights.vocabulary.pad, dtype=torch.long)
        mask = torch.zeros((len(rows), length), dtype=torch.bool)
        for k, row in enumerate(rows):
            tokens[k, :self.lengths[row]] = torch.tensor(self.ids[row])
            mask[k, :self.lengths[row]] = True
        return tokens, mask

    def _lower_states(self) -> list[np.ndarray]:
        """Each sentence's states after the frozen layers, unpadded."""
        states: list[np.ndarray] = [np.zeros(0)] * len(self.ids)
        with self.torch.no_grad():
            for rows in self._batches(np.arange(len(self.ids)), 64):
                tokens, mask = self._pad(rows)
                x = self.model.lower(tokens, mask).numpy()
                for k, row in enumerate(rows):
                    states[row] = x[k, :self.lengths[row]]
        return states

    def _batch(self, rows: Sequence[int]):
        torch = self.torch
        length = int(self.lengths[list(rows)].max())
        x = torch.zeros((len(rows), length, self.states[rows[0]].shape[1]))
        mask = torch.zeros((len(rows), length), dtype=torch.bool)
        for k, row in enumerate(rows):
            x[k, :self.lengths[row]] = torch.from_numpy(self.states[row])
            mask[k, :self.lengths[row]] = True
        return x, mask

    def _batches(self, rows: np.ndarray, size: int, rng=None) -> list[np.ndarray]:
        """Batches of similar length; shuffled (with a little length noise) when training."""
        key = self.lengths[rows] + (rng.uniform(0, 3, len(rows)) if rng is not None else 0)
        ordered = rows[np.argsort(key, kind="stable")]
        batches = [ordered[i:i + size] for i in range(0, len(ordered), size)]
        if rng is not None:
            rng.shuffle(batches)
        return batches

    def fit(self, rows: np.ndarray):
        """A fresh model fine-tuned on ``rows``."""
        torch, s = self.torch, self.settings
        torch.manual_seed(s.seed)
        model = build_model(self.weights, s)
        self._start_head(model, rows)
        adapted = [p for n, p in model.named_parameters() if n.endswith((".A", ".B"))]
        optimiser = torch.optim.AdamW([
            {"params": adapted, "lr": s.learning_rate, "weight_decay": 0.0},
            {"params": model.head.parameters(), "lr": s.head_learning_rate, "weight_decay": 0.0}])
        steps = math.ceil(len(rows) / s.batch) * s.epochs
        warm = max(1, int(s.warmup * steps))
        schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: min(
            (step + 1) / warm, max(0.0, (steps - step) / max(1, steps - warm))))
        labels, rng = torch.from_numpy(self.labels), np.random.default_rng(s.seed)
        sample_weights = torch.from_numpy(self.sample_weights)
        for epoch in range(s.epochs):
            model.train()
            started, total = time.time(), 0.0
            for batch in self._batches(rows, s.batch, rng):
                losses = torch.nn.functional.cross_entropy(
                    model(*self._batch(batch)), labels[batch], reduction="none")
                loss = (losses * sample_weights[batch]).mean()
                optimiser.zero_grad()
                loss.backward()
                optimiser.step()
                schedule.step()
                total += loss.item() * len(batch)
            self.log(f"epoch {epoch + 1}/{s.epochs}: loss {total / len(rows):.4f}, "
                     f"{time.time() - started:.0f} s")
        return model

    def _start_head(self, model, rows: np.ndarray) -> None:
        from sklearn.linear_model import LogisticRegression

        probe = LogisticRegression(C=self.settings.probe_c, max_iter=3000)
        probe.fit(self.frozen[rows], self.labels[rows], sample_weight=self.sample_weights[rows])
        with self.torch.no_grad():
            model.head.weight.copy_(self.torch.from_numpy(probe.coef_.astype(np.float32)))
            model.head.bias.copy_(self.torch.from_numpy(probe.intercept_.astype(np.float32)))

    @cached_property
    def frozen(self) -> np.ndarray:
        """Every sentence's frozen e5 embedding (LoRA updates start at zero, so the untrained
        model's): computed once, not once per fold."""
        return self.pooled(self.model, np.arange(len(self.ids)))

    def pooled(self, model, rows: np.ndarray) -> np.ndarray:
        model.eval()
        out = np.zeros((len(self.ids), self.states[0].shape[1]), dtype=np.float32)
        with self.torch.no_grad():
            for batch in self._batches(rows, 64):
                out[batch] = model.pooled(*self._batch(batch)).numpy()
        return out[rows]

    def probabilities(self, model, rows: np.ndarray) -> np.ndarray:
        """P(CONTRA, NEUTRAL, PRO) of ``rows`` (dropout off)."""
        logits = self.pooled(model, rows) @ model.head.weight.detach().numpy().T
        return softmax(logits + model.head.bias.detach().numpy(), axis=1)

    def out_of_fold(self, folds: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """Every sentence's probabilities from the adapter trained without its fold."""
        found = np.full((len(self.ids), len(CLASSES)), np.nan)
        for k, (train, test) in enumerate(folds):
            self.log(f"fold {k + 1}/{len(folds)}: {len(train)} sentences")
            found[test] = self.probabilities(self.fit(np.asarray(train)), np.asarray(test))
        return found

    def arrays(self, model) -> dict[str, np.ndarray]:
        """What the adapter file stores: LoRA matrices, the head, and the settings."""
        arrays = {}
        for index in range(self.settings.first_layer, len(model.blocks)):
            for name in PROJECTIONS:
                layer = model.blocks[index].projections[name]
                arrays[f"l{index}.{name}.A"] = layer.A.detach().numpy().copy()
                arrays[f"l{index}.{name}.B"] = layer.B.detach().numpy().copy()
        arrays["head.W"] = model.head.weight.detach().numpy().copy()
        arrays["head.b"] = model.head.bias.detach().numpy().copy()
        return arrays

    def config(self, **extra) -> dict:
        s = self.settings
        return {"classes": list(CLASSES), "prefix": PREFIX, "r": s.rank, "alpha": s.alpha,
                "layers": list(range(s.first_layer, self.weights.header.layers)),
                "base": self.weights.path.name, "base_sha256": file_digest(self.weights.path),
                "settings": asdict(s), **extra}


def save_adapter(arrays: dict[str, np.ndarray], config: dict, path: Path) -> Path:
    """The adapter file: plain arrays and a JSON string, loadable without pickle."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, config=np.array(json.dumps(config, ensure_ascii=False)), **arrays)
    return path
