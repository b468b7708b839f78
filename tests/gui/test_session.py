"""The session: core changes on the undo stack, and what happens when the core refuses."""

from __future__ import annotations

import pytest

from annotator.core import quotes, undo
from annotator.core.errors import StoreError
from annotator.core.store import Store
from annotator.gui.session import Session
from tests.projects import add_document


@pytest.fixture
def session(qtbot):
    store = Store.memory()
    add_document(store, "He said “we will build it” today.")
    yield Session(store)
    store.close()


def test_undo_and_redo_replay_the_core_change(session, qtbot):
    with qtbot.waitSignal(session.changed):
        session.apply(quotes.add_quote, 1, [(9, 25)])
    session.undo_stack.undo()
    assert session.store.quotes(1) == []
    session.undo_stack.redo()
    assert [q.spans[0].start for q in session.store.quotes(1)] == [9]


def test_a_refused_edit_is_reported_and_not_stacked(session, qtbot):
    with qtbot.waitSignal(session.failed) as failed:
        assert session.apply(quotes.add_quote, 1, [(9, 999)]) is None
    assert "outside the text" in failed.args[0]
    assert session.undo_stack.count() == 0


def test_a_refused_undo_leaves_the_work_and_drops_the_step(session, qtbot, monkeypatch):
    session.apply(quotes.add_quote, 1, [(9, 25)])

    def refuse(store, change):
        raise StoreError(store.path, "the project file is read-only; nothing was changed")

    monkeypatch.setattr(undo, "revert", refuse)
    with qtbot.waitSignal(session.failed):
        session.undo_stack.undo()
    # The quote is still there, and the stack no longer offers to undo or redo it.
    assert len(session.store.quotes(1)) == 1
    assert session.undo_stack.count() == 0
    assert not session.undo_stack.canUndo() and not session.undo_stack.canRedo()
