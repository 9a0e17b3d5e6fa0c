#!/usr/bin/env python3
"""End-to-end ingest throughput, memory, database size and no-change re-run time.

Usage: python scripts/bench_ingest.py [--docs N] [--json] [--keep DIR] [--workers N]
                                      [--no-labels] [--stance-model fast|ngrams|encoder] [--runs N]

Generates a synthetic German-like thread archive of N documents (posts of
about 300 words, comments of about 60, in JSON Lines files of 50 documents,
made from the templates and lexicon of bench_nlp.py, seeded), runs
``argmine ingest`` on it in a child process, then runs it again with
nothing new.  Reported in one run: end-to-end words per second (parse,
analyse, label, write), the bare spacy.blank("de") tokenizer's words per
second on the same text, their ratio, the child's peak memory, database
bytes per 1,000 documents, the re-run's seconds, and the model version the stored labels
carry (``fast`` is the rules: no stance part).  Also the start-up: the
seconds of the same ingest of the archive's first document alone (imports,
model loading, one document), and the ratio with them taken out of the measured
path (``ratio_after_startup``): what each further document costs, which is what
a bulk run of any size pays per word.
Targets (issue 6): ratio >= 0.25, peak memory < 1 GB for 20,000 documents,
a no-change re-run of 20,000 documents in under 5 seconds; issue 11: ratio >= 0.20.
The ingest (``ratio``) is timed as a user's bulk run pays it: imports and model
loading included.  The machine's load average (1 minute, before and after) is reported
too, because other jobs on the machine take cores from the ingest but hardly from
the one-core tokenizer measure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path
from statistics import median

import spacy

from bench_nlp import generate, print_result, words_per_second

from argmine.config import FAST, STANCE_MODELS

PER_FILE = 50


def archive(folder: Path, docs: int, seed: int = 7) -> list[str]:
    """Write the archive; return all texts (for the tokenizer comparison)."""
    rng = random.Random(seed)
    posts = generate(min(docs, 5000) * 60, seed=seed)  # a pool of paragraphs to draw from
    texts, records = [], []
    thread = 0
    while len(texts) < docs:
        thread += 1
        url = f"https://blog{thread % 97}.example.org/{thread}/"
        body = " ".join(rng.sample(posts, 3))
        records.append({"id": url, "url": url, "kind": "post", "title": f"Beitrag {thread}",
                        "author": f"Autorin {thread % 211}", "published": "2011-01-10",
                        "text": body})
        texts.append(body)
        for c in range(rng.randint(3, 15)):
            if len(texts) >= docs:
                break
            comment = rng.choice(posts)
            records.append({"id": f"{url}#comment-{c}", "url": f"{url}#comment-{c}",
                            "kind": "comment", "parent": url, "author": f"Leser {rng.randint(1, 500)}",
                            "published": "2011-01-11", "text": comment})
            texts.append(comment)
    for start in range(0, len(records), PER_FILE):
        chunk = records[start:start + PER_FILE]
        path = folder / f"archive-{start // PER_FILE:05d}.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in chunk) + "\n",
                        "utf-8")
    return texts


#: ``--no-labels``: the library's ingest without label models (segment and store only).
UNLABELLED = ("import os, sys\nfrom argmine.ingest import ingest\nfrom argmine.records import "
              "Thread\ningest([sys.argv[1]], sys.argv[2], thread=Thread('bench', 'B2B'), "
              "labeller=None, workers=int(sys.argv[3]) or os.cpu_count() or 1)")


def first_document(work: Path) -> Path:
    """A folder holding the archive's first document alone (for the start-up)."""
    folder = work / "startup"
    folder.mkdir(exist_ok=True)
    first = next(iter(sorted((work / "archive").glob("*.jsonl")))).read_text("utf-8")
    (folder / "first.jsonl").write_text(first.splitlines()[0] + "\n", "utf-8")
    return folder


def run_ingest(folder: Path, db: Path, workers: int | None,
               stance_model: str | None = "fast") -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one `argmine ingest` child process (``stance_model``
    None: without any label model)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    if stance_model:
        extra = ["--workers", str(workers)] if workers else []
        command = ["-m", "argmine.cli", "ingest", "-q", "--db", str(db), "--thread", "bench",
                   "--stance-model", stance_model, *extra, str(folder)]
    else:
        command = ["-c", UNLABELLED, str(folder), str(db), str(workers or 0)]
    subprocess.run([sys.executable, *command], check=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", type=Path, help="Keep the archive and database here.")
    parser.add_argument("--workers", type=int, help="argmine ingest --workers (default: its "
                        "default, the CPU count).")
    parser.add_argument("--no-labels", action="store_true", help="Segment and store only, "
                        "without the label models: the floor under the labelling cost.")
    parser.add_argument("--runs", type=int, default=1, help="Measure the tokenizer, the "
                        "start-up and the ingest this many times (fresh databases) and "
                        "report the medians, with each run's ratios.")
    parser.add_argument("--stance-model", default=FAST, choices=list(STANCE_MODELS),
                        help="The stance model labelling (default: fast, the bulk setting).")
    args = parser.parse_args()
    if args.keep:
        measure(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="argmine-bench-") as folder:
            measure(args, Path(folder))


def measure(args: argparse.Namespace, work: Path) -> None:
    (work / "archive").mkdir(parents=True, exist_ok=True)
    db = work / "bench.db"
    texts = archive(work / "archive", args.docs)
    words = sum(len(t.split()) for t in texts)
    load_before = os.getloadavg()[0]
    stance_model = None if args.no_labels else args.stance_model
    first = first_document(work)
    runs = [one_run(work, first, texts, db, args.workers, stance_model)
            for _ in range(args.runs)]
    rerun, _ = run_ingest(work / "archive", db, args.workers, stance_model)
    size = sum(p.stat().st_size for p in work.glob("bench.db*"))
    with closing(sqlite3.connect(db)) as connection:  # what labelled, as stored
        (version,) = connection.execute("SELECT model_version FROM units LIMIT 1").fetchone() \
            or (None,)
    tokenizer, startup, seconds = (median(run[k] for run in runs) for k in range(3))
    ratios = [round(words / run[2] / run[0], 3) for run in runs]
    after_startup = [round(words / (run[2] - run[1]) / run[0], 3) for run in runs]
    result = {
        "docs": args.docs, "words": words, "stance_model": stance_model or "none",
        "model_version": version,
        "runs": args.runs,
        "words_per_second": round(words / seconds),
        "tokenizer_words_per_second": round(tokenizer),
        "ratio": round(median(ratios), 3),
        "startup_seconds": round(startup, 2),
        "ratio_after_startup": round(median(after_startup), 3),
        "peak_rss_mb": round(max(run[3] for run in runs)),
        "db_bytes_per_1000_docs": round(size / args.docs * 1000),
        "ingest_seconds": round(seconds, 1),
        "rerun_seconds": round(rerun, 2),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    if args.runs > 1:
        result.update(ratios=ratios, ratios_after_startup=after_startup)
    print_result(result, args.json)


def one_run(work: Path, first: Path, texts: list[str], db: Path, workers: int | None,
            stance_model: str | None) -> tuple[float, float, float, float]:
    """Tokenizer words/s (a fresh vocabulary), start-up seconds (the ingest of ``first``,
    the folder holding the first document alone), ingest seconds into a fresh database, and
    the ingest's peak memory (MB)."""
    blank = spacy.blank("de")
    tokenizer = words_per_second(lambda ts: [blank.make_doc(t) for t in ts], texts)
    for path in [*work.glob("bench.db*"), *work.glob("startup.db*")]:
        path.unlink()
    startup = run_ingest(first, work / "startup.db", workers, stance_model)[0]
    seconds, peak_mb = run_ingest(work / "archive", db, workers, stance_model)
    return tokenizer, startup, seconds, peak_mb


if __name__ == "__main__":
    main()
