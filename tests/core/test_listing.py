"""Rows of the document list: counts, statuses and annotators, read a chunk at a time."""

from __future__ import annotations

from annotator.core import listing
from annotator.core import quotes as quote_ops
from annotator.core.store import Store
from tests.projects import add_document


def test_rows_name_each_documents_annotators_and_take_those_already_known():
    store = Store.memory()
    first = add_document(store, "Roe said yes.", "a")
    second = add_document(store, "Doe said no.", "b")
    quote_ops.add_quote(store, first, [(9, 12)], annotator="ben")
    quote_ops.add_quote(store, first, [(0, 3)], annotator="ana")
    quote_ops.add_quote(store, second, [(9, 11)], annotator="cy")
    rows = listing.listed(store, [second, first])
    assert [(r.external_id, r.quote_count, r.annotators) for r in rows] == [
        ("b", 1, ("cy",)),
        ("a", 2, ("ana", "ben")),
    ]
    # Annotators the caller knows are taken as they are; the others are read.
    known = listing.listed(store, [first, second], {first: ("ana", "ben", "dee")})
    assert [r.annotators for r in known] == [("ana", "ben", "dee"), ("cy",)]
    assert listing.listed(store, [first], {first: ()})[0].quote_count == 2
