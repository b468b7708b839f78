"""The keyboard flow on the real window: mouse drags on the article, real key presses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.store import Store
from tests.gui.conftest import drag_select, find, rows, run_and_kill
from tests.projects import add_document

SENTENCE = "the wall does not define our relationship"


def _quote_with_speaker(window, needle: str, speaker: str, stance_key=Qt.Key.Key_2) -> None:
    view = window.article
    drag_select(view, *find(view.text, needle))
    QTest.keyClick(view, Qt.Key.Key_Q)
    QTest.keyClicks(QApplication.focusWidget(), speaker)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QTest.keyClick(QApplication.focusWidget(), stance_key)


def test_select_q_speaker_stance_lands_in_the_file(window, project):
    _quote_with_speaker(window, SENTENCE, "Rex Tillerson")
    assert rows(project, "SELECT speaker, stance, text FROM quote_rows") == [
        ("Rex Tillerson", "opposes", SENTENCE)
    ]
    assert QApplication.focusWidget() is window.article


def test_q_snaps_a_sloppy_selection_to_whole_words(window, project):
    view = window.article
    start, end = find(view.text, SENTENCE)
    drag_select(view, start - 2, end - 3)  # from before the quotation mark to mid-word
    QTest.keyClick(view, Qt.Key.Key_Q)
    assert rows(project, 'SELECT start, "end" FROM quote_spans') == [(start, end)]


def test_speaker_completion_accepts_with_enter(window, project):
    view = window.article
    drag_select(view, *find(view.text, SENTENCE))
    QTest.keyClick(view, Qt.Key.Key_Q)
    # "Luis Videgaray" is found in the article text, so typing a prefix completes it.
    QTest.keyClicks(QApplication.focusWidget(), "Luis Vid")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert rows(project, "SELECT speaker FROM quote_rows") == [("Luis Videgaray",)]


def test_a_target_typed_once_is_offered_for_the_next_quote(window, project):
    _quote_with_speaker(window, SENTENCE, "Rex Tillerson")
    target = window.panel.target
    target.setFocus()
    QTest.keyClicks(target, "the border wall")
    QTest.keyClick(target, Qt.Key.Key_Return)
    assert rows(project, "SELECT target FROM quote_rows") == [("the border wall",)]
    # The same speaker again: nothing in the registry changes, the targets still do.
    _quote_with_speaker(window, "collaboration", "Rex Tillerson", Qt.Key.Key_1)
    assert "the border wall" in target.completer().model().stringList()


def test_letters_typed_in_the_speaker_field_do_not_fire_shortcuts(window, project):
    view = window.article
    drag_select(view, *find(view.text, SENTENCE))
    QTest.keyClick(view, Qt.Key.Key_Q)
    QTest.keyClicks(QApplication.focusWidget(), "Quinn Adams")  # Q, A, d, n...
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert rows(project, "SELECT count(*) FROM quotes") == [(1,)]
    assert rows(project, "SELECT speaker FROM quote_rows") == [("Quinn Adams",)]
    assert rows(project, "SELECT status FROM documents") != [("done",)]


def test_split_quote_with_a(window, project):
    view = window.article
    first = "We’ve never tried it, we’ve never done it."
    second = "But until we do, we’ll be fighting at best a neutral battle on the border."
    drag_select(view, *find(view.text, first))
    QTest.keyClick(view, Qt.Key.Key_Q)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    drag_select(view, *find(view.text, second))
    QTest.keyClick(view, Qt.Key.Key_A)
    pieces = rows(project, "SELECT quote_id, text FROM quote_spans ORDER BY start")
    assert [text for _, text in pieces] == [first, second]
    assert pieces[0][0] == pieces[1][0]


def test_s_sets_the_mention_and_creates_the_speaker(window, project):
    view = window.article
    drag_select(view, *find(view.text, SENTENCE))
    QTest.keyClick(view, Qt.Key.Key_Q)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    mention = find(view.text, "Secretary of State Rex Tillerson")
    drag_select(view, *mention)
    QTest.keyClick(view, Qt.Key.Key_S)
    cue = find(view.text, "declared")
    drag_select(view, *cue)
    QTest.keyClick(view, Qt.Key.Key_C)
    assert rows(project, "SELECT speaker, mention, cue FROM quote_rows") == [
        ("Secretary of State Rex Tillerson", "Secretary of State Rex Tillerson", "declared")
    ]
    assert rows(project, "SELECT mention_start, mention_end FROM quotes") == [mention]


def test_undo_and_redo_every_step(window, project):
    _quote_with_speaker(window, SENTENCE, "Rex Tillerson")
    view = window.article
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(project, "SELECT speaker, stance FROM quote_rows") == [("Rex Tillerson", None)]
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(project, "SELECT count(*) FROM quotes") == [(0,)]
    assert rows(project, "SELECT count(*) FROM speakers") == [(0,)]
    assert not window.article.quotes
    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for _ in range(3):
        QTest.keyClick(view, Qt.Key.Key_Z, redo)
    assert rows(project, "SELECT speaker, stance FROM quote_rows") == [("Rex Tillerson", "opposes")]
    assert len(window.article.quotes) == 1


def test_delete_and_tab_between_quotes(window, project):
    view = window.article
    for needle in (SENTENCE, "multifaceted", "very, very useful and fruitful conversations"):
        drag_select(view, *find(view.text, needle))
        QTest.keyClick(view, Qt.Key.Key_Q)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.panel.quote.start == find(view.text, "very, very")[0]
    QTest.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.panel.quote.start == find(view.text, "multifaceted")[0]
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert [r[0] for r in rows(project, "SELECT text FROM quote_spans ORDER BY start")] == [
        SENTENCE,
        "very, very useful and fruitful conversations",
    ]
    QTest.keyClick(view, Qt.Key.Key_Tab)
    QTest.keyClick(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.panel.quote.start == find(view.text, SENTENCE)[0]
    assert view.hasFocus()


def test_next_previous_document_and_undo_across_documents(window, project):
    second = add_document(window.store, "The mayor said “we will build it” today.", "second")
    window.session.corpus_changed.emit()
    view = window.article
    first = window.document_id
    QTest.keyClick(view, Qt.Key.Key_N)
    assert window.document_id == second
    assert view.text.startswith("The mayor")
    drag_select(view, *find(view.text, "we will build it"))
    QTest.keyClick(view, Qt.Key.Key_Q)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QTest.keyClick(view, Qt.Key.Key_D)
    QTest.keyClick(view, Qt.Key.Key_P)
    assert window.document_id == first
    assert rows(project, "SELECT status FROM documents WHERE id = ?", second) == [("done",)]
    # Undo from the first document reaches back into the second and shows it.
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.document_id == second
    assert rows(project, "SELECT status FROM documents WHERE id = ?", second) != [("done",)]
    QTest.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(project, "SELECT count(*) FROM quotes") == [(0,)]
    assert not view.quotes


def test_reopened_project_shows_the_same_highlights(window, project, open_window):
    _quote_with_speaker(window, SENTENCE, "Rex Tillerson")
    _quote_with_speaker(window, "multifaceted", "John Kelly", Qt.Key.Key_3)
    before = {q.id: q.spans for q in window.article.quotes.values()}
    window.close()
    again = open_window(project)
    assert {q.id: q.spans for q in again.article.quotes.values()} == before
    assert again.panel.model.rowCount() == 2


def test_emoji_and_no_break_space_land_at_the_right_offsets(project, open_window):
    text = "Intro 😀👍🏽 text.\nShe said\u00a0“caf\u0065\u0301 🎉 is\u00a0open” to all."
    with Store.open(project) as store:
        document_id = add_document(store, text, "emoji")
    window = open_window(project)
    window.open_document(document_id)
    view = window.article
    needle = "caf\u0065\u0301 🎉 is\u00a0open"
    drag_select(view, *find(text, needle))
    QTest.keyClick(view, Qt.Key.Key_Q)
    assert rows(project, 'SELECT start, "end", text FROM quote_spans') == [
        (*find(text, needle), needle)
    ]


def test_screenshot_of_the_annotated_sample_is_not_blank(window, tmp_path):
    _quote_with_speaker(window, SENTENCE, "Rex Tillerson", Qt.Key.Key_1)
    _quote_with_speaker(
        window,
        "collaboration between Mexican authorities and U.S. authorities",
        "John Kelly",
        Qt.Key.Key_3,
    )
    path = tmp_path / "window.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert image.width() > 800
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(colours) > 20


def test_reopening_returns_to_the_last_document_and_scroll_position(project, open_window, qtbot):
    long_text = "\n\n".join(
        f"Paragraph {n}: the minister said “talks continue”." for n in range(300)
    )
    with Store.open(project) as store:
        second = add_document(store, long_text, "long")
    first = open_window(project)
    first.open_document(second)
    first.article.scroll_to_top(long_text.index("Paragraph 150:"))
    assert first.article.top_offset() == long_text.index("Paragraph 150:")
    first.close()

    again = open_window(project)
    assert again.document_id == second
    qtbot.waitUntil(lambda: again.article.top_offset() == long_text.index("Paragraph 150:"))


def test_killing_the_process_loses_nothing_the_window_showed(project, tmp_path):
    """Annotate in a real window in another process, kill it with SIGKILL, read the file."""
    result = run_and_kill(
        project,
        tmp_path / "settings.json",
        """
        start = view.text.index("the wall does not")
        view.select(start, start + len("the wall does not define our relationship"))
        view.setFocus()
        QTest.keyClick(view, Qt.Key.Key_Q)
        QTest.keyClicks(window.panel.speaker, "Rex Tillerson")
        QTest.keyClick(window.panel.speaker, Qt.Key.Key_Return)
        QTest.keyClick(view, Qt.Key.Key_2)
        # What the window shows as done, just before the process dies.
        print(window.status.count_label.text(), flush=True)
        """,
    )
    assert result.stdout.strip() == "1 quote", result.stderr
    assert rows(project, "SELECT speaker, stance, text, annotator FROM quote_rows") == [
        ("Rex Tillerson", "opposes", "the wall does not define our relationship", "killed")
    ]
