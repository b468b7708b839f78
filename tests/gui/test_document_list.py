"""The document list over the store: filter, search, progress, lazy rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core import documents as document_ops
from annotator.core.store import Store
from annotator.gui.document_list import CHUNK, DocumentList
from tests.projects import add_document


@pytest.fixture
def store() -> Store:
    store = Store.memory()
    for number in range(CHUNK * 2 + 5):
        word = "border" if number % 3 == 0 else "trade"
        add_document(
            store, f"Article {number} about the {word}.", f"doc{number}", title=f"Article {number}"
        )
    return store


@pytest.fixture
def documents(qtbot, store: Store) -> DocumentList:
    widget = DocumentList(store)
    qtbot.addWidget(widget)
    return widget


def test_rows_show_title_status_and_quote_count(documents):
    model = documents.model
    assert model.rowCount() == CHUNK * 2 + 5
    last = model.rowCount() - 1
    assert model.index(last, 0).data() == f"Article {last}"
    assert model.index(last, 1).data() == "new"
    assert model.index(last, 2).data() == 0


def test_rows_are_fetched_a_chunk_at_a_time(documents):
    model = documents.model
    model.index(0, 0).data()
    assert len(model._summaries) == CHUNK


def test_search_and_status_filter(documents, store, qtbot):
    documents.search.setText("border")
    qtbot.waitUntil(lambda: documents.model.rowCount() == len(range(0, CHUNK * 2 + 5, 3)))
    store_ids = documents.model.ids
    document_ops.set_status(store, store_ids[0], "done")
    documents.refresh([store_ids[0]])
    assert documents.progress.text() == f"1 / {CHUNK * 2 + 5} done"
    documents.status.setCurrentIndex(documents.status.findData("done"))
    assert documents.model.ids == [store_ids[0]]
    assert documents.model.index(0, 1).data(Qt.ItemDataRole.DisplayRole) == "done"


def test_neighbour_walks_the_list(documents):
    ids = documents.model.ids
    assert documents.neighbour(ids[0], 1) == ids[1]
    assert documents.neighbour(ids[0], -1) is None
    assert documents.position(ids[4]) == (5, len(ids))
