"""The quote panel on its own: fields follow the quote, edits go to the store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core import quotes as quote_ops
from annotator.core.marks import quote_marks
from annotator.core.store import Store
from annotator.gui.quote_panel import QuotePanel
from annotator.gui.session import Session
from tests.projects import add_document

TEXT = "Foreign Secretary Luis Videgaray said “we agree” and Kelly said “no”."


@pytest.fixture
def session() -> Session:
    store = Store.memory()
    add_document(store, TEXT, "a")
    return Session(store, "tester")


@pytest.fixture
def panel(qtbot, session: Session) -> QuotePanel:
    widget = QuotePanel(session)
    qtbot.addWidget(widget)
    session.changed.connect(
        lambda change: widget.update_quotes(
            [q.id for q in change.before if q.id not in {a.id for a in change.after}],
            list(change.after),
        )
    )
    widget.set_document(TEXT, [])
    widget.show()
    return widget


def _add(session: Session, needle: str) -> int:
    start = TEXT.index(needle)
    change = session.apply(quote_ops.add_quote, 1, [(start, start + len(needle))])
    assert change is not None
    return change.after[0].id


def test_quote_list_is_in_text_order(panel, session):
    _add(session, "no")
    _add(session, "we agree")
    texts = [panel.model.quote_at(row).spans[0].start for row in range(panel.model.rowCount())]
    assert texts == sorted(texts)
    assert "(2)" in panel.quotes_heading.text()


def test_stance_button_sets_and_clears_the_stance(panel, session):
    quote_id = _add(session, "we agree")
    panel.show_quote(session.store.quote(quote_id))
    supports = session.store.find_label("stance", "supports")
    button = panel._stance_buttons[supports.id]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert session.store.quote(quote_id).stance_id == supports.id
    assert button.isChecked()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert session.store.quote(quote_id).stance_id is None


def test_target_and_note_are_saved_when_editing_ends(panel, session, qtbot):
    quote_id = _add(session, "we agree")
    panel.show_quote(session.store.quote(quote_id))
    with qtbot.waitSignal(panel.done_editing):
        panel.target.setFocus()
        QTest.keyClicks(panel.target, "border wall")
        QTest.keyClick(panel.target, Qt.Key.Key_Return)
    panel.note.setFocus()
    QTest.keyClicks(panel.note, "check the video")
    QTest.keyClick(panel.note, Qt.Key.Key_Return)
    quote = session.store.quote(quote_id)
    assert (quote.target, quote.note) == ("border wall", "check the video")


def test_no_quote_disables_the_fields(panel):
    panel.show_quote(None)
    assert not panel.speaker.isEnabled()
    assert not any(button.isEnabled() for button in panel._stance_buttons.values())


def test_no_quote_after_a_typed_one_shows_no_type(panel, session):
    quote_id = _add(session, "we agree")
    direct = session.store.find_label("quote_type", "direct")
    session.apply(quote_ops.set_quote_type, quote_id, direct.id)
    panel.show_quote(session.store.quote(quote_id))
    assert panel.quote_type.currentText() == "direct"
    panel.show_quote(None)
    assert panel.quote_type.currentText() == "(none)"


def test_editing_a_quote_read_from_the_store_moves_its_count(panel, session):
    """Rows opened from marks count by the stance they had, not the one a rebuilt quote has."""
    quote_id = _add(session, "we agree")
    panel.set_document(TEXT, quote_marks(session.store, 1))
    assert panel.model.stance_counts == {None: 1}
    supports = session.store.find_label("stance", "supports")
    session.apply(quote_ops.set_stance, quote_id, supports.id)
    assert panel.model.stance_counts == {supports.id: 1}
    assert panel.model.quote_at(0).stance_id == supports.id
    assert panel.model.row_of(quote_id) == 0


def _speaker_name(session, quote_id):
    speaker_id = session.store.quote(quote_id).speaker_id
    return session.store.speaker(speaker_id).name if speaker_id else None


def test_esc_and_leaving_the_speaker_box_never_save_what_was_typed(panel, session, qtbot):
    from annotator.core import speakers

    speakers.create_speaker(session.store, "John Kelly")
    quote_id = _add(session, "we agree")
    session.apply(quote_ops.set_speaker_by_name, quote_id, "John Kelly")
    panel.show_quote(session.store.quote(quote_id))
    panel.focus_speaker()
    with qtbot.waitSignal(panel.done_editing):
        QTest.keyClicks(panel.speaker, "4")
        QTest.keyClick(panel.speaker, Qt.Key.Key_Escape)
    assert panel.speaker.text() == "John Kelly"
    panel.focus_speaker()
    QTest.keyClicks(panel.speaker, "Someone Else")
    panel.note.setFocus()  # leaving the box
    qtbot.waitUntil(lambda: not panel.speaker.hasFocus())
    assert panel.speaker.text() == "John Kelly"
    assert _speaker_name(session, quote_id) == "John Kelly"
    assert [s.name for s in session.store.speakers()] == ["John Kelly"]


def test_a_typo_offers_the_close_name_before_creating_a_speaker(panel, session, qtbot):
    from annotator.core import speakers

    speakers.create_speaker(session.store, "John Kelly")
    quote_id = _add(session, "we agree")
    panel.show_quote(session.store.quote(quote_id))
    panel.focus_speaker()
    QTest.keyClicks(panel.speaker, "Jon Kely")
    assert "New speaker “Jon Kely”" in panel.speaker.hint.text()
    QTest.keyClick(panel.speaker, Qt.Key.Key_Return)
    assert "Did you mean John Kelly" in panel.speaker.hint.text()
    assert _speaker_name(session, quote_id) is None
    QTest.keyClick(panel.speaker, Qt.Key.Key_Down)
    assert panel.speaker.text() == "John Kelly"
    QTest.keyClick(panel.speaker, Qt.Key.Key_Return)
    assert _speaker_name(session, quote_id) == "John Kelly"
    assert len(session.store.speakers()) == 1


def test_a_second_enter_on_a_name_shown_as_new_creates_it(panel, session, qtbot):
    from annotator.core import speakers

    speakers.create_speaker(session.store, "John Kelly")
    quote_id = _add(session, "we agree")
    panel.show_quote(session.store.quote(quote_id))
    panel.focus_speaker()
    QTest.keyClicks(panel.speaker, "Jon Kely")
    QTest.keyClick(panel.speaker, Qt.Key.Key_Return)
    QTest.keyClick(panel.speaker, Qt.Key.Key_Return)
    assert _speaker_name(session, quote_id) == "Jon Kely"


def test_completion_comes_from_the_store_by_prefix(panel, session):
    from annotator.core import speakers

    for number in range(300):
        speakers.create_speaker(session.store, f"Speaker {number:03d}")
    speakers.create_speaker(session.store, "Rex Tillerson")
    quote_id = _add(session, "we agree")
    panel.show_quote(session.store.quote(quote_id))
    panel.focus_speaker()
    QTest.keyClicks(panel.speaker, "rex")
    assert panel.speaker.text() == "rex Tillerson"
    assert panel.speaker.selectedText() == " Tillerson"
    QTest.keyClick(panel.speaker, Qt.Key.Key_Return)
    assert _speaker_name(session, quote_id) == "Rex Tillerson"
    # No model in the panel holds the registry.
    from PySide6.QtCore import QAbstractItemModel

    sizes = [m.rowCount() for m in panel.findChildren(QAbstractItemModel)]
    assert max(sizes, default=0) < 300


def test_typing_over_a_selected_name_completes_from_the_first_letter(panel, session):
    from annotator.core import speakers

    for name in ("John Kelly", "Rex Tillerson"):
        speakers.create_speaker(session.store, name)
    quote_id = _add(session, "we agree")
    session.apply(quote_ops.set_speaker_by_name, quote_id, "Rex Tillerson")
    panel.show_quote(session.store.quote(quote_id))
    panel.focus_speaker()  # the current name, selected
    QTest.keyClicks(panel.speaker, "J")
    assert panel.speaker.text() == "John Kelly"
    QTest.keyClick(panel.speaker, Qt.Key.Key_Return)
    assert _speaker_name(session, quote_id) == "John Kelly"


def test_a_quote_chosen_as_its_document_opens_is_shown_in_the_list(
    project, open_window, qtbot
) -> None:
    text = "\n\n".join(f"Paragraph {n}: the minister said “point {n}” today." for n in range(40))
    with Store.open(project) as store:
        other = add_document(store, text, "many", "Many quotes")
        ids = []
        for n in range(40):
            start = text.index(f"point {n}”")
            change = quote_ops.add_quote(store, other, [(start, start + len(f"point {n}"))])
            ids.append(change.after[0].id)
    window = open_window(project)
    assert window.document_id != other
    # As a search result or a bar of the statistics opens a quote.
    window.open_document(other)
    window.quote_commands.select_quote(ids[-1])
    view = window.panel.list
    index = view.currentIndex()
    assert index.row() == 39
    assert view.viewport().rect().contains(view.visualRect(index))


def test_a_long_quote_fits_the_heading_and_is_whole_in_its_tooltip(qtbot, session: Session):
    long_text = " ".join(f"word{n}" for n in range(200))
    store = session.store
    document = add_document(store, long_text, "long")
    widget = QuotePanel(session)
    qtbot.addWidget(widget)
    widget.resize(300, 600)
    widget.show()
    qtbot.waitExposed(widget)
    change = quote_ops.add_quote(store, document, [(0, len(long_text))])
    widget.set_document(long_text, quote_marks(store, document))
    widget.show_quote(change.after[0])
    heading = widget.heading
    # Three lines at most: the text is cut to fit, never clipped mid-line.
    assert heading.heightForWidth(heading.width()) <= heading.height()
    assert heading.text().endswith("…")
    assert "word199" in heading.toolTip()
