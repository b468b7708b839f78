import pytest

from annotator.core import agreement_stats, documents, quotes
from annotator.core.statistics import Filters
from annotator.core.store import Store
from tests.projects import add_document

TEXT = "Ana said we will talk. Ben said no wall at all. Cy said maybe so."


@pytest.fixture
def coded(store: Store) -> Store:
    """Two documents; ana and ben agree on one quote and differ on another, chloé joins
    on the second document."""
    first = add_document(store, TEXT, "first", title="First")
    second = add_document(store, TEXT, "second", title="Second")
    for document in (first, second):
        quotes.add_quote(store, document, [(9, 21)], annotator="ana")
        quotes.add_quote(store, document, [(9, 21)], annotator="ben")
        quotes.add_quote(store, document, [(32, 46)], annotator="ana")
    quotes.add_quote(store, second, [(9, 21)], annotator="chloé")
    documents.set_status(store, second, "done")
    return store


def test_the_matrix_holds_f1_for_each_pair_both_ways(coded):
    found = agreement_stats.compute(coded, Filters())
    matrix = agreement_stats.pair_matrix(found)
    assert matrix.labels == ("ana", "ben", "chloé")
    # ana made 4 quotes, ben 2, both matched: F1 = 2 * 1 * 0.5 / 1.5.
    assert matrix.values[0][1] == matrix.values[1][0] == pytest.approx(2 / 3)
    assert matrix.values[1][2] == pytest.approx(1.0)
    assert matrix.values[0][0] is None
    assert matrix.total() == 6


def test_filters_choose_the_documents_and_the_coder_compared(coded):
    done = agreement_stats.compute(coded, Filters(statuses=("done",)))
    assert [document.title for document in done.documents] == ["Second"]
    chloe = agreement_stats.compute(coded, Filters(coder="chloé"))
    assert [pair.coders for pair in chloe.pairs] == [("chloé", "ana"), ("chloé", "ben")]


def test_one_coder_alone_gives_nothing_to_compare(store):
    document = add_document(store, TEXT)
    quotes.add_quote(store, document, [(9, 21)], annotator="ana")
    found = agreement_stats.compute(store, Filters())
    assert found.documents == [] and agreement_stats.pair_matrix(found).total() == 0
