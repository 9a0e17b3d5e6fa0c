import json
import sqlite3

import pytest
from typer.testing import CliRunner

from argmine.cli import app
from tests.conftest import BAD, THREAD

runner = CliRunner()


def test_ingest_then_report(db_path):
    result = runner.invoke(app, ["ingest", "--db", str(db_path), "--spacy-model",
                                 "argmine-fallback", str(THREAD / "thread.toml")])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    report = runner.invoke(app, ["report", "--db", str(db_path), "--format", "json"])
    assert report.exit_code == 0
    assert json.loads(report.stdout)["threads"][0]["target"] == "Twitter ist für Maschinenbauer nützlich"


def test_bad_sources_exit_1_after_trying_all(db_path):
    result = runner.invoke(app, ["ingest", "-q", "--db", str(db_path), "--spacy-model",
                                 "argmine-fallback", str(BAD / "empty.txt"),
                                 str(THREAD / "essay.md"), str(BAD / "image.txt")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {BAD / 'empty.txt'}: empty file",
                      f"error: {BAD / 'image.txt'}: binary data, not text"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM documents WHERE text IS NOT NULL").fetchone() == (1,)
    assert conn.execute("SELECT COUNT(*) FROM ingest_errors").fetchone() == (2,)


def test_comments_left_unread_by_the_limit_are_a_warning_even_when_quiet(db_path, tmp_path):
    from tests.sources.test_html import CAPPED

    page = tmp_path / "capped.html"
    page.write_text(CAPPED, "utf-8")
    result = runner.invoke(app, ["ingest", "-q", "--db", str(db_path), "--max-comments", "2",
                                 str(page)])
    assert result.exit_code == 0, result.output  # stored what was read: not a failure
    assert result.output.splitlines() == [
        f"warning: {page}: 1 of its 3 comments not read (at most 2 per page; --max-comments)"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM documents WHERE kind = 'comment'").fetchone() == (2,)


def test_report_output_file_and_bad_format(db_path, tmp_path):
    runner.invoke(app, ["ingest", "-q", "--db", str(db_path), str(THREAD / "essay.md")])
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["report", "--db", str(db_path), "-f", "markdown", "-o", str(out)])
    assert result.exit_code == 0 and out.read_text("utf-8").startswith("# argmine report")
    bad = runner.invoke(app, ["report", "--db", str(db_path), "-f", "pdf"])
    assert bad.exit_code == 2 and "unknown format 'pdf'" in bad.output


def test_report_on_missing_database(tmp_path):
    result = runner.invoke(app, ["report", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 2 and "no such database" in result.output


def test_info_names_the_pipeline(db_path):
    runner.invoke(app, ["ingest", "-q", "--db", str(db_path), str(THREAD / "essay.md")])
    result = runner.invoke(app, ["info", "--db", str(db_path)])
    assert result.exit_code == 0
    assert "spaCy pipeline: argmine-fallback" in result.output
    assert "label models: labels-" in result.output and "+targets-" in result.output
    assert "stance model: encoder" in result.output
    assert "target lexicons: Social Media ist für B2B nützlich" in result.output
    assert "schema version (" in result.output


def test_unknown_spacy_model_is_a_clear_error(db_path):
    result = runner.invoke(app, ["ingest", "--db", str(db_path), "--spacy-model", "de_nope",
                                 str(THREAD / "essay.md")])
    assert result.exit_code == 2
    assert "spacy download de_nope" in result.output


def test_analyze_prints_one_json_object_per_line():
    text = "Social Media ist für B2B nützlich, weil man dort Entscheider erreicht.\nDanke!\n"
    result = runner.invoke(app, ["analyze", "-", "--lines", "--format", "jsonl"], input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["line"] for row in rows] == [1, 2]
    first = rows[0]
    assert {"stance", "confidence", "units"} <= set(first)
    assert [u["text"] for u in first["units"]] == [
        "Social Media ist für B2B nützlich,", "weil man dort Entscheider erreicht."]
    assert all({"start", "end", "component", "stance", "confidence"} <= set(u)
               for u in first["units"])


def test_progress_lines_without_a_terminal_give_sources_and_an_eta(monkeypatch):
    import io

    from rich.console import Console

    from argmine import cli

    out = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=out, force_terminal=False, width=200))
    monkeypatch.setattr(cli.IngestProgress, "EVERY", 2)
    with cli.IngestProgress(quiet=False, sources=4) as progress:
        for source in ("a", "b"):
            progress.report("document", "added: post x")
            progress.report("document", "added: comment y")
            progress.report("source", source)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert "2 documents" in lines[0] and "0/4 sources" in lines[0]
    assert "4 documents" in lines[1] and "1/4 sources, ETA " in lines[1]


def test_analyze_numbers_lines_as_wc_does_and_reads_stdin_like_a_file():
    """U+2028, form feeds and NEL split lines too (str.splitlines): every later line number
    was off.  Standard input skipped the decoding a file gets (BOM, Windows-1252)."""
    text = ("Eins\u2028halb.\nZwei\x0cdrei.\r\n\nFür Kunden ist Xing nützlich.\n")
    data = "\ufeff".encode() + text.encode("utf-8")
    result = runner.invoke(app, ["analyze", "-", "--lines", "--stance-model", "fast"],
                           input=data)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    lines = text.split("\n")
    assert [row["line"] for row in rows] == [1, 2, 4]
    for row in rows:  # offsets slice the line as the input has it (a CRLF's CR aside)
        line = lines[row["line"] - 1].rstrip("\r")
        assert all(line[u["start"]:u["end"]] == u["text"] for u in row["units"])
    legacy = runner.invoke(app, ["analyze", "-", "--stance-model", "fast"],
                           input="Für Kunden ist Xing nützlich.".encode("cp1252"))
    assert json.loads(legacy.stdout)["units"][0]["text"] == "Für Kunden ist Xing nützlich."
    empty = runner.invoke(app, ["analyze", "-"], input=b"")
    assert empty.exit_code == 2 and "error: standard input: empty file" in empty.output


def test_analyze_loads_the_label_models_once_for_all_lines(monkeypatch):
    from argmine import analyze
    from argmine.classify.labeller import Labeller

    loads = []
    real_load = Labeller.load.__func__
    monkeypatch.setattr(Labeller, "load",
                        classmethod(lambda cls, path=None, stance=None: loads.append(path) or
                                    real_load(cls, path, stance)))
    analyze._labeller_at.cache_clear()
    text = "Twitter lohnt sich.\nXing bringt nichts, weil keiner liest.\nDanke!\n"
    result = runner.invoke(app, ["analyze", "-", "--lines"], input=text)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3 and all(row["units"][0]["component"] for row in rows)
    assert len(loads) == 1


def test_analyze_reads_a_latin1_file_and_names_an_unreadable_one(tmp_path):
    legacy = tmp_path / "alt.txt"
    legacy.write_bytes("Größe zählt für Maschinenbauer.".encode("latin-1"))
    result = runner.invoke(app, ["analyze", str(legacy), "--format", "text"])
    assert result.exit_code == 0, result.output
    assert "Größe zählt" in result.output
    missing = runner.invoke(app, ["analyze", str(BAD / "image.txt")])
    assert missing.exit_code == 2
    assert f"{BAD / 'image.txt'}: binary data, not text" in missing.output


def _versions(db_path) -> set[str]:
    with sqlite3.connect(db_path) as connection:
        return {v for (v,) in connection.execute("SELECT DISTINCT model_version FROM units")}


def test_stance_model_choice_is_recorded_in_every_label(db_path, tmp_path, monkeypatch):
    monkeypatch.delenv("ARGMINE_STANCE_MODEL", raising=False)
    source = THREAD / "essay.html"
    assert runner.invoke(app, ["ingest", "--db", str(db_path), "-q", str(source)]).exit_code == 0
    (learned,) = _versions(db_path)
    fast_db = tmp_path / "fast.db"
    result = runner.invoke(app, ["ingest", "--db", str(fast_db), "-q", "--stance-model", "fast",
                                 str(source)])
    assert result.exit_code == 0, result.output
    (fast,) = _versions(fast_db)
    assert "+stance-e5-" in learned and "stance-e5" not in fast
    assert learned.split("+")[0] == fast.split("+")[0]  # same component and role models


def test_unknown_stance_model_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("ARGMINE_STANCE_MODEL", raising=False)
    result = runner.invoke(app, ["analyze", "-", "--stance-model", "magic"], input="Text.")
    assert result.exit_code == 2
    assert "unknown stance model 'magic'" in result.output


def test_train_only_refits_the_models_it_is_given(monkeypatch, tmp_path):
    """`--only stance` leaves the segmenter and label models alone (no fitting here: the
    fitters are replaced by recorders)."""
    import argmine.train

    fitted = []
    monkeypatch.setattr(argmine.train, "train_segmenter", lambda *a: fitted.append("segmenter")
                        or {"boundary_f1": 0.9, "baseline_boundary_f1": 0.8})
    monkeypatch.setattr(argmine.train, "train_labels", lambda *a: fitted.append("labels") or {})
    monkeypatch.setattr(argmine.train, "train_stance", lambda *a, ngrams=False: fitted.append(
        "stance-ngrams" if ngrams else "stance") or {
        "synthetic_cv": {"macro_f1": 0.6, "baseline_macro_f1": 0.2}})
    result = runner.invoke(app, ["train", "--only", "stance", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert fitted == ["stance"]
    assert "synthetic_cv: macro-F1 0.600 (baseline 0.200)" in result.output
    assert runner.invoke(app, ["train", "--only", "encoder"]).exit_code == 2
    fitted.clear()
    assert runner.invoke(app, ["train", "--output", str(tmp_path)]).exit_code == 0
    assert fitted == ["segmenter", "labels", "stance", "stance-ngrams"]


def test_help_keeps_the_install_extras_rich_would_read_as_markup():
    """``[dask]`` and ``[train]`` are Rich markup tags unless escaped: they vanished."""
    def squashed(*command: str) -> str:
        output = runner.invoke(app, [*command, "--help"]).output
        return "".join(c for c in output if not c.isspace() and c not in "│─╭╮╰╯")

    assert "argmine[dask]" in squashed("ingest")
    assert "pipinstall-e'.[train]'" in squashed("finetune")
    assert "pipinstall-e'.[train]'" in squashed()


def test_commands_refuse_a_database_that_is_not_argmines_in_one_line(tmp_path):
    path = tmp_path / "theirs.db"
    sqlite3.connect(path).execute("CREATE TABLE x (a)").connection.commit()
    for command in (["report"], ["runs"], ["info"], ["ingest", str(THREAD / "essay.md")]):
        result = runner.invoke(app, [*command, "--db", str(path)])
        assert result.exit_code == 2, (command, result.output)
        assert result.output.strip().splitlines()[-1] == (
            f"error: {path}: not an argmine database (it holds other tables: x); name a new "
            "file or an argmine one"), command
    assert sqlite3.connect(path).execute("SELECT COUNT(*) FROM sqlite_master").fetchone() == (1,)


def test_a_target_without_a_thread_is_an_error_not_ignored(db_path):
    result = runner.invoke(app, ["ingest", "--db", str(db_path), "--target", "Lastenräder sind "
                                 "sinnvoll", str(THREAD / "essay.md")])
    assert result.exit_code == 2
    assert result.output.strip() == ("error: --target is the target of a thread: name it with "
                                     "--thread")
    assert not db_path.exists()


@pytest.mark.parametrize("command", [
    ["analyze", "-", "--target", " "], ["ingest", "--thread", "t", "--target", "", "x.md"],
    ["ingest", "--workers", "0", "x.md"], ["ingest", "--timeout", "-1", "x.md"],
    ["ingest", "--max-response-mb", "-1", "x.md"], ["ingest", "--max-comments", "-1", "x.md"],
    ["runs", "--limit", "-1"],
])
def test_options_out_of_range_are_refused_before_anything_runs(db_path, command):
    result = runner.invoke(app, [*command, "--db", str(db_path)] if command[0] != "analyze"
                           else command, input=b"Text.")
    assert result.exit_code == 2 and "Invalid value" in result.output, result.output
    assert not db_path.exists()


def test_a_report_that_cannot_be_written_is_one_error_line(tmp_path):
    db = tmp_path / "a.db"
    runner.invoke(app, ["ingest", "-q", "--db", str(db), str(THREAD / "essay.md")])
    target = tmp_path / "fehlt" / "r.html"
    result = runner.invoke(app, ["report", "--db", str(db), "-f", "html", "-o", str(target)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {target}: cannot write: No such file or directory"
