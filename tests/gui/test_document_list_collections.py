"""The document list shows each document's collection and annotators and filters on both."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core import importing
from annotator.core.model import DocumentRecord, ExtraMark, QuoteRecord
from annotator.core.store import Store
from annotator.gui.document_list import COLUMNS, DocumentList


@pytest.fixture
def store() -> Store:
    store = Store.memory()
    records = [
        DocumentRecord(
            "a",
            "Senate passes the bill",
            "Roe said yes.",
            collection="train",
            quotes=[
                QuoteRecord([(9, 12)], annotator="ana"),
                QuoteRecord([(9, 12)], annotator="ben"),
            ],
        ),
        # Read by cy, who found nothing to quote (an empty brat file).
        DocumentRecord(
            "b",
            "Court rules",
            "Nothing here.",
            collection="dev",
            extra=[ExtraMark("brat", "file", [], {"name": "b_cy"}, "cy")],
        ),
        DocumentRecord("c", "Untouched", "Nobody read this.", collection="dev"),
    ]
    importing.import_records(store, records, "test")
    return store


@pytest.fixture
def documents(qtbot, store):
    widget = DocumentList(store)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def cells(documents, column):
    model = documents.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def choose(qtbot, combo, text):
    combo.setFocus()
    while combo.currentText() != text:
        before = combo.currentIndex()
        QTest.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"no {text!r} in the list"


def test_columns_show_titles_collections_and_annotators(documents):
    assert COLUMNS[3:] == ("Collection", "Annotators")
    assert cells(documents, 0) == ["Senate passes the bill", "Court rules", "Untouched"]
    assert cells(documents, 3) == ["train", "dev", "dev"]
    assert cells(documents, 4) == ["ana, ben", "cy", ""]


def test_filters_on_collection_and_annotator(qtbot, documents):
    items = [documents.collection.itemText(i) for i in range(documents.collection.count())]
    assert items == ["All collections", "dev", "train"]
    choose(qtbot, documents.collection, "dev")
    assert cells(documents, 0) == ["Court rules", "Untouched"]
    choose(qtbot, documents.annotator, "cy")
    assert cells(documents, 0) == ["Court rules"]
    choose(qtbot, documents.collection, "train")
    assert cells(documents, 0) == []


def test_a_project_without_collections_shows_no_collection_filter(qtbot):
    store = Store.memory()
    importing.import_records(store, [DocumentRecord("x", "X", "Text.")], "test")
    widget = DocumentList(store)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.collection.isVisible() and not widget.annotator.isVisible()
    importing.import_records(
        store,
        [DocumentRecord("y", "Y", "More.", collection="dev", quotes=[QuoteRecord([(0, 4)])])],
        "test",
    )
    widget.reload()
    assert widget.collection.isVisible() and widget.collection.count() == 2


def test_without_collections_or_annotators_their_columns_leave_room_for_the_title(window, qtbot):
    view = window.documents.view
    header = view.header()
    assert header.isSectionHidden(3) and header.isSectionHidden(4)
    # Title, status and quote count all within the pane: nothing behind a scroll bar.
    assert not view.horizontalScrollBar().isVisible()
    assert header.sectionSize(0) >= 100
    assert header.sectionViewportPosition(2) + header.sectionSize(2) <= view.viewport().width()


def test_the_columns_appear_with_collections_and_annotators(qtbot):
    store = Store.memory()
    importing.import_records(store, [DocumentRecord("x", "X", "Text.")], "test")
    widget = DocumentList(store)
    qtbot.addWidget(widget)
    widget.show()
    importing.import_records(
        store,
        [DocumentRecord("y", "Y", "More.", collection="dev", quotes=[QuoteRecord([(0, 4)])])],
        "test",
    )
    widget.reload()
    header = widget.view.header()
    assert not header.isSectionHidden(3) and not header.isSectionHidden(4)
