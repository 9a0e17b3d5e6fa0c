"""Features of a unit in its document: words, connectives, position, voice, polarity.

Everything here is computed from the unit's text and its neighbours with a
regular-expression tokenizer, so the same features serve the microtexts,
the CIMT sentences and argmine's own units, whatever spaCy pipeline ran.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from spacy.lang.de.stop_words import STOP_WORDS

from argmine.classify.lexicon import (
    DEFINITION,
    FIRST_PERSON,
    MODALS,
    NEGATIVE,
    NEGATORS,
    OPPOSING_VOICE,
    OPPOSITES,
    POSITIVE,
    PRESUPPOSED,
)
from argmine.classify.target_lexicon import lexicon_for
from argmine.nlp.connectives import match

RESTATEMENT_OVERLAP = 0.3
STEM = 6  # letters two words must share to count as one stem in ``overlap``
_WORD = re.compile(r"[\wäöüÄÖÜß+-]+")
_OPPOSING_VOICE = re.compile("|".join(map(re.escape, OPPOSING_VOICE)))
_DEFINITION = re.compile(r"\b(?:" + "|".join(map(re.escape, DEFINITION)) + r")\b")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


_ENDINGS = ("en", "em", "er", "es", "e", "n", "s")


def in_lexicon(word: str, lexicon: frozenset[str]) -> bool:
    """``word`` or its stem without an inflectional ending ("bescheidene" -> "bescheiden")."""
    if word in lexicon:
        return True
    return any(word.endswith(e) and len(word) - len(e) > 3 and word[:-len(e)] in lexicon
               for e in _ENDINGS)


@lru_cache(maxsize=200_000)
def _word_polarity(word: str) -> int:
    return in_lexicon(word, POSITIVE) - in_lexicon(word, NEGATIVE)


NOT_NEGATING = frozenset({"nur", "zuletzt"})  # "nicht nur", "nicht zuletzt"


def negations(tokens: Sequence[str]) -> int:
    """How many negators ``tokens`` hold; "nicht nur" ("not only") and "nicht zuletzt"
    ("not least") affirm, so they do not count."""
    if NEGATORS.isdisjoint(tokens):  # most units: one set operation instead of a loop
        return 0
    return sum(token in NEGATORS and not (token == "nicht" and following in NOT_NEGATING)
               for token, following in zip(tokens, [*tokens[1:], ""]))


def _negated(tokens: Sequence[str]) -> bool:
    """An odd number of negators ("nicht", "kein", "bezweifle") negates."""
    return negations(tokens) % 2 == 1


def polarity(tokens: Sequence[str]) -> int:
    """Evaluative polarity: positive minus negative words, flipped by a negator.

    A negated statement without evaluative words counts as -1, so that
    "Deutschland sollte die Todesstrafe nicht einführen" opposes its
    proposition.  Words in PRESUPPOSED stay negative under negation.
    """
    presupposed = -sum(w in PRESUPPOSED for w in tokens)  # never flipped (PRESUPPOSED)
    score = sum(_word_polarity(w) for w in tokens if w not in PRESUPPOSED)
    if _negated(tokens):
        score = -score if score or presupposed else -1
    return score + presupposed


def defines(text: str) -> bool:
    """Whether ``text`` defines a term ("Effizient bedeutet ...", "... wie folgt:")."""
    return bool(_DEFINITION.search(text.lower()))


def _opposed(claim: set[str], target: set[str]) -> bool:
    return any((a in target and b in claim and a not in claim) or
               (b in target and a in claim and b not in claim) for a, b in OPPOSITES)


@lru_cache(maxsize=64)
def _target_words(target: str) -> tuple[str, ...]:
    return tuple(words(target))


@lru_cache(maxsize=64)
def _target_sign(target: str) -> int:
    """-1 when the target proposition is itself negative ("... ist schädlich"), else +1."""
    return 1 if polarity(_target_words(target)) >= 0 else -1


def lexical_relation(tokens: Sequence[str], target: str) -> int:
    """+1 or -1 when ``tokens`` use the target's own lexicon (``target_lexicon``) for or
    against it, flipped by a negation outside the matched entries; 0 when they do not
    use it or the target has none."""
    lexicon = lexicon_for(target)
    if lexicon is None:
        return 0
    score, inner_negators = lexicon.evidence(tokens)
    if not score:
        return 0
    flips = negations(tokens) - inner_negators
    return (1 if score > 0 else -1) * (-1 if flips % 2 else 1)


def relation_to_target(claim: str, target: str) -> int:
    """+1 when ``claim`` asserts the target proposition, -1 when it denies it, 0 unknown.

    An answer word ("Ja", "Nein") decides first; then an opposite action or
    direction ("abschaffen" for "einführen"), flipped by negation; then the
    target's own lexicon, when it has one (``lexical_relation``); then the
    claim's evaluative polarity, relative to the target's own; a claim without
    polarity that shares the target's content words restates it.  Negation,
    opposites and polarity are read from the main clause only
    (``main_clause_words``).
    """
    return unit_evidence(claim, target)[0]


class Evidence(NamedTuple):
    """What one unit says about the target, from one reading of its main clause: stance
    scoring needs all three for every unit."""

    relation: int  # relation_to_target
    lexical: int  # lexical_relation of the main clause
    evaluative: bool  # see evaluations


def unit_evidence(unit: str, target: str) -> Evidence:
    asserted = main_clause_words(unit)
    lexical = lexical_relation(asserted, target)
    value = polarity(asserted)
    return Evidence(_relation(words(unit), asserted, target, lexical, value), lexical,
                    _evaluates(unit, value))


def _relation(claim_words: list[str], asserted: list[str], target: str, lexical: int,
              value: int) -> int:
    target_words = _target_words(target)
    if claim_words[:1] in (["nein"], ["ja"]):
        return 1 if claim_words[0] == "ja" else -1
    if _opposed(set(asserted), set(target_words)):
        return 1 if _negated(asserted) else -1
    if lexical:
        return lexical
    if value == 0 and overlap(claim_words, target_words) >= RESTATEMENT_OVERLAP:
        return 1  # restates the target's proposition without negating or judging it
    return (1 if value > 0 else -1 if value < 0 else 0) * _target_sign(target)


def _evaluates(unit: str, value: int) -> bool:
    return value != 0 and not unit.rstrip().endswith("?")


#: Words that open a relative clause after a comma; at the start of a text they are
#: articles or demonstratives ("Der Hype ist vorbei, sagte er").
RELATIVE_PRONOUNS = frozenset({
    "der", "die", "das", "dem", "den", "denen", "dessen", "deren",
    "welche", "welcher", "welches", "welchem", "welchen",
})
#: Words that open an adverbial or relative clause (and "um ... zu").  Not "dass" and
#: "ob": their clauses carry the proposition of "Ich glaube, dass ..." (guidelines, 1).
SUBORDINATORS = RELATIVE_PRONOUNS | frozenset({
    "wenn", "weil", "da", "obwohl", "obgleich", "solange", "sofern",
    "falls", "während", "bevor", "nachdem", "damit", "indem", "sodass", "als", "um",
    "wo", "womit", "wodurch",
})
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[–—-]\s")


def main_clause_words(text: str) -> list[str]:
    """The words of ``text`` outside its subordinate clauses.

    Negation and evaluation in a relative or adverbial clause do not bear on
    the main proposition: in "Daten, die nicht kostenlos sind, sollten nicht
    gekauft werden" one negation counts, and in "Strafen sind sinnlos, solange
    es nicht genug Personal gibt" the claim is still negative.  A clause
    opened by a word in SUBORDINATORS (after a comma, dash, colon or
    semicolon, or at the start) is left out; when nothing remains, every word
    counts.  One exception: a wenn-clause after "es ist/wäre ..." is the
    subject that the main clause evaluates ("Es ist gut, wenn die Geschäfte
    nicht öffnen"), so it stays.
    """
    kept: list[list[str]] = []
    for number, tokens in enumerate(map(words, _CLAUSE_BREAK.split(text))):
        if tokens and (tokens[0] not in SUBORDINATORS or _evaluated_subject(kept, tokens)
                       or (number == 0 and tokens[0] in RELATIVE_PRONOUNS)):
            kept.append(tokens)
    return [w for tokens in kept for w in tokens] or words(text)


_COPULAS = frozenset({"ist", "wäre", "sei", "war", "bleibt"})


def _evaluated_subject(kept: list[list[str]], clause: list[str]) -> bool:
    """Whether ``clause`` is a wenn-clause that the clause before it evaluates through the
    correlate "es" ("Es wäre besser, wenn ...")."""
    return (clause[0] == "wenn" and bool(kept) and "es" in kept[-1]
            and not _COPULAS.isdisjoint(kept[-1]))


def overlap(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of ``b``'s content words that ``a`` mentions, inflected or compounded.

    Content words are words that are not stop words (spaCy's German list).  A
    word matches when both share a stem (the first STEM letters:
    "Mietpreise" and "Mietpreiserhöhungen") or one is the head of the other
    compound ("Wechsel" in "Wohnungswechsel").
    """
    wanted = _target_content(tuple(b))
    if not wanted:
        return 0.0
    present = _content(a)
    stems = {w[:STEM] for w in present}
    heads = [p for p in present if len(p) >= STEM]  # candidates for a compound head
    found = sum(1 for w in wanted if w[:STEM] in stems or any(
        w.endswith(p) or (len(w) >= STEM and p.endswith(w)) for p in heads))
    return found / len(wanted)


def _content(tokens: Sequence[str]) -> frozenset[str]:
    return frozenset(w for w in tokens if len(w) > 2 and w not in STOP_WORDS)


_target_content = lru_cache(maxsize=64)(_content)  # a thread's target: the same few words


def _connective(tokens: list[str]) -> str:
    for i in range(min(len(tokens), 3)):
        found = match(tokens, i)
        if found:
            return f"{found.relation}/{found.syntax}"
    return "none"


def _bucket(value: float, edges: Sequence[float]) -> int:
    """How many of the ascending ``edges`` ``value`` reaches (a binary search: this runs
    three times per unit)."""
    return bisect_right(edges, value)


def target_relations(units: Sequence[str], target: str) -> list[int]:
    """``relation_to_target`` of each unit."""
    return [relation_to_target(unit, target) for unit in units]


def evaluations(units: Sequence[str]) -> list[bool]:
    """Whether each unit's main clause evaluates or negates (``polarity`` is not 0) and the
    unit is not a question: a mark of a claim or a reason rather than of chatter."""
    return [_evaluates(unit, polarity(main_clause_words(unit))) for unit in units]


def document_features(units: Sequence[str], target: str | None = None,
                      relations: Sequence[int] | None = None, *,
                      tokens: Sequence[list[str]] | None = None,
                      polarities: Sequence[int] | None = None,
                      overlaps: Sequence[float] | None = None) -> list[dict[str, float]]:
    """Features of each of one document's units, in order.

    Each unit's words and opening connective are computed once and shared
    with its neighbours' features; ``relations`` (``target_relations``) may
    be passed in when the caller needs them too, and so may each unit's
    ``words``, ``polarity`` and ``overlap`` with the target's words
    (``tokens``, ``polarities``, ``overlaps``: ``reading.read_units`` computes
    them together with the stance evidence).
    """
    if tokens is None:
        tokens = [words(unit) for unit in units]
    connectives = [_connective(t) for t in tokens]
    if target and relations is None:
        relations = target_relations(units, target)
    if polarities is None:
        polarities = [polarity(t) for t in tokens]
    if target and overlaps is None:
        target_words = _target_words(target)
        overlaps = [overlap(t, target_words) for t in tokens]
    return [_unit_features(units, tokens, connectives, i, target, relations, polarities,
                           overlaps) for i in range(len(units))]


def _unit_features(units: Sequence[str], all_tokens: Sequence[list[str]],
                   connectives: list[str], i: int, target: str | None,
                   relations: Sequence[int] | None, polarities: Sequence[int],
                   overlaps: Sequence[float] | None) -> dict[str, float]:
    tokens, last = all_tokens[i], len(units) - 1
    present = set(tokens)
    text = units[i].lower()
    features: dict[str, float] = {
        "bias": 1.0,
        f"first={tokens[0] if tokens else ''}": 1.0,
        f"first2={' '.join(tokens[:2])}": 1.0,
        f"conn={connectives[i]}": 1.0,
        f"next_conn={connectives[i + 1] if i < last else 'none'}": 1.0,
        f"prev_conn={connectives[i - 1] if i > 0 else 'none'}": 1.0,
        f"position={'first' if i == 0 else 'last' if i == last else 'middle'}": 1.0,
        f"rel_position={_bucket(i / max(last, 1), (0.25, 0.5, 0.75))}": 1.0,
        f"length={_bucket(len(tokens), (5, 10, 20, 35))}": 1.0,
        f"ends={units[i].rstrip()[-1:] or 'none'}": 1.0,
        f"modal={bool(MODALS & present)}": 1.0,
        f"first_person={bool(FIRST_PERSON & present)}": 1.0,
        f"negated={bool(NEGATORS & present)}": 1.0,
        f"opposing_voice={bool(_OPPOSING_VOICE.search(text))}": 1.0,
        f"polarity={max(-2, min(2, polarities[i]))}": 1.0,
    }
    for word in present:
        features[f"w={word}"] = 1.0
    if target:
        features[f"target_overlap={_bucket(overlaps[i], (0.2, 0.4, 0.6))}"] = 1.0
        features[f"target_relation={relations[i]}"] = 1.0
    return features
