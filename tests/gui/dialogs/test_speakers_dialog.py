import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from annotator.core import quotes, speakers
from annotator.core.store import Store
from annotator.gui.dialogs.speakers_dialog import SpeakersDialog
from annotator.gui.session import Session
from tests.gui.dialogs import (
    cancel,
    pick_answer,
    type_answer,
    when_modal,
)
from tests.projects import add_document

LEFT = Qt.MouseButton.LeftButton
TEXT = "Rex Tillerson said no. Tillerson said yes. Kelly said maybe."


@pytest.fixture
def session(qtbot):
    store = Store.memory()
    document = add_document(store, TEXT)
    for name, aliases in (
        ("Rex Tillerson", ("Secretary Tillerson",)),
        ("Tillerson", ()),
        ("John Kelly", ()),
    ):
        speakers.create_speaker(store, name, aliases)
    ids = {s.name: s.id for s in store.speakers()}
    quotes.add_quote(store, document, [(19, 21)], speaker_id=ids["Rex Tillerson"])
    quotes.add_quote(store, document, [(38, 41)], speaker_id=ids["Tillerson"])
    quotes.add_quote(store, document, [(33, 36)], speaker_id=ids["Tillerson"])
    yield Session(store)
    store.close()


@pytest.fixture
def dialog(qtbot, session):
    dialog = SpeakersDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def rows(dialog):
    table = dialog.table
    return [
        tuple(table.item(row, column).text() for column in range(3))
        for row in range(table.rowCount())
        if not table.isRowHidden(row)
    ]


def select(qtbot, dialog, *names):
    table = dialog.table
    for number, name in enumerate(names):
        for row in range(table.rowCount()):
            if table.item(row, 0).text() == name:
                cell = table.visualItemRect(table.item(row, 0)).center()
                modifier = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier(0)
                qtbot.mouseClick(table.viewport(), LEFT, modifier, cell)
                break
        else:
            raise AssertionError(f"{name} is not listed")
    assert [s.name for s in dialog.selected()] == sorted(names, key=str.casefold)


def registry(store):
    return {s.name: (s.aliases, s.id) for s in store.speakers()}


def test_lists_names_aliases_and_quote_counts(dialog):
    assert rows(dialog) == [
        ("John Kelly", "", "0"),
        ("Rex Tillerson", "Secretary Tillerson", "1"),
        ("Tillerson", "", "2"),
    ]
    assert dialog.count.text() == "3 speakers"


def test_filter_matches_names_and_aliases(qtbot, dialog):
    qtbot.keyClicks(dialog.filter, "secretary")
    assert [row[0] for row in rows(dialog)] == ["Rex Tillerson"]
    assert dialog.count.text() == "1 of 3 speakers shown"
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "tiller")
    assert [row[0] for row in rows(dialog)] == ["Rex Tillerson", "Tillerson"]


def test_merge_two_speakers_keeping_the_chosen_name(qtbot, dialog, session):
    store = session.store
    tillerson = registry(store)["Tillerson"][1]
    rex = registry(store)["Rex Tillerson"][1]
    select(qtbot, dialog, "Rex Tillerson", "Tillerson")
    assert dialog.merge_button.isEnabled()

    when_modal(pick_answer(qtbot, "Rex Tillerson"))
    qtbot.mouseClick(dialog.merge_button, LEFT)

    assert registry(store) == {
        "John Kelly": ((), registry(store)["John Kelly"][1]),
        "Rex Tillerson": (("Secretary Tillerson", "Tillerson"), rex),
    }
    assert all(q.speaker_id == rex for q in store.quotes(1))
    assert ("Rex Tillerson", "Secretary Tillerson; Tillerson", "3") in rows(dialog)
    assert [s.name for s in dialog.selected()] == ["Rex Tillerson"]

    session.undo_stack.undo()
    assert registry(store)["Tillerson"][1] == tillerson
    assert ("Tillerson", "", "2") in rows(dialog)


def test_merge_needs_two_speakers(qtbot, dialog):
    select(qtbot, dialog, "Tillerson")
    assert not dialog.merge_button.isEnabled()


def test_rename_keeps_the_old_name_as_alias(qtbot, dialog, session):
    select(qtbot, dialog, "John Kelly")
    when_modal(type_answer(qtbot, "John F. Kelly"))
    qtbot.mouseClick(dialog.rename_button, LEFT)
    assert registry(session.store)["John F. Kelly"][0] == ("John Kelly",)
    assert ("John F. Kelly", "John Kelly", "0") in rows(dialog)


def test_rename_to_an_existing_name_is_refused_with_advice(qtbot, dialog, session):
    select(qtbot, dialog, "Tillerson")
    when_modal(type_answer(qtbot, "Rex Tillerson"))
    qtbot.mouseClick(dialog.rename_button, LEFT)
    assert "Tillerson" in registry(session.store)
    assert "merge them instead" in dialog.message.text()


def test_add_and_remove_an_alias(qtbot, dialog, session):
    select(qtbot, dialog, "John Kelly")
    when_modal(type_answer(qtbot, "Gen. Kelly"))
    qtbot.mouseClick(dialog.add_alias_button, LEFT)
    assert registry(session.store)["John Kelly"][0] == ("Gen. Kelly",)
    assert dialog.remove_alias_button.isEnabled()

    when_modal(pick_answer(qtbot, "Gen. Kelly"))
    qtbot.mouseClick(dialog.remove_alias_button, LEFT)
    assert registry(session.store)["John Kelly"][0] == ()
    assert not dialog.remove_alias_button.isEnabled()


def test_add_a_speaker(qtbot, dialog, session):
    qtbot.keyClicks(dialog.filter, "kelly")
    when_modal(type_answer(qtbot, "Claudia Sheinbaum"))
    qtbot.mouseClick(dialog.add_button, LEFT)
    assert "Claudia Sheinbaum" in registry(session.store)
    assert dialog.filter.text() == ""
    assert [s.name for s in dialog.selected()] == ["Claudia Sheinbaum"]


def test_delete_asks_first_when_the_speaker_has_quotes(qtbot, dialog, session):
    select(qtbot, dialog, "Tillerson")
    asked = when_modal(cancel(qtbot))
    qtbot.mouseClick(dialog.delete_button, LEFT)
    assert isinstance(asked[0], QMessageBox)
    assert "2 quotes keep their text" in asked[0].text()
    assert "Tillerson" in registry(session.store)

    def delete(box):
        button = next(b for b in box.buttons() if b.text() == "Delete")
        qtbot.mouseClick(button, LEFT)

    when_modal(delete)
    qtbot.mouseClick(dialog.delete_button, LEFT)
    assert "Tillerson" not in registry(session.store)
    assert [q.speaker_id for q in session.store.quotes(1)].count(None) == 2
    assert [row[0] for row in rows(dialog)] == ["John Kelly", "Rex Tillerson"]


def test_delete_without_quotes_needs_no_confirmation(qtbot, dialog, session):
    select(qtbot, dialog, "John Kelly")
    qtbot.mouseClick(dialog.delete_button, LEFT)
    assert "John Kelly" not in registry(session.store)


def test_the_merge_hint_says_to_select_a_second_speaker(qtbot, dialog):
    assert "Select two speakers" in dialog.merge_hint.text()
    select(qtbot, dialog, "Rex Tillerson")
    assert not dialog.merge_button.isEnabled()
    assert "Ctrl+click a second speaker who is Rex Tillerson" in dialog.merge_hint.text()
    select(qtbot, dialog, "Rex Tillerson", "Tillerson")
    assert dialog.merge_button.isEnabled()
    assert "which name to keep" in dialog.merge_hint.text()


def test_delete_asks_with_the_name_as_written_and_one_quote_in_the_singular(qtbot, session):
    name = "<b>Evil</b> <img src=x>"
    store = session.store
    speaker = speakers.create_speaker(store, name).speakers_after[0]
    quotes.add_quote(store, 1, [(0, 3)], speaker_id=speaker.id)
    dialog = SpeakersDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    select(qtbot, dialog, name)
    shown: list[tuple[Qt.TextFormat, str]] = []

    def read(box):
        label = box.findChild(QLabel, "qt_msgbox_label")
        shown.append((label.textFormat(), label.text()))
        box.reject()

    when_modal(read, QMessageBox)
    qtbot.mouseClick(dialog.delete_button, LEFT)
    [(text_format, text)] = shown
    assert text_format == Qt.TextFormat.PlainText
    assert text.startswith(f"Delete {name} from the registry? 1 quote keeps its text")
    assert name in registry(store)


def test_add_alias_asks_with_the_name_as_written(qtbot, session):
    name = "<b>Evil</b> <img src=x>"
    speakers.create_speaker(session.store, name)
    dialog = SpeakersDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    select(qtbot, dialog, name)
    shown: list[tuple[Qt.TextFormat, str]] = []

    def read(asking):
        shown.extend((label.textFormat(), label.text()) for label in asking.findChildren(QLabel))
        asking.reject()

    when_modal(read)
    qtbot.mouseClick(dialog.add_alias_button, LEFT)
    assert shown == [(Qt.TextFormat.PlainText, f"Another name for {name}:")]
