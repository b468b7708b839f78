"""Ctrl+F: results for documents, quotes and speakers with snippets; hits marked; F3 steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core import quotes, speakers
from annotator.gui.search_results import PIECES
from tests.gui.conftest import find
from tests.projects import add_document

OTHER = "Officials stake out a plan. They will stake nothing out, said the mayor. Stake out."


def selected(window) -> tuple[int, int] | None:
    span = window.article.selection()
    return (span.start, span.end) if span is not None else None


def type_search(window, qtbot, typed: str) -> None:
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.documents.search.hasFocus()
    # A NUL cannot be typed (Qt's test keyboard aborts on it): it comes pasted.
    if "\x00" in typed:
        window.documents.search.insert(typed)
    else:
        QTest.keyClicks(window.documents.search, typed)
    QTest.keyClick(window.documents.search, Qt.Key.Key_Return)


def groups(window) -> dict[str, list[str]]:
    tree = window.search.results.tree
    found = {}
    for i in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(i)
        found[group.text(0)] = [group.child(k).text(0) for k in range(group.childCount())]
    return found


def test_phrase_search_finds_documents_quotes_and_speakers(window, qtbot) -> None:
    store = window.store
    other = add_document(store, OTHER, "other", "Stakes")
    speaker = speakers.create_speaker(store, "Mayor Stakeout").speakers_after[0]
    start, end = find(OTHER, "They will stake nothing out")
    quote_id = quotes.add_quote(store, other, [(start, end)], speaker_id=speaker.id).after[0].id
    window.session.corpus_changed.emit()
    type_search(window, qtbot, '"stake out"')
    found = groups(window)
    assert list(found) == ["1 document"]
    item = window.search.results.tree.topLevelItem(0).child(0)
    pieces = item.data(0, PIECES)
    assert [p.text for p in pieces if p.hit][0] == "stake out"
    assert window.documents.model.ids == [other]

    window.documents.search.clear()
    type_search(window, qtbot, "stake nothing")
    found = groups(window)
    assert found["1 quote"] == ["Mayor Stakeout: They will stake nothing out"]
    quote_item = window.search.results.tree.topLevelItem(1).child(0)
    window.search.results.tree.scrollToItem(quote_item)
    rect = window.search.results.tree.visualItemRect(quote_item)
    QTest.mouseClick(
        window.search.results.tree.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        rect.center(),
    )
    assert window.document_id == other
    assert window.panel.quote is not None and window.panel.quote.id == quote_id

    window.documents.search.clear()
    type_search(window, qtbot, "stakeo")
    assert groups(window) == {"1 speaker": ["Mayor Stakeout · 1 quote"]}


def test_hits_are_marked_and_f3_steps_through_them(window, qtbot) -> None:
    text = window.article.text
    type_search(window, qtbot, "secretary")
    hits = window.search.in_article.hits
    assert [text[s:e].lower() for s, e in hits] == ["secretary"] * len(hits)
    assert len(hits) >= 2
    assert len(window.article.extraSelections()) == len(hits)
    window.focus_article()
    window.article.setTextCursor(window.article.cursor_at(0))
    QTest.keyClick(window.article, Qt.Key.Key_F3)
    assert selected(window) == hits[0]
    QTest.keyClick(window.article, Qt.Key.Key_F3)
    assert selected(window) == hits[1]
    QTest.keyClick(window.article, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert selected(window) == hits[0]
    QTest.keyClick(window.article, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert selected(window) == hits[-1]


def test_malformed_queries_never_break_the_window(window, qtbot) -> None:
    for typed in ['"the wall', "NEAR(", "*", "stake\x00", '"""', "AND OR NOT"]:
        window.documents.search.clear()
        type_search(window, qtbot, typed)
        message = window.search.results.message.text()
        assert "\n" not in message
    window.documents.search.clear()
    type_search(window, qtbot, "*")
    assert window.search.results.message.text().startswith("Nothing to search for")
    assert window.article.extraSelections() == []
    # The document list is not filtered by a query with nothing in it.
    assert window.documents.model.rowCount() == 1
    window.documents.search.clear()
    type_search(window, qtbot, '"the wall')
    hits = window.search.in_article.hits
    assert hits and {window.article.text[s:e] for s, e in hits} == {"the wall"}


def test_clearing_the_search_hides_results_and_marks(window, qtbot) -> None:
    type_search(window, qtbot, "wall")
    assert window.search.results.isVisible()
    window.documents.search.clear()
    QTest.keyClick(window.documents.search, Qt.Key.Key_Return)
    assert not window.search.results.isVisible()
    assert window.article.extraSelections() == []


def test_document_rows_name_the_document_and_a_full_search_says_first(window, qtbot) -> None:
    from annotator.core import search

    store = window.store
    for number in range(search.LIMIT + 5):
        add_document(store, f"Report {number} on the harbour.", f"r{number}", f"Harbour {number}")
    window.session.corpus_changed.emit()
    type_search(window, qtbot, "harbour")
    tree = window.search.results.tree
    group = tree.topLevelItem(0)
    assert group.text(0) == f"the first {search.LIMIT} documents"
    assert group.child(0).text(0).startswith("Harbour ")
    assert " — " in group.child(0).text(0)
    assert "harbour" in group.child(0).toolTip(0)


def test_f3_from_the_search_field_then_q_makes_a_quote_of_the_hit(window, qtbot) -> None:
    type_search(window, qtbot, '"the wall"')
    QTest.keyClick(window.documents.search, Qt.Key.Key_F3)
    hit = selected(window)
    assert hit is not None and window.article.text[hit[0] : hit[1]] == "the wall"
    # The article has the keys now: Q quotes the hit, it is not typed into the search.
    assert window.article.hasFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Q)
    assert window.documents.search.text() == '"the wall"'
    assert [(s.start, s.end) for s in window.panel.quote.spans] == [hit]
