"""Quote marks: what the views paint, read without building quotes; quotes built on demand."""

from __future__ import annotations

import pytest

from annotator.core import quotes
from annotator.core.marks import CONTENT, CUE, MENTION, QuoteCache, QuoteMarks, quote_marks
from annotator.core.model import Quote
from tests.core.conftest import SAMPLE


def _find(needle: str) -> tuple[int, int]:
    start = SAMPLE.index(needle)
    return start, start + len(needle)


@pytest.fixture
def two_quotes(store, doc) -> tuple[int, int]:
    first = quotes.add_quote(
        store, doc, [_find("“We’ve never tried it,”"), _find("“But until we do, we won’t know.”")]
    )
    second = quotes.add_quote(store, doc, [_find("the wall does not define")])
    first_id, second_id = first.after[0].id, second.after[0].id
    quotes.set_mention(store, second_id, _find("Rex Tillerson"))
    quotes.set_cue(store, second_id, _find("declared"))
    quotes.set_speaker_by_name(store, second_id, "Rex Tillerson")
    return first_id, second_id


def test_marks_from_the_store_match_marks_from_its_quotes(store, doc, two_quotes):
    read = quote_marks(store, doc)
    built = QuoteMarks.from_quotes(store.quotes(doc))
    assert read.marks == built.marks
    assert read.looks == built.looks
    first, second = two_quotes
    assert [kind for *_, kind, quote_id in read.marks if quote_id == second] == [
        MENTION,
        CUE,
        CONTENT,
    ]
    assert [kind for *_, kind, quote_id in read.marks if quote_id == first] == [CONTENT] * 2
    assert read.looks[second][0] is not None


def test_marks_of_a_document_without_quotes_are_empty(store, doc):
    marks = quote_marks(store, doc)
    assert marks.marks == [] and marks.looks == {}


def test_cache_builds_a_quote_only_when_asked(store, doc, two_quotes):
    loaded: list[int] = []

    def load(quote_id: int) -> Quote:
        loaded.append(quote_id)
        return store.quote(quote_id)

    marks = quote_marks(store, doc)
    cache = QuoteCache(QuoteMarks(marks.marks, marks.looks, load))
    first, second = two_quotes
    assert len(cache) == 2 and first in cache and loaded == []
    assert cache[second] == store.quote(second)
    assert cache[second] is cache[second]
    assert loaded == [second]
    assert cache.get(999) is None and loaded == [second]


def test_cache_follows_put_and_drop(store, doc, two_quotes):
    first, second = two_quotes
    cache = QuoteCache(quote_marks(store, doc))
    change = quotes.set_note(store, first, "checked")
    cache.put(change.after[0])
    assert cache[first].note == "checked"
    cache.drop(second)
    assert second not in cache and list(cache) == [first]
    with pytest.raises(KeyError):
        cache[second]


def test_cache_builds_many_quotes_in_one_load(store, doc, two_quotes):
    first, second = two_quotes
    loads: list[list[int]] = []

    def load_many(quote_ids: list[int]) -> list[Quote]:
        loads.append(quote_ids)
        return store.quotes_with_ids(quote_ids)

    marks = quote_marks(store, doc)
    cache = QuoteCache(QuoteMarks(marks.marks, marks.looks, store.quote, load_many=load_many))
    cache.build([second, 999, first])
    assert loads == [[second, first]]  # only quotes of this document
    assert cache.is_built(first) and cache.is_built(second) and not cache.is_built(999)
    assert cache[first] == store.quote(first) and cache[second] == store.quote(second)
    cache.build([first, second])
    assert loads == [[second, first]]  # nothing left to build
