#!/usr/bin/env python3
"""argmine's hand-written German date parser against dateparser, on the invented fixtures.

Usage: python scripts/compare_dateparsers.py [--json]   (needs dateparser installed)

Two inputs per date: the bare date as a theme prints it ("19. Juni 2018 um
15:28 Uhr"), and the whole byline the parser really gets from the page
("Jonas Test 19. Juni 2018 um 15:28 Uhr - Antworten").  dateparser reads a
bare date with ``dateparser.parse`` and a byline with ``search_dates``;
argmine uses ``parse_date`` for both.  A date counts as right when it agrees
with the expected value to the minute (to the day where only a day is given).
Relative dates count back from the fixture's saved date.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import datetime
from pathlib import Path

import lxml.html

from argmine.sources.dates import parse_date
from argmine.sources.html import rendered_at

FIXTURE = Path(__file__).resolve().parents[1] / "tests/fixtures/thread/wordpress-comment-box.html"
#: Dates written by other themes and in the issue, with no page around them.
EXTRA = {
    "17.07.2011 um 13:04": "2011-07-17T13:04", "am 3. März 2010": "2010-03-03",
    "10. Januar 2011 um 18:02": "2011-01-10T18:02", "26.01.2011 14:32": "2011-01-26T14:32",
    "Comment by Jonas — 17.07, 2011 @ 13:04": "2011-07-17T13:04",
    "Mon, 10 Jan 2011 08:15:00 +0000": "2011-01-10T08:15",
    "2011-01-10T09:15:00+01:00": "2011-01-10T09:15", "gestern um 14:05": "2018-06-20T14:05",
    "vor einer Woche": "2018-06-14", "31. Februar 2011": None, "irgendwann": None,
}
#: The fixture's comments in page order: what a reader reads in each byline.
EXPECTED = ["2018-06-19T15:28", "2018-06-19T16:02", "2018-06-19T16:40", "2018-06-19T18:11",
            "2018-06-17T13:04", "2018-06-20T08:15", "2018-06-20T09:47", "2018-06-20",
            "2018-06-20T12:30", "2018-06-20T14:05", "2018-06-20T15:00", "2018-06-20T15:22",
            "2018-06-20T16:48", "2018-06-19", "2018-06-20", "2018-06-21T05:00", None,
            "2018-06-21T07:55", "2018-06-21T09:10", "2018-06-21T09:32"]


def bylines() -> tuple[list[str], datetime | None]:
    root = lxml.html.document_fromstring(FIXTURE.read_text("utf-8"))
    texts = [" ".join(" ".join(n.itertext()).split())
             for n in root.xpath("//div[contains(@class, 'comment-author')]")]
    return texts, rendered_at(root)


def agrees(found: datetime | str | None, expected: str | None) -> bool:
    if found is None or expected is None:
        return found is None and expected is None
    found = found if isinstance(found, str) else found.isoformat(timespec="minutes")
    return found[:len(expected)] == expected


def run(parse, cases: list[tuple[str, str | None]]) -> dict:
    start = time.perf_counter()
    results = [parse(text) for text, _ in cases]
    seconds = time.perf_counter() - start
    right = sum(agrees(r, e) for r, (_, e) in zip(results, cases))
    return {"right": right, "of": len(cases), "ms_per_date": round(1000 * seconds / len(cases), 3),
            "wrong": [text for r, (text, e) in zip(results, cases) if not agrees(r, e)]}


def main() -> None:
    import dateparser
    from dateparser.search import search_dates

    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--json", action="store_true")
    options = args.parse_args()
    texts, reference = bylines()
    base = reference.replace(tzinfo=None)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    bare = [(t.split(" ", 2)[-1].split(" - ")[0], e) for t, e in zip(texts, EXPECTED)]
    bare = [(text if any(c.isdigit() for c in text) else "", e) for text, e in bare]
    extra = list(EXTRA.items())
    dateparser.parse("1. Januar 2000", languages=["de"])  # its first call loads locale data

    def dp_parse(text: str):
        return dateparser.parse(text, languages=["de"], settings=settings) if text else None

    def dp_search(text: str):
        found = search_dates(text, languages=["de"], settings=settings)
        return found[0][1] if found else None

    ours = lambda text: parse_date(text, base)  # noqa: E731
    report = {
        "bylines (fixture, 20)": {"argmine": run(ours, list(zip(texts, EXPECTED))),
                                  "dateparser search_dates": run(dp_search, list(zip(texts, EXPECTED)))},
        "bare dates (fixture, 20)": {"argmine": run(ours, bare), "dateparser": run(dp_parse, bare)},
        "other forms (11)": {"argmine": run(ours, extra), "dateparser": run(dp_parse, extra)},
    }
    if options.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for case, parsers in report.items():
        for name, result in parsers.items():
            print(f"{case:<26} {name:<26} {result['right']:>2}/{result['of']} right, "
                  f"{result['ms_per_date']:>7} ms/date  wrong: {result['wrong']}")


if __name__ == "__main__":
    main()
