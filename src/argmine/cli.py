"""The ``argmine`` command: parses options, calls the library, prints. Nothing else."""

from __future__ import annotations

import atexit
import gc
import json
import os
import re
import sys
import time
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from typer.core import TyperGroup

from argmine import __version__
from argmine.config import (
    DEFAULT_DB,
    DEFAULT_TARGET,
    DEFAULT_THREAD,
    STANCE_MODELS,
    FetchSettings,
    Limits,
)
from argmine.errors import ArgmineError
from argmine.jsonlines import json_line
from argmine.records import Thread

err = Console(stderr=True, highlight=False, soft_wrap=True)
# When a command's process ends, the collector makes one last walk over every object left:
# after an ingest, the models and caches that its pool had frozen and gave back at close, 0.4
# to 0.6 s of one core spent finding nothing to free.  Frozen objects are not walked.
atexit.register(gc.freeze)


class _OneLineErrors(TyperGroup):
    """Any ``ArgmineError`` a command lets through (a database that is not argmine's,
    say) is one ``error:`` line and exit status 2, never a traceback."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ArgmineError as exc:
            raise _fail(str(exc)) from exc


app = typer.Typer(
    cls=_OneLineErrors, no_args_is_help=True, add_completion=False,
    pretty_exceptions_show_locals=False,
    help="Mine arguments from German discussion threads into SQLite.",
)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
SpacyOption = Annotated[str | None, typer.Option(
    "--spacy-model", help="spaCy pipeline: an installed package name, or 'argmine-fallback'. "
    "Default: de_core_news_md when installed, else the fallback.")]

StanceOption = Annotated[str | None, typer.Option(
    "--stance-model", envvar="ARGMINE_STANCE_MODEL",
    help="'encoder' (learned, on sentence embeddings; the default), 'ngrams' (learned, on "
    "n-grams, no encoder: nearly as good, far faster), 'fast' (the structural rules: for "
    "bulk runs) or 'rules' (the same).")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(code)


class IngestProgress:
    """Errors as lines; progress as a live bar with an ETA on a terminal, else a line
    every 500 documents.  The ETA counts sources: their number is known up front."""

    EVERY = 500

    def __init__(self, quiet: bool, sources: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.quiet, self.documents, self.sources = quiet, 0, 0
        self.total, self.started = sources, time.monotonic()
        self.live = None if quiet or not err.is_terminal else Progress(
            TextColumn("sources"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[documents]} documents, {task.fields[rate]:.0f}/s"),
            TextColumn("ETA"), TimeRemainingColumn(), console=err, transient=True)
        self.task = self.live.add_task("ingest", total=sources, documents=0, rate=0.0) \
            if self.live else None

    def __enter__(self) -> IngestProgress:
        if self.live:
            self.live.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.live:
            self.live.stop()

    def report(self, event: str, message: str) -> None:
        if event in ("error", "warning"):
            err.print(f"{event}: {message}", markup=False)
            return
        if event == "source":
            self.sources += 1
        else:
            self.documents += 1
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.documents / elapsed
        if self.live:
            self.live.update(self.task, completed=self.sources, documents=self.documents,
                             rate=rate)
        elif not self.quiet and event == "document" and self.documents % self.EVERY == 0:
            left = elapsed / self.sources * (self.total - self.sources) if self.sources else 0
            err.print(f"{self.documents} documents ({rate:.0f}/s), {self.sources}/{self.total}"
                      f" sources, ETA {left:.0f} s", markup=False)


@app.command()
def ingest(
    sources: Annotated[list[str] | None, typer.Argument(
        help="Files, directories, thread manifests (.toml) or http(s) URLs.")] = None,
    db: DbOption = DEFAULT_DB,
    thread: Annotated[str | None, typer.Option(
        help="Thread id for sources outside a manifest. Default: the thread the document, "
        f"its parent or the post it answers is stored in, else '{DEFAULT_THREAD}'.")] = None,
    target: Annotated[str | None, typer.Option(
        callback=_proposition,
        help="Target proposition of --thread. Default: the stored thread's; for a new thread "
        f"„{DEFAULT_TARGET}“.")] = None,
    since: Annotated[str | None, typer.Option(help="Skip feed entries before this date "
                                              "(YYYY-MM-DD).")] = None,
    spacy_model: SpacyOption = None,
    cache_dir: Annotated[Path | None, typer.Option(help="Cache for fetched URLs.")] = None,
    max_age: Annotated[float, typer.Option(
        min=0, help="Hours a cached page is used without asking the server; older ones are "
        "revalidated (ETag / Last-Modified). 0: ask every time.")] = 24,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")] = False,
    reanalyze: Annotated[bool, typer.Option(
        help="Also relabel stored documents that an older version of the stance model in "
        "use labelled; with --stance-model, those any other model labelled too.")] = False,
    max_file_mb: Annotated[float, typer.Option(min=0.001, help="Largest file read.")] = 50,
    max_response_mb: Annotated[float, typer.Option(
        min=0.001, help="Largest HTTP response, after decompression.")] = 20,
    timeout: Annotated[float, typer.Option(
        min=0.1, help="Seconds each network read or connect may wait (per attempt; failed "
        "requests are retried with backoff).")] = 20,
    max_comments: Annotated[int, typer.Option(
        min=0, help="Comments read per page at most (a page with more gives a warning "
        "line).")] = 5000,
    workers: Annotated[int, typer.Option(
        min=1, help="Analysis processes (one writer); with --executor dask and no --scheduler, the "
        "local cluster's workers. Default: the CPU count.")] = os.cpu_count() or 1,
    executor: Annotated[str, typer.Option(
        help="Where segmentation and scoring run: 'processes' (forked, default) or 'dask' "
        "(needs argmine\\[dask]).")] = "processes",
    scheduler: Annotated[str | None, typer.Option(
        help="With --executor dask: a Dask scheduler's address (tcp://HOST:8786). "
        "Default: a local cluster of --workers processes.")] = None,
    stance_model: StanceOption = None,
) -> None:
    """Read sources into the database; exit 1 if any source failed (after trying all)."""
    _use_stance_model(stance_model)
    from argmine.executors import make_executor
    from argmine.ingest import ingest as run_ingest
    from argmine.ingest import reanalyze as run_reanalyze
    from argmine.nlp.pipeline import load_pipeline
    from argmine.sources import SourceReader

    try:  # a named model is checked now; the default loads only if something needs analysis
        pipeline = load_pipeline(spacy_model) if spacy_model else None
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    try:  # nothing starts yet: a cluster starts when the first document needs analysis
        runner = make_executor(executor, workers=workers, scheduler=scheduler,
                               spacy_model=spacy_model)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    if reanalyze:
        relabelled = run_reanalyze(db, pipeline=pipeline, switch=stance_model is not None)
        if not quiet:
            err.print(f"run #{relabelled.run_id}: relabelled "
                      f"{relabelled.counts.documents_changed} stored documents", markup=False)
        if not sources:
            raise typer.Exit(0)
    limits = Limits(max_file_bytes=int(max_file_mb * 1024 * 1024),
                    max_response_bytes=int(max_response_mb * 1024 * 1024),
                    timeout_seconds=timeout, max_comments_per_page=max_comments)
    settings = FetchSettings(limits=limits, cache_ttl_seconds=max_age * 3600,
                             **({"cache_dir": cache_dir} if cache_dir else {}))
    reader = SourceReader(fetch_settings=settings, since=since)

    if not sources:
        raise _fail("no sources given (or use --reanalyze)")
    if target and not thread:
        raise _fail("--target is the target of a thread: name it with --thread")
    try:  # what stops a whole run (no scheduler, workers with other models) is one line
        with IngestProgress(quiet, reader.count(sources)) as progress:
            result = run_ingest(sources, db, thread=Thread(thread, target) if thread else None,
                                pipeline=pipeline, reader=reader, report=progress.report,
                                executor=runner)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    except KeyboardInterrupt:
        raise _fail("interrupted; what was stored stays, and the same command goes on from "
                    "there (stored documents are skipped)", code=130) from None
    c = result.counts
    if not quiet:
        err.print(f"run #{result.run_id}: {c.sources} sources, {c.documents_added} added, "
                  f"{c.documents_changed} changed, {c.documents_unchanged} unchanged, "
                  f"{c.errors} failed -> {db}", markup=False)
        if result.pipeline:
            err.print(f"spaCy pipeline: {result.pipeline}", markup=False)
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def report(
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown, html or json.")]
    = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")]
    = None,
) -> None:
    """Who argues what in the stored threads."""
    from argmine.report import FORMATS, build_report, render
    from argmine.report.text import print_text
    from argmine.store import connect

    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not db.exists():
        raise _fail(f"{db}: no such database; run 'argmine ingest' first")
    data = build_report(connect(db), str(db))
    if output is None and fmt == "text":
        print_text(data, Console(highlight=False))
        return
    rendered = render(data, fmt)
    if output is None:
        sys.stdout.write(rendered)
    else:
        try:
            output.write_text(rendered, "utf-8")
        except OSError as exc:
            raise _fail(f"{output}: cannot write: {exc.strerror or exc}") from exc
        err.print(f"report written to {output}", markup=False)


@app.command()
def info(
    db: DbOption = DEFAULT_DB,
    spacy_model: SpacyOption = None,
) -> None:
    """Versions, the spaCy pipeline that would run, and the database's schema version."""
    from argmine.classify.labeller import Labeller
    from argmine.classify.target_lexicon import target_lexicons
    from argmine.nlp.pipeline import load_pipeline
    from argmine.store import SCHEMA_VERSION, connect

    typer.echo(f"argmine {__version__}")
    try:
        typer.echo(f"spaCy pipeline: {load_pipeline(spacy_model).name}")
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    try:
        labeller = Labeller.load()
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    missing = "none (models/labels.skops missing)"
    typer.echo(f"label models: {labeller.version if labeller else missing}")
    if labeller:
        typer.echo(f"stance model: {labeller.stance_model}")
    propositions = ", ".join(sorted(lexicon.proposition for lexicon in target_lexicons()))
    typer.echo(f"target lexicons: {propositions or 'none'}")
    typer.echo(f"schema version (code): {SCHEMA_VERSION}")
    if db.exists():
        version = connect(db, create=False).execute("PRAGMA user_version").fetchone()[0]
        typer.echo(f"schema version ({db}): {version}")


def _proposition(value: str | None) -> str | None:
    """A ``--target`` must say something: an empty one labelled nothing, and stored the
    default target in its place."""
    if value is not None and not value.strip():
        raise typer.BadParameter("a target proposition cannot be empty")
    return value


TargetOption = Annotated[str, typer.Option(help="Target proposition.", callback=_proposition)]


def _use_stance_model(name: str | None) -> None:
    """Every label model this process or its workers load uses stance model ``name``."""
    if name is None:
        return
    if name not in STANCE_MODELS:
        raise _fail(f"unknown stance model {name!r}; choose one of {', '.join(STANCE_MODELS)}")
    os.environ["ARGMINE_STANCE_MODEL"] = name


evaluate_app = typer.Typer(no_args_is_help=True, help="Measure argmine on the shared corpora.")
app.add_typer(evaluate_app, name="evaluate")
MicrotextsOption = Annotated[Path | None, typer.Option(
    "--microtexts", help="arg-microtexts folder. Default: ../shared/data/arg-microtexts.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
CimtOption = Annotated[Path | None, typer.Option(
    "--cimt", help="CIMT dataset folder. Default: ../shared/data/cimt-argument-mining.")]
SyntheticOption = Annotated[Path | None, typer.Option(
    "--synthetic", help="Folder of synthetic training documents (b2b-synthetic format). "
    "Default: ../shared/data/b2b-synthetic and corpus/stance-training.")]
#: Weight of an --extra-training sentence: chosen by cross-validation over real annotated
#: web text (docs/stance-evaluation.md).
EXTRA_WEIGHT = 4.0
ExtraTrainingOption = Annotated[list[Path] | None, typer.Option(
    "--extra-training", metavar="DIR",
    help="Folder of your own annotated documents in the same format (e.g. real text of "
    "your thread or domain), read next to the synthetic ones; repeatable.")]
ExtraWeightOption = Annotated[float, typer.Option(
    "--extra-weight", metavar="W",
    help="Sample weight of each --extra-training sentence and document (a synthetic one "
    "weighs 1).")]
AnnotationsOption = Annotated[Path | None, typer.Option(
    "--annotations", help="Gold essay annotations. Default: corpus/annotations/essay.jsonl.")]


def _training_sources(synthetic: Path | None, extra: list[Path] | None, weight: float):
    """``--synthetic`` (default: the default corpora) with the ``--extra-training`` folders."""
    from argmine.evaluate.synthetic import Sources

    return Sources(folders=(synthetic,) if synthetic else (), extra=tuple(extra or ()),
                   extra_weight=weight)


def _print_reports(results: dict, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False))
        return
    for name, r in results.items():
        typer.echo(f"\n{name}: macro-F1 {r['macro_f1']:.3f}, majority baseline "
                   f"{r['baseline_macro_f1']:.3f}, n={r['n']}")
        typer.echo(f"  protocol: {r['protocol']}")
        for label, c in r["per_class"].items():
            typer.echo(f"  {label:<10} P {c['precision']:.3f}  R {c['recall']:.3f}  "
                       f"F1 {c['f1']:.3f}  support {c['support']}")
        typer.echo("  confusion (rows gold, columns predicted: " + ", ".join(r["labels"]) + ")")
        for label, row in zip(r["labels"], r["confusion"]):
            typer.echo(f"  {label:<10} " + " ".join(f"{n:>5}" for n in row))


@evaluate_app.command("components")
def evaluate_components_command(microtexts: MicrotextsOption = None, cimt: CimtOption = None,
                                as_json: JsonOption = False) -> None:
    """Role and central claim (microtexts), argumentative and component type (CIMT)."""
    from argmine.train import evaluate_components

    try:
        _print_reports(evaluate_components(microtexts, cimt), as_json)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc


@evaluate_app.command("stance")
def evaluate_stance_command(microtexts: MicrotextsOption = None, cimt: CimtOption = None,
                            annotations: AnnotationsOption = None,
                            synthetic: SyntheticOption = None,
                            extra: ExtraTrainingOption = None,
                            extra_weight: ExtraWeightOption = EXTRA_WEIGHT,
                            as_json: JsonOption = False) -> None:
    """Unit stance: microtexts leave-one-topic-out, the essay with unseen models, and the
    learned model's b2b-synthetic cross-validation (embeds ~4,000 sentences: minutes)."""
    from argmine.train import evaluate_stance

    try:
        sources = _training_sources(synthetic, extra, extra_weight)
        _print_reports(evaluate_stance(microtexts, cimt, annotations, synthetic=sources,
                                       learned=True), as_json)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc


@evaluate_app.command("gold")
def evaluate_gold_command(
    files: Annotated[list[Path], typer.Argument(help="Gold annotation files (JSON Lines).")],
    texts: Annotated[Path, typer.Option(
        "--texts", help="Folder with each document's text as <doc_id>.txt.")],
    target: TargetOption = DEFAULT_TARGET,
    as_json: JsonOption = False,
) -> None:
    """The shipped models on your own gold annotations: unit stance, component, document
    stance. Annotate real thread text before looking at argmine's labels for it."""
    from argmine.classify.labeller import Labeller
    from argmine.evaluate.annotations import TextFolder, load_annotations
    from argmine.evaluate.protocols import evaluate_gold

    labeller = Labeller.load()
    if labeller is None:
        raise _fail("no label models (models/labels.skops); run argmine train")
    try:
        documents = TextFolder(texts)
        units = [u for path in files for u in load_annotations(path, documents)]
        source = ", ".join(map(str, files))
        results = evaluate_gold(units, documents, target, labeller.models, source)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    _print_reports(results, as_json)


@evaluate_app.command("segmentation")
def evaluate_segmentation_command(microtexts: MicrotextsOption = None,
                                  as_json: JsonOption = False) -> None:
    """Unit boundaries against the microtexts' EDUs: model, rules and sentence baseline."""
    from argmine.evaluate.microtexts import load_corpus
    from argmine.evaluate.segmentation import evaluate_segmentation

    try:
        result = evaluate_segmentation(load_corpus(microtexts))
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    typer.echo(result["protocol"])
    typer.echo(f"{'segmenter':<10} {'b-prec':>7} {'b-rec':>7} {'b-F1':>7} {'unit-F1':>8}")
    for name, scores in result["segmenters"].items():
        b, u = scores["boundary"], scores["exact_unit"]
        typer.echo(f"{name:<10} {b['precision']:>7.3f} {b['recall']:>7.3f} {b['f1']:>7.3f} "
                   f"{u['f1']:>8.3f}")


class Model(str, Enum):
    """The models ``argmine train`` fits, in the order it fits them."""

    segmenter = "segmenter"
    labels = "labels"
    stance = "stance"
    stance_ngrams = "stance-ngrams"


OnlyOption = Annotated[list[Model] | None, typer.Option(
    "--only", help="Fit only this model (repeatable); the others stay as they are. "
    "Default: all four.")]


@app.command()
def train(
    only: OnlyOption = None,
    microtexts: MicrotextsOption = None,
    cimt: CimtOption = None,
    annotations: AnnotationsOption = None,
    synthetic: SyntheticOption = None,
    extra: ExtraTrainingOption = None,
    extra_weight: ExtraWeightOption = EXTRA_WEIGHT,
    output: Annotated[Path | None, typer.Option(help="Model folder. Default: models/.")] = None,
) -> None:
    """Evaluate, then fit and save the models (deterministic; see models/README.md)."""
    from argmine.train import train_labels, train_segmenter, train_stance

    models, metrics = set(only or Model), {}
    try:
        if Model.segmenter in models:
            summary = train_segmenter(microtexts, output)
            typer.echo(f"segmenter: boundary F1 {summary['boundary_f1']:.3f} "
                       f"(held out; sentence baseline {summary['baseline_boundary_f1']:.3f})")
        if Model.labels in models:
            metrics = train_labels(microtexts, cimt, annotations, output)
        if Model.stance in models:
            metrics["learned stance"] = train_stance(
                _training_sources(synthetic, extra, extra_weight), annotations, output)
        if Model.stance_ngrams in models:
            metrics["learned n-gram stance"] = train_stance(
                _training_sources(synthetic, extra, extra_weight), annotations, output,
                ngrams=True)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    for group in metrics.values():
        for name, result in group.items():
            typer.echo(f"{name}: macro-F1 {result['macro_f1']:.3f} "
                       f"(baseline {result['baseline_macro_f1']:.3f})")


@app.command()
def finetune(
    synthetic: SyntheticOption = None,
    extra: ExtraTrainingOption = None,
    extra_weight: ExtraWeightOption = EXTRA_WEIGHT,
    output: Annotated[Path | None, typer.Option(help="Model folder. Default: models/.")] = None,
    epochs: Annotated[int, typer.Option(help="Passes over the training sentences.")] = 3,
    first_layer: Annotated[int | None, typer.Option(
        min=0, max=11, help="Lowest of e5-small's 12 layers that gets LoRA updates "
        "(default: 8, layers 8-11).")] = None,
    folds: Annotated[int | None, typer.Option(
        min=2, help="Folds by thread for the out-of-fold probabilities "
        "(default: the stance model's).")] = None,
) -> None:
    """Fine-tune the stance adapter (e5-small + LoRA) on the synthetic training documents:
    out-of-fold probabilities, then the adapter itself (needs torch: pip install -e
    '.\\[train]'; 40-60 minutes on two busy cores).  Run 'argmine train' afterwards, with the
    same training options: the stance model then reads the adapter (models/README.md says
    whether the shipped one does)."""
    from dataclasses import replace

    from argmine.classify.finetune import Settings
    from argmine.train import finetune_adapter

    settings = Settings(epochs=epochs)
    if first_layer is not None:
        settings = replace(settings, first_layer=first_layer)
    try:
        summary = finetune_adapter(_training_sources(synthetic, extra, extra_weight), output,
                                   settings, folds=folds,
                                   report=lambda line: err.print(line, markup=False))
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"adapter: macro-F1 {summary['macro_f1']:.3f} ({summary['protocol']})")


GoldFilesOption = Annotated[list[Path] | None, typer.Option(
    "--gold", help="Gold annotation file (JSON Lines, the guidelines' format); repeatable.")]
TextsOption = Annotated[Path | None, typer.Option(
    "--texts", help="Folder with each gold document's text as <doc_id>.txt.")]


@app.command()
def adapt(
    db: Annotated[Path | None, typer.Option(
        "--db", help="Use the gold in this database's annotations table.")] = None,
    thread: Annotated[str | None, typer.Option(help="Only this thread's annotations.")] = None,
    annotator: Annotated[str | None, typer.Option(help="Only this annotator's labels.")]
    = None,
    gold: GoldFilesOption = None,
    texts: TextsOption = None,
    target: Annotated[str, typer.Option(help="Target proposition of the gold files.")]
    = DEFAULT_TARGET,
    synthetic: SyntheticOption = None,
    output: Annotated[Path | None, typer.Option(help="Model folder. Default: models/.")] = None,
) -> None:
    """Refit the learned stance model on b2b-synthetic plus your thread's gold annotations
    (minutes); then 'argmine ingest --reanalyze' relabels with it."""
    from argmine.train import adapt as run_adapt
    from argmine.train import read_gold, shipped_adapter

    try:
        adapter = shipped_adapter(synthetic)
        documents, source = read_gold(gold or (), texts, db, thread, annotator, target,
                                      adapter)
        err.print(f"adapting to {sum(len(d.labels) for d in documents)} gold units of "
                  f"{len(documents)} documents ({source})", markup=False)
        result = run_adapt(documents, source, synthetic, output, adapter)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    typer.echo(f"stance model {result['version']}: {result['gold_units']} gold units "
               f"(weight {result['weight']:g}) + {result['synthetic_sentences']} synthetic "
               f"sentences -> {result['path']}")
    typer.echo("relabel with: argmine ingest --reanalyze"
               + (f" (ARGMINE_MODEL_DIR={output})" if output else ""))


@evaluate_app.command("learning-curve")
def evaluate_learning_curve_command(
    gold: Annotated[list[Path], typer.Option(
        "--gold", help="Gold annotation file (JSON Lines); repeatable.")],
    texts: Annotated[Path, typer.Option(
        "--texts", help="Folder with each document's text as <doc_id>.txt.")],
    sizes: Annotated[str, typer.Option(help="Gold units added, comma-separated.")]
    = "0,25,50,100",
    seeds: Annotated[int, typer.Option(help="Splits of the gold documents.")] = 3,
    strategy: Annotated[list[str] | None, typer.Option(
        help="random and/or uncertain (default both).")] = None,
    target: TargetOption = DEFAULT_TARGET,
    synthetic: SyntheticOption = None,
    as_json: JsonOption = False,
) -> None:
    """How unit stance macro-F1 on half the gold documents grows as units of the other half
    are added to the training data, chosen at random or where the model is least sure."""
    from argmine.train import read_gold, shipped_adapter, stance_learning_curve

    try:
        numbers = [int(k) for k in sizes.split(",") if k.strip()]
    except ValueError as exc:
        raise _fail(f"--sizes {sizes!r}: not comma-separated numbers") from exc
    try:
        adapter = shipped_adapter(synthetic)
        documents, _ = read_gold(gold, texts, target=target, adapter=adapter)
        result = stance_learning_curve(
            documents, numbers, seeds, synthetic, tuple(strategy or ("random", "uncertain")),
            report=None if as_json else lambda line: err.print(line, markup=False),
            adapter=adapter)
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    typer.echo(result["protocol"])
    typer.echo(f"model without gold: {result['base']}")
    typer.echo(f"{'strategy':<10} {'units':>5} {'macro-F1':>9} {'sd':>6}")
    for row in result["rows"]:
        typer.echo(f"{row['strategy']:<10} {row['size']:>5} {row['mean']:>9.3f} "
                   f"{row['sd']:>6.3f}")


@app.command()
def runs(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="How many runs, newest first.")] = 20,
) -> None:
    """What each ingest run added, changed, skipped and failed."""
    from rich.table import Table

    from argmine.store import connect
    from argmine.store.queries import runs as list_runs

    if not db.exists():
        raise _fail(f"{db}: no such database; run 'argmine ingest' first")
    table = Table(title=f"Runs in {db}", title_justify="left")
    for column in ("run", "started", "seconds", "sources", "added", "changed", "unchanged",
                   "errors", "label models"):
        table.add_column(column, justify="left" if column in ("started", "label models") else "right")
    for run in list_runs(connect(db, create=False), limit):
        seconds = "-"
        if run["ended_at"]:
            seconds = str(round((datetime.fromisoformat(run["ended_at"]) -
                                 datetime.fromisoformat(run["started_at"])).total_seconds()))
        labels = json.loads(run["model_versions"] or "{}").get("labels", "-")
        table.add_row(str(run["id"]), run["started_at"][:19], seconds, str(run["sources"]),
                      str(run["documents_added"]), str(run["documents_changed"]),
                      str(run["documents_unchanged"]), str(run["errors"]), labels)
    # a log file (cron) is no terminal: Rich would cut the table to 80 columns there
    Console(highlight=False, width=None if sys.stdout.isatty() else 160).print(table)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8001,
    mutable: Annotated[bool, typer.Option(help="Open read-write (default: immutable).")] = False,
    write_metadata: Annotated[Path | None, typer.Option(
        help="Write the Datasette metadata to this file and exit.")] = None,
) -> None:
    """Explore the database in Datasette, with argmine's descriptions, facets and queries."""
    from argmine.serve import serve as run_serve
    from argmine.serve import write_metadata as write

    if not db.exists():
        raise _fail(f"{db}: no such database; run 'argmine ingest' first")
    if write_metadata:
        typer.echo(f"metadata written to {write(db, write_metadata)}")
        return
    err.print(f"Datasette on http://{host}:{port}/ ({'read-write' if mutable else 'read-only'})",
              markup=False)
    run_serve(db, host, port, immutable=not mutable)


@app.command()
def analyze(
    source: Annotated[str, typer.Argument(
        help="A plain text file, or - for standard input; read as it is (front matter and "
        "markup are text too: ingest reads documents).")] = "-",
    lines: Annotated[bool, typer.Option(help="Every input line is one document.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl or text.")] = "jsonl",
    target: TargetOption = DEFAULT_TARGET,
    spacy_model: SpacyOption = None,
    stance_model: StanceOption = None,
) -> None:
    """Segment and label text without a database."""
    _use_stance_model(stance_model)
    from argmine.analyze import analyze_texts, shipped_labeller
    from argmine.nlp.pipeline import load_pipeline
    from argmine.sources.decode import decode_text

    if fmt not in ("jsonl", "text"):
        raise _fail(f"unknown format {fmt!r}; choose jsonl or text")
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        raw = decode_text(data, "standard input" if source == "-" else source)  # BOM, cp1252
        pipeline = load_pipeline(spacy_model)
        labeller = shipped_labeller()  # once for all lines, not once per line
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{source}: {exc}") from exc
    except ArgmineError as exc:
        raise _fail(str(exc)) from exc
    texts = input_lines(raw) if lines else [raw]
    numbered = [(number, text) for number, text in enumerate(texts, start=1) if text.strip()]
    for start in range(0, len(numbered), LINES_PER_BATCH):
        batch = numbered[start:start + LINES_PER_BATCH]
        results = analyze_texts([text for _, text in batch], pipeline, target, labeller)
        for (number, _), result in zip(batch, results):
            _print_analysis({"line": number, **result}, fmt)


LINES_PER_BATCH = 64  # lines analysed together: batched models, output as it comes


def input_lines(text: str) -> list[str]:
    """``text``'s lines as ``wc -l`` and every line-based tool count them: split at
    ``\n``, ``\r\n`` or ``\r`` only.  ``str.splitlines`` also splits at form feeds,
    U+2028 and NEL, which web text carries, and the line numbers then no longer pointed
    at the input's lines."""
    found = re.split(r"\r\n|\n|\r", text)
    return found[:-1] if found and found[-1] == "" else found


def _print_analysis(result: dict, fmt: str) -> None:
    if fmt == "jsonl":
        typer.echo(json_line(result))
        return
    typer.echo(f"[{result['line']}] {result['stance']} ({result['confidence']:.2f})")
    for unit in result["units"]:
        typer.echo(f"  {unit['start']:>5}-{unit['end']:<5} {unit['component'] or '-':<8} "
                   f"{unit['stance'] or '-':<8} {unit['text']}")


from argmine.annotate.cli import agreement_command, annotate_app  # noqa: E402 (issue 12)

app.add_typer(annotate_app, name="annotate")
app.command("agreement")(agreement_command)


if __name__ == "__main__":  # python -m argmine.cli
    app()
