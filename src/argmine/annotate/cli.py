"""``argmine annotate export|import`` and ``argmine agreement``: options in, library call,
lines out.  Registered on the main app in ``argmine.cli``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlite_utils import Database

from argmine.annotate import FORMATS, SELECTIONS
from argmine.config import DEFAULT_DB
from argmine.errors import ArgmineError

annotate_app = typer.Typer(no_args_is_help=True, help=(
    "Units out for annotation (the model's labels as suggestions), annotations back in."))
err = Console(stderr=True, highlight=False, soft_wrap=True)
DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


@contextmanager
def _open(db: Path) -> Iterator[Database]:
    """The database, closed afterwards: closing checkpoints the WAL, so that a read-only
    (immutable) Datasette opened next sees what was just imported."""
    from argmine.store import connect

    if not db.exists():
        raise _fail(f"{db}: no such database; run 'argmine ingest' first")
    database = connect(db)
    try:
        yield database
    finally:
        database.close()


@annotate_app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    db: DbOption = DEFAULT_DB,
    thread: Annotated[str | None, typer.Option(help="Only units of this thread.")] = None,
    n: Annotated[int | None, typer.Option(
        "-n", help="How many units. Default: 50 for random and uncertain, every unit "
        "for all.")] = None,
    select: Annotated[str, typer.Option(
        help="random (seeded sample), uncertain (lowest stored stance confidence first) "
        "or all.")] = "random",
    seed: Annotated[int, typer.Option(help="Seed of the random selection.")] = 0,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="jsonl (the guidelines' gold format), csv (spreadsheets) or "
        "label-studio (tasks JSON with the model's labels as predictions).")] = "jsonl",
) -> None:
    """Write units with the model's labels as suggestions, for annotators to correct."""
    from argmine.annotate.export import export_units, label_config_path

    if select not in SELECTIONS:
        raise _fail(f"unknown selection {select!r}; choose one of {', '.join(SELECTIONS)}")
    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    try:
        with _open(db) as database:
            units = export_units(database, output, thread=thread, n=n, how=select, seed=seed,
                                 fmt=fmt)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"{len(units)} units ({select}) written to {output}", markup=False)
    if fmt == "label-studio":
        err.print(f"Label Studio labelling configuration: {label_config_path(output)}",
                  markup=False)


@annotate_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="An annotated jsonl, csv or Label Studio file.")],
    annotator: Annotated[str | None, typer.Option(
        help="Who annotated the file (overrides its annotator field).")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="jsonl, csv or label-studio. Default: from the suffix "
        "(.jsonl, .csv, .json) or the content.")] = None,
) -> None:
    """Check an annotated file whole and store it in ``annotations`` (a bad line refuses
    the file and stores nothing; importing it again changes nothing)."""
    from argmine.annotate.importing import import_annotations

    try:
        with _open(db) as database:
            result = import_annotations(database, file, annotator, fmt)
    except ArgmineError as exc:
        raise _fail(str(exc), code=1) from exc
    err.print(f"{file}: {result.annotations} annotations by {', '.join(result.annotators)} "
              f"({result.fmt}): {result.added} added, {result.changed} changed, "
              f"{result.unchanged} unchanged -> {db}", markup=False)
    if result.without_unit:
        err.print(f"  {result.without_unit} spans match no unit of the model's segmentation "
                  "(kept; they count between annotators, not against the model)", markup=False)
    if result.skipped_tasks:
        err.print(f"  {result.skipped_tasks} Label Studio tasks without annotations skipped",
                  markup=False)


def print_agreement(result) -> None:
    """The agreement tables of the report, on standard output."""
    from argmine.report.text import agreement_tables

    console = Console(highlight=False)
    if not result.annotations:
        console.print("No annotations yet: argmine annotate export, then annotate import.")
        return
    for table in agreement_tables(result):
        console.print(table)


def agreement_command(
    db: DbOption = DEFAULT_DB,
    thread: Annotated[str | None, typer.Option(help="Only annotations of this thread.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Krippendorff's alpha between annotators, Cohen's kappa of each against the model.

    Alpha (nominal) for stance and for component, on the units at least two annotators
    share, with the number of units and annotators behind each figure."""
    from argmine.annotate.agreement import agreement

    with _open(db) as database:
        result = agreement(database, thread)
    if as_json:
        typer.echo(json.dumps(asdict(result), ensure_ascii=False))
        return
    print_agreement(result)
