"""Document and author stance (annotation guidelines, section 4)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from argmine.classify.stance import NEUTRAL


def document_stance(units: Sequence[tuple[str, str, float, bool]]) -> tuple[str, float]:
    """From (component, stance, confidence, central) per unit.

    The central claim's stance decides; without one, the confidence-weighted
    majority of the argumentative units; NEUTRAL when nothing argumentative remains.
    """
    for component, stance, confidence, central in units:
        if central and stance != NEUTRAL:
            return stance, confidence
    weights: Counter = Counter()
    for component, stance, confidence, _ in units:
        if component != "none" and stance != NEUTRAL:
            weights[stance] += confidence
    if not weights:
        return NEUTRAL, 0.5
    stance, weight = weights.most_common(1)[0]
    return stance, round(weight / sum(weights.values()), 3)


@dataclass
class AuthorStance:
    author: str
    stance: str
    documents: int
    units: int
    stances: dict[str, int]  # document stances counted


def author_stance(author: str, documents: Iterable[tuple[str, int]]) -> AuthorStance:
    """From (document stance, argumentative units) per document of one author.

    The majority of the author's non-neutral documents, each weighted by its
    argumentative units; the counts say how much evidence there is.
    """
    documents = list(documents)
    weights: Counter = Counter()
    for stance, units in documents:
        if stance != NEUTRAL:
            weights[stance] += max(units, 1)
    stance = weights.most_common(1)[0][0] if weights else NEUTRAL
    if len(weights) == 2 and len(set(weights.values())) == 1:
        stance = NEUTRAL  # an even split says nothing
    return AuthorStance(author, stance, len(documents), sum(u for _, u in documents),
                        dict(Counter(s for s, _ in documents)))
