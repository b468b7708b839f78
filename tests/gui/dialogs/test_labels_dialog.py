import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialogButtonBox, QKeySequenceEdit

from annotator.core import quotes
from annotator.gui.dialogs.labels_dialog import LabelsDialog
from tests.gui.dialogs import (
    cancel,
    click,
    type_answer,
    when_modal,
)
from tests.projects import add_document

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def dialog(qtbot, session):
    dialog = LabelsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def names(store, kind):
    return [label.name for label in store.labels(kind)]


def select(qtbot, label_list, name):
    view = label_list.list
    for row in range(view.count()):
        if view.item(row).text().split("    ")[0] == name:
            cell = view.visualItemRect(view.item(row)).center()
            qtbot.mouseClick(view.viewport(), LEFT, pos=cell)
            return
    raise AssertionError(f"{name} is not listed")


def shown(label_list):
    return [label_list.list.item(row).text() for row in range(label_list.list.count())]


def test_lists_stances_and_quote_types_with_their_shortcuts(dialog):
    assert shown(dialog.stances) == [
        "supports    (1)",
        "opposes    (2)",
        "neutral    (3)",
        "unclear    (4)",
    ]
    assert [text.split("    ")[0] for text in shown(dialog.quote_types)] == [
        "direct",
        "indirect",
        "mixed",
    ]


def test_add_a_stance_is_stored_listed_and_undoable(qtbot, dialog, session):
    when_modal(type_answer(qtbot, "sceptical"))
    qtbot.mouseClick(dialog.stances.add_button, LEFT)

    assert names(session.store, "stance")[-1] == "sceptical"
    assert dialog.stances.list.currentItem().text() == "sceptical"
    assert "sceptical" not in names(session.store, "quote_type")

    session.undo_stack.undo()
    assert "sceptical" not in names(session.store, "stance")
    assert "sceptical" not in shown(dialog.stances)


def test_rename_keeps_the_quotes_that_use_the_label(qtbot, dialog, session):
    store = session.store
    document = add_document(store)
    opposes = store.find_label("stance", "opposes")
    quote = quotes.add_quote(store, document, [(8, 11)], stance_id=opposes.id).after[0]

    select(qtbot, dialog.quote_types, "indirect")
    select(qtbot, dialog.stances, "opposes")
    when_modal(type_answer(qtbot, "rejects"))
    qtbot.mouseClick(dialog.stances.rename_button, LEFT)

    assert names(store, "stance") == ["supports", "rejects", "neutral", "unclear"]
    assert store.quote(quote.id).stance_id == opposes.id
    assert dialog.stances.list.currentItem().text() == "rejects    (2)"


def test_a_refused_name_is_explained_and_nothing_changes(qtbot, dialog, session):
    select(qtbot, dialog.stances, "opposes")
    when_modal(type_answer(qtbot, "Supports"))
    qtbot.mouseClick(dialog.stances.rename_button, LEFT)

    assert names(session.store, "stance") == ["supports", "opposes", "neutral", "unclear"]
    assert dialog.message.isVisible()
    assert "already a stance named 'supports'" in dialog.message.text()


def test_cancelled_rename_changes_nothing(qtbot, dialog, session):
    select(qtbot, dialog.stances, "neutral")
    when_modal(cancel(qtbot))
    qtbot.mouseClick(dialog.stances.rename_button, LEFT)
    assert names(session.store, "stance") == ["supports", "opposes", "neutral", "unclear"]
    assert session.undo_stack.count() == 0


def test_recolour(qtbot, dialog, session):
    select(qtbot, dialog.quote_types, "mixed")

    def choose(colour_dialog):
        assert isinstance(colour_dialog, QColorDialog)
        colour_dialog.setCurrentColor(QColor("#123456"))
        click(qtbot, colour_dialog, QDialogButtonBox.StandardButton.Ok)

    when_modal(choose)
    qtbot.mouseClick(dialog.quote_types.recolour_button, LEFT)
    assert session.store.find_label("quote_type", "mixed").color == "#123456"


def test_set_a_shortcut_by_pressing_the_key(qtbot, dialog, session):
    select(qtbot, dialog.stances, "unclear")

    def press(shortcut_dialog):
        editor = shortcut_dialog.findChild(QKeySequenceEdit)
        editor.clear()
        qtbot.keyClick(editor, Qt.Key.Key_9)
        click(qtbot, shortcut_dialog, QDialogButtonBox.StandardButton.Ok)

    when_modal(press)
    qtbot.mouseClick(dialog.stances.shortcut_button, LEFT)
    assert session.store.find_label("stance", "unclear").shortcut == "9"
    assert dialog.stances.list.currentItem().text() == "unclear    (9)"


def test_a_shortcut_already_taken_is_refused(qtbot, dialog, session):
    select(qtbot, dialog.stances, "unclear")

    def press(shortcut_dialog):
        editor = shortcut_dialog.findChild(QKeySequenceEdit)
        editor.clear()
        qtbot.keyClick(editor, Qt.Key.Key_1)
        click(qtbot, shortcut_dialog, QDialogButtonBox.StandardButton.Ok)

    when_modal(press)
    qtbot.mouseClick(dialog.stances.shortcut_button, LEFT)
    assert session.store.find_label("stance", "unclear").shortcut == "4"
    assert "Shortcut 1 is already used by 'supports'" in dialog.message.text()


def test_move_up_and_down(qtbot, dialog, session):
    select(qtbot, dialog.stances, "neutral")
    qtbot.mouseClick(dialog.stances.up_button, LEFT)
    assert names(session.store, "stance") == ["supports", "neutral", "opposes", "unclear"]
    qtbot.mouseClick(dialog.stances.up_button, LEFT)
    assert names(session.store, "stance") == ["neutral", "supports", "opposes", "unclear"]
    assert not dialog.stances.up_button.isEnabled()  # already first
    qtbot.mouseClick(dialog.stances.down_button, LEFT)
    assert names(session.store, "stance") == ["supports", "neutral", "opposes", "unclear"]
    assert [text.split("    ")[0] for text in shown(dialog.stances)] == names(
        session.store, "stance"
    )


def test_delete_an_unused_label_but_not_a_used_one(qtbot, dialog, session):
    store = session.store
    document = add_document(store)
    direct = store.find_label("quote_type", "direct")
    quotes.add_quote(store, document, [(8, 11)], quote_type_id=direct.id)

    select(qtbot, dialog.quote_types, "mixed")
    qtbot.mouseClick(dialog.quote_types.delete_button, LEFT)
    assert names(store, "quote_type") == ["direct", "indirect"]

    select(qtbot, dialog.quote_types, "direct")
    qtbot.mouseClick(dialog.quote_types.delete_button, LEFT)
    assert names(store, "quote_type") == ["direct", "indirect"]
    assert "'direct' is used by 1 quote" in dialog.message.text()


def test_closed_dialog_stops_listening(qtbot, dialog, session):
    dialog.close()
    session.failed.emit("something else went wrong")
    assert "something else" not in dialog.message.text()


def test_a_key_the_window_uses_is_refused_naming_what_it_does(qtbot, dialog, session):
    select(qtbot, dialog.stances, "unclear")

    def press(shortcut_dialog):
        editor = shortcut_dialog.findChild(QKeySequenceEdit)
        editor.clear()
        qtbot.keyClick(editor, Qt.Key.Key_Q)
        click(qtbot, shortcut_dialog, QDialogButtonBox.StandardButton.Ok)

    when_modal(press)
    qtbot.mouseClick(dialog.stances.shortcut_button, LEFT)
    assert session.store.find_label("stance", "unclear").shortcut == "4"
    assert "Shortcut Q is already used by the window (make quote)" in dialog.message.text()


# -- descriptions: the codebook -----------------------------------------------------


def test_describe_a_label_stores_it_shows_it_and_undoes(qtbot, dialog, session):
    select(qtbot, dialog.stances, "opposes")
    when_modal(type_answer(qtbot, "argues against the target"))
    qtbot.mouseClick(dialog.stances.describe_button, LEFT)
    assert session.store.find_label("stance", "opposes").description == "argues against the target"
    assert "argues against the target" in dialog.stances.list.currentItem().toolTip()
    session.undo_stack.undo()
    assert session.store.find_label("stance", "opposes").description == ""


def test_cancelled_description_changes_nothing(qtbot, dialog, session):
    select(qtbot, dialog.quote_types, "direct")
    when_modal(cancel(qtbot))
    qtbot.mouseClick(dialog.quote_types.describe_button, LEFT)
    assert session.undo_stack.count() == 0
