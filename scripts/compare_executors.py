#!/usr/bin/env python3
"""Ingest one corpus with the default executor and with Dask; compare what they stored.

Usage: python scripts/compare_executors.py [--data DIR] [--workers N] [--scheduler ADDRESS]
                                           [--keep DIR] [--json]

Converts the b2b-synthetic corpus (``../shared/data/b2b-synthetic/*.jsonl``, 909
documents: sentences joined with single spaces, ``parent`` kept, so replies
join their threads) into argmine's JSON Lines input, then runs ``argmine
ingest`` on it twice in child processes, ``--executor processes`` and
``--executor dask`` (a LocalCluster of ``--workers`` processes, or the cluster
at ``--scheduler``), each into a fresh database.  Prints each run's wall time
and whether threads, documents, units (offsets, labels) and links are
identical, timestamps and run ids left out.  Exit 1 if they differ.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from argmine.store.queries import STORED_CONTENT, stored_content

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "b2b-synthetic"


def convert(data: Path, out: Path) -> int:
    """One argmine JSON Lines file per corpus file; returns the number of documents.

    The corpus's own kinds (forum, news, interview) become post or comment by
    whether the document answers another, which is all argmine distinguishes.
    """
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(data.glob("*.jsonl")):
        records = []
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                records.append({
                    "id": item["doc_id"], "kind": "comment" if item.get("parent") else "post",
                    "parent": item.get("parent"), "title": item["doc_id"],
                    "text": " ".join(sentence["text"] for sentence in item["sentences"])})
        (out / path.name).write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        count += len(records)
    return count


def run(executor: list[str], corpus: Path, db: Path) -> float:
    """Wall seconds of one ``argmine ingest`` child process (start-up and model loads included)."""
    command = [sys.executable, "-m", "argmine.cli", "ingest", "-q", "--db", str(db), *executor,
               str(corpus)]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


def stored(db: Path) -> dict[str, list[tuple]]:
    return stored_content(Database(db))


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> dict[str, int]:
    """Rows in one database and not the other, per table."""
    return {table: len(set(a[table]) ^ set(b[table])) for table in STORED_CONTENT}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="a running Dask scheduler (default: a LocalCluster)")
    parser.add_argument("--keep", type=Path, help="keep corpus and databases here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        documents = convert(args.data, work / "corpus")
        dask = ["--executor", "dask", "--workers", str(args.workers),
                *(["--scheduler", args.scheduler] if args.scheduler else [])]
        runs = {"processes": ["--workers", str(args.workers)], "dask": dask}
        seconds, rows = {}, {}
        for name, options in runs.items():
            db = work / f"{name}.db"
            for path in work.glob(f"{name}.db*"):
                path.unlink()
            seconds[name] = round(run(options, work / "corpus", db), 2)
            rows[name] = stored(db)
    diff = differences(rows["processes"], rows["dask"])
    result = {"documents": documents,
              "stored": {table: len(found) for table, found in rows["processes"].items()},
              "seconds": seconds, "workers": args.workers, "scheduler": args.scheduler,
              "differing_rows": diff, "identical": not any(diff.values())}
    print(json.dumps(result, indent=2) if args.json else
          f"{documents} documents, {result['stored']['units']} units; "
          f"processes {seconds['processes']} s, dask {seconds['dask']} s "
          f"({args.workers} workers{', ' + args.scheduler if args.scheduler else ''}); "
          f"identical: {result['identical']} {diff}")
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
