import json

import pytest

from argmine.errors import ArgmineError
from argmine.jsonlines import BadLine, json_line, json_objects, read_objects


def test_blank_lines_are_skipped_and_numbers_count_every_line():
    text = '{"a": 1}\n\n   \n{"b": 2}\n'
    assert list(json_objects(text)) == [(1, {"a": 1}), (4, {"b": 2})]


@pytest.mark.parametrize("line, reason", [('{"a": ', "invalid JSON"), ('"text"', "not a JSON object"),
                                          ("[]", "not a JSON object")])
def test_the_first_bad_line_stops_the_reading_with_its_number(line, reason):
    found = json_objects('{"a": 1}\n' + line + '\n{"b": 2}')
    assert next(found) == (1, {"a": 1})
    with pytest.raises(BadLine, match=f"line 2: {reason}") as caught:
        next(found)
    assert caught.value.number == 2


def test_a_file_names_itself_and_the_line_in_its_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"a": 1}\n\n[]\n', "utf-8")
    with pytest.raises(ArgmineError, match=r"gold\.jsonl:3: not a JSON object"):
        list(read_objects(path))


def test_a_line_separator_inside_a_string_neither_splits_a_written_nor_a_read_record():
    record = {"text": "Eins\u2028zwei\u2029drei\x85vier"}
    line = json_line(record)
    assert line.splitlines() == [line]  # one line for any line-splitting reader
    assert list(json_objects(line + "\n" + json.dumps(record, ensure_ascii=False) + "\n")) == [
        (1, record), (2, record)]  # and a raw one, from another writer, still reads
