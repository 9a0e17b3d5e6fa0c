"""``argmine train``: fit the shipped models and write their card.

Every model is evaluated by its held-out protocol before it is fitted on all
the data, so the card's numbers describe data the evaluated model never saw.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from argmine.evaluate.microtexts import load_corpus
from argmine.evaluate.segmentation import evaluate_segmentation
from argmine.models import model_dir, save_model
from argmine.nlp.pipeline import fallback_pipeline
from argmine.nlp.training import train_boundary_model

METRICS_FILE = "metrics.json"


def train_segmenter(microtexts: Path | str | None, output: Path | None = None) -> dict:
    """Evaluate, fit and save the boundary model; return its metrics."""
    texts = load_corpus(microtexts)
    metrics = evaluate_segmentation(texts)
    payload = train_boundary_model(texts, fallback_pipeline(None))
    summary = {k: v for k, v in metrics.items() if k != "segmenters"}
    payload["metrics"] = json.dumps(summary)
    folder = output or model_dir()
    save_model(payload, folder / "segmenter.skops")
    record_metrics(folder, "segmenter", {"version": payload["version"], **summary})
    write_model_card(folder)
    return summary


def record_metrics(folder: Path, name: str, metrics: dict) -> None:
    """Keep every model's latest metrics in ``metrics.json`` (the report and card read it)."""
    path = folder / METRICS_FILE
    data = json.loads(path.read_text("utf-8")) if path.exists() else {}
    data[name] = {**metrics, "date": date.today().isoformat()}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")


def write_model_card(folder: Path) -> Path:
    """Render ``README.md`` in the model folder from the recorded metrics."""
    from jinja2 import Environment, PackageLoader

    metrics = json.loads((folder / METRICS_FILE).read_text("utf-8"))
    env = Environment(loader=PackageLoader("argmine", "templates"), keep_trailing_newline=True)
    card = env.get_template("model_card.md.j2").render(today=date.today().isoformat(), **metrics)
    path = folder / "README.md"
    path.write_text(card, "utf-8")
    return path
