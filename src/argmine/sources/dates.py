"""Dates as blogs write them, normalised to ISO 8601.

Blog engines print comment dates in the page language ("26. Januar 2011 um
14:32", "26.01.2011 14:32"); feeds and exports use RFC 822 or ISO forms.
dateutil parses the machine forms; German month names are mapped first.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateutil_parser

_MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3,
    "mär": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7,
    "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
}
_GERMAN_LONG = re.compile(
    r"(?P<day>\d{1,2})\.\s*(?P<month>[A-Za-zäÄ]+)\.?\s+(?P<year>\d{4})"
    r"(?:\D{0,8}?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?"
)
_GERMAN_NUMERIC = re.compile(
    r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})[.,]\s?(?P<year>\d{4}|\d{2}\b)"
    r"(?:\D{0,8}?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?"
)


def _from_match(match: re.Match[str], month: int) -> str | None:
    year = int(match["year"])
    if year < 100:
        year += 2000
    try:
        moment = datetime(
            year, month, int(match["day"]), int(match["hour"] or 0), int(match["minute"] or 0)
        )
    except ValueError:
        return None
    return moment.isoformat(timespec="minutes") if match["hour"] else moment.date().isoformat()


def _german(value: str) -> str | None:
    match = _GERMAN_LONG.search(value)
    if match and match["month"].lower() in _MONTHS:
        return _from_match(match, _MONTHS[match["month"].lower()])
    match = _GERMAN_NUMERIC.search(value)
    if match:
        return _from_match(match, int(match["month"]))
    return None


def parse_date(value: str | None) -> str | None:
    """Return an ISO 8601 string for a date in any common blog form, else None.

    Never raises: an unparseable date is stored as missing, not as an error.
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    german = _german(value)
    if german:
        return german
    try:
        moment = dateutil_parser.parse(value)
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is None and not re.search(r"\d{1,2}:\d{2}", value):
        return moment.date().isoformat()
    return moment.isoformat()
