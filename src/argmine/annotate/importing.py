"""Annotated files back into the store: validated whole, then upserted into ``annotations``.

A file is read completely and every record checked before anything is written: a file
with one bad line is refused with one line naming the file, the line (the task, for
Label Studio) and the reason, and stores nothing.  A half-imported file would leave an
annotator's gold silently incomplete, and agreement figures computed from it wrong.

Annotations never touch the model's labels in ``units``.  Rows are keyed by annotator
and span (``doc_id``, ``start``, ``end``), so importing the same annotator's file again
changes nothing, and an edited file updates only the lines whose labels changed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from argmine.annotate import FORMATS
from argmine.errors import ArgmineError
from argmine.evaluate.annotations import COMPONENTS, STANCES
from argmine.jsonlines import BadLine, json_objects
from argmine.store.writer import now

#: Fields every record needs besides ``annotator`` (which ``--annotator`` may supply).
REQUIRED = ("doc_id", "start", "end", "text", "component", "stance", "central")
TRUE = {"true", "1", "yes", "ja", "y", "x"}
FALSE = {"false", "0", "no", "nein", "n", ""}


class Invalid(ValueError):
    """One record's problem; the importer adds the file and the line."""


@dataclass(frozen=True)
class Annotation:
    """One annotator's labels for one span, checked against the stored document."""

    annotator: str
    document_id: str
    start: int
    end: int
    text: str
    component: str
    stance: str
    central: bool
    unit_id: str | None
    where: str  # "line 3" or "task 3": where the record stood in its file


@dataclass
class ImportResult:
    """What an import did, for the CLI's summary line."""

    path: str
    fmt: str
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    without_unit: int = 0  # spans the model's segmentation does not have
    skipped_tasks: int = 0  # Label Studio tasks nobody has annotated yet
    annotators: list[str] = field(default_factory=list)

    @property
    def annotations(self) -> int:
        return self.added + self.changed + self.unchanged


# -- reading: every format yields (where, record) with the gold format's field names -------

Records = Iterator[tuple[str, dict[str, Any]]]


def detect_format(path: Path, text: str) -> str:
    """The format from the suffix, else from the first character of the content."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix == ".json":
        return "label-studio"
    head = text.lstrip()[:1]
    return {"[": "label-studio", "{": "jsonl"}.get(head, "csv")


def read_jsonl(text: str) -> Records:
    try:
        for number, record in json_objects(text):
            yield f"line {number}", record
    except BadLine as exc:
        raise Invalid(str(exc)) from exc


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Comma, semicolon (German spreadsheet default) or tab, from the header line."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_csv(text: str) -> Records:
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text))
    missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        raise Invalid(f"line 1: the header lacks {', '.join(missing)}")
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise Invalid(f"line {first_line}: {exc}") from exc
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # a blank row, as spreadsheets leave them
        yield f"line {first_line}", {key: value for key, value in row.items() if key}


def _completed_by(annotation: Mapping[str, Any]) -> str | None:
    """Label Studio's annotator: a user id, or a user object with an e-mail address."""
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    return None if who in (None, "") else f"label-studio:{who}"


def _choices(result: list[Any], where: str) -> dict[str, str]:
    labels = {}
    for item in result:
        if not isinstance(item, dict) or item.get("type") != "choices":
            continue
        chosen = (item.get("value") or {}).get("choices") or []
        if len(chosen) != 1:
            raise Invalid(f"{where}: {item.get('from_name')} needs exactly one choice")
        labels[item.get("from_name")] = chosen[0]
    return labels


def read_label_studio(text: str) -> Records:
    """Tasks of Label Studio's JSON export; each non-cancelled annotation is one record.

    Predictions are the model's suggestions, never an annotator's labels, so a task
    without annotations is skipped (and counted), not imported.
    """
    try:
        tasks = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Invalid(f"line {exc.lineno}: invalid JSON ({exc.msg})") from exc
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        raise Invalid("line 1: not a list of Label Studio tasks")
    for number, task in enumerate(tasks, start=1):
        where = f"task {number}" + (f" (id {task['id']})" if isinstance(task, dict)
                                    and "id" in task else "")
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise Invalid(f"{where}: not a task with data")
        annotations = [a for a in task.get("annotations") or []
                       if isinstance(a, dict) and not a.get("was_cancelled")]
        if not annotations:
            yield where, {}  # counted as skipped
        for annotation in annotations:
            labels = _choices(annotation.get("result") or [], where)
            central = labels.get("central", "no")
            yield where, {**task["data"], "component": labels.get("component"),
                          "stance": labels.get("stance"), "central": central,
                          "annotator": _completed_by(annotation),
                          "_annotations": len(annotations)}


READERS: dict[str, Callable[[str], Records]] = {
    "jsonl": read_jsonl, "csv": read_csv, "label-studio": read_label_studio}


# -- checking one record -------------------------------------------------------------------

def _offset(value: Any, name: str) -> int:
    if isinstance(value, bool):
        raise Invalid(f"{name} is not a character offset: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise Invalid(f"{name} is not a character offset: {value!r}")


def _central(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in TRUE | FALSE:
        return value.strip().lower() in TRUE
    raise Invalid(f"central must be true or false, not {value!r}")


def _label(value: Any, allowed: set[str], name: str, case: Callable[[str], str]) -> str:
    label = case(value.strip()) if isinstance(value, str) else value
    if label not in allowed:
        raise Invalid(f"{name} {value!r} is not one of {', '.join(sorted(allowed))} "
                      "(guidelines, sections 2 and 3)")
    return label


class Checker:
    """Checks records against the store: documents, spans, texts, units, labels."""

    def __init__(self, db: Database, annotator: str | None) -> None:
        self.db, self.annotator = db, (annotator or "").strip() or None
        self._documents: dict[str, tuple[str, str | None]] = {}

    def document(self, doc_id: str) -> tuple[str, str]:
        """The stored id and text of ``doc_id``: a database id, or the document's key (the
        manifest name or URL that gold files such as corpus/annotations/ use)."""
        if doc_id not in self._documents:
            row = self.db.execute(
                "SELECT id, text FROM documents WHERE id = ? UNION ALL "
                "SELECT id, text FROM documents WHERE key = ? LIMIT 1", [doc_id, doc_id]
            ).fetchone()
            if row is None:
                raise Invalid(f"unknown document {doc_id!r}")
            self._documents[doc_id] = (row[0], row[1])
        stored_id, text = self._documents[doc_id]
        if text is None:
            raise Invalid(f"document {doc_id!r} is only referenced; its text is not stored")
        return stored_id, text

    def unit_id(self, record: Mapping[str, Any], doc_id: str, start: int, end: int) -> str | None:
        """The unit at this span; a given ``unit_id`` must be that unit."""
        given = record.get("unit_id")
        if given in (None, ""):
            row = self.db.execute('SELECT id FROM units WHERE document_id = ? AND start = ? '
                                  'AND "end" = ?', [doc_id, start, end]).fetchone()
            return row[0] if row else None
        row = self.db.execute('SELECT document_id, start, "end" FROM units WHERE id = ?',
                              [given]).fetchone()
        if row is None:
            raise Invalid(f"unknown unit {given!r} (leave unit_id empty to annotate the span "
                          "by doc_id, start and end)")
        if tuple(row) != (doc_id, start, end):
            raise Invalid(f"unit {given!r} is {row[0]} {row[1]}-{row[2]}, "
                          f"not {doc_id} {start}-{end}")
        return str(given)

    def who(self, record: Mapping[str, Any]) -> str:
        if self.annotator:
            if record.get("_annotations", 1) > 1:
                raise Invalid(f"{record['_annotations']} annotations, so --annotator cannot "
                              "name them all; import without it")
            return self.annotator
        name = record.get("annotator")
        if not isinstance(name, str) or not name.strip():
            raise Invalid("no annotator (give --annotator NAME)")
        return name.strip()

    def check(self, where: str, record: Mapping[str, Any]) -> Annotation:
        missing = [name for name in REQUIRED if record.get(name) is None
                   or (name != "central" and record.get(name) == "")]
        if missing:
            raise Invalid(f"missing {', '.join(missing)}")
        doc_id, text = self.document(str(record["doc_id"]))
        start, end = _offset(record["start"], "start"), _offset(record["end"], "end")
        if not 0 <= start < end <= len(text):
            raise Invalid(f"span {start}-{end} is outside document {doc_id} "
                          f"({len(text)} characters)")
        if text[start:end] != record["text"]:
            raise Invalid(f"text does not match document {doc_id} at {start}-{end} "
                          f"(the document has „{_short(text[start:end])}“)")
        return Annotation(
            annotator=self.who(record), document_id=doc_id, start=start, end=end,
            text=text[start:end],
            component=_label(record["component"], COMPONENTS, "component", str.lower),
            stance=_label(record["stance"], STANCES, "stance", str.upper),
            central=_central(record["central"]),
            unit_id=self.unit_id(record, doc_id, start, end), where=where)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check_consistency(annotations: list[Annotation]) -> None:
    """Within one file and annotator: no span twice, no overlaps, one central claim per
    document (guidelines, sections 1 and 2)."""
    by_document: dict[tuple[str, str], list[Annotation]] = {}
    for a in annotations:
        by_document.setdefault((a.annotator, a.document_id), []).append(a)
    for group in by_document.values():
        group.sort(key=lambda a: (a.start, a.end))
        for previous, current in zip(group, group[1:]):
            if current.start < previous.end:
                same = (current.start, current.end) == (previous.start, previous.end)
                raise Invalid(f"{current.where}: {'repeats' if same else 'overlaps'} the span "
                              f"of {previous.where} for annotator {current.annotator!r}")
        central = [a for a in group if a.central]
        if len(central) > 1:
            raise Invalid(f"{central[1].where}: a second central claim in document "
                          f"{central[1].document_id} (the first is on {central[0].where})")


def read_annotations(db: Database, path: Path | str, annotator: str | None = None,
                     fmt: str | None = None) -> tuple[list[Annotation], str, int]:
    """Every annotation of ``path``, checked; the format; tasks without annotations.

    Raises ``ArgmineError("FILE: line N: reason")`` for the first bad record.
    """
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ArgmineError(f"{path}: {reason or exc}") from exc
    fmt = fmt or detect_format(path, text)
    if fmt not in FORMATS:
        raise ArgmineError(f"{path}: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    checker, annotations, skipped = Checker(db, annotator), [], 0
    try:
        for where, record in READERS[fmt](text):
            if not record:
                skipped += 1
                continue
            try:
                annotations.append(checker.check(where, record))
            except Invalid as exc:
                raise Invalid(f"{where}: {exc}") from exc
        check_consistency(annotations)
    except Invalid as exc:
        raise ArgmineError(f"{path}: {exc}") from exc
    if not annotations:
        hint = " (Label Studio predictions are the model's labels, not an annotator's)" \
            if skipped else ""
        raise ArgmineError(f"{path}: no annotations{hint}")
    return annotations, fmt, skipped


_UPSERT = """
INSERT INTO annotations (annotator, document_id, start, "end", text, unit_id, component,
                         stance, central, source, imported_at)
VALUES (:annotator, :document_id, :start, :end, :text, :unit_id, :component, :stance,
        :central, :source, :imported_at)
ON CONFLICT (annotator, document_id, start, "end") DO UPDATE SET
    text = excluded.text, unit_id = excluded.unit_id, component = excluded.component,
    stance = excluded.stance, central = excluded.central, source = excluded.source,
    imported_at = excluded.imported_at
WHERE component IS NOT excluded.component OR stance IS NOT excluded.stance
   OR central IS NOT excluded.central
"""


def _stored(db: Database, a: Annotation) -> tuple[str, str, int] | None:
    row = db.execute('SELECT component, stance, central FROM annotations WHERE annotator = ? '
                     'AND document_id = ? AND start = ? AND "end" = ?',
                     [a.annotator, a.document_id, a.start, a.end]).fetchone()
    return tuple(row) if row else None


def store_annotations(db: Database, annotations: list[Annotation], result: ImportResult) -> None:
    """Upsert in one write transaction: all of the file or nothing."""
    stamp = now()
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        for a in annotations:
            before = _stored(db, a)
            if before is None:
                result.added += 1
            elif before == (a.component, a.stance, int(a.central)):
                result.unchanged += 1
            else:
                result.changed += 1
            result.without_unit += a.unit_id is None
            db.conn.execute(_UPSERT, {
                "annotator": a.annotator, "document_id": a.document_id, "start": a.start,
                "end": a.end, "text": a.text, "unit_id": a.unit_id, "component": a.component,
                "stance": a.stance, "central": int(a.central), "source": result.path,
                "imported_at": stamp})
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def import_annotations(db: Database, path: Path | str, annotator: str | None = None,
                       fmt: str | None = None) -> ImportResult:
    """Check ``path`` whole, then store it: the library call behind
    ``argmine annotate import``.  ``annotator`` overrides the file's annotator field."""
    annotations, fmt, skipped = read_annotations(db, path, annotator, fmt)
    result = ImportResult(path=str(path), fmt=fmt, skipped_tasks=skipped,
                          annotators=sorted({a.annotator for a in annotations}))
    store_annotations(db, annotations, result)
    return result
