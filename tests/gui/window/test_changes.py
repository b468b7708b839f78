"""Changes in the window: what it says when one is refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from annotator.core import quotes
from annotator.core.store import Store
from annotator.gui.document_list import COLUMNS
from tests.gui.conftest import drag_select, find, rows
from tests.gui.dialogs import when_modal


def test_a_refused_undo_says_once_that_nothing_was_changed(window, project, qtbot):
    text = window.store.document(window.document_id).text
    drag_select(window.article, *find(text, "the wall does not define our relationship"))
    QTest.keyClick(window.article, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: len(rows(project, "SELECT id FROM quotes")) == 1)
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    [(quote_id,)] = rows(project, "SELECT id FROM quotes")
    with Store.open(project) as other:  # another program changes the quote
        quotes.set_note(other, quote_id, "from the other program")
    boxes: list[str] = []
    when_modal(lambda box: (boxes.append(box.text()), box.close()), QMessageBox)
    QTest.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(boxes))
    assert "changed in another window or program" in boxes[0]
    assert boxes[0].lower().count("nothing was changed") == 1
    assert rows(project, "SELECT note FROM quotes") == [("from the other program",)]


def test_the_document_row_follows_its_coders_through_edits_undo_and_redo(window):
    documents = window.documents.model
    row = documents.row_of(window.document_id)

    def cell(column: str) -> object:
        return documents.index(row, COLUMNS.index(column)).data()

    assert (cell("Annotators"), cell("Quotes")) == ("", 0)
    text = window.store.document(window.document_id).text
    drag_select(window.article, *find(text, "the wall does not define our relationship"))
    QTest.keyClick(window.article, Qt.Key.Key_Q)
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    assert (cell("Annotators"), cell("Quotes")) == ("tester", 1)
    # An edit of the quote keeps its coder listed.
    QTest.keyClick(window.article, Qt.Key.Key_1)
    assert (cell("Annotators"), cell("Quotes")) == ("tester", 1)
    # Undone back to no quote, the coder leaves the row; redone, comes back.
    for _ in range(2):
        QTest.keyClick(window.article, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (cell("Annotators"), cell("Quotes")) == ("", 0)
    QTest.keyClick(
        window.article,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert (cell("Annotators"), cell("Quotes")) == ("tester", 1)
