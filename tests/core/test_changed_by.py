"""Who last changed a quote: every edit records the store's acting annotator."""

from annotator.core import quotes, undo
from tests.core.conftest import SAMPLE


def _annotator(store, annotator_id):
    return store.annotators()[annotator_id]


def test_a_new_quote_belongs_to_the_acting_annotator(store, doc):
    store.acting = "ana"
    quote = quotes.add_quote(store, doc, [(0, 10)]).after[0]
    assert _annotator(store, quote.annotator_id) == "ana"
    assert _annotator(store, quote.changed_by) == "ana"


def test_a_quote_made_for_another_layer_names_the_maker_as_changed_by(store, doc):
    store.acting = "lead"
    quote = quotes.add_quote(store, doc, [(0, 10)], annotator="gold").after[0]
    assert _annotator(store, quote.annotator_id) == "gold"
    assert _annotator(store, quote.changed_by) == "lead"


def test_every_edit_records_who_made_it_and_undo_restores_it(store, doc):
    store.acting = "ana"
    quote_id = quotes.add_quote(store, doc, [(0, 10)]).after[0].id
    store.acting = "ben"
    edits = [
        lambda: quotes.set_note(store, quote_id, "checked"),
        lambda: quotes.set_target(store, quote_id, "the wall"),
        lambda: quotes.add_span(store, quote_id, (20, 30)),
        lambda: quotes.set_cue(store, quote_id, (40, 44)),
        lambda: quotes.set_speaker_by_name(store, quote_id, "Rex Tillerson"),
        lambda: quotes.set_mention(store, quote_id, (SAMPLE.index("John"), SAMPLE.index(" said"))),
    ]
    for edit in edits:
        store.acting = "ana"
        quotes.set_note(store, quote_id, "reset")
        store.acting = "ben"
        change = edit()
        assert _annotator(store, store.quote(quote_id).changed_by) == "ben"
        assert _annotator(store, store.quote(quote_id).annotator_id) == "ana"
        undo.revert(store, change)
        assert _annotator(store, store.quote(quote_id).changed_by) == "ana"


def test_an_edit_that_changes_nothing_keeps_changed_by(store, doc):
    store.acting = "ana"
    quote_id = quotes.add_quote(store, doc, [(0, 10)], note="x").after[0].id
    store.acting = "ben"
    quotes.set_note(store, quote_id, "x")
    assert _annotator(store, store.quote(quote_id).changed_by) == "ana"
