"""JSON Lines parsing shared by every reader of ``.jsonl`` files.

One place decides what a bad line is (not JSON, or JSON but not an object), so the
document reader, the annotation importer, the gold loader and the training-document
loader reject the same lines with the same reason; each caller adds where the line came
from in its own error type (``read_objects`` for a file whose error is an ``ArgmineError``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from argmine.errors import ArgmineError


class BadLine(ValueError):
    """Line ``number`` (1-based) of a JSON Lines text is not a JSON object."""

    def __init__(self, number: int, reason: str) -> None:
        super().__init__(f"line {number}: {reason}")
        self.number = number
        self.reason = reason


#: Characters ``str.splitlines`` breaks at that JSON leaves unescaped in a string
#: (``ensure_ascii=False``): written raw, they split one record over two lines for every
#: reader that splits that way.
_UNSAFE_IN_A_LINE = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029",
                                   "\x85": "\\u0085"})


def json_line(record: object) -> str:
    """``record`` as one JSON Lines line (without its newline), readable with UTF-8 text."""
    return json.dumps(record, ensure_ascii=False).translate(_UNSAFE_IN_A_LINE)


def json_objects(text: str) -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` for every non-blank line of ``text``; raises ``BadLine``.
    Lines end at ``\n`` only (a ``\r`` before it is whitespace to JSON), not at the
    U+2028 a string may hold raw."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadLine(number, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
        if not isinstance(record, dict):
            raise BadLine(number, "not a JSON object")
        yield number, record


def read_objects(path: Path) -> Iterator[tuple[int, dict]]:
    """``json_objects`` of a UTF-8 file; a bad line is an ``ArgmineError`` naming
    ``path:line``."""
    try:
        yield from json_objects(path.read_text("utf-8"))
    except BadLine as exc:
        raise ArgmineError(f"{path}:{exc.number}: {exc.reason}") from exc
