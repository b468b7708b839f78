"""Undo belongs to the core: revert() of any change puts the store back exactly."""

import pytest

from annotator.core import documents, labels, quotes, speakers, undo
from tests.core.conftest import SAMPLE, dump


def _span(needle: str) -> tuple[int, int]:
    start = SAMPLE.index(needle)
    return start, start + len(needle)


@pytest.fixture
def quote_id(store, doc):
    return quotes.add_quote(store, doc, [_span("the wall")]).after[0].id


OPERATIONS = {
    "add span": lambda s, q: quotes.add_span(s, q, _span("collaboration")),
    "speaker by new name": lambda s, q: quotes.set_speaker_by_name(s, q, "Rex Tillerson"),
    "mention": lambda s, q: quotes.set_mention(s, q, _span("Rex Tillerson")),
    "cue": lambda s, q: quotes.set_cue(s, q, _span("declared")),
    "stance": lambda s, q: quotes.set_stance(s, q, s.find_label("stance", "opposes").id),
    "target and note": lambda s, q: quotes.update_quote(s, q, target="the wall", note="n"),
    "delete": lambda s, q: quotes.delete_quote(s, q),
    "status": lambda s, q: documents.set_status(s, s.quote(q).document_id, "done"),
    "label rename": lambda s, q: labels.update_label(
        s, s.find_label("stance", "neutral").id, name="balanced"
    ),
    "label add": lambda s, q: labels.add_label(s, "stance", "sceptical"),
    "label move": lambda s, q: labels.move_label(s, s.find_label("stance", "unclear").id, 0),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_undo_then_redo_of_every_operation(store, quote_id, name):
    before = dump(store)
    change = OPERATIONS[name](store, quote_id)
    after = dump(store)
    assert after != before
    undone = undo.revert(store, change)
    assert dump(store) == before
    undo.revert(store, undone)
    assert dump(store) == after


def test_undo_of_a_merge_brings_back_both_speakers(store, doc, quote_id):
    quotes.set_speaker_by_name(store, quote_id, "Tillerson")
    keep = speakers.create_speaker(store, "Rex Tillerson").speakers_after[0]
    before = dump(store)
    drop = store.find_speaker("Tillerson")
    change = speakers.merge_speakers(store, keep.id, drop.id)
    assert store.quote(quote_id).speaker_id == keep.id
    assert store.find_speaker("Tillerson").id == keep.id
    undo.revert(store, change)
    assert dump(store) == before


def test_undo_of_add_quote_restores_the_new_status(store, doc):
    store.ensure_annotator()  # who annotates is not part of what undo takes back
    before = dump(store)
    change = quotes.add_quote(store, doc, [_span("the wall")])
    undo.revert(store, change)
    assert dump(store) == before
