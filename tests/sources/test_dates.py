from datetime import datetime

import pytest

from argmine.sources.dates import parse_date


@pytest.mark.parametrize("value, expected", [
    ("10. Januar 2011 um 18:02", "2011-01-10T18:02"),
    ("3. März 2010", "2010-03-03"),
    ("26.01.2011 14:32", "2011-01-26T14:32"),
    ("Mon, 10 Jan 2011 08:15:00 +0000", "2011-01-10T08:15:00+00:00"),
    ("2011-01-10", "2011-01-10"),
    ("2011-01-10T09:15:00+01:00", "2011-01-10T09:15:00+01:00"),
    ("irgendwann", None),
    ("31. Februar 2011", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


SAVED = datetime(2018, 6, 21, 10, 0)


@pytest.mark.parametrize("value, expected", [
    ("vor 2 Tagen - Antworten", "2018-06-19"),
    ("vor 1 Tag", "2018-06-20"),
    ("vor 5 Stunden", "2018-06-21T05:00"),
    ("vor einer Woche", "2018-06-14"),
    ("vor 2 Monaten", "2018-04-21"),
    ("gestern um 14:05", "2018-06-20T14:05"),
    ("vorgestern", "2018-06-19"),
    ("19. Juni 2018 um 15:28 Uhr - Antworten", "2018-06-19T15:28"),  # absolute wins
    ("17.07.2011 um 13:04", "2011-07-17T13:04"),
    ("Jonas Test am 3. März 2010", "2010-03-03"),
    ("vor Ort", None),
])
def test_relative_dates_count_back_from_the_reference(value, expected):
    assert parse_date(value, SAVED) == expected


def test_relative_dates_without_a_reference_are_unknown_not_guessed():
    assert parse_date("vor 2 Tagen") is None
    assert parse_date("gestern um 14:05") is None


@pytest.mark.parametrize("value", [
    "2011-01-10", "2012-02-29", "1999-12-31", "2011-01-10T09:15", "2011-01-10T09:15:07",
    "2011-01-10T09:15:00+01:00", "2011-01-10T23:59:59-05:30", "2011-01-10T09:15:00Z",
    "2011-01-10T09:15:00+00:00", "2011-01-10T09:15:00-00:00",
])
def test_iso_forms_read_as_dateutil_reads_them(value):
    from dateutil import parser

    moment = parser.parse(value)
    expected = moment.isoformat() if "T" in value else moment.date().isoformat()
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2011-02-29", "2011-13-01", "0000-01-01",
                                   "2011-01-10T25:00"])
def test_impossible_iso_forms_take_the_general_path(value):
    from dateutil import parser

    try:
        parser.parse(value)
    except (ValueError, OverflowError):
        assert parse_date(value) is None
    else:  # dateutil reads some that the ISO short cut refuses: it must still come through
        assert parse_date(value) is not None


@pytest.mark.parametrize("value", ["2011-01-10T10:00:00+25:00", "2011-01-10T10:00+24:00"])
def test_a_utc_offset_of_a_day_or_more_is_unknown_not_an_error(value):
    assert parse_date(value) is None
