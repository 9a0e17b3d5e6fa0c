"""Gold annotation files (JSON Lines, one unit per line), validated on load.

Required fields (``../shared/guidelines/annotation.md``, section 5): ``doc_id``,
``start``, ``end``, ``text``, ``component``, ``stance``, ``central`` and
``annotator``.  A file whose ``text`` differs from the document text between
``start`` and ``end``, or with overlapping units, is rejected whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from argmine.errors import ArgmineError
from argmine.jsonlines import read_objects

REQUIRED = ("doc_id", "start", "end", "text", "component", "stance", "central", "annotator")
COMPONENTS = {"claim", "premise", "none"}
STANCES = {"PRO", "CONTRA", "NEUTRAL"}


def load_annotations(path: Path | str, documents: Mapping[str, str]) -> list[dict]:
    """Units of ``path`` checked against ``documents`` (doc_id -> text)."""
    path = Path(path)
    units = []
    for number, unit in read_objects(path):
        where = f"{path}:{number}"
        missing = [field for field in REQUIRED if field not in unit]
        if missing:
            raise ArgmineError(f"{where}: missing {', '.join(missing)}")
        if unit["doc_id"] not in documents:
            raise ArgmineError(f"{where}: unknown document {unit['doc_id']!r}")
        if documents[unit["doc_id"]][unit["start"]:unit["end"]] != unit["text"]:
            raise ArgmineError(f"{where}: text does not match the document at "
                               f"{unit['start']}:{unit['end']}")
        if unit["component"] not in COMPONENTS or unit["stance"] not in STANCES:
            raise ArgmineError(f"{where}: unknown component or stance label")
        units.append(unit)
    for a, b in zip(units, units[1:]):
        if a["doc_id"] == b["doc_id"] and b["start"] < a["end"]:
            raise ArgmineError(f"{path}: units overlap at offset {b['start']}")
    return units


class TextFolder(Mapping[str, str]):
    """Document texts as files ``<folder>/<doc_id>.txt`` (UTF-8), read when asked for, so
    that a folder of saved posts can back any annotation file."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)

    def _path(self, doc_id: str) -> Path:
        return self.folder / f"{doc_id}.txt"

    def __getitem__(self, doc_id: str) -> str:
        try:
            return self._path(doc_id).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyError(doc_id) from exc

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and self._path(doc_id).is_file()

    def __iter__(self) -> Iterator[str]:
        return (str(p.relative_to(self.folder).with_suffix(""))
                for p in sorted(self.folder.rglob("*.txt")))

    def __len__(self) -> int:
        return sum(1 for _ in self)
