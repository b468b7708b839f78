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
