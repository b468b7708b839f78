"""Corpus statistics read from the store."""

from __future__ import annotations

from annotator.core import quotes, speakers
from annotator.core.stats import project_stats, quote_counts_by_speaker
from tests.core.conftest import SAMPLE


def _span(needle: str) -> tuple[int, int]:
    start = SAMPLE.index(needle)
    return start, start + len(needle)


def test_quote_counts_by_speaker_counts_each_speakers_quotes_by_id(store, doc):
    for needle, name in (("the wall", "Rex Tillerson"), ("collaboration", "Rex Tillerson")):
        quote = quotes.add_quote(store, doc, [_span(needle)]).after[0]
        quotes.set_speaker_by_name(store, quote.id, name)
    quotes.add_quote(store, doc, [_span("We’ve never tried it")])  # no speaker
    silent = speakers.create_speaker(store, "John Kelly").speakers_after[0]

    counts = quote_counts_by_speaker(store)

    assert counts == {store.find_speaker("Rex Tillerson").id: 2}
    assert silent.id not in counts
    assert ("Rex Tillerson", 2) in project_stats(store).by_speaker


def test_ties_are_ordered_by_name_as_sqlite_nocase_with_none_last(store, doc):
    needles = ("the wall", "collaboration", "We’ve never tried it", "until we do")
    made = [quotes.add_quote(store, doc, [_span(needle)]).after[0] for needle in needles]
    for quote, name in zip(made, ("_x", "abc", "Zed"), strict=False):
        quotes.set_speaker_by_name(store, quote.id, name)
    stance = store.labels("stance")[0]
    quotes.set_stance(store, made[0].id, stance.id)

    figures = project_stats(store)

    # NOCASE folds ASCII letters only: "_" (0x5f) sorts before "a" and "z".
    assert figures.by_speaker == [("_x", 1), ("abc", 1), ("Zed", 1), (None, 1)]
    assert figures.by_stance == [(None, 3), (stance.name, 1)]
    assert figures.by_type == [(None, 4)]
