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


def _tillerson(store) -> int:
    return store.find_speaker("Rex Tillerson").id


# On a quote in two pieces, said by Rex Tillerson (also known as "Tillerson"), typed "mixed".
SPOKEN_OPERATIONS = {
    "speaker create": lambda s, q: speakers.create_speaker(
        s, "John Kelly", ("Kelly",), "Secretary of Homeland Security"
    ),
    "speaker rename": lambda s, q: speakers.rename_speaker(s, _tillerson(s), "Secretary Tillerson"),
    "speaker alias": lambda s, q: speakers.add_alias(s, _tillerson(s), "Rex W. Tillerson"),
    "speaker unalias": lambda s, q: speakers.remove_alias(s, _tillerson(s), "Tillerson"),
    "speaker delete": lambda s, q: speakers.delete_speaker(s, _tillerson(s)),
    "label delete": lambda s, q: labels.delete_label(s, s.find_label("stance", "unclear").id),
    "quote type": lambda s, q: quotes.set_quote_type(s, q, s.find_label("quote_type", "direct").id),
    "remove span": lambda s, q: quotes.remove_span(s, q, _span("collaboration")),
}


@pytest.fixture
def spoken_quote_id(store, quote_id):
    quotes.add_span(store, quote_id, _span("collaboration"))
    quotes.set_speaker_by_name(store, quote_id, "Rex Tillerson")
    speakers.add_alias(store, _tillerson(store), "Tillerson")
    quotes.set_quote_type(store, quote_id, store.find_label("quote_type", "mixed").id)
    return quote_id


def _undo_then_redo(store, operation, quote_id) -> None:
    before = dump(store)
    change = operation(store, quote_id)
    after = dump(store)
    assert after != before
    undone = undo.revert(store, change)
    assert dump(store) == before
    undo.revert(store, undone)
    assert dump(store) == after


@pytest.mark.parametrize("name", OPERATIONS)
def test_undo_then_redo_of_every_operation(store, quote_id, name):
    _undo_then_redo(store, OPERATIONS[name], quote_id)


@pytest.mark.parametrize("name", SPOKEN_OPERATIONS)
def test_undo_then_redo_of_every_speaker_and_label_operation(store, spoken_quote_id, name):
    _undo_then_redo(store, SPOKEN_OPERATIONS[name], spoken_quote_id)


def test_undo_of_a_speaker_delete_gives_the_quote_its_speaker_back(store, spoken_quote_id):
    change = speakers.delete_speaker(store, _tillerson(store))
    assert store.quote(spoken_quote_id).speaker_id is None
    undo.revert(store, change)
    speaker = store.speaker(store.quote(spoken_quote_id).speaker_id)
    assert (speaker.name, speaker.aliases) == ("Rex Tillerson", ("Tillerson",))


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
