"""`annotator suggest` and `annotator evaluate` on a small project."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core import quotes
from annotator.core.store import Store
from tests.projects import add_document

TEXT = "“We will build it,” Ana Ruiz said. “It will take a year.”\n\nOfficials said it was late."


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "project.db"
    with Store.open(path) as store:
        doc = add_document(store, TEXT, "talks")
        add_document(store, "Nothing quoted here at all.", "quiet")
        end = TEXT.index("”", 20) + 1
        quotes.add_quote(store, doc, [(0, 19), (35, end)], annotator="ref")
    return path


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def test_suggest_stores_suggestions_and_evaluate_scores_them(db):
    result = run(db, "suggest")
    assert result.exit_code == 0, result.output
    assert "suggestions in 2 documents" in result.output
    with Store.open(db) as store:
        assert store.quote_count() == 1  # suggestions are not quotes
        stored = store.conn.execute("SELECT spans, speaker FROM suggestions").fetchall()
    assert ("[[0, 19], [35, 57]]", "Ana Ruiz") in stored
    table = run(db, "evaluate", "--reference", "ref")
    assert table.exit_code == 0
    assert "direct   exact     1.000  1.000  1.000" in table.output
    figures = json.loads(run(db, "evaluate", "--json").output)
    assert figures["figures"]["direct overlap"]["f1"] == 1.0
    assert figures["speaker_accuracy"] is None  # the reference names no speaker


def test_suggest_takes_filters_and_clear_forgets_open_suggestions(db):
    assert "in 1 document " in run(db, "suggest", "--document", "quiet").output
    run(db, "suggest")
    with Store.open(db) as store:
        (count,) = store.conn.execute("SELECT count(*) FROM suggestions").fetchone()
    assert count >= 2
    assert run(db, "suggest", "--clear").output == f"{count} open suggestions removed\n"
    with Store.open(db) as store:
        assert store.conn.execute("SELECT count(*) FROM suggestions").fetchone() == (0,)


def test_an_engine_that_cannot_run_and_a_bad_reference_are_one_line_errors(db, monkeypatch):
    from annotator.core.suggest import spacy_engine

    monkeypatch.setattr(spacy_engine, "_english_pipelines", lambda: [])
    result = CliRunner().invoke(cli, ["--db", str(db), "suggest", "--engine", "spacy"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {spacy_engine.HOW_TO_INSTALL}"
    result = CliRunner().invoke(cli, ["--db", str(db), "evaluate", "--reference", "nobody"])
    assert result.exit_code == 1 and "no annotator named 'nobody'" in result.output
