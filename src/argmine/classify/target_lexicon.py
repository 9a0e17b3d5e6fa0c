"""Seed lexicons for particular target propositions: what speaks for or against them.

The general evaluative lexicon (``lexicon.py``) knows that "nützlich" is
positive, but not that "Neukunden" speaks for the usefulness of social media
in B2B or that "Zeitvertreib" speaks against it: that knowledge belongs to
one debate.  A target lexicon is a TOML file (see
``targets/social-media-b2b.toml``) naming its proposition and PRO and CONTRA
entries; researchers add their own through $ARGMINE_TARGETS.  A target
without one is handled by the general rules alone, so other threads and the
microtexts' trigger questions are unaffected.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from argmine.classify.lexicon import NEGATORS
from argmine.errors import ArgmineError

TARGETS = Path(__file__).with_name("targets")
TARGETS_ENV = "ARGMINE_TARGETS"
CACHED_WORDS = 200_000  # per lexicon, in ``TargetLexicon.evidence``'s cache of stems per word


@dataclass(frozen=True)
class TargetLexicon:
    """PRO and CONTRA entries for one proposition; an entry is a tuple of word stems."""

    proposition: str
    pro: tuple[tuple[str, ...], ...]
    contra: tuple[tuple[str, ...], ...]
    _stems: frozenset[str] = field(init=False, compare=False, repr=False)
    _stems_in: dict[str, frozenset[str]] = field(default_factory=dict, compare=False,
                                                 repr=False)

    def __post_init__(self) -> None:
        stems = frozenset(stem for entry in self.pro + self.contra for stem in entry)
        object.__setattr__(self, "_stems", stems)  # frozen: set once, here

    def evidence(self, tokens: Sequence[str]) -> tuple[int, int]:
        """(PRO minus CONTRA entries found in ``tokens``, negators the entries contain).

        Every stem of an entry must occur inside some word of ``tokens``; the
        caller reads negation from the clause, minus the negators counted here.
        """
        stems_in = self._stems_in
        if len(stems_in) > CACHED_WORDS:
            stems_in.clear()
        for word in set(tokens).difference(stems_in):  # words not seen before
            stems_in[word] = self._stems_of(word)
        found = frozenset().union(*map(stems_in.__getitem__, tokens))
        if not found:
            return 0, 0
        score = negators = 0
        for sign, entries in ((1, self.pro), (-1, self.contra)):
            for entry in entries:
                if found.issuperset(entry):
                    score += sign
                    negators += sum(stem in NEGATORS for stem in entry)
        return score, negators

    def _stems_of(self, word: str) -> frozenset[str]:
        """The stems inside ``word`` (``evidence`` caches them per word: a thread reuses a
        small vocabulary)."""
        return frozenset(s for s in self._stems if s in word)


def _normalise(proposition: str) -> str:
    return " ".join(proposition.lower().rstrip(".!").split())


def _entries(path: Path, data: dict, key: str) -> tuple[tuple[str, ...], ...]:
    values = data.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.split()
                                               for v in values):
        raise ArgmineError(f"{path}: {key} must be a list of non-empty strings")
    return tuple(tuple(value.lower().split()) for value in values)


def read_lexicon(path: Path) -> TargetLexicon:
    """A target lexicon file; ArgmineError naming the file when it is not one."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ArgmineError(f"{path}: not a readable target lexicon ({exc})") from exc
    if not isinstance(data.get("proposition"), str) or not data["proposition"].strip():
        raise ArgmineError(f"{path}: a target lexicon needs a proposition")
    return TargetLexicon(data["proposition"], _entries(path, data, "pro"),
                         _entries(path, data, "contra"))


def lexicon_dirs() -> tuple[Path, ...]:
    """The shipped lexicons, then the directories in $ARGMINE_TARGETS (separated like
    PATH), whose files override a shipped lexicon for the same proposition."""
    extra = os.environ.get(TARGETS_ENV, "")
    return (TARGETS, *(Path(p) for p in extra.split(os.pathsep) if p))


def _files(dirs: tuple[Path, ...]) -> list[Path]:
    return [path for folder in dirs for path in sorted(folder.glob("*.toml"))]


@lru_cache(maxsize=8)
def _lexicons(dirs: tuple[Path, ...]) -> dict[str, TargetLexicon]:
    lexicons = map(read_lexicon, _files(dirs))
    return {_normalise(lexicon.proposition): lexicon for lexicon in lexicons}


@lru_cache(maxsize=64)
def _lookup(target: str, dirs: tuple[Path, ...]) -> TargetLexicon | None:
    return _lexicons(dirs).get(_normalise(target))


def target_lexicons() -> list[TargetLexicon]:
    """Every lexicon in use: shipped, or from $ARGMINE_TARGETS."""
    return list(_lexicons(lexicon_dirs()).values())


def lexicon_for(target: str | None) -> TargetLexicon | None:
    """The lexicon whose proposition is ``target`` (ignoring case, spacing and a final
    full stop), or None."""
    return _lookup(target, lexicon_dirs()) if target else None


def lexicons_version() -> str:
    """``targets-<hash>`` of the lexicon files: part of every label's model version,
    because editing a lexicon changes labels as much as retraining a model does."""
    return _version(lexicon_dirs())


@lru_cache(maxsize=8)
def _version(dirs: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for path in _files(dirs):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"targets-{digest.hexdigest()[:8]}"
