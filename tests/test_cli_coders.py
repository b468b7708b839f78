"""The merge and agreement commands."""

import json
import sqlite3

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core import quotes
from annotator.core.store import Store
from tests.projects import add_document

TEXT = "Ann said we will win. Bob said it is over."


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def make_copies(tmp_path):
    """A lead project and two coders' copies with quotes, merged or not."""
    lead = tmp_path / "lead.db"
    with Store.open(lead) as store:
        add_document(store, TEXT, "doc")
    for coder, spans in (("ana", [(9, 20), (31, 41)]), ("ben", [(9, 20)])):
        copy = tmp_path / f"{coder}.db"
        source = sqlite3.connect(lead)
        target = sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.close()
        with Store.open(copy) as store:
            store.acting = coder
            for span in spans:
                quotes.add_quote(store, 1, [span])
    return lead


def test_merge_reports_what_it_added_and_twice_adds_nothing(tmp_path):
    lead = make_copies(tmp_path)
    result = run(lead, "merge", str(tmp_path / "ana.db"), str(tmp_path / "ben.db"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 files merged: 3 quotes added, 0 updated, 0 already present")
    again = run(lead, "merge", str(tmp_path / "ana.db"))
    assert "0 quotes added, 0 updated, 2 already present" in again.output


def test_merge_refuses_a_newer_file_in_one_line(tmp_path):
    lead = make_copies(tmp_path)
    conn = sqlite3.connect(tmp_path / "ana.db")
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    result = run(lead, "merge", str(tmp_path / "ana.db"))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "ana.db: made by a newer Quote Annotator (schema version 42" in result.output


def test_agreement_text_and_json(tmp_path):
    lead = make_copies(tmp_path)
    run(lead, "merge", str(tmp_path / "ana.db"), str(tmp_path / "ben.db"))
    text = run(lead, "agreement")
    assert text.exit_code == 0, text.output
    assert text.output.startswith("1 document annotated by two or more of 2 coders (ana, ben)")
    figures = json.loads(run(lead, "agreement", "--json").output)
    assert figures["pooled"]["overlap"]["f1"] == 2 * 0.5 * 1.0 / 1.5
    assert figures["pairs"][0]["coders"] == ["ana", "ben"]
    assert [d["kind"] for d in figures["disagreements"]] == ["missing"]
    only = json.loads(run(lead, "agreement", "--json", "--annotators", "ana").output)
    assert only["documents"] == 0


def test_agreement_against_a_gold_layer_and_bad_names(tmp_path):
    lead = make_copies(tmp_path)
    run(lead, "merge", str(tmp_path / "ana.db"), str(tmp_path / "ben.db"))
    with Store.open(lead) as store:
        from annotator.core import adjudication

        ana_quote = [q for q in store.quotes(1) if store.annotators()[q.annotator_id] == "ana"][0]
        adjudication.take(store, ana_quote.id)
    figures = json.loads(run(lead, "agreement", "--against", "gold", "--json").output)
    assert [p["coders"] for p in figures["pairs"]] == [["gold", "ana"], ["gold", "ben"]]
    assert figures["pairs"][0]["overlap"]["recall"] == 1.0
    bad = run(lead, "agreement", "--annotators", "zed")
    assert bad.exit_code == 1 and "no annotator named 'zed'" in bad.output
