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
