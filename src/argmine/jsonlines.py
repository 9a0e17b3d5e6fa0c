"""JSON Lines parsing shared by every reader of ``.jsonl`` files.

One place decides what a bad line is (not JSON, or JSON but not an object), so the
document reader, the annotation importer and the gold loader reject the same lines
with the same reason; each caller adds where the line came from in its own error type.
"""

from __future__ import annotations

import json
from collections.abc import Iterator


class BadLine(ValueError):
    """Line ``number`` (1-based) of a JSON Lines text is not a JSON object."""

    def __init__(self, number: int, reason: str) -> None:
        super().__init__(f"line {number}: {reason}")
        self.number = number
        self.reason = reason


def json_objects(text: str) -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` for every non-blank line of ``text``; raises ``BadLine``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadLine(number, f"invalid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise BadLine(number, "not a JSON object")
        yield number, record
