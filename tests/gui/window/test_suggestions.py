"""Suggestions in the real window: proposed on open; accepted, rejected, accepted all by key."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.suggestions import suggestions
from tests.gui.conftest import rows


def shown(window, qtbot):
    """Wait until the worker's proposals for the open document are stored and shown."""
    qtbot.waitUntil(lambda: bool(window.suggestions.items) and not window.suggestions._threads)
    return window.suggestions.items


def press(window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.article.setFocus()
    QTest.keyClick(window.article, key, modifier)


def test_opening_a_document_proposes_its_quotes_off_the_gui_thread(window, qtbot, project: Path):
    items = shown(window, qtbot)
    text = window.article.text
    starts = [text[item.start : item.start + 20] for item in items]
    # The headline, then the quote after "Secretary of State Rex Tillerson declared".
    assert starts[:2] == ["'But for Us, Mexico ", "“the wall does not d"]
    assert [items[0].speaker, items[1].speaker] == ["Rex Tillerson", "Rex Tillerson"]
    # The collector, paused while the worker ran, runs again (on the GUI thread).
    assert gc.isenabled()
    stored = rows(project, "SELECT count(*) FROM suggestions WHERE status = 'open'")[0][0]
    assert stored >= len(items) > 5
    # Suggestions are not quotes: nothing counts them.
    assert rows(project, "SELECT count(*) FROM quotes") == [(0,)]


def test_j_walks_the_suggestions_and_y_accepts_one_under_the_coder_undoably(
    window, qtbot, project: Path
):
    items = shown(window, qtbot)
    assert window.suggestions.current == items[0].id
    press(window, Qt.Key.Key_J)
    assert window.suggestions.current == items[1].id
    assert "Suggestion 2 of" in window.status.currentMessage()
    press(window, Qt.Key.Key_Y)
    quote = rows(project, "SELECT origin, annotator, speaker, start FROM quote_rows")
    assert quote == [("suggested", "tester", items[1].speaker or None, items[1].start)]
    assert rows(project, "SELECT status FROM suggestions WHERE id = ?", items[1].id) == [
        ("accepted",)
    ]
    # The accepted one is a quote now, no longer an outline.
    assert items[1].id not in [item.id for item in window.suggestions.items]
    assert window.panel.model.rowCount() == 1
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(project, "SELECT count(*) FROM quotes") == [(0,)]
    assert rows(project, "SELECT status FROM suggestions WHERE id = ?", items[1].id) == [("open",)]
    assert items[1].id in [item.id for item in window.suggestions.items]


def test_x_rejects_and_the_rejection_survives_reopening(window, qtbot, project: Path, open_window):
    items = shown(window, qtbot)
    rejected = items[0]
    press(window, Qt.Key.Key_X)
    assert rows(project, "SELECT status FROM suggestions WHERE id = ?", rejected.id) == [
        ("rejected",)
    ]
    assert rejected.id not in [item.id for item in window.suggestions.items]
    assert rows(project, "SELECT count(*) FROM quotes") == [(0,)]
    window.close()
    again = open_window(project)
    items_again = shown(again, qtbot)
    spans = [item.spans for item in items_again]
    assert rejected.spans not in spans
    assert len(items_again) == len(items) - 1


def test_shift_y_accepts_all_in_one_step_and_e_opens_the_accepted_quote(
    window, qtbot, project: Path
):
    items = shown(window, qtbot)
    press(window, Qt.Key.Key_E)
    assert QApplication.focusWidget() is window.panel.speaker
    assert window.panel.quote is not None and window.panel.quote.origin == "suggested"
    press(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ShiftModifier)
    assert rows(project, "SELECT count(*), min(origin), max(origin) FROM quotes") == [
        (len(items), "suggested", "suggested")
    ]
    assert window.suggestions.items == []
    assert suggestions(window.store, window.document_id) == []
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(project, "SELECT count(*) FROM quotes") == [(1,)]
    assert len(window.suggestions.items) == len(items) - 1


def test_only_the_coders_own_quotes_hide_suggestions(window, qtbot, project: Path):
    from annotator.core import quotes

    items = shown(window, qtbot)
    first = items[0]
    # Another coder's quote over the first suggestion leaves it shown...
    window.session.apply(quotes.add_quote, window.document_id, first.spans, annotator="ben")
    assert first.id in [item.id for item in window.suggestions.items]
    # ...this coder's quote over it hides it.
    window.session.apply(quotes.add_quote, window.document_id, first.spans)
    assert first.id not in [item.id for item in window.suggestions.items]


def test_a_quote_made_hides_the_suggestions_it_covers_and_undo_shows_them(window, qtbot):
    items = shown(window, qtbot)
    second = items[1]
    window.article.select(second.start, second.spans[0].end)
    press(window, Qt.Key.Key_Q)
    ids = [item.id for item in window.suggestions.items]
    assert second.id not in ids and items[0].id in ids
    # The same as reading them again from the store.
    window.suggestions.reload()
    assert [item.id for item in window.suggestions.items] == ids
    QTest.keyClick(window.panel.speaker, Qt.Key.Key_Escape)
    QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert second.id in [item.id for item in window.suggestions.items]


def test_opening_a_document_again_proposes_again_only_after_the_registry_changed(window, qtbot):
    from annotator.core import speakers

    shown(window, qtbot)
    document_id = window.document_id

    def reopen() -> bool:
        window.document_id = None
        window.open_document(document_id)
        return bool(window.suggestions._threads)

    assert not reopen()  # the same text, rule and registry: nothing to propose
    window.session.apply(speakers.create_speaker, "Luis Videgaray")
    assert reopen()
    shown(window, qtbot)
    assert not reopen()


def test_a_document_left_before_its_proposals_came_is_proposed_for_when_opened_again(window, qtbot):
    from annotator.core import speakers

    shown(window, qtbot)
    document_id = window.document_id
    window.session.apply(speakers.create_speaker, "Ana Lima")  # the registry changed
    window.document_id = None
    window.open_document(document_id)
    window.suggestions._generation += 1  # as if another document opened meanwhile
    qtbot.waitUntil(lambda: not window.suggestions._threads)
    window.document_id = None
    window.open_document(document_id)
    assert window.suggestions._threads  # its proposals were dropped: propose again
    shown(window, qtbot)


def test_shift_y_on_the_last_suggestion_says_one_accepted(window, qtbot, project: Path):
    items = shown(window, qtbot)
    for _ in items[1:]:
        press(window, Qt.Key.Key_X)
    assert len(window.suggestions.items) == 1
    press(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ShiftModifier)
    assert rows(project, "SELECT count(*) FROM quotes") == [(1,)]
    assert window.status.currentMessage() == "1 suggestion accepted"


def test_e_says_the_suggestion_was_accepted_rather_than_still_offering_it(
    window, qtbot, project: Path
):
    shown(window, qtbot)
    press(window, Qt.Key.Key_J)
    assert "Y accept" in window.status.currentMessage()
    press(window, Qt.Key.Key_E)
    assert QApplication.focusWidget() is window.panel.speaker
    assert window.status.currentMessage() == "Suggestion accepted"


def test_after_x_or_y_the_next_suggestion_is_current_not_the_first(window, qtbot, project: Path):
    items = shown(window, qtbot)
    press(window, Qt.Key.Key_J)
    press(window, Qt.Key.Key_J)
    assert window.suggestions.current == items[2].id
    press(window, Qt.Key.Key_X)
    assert window.suggestions.current == items[3].id
    press(window, Qt.Key.Key_Y)
    assert window.suggestions.current == items[4].id


def test_the_current_suggestion_is_tagged_even_without_a_speaker():
    from annotator.gui.suggestion_marks import tag_text

    assert tag_text("Rex Tillerson") == "Rex Tillerson?"
    assert tag_text("") == "Suggested quote: who said it?"


def test_proposals_wait_for_the_opened_document_and_skip_one_left_at_once(
    project: Path, open_window, qtbot
):
    from annotator.core.store import Store
    from tests.projects import add_document

    with Store.open(project) as store:
        first = store.document_ids()[0]
        second = add_document(store, "Roe said “we will win” today.", "second")
    window = open_window(project)
    qtbot.waitUntil(lambda: not window.suggestions._threads)
    stored = "SELECT count(*) FROM suggestions WHERE document_id = ?"
    # N and N again before the first has painted: only the second is proposed for.
    window.open_document(second)
    [waiting] = window.suggestions._threads
    assert not waiting.isRunning() and not waiting.isFinished()  # the opening comes first
    window.open_document(first)
    qtbot.waitUntil(lambda: not window.suggestions._threads)
    assert rows(project, stored, second) == [(0,)]
    # Staying on it, it is proposed for once it has painted.
    window.open_document(second)
    qtbot.waitUntil(lambda: not window.suggestions._threads)
    assert rows(project, stored, second)[0][0] >= 1


def test_a_quote_made_over_the_current_suggestion_repaints_its_tag_away(window, qtbot):
    from PySide6.QtCore import QEvent, QObject

    items = shown(window, qtbot)
    press(window, Qt.Key.Key_J)
    current = next(item for item in items if item.id == window.suggestions.current)
    viewport = window.article.viewport()
    painted: list = []

    class Paints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint:
                painted.append(event.rect())
            return False

    paints = Paints()
    viewport.installEventFilter(paints)
    window.article.select(current.spans[0].start, current.spans[0].end)
    QApplication.processEvents()
    painted.clear()
    press(window, Qt.Key.Key_Q)
    QApplication.processEvents()
    viewport.removeEventFilter(paints)
    assert current.id not in [item.id for item in window.suggestions.items]
    # The tag stood above the suggestion's first line: only a whole repaint erases it.
    assert any(rect.contains(viewport.rect()) for rect in painted)
