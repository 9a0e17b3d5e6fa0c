"""Export, annotate, import, agree: round trips through the CLI on the invented thread
of conftest.py (labels fixed by hand, not by the models)."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmine.annotate.export import FIELDS, candidate_units, select_units
from argmine.annotate.importing import import_annotations
from argmine.cli import app
from argmine.errors import ArgmineError
from argmine.store import Store, connect
from tests.annotate.conftest import DOCUMENTS, THREAD_ID, labelled_document

runner = CliRunner()


def cli(*args: str, code: int = 0):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result


def export(db: Path, path: Path, *options: str) -> Path:
    cli("annotate", "export", "--db", str(db), "-o", str(path), *options)
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def rows(db: Path, sql: str) -> list[tuple]:
    return sqlite3.connect(db).execute(sql).fetchall()


def change_five_stances(records: list[dict]) -> list[dict]:
    """The first three PRO lines become CONTRA, the first two NEUTRAL lines PRO."""
    changed = [dict(r) for r in records]
    pro = [r for r in changed if r["stance"] == "PRO"][:3]
    neutral = [r for r in changed if r["stance"] == "NEUTRAL"][:2]
    for r in pro:
        r["stance"] = "CONTRA"
    for r in neutral:
        r["stance"] = "PRO"
    return changed


def test_round_trip_two_annotators_agreement_by_hand(labelled_db, tmp_path):
    exported = export(labelled_db, tmp_path / "sample.jsonl", "-n", "20", "--seed", "7")
    records = read_jsonl(exported)
    assert len(records) == 20
    assert set(FIELDS) <= set(records[0]) and records[0]["annotator"] is None
    model_before = rows(labelled_db, "SELECT * FROM units ORDER BY id")

    cli("annotate", "import", str(exported), "--annotator", "A", "--db", str(labelled_db))
    cli("annotate", "import", str(write_jsonl(tmp_path / "b.jsonl", change_five_stances(records))),
        "--annotator", "B", "--db", str(labelled_db))
    result = json.loads(cli("agreement", "--db", str(labelled_db), "--json").stdout)

    # hand computation in test_agreement.py::test_round_trip_figures_by_hand:
    # alpha = 1 - 39 * 10 / (2 * (15*17 + 15*8 + 17*8)) = 316/511
    assert result["stance"]["alpha"] == pytest.approx(316 / 511)
    assert (result["stance"]["units"], result["stance"]["annotators"]) == (20, 2)
    assert result["component"]["alpha"] == 1.0
    assert result["component"]["units"] == 20
    model = {m["annotator"]: m for m in result["model"]}
    assert model["A"]["stance_kappa"] == 1.0 and model["A"]["units"] == 20
    assert model["B"]["stance_kappa"] == pytest.approx(159 / 259)  # (15/20 - 141/400) / (259/400)
    assert model["B"]["stance_agreement"] == 0.75
    assert rows(labelled_db, "SELECT * FROM units ORDER BY id") == model_before  # never touched


def test_reimport_is_idempotent(labelled_db, tmp_path):
    exported = export(labelled_db, tmp_path / "sample.jsonl", "-n", "20")
    cli("annotate", "import", str(exported), "--annotator", "A", "--db", str(labelled_db))
    before = rows(labelled_db, "SELECT * FROM annotations ORDER BY id")
    again = cli("annotate", "import", str(exported), "--annotator", "A", "--db", str(labelled_db))
    assert "0 added, 0 changed, 20 unchanged" in again.output
    assert rows(labelled_db, "SELECT * FROM annotations ORDER BY id") == before
    edited = change_five_stances(read_jsonl(exported))
    third = cli("annotate", "import", str(write_jsonl(tmp_path / "e.jsonl", edited)),
                "--annotator", "A", "--db", str(labelled_db))
    assert "0 added, 5 changed, 15 unchanged" in third.output
    assert rows(labelled_db, "SELECT COUNT(*) FROM annotations") == [(20,)]


def test_a_wrong_span_text_refuses_the_file_and_stores_nothing(labelled_db, tmp_path):
    records = read_jsonl(export(labelled_db, tmp_path / "sample.jsonl", "-n", "20"))
    records[6]["text"] = records[6]["text"].replace("e", "é", 1)
    bad = write_jsonl(tmp_path / "bad.jsonl", records)
    result = cli("annotate", "import", str(bad), "--annotator", "A", "--db", str(labelled_db),
                 code=1)
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith(f"error: {bad}: line 7: text does not match document ")
    assert rows(labelled_db, "SELECT COUNT(*) FROM annotations") == [(0,)]


def test_label_studio_round_trip(labelled_db, tmp_path):
    tasks_path = export(labelled_db, tmp_path / "tasks.json", "--format", "label-studio",
                        "--select", "all")
    assert (tmp_path / "tasks.label-config.xml").read_text("utf-8").startswith("<View>")
    tasks = json.loads(tasks_path.read_text("utf-8"))
    assert len(tasks) == 20 and all(t["predictions"][0]["result"] for t in tasks)
    # what Label Studio's JSON export holds after an annotator accepted the predictions
    # (and changed one stance); one task left unannotated
    for number, task in enumerate(tasks):
        result = json.loads(json.dumps(task["predictions"][0]["result"]))
        if number == 0:
            result[1]["value"]["choices"] = ["NEUTRAL"]
        task["id"] = number + 1
        task["annotations"] = [{"completed_by": {"email": "carla@example.org"},
                                "result": result, "was_cancelled": False}]
    tasks[-1]["annotations"] = []
    annotated = tmp_path / "export.json"
    annotated.write_text(json.dumps(tasks, ensure_ascii=False), "utf-8")

    output = cli("annotate", "import", str(annotated), "--db", str(labelled_db)).output
    assert "19 annotations by label-studio:carla@example.org" in output
    assert "1 Label Studio tasks without annotations skipped" in output
    differing = rows(labelled_db, "SELECT a.unit_id, a.stance FROM annotations a JOIN units u "
                                  "ON u.id = a.unit_id WHERE a.stance != u.stance "
                                  "OR a.component != u.component OR a.central != u.central")
    assert differing == [(tasks[0]["data"]["unit_id"], "NEUTRAL")]


def test_csv_round_trip_with_semicolons(labelled_db, tmp_path):
    exported = export(labelled_db, tmp_path / "sample.csv", "--format", "csv", "-n", "8",
                      "--select", "uncertain")
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [float(r["confidence"]) for r in table] == [round(0.3 + 0.03 * i, 3) for i in range(8)]
    table[0]["central"] = "nein"  # the central claim moves to the next unit, typed the way
    table[1]["stance"], table[1]["central"] = "neutral", "ja"  # a spreadsheet user would
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as handle:  # German Excel: semicolons
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(table)
    cli("annotate", "import", str(edited), "--annotator", "C", "--db", str(labelled_db))
    stored = rows(labelled_db, "SELECT unit_id, stance, central FROM annotations ORDER BY unit_id")
    assert len(stored) == 8
    assert (table[0]["unit_id"], "PRO", 0) in stored
    assert (table[1]["unit_id"], "NEUTRAL", 1) in stored


@pytest.mark.parametrize("change, reason", [
    ({"stance": "DAFÜR"}, "stance 'DAFÜR' is not one of CONTRA, NEUTRAL, PRO"),
    ({"component": "thesis"}, "component 'thesis' is not one of claim, none, premise"),
    ({"central": "maybe"}, "central must be true or false"),
    ({"start": "x"}, "start is not a character offset"),
    ({"doc_id": "nowhere"}, "unknown document 'nowhere'"),
    ({"end": 10_000}, "span"),
    ({"unit_id": "nope:1"}, "unknown unit 'nope:1'"),
    ({"annotator": None}, "no annotator (give --annotator NAME)"),
])
def test_each_kind_of_bad_line_is_named(labelled_db, tmp_path, change, reason):
    records = read_jsonl(export(labelled_db, tmp_path / "s.jsonl", "--select", "all"))
    for r in records:
        r["annotator"] = "A"
    records[2].update(change)
    with pytest.raises(ArgmineError) as error:
        import_annotations(connect(labelled_db), write_jsonl(tmp_path / "bad.jsonl", records))
    assert str(error.value).startswith(f"{tmp_path / 'bad.jsonl'}: line 3: ")
    assert reason in str(error.value)


def test_overlaps_and_second_central_claims_are_refused(labelled_db, tmp_path):
    records = read_jsonl(export(labelled_db, tmp_path / "s.jsonl", "--select", "all", "-n", "5"))
    twice = write_jsonl(tmp_path / "twice.jsonl", records + [records[1]])
    with pytest.raises(ArgmineError, match="line 6: repeats the span of line 2"):
        import_annotations(connect(labelled_db), twice, "A")
    records[3]["central"] = True  # records[0] is the document's central claim already
    with pytest.raises(ArgmineError, match="line 4: a second central claim .* line 1"):
        import_annotations(connect(labelled_db), write_jsonl(tmp_path / "c.jsonl", records), "A")


def test_a_gold_file_may_name_documents_by_key_and_spans_of_its_own(labelled_db, tmp_path):
    """The guidelines' gold files (corpus/annotations/) use document keys, and their
    segmentation need not be the model's: such a span is kept without a unit."""
    text = " ".join(sentence for sentence, *_ in DOCUMENTS["invented/post-erika"])
    span = text[:text.index("Ulm") + 3]
    gold = write_jsonl(tmp_path / "gold.jsonl", [{
        "doc_id": "invented/post-erika", "start": 0, "end": len(span), "text": span,
        "component": "claim", "stance": "PRO", "central": True, "annotator": "D"}])
    result = import_annotations(connect(labelled_db), gold)
    assert (result.added, result.without_unit) == (1, 1)
    assert rows(labelled_db, "SELECT unit_id FROM annotations") == [(None,)]


def test_annotations_survive_relabelling_and_find_their_unit_again(labelled_db, tmp_path):
    exported = export(labelled_db, tmp_path / "s.jsonl", "--select", "all")
    cli("annotate", "import", str(exported), "--annotator", "A", "--db", str(labelled_db))
    store = Store(connect(labelled_db))
    key = "invented/comment-jonas"
    store.write(labelled_document(key, DOCUMENTS[key], "2011-01-11"))  # units re-inserted
    assert rows(labelled_db, "SELECT COUNT(*), COUNT(unit_id) FROM annotations") == [(20, 20)]
    merged = labelled_document(key, DOCUMENTS[key], "2011-01-11")
    first, second = merged.units[:2]
    merged.units[:2] = [type(first)(first.start, second.end, merged.text[first.start:second.end],
                                    "claim", "CONTRA", 0.5, True, "other")]
    store.write(merged)  # a new segmentation: the two annotated spans lose their unit
    assert rows(labelled_db, "SELECT COUNT(*), COUNT(unit_id) FROM annotations") == [(20, 18)]
    assert rows(labelled_db, "PRAGMA foreign_key_check") == []


def test_selection_is_seeded_and_uncertain_takes_the_lowest_confidence(labelled_db):
    units = candidate_units(connect(labelled_db))
    assert select_units(units, "random", 5, seed=3) == select_units(units, "random", 5, seed=3)
    assert select_units(units, "random", 5, seed=3) != select_units(units, "random", 5, seed=4)
    assert sorted(u.confidence for u in select_units(units, "uncertain", 3)) == [0.3, 0.33, 0.36]
    assert len(select_units(units, "all")) == 20
    with pytest.raises(ArgmineError, match="unknown thread"):
        candidate_units(connect(labelled_db), "elsewhere")
    assert len(candidate_units(connect(labelled_db), THREAD_ID)) == 20


def test_report_shows_the_gold_and_the_agreement_table(labelled_db, tmp_path):
    from importlib.resources import files

    import jsonschema

    from argmine.report import build_report, render

    plain = build_report(connect(labelled_db))
    assert plain.threads[0].annotations is None
    assert "Agreement between annotators" not in render(plain, "html")
    records = read_jsonl(export(labelled_db, tmp_path / "s.jsonl", "-n", "20"))
    for name, lines in (("A", records), ("B", change_five_stances(records))):
        import_annotations(connect(labelled_db), write_jsonl(tmp_path / f"{name}.jsonl", lines),
                           name)
    report = build_report(connect(labelled_db))
    gold = report.threads[0].annotations
    assert gold.annotators == ["A", "B"] and gold.stance.alpha == pytest.approx(316 / 511)
    html = render(report, "html")
    assert "Agreement between annotators" in html and "The model against the gold" in html
    assert "0.618" in html and "0.614" in html  # stance alpha, B's stance kappa
    assert "| stance | 0.618 | 20 | 2 |" in render(report, "markdown")
    assert "0.618" in render(report, "text")
    schema = json.loads(files("argmine.report").joinpath("schema.json").read_text("utf-8"))
    data = json.loads(render(report, "json"))
    jsonschema.validate(data, schema)
    assert data["threads"][0]["annotations"]["component"]["alpha"] == 1.0
