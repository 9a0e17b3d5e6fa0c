"""The b2b-synthetic corpus: in-domain training data for the default target (MIT).

909 German documents written for this project (posts, comment and forum
threads, press, debate responses, social posts, hard cases), every sentence
labelled with stance, component and central claim towards *"Social Media ist
für B2B nützlich"*, every document with its ``doc_stance`` and the document it
answers.  Synthetic, so it trains and cross-validates; real text judges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from argmine.errors import ArgmineError
from argmine.jsonlines import read_objects

DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "b2b-synthetic"
#: Synthetic documents in the style of today's web text (advice posts, trade press,
#: vendor pages, forums), written for argmine in b2b-synthetic's format (corpus/README.md).
BUNDLED_DIR = Path(__file__).resolve().parents[3] / "corpus" / "stance-training"
TARGET = "Social Media ist für B2B nützlich"


def default_sources() -> list[Path]:
    """b2b-synthetic, and the bundled web-style documents when present."""
    return [DEFAULT_DIR] + ([BUNDLED_DIR] if any(BUNDLED_DIR.glob("*.jsonl")) else [])


@dataclass(frozen=True)
class Sources:
    """Where the stance model's training documents come from.

    ``folders`` (default ``default_sources()``) are read at weight 1; ``extra`` folders, in
    the same format, at ``extra_weight``: your own annotated real text, a few hundred
    sentences of which would be outweighed twenty to one by the synthetic documents
    otherwise (docs/stance-evaluation.md has the measured effect)."""

    folders: tuple[Path, ...] = ()
    extra: tuple[Path, ...] = ()
    extra_weight: float = 1.0

    @classmethod
    def of(cls, path: Path | str | Sources | None) -> Sources:
        """``path`` as sources: one folder instead of the default ones, or the default."""
        if isinstance(path, Sources):
            return path
        return cls(folders=(Path(path),) if path else ())

    def weighted(self) -> list[tuple[Path, float]]:
        return ([(folder, 1.0) for folder in self.folders or default_sources()]
                + [(folder, self.extra_weight) for folder in self.extra])


@dataclass(frozen=True)
class Sentence:
    text: str
    stance: str
    component: str
    central: bool


@dataclass(frozen=True)
class SyntheticDocument:
    id: str
    genre: str
    kind: str  # post, comment, forum, news, interview; "post" when a file does not say
    parent: str | None
    stance: str  # PRO, CONTRA, NEUTRAL or MIXED
    sentences: tuple[Sentence, ...]
    thread: str  # the id of the thread's first document: the unit of cross-validation
    weight: float = field(default=1.0, compare=False)  # its sample weight in training

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def load_synthetic(path: Path | str | Sources | None = None) -> list[SyntheticDocument]:
    """Every document of every genre file, in file order (a parent precedes its replies),
    from ``path`` (a folder, or ``Sources``) or, by default, from every folder of
    ``default_sources``; each document carries its folder's weight."""
    weighted = Sources.of(path).weighted()
    for base, _ in weighted:
        if not any(base.glob("*.jsonl")):
            raise ArgmineError(f"{base}: no training documents found (expected *.jsonl)")
    documents: list[SyntheticDocument] = []
    threads: dict[str, str] = {}
    for file, weight in [(f, w) for base, w in weighted for f in sorted(base.glob("*.jsonl"))]:
        for number, row in read_objects(file):
            try:
                document = _document(row, threads, weight)
            except (ValueError, KeyError, TypeError) as exc:
                raise ArgmineError(
                    f"{file}:{number}: not a b2b-synthetic document ({exc})") from exc
            threads[document.id] = document.thread
            documents.append(document)
    return documents


def _document(row: dict, threads: dict[str, str], weight: float = 1.0) -> SyntheticDocument:
    parent = row.get("parent")
    sentences = tuple(Sentence(s["text"], s["stance"], s["component"], bool(s.get("central")))
                      for s in row["sentences"])
    return SyntheticDocument(id=row["doc_id"], genre=row["genre"], kind=row.get("kind", "post"),
                             parent=parent, stance=row["doc_stance"], sentences=sentences,
                             thread=_thread(row, threads), weight=weight)


def _thread(row: dict, threads: dict[str, str]) -> str:
    """The thread a document belongs to: its parent's; or the thread of the document that
    ``thread`` names (a counterfactual twin joins its source's, so that cross-validation
    never puts the two on opposite sides of a fold); else a thread of its own."""
    if row.get("parent"):
        return threads.get(row["parent"], row["doc_id"])
    named = row.get("thread")
    return threads.get(named, named) if named else row["doc_id"]
