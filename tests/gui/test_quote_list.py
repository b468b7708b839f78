"""The quote list model: rows in text order, each quote built from the store when shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core import quotes as quote_ops
from annotator.core.marks import QuoteMarks, quote_marks
from annotator.core.model import Quote
from annotator.core.store import Store
from annotator.gui.quote_list import QuoteListModel, SpeakerCache
from annotator.gui.session import Session
from tests.projects import add_document

TEXT = " ".join(f"Sentence {n} says “quote {n}”." for n in range(100))


def _model_over_many_quotes(loads: list[list[int]]) -> tuple[QuoteListModel, Store]:
    store = Store.memory()
    document_id = add_document(store, TEXT, "a")
    for n in reversed(range(100)):  # ids in the reverse of text order
        start = TEXT.index(f"quote {n}”")
        quote_ops.add_quote(store, document_id, [(start, start + len(f"quote {n}"))])
    marks = quote_marks(store, document_id)

    def load_many(quote_ids: list[int]) -> list[Quote]:
        loads.append(quote_ids)
        return store.quotes_with_ids(quote_ids)

    model = QuoteListModel(SpeakerCache(Session(store, "tester")))
    model.reset(TEXT, QuoteMarks(marks.marks, marks.looks, store.quote, load_many=load_many))
    return model, store


def test_a_shown_row_builds_the_rows_below_it_in_one_load(qtbot):
    loads: list[list[int]] = []
    model, store = _model_over_many_quotes(loads)
    assert model.rowCount() == 100 and loads == []
    assert model.data(model.index(10)) == "no speaker · no stance\nquote 10"
    assert len(loads) == 1 and len(loads[0]) > 10
    assert loads[0][0] == model.quote_at(10).id
    # The next rows down are already built: showing them reads nothing more.
    for row in range(11, 10 + len(loads[0])):
        assert model.data(model.index(row)) == f"no speaker · no stance\nquote {row}"
    assert len(loads) == 1
    assert model.quote_at(12) == store.quote(model.quote_at(12).id)


def test_roles_the_list_does_not_show_read_nothing(qtbot):
    loads: list[list[int]] = []
    model, _ = _model_over_many_quotes(loads)
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole):
        assert model.data(model.index(0), role) is None
    assert loads == []
    assert model.data(model.index(0), Qt.ItemDataRole.ToolTipRole).startswith("<qt>quote 0<br>")
