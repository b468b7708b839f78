"""Stored suggestions: store, accept (a quote, undoable), reject (remembered), accept all."""

from __future__ import annotations

import pytest

from annotator.core import suggestions, undo
from annotator.core.errors import InvalidValue
from annotator.core.exporting import export
from annotator.core.model import Span
from annotator.core.stats import project_stats
from annotator.core.suggest import Proposal, engine
from tests.core.conftest import SAMPLE, dump


@pytest.fixture
def suggested(store, doc):
    store.acting = "ana"
    store.ensure_annotator("ana")  # an undo takes back quotes, not the coder's name
    stored = suggestions.suggest_documents(store, [doc], engine("rules"))
    assert stored.added == len(suggestions.suggestions(store, doc)) >= 2
    return suggestions.suggestions(store, doc)


def text_of(item: suggestions.Suggestion) -> str:
    return " … ".join(SAMPLE[s.start : s.end] for s in item.spans)


def test_suggestions_are_not_quotes_and_nothing_counts_them(store, doc, suggested, tmp_path):
    assert store.quote_count() == 0
    assert project_stats(store).quotes == 0
    report = export(store, "jsonl", tmp_path / "out.jsonl")
    assert report.quotes == 0
    assert text_of(suggested[0]) == "“the wall does not define our relationship,”"
    assert suggested[0].speaker == "Rex Tillerson"


def test_accept_makes_a_suggested_quote_of_the_acting_coder_and_undo_takes_it_back(
    store, doc, suggested
):
    before = dump(store)
    item = suggested[0]
    change = suggestions.accept(store, item.id)
    [quote] = store.quotes(doc)
    assert quote.spans == item.spans and quote.mention == item.mention and quote.cue == item.cue
    assert quote.origin == "suggested"
    assert store.annotators()[quote.annotator_id] == "ana"
    assert store.speaker(quote.speaker_id).name == "Rex Tillerson"
    assert store.label(quote.quote_type_id).name == "direct"
    assert suggestions.suggestion(store, item.id).status == "accepted"
    assert suggestions.suggestion(store, item.id).quote_id == quote.id
    assert store.document(doc).status == "in_progress"
    redo = undo.revert(store, change)
    assert dump(store) == before
    undo.revert(store, redo)
    assert suggestions.suggestion(store, item.id).status == "accepted"
    assert [q.spans for q in store.quotes(doc)] == [item.spans]


def test_a_rejected_suggestion_does_not_come_back_when_the_engine_runs_again(store, doc, suggested):
    item = suggested[0]
    change = suggestions.reject(store, item.id)
    assert store.quote_count() == 0
    again = suggestions.suggest_documents(store, [doc], engine("rules"))
    assert again.rejected_before == 1
    assert item.spans not in [s.spans for s in suggestions.suggestions(store, doc)]
    assert len(suggestions.suggestions(store, doc)) == len(suggested) - 1
    undo.revert(store, change)
    assert suggestions.suggestion(store, item.id).status == "open"


def test_accept_all_is_one_change_and_an_accepted_suggestion_cannot_be_accepted_twice(
    store, doc, suggested
):
    change = suggestions.accept_all(store, doc)
    assert store.quote_count(doc) == len(suggested) == len(change.after)
    assert suggestions.suggestions(store, doc) == []
    with pytest.raises(InvalidValue, match="already accepted"):
        suggestions.accept(store, suggested[0].id)
    undo.revert(store, change)
    assert store.quote_count(doc) == 0
    assert len(suggestions.suggestions(store, doc)) == len(suggested)


def test_accept_all_takes_only_the_suggestions_asked_for(store, doc, suggested):
    change = suggestions.accept_all(store, doc, ids=[suggested[-1].id])
    assert [q.spans for q in change.after] == [suggested[-1].spans]


def test_a_proposal_outside_the_text_is_refused_and_nothing_is_stored(store, doc):
    before = dump(store)
    bad = Proposal(spans=((0, len(SAMPLE) + 5),))
    with pytest.raises(InvalidValue, match="outside the text"):
        suggestions.store_proposals(store, doc, "rules", [Proposal(spans=((0, 4),)), bad])
    assert dump(store) == before


def test_filters_choose_the_documents(store, doc):
    from tests.projects import add_document

    other = add_document(store, "“Yes,” he said.", "other")
    assert suggestions.select_documents(store) == [doc, other]
    assert suggestions.select_documents(store, external_ids=["other"]) == [other]
    assert suggestions.select_documents(store, search="Tillerson") == [doc]
    assert suggestions.select_documents(store, collection="none") == []


def test_exports_leave_suggestions_out_unless_asked_and_label_studio_takes_them_as_predictions(
    store, doc, suggested, tmp_path
):
    import json

    plain = export(store, "label-studio", tmp_path / "plain.json")
    assert plain.quotes == 0
    assert json.loads((tmp_path / "plain.json").read_text())[0]["predictions"] == []
    asked = export(store, "label-studio", tmp_path / "asked.json", suggestions=True)
    assert asked.quotes == len(suggested)
    [task] = json.loads((tmp_path / "asked.json").read_text())
    assert task["annotations"] == []
    [prediction] = task["predictions"]
    assert prediction["model_version"] == "rules"
    regions = [r for r in prediction["result"] if r.get("type") == "labels"]
    first = suggested[0].spans[0]
    assert {"start": first.start, "end": first.end} in [
        {"start": r["value"]["start"], "end": r["value"]["end"]} for r in regions
    ]


def test_suggestions_follow_the_projects_span_rule(store, doc):
    from annotator.core.codebook import SpanRule, set_span_rule

    set_span_rule(store, SpanRule("exclude", "drop"))
    suggestions.suggest_documents(store, [doc], engine("rules"))
    first = suggestions.suggestions(store, doc)[0]
    assert text_of(first) == "the wall does not define our relationship"


def test_label_studio_gets_accepted_quotes_as_the_coders_and_open_ones_as_predictions(
    store, doc, suggested, tmp_path
):
    import json

    suggestions.accept(store, suggested[0].id)
    open_ones = suggestions.suggestions(store, doc)
    assert len(open_ones) == len(suggested) - 1
    for asked in (False, True):
        export(store, "label-studio", tmp_path / "out.json", suggestions=asked)
        [task] = json.loads((tmp_path / "out.json").read_text())
        [annotation] = task["annotations"]
        assert annotation["created_username"] == "ana"
        first = suggested[0].spans[0]
        assert [
            (r["value"]["start"], r["value"]["end"])
            for r in annotation["result"]
            if r.get("type") == "labels" and r["value"]["labels"] == ["Quote"]
        ] == [(first.start, first.end)]
        assert [q["origin"] for q in task["meta"]["quotes"].values()] == ["suggested"] * (
            1 + (len(open_ones) if asked else 0)
        )
        if asked:
            [prediction] = task["predictions"]
            assert prediction["model_version"] == "rules"
        else:
            assert task["predictions"] == []


def test_a_suggestion_whose_spans_cannot_be_read_is_left_out_and_the_rest_are_read(
    store, doc, suggested, caplog
):
    before = suggestions.suggestions(store, doc)
    damaged, two_pieces = before[0].id, before[1].id
    with store.transaction() as conn:  # as another program might have written them
        conn.execute("UPDATE suggestions SET spans = '[[12, oops' WHERE id = ?", (damaged,))
        conn.execute("UPDATE suggestions SET spans = '[[1,4],[8,9]]' WHERE id = ?", (two_pieces,))
    after = suggestions.suggestions(store, doc)
    assert [item.id for item in after] == [item.id for item in before if item.id != damaged]
    assert next(item for item in after if item.id == two_pieces).spans == (
        Span(1, 4),
        Span(8, 9),
    )
    assert "unreadable spans" in caplog.text
