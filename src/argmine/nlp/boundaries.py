"""Unit boundaries inside sentences: candidates, features, and the scorers that judge them.

A *candidate* is a token that could open a new unit: one after a comma,
semicolon, colon, dash or bracket, or one that starts a connective
(``connectives.LEXICON``).  Each candidate is described by the tokens and
connectives around it, the punctuation before it, the length of the clauses
on either side and whether they look finite; a scorer says how likely a
unit boundary is.  Two scorers share that interface:

* ``RuleScorer``: comma plus an argumentative connective, or a contrastive
  conjunction; needs no training.
* ``LinearScorer``: a logistic regression trained on the microtexts
  (``argmine.nlp.training``), applied as a plain weight table so that
  scoring a document costs dictionary look-ups, not a scikit-learn call.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from itertools import repeat
from dataclasses import dataclass, field

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from argmine.nlp.connectives import CONNECTIVE_WORDS, match
from argmine.nlp.tokens import TokenTable

CLAUSE_PUNCT = {",", ";", ":", "–", "—", "-", "(", ")", "/"}
#: Finite forms of auxiliaries, modals and frequent verbs (no POS tagger in the fallback).
FINITE = set("""
ist sind war waren wäre wären sei seien bin bist seid hat haben hatte hatten hätte hätten habe
hast wird werden wurde wurden würde würden kann können konnte konnten könnte könnten muss müssen
musste mussten müsste müssten soll sollen sollte sollten darf dürfen durfte dürfte dürften will
wollen wollte wollten mag mögen möchte möchten gibt gab geht ging kommt kam steht stand bleibt
blieb zeigt bringt macht sagt spricht sprechen heißt liegt lässt fehlt gilt braucht brauchen
""".split())
ARGUMENTATIVE = {"causal", "concessive", "adversative", "consecutive"}
PRONOUNS = set("ich du er sie es wir ihr man das dies dieser diese dieses jeder viele".split())
DETERMINERS = set("""der die das den dem des ein eine einen einem einer eines kein keine keinen
sein seine seinen ihr ihre ihren unser unsere mein meine dein deine viele alle jede jeder""".split())


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else ("8-15" if n < 16 else "16+"))


@dataclass
class Candidate:
    """A token that may open a unit, with what the scorers look at."""

    index: int  # token index in the Doc
    features: dict[str, float] = field(default_factory=dict)


class _Sentence:
    """One sentence of a TokenTable, with per-token word classes computed once."""

    def __init__(self, table: TokenTable, start: int, end: int) -> None:
        self.start = start
        self.words = table.lower[start:end]
        self.texts = table.text[start:end]
        lemmas = table.lemma[start:end]
        self.verbish = [
            w in FINITE or (l != t and t.islower() and l.endswith("n") and l.isalpha())
            for w, t, l in zip(self.words, self.texts, lemmas)
        ]
        self.punct = [i for i, t in enumerate(self.texts) if t in CLAUSE_PUNCT]
        self.is_punct = table.is_punct[start:end]
        self.is_space = table.is_space[start:end]
        self._classes: dict[int, str] = {}

    def word_class(self, i: int) -> str:
        """A coarse word class from spelling alone: enough to see clause structure."""
        if i not in self._classes:
            self._classes[i] = self._class(i)
        return self._classes[i]

    def _class(self, i: int) -> str:
        word = self.words[i]
        if word in FINITE:
            return "finite"
        if word in PRONOUNS:
            return "pronoun"
        if word in DETERMINERS:
            return "det"
        if word in CONNECTIVE_WORDS:
            return "connective"
        if self.is_punct[i]:
            return "punct"
        if self.texts[i][:1].isupper():
            return "Cap"
        return "verbish" if self.verbish[i] else "other"


def sentence_ranges(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token ranges of the doc's sentences, read without creating Span objects."""
    if not len(doc):
        return []
    starts = [i for i, value in enumerate(doc.to_array(SENT_START).tolist()) if value == 1 or i == 0]
    return list(zip(starts, starts[1:] + [len(doc)]))


def candidates(table: TokenTable, start: int, end: int) -> list[Candidate]:
    """Boundary candidates inside the sentence ``start:end``, with their features."""
    if end - start < 2 or (CLAUSE_PUNCT.isdisjoint(table.text[start:end - 1])
                           and CONNECTIVE_WORDS.isdisjoint(table.lower[start + 1:end])):
        return []  # nothing could open a unit inside this sentence
    sent = _Sentence(table, start, end)
    found = []
    for i in range(1, end - start):
        if sent.is_punct[i] or sent.is_space[i]:
            continue
        connective = match(sent.words, i) if sent.words[i] in CONNECTIVE_WORDS else None
        if sent.texts[i - 1] in CLAUSE_PUNCT or connective:
            found.append(Candidate(start + i, _features(sent, i, connective)))
    return found


def _features(sent: _Sentence, i: int, connective) -> dict[str, float]:
    words, texts, verbish = sent.words, sent.texts, sent.verbish
    n = len(words)
    after_punct = texts[i - 1] in CLAUSE_PUNCT
    k = bisect_left(sent.punct, i)  # clause punctuation around the candidate
    left_punct = sent.punct[k - 1] if k else -1
    right_punct = sent.punct[k] if k < len(sent.punct) else n
    right_finite = not FINITE.isdisjoint(words[i:right_punct])
    right_pronoun = not PRONOUNS.isdisjoint(words[i:min(i + 3, right_punct)])
    left_verb = any(verbish[left_punct + 1:i])
    w0_verb = verbish[i]
    next_class = sent.word_class(i + 1) if i + 1 < n else "end"
    previous_class = sent.word_class(i - 1)
    own_class = sent.word_class(i)
    features = {
        f"w0={words[i]}": 1.0,
        f"prev_punct={texts[i - 1] if after_punct else 'none'}": 1.0,
        f"left_len={_bucket(i - left_punct - 1)}": 1.0,
        f"right_len={_bucket(right_punct - i)}": 1.0,
        f"sent_pos={_bucket(i)}": 1.0,
        f"w0_shape={'X' if texts[i][:1].isupper() else 'x'}": 1.0,
        f"right_finite={any(verbish[i:right_punct])}": 1.0,
        f"w0_finite={words[i] in FINITE}": 1.0,
        f"before_suffix={words[i - 2][-2:] if after_punct and i > 1 else 'none'}": 1.0,
        "bias": 1.0,
        f"w0_class={own_class}": 1.0,
        f"w+1_class={next_class}": 1.0,
        f"w0/w+1_class={own_class}/{next_class}": 1.0,
        f"v2={next_class in ('finite', 'verbish')}": 1.0,
        f"w-1_class={previous_class if not after_punct else 'punct'}": 1.0,
        f"w-1/w+1_class={previous_class}/{next_class}": 1.0,
        f"right_ends_finite={right_punct - i > 1 and words[right_punct - 1] in FINITE}": 1.0,
        f"w0_verbish={w0_verb}": 1.0,
        f"w0_pronoun={words[i] in PRONOUNS}": 1.0,
        f"right_finite_strict={right_finite}": 1.0,
        f"right_pronoun={right_pronoun}": 1.0,
        f"left_verbish={left_verb}": 1.0,
        f"w-1_verbish={verbish[i - 1]}": 1.0,
        f"clause_pair={left_verb}/{right_finite or w0_verb}": 1.0,
        f"punct&verb={after_punct}/{w0_verb}/{right_finite}": 1.0,
    }
    if connective:
        features[f"conn={connective.relation}"] = 1.0
        features[f"conn_syntax={connective.syntax}"] = 1.0
        features[f"conn_arg={connective.relation in ARGUMENTATIVE}"] = 1.0
        features[f"conn+punct={connective.syntax}/{after_punct}"] = 1.0
        features[f"conn={connective.syntax}&punct={after_punct}&finite={right_finite or right_pronoun}"] = 1.0
        features[f"conn={connective.relation}&right_finite={right_finite or right_pronoun}"] = 1.0
        features[f"conn={connective.relation}&left_verb={left_verb}"] = 1.0
    opener = match(words, left_punct + 1) if left_punct + 1 < i else None
    if opener:
        features[f"left_opener={opener.relation}/{opener.syntax}"] = 1.0
    sentence_opener = match(words, 0)
    if sentence_opener:
        features[f"sent_opener={sentence_opener.syntax}"] = 1.0
        features[f"sent_opener_sub&w0_verb={sentence_opener.syntax == 'sub' and w0_verb}"] = 1.0
    return features


#: Junctions that ../shared/guidelines/annotation.md always splits (section 1).  "also" is
#: left to the model: after a comma it mostly means "that is" ("F2B, also Freelancer to
#: Business"), which opens no new unit.
GUIDELINE_SPLITS = {
    "consecutive": {"deshalb", "daher", "darum", "deswegen", "folglich", "somit"},
    "adversative": {"doch", "aber", "jedoch", "allerdings"},
    "causal": {"weil", "denn", "da"},
    "concessive": {"obwohl", "obgleich", "wenngleich", "trotzdem", "dennoch"},
}
_GUIDELINE_WORDS = frozenset(f"w0={w}" for words in GUIDELINE_SPLITS.values() for w in words)
_GUIDELINE_PUNCT = frozenset(f"prev_punct={p}" for p in (",", "–", "—"))


def guideline_split(features: dict[str, float]) -> bool:
    """A clause junction the annotation guidelines split: after , or a dash, or any ;."""
    if "prev_punct=;" in features:
        return True
    return not _GUIDELINE_PUNCT.isdisjoint(features) and not _GUIDELINE_WORDS.isdisjoint(features)


class GuidedScorer:
    """The guideline junctions always split; a base scorer decides every other candidate."""

    def __init__(self, base) -> None:
        self.base = base
        self.threshold = base.threshold
        self.version = f"{base.version}+guidelines"

    def score(self, candidate: Candidate) -> float:
        return 1.0 if guideline_split(candidate.features) else self.base.score(candidate)


class RuleScorer:
    """Comma plus argumentative connective, or a contrastive conjunction anywhere."""

    version = "rules-1"
    threshold = 0.5

    def score(self, candidate: Candidate) -> float:
        f = candidate.features
        after_comma = "prev_punct=," in f or "prev_punct=;" in f
        argumentative = "conn_arg=True" in f
        contrast = any(f"w0={w}" in f for w in ("aber", "doch", "sondern", "denn", "jedoch"))
        return 1.0 if (after_comma and argumentative) or contrast else 0.0


@dataclass
class LinearScorer:
    """A logistic regression as a weight table: ``sigmoid(bias + sum of weights)``."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    version: str

    def score(self, candidate: Candidate) -> float:
        # every feature is an indicator (value 1.0), so the score is a sum of weights
        total = self.intercept + sum(map(self.weights.get, candidate.features, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
