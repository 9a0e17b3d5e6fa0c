"""Units out for annotation, with the model's labels as suggestions.

Three formats, one set of fields: the guidelines' gold format (section 5: ``doc_id``,
``start``, ``end``, ``text``, ``component``, ``stance``, ``central``, ``annotator``) plus
``unit_id`` to map a line back to its unit, the model's ``confidence`` and
``model_version`` (what suggested the labels), and ``before``/``after`` (the text around
the unit: the guidelines ask annotators to read a unit in its context).

Selections:

- ``all``: every unit, in document order;
- ``random``: a seeded sample, so two researchers with the same seed get the same units;
- ``uncertain``: the units whose stored stance confidence is lowest.  The store keeps only
  the winning label's confidence, not the runner-up's, so the lowest confidence stands in
  for the smallest margin.  Next step (issue 12): a committee of the new stance models
  (query by committee, as in Wagner et al.'s SQBC) needs the models themselves, not the
  stored labels, and belongs with the adaptation work in ``argmine.classify``.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from argmine.annotate import FORMATS, SELECTIONS
from argmine.errors import ArgmineError
from argmine.jsonlines import json_line

CONTEXT_CHARS = 150
#: Fields of every exported unit, in file order: the gold format first.
FIELDS = ("doc_id", "start", "end", "text", "component", "stance", "central", "annotator",
          "unit_id", "thread_id", "author", "confidence", "model_version", "before", "after")
DEFAULT_SAMPLE = 50

LABEL_STUDIO_CONFIG = """<View>
  <Header value="$author ($thread_id, $doc_id, characters $start-$end)"/>
  <Text name="before" value="$before" granularity="word"/>
  <Header value="Unit:" size="6"/>
  <Text name="text" value="$text"/>
  <Text name="after" value="$after" granularity="word"/>
  <Header value="Component" size="6"/>
  <Choices name="component" toName="text" choice="single" showInline="true" required="true">
    <Choice value="claim"/><Choice value="premise"/><Choice value="none"/>
  </Choices>
  <Header value="Stance towards the thread's target" size="6"/>
  <Choices name="stance" toName="text" choice="single" showInline="true" required="true">
    <Choice value="PRO"/><Choice value="CONTRA"/><Choice value="NEUTRAL"/>
  </Choices>
  <Header value="Central claim of its document?" size="6"/>
  <Choices name="central" toName="text" choice="single" showInline="true">
    <Choice value="yes"/><Choice value="no"/>
  </Choices>
</View>
"""


@dataclass(frozen=True)
class ExportUnit:
    """One unit as an annotator sees it: span, suggested labels, provenance, context."""

    doc_id: str
    start: int
    end: int
    text: str
    component: str | None
    stance: str | None
    central: bool
    annotator: str | None
    unit_id: str
    thread_id: str | None
    author: str | None
    confidence: float | None
    model_version: str | None
    before: str
    after: str


_SELECT = f"""
    SELECT u.id AS unit_id, u.document_id AS doc_id, u.start, u."end", u.text, u.component,
           u.stance, u.central, u.confidence, u.model_version, d.thread_id, d.author,
           substr(d.text, max(1, u.start + 1 - {CONTEXT_CHARS}),
                  u.start - max(0, u.start - {CONTEXT_CHARS})) AS before,
           substr(d.text, u."end" + 1, {CONTEXT_CHARS}) AS after
    FROM units u JOIN documents d ON d.id = u.document_id
    WHERE (:thread IS NULL OR d.thread_id = :thread)
    ORDER BY d.thread_id, d.published IS NULL, d.published, d.rowid, u.idx
"""


def candidate_units(db: Database, thread: str | None = None) -> list[ExportUnit]:
    """Every unit (of ``thread``), in document order."""
    if thread is not None and not db.execute(
            "SELECT 1 FROM threads WHERE id = ?", [thread]).fetchone():
        raise ArgmineError(f"unknown thread {thread!r}")
    cursor = db.execute(_SELECT, {"thread": thread})
    names = [column[0] for column in cursor.description]
    units = []
    for row in cursor.fetchall():
        values = dict(zip(names, row))
        values["central"] = bool(values["central"])
        units.append(ExportUnit(annotator=None, **values))
    return units


def select_units(units: Sequence[ExportUnit], how: str = "random", n: int | None = None,
                 seed: int = 0) -> list[ExportUnit]:
    """``n`` of ``units`` chosen ``how``, returned in document order.

    Document order, whatever the selection, so that an annotator reads the units of
    one document together.  Ties in confidence are broken by the seeded shuffle, so
    ``uncertain`` is as reproducible as ``random``.
    """
    if how not in SELECTIONS:
        raise ArgmineError(f"unknown selection {how!r}; choose one of {', '.join(SELECTIONS)}")
    if n is not None and n < 1:
        raise ArgmineError(f"-n must be at least 1, not {n}")
    if how == "all":
        return list(units[:n] if n else units)
    count = n or DEFAULT_SAMPLE
    shuffled = list(units)
    random.Random(seed).shuffle(shuffled)
    if how == "uncertain":
        shuffled = sorted((u for u in shuffled if u.stance and u.confidence is not None),
                          key=lambda u: u.confidence)
    chosen = {u.unit_id for u in shuffled[:count]}
    return [u for u in units if u.unit_id in chosen]


def _jsonl(units: Sequence[ExportUnit]) -> str:
    return "".join(json_line(asdict(u)) + "\n" for u in units)


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def write_csv(units: Sequence[ExportUnit], path: Path) -> None:
    """UTF-8 with a byte order mark: spreadsheet programs then read umlauts correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        for unit in units:
            record = asdict(unit)
            writer.writerow([_csv_value(record[name]) for name in FIELDS])


def _choice(name: str, value: str) -> dict[str, Any]:
    return {"from_name": name, "to_name": "text", "type": "choices",
            "value": {"choices": [value]}}


def label_studio_task(unit: ExportUnit) -> dict[str, Any]:
    """A Label Studio task: the unit in ``data``, the model's labels as a prediction."""
    data = {name: value for name, value in asdict(unit).items()
            if name not in ("component", "stance", "central", "annotator")}
    task: dict[str, Any] = {"data": data}
    if unit.component and unit.stance:
        task["predictions"] = [{
            "model_version": unit.model_version or "argmine",
            "score": unit.confidence,
            "result": [_choice("component", unit.component), _choice("stance", unit.stance),
                       _choice("central", "yes" if unit.central else "no")],
        }]
    return task


def _label_studio(units: Sequence[ExportUnit]) -> str:
    return json.dumps([label_studio_task(u) for u in units], ensure_ascii=False, indent=1) + "\n"


def label_config_path(path: Path) -> Path:
    """Where the Label Studio labelling configuration goes, next to the tasks."""
    return path.with_name(f"{path.stem}.label-config.xml")


def write_units(units: Sequence[ExportUnit], path: Path | str, fmt: str = "jsonl") -> list[Path]:
    """Write ``units`` to ``path`` in ``fmt``; returns the files written (Label Studio also
    gets its labelling configuration, which a project needs before it can show the tasks)."""
    path = Path(path)
    if fmt not in FORMATS:
        raise ArgmineError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        if fmt == "csv":
            write_csv(units, path)
            return [path]
        if fmt == "jsonl":
            path.write_text(_jsonl(units), "utf-8")
            return [path]
        path.write_text(_label_studio(units), "utf-8")
        label_config_path(path).write_text(LABEL_STUDIO_CONFIG, "utf-8")
        return [path, label_config_path(path)]
    except OSError as exc:
        raise ArgmineError(f"{path}: {exc.strerror or exc}") from exc


def export_units(db: Database, path: Path | str, *, thread: str | None = None,
                 n: int | None = None, how: str = "random", seed: int = 0,
                 fmt: str = "jsonl") -> list[ExportUnit]:
    """Select units of ``db`` and write them to ``path``: the library call behind
    ``argmine annotate export``."""
    units = select_units(candidate_units(db, thread), how, n, seed)
    write_units(units, path, fmt)
    return units
