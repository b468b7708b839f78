import pytest

from annotator.core import quotes
from annotator.core.errors import InvalidSpan, InvalidValue
from annotator.core.model import Span
from tests.core.conftest import SAMPLE, dump


def _find(text: str, needle: str) -> tuple[int, int]:
    start = SAMPLE.index(needle)
    return start, start + len(needle)


def test_add_quote_stores_spans_with_text_copied_from_the_document(store, doc):
    span = _find(SAMPLE, "the wall does not define our relationship")
    change = quotes.add_quote(store, doc, [span], annotator="ana")
    (quote,) = change.after
    assert quote.spans == (Span(*span),)
    row = store.conn.execute('SELECT start, "end", text FROM quote_spans').fetchone()
    assert row == (*span, "the wall does not define our relationship")
    assert store.annotators() == {quote.annotator_id: "ana"}
    assert store.document(doc).status == "in_progress"


def test_offsets_count_code_points_past_emoji_and_nbsp(store, doc):
    span = _find(SAMPLE, "We’ve never tried it")
    assert SAMPLE.index("😀") < span[0]
    quotes.add_quote(store, doc, [span])
    assert store.conn.execute("SELECT text FROM quote_spans").fetchone()[0] == (
        "We’ve never tried it"
    )


@pytest.mark.parametrize("span", [(0, len(SAMPLE) + 1), (-1, 4), (5, 5), (9, 3)])
def test_a_span_outside_the_text_is_refused_and_nothing_changes(store, doc, span):
    before = dump(store)
    with pytest.raises(InvalidSpan):
        quotes.add_quote(store, doc, [span])
    assert dump(store) == before


def test_split_quote_keeps_its_pieces_in_text_order(store, doc):
    second = _find(SAMPLE, "But until we do, we won’t know.")
    first = _find(SAMPLE, "We’ve never tried it")
    (quote,) = quotes.add_quote(store, doc, [second]).after
    quotes.add_span(store, quote.id, first)
    assert store.quote(quote.id).spans == (Span(*first), Span(*second))


def test_overlapping_and_nested_quotes_are_allowed(store, doc):
    outer = _find(SAMPLE, "the wall does not define our relationship")
    inner = _find(SAMPLE, "does not define")
    quotes.add_quote(store, doc, [outer])
    quotes.add_quote(store, doc, [inner])
    assert [q.spans[0] for q in store.quotes(doc)] == [Span(*outer), Span(*inner)]


def test_mention_links_the_speaker_whose_name_it_contains_and_keeps_it_as_alias(store, doc):
    (quote,) = quotes.add_quote(store, doc, [_find(SAMPLE, "the wall")]).after
    quotes.set_speaker_by_name(store, quote.id, "Rex Tillerson")
    change = quotes.set_mention(store, quote.id, _find(SAMPLE, "Secretary of State Rex Tillerson"))
    (speaker,) = store.speakers()
    assert speaker.name == "Rex Tillerson"
    assert speaker.aliases == ("Secretary of State Rex Tillerson",)
    assert store.quote(quote.id).speaker_id == speaker.id
    assert change.speakers_before[0].aliases == ()


def test_mention_of_an_unknown_name_creates_the_speaker_but_a_pronoun_does_not(store, doc):
    (first,) = quotes.add_quote(store, doc, [_find(SAMPLE, "collaboration")]).after
    quotes.set_mention(store, first.id, _find(SAMPLE, "John\u00a0Kelly"))
    assert [s.name for s in store.speakers()] == ["John Kelly"]
    (second,) = quotes.add_quote(store, doc, [_find(SAMPLE, "We’ve never tried it")]).after
    he = SAMPLE.index("he said")
    quotes.set_mention(store, second.id, (he, he + 2))
    assert [s.name for s in store.speakers()] == ["John Kelly"]
    assert store.quote(second.id).speaker_id is None
    assert store.quote(second.id).mention is not None


def test_speaker_by_alias_links_the_registry_entry(store, doc):
    (quote,) = quotes.add_quote(store, doc, [_find(SAMPLE, "the wall")]).after
    quotes.set_speaker_by_name(store, quote.id, "Rex Tillerson")
    from annotator.core import speakers

    speakers.add_alias(store, store.speakers()[0].id, "Tillerson")
    (other,) = quotes.add_quote(store, doc, [_find(SAMPLE, "collaboration")]).after
    quotes.set_speaker_by_name(store, other.id, "tillerson")
    assert len(store.speakers()) == 1
    assert store.quote(other.id).speaker_id == store.speakers()[0].id


def test_stance_must_be_a_stance_label(store, doc):
    (quote,) = quotes.add_quote(store, doc, [_find(SAMPLE, "the wall")]).after
    direct = store.find_label("quote_type", "direct")
    with pytest.raises(InvalidValue):
        quotes.set_stance(store, quote.id, direct.id)
    opposes = store.find_label("stance", "opposes")
    quotes.set_stance(store, quote.id, opposes.id)
    assert store.quote(quote.id).stance_id == opposes.id


def test_removing_the_last_piece_is_refused(store, doc):
    span = _find(SAMPLE, "the wall")
    (quote,) = quotes.add_quote(store, doc, [span]).after
    with pytest.raises(InvalidValue):
        quotes.remove_span(store, quote.id, span)
    assert store.quote(quote.id).spans == (Span(*span),)


def test_update_refuses_unknown_fields(store, doc):
    (quote,) = quotes.add_quote(store, doc, [_find(SAMPLE, "the wall")]).after
    with pytest.raises(InvalidValue):
        quotes.update_quote(store, quote.id, document_id=5)


def test_delete_quote_removes_its_spans(store, doc):
    (quote,) = quotes.add_quote(store, doc, [_find(SAMPLE, "the wall")]).after
    quotes.delete_quote(store, quote.id)
    assert store.quotes(doc) == []
    assert store.conn.execute("SELECT count(*) FROM quote_spans").fetchone()[0] == 0


def test_a_surname_mention_links_the_full_name_met_in_the_article(store, doc):
    (first,) = quotes.add_quote(store, doc, [_find(SAMPLE, "the wall")]).after
    quotes.set_speaker_by_name(store, first.id, "Rex Tillerson")
    (second,) = quotes.add_quote(store, doc, [_find(SAMPLE, "collaboration")]).after
    tillerson = SAMPLE.index("Tillerson declared")
    change = quotes.set_mention(store, second.id, (tillerson, tillerson + len("Tillerson")))
    assert [s.name for s in store.speakers()] == ["Rex Tillerson"]
    assert store.quote(second.id).speaker_id == store.speakers()[0].id
    assert change.speakers_after == ()


def test_a_mention_never_replaces_the_chosen_speaker_silently(store, doc):
    (quote,) = quotes.add_quote(store, doc, [_find(SAMPLE, "collaboration")]).after
    quotes.set_speaker_by_name(store, quote.id, "John Kelly")
    kelly = store.quote(quote.id).speaker_id
    quotes.set_speaker_by_name(
        store,
        quotes.add_quote(store, doc, [_find(SAMPLE, "the wall")]).after[0].id,
        "Rex Tillerson",
    )
    change = quotes.set_mention(store, quote.id, _find(SAMPLE, "Rex Tillerson"))
    assert store.quote(quote.id).speaker_id == kelly
    assert store.quote(quote.id).mention == Span(*_find(SAMPLE, "Rex Tillerson"))
    assert "the quote keeps John Kelly" in change.description


def test_an_alias_added_by_a_mention_is_said_and_undone(store, doc):
    from annotator.core.undo import revert

    (quote,) = quotes.add_quote(store, doc, [_find(SAMPLE, "the wall")]).after
    quotes.set_speaker_by_name(store, quote.id, "Rex Tillerson")
    before = dump(store)
    change = quotes.set_mention(store, quote.id, _find(SAMPLE, "Secretary of State Rex Tillerson"))
    assert "added as an alias of Rex Tillerson" in change.description
    revert(store, change)
    assert dump(store) == before


def test_move_piece_changes_one_piece(store, doc):
    first, second = _find(SAMPLE, "We’ve never tried it"), _find(SAMPLE, "But until we do")
    (quote,) = quotes.add_quote(store, doc, [first, second]).after
    change = quotes.move_piece(store, quote.id, second, (second[0], second[1] + 1))
    assert store.quote(quote.id).spans == (Span(*first), Span(second[0], second[1] + 1))
    assert change.before[0].spans == (Span(*first), Span(*second))
    with pytest.raises(InvalidSpan):
        quotes.move_piece(store, quote.id, first, (first[0], first[0]))
