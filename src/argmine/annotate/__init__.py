"""The researcher in the loop (issue 12): units out for annotation, human labels back in,
and agreement between annotators and with the model.

- ``export``: pick units (random, uncertain, all) and write them with the model's labels
  as suggestions, as the guidelines' JSON Lines, CSV or Label Studio tasks;
- ``importing``: validate an annotated file whole and upsert it into ``annotations``;
- ``agreement``: Krippendorff's alpha between annotators, Cohen's kappa against the model.
"""

from __future__ import annotations

FORMATS = ("jsonl", "csv", "label-studio")
SELECTIONS = ("random", "uncertain", "all")
