"""The CIMT argument-mining dataset (Romberg & Conrad 2021; CC BY 4.0 and CC BY-SA 4.0).

17,852 German sentences from online citizen participation, one row per
sentence, coded ``mpos`` (a position: a claim), ``premise``, ``mpos+premise``
or ``non-arg``.  Documents are the unit of cross-validation folds.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from argmine.errors import ArgmineError

DEFAULT_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "cimt-argument-mining"
CODES = ("mpos", "premise", "mpos+premise", "non-arg")
#: argmine's component label for each CIMT code (a sentence with both reads as its claim).
COMPONENT = {"mpos": "claim", "mpos+premise": "claim", "premise": "premise", "non-arg": "none"}


@dataclass(frozen=True)
class Sentence:
    document: str
    number: int
    text: str
    code: str
    dataset: str

    @property
    def component(self) -> str:
        return COMPONENT[self.code]


def load_cimt(path: Path | str | None = None) -> list[Sentence]:
    """All coded sentences of the five datasets, in file order."""
    base = Path(path) if path else DEFAULT_DIR
    files = sorted(base.glob("*/dataset_*.tsv"))
    if not files:
        raise ArgmineError(f"{base}: no CIMT dataset found (expected */dataset_*.tsv)")
    sentences = []
    for file in files:
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                code = (row.get("code") or "").strip()
                if code in CODES and (row.get("content") or "").strip():
                    sentences.append(Sentence(
                        document=f"{row['dataset']}/{row['document_id']}",
                        number=int(row["sentence_nr"] or 0), text=row["content"].strip(),
                        code=code, dataset=row["dataset"]))
    return sentences
