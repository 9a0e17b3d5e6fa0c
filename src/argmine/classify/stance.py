"""Stance of units towards a target proposition: scoring, and deciding labels.

The default stance comes from a learned model (``stance_model``: the ``encoder``
stance model on sentence embeddings, or the ``ngrams`` one), which
``decide`` applies when the models carry one.  Without it (the ``rules`` stance
model), stance comes through the argument's structure, as follows.

Stance words are topic-specific, so stance is not read off a unit's words.
Instead (issue 4, and section 3 of the annotation guidelines):

1. the **author's stance** is how the document's central claim relates to the
   target: it asserts it (PRO), denies it (CONTRA), or neither (NEUTRAL)
   (``features.relation_to_target``: answer words, opposite actions, evaluative
   polarity under negation);
2. a **reply** that agrees or disagrees with its parent ("Sehe ich genauso",
   "Da muss ich widersprechen") takes its parent's stance or the opposite,
   when it does not relate to the target itself;
3. a **unit's stance** is the author's stance in the author's own voice, and
   the opposite in an opposing voice the author concedes or rebuts (role
   ``opp``), when the unit relates to the target itself or is confidently
   argumentative, and its own words do not point the other way (then it is
   NEUTRAL); a unit that argues in the target's own terms
   (``target_lexicon``) keeps its own stance; possible background without a
   relation to the target, definitions and units without argumentative
   function are NEUTRAL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import scipy.sparse as sp
from sklearn.pipeline import Pipeline

from argmine.classify import structure
from argmine.classify.components import (
    component_features,
    component_inputs,
    predict_components_many,
)
from argmine.classify.features import (
    Evidence,
    defines,
    document_features,
    target_relations,
    words,
)
from argmine.classify.lexicon import AGREE, DISAGREE
from argmine.classify.reading import read_units
from argmine.classify.stance_model import (
    CLASSES,
    StanceModel,
    StanceScores,
    parent_features,
)

PRO, CONTRA, NEUTRAL = "PRO", "CONTRA", "NEUTRAL"
FLIP = {PRO: CONTRA, CONTRA: PRO, NEUTRAL: NEUTRAL}
LEXICAL_CONFIDENCE = 0.7  # a heuristic score, like author_stance's: a rule, not a model
#: A unit that does not relate to the target itself inherits its author's stance only
#: when the component model gives its claim or premise label at least this probability.
INHERIT = 0.5


@dataclass
class UnitLabel:
    component: str
    stance: str
    confidence: float
    central: bool
    role: str


@dataclass
class Models:
    """The fitted models and the version every label they produce carries.

    ``stance`` is the learned stance model (``stance_model``); without it, stance
    comes from the rules below (the ``fast`` stance model, for bulk runs, or ``rules``)."""

    components: Pipeline
    role: Pipeline
    central: Pipeline
    version: str
    stance: StanceModel | None = None


def stance_of_relation(relation: int) -> str:
    return PRO if relation > 0 else CONTRA if relation < 0 else NEUTRAL


def reply_relation(text: str) -> int:
    """+1 when a reply opens by agreeing with its parent, -1 by disagreeing, else 0."""
    opening = " ".join(words(text)[:8])
    lowered = text.lower().lstrip()
    if any(lowered.startswith(m) or f" {m} " in f" {opening} " for m in DISAGREE):
        return -1
    if any(lowered.startswith(m) or f" {m} " in f" {opening} " for m in AGREE):
        return 1
    return 0


def author_stance(units: Sequence[str], central: int | None, target: str,
                  parent_stance: str | None = None, voices: Sequence[tuple[int, str]] = (),
                  relations: Sequence[int] | None = None) -> tuple[str, float, bool]:
    """The document's stance, a confidence (a heuristic score in [0, 1]), and whether it
    comes from agreeing or disagreeing with the parent.

    The central claim decides when it relates to the target; otherwise the
    argumentative units ``voices`` ((index, role) pairs) vote, a unit in an
    opposing voice counting against what it says (guidelines, section 4).
    ``relations`` are the units' ``target_relations``, when already computed.
    """
    if relations is None:
        relations = target_relations(units, target)
    if central is not None and relations[central]:
        return stance_of_relation(relations[central]), 0.75, False
    vote = sum(relations[i] * (1 if role == "pro" else -1) for i, role in voices)
    if vote:
        return stance_of_relation(vote), 0.6, False
    if parent_stance in (PRO, CONTRA) and units:
        agreement = reply_relation(" ".join(units[:2]))
        if agreement:
            return (parent_stance if agreement > 0 else FLIP[parent_stance]), 0.7, True
    return NEUTRAL, 0.5, False


@dataclass
class Scores:
    """What the models say about one document's units, before any stance is decided."""

    components: list[tuple[str, float]]
    own_voice: Sequence[float]
    central: Sequence[float]
    relations: Sequence[int]  # each unit's relation to the target (features.relation_to_target)
    lexical: Sequence[int]  # the same from the target's lexicon only (features.unit_evidence)
    evaluative: Sequence[bool]  # the unit evaluates or negates (features.evaluations)
    stance: StanceScores | None = None  # what the learned model reads off the units alone


def score_documents(documents: Sequence[Sequence[str]], targets: Sequence[str],
                    models: Models) -> list[Scores]:
    """Model scores for many documents at once: one model call per model, not per document."""
    all_units = [u for units in documents for u in units]
    if not all_units:
        return [Scores([], [], [], [], [], []) for _ in documents]
    tfidf = component_features(models.components, component_inputs(documents))
    components = predict_components_many(models.components, documents, tfidf)
    readings = [read_units(units, target) for units, target in zip(documents, targets)]
    evidence = [[r.evidence for r in found] for found in readings]
    learned = (stance_probabilities(models.stance, documents, evidence, tfidf,
                                    [[r.tokens for r in read] for read in readings])
               if models.stance is not None else [None] * len(documents))
    features = [f for units, target, found, read in zip(documents, targets, evidence, readings)
                for f in document_features(
                    units, target, [e.relation for e in found], tokens=[r.tokens for r in read],
                    polarities=[r.polarity for r in read], overlaps=[r.overlap for r in read])]
    # plain lists: a worker process sends the scores back pickled, and unpickling two NumPy
    # arrays per document cost the writer more than the rest of each chunk's result
    own_voice, central = (p.tolist() for p in structure.probabilities(
        features, (models.role, "pro"), (models.central, "True")))
    scores, position = [], 0
    for labels, found, probabilities in zip(components, evidence, learned):
        end = position + len(found)
        scores.append(Scores(labels, own_voice[position:end], central[position:end],
                             [e.relation for e in found], [e.lexical for e in found],
                             [e.evaluative for e in found], probabilities))
        position = end
    return scores


def stance_probabilities(model: StanceModel, documents: Sequence[Sequence[str]],
                         evidence: Sequence[Sequence[Evidence]],
                         tfidf: sp.csr_matrix | None = None,
                         tokens: Sequence[Sequence[Sequence[str]]] | None = None
                         ) -> list[StanceScores]:
    """The learned model's stage-1 and central-claim probabilities for each document's
    units: one encoder call (or, for the n-gram model, the component model's ``tfidf``
    of all units) and one call per model for all of them; ``tokens``, each unit's words
    as the target reader found them, spares finding them again."""
    rows = model.rows(documents, evidence, tfidf, tokens)
    return model.score_rows(rows, [len(units) for units in documents])


def label_units(units: Sequence[str], target: str, models: Models,
                parent_stance: str | None = None) -> tuple[list[UnitLabel], str, float]:
    """Labels for one document's units, and the document's own stance and confidence."""
    (scores,) = score_documents([units], [target], models)
    return decide(units, scores, target, parent_stance, models.stance)


def roles_of(own_voice: Sequence[float], central: int | None) -> list[str]:
    """Each unit's voice, "pro" (the author's own) or "opp"; the central claim is always
    the author's own thesis (guidelines, section 2), whatever the role model says."""
    roles = ["pro" if p >= 0.5 else "opp" for p in own_voice]
    if central is not None:
        roles[central] = "pro"
    return roles


def _with_evidence(components: Sequence[tuple[str, float]], lexical: Sequence[int],
                   evaluative: Sequence[bool]) -> list[tuple[str, float]]:
    """The component model's labels, with "none" turned into "premise" where the unit
    argues in the target's own terms ("bringt uns keine Neukunden": the guidelines define
    PRO and CONTRA by such arguments) or evaluates ("Das lohnt sich nicht.", "Mehr
    nicht."): the model learnt "none" from citizen-participation sentences and misses
    many short claims of blog posts (models/README.md has the numbers)."""
    # an overridden unit's probability becomes the model's P(argumentative), 1 - P(none)
    return [("premise", 1 - p) if label == "none" and (lexical[i] or evaluative[i])
            else (label, p) for i, (label, p) in enumerate(components)]


def _contradicts(relation: int, inherited: str) -> bool:
    return relation != 0 and stance_of_relation(relation) != inherited


def decide(units: Sequence[str], scores: Scores, target: str,
           parent_stance: str | None = None,
           model: StanceModel | None = None) -> tuple[list[UnitLabel], str, float]:
    """Labels from the model scores, the target and the parent's stance, and the
    document's stance with its confidence; stance from ``model`` when given (and
    scored), else from the rules."""
    if not units:
        return [], NEUTRAL, 0.5
    components = _with_evidence(scores.components, scores.lexical, scores.evaluative)
    argumentative = [i for i, (label, _) in enumerate(components) if label != "none"]
    central = (max(argumentative, key=lambda i: scores.central[i])
               if argumentative else None)
    roles = roles_of(scores.own_voice, central)
    if model is not None and scores.stance is not None:
        return _learned(units, scores.stance, components, roles, parent_stance, model)
    return _by_rules(units, scores, components, central, roles, argumentative, target,
                     parent_stance)


def _learned(units: Sequence[str], scores: StanceScores,
             components: Sequence[tuple[str, float]], roles: Sequence[str],
             parent_stance: str | None,
             model: StanceModel) -> tuple[list[UnitLabel], str, float]:
    """Stance from the learned model, read in the document and after the parent; the
    central claim is the learned model's too (learned from in-domain central claims,
    where the microtexts' central-claim model is the rules' reading)."""
    # without a parent the opening's agreement multiplies a zero: not worth reading
    agreement = reply_relation(" ".join(units[:2])) if parent_stance is not None else 0
    parent = parent_features(parent_stance, agreement)
    document, in_context = model.in_context(scores.probabilities, scores.central, parent)
    central = int(scores.central.argmax())
    # one NumPy call per column, not two per unit (a bulk run decides document by document)
    best, top = in_context.argmax(axis=1).tolist(), in_context.max(axis=1).tolist()
    labels = [UnitLabel(component="claim" if i == central else component,
                        stance=CLASSES[b], confidence=round(p, 3), central=i == central,
                        role=roles[i])
              for i, ((component, _), b, p) in enumerate(zip(components, best, top))]
    return labels, CLASSES[int(document.argmax())], round(float(document.max()), 3)


def _by_rules(units: Sequence[str], scores: Scores, components: Sequence[tuple[str, float]],
              central: int | None, roles: Sequence[str], argumentative: Sequence[int],
              target: str, parent_stance: str | None) -> tuple[list[UnitLabel], str, float]:
    """Stance through the argument's structure (the module docstring's rules)."""
    own_voice = scores.own_voice
    voices = [(i, roles[i]) for i in argumentative]
    stance, confidence, by_reply = author_stance(units, central, target, parent_stance, voices,
                                                 scores.relations)
    if by_reply:
        central = 0  # "Sehe ich genauso." is the central claim of a reply that only agrees
    labels = []
    for i, (component, p_component) in enumerate(components):
        role = roles[i]
        p_role = own_voice[i] if role == "pro" else 1 - own_voice[i]
        if i == central:
            unit_stance, unit_confidence = stance, confidence
        elif component == "none" or defines(units[i]):
            unit_stance, unit_confidence = NEUTRAL, p_component
        elif scores.lexical[i]:  # argues in the target's own terms: keeps its own stance
            unit_stance = stance_of_relation(scores.lexical[i])
            unit_confidence = LEXICAL_CONFIDENCE
        elif stance == NEUTRAL or (not scores.relations[i] and p_component < INHERIT):
            # no author stance to inherit, or a unit that says nothing about the target
            # itself and may be mere background: its stance "would need guessing"
            # (guidelines, section 3)
            unit_stance = stance_of_relation(scores.relations[i])
            unit_confidence = 0.5
        elif _contradicts(scores.relations[i], stance if role == "pro" else FLIP[stance]):
            # its own words point the other way: which one holds "would need guessing"
            unit_stance, unit_confidence = NEUTRAL, 0.5
        else:
            unit_stance = stance if role == "pro" else FLIP[stance]
            unit_confidence = confidence * p_role
        labels.append(UnitLabel(
            component="claim" if i == central else component, stance=unit_stance,
            confidence=round(float(unit_confidence), 3), central=i == central, role=role))
    return labels, stance, confidence
