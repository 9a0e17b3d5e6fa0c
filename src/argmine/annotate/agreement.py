"""Agreement: Krippendorff's alpha between human annotators, Cohen's kappa against the model.

Both coefficients are implemented here (about forty lines) rather than imported: the
``krippendorff`` package is GPL, and NLTK (``nltk.metrics.agreement``, Apache-2.0) would
be a large dependency for two formulas.  The tests check both against hand computations
and alpha against the worked example in Krippendorff (2011), "Computing Krippendorff's
Alpha-Reliability".

Alpha is computed on the units that at least two annotators labelled ("pairable" units,
Krippendorff's term); a unit only one annotator saw says nothing about agreement.  Units
are spans (document, start, end), not unit ids, so annotations of spans the model
segmented differently still count between humans.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import permutations
from typing import Any

from sqlite_utils import Database


@dataclass(frozen=True)
class Alpha:
    """Krippendorff's alpha with what stands behind it.  ``alpha`` is None when it is
    undefined: fewer than two pairable units' values, or a single value used throughout
    (no variation, so agreement cannot be told from chance)."""

    alpha: float | None
    units: int
    annotators: int


@dataclass(frozen=True)
class ModelAgreement:
    """One annotator against the model's stored labels, on the units both labelled."""

    annotator: str
    units: int
    stance_agreement: float | None
    stance_kappa: float | None
    component_agreement: float | None
    component_kappa: float | None
    model_version: str | None


@dataclass
class Agreement:
    """Everything ``argmine agreement`` and the report show about the gold so far."""

    annotations: int
    annotators: list[str]
    stance: Alpha
    component: Alpha
    model: list[ModelAgreement] = field(default_factory=list)


def krippendorff_alpha(data: Mapping[Hashable, Mapping[Hashable, Hashable]]) -> Alpha:
    """Nominal alpha of ``data``: unit -> {annotator: value}, missing values allowed.

    alpha = 1 - D_o / D_e with the coincidence matrix o: each pairable unit u with
    m_u values adds 1 / (m_u - 1) to o[c][k] for every ordered pair of values (c, k)
    from different annotators.  With n_c = sum_k o[c][k] and n = sum_c n_c:
    alpha = 1 - (n - 1) * sum_{c != k} o[c][k] / sum_{c != k} n_c * n_k.
    """
    coincidences: Counter[tuple[Hashable, Hashable]] = Counter()
    coders: set[Hashable] = set()
    units = 0
    for values in data.values():
        if len(values) < 2:
            continue
        units += 1
        coders.update(values)
        weight = 1 / (len(values) - 1)
        for c, k in permutations(values.values(), 2):
            coincidences[c, k] += weight
    totals: Counter[Hashable] = Counter()
    for (c, _), count in coincidences.items():
        totals[c] += count
    n = sum(totals.values())
    expected = n * n - sum(t * t for t in totals.values())  # sum_{c != k} n_c * n_k
    if units == 0 or expected <= 0:
        return Alpha(None, units, len(coders))
    observed = sum(count for (c, k), count in coincidences.items() if c != k)
    return Alpha(1 - (n - 1) * observed / expected, units, len(coders))


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two label sequences; None when chance agreement is already 1
    (both use one and the same label throughout), where kappa is undefined."""
    if len(a) != len(b):
        raise ValueError("kappa needs two sequences of the same length")
    if not a:
        return None
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    left, right = Counter(a), Counter(b)
    chance = sum(left[label] * right[label] for label in left) / (n * n)
    return None if chance >= 1 else (observed - chance) / (1 - chance)


def _proportion(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    return sum(x == y for x, y in zip(a, b)) / len(a) if a else None


def annotation_rows(db: Database, thread: str | None = None) -> list[dict[str, Any]]:
    """Every annotation with the model's labels for its unit (NULL when the model's
    segmentation has no unit at that span)."""
    cursor = db.execute("""
        SELECT annotator, document_id, start, "end", component, stance,
               model_component, model_stance, model_version
        FROM annotation_details WHERE (:thread IS NULL OR thread_id = :thread)
        ORDER BY annotator, document_id, start""", {"thread": thread})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _alpha(rows: Sequence[Mapping[str, Any]], label: str) -> Alpha:
    data: dict[tuple, dict[str, str]] = defaultdict(dict)
    for row in rows:
        data[row["document_id"], row["start"], row["end"]][row["annotator"]] = row[label]
    return krippendorff_alpha(data)


def against_model(rows: Sequence[Mapping[str, Any]], annotator: str) -> ModelAgreement:
    """``annotator``'s labels against the model's on the units the model labelled."""
    mine = [r for r in rows if r["annotator"] == annotator and r["model_stance"] is not None]
    gold_stance, model_stance = [r["stance"] for r in mine], [r["model_stance"] for r in mine]
    gold_component = [r["component"] for r in mine]
    model_component = [r["model_component"] for r in mine]
    versions = Counter(r["model_version"] for r in mine if r["model_version"])
    return ModelAgreement(
        annotator=annotator, units=len(mine),
        stance_agreement=_proportion(gold_stance, model_stance),
        stance_kappa=cohen_kappa(gold_stance, model_stance),
        component_agreement=_proportion(gold_component, model_component),
        component_kappa=cohen_kappa(gold_component, model_component),
        model_version=versions.most_common(1)[0][0] if versions else None)


def agreement(db: Database, thread: str | None = None) -> Agreement:
    """Agreement among the annotators of ``db`` (of one thread) and with the model."""
    rows = annotation_rows(db, thread)
    annotators = sorted({row["annotator"] for row in rows})
    return Agreement(
        annotations=len(rows), annotators=annotators,
        stance=_alpha(rows, "stance"), component=_alpha(rows, "component"),
        model=[against_model(rows, name) for name in annotators])
