"""Adjudication into a gold layer: groups, taking a version, progress, export."""

from __future__ import annotations

import pytest

from annotator.core import adjudication, exporting, quotes, undo
from annotator.core.errors import InvalidValue
from tests.core.conftest import dump
from tests.projects import add_document

TEXT = "Ann said we will win. Bob said it is over. Cy said nothing matters now."


def at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return (start, start + len(phrase))


@pytest.fixture
def coded(store):
    """Two coders on one document: one agreed quote, one boundary difference, one missing."""
    document = add_document(store, TEXT, "doc")
    stance = store.find_label("stance", "supports").id
    made = {}
    for coder in ("ana", "ben"):
        store.acting = coder
        made[coder, "win"] = quotes.add_quote(store, document, [at("we will win")]).after[0]
        quotes.set_stance(store, made[coder, "win"].id, stance)
    store.acting = "ana"
    made["ana", "over"] = quotes.add_quote(store, document, [at("it is over")]).after[0]
    made["ana", "now"] = quotes.add_quote(store, document, [at("nothing matters now")]).after[0]
    store.acting = "ben"
    made["ben", "over"] = quotes.add_quote(store, document, [at("said it is over")]).after[0]
    store.acting = "lead"
    # Annotators are a registry that undo leaves alone; make them before the dumps.
    store.ensure_annotator("lead")
    adjudication.gold_id(store)
    return document, {key: store.quote(quote.id) for key, quote in made.items()}


def test_groups_pair_the_coders_quotes_and_name_their_differences(store, coded):
    document, made = coded
    layers = adjudication.layers(store, document, ["ana", "ben"])
    found = adjudication.groups(TEXT, layers)
    assert [sorted(group.kinds) for group in found] == [[], ["boundaries"], ["missing"]]
    assert found[1].version("ben").id == made["ben", "over"].id
    assert found[2].version("ben") is None
    assert found[1].uids() == {made["ana", "over"].uid, made["ben", "over"].uid}


def test_take_copies_a_version_into_gold_with_provenance(store, coded):
    document, made = coded
    ana, ben = made["ana", "over"], made["ben", "over"]
    change = adjudication.take(store, ben.id, [ana.uid])
    (gold,) = change.after
    assert store.annotators()[gold.annotator_id] == "gold"
    assert store.annotator_kinds()[gold.annotator_id] == "gold"
    assert store.annotators()[gold.changed_by] == "lead"
    assert gold.origin == "adjudicated"
    assert set(gold.provenance) == {ana.uid, ben.uid}
    assert gold.spans == ben.spans and gold.uid not in (ana.uid, ben.uid)
    assert change.description == "take ben's version"
    # Taking ana's version instead replaces ben's in gold; undo brings ben's back.
    before = dump(store)
    swap = adjudication.take(store, ana.id, [ben.uid])
    golds = [q for q in store.quotes(document) if q.annotator_id == gold.annotator_id]
    assert [q.spans for q in golds] == [ana.spans]
    undo.revert(store, swap)
    assert dump(store) == before


def test_take_and_its_undo_and_redo(store, coded):
    _, made = coded
    before = dump(store)
    change = adjudication.take(store, made["ana", "win"].id, [made["ben", "win"].uid])
    after = dump(store)
    redo = undo.revert(store, change)
    assert dump(store) == before
    undo.revert(store, redo)
    assert dump(store) == after


def test_take_agreed_takes_only_what_the_coders_agree_on_once(store, coded):
    document, made = coded
    change = adjudication.take_agreed(store, document, ["ana", "ben"])
    (gold,) = change.after
    assert gold.spans == made["ana", "win"].spans
    assert gold.stance_id == made["ana", "win"].stance_id
    assert set(gold.provenance) == {made["ana", "win"].uid, made["ben", "win"].uid}
    assert adjudication.take_agreed(store, document, ["ana", "ben"]).after == ()


def test_progress_counts_groups_with_a_gold_quote(store, coded):
    document, made = coded
    coders = ["ana", "ben"]
    assert adjudication.progress(store, document, coders) == adjudication.Progress(3, 0, 1)
    assert adjudication.documents_with_gold(store) == set()
    adjudication.take_agreed(store, document, coders)
    assert adjudication.documents_with_gold(store) == {document}
    adjudication.take(store, made["ana", "over"].id, [made["ben", "over"].uid])
    progress = adjudication.progress(store, document, coders)
    assert (progress.groups, progress.resolved, progress.open) == (3, 2, 1)


def test_a_coder_cannot_become_a_gold_layer(store, coded):
    _, made = coded
    with pytest.raises(InvalidValue, match="'ana' is a coder, not a gold layer"):
        adjudication.take(store, made["ben", "over"].id, gold="ana")
    with pytest.raises(InvalidValue, match="already in the gold layer"):
        gold = adjudication.take(store, made["ben", "over"].id).after[0]
        adjudication.take(store, gold.id)


def test_export_of_the_gold_layer_gives_the_adjudicated_dataset(store, coded):
    document, made = coded
    adjudication.take_agreed(store, document, ["ana", "ben"])
    adjudication.take(store, made["ben", "over"].id, [made["ana", "over"].uid])
    (record,) = exporting.iter_records(store, annotator="gold")
    assert [(q.spans, q.annotator, q.stance) for q in record.quotes] == [
        ([at("we will win")], "gold", "supports"),
        ([at("said it is over")], "gold", None),
    ]
    assert adjudication.gold_names(store) == ["gold"]
    assert adjudication.coder_names(store) == ["ana", "ben", "lead"]


def test_documents_to_adjudicate_are_those_two_coders_annotated(store, coded):
    document, _ = coded
    lonely = add_document(store, "Dee said so.", "lonely")
    store.acting = "ana"
    quotes.add_quote(store, lonely, [(0, 3)])
    assert adjudication.documents_to_adjudicate(store, ["ana", "ben"]) == [(document, "doc")]
    assert adjudication.documents_to_adjudicate(store, ["ana"]) == []
    assert adjudication.documents_to_adjudicate(store, ["nobody"]) == []


def test_a_coder_without_quotes_in_the_document_is_not_missing_there(store, coded):
    document, _ = coded
    store.ensure_annotator("cy")
    by_coder = adjudication.layers(store, document, ["ana", "ben", "cy"])
    assert sorted(by_coder) == ["ana", "ben"]
    found = adjudication.groups(TEXT, by_coder)
    assert [sorted(group.kinds) for group in found] == [[], ["boundaries"], ["missing"]]
    assert len(adjudication.take_agreed(store, document, ["ana", "ben", "cy"]).after) == 1
