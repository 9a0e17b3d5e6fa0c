"""One reading of each unit for both the stance evidence and the structure features.

``features.unit_evidence`` and ``features.document_features`` define what is
computed, and stay the reference.  Scoring needs both for every unit, and
computing them apart read each unit's words, polarity and overlap with the
target up to three times, looked the target's lexicon up per unit, and
compared every content word of a unit with every content word of the target
(``features.overlap``): together about a third of the labelling time of a
bulk ingest (issue 11).  Here what depends on the target alone is computed
once per target, what depends on a word once per word (cached), and what
depends on a unit once per unit, with the same results;
tests/classify/test_reading.py compares both on real text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from spacy.lang.de.stop_words import STOP_WORDS

from argmine.classify.features import (
    _CLAUSE_BREAK,
    RESTATEMENT_OVERLAP,
    STEM,
    Evidence,
    _target_sign,
    _target_words,
    _word_polarity,
    main_clause_words,
    negations,
    words,
)
from argmine.classify.lexicon import NEGATORS, OPPOSITES, PRESUPPOSED
from argmine.classify.target_lexicon import TargetLexicon, lexicon_dirs, lexicon_for

CACHED_WORDS = 200_000  # per target, in ``TargetReader``'s overlap cache


class Reading(NamedTuple):
    """What scoring reads off one unit."""

    tokens: list[str]  # features.words(unit)
    evidence: Evidence  # features.unit_evidence(unit, target)
    polarity: int  # features.polarity(tokens)
    overlap: float  # features.overlap(tokens, the target's words)


def polarity(tokens: Sequence[str]) -> int:
    """``features.polarity``: most units hold no presupposed word and no negator, and
    then it is a sum of cached word polarities."""
    if PRESUPPOSED.isdisjoint(tokens):
        presupposed, score = 0, sum(map(_word_polarity, tokens))
    else:
        presupposed = -sum(w in PRESUPPOSED for w in tokens)
        score = sum(_word_polarity(w) for w in tokens if w not in PRESUPPOSED)
    if not NEGATORS.isdisjoint(tokens) and negations(tokens) % 2 == 1:
        score = -score if score or presupposed else -1
    return score + presupposed


class TargetReader:
    """Reads units against one target: its words, sign, lexicon and relevant opposites
    are looked up once, and each word's matches with its content words once."""

    def __init__(self, target: str, lexicon: TargetLexicon | None) -> None:
        self.words = _target_words(target)
        present = set(self.words)
        self.sign = _target_sign(target)
        self.lexicon = lexicon
        # features._opposed: a claim opposes the target when it has one side of a pair whose
        # other side the target has and the claim lacks; as (lacked, had) pairs
        self.opposites = tuple([(a, b) for a, b in OPPOSITES if a in present]
                               + [(b, a) for a, b in OPPOSITES if b in present])
        self._opposing = frozenset(had for _, had in self.opposites)
        content = sorted({w for w in self.words if len(w) > 2 and w not in STOP_WORDS})
        self._content = content
        self._matches: dict[str, int] = {}

    def overlap(self, tokens: Sequence[str]) -> float:
        """``features.overlap(tokens, target words)``: a bit per target content word that
        some word of ``tokens`` matches, the matches of each word cached."""
        if not self._content:
            return 0.0
        matches, found = self._matches, 0
        for word in set(tokens):
            bits = matches.get(word)
            if bits is None:
                if len(matches) > CACHED_WORDS:
                    matches.clear()
                bits = matches[word] = self._word_matches(word)
            found |= bits
        return found.bit_count() / len(self._content)

    def _word_matches(self, word: str) -> int:
        """The target content words ``word`` matches as ``features.overlap`` counts them:
        the same stem, or one the head of the other compound."""
        if len(word) <= 2 or word in STOP_WORDS:
            return 0
        head = len(word) >= STEM
        bits = 0
        for k, wanted in enumerate(self._content):
            if (wanted[:STEM] == word[:STEM] or head and (
                    wanted.endswith(word) or (len(wanted) >= STEM and word.endswith(wanted)))):
                bits |= 1 << k
        return bits

    def read(self, unit: str) -> Reading:
        tokens = words(unit)
        # without a clause break the unit is one clause, and main_clause_words all its words
        asserted = tokens if _CLAUSE_BREAK.search(unit) is None else main_clause_words(unit)
        value = polarity(asserted)
        lexical = self._lexical(asserted)
        overlap = self.overlap(tokens)
        relation = self._relation(tokens, asserted, lexical, value, overlap)
        evaluative = value != 0 and not unit.rstrip().endswith("?")
        return Reading(tokens, Evidence(relation, lexical, evaluative),
                       value if asserted is tokens else polarity(tokens), overlap)

    def _lexical(self, tokens: list[str]) -> int:
        """``features.lexical_relation``."""
        if self.lexicon is None:
            return 0
        score, inner_negators = self.lexicon.evidence(tokens)
        if not score:
            return 0
        flips = negations(tokens) - inner_negators
        return (1 if score > 0 else -1) * (-1 if flips % 2 else 1)

    def _relation(self, claim_words: list[str], asserted: list[str], lexical: int,
                  value: int, overlap: float) -> int:
        """``features._relation``."""
        if claim_words[:1] in (["nein"], ["ja"]):
            return 1 if claim_words[0] == "ja" else -1
        if not self._opposing.isdisjoint(asserted) and self._opposed(set(asserted)):
            return 1 if negations(asserted) % 2 == 1 else -1
        if lexical:
            return lexical
        if value == 0 and overlap >= RESTATEMENT_OVERLAP:
            return 1
        return (1 if value > 0 else -1 if value < 0 else 0) * self.sign

    def _opposed(self, claim: set[str]) -> bool:
        return any(had in claim and lacked not in claim for lacked, had in self.opposites)


@lru_cache(maxsize=64)
def _reader(target: str, dirs: tuple) -> TargetReader:
    return TargetReader(target, lexicon_for(target))


def reader(target: str) -> TargetReader:
    """The reader of ``target`` (cached, and renewed when $ARGMINE_TARGETS changes)."""
    return _reader(target, lexicon_dirs())


def read_units(units: Sequence[str], target: str) -> list[Reading]:
    """Each unit's reading against ``target``."""
    read = reader(target).read
    return [read(unit) for unit in units]
