"""Precision, recall, F1 and classification reports, computed the same way everywhere."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def set_prf(predicted: Sequence[set], gold: Sequence[set]) -> dict[str, float]:
    """Micro-averaged P/R/F1 of predicted against gold sets, item by item."""
    tp = sum(len(p & g) for p, g in zip(predicted, gold))
    fp = sum(len(p - g) for p, g in zip(predicted, gold))
    fn = sum(len(g - p) for p, g in zip(predicted, gold))
    return prf(tp, fp, fn)


def classification_report(gold: Sequence[str], predicted: Sequence[str],
                          labels: Sequence[str] | None = None) -> dict:
    """Per-class P/R/F1, macro-F1, accuracy and the confusion matrix (rows: gold)."""
    labels = list(labels or sorted(set(gold) | set(predicted)))
    per_class = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        per_class[label] = {**prf(tp, fp, fn), "support": sum(g == label for g in gold)}
    pairs = Counter(zip(gold, predicted))
    return {
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(labels), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / max(len(gold), 1), 4),
        "n": len(gold),
        "per_class": per_class,
        "labels": labels,
        "confusion": [[pairs[(g, p)] for p in labels] for g in labels],
    }
